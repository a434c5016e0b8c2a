"""Junk fed to every public reader: only the library's own errors (or a report) may come out.

Speed on large inputs is measured in ``benchmarks/``, never asserted here; these tests only make
sure the nasty inputs finish and say what they are.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    CellKind,
    Format,
    GovDisclosureError,
    Report,
    read,
    read_html,
    read_markdown,
    read_text,
)
from govdisclosure.template import spec

READERS: list[Callable[..., Report]] = [read, read_text, read_markdown, read_html]

# Pieces that look like parts of a report, to make junk that reaches deep into the builder.
FRAGMENTS = [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "第二十条第（一）项", "信息内容", "本年制发件数",
    "本年新制作数量", "规章", "行政规范性文件", "（一）予以公开", "（七）总计", "四、结转下年度继续办理", "3.其他",
    "总计", "其他", "行政复议", "结果维持", "0", "12", "1,165", "-207", "减4", "/", "—", "9116.36", "251000元",
    "\t", "\n", " ", "|", "| --- |", "<td>", "</td>", "<tr>", "<table>", "</table>", "<p>", "<br>", "<td rowspan=3>",
    "<td colspan=99999>", "&nbsp;", "（", "）", "“", "”", "\x00", "\ufeff", "0000000", "99999999999999999999",
]


def _only_our_errors(call: Callable[[], Report]) -> None:
    try:
        report = call()
    except GovDisclosureError:
        return
    assert isinstance(report, Report)
    if report.format is not None:
        assert [key for key, _ in report.cells()] == list(spec(report.format).cell_keys())
    # The builder makes reports without the constructor's checks (model._report): they must pass them.
    assert attrs.evolve(report) == report


@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    for reader in READERS:
        _only_our_errors(lambda reader=reader: reader(data))  # type: ignore[misc]


@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    for reader in READERS:
        _only_our_errors(lambda reader=reader: reader(text))  # type: ignore[misc]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=200))
def test_report_like_junk(parts: list[str]) -> None:
    text = "".join(parts)
    for reader in READERS:
        _only_our_errors(lambda reader=reader: reader(text))  # type: ignore[misc]
        _only_our_errors(lambda reader=reader: reader(text.encode("gb18030")))  # type: ignore[misc]


def _report_with(row: str) -> str:
    return "\n".join([
        "某县2022年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "申请人情况\t自然人\t本年制发件数",
        row,
        "四、政府信息公开行政复议、行政诉讼情况",
    ])


def test_a_row_of_200_digits() -> None:
    report = read_text(_report_with("一、本年新收政府信息公开申请数量\t" + "1234567890" * 20))
    assert report.format is Format.V2021
    cells = report.table("requests").row("new_received").cells
    assert all(c.kind is CellKind.AMBIGUOUS and c.value is None for c in cells)
    assert any(d.code == "ambiguous-cells" for d in report.diagnostics)


def test_a_run_of_digits_with_many_readings_is_bounded() -> None:
    report = read_text(_report_with("一、本年新收政府信息公开申请数量 " + "1" * 60))
    assert all(c.value is None for c in report.table("requests").row("new_received").cells)


def test_a_table_with_50_columns() -> None:
    row = "（一）予以公开\t" + "\t".join(str(i) for i in range(50))
    report = read_text(_report_with(row))
    assert report.format is Format.V2021
    assert all(c.value is None for c in report.table("requests").row("granted").cells)
    html = "<table>" + "<tr>" + "".join(f"<td>{i}</td>" for i in range(50)) + "</tr>" * 3 + "</table>"
    _only_our_errors(lambda: read_html(html))


def test_deeply_nested_html() -> None:
    depth = 5000
    html = "<div>" * depth + "一、总体情况<p>正文</p>" + "</div>" * depth
    _only_our_errors(lambda: read_html(html))
    tables = "<table><tr><td>" * 300 + "x" + "</td></tr></table>" * 300
    _only_our_errors(lambda: read_html(tables))


def test_huge_spans_are_clamped() -> None:
    html = '<table><tr><td rowspan="100000" colspan="100000">（七）总计</td><td>1</td></tr></table>'
    _only_our_errors(lambda: read_html(html))


def test_a_large_document_finishes() -> None:
    # ~2 MB of report-like text; the time it takes is measured in benchmarks/, not here.
    body = "\n".join(FRAGMENTS[:20]) + "\n"
    text = "某县2021年政府信息公开工作年度报告\n" + body * (2_000_000 // len(body.encode("utf-8")))
    report = read_text(text)
    assert isinstance(report, Report)


@pytest.mark.slow
def test_a_50_mb_file_finishes() -> None:
    body = "本机关认真贯彻落实各项要求，进一步完善了工作机制。\n"
    text = "一、总体情况\n" + body * (50_000_000 // len(body.encode("utf-8")))
    report = read_text(text)
    section = report.section("s1")
    assert section is not None and len(section.text) > 10_000_000


def test_reading_many_distinct_documents_keeps_the_readers_caches_bounded() -> None:
    # The readers keep what they learn of the template's words between documents; cell texts that
    # are no words of the template must not pile up there over a corpus. (A row with more cells than
    # columns has the rows above it looked at for a column header split over two cells.)
    from govdisclosure._lexicon import lexicon
    from govdisclosure.template import Format

    def document(k: int) -> str:
        return ("# 某某县人民政府2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n好。\n\n## 二、主动公开政府信息情况\n\n"
                "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
                f"| 附注{k}甲 | 附注{k}乙 | 附注{k}丙 | 附注{k}丁 |\n| 规章 | 1 | 2 | 3 | 4 |\n")

    lex = lexicon(Format.V2021)
    read_markdown(document(0))
    before = len(lex.tuples)
    for k in range(1, 4):
        read_markdown(document(k))
    assert len(lex.tuples) == before
    assert not any("附注" in text for text in lex.tuples)
