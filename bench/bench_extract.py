"""Benchmark of ``secbrief extract`` on the hand-coded reports in ../shared/news.

Prints precision, recall, exact-count accuracy (killed by category and injured) and
exact-date accuracy of matched incidents for: the development half, the held-out half
(reports not used while writing the first version of the rules; see docs/extract.md
for how far that holds), all reports, and the short fresh reports written for the
project; then the time to extract one report (median of several runs).

Run: ``.venv/bin/python bench/bench_extract.py [--runs 7]``

Length: ``.venv/bin/python bench/bench_extract.py --length [--before REF]`` times one long
run-on sentence (the worst case: everything is in one sentence) at growing lengths, in
fresh processes, and prints CPU microseconds per character: constant when extraction is
linear. With ``--before REF`` the same texts run on git revision ``REF`` too (the two
largest only on this tree: the quadratic version needs minutes there).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ("00", "02", "03", "06", "13", "19", "25")
HELD_OUT = ("11", "26", "29", "32", "37", "40")


def _news_dir() -> Path:
    from tests.shared_paths import shared_news_dir

    return shared_news_dir()


#: Run in a fresh process: CPU seconds to extract a run-on sentence of ``argv[1]`` clauses.
LENGTH_CHILD = """
import json, statistics, sys, time
from analysis.extract import extract_text
text = "date 2024-12-20\\n" + "five soldiers were killed and three injured in an attack in Quetta, " * int(sys.argv[1])
extract_text(text[:2000], name="warm.txt")
runs = []
for _ in range(int(sys.argv[2])):
    t = time.process_time()
    extract_text(text, name="long.txt")
    runs.append(time.process_time() - t)
print(json.dumps({"chars": len(text), "cpu": statistics.median(runs)}))
"""


def _length_child(tree: Path, clauses: int, runs: int) -> dict:
    import json
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", LENGTH_CHILD, str(clauses), str(runs)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def length(before: str | None, runs: int) -> int:
    """CPU time per character of one long sentence at growing lengths (this tree, and ``before``)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_read import _extract

    sizes = (800, 3200, 12800, 73600)  # 54 kB, 218 kB, 870 kB, 5 MB
    with tempfile.TemporaryDirectory() as tmp:
        old = None
        if before:
            old = Path(tmp)
            _extract(before, old)
        print(f"one run-on sentence; CPU time, median of {runs} runs in a fresh process")
        print(f"  {'length':>8s}  {'this tree':>18s}" + (f"  {before:>18s}" if before else ""))
        for clauses in sizes:
            new = _length_child(ROOT, clauses, runs if clauses < 20000 else 1)
            line = f"  {new['chars'] / 1000:>6.0f} kB  {new['cpu']:6.2f} s {new['cpu'] / new['chars'] * 1e6:5.2f} us/ch"
            if old is not None and clauses <= 3200:
                was = _length_child(old, clauses, runs)
                line += f"  {was['cpu']:6.2f} s {was['cpu'] / was['chars'] * 1e6:5.2f} us/ch"
            print(line)
    return 0


def main() -> int:
    import pandas as pd

    from analysis.extract import candidates_frame, extract_text
    from analysis.extract.evaluate import article_of, evaluate
    from tests.fixtures.news.fresh import FRESH, FRESH_2, FRESH_3, FRESH_4, evaluate_fresh

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--length", action="store_true", help="time one long sentence at growing lengths")
    parser.add_argument("--before", metavar="REF", help="with --length: also time git revision REF")
    args = parser.parse_args()
    if args.length:
        return length(args.before, min(args.runs, 3))
    news = _news_dir()
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(news.glob("*.txt"))]
    coded = pd.read_csv(news / "expected.csv", dtype=str, keep_default_na=False)
    extractions = {name: extract_text(text, name=name) for name, text in texts}

    def score(label: str, articles: tuple[str, ...] | None) -> None:
        names = [n for n in extractions if articles is None or article_of(n) in articles]
        frame = candidates_frame([extractions[n] for n in names])
        frame["article"] = frame["source"].map(article_of)
        exp = coded if articles is None else coded[coded["article"].isin(articles)]
        ev = evaluate(frame, exp)
        print(
            f"{label:<28} reports {len(names):>2}  extracted {ev.extracted:>2}  coded {ev.expected:>2}  "
            f"matched {ev.matched:>2}  precision {ev.precision:.2f}  recall {ev.recall:.2f}  "
            f"exact counts {ev.count_accuracy:.2f}  exact dates {ev.date_accuracy:.2f}"
        )
        for m in ev.mismatches:
            print(f"    {m}")

    print(f"news reports: {news}")
    score("development half", DEV)
    score("held-out half", HELD_OUT)
    score("all reports", None)

    for label, batch in (
        ("fresh reports, batch 1", FRESH),
        ("fresh reports, batch 2", FRESH_2),
        ("fresh reports, batch 3", FRESH_3),
        ("fresh reports, batch 4", FRESH_4),
    ):
        ev = evaluate_fresh(batch)
        print(
            f"{label:<28} reports {len(batch):>2}  extracted {ev.extracted:>2}  coded {ev.expected:>2}  "
            f"matched {ev.matched:>2}  precision {ev.precision:.2f}  recall {ev.recall:.2f}  "
            f"exact counts {ev.count_accuracy:.2f}  exact dates {ev.date_accuracy:.2f}"
        )
        for m in ev.mismatches:
            print(f"    {m}")

    per_report, cpu = [], []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for name, text in texts:
            extract_text(text, name=name)
        per_report.append((time.perf_counter() - t0) / len(texts) * 1000)
        cpu.append((time.process_time() - c0) / len(texts) * 1000)
    longest = max(texts, key=lambda t: len(t[1]))
    slowest = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        extract_text(longest[1], name=longest[0])
        slowest.append((time.perf_counter() - t0) * 1000)
    print(
        f"time per report: median {statistics.median(per_report):.1f} ms wall, "
        f"{statistics.median(cpu):.1f} ms CPU, over {args.runs} runs of "
        f"{len(texts)} reports (budget 50 ms); longest report ({longest[0]}, {len(longest[1])} chars) "
        f"{statistics.median(slowest):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
