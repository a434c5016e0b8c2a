"""Writers: the official table layout as text, Markdown and HTML."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import lxml.etree
import lxml.html
import pytest
from hypothesis import given

from govdisclosure import (
    Cell,
    CellKind,
    Format,
    Report,
    Section,
    UsageError,
    blank_report,
    render,
    render_html,
    render_markdown,
    render_text,
    set_cells,
    spec,
)
from govdisclosure._decode import Layout, detect_layout
from govdisclosure.render import PUBLISHED_LABEL, RENDER_TARGETS, document_title, published_line
from tests.strategies import reports

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HEADINGS = [s.heading for s in spec(Format.V2021).sections]


def _sections(**texts: str) -> tuple[Section, ...]:
    return tuple(Section(id=f"s{i}", text=texts.get(f"s{i}", "")) for i in range(1, 7))


def _full(fmt: Format, value: object = 0, **metadata: object) -> Report:
    """A report of ``fmt`` with every cell set to ``value``."""
    report = blank_report(fmt, sections=_sections(), **metadata)
    return set_cells(report, dict.fromkeys(spec(fmt).cell_keys(), value))


def _zhongmou() -> Report:
    report = blank_report(Format.V2019, year=2020, agency="中牟县人民政府", published=datetime.date(2021, 1, 20),
                          sections=_sections(s1="2020年，我县认真落实条例。\n具体情况如下。", s5="存在不足。"))
    return set_cells(report, {
        "active_disclosure.rules.made_new": 0,
        "active_disclosure.rules.published_new": 0,
        "active_disclosure.rules.total_public": 0,
        "active_disclosure.admin_license.prev_year_items": "1,165",
        "active_disclosure.admin_license.change": "-207",
        "active_disclosure.admin_license.decisions": "75,295",
        "active_disclosure.centralized_procurement.procurement_amount": "251000元",
        "requests.unable_not_held.natural_person": 16,
        "requests.unable_not_held.public_welfare_org": 1,
        "requests.unable_not_held.total": 17,
        "requests.unable_not_held.commercial_enterprise": None,
        "requests.unable_not_held.research_institution": "/",
        "review_litigation.count.review_upheld": 3,
        "review_litigation.count.lit_after_review_total": 1,
    })


def _lines(text: str) -> list[str]:
    return text.split("\n")


# --------------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------------


def test_text_starts_with_title_and_published_line_then_official_headings_in_order() -> None:
    text = render_text(_zhongmou())
    lines = _lines(text)
    assert lines[:2] == ["中牟县人民政府2020年政府信息公开工作年度报告", "发布日期：2021-01-20"]
    assert [line for line in lines if line in HEADINGS] == HEADINGS
    assert "2020年，我县认真落实条例。\n\n具体情况如下。" in text
    assert text.endswith("其他需要报告的事项\n")


def test_text_tables_are_tab_separated_in_official_order_with_raw_tokens() -> None:
    lines = _lines(render_text(_zhongmou()))
    start = lines.index("第二十条第（一）项\t\t\t")
    assert lines[start:start + 7] == [
        "第二十条第（一）项\t\t\t",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t0\t0\t0",
        "第二十条第（五）项\t\t\t",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t1,165\t-207\t75,295",
        "第二十条第（九）项\t\t\t",
    ]
    # （九）: two value columns; the last header stretches over the rest of the grid, the value does not.
    assert lines[start + 7:start + 9] == ["信息内容\t采购项目数量\t采购总金额\t", "政府集中采购\t\t251000元"]


def test_text_requests_table_has_the_official_header_and_groups() -> None:
    lines = _lines(render_text(_zhongmou()))
    start = lines.index(CORNER + "\t\t\t申请人情况" + "\t" * 6)
    assert lines[start + 1:start + 4] == [
        "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
        # The first printed row carries the group labels; blank prints empty, "/" stays "/".
        "三、本年度办理结果\t（四）无法提供\t1.本机关不掌握相关政府信息\t16\t\t/\t1\t\t\t17",
    ]
    assert lines[start + 4] == ""  # no other row of the table has a printed cell


def test_text_review_table_has_its_header_groups_and_fifteen_fields() -> None:
    lines = _lines(render_text(_zhongmou()))
    start = lines.index("行政复议\t\t\t\t\t行政诉讼" + "\t" * 9)
    assert lines[start + 1] == (
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t")
    assert lines[start + 2] == "\t" * 5 + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    assert lines[start + 3] == "3" + "\t" * 14 + "1"


def test_every_row_label_is_numbered_as_on_the_form() -> None:
    for fmt in Format:
        text = render_text(_full(fmt))
        for _, row in spec(fmt).table("requests").all_rows():
            assert f"{row.number}{row.label}\t" in text
    text_2021 = render_text(_full(Format.V2021))
    assert "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t" in text_2021
    assert "\t\t（六）其他处理\t0\t" in render_text(_full(Format.V2019))


def test_a_full_requests_table_prints_every_row_with_seven_values_after_its_label() -> None:
    for fmt in Format:
        lines = _lines(render_text(_full(fmt, "1,000")))
        table = spec(fmt).table("requests")
        rows = [line.split("\t") for line in lines
                if line.endswith("\t".join(["1,000"] * 7)) and not line.startswith("1,000")]  # not section 四
        assert len(rows) == len(list(table.data_rows()))
        for fields, (_, row) in zip(rows, table.data_rows(), strict=True):
            assert len(fields) == 10
            assert fields[2] == f"{row.number}{row.label}"


def test_rows_with_every_cell_absent_are_not_printed() -> None:
    report = set_cells(blank_report(Format.V2021, year=2022, sections=_sections()),
                       {"requests.np_repeat.total": 2, "active_disclosure.admin_penalty.decisions": "12"})
    text = render_text(report)
    lines = _lines(text)
    assert "第二十条第（一）项" not in text  # a sub-table with no printed row is left out
    assert lines[lines.index("第二十条第（六）项\t\t\t") + 1:][:2] == ["信息内容\t本年处理决定数量\t\t", "行政处罚\t12"]
    assert "行政强制" not in text
    assert "三、本年度办理结果\t（五）不予处理\t2.重复申请\t\t\t\t\t\t\t2" in lines
    assert "行政复议\t" not in text  # the whole table is absent
    assert "（一）予以公开" not in text


def test_absent_cells_of_a_printed_row_print_empty() -> None:
    report = set_cells(blank_report(Format.V2019, sections=_sections()), {"requests.granted.total": 5})
    assert "\t（一）予以公开\t\t\t\t\t\t\t5" in render_text(report)


def test_ambiguous_runs_print_once_across_their_cells() -> None:
    report = blank_report(Format.V2019, sections=_sections())
    run = "231012"
    report = set_cells(report, {
        "requests.granted.natural_person": Cell(column="x", kind=CellKind.AMBIGUOUS, raw=run),
        "requests.granted.commercial_enterprise": Cell(column="x", kind=CellKind.AMBIGUOUS, raw=run),
        "requests.granted.research_institution": Cell(column="x", kind=CellKind.AMBIGUOUS, raw=run),
        "requests.granted.public_welfare_org": 0,
        "requests.granted.legal_service_org": Cell(column="x", kind=CellKind.AMBIGUOUS, raw="7"),
        "requests.granted.other_org": Cell(column="x", kind=CellKind.AMBIGUOUS, raw="8"),
        "requests.granted.total": 9,
    })
    line = next(line for line in _lines(render_text(report)) if "予以公开" in line)
    assert line.split("\t")[3:] == [run, "0", "7", "8", "9"]
    md_line = next(line for line in _lines(render_markdown(report)) if "予以公开" in line)
    assert md_line.endswith(f"| {run} | 0 | 7 | 8 | 9 |")
    (grid,) = _html_grids(render_html(report))
    row = next(r for r in grid if "（一）予以公开" in r)
    assert row[3:6] == [run, run, run]  # one cell spanning three columns
    assert re.search(rf'<td class="ambiguous" colspan="3">{run}</td>', render_html(report))


def test_ambiguous_cells_print_the_tokens_they_may_come_from_once() -> None:
    # As a reader keeps them: each cell's raw lists the printed tokens it may come from.
    report = set_cells(blank_report(Format.V2021, sections=_sections()), {
        "active_disclosure.rules.issued": Cell(column="x", kind=CellKind.AMBIGUOUS, raw="22"),
        "active_disclosure.rules.repealed": Cell(column="x", kind=CellKind.AMBIGUOUS, raw="22 235"),
        "active_disclosure.rules.in_force": Cell(column="x", kind=CellKind.AMBIGUOUS, raw="235"),
    })
    assert "规章\t22\t235" in _lines(render_text(report))
    assert "| 规章 | 22 | 235 |" in _lines(render_markdown(report))
    (grid,) = _html_grids(render_html(report))
    assert grid[2] == ["规章", "22", "235", "235"]


def test_text_cells_and_paragraphs_never_break_the_layout() -> None:
    report = blank_report(Format.V2019, sections=(Section(id="s1", text="甲\t乙\r丙"),))
    report = set_cells(report, {"requests.granted.total": Cell(column="x", kind=CellKind.TEXT, raw="见\t附\n件")})
    text = render_text(report)
    assert "甲 乙 丙" in _lines(text)
    assert "三、本年度办理结果\t\t（一）予以公开\t\t\t\t\t\t\t见 附 件" in _lines(text)


def test_a_table_whose_section_is_missing_prints_under_its_official_heading() -> None:
    report = set_cells(blank_report(Format.V2019, sections=(Section(id="s5", text="问题。"), Section(id="s1"))),
                       {"review_litigation.count.review_total": 0})
    lines = _lines(render_text(report))
    order = [line for line in lines if line in HEADINGS]
    assert order == ["五、存在的主要问题及改进情况", "一、总体情况", "四、政府信息公开行政复议、行政诉讼情况"]
    assert _lines(render_text(blank_report(Format.V2019)))[0] == "政府信息公开工作年度报告"


def test_formatless_report_prints_its_sections_only() -> None:
    report = Report(format=None, title="某某年报", sections=_sections(s1="总体。"))
    text = render_text(report)
    assert text.startswith("某某年报\n\n一、总体情况\n\n总体。\n\n二、主动公开政府信息情况\n")
    assert "\t" not in text


def test_title_and_published_line() -> None:
    assert document_title(Report(format=None, year=2020, agency="某县")) == "某县2020年政府信息公开工作年度报告"
    assert document_title(Report(format=None, title="某县2020年度报告")) == "某县2020年度报告"
    assert document_title(Report(format=None)) == "政府信息公开工作年度报告"
    assert published_line(Report(format=None)) is None
    assert published_line(Report(format=None, published=datetime.date(2021, 1, 5))) == f"{PUBLISHED_LABEL}：2021-01-05"


def test_a_preamble_that_repeats_the_title_does_not_print_it_twice() -> None:
    report = Report(format=None, year=2020, agency="某县", published=datetime.date(2021, 1, 5),
                    preamble="某县2020年政府信息公开工作年度报告\n发布日期：2021-01-05\n根据条例编制本报告。")
    for to in RENDER_TARGETS:
        out = render(report, to)
        assert out.count("某县2020年政府信息公开工作年度报告") == (2 if to == "html" else 1)  # html: <title> too
        assert out.count("2021-01-05") == (2 if to == "html" else 1)  # html: <time datetime=…>
        assert "根据条例编制本报告。" in out


# --------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------


def test_markdown_has_headings_and_one_pipe_table_per_table() -> None:
    md = render_markdown(_zhongmou())
    assert md.startswith("# 中牟县人民政府2020年政府信息公开工作年度报告\n\n发布日期：2021-01-20\n\n## 一、总体情况\n")
    for heading in HEADINGS:
        assert f"\n## {heading}\n" in md
    tables = [block for block in md.split("\n\n") if block.startswith("|")]
    assert len(tables) == 3
    widths = []
    for block in tables:
        rows = block.split("\n")
        header_cells = rows[0].count(" | ") + 1
        assert rows[1] == "| " + " | ".join(["---"] * header_cells) + " |"
        widths.append(header_cells)
    assert widths == [4, 10, 15]
    assert "| 行政许可 | 1,165 | -207 | 75,295 |" in md
    assert "| 三、本年度办理结果 | （四）无法提供 | 1.本机关不掌握相关政府信息 | 16 |  | / | 1 |  |  | 17 |" in md


def test_markdown_escapes_pipes_in_cells() -> None:
    report = set_cells(blank_report(Format.V2019), {
        "requests.granted.total": Cell(column="x", kind=CellKind.TEXT, raw="a|b"),
    })
    assert "| a\\|b |" in render_markdown(report)


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------


def _text(element: lxml.etree._Element) -> str:
    return lxml.etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _html_grids(page: str) -> list[list[list[str]]]:
    """Every table of ``page`` with its spans expanded (each covered position repeats the text);
    fails if a table is not rectangular."""
    root = lxml.html.document_fromstring(page)
    grids = []
    for table in root.iter("table"):
        taken: dict[tuple[int, int], str] = {}
        trs = list(table.iter("tr"))
        for r, tr in enumerate(trs):
            c = 0
            for cell in tr:
                while (r, c) in taken:
                    c += 1
                rowspan, colspan = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        assert (r + dr, c + dc) not in taken
                        taken[(r + dr, c + dc)] = _text(cell)
                c += colspan
        width = 1 + max(c for _, c in taken)
        assert 1 + max(r for r, _ in taken) == len(trs)
        assert set(taken) == {(r, c) for r in range(len(trs)) for c in range(width)}, "not rectangular"
        grids.append([[taken[(r, c)] for c in range(width)] for r in range(len(trs))])
    return grids


@pytest.mark.parametrize(("fmt", "results_rows"), [(Format.V2019, 20), (Format.V2021, 22)])
def test_html_requests_table_has_the_official_spans(fmt: Format, results_rows: int) -> None:
    page = render_html(_full(fmt))
    assert f'<th class="corner" rowspan="3" colspan="3">{CORNER}</th>' in page
    assert '<th scope="colgroup" colspan="7">申请人情况</th>' in page
    assert '<th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="5">法人或其他组织</th>' in page
    assert f'<th scope="rowgroup" class="group" rowspan="{results_rows}">三、本年度办理结果</th>' in page
    assert '<th scope="rowgroup" class="group" rowspan="8">（三）不予公开</th>' in page
    assert '<th scope="row" class="label" colspan="3">一、本年新收政府信息公开申请数量</th>' in page
    assert '<th scope="row" class="label" colspan="2">（七）总计</th>' in page
    grid = _html_grids(page)[1]
    assert len(grid) == 3 + len(list(spec(fmt).table("requests").data_rows()))
    assert grid[3][:3] == ["一、本年新收政府信息公开申请数量"] * 3
    assert grid[-1][:3] == ["四、结转下年度继续办理"] * 3


def test_html_review_table_has_the_header_groups() -> None:
    page = render_html(_full(Format.V2021))
    assert '<th scope="colgroup" colspan="5">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th>' in page
    assert ('<th scope="colgroup" colspan="5">未经复议直接起诉</th>'
            '<th scope="colgroup" colspan="5">复议后起诉</th>') in page
    grid = _html_grids(page)[2]
    assert [len(row) for row in grid] == [15] * 4
    assert grid[1][:5] == grid[2][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_html_active_disclosure_captions_span_the_width() -> None:
    page = render_html(_full(Format.V2021))
    assert '<th class="caption" scope="colgroup" colspan="4">第二十条第（一）项</th>' in page
    assert '<th scope="col" colspan="3">本年处理决定数量</th>' in page
    assert '<th scope="row" class="label">行政许可</th><td colspan="3">0</td>' in page
    grid = _html_grids(page)[0]
    assert grid[0] == ["第二十条第（一）项"] * 4


def test_html_is_a_standalone_utf8_page_with_chinese_unescaped() -> None:
    page = render_html(_zhongmou())
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">")
    assert "<title>中牟县人民政府2020年政府信息公开工作年度报告</title>" in page
    assert '发布日期：<time datetime="2021-01-20">2021-01-20</time>' in page
    assert "&#" not in page
    assert "<style>" in page
    assert "http" not in page.replace('content="width=device-width', "")  # nothing fetched from anywhere
    assert "<td>1,165</td>" in page
    assert '<td class="placeholder">/</td>' in page


def test_html_escapes_narrative_and_tokens() -> None:
    report = blank_report(Format.V2019, title="<b>标题</b>", preamble="a < b",
                          sections=(Section(id="s1", text="<script>alert(1)</script>&"),))
    report = set_cells(report, {
        "requests.granted.total": Cell(column="x", kind=CellKind.TEXT, raw='<img src=x onerror="alert(1)">'),
    })
    page = render_html(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in page
    assert "<img" not in page
    assert "<b>" not in page
    root = lxml.html.document_fromstring(page)
    assert root.findtext(".//h1") == "<b>标题</b>"
    assert [_text(p) for p in root.iter("p")] == ["a < b", "<script>alert(1)</script>&"]
    assert not list(root.iter("script"))


@given(reports())
def test_any_report_renders_to_rectangular_tables_and_is_detected_as_its_layout(report: Report) -> None:
    page = render_html(report)
    grids = _html_grids(page)
    assert detect_layout(page) is Layout.HTML
    assert detect_layout(render_markdown(report)) in (Layout.MARKDOWN, Layout.TEXT)
    text = render_text(report)
    if grids:
        assert detect_layout(render_markdown(report)) is Layout.MARKDOWN
    assert detect_layout(text) is Layout.TEXT
    # Every printed cell token is in every rendering, as printed.
    for _, cell in report.cells():
        token = " ".join(cell.raw.split())
        if cell.kind is not CellKind.ABSENT and token and "|" not in token:
            assert token in " ".join(text.split())


def test_render_dispatches_and_rejects_unknown_targets() -> None:
    report = _zhongmou()
    assert render(report, "text") == render_text(report)
    assert render(report, "markdown") == render_markdown(report)
    assert render(report, "html") == render_html(report)
    with pytest.raises(UsageError, match="text, markdown, html"):
        render(report, "pdf")


def test_renderers_are_pure() -> None:
    report = _zhongmou()
    before = repr(report)
    assert render_text(report) == render_text(report)
    assert render_html(report) == render_html(report)
    assert repr(report) == before


def test_amounts_keep_every_digit() -> None:
    report = set_cells(blank_report(Format.V2021), {"active_disclosure.admin_fees.fee_amount": Decimal("9116.360")})
    assert "行政事业性收费\t9116.360" in render_text(report)
