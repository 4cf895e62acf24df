"""Reading a news report: header lines, HTML, and the text split into typed sentences.

A report is plain text or HTML. An optional first line ``date YYYY-MM-DD`` gives the
publication date and an optional ``url <address>`` line its address. Lines that are
not running text are kept apart: headlines and sub-heads (no closing punctuation),
bullet points, photo captions and bylines. The last paragraph is always running text,
because saved excerpts are often cut off mid-sentence.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Literal

Kind = Literal["text", "headline", "bullet", "caption", "meta"]

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
_URL_LINE = re.compile(r"^\s*url\s+(\S+)\s*$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’]+(?:[ /]+[A-Z][A-Z.'’]+)*\s*[:–—-]\s+"
    # "Islamabad, Feb 1 (PTI)", "KARACHI, Jan 20 (APP):", "QUETTA, Pakistan, Nov 9 (Reuters) -"
    r"|[A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+)*(?:,\s+[A-Z][a-z]+)?,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?"
    r"\s+\((?:PTI|AP|AFP|APP|IANS|Reuters|UNI|NNI|INP|PPI|Xinhua)\)\s*(?:[:–—-]\s*)?"
    # "QUETTA, Jan 3:", "PESHAWAR, Aug. 19 -": the city in capitals and the filing day.
    r"|[A-Z][A-Z.'’]+(?:[ /]+[A-Z][A-Z.'’]+)*,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*[:–—-]\s+"
    # ANI: "Khyber Pakhtunkhwa [Pakistan], January 12 :"
    r"|[A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+)*\s+\[[A-Z][a-z]+\],\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*:\s*"
    # a city in capitals and a parenthesised credit: "DERA ISMAIL KHAN, (UrduPoint / Pakistan Point News -
    # 3rd Nov, 2023)", "PESHAWAR, Pakistan (AP) —"
    r"|[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+)*(?:,\s+[A-Z][a-z]+\s+|,\s*)\([^()]{2,80}\)\s*(?:[:–—-]\s*)?"
    # a city in capitals and an agency's credit: "LAHORE (APP):", "QUETTA (Reuters) -", "PESHAWAR (AFP) —"
    r"|[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+)*\s+"
    r"\((?:APP|AP|AFP|Reuters|PTI|IANS|UNI|NNI|INP|PPI|Xinhua|ANI|Online)\)\s*[:–—-]\s*"
    # a city in title case, the country and a dash: "Islamabad, Pakistan – Security officials said ..."
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},\s+Pakistan\s*[–—-]\s+"
    # a city in title case and a colon, as Indian wire copy writes it: "Islamabad: Four people ..."
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}:\s+(?=[A-Z0-9])"
    # a city in title case, the country and a dash, as Gulf and Asian outlets write it: "Islamabad, Pakistan – "
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},\s+Pakistan\s+[–—-]\s+(?=[A-Z0-9]))"
)
_CAPTION = re.compile(
    # The dash stands apart ("— Photo via ...", "- AFP"), not "a pre-dawn raid" or "(NNN-APP)",
    # which credits the text, not a photo.
    r"(?:(?<!\w)[—–-]\s*(?:Photo|Courtesy|AFP|Reuters|AP|APP|File|Dawn|Screengrab|Twitter|X)\b|"
    r"\bPhoto by\b|^File photo\b|\bphoto taken on\b|\(Photo\s*[|:/]|\bImage used for representational|"
    # An AP/Reuters photo caption ends on the day the picture was taken, weekday and full date:
    # "Relatives mourn next to the body of a soldier ..., in Faisalabad, Pakistan, Thursday, Feb. 3, 2022."
    r",\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\.?"
    r"\s*(?:\([^()]{1,60}\))?\s*$)",
    re.IGNORECASE,
)
#: Publication stamps ("Published July 2, 2023", "Published in Dawn, November 28th, 2025"):
#: the day of the paper, never an event date.
_META = re.compile(
    r"\b(?:Published|Updated)\s+(?:in\s+[A-Z][\w ]{1,40},\s+)?[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?, \d{4}"
    r"|^E-Paper\b|^\d{1,2}:\d{2}"
)
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Capt|Brig|No|St|Sgt|Gov|Rs|Jr|Sr|vs)|\b[A-Z])\.$")
_MONTH_ABBREV = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
_END = re.compile(r"[.!?]['\"”’)]?\s+(?=['\"“‘(]?[A-Z0-9•])")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or one non-text line) of a report, in reading order."""

    index: int
    paragraph: int
    text: str
    kind: Kind
    recalled: bool = False
    """A clause split off a sentence as an earlier event given as the motive ("... a response to
    Sunday's bombing that killed seven soldiers"): told with its own toll, never the main event."""
    separate: bool = False
    """A clause split off a sentence as another event told with it ("..., prompting a large-scale
    operation in which eight terrorists were killed"): it opens an incident of its own."""
    past_deed: bool = False
    """The recalled clause is a past deed of the militants ("the group which was involved in a
    December 2022 attack in which six policemen were martyred"): it may have happened anywhere, so
    it does not take the place of the event told before it."""


@dataclass(frozen=True)
class Report:
    """A report's header and body."""

    name: str
    published: date | None
    url: str | None
    body: str


class _TextOnly(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "figcaption"}
    _SKIP = {"script", "style", "noscript", "nav", "footer", "header"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def parse_report(raw: str, *, name: str) -> Report:
    """Split a report into publication date, url and body (HTML is reduced to text first)."""
    if re.search(r"<(?:html|body|p|div)\b", raw[:2000], re.IGNORECASE):
        raw = html_to_text(raw)
    lines = raw.splitlines()
    published = url = None
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and (m := _DATE_LINE.match(lines[0])):
        try:
            published = date.fromisoformat(m.group(1))
        except ValueError as exc:  # 2025-02-30: a date line with an impossible date
            from analysis.errors import SourceFormatError

            raise SourceFormatError(
                f"the first line's date '{m.group(1)}' is not a real date ({exc}); write it as YYYY-MM-DD",
                file=name,
                row=1,
            ) from exc
        lines[0] = lines[0][m.end() :]
        if not lines[0].strip():
            lines.pop(0)
    if lines and (m := _URL_LINE.match(lines[0])):
        url = m.group(1)
        lines.pop(0)
    return Report(name=name, published=published, url=url, body="\n".join(lines))


def _split_sentences(paragraph: str) -> list[str]:
    out, start = [], 0
    for m in _END.finditer(paragraph):
        piece = paragraph[start : m.start() + 1]
        if _ABBREV.search(piece) or re.search(r"\b[A-Z]\.[A-Z]\.$", piece):
            continue
        if _MONTH_ABBREV.search(piece) and paragraph[m.end() : m.end() + 1].isdigit():
            continue  # "Jan. 3", "Sept. 30": a date, not a sentence end
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _UNSTOPPED_TEXT(para: str) -> bool:  # noqa: N802 - reads as a pattern
    """A long line in sentence case that only lacks its full stop: running text, not a headline.

    "Khawarij terrorists attacked an FC checkpoint in Darazinda in Dera Ismail Khan, martyring
    at least 10 soldiers ... and injuring three others" (a saved page's lead without its stop);
    headlines are short or in title case ("10 FC Soldiers Martyred, Three Injured In DI Khan Attack").
    """
    words = para.split()
    if len(words) < 20 or re.search(r"[#@]\w|pic\.twitter\.com|https?://", para):
        # An embedded post ("#PAKWatch: Two suicide bombings ... pic.twitter.com/...") is no report text.
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised * 2 < len(words)


#: The signature closing an embedded post: "— Murtaza Wahab (@murtazawahab1) February 17, 2023".
_POST_SIGNATURE = re.compile(r"\s+[—–-]\s+[^()]{1,60}\(@\w+\)\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}$")


def _quoted_post(para: str) -> str | None:
    """The statement of an embedded post told in plain sentences, without its signature, or ``None``.

    An official's post quoted in full ("The latest information is that 4 people were martyred ...
    — Murtaza Wahab (@murtazawahab1) February 17, 2023") is a statement the report relies on, like a
    quotation; a post with hashtags, links or pictures ("#PAKWatch: ... pic.twitter.com/...") stays
    set apart.
    """
    m = _POST_SIGNATURE.search(para)
    if not m:
        return None
    text = para[: m.start()].strip()
    if not re.search(r"[.!?…\"”]$", text) or re.search(r"[#@]\w|pic\.twitter\.com|https?://", text):
        return None
    return text


def sentences(body: str) -> list[Sentence]:
    """The body as typed sentences: running text split at sentence ends, other lines whole."""
    paragraphs = [p.strip() for p in body.splitlines()]
    paragraphs = [_DATE_LINE.sub("", p).strip() for p in paragraphs if p.strip()]
    # A hard-wrapped line: "One militant was killed, several were wounded and the rest were" /
    # "forced to flee ...". A line that does not end a sentence and is followed by one that
    # starts in lower case goes on in that line (a new paragraph never starts in lower case).
    joined: list[str] = []
    for para in paragraphs:
        if joined and para[:1].islower() and not re.search(r"[.!?…:]$", joined[-1]):
            joined[-1] = f"{joined[-1]} {para}"
        else:
            joined.append(para)
    paragraphs = joined
    out: list[Sentence] = []
    for pi, para in enumerate(paragraphs):
        last = pi == len(paragraphs) - 1
        para = _quoted_post(para) or para
        kind: Kind = "text"
        if _CAPTION.search(para):
            kind = "caption"
        elif _META.search(para):
            kind = "meta"
        elif para.startswith(("•", "- ", "* ")):
            kind = "bullet"
        elif not last and not re.search(r"[.!?…'\"”’)]$", para) and not _UNSTOPPED_TEXT(para):
            kind = "headline"
        if kind != "text":
            out.append(Sentence(len(out), pi, para.lstrip("•-* ").strip(), kind))
            continue
        para = _DATELINE.sub("", para, count=1)
        for s in _split_sentences(para):
            out.append(Sentence(len(out), pi, s, "text"))
    return out


def dateline(body: str) -> str | None:
    """The place of the report's dateline ("KARACHI:", "QUETTA, Pakistan, Nov 9 (Reuters) -"), or ``None``.

    Only the first three text paragraphs are read (the first are sometimes a stray credit line such
    as "(@FahadShabbir)" or a page's logo or headline). The place is where the report was filed,
    which is not always where the incident happened: callers use it only as a last resort.
    """
    paragraphs = [_DATE_LINE.sub("", p).strip() for p in body.splitlines() if p.strip()]
    firsts: list[int] = []
    for s in sentences(body):
        if s.kind == "text" and (not firsts or firsts[-1] != s.paragraph):
            firsts.append(s.paragraph)
            if len(firsts) == 3:
                break
    m = next((m for i in firsts if (m := _DATELINE.match(paragraphs[i]))), None)
    if not m:
        return None
    place = re.split(r"\s*[,:–—(-]\s*", m.group(0).strip(), maxsplit=1)[0]
    return place.title() if place.isupper() else place
