"""``govdisclosure render`` and ``govdisclosure schema``."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from govdisclosure import Format, Report, blank_report, json_schema, read, set_cells, to_json, without_provenance
from govdisclosure._cli import EXIT_OK, EXIT_UNREADABLE, main
from govdisclosure.render import render_html, render_markdown, render_text
from tests.conftest import CORPUS

SEED = CORPUS / "zhongmou-2020.txt"


def _report() -> Report:
    return set_cells(blank_report(Format.V2021, year=2022, agency="平潭综合实验区"), {
        "active_disclosure.admin_fees.fee_amount": "9116.36",
        "requests.granted.total": "1,165",
    })


@pytest.fixture
def report_json(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(to_json(_report()), encoding="utf-8")
    return path


@pytest.mark.parametrize(("to", "writer"), [("text", render_text), ("markdown", render_markdown),
                                            ("html", render_html)])
def test_render_json_to_stdout(report_json: Path, capsysbinary: pytest.CaptureFixture[bytes], to: str,
                               writer: object) -> None:
    assert main(["render", str(report_json), "--to", to]) == EXIT_OK
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert callable(writer)
    assert out == writer(_report())


def test_render_defaults_to_text(report_json: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["render", str(report_json)]) == EXIT_OK
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("平潭综合实验区2022年政府信息公开工作年度报告\n")
    assert "行政事业性收费\t9116.36" in out


def test_render_writes_the_output_file_atomically(report_json: Path, tmp_path: Path,
                                                  capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    assert main(["render", str(report_json), "--to", "html", "-o", str(out)]) == EXIT_OK
    assert capsysbinary.readouterr().out == b""
    assert out.read_text(encoding="utf-8") == render_html(_report())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "report.json"]  # no temporary left
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_render_reads_report_documents(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out = tmp_path / "seed.md"
    assert main(["render", str(SEED), "--to", "markdown", "-o", str(out)]) == EXIT_OK
    text = out.read_text(encoding="utf-8")
    assert "| 行政许可 | 1,165 | -207 | 75,295 |" in text
    again = read(out)
    first = read(SEED)
    assert [c for _, c in without_provenance(again).cells()] == [c for _, c in without_provenance(first).cells()]


def test_render_example(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["render", "--example", "--to", "html"]) == EXIT_OK
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("<!DOCTYPE html>")
    assert "<td>75,295</td>" in out


@pytest.mark.parametrize("argv", [
    ["render"],
    ["render", "x.txt", "--example"],
    ["render", "{missing}"],
    ["render", "{missing_json}"],
    ["render", "{directory}"],
    ["render", "{bad_json}"],
    ["render", "{report_json}", "-o", "{no_dir}/out.txt"],
])
def test_render_input_problems_exit_2(argv: list[str], report_json: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    names = {"missing": tmp_path / "missing.txt", "missing_json": tmp_path / "missing.json", "directory": tmp_path,
             "bad_json": bad, "report_json": report_json, "no_dir": tmp_path / "no" / "such"}
    args = [a.format(**{k: str(v) for k, v in names.items()}) for a in argv]
    assert main(args) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert err.startswith("govdisclosure: ")
    assert "Traceback" not in err


def test_render_rejects_an_unknown_target(report_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["render", str(report_json), "--to", "pdf"])
    assert exc.value.code == EXIT_UNREADABLE
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_schema_prints_the_shipped_schema(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    assert main(["schema"]) == EXIT_OK
    assert json.loads(capsysbinary.readouterr().out) == json_schema()
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == EXIT_OK
    assert json.loads(out.read_text(encoding="utf-8")) == json_schema()


def test_the_installed_command_writes_utf8_whatever_the_locale(report_json: Path) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "govdisclosure", "render", str(report_json)],
                          capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").startswith("平潭综合实验区2022年")
