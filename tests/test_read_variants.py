"""Hand-made fixtures for each variant the readers must handle (issue: readers)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

from govdisclosure import (
    CellKind,
    DecodeError,
    DiagnosticError,
    Format,
    InputError,
    Layout,
    ReadErrors,
    Report,
    UnknownFormatError,
    UsageError,
    read,
    read_html,
    read_markdown,
    read_text,
)
from govdisclosure._decode import detect_layout

# A 2021-format report, tab-separated like text copied from a web page.
REQUESTS_2021 = [
    ("一、本年新收政府信息公开申请数量", "71 3 0 0 0 0 74"),
    ("二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1"),
    ("三、本年度办理结果\t（一）予以公开", "21 0 0 0 0 0 21"),
    ("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "8 1 0 0 0 0 9"),
    ("\t（三）不予公开\t1.属于国家秘密", "0 0 0 0 0 0 0"),
    ("\t\t2.其他法律行政法规禁止公开", "0 0 0 0 0 0 0"),
    ("\t\t3.危及“三安全一稳定”", "0 0 0 0 0 0 0"),
    ("\t\t4.保护第三方合法权益", "0 0 0 0 0 0 0"),
    ("\t\t5.属于三类内部事务信息", "1 0 0 0 0 0 1"),
    ("\t\t6.属于四类过程性信息", "2 0 0 0 0 0 2"),
    ("\t\t7.属于行政执法案卷", "1 0 0 0 0 0 1"),
    ("\t\t8.属于行政查询事项", "0 0 0 0 0 0 0"),
    ("\t（四）无法提供\t1.本机关不掌握相关政府信息", "37 0 0 0 0 0 37"),
    ("\t\t2.没有现成信息需要另行制作", "0 0 0 0 0 0 0"),
    ("\t\t3.补正后申请内容仍不明确", "0 0 0 0 0 0 0"),
    ("\t（五）不予处理\t1.信访举报投诉类申请", "0 0 0 0 0 0 0"),
    ("\t\t2.重复申请", "0 0 0 0 0 0 0"),
    ("\t\t3.要求提供公开出版物", "0 0 0 0 0 0 0"),
    ("\t\t4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    ("\t\t5.要求行政机关确认或重新出具已获取信息", "0 0 0 0 0 0 0"),
    ("\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2 0 0 0 0 0 2"),
    ("\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("\t\t3.其他", "0 2 0 0 0 0 2"),
    ("\t（七）总计", "72 3 0 0 0 0 75"),
    ("四、结转下年度继续办理", "0 0 0 0 0 0 0"),
]


def report_2021(requests: list[tuple[str, str]] | None = None, *, review: str = "0\t1\t1\t0\t2\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0",
                title: str = "某某县人民政府2022年政府信息公开工作年度报告") -> str:
    rows = requests if requests is not None else REQUESTS_2021
    lines = [
        title,
        "一、总体情况",
        "2022年，本机关认真贯彻落实《条例》。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项\t\t\t",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "行政规范性文件\t88\t55\t698",
        "第二十条第（五）项",
        "信息内容\t本年处理决定数量",
        "行政许可\t10,690",
        "第二十条第（六）项",
        "信息内容\t本年处理决定数量",
        "行政处罚\t2113",
        "行政强制\t/",
        "第二十条第（八）项",
        "信息内容\t本年收费金额（单位：万元）",
        "行政事业性收费\t9116.36",
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
        "自然人\t法人或其他组织\t\t\t\t\t总计",
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
    ]
    for label, values in rows:
        lines.append(label + "\t" + values.replace(" ", "\t") if values else label)
    lines += [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议\t\t\t\t\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        review,
        "五、存在的主要问题及改进情况",
        "一是公开内容还不够全面。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    return "\n".join(lines) + "\n"


def values(report: Report, table: str, row: str) -> list[object]:
    return [c.value for c in report.table(table).row(row).cells]


def requests_read(report: Report) -> list[tuple[str, list[object], list[int]]]:
    """(row id, values read, figures printed) for each row of ``REQUESTS_2021``."""
    return [(row.id, [c.value for c in row.cells], [int(v) for v in row_values.split()])
            for row, (_, row_values) in zip(report.table("requests").rows, REQUESTS_2021, strict=True)]


def codes(report: Report) -> set[str]:
    return {d.code for d in report.diagnostics}


# --------------------------------------------------------------------------------------------------
# Plain text


def test_tab_separated_2021_report() -> None:
    report = read_text(report_2021())
    assert report.format is Format.V2021
    assert (report.year, report.agency) == (2022, "某某县人民政府")
    assert [s.id for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert values(report, "requests", "other_other") == [0, 2, 0, 0, 0, 0, 2]
    assert values(report, "requests", "total_processed") == [72, 3, 0, 0, 0, 0, 75]
    assert values(report, "review_litigation", "count")[:5] == [0, 1, 1, 0, 2]
    assert report.cell("active_disclosure.admin_license.decisions").value == 10690
    assert report.cell("active_disclosure.admin_coercion.decisions").kind is CellKind.PLACEHOLDER
    fee = report.cell("active_disclosure.admin_fees.fee_amount")
    assert (fee.value, fee.unit) == (Decimal("9116.36"), "万元")
    assert not [d for d in report.diagnostics if d.severity.value != "info"]
    assert report.section("s5") is not None
    section = report.section("s1")
    assert section is not None and section.text == "2022年，本机关认真贯彻落实《条例》。"


def test_group_label_only_on_first_sub_row() -> None:
    report = read_text(report_2021())
    assert report.table("requests").row("denied_law_prohibited").label == "2.其他法律行政法规禁止公开"
    origin = report.cell("requests.denied_internal_affairs.natural_person").origin
    assert origin is not None and origin.line is not None


def test_run_together_digits_with_one_solution() -> None:
    rows = [(label, values.replace(" ", "")) for label, values in REQUESTS_2021]
    text = report_2021(rows).replace("0\t1\t1\t0\t2\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0", "011021000100000")
    text = text.replace("\t7", "7")
    report = read_text(text)
    assert values(report, "requests", "new_received") == [71, 3, 0, 0, 0, 0, 74]
    assert values(report, "requests", "total_processed") == [72, 3, 0, 0, 0, 0, 75]
    assert values(report, "requests", "unable_not_held") == [37, 0, 0, 0, 0, 0, 37]
    assert values(report, "review_litigation", "count")[:10] == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1]
    split = [d for d in report.diagnostics if d.code == "digits-split"]
    assert any("arithmetic" in d.message and d.cells[0] == "requests.new_received.natural_person" for d in split)


def test_run_together_digits_with_several_solutions_stay_ambiguous() -> None:
    # "111000012" for seven columns whose first six add up to the seventh: 11/1/0, 1/11/0 and 1/1/10
    # all give 12. With the 总计 row gone, nothing else decides.
    rows = list(REQUESTS_2021)
    rows[0] = ("一、本年新收政府信息公开申请数量", "111000012")
    rows[-2] = ("\t（七）总计", "")
    report = read_text(report_2021(rows))
    cells = report.table("requests").row("new_received").cells
    assert [c.kind for c in cells[:3]] == [CellKind.AMBIGUOUS] * 3
    assert all(c.value is None and c.raw == "111000012" for c in cells[:3])
    assert [c.value for c in cells[3:]] == [0, 0, 0, 12]
    (diagnostic,) = [d for d in report.diagnostics if d.code == "ambiguous-cells"]
    assert diagnostic.cells == ("requests.new_received.natural_person", "requests.new_received.commercial_enterprise",
                                "requests.new_received.research_institution")
    assert set(diagnostic.candidates) == {("1", "11", "0"), ("11", "1", "0"), ("1", "1", "10")}
    with pytest.raises(ReadErrors) as info:
        read_text(report_2021(rows), strict=True)
    assert info.group_contains(DiagnosticError)


def test_column_totals_choose_between_row_readings() -> None:
    # "111000012" alone is ambiguous (1/11 or 11/1); the 总计 row fixes 自然人 = 11 by R1 and R4.
    rows = list(REQUESTS_2021)
    rows[0] = ("一、本年新收政府信息公开申请数量", "111000012")
    rows[1] = ("二、上年结转政府信息公开申请数量", "0 0 0 0 0 0 0")
    rows[-2] = ("\t（七）总计", "11 1 0 0 0 0 12")
    rows[-1] = ("四、结转下年度继续办理", "0 0 0 0 0 0 0")
    report = read_text(report_2021(rows))
    assert values(report, "requests", "new_received") == [11, 1, 0, 0, 0, 0, 12]


def test_extra_value_resolved_by_row_total() -> None:
    rows = list(REQUESTS_2021)
    rows[-3] = ("\t\t3.其他", "0 2 0 0 0 0 0 2")
    report = read_text(report_2021(rows))
    assert values(report, "requests", "other_other") == [0, 2, 0, 0, 0, 0, 2]
    assert "extra-value" in codes(report)


def test_placeholders_blank_and_zero_stay_different() -> None:
    rows = list(REQUESTS_2021)
    rows[2] = ("三、本年度办理结果\t（一）予以公开", "21 / — - 无 N/A 21")
    report = read_text(report_2021(rows))
    kinds = [c.kind for c in report.table("requests").row("granted").cells]
    assert kinds == [CellKind.NUMBER] + [CellKind.PLACEHOLDER] * 5 + [CellKind.NUMBER]
    text = report_2021().replace("行政许可\t10,690", "行政许可\t")
    assert read_text(text).cell("active_disclosure.admin_license.decisions").kind is CellKind.BLANK


def test_full_width_digits_and_signed_changes_2019() -> None:
    text = "\n".join([
        "某某市2020年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "第二十条第(一)项",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t０\t０\t１２",
        "规范性文件\t15\t15\t94",
        "第二十条第(五)项",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t1,165\t减4\t75,295",
        "其他对外管理服务事项\t174\t+1036\t1,379",
        "第二十条第(九)项",
        "信息内容\t采购项目数量\t采购总金额",
        "政府集中采购\t135\t251000元",
    ])
    report = read_text(text)
    assert report.format is Format.V2019
    assert report.cell("active_disclosure.rules.total_public").value == 12
    assert report.cell("active_disclosure.admin_license.change").value == -4
    assert report.cell("active_disclosure.other_mgmt_services.change").value == 1036
    amount = report.cell("active_disclosure.centralized_procurement.procurement_amount")
    assert (amount.value, amount.unit, amount.raw) == (Decimal(251000), "元", "251000元")
    assert report.cell("active_disclosure.admin_penalty.decisions").kind is CellKind.ABSENT


def test_sign_in_a_count_column_is_kept_as_text() -> None:
    rows = list(REQUESTS_2021)
    rows[1] = ("二、上年结转政府信息公开申请数量", "-1 0 0 0 0 0 1")
    report = read_text(report_2021(rows))
    cell = report.cell("requests.carried_over.natural_person")
    assert (cell.kind, cell.raw) == (CellKind.TEXT, "-1")
    assert "cell-not-a-figure" in codes(report)


def test_heading_variants() -> None:
    text = report_2021()
    for official, variant in (
        ("二、主动公开政府信息情况", "二.主动公开政府信息的情况"),
        ("三、收到和处理政府信息公开申请情况", "|三、行政机关收到和处理政府信息公开申请情况"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
        ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
    ):
        text = text.replace(official, variant)
    report = read_text(text)
    assert [s.id for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert values(report, "requests", "total_processed") == [72, 3, 0, 0, 0, 0, 75]


HEADINGS_2021 = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                 "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _all_cells(report: Report) -> dict[str, tuple[CellKind, object]]:
    return {f"{t.id}.{r.id}.{c.column}": (c.kind, c.value) for t in report.tables for r in t.rows for c in r.cells}


@pytest.mark.parametrize("numbering", [
    lambda n, k: f"（{n}）", lambda n, k: f"({n})", lambda n, k: f"第{n}部分 ", lambda n, k: f"{k}.",
    lambda n, k: f"{k}、",
], ids=["full-width-brackets", "brackets", "part", "arabic-dot", "arabic-comma"])
def test_headings_numbered_otherwise(numbering: object) -> None:
    """Some offices number the six sections （一）…, 第一部分…, 1.…: the headings are found by
    their titles all the same, and the tables read as under the official numbering."""
    official = report_2021()
    text = official
    for k, heading in enumerate(HEADINGS_2021, 1):
        text = text.replace(heading, numbering(heading[0], k) + heading[2:], 1)  # type: ignore[operator]
    report = read_text(text)
    assert [s.id for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert _all_cells(report) == _all_cells(read_text(official))


def test_an_item_of_section_one_numbered_like_a_section_is_not_a_heading() -> None:
    # "（二）" numbers the second item of section 一 here, not section 二 (which follows, numbered 二、).
    text = report_2021().replace("2022年，本机关认真贯彻落实《条例》。",
                                 "2022年，本机关认真贯彻落实《条例》。\n（一）主动公开政府信息情况\n"
                                 "主动公开文件12件。\n（二）主动公开政府信息情况\n全年更新栏目3个。")
    report = read_text(text)
    assert [s.id for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert "全年更新栏目3个" in report.sections[0].text
    assert values(report, "active_disclosure", "admin_normative_docs") == [88, 55, 698]


def test_tables_under_a_heading_not_recognised_are_read() -> None:
    """A section heading worded in a way the spec does not list: its table lies in the section
    before it (or the opening), and is read there. (Text with spaces between the cells: rows of
    TABs are read wherever they stand.)"""
    spaced = report_2021().replace("\t", " ")
    official = read_text(spaced)
    assert "table-missing" not in codes(official)
    for heading, variant in (("二、主动公开政府信息情况", "二、政府信息主动公开工作开展状况"),
                             ("三、收到和处理政府信息公开申请情况", "三、依申请公开办理状况")):
        report = read_text(spaced.replace(heading, variant))
        assert _all_cells(report) == _all_cells(official), variant
    # the headings of 一 to 三 lost, those after them found: the tables are read from the opening on
    text = spaced
    for heading in HEADINGS_2021[:3]:
        text = text.replace(heading, "")
    assert _all_cells(read_text(text)) == _all_cells(official)


def test_a_table_caption_naming_a_section_is_not_its_heading() -> None:
    text = report_2021().replace("二、主动公开政府信息情况", "表二：主动公开政府信息情况")
    report = read_text(text)
    assert "s2" not in [s.id for s in report.sections]
    assert values(report, "active_disclosure", "admin_normative_docs") == [88, 55, 698]


def test_prose_figures_read_from_the_opening_when_section_one_has_no_heading() -> None:
    """One line of crawled text whose 一、总体情况 was lost: the figures its opening states still
    choose the split of a run-together row (88 / 55 / 698)."""
    text = ("某某局2022年政府信息公开工作年度报告 2022年，本局制发行政规范性文件88件，废止行政规范性文件55件，"
            "现行有效行政规范性文件698件。二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 "
            "现行有效件数 规章000行政规范性文件8855698第二十条第（五）项信息内容本年处理决定数量行政许可5"
            " 三、收到和处理政府信息公开申请情况 无。")
    report = read_text(text)
    assert values(report, "active_disclosure", "admin_normative_docs") == [88, 55, 698]
    assert "digits-split" in codes(report)


@pytest.mark.parametrize("bar", ["|", "｜", " | ", " ｜ "])
@pytest.mark.parametrize("outer", [False, True], ids=["inner-bars", "outer-bars"])
def test_cells_between_vertical_bars(bar: str, outer: bool) -> None:
    """Text whose table cells stand between vertical bars instead of TABs (a pipe table without
    its separator row, or without its outer bars) reads as the TAB-separated text."""
    official = report_2021()
    lines = []
    for line in official.split("\n"):
        if "\t" in line:
            line = line.replace("\t", bar)
            if outer:
                line = bar.strip() + line + bar.strip()
        lines.append(line)
    assert _all_cells(read_text("\n".join(lines))) == _all_cells(read_text(official))


@pytest.mark.parametrize("separator", [", ", ",", "，", "；"])
def test_cells_between_commas_read_no_wrong_figure(separator: str) -> None:
    """Commas between cells are no separators (``1,165`` is one figure): the tokens ``15,`` are
    unread, and a row's readable figures after them are not placed by where they stand."""
    official = _all_cells(read_text(report_2021()))
    got = _all_cells(read_text(report_2021().replace("\t", separator)))
    assert {k: v for k, v in got.items() if v[1] is not None and v != official[k]} == {}


def test_table_drawn_with_box_drawing_characters() -> None:
    """``w3m -dump`` draws a table's rules; a cell too narrow for its text goes on in the lines
    below, down to the next rule (a rule under some cells only ends the row all the same)."""
    text = "\n".join([
        "某某县人民政府2022年政府信息公开工作年度报告", "一、总体情况", "本年度，本机关认真贯彻落实《条例》。",
        "二、主动公开政府信息情况",
        "┌──────────────┬──────────┬──────────┬──────────┐",
        "│第二十条第（一）项                                 │",
        "├──────────────┬──────────┬──────────┬──────────┤",
        "│信息内容      │本年制发件│本年废止件│现行有效件│",
        "│              │数        │数        │数        │",
        "├──────────────┼──────────┼──────────┼──────────┤",
        "│规章          │0         │0         │0         │",
        "├──────────────┼──────────┼──────────┼──────────┤",
        "│行政规范性文件│88        │55        │69        │",
        "│              │          │          │8         │",
        "└──────────────┴──────────┴──────────┴──────────┘",
        "三、收到和处理政府信息公开申请情况",
        "┌──────┬──────────┬───┬───┬───┬───┬───┬───┬───┐",
        "│      │（一）予以│21 │0  │0  │0  │0  │0  │21 │",
        "│三、本│公开      │   │   │   │   │   │   │   │",
        "│年度办├──────────┼───┼───┼───┼───┼───┼───┼───┤",
        "│理结果│（二）部分│8  │1  │0  │0  │0  │0  │9  │",
        "│      │公开      │   │   │   │   │   │   │   │",
        "└──────┴──────────┴───┴───┴───┴───┴───┴───┴───┘",
    ])
    report = read_text(text)
    assert values(report, "active_disclosure", "admin_normative_docs") == [88, 55, 698]
    assert values(report, "active_disclosure", "rules") == [0, 0, 0]
    assert values(report, "requests", "granted") == [21, 0, 0, 0, 0, 0, 21]
    assert values(report, "requests", "partial") == [8, 1, 0, 0, 0, 0, 9]


def _pad(cells: list[str], widths: list[int]) -> str:
    """Cells left-aligned in columns of display widths (a CJK character takes two), as a terminal
    browser lays out a table without borders."""
    out = ""
    for cell, width in zip(cells, widths, strict=True):
        size = sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "（）、，" else 1 for ch in cell)
        out += cell + " " * (width - size)
    return out.rstrip()


def test_blank_cells_placed_by_display_columns() -> None:
    """``w3m -dump`` lays a table without borders out in display columns: a row's figures stand
    under their columns counted so, not in characters (labels of more CJK characters shift them)."""
    widths = [44, 8, 8, 8, 8, 8, 8, 8]
    rows = [
        ("一、本年新收政府信息公开申请数量", ["71", "3", "5", "0", "2", "1", "82"]),
        ("二、上年结转政府信息公开申请数量", ["1", "2", "0", "0", "0", "0", "3"]),
        ("（一）予以公开", ["21", "0", "0", "0", "0", "0", "21"]),
        ("（二）部分公开", ["8", "1", "0", "0", "0", "0", "9"]),
        ("4.保护第三方合法权益", ["", "0", "0", "0", "0", "0", "0"]),  # (its first cell blank)
    ]
    lines = ["某某县人民政府2022年政府信息公开工作年度报告", "二、主动公开政府信息情况",
             "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "三、收到和处理政府信息公开申请情况",
             _pad(["", "自然人", "商业企业", "科研机构", "社会公益", "法律服务", "其他", "总计"], widths)]
    for label, figures in rows:
        lines.append(_pad([label, *figures], widths))
    report = read_text("\n".join(lines))
    assert values(report, "requests", "new_received") == [71, 3, 5, 0, 2, 1, 82]
    assert values(report, "requests", "denied_third_party") == [None, 0, 0, 0, 0, 0, 0]


def test_one_full_row_does_not_tell_characters_from_display_columns() -> None:
    """A ``w3m`` dump (tests/data/generated) whose section 三 has one row that prints every figure
    with wide gaps: one row cannot show whether the columns are laid out in characters or in display
    columns, so a row with blank cells is placed only where both agree. Read in characters, the rows
    below were placed one column off (199999 read as 科研机构's)."""
    path = Path(__file__).parent / "data" / "generated" / "w3m-120-one-full-row.txt"
    report = read(path)
    printed = {"denied_internal_affairs": ["", "/", "-", "199999", "214", "-", ""],
               "np_publication": ["", "", "556", "", "-", "", ""]}
    for row_id, tokens in printed.items():
        cells = report.table("requests").row(row_id).cells
        assert all(c.kind in (CellKind.AMBIGUOUS, CellKind.ABSENT) or c.raw == t
                   for c, t in zip(cells, tokens, strict=True)), (row_id, [c.raw for c in cells])
    assert report.table("requests").row("denied_state_secret").cells[2].value == 17826  # (the full row)


@pytest.mark.parametrize(("name", "row_id", "tokens"), [
    # The figures on the line below 2.重复申请 stand beside the first piece of the next row's label.
    ("w3m-80-label-broken-beside-figures.txt", "np_repeat", ["", "/", "1985", "", "200,000", "/", ""]),
    # The line of figures above 2.申请人逾期未按收费… goes on from the row before it, which lacks figures too.
    ("lynx-80-line-wrapped-in-a-row.txt", "other_fee_unpaid", ["132,702", "", "139,694", "190", "-", "19089", ""]),
])
def test_figures_next_to_a_row_are_its_cells_printed_apart_only_when_no_other_row_may_own_them(
        name: str, row_id: str, tokens: list[str]) -> None:
    """Terminal browsers' dumps of random reports (tests/data/generated) where a row took figures
    from the next line as cells printed a line lower or higher (``pdftotext -layout``): those
    figures were another row's."""
    report = read(Path(__file__).parent / "data" / "generated" / name)
    cells = report.table("requests").row(row_id).cells
    assert all(c.kind is CellKind.AMBIGUOUS or c.raw == t for c, t in zip(cells, tokens, strict=True)), \
        [c.raw for c in cells]
    assert "cells-on-next-line" not in {d.code for d in report.diagnostics}


def test_bars_in_a_menu_or_running_text_make_no_row() -> None:
    text = report_2021().replace("2022年，本机关认真贯彻落实《条例》。",
                                 "2022年，本机关认真贯彻落实《条例》。\n使用帮助 | 联系我们 | 网站地图 | 2022年")
    report = read_text(text)
    assert "使用帮助 | 联系我们 | 网站地图 | 2022年" in report.sections[0].text
    one_line = " ".join(report_2021().replace("\t", " ").split("\n")) + " 使用帮助 | 联系我们 | 关于我们 |"
    assert _all_cells(read_text(one_line)) == _all_cells(read_text(report_2021().replace("\t", " ")))


def test_label_variants_numbering_and_quotes() -> None:
    text = report_2021().replace("1.属于国家秘密", "(1)属于国家秘密").replace(
        "3.危及“三安全一稳定”", "3、危及三安全一稳定").replace("（七）总计", "(七) 总计")
    report = read_text(text)
    assert values(report, "requests", "denied_state_secret") == [0] * 7
    assert values(report, "requests", "total_processed")[-1] == 75
    assert "label-alias" in codes(report)


def test_enclosed_numbers_are_numbering_not_figures() -> None:
    text = report_2021().replace("1.属于国家秘密", "①属于国家秘密").replace("2.其他法律", "⑵其他法律").replace(
        "5.属于三类", "❺属于三类")
    report = read_text(text)
    assert values(report, "requests", "denied_state_secret") == [0] * 7
    assert values(report, "requests", "denied_internal_affairs") == [1, 0, 0, 0, 0, 0, 1]
    assert [d.code for d in report.diagnostics if d.severity.value != "info"] == []


def test_inline_sections_in_one_line() -> None:
    """Crawled text with the whole report on one line and every table cell run together."""
    text = (
        "某某局2022年政府信息公开工作年度报告 一、总体情况2022年，本局认真落实条例。"
        "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
        "规章000行政规范性文件3110第二十条第（五）项信息内容本年处理决定数量行政许可5"
        " 三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        " 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 "
        "一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12"
        "四、政府信息公开行政复议、行政诉讼情况行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计 "
        "未经复议直接起诉 复议后起诉 结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
        " 000000000000000 五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。"
    )
    report = read_text(text)
    assert [s.id for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert report.cell("active_disclosure.admin_license.decisions").value == 5
    assert values(report, "requests", "new_received") == [12, 0, 0, 0, 0, 0, 12]
    assert values(report, "review_litigation", "count") == [0] * 15
    # "3110" for three columns: 3/1/10, 3/11/0, 31/1/0 — not determined.
    assert all(c.kind is CellKind.AMBIGUOUS for c in report.table("active_disclosure").row("admin_normative_docs").cells)


def test_sections_listed_in_the_introduction_are_not_headings() -> None:
    text = report_2021(title="本报告包括一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况等部分。")
    report = read_text(text)
    assert [s.id for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert report.sections[0].text.startswith("2022年")


def test_truncated_report_keeps_what_is_there() -> None:
    text = report_2021()
    cut = text.index("\t（四）无法提供")
    report = read_text(text[:cut])
    assert values(report, "requests", "granted") == [21, 0, 0, 0, 0, 0, 21]
    assert report.cell("requests.total_processed.total").kind is CellKind.ABSENT
    assert report.cell("review_litigation.count.review_total").kind is CellKind.ABSENT
    assert {"rows-missing", "table-missing"} <= codes(report)


def test_pre_2019_document_is_neither_format() -> None:
    text = "\n".join([
        "某某县2017年政府信息公开工作年度报告",
        "一、概述",
        "二、主动公开政府信息情况",
        "统计表\t指标\t单位\t数量",
        "一、主动公开情况\t\t\t",
        "（一）主动公开政府信息数\t条\t1203",
        "二、依申请公开情况\t\t\t",
        "（一）收到申请数\t件\t12",
    ])
    report = read_text(text)
    assert report.format is None
    assert report.tables == ()
    assert "format-unknown" in codes(report)
    with pytest.raises(ReadErrors) as info:
        read_text(text, strict=True)
    assert info.group_contains(UnknownFormatError)


# --------------------------------------------------------------------------------------------------
# Markdown


def test_markdown_tables_broken_by_page_footers() -> None:
    md = "\n".join([
        "# 某某市人民政府办公厅2023年政府信息公开工作年度报告",
        "## 二、主动公开政府信息情况",
        "第二十条第（八）项",
        "| 信息内容 | 本年收费金额（单位：万元） |",
        "|---|---|",
        "| 行政事业性收费 | 0 |",
        "## 三、收到和处理政府信息公开申请情况",
        "| 一、本年新收政府信息公开申请数量 | 1259 | 36 | 0 | 0 | 0 | 0 | 1295 |",
        "|---|---|---|---|---|---|---|---|",
        "| 二、上年结转政府信息公开申请数量 | 170 | 15 | 0 | 0 | 4 | 0 | 189 |",
        "| （一）予以公开 | 201 | 5 | 0 | 0 | 0 | 0 | 206 |",
        "",
        "（二）部分公开（区分处理的，只计这一情",
        "形，不计其他情形）",
        "— 5 —",
        "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
        "|---|---|---|---|---|---|---|",
        "| 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |  |",
        "## 四、政府信息公开行政复议、行政诉讼情况",
        "本年度未发生行政复议和行政诉讼。",
    ])
    report = read_markdown(md)
    assert report.format is Format.V2021
    assert report.title == "某某市人民政府办公厅2023年政府信息公开工作年度报告"
    assert values(report, "requests", "partial") == [2, 0, 0, 0, 0, 0, 2]
    assert values(report, "requests", "denied_state_secret") == [4, 0, 0, 0, 0, 0, 4]
    assert any(f.reason == "a page number" and f.text == "— 5 —" for f in report.unplaced)
    section = report.section("s3")
    assert section is not None and section.text == ""
    assert "empty-cells-trimmed" in codes(report)
    assert report.section("s4") is not None


def _floating_md(figures: list[str], rows: list[str]) -> str:
    """Table 1 as a PDF→Markdown conversion prints it: cells of several lines moved out of their
    rows, to just above the table."""
    return "\n".join([
        "# 某某市人民政府办公厅2025年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度主动公开规章 5 件。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        *figures,
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "|---|---|---|---|",
        *rows,
        "第二十条第（五）项",
        "| 信息内容 | 本年处理决定数量 |",
        "|---|---|",
        "| 行政许可 | 0 |",
        "三、收到和处理政府信息公开申请情况",
        "| （七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "|---|---|---|---|---|---|---|---|",
    ]) + "\n"


def test_figures_moved_out_of_their_rows_go_back_by_their_notes() -> None:
    md = _floating_md(["12", "（其中修订 3 件）", "40", "（含自然失效 9 件）"],
                      ["| 规章 | 5 | 120 |", "|---|---|---|", "| 行政规范性文件 | 30 | 300 |", "|---|---|---|"])
    report = read_markdown(md)
    assert report.format is Format.V2021
    # 失效 names the repealed column: one reading.
    docs = report.table("active_disclosure").row("admin_normative_docs")
    assert [c.value for c in docs.cells] == [30, 40, 300]
    assert docs.cell("repealed").raw == "40（含自然失效 9 件）"
    # 修订 names no column, but the rows keep the grid's columns: the rules row's 5 and 120 stand
    # where 30 and 300 do, and its own figure printed apart fills the column taken out.
    rules = report.table("active_disclosure").row("rules")
    assert [c.value for c in rules.cells] == [5, 12, 120]
    assert rules.cell("repealed").raw == "12（其中修订 3 件）"
    floating = [d for d in report.diagnostics if d.code == "floating-cell"]
    assert {d.cells[0] for d in floating} == {"active_disclosure.rules.issued",
                                              "active_disclosure.admin_normative_docs.issued"}
    assert any("admin_normative_docs shows was taken out" in d.message for d in floating)
    assert "ambiguous-cells" not in codes(report)
    # The notes became part of their cells: they are no longer section text, and nothing is unplaced.
    section = report.section("s2")
    assert section is not None and "修订" not in section.text and "失效" not in section.text
    assert not any(f.text.startswith(("12", "40")) for f in report.unplaced)


def test_a_figure_apart_that_repeats_its_rows_figure_leaves_the_grids_lost_column_open() -> None:
    # '22' in the row and '22（其中修订 16 件）' apart: the column the grid lost (repealed, shown by
    # the other row's note) holds that figure, or the row's issued cell was printed twice and the
    # repealed cell is blank. Issued and in force are known either way.
    md = _floating_md(["22", "（其中修订 16 件）", "55", "（含自然失效 29 件）"],
                      ["| 规章 | 22 | 235 |", "|---|---|---|", "| 行政规范性文件 | 34 | 189 |", "|---|---|---|"])
    report = read_markdown(md)
    rules = report.table("active_disclosure").row("rules")
    assert [c.value for c in rules.cells] == [22, None, 235]
    assert [c.kind for c in rules.cells] == [CellKind.NUMBER, CellKind.AMBIGUOUS, CellKind.NUMBER]
    ambiguous = next(d for d in report.diagnostics if d.code == "ambiguous-cells")
    assert list(ambiguous.cells) == ["active_disclosure.rules.repealed"]
    assert sorted(ambiguous.candidates) == [("",), ("22（其中修订 16 件）",)]
    assert values(report, "active_disclosure", "admin_normative_docs") == [34, 55, 189]


def test_rows_whose_figures_apart_name_no_column_stay_open() -> None:
    # Neither note names a column: no row shows which column the grid lost, so nothing is aligned.
    md = _floating_md(["12", "（其中修订 3 件）", "40", "（其中新增 9 件）"],
                      ["| 规章 | 5 | 120 |", "|---|---|---|", "| 行政规范性文件 | 30 | 300 |", "|---|---|---|"])
    report = read_markdown(md)
    for row in ("rules", "admin_normative_docs"):
        assert [c.kind for c in report.table("active_disclosure").row(row).cells] == [CellKind.AMBIGUOUS] * 3


def test_figures_apart_from_a_table_stay_unplaced_when_they_do_not_pair_up() -> None:
    # Two figures, but only one row lacks a figure: order cannot pair them.
    md = _floating_md(["12", "（其中修订 3 件）", "40", "（含自然失效 9 件）"],
                      ["| 规章 | 5 | 120 |", "|---|---|---|", "| 行政规范性文件 | 30 | 0 | 300 |", "|---|---|---|---|"])
    report = read_markdown(md)
    assert [c.value for c in report.table("active_disclosure").row("admin_normative_docs").cells] == [30, 0, 300]
    assert [f.text for f in report.unplaced if f.reason == "figures without a row label"] == [
        "12（其中修订 3 件）", "40（含自然失效 9 件）"]
    assert "floating-cell" not in codes(report)


def test_a_grid_cell_with_two_figures_is_two_tokens() -> None:
    md = _floating_md([], ["| 规章 | 5 | 0 120 |", "|---|---|---|", "| 行政规范性文件 | 30 | 2 | 300 |"])
    report = read_markdown(md)
    assert values(report, "active_disclosure", "rules") == [5, 0, 120]   # never 5 / 0120


def test_markdown_rows_with_lost_labels_are_placed_by_position() -> None:
    lines = ["# 某某局2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    for label, row_values in REQUESTS_2021:
        cells = " | ".join(row_values.split())
        label_cells = [p for p in label.split("\t") if p]
        if label_cells[-1] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
            lines.append("（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）")
            lines.append(f"| {cells} |")
        elif label_cells[-1].startswith("5.要求行政机关"):
            lines.append(f"| {cells} |")  # the label went elsewhere
        elif label_cells[-1].startswith("2.申请人逾期"):
            lines.append(f"| 缴纳费用、 | 行政机关不再处理其政 | {cells} |")
        else:
            lines.append(f"| {' | '.join(label_cells)} | {cells} |")
    lines.append("第二十条第（八）项 本年收费金额（单位：万元）")
    report = read_markdown("\n".join(lines))
    assert report.format is Format.V2021
    assert values(report, "requests", "partial") == [8, 1, 0, 0, 0, 0, 9]
    assert values(report, "requests", "np_confirm") == [0] * 7
    assert values(report, "requests", "other_fee_unpaid") == [0] * 7
    assert values(report, "requests", "other_other") == [0, 2, 0, 0, 0, 0, 2]
    assert "row-by-position" in codes(report)


# --------------------------------------------------------------------------------------------------
# HTML

HTML_2019 = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某某区2019年政府信息公开工作年度报告_信息公开</title></head><body>
<div class="nav">首页 政务公开</div>
<div class="article">
<p>一、总体情况</p><p>2019年，我区认真贯彻落实《条例》。</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新<br/>制作数量</td><td>本年新<br/>公开数量</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>规范性文件</td><td>15</td><td>15</td><td>94</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td></tr>
<tr><td>行政事业性收费</td><td>35</td><td colspan="2">0</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>23</td><td>&nbsp;</td><td></td><td></td><td></td><td></td><td>23</td></tr>
<tr><td rowspan="20">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>7</td><td></td><td></td><td></td><td></td><td></td><td>7</td></tr>
<tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td></td><td></td><td></td><td></td><td></td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>1</td><td></td><td></td><td></td><td></td><td></td><td>1</td></tr>
<tr><td colspan="2">（六）其他处理</td><td>0</td><td></td><td></td><td></td><td></td><td></td><td>0</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td>
<td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>3</td><td>1</td><td>1</td><td>0</td><td>5</td><td>8</td><td>3</td><td>2</td><td>6</td><td>19</td>
<td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr></table>
<p>五、存在的主要问题及改进情况</p><p>人员不足。</p>
<p>六、其他需要报告的事项</p><p>无。</p>
</div>
<div class="footer">版权所有 网站标识码</div>
</body></html>"""

def test_gbk_page_not_truncated() -> None:
    data = HTML_2019.encode("gbk")
    report = read(data)
    assert report.format is Format.V2019
    assert report.title == "某某区2019年政府信息公开工作年度报告"
    assert (report.year, report.agency) == (2019, "某某区")
    assert values(report, "review_litigation", "count") == [3, 1, 1, 0, 5, 8, 3, 2, 6, 19, 1, 0, 0, 0, 1]
    section = report.section("s6")
    assert section is not None and section.text == "无。"
    assert any(f.reason == "outside the report body" and "版权所有" in f.text for f in report.unplaced)


def test_gbk_bytes_without_declaration_fall_back_to_gb18030() -> None:
    data = HTML_2019.replace("charset=gb2312", "").encode("gb18030")
    report = read_html(data)
    assert report.cell("requests.granted.total").value == 7


def test_rowspan_colspan_grid() -> None:
    report = read_html(HTML_2019)
    granted = report.table("requests").row("granted")
    assert [c.kind for c in granted.cells] == [CellKind.NUMBER] + [CellKind.BLANK] * 5 + [CellKind.NUMBER]
    assert values(report, "requests", "denied_law_prohibited")[0] == 1
    assert values(report, "requests", "other") == [0, None, None, None, None, None, 0]
    assert values(report, "active_disclosure", "admin_fees") == [35, 0]
    origin = granted.cell("total").origin
    assert origin is not None and origin.table == 1 and origin.col == 9
    assert report.table("requests").row("partial").cells[0].kind is CellKind.ABSENT


def test_html_needs_no_declaration_in_str() -> None:
    xml = '<?xml version="1.0" encoding="gbk"?>\n' + HTML_2019
    assert read_html(xml).format is Format.V2019


# --------------------------------------------------------------------------------------------------
# Entry points and decoding


@pytest.mark.parametrize(("title", "year", "agency"), [
    ("某某局关于2021年度政府信息公开工作的年度报告", 2021, "某某局"),
    ("2021年某某区政府信息公开工作年度报告", 2021, "某某区"),
    ("某某市政府信息公开工作2021年度报告", 2021, "某某市"),
    ("某某县人民政府政府信息公开工作年度报告（2021年度）", 2021, "某某县人民政府"),
    ("某某市政府信息公开办公室2021年政府信息公开工作年度报告", 2021, "某某市政府信息公开办公室"),
    ("某某县人民政府二〇二一年政府信息公开工作年度报告", 2021, "某某县人民政府"),
    ("上海市人民政府办公厅2021年政务公开工作年度报告", 2021, "上海市人民政府办公厅"),
    ("关于某某县2021年度政府信息公开工作的年度报告", 2021, "某某县"),
    ("某某县人民政府办公室关于印发2021年政府信息公开工作年度报告的通知", 2021, "某某县人民政府办公室"),
    # A notice that publishes the report names the report's agency after 关于印发 (not "印发某某县…").
    ("关于印发某某县人民政府2021年政府信息公开工作年度报告的通知", 2021, "某某县人民政府"),
    ("某某县人民政府办公室关于印发某某县人民政府2021年政府信息公开工作年度报告的通知", 2021, "某某县人民政府"),
    ("关于公布《某某市交通运输局2021年度政府信息公开工作年度报告》的通知", 2021, "某某市交通运输局"),
    ("二〇二一年某某街道办事处政府信息公开工作年度报告", 2021, "某某街道办事处"),
    # A year printed without 年, and the short name 年报.
    ("某某市某某局政府信息公开工作年度报告（2021）", 2021, "某某市某某局"),
    ("某某局2021政府信息公开工作年度报告", 2021, "某某局"),
    ("2021某某县政府信息公开年报", 2021, "某某县"),
    ("某某县政府信息公开年报（2021年度）", 2021, "某某县"),
])
def test_year_and_agency_from_title_variants(title: str, year: int, agency: str) -> None:
    report = read_text(report_2021(title=title))
    assert (report.title, report.year, report.agency) == (title, year, agency)


def test_agency_and_date_from_the_signature_when_the_title_names_none() -> None:
    body = report_2021(title="政府信息公开工作年度报告")
    report = read_text(body + "某某县人民政府办公室\n2023年1月20日\n")
    assert (report.agency, report.published) == ("某某县人民政府办公室", datetime.date(2023, 1, 20))
    report = read_text(body + "某某市生态环境局 2023年1月18日\n")
    assert (report.agency, report.published) == ("某某市生态环境局", datetime.date(2023, 1, 18))
    # A name glued to the last sentence (lines joined when the page was copied) signs it too.
    report = read_text(body.rstrip("\n") + "。某某县人民政府\n")
    assert report.agency == "某某县人民政府"
    # Prose at the end is no signature, nor is a clause after the last sentence that names an office;
    # a title that names the agency wins.
    assert read_text(body).agency is None
    assert read_text(body.rstrip("\n") + "。请联系县政府办公室\n").agency is None
    assert read_text(body.rstrip("\n") + "。详见某某县政府办公室\n").agency is None
    titled = read_text(report_2021() + "某某县人民政府办公室\n2023年1月20日\n")
    assert (titled.agency, titled.published) == ("某某县人民政府", datetime.date(2023, 1, 20))


def test_a_menu_entry_naming_the_annual_reports_is_no_title() -> None:
    # 政府信息公开年报 names a report only beside a year; alone it is a site's menu entry.
    report = read_text("首页 政务公开 政府信息公开 政府信息公开年报\n" + report_2021())
    assert (report.title, report.agency) == ("某某县人民政府2022年政府信息公开工作年度报告", "某某县人民政府")


def test_the_pages_date_after_the_title_is_no_part_of_it() -> None:
    body = report_2021()
    title, rest = body.split("\n", 1)
    # On the title's line, or on the next line of a text that looks cut at a fixed width (found by
    # the round-trip property test: a report whose lines are all about as wide as its title).
    one_line = read_text(f"{title} 发布日期：2023-01-20\n{rest}")
    assert (one_line.title, one_line.published, one_line.preamble) == (
        title, datetime.date(2023, 1, 20), read_text(body).preamble)
    # What else stands on the line stays in the preamble.
    with_source = read_text(f"{title} 发布时间：2023年1月20日 来源：县政府办\n{rest}")
    assert with_source.title == title
    assert with_source.preamble.startswith("发布时间：2023年1月20日 来源：县政府办")
    # A title that goes on after the report's name is not cut.
    assert read_text(f"{title}（第二版）\n{rest}").title == f"{title}（第二版）"


def test_the_date_a_page_is_published_on_never_gives_the_year() -> None:
    # A report covers the year before it is published (条例 Art. 49–50): a title without a year and
    # a page dated 2023 is the report for the year the opening names, not for 2023.
    body = report_2021(title="某某县人民政府政府信息公开工作年度报告")
    title, rest = body.split("\n", 1)
    for dated in ("发布时间：2023年01月31日", "发布日期：2023年1月31日 来源：县政府办", "（2023年1月16日）",
                  "2023年1月20日"):
        report = read_text(f"{title}\n{dated}\n{rest}")
        assert report.year == 2022, dated
        assert "year-from-published" not in {d.code for d in report.diagnostics}
    # A sentence that names a year is no date line: its year counts.
    assert read_text(f"{title}\n2023年，本机关发布本报告。\n{rest}").year == 2023


def test_year_before_the_publication_date_when_no_year_is_named() -> None:
    body = report_2021(title="某某县人民政府政府信息公开工作年度报告").replace("2022年，", "本年度，")
    assert read_text(body).year is None
    title, rest = body.split("\n", 1)
    report = read_text(f"{title}\n发布日期：2023年1月31日\n{rest}")
    assert (report.year, report.published) == (2022, datetime.date(2023, 1, 31))
    found = [d for d in report.diagnostics if d.code == "year-from-published"]
    assert len(found) == 1 and "2023-01-31" in found[0].message
    signed = read_text(body + "某某县人民政府办公室\n2024年3月2日\n")
    assert signed.year == 2023


def test_every_reader_diagnostic_code_is_documented() -> None:
    # The codes the readers emit are the table of docs/reading.md, no more and no fewer.
    root = Path(__file__).resolve().parent.parent
    emitted: set[str] = set()
    for name in ("_build.py", "_raw.py", "reading.py"):
        source = (root / "src" / "govdisclosure" / name).read_text(encoding="utf-8")
        emitted |= set(re.findall(r'diag\(\s*"([a-z-]+)"', source))
        emitted |= set(re.findall(r'code="([a-z-]+)"', source))
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", (root / "docs" / "reading.md").read_text(encoding="utf-8"),
                                re.MULTILINE))
    assert emitted and emitted == documented


SECTION_FOUR_IN_TWO_TABLES = [
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
    "0\t1\t1\t0\t2",
    "行政诉讼",
    "未经复议直接起诉\t\t\t\t\t复议后起诉",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
    "1\t0\t0\t0\t1\t0\t0\t0\t0\t",
]


def test_section_four_printed_as_two_tables() -> None:
    # 行政复议 and 行政诉讼 as two tables: the header rows between the figures (with their blank
    # cells) are no figures; a blank cell at the end of a row of figures is a cell.
    text = report_2021()
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    report = read_text(text[:start] + "\n".join(SECTION_FOUR_IN_TWO_TABLES) + "\n" + text[end:])
    cells = report.table("review_litigation").row("count").cells
    assert [c.value for c in cells] == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, None]
    assert cells[-1].kind is CellKind.BLANK
    page = "<body>" + "".join(f"<p>{line}</p>" for line in text[:start].splitlines()) + "".join(
        "<table>" + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row.split("\t")) + "</tr>"
                            for row in rows) + "</table>"
        for rows in (SECTION_FOUR_IN_TWO_TABLES[1:4], SECTION_FOUR_IN_TWO_TABLES[4:])) + "</body>"
    page = page.replace("<table>", "<p>四、政府信息公开行政复议、行政诉讼情况</p><table>", 1)
    report = read_html(page)
    assert [c.value for c in report.table("review_litigation").row("count").cells] == [
        0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, None]


def test_pipe_tables_without_separator_rows_are_markdown() -> None:
    # Some converters print pipe rows without the |---| line: still tables, not text.
    lines = [line if "\t" not in line else "| " + " | ".join(line.split("\t")) + " |" for line in
             report_2021().splitlines()]
    text = "\n".join(lines) + "\n"
    assert "---" not in text and detect_layout(text) is Layout.MARKDOWN
    report = read(text)
    assert values(report, "requests", "new_received") == [71, 3, 0, 0, 0, 0, 74]
    assert values(report, "active_disclosure", "admin_normative_docs") == [88, 55, 698]


def test_read_dispatches_on_layout(tmp_path: Path) -> None:
    text = report_2021()
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    by_path = read(path)
    by_str_path = read(str(path))
    by_bytes = read(text.encode("utf-8"))
    by_text = read(text)
    assert by_path.source == str(path)
    assert by_bytes.source == "<bytes>" and by_text.source == "<string>"
    expected = [(key, cell.kind, cell.value) for key, cell in by_path.cells()]
    for report in (by_str_path, by_bytes, by_text):
        assert [(key, cell.kind, cell.value) for key, cell in report.cells()] == expected
    assert read(text, layout="markdown").format is Format.V2021
    assert read(text, layout=Layout.TEXT).format is Format.V2021


def test_byte_order_marks_and_utf16(tmp_path: Path) -> None:
    text = report_2021()
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16")):
        assert read(data).cell("requests.granted.total").value == 21


def test_unreadable_inputs_raise_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read(tmp_path)
    with pytest.raises(DecodeError):
        read(bytes(range(256)) * 10)
    with pytest.raises(UsageError):
        read(42)  # type: ignore[arg-type]


def test_empty_document_is_a_formatless_report() -> None:
    for source in ("", b"", "   \n\n"):
        report = read(source)
        assert report.format is None
        assert "format-unknown" in codes(report)


def test_header_words_without_figures_are_not_rows() -> None:
    """总计 and 其他 head columns of section 三; they are the rows （七）总计 / 3.其他 only with figures."""
    from govdisclosure import render

    report = read_text(report_2021())
    for layout in ("text", "markdown", "html"):
        again = read(render(report, layout))
        problems = [d for d in again.diagnostics if d.severity.value != "info"]
        assert problems == [], layout
        assert values(again, "requests", "total_processed") == [72, 3, 0, 0, 0, 0, 75]
        assert values(again, "requests", "other_other") == [0, 2, 0, 0, 0, 0, 2]


def test_pdf_text_with_one_cell_per_line() -> None:
    """pdftotext without -layout prints every table cell on a line of its own."""
    lines = ["某某县人民政府2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    for label, row_values in REQUESTS_2021:
        lines += [part for part in label.split("\t") if part]
        lines += row_values.split()
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    report = read_text("\n".join(lines))
    assert report.format is Format.V2021
    for row_id, got, printed in requests_read(report):
        assert got == printed, row_id


def test_pdf_text_with_space_separated_rows() -> None:
    lines = ["某某县人民政府2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    lines += [f"{label.split(chr(9))[-1]} {row_values}" for label, row_values in REQUESTS_2021]
    report = read_text("\n".join(lines))
    assert values(report, "requests", "total_processed") == [72, 3, 0, 0, 0, 0, 75]
    assert values(report, "requests", "other_fee_unpaid") == [0] * 7


def test_every_key_word_of_a_page_line_holds_a_key_character() -> None:
    # (the lines that cannot hold one are not searched for dates and agencies: see _meta._may_hold)
    from govdisclosure._meta import _AGENCY_KEY_CHARS, _AGENCY_KEY_WORDS, _DATE_KEY_CHARS, _DATE_KEY_WORDS

    dates = [re.sub(r"\(\?<!?\[?[^)]*\)", "", word) for words in _DATE_KEY_WORDS for word in words]
    assert [w for w in dates if not any(ch in w for ch in _DATE_KEY_CHARS)] == []
    assert [w for w in _AGENCY_KEY_WORDS if not any(ch in w for ch in _AGENCY_KEY_CHARS)] == []
