"""Every number printed in a brief's PDF is in its numbers JSON, at the printed precision (issue 13).

The PDF text (``pdftotext``) is read number by number; each must equal (in absolute
value) a number of the JSON, or a numeric string of it. Exempt, and only these: dates
and years, page numbers, the data fingerprint, "SHA-256", the software version,
bibliographic citations (volume(issue), codebook version) and chart axis ticks (one
significant digit, or 15 and 25 followed by zeros: 0, 20, 1,500, 4,000).
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from reports.cli import main

pytestmark = pytest.mark.slow

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
EXEMPT = (
    rf"\b\d{{1,2}}(–\d{{1,2}})? ({MONTHS})\b",  # 5 June, 5–7 Jun
    r"\bQ[1-4]\b",
    r"page \d+ of \d+",
    r"\b[0-9a-f]{12,64}\b",  # fingerprints
    r"SHA-256",
    r"secbrief \d+\.\d+\.\d+",
    r"\b\d+\(\d+\)",  # volume(issue)
    r"Codebook \d+(\.\d+)?",
    r"\b(19|20)\d\d\b",  # years
)
TICK = re.compile(r"^([1-9]0*|(15|25)00*)$")  # 1-2-5 axis ticks: 20, 300, 1,500, 4,000


def _json_values(x: object, out: set[float]) -> set[float]:
    if isinstance(x, bool):
        return out
    if isinstance(x, (int, float)):
        out.add(round(abs(float(x)), 6))
    elif isinstance(x, str):
        t = x.strip().replace("−", "-").rstrip("%").replace(",", "")
        if re.fullmatch(r"[-+]?\d+(\.\d+)?", t):
            out.add(round(abs(float(t)), 6))
    elif isinstance(x, dict):
        for v in x.values():
            _json_values(v, out)
    elif isinstance(x, list):
        for v in x:
            _json_values(v, out)
    return out


def unbacked_numbers(pdf_text: str, numbers: dict) -> dict[str, str]:
    """Numbers in the PDF text not in the JSON: ``{token: line}``."""
    values = _json_values(numbers, set())
    text = pdf_text
    for pattern in EXEMPT:
        text = re.sub(pattern, " ", text)
    missing: dict[str, str] = {}
    for line in text.splitlines():
        for tok in re.findall(r"\d[\d,]*(?:\.\d+)?", line):
            tok = tok.rstrip(",")
            plain = tok.replace(",", "")
            if TICK.match(plain) or plain == "0":
                continue
            if round(float(plain), 6) not in values:
                missing.setdefault(tok, line.strip()[:120])
    return missing


def _brief(out, *argv: str) -> tuple[str, dict]:
    assert main(["brief", *argv, "--out", str(out), "--emit-json", "--no-cache", "-q", "--allow-rejects"]) == 0
    pdf = next(out.glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text, json.loads(pdf.with_suffix(".json").read_text())


DEMO = [("--period", "2025-06"), ("--period", "2025-Q1", "--region", "Balochistan"), ("--period", "2024")]
UCDP = [("--period", "2021-12"), ("--period", "2021-Q3", "--region", "Balochistan"), ("--period", "2021")]


@pytest.mark.parametrize("argv", DEMO, ids=lambda a: "-".join(a[1::2]))
def test_demo_brief_numbers_are_in_the_json(tmp_path, argv):
    text, numbers = _brief(tmp_path, *argv)
    assert unbacked_numbers(text, numbers) == {}


@pytest.mark.parametrize("argv", UCDP, ids=lambda a: "-".join(a[1::2]))
def test_ucdp_brief_numbers_are_in_the_json(tmp_path, shared_data, argv):
    data = str(shared_data / "ucdp-ged-pakistan.csv")
    text, numbers = _brief(tmp_path, "--data", data, "--source", "ucdp", *argv)
    assert unbacked_numbers(text, numbers) == {}


def test_the_check_finds_a_number_the_json_lacks():
    assert unbacked_numbers("Killed per million 41.0 and 43.4", {"rate": 41.0}) == {
        "43.4": "Killed per million 41.0 and 43.4"
    }
