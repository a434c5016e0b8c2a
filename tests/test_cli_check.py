"""``govdisclosure check``: findings as text or JSON, and the exit status."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

import govdisclosure as gd
from govdisclosure._cli import main
from tests.test_rules import consistent

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["check", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def write_json(path: Path, report: gd.Report) -> Path:
    path.write_text(gd.to_json(report), encoding="utf-8")
    return path


def console_block(document: Path, command: str) -> str | None:
    """The output shown under ``$ COMMAND`` in a ```console block of ``document``."""
    text = document.read_text(encoding="utf-8")
    m = re.search(r"```console\n\$ " + re.escape(command) + r"\n(.*?)```", text, re.S)
    return None if m is None else m.group(1)


@pytest.mark.parametrize("document", ["docs/checking.md", "README.md"])
def test_documented_check_of_the_sample_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], document: str,
) -> None:
    shown = console_block(ROOT / document, "govdisclosure check --example --quiet")
    assert shown is not None, f"{document} should show `govdisclosure check --example --quiet` and its output"
    status, out, _ = run(capsys, "--example", "--quiet")
    assert status == 1
    assert out == shown


def test_sample_in_full_lists_not_assessable_findings(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--example")
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith("zhongmou-2020.txt: 2019 format, 2020: 5 errors, 1 warning, ")
    assert any(re.match(r"zhongmou-2020\.txt:\d+:\d+: n/a R1 \[inputs-missing\] column 自然人: cannot check", line)
               for line in lines)
    assert any(" n/a D1 [inputs-missing] " in line for line in lines)


def test_consistent_json_report_exits_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_json(tmp_path / "good.json", consistent(gd.Format.V2021))
    status, out, err = run(capsys, str(path))
    assert (status, err) == (0, "")
    assert out == "<report>: 2021 format, 2022, 某某县人民政府: no findings\n"
    status, out, _ = run(capsys, str(path), "--include-passed", "--rules", "R5")
    assert status == 0
    assert out.splitlines()[1:] == [
        "<report>: pass R5 行政复议: 5 = 5",
        "<report>: pass R5 未经复议直接起诉: 5 = 5",
        "<report>: pass R5 复议后起诉: 5 = 5",
    ]


def test_errors_show_cells_hint_and_exit_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = gd.set_cells(consistent(gd.Format.V2021), {"review_litigation.count.review_total": 0})
    report = attrs.evolve(report, source="bad.html")
    path = write_json(tmp_path / "bad.json", report)
    status, out, _ = run(capsys, str(path), "--rules", "R5")
    assert status == 1
    assert out.splitlines() == [
        "bad.html: 2021 format, 2022, 某某县人民政府: 1 error",
        "bad.html: error R5 [mismatch] 行政复议: 0 = 0, but 3 + 1 + 1 + 0 = 5 (difference -5)",
        "    review_litigation.count.review_total = '0'",
        "    review_litigation.count.review_upheld = '3'",
        "    review_litigation.count.review_corrected = '1'",
        "    review_litigation.count.review_other = '1'",
        "    review_litigation.count.review_pending = '0'",
        "    hint (blank-total): 行政复议·总计 is 0 while its parts add up to 5: the total may have been left out",
    ]


def test_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = gd.set_cells(consistent(gd.Format.V2019), {"requests.granted.total": None})
    path = write_json(tmp_path / "r.json", report)
    status, out, _ = run(capsys, str(path), "--to", "json", "--rules", "R3,H5")
    assert status == 0                                   # not assessable is not an error
    document = json.loads(out)
    (entry,) = document["reports"]
    assert (entry["format"], entry["year"], entry["summary"]) == ("2019", 2020, {"n/a": 1})
    (finding,) = entry["findings"]
    assert finding["rule"] == "R3" and finding["status"] == "not_assessable" and finding["severity"] == "info"
    assert finding == json.loads(gd.findings_to_json(gd.validate(report, select={"R3", "H5"})))[0]
    assert document["unreadable"] == []


def test_unreadable_input_exits_two_but_checks_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    good = write_json(tmp_path / "good.json", consistent(gd.Format.V2021))
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1', encoding="utf-8")
    status, out, err = run(capsys, str(tmp_path / "missing.txt"), str(broken), str(good))
    assert status == 2
    assert "no findings" in out
    assert f"{tmp_path / 'missing.txt'}: no such file" in err
    assert f"{broken}: not JSON" in err


@pytest.mark.parametrize("argv", [["--published", "2021-02-30", "--example"], []])
def test_bad_command_line_exits_two(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.startswith("govdisclosure: ")


def test_deadline_and_previous_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    this_year = write_json(tmp_path / "2022.json", consistent(gd.Format.V2021, published=None))
    last_year = write_json(tmp_path / "2021.json", consistent(gd.Format.V2021, year=2021))
    status, out, _ = run(capsys, str(this_year), "--previous", str(last_year), "--published", "2023年4月1日",
                         "--rules", "D1,H1", "--quiet")
    assert status == 1
    lines = [line for line in out.splitlines() if not line.startswith("    ")]
    assert lines[1] == ("<report>: error D1 [late] published 2023-04-01, 1 day after 2023-03-31 (Art. 49 para 2: a "
                        "county-level or higher government's report is published by 31 March; government inferred "
                        "from '某某县人民政府')")
    # 上年结转 is 1 in every column; last year carried forward 0, 1, 0, 1, 0, 1 and 3 in total.
    assert [line.split(" [")[0] for line in lines[2:]] == ["<report>: warning H1"] * 4
    assert "    previous requests.carried_forward.natural_person = '0'" in out
    status, out, _ = run(capsys, str(this_year), "--published", "2023-02-01", "--agency-kind", "department",
                         "--rules", "D1")
    assert status == 1 and "department given" in out
