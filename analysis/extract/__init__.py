"""``secbrief extract``: code news reports into candidate incidents for an analyst to review.

Rule-based and transparent: number words (:mod:`.numbers`), a date resolver
(:mod:`.dates`), place resolution through the gazetteer (:mod:`.places`), victim
classification (:mod:`.victims`), incident segmentation (:mod:`.segment`) and context
facts (:mod:`.context`). Nothing is downloaded at run time.
"""

from analysis.extract.context import ContextFact
from analysis.extract.pipeline import (
    DATASET,
    REVIEW_COLUMNS,
    Candidate,
    Extraction,
    candidates_frame,
    extract_file,
    extract_text,
)

__all__ = [
    "DATASET",
    "REVIEW_COLUMNS",
    "Candidate",
    "ContextFact",
    "Extraction",
    "candidates_frame",
    "extract_file",
    "extract_text",
]
