"""The HTML half of the raw layer: text lines, grids, source lines and containers."""

from __future__ import annotations

import contextlib
import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import Format, GovDisclosureError, Report, read_html
from govdisclosure._raw import (
    _OTHER_SPACE,
    LAYOUT_BLOCKS,
    MAX_GRID_COLUMNS,
    RawDocument,
    RawLine,
    _cell_texts,
    _line_texts,
    parse_html,
)


def texts(doc: RawDocument) -> list[str]:
    return [line.text for line in doc.lines]


def text_lines(doc: RawDocument) -> list[RawLine]:
    return [line for line in doc.lines if not line.is_row]


def grid(doc: RawDocument, index: int) -> list[RawLine]:
    return [line for line in doc.lines if line.grid == index]


def cells(line: RawLine) -> list[tuple[int, str, bool]]:
    """(column, text, copy) of each slot of a row."""
    return [(slot.col, slot.text, slot.copy) for slot in line.slots]


PAGE = """<html><head><title> 某区  年报 </title></head><body>
<div id="nav"><ul>
<li>
<a href="/">首页</a></li><li><a href="/x">政务公开</a></li></ul></div>
<div id="main"><p>一、总体情况</p>
<p>正文<b>加粗</b>
继续</p>
<table><tr><td rowspan="2">A</td><td colspan="2">B</td></tr>
<tr><td>C<br>D</td><td><p>E</p><p>F</p></td></tr></table>after
</div>
<div id="footer">版权所有<script>var x = 1;</script>联系我们</div></body></html>"""


def test_a_page_reads_as_lines_in_document_order() -> None:
    doc = parse_html(PAGE)
    assert texts(doc) == ["首页", "政务公开", "一、总体情况", "正文加粗 继续", "A\tB", "C\nD\tE\nF", "after",
                          "版权所有联系我们"]
    assert doc.meta == {"title": "某区 年报"}
    assert doc.diagnostics == ()


def test_a_text_line_has_the_source_line_of_its_first_piece_of_text() -> None:
    doc = parse_html(PAGE)
    by_text = {line.text: line.line for line in text_lines(doc)}
    assert by_text["首页"] == 4  # the <a>, not its <li> one line above
    assert by_text["一、总体情况"] == 5
    assert by_text["正文加粗 继续"] == 6
    assert by_text["after"] == 8  # the tail of the table: the table's line
    assert by_text["版权所有联系我们"] == 11
    assert [slot.line for line in grid(doc, 0) for slot in line.slots] == [8, 8, 8, 8, 9, 9]
    assert all(slot.column is None for line in doc.lines for slot in line.slots)


def test_blank_text_does_not_decide_the_source_line() -> None:
    doc = parse_html("<body><div>\n\n<span> </span>\n<span>\n\u3000</span>\n\n<i>x</i></div></body>")
    [line] = doc.lines
    assert line.text == "x" and line.line == 7


def test_page_chrome_is_kept_in_its_own_containers() -> None:
    doc = parse_html(PAGE)
    nav, nav2, heading, para, row0, row1, after, footer = doc.lines
    body = nav.container[:1]
    assert all(line.container[:1] == body for line in doc.lines)
    # Navigation, report and footer: three different blocks under <body>.
    assert len({nav.container[1], heading.container[1], footer.container[1]}) == 3
    assert nav.container[:3] == nav2.container[:3] and nav.container != nav2.container  # one <ul>, two <li>
    # The table is a block of its own inside the report's block; its rows share it.
    assert row0.container == row1.container == (*after.container, row0.container[-1])
    assert heading.container[:2] == para.container[:2] == after.container


def test_spans_are_expanded_and_their_copies_marked() -> None:
    doc = parse_html("""<table>
<tr><td rowspan="2">A</td><td colspan="2">B</td><td>C</td></tr>
<tr><td>D</td><td rowspan="2" colspan="2">E</td></tr>
<tr><td>F</td><td>G</td></tr>
</table>""")
    rows = grid(doc, 0)
    assert [cells(row) for row in rows] == [
        [(0, "A", False), (1, "B", False), (2, "B", True), (3, "C", False)],
        [(0, "A", True), (1, "D", False), (2, "E", False), (3, "E", True)],
        [(0, "F", False), (1, "G", False), (2, "E", True), (3, "E", True)],
    ]
    assert [line.row for line in rows] == [0, 1, 2]
    assert [line.text for line in rows] == ["A\tB\tC", "D\tE", "F\tG"]
    # The copies of a cell share its id, its colspan and its source line.
    a, a_copy = rows[0].slots[0], rows[1].slots[0]
    assert a.cell == a_copy.cell and a.line == a_copy.line == 2
    e = [slot for row in rows for slot in row.slots if slot.text == "E"]
    assert len({slot.cell for slot in e}) == 1 and {slot.colspan for slot in e} == {2}
    assert len({slot.cell for row in rows for slot in row.slots}) == 7


def test_span_values_are_read_leniently_and_clamped() -> None:
    doc = parse_html('<table><tr><td colspan=" 3x">a</td><td colspan="0">b</td><td colspan="-2">c</td>'
                     '<td colspan="wide">d</td><td rowspan="9">e</td></tr><tr><td>f</td></tr></table>')
    first, second = grid(doc, 0)
    assert cells(first) == [(0, "a", False), (1, "a", True), (2, "a", True), (3, "b", False), (4, "c", False),
                            (5, "d", False), (6, "e", False)]
    assert cells(second) == [(0, "f", False), (6, "e", True)]  # the row span stops at the last row


def test_a_grid_is_cut_at_the_column_limit() -> None:
    doc = parse_html('<table><tr><td>0</td><td colspan="99999">wide</td><td>lost</td></tr>'
                     + "<tr>" + "".join(f"<td>{i}</td>" for i in range(MAX_GRID_COLUMNS + 5)) + "</tr></table>")
    first, second = grid(doc, 0)
    assert len(first.slots) == len(second.slots) == MAX_GRID_COLUMNS
    assert first.slots[-1].text == "wide" and "lost" not in first.text
    assert second.slots[-1].text == str(MAX_GRID_COLUMNS - 1)


def test_line_breaks_inside_a_cell_separate_its_lines() -> None:
    doc = parse_html("<table><tr><td>本年新<br/>制作数量</td><td><p> 一 </p>\n\n<p></p><div>二  三</div>四</td>"
                     "<td>\u3000a\xa0 b\u3000</td><td><p>&nbsp;</p></td></tr></table>")
    [row] = grid(doc, 0)
    assert [slot.text for slot in row.slots] == ["本年新\n制作数量", "一\n二 三\n四", "a\xa0 b", ""]


def test_scripts_and_styles_in_a_cell_are_dropped_but_not_what_follows_them() -> None:
    doc = parse_html("<table><tr><td>a<script>var x;</script>b<style>p {}</style>c</td></tr></table>")
    assert texts(doc) == ["abc"]


def test_control_characters_in_a_cell_with_line_breaks_are_read() -> None:
    # The parser keeps control characters that lxml refuses to write back into a tail.
    html = "<table><tr><td><p>a</p>\x0bb\x01</td><td>c<br>\x08d</td><td><p>e</p>f</td></tr></table>"
    [row] = grid(parse_html(html), 0)
    assert [slot.text for slot in row.slots] == ["a\nb\x01", "c\n\x08d", "e\nf"]
    with contextlib.suppress(GovDisclosureError):  # no ValueError from lxml
        assert isinstance(read_html(html), Report)


def test_a_table_holding_tables_is_layout_read_as_blocks() -> None:
    doc = parse_html("""<table><tr><td>导航</td><td>
<table><tr><td>1</td><td>2</td></tr></table>
<p>正文</p>
<table><tr><td>3</td></tr></table>
</td></tr></table>""")
    assert [(line.grid, line.text) for line in doc.lines] == [
        (None, "导航"), (0, "1\t2"), (None, "正文"), (1, "3")]
    navigation, first, text, second = doc.lines
    assert first.container[:-1] == text.container[:-1] == second.container[:-1]  # one outer cell
    assert navigation.container[:-1] != first.container[:-1]
    assert first.container != second.container


def test_a_report_pasted_into_one_cell_is_layout_read_as_blocks() -> None:
    # Old sites put the whole article in one <td>: its paragraphs are text lines, not one grid cell.
    paragraphs = "".join(f"<p>第{i}段</p>" for i in range(LAYOUT_BLOCKS))
    doc = parse_html(f"<body><table><tr><td>{paragraphs}</td></tr></table></body>")
    assert [(line.grid, line.text) for line in doc.lines] == [(None, f"第{i}段") for i in range(LAYOUT_BLOCKS)]
    # A table of figures whose cells hold a paragraph each stays a table.
    rows = "".join(f"<tr><td><p>行{i}</p></td><td><p>{i}</p></td></tr>" for i in range(LAYOUT_BLOCKS))
    doc = parse_html(f"<body><table>{rows}</table></body>")
    assert all(line.is_row for line in doc.lines) and len(doc.lines) == LAYOUT_BLOCKS
    # Too few paragraphs to be an article: a one-cell table stays a table.
    doc = parse_html("<body><table><tr><td><p>一</p><p>二</p></td></tr></table></body>")
    assert [(line.grid, line.text) for line in doc.lines] == [(0, "一\n二")]


def test_a_whole_report_in_a_layout_cell_reads() -> None:
    lines = ["某某县人民政府2020年政府信息公开工作年度报告", "一、总体情况", "本年度新收申请 3 件。",
             "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "（六）其他处理 0 0 0 0 0 0 0", "（七）总计 3 0 0 0 0 0 3",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。",
             "六、其他需要报告的事项", "无。"]
    page = "<body><div>导航</div><table><tr><td>" + "".join(f"<p>{line}</p>" for line in lines) + \
        "</td></tr></table></body>"
    report = read_html(page)
    assert report.format is Format.V2019 and (report.year, report.agency) == (2020, "某某县人民政府")
    assert [s.id for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert [c.value for c in report.table("requests").row("total_processed").cells] == [3, 0, 0, 0, 0, 0, 3]


def test_skipped_elements_keep_their_tails() -> None:
    doc = parse_html("<body><p>a<button>按钮</button>b</p>\n<noscript>x</noscript><textarea>t</textarea>\nc"
                     "<iframe src=x></iframe>d<br>e<svg><text>s</text></svg>f</body>")
    assert texts(doc) == ["ab", "cd", "ef"]
    assert [line.line for line in doc.lines] == [1, 2, 3]


def test_meta_takes_the_first_of_each_name_and_the_title_first() -> None:
    doc = parse_html('<html><head><meta name="title" content="M"><meta name="Keywords" content=" k1 ">'
                     '<meta name="keywords" content="k2"><meta property="og:site" content="s">'
                     '<meta http-equiv="Content-Type" content="text/html"><meta name="empty" content=" ">'
                     "<title>\n页面\n标题 </title></head><body>x</body></html>")
    assert doc.meta == {"title": "页面 标题", "keywords": "k1", "og:site": "s", "content-type": "text/html"}


def test_documents_without_text() -> None:
    for html in ("", "  \n ", "<?xml version='1.0'?>", "<html><body></body></html>", "<p> \u3000 </p>"):
        assert parse_html(html).lines == ()
    doc = parse_html("<?xml version='1.0' encoding='utf-8'?>\n<p>x</p>")
    assert texts(doc) == ["x"] and doc.lines[0].line == 2


def test_deep_nesting_needs_no_recursion() -> None:
    depth = 1500  # deeper than Python's default recursion limit; libxml2 keeps up to 2048 levels
    assert depth > sys.getrecursionlimit()
    doc = parse_html("<div>" * depth + "深处<p>正文</p>" + "</div>" * depth)
    assert texts(doc) == ["深处", "正文"]
    assert len(doc.lines[1].container) == depth + 2  # <body>, the <div>s, the <p>
    doc = parse_html("<table><tr><td>" * 300 + "x" + "</td></tr></table>" * 300)
    assert [(line.grid, line.text) for line in doc.lines] == [(0, "x")]


# --------------------------------------------------------------------------------------------------
# The bulk clean-up of texts gives what the plain per-text regular expressions give.

_LINE_SPACES = re.compile(r"[ \t\r\f\v]+")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def reference_cell_text(text: str) -> str:
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def reference_line_text(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


TRICKY = st.text(alphabet=st.sampled_from(
    [" ", "\t", "\n", "\r", "\f", "\v", "\xa0", "\u3000", "\x85", "\u2028", "\u2029", "\x1c", "\u200b",
     "\x00", "\x01", "a", "中", "1"]), max_size=20)


@given(st.lists(TRICKY, max_size=8))
def test_cell_texts_in_bulk_are_the_texts_one_by_one(raw: list[str]) -> None:
    assert _cell_texts(raw) == [reference_cell_text(text) for text in raw]


@given(st.lists(TRICKY, max_size=8))
def test_line_texts_in_bulk_are_the_texts_one_by_one(raw: list[str]) -> None:
    assert _line_texts(raw) == [reference_line_text(text) for text in raw]


def test_other_white_space_is_all_the_white_space_beyond_ascii() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert {c for c in spaces if _OTHER_SPACE.fullmatch(c)} == spaces - set(" \t\n\r\f\v")
