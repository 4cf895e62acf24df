"""Time of the figure stage of a brief, old way against new way, in one run.

Run: ``.venv/bin/python bench/bench_figures.py [--period 2025-06] [--runs 5] [--boundaries FILE] [--no-weasyprint]``.

For each chart of the brief, interleaved run by run (medians over ``--runs``):

* drawing: data + plot + SVG as before (``savefig`` with the layout engine on, which
  draws the figure twice; matplotlib's SVG as is) against :func:`reports.figures.draw`
  (layout run once, lean SVG);
* SVG elements and size, before and after :func:`reports.figures.svglean.lean_svg`;
* WeasyPrint: time to render a one-page HTML holding the chart (as the brief inlines
  it, an ``<img>`` with a data URI) with the old and with the new SVG, and a page
  with all the charts.

Cold imports (fresh interpreters): ``reports.figures`` with ``matplotlib.figure`` and
the SVG backend, against the same plus ``matplotlib.pyplot`` (what the old code loaded).
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import time


def _median_ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:7.0f} ms"


def _cold_import(code: str, runs: int) -> float:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        out.append(time.perf_counter() - t)
    return statistics.median(out)


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
    ap.add_argument("--no-weasyprint", action="store_true")
    args = ap.parse_args()

    base = "import reports.figures, matplotlib.figure, matplotlib.backends.backend_svg"
    new_imp = _cold_import(base, args.runs)
    old_imp = _cold_import(base + ", matplotlib.pyplot", args.runs)
    print(
        f"cold import: figure+svg {new_imp:.2f} s, +pyplot {old_imp:.2f} s "
        f"(pyplot adds {old_imp - new_imp:.2f} s; median of {args.runs} fresh interpreters)"
    )

    import matplotlib

    from analysis.demo import demo_path
    from analysis.io import load_incidents
    from analysis.periods import parse_period
    from reports.context import brief_kind
    from reports.figures import brief_figures, draw, registry
    from reports.figures.style import FONT_FAMILY
    from reports.figures.svglean import element_count

    inc = load_incidents(demo_path())
    period = parse_period(args.period)
    kind = brief_kind(period)
    figs = brief_figures(inc.frame, period, kind=kind, boundaries=args.boundaries)  # warm-up (fonts, caches)
    pickle.loads(pickle.dumps(figs))  # the lead's forked workers send these back

    def old_way(spec) -> tuple[str, float]:
        t = time.perf_counter()
        data = spec.data(inc.frame, period)
        fig = spec.plot(data, style="brief")
        import io

        buf = io.StringIO()
        with matplotlib.rc_context(
            {
                "svg.hashsalt": "secbrief",
                "svg.fonttype": "none",
                "font.family": "sans-serif",
                "font.sans-serif": FONT_FAMILY,
            }
        ):
            fig.savefig(buf, format="svg", dpi=300, metadata={"Date": None, "Creator": "secbrief", "Title": spec.title})
        return buf.getvalue(), time.perf_counter() - t

    specs = [s for s in registry(boundaries=args.boundaries).values() if kind in s.kinds]
    rows, old_svgs, new_svgs = [], [], []
    tot_old, tot_new = [0.0] * args.runs, [0.0] * args.runs
    for spec in specs:
        t_old, t_new = [], []
        for i in range(args.runs):
            old_svg, dt = old_way(spec)
            t_old.append(dt)
            t = time.perf_counter()
            new = draw(spec, inc.frame, period)
            t_new.append(time.perf_counter() - t)
            tot_old[i] += dt
            tot_new[i] += t_new[-1]
        old_svgs.append(old_svg)
        new_svgs.append(new.svg)
        rows.append((spec.name, t_old, t_new, old_svg, new.svg))

    print(f"\n{kind} {period.slug}, {len(specs)} charts, medians of {args.runs} runs (old = as before, new = draw())")
    print(f"{'chart':16s} {'draw old':>10s} {'draw new':>10s} {'ratio':>6s} {'elements':>15s} {'KiB':>11s}")
    for name, t_old, t_new, o, n in rows:
        ratio = statistics.median(t_new) / statistics.median(t_old)
        print(
            f"{name:16s} {_median_ms(t_old)} {_median_ms(t_new)} {ratio:6.2f} "
            f"{element_count(o):6d} -> {element_count(n):5d} {len(o) // 1024:4d} -> {len(n) // 1024:3d}"
        )
    eo, en = sum(element_count(s) for s in old_svgs), sum(element_count(s) for s in new_svgs)
    print(
        f"{'all charts':16s} {_median_ms(tot_old)} {_median_ms(tot_new)} "
        f"{statistics.median(tot_new) / statistics.median(tot_old):6.2f} {eo:6d} -> {en:5d}"
    )

    if args.no_weasyprint:
        return
    _weasy(_page(old_svgs[:1]))  # warm-up: WeasyPrint's own imports and fonts
    print(f"\nWeasyPrint, one page per chart (<img> with a data URI), medians of {args.runs} runs, interleaved")
    pages = [(name, _page([o]), _page([n])) for (name, _, _, o, n) in rows]
    pages.append(("all charts", _page(old_svgs), _page(new_svgs)))
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
