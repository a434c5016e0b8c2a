"""``govdisclosure diff A B``: text and JSON output, exit statuses 0 (same), 1 (different), 2 (unreadable)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govdisclosure import read, set_cells, to_json
from govdisclosure._cli import main
from tests.conftest import CORPUS
from tests.test_batch import clean_report, write_report


def test_the_same_report_in_two_layouts_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = write_report(tmp_path / "r.txt", clean_report())
    html = write_report(tmp_path / "r.html", clean_report(), "html")
    assert main(["diff", str(text), str(html)]) == 0
    out = capsys.readouterr().out
    assert out == f"--- {text} (2021 format)\n+++ {html} (2021 format)\nno differences\n"


def test_canonical_json_is_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = write_report(tmp_path / "r.txt", clean_report())
    saved = tmp_path / "r.json"
    saved.write_text(to_json(read(text)), encoding="utf-8")
    assert main(["diff", str(saved), str(text)]) == 0
    assert capsys.readouterr().out.endswith("no differences\n")


def test_differences_exit_1_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write_report(tmp_path / "a.md", clean_report(), "markdown")
    b = write_report(tmp_path / "b.md", set_cells(clean_report(), {"requests.granted.total": None}), "markdown")
    assert main(["diff", str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "cells (1 changed):\n  requests.granted.total: 3 → blank [kind: number → blank]\n" in out
    assert out.endswith("1 difference\n")


def test_differences_exit_1_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write_report(tmp_path / "a.txt", clean_report())
    b = write_report(tmp_path / "b.txt", set_cells(clean_report(), {"requests.granted.total": 7}))
    assert main(["diff", str(a), str(b), "--to", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True and data["a"] == str(a)
    (change,) = data["cells"]
    assert (change["change"], change["difference"], change["a"][0]["key"]) == ("value", 4, "requests.granted.total")


def test_across_formats_lists_what_is_not_comparable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(CORPUS / "pingtan-2019-html.html"), str(CORPUS / "pingtan-2022-html.html")]) == 1
    out = capsys.readouterr().out
    assert "  format: 2019 → 2021\n" in out and "  year: 2019 → 2022\n" in out
    assert "requests.other.total → requests.other_no_correction.total + " in out
    assert "\nnot comparable (24 cells):\n" in out and "其他对外管理服务事项 was removed in 2021" in out


def test_an_unreadable_report_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write_report(tmp_path / "a.txt", clean_report())
    assert main(["diff", str(a), str(tmp_path / "missing.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "missing.txt" in captured.err and "no such file" in captured.err
    broken = tmp_path / "b.json"
    broken.write_text("{}", encoding="utf-8")
    assert main(["diff", str(broken), str(a)]) == 2
    assert "schema_version" in capsys.readouterr().err
