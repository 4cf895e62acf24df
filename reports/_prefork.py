"""A WeasyPrint worker forked at start-up, so its import and font set-up overlap the analysis.

``secbrief brief`` forks this worker before importing pandas: the worker imports
WeasyPrint and renders a tiny page with the brief's fonts (fontconfig, font loading)
on the second core while the main process reads the data, computes and draws. The
finished HTML is then sent to it. Where ``fork`` is unavailable, rendering happens
in-process as usual.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_WARM_HTML = (
    '<html lang="en"><head><style>html{font-family:"Noto Sans"} b{font-weight:700}</style></head>'
    "<body><p>secbrief 0123456789 <b>bold</b> <i>italic</i></p></body></html>"
)


def _serve(conn: Any) -> None:  # pragma: no cover - runs in the child process
    from analysis.errors import SecbriefError
    from reports.render import html_to_pdf

    try:
        import weasyprint

        weasyprint.HTML(string=_WARM_HTML).write_pdf()
    except Exception:  # warming is an optimisation only
        pass
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            break
        if msg is None:
            break
        html, kwargs = msg
        try:
            conn.send((True, html_to_pdf(html, **kwargs)))
        except SecbriefError as exc:
            conn.send((False, (type(exc).__name__, exc.message)))
        except Exception as exc:
            conn.send((False, ("RenderError", f"WeasyPrint could not render the brief: {exc}")))
    conn.close()


class RenderWorker:
    """Render PDFs in a pre-forked, pre-warmed WeasyPrint process."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        self._proc.start()
        child.close()

    def html_to_pdf(
        self, html: str, *, base_dir: Path, allowed: Sequence[Path], strict: bool = True, identifier: str | None = None
    ) -> bytes:
        """Same contract as :func:`reports.render.html_to_pdf`."""
        from analysis import errors

        self._conn.send(
            (html, {"base_dir": base_dir, "allowed": list(allowed), "strict": strict, "identifier": identifier})
        )
        try:
            ok, payload = self._conn.recv()
        except EOFError as exc:
            raise errors.RenderError("the PDF worker stopped unexpectedly") from exc
        if ok:
            return payload
        kind, message = payload
        raise getattr(errors, kind, errors.RenderError)(message)

    def close(self) -> None:
        try:
            self._conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self._conn.close()
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()


def start_worker() -> RenderWorker | None:
    """A pre-forked worker, or ``None`` where fork is unavailable or ``SECBRIEF_NO_PREFORK`` is set."""
    if os.environ.get("SECBRIEF_NO_PREFORK") or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return RenderWorker()
