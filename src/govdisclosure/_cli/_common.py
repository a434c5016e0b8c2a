"""What several subcommands share: loading a report from a file, and writing output atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from govdisclosure.convert import from_json
from govdisclosure.errors import InputError, JSONStructureError
from govdisclosure.model import Report
from govdisclosure.reading import read, read_file

__all__ = ["atomic_output", "load_report", "write_stdout"]


def load_report(path: Path, name: str | None = None) -> Report:
    """A report from a document (text, Markdown, HTML) or from its canonical JSON (``*.json``)."""
    if path.suffix.lower() != ".json":
        return read(path, name=name)
    data = read_file(path, name or str(path))
    try:
        return from_json(data)
    except JSONStructureError as exc:
        raise InputError(str(exc), source=name or str(path)) from None


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` only when the block finishes: a reader never sees a
    half-written file, and an error or Ctrl-C leaves nothing behind."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file gets the usual mode
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_stdout(text: str) -> None:
    """``text`` on standard output as UTF-8, whatever the locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (some test harnesses)
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
