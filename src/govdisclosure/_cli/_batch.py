"""``govdisclosure batch``: read and check every report under some directories, into two files.

Exit status: 2 when some input could not be read as a report (unreadable, not a report, or an internal
error), else 1 when some report has error-severity findings, else 0. Ctrl-C stops the workers and
leaves no output file (130).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from govdisclosure.batch import BATCH_OUTPUTS, REPORT_SUFFIXES, BatchOutcome, ResultStatus, write_batch

__all__ = ["register"]

_EXIT_OK, _EXIT_ERRORS, _EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: Any) -> None:
    batch = subparsers.add_parser(
        "batch", help="read and check every report under directories; write all records and a summary",
        description="Walk the directories (and read the files) given, read and check every report "
                    f"({', '.join(REPORT_SUFFIXES)}) in a pool of processes, and write the tidy records of all "
                    "reports to OUT and one row per input (status, counts of findings and reader diagnostics, "
                    "error, elapsed ms) to the summary file. A file that cannot be read is a row of the summary; "
                    "it never stops the run. Both files appear only when the run is complete. Exit status 0: "
                    "every report read, no error-severity finding; 1: some report has errors; 2: some input "
                    "could not be read as a report.")
    batch.add_argument("inputs", nargs="+", type=Path, metavar="PATH", help="directories to walk, or report files")
    batch.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                       help="the records file (its suffix gives the format unless --to says)")
    batch.add_argument("--to", choices=BATCH_OUTPUTS, help="output format (default: from the suffix of OUT)")
    batch.add_argument("--summary", type=Path, metavar="PATH",
                       help="the summary file (default: OUT with .summary before its suffix)")
    batch.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                       help="worker processes (default: one per CPU; 1: no pool, in this process)")
    batch.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="leave out files and directories whose name matches (repeatable, e.g. 'README*')")
    batch.add_argument("--no-check", action="store_true", help="only read: do not apply the rules")
    batch.add_argument("--excel", action="store_true", help="CSV with a UTF-8 byte-order mark, for Excel")
    batch.add_argument("-q", "--quiet", action="store_true", help="no final line on standard error")
    batch.set_defaults(handler=_batch)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per CPU) or more, got {value}")
    return value


def _batch(args: argparse.Namespace) -> int:
    err = sys.stderr
    progress = _Progress(err) if _is_terminal(err) else None
    try:
        with _terminate_as_interrupt():
            outcome = write_batch(
                args.inputs, args.output, to=args.to, summary=args.summary, jobs=args.jobs,
                validate=not args.no_check, exclude=args.exclude, excel=args.excel, progress=progress,
            )
    finally:
        if progress is not None:
            progress.clear()
    if not args.quiet:
        err.write(_final_line(outcome) + "\n")
    if outcome.unreadable:
        return _EXIT_UNREADABLE
    if outcome.with_errors:
        return _EXIT_ERRORS
    return _EXIT_OK


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C: workers stopped, temporary files removed."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _final_line(outcome: BatchOutcome) -> str:
    counts = outcome.statuses
    total = outcome.total
    rate = total / outcome.seconds if outcome.seconds > 0 else 0.0
    parts = [f"{counts[ResultStatus.OK.value]} ok", f"{counts[ResultStatus.ERRORS.value]} with errors"]
    for status, word in ((ResultStatus.NOT_A_REPORT, "not a report"), (ResultStatus.UNREADABLE, "unreadable"),
                         (ResultStatus.FAILED, "failed (internal error)"), (ResultStatus.SKIPPED, "skipped")):
        if counts[status.value]:
            parts.append(f"{counts[status.value]} {word}")
    ignored = f"; {outcome.ignored} other files ignored" if outcome.ignored else ""
    return (f"govdisclosure: {total} inputs in {outcome.seconds:.1f} s ({rate:.0f}/s): {', '.join(parts)}{ignored}; "
            f"wrote {outcome.records} records to {outcome.records_path} and the summary to {outcome.summary_path}")


class _Progress:
    """``\\r  1234/10000  410/s  ETA 21s`` on a terminal, at most five times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and done < total:
            return
        self.last = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = f"ETA {_duration((total - done) / rate)}" if rate > 0 and done < total else ""
        line = f"  {done}/{total}  {rate:.0f}/s  {eta}".rstrip()
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
