"""Worker processes that let a cold ``secbrief brief`` use both cores.

Two forks, each started as early as its inputs allow:

* the **render worker** is forked before pandas is imported: it imports WeasyPrint
  and renders a tiny page with the brief's fonts (fontconfig, font loading) while
  the main process reads the data; the finished HTML is then sent to it;
* the **figure worker** is forked once pandas is imported (so it does not import
  it again): it imports matplotlib while the main process reads the data, receives
  the incidents, draws the charts while the main process computes the statistics,
  and sends back only the drawn SVG and captions.

Where ``fork`` is unavailable, or ``SECBRIEF_NO_PREFORK`` is set, everything runs
in-process as before (same output, byte for byte).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

_WARM_HTML = (
    '<html lang="en"><head><style>html{font-family:"Noto Sans"} b{font-weight:700}</style></head>'
    "<body><p>secbrief 0123456789 <b>bold</b> <i>italic</i></p></body></html>"
)


#: Parent ends of the pipes of the workers started by this process: a child forked later
#: closes its copies, so each worker sees end-of-file when the parent goes away.
_PARENT_ENDS: list[Any] = []


def _exit_on_sigterm(signum: int, frame: object) -> None:  # pragma: no cover - in the child
    raise SystemExit(128 + signum)  # multiprocessing ends the process quietly on SystemExit


def as_worker_process() -> None:
    """Set up a worker process: the parent handles Ctrl-C, and the worker ends with its parent.

    Ctrl-C in a terminal signals the whole process group: workers ignore SIGINT and
    the parent stops them (no traceback from a worker). SIGTERM ends the worker
    quietly after its ``finally`` blocks ran (temporary files removed), and on Linux
    the kernel sends SIGTERM to the worker when its parent dies, even by SIGKILL, so
    no worker is left waiting on a pipe.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while forking (see signals_deferred)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: end-of-file on the pipe still ends the worker
            pass
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while forking workers; they are delivered when the block ends.

    A child forked inside the block starts with both signals blocked, until
    :func:`as_worker_process` has set its own handlers: a signal in between cannot
    run the parent's handler in the child (which would print a traceback).
    """
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _child_main(target: Callable[[Any], None], conn: Any) -> None:  # pragma: no cover - in the child
    as_worker_process()
    for end in _PARENT_ENDS:  # inherited from the parent: close them, or no worker ever sees end-of-file
        try:
            end.close()
        except OSError:
            pass
    target(conn)


def _error_payload(exc: BaseException) -> tuple[str, str, dict[str, Any]]:
    """An exception as plain data for the pipe: the class name, message and where."""
    from analysis.errors import SecbriefError

    if isinstance(exc, SecbriefError):
        where = {"file": exc.file, "row": exc.row, "column": exc.column}
        return type(exc).__name__, exc.message, where
    return "RenderError", str(exc), {}


def _raise_from(payload: tuple[str, str, dict[str, Any]]) -> None:
    """Raise the worker's error in this process as the same class, message and place."""
    from analysis import errors

    kind, message, where = payload
    cls = getattr(errors, kind, errors.RenderError)
    if not (isinstance(cls, type) and issubclass(cls, errors.SecbriefError)):
        cls = errors.RenderError
    raise cls(message, **where)


def _reply(conn: Any, work: Callable[[], Any], failed: str) -> None:
    """Send ``(True, work())``, or ``(False, error)`` with the error as plain data."""
    from analysis.errors import SecbriefError

    try:
        conn.send((True, work()))
    except SecbriefError as exc:
        conn.send((False, _error_payload(exc)))
    except Exception as exc:
        conn.send((False, ("RenderError", f"{failed}: {exc}", {})))


def _serve(conn: Any) -> None:  # pragma: no cover - runs in the child process
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
        _reply(conn, partial(html_to_pdf, html, **kwargs), "WeasyPrint could not render the brief")
    conn.close()


class _Worker:
    """A forked child process serving requests over a pipe (``None`` asks it to stop)."""

    #: Named in the error raised when the child dies.
    label = "worker"

    def __init__(self, target: Callable[[Any], None]) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        _PARENT_ENDS.append(self._conn)
        self._proc = ctx.Process(target=_child_main, args=(target, child), daemon=True)
        with signals_deferred():
            self._proc.start()
        child.close()

    def _send(self, msg: Any) -> None:
        from analysis import errors

        try:
            self._conn.send(msg)
        except (BrokenPipeError, OSError) as exc:
            raise errors.RenderError(f"the {self.label} stopped unexpectedly") from exc

    def _answer(self) -> Any:
        """The child's answer, or its error raised here."""
        from analysis import errors

        try:
            ok, payload = self._conn.recv()
        except EOFError as exc:
            raise errors.RenderError(f"the {self.label} stopped unexpectedly") from exc
        if not ok:
            _raise_from(payload)
        return payload

    def close(self, timeout: float = 2.0) -> None:
        """Stop the child: ask it, then kill it if it has not ended after ``timeout`` seconds."""
        try:
            self._conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self._conn.close()
        if self._conn in _PARENT_ENDS:
            _PARENT_ENDS.remove(self._conn)
        self._proc.join(timeout=timeout)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(timeout=5)


class RenderWorker(_Worker):
    """Render PDFs in a pre-forked, pre-warmed WeasyPrint process."""

    label = "PDF worker"

    def __init__(self) -> None:
        super().__init__(_serve)

    def html_to_pdf(
        self, html: str, *, base_dir: Path, allowed: Sequence[Path], strict: bool = True, identifier: str | None = None
    ) -> bytes:
        """Same contract as :func:`reports.render.html_to_pdf`."""
        self._send((html, {"base_dir": base_dir, "allowed": list(allowed), "strict": strict, "identifier": identifier}))
        pdf: bytes = self._answer()
        return pdf


def _serve_figures(conn: Any) -> None:  # pragma: no cover - runs in the child process
    from reports.figures import brief_figures, warm

    try:  # matplotlib's font list and SVG backend, ready while the data are read
        warm()
    except Exception:  # warming is an optimisation only; a real failure shows when drawing
        pass
    try:
        request = conn.recv()
    except EOFError:
        return
    if request is None:
        return
    frame, period, kwargs = request

    def draw() -> tuple[list[tuple[str, str, str, str, str, dict]], float]:
        t0 = time.perf_counter()
        drawn = brief_figures(frame, period, **kwargs)
        return [(d.name, d.title, d.caption, d.alt, d.svg, d.numbers) for d in drawn], time.perf_counter() - t0

    _reply(conn, draw, "the figures could not be drawn")
    conn.close()


@dataclass(frozen=True)
class DrawnSVG:
    """A chart as the brief needs it: names, captions, SVG text and the numbers it shows (no frame)."""

    name: str
    title: str
    caption: str
    alt: str
    svg: str
    numbers: dict


class FigureWorker(_Worker):
    """Draw one brief's figures in a process forked early (it imports matplotlib meanwhile).

    :meth:`submit` sends the incidents and the brief's options; :meth:`result` waits
    for the drawn figures. Same arguments and output as
    :func:`reports.figures.brief_figures`.
    """

    label = "figure worker"

    def __init__(self) -> None:
        super().__init__(_serve_figures)
        #: Seconds the worker spent drawing (known after :meth:`result`).
        self.seconds = math.nan

    def submit(self, frame: Any, period: Any, **kwargs: Any) -> None:
        """Start drawing the figures of ``period`` for ``frame`` (see :func:`reports.figures.brief_figures`)."""
        self._send((frame, period, kwargs))

    def result(self) -> list[DrawnSVG]:
        """The drawn figures, in order; raises the worker's error as the same exception type."""
        figures, self.seconds = self._answer()
        return [DrawnSVG(*f) for f in figures]


def forking_enabled() -> bool:
    """True on Linux unless ``SECBRIEF_NO_PREFORK`` is set.

    Elsewhere the brief runs in one process: on macOS ``fork`` after system frameworks
    are loaded (numpy's Accelerate, for one) can crash the child (see the
    :mod:`multiprocessing` documentation), and Windows has no ``fork``.
    """
    return (
        not os.environ.get("SECBRIEF_NO_PREFORK")
        and sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
    )


def start_figure_worker() -> FigureWorker | None:
    """A figure worker forked now, or ``None`` where fork is unavailable or ``SECBRIEF_NO_PREFORK`` is set."""
    return FigureWorker() if forking_enabled() else None


def start_worker() -> RenderWorker | None:
    """A pre-forked worker, or ``None`` where fork is unavailable or ``SECBRIEF_NO_PREFORK`` is set."""
    return RenderWorker() if forking_enabled() else None
