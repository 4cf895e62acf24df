"""Could a sentence parser from the registries give the extractor its sentence structure?

The remaining errors of ``secbrief extract`` on unseen reports are relations between a figure
and the words around it (whose death a number counts, which event it belongs to), which a
parser would give. PyPI ships no English parser or tagger model without a download at run time
(spaCy's models, Stanza, benepar, NLTK's data, flair all fetch theirs), so the one candidate is
the Link Grammar parser (Sleator and Temperley 1993; Debian packages ``link-grammar`` and
``python3-link-grammar``), a maintained rule parser that ships its own English dictionary.

This probe parses every sentence of the kept-aside sets final7-final9 (real published reports)
and prints, per sentence: how many get a complete linkage (no word left out), how many get no
parse at all within 2 s, the median and 90th percentile CPU time of a parse that may leave up to
8 words out ("null links", how the parser copes with real text), and how often a word the
extractor needs (a casualty verb or a victim noun) is among those left out; then the CPU per
report, parsing every sentence or only those with a figure, against the extractor's budget of
50 ms per report.

The project does not install the parser (it failed this probe). To reproduce::

    apt-get install -y python3-link-grammar
    PYTHONPATH=. .venv/bin/python bench/bench_parser_probe.py [--sets final7 final8 final9]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

from analysis.extract.numbers import NUMBER_RE
from analysis.extract.text import parse_report, sentences

NEWS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "news"
BUDGET_MS = 50.0
#: Words whose role the extractor most needs from a parse.
_KEY = re.compile(
    r"^(?:killed|killing|martyred|martyring|injured|injuring|wounded|wounding|died|dead|bomber|"
    r"soldiers?|policemen|police|personnel|civilians?|militants?|terrorists?|attackers?|people)$",
    re.IGNORECASE,
)


def main(argv: list[str] | None = None) -> int:
    """Parse the sets' sentences and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["final7", "final8", "final9"])
    args = parser.parse_args(argv)
    sys.path.append("/usr/lib/python3/dist-packages")  # where Debian puts the bindings
    try:
        from linkgrammar import Dictionary, LG_TimerExhausted, ParseOptions, Sentence
    except ImportError:
        print(
            "bench_parser_probe: the Link Grammar bindings are not installed; "
            "run `apt-get install -y python3-link-grammar`"
        )
        return 2
    english = Dictionary("en")
    strict = ParseOptions(max_parse_time=2, linkage_limit=1, min_null_count=0, max_null_count=0)
    lenient = ParseOptions(max_parse_time=2, linkage_limit=1, min_null_count=0, max_null_count=8)

    def parse(text: str, options: object) -> list:
        try:
            return list(Sentence(text, english, options).parse() or [])
        except LG_TimerExhausted:
            return []

    complete = total = key_dropped = key_seen = unparsed = 0
    per_sentence: list[float] = []
    per_report: list[float] = []
    per_report_figures: list[float] = []
    for name in args.sets:
        for path in sorted((NEWS / name).glob("*.txt")):
            report = parse_report(path.read_text(encoding="utf-8"), name=path.stem)
            spent = spent_figures = 0.0
            for sentence in sentences(report.body):
                text = sentence.text.strip()
                if len(text.split()) < 3:
                    continue
                total += 1
                if parse(text, strict):
                    complete += 1
                start = time.process_time()
                linkages = parse(text, lenient)
                took = time.process_time() - start
                spent += took
                if NUMBER_RE.search(text):  # a figure, as the extractor reads one
                    spent_figures += took
                per_sentence.append(took * 1000)
                if not linkages:
                    unparsed += 1
                    continue
                for word in linkages[0].words():
                    bare = re.sub(r"\..*$|\[.*$", "", word.strip("[]"))
                    if _KEY.match(bare):
                        key_seen += 1
                        key_dropped += word.startswith("[")
            per_report.append(spent * 1000)
            per_report_figures.append(spent_figures * 1000)
    median_sentence = statistics.median(per_sentence)
    slow_sentence = statistics.quantiles(per_sentence, n=10)[-1]
    dropped = key_dropped / max(key_seen, 1)
    every, figures = statistics.median(per_report), statistics.median(per_report_figures)
    print(f"sets: {' '.join(args.sets)}; {len(per_report)} reports, {total} sentences")
    print(f"complete linkage (no word left out): {complete}/{total} = {complete / total:.2f}")
    print(f"no parse at all within 2 s (even with 8 words left out): {unparsed}/{total}")
    print(f"CPU per sentence (8 words may be left out): median {median_sentence:.0f} ms, p90 {slow_sentence:.0f} ms")
    print(f"key words (casualty verbs, victim nouns) left out of the parse: {key_dropped}/{key_seen} = {dropped:.2f}")
    print(f"CPU per report, median: every sentence {every:.0f} ms; only sentences with a figure {figures:.0f} ms")
    print(f"the extractor's whole budget: {BUDGET_MS:.0f} ms of CPU per report")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
