"""``govdisclosure batch``: the two files, the final line, progress, bad input and exit statuses."""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import govdisclosure.batch as batch
from govdisclosure import ReportResult
from govdisclosure._cli import main
from tests.conftest import CORPUS
from tests.test_batch import broken_report, clean_report, write_report


def summary_rows(path: Path) -> dict[str, dict[str, str]]:
    """The summary CSV by file name."""
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return {Path(row["source"]).name: row for row in rows}


def test_clean_reports_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, layout in enumerate(("text", "markdown", "html")):
        write_report(folder / f"{i}.{('txt', 'md', 'html')[i]}", clean_report(granted=i + 1), layout)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    out = tmp_path / "cells.csv"
    assert main(["batch", str(folder), "-o", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and err.count("\n") == 1  # not a terminal: no progress, one final line
    assert "3 inputs" in err and "3 ok, 0 with errors" in err and "1 other files ignored" in err
    assert "600 records" in err and str(out) in err and str(tmp_path / "cells.summary.csv") in err
    rows = summary_rows(tmp_path / "cells.summary.csv")
    assert [r["status"] for r in rows.values()] == ["ok"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cells.csv", "cells.summary.csv", "in"]


def test_a_report_with_errors_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_report(tmp_path / "good.txt", clean_report())
    write_report(tmp_path / "bad.html", broken_report(), "html")
    out = tmp_path / "out" / "cells.jsonl"
    out.parent.mkdir()
    assert main(["batch", str(tmp_path / "good.txt"), str(tmp_path / "bad.html"), "-o", str(out), "-q", "-j", "2"]) == 1
    assert capsys.readouterr().err == ""  # --quiet
    summary = (tmp_path / "out" / "cells.summary.jsonl").read_text(encoding="utf-8")
    assert '"status": "errors"' in summary and '"errors": 2' in summary


def test_no_check_only_reads(tmp_path: Path) -> None:
    write_report(tmp_path / "bad.txt", broken_report())
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "c.csv"), "--no-check", "-j", "1", "-q"]) == 0
    assert summary_rows(tmp_path / "c.summary.csv")["bad.txt"]["errors"] == "0"


def test_bad_input_rows_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder / "a-good.txt", clean_report())
    (folder / "binary.html").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.md").write_bytes(b"")
    (folder / "letter.txt").write_text("尊敬的领导：\n\n现将有关情况报告如下。\n", encoding="utf-8")
    locked = folder / "locked.txt"
    write_report(locked, clean_report())
    locked.chmod(0)
    os.symlink(folder, folder / "loop")
    write_report(folder / "z-deleted.txt", clean_report())
    real = batch.process_report

    def meanwhile(source: Any, **kwargs: Any) -> ReportResult:
        if Path(source).name == "a-good.txt":
            (folder / "z-deleted.txt").unlink()  # removed after the walk listed it
        return real(source, **kwargs)

    if os.geteuid() == 0:  # root reads anything: make the OS refuse as it would refuse anyone else
        real_open = os.open

        def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if os.fspath(path) == str(locked):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(batch, "process_report", meanwhile)
    assert main(["batch", str(folder), "-o", str(tmp_path / "cells.csv"), "-j", "1"]) == 2
    err = capsys.readouterr().err
    assert "1 ok" in err and "1 not a report" in err and "4 unreadable" in err and "1 skipped" in err
    rows = summary_rows(tmp_path / "cells.summary.csv")
    reasons = {name: (row["status"], row["error"]) for name, row in rows.items()}
    assert reasons == {
        "a-good.txt": ("ok", ""),
        "binary.html": ("unreadable", reasons["binary.html"][1]),
        "empty.md": ("unreadable", "empty file"),
        "letter.txt": ("not-a-report", reasons["letter.txt"][1]),
        "locked.txt": ("unreadable", "permission denied"),
        "loop": ("skipped", f"a symbolic link loop: already walked as {folder}"),
        "z-deleted.txt": ("unreadable", "no such file"),
    }
    assert "binary" in reasons["binary.html"][1] and rows["binary.html"]["error_type"] == "DecodeError"
    assert "neither national format" in reasons["letter.txt"][1]


def test_progress_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for i in range(3):
        write_report(tmp_path / f"{i}.txt", clean_report())
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "c.csv"), "-j", "1"]) == 0
    shown = terminal.getvalue()
    assert "\r  3/3  " in shown and "/s" in shown
    final = shown.rsplit("\r", 1)[1]
    assert final.startswith("govdisclosure: 3 inputs")  # the progress line is cleared first


def test_ctrl_c_stops_and_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        write_report(folder / f"{i}.txt", clean_report())
    real = batch.process_report

    def interrupted(source: Any, **kwargs: Any) -> ReportResult:
        if Path(source).name == "1.txt":
            raise KeyboardInterrupt
        return real(source, **kwargs)

    monkeypatch.setattr(batch, "process_report", interrupted)
    assert main(["batch", str(folder), "-o", str(tmp_path / "cells.jsonl"), "-j", "1"]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "cells.xlsx")]) == 2
    assert "cannot tell what to write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["batch", str(tmp_path)])  # no -o
    assert info.value.code == 2
    with pytest.raises(SystemExit):
        main(["batch", str(tmp_path), "-o", "x.csv", "--jobs", "-1"])
    assert "must be 0" in capsys.readouterr().err


def test_batch_over_the_development_corpus_in_a_subprocess(tmp_path: Path) -> None:
    """The installed entry point, a real pool, Parquet: README.md is left out, the Pingtan 2019 text has errors."""
    pq = pytest.importorskip("pyarrow.parquet")
    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "batch", str(CORPUS), "-o", str(tmp_path / "cells.parquet"),
         "--exclude", "README*", "--jobs", "2"], capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    assert "7 inputs" in result.stderr and "8 other files ignored" in result.stderr  # 7 .json, README.md
    summary = pq.read_table(tmp_path / "cells.summary.parquet").to_pylist()
    assert [Path(r["source"]).name for r in summary] == sorted(
        p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md")
    assert {r["status"] for r in summary} == {"ok", "errors"}
    assert pq.read_table(tmp_path / "cells.parquet").num_rows == sum(r["records"] for r in summary) == 1394
