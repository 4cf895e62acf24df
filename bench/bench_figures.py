"""Time of the figure stage of a brief: this tree against an older revision, in one run.

Run: ``.venv/bin/python bench/bench_figures.py [--against REV] [--period 2025-06] [--runs 5]
[--boundaries FILE] [--no-weasyprint]``.

The old code (``git archive REV``, default ``main``) runs in a second, warm process;
runs alternate between it and this tree (medians over ``--runs``):

* ``brief_figures`` wall time (data, drawing, SVG) after one warm-up call each;
* SVG elements and size per chart;
* WeasyPrint: time to render a one-page HTML holding each chart (as the brief inlines
  it, an ``<img>`` with a data URI) with the old and with the new SVG, and a page
  with all the charts.

Also printed: what ``import matplotlib.pyplot`` adds after ``matplotlib.figure``.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import time


def element_count(svg: str) -> int:
    """Number of XML elements in ``svg``."""
    import xml.etree.ElementTree as ET

    return sum(1 for _ in ET.fromstring(svg.partition("<svg")[1] + svg.partition("<svg")[2]).iter())


def _median_ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:7.0f} ms"


def _pyplot_import_ms(runs: int) -> float:
    """Median cumulative import time of ``matplotlib.pyplot`` after ``matplotlib.figure`` and the SVG backend."""
    out = []
    for _ in range(runs):
        code = "import matplotlib.figure, matplotlib.backends.backend_svg; import matplotlib.pyplot"
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True).stderr
        line = next(x for x in err.splitlines() if x.rstrip().endswith("| matplotlib.pyplot"))
        out.append(int(line.split("|")[1]) / 1000)
    return statistics.median(out)


_OLD_WORKER = """
import sys, time, json
from analysis.demo import demo_path
from analysis.io import load_incidents
from analysis.periods import parse_period
from reports.context import brief_kind
from reports.figures import brief_figures
frame = load_incidents(demo_path()).frame
period = parse_period(sys.argv[1])
kw = dict(kind=brief_kind(period), boundaries=sys.argv[2] or None)
figs = brief_figures(frame, period, **kw)
print(json.dumps([[f.name, f.svg] for f in figs]), flush=True)
for _ in sys.stdin:
    t = time.perf_counter()
    brief_figures(frame, period, **kw)
    print(time.perf_counter() - t, flush=True)
"""


def _old_tree(ref: str) -> str:
    """The repository at ``ref`` in a temporary folder (``git archive``)."""
    import tempfile

    d = tempfile.mkdtemp(prefix="bench-figures-")
    archive = subprocess.run(["git", "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", d], input=archive, check=True)
    return d


def _page(svgs: list[str]) -> str:
    from reports.render import svg_data_uri

    imgs = "".join(f'<figure><img style="width:100%" src="{svg_data_uri(s)}" alt=""></figure>' for s in svgs)
    return f"<!doctype html><html><body>{imgs}</body></html>"


def _weasy(html: str) -> float:
    from weasyprint import HTML

    t = time.perf_counter()
    HTML(string=html).write_pdf()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--period", default="2025-06")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--boundaries", default=None)
    ap.add_argument("--against", default="main", help="git revision with the old drawing code (default: main)")
    ap.add_argument("--no-weasyprint", action="store_true")
    args = ap.parse_args()

    import json
    import os
    import shutil

    print(f"matplotlib.pyplot costs {_pyplot_import_ms(args.runs):.0f} ms more to import (cumulative, -X importtime)")

    from analysis.demo import demo_path
    from analysis.io import load_incidents
    from analysis.periods import parse_period
    from reports.context import brief_kind
    from reports.figures import brief_figures

    tree = _old_tree(args.against)
    env = {**os.environ, "PYTHONPATH": tree}
    old = subprocess.Popen(
        [sys.executable, "-c", _OLD_WORKER, args.period, args.boundaries or ""],
        cwd=tree,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert old.stdout is not None and old.stdin is not None
    old_figs = json.loads(old.stdout.readline())
    inc = load_incidents(demo_path())
    period = parse_period(args.period)
    kind = brief_kind(period)
    figs = brief_figures(inc.frame, period, kind=kind, boundaries=args.boundaries)  # warm-up (fonts, caches)
    pickle.loads(pickle.dumps(figs))  # the lead's forked workers send these back
    t_old, t_new = [], []
    for _ in range(args.runs):  # interleaved: old (in its own warm process), then new
        old.stdin.write("\n")
        old.stdin.flush()
        t_old.append(float(old.stdout.readline()))
        t = time.perf_counter()
        brief_figures(inc.frame, period, kind=kind, boundaries=args.boundaries)
        t_new.append(time.perf_counter() - t)
    old.stdin.close()
    old.wait()
    shutil.rmtree(tree, ignore_errors=True)

    print(f"\nbrief_figures, {kind} {period.slug}, {len(figs)} charts, medians of {args.runs} runs, interleaved")
    print(
        f"{args.against}: {_median_ms(t_old)}   this tree: {_median_ms(t_new)}   "
        f"ratio {statistics.median(t_new) / statistics.median(t_old):.2f}"
    )
    print(f"\n{'chart':16s} {'SVG elements':>15s} {'KiB':>11s}")
    for (name, o), n in zip(old_figs, figs, strict=True):
        kib = f"{len(o) // 1024:4d} -> {len(n.svg) // 1024:3d}"
        print(f"{name:16s} {element_count(o):6d} -> {element_count(n.svg):5d} {kib}")
    eo, en = sum(element_count(o) for _, o in old_figs), sum(element_count(n.svg) for n in figs)
    print(f"{'all charts':16s} {eo:6d} -> {en:5d}")

    if args.no_weasyprint:
        return
    _weasy(_page([old_figs[0][1]]))  # warm-up: WeasyPrint's own imports and fonts
    print(f"\nWeasyPrint, one page per chart (<img> with a data URI), medians of {args.runs} runs, interleaved")
    pages = [(n.name, _page([o]), _page([n.svg])) for (_, o), n in zip(old_figs, figs, strict=True)]
    pages.append(("all charts", _page([o for _, o in old_figs]), _page([n.svg for n in figs])))
    for name, ho, hn in pages:
        w_old, w_new = [], []
        for _ in range(args.runs):
            w_old.append(_weasy(ho))
            w_new.append(_weasy(hn))
        print(
            f"{name:16s} old {_median_ms(w_old)}  new {_median_ms(w_new)}  "
            f"ratio {statistics.median(w_new) / statistics.median(w_old):.2f}"
        )


if __name__ == "__main__":
    main()
