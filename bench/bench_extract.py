"""Benchmark of ``secbrief extract`` on the hand-coded reports in ../shared/news.

Prints precision, recall, exact-count accuracy (killed by category and injured) and
exact-date accuracy of matched incidents for: the development half, the held-out half
(reports not used while writing the first version of the rules; see docs/extract.md
for how far that holds), all reports, and the short fresh reports written for the
project; then the time to extract one report (median of several runs).

Then the reports written for issue 19 (``tests/fixtures/news/``): the development set
(``dev/``) and the held-out sets, each written and hand-coded before the extractor was
run on it. For a held-out set two lines are printed: its *first score* (read from its
``FIRST_SCORE.md``, recorded the one time it was scored before any rule was changed for it:
the honest estimate on unseen reports) and its score *now* (after rules were fixed on it,
so no longer blind). Last, the CPU time per report over every report, and how it grows
with the length of a report (a long report made of the real reports one after another).

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
#: Own held-out sets of issue 19, in the order they were written (tests/fixtures/news/).
HELD_OUT_SETS = tuple(f"heldout{i}" if i > 1 else "heldout" for i in range(1, 11))
#: Rewrites of real published reports (fourth round): each scored blind once, then used to fix rules.
REAL_SETS = tuple(f"real{i}" for i in range(1, 10))
#: Real published reports kept aside while a round's rules were written, second-coded, and scored
#: once at the end (FIRST_SCORE.md): the honest estimate on unseen reports. final1-final6 were then
#: used to fix rules (not blind any more); final7-final9 were scored blind in round 7 and not since.
FINAL_SETS = tuple(f"final{i}" for i in range(1, 10))
FITTED_FINAL_SETS = tuple(f"final{i}" for i in range(1, 7))


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

    from tests.fixtures.news.folders import DEV as OWN_DEV
    from tests.fixtures.news.folders import HERE, evaluate_folder, first_score

    def line(label: str, ev) -> None:
        print(
            f"{label:<44} extracted {ev.extracted:>2}  coded {ev.expected:>2}  matched {ev.matched:>2}  "
            f"precision {ev.precision:.2f}  recall {ev.recall:.2f}  "
            f"exact counts {ev.count_accuracy:.2f}  exact dates {ev.date_accuracy:.2f}"
        )
        for m in ev.mismatches:
            print(f"    {m}")

    print("own reports for issue 19 (tests/fixtures/news/)")
    line("development set (dev/), now", evaluate_folder(OWN_DEV))
    for name in HELD_OUT_SETS:
        folder = HERE / name
        n = len(list(folder.glob("*.txt")))
        first = first_score(folder)
        if first is not None:
            print(
                f"{name + '/ (' + str(n) + ' reports), FIRST score (blind)':<44} "
                f"{'':>39}precision {first['precision']:.2f}  recall {first['recall']:.2f}  "
                f"exact counts {first['exact counts']:.2f}  exact dates {first['exact dates']:.2f}"
            )
        line(f"{name}/, now (rules fixed on it: not blind)", evaluate_folder(folder))

    def pooled(label: str, names: tuple[str, ...]) -> None:
        frames, coded_rows = [], []
        for name in names:
            folder = HERE / name
            exs = [
                extract_text(p.read_text(encoding="utf-8"), name=f"{name}/{p.name}")
                for p in sorted(folder.glob("*.txt"))
            ]
            fr = candidates_frame(exs)
            fr["article"] = fr["source"].map(article_of)
            frames.append(fr)
            c = pd.read_csv(folder / "expected.csv", dtype=str, keep_default_na=False)
            c["article"] = name + "/" + c["article"]
            coded_rows.append(c)
        ev = evaluate(pd.concat(frames, ignore_index=True), pd.concat(coded_rows, ignore_index=True))
        print(
            f"{label:<44} extracted {ev.extracted:>3}  coded {ev.expected:>3}  matched {ev.matched:>3}  "
            f"precision {ev.precision:.2f}  recall {ev.recall:.2f}  "
            f"exact counts {ev.count_accuracy:.2f} ({ev.exact_counts}/{ev.matched})  exact dates {ev.date_accuracy:.2f}"
        )

    print("rewrites of real published reports (fourth round)")
    for name in REAL_SETS + FINAL_SETS:
        folder = HERE / name
        if not folder.exists():
            continue
        n = len(list(folder.glob("*.txt")))
        first = first_score(folder)
        if first is not None:
            print(
                f"{name + '/ (' + str(n) + ' reports), FIRST score (blind)':<44} "
                f"{'':>39}precision {first['precision']:.2f}  recall {first['recall']:.2f}  "
                f"exact counts {first['exact counts']:.2f}  exact dates {first['exact dates']:.2f}"
            )
        fitted = name in REAL_SETS or name in FITTED_FINAL_SETS
        line(
            f"{name}/, now" + (" (rules fixed on it: not blind)" if fitted else " (kept aside)"),
            evaluate_folder(folder),
        )
    pooled("real1-real9 pooled, now (not blind)", tuple(n for n in REAL_SETS if (HERE / n).exists()))
    fitted_finals = tuple(n for n in FITTED_FINAL_SETS if (HERE / n).exists())
    if fitted_finals:
        pooled("final1-final6 pooled, now (not blind)", fitted_finals)
    kept = tuple(n for n in FINAL_SETS if n not in FITTED_FINAL_SETS and (HERE / n).exists())
    if kept:
        pooled("final7-final9 pooled, now (kept aside)", kept)

    own = [
        (p.name, p.read_text(encoding="utf-8"))
        for sub in ("dev", *HELD_OUT_SETS, *REAL_SETS, *FINAL_SETS)
        for p in sorted((HERE / sub).glob("*.txt"))
    ]
    texts = texts + own
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
        f"{len(texts)} reports, shared and own (budget 50 ms); longest report ({longest[0]}, {len(longest[1])} chars) "
        f"{statistics.median(slowest):.1f} ms"
    )
    # Growth with length: the shared reports one after another, 1, 4 and 16 times over.
    header = "date 2024-12-20\n"
    body = "\n\n".join(t.split("\n", 2)[-1] for _, t in texts[:13])
    sizes = []
    for k in (1, 4, 16):
        long_text = header + "\n\n".join([body] * k)
        runs = []
        for _ in range(max(1, args.runs // 2)):
            c0 = time.process_time()
            extract_text(long_text, name="long.txt")
            runs.append(time.process_time() - c0)
        sizes.append((len(long_text), statistics.median(runs)))
    print(
        "long reports (the shared reports concatenated): "
        + ", ".join(f"{n / 1000:.0f} kB {t * 1000:.0f} ms CPU ({t / n * 1e6:.2f} us/char)" for n, t in sizes)
        + "; constant us/char = linear (one run-on sentence: --length)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
