"""Reading the development corpus: real reports with hand-checked expected figures.

Every expected number must come back exact and every expected null must stay null; format and
year must be right.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from govdisclosure import CellKind, Report, read, tidy_records
from tests.conftest import corpus_reports, expected_for

SCALE = {"元": Decimal(1), "万元": Decimal(10000)}


def _values(report: Report, units: dict[str, str]) -> dict[str, Decimal | None]:
    """Cell values; amounts whose expected figure names a unit are compared in 元."""
    out: dict[str, Decimal | None] = {}
    for record in tidy_records(report):
        key = f"{record['table']}.{record['row']}.{record['column']}"
        value = record["value"]
        if value is None:
            out[key] = None
            continue
        number = Decimal(value)
        if key in units and record["unit"] in SCALE:
            number *= SCALE[str(record["unit"])]
        out[key] = number
    return out


def compare_cells(expected: dict[str, Any], got: dict[str, Decimal | None]) -> tuple[list[str], set[str], int]:
    """(wrong figures, expected figures left null, exact figures) of ``got`` against an expected file."""
    units: dict[str, str] = expected.get("units", {})
    wrong: list[str] = []
    left_null: set[str] = set()
    exact = 0
    for key, want in expected["cells"].items():
        have = got.get(key)
        if want is None:
            if have is not None:
                wrong.append(f"{key}: expected null, got {have!r}")
        elif have is None:
            left_null.add(key)
        elif have == Decimal(str(want)) * SCALE.get(units.get(key, ""), Decimal(1)):
            exact += 1
        else:
            wrong.append(f"{key}: expected {want!r}, got {have!r}")
    return wrong, left_null, exact


@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus_report_reads_exactly(path: Path) -> None:
    expected = expected_for(path)
    report = read(path)
    assert report.format is not None
    assert report.format.value == expected["format"]
    assert report.year == expected["year"]
    units: dict[str, str] = expected.get("units", {})
    wrong, left_null, _ = compare_cells(expected, _values(report, units))
    assert wrong == []
    assert left_null == set()


DOCUMENTS = sorted(p for p in (Path(__file__).parent / "data").rglob("*")
                   if p.suffix in (".txt", ".md", ".html", ".htm") and not p.name.upper().startswith("README"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reports_read_pass_the_full_constructor(path: Path) -> None:
    # The builder makes reports without the constructor's checks (model._report, model._row).
    report = read(path)
    assert attrs.evolve(report) == report
    for table in report.tables:
        assert all(attrs.evolve(row) == row for row in table.rows)


@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus_nulls_are_explained(path: Path) -> None:
    """Every cell the reader leaves without a value is absent, blank, a placeholder, or ambiguous
    with an error diagnostic naming it."""
    report = read(path)
    explained = {key for d in report.diagnostics for key in d.cells}
    for key, cell in report.cells():
        if cell.kind is CellKind.AMBIGUOUS:
            assert key in explained, key
        if cell.value is None:
            assert cell.kind is not CellKind.NUMBER


def test_seed_row_with_extra_value() -> None:
    report = read(corpus_reports()[-1])
    assert report.source is not None and report.source.endswith("zhongmou-2020.txt")
    row = report.table("requests").row("other")
    assert [c.value for c in row.cells] == [1, 0, 0, 0, 0, 0, 1]
    (diagnostic,) = [d for d in report.diagnostics if d.code == "extra-value"]
    assert diagnostic.cells[0] == "requests.other.natural_person"
    assert diagnostic.origin is not None and diagnostic.origin.line == 33
    assert any(f.reason.startswith("an extra value") and f.text == "0" for f in report.unplaced)


def test_seed_truncated_tables_are_absent_not_zero() -> None:
    report = read(corpus_reports()[-1])
    assert report.cell("requests.new_received.total").kind is CellKind.ABSENT
    assert report.cell("active_disclosure.admin_penalty.decisions").kind is CellKind.ABSENT
    assert report.cell("requests.denied_admin_query.total").value == 0
    codes = {d.code for d in report.diagnostics}
    assert "rows-missing" in codes
    assert [s.id for s in report.sections] == ["s1", "s2", "s4", "s5", "s6"]


def test_seed_signed_and_thousands() -> None:
    report = read(corpus_reports()[-1])
    cell = report.cell("active_disclosure.admin_license.prev_year_items")
    assert (cell.raw, cell.value) == ("1,165", 1165)
    assert report.cell("active_disclosure.admin_license.change").value == -207
    assert report.cell("active_disclosure.admin_license.decisions").value == 75295
    origin = report.cell("active_disclosure.admin_license.decisions").origin
    assert origin is not None and origin.line == 19


def test_section_text_lines_know_their_source_lines() -> None:
    report = read(corpus_reports()[-1])
    overview = report.section("s1")
    assert overview is not None
    lines = overview.text.split("\n")
    assert len(overview.text_origins) == len(lines) == 3
    assert [o.line for o in overview.text_origins] == [5, 7, 9]
    assert lines[1].startswith("具体情况如下")
