"""Crawled text with every table cell run together (as pages copied or crawled without their
table markup print it): whatever the figures, the reader never reads a wrong number.

Each report of either format, its figures consistent with the form's arithmetic, is printed in the
official layout and then crawled: each line's figures run together with no separator, the lines
joined with spaces (``一、本年新收政府信息公开申请数量 230000023二、上年结转…``). Every cell read must be the
report's figure, or no figure at all where the digits allow several readings — never another
number — and most cells must be read. (The examples are drawn the same way on every run: a test
that finds a new counterexample by chance would turn a later, unrelated change red.)
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import Cell, Report, read, render_text, tidy_records
from tests.strategies import reports

_FIGURE = re.compile(r"^[+-]?[\d.,]+(?:元|万元)?$")


def crawled(text: str, separator: str) -> str:
    """``text`` (tab-separated rows) with each row's figures run together and the lines joined."""
    lines = []
    for line in text.split("\n"):
        out = ""
        for cell in (c.strip() for c in line.split("\t")):
            if not cell:
                continue
            if _FIGURE.match(cell) and out and out[-1].isdigit():
                out += cell  # run together with the figure before it
            else:
                out += (separator if out else "") + cell
        if out:
            lines.append(out)
    return " ".join(lines)


def _numbers(report: Report) -> dict[str, Decimal | None]:
    return {f"{r['table']}.{r['row']}.{r['column']}": None if r["value"] is None else Decimal(str(r["value"]))
            for r in tidy_records(report)}


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(reports(consistent=True), st.sampled_from(("", " ")))
def test_run_together_figures_are_read_exactly_or_not_at_all(report: Report, separator: str) -> None:
    text = crawled(render_text(report), separator)
    got = read(text)
    assert (got.format, got.year) == (report.format, report.year)
    expected = _numbers(report)
    read_back = _numbers(got)
    wrong = {k: (v, read_back[k]) for k, v in expected.items() if read_back.get(k) not in (None, v)}
    assert not wrong
    exact = sum(read_back.get(k) == v for k, v in expected.items())
    assert exact >= 0.5 * len(expected)  # (of random reports, the hardest read so far: 69 %)


def _without_blank_cells(text: str, line_break: bool) -> str:
    """``text`` with its empty cells dropped and the others one per line, or space-separated."""
    rows = [[c.strip() for c in line.split("\t") if c.strip()] for line in text.split("\n")]
    if line_break:
        return "\n".join(cell for row in rows for cell in row)
    return "\n".join(" ".join(row) for row in rows)


@st.composite
def reports_with_blank_zeros(draw: st.DrawFn) -> Report:
    """Consistent reports in which some cells that count nothing are printed blank (as many offices
    print them): the arithmetic holds where figures are printed."""
    report = draw(reports(consistent=True))
    tables = []
    for table in report.tables:
        rows = []
        for row in table.rows:
            cells = tuple(Cell.blank(c.column) if c.value == 0 and draw(st.integers(0, 2)) == 0 else c
                          for c in row.cells)
            rows.append(attrs.evolve(row, cells=cells))
        tables.append(attrs.evolve(table, rows=tuple(rows)))
    return attrs.evolve(report, tables=tuple(tables))


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(reports_with_blank_zeros(), st.booleans())
def test_rows_that_lost_their_blank_cells_are_read_exactly_or_not_at_all(report: Report, line_break: bool) -> None:
    # Text that drops empty cells (one cell per line, or cells separated by spaces) loses where
    # blank cells stood: every figure read must still be the report's, in its cell.
    got = read(_without_blank_cells(render_text(report), line_break))
    assert (got.format, got.year) == (report.format, report.year)
    expected = _numbers(report)
    read_back = _numbers(got)
    assert not {k: (expected.get(k), v) for k, v in read_back.items() if v is not None and expected.get(k) != v}
