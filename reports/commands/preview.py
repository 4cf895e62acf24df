"""``secbrief preview``: build a brief once, serve it on 127.0.0.1, rebuild when its inputs change.

The loop in which an analyst writes the commentary (as ``quarto preview`` is for Quarto): the
HTML brief is served on loopback only, the page reloads itself after each rebuild, and the
data, the configuration, the notes and the templates are watched (watchfiles). The process
keeps pandas, matplotlib and Jinja imported and keeps the statistics, findings and drawn charts
while the data, period, configuration and region are unchanged, so a rebuild after editing the
notes renders the commentary and the page only (``bench/bench_preview.py`` prints its median). A
failed rebuild (an unknown ``{name}`` in the notes, a bad configuration) shows its one-line
error in the page and on the terminal and keeps watching. ``--pdf`` also rewrites the PDF on
every rebuild. Ctrl-C ends it cleanly.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from typing import Any

from reports.commands._common import add_data_options, add_verbosity, region_argument

EXAMPLE = """examples:
  secbrief preview --period 2025-06 --notes notes.md          serve on http://127.0.0.1:8765/
  secbrief preview --period 2025-Q2 --region KP --pdf         also rewrite out/quarterly-....pdf"""

#: Polls the server for a new build and reloads the page (only in the served copy, never in files).
RELOAD_SCRIPT = """<script>(function(){var v=null;function poll(){fetch('/__version',{cache:'no-store'})
.then(function(r){return r.text()}).then(function(t){if(v===null){v=t}else if(t!==v){location.reload()}})
.catch(function(){}).finally(function(){setTimeout(poll,400)})}poll()})();</script>"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "preview",
        help="serve a brief on 127.0.0.1 and rebuild it when the data, config, notes or templates change",
        description="Build the brief of a period once, serve its HTML on 127.0.0.1 with automatic reload, and "
        "rebuild on every change of the data, secbrief.toml, the notes or the templates. Ctrl-C ends it.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_options(p)
    p.add_argument("--period", required=True, help="2025-01 (monthly), 2025-Q1 (quarterly) or 2025 (annual)")
    p.add_argument("--region", default=None, help="a province or territory (any gazetteer spelling, e.g. KP)")
    p.add_argument("--notes", type=Path, default=None, help="the analyst's commentary (Markdown), watched")
    p.add_argument("--config", type=Path, default=None, help="secbrief.toml (default: ./secbrief.toml if present)")
    p.add_argument("--templates", type=Path, action="append", default=[], help="your own template folder")
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder of --pdf and the HTML (default: out/)")
    p.add_argument("--pdf", action="store_true", help="also rewrite the PDF on every rebuild")
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765; 0 picks a free one)")
    p.add_argument("--allow-rejects", action="store_true", help="build even if rows were rejected")
    add_verbosity(p)
    p.set_defaults(run=run)


class _DrawnOnce:
    """Stands in for the figure worker of :func:`reports.brief.build_brief`.

    Draws the charts in this process and keeps them while the data (their fingerprint, set
    in :attr:`data_key` before each build), the period and the options are the same.
    """

    def __init__(self) -> None:
        self.data_key: Any = None
        self.key: Any = None
        self.drawn: list[Any] = []
        self.seconds = 0.0
        self._pending: Any = None

    def submit(self, frame: Any, period: Any, **options: Any) -> None:
        import time

        from reports.figures import brief_figures

        key = (self.data_key, len(frame), period.slug, repr(sorted(options.items())))
        t0 = time.perf_counter()
        if key != self.key:
            self.drawn, self.key = brief_figures(frame, period, **options), key
        self.seconds = time.perf_counter() - t0

    def result(self) -> list[Any]:
        return self.drawn


class Preview:
    """One brief kept warm: :meth:`build` rebuilds it, :attr:`html` is the served page.

    Parameters mirror ``secbrief preview``'s options. Thread-safe: the server reads
    :attr:`html` and :attr:`version` while the watcher rebuilds.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.version = 0
        self.html = "<!DOCTYPE html><html lang='en'><body><p>Building…</p></body></html>"
        self.error: str | None = None
        self.assets: dict[str, Path] = {}
        self.seconds = 0.0
        self._lock = threading.Lock()
        self._figures = _DrawnOnce()
        self._prepared: dict[str, Any] = {}  # statistics and charts kept while only the notes change
        self._data_key: Any = None
        self._inc: Any = None

    # ------------------------------------------------------------------ inputs
    def config_file(self) -> Path | None:
        """``--config``, else ``./secbrief.toml`` when it exists."""
        if self.args.config is not None:
            return Path(self.args.config)
        default = Path.cwd() / "secbrief.toml"
        return default if default.is_file() else None

    def watched(self) -> list[Path]:
        """Files and folders whose change triggers a rebuild (those that exist)."""
        from analysis._assets import templates_dir
        from analysis.demo import demo_path
        from reports.config import load_config

        paths: list[Path] = [Path(self.args.data) if self.args.data is not None else demo_path()]
        cfg_file = self.config_file()
        if cfg_file is not None:
            paths.append(cfg_file)
        if self.args.notes is not None:
            paths.append(Path(self.args.notes))
        try:
            cfg = load_config(self.args.config)
            if cfg.notes:
                paths.append(Path(cfg.notes).parent)
        except Exception:  # a broken config is reported by the build; it is watched anyway
            pass
        paths += [Path(d) for d in self.args.templates]
        paths.append(templates_dir())
        return [p.resolve() for p in paths if p.exists()]

    # ------------------------------------------------------------------ build
    def _incidents(self) -> Any:
        import os

        from analysis.cache import Cache, cached_load_incidents
        from analysis.demo import demo_path

        path = Path(self.args.data) if self.args.data is not None else demo_path()
        try:
            st = os.stat(path)
            key = (str(path.resolve()), st.st_mtime_ns, st.st_size, self.args.source)
        except OSError:
            key = None
        if key is None or key != self._data_key:
            self._inc = cached_load_incidents(Cache.for_user(), path, source=self.args.source)
            self._data_key = key
        return self._inc

    def build(self) -> bool:
        """Rebuild; on failure keep serving the error page. Returns whether it succeeded."""
        import time

        from analysis.errors import SecbriefError
        from analysis.periods import parse_period
        from reports.brief import build_brief
        from reports.config import load_config

        t0 = time.perf_counter()
        try:
            period = parse_period(self.args.period)
            region = region_argument(self.args.region)
            cfg = load_config(self.args.config)
            inc = self._incidents()
            self._figures.data_key = inc.fingerprint  # charts are redrawn only when the data change
            result = build_brief(
                inc,
                period,
                out_dir=self.args.out,
                cfg=cfg,
                region=region,
                template_dirs=tuple(self.args.templates),
                allow_rejects=self.args.allow_rejects,
                figure_worker=self._figures,
                notes=self.args.notes,
                write_pdf=self.args.pdf,
                prepared=self._prepared,
            )
            page = result.html.read_text(encoding="utf-8")
            warnings = [w.one_line() for w in result.notes_warnings]
            allowed = [*(Path(d) for d in self.args.templates), _templates(), *([cfg.logo] if cfg.logo else [])]
            html, assets = _served(page, allowed, warnings)
            with self._lock:
                self.html, self.assets, self.error = html, assets, None
                self.version += 1
            self.seconds = time.perf_counter() - t0
            for w in warnings:
                _say(self.args, f"warning: {w}")
            _say(self.args, f"rebuilt in {self.seconds:.2f}s" + (f"; wrote {result.pdf}" if self.args.pdf else ""))
            return True
        except SecbriefError as exc:
            self._failed(exc.one_line())
            return False

    def _failed(self, line: str) -> None:
        import html as html_lib

        page = (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>secbrief preview: error</title></head>"
            "<body style='font-family:sans-serif;margin:2em'><h1>The brief could not be built</h1>"
            f"<pre style='white-space:pre-wrap;color:#a00'>{html_lib.escape(line)}</pre>"
            "<p>Fix the file and save: the page reloads by itself.</p></body></html>"
        )
        with self._lock:
            self.html, self.error = page.replace("</body>", RELOAD_SCRIPT + "</body>"), line
            self.version += 1
        _say(self.args, f"error: {line}")


def _templates() -> Path:
    from analysis._assets import templates_dir

    return templates_dir()


def _served(page: str, allowed: list[Path], warnings: list[str]) -> tuple[str, dict[str, Path]]:
    """The page as served, with its assets, a banner of notes warnings and the reload script.

    ``file://`` assets under the allowed folders become ``/__asset/N``; any other is dropped.
    """
    import html as html_lib
    import re
    from urllib.parse import unquote, urlparse

    assets: dict[str, Path] = {}
    roots = [a.resolve() for a in allowed]

    def repl(m: re.Match[str]) -> str:
        path = Path(unquote(urlparse(m.group(2)).path)).resolve()
        if not any(path.is_relative_to(r) for r in roots) or not path.is_file():
            return f'{m.group(1)}=""'
        name = str(len(assets))
        assets[name] = path
        return f'{m.group(1)}="/__asset/{name}"'

    page = re.sub(r'(href|src)="(file://[^"]+)"', repl, page)
    if warnings:
        items = "".join(f"<li>{html_lib.escape(w)}</li>" for w in warnings)
        banner = (
            "<aside style='position:sticky;top:0;background:#fff4d6;border:1px solid #d9a400;padding:6px 10px;"
            f"font:13px sans-serif;z-index:9'><strong>Notes to check</strong><ul>{items}</ul></aside>"
        )
        page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, page, count=1)
    return page.replace("</body>", RELOAD_SCRIPT + "</body>"), assets


def _say(args: argparse.Namespace, text: str) -> None:
    import sys

    if not getattr(args, "quiet", False):
        print(text, file=sys.stderr, flush=True)


def serve(preview: Preview, port: int) -> Any:
    """Start the HTTP server on 127.0.0.1 in a daemon thread; returns it (``.server_port``)."""
    import mimetypes
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = self.path.split("?", 1)[0]
            if path == "/__version":
                body, ctype = str(preview.version).encode(), "text/plain"
            elif path.startswith("/__asset/"):
                file = preview.assets.get(path.rsplit("/", 1)[1])
                if file is None:
                    self.send_error(404)
                    return
                body = file.read_bytes()
                ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            elif path in ("/", "/index.html"):
                body, ctype = preview.html.encode("utf-8"), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:  # requests are not logged
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="secbrief-preview", daemon=True).start()
    return server


def watch_and_rebuild(preview: Preview, *, stop: threading.Event | None = None) -> None:
    """Rebuild on every change of the watched files until ``stop`` is set (or Ctrl-C)."""
    from watchfiles import watch

    roots = preview.watched()
    for _changes in watch(*roots, stop_event=stop, debounce=400, step=50, rust_timeout=200, yield_on_timeout=False):
        preview.build()
        fresh = preview.watched()  # e.g. a notes folder named by an edited secbrief.toml
        if set(fresh) != set(roots):
            return watch_and_rebuild(preview, stop=stop)


def run(args: argparse.Namespace) -> int:
    from analysis.errors import ConfigError

    if not 0 <= args.port <= 65535:
        raise ConfigError(f"--port {args.port} is not a port number")
    preview = Preview(args)
    preview.build()
    try:
        server = serve(preview, args.port)
    except OSError as exc:
        raise ConfigError(f"cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); try --port 0") from None
    try:
        _say(
            args,
            f"serving http://127.0.0.1:{server.server_port}/ — watching data, config, notes and templates; Ctrl-C ends",
        )
        watch_and_rebuild(preview)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    _say(args, "preview stopped")
    return 0
