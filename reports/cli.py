"""The ``secbrief`` command: parse, call, print, exit code.

Each verb lives in ``reports/commands/<verb>.py`` with ``add_parser(subparsers)``
and ``run(args) -> int``. Command modules import only argparse at import time, so
``secbrief --help`` is fast and a verb pays only for what it uses.

Exit codes: 0 success; 1 finished with rejected rows or failed items; 2 unusable
input or arguments; 3 internal error (a bug); 130 interrupted (Ctrl-C); 143
terminated (SIGTERM); the last two stop every worker and leave previous outputs
whole. Errors are one line on stderr, never a traceback (set ``SECBRIEF_DEBUG=1`` to see one for an internal error).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

#: Verbs in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "brief",
    "preview",
    "batch",
    "table",
    "figures",
    "outlook",
    "validate",
    "extract",
    "profile",
    "ingest",
    "versions",
    "diff",
    "reconcile",
)


def build_parser() -> argparse.ArgumentParser:
    """The ``secbrief`` argument parser, with one sub-command per verb in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="secbrief",
        description="Statistical briefs on security-incident data.",
        epilog="Run 'secbrief VERB --help' for a verb's options and an example.",
    )
    from reports import __version__

    parser.add_argument("--version", action="version", version=f"secbrief {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="VERB", required=True)
    for name in COMMANDS:
        importlib.import_module(f"reports.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``secbrief`` command; returns the exit code."""
    from analysis.errors import SecbriefError

    parser = build_parser()
    args = parser.parse_args(argv)
    previous = _on_sigterm_raise()
    try:
        code = int(args.run(args))
    except SecbriefError as exc:
        print(f"secbrief: error: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("secbrief: interrupted; previous outputs left as they were", file=sys.stderr)
        return 130
    except Terminated:
        print("secbrief: terminated; previous outputs left as they were", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line; the traceback only on request
        if os.environ.get("SECBRIEF_DEBUG"):
            raise
        where = ""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            where = f" at {os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}"
        from analysis.errors import printable

        print(
            f"secbrief: internal error: {type(exc).__name__}: {printable(str(exc))}{where} — this is a bug; "
            "rerun with SECBRIEF_DEBUG=1 for the traceback and report it",
            file=sys.stderr,
        )
        return 3
    finally:
        _restore_sigterm(previous)
    return code


class Terminated(BaseException):  # noqa: N818 - named after the signal, like KeyboardInterrupt
    """Raised in the main thread on SIGTERM, so that workers are stopped and temporary files removed."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _on_sigterm_raise() -> object:
    """Turn SIGTERM into :class:`Terminated` while a verb runs; returns the previous handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_terminated)


def _restore_sigterm(previous: object) -> None:
    import signal

    if previous is not None:
        signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main())
