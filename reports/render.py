"""Rendering: the one Jinja environment, the URL fetcher, WeasyPrint, atomic writes.

Safety with untrusted data and templates: templates run in Jinja's immutable sandbox
(no ``_`` attributes, no mutation, no unsafe calls) and are read only from inside their
folders (symlinks resolved); autoescape is on; undefined values fail the build
(``StrictUndefined``); WeasyPrint may fetch only ``data:`` URIs and files under the
template and asset folders — no network, no other ``file://`` path.
"""

from __future__ import annotations

import base64
import errno
import logging
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import unquote, urlsplit

from analysis._assets import templates_dir
from analysis.errors import ConfigError, RenderError, SecbriefError


def _safe_loader_class():  # -> type
    import jinja2

    class InsideLoader(jinja2.FileSystemLoader):
        """A ``FileSystemLoader`` that refuses templates whose real path lies outside its folders.

        Symlinks are resolved: a link inside a template folder cannot include ``/etc/passwd``.
        """

        def get_source(self, environment, template):
            from jinja2.loaders import split_template_path

            pieces = split_template_path(template)  # refuses ".." in the name
            for folder in self.searchpath:
                candidate = os.path.join(folder, *pieces)
                if not os.path.isfile(candidate):  # devices and pipes are not templates
                    continue
                real = Path(candidate).resolve()  # checked before a byte is read
                if not real.is_relative_to(Path(folder).resolve()):
                    raise RenderError(
                        f"template '{template}' resolves to {real}, outside the template folders; "
                        "secbrief reads templates only inside them",
                        file=candidate,
                    )
                if real.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise RenderError(f"template is larger than {MAX_TEMPLATE_BYTES:,} bytes", file=candidate)
                break
            return super().get_source(environment, template)

    return InsideLoader


#: Largest template file read (the shipped ones are a few kB each).
MAX_TEMPLATE_BYTES = 2_000_000
#: Largest string or list a template may build with ``*`` and largest exponent of ``**``.
MAX_TEMPLATE_ITEMS = 1_000_000
MAX_TEMPLATE_EXPONENT = 1_000


def _sandbox_class():  # -> type
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class Sandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, with ``*`` and ``**`` bounded: ``{{ 'a' * 10**10 }}`` cannot fill memory."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_TEMPLATE_EXPONENT:
                raise SecurityError(f"exponent {right} is larger than {MAX_TEMPLATE_EXPONENT}")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_TEMPLATE_ITEMS:
                        raise SecurityError(f"a repeated value longer than {MAX_TEMPLATE_ITEMS:,} items")
            return super().call_binop(context, operator, left, right)

    return Sandbox


def check_template_dirs(template_dirs: Sequence[Path]) -> None:
    """Raise :class:`ConfigError` naming the first ``--templates`` folder that is not a folder."""
    for d in template_dirs:
        if not Path(d).is_dir():
            raise ConfigError("--templates folder not found (or not a folder)", file=d)


def environment(template_dirs: Sequence[Path]):  # -> jinja2.sandbox.ImmutableSandboxedEnvironment
    """The Jinja environment: user template folders first, then the shipped templates.

    Templates run in Jinja's immutable sandbox: no attribute starting with ``_``
    (``''.__class__.__mro__`` is refused), no method that changes a value, no
    unsafe callables. Every template file is read only if its real path lies inside
    a template folder.
    """
    import jinja2

    dirs = [Path(d) for d in template_dirs]
    check_template_dirs(dirs)
    shipped = templates_dir()
    inside = _safe_loader_class()
    loader = jinja2.ChoiceLoader(
        [
            inside([str(d) for d in dirs]),
            # the shipped templates are also reachable as "secbrief/<name>", so a user's
            # monthly.html can extend the shipped monthly.html and override single blocks
            jinja2.PrefixLoader({"secbrief": inside(str(shipped))}),
        ]
    )
    env = _sandbox_class()(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["svg_data_uri"] = svg_data_uri

    def asset(name: str) -> str:
        """File URI of a template asset (CSS, image), from the first template folder that has it.

        The real path (symlinks resolved) must lie inside that folder.
        """
        for d in dirs:
            candidate = (d / name).resolve()
            if candidate.is_file() and candidate.is_relative_to(d.resolve()):
                return candidate.as_uri()
        raise RenderError(f"template asset '{name}' not found in {', '.join(map(str, dirs))}")

    env.globals["asset"] = asset
    return env


def svg_data_uri(svg: str) -> str:
    """An SVG document as a ``data:`` URI (for ``<img src>``)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _fetcher_class():  # -> type
    from weasyprint.urls import URLFetcher

    class SafeFetcher(URLFetcher):
        """Fetch only ``data:`` URIs and files inside the allowed folders."""

        def __init__(self, allowed: Sequence[Path]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.allowed = tuple(Path(a).resolve() for a in allowed)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: dict[str, str] | None = None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(a) for a in self.allowed) and path.is_file():
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"secbrief does not fetch {url!r} (only template and asset files)")

    return SafeFetcher


@contextmanager
def _collect_weasyprint_logs() -> Iterator[list[str]]:
    records: list[str] = []

    class _Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                records.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = _Handler()
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def _cannot_write(path: Path, exc: OSError) -> ConfigError:
    """One line for a file that cannot be written: full disk, read-only folder, a folder in the way."""
    reasons = {
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "a folder of that name is in the way",
        errno.ENOTDIR: "a file is in the way where a folder is needed",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return ConfigError(f"cannot be written: {reason}; nothing was replaced", file=path)


def _tmp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_together(files: Mapping[Path, bytes]) -> None:
    """Write a set of files so that either all are replaced or none is.

    Each file is first written and synced to a temporary file beside its target;
    only when every one is complete are they renamed over their targets. A failure
    while writing (full disk, read-only folder, a folder where a file should be)
    removes the temporary files and leaves every previous file as it was. Should a
    rename fail after others succeeded, the previous files (kept as hard links
    until the end) are put back.

    A target that exists and is not a regular file or folder (``/dev/null``, a
    named pipe) is written to directly, after the others: renaming over it would
    replace the device.

    Raises
    ------
    ConfigError
        A file cannot be written (one line naming it and why); nothing was replaced.
    """
    items = [(Path(p), data) for p, data in files.items()]
    special: list[tuple[Path, bytes]] = []
    regular: list[tuple[Path, bytes]] = []
    for path, data in items:
        if path.is_dir():
            raise ConfigError("cannot be written: a folder of that name is in the way; nothing was replaced", file=path)
        (special if path.exists() and not path.is_file() else regular).append((path, data))
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in regular:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError as exc:
                raise _cannot_write(path.parent, OSError(errno.ENOTDIR, "not a folder")) from exc
            except OSError as exc:
                raise _cannot_write(path.parent, exc) from exc
            try:
                tmp = _tmp_name(path)
                written.append((tmp, path))
                with open(tmp, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                raise _cannot_write(path, exc) from exc
        _rename_all(written)
        written = []
    finally:
        for tmp, _ in written:
            with suppress(OSError):
                tmp.unlink()
    for path, data in special:
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise _cannot_write(path, exc) from exc


def _rename_all(pairs: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file over its target; on a failure put the previous targets back."""
    backups: list[tuple[Path, Path | None]] = []  # (target, hard link to its previous content or None)
    try:
        for tmp, path in pairs:
            backup = None
            if path.is_file():
                backup = path.with_name(f".{path.name}.{os.getpid()}.prev")
                with suppress(FileNotFoundError):
                    backup.unlink()
                try:
                    os.link(path, backup)
                except OSError:  # no hard links here: a copy keeps the previous content
                    shutil.copy2(path, backup)
            try:
                os.replace(tmp, path)
            except OSError as exc:
                if backup is not None:
                    backup.unlink()
                raise _cannot_write(path, exc) from exc
            backups.append((path, backup))
    except BaseException:
        for path, backup in reversed(backups):
            with suppress(OSError):
                if backup is None:
                    path.unlink()
                else:
                    os.replace(backup, path)
        raise
    for _, backup in backups:
        if backup is not None:
            with suppress(OSError):
                backup.unlink()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A target that exists and is not a regular file (``/dev/null``, a named pipe) is
    written to directly: renaming over it would replace the device. Raises
    :class:`ConfigError` (one line) when the file cannot be written.
    """
    write_together({Path(path): data})


def render_html(template: str, context: dict[str, object], *, template_dirs: Sequence[Path] = ()) -> str:
    """Render ``template`` with the user's template folders (if any) before the shipped ones."""
    import jinja2
    import jinja2.sandbox

    env = environment([*template_dirs, templates_dir()])
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"template '{exc.name}' not found in {', '.join(map(str, [*template_dirs, templates_dir()]))}"
        ) from exc
    except jinja2.sandbox.SecurityError as exc:
        raise RenderError(f"template refused by the sandbox: {exc}", file=template) from exc
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or template
        raise RenderError(f"template error: {exc}", file=where, row=getattr(exc, "lineno", None)) from exc
    except SecbriefError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
        # a user template's own mistake ({{ 1/0 }}, range(10**9), a recursive macro): one line, exit 2
        raise RenderError(f"template failed: {type(exc).__name__}: {exc}", file=template) from exc


def html_to_pdf(
    html: str, *, base_dir: Path, allowed: Sequence[Path], strict: bool = True, identifier: str | None = None
) -> bytes:
    """Render HTML to a tagged PDF (PDF/UA-1) with WeasyPrint.

    Raises
    ------
    RenderError
        WeasyPrint failed, or (``strict``) logged a warning: a refused fetch, a CSS
        property it ignored, a missing font.
    """
    import weasyprint

    fetcher = _fetcher_class()(allowed)
    with _collect_weasyprint_logs() as logs:
        try:
            doc = weasyprint.HTML(string=html, base_url=str(base_dir) + os.sep, url_fetcher=fetcher)
            pdf = doc.write_pdf(
                pdf_variant="pdf/ua-1",
                pdf_identifier=(identifier or "secbrief").encode("ascii"),
                uncompressed_pdf=False,
            )
        except Exception as exc:  # WeasyPrint raises many kinds; all mean the PDF could not be made
            raise RenderError(f"WeasyPrint could not render the brief: {exc}") from exc
    if strict and logs:
        raise RenderError(f"WeasyPrint warned: {logs[0]}" + (f" (and {len(logs) - 1} more)" if len(logs) > 1 else ""))
    assert isinstance(pdf, bytes)
    return pdf
