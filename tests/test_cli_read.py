"""``govdisclosure parse`` and ``govdisclosure export``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from govdisclosure import from_json
from govdisclosure._cli import main
from tests.conftest import CORPUS


def test_parse_prints_canonical_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CORPUS / "zhongmou-2020.txt")]) == 0
    report = from_json(capsys.readouterr().out)
    assert report.format is not None and report.format.value == "2019"
    assert report.cell("requests.other.total").value == 1


def test_parse_example_compact(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--example", "--compact"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert json.loads(out)["year"] == 2020


def test_export_jsonl_keeps_the_score_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(CORPUS / "pingtan-2022-html.html"), "--to", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 200
    assert {"table", "row", "column", "value", "unit", "format", "year", "agency", "source"} <= set(records[0])
    fee = next(r for r in records if r["column"] == "fee_amount")
    assert (fee["value"], fee["unit"], fee["format"], fee["year"]) == (9116.36, "万元", "2021", 2022)


def test_export_csv_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    assert main(["export", str(CORPUS / "zhongmou-2020.txt"), str(CORPUS / "pingtan-2019-text.txt"),
                 "--to", "csv", "--excel", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2 * 198
    assert {r["source"] for r in rows} == {str(CORPUS / "zhongmou-2020.txt"), str(CORPUS / "pingtan-2019-text.txt")}
    assert [p.name for p in tmp_path.iterdir()] == ["cells.csv"]


def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["export", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err and "no such file" in err
    binary = tmp_path / "junk.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    assert main(["parse", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err
    assert main(["export"]) == 2


def test_failed_export_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    assert main(["export", str(CORPUS / "zhongmou-2020.txt"), str(tmp_path / "nope.txt"), "-o", str(out)]) == 2
    assert list(tmp_path.iterdir()) == []


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "govdisclosure", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("govdisclosure ")
