"""Writers and readers agree: ``read(render(report)) == report`` in all three layouts.

What a rendering cannot carry, and so what a round trip may change (and nothing else):

* provenance — origins, printed labels and headings, ``source``, unplaced fragments and
  diagnostics (:func:`~govdisclosure.without_provenance` drops them on both sides);
* the title: a report without one reads back with the title the writers printed
  (:func:`~govdisclosure.render.document_title`);
* a cell that is absent in a row that prints other cells prints empty, and reads back blank;
* a table whose section the report lacks prints under its official heading, which reads back as
  a section with no text.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given, note

from govdisclosure import (
    Cell,
    CellKind,
    Format,
    Layout,
    Report,
    Section,
    blank_report,
    read,
    render,
    set_cells,
    without_provenance,
)
from govdisclosure._decode import detect_layout
from govdisclosure.render import RENDER_TARGETS, document_title
from tests.conftest import corpus_reports
from tests.strategies import rendered_reports


def after_round_trip(report: Report) -> Report:
    """What reading any rendering of ``report`` must give, up to provenance."""
    tables = []
    for table in report.tables:
        rows = []
        for row in table.rows:
            if any(c.kind is not CellKind.ABSENT for c in row.cells):
                row = attrs.evolve(row, cells=tuple(
                    Cell.blank(c.column) if c.kind is CellKind.ABSENT else c for c in row.cells))
            rows.append(row)
        tables.append(attrs.evolve(table, rows=tuple(rows)))
    return without_provenance(attrs.evolve(report, title=document_title(report), tables=tuple(tables)))


def _assert_same(got: Report, want: Report) -> None:
    """Equality, checked part by part so that a failure says what differs."""
    for field in ("format", "year", "agency", "title", "published", "preamble"):
        assert getattr(got, field) == getattr(want, field), field
    assert [(s.id, s.text) for s in got.sections] == [(s.id, s.text) for s in want.sections]
    differing = [(key, b, a) for (key, a), (_, b) in zip(got.cells(), want.cells(), strict=True) if a != b]
    assert not differing, f"{len(differing)} cells differ (key, want, got), first: {differing[:3]}"
    assert got == want


@given(report=rendered_reports())
def test_generated_reports_read_back_exactly(report: Report) -> None:
    want = after_round_trip(report)
    for layout in RENDER_TARGETS:  # one example for all three layouts: drawing a report is the slow part
        note(f"layout: {layout}")
        rendered = render(report, layout)
        assert detect_layout(rendered) is Layout(layout)
        _assert_same(without_provenance(read(rendered)), want)


@pytest.mark.parametrize("layout", RENDER_TARGETS)
def test_a_report_without_tables_reads_back(layout: str) -> None:
    # Markdown without a pipe table is still Markdown: its title and headings are ATX headings.
    report = Report(format=None, year=2020, agency="某某县人民政府", published=datetime.date(2021, 1, 20),
                    preamble="根据条例编制本报告。",
                    sections=(Section(id="s1", text="总体情况良好。"), Section(id="s5", text="存在不足。")))
    _assert_same(without_provenance(read(render(report, layout))), after_round_trip(report))


def test_after_round_trip_blanks_only_absent_cells_of_printed_rows() -> None:
    report = set_cells(blank_report(Format.V2019), {"requests.granted.total": 3})
    want = after_round_trip(report)
    assert want.cell("requests.granted.natural_person").kind is CellKind.BLANK
    assert want.cell("requests.partial.total").kind is CellKind.ABSENT
    assert want.title == "政府信息公开工作年度报告"


# --------------------------------------------------------------------------------------------------
# The corpus: read → render → read keeps every cell and the narrative
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", RENDER_TARGETS)
@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus_report_survives_render_and_read(path: Path, layout: str) -> None:
    first = read(path)
    assert first.format is not None
    rendered = render(first, layout)
    assert detect_layout(rendered) is Layout(layout)
    again = read(rendered)
    assert (again.format, again.year, again.agency, again.published) == (
        first.format, first.year, first.agency, first.published)
    want = after_round_trip(first)
    # A row that took back a figure printed apart from its table (a PDF conversion artefact) cannot
    # be printed the same way: its ambiguous cells come back ambiguous, listing only the row's tokens,
    # or — a cell that holds that figure or nothing — as the token it may hold.
    floated = {key for d in first.diagnostics if d.code == "floating-cell" for key in d.cells}

    def same(key: str, a: Cell, b: Cell) -> bool:
        if key in floated and a.kind is CellKind.AMBIGUOUS:
            return b.kind is CellKind.AMBIGUOUS or b.raw == a.raw
        return (a.kind, a.raw, a.value, a.unit) == (b.kind, b.raw, b.value, b.unit)

    differing = [
        (key, a, b) for (key, a), (_, b) in zip(want.cells(), again.cells(), strict=True) if not same(key, a, b)
    ]
    assert not differing, f"{len(differing)} cells differ (key, want, got), first: {differing[:3]}"
    # The narrative: every section the first reading found, with the same text; a table's section
    # that the document lacked is printed under its official heading and reads back empty.
    got = [(s.id, s.text) for s in again.sections]
    want_sections = [(s.id, s.text) for s in want.sections]
    assert [x for x in got if x[0] in {s.id for s in first.sections}] == want_sections
    assert all(text == "" for section_id, text in got if section_id not in {s.id for s in first.sections})
    # Rendering what was read back gives the same document: rendering is a fixed point — once the
    # cells printed as the one token they may hold have read back as that token (HTML marks them).
    reprinted = [key for (key, a), (_, b) in zip(want.cells(), again.cells(), strict=True)
                 if a.kind is CellKind.AMBIGUOUS and b.kind is not CellKind.AMBIGUOUS]
    if reprinted:
        rendered = render(again, layout)
        again = read(rendered)
    assert render(again, layout) == rendered
