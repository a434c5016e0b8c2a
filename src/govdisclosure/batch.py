"""Reading and checking many reports: one pure function per report, a process pool over directories.

The unit of work is :func:`process_report`: a path (or the bytes of a document) in, a
:class:`ReportResult` out — the tidy records, the findings of :func:`~govdisclosure.rules.validate`,
the reader's diagnostic counts and, when the document could not be read, the error. It never raises
for a bad document, it has no side effect and its result pickles, so the same function runs in a
process pool (:func:`run_batch`, :func:`write_batch`, ``govdisclosure batch``) or on a cluster
(``docs/large-corpora.md`` shows dask.bag).

:func:`write_batch` streams the results of a whole corpus into two files — every tidy record, and one
summary row per input (:data:`SUMMARY_FIELDS`) — written under temporary names and renamed at the end,
so that an interrupted run leaves no half-written output. Records go to the file in input order
(sorted by path) and are never all held in memory.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import enum
import errno
import fnmatch
import gc
import os
import signal
import stat
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypedDict, TypeVar

import attrs

from govdisclosure.errors import GovDisclosureError, InputError, MissingDependencyError, UsageError
from govdisclosure.model import Report, Severity
from govdisclosure.reading import os_reason, read, read_file
from govdisclosure.rules import Finding, Status
from govdisclosure.rules import validate as _apply_rules
from govdisclosure.tabular import TIDY_FIELDS, TidyRecord, csv_text, jsonl_line, jsonl_text, tidy_records
from govdisclosure.template import Format

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "BATCH_OUTPUTS",
    "REPORT_SUFFIXES",
    "SUMMARY_FIELDS",
    "BatchOutcome",
    "ReportResult",
    "ResultStatus",
    "SummaryRow",
    "process_report",
    "run_batch",
    "summary_dataframe",
    "summary_row",
    "write_batch",
]

REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
"""File name suffixes (any case) that a directory walk takes for reports; other files are counted, not read."""

BATCH_OUTPUTS: tuple[str, ...] = ("csv", "jsonl", "parquet")
"""What :func:`write_batch` can write."""


class ResultStatus(enum.Enum):
    """What became of one input."""

    OK = "ok"
    """Read (and checked): no error-severity finding."""
    ERRORS = "errors"
    """Read and checked: at least one error-severity finding."""
    NOT_A_REPORT = "not-a-report"
    """Read, but the document follows neither national format (no table to export)."""
    UNREADABLE = "unreadable"
    """Could not be read: missing, unreadable, binary, empty, a symbolic-link loop, not a regular file …"""
    FAILED = "failed"
    """An internal error of the library (a bug: please report it with the ``error`` text)."""
    SKIPPED = "skipped"
    """Not read on purpose: a second path to a directory already walked (a symbolic link loop …)."""

    @property
    def read(self) -> bool:
        """True when the input was read as a report (:attr:`OK` or :attr:`ERRORS`)."""
        return self in (ResultStatus.OK, ResultStatus.ERRORS)


def _records(items: Iterable[TidyRecord]) -> tuple[TidyRecord, ...]:
    return tuple(items)


def _findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class ReportResult:
    """The outcome of :func:`process_report` for one input. Pickles (it crosses process boundaries)."""

    source: str
    """The path as given (or the ``name`` of a document given as bytes)."""
    status: ResultStatus
    agency: str | None = None
    year: int | None = None
    format: Format | None = None
    records: tuple[TidyRecord, ...] = attrs.field(default=(), converter=_records)
    """The tidy records of the report (:func:`~govdisclosure.tabular.tidy_records`); none unless it was read."""
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    """What :func:`~govdisclosure.rules.validate` found (not-assessable included, passes not); none when
    validation was switched off or the report was not read."""
    diagnostics_error: int = 0
    """Reader diagnostics (``Report.diagnostics``) of error severity."""
    diagnostics_warning: int = 0
    diagnostics_info: int = 0
    error_type: str | None = None
    """Class name of the error that stopped the reading (``DecodeError``, ``InputError`` …), if any."""
    error: str | None = None
    """What went wrong, in words, if anything did."""
    elapsed_ms: float = 0.0
    """Wall-clock time spent on this input, reading the file included."""

    @property
    def errors(self) -> int:
        """Failed rules of error severity."""
        return sum(1 for f in self.findings if f.status is Status.FAIL and f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Failed rules of warning severity."""
        return sum(1 for f in self.findings if f.status is Status.FAIL and f.severity is Severity.WARNING)

    @property
    def not_assessable(self) -> int:
        """Rule instances whose inputs were blank, placeholders, ambiguous or absent."""
        return sum(1 for f in self.findings if f.status is Status.NOT_ASSESSABLE)


class SummaryRow(TypedDict):
    """One row of the summary file: one per input."""

    source: str
    status: str
    agency: str | None
    year: int | None
    format: str | None
    errors: int
    warnings: int
    not_assessable: int
    diagnostics_error: int
    diagnostics_warning: int
    diagnostics_info: int
    records: int
    elapsed_ms: float
    error_type: str | None
    error: str | None


SUMMARY_FIELDS: tuple[str, ...] = tuple(SummaryRow.__annotations__)
"""Column order of the summary file."""


def summary_row(result: ReportResult) -> SummaryRow:
    """The summary row of one result."""
    return SummaryRow(
        source=result.source, status=result.status.value, agency=result.agency, year=result.year,
        format=None if result.format is None else result.format.value,
        errors=result.errors, warnings=result.warnings, not_assessable=result.not_assessable,
        diagnostics_error=result.diagnostics_error, diagnostics_warning=result.diagnostics_warning,
        diagnostics_info=result.diagnostics_info, records=len(result.records),
        elapsed_ms=result.elapsed_ms, error_type=result.error_type, error=result.error,
    )


# --------------------------------------------------------------------------------------------------
# One report
# --------------------------------------------------------------------------------------------------


def process_report(
    source: str | os.PathLike[str] | bytes, *, name: str | None = None, validate: bool = True,
) -> ReportResult:
    """Read (and check) one report; never raises for a bad document.

    ``source`` is a path (a ``str`` is always a path here) or the bytes of a document; ``name`` is what
    the result and its records call it (default: the path as given, or ``"<bytes>"``). With
    ``validate=False`` the rules are not applied (``findings`` is empty). A document that cannot be read
    gives :attr:`ResultStatus.UNREADABLE` with the error; one in neither national format
    :attr:`ResultStatus.NOT_A_REPORT`; any other exception — a bug of the library — is caught too and
    recorded as :attr:`ResultStatus.FAILED` with its type and where it was raised.
    """
    start = time.perf_counter()
    given: bytes | None = None
    path: str | os.PathLike[str] | None = None
    if isinstance(source, bytes | bytearray | memoryview):
        given = bytes(source)
        label = name if name is not None else "<bytes>"
    else:
        path = source
        label = name if name is not None else os.fspath(source)

    def result(status: ResultStatus, **fields: Any) -> ReportResult:
        elapsed = round(1000 * (time.perf_counter() - start), 3)
        return ReportResult(source=label, status=status, elapsed_ms=elapsed, **fields)

    try:
        data = read_file(path, label) if path is not None else given or b""
        if not data.strip():
            raise InputError("empty file" if given is None else "empty document", source=label)
        report = read(data, name=label)
        counts = _diagnostic_counts(report)
        about: dict[str, Any] = {"agency": report.agency, "year": report.year, "format": report.format, **counts}
        if report.format is None:
            reason = next((d.message for d in report.diagnostics if d.code == "format-unknown"),
                          "the document follows neither national format")
            return result(ResultStatus.NOT_A_REPORT, error_type="UnknownFormatError", error=reason, **about)
        findings = _apply_rules(report) if validate else []
        records = tuple(tidy_records(report))
    except GovDisclosureError as exc:
        return result(ResultStatus.UNREADABLE, error_type=type(exc).__name__, error=exc.message)
    except Exception as exc:  # never abort a run: a bug is recorded with where it happened
        return result(ResultStatus.FAILED, error_type=type(exc).__name__, error=_internal(exc))
    status = ResultStatus.ERRORS if any(
        f.status is Status.FAIL and f.severity is Severity.ERROR for f in findings) else ResultStatus.OK
    return result(status, records=records, findings=findings, **about)


def _diagnostic_counts(report: Report) -> dict[str, int]:
    counts = collections.Counter(d.severity for d in report.diagnostics)
    return {"diagnostics_error": counts[Severity.ERROR], "diagnostics_warning": counts[Severity.WARNING],
            "diagnostics_info": counts[Severity.INFO]}


def _internal(exc: Exception) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name})" if frames else ""
    return f"internal error, please report it: {type(exc).__name__}: {exc}{where}"


# --------------------------------------------------------------------------------------------------
# Finding the reports
# --------------------------------------------------------------------------------------------------


@attrs.frozen
class _Task:
    """One input: a path, or what the walk already found wrong with it."""

    path: str
    problem: str | None = None
    problem_status: ResultStatus = ResultStatus.UNREADABLE
    validate: bool = True
    output: str | None = None
    """How the worker encodes the records (:data:`BATCH_OUTPUTS`), or ``None`` for whole results."""


@attrs.frozen
class _Found:
    tasks: tuple[tuple[str, str | None, ResultStatus], ...]
    """``(path, problem, status)`` sorted by path; ``problem`` is ``None`` for a file to read."""
    ignored: int
    """Files in the walked directories whose suffix is not in :data:`REPORT_SUFFIXES`."""


class _Walk:
    """Every report file under some files and directories.

    A file named on its own is taken whatever its suffix; in a directory, files with a suffix in
    :data:`REPORT_SUFFIXES`, except those whose name matches an ``exclude`` pattern (:mod:`fnmatch`,
    case-sensitive; a matching directory is not walked). Symbolic links to directories are followed,
    each directory walked once: a second path to one (a link loop, or two links to the same place)
    becomes a *skipped* entry naming the path it was walked as. A link that loops on itself or leads
    nowhere, and anything that is not a regular file, becomes an *unreadable* entry when its name is
    a report's.
    """

    def __init__(self, exclude: Sequence[str]) -> None:
        self.exclude = tuple(exclude)
        self.found: dict[str, tuple[str | None, ResultStatus]] = {}
        self.walked: dict[tuple[int, int], str] = {}
        self.ignored = 0

    def problem(self, path: str, reason: str, status: ResultStatus = ResultStatus.UNREADABLE) -> None:
        self.found[path] = (reason, status)

    def file(self, path: str, info: os.stat_result) -> None:
        if stat.S_ISREG(info.st_mode):
            self.found.setdefault(path, (None, ResultStatus.UNREADABLE))
        else:
            self.problem(path, "not a regular file (a FIFO, socket or device)")

    def input(self, path: str) -> None:
        try:
            info = os.stat(path)
        except OSError as exc:
            self.problem(path, "no such file or directory" if exc.errno == errno.ENOENT else os_reason(exc))
            return
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) not in self.walked:  # named twice: walked once
                self.directory(path, info)
        else:
            self.file(path, info)

    def directory(self, top: str, info: os.stat_result) -> None:
        stack = [(top, info)]
        while stack:
            path, path_info = stack.pop()
            key = (path_info.st_dev, path_info.st_ino)
            if key in self.walked:
                first = self.walked[key]
                what = "a symbolic link loop" if _is_within(first, path) else "another path to the same directory"
                self.problem(path, f"{what}: already walked as {first}", ResultStatus.SKIPPED)
                continue
            self.walked[key] = path
            try:
                with os.scandir(path) as entries:
                    listing = sorted(entries, key=lambda e: e.name)
            except OSError as exc:
                self.problem(path, f"cannot list the directory: {os_reason(exc).removeprefix('cannot read: ')}")
                continue
            subdirectories = []
            for entry in listing:
                if self.excluded(entry.name):
                    self.ignored += 1
                    continue
                is_report = entry.name.lower().endswith(REPORT_SUFFIXES)
                try:
                    entry_info = entry.stat()  # follows symbolic links
                except OSError as exc:
                    if not is_report:
                        self.ignored += 1
                    elif entry.is_symlink():
                        self.problem(entry.path, "symbolic link loop" if exc.errno == errno.ELOOP
                                     else "broken symbolic link" if exc.errno == errno.ENOENT else os_reason(exc))
                    else:
                        self.problem(entry.path, os_reason(exc))
                    continue
                if stat.S_ISDIR(entry_info.st_mode):
                    subdirectories.append((entry.path, entry_info))
                elif is_report:
                    self.file(entry.path, entry_info)
                else:
                    self.ignored += 1
            stack.extend(reversed(subdirectories))  # walked in name order: the first path to a directory wins

    def excluded(self, name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in self.exclude)

    def result(self) -> _Found:
        tasks = tuple((path, problem, status) for path, (problem, status) in sorted(self.found.items()))
        return _Found(tasks=tasks, ignored=self.ignored)


def _is_within(ancestor: str, path: str) -> bool:
    """Whether the real location of ``path`` is inside the directory ``ancestor`` really is (a loop)."""
    real_ancestor = os.path.realpath(ancestor)
    real_parent = os.path.realpath(os.path.dirname(path) or ".")
    return os.path.commonpath([real_ancestor, real_parent]) == real_ancestor


def _find(inputs: Iterable[str | os.PathLike[str]], exclude: Sequence[str] = ()) -> _Found:
    walk = _Walk(exclude)
    for item in inputs:
        walk.input(os.fspath(item))
    return walk.result()


# --------------------------------------------------------------------------------------------------
# Running the work, in order, in this process or in a pool
# --------------------------------------------------------------------------------------------------


def _run_task(task: _Task) -> ReportResult:
    if task.problem is not None:
        error_type = "InputError" if task.problem_status is ResultStatus.UNREADABLE else None
        return ReportResult(source=task.path, status=task.problem_status, error_type=error_type, error=task.problem)
    return process_report(task.path, validate=task.validate)


def _results(tasks: list[_Task]) -> list[ReportResult]:
    return [_run_task(t) for t in tasks]


Encoded = tuple[SummaryRow, object]


def _encoded(tasks: list[_Task]) -> list[Encoded]:
    """Worker side of :func:`write_batch`: the summary row and the records already encoded."""
    out: list[Encoded] = []
    for task in tasks:
        result = _run_task(task)
        try:
            payload = _encode(result.records, task.output)
        except Exception as exc:  # a bug again: the row says so, the run goes on
            result = attrs.evolve(result, status=ResultStatus.FAILED, records=(), error_type=type(exc).__name__,
                                  error=_internal(exc))
            payload = _encode((), task.output)
        out.append((summary_row(result), payload))
    return out


def _encode(records: Sequence[TidyRecord], output: str | None) -> object:
    if output == "csv":
        return csv_text(records)
    if output == "jsonl":
        return jsonl_text(records)
    if output == "parquet":
        return _record_batch(records)
    raise UsageError(f"cannot write batch output {output!r}: choose one of {', '.join(BATCH_OUTPUTS)}")


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: only the main process handles it (it stops the pool).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker only makes short-lived trees of small objects: leave what is loaded out of the cycle
    # collector and run it less often (a few per cent of the time per report).
    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


T = TypeVar("T")


def _chunk_size(n: int, jobs: int) -> int:
    return max(1, min(16, n // (jobs * 8)))


def _ordered(work: Callable[[list[_Task]], list[T]], tasks: Sequence[_Task], jobs: int,
             crashed: Callable[[_Task], T]) -> Iterator[T]:
    """``work`` over ``tasks``, results in task order; a pool of ``jobs`` processes when ``jobs > 1``.

    At most ``4 × jobs`` chunks are in flight, so results never pile up in memory. If a worker process
    dies (a crash in a C extension, the OOM killer), the chunks in flight are run again one task at a
    time in a fresh process, so that only the task that kills its process is recorded as failed.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield from work([task])
        return
    from concurrent.futures import ProcessPoolExecutor  # only for a pool: multiprocessing is slow to import
    from concurrent.futures.process import BrokenProcessPool

    jobs = min(jobs, len(tasks))
    size = _chunk_size(len(tasks), jobs)
    pending = collections.deque(list(tasks[i:i + size]) for i in range(0, len(tasks), size))
    window: collections.deque[tuple[Future[list[T]], list[_Task]]] = collections.deque()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
    try:
        while pending or window:
            while pending and len(window) < 4 * jobs:
                chunk = pending.popleft()
                window.append((pool.submit(work, chunk), chunk))
            future, chunk = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                suspects = chunk + [t for _, c in window for t in c]
                window.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                yield from _one_by_one(work, suspects, crashed)
                pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
                continue
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _one_by_one(work: Callable[[list[_Task]], list[T]], tasks: Sequence[_Task],
                crashed: Callable[[_Task], T]) -> Iterator[T]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=1, initializer=_worker_init)
    try:
        for task in tasks:
            try:
                results = pool.submit(work, [task]).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=1, initializer=_worker_init)
                results = [crashed(task)]
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_CRASH = "the worker process died while reading this file (a crash in a C extension, or out of memory)"


def _crashed_result(task: _Task) -> ReportResult:
    return ReportResult(source=task.path, status=ResultStatus.FAILED, error_type="BrokenProcessPool", error=_CRASH)


def _jobs(jobs: int | None) -> int:
    if jobs is None or jobs == 0:
        return _cpu_count()
    if jobs < 0:
        raise UsageError(f"jobs must be a positive number (or 0 for one per CPU), got {jobs}")
    return jobs


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_batch(
    inputs: Iterable[str | os.PathLike[str]], *, jobs: int | None = 1, validate: bool = True,
    exclude: Sequence[str] = (),
) -> Iterator[ReportResult]:
    """:func:`process_report` over files and directories, the results in path order.

    Directories are walked (symbolic links to directories followed once; a loop becomes a result with
    the reason) and every file with a suffix in :data:`REPORT_SUFFIXES` is read; a file named in
    ``inputs`` is read whatever its suffix. ``jobs`` processes work in parallel (``1``: in this process;
    ``0`` or ``None``: one per CPU). Names (of files or directories) matching an ``exclude`` pattern
    (:func:`fnmatch.fnmatchcase`, e.g. ``"README*"``) are left out of directory walks. Every input yields
    exactly one result; nothing raises for a bad file.
    """
    count = _jobs(jobs)
    found = _find(inputs, exclude)  # now, so that a bad argument raises here and not at the first result
    tasks = [_Task(path=p, problem=problem, problem_status=status, validate=validate)
             for p, problem, status in found.tasks]
    return _ordered(_results, tasks, count, _crashed_result)


# --------------------------------------------------------------------------------------------------
# Writing a whole corpus to two files
# --------------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BatchOutcome:
    """What :func:`write_batch` did."""

    records_path: Path
    summary_path: Path
    statuses: Mapping[str, int]
    """How many inputs ended in each :class:`ResultStatus` (by value; every status present)."""
    records: int
    """Tidy records written."""
    ignored: int
    """Files in the walked directories not taken for reports: their suffix is not in :data:`REPORT_SUFFIXES`,
    or their name matches an ``exclude`` pattern."""
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    @property
    def unreadable(self) -> int:
        """Inputs that could not be read as a report: unreadable, not a report, or failed."""
        return sum(self.statuses[s.value] for s in (ResultStatus.UNREADABLE, ResultStatus.NOT_A_REPORT,
                                                     ResultStatus.FAILED))

    @property
    def with_errors(self) -> int:
        """Reports with an error-severity finding."""
        return self.statuses[ResultStatus.ERRORS.value]


def write_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    to: str | None = None,
    summary: str | os.PathLike[str] | None = None,
    jobs: int | None = 1,
    validate: bool = True,
    exclude: Sequence[str] = (),
    excel: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BatchOutcome:
    """Read and check every report under ``inputs``; write their tidy records to ``out`` and one summary
    row per input (:data:`SUMMARY_FIELDS`) to ``summary``.

    ``to`` is ``"csv"``, ``"jsonl"`` or ``"parquet"`` (``[parquet]`` extra), by default taken from the
    suffix of ``out``; ``summary`` defaults to ``out`` with ``.summary`` before its suffix
    (``cells.csv`` → ``cells.summary.csv``). Both files are written under temporary names in their
    directories and renamed when every input is done; on any exception (``KeyboardInterrupt``
    included) the temporary files are removed and nothing is left behind. ``progress(done, total)`` is
    called after each input. See :func:`run_batch` for ``inputs``, ``jobs``, ``validate`` and ``exclude``;
    ``excel=True`` starts CSV files with a UTF-8 byte-order mark.
    """
    started = time.perf_counter()
    records_path = Path(out)
    output = _output_kind(records_path, to)
    summary_path = Path(summary) if summary is not None else _summary_path(records_path, output)
    if records_path.resolve() == summary_path.resolve():
        raise UsageError(f"the records and the summary cannot both be written to {records_path}")
    if output == "parquet":
        _pyarrow()
    count = _jobs(jobs)
    found = _find(inputs, exclude)
    tasks = [_Task(path=p, problem=problem, problem_status=status, validate=validate, output=output)
             for p, problem, status in found.tasks]
    statuses = dict.fromkeys((s.value for s in ResultStatus), 0)
    written = 0

    def crashed(task: _Task) -> Encoded:
        return summary_row(_crashed_result(task)), _encode((), output)

    sink = _sink(output, records_path, summary_path, excel=excel)
    try:
        for done, (row, payload) in enumerate(_ordered(_encoded, tasks, count, crashed), start=1):
            sink.add(row, payload)
            statuses[row["status"]] += 1
            written += row["records"]
            if progress is not None:
                progress(done, len(tasks))
        sink.commit()
    except BaseException:
        sink.discard()
        raise
    return BatchOutcome(records_path=records_path, summary_path=summary_path, statuses=statuses, records=written,
                        ignored=found.ignored, seconds=time.perf_counter() - started)


_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


def _output_kind(path: Path, to: str | None) -> str:
    if to is None:
        kind = _SUFFIXES.get(path.suffix.lower())
        if kind is None:
            raise UsageError(f"cannot tell what to write from the name {path.name!r}: "
                             f"give to= (one of {', '.join(BATCH_OUTPUTS)})")
        return kind
    if to not in BATCH_OUTPUTS:
        raise UsageError(f"cannot write batch output {to!r}: choose one of {', '.join(BATCH_OUTPUTS)}")
    return to


def _summary_path(records_path: Path, output: str) -> Path:
    suffix = records_path.suffix if _SUFFIXES.get(records_path.suffix.lower()) == output else ""
    stem = records_path.name[: -len(suffix)] if suffix else records_path.name
    return records_path.with_name(f"{stem}.summary{suffix or '.' + output}")


class _Sink:
    """Two output files under temporary names until :meth:`commit`."""

    def __init__(self, records_path: Path, summary_path: Path) -> None:
        self.targets = (records_path, summary_path)
        self.temporary: list[Path] = []
        for target in self.targets:
            try:
                fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            except OSError as exc:
                self.discard()
                raise InputError(f"cannot write: {exc.strerror or exc}", source=str(target)) from None
            os.close(fd)
            self.temporary.append(Path(name))

    def add(self, row: SummaryRow, payload: object) -> None:
        raise NotImplementedError

    def close(self, *, complete: bool = True) -> None:
        """Close the files (``complete=False``: they are about to be removed, write nothing more)."""
        raise NotImplementedError

    def commit(self) -> None:
        self.close()
        umask = os.umask(0)
        os.umask(umask)
        try:
            for temporary, target in zip(self.temporary, self.targets, strict=True):
                os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; an output file gets the usual mode
                os.replace(temporary, target)
        except OSError as exc:
            self.discard()
            raise InputError(f"cannot write: {exc.strerror or exc}", source=str(exc.filename)) from None

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self.close(complete=False)
        for temporary in self.temporary:
            temporary.unlink(missing_ok=True)


class _TextSink(_Sink):
    def __init__(self, records_path: Path, summary_path: Path, *, csv_format: bool, excel: bool) -> None:
        super().__init__(records_path, summary_path)
        self.files: list[IO[str]] = []
        self.summary_writer: csv.DictWriter[str] | None = None
        _opened(self, lambda: self._open(csv_format, excel))

    def _open(self, csv_format: bool, excel: bool) -> None:
        for temporary in self.temporary:
            self.files.append(open(temporary, "w", encoding="utf-8", newline="", buffering=1 << 20))  # noqa: SIM115
        self.records_file, self.summary_file = self.files
        if csv_format:
            for handle, fields in ((self.records_file, TIDY_FIELDS), (self.summary_file, SUMMARY_FIELDS)):
                if excel:
                    handle.write("\ufeff")
                csv.DictWriter(handle, fieldnames=fields, lineterminator="\r\n").writeheader()
            self.summary_writer = csv.DictWriter(self.summary_file, fieldnames=SUMMARY_FIELDS, lineterminator="\r\n")

    def add(self, row: SummaryRow, payload: object) -> None:
        assert isinstance(payload, str)
        self.records_file.write(payload)
        if self.summary_writer is not None:
            self.summary_writer.writerow({k: "" if v is None else v for k, v in row.items()})
        else:
            self.summary_file.write(jsonl_line(dict(row)))
            self.summary_file.write("\n")

    def close(self, *, complete: bool = True) -> None:
        for handle in self.files:
            handle.close()


class _ParquetSink(_Sink):
    _ROW_GROUP = 100_000

    def __init__(self, records_path: Path, summary_path: Path) -> None:
        super().__init__(records_path, summary_path)
        self.writers: list[Any] = []
        self.buffer: list[Any] = []
        self.buffered = 0
        self.rows: list[SummaryRow] = []
        _opened(self, self._open)

    def _open(self) -> None:
        pa, pq = _pyarrow()
        self.pa = pa
        for temporary, schema in zip(self.temporary, (_records_schema(), _summary_schema()), strict=True):
            self.writers.append(pq.ParquetWriter(str(temporary), schema))
        self.writer, self.summary_writer = self.writers

    def add(self, row: SummaryRow, payload: object) -> None:
        if payload is not None and payload.num_rows:  # type: ignore[attr-defined]
            self.buffer.append(payload)
            self.buffered += payload.num_rows  # type: ignore[attr-defined]
            if self.buffered >= self._ROW_GROUP:
                self._flush()
        self.rows.append(row)
        if len(self.rows) >= self._ROW_GROUP // 10:
            self._flush_summary()

    def _flush(self) -> None:
        if self.buffer:
            self.writer.write_table(self.pa.Table.from_batches(self.buffer, schema=_records_schema()))
        self.buffer, self.buffered = [], 0

    def _flush_summary(self) -> None:
        if self.rows:
            self.summary_writer.write_table(self.pa.Table.from_pylist(self.rows, schema=_summary_schema()))
        self.rows = []

    def close(self, *, complete: bool = True) -> None:
        try:
            if complete and len(self.writers) == 2:
                self._flush()
                self._flush_summary()
        finally:
            for writer in self.writers:
                writer.close()
            self.writers = []


def _sink(output: str, records_path: Path, summary_path: Path, *, excel: bool) -> _Sink:
    if output == "parquet":
        return _ParquetSink(records_path, summary_path)
    return _TextSink(records_path, summary_path, csv_format=output == "csv", excel=excel)


def _opened(sink: _Sink, prepare: Callable[[], None]) -> None:
    """Run a sink's set-up; on failure remove its temporary files before raising."""
    try:
        prepare()
    except BaseException:
        sink.discard()
        raise


# --------------------------------------------------------------------------------------------------
# pyarrow and pandas (extras), imported lazily
# --------------------------------------------------------------------------------------------------


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError(
            "writing Parquet needs pyarrow: pip install 'govdisclosure[parquet]'", extra="parquet") from None
    return pa, pq


def _records_schema() -> Any:
    pa, _ = _pyarrow()
    types = {"year": pa.int32(), "value": pa.float64(), "line": pa.int32()}
    return pa.schema([(name, types.get(name, pa.string())) for name in TIDY_FIELDS])


def _summary_schema() -> Any:
    pa, _ = _pyarrow()
    counts = {"errors", "warnings", "not_assessable", "diagnostics_error", "diagnostics_warning",
              "diagnostics_info", "records"}
    types = {"year": pa.int32(), "elapsed_ms": pa.float64(), **dict.fromkeys(counts, pa.int32())}
    return pa.schema([(name, types.get(name, pa.string())) for name in SUMMARY_FIELDS])


def _record_batch(records: Sequence[TidyRecord]) -> Any:
    """The records as one Arrow record batch: ``value`` as float64 (``raw`` keeps the exact token)."""
    pa, _ = _pyarrow()
    schema = _records_schema()
    columns = []
    for field in schema:
        values = [r[field.name] for r in records]  # type: ignore[literal-required]
        if field.name == "value":
            values = [None if v is None else float(v) for v in values]
        columns.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def summary_dataframe(results: Iterable[ReportResult | SummaryRow]) -> Any:
    """Summary rows as a :class:`pandas.DataFrame` (needs ``pip install govdisclosure[pandas]``); the
    records of the same results go to :func:`~govdisclosure.tabular.to_dataframe`."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "summary_dataframe needs pandas: pip install 'govdisclosure[pandas]'", extra="pandas") from None
    rows = [summary_row(r) if isinstance(r, ReportResult) else r for r in results]
    frame = pd.DataFrame(rows, columns=list(SUMMARY_FIELDS))
    for name in ("year", "errors", "warnings", "not_assessable", "diagnostics_error", "diagnostics_warning",
                 "diagnostics_info", "records"):
        frame[name] = frame[name].astype("Int64")
    frame["elapsed_ms"] = frame["elapsed_ms"].astype("Float64")
    return frame
