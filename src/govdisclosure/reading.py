"""Reading reports: text, Markdown and HTML become a :class:`~govdisclosure.model.Report`.

Two layers. A lenient *raw* layer turns the document into lines: text lines and table rows (grids
with row and column spans expanded, each slot knowing the cell it came from). A *builder* maps the
lines to the model through the template (:mod:`govdisclosure.template`): sections by their
headings, table rows by their labels, cells by the form's own arithmetic where the source runs
digits together. Nothing is dropped: what cannot be placed is kept in ``Report.unplaced`` and
reported in ``Report.diagnostics``.

Lenient reading (the default) always returns a report with its diagnostics; ``strict=True``
raises one :class:`~govdisclosure.errors.ReadErrors` holding every diagnostic of error or warning
severity (a document in neither format as an :class:`~govdisclosure.errors.UnknownFormatError`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from govdisclosure._decode import Layout, decode, detect_layout
from govdisclosure.errors import DiagnosticError, InputError, ReadErrors, UnknownFormatError, UsageError
from govdisclosure.model import Report, Severity

__all__ = ["Layout", "read", "read_html", "read_markdown", "read_text"]

Source = str | bytes | os.PathLike[str]

_MAX_PATH_CHARS = 4096


def _load(source: Source, name: str | None, encoding: str | None) -> tuple[str, str]:
    """The document text and the name to report it by."""
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < _MAX_PATH_CHARS
        and _is_file(source)
    ):
        path = Path(source)
        label = name or str(path)
        text, _ = decode(read_file(path, label), source=label, encoding=encoding)
        return text, label
    if isinstance(source, bytes | bytearray | memoryview):
        label = name or "<bytes>"
        text, _ = decode(bytes(source), source=label, encoding=encoding)
        return text, label
    if isinstance(source, str):
        return source, name or "<string>"
    raise UsageError(f"read() takes a path, bytes or str, not {type(source).__name__}")


def read_file(path: str | os.PathLike[str], label: str) -> bytes:
    """The bytes of a regular file; every way that can fail is an :class:`InputError` naming ``label``
    (a directory, a FIFO or device, a missing file, a link loop, no permission …)."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(os_reason(exc), source=label) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory, not a report", source=label)
        if not stat.S_ISREG(mode):
            raise InputError("not a regular file (a FIFO, socket or device)", source=label)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(os_reason(exc), source=label) from None


def os_reason(exc: OSError) -> str:
    reasons = {
        errno.ENOENT: "no such file", errno.EACCES: "permission denied", errno.EPERM: "permission denied",
        errno.EISDIR: "is a directory, not a report", errno.ELOOP: "symbolic link loop",
    }
    return reasons.get(exc.errno or 0) or f"cannot read: {exc.strerror or exc}"


def _is_file(text: str) -> bool:
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):
        return False


def read(
    source: Source, *, layout: Layout | str | None = None, strict: bool = False, name: str | None = None,
    encoding: str | None = None,
) -> Report:
    """Read one report from a path, bytes or text.

    ``source`` is a :class:`os.PathLike` (or a ``str`` naming an existing file), ``bytes`` (decoded
    as the issue describes: BOM, declared charset, UTF-8, GB18030), or a ``str`` holding the
    document itself. ``layout`` forces HTML, Markdown or text; by default it is detected.
    ``name`` is what ``Report.source`` and error messages call the input.
    """
    text, label = _load(source, name, encoding)
    chosen = detect_layout(text) if layout is None else Layout(layout)
    return _read_text(text, chosen, label, strict)


def read_text(source: Source, *, strict: bool = False, name: str | None = None,
              encoding: str | None = None) -> Report:
    """Read a plain-text report (pasted or crawled text, tab-separated or run-together tables)."""
    return read(source, layout=Layout.TEXT, strict=strict, name=name, encoding=encoding)


def read_markdown(source: Source, *, strict: bool = False, name: str | None = None,
                  encoding: str | None = None) -> Report:
    """Read a Markdown report (pipe tables; e.g. converted from the published PDF)."""
    return read(source, layout=Layout.MARKDOWN, strict=strict, name=name, encoding=encoding)


def read_html(source: Source, *, strict: bool = False, name: str | None = None,
              encoding: str | None = None) -> Report:
    """Read an HTML page (needs the ``[html]`` extra: lxml)."""
    return read(source, layout=Layout.HTML, strict=strict, name=name, encoding=encoding)


_PAUSE_UP_TO = 4_000_000
"""Documents of at most this many characters are read with Python's cyclic garbage collector
paused (see :func:`_collector_paused`); longer ones with it running as usual."""

_pause_lock = threading.Lock()
_pausing = 0  # (reads in progress that paused the collector, over all threads)


@contextlib.contextmanager
def _collector_paused(size: int) -> Iterator[None]:
    """Python's cyclic garbage collector paused while a document of ``size`` characters is read.

    A read makes a few thousand small objects and frees them by reference counting: it makes no
    reference cycles (a test checks it). A collection in the middle of a read only walks the
    report being built and finds nothing to free, and costs 4–7 % of the time of a read. The
    collector is paused only where it was enabled, and enabled again when the last read in
    progress (in any thread) returns or raises; a document longer than
    :data:`_PAUSE_UP_TO` characters is read with it running."""
    global _pausing
    if size > _PAUSE_UP_TO:
        yield
        return
    with _pause_lock:
        paused = _pausing > 0 or gc.isenabled()
        if paused:
            _pausing += 1
            gc.disable()
    try:
        yield
    finally:
        if paused:
            with _pause_lock:
                _pausing -= 1
                if not _pausing:
                    gc.enable()


def _read_text(text: str, layout: Layout, label: str, strict: bool) -> Report:
    from govdisclosure import _build, _raw

    parse: Callable[[str], _raw.RawDocument]
    if layout is Layout.HTML:
        parse = functools.partial(_raw.parse_html, source=label)
    elif layout is Layout.MARKDOWN:
        parse = _raw.parse_markdown
    else:
        parse = _raw.parse_text
    with _collector_paused(len(text)):
        # (the raw document is freed before the collector runs again: it then finds the report alone)
        report = _build.build(parse(text), source=label)
    if strict:
        errors: list[InputError] = []
        for d in report.diagnostics:
            if d.severity is Severity.INFO:
                continue
            line = None if d.origin is None else d.origin.line
            column = None if d.origin is None else d.origin.column
            if d.code == "format-unknown":
                errors.append(UnknownFormatError(d.message, source=label, line=line, column=column))
            else:
                errors.append(DiagnosticError(d.message, diagnostic=d, source=label, line=line, column=column,
                                              excerpt=d.excerpt or None))
        if errors:
            raise ReadErrors(f"{label}: strict reading found problems", errors, source=label)
    return report

