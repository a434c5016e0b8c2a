"""Text cut into lines at a fixed width (pasted from a terminal, a mail, or a tool that wraps):
the cuts fall anywhere — inside a label, inside a figure (``…行政强制126`` / ``025第二十条…``), inside
the title. The reader never reads a wrong number from such text, and reads it as well as the text
before it was cut.

Widths are counted in characters (as ``fold`` cuts) or in display columns (a CJK character takes
two, as a terminal cuts). (Examples are drawn the same way on every run.)
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import CellKind, Report, read, read_text, render_text, tidy_records
from tests.conftest import corpus_reports, expected_for
from tests.strategies import reports
from tests.test_read_corpus import _values, compare_cells
from tests.test_read_run_together import crawled


def cut_in_characters(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


def cut_in_columns(text: str, width: int) -> str:
    """As a terminal wraps: a wide (CJK) character takes two columns, and goes to the next line
    whole when only one is left."""
    out = []
    for line in text.split("\n"):
        current, used = "", 0
        for char in line:
            size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
            if used + size > width:
                out.append(current)
                current, used = "", 0
            current += char
            used += size
        out.append(current)
    return "\n".join(out)


def _numbers(report: Report) -> dict[str, Decimal | None]:
    return {f"{r['table']}.{r['row']}.{r['column']}": None if r["value"] is None else Decimal(str(r["value"]))
            for r in tidy_records(report)}


@pytest.mark.parametrize("width", [30, 45, 58, 80])
@pytest.mark.parametrize("path", [p for p in corpus_reports() if p.suffix == ".txt"], ids=lambda p: p.name)
def test_corpus_text_cut_at_a_fixed_width(path: Path, width: int) -> None:
    expected = expected_for(path)
    text = path.read_text(encoding="utf-8")
    whole = read_text(text)
    report = read_text(cut_in_characters(text, width))
    wrong, _, exact = compare_cells(expected, _values(report, expected.get("units", {})))
    assert wrong == []
    assert (report.format, report.year) == (whole.format, whole.year)
    _, _, exact_whole = compare_cells(expected, _values(whole, expected.get("units", {})))
    if "\t" not in text:  # (cutting a TAB-separated row cuts the table itself)
        assert exact >= exact_whole - 2


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(reports(consistent=True), st.sampled_from(("crawled", "spaced", "one line")), st.booleans(),
       st.integers(min_value=25, max_value=90))
def test_text_cut_at_a_fixed_width_reads_as_before(report: Report, layout: str, columns: bool, width: int) -> None:
    printed = render_text(report)
    if layout == "crawled":
        text = crawled(printed, "")
    else:
        rows = [" ".join(c.strip() for c in line.split("\t") if c.strip()) for line in printed.split("\n")]
        text = "\n".join(rows) if layout == "spaced" else " ".join(r for r in rows if r)
    cut = cut_in_columns(text, width) if columns else cut_in_characters(text, width)
    got = read(cut)
    assert (got.format, got.year) == (report.format, report.year)
    truth = _numbers(report)
    read_back = _numbers(got)
    assert {k: (v, read_back[k]) for k, v in truth.items() if read_back.get(k) not in (None, v)} == {}
    if layout != "spaced":  # (every line of it is cut, so every cut is seen)
        assert read_back == _numbers(read(text))


HEAD = ["某某县人民政府2020年政府信息公开工作年度报告", "一、总体情况", "本年度，本县认真贯彻落实《条例》。"]


def test_a_figure_cut_at_the_end_of_a_short_text_stays_in_doubt() -> None:
    """Too few lines to tell that the text was cut at a fixed width: the row whose figures end its
    line, before figures without a label at the start of the next, may go on there."""
    text = "\n".join([*HEAD, "二、主动公开政府信息情况",
                      "第二十条第（六）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政强制126",
                      "025第二十条第（八）项 信息内容 上一年项目数量 本年增/减 行政事业性收费350"])
    report = read_text(text)
    cells = report.table("active_disclosure").row("admin_coercion").cells
    assert [c.kind for c in cells] == [CellKind.AMBIGUOUS] * 3  # (not 1 / 2 / 6)
    assert any(f.text == "025" for f in report.unplaced)


def test_figures_that_go_on_from_a_cut_line_are_no_cell_printed_higher_of_the_next_row() -> None:
    """A few long lines cut at a fixed width among many short ones (too few to tell the text was so
    cut): the figures starting the line after a row that ends its line one figure short may go on
    from it, so they are not the next row's cells printed a line higher (as ``pdftotext -layout``
    prints a cell aligned to the top). Found by reading random reports cut at 36 characters: the
    next row took them and every one of its cells was wrong."""
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（一）项",
                      "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 0", "三、收到和处理政府信息公开申请情况",
                      "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他",
                      "一、本年新收政府信息公开申请数量 67 268 112 127 68 1", "46 788",
                      "二、上年结转政府信息公开申请数量 270 40 208 134 316 ", "230 1198",
                      "三、本年度办理结果 （一）予以公开 10 11 10 22 22 10 85"])
    report = read_text(text)
    # Each row goes on in the next line: cut inside 146, and at the space before 230. Read so, every
    # sum of the row holds (one way only), so these are its figures.
    assert [c.value for c in report.table("requests").row("new_received").cells] == [67, 268, 112, 127, 68, 146, 788]
    assert [c.value for c in report.table("requests").row("carried_over").cells] == [
        270, 40, 208, 134, 316, 230, 1198]
    codes = [d.code for d in report.diagnostics]
    assert "cells-on-next-line" not in codes and codes.count("row-continued") == 2
    # Where the sums do not decide (they fail both ways), the rows' cells stay in doubt: never the
    # next row's figures printed a line higher.
    broken = read_text(text.replace("46 788", "46 789").replace("230 1198", "230 1199"))
    for row in ("new_received", "carried_over"):
        assert {c.kind for c in broken.table("requests").row(row).cells} == {CellKind.AMBIGUOUS}, row
    assert "cells-on-next-line" not in {d.code for d in broken.diagnostics}


def test_a_total_cut_in_two_is_whole_where_the_row_adds_up() -> None:
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（一）项",
                      "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 0", "三、收到和处理政府信息公开申请情况",
                      "一、本年新收政府信息公开申请数量 21 261 52 24 189 342 88",
                      "9 二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1"])
    report = read_text(text)
    assert [c.value for c in report.table("requests").row("new_received").cells] == [21, 261, 52, 24, 189, 342, 889]
    assert "figure-rejoined" in {d.code for d in report.diagnostics}
    # where the row adds up as printed, the figures stay apart
    report = read_text(text.replace("342 88\n9", "342 889\n9"))
    assert report.cell("requests.new_received.total").value == 889
    assert "figure-rejoined" not in {d.code for d in report.diagnostics}


def test_a_title_cut_over_lines_gives_the_year() -> None:
    text = "\n".join(re.findall(".{1,24}", "某某区人民政府办公室2019年政府信息公开工作年度报告 一、总体情况 全年组织业务培训两次，提升了工作人员能力。"
                                           "我们进一步完善了工作机制，明确专人负责，及时更新政府信息公开指南和目录。"
                                           "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 "
                                           "对外公开总数量 规章 0 0 0 规范性文件 3 1 10 三、收到和处理政府信息公开申请情况 无。"))
    report = read_text(text)
    assert report.year == 2019
    assert report.title == "某某区人民政府办公室2019年政府信息公开工作年度报告"
    assert [s.id for s in report.sections][:3] == ["s1", "s2", "s3"]
    assert [c.value for c in report.table("active_disclosure").row("normative_docs").cells] == [3, 1, 10]
