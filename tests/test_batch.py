"""``govdisclosure.batch``: the per-report function, the directory walk, the pool and the two output files."""

from __future__ import annotations

import csv
import datetime
import io
import json
import multiprocessing
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

import govdisclosure.batch as batch
from govdisclosure import (
    SUMMARY_FIELDS,
    TIDY_FIELDS,
    Format,
    GovDisclosureError,
    InputError,
    MissingDependencyError,
    Report,
    ReportResult,
    ResultStatus,
    Section,
    UsageError,
    blank_report,
    process_report,
    read,
    render,
    run_batch,
    set_cells,
    spec,
    summary_row,
    tabular,
    tidy_records,
    validate,
    write_batch,
)
from tests.conftest import CORPUS


def clean_report(*, agency: str = "某某县人民政府", year: int = 2022, granted: int = 3) -> Report:
    """A 2021-format report that breaks no error-severity rule."""
    values: dict[str, object] = dict.fromkeys(spec(Format.V2021).cell_keys(), 0)
    values["active_disclosure.admin_fees.fee_amount"] = "12.5"
    for row in ("new_received", "granted", "total_processed"):
        values[f"requests.{row}.natural_person"] = granted
        values[f"requests.{row}.total"] = granted
    texts = ("本机关认真贯彻落实条例。", "", "", "", "存在的主要问题是公开内容不够全面，下一步将加强管理。", "本年度未收取信息处理费。")
    sections = tuple(Section(id=f"s{i}", text=text) for i, text in enumerate(texts, start=1))
    report = blank_report(Format.V2021, year=year, agency=agency, published=datetime.date(year + 1, 3, 1),
                          sections=sections)
    return set_cells(report, values)


def broken_report() -> Report:
    """A report whose section 三 total does not add up (rules R3 and R4 fail: error severity)."""
    return set_cells(clean_report(), {"requests.granted.total": 5})


def write_report(path: Path, report: Report, layout: str = "text") -> Path:
    path.write_text(render(report, layout), encoding="utf-8")
    return path


def without_timing(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "elapsed_ms"}


# --------------------------------------------------------------------------------------------------
# process_report
# --------------------------------------------------------------------------------------------------


def test_process_report_reads_checks_and_exports(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.html", broken_report(), "html")
    result = process_report(path)
    report = read(path)
    assert result.status is ResultStatus.ERRORS
    assert (result.source, result.agency, result.year, result.format) == (str(path), "某某县人民政府", 2022, Format.V2021)
    assert list(result.records) == list(tidy_records(report))
    assert list(result.findings) == validate(report)
    assert result.errors == 2 and {f.rule for f in result.findings if f.severity.value == "error"} == {"R3", "R4"}
    assert result.error is None and result.elapsed_ms > 0


def test_process_report_from_bytes_equals_from_path(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.md", clean_report(), "markdown")
    from_path = process_report(path)
    from_bytes = process_report(path.read_bytes(), name=str(path))
    assert from_path.status is ResultStatus.OK
    assert without_timing(dict(summary_row(from_path))) == without_timing(dict(summary_row(from_bytes)))
    assert from_path.records == from_bytes.records and from_path.findings == from_bytes.findings
    assert process_report(path.read_bytes()).source == "<bytes>"


def test_process_report_without_validation(tmp_path: Path) -> None:
    result = process_report(write_report(tmp_path / "r.txt", broken_report()), validate=False)
    assert result.status is ResultStatus.OK and result.findings == () and len(result.records) == 200


@pytest.mark.parametrize(("content", "reason", "error_type"), [
    (b"", "empty file", "InputError"),
    (b" \r\n\t\n", "empty file", "InputError"),
    (bytes(range(256)) * 4, "binary", "DecodeError"),
])
def test_unreadable_documents_say_why(tmp_path: Path, content: bytes, reason: str, error_type: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = process_report(path)
    assert result.status is ResultStatus.UNREADABLE
    assert result.error_type == error_type and result.error is not None and reason in result.error
    assert result.records == () and result.findings == ()


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = process_report(tmp_path / "gone.txt")
    assert (missing.status, missing.error) == (ResultStatus.UNREADABLE, "no such file")
    directory = process_report(tmp_path)
    assert (directory.status, directory.error) == (ResultStatus.UNREADABLE, "is a directory, not a report")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = process_report(fifo)
    assert result.status is ResultStatus.UNREADABLE and result.error is not None and "not a regular file" in result.error


def test_a_document_in_neither_format_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# 会议纪要\n\n今天讨论了网站改版。\n", encoding="utf-8")
    result = process_report(path)
    assert result.status is ResultStatus.NOT_A_REPORT
    assert result.error_type == "UnknownFormatError" and result.error is not None and "neither" in result.error
    assert result.records == () and result.diagnostics_error >= 1


def test_an_internal_error_is_recorded_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args: object, **kwargs: object) -> Report:
        raise KeyError("surprise")

    monkeypatch.setattr(batch, "read", bug)
    result = process_report(write_report(tmp_path / "r.txt", clean_report()))
    assert result.status is ResultStatus.FAILED and result.error_type == "KeyError"
    assert result.error is not None
    assert "internal error" in result.error and "'surprise'" in result.error and "test_batch.py" in result.error


def test_results_pickle(tmp_path: Path) -> None:
    good = process_report(write_report(tmp_path / "r.txt", broken_report()))
    bad = process_report(tmp_path / "missing.txt")
    assert good.findings and good.records
    for result in (good, bad):
        assert pickle.loads(pickle.dumps(result)) == result


def test_summary_row_counts(tmp_path: Path) -> None:
    result = process_report(write_report(tmp_path / "r.html", broken_report(), "html"))
    row = summary_row(result)
    assert tuple(row) == SUMMARY_FIELDS
    assert row["status"] == "errors" and row["format"] == "2021" and row["records"] == 200
    assert (row["errors"], row["warnings"], row["not_assessable"]) == (
        result.errors, result.warnings, result.not_assessable)
    assert row["error"] is None and row["error_type"] is None


# --------------------------------------------------------------------------------------------------
# Encoders: exactly what write_csv / write_jsonl write
# --------------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------------
# Walking directories
# --------------------------------------------------------------------------------------------------


def test_walk_takes_report_suffixes_and_counts_the_rest(tmp_path: Path) -> None:
    write_report(tmp_path / "b.TXT", clean_report())
    (tmp_path / "sub").mkdir()
    write_report(tmp_path / "sub" / "a.htm", clean_report(), "html")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "cells.csv").write_text("x", encoding="utf-8")
    found = batch._find([tmp_path])
    assert [p for p, _, _ in found.tasks] == [str(tmp_path / "b.TXT"), str(tmp_path / "sub" / "a.htm")]
    assert found.ignored == 2
    named = batch._find([tmp_path / "notes.docx"])  # a file named on its own is taken whatever its suffix
    assert [p for p, _, _ in named.tasks] == [str(tmp_path / "notes.docx")]


def test_walk_exclude_patterns(tmp_path: Path) -> None:
    write_report(tmp_path / "README.md", clean_report())
    write_report(tmp_path / "r.md", clean_report())
    (tmp_path / "drafts").mkdir()
    write_report(tmp_path / "drafts" / "d.md", clean_report())
    found = batch._find([tmp_path], exclude=["README*", "drafts"])
    assert [p for p, _, _ in found.tasks] == [str(tmp_path / "r.md")]
    assert found.ignored == 2


def test_symbolic_link_loops_are_reported_not_followed(tmp_path: Path) -> None:
    write_report(tmp_path / "r.txt", clean_report())
    os.symlink(tmp_path, tmp_path / "loop")            # a directory loop
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")  # a link to itself
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling.md")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "alias")   # two paths to one directory: not a loop
    write_report(tmp_path / "elsewhere" / "e.txt", clean_report())
    results = {Path(r.source).name: r for r in run_batch([tmp_path], validate=False)}
    assert results["loop"].status is ResultStatus.SKIPPED
    assert results["loop"].error == f"a symbolic link loop: already walked as {tmp_path}"
    assert (results["self.txt"].status, results["self.txt"].error) == (ResultStatus.UNREADABLE, "symbolic link loop")
    assert (results["dangling.md"].status, results["dangling.md"].error) == (
        ResultStatus.UNREADABLE, "broken symbolic link")
    assert results["elsewhere"].status is ResultStatus.SKIPPED
    assert results["elsewhere"].error == f"another path to the same directory: already walked as {tmp_path / 'alias'}"
    assert results["e.txt"].source == str(tmp_path / "alias" / "e.txt")
    assert results["r.txt"].status is ResultStatus.OK
    assert len(results) == 6


def test_missing_input_is_a_result(tmp_path: Path) -> None:
    (result,) = run_batch([tmp_path / "nope"])
    assert (result.status, result.error) == (ResultStatus.UNREADABLE, "no such file or directory")


# --------------------------------------------------------------------------------------------------
# The pool
# --------------------------------------------------------------------------------------------------


def corpus_dir(tmp_path: Path, n: int = 12) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(n):
        report = broken_report() if i % 4 == 0 else clean_report(granted=i)
        write_report(folder / f"{i:02d}.{('txt', 'md', 'html')[i % 3]}", report, ("text", "markdown", "html")[i % 3])
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_pool_and_single_process_agree_in_path_order(tmp_path: Path) -> None:
    folder = corpus_dir(tmp_path)
    alone = list(run_batch([folder], jobs=1))
    pooled = list(run_batch([folder], jobs=2))
    assert [r.source for r in alone] == sorted(str(p) for p in folder.iterdir())
    assert [without_timing(dict(summary_row(r))) for r in pooled] == [
        without_timing(dict(summary_row(r))) for r in alone]
    assert [r.records for r in pooled] == [r.records for r in alone]


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the crash is injected through fork")
def test_a_worker_that_dies_costs_only_its_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus_dir(tmp_path, n=8)
    real = batch.process_report

    def crash_on_five(source: Any, **kwargs: Any) -> ReportResult:
        if Path(source).name == "05.html":
            os._exit(9)  # like a segfault in a C extension
        return real(source, **kwargs)

    monkeypatch.setattr(batch, "process_report", crash_on_five)
    results = {Path(r.source).name: r for r in run_batch([folder], jobs=2)}
    assert len(results) == 9
    assert results["05.html"].status is ResultStatus.FAILED and results["05.html"].error_type == "BrokenProcessPool"
    assert all(r.status is not ResultStatus.FAILED for name, r in results.items() if name != "05.html")


def test_a_failure_to_encode_is_a_failed_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus_dir(tmp_path, n=3)
    real = tabular.csv_text

    def fails_for_02(records: Any) -> str:
        if records and records[0]["source"].endswith("02.html"):
            raise ValueError("cannot encode")
        return real(records)

    monkeypatch.setattr(batch, "csv_text", fails_for_02)
    outcome = write_batch([folder], tmp_path / "cells.csv", jobs=1)
    assert outcome.statuses["failed"] == 1 and outcome.records == 400
    rows = list(csv.DictReader(io.StringIO(outcome.summary_path.read_text(encoding="utf-8"))))
    failed = next(r for r in rows if r["source"].endswith("02.html"))
    assert (failed["status"], failed["error_type"], failed["records"]) == ("failed", "ValueError", "0")
    assert "cannot encode" in failed["error"]


def test_jobs_must_not_be_negative(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="jobs"):
        run_batch([tmp_path], jobs=-1)


# --------------------------------------------------------------------------------------------------
# write_batch
# --------------------------------------------------------------------------------------------------


def test_write_batch_csv_and_summary(tmp_path: Path) -> None:
    folder = corpus_dir(tmp_path)
    out = tmp_path / "out" / "cells.csv"
    out.parent.mkdir()
    outcome = write_batch([folder], out, jobs=2)
    assert outcome.summary_path == tmp_path / "out" / "cells.summary.csv"
    assert sorted(p.name for p in out.parent.iterdir()) == ["cells.csv", "cells.summary.csv"]
    records = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(records) == outcome.records == 12 * 200 and tuple(records[0]) == TIDY_FIELDS
    summary = list(csv.DictReader(io.StringIO(outcome.summary_path.read_text(encoding="utf-8"))))
    assert tuple(summary[0]) == SUMMARY_FIELDS
    assert [r["source"] for r in summary] == sorted(str(p) for p in folder.iterdir())
    empty = next(r for r in summary if r["source"].endswith("empty.txt"))
    assert (empty["status"], empty["error_type"], empty["error"], empty["records"]) == (
        "unreadable", "InputError", "empty file", "0")
    assert outcome.statuses == {"ok": 9, "errors": 3, "not-a-report": 0, "unreadable": 1, "failed": 0, "skipped": 0}
    assert (outcome.total, outcome.unreadable, outcome.with_errors) == (13, 1, 3)
    assert {r["source"] for r in records} == {r["source"] for r in summary if r["status"] in ("ok", "errors")}


def test_write_batch_jsonl_to_a_chosen_summary(tmp_path: Path) -> None:
    folder = corpus_dir(tmp_path, n=3)
    outcome = write_batch([folder], tmp_path / "records", to="jsonl", summary=tmp_path / "s.jsonl", jobs=1)
    assert outcome.summary_path == tmp_path / "s.jsonl"
    lines = (tmp_path / "records").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 600
    fee = next(json.loads(line) for line in lines if '"fee_amount"' in line)
    assert fee["value"] == 12.5 and fee["unit"] == "万元"
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [tuple(r) for r in rows] == [SUMMARY_FIELDS] * 4
    assert rows[-1]["status"] == "unreadable"


def test_default_summary_names() -> None:
    assert batch._summary_path(Path("d/cells.csv"), "csv") == Path("d/cells.summary.csv")
    assert batch._summary_path(Path("d/out"), "jsonl") == Path("d/out.summary.jsonl")
    assert batch._summary_path(Path("d/x.parquet"), "parquet") == Path("d/x.summary.parquet")


def test_write_batch_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = corpus_dir(tmp_path, n=4)
    outcome = write_batch([folder], tmp_path / "cells.parquet", jobs=2)
    table = pq.read_table(tmp_path / "cells.parquet")
    assert table.num_rows == outcome.records == 800 and tuple(table.schema.names) == TIDY_FIELDS
    assert str(table.schema.field("value").type) == "double"
    fee = [v for c, v in zip(table.column("column").to_pylist(), table.column("value").to_pylist(), strict=True)
           if c == "fee_amount"]
    assert fee == [12.5] * 4
    summary = pq.read_table(tmp_path / "cells.summary.parquet").to_pylist()
    assert [tuple(r) for r in summary] == [SUMMARY_FIELDS] * 5
    assert [r["status"] for r in summary] == ["errors", "ok", "ok", "ok", "unreadable"]


def test_parquet_without_pyarrow_says_which_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(MissingDependencyError, match=r"govdisclosure\[parquet\]") as info:
        write_batch([tmp_path], tmp_path / "cells.parquet")
    assert info.value.extra == "parquet"  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_run_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus_dir(tmp_path, n=4)
    real = batch.process_report
    calls: list[str] = []

    def interrupted(source: Any, **kwargs: Any) -> ReportResult:
        calls.append(str(source))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(source, **kwargs)

    monkeypatch.setattr(batch, "process_report", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KeyboardInterrupt):
        write_batch([folder], out / "cells.csv", jobs=1)
    assert len(calls) == 3
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("name", "kwargs", "error", "message"), [
    ("cells.xlsx", {}, UsageError, "cannot tell what to write"),
    ("cells.csv", {"to": "xml"}, UsageError, "cannot write batch output 'xml'"),
    ("cells.csv", {"summary": "cells.csv"}, UsageError, "cannot both be written"),
    ("missing/cells.csv", {}, InputError, "cannot write"),
    ("cells.csv", {"summary": "missing/summary.csv"}, InputError, "cannot write"),
    ("cells.parquet", {"summary": "missing/summary.parquet"}, InputError, "cannot write"),
])
def test_bad_output_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, kwargs: dict[str, Any],
                              error: type[GovDisclosureError], message: str) -> None:
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=message):
        write_batch([CORPUS / "zhongmou-2020.txt"], name, **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_summary_dataframe(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    from govdisclosure import summary_dataframe, to_dataframe

    results = list(run_batch([corpus_dir(tmp_path, n=3)]))
    frame = summary_dataframe(results)
    assert list(frame.columns) == list(SUMMARY_FIELDS)
    assert list(frame["status"]) == ["errors", "ok", "ok", "unreadable"]
    assert str(frame["errors"].dtype) == "Int64" and frame["year"].isna().tolist() == [False] * 3 + [True]
    cells = to_dataframe(record for r in results for record in r.records)
    assert len(cells) == 600
