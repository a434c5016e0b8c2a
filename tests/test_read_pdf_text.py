"""Text that PDF extraction and document converters make of a report (issue: readers).

``pdftotext -layout`` keeps the page's columns with spaces, but prints a cell aligned higher or
lower than its row on a line of its own, wraps long labels around their figures and prints section
四's headers one character per line. ``pdftotext`` without ``-layout`` may print a row's cells out
of order. Pandoc's Markdown wraps styled text in ``[text]{style="…"}``. The reader uses what these
forms determine and leaves the rest undetermined, never a figure moved to the wrong cell.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from govdisclosure import CellKind, Format, Layout, read, read_markdown, read_text
from govdisclosure._decode import detect_layout
from tests.test_read_variants import REQUESTS_2021, codes, requests_read, values

HEAD = ["某某县人民政府2023年政府信息公开工作年度报告", "一、总体情况", "本年度认真贯彻落实《条例》。"]


TABLE_ONE_LAYOUT = [
    *HEAD,
    "二、主动公开政府信息情况",
    "第二十条第（一）项",
    "           信息内容                    本年制发件数                   本年废止件数                  现行有效件数",
    "",
    "规章                                                                 270                           2238",
    "",
    "行政规范性文件                          55                            77                            846",
    "第二十条第（五）项",
]


def layout_requests(rows: list[tuple[str, str]]) -> list[str]:
    """Section 三 as ``pdftotext -layout`` prints it: label, spaces, figures in their columns."""
    lines = ["三、收到和处理政府信息公开申请情况",
             "                                         自然人   商业企业  科研机构  社会公益组织  法律服务机构  其他  总计"]
    for label, row_values in rows:
        label = label.split("\t")[-1]
        lines.append(f"    {label:<40}" + "".join(f"{v:>8}" for v in row_values.split()))
    return lines


def test_section_four_headers_one_character_per_line() -> None:
    """The column headers of section 四 printed vertically are no labels; the line of 15 figures
    alone is still its row."""
    text = "\n".join([
        *HEAD, *layout_requests(REQUESTS_2021),
        "四、政府信息公开行政复议、行政诉讼情况",
        "        行政复议                                 行政诉讼",
        "                               未经复议直接起诉                       复议后起诉",
        "结       结    其   尚",
        "果       果    他   未     总",
        "维       纠    结   审     计",
        "持       正    果   结",
        "0       1    1     0   2   1   0   0        0   1    0   0     0       0   0",
        "五、存在的主要问题及改进情况",
        "一是公开质量有待提高。",
    ])
    report = read_text(text)
    assert report.format is Format.V2021
    assert values(report, "review_litigation", "count") == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]


def test_prose_figures_in_section_four_are_not_its_row() -> None:
    text = "\n".join([
        *HEAD, *layout_requests(REQUESTS_2021),
        "四、政府信息公开行政复议、行政诉讼情况",
        "本年度共发生行政复议2件，行政诉讼1件。",
        "五、存在的主要问题及改进情况",
    ])
    report = read_text(text)
    assert all(c.kind is CellKind.ABSENT for c in report.table("review_litigation").row("count").cells)


def test_cell_printed_on_the_line_above_its_row() -> None:
    """A top-aligned cell lands on the line above the row's label: it joins the row, in the order
    of the figures' positions on the line."""
    text = "\n".join([
        *HEAD,
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "            本年制发     本年废止",
        "信息内容                       现行有效件数",
        "            件数         件数",
        "                 7",
        "规章                          2            31",
        "行政规范性文件    12           3            45",
        "第二十条第（五）项",
        "信息内容           本年处理决定数量",
        "行政许可           356",
    ])
    report = read_text(text)
    assert values(report, "active_disclosure", "rules") == [7, 2, 31]
    assert values(report, "active_disclosure", "admin_normative_docs") == [12, 3, 45]
    assert "cells-on-next-line" in codes(report)


def test_cell_on_the_line_below_its_row() -> None:
    text = "\n".join([
        *HEAD,
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容          本年制发件数  本年废止件数  现行有效件数",
        "规章                    1                        31",
        "                                    4",
        "行政规范性文件         12            3            45",
    ])
    report = read_text(text)
    assert values(report, "active_disclosure", "rules") == [1, 4, 31]


def test_figures_between_two_short_rows_are_not_merged() -> None:
    """A line of figures that could complete the row above or the row below joins neither."""
    text = "\n".join([
        *HEAD,
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容          本年制发件数  本年废止件数  现行有效件数",
        "规章                    1                        31",
        "                                    4",
        "行政规范性文件         12                        45",
    ])
    report = read_text(text)
    assert "cells-on-next-line" not in codes(report)
    assert values(report, "active_disclosure", "rules")[1] is None
    assert values(report, "active_disclosure", "admin_normative_docs")[1] is None


def test_label_wrapped_around_its_figures() -> None:
    """"2.其他法律行政法规禁 … 止公开": the label's last line is read before the figures, and the
    其他 inside the label is not the row 3.其他."""
    rows = list(REQUESTS_2021)
    lines = [*HEAD, *layout_requests(rows[:5])]
    lines += ["      2.其他法律行政法规禁        0       0       0       0       0       0       0",
              "      止公开"]
    lines += layout_requests(rows[6:])[2:]
    report = read_text("\n".join(lines))
    assert values(report, "requests", "denied_law_prohibited") == [0] * 7
    assert values(report, "requests", "other_other") == [0, 2, 0, 0, 0, 0, 2]
    assert codes(report) <= {"table-missing"}  # (no section 四 in this fixture)


def test_row_missing_its_total_is_not_placed_by_a_total_it_escapes() -> None:
    """pdftotext without -layout printed a row's total elsewhere: "71 3 0 0 0 0" for seven cells.
    Splitting the digits (7 / 1 / 3 / 0 / 0 / 0 / 0) breaks the row total; a blank cell is the other
    reading, at any of the cells after the figures that the columns' totals (一 + 二 = 三（七）+ 四)
    check. The total column's check fails for every placement whose figures are all known, and only
    the placement that leaves the total blank escapes it: a report's own totals fail often enough
    that escaping one is no evidence, so which cell is blank stays open (71 and 3 stand where every
    remaining placement puts them)."""
    rows = [(label, "71 3 0 0 0 0") if label.startswith("一、") else (label, v) for label, v in REQUESTS_2021]
    lines = [*HEAD, "三、收到和处理政府信息公开申请情况"]
    for label, row_values in rows:
        lines.append(label.split("\t")[-1] + " " + row_values)
    report = read_text("\n".join(lines))
    assert values(report, "requests", "new_received") == [71, 3, None, None, None, None, None]
    (found,) = [d for d in report.diagnostics if d.code == "ambiguous-cells" and "new_received" in d.message]
    assert len(found.candidates) == 5
    assert values(report, "requests", "carried_over") == [1, 0, 0, 0, 0, 0, 1]


def test_a_gap_or_glued_digits_stay_undetermined() -> None:
    """"规章 1 31" for three cells: 1 / 3 / 1 (digits run together) or a blank cell; nothing decides."""
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（一）项",
                      "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 1 31", "行政规范性文件 12 3 45"])
    report = read_text(text)
    assert values(report, "active_disclosure", "rules") == [None, None, None]
    (found,) = [d for d in report.diagnostics if d.code == "ambiguous-cells"]
    assert ("1", "3", "1") in found.candidates and ("1", "31", "") in found.candidates


def test_only_split_that_breaks_the_row_total_is_not_used() -> None:
    """One token, one digit per cell: the split is forced, but if it breaks the row total the
    token may not be the whole row, so the cells stay undetermined, with the split as a candidate."""
    rows = [(label, "1000002") if label.startswith("二、") else (label, v) for label, v in REQUESTS_2021]
    lines = [*HEAD, "三、收到和处理政府信息公开申请情况"]
    lines += [label.split("\t")[-1] + " " + row_values for label, row_values in rows]
    report = read_text("\n".join(lines))
    assert values(report, "requests", "carried_over") == [None] * 7
    (found,) = [d for d in report.diagnostics if d.code == "ambiguous-cells" and "carried_over" in d.message]
    assert "breaks the row's total" in found.message
    assert found.candidates == (("1", "0", "0", "0", "0", "0", "2"),)
    consistent = [(label, "1000001") if label.startswith("二、") else (label, v) for label, v in REQUESTS_2021]
    lines = [*HEAD, "三、收到和处理政府信息公开申请情况"]
    lines += [label.split("\t")[-1] + " " + row_values for label, row_values in consistent]
    assert values(read_text("\n".join(lines)), "requests", "carried_over") == [1, 0, 0, 0, 0, 0, 1]


def test_more_figures_below_a_label_than_its_row_has_cells() -> None:
    """One cell per line, but five figures before the next label for a row of three: which three
    are the row's is not determined (pdftotext printed another row's cells among them)."""
    text = "\n".join([
        *HEAD,
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
        "规章", "0",
        "行政规范性文件", "0", "0", "89", "89", "89",
        "第二十条第（五）项",
    ])
    report = read_text(text)
    assert values(report, "active_disclosure", "admin_normative_docs") == [None, None, None]
    assert "figures in the table areas belong to no row" not in " ".join(d.message for d in report.diagnostics)
    # Whole rows below their labels read as printed.
    text = text.replace("规章\n0\n", "规章\n0\n0\n0\n").replace("89\n89\n89", "89")
    assert values(read_text(text), "active_disclosure", "admin_normative_docs") == [0, 0, 89]


def test_row_below_a_short_row_printed_one_figure_per_line_is_in_doubt() -> None:
    """``pdftotext`` prints a table with blank cells column by column: "规章 / 39 / 213 / 行政规范性文件 /
    293 / 523 / 450" may hold 523 for 规章. The row after a short one is not read as printed."""
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（一）项",
                      "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
                      "规章", "39", "213", "行政规范性文件", "293", "523", "450", "第二十条第（五）项"])
    report = read_text(text)
    assert values(report, "active_disclosure", "admin_normative_docs") == [None, None, None]
    (found,) = [d for d in report.diagnostics if d.code == "ambiguous-cells" and "admin_normative_docs" in d.message]
    assert "not in row order" in found.message


def test_pandoc_markdown_styled_spans() -> None:
    """Pandoc writes styled Word/HTML text as ``[text]{style="…"}``, nested at times."""
    style = '{style="font-family: 仿宋_GB2312;"}'

    def span(text: str) -> str:
        return f"[{text}]{style}[]{style}"

    lines = ["# 某某县人民政府2022年政府信息公开工作年度报告", "## 三、收到和处理政府信息公开申请情况", "",
             "| " + " | ".join(["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]) + " |",
             "|" + "---|" * 8]
    for label, row_values in REQUESTS_2021:
        cells = [f"[{span(label.split(chr(9))[-1])}]{style}", *(span(v) for v in row_values.split())]
        lines.append("| " + " | ".join(cells) + " |")
    report = read_markdown("\n".join(lines))
    assert report.format is Format.V2021
    assert values(report, "requests", "total_processed") == [72, 3, 0, 0, 0, 0, 75]
    assert values(report, "requests", "other_other") == [0, 2, 0, 0, 0, 0, 2]


def test_label_wrapped_in_a_narrow_column_is_read_before_its_figures() -> None:
    """A narrow label column (PDF of a Word table): "5.属于 1 0 0 0 0 0 1" then "三类" / "内部" / "事务" /
    "信息". The tail is no label of the next row: it completes this one."""
    lines = [*TABLE_ONE_LAYOUT, *layout_requests([])]
    for label, row_values in REQUESTS_2021:
        label = label.split("\t")[-1]
        head, tail = (label[:4], label[4:]) if len(label) > 6 else (label, "")
        lines.append(f"    {head} " + "   ".join(row_values.split()))
        lines += [f"    {tail[i:i + 2]}" for i in range(0, len(tail), 2)]
        lines.append("")
    report = read_text("\n".join(lines))
    for row_id, got, printed in requests_read(report):
        assert got == printed, row_id


def test_group_and_row_labels_wrapped_side_by_side() -> None:
    """Two narrow label columns wrap side by side (a Word table printed to PDF): "三、 （一）予以
    7 0 … 7" / "本年 公开" / "度办". Only the words under the row label's column continue it; a last
    word that pdftotext shifted left ("府信" / "息") still does when nothing else completes the label."""
    groups = {"（一）予以公开": "三、本年度办理结果", "1.本机关不掌握相关政府信息": "（四）无法提供"}

    def chunks(text: str) -> list[str]:
        return [text[i:i + 2] for i in range(0, len(text), 2)]

    lines = [*TABLE_ONE_LAYOUT, *layout_requests([])]
    for label, row_values in REQUESTS_2021:
        label = label.split("\t")[-1]
        group = chunks(groups.get(label, ""))
        words = chunks(label)
        figures = "   ".join(row_values.split())
        for n in range(max(len(group), len(words))):
            left = group[n] if n < len(group) else ""
            right = words[n] if n < len(words) else ""
            if label.startswith("1.本机关") and n == len(words) - 1:
                left, right = right, ""  # the lone last word shifted left
            lines.append(f"{left:<6}{right:<8}" + (figures if n == 0 else "").rstrip())
        lines.append("")
    report = read_text("\n".join(lines))
    for row_id, got, printed in requests_read(report):
        assert got == printed, row_id


def test_labels_printed_below_their_figures_give_no_row_the_next_rows_figures() -> None:
    """Every label a line below its figures (labels centred lower than top-aligned figures): whether a
    label's figures are the line above or the line below is not shown, so no row is read — never
    one row's figures for another."""
    lines = [*TABLE_ONE_LAYOUT, *layout_requests([])]
    for label, row_values in REQUESTS_2021:
        lines += ["        " + "   ".join(row_values.split()), "  " + label.split("\t")[-1], ""]
    report = read_text("\n".join(lines))
    for row_id, got, printed in requests_read(report):
        assert got in (printed, [None] * 7), row_id
    assert any(d.code == "ambiguous-cells" for d in report.diagnostics)


def test_bracketed_label_wrapped_around_its_figures() -> None:
    """"（二）部分公开（区分处理" / "的，只计这一情形，不计其 8 1 0 0 0 0 9" / "他情形）": the bracket that
    runs over three lines does not swallow the figures printed inside it."""
    lines = [*TABLE_ONE_LAYOUT, *layout_requests(REQUESTS_2021[:3])]
    lines += ["      （二）部分公开（区分处理",
              "      的，只计这一情形，不计其" + "".join(f"{v:>8}" for v in REQUESTS_2021[3][1].split()),
              "      他情形）"]
    lines += layout_requests(REQUESTS_2021[4:])[2:]
    report = read_text("\n".join(lines))
    assert values(report, "requests", "partial") == [8, 1, 0, 0, 0, 0, 9]


def test_labels_printed_as_a_column_before_their_figures() -> None:
    """pdfminer prints text boxes: a column of labels, then figures. A label right after a label
    without figures does not take the figures below it."""
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（六）项", "信息内容", "本年处理决定数量",
                      "行政处罚", "", "行政强制", "", "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）",
                      "行政事业性收费", "", "1257", "", "207", "", "227", "", "17046.78"])
    report = read_text(text)
    assert values(report, "active_disclosure", "admin_fees") == [None]
    assert values(report, "active_disclosure", "admin_coercion") == [None]


def test_another_rows_number_ends_a_label_waiting_for_its_figures() -> None:
    """"逾期不补正" (the tail of row 1's label, matched alone) must not take the figures printed
    after "2.申请": they are row 2's."""
    lines = [*TABLE_ONE_LAYOUT, *layout_requests([])]
    for label, row_values in REQUESTS_2021:
        label = label.split("\t")[-1]
        if label.startswith("1.申请人无正当理由"):
            lines += ["（六） 1.申请 2 0 0 0 0 0 2 其他处 人无 理 正当 理由 逾期 不补 正、 行政 机关 不再 处理 其政 府信 息公 开申 请"
                      " 2.申请 0 0 0 0 0 0 0 人逾 期未 按收 费通 知要 求缴 纳费 用、 行政 机关 不再 处理 其政 府信 息公 开申 请"]
            continue
        if label.startswith("2.申请人逾期"):
            continue
        lines.append(label + " " + row_values)
    report = read_text("\n".join(lines))
    assert values(report, "requests", "other_no_correction") != [0] * 7
    assert values(report, "requests", "other_fee_unpaid") in ([0] * 7, [None] * 7)


def test_markdown_cells_with_inline_html_stay_markdown() -> None:
    """PDF→Markdown converters (pymupdf4llm) put ``<br>`` and ``<sup>`` in pipe-table cells: the
    document is still Markdown, and the tags are no part of the figures."""
    lines = ["# 某某县人民政府2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "",
             "|（本列数据的勾稽关系为：第一项加<br>第二项之和，等于第三项加第四项之和）|自然人|商业<br>企业|科研<br>机构|"
             "社会公益<br>组织|法律服务<br>机构|其他|总计|",
             "|---|---|---|---|---|---|---|---|"]
    for label, row_values in REQUESTS_2021:
        cells = [label.split("\t")[-1], *(f"<sup>{v}</sup>" if i == 0 else v for i, v in enumerate(row_values.split()))]
        lines.append("|" + "|".join(cells) + "|")
    text = "\n".join(lines)
    report = read_markdown(text)
    assert values(report, "requests", "total_processed") == [72, 3, 0, 0, 0, 0, 75]
    assert detect_layout(text) is Layout.MARKDOWN
    assert detect_layout("<p>a</p><p>b</p><p>c</p><div>d</div><table><tr><td>|x|</td></tr></table>\n|---|\n|a|") \
        is Layout.HTML


def test_label_broken_over_two_cells_of_a_table_one_row() -> None:
    """pymupdf4llm: ``|其他对外管理服务|事项|214<br>15|128|`` — the label split over two cells names one
    row only, and the cell with two figures is two cells."""
    text = "\n".join(["# 某某县人民政府2020年政府信息公开工作年度报告", "## 二、主动公开政府信息情况",
                      "|信息内容|上一年项目数量<br>本年增/减|处理决定数量|", "|---|---|---|",
                      "|行政许可||168<br>-22|355|", "|其他对外管理服务|事项|214<br>15|128|"])
    report = read_markdown(text)
    assert values(report, "active_disclosure", "admin_license") == [168, -22, 355]
    assert values(report, "active_disclosure", "other_mgmt_services") == [214, 15, 128]
    assert any(d.code == "label-alias" and "broken over cells" in d.message for d in report.diagnostics)


def test_label_broken_over_two_grid_rows() -> None:
    """The first row holds the label's start and blank cells, the next the rest and the figures."""
    rows = [f"|{label.split(chr(9))[-1]}|" + "|".join(v.split()) + "|" for label, v in REQUESTS_2021]
    confirm = next(i for i, (label, _) in enumerate(REQUESTS_2021) if "要求行政机关确认" in label)
    rows[confirm:confirm + 1] = ["|5.要求行政机关|||||||||", "|确认或重新出具已获取信息|0|0|0|0|0|0|0|"]
    text = "\n".join(["# 某某县人民政府2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
                      "||自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|", "|---|---|---|---|---|---|---|---|",
                      *rows])
    report = read_markdown(text)
    assert values(report, "requests", "np_confirm") == [0] * 7
    assert "unplaced-row" not in codes(report)


def test_label_with_its_first_figure_then_one_figure_per_line() -> None:
    """"1.属于国家秘密0" and the row's six other figures one per line below it."""
    lines = [*HEAD, "三、收到和处理政府信息公开申请情况"]
    for label, row_values in REQUESTS_2021:
        first, *rest = row_values.split()
        lines.append(label.split("\t")[-1] + first)
        lines += rest
    report = read_text("\n".join(lines))
    for row_id, got, printed in requests_read(report):
        assert got == printed, row_id




def test_blank_cells_placed_by_their_column_on_the_line() -> None:
    """``pdftotext -layout`` keeps a blank cell's column empty: the row that prints every figure
    shows where the columns are, and the figures of the short row stand under two of them."""
    report = read_text("\n".join(TABLE_ONE_LAYOUT))
    rules = report.table("active_disclosure").row("rules").cells
    assert [c.value for c in rules] == [None, 270, 2238]
    assert rules[0].kind is CellKind.BLANK
    assert "cells-aligned" in codes(report)


def test_short_row_whose_first_figure_abuts_its_label() -> None:
    """A wide label leaves one space before the first figure; the full row above still shows where
    the columns are."""
    lines = list(TABLE_ONE_LAYOUT)
    lines[7] = "规章      379       339    2340"
    lines[9] = "行政规范性文件 61        79"
    report = read_text("\n".join(lines))
    assert values(report, "active_disclosure", "rules") == [379, 339, 2340]
    assert values(report, "active_disclosure", "admin_normative_docs") == [61, 79, None]


def test_single_row_with_a_blank_cell_placed_under_its_header() -> None:
    """A one-row table (2019 format, 第二十条第（八）项) has no full row to compare with: the column
    headers printed side by side above it show where the columns are."""
    lines = [
        "某某县人民政府2020年政府信息公开工作年度报告", "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "           信息内容          本年新制作数量          本年新公开数量          对外公开总数量",
        "规章                              1                       2                      30",
        "第二十条第（八）项",
        "           信息内容                    上一年项目数量                                本年增/减",
        "",
        "行政事业性收费                                                                        8",
        "第二十条第（九）项",
        "           信息内容                     采购项目数量                                采购总金额",
        "政府集中采购                                  12",
    ]
    report = read_text("\n".join(lines))
    assert values(report, "active_disclosure", "admin_fees") == [None, 8]
    assert values(report, "active_disclosure", "centralized_procurement") == [12, None]
    # Headers one space apart, or a figure one space after its label: no layout to go by.
    lines[6] = "信息内容 上一年项目数量 本年增/减"
    assert values(read_text("\n".join(lines)), "active_disclosure", "admin_fees") == [None, None]
    lines[8] = "行政事业性收费 8"
    assert values(read_text("\n".join(lines)), "active_disclosure", "admin_fees") == [None, None]


def test_blank_cells_placed_under_headers_wrapped_over_lines() -> None:
    """Every row prints only 自然人 and 总计 (the 法人 cells are blank) and the headers wrap in narrow
    columns (``自`` / ``然人``): the words stacked one above the other give the columns."""
    def at(*words: tuple[int, str]) -> str:
        line = ""
        for column, word in words:
            line = line.ljust(column + (50 if column > 30 else 0)) + word  # (labels are up to 45 wide)
        return line

    lines = [*TABLE_ONE_LAYOUT, "三、收到和处理政府信息公开申请情况", "",
             at((1, "（本列数据的勾稽关系为：第一项加第二项之和，等于"), (60, "申请人情况")),
             at((0, "第三项加第四项之和）")), "",
             at((37, "自"), (46, "法人或其他组织"), (73, "总计")), "",
             at((36, "然人")), "",
             at((46, "商"), (50, "科研"), (57, "社"), (64, "法"), (68, "其他")),
             at((42, "业"), (56, "会公益"), (62, "律服务")),
             at((50, "机构")),
             at((56, "组织"), (62, "机构")), ""]
    for label, row_values in REQUESTS_2021:
        figures = row_values.split()
        lines += [at((1, label.split("\t")[-1]), (37, figures[0]), (73, figures[-1])), ""]
    report = read_text("\n".join(lines))
    for row_id, got, printed in requests_read(report):
        assert got == [printed[0], *[None] * 5, printed[-1]], row_id
        assert [c.kind for c in report.table("requests").row(row_id).cells[1:6]] == [CellKind.BLANK] * 5
    # A figure under no header found (法人 columns): not placed.
    lines[-2] = at((1, "四、结转下年度继续办理"), (37, "0"), (51, "0"), (73, "0"))
    report = read_text("\n".join(lines))
    assert values(report, "requests", "carried_forward") == [None] * 7


def test_figures_between_columns_are_not_placed() -> None:
    lines = list(TABLE_ONE_LAYOUT)
    figures = TABLE_ONE_LAYOUT[9]
    columns = [figures.index(" 55 ") + 1, figures.index(" 77 ") + 1, figures.index(" 846")]
    halfway = (columns[0] + columns[1]) // 2  # as far from one column as from the next
    lines[7] = "规章".ljust(halfway) + "270".ljust(columns[2] - halfway) + "2238"
    report = read_text("\n".join(lines))
    assert "cells-aligned" not in codes(report)
    assert values(report, "active_disclosure", "rules") == [None, None, None]


def test_positions_mean_nothing_in_tab_separated_text() -> None:
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（一）项",
                      "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t270\t2238", "行政规范性文件\t55\t77\t846"])
    report = read_text(text)
    assert "cells-aligned" not in codes(report)
    assert values(report, "active_disclosure", "rules") == [None, None, None]


def test_one_figure_apart_from_its_label_may_be_one_cell() -> None:
    """"规章 205" for three cells: 2 / 0 / 5 or a row with two blank cells. Printed right after the
    label ("规章205", crawled text) the digits are the row's run together."""
    def rules(line: str) -> list[object]:
        text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（一）项",
                          "信息内容 本年制发件数 本年废止件数 现行有效件数", line])
        return values(read_text(text), "active_disclosure", "rules")

    assert rules("规章 205") == [None, None, None]
    assert rules("规章205") == [2, 0, 5]


def test_blank_cells_at_both_ends_leave_the_row_undetermined() -> None:
    """A converter's extra column: ``|行政许可||216|15||`` prints four cells for three columns, blank at
    both ends; which blank is the form's cell is not shown."""
    text = "\n".join(["# 某某县人民政府2020年政府信息公开工作年度报告", "## 二、主动公开政府信息情况",
                      "|信息内容|上一年项目数量|本年增/减|处理决定数量|", "|---|---|---|---|",
                      "|行政许可||216|15||", "|其他对外管理服务事项|3|0|5|"])
    report = read_markdown(text)
    assert values(report, "active_disclosure", "admin_license") == [None, None, None]
    (found,) = [d for d in report.diagnostics if d.code == "ambiguous-cells"]
    assert set(found.candidates) == {("", "216", "15"), ("216", "15", "")}
    assert values(report, "active_disclosure", "other_mgmt_services") == [3, 0, 5]


def test_decimals_broken_off_into_the_next_cell() -> None:
    """``|政府集中采购||110|1827|.52|``: a converter split 1827.52 over two cells; 1827 is not read."""
    text = "\n".join(["# 某某县人民政府2020年政府信息公开工作年度报告", "## 二、主动公开政府信息情况",
                      "|信息内容|采购项目数量|采购总金额|", "|---|---|---|",
                      "|政府集中采购||110|1827|.52|"])
    report = read_markdown(text)
    assert values(report, "active_disclosure", "centralized_procurement")[1] is None


def test_figure_under_a_header_split_over_two_cells_is_joined() -> None:
    """pymupdf4llm splits a header it finds too wide (``|采购总|金额|``) and a figure below it the same
    way (``|2337|0.96|`` for 23370.96): one column stands there, so its cell is the two halves joined
    (``split-figure-joined``), never 2337 projects and 0.96 yuan; a figure under one half only, or
    the header printed whole, is read as usual."""
    head = ["# 某某县人民政府2020年政府信息公开工作年度报告", "## 二、主动公开政府信息情况", "|---|---|---|---|---|"]
    rows = ["||信息内容|上一年项目数量|本年|增/减|", "|行政事业性收费||166|-|1|",
            "||信息内容|采购项目数量|采购总|金额|", "|政府集中采购|||2337|0.96|"]
    report = read_markdown("\n".join(head + rows))
    assert values(report, "active_disclosure", "admin_fees") == [166, -1]
    assert values(report, "active_disclosure", "centralized_procurement") == [None, Decimal("23370.96")]
    joined = [d for d in report.diagnostics if d.code == "split-figure-joined"]
    assert [d.cells for d in joined] == [("active_disclosure.admin_fees.change",),
                                         ("active_disclosure.centralized_procurement.procurement_amount",)]
    rows = ["||信息内容|上一年项目数量|本年|增/减|", "|行政事业性收费||133|8||",
            "||信息内容|采购项目数量|采购总金额|", "|政府集中采购||3|23370.96|"]
    report = read_markdown("\n".join(head + rows))
    assert values(report, "active_disclosure", "admin_fees") == [133, 8]
    assert values(report, "active_disclosure", "centralized_procurement") == [3, Decimal("23370.96")]
    assert "split-figure-joined" not in codes(report)


def test_decimals_with_their_unit_split_off_under_a_split_header_are_joined() -> None:
    """The second half may be the decimals with the unit (``|393|.1元|``): found on a random report
    printed to PDF and converted, where it was left unplaced and the amount read as 393."""
    head = ["# 某某县人民政府2019年政府信息公开工作年度报告", "## 二、主动公开政府信息情况", "|---|---|---|---|---|"]
    rows = ["||信息内容|采购项目数量|采购总|金额|", "|政府集中采购||20618|393|.1元|"]
    report = read_markdown("\n".join(head + rows))
    assert values(report, "active_disclosure", "centralized_procurement") == [20618, Decimal("393.1")]
    assert not any(".1元" in f.text for f in report.unplaced)


def test_empty_cells_under_no_header_are_a_converters_padding() -> None:
    """pymupdf4llm may put an empty column into a table, empty in its header row too
    (``||信息内容|本年新制作数量|本年新公开数量||对外公开总数量|``): the rows' cells there are no cells of
    the form. Found on random reports printed to PDF and converted: these rows were all ambiguous."""
    text = "\n".join(["# 某某县人民政府2019年政府信息公开工作年度报告", "## 二、主动公开政府信息情况",
                      "|||**第二十条第（一**|**）项**|||", "|---|---|---|---|---|---|",
                      "||**信息内容**|**本年新制作数量**|**本年新公开数量**||**对外公开总数量**|",
                      "|规章||1,765|12347||147261|", "|规范性文件||23,637|225||542|"])
    report = read_markdown(text)
    assert values(report, "active_disclosure", "rules") == [1765, 12347, 147261]
    assert values(report, "active_disclosure", "normative_docs") == [23637, 225, 542]
    assert sum(d.code == "padding-cells-dropped" for d in report.diagnostics) == 2
    # An empty cell under a header is a blank cell of the form: it is never dropped so.
    report = read_markdown(text.replace("|规章||1,765|12347||147261|", "|规章||1,765|||147261|"))
    assert values(report, "active_disclosure", "rules") == [1765, None, 147261]
    assert report.table("active_disclosure").row("rules").cells[1].kind is CellKind.BLANK


def test_a_row_with_a_blank_cell_and_a_cell_of_text_is_not_read_a_cell_off() -> None:
    """``|行政事业性收费||432|N/|A|``: pymupdf4llm split the placeholder N/A over two cells the way it
    split the header (``本年|增/减``). Neither half is a figure; counting the blank cell but not
    them, 432 was read as 本年增/减 (found on random reports printed to PDF and converted)."""
    head = ["# 某某县人民政府2019年政府信息公开工作年度报告", "## 二、主动公开政府信息情况", "|---|---|---|---|---|"]
    rows = ["||信息内容|上一年项目数量|本年|增/减|", "|行政事业性收费||432|N/|A|"]
    report = read_markdown("\n".join(head + rows))
    cells = report.table("active_disclosure").row("admin_fees").cells
    assert [c.kind for c in cells] == [CellKind.AMBIGUOUS, CellKind.AMBIGUOUS]
    assert any("no figure, beside a blank cell" in d.message for d in report.diagnostics)
    # Text in a row without a blank cell leaves its figures as read.
    report = read_markdown("\n".join([*head, "||信息内容|上一年项目数量|本年增/减|", "|行政事业性收费|432|5|备注|"]))
    assert values(report, "active_disclosure", "admin_fees") == [432, 5]


def test_a_row_trimmed_into_a_cell_that_holds_no_figure_of_its_column_stays_in_doubt() -> None:
    """``|政府集中采购|||486.9|6万元|`` under a header not recognised as split (``|采购|金额|``): with
    the empty cells at the front left out, 486.9 would be a count and 6万元 the amount. A fraction is
    no count, so which cells the figures stand in is not shown (found on a random report printed to
    PDF and converted by pymupdf4llm)."""
    head = ["# 某某县人民政府2019年政府信息公开工作年度报告", "## 二、主动公开政府信息情况", "|---|---|---|---|---|"]
    report = read_markdown("\n".join([*head, "||信息内容|采购项目数量|采购|金额|", "|政府集中采购|||486.9|6万元|"]))
    cells = report.table("active_disclosure").row("centralized_procurement").cells
    assert [c.kind for c in cells] == [CellKind.AMBIGUOUS, CellKind.AMBIGUOUS]
    (found,) = [d for d in report.diagnostics if d.code == "ambiguous-cells"]
    assert "no figure of its column" in found.message and found.candidates == (("486.9", "6万元"),)


def test_header_split_after_another_header_in_the_same_cell() -> None:
    """pymupdf4llm may also put two columns' header lines in one cell and split the second header
    over it and the next cell (``|采购项目数量<br>采购总|金额|``), the figures alike (``|58<br>4145|0.11|``
    for 58 projects and 41450.11)."""
    text = "\n".join(["# 某某县人民政府2020年政府信息公开工作年度报告", "## 二、主动公开政府信息情况",
                      "|||**第二十条第（八）项**<br><br>||", "|---|---|---|---|",
                      "||**信息内容**|**上一年项目数量**<br>**本年**|**增/减**|", "|行政事业性收费||38<br>-|1|",
                      "||**信息内容**|**采购项目数量**<br>**采购总**|**金额**|", "|政府集中采购||58<br>4145|0.11|"])
    report = read_markdown(text)
    assert values(report, "active_disclosure", "admin_fees") == [38, -1]
    assert values(report, "active_disclosure", "centralized_procurement") == [58, Decimal("41450.11")]


def test_halves_under_a_split_header_that_make_no_figure_stay_ambiguous() -> None:
    """Where the joined halves are no figure of the column (``2337`` and ``-5``: no sign in an amount),
    which cells are whose is not shown: the row's cells stay ambiguous."""
    text = "\n".join(["# 某某县人民政府2020年政府信息公开工作年度报告", "## 二、主动公开政府信息情况", "|---|---|---|---|---|",
                      "||信息内容|采购项目数量|采购总|金额|", "|政府集中采购||3|2337|-5|"])
    report = read_markdown(text)
    cells = report.table("active_disclosure").row("centralized_procurement").cells
    assert all(c.kind is CellKind.AMBIGUOUS and c.value is None for c in cells)
    (found,) = [d for d in report.diagnostics if d.code == "ambiguous-cells"]
    assert "采购总 | 金额" in found.message


def plain_requests(rows: list[tuple[str, str]], *, labels_after: int = 0) -> list[str]:
    """Section 三 as ``pdftotext`` without ``-layout`` prints it: a row's label on its own line, its
    figures one per line below, blank lines between; the labels of the last ``labels_after`` rows
    after all the figures (as it prints a table's last rows)."""
    lines = ["三、收到和处理政府信息公开申请情况", "", "自然人", "", "商业企业", "", "科研机构", "",
             "社会公益组织", "", "法律服务机构", "", "其他", "", "总计", ""]
    kept = len(rows) - labels_after
    for index, (label, row_values) in enumerate(rows):
        if index < kept:
            lines += [label.split("\t")[-1], ""]
        lines += [line for value in row_values.split() for line in (value, "")]
    lines += [line for label, _ in rows[kept:] for line in (label.split("\t")[-1], "")]
    return lines


def test_labels_of_the_last_rows_printed_after_the_figures() -> None:
    """``pdftotext`` prints ``（七）总计`` and ``四、结转下年度继续办理`` after the figures of the table's
    last three rows: the row above takes them all, and where they are exactly the three rows' cells
    and each row's sums hold with them read in order, each row takes its own."""
    text = "\n".join([*HEAD, *plain_requests(REQUESTS_2021, labels_after=2), "四、政府信息公开行政复议、行政诉讼情况"])
    report = read_text(text)
    assert [(row, read) for row, read, _ in requests_read(report)] == [
        (row, printed) for row, _, printed in requests_read(report)]
    (shared,) = [d for d in report.diagnostics if d.code == "figures-shared"]
    assert "（七）总计" in shared.message and len(shared.cells) == 21


def test_labels_after_the_figures_whose_sums_fail_are_not_given_them() -> None:
    """The same, with the figures of （七）总计 not adding up: which figures are whose is not shown,
    so the three rows stay undetermined (as before the rule)."""
    rows = [*REQUESTS_2021[:-2], ("\t（七）总计", "72 3 0 0 0 0 76"), REQUESTS_2021[-1]]
    report = read_text("\n".join([*HEAD, *plain_requests(rows, labels_after=2),
                                  "四、政府信息公开行政复议、行政诉讼情况"]))
    assert "figures-shared" not in codes(report)
    for row in ("other_other", "total_processed", "carried_forward"):
        assert all(v is None for v in values(report, "requests", row))


def test_figures_printed_above_their_label() -> None:
    """``pdftotext`` prints a label lower than its figures where the label's cell is taller: figures
    of no row right above a label that got none are its own when they are as many as its cells."""
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（八）项", "", "信息内容", "",
                      "上一年项目数量", "", "本年增/减", "", "69", "", "-8", "", "行政事业性收费", "",
                      "第二十条第（九）项", "", "信息内容", "", "采购项目数量", "", "采购总金额", "",
                      "76", "", "2676.56", "", "政府集中采购", "", "三、收到和处理政府信息公开申请情况"])
    report = read_text(text)
    assert report.format is Format.V2019
    assert values(report, "active_disclosure", "admin_fees") == [69, -8]
    assert values(report, "active_disclosure", "centralized_procurement") == [76, Decimal("2676.56")]
    assert [d.code for d in report.diagnostics].count("figures-above-label") == 2


def test_figures_above_a_label_after_a_short_row_stay_unplaced() -> None:
    """Figures of no row after a row that lacks figures may be its own: the label below them does
    not take them, nor when they are not as many as its cells."""
    text = "\n".join([*HEAD, "二、主动公开政府信息情况", "第二十条第（八）项", "", "信息内容", "",
                      "上一年项目数量", "", "本年增/减", "", "处理决定数量", "", "行政强制", "", "24", "", "388", "",
                      "第二十条第（八）项", "", "信息内容", "", "上一年项目数量", "", "本年增/减", "",
                      "69", "", "-8", "", "行政事业性收费", "",
                      "第二十条第（九）项", "", "76", "", "政府集中采购", "", "三、收到和处理政府信息公开申请情况"])
    report = read_text(text)
    assert "figures-above-label" not in codes(report)
    assert values(report, "active_disclosure", "admin_fees") == [None, None]
    assert values(report, "active_disclosure", "centralized_procurement") == [None, None]


def test_rows_are_placed_beside_full_rows_of_their_own_page() -> None:
    """``pdftotext -layout`` of a table that runs onto a second page (tests/data/generated): there
    its columns stand at other positions. Rows are placed only beside the full rows of their own
    page (a form feed starts a page), so the first page's rows are read and the second page's,
    which has no full row, stay in doubt — not placed a column off (5,003 under 其他 for 总计)."""
    report = read(Path(__file__).parent / "data" / "generated" / "wkhtmltopdf-pdftotext-layout-two-pages.txt")
    requests = report.table("requests")
    assert values(report, "requests", "denied_third_party") == [None, 2021, 311, 113, None, 16384, None]
    assert [c.kind for c in requests.row("denied_third_party").cells].count(CellKind.BLANK) == 3
    printed = {"other_no_correction": [None, None, 886, 2999, 498, 0, 473],
               "other_fee_unpaid": [5544, 1055, None, 3747, 16074, 5258, None],
               "other_other": [97, None, None, 40195, None, None, 5003],
               "total_processed": [371, None, 359, 24993, 493, 2585, 89],
               "carried_forward": [None, 4821, 8253, None, 61251, None, 6640]}
    for row_id, figures in printed.items():
        got = values(report, "requests", row_id)
        assert all(g is None or g == f for g, f in zip(got, figures, strict=True)), (row_id, got)


def test_figures_above_a_label_after_figures_of_no_row_are_not_its_own() -> None:
    """``pdftotext`` prints sub-tables （五） and （六） figures first, then their labels: the
    figures right above 行政许可 follow other figures of no row in the same sub-table, so whose
    they are is not shown (they were （六） 行政处罚's)."""
    lines = ["某某县人民政府2020年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "5", "3", "12",
             "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
             "220", "减96", "无", "减459", "3574",
             "上一年项目数量", "本年增/减", "处理决定数量", "1,252", "减373", "无",
             "行政许可", "其他对外管理服务事项", "第二十条第（六）项", "信息内容", "行政处罚", "行政强制",
             "三、收到和处理政府信息公开申请情况"]
    report = read_text("\n".join(lines))
    assert values(report, "active_disclosure", "admin_license") != [1252, -373, None]
    assert "figures-above-label" not in codes(report)


def test_a_label_after_an_overfull_row_later_in_the_form_is_in_doubt() -> None:
    """``pdftotext`` printed 四、结转下年度继续办理 with twelve figures below it, then （七）总计 (which
    comes before it in the form) with seven (tests/data/generated): the page's cells are not printed
    row by row, so those seven are not read as 总计's (they mix two rows' figures)."""
    report = read(Path(__file__).parent / "data" / "generated" / "wkhtmltopdf-pdftotext-labels-out-of-order.txt")
    printed = [131, None, None, 857, None, None, 2280]
    got = values(report, "requests", "total_processed")
    assert all(g is None or g == p for g, p in zip(got, printed, strict=True)), got
    assert {c.kind for c in report.table("requests").row("total_processed").cells} == {CellKind.AMBIGUOUS}


def test_rows_after_a_column_of_labels_stay_in_doubt() -> None:
    """pdfminer.six printed 一、本年新收… and 二、上年结转… as a column of labels without figures, then
    （一）予以公开 and （二）部分公开 each alone over seven figures (tests/data/generated): the
    figures after a column of labels go on in their own order, so neither row reads them as its
    own (（二）'s seven were 17493 32177 1930 — 268 32 1, partly other rows')."""
    report = read(Path(__file__).parent / "data" / "generated" / "wkhtmltopdf-pdfminer-labels-in-a-column.txt")
    printed = {"granted": [53482, 3961, 1231, None, 32, 2512, None],
               "partial": [17493, 32177, 1930, None, 1, 10538, None]}
    for row_id, figures in printed.items():
        got = values(report, "requests", row_id)
        assert all(g is None or g == f for g, f in zip(got, figures, strict=True)), (row_id, got)
    assert {c.kind for c in report.table("requests").row("partial").cells} == {CellKind.AMBIGUOUS}


def test_a_row_after_one_that_took_too_many_figures_is_read_only_where_its_sums_check_it() -> None:
    """``pdftotext`` printed four figures of 四、结转下年度继续办理 under （七）总计 (ten figures for seven
    cells), then section 四's figures under 四、结转… (found on random reports printed to PDF): after
    a row that took more figures than cells, the next row's figures are its own only where its
    own sums check every one of them."""
    rows = [*REQUESTS_2021[:-2], ("\t（七）总计", "72 3 0 0 0 0 75 1 1 2"), ("四、结转下年度继续办理", "45 2 1 30 11 / 200")]
    report = read_text("\n".join([*HEAD, *plain_requests(rows), "四、政府信息公开行政复议、行政诉讼情况"]))
    assert {c.kind for c in report.table("requests").row("carried_forward").cells} == {CellKind.AMBIGUOUS}
    # Where they add up, they are its own.
    rows[-1] = ("四、结转下年度继续办理", "1 0 0 0 0 0 1")
    report = read_text("\n".join([*HEAD, *plain_requests(rows), "四、政府信息公开行政复议、行政诉讼情况"]))
    assert values(report, "requests", "carried_forward") == [1, 0, 0, 0, 0, 0, 1]


def test_how_a_table_is_laid_out_is_told_by_the_full_rows_of_one_page() -> None:
    """``pdftotext -layout`` of section 三 on two pages at other positions (tests/data/generated):
    compared across the pages, its full rows agreed better in display columns, and 四、结转… (a
    label of eleven CJK characters) was placed a column off. Compared page by page they show
    characters."""
    report = read(Path(__file__).parent / "data" / "generated" / "wkhtmltopdf-pdftotext-layout-rows-on-two-pages.txt")
    printed = [None, 2325, 296, 5894, 289, 100000, None]
    got = values(report, "requests", "carried_forward")
    assert all(g is None or g == p for g, p in zip(got, printed, strict=True)), got
    assert values(report, "requests", "np_repeat") == [1177, 2057, None, 1144, None, 1860, 81917]


def test_figures_without_a_label_beside_an_overfull_row_are_not_placed_by_position() -> None:
    """``pdftotext`` lost the label of 3.危及“三安全一稳定”; 2.其他法律行政法规禁止公开 took eight figures
    and figures without a label follow (tests/data/generated). Read by position as the missing row,
    they were others' (251 for 200000): beside a row that took more figures than cells, whose
    figures are whose is not shown, so they stay unplaced."""
    report = read(Path(__file__).parent / "data" / "generated" / "wkhtmltopdf-pdftotext-row-beside-an-overfull-one.txt")
    printed = [200000, None, 21475, 195, 75, None, None]
    got = values(report, "requests", "denied_three_safety_one_stability")
    assert all(g is None or g == p for g, p in zip(got, printed, strict=True)), got
    assert any(f.reason.startswith("figures without a row label beside a row") for f in report.unplaced)


def test_a_sign_word_printed_a_space_apart_from_its_figure_keeps_it() -> None:
    """LibreOffice's PDF of a page printing ``减213`` comes out of ``pdftotext -layout`` as ``减 213``
    (found on a random report): read as two tokens, the figure lost its sign (213 for -213)."""
    lines = ["某某县人民政府2020年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（五）项",
             "   信息内容      上一年项目数量      本年增/减     处理决定数量",
             "行政许可                12              增 3             7",
             "其他对外管理服务事项              5               减 213            9"]
    report = read_text("\n".join(lines))
    assert values(report, "active_disclosure", "admin_license") == [12, 3, 7]
    assert values(report, "active_disclosure", "other_mgmt_services") == [5, -213, 9]
    assert report.table("active_disclosure").row("other_mgmt_services").cells[1].raw == "减 213"
