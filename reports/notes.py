"""The analyst's commentary: Markdown beside the numbers, every number checked.

An analyst writes ``notes.md`` (``secbrief brief --notes notes.md``, or ``[brief] notes =
"notes/{period}.md"`` in ``secbrief.toml``)::

    In June, {killed.total} people were killed, {killed.total.vs_previous}. Balochistan
    lost {provinces.Balochistan.killed}.

    ## Provinces
    Khyber Pakhtunkhwa accounts for {provinces.KP.killed} of the deaths.

- The text before the first heading is the **Analysis** under the summary; a block under a
  level-1 or level-2 heading naming a section (``## Provinces``, ``## Trends``,
  ``## Perpetrators and methods`` ...) goes into that section. An unknown heading is an error
  with its line number.
- ``{name}`` is a number of the brief's numbers file (``--emit-json``) by name, formatted
  exactly as the brief formats it (``at least 915``, ``rose 99% (from 459 to 915)``), so a
  rerun on revised data updates the commentary too. An unknown name is an error with file and
  line. ``{{`` and ``}}`` write literal braces. See :data:`NAMES` and ``docs/notes.md``.
- Numbers typed literally are checked against every number the brief shows; one that is not
  there is a :class:`NoteWarning` ("notes.md line 4: '45 killed' — no such number in this
  brief; did you mean 54?"), an error with ``strict``.
- ``<!-- ... -->`` comments are notes to self: removed, never shown.

The Markdown is untrusted text, like the data: it is rendered with markdown-it-py (CommonMark
plus tables) with raw HTML off and images off, so nothing in it reaches the page as markup
and nothing is fetched.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from analysis.errors import ConfigError
from analysis.gazetteer import normalise_name

#: Heading (normalised) → section of the brief its block goes into.
SECTION_HEADINGS: dict[str, str] = {
    "analysis": "analysis",
    "summary": "analysis",
    "headline": "headline",
    "headline numbers": "headline",
    "findings": "findings",
    "key findings": "findings",
    "provinces": "provinces",
    "provinces and territories": "provinces",
    "districts": "provinces",
    "regions": "provinces",
    "hot spots": "hotspots",
    "hotspots": "hotspots",
    "trends": "trends",
    "perpetrators and methods": "perpetrators",
    "perpetrators": "perpetrators",
    "methods of attack": "perpetrators",
    "map": "map",
    "deadliest incidents": "deadliest",
    "deadliest": "deadliest",
    "revisions": "revisions",
    "revisions since the last brief": "revisions",
    "methods": "methods",
    "methods and data": "methods",
    "outlook": "outlook",
}

#: Headings shown in the error for an unknown one (one per section).
_CANONICAL_HEADINGS = (
    "Analysis, Headline numbers, Key findings, Provinces (or Districts), Hot spots, Trends, "
    "Perpetrators and methods, Map, Deadliest incidents, Revisions, Methods and data, Outlook"
)

#: Every section a commentary block can go into (templates read ``notes.sections[<name>]``).
NOTE_SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(SECTION_HEADINGS.values()))

#: Short names of the numbers file, with what they stand for (the documentation's table).
NAMES: dict[str, str] = {
    "incidents, attacks, operations, clashes": "headline counts (``headline.<measure>``)",
    "killed, killed.total, killed.security, killed.civilians, killed.militants, killed.unknown": (
        "deaths by category (``headline.killed_<category>``)"
    ),
    "injured, injured.total": "injured (``headline.injured_total``)",
    "<measure>.vs_previous, <measure>.vs_last_year, <measure>.ytd": (
        "the change phrase; add ``.previous``, ``.percent``, ``.verdict``, ``.difference``, ``.rate_ratio``"
    ),
    "killed.range.low, killed.range.high": "deaths in incidents that report a range",
    "provinces.<name>.<field>, districts.<name>.<field>": (
        "a row of the provinces (districts) table; name in any gazetteer spelling (``KP``); fields "
        "incidents, killed, killed.security ..., injured, rate, vs_previous, vs_last_year"
    ),
    "perpetrators.<group>.<field>, methods.<method>.<field>": "rows of the perpetrators and methods tables",
    "suicide.<field>": "suicide attacks: incidents, killed, injured, vs_previous",
    "deadliest.<n>.<field>": "the n-th deadliest incident (1 = deadliest): killed, injured, date",
    "findings.<n>": "the sentence of the n-th key finding (1 = the first)",
    "hotspots.<n>.<field>": "the n-th hot spot: district, province, killed, incidents, share, vs_previous",
    "<any path of the numbers file>": "e.g. ``headline.killed_total.value``",
}

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_OPEN, _CLOSE = "\ue000", "\ue001"  # wrap substituted values so the literal check skips them
_SUBSTITUTED = re.compile(f"{_OPEN}[^{_CLOSE}]*{_CLOSE}")
_NUMBER = re.compile(
    r"(?<![\w.,/\-−+])"  # not inside a word, a decimal, a date or a code
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?"
    r"(?![\w,.]\d|[A-Za-z])"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_BEFORE = re.compile(rf"(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^\s*(?:{_MONTHS})\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"^\s*([A-Za-z][\w\-]*)")


class NotesError(ConfigError):
    """The commentary cannot be used: unknown name or heading, or (strict) an unchecked number."""

    def one_line(self) -> str:
        """``notes.md line 3: message`` (a line, not a data row)."""
        where = " ".join(p for p in (self.file, f"line {self.row}" if self.row is not None else None) if p)
        text = " ".join(self.message.split())
        return f"{where}: {text}" if where else text


@dataclass(frozen=True)
class NoteWarning:
    """A number typed in the commentary that the brief does not show."""

    file: str
    line: int
    text: str
    suggestion: str | None

    def one_line(self) -> str:
        """One line: ``notes.md line 4: '45 killed' — no such number in this brief; did you mean 54?``."""
        return f"{self.file} line {self.line}: {_warning_text(self)}"


@dataclass(frozen=True)
class Commentary:
    """The rendered commentary: HTML per section, its first paragraph (page one), and the warnings.

    ``rest_of_analysis`` is the Analysis block without its first paragraph (shown after page one).

    ``sections`` has every name of :data:`NOTE_SECTIONS` (empty markup where the analyst wrote
    nothing), so a template can write ``{{ notes.sections.provinces }}``.
    """

    file: str = ""
    sections: Mapping[str, Markup] = field(default_factory=lambda: {s: Markup("") for s in NOTE_SECTIONS})
    first_paragraph: Markup = Markup("")
    rest_of_analysis: Markup = Markup("")
    warnings: tuple[NoteWarning, ...] = ()

    @property
    def analysis(self) -> Markup:
        """The block under the summary."""
        return self.sections["analysis"]

    def __bool__(self) -> bool:
        return any(str(v) for v in self.sections.values())


# --------------------------------------------------------------------------- names


def _norm(s: str) -> str:
    return normalise_name(s.replace("_", " ")) or s.strip().lower()


def _child(node: Mapping[str, Any], key: str) -> tuple[str, Any] | None:
    if key in node:
        return key, node[key]
    want = _norm(key)
    for k, v in node.items():
        if _norm(str(k)) == want:
            return str(k), v
    return None


_MEASURES = ("incidents", "attacks", "operations", "clashes")
_CATEGORIES = ("total", "security", "civilians", "militants", "unknown")
_FIELD_ALIASES = {
    "killed": "killed_total",
    "injured": "injured_total",
    "rate": "killed_per_million_per_year",
    "per_million": "killed_per_million_per_year",
    "vs_previous": "killed_vs_previous",
    "vs_last_year": "killed_vs_last_year",
}


def _comparison(comparisons: Mapping[str, Any], which: str) -> str | None:
    keys = list(comparisons)
    ytd = [k for k in keys if k.lower().startswith("year to date")]
    plain = [k for k in keys if k not in ytd]
    if which == "ytd":
        return ytd[0] if ytd else None
    if which == "vs_previous":
        return plain[0] if plain else None
    if which == "vs_last_year":
        return plain[1] if len(plain) > 1 else (plain[0] if plain else None)
    return None


def _expand(parts: list[str], numbers: Mapping[str, Any]) -> list[str]:
    """Short name → path of the numbers file (unchanged when it is already a path)."""
    head, rest = parts[0].lower(), parts[1:]
    if head in ("killed", "injured"):
        cat = rest[0].lower() if rest and rest[0].lower() in _CATEGORIES else None
        if head == "killed" and rest and rest[0].lower() == "range":
            return ["headline", "killed_range", *rest[1:]]
        if rest and cat is None and rest[0] not in _CHANGES:
            words = [*_CATEGORIES, *_CHANGES]
            close = difflib.get_close_matches(rest[0], words, n=1)
            hint = f"did you mean '{head}.{close[0]}'? " if close else ""
            raise KeyError(f"unknown number '{head}.{rest[0]}': {hint}after '{head}' write one of {', '.join(words)}")
        if cat is not None:
            rest = rest[1:]
        path = ["headline", f"{head}_{cat or 'total'}"]
        return path + _expand_change(rest)
    if head in _MEASURES:
        return ["headline", head, *_expand_change(rest)]
    if head in ("provinces", "districts", "regions") and rest:
        name = rest[0]
        regions = numbers.get("regions", {})
        if _child(regions, name) is None:
            from analysis.gazetteer import resolve_province

            canonical = resolve_province(name)
            if canonical is not None:
                name = canonical
        return ["regions", name, *_expand_field(rest[1:])]
    if head == "perpetrators" and rest:
        return ["perpetrators", rest[0], *_expand_field(rest[1:])]
    if head == "methods" and rest and rest[0] not in numbers.get("methods", {}):
        return ["methods_of_attack", rest[0], *_expand_field(rest[1:])]
    if head == "suicide":
        f = [{"killed": "killed_total", "injured": "injured_total"}.get(p, p) for p in rest]
        return ["suicide_attacks", *f]
    if head == "hotspots" and rest and rest[0].isdigit() and int(rest[0]) > 0:
        f = [{"killed.vs_previous": "vs_previous", "share": "share_percent"}.get(p, p) for p in rest[1:]]
        return ["hot_spots", "districts", str(int(rest[0]) - 1), *f]
    if head in ("deadliest", "findings") and rest and rest[0].isdigit() and int(rest[0]) > 0:
        return [head, str(int(rest[0]) - 1), *_expand_field(rest[1:])]  # 1 = the first
    return parts


_CHANGES = ("vs_previous", "vs_last_year", "ytd")


def _expand_change(rest: list[str]) -> list[str]:
    if rest and rest[0] in _CHANGES:
        return ["comparisons", f"@{rest[0]}", *rest[1:]]
    return rest


def _expand_field(rest: list[str]) -> list[str]:
    if not rest:
        return []
    first = rest[0]
    if first in ("killed", "injured") and len(rest) > 1 and rest[1] in _CATEGORIES:
        return [f"{first}_{rest[1]}", *rest[2:]]
    return [_FIELD_ALIASES.get(first, first), *rest[1:]]


def lookup(name: str, numbers: Mapping[str, Any]) -> tuple[Any, str, Any]:
    """The value named ``name`` in the numbers file, its key and the record holding it.

    Raises
    ------
    KeyError
        With a message saying where the name stopped matching and what would.
    """
    parts = [p.strip() for p in name.strip().split(".")]
    if not parts or not all(parts):
        raise KeyError(f"'{{{name}}}' is not a name; write e.g. {{killed.total}}")
    path = _expand(parts, numbers)
    node: Any = numbers
    parent: Any = None
    key = ""
    for i, part in enumerate(path):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            parent, key, node = node, part, node[int(part)]
            continue
        if isinstance(node, Mapping):
            if part.startswith("@"):
                found = _comparison(node, part[1:])
                hit = (found, node[found]) if found is not None else None
            else:
                hit = _child(node, part)
            if hit is not None:
                parent, key, node = node, hit[0], hit[1]
                continue
            choices = [str(k) for k in node]
            close = difflib.get_close_matches(part, choices, n=1)
            at = ".".join(path[:i]) or "the numbers file"
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise KeyError(
                f"unknown number '{{{name}}}': no '{part}' in {at}; {hint}"
                f"there: {', '.join(choices[:12])}{' …' if len(choices) > 12 else ''}"
            )
        raise KeyError(f"unknown number '{{{name}}}': '{'.'.join(path[:i])}' is a single value")
    return node, key, parent


def _partial(key: str, parent: Any) -> bool:
    if not isinstance(parent, Mapping):
        return False
    if key == "value" and isinstance(parent.get("at_least"), bool):
        return bool(parent["at_least"])
    for flag in (f"{key}_at_least", f"{key.split('_')[0]}_at_least"):
        if isinstance(parent.get(flag), bool):
            return bool(parent[flag])
    unknown = parent.get("unknown_incidents")
    return isinstance(unknown, Mapping) and int(unknown.get(key) or 0) > 0


def format_number(value: Any, key: str, parent: Any) -> str | None:
    """``value`` written as the brief writes it; ``None`` when the brief has no value there."""
    from reports import formatting as fmt

    if isinstance(value, Mapping):
        for k in ("text", "phrase", "sentence"):
            if isinstance(value.get(k), str):
                return str(value[k])
        if "value" in value:
            return format_number(value["value"], "value", value)
        raise TypeError(f"a group of numbers ({', '.join(map(str, list(value)[:8]))}), not one number")
    if isinstance(value, list):
        raise TypeError("a list of numbers, not one number")
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return fmt.at_least(value, _partial(key, parent))
    if isinstance(value, float):
        if "percent" in key:  # a change is signed (+83%), a share is not (25%)
            return fmt.percent(value, signed="share" not in key)
        if key == "p_value":
            return fmt.p_value(value)
        if "ratio" in key or key in ("ci_low", "ci_high"):
            return fmt.ratio(value)
        return fmt.rate(value)
    return str(value)


# --------------------------------------------------------------------------- numbers shown


def _literal_value(m: re.Match[str]) -> float:
    return float(m.group("num").replace(",", "") + (m.group("dec") or ""))


#: Parts of the numbers file the brief does not print as text: the values plotted in the charts
#: (thousands of numbers that would let almost any typo pass) and the run's settings.
NOT_SHOWN_AS_TEXT = frozenset({"figures", "settings", "data_fingerprint", "fingerprint"})


def shown_numbers(numbers: Any) -> set[float]:
    """Every number the brief shows.

    The values of the numbers file as written and as rounded, and every figure inside its
    sentences and phrases.
    """
    out: set[float] = set()

    def add(v: Any, key: str = "") -> None:
        if isinstance(v, Mapping):
            for k, x in v.items():
                if k not in NOT_SHOWN_AS_TEXT:
                    add(x, str(k))
        elif isinstance(v, list):
            for x in v:
                add(x, key)
        elif isinstance(v, bool) or v is None:
            return
        elif isinstance(v, int):
            out.add(float(v))
        elif isinstance(v, float):
            out.update({round(abs(v), 0), round(abs(v), 1), round(abs(v), 2)})
        elif isinstance(v, str):
            for m in _NUMBER.finditer(v):
                out.add(_literal_value(m))

    add(numbers)
    return out


def _digits_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment) between two digit strings."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def suggest(value: float, shown: Iterable[float]) -> float | None:
    """The brief's number the analyst most likely meant.

    One typo away (a swapped, wrong, missing or extra digit; a swap first), else the nearest
    within 10 %; ``None`` when nothing is close.
    """
    key = f"{value:g}"
    best: tuple[int, bool, float, float] | None = None
    for s in shown:
        other = f"{s:g}"
        dist = _digits_distance(key, other)
        if dist <= 1:  # a swap of two digits first (45 for 54), then the nearest
            cand = (dist, sorted(other) != sorted(key), abs(s - value), s)
            best = cand if best is None or cand < best else best
    if best is not None:
        return best[3]
    near = [s for s in shown if value and abs(s - value) <= 0.1 * abs(value)]
    return min(near, key=lambda s: abs(s - value)) if near else None


def _is_year_or_date(m: re.Match[str], text: str) -> bool:
    if m.group("dec") or m.group("pct") or "," in m.group("num"):
        return False
    n = int(m.group("num"))
    if len(m.group("num")) == 4 and 1900 <= n <= 2100:
        return True
    if 1 <= n <= 31:
        return bool(_DATE_BEFORE.search(text[: m.start()]) or _DATE_AFTER.search(text[m.end() :]))
    return False


def check_literals(text: str, shown: set[float]) -> Iterator[tuple[int, str, float | None]]:
    """Typed numbers of ``text`` that the brief does not show: (offset, quoted text, suggestion).

    Substituted values, years and the days of dates are skipped.
    """
    bare = _SUBSTITUTED.sub(lambda m: " " * len(m.group(0)), text)
    for m in _NUMBER.finditer(bare):
        if _is_year_or_date(m, bare):
            continue
        value = _literal_value(m)
        if any(abs(value - s) < 1e-9 for s in shown):
            continue
        quoted = m.group(0).strip()
        if not m.group("pct"):
            w = _NEXT_WORD.match(bare[m.end() :])
            if w:
                quoted = f"{quoted} {w.group(1)}"
        yield m.start(), quoted, suggest(value, shown)


# --------------------------------------------------------------------------- rendering


def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable(["image", "html_inline", "html_block"])
    return md


def _substitute(text: str, numbers: Mapping[str, Any], file: str) -> tuple[str, list[tuple[int, str]]]:
    """Replace ``{name}`` by its formatted value (wrapped in sentinels); names without a value."""
    out_lines: list[str] = []
    empty: list[tuple[int, str]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        before = out_lines[-1].rstrip() if out_lines else ""

        def repl(m: re.Match[str], lineno: int = lineno, line: str = line, before: str = before) -> str:
            tok = m.group(0)
            if tok == "{{":
                return "{"
            if tok == "}}":
                return "}"
            name = m.group(1)
            try:
                value, key, parent = lookup(name, numbers)
                shown = format_number(value, key, parent)
            except KeyError as exc:
                raise NotesError(str(exc.args[0]), file=file, row=lineno) from None
            except TypeError as exc:
                raise NotesError(f"'{{{name}}}' is {exc}; name one of its fields", file=file, row=lineno) from None
            if shown is None:
                empty.append((lineno, name))
                shown = "not recorded"
            if _starts_sentence(line[: m.start()], before):  # "At least 915 people were killed"
                shown = shown[:1].upper() + shown[1:]
            return f"{_OPEN}{shown}{_CLOSE}"

        out_lines.append(_PLACEHOLDER.sub(repl, line))
    return "\n".join(out_lines), empty


def _starts_sentence(head: str, previous_line: str) -> bool:
    head = _SUBSTITUTED.sub("x", head).rstrip(" *_(\"'“")
    if head.strip(" #>-") == "" or re.fullmatch(r"\s*\d+[.)]", head):
        return previous_line == "" or previous_line[-1] in ".!?:" or head.strip() != ""
    return head[-1] in ".!?"


def _inline_lines(token: Any) -> Iterator[tuple[int, str]]:
    """(line, text) of the plain text of an inline token; code spans are not checked."""
    line = token.map[0] + 1 if token.map else 1
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "text":
            yield line, child.content


def render_notes(text: str, numbers: Mapping[str, Any], *, file: str = "notes.md", strict: bool = False) -> Commentary:
    """Render the commentary ``text`` against the brief's ``numbers`` (its numbers file).

    Raises
    ------
    NotesError
        An unknown ``{name}`` or section heading (with its line), or, with ``strict``, a typed
        number the brief does not show.
    """
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # notes to self; lines kept
    substituted, empty = _substitute(text, numbers, file)
    md = _markdown()
    tokens = md.parse(substituted)
    shown = shown_numbers(numbers)
    warnings: list[NoteWarning] = []
    blocks: dict[str, list[Any]] = {s: [] for s in NOTE_SECTIONS}
    current = "analysis"
    first_paragraph: list[Any] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.tag in ("h1", "h2"):
            title = _SUBSTITUTED.sub("", tokens[i + 1].content).strip()
            section = SECTION_HEADINGS.get(" ".join(_norm_heading(title).split()))
            if section is None:
                raise NotesError(
                    f"heading '{title}' names no section of the brief; sections: {_CANONICAL_HEADINGS} "
                    "(a level-3 heading '### ...' stays inside the section)",
                    file=file,
                    row=tok.map[0] + 1 if tok.map else None,
                )
            current = section
            i += 3  # heading_open, inline, heading_close
            continue
        if tok.type == "inline":
            for line, content in _inline_lines(tok):
                for _, quoted, guess in check_literals(content, shown):
                    warnings.append(NoteWarning(file, line, quoted, _fmt_guess(guess)))
        if current == "analysis" and not first_paragraph and tok.type == "paragraph_open":
            j = i
            while tokens[j].type != "paragraph_close":
                j += 1
            first_paragraph = tokens[i : j + 1]
        blocks[current].append(tok)
        i += 1
    for line, name in empty:
        warnings.append(NoteWarning(file, line, f"{{{name}}}", None))
    warnings.sort(key=lambda w: w.line)
    if strict and warnings:
        w = warnings[0]
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise NotesError(_warning_text(w) + more, file=file, row=w.line)

    def html(toks: list[Any]) -> Markup:
        out = md.renderer.render(toks, md.options, {}) if toks else ""
        return Markup(out.replace(_OPEN, "").replace(_CLOSE, ""))

    rest = [t for t in blocks["analysis"] if not any(t is f for f in first_paragraph)]
    return Commentary(
        file=file,
        sections={s: html(t) for s, t in blocks.items()},
        first_paragraph=html(first_paragraph),
        rest_of_analysis=html(rest),
        warnings=tuple(warnings),
    )


def _warning_text(w: NoteWarning) -> str:
    if w.text.startswith("{"):
        return f"'{w.text}' has no value in this brief (written as 'not recorded')"
    hint = f"; did you mean {w.suggestion}?" if w.suggestion else ""
    return f"'{w.text}' — no such number in this brief{hint}"


def _norm_heading(title: str) -> str:
    return re.sub(r"[^a-z ]+", " ", title.lower().replace("&", " and ")).strip()


def _fmt_guess(g: float | None) -> str | None:
    if g is None:
        return None
    from reports import formatting as fmt

    return fmt.integer(g) if float(g).is_integer() else f"{g:g}"


def notes_path(pattern: str | Path, *, period_slug: str, kind: str, region: str | None) -> Path:
    """The notes file of one brief from ``[brief] notes`` (``{period}``, ``{kind}``, ``{region}``)."""
    region_slug = normalise_name(region) if region else "national"
    try:
        return Path(str(pattern).format(period=period_slug, kind=kind, region=region_slug))
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"notes path '{pattern}': only {{period}}, {{kind}} and {{region}} can be filled in ({exc})",
            column="notes",
        ) from None


def read_notes(path: Path) -> str:
    """The text of a notes file, with a one-line error when it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise NotesError("notes file not found", file=path) from None
    except OSError as exc:
        raise NotesError(f"cannot read the notes file ({exc.strerror})", file=path) from None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotesError("not UTF-8 text", file=path, row=line) from None
