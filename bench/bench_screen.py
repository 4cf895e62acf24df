"""Does a statistical candidate screen (analysis/extract/screen.py) raise precision on unseen reports?

Labels come free from the scorer: every candidate the extractor emits on a hand-coded set is
matched (1) or an extra (0) (``analysis.extract.evaluate.matched``). The screen, a ridge-penalised
logistic regression on what a candidate carries, is measured by leave-one-SET-out
cross-validation: for each set, the model is fitted on all the other sets, its threshold chosen
inside those training sets only (nested leave-one-set-out: the threshold that removes the most
extras net of lost matches with at most 1% of the training sets' coded incidents lost), and the
held-out set's candidates below the threshold are withheld. Printed per set and pooled: precision
and recall of the extractor without and with the screen, the threshold, candidates and extras.

Two experiments:

current
    The candidates of this tree's extractor on every set (real1-9, final1-6, dev, heldout1-10
    and ../shared/news). Most of these sets were used to fit the rules, so their extras are few.
blind
    What the screen would have done when each set was new: the candidates of the extractor at
    the revision that scored the set blind (its FIRST_SCORE.md), extracted in a fresh process from
    that revision's ``analysis/`` and ``data/`` (``git archive``). Training uses the other sets'
    current and blind candidates; the held-out set's blind candidates are screened.

Run: ``PYTHONPATH=. .venv/bin/python bench/bench_screen.py [--penalty 1.0] [--experiment current|blind|both]``
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.extract import candidates_frame, extract_text  # noqa: E402
from analysis.extract.evaluate import article_of, matched  # noqa: E402
from analysis.extract.screen import FEATURES as _FEATURES  # noqa: E402
from analysis.extract.screen import choose_threshold, features, fit  # noqa: E402
from tests.fixtures.news.folders import HERE  # noqa: E402

FEATURES = list(_FEATURES)
REAL = tuple(f"real{i}" for i in range(1, 10))
FINAL = tuple(f"final{i}" for i in range(1, 10))
HELDOUT = tuple(f"heldout{i}" if i > 1 else "heldout" for i in range(1, 11))
SETS = (*REAL, *FINAL, "dev", *HELDOUT, "shared")

#: The revision whose extractor scored each set blind, as its FIRST_SCORE.md records it.
BLIND = {
    **dict.fromkeys(("real1", "real2", "real3", "real4", "real5"), "a82b685"),
    **dict.fromkeys(("real6", "real7", "real8", "real9"), "f3ad2db"),
    **dict.fromkeys(("final1", "final2", "final3"), "0eaa0a6"),
    **dict.fromkeys(("final4", "final5", "final6"), "0075d03"),
    **dict.fromkeys(("final7", "final8", "final9"), "9a8d8ab"),
    "heldout": "865e4b9",
    "heldout2": "83e4df8",
    "heldout3": "68f3861",
    "heldout4": "16837dd",
    "heldout5": "f95e9a1",
    "heldout6": "85a6bf6",
    "heldout7": "05a01ed",
    "heldout8": "ea3d9ad",
    "heldout9": "8c7ff3d",
    "heldout10": "0716777",
}

#: Run in a fresh process on an old revision's tree: the candidates of the folders in argv, as CSV.
CHILD = """
import sys
from pathlib import Path
import pandas as pd
from analysis.extract import candidates_frame, extract_text
frames = []
for arg in sys.argv[1:]:
    name, folder = arg.split("=", 1)
    files = sorted(Path(folder).glob("*.txt"))
    exs = [extract_text(p.read_text(encoding="utf-8"), name=f"{name}/{p.name}") for p in files]
    frames.append(candidates_frame(exs).assign(set=name))
pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
"""


def _folder(name: str) -> Path:
    if name == "shared":
        from tests.shared_paths import shared_news_dir

        return shared_news_dir()
    return HERE / name


@cache
def _coded(name: str) -> pd.DataFrame:
    c = pd.read_csv(_folder(name) / "expected.csv", dtype=str, keep_default_na=False)
    c["article"] = name + "/" + c["article"]
    return c[c["incident"].astype(str) != "0"]


def _label(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame["article"] = frame["source"].map(article_of)
    frame["set"] = name
    frame["y"] = matched(frame, _coded(name)).astype(int).to_numpy()
    return frame


def current() -> pd.DataFrame:
    """This tree's candidates on every set, labelled."""
    out = []
    for name in SETS:
        folder = _folder(name)
        exs = [
            extract_text(p.read_text(encoding="utf-8"), name=f"{name}/{p.name}") for p in sorted(folder.glob("*.txt"))
        ]
        out.append(_label(candidates_frame(exs), name))
    return pd.concat(out, ignore_index=True)


def blind() -> pd.DataFrame:
    """Each set's candidates from the revision that scored it blind, labelled."""
    out = []
    for rev in dict.fromkeys(BLIND.values()):
        names = [n for n, r in BLIND.items() if r == rev]
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "analysis", "data"],
                capture_output=True,
                check=True,
            ).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
            args = [f"{n}={_folder(n)}" for n in names]
            env = {**os.environ, "PYTHONPATH": tmp}
            res = subprocess.run(
                [sys.executable, "-c", CHILD, *args], cwd=tmp, env=env, capture_output=True, text=True, check=True
            )
        frame = pd.read_csv(io.StringIO(res.stdout))
        for n in names:
            out.append(_label(frame[frame["set"] == n].drop(columns="set"), n))
    return pd.concat(out, ignore_index=True)


def _coded_count(names) -> int:
    return sum(len(_coded(n)) for n in names)


def _thresholds(train: pd.DataFrame, penalty: float, losses: tuple[float, ...]):
    """The screen fitted on ``train`` and, per recall cap, its threshold from leave-one-set-out inside ``train``."""
    oof = np.empty(len(train))
    for inner in train["set"].unique():
        test = (train["set"] == inner).to_numpy()
        model = fit(train.loc[~test, FEATURES], train.loc[~test, "y"].to_numpy(), penalty=penalty)
        oof[test] = model.score(train.loc[test, FEATURES])
    y, coded = train["y"].to_numpy(), _coded_count(train["set"].unique())
    model = fit(train[FEATURES], y, penalty=penalty)
    return model, {m: choose_threshold(oof, y, coded, max_recall_loss=m) for m in losses}


def _fit_with_threshold(train: pd.DataFrame, penalty: float, max_loss: float = 0.01):
    """The screen fitted on ``train``, its threshold from nested leave-one-set-out inside ``train``."""
    model, ts = _thresholds(train, penalty, (max_loss,))
    return replace(model, threshold=ts[max_loss])


#: The recall caps ``--select`` chooses among, inside the training sets.
LOSSES = (0.01, 0.02, 1.0)


def _fit_selected(train: pd.DataFrame, kind: str, penalty: float):
    """As :func:`_fit_with_threshold`, the recall cap (:data:`LOSSES`) chosen inside ``train`` too.

    Each of ``train``'s sets with candidates of ``kind`` is left out in turn and screened by a model
    with thresholds from the rest; the cap kept is the one with the highest pooled precision among
    those costing at most 0.01 of recall there (else the smallest cap).
    """
    tally = {m: np.zeros(4) for m in LOSSES}  # coded, matched, kept matched, kept
    for inner in train.loc[train["kind"] == kind, "set"].unique():
        model, ts = _thresholds(train[train["set"] != inner], penalty, LOSSES)
        val = train[(train["set"] == inner) & (train["kind"] == kind)]
        score, y = model.score(val[FEATURES]), val["y"].to_numpy()
        for m in LOSSES:
            keep = score >= ts[m]
            tally[m] += (len(_coded(inner)), y.sum(), (keep & (y == 1)).sum(), keep.sum())
    ok = [m for m in LOSSES if (tally[m][1] - tally[m][2]) / tally[m][0] <= 0.01]
    cap = max(ok, key=lambda m: tally[m][2] / tally[m][3]) if ok else LOSSES[0]
    return _fit_with_threshold(train, penalty, cap), cap


def _line(label: str, n: int, extras: int, coded: int, kept_pos: int, kept: int, pos: int, t: float) -> str:
    p0 = pos / n if n else 1.0
    r0 = pos / coded if coded else 1.0
    p1 = kept_pos / kept if kept else 1.0
    r1 = kept_pos / coded if coded else 1.0
    return (
        f"{label:<12} cand {n:>3} extra {extras:>3} coded {coded:>3}  before P {p0:.3f} R {r0:.3f}  "
        f"after P {p1:.3f} R {r1:.3f}  withheld {n - kept:>2} ({(n - kept) - (pos - kept_pos)} extra)  t {t:.3f}"
    )


#: The sets the extractor of this tree (round 6) scored blind: its candidates there are the nearest
#: thing to its candidates on unseen reports.
RECENT = ("final4", "final5", "final6")


def _pooled(rows: pd.DataFrame) -> tuple[float, float, float, float]:
    """Precision and recall before and after the screen over the per-set ``rows``."""
    n, coded, pos, kept_pos, kept = (int(rows[c].sum()) for c in ("n", "coded", "pos", "kept_pos", "kept"))
    return pos / n, pos / coded, kept_pos / kept, kept_pos / coded


def loso(
    train_pool: pd.DataFrame,
    test_pool: pd.DataFrame,
    penalty: float,
    title: str,
    max_loss: float = 0.01,
    show: bool = False,
    select: bool = False,
) -> dict[str, float]:
    """Leave one set out: fit on ``train_pool`` without the set, screen the set's rows of ``test_pool``.

    Prints each set, the pool, the pool of :data:`RECENT`, and a 95% interval for the pooled change
    in precision and recall from resampling the sets (2000 bootstrap draws).
    """
    print(title)
    rows = []
    names = list(test_pool["set"].unique())
    if select:
        # The cap chosen inside each training pool (slow: a third level of leave-one-set-out).
        kind = str(test_pool["kind"].iloc[0])
        with ProcessPoolExecutor() as pool:
            pools = [train_pool[train_pool["set"] != name] for name in names]
            fitted = dict(
                zip(names, pool.map(_fit_selected, pools, [kind] * len(names), [penalty] * len(names)), strict=True)
            )
    for name in names:
        test = test_pool[test_pool["set"] == name]
        if select:
            model, cap = fitted[name]
            print(f"  {name}: recall cap chosen in the training sets {cap}")
        else:
            model = _fit_with_threshold(train_pool[train_pool["set"] != name], penalty, max_loss)
        score = model.score(test[FEATURES])
        keep = score >= model.threshold
        y = test["y"].to_numpy()
        if show:
            for (_, cand), p, kept in zip(test.iterrows(), score, keep, strict=True):
                if not kept:
                    what = "matched" if cand["y"] else "extra"
                    print(
                        f"    withheld {cand['source']} {cand['incident_id']} ({what}) score {p:.3f}: "
                        + ", ".join(model.why(cand))
                        + f" | {str(cand['source_sentences'])[:150]}"
                    )
        r = {"set": name, "n": len(test), "extras": int((y == 0).sum()), "coded": len(_coded(name))}
        r |= {"pos": int(y.sum()), "kept_pos": int((keep & (y == 1)).sum()), "kept": int(keep.sum())}
        rows.append(r)
        print("  " + _line(name, r["n"], r["extras"], r["coded"], r["kept_pos"], r["kept"], r["pos"], model.threshold))
    per_set = pd.DataFrame(rows)
    for label, sub in (("POOLED", per_set), ("final4-6", per_set[per_set["set"].isin(RECENT)])):
        if len(sub):
            tot = {c: int(sub[c].sum()) for c in ("n", "extras", "coded", "kept_pos", "kept", "pos")}
            print(
                "  "
                + _line(
                    label, tot["n"], tot["extras"], tot["coded"], tot["kept_pos"], tot["kept"], tot["pos"], float("nan")
                )
            )
    before_p, before_r, after_p, after_r = _pooled(per_set)
    rng = np.random.default_rng(19)
    draws = []
    for _ in range(2000):
        sample = per_set.iloc[rng.integers(0, len(per_set), len(per_set))]
        p0, r0, p1, r1 = _pooled(sample)
        draws.append((p1 - p0, r1 - r0))
    lo, hi = np.percentile(np.array(draws), [2.5, 97.5], axis=0)
    print(
        f"  change, 95% interval over sets: precision {after_p - before_p:+.3f} [{lo[0]:+.3f}, {hi[0]:+.3f}]  "
        f"recall {after_r - before_r:+.3f} [{lo[1]:+.3f}, {hi[1]:+.3f}]"
    )
    return {"before_p": before_p, "before_r": before_r, "after_p": after_p, "after_r": after_r}


def coefficients(data: pd.DataFrame, penalty: float) -> None:
    """The model fitted on all of ``data``: coefficients on standardised features, largest first."""
    model = _fit_with_threshold(data, penalty)
    print(f"model on all rows ({len(data)} candidates, {int((data['y'] == 0).sum())} extras), t {model.threshold:.3f}")
    print(f"  intercept {model.coef[0]:+.2f}")
    for name, c in sorted(zip(FEATURES, model.coef[1:], strict=True), key=lambda t: -abs(t[1]))[:12]:
        print(f"  {name:<20} {c:+.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--penalty", type=float, default=1.0, help="ridge penalty on standardised coefficients")
    parser.add_argument("--experiment", choices=("current", "blind", "both"), default="both")
    parser.add_argument(
        "--max-loss", type=float, default=0.01, help="recall the threshold may cost in the training sets (share)"
    )
    parser.add_argument(
        "--select", action="store_true", help=f"choose the recall cap among {LOSSES} inside the training sets"
    )
    parser.add_argument("--show", action="store_true", help="print each withheld candidate and why")
    parser.add_argument(
        "--train", choices=("all", "blind"), default="all", help="blind: fit on the blind candidates only"
    )
    args = parser.parse_args()
    cur = current()
    cur = pd.concat([cur, features(cur)], axis=1).assign(kind="current")
    verdicts = {}
    if args.experiment in ("current", "both"):
        verdicts["current"] = loso(
            cur,
            cur,
            args.penalty,
            "current: this tree's candidates, leave one set out",
            args.max_loss,
            args.show,
            args.select,
        )
        coefficients(cur, args.penalty)
    if args.experiment in ("blind", "both"):
        old = blind()
        old = pd.concat([old, features(old)], axis=1).assign(kind="blind")
        both = old if args.train == "blind" else pd.concat([cur, old], ignore_index=True)
        verdicts["blind"] = loso(
            both,
            old,
            args.penalty,
            "blind: candidates at each set's first-score revision",
            args.max_loss,
            args.show,
            args.select,
        )
        coefficients(both, args.penalty)
    for name, v in verdicts.items():
        dp, dr = v["after_p"] - v["before_p"], v["after_r"] - v["before_r"]
        ok = dp >= 0.03 and dr >= -0.01
        print(
            f"{name}: pooled precision {v['before_p']:.3f} -> {v['after_p']:.3f} ({dp:+.3f}), "
            f"recall {v['before_r']:.3f} -> {v['after_r']:.3f} ({dr:+.3f}): "
            + ("meets the bar (P +0.03, R -0.01 at most)" if ok else "does not meet the bar (P +0.03, R -0.01 at most)")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
