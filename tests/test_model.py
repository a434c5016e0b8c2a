"""The report model: invariants, accessors, hand-built reports."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govdisclosure import (
    Cell,
    CellKind,
    Format,
    InvalidReportError,
    Origin,
    Report,
    Row,
    Section,
    UsageError,
    blank_report,
    set_cells,
    spec,
    without_provenance,
)


def test_blank_report_has_every_cell_absent() -> None:
    for fmt in Format:
        report = blank_report(fmt, year=2022)
        keys = [key for key, _ in report.cells()]
        assert keys == list(spec(fmt).cell_keys())
        assert all(cell.kind is CellKind.ABSENT and cell.value is None for _, cell in report.cells())


def test_zero_blank_and_placeholder_stay_different() -> None:
    report = set_cells(blank_report(Format.V2021), {
        "requests.granted.natural_person": 0,
        "requests.granted.commercial_enterprise": None,
        "requests.granted.research_institution": "/",
        "requests.granted.public_welfare_org": "—",
    })
    row = report.table("requests").row("granted")
    kinds = [row.cell(c).kind for c in ("natural_person", "commercial_enterprise", "research_institution",
                                        "public_welfare_org")]
    assert kinds == [CellKind.NUMBER, CellKind.BLANK, CellKind.PLACEHOLDER, CellKind.PLACEHOLDER]
    assert row.cell("natural_person").value == 0
    assert row.cell("commercial_enterprise").value is None


def test_set_cells_parses_printed_tokens_like_the_readers() -> None:
    report = set_cells(blank_report(Format.V2019), {
        "active_disclosure.admin_license.prev_year_items": "1,165",
        "active_disclosure.admin_license.change": "-207",
        "active_disclosure.admin_penalty.change": "减4",
        "active_disclosure.admin_coercion.change": "+1036",
        "active_disclosure.centralized_procurement.procurement_amount": "251000元",
    })
    cell = report.cell("active_disclosure.admin_license.prev_year_items")
    assert (cell.raw, cell.value, cell.unit) == ("1,165", 1165, "项")
    assert report.cell("active_disclosure.admin_license.change").value == -207
    assert report.cell("active_disclosure.admin_penalty.change").value == -4
    assert report.cell("active_disclosure.admin_coercion.change").value == 1036
    amount = report.cell("active_disclosure.centralized_procurement.procurement_amount")
    assert (amount.value, amount.unit) == (Decimal(251000), "元")


def test_a_sign_in_a_count_column_is_text_not_a_negative_count() -> None:
    report = set_cells(blank_report(Format.V2019), {"requests.granted.total": "-3"})
    cell = report.cell("requests.granted.total")
    assert cell.kind is CellKind.TEXT
    assert cell.value is None
    assert cell.raw == "-3"


def test_amount_with_header_unit_in_2021() -> None:
    report = set_cells(blank_report(Format.V2021), {"active_disclosure.admin_fees.fee_amount": "9116.36"})
    cell = report.cell("active_disclosure.admin_fees.fee_amount")
    assert (cell.value, cell.unit) == (Decimal("9116.36"), "万元")


def test_int_given_for_an_amount_becomes_decimal() -> None:
    report = set_cells(blank_report(Format.V2021), {"active_disclosure.admin_fees.fee_amount": 5})
    value = report.cell("active_disclosure.admin_fees.fee_amount").value
    assert isinstance(value, Decimal)
    assert value == 5


def test_set_cells_rejects_cells_the_format_does_not_have() -> None:
    with pytest.raises(UsageError, match=r"no cell 'requests\.other\.total'"):
        set_cells(blank_report(Format.V2021), {"requests.other.total": 1})
    with pytest.raises(UsageError, match="no cell"):
        set_cells(blank_report(Format.V2019), {"requests.other_other.total": 1})
    with pytest.raises(UsageError):
        set_cells(blank_report(Format.V2019), {"requests.granted.total": 1.5})
    with pytest.raises(UsageError, match="not an integer"):
        set_cells(blank_report(Format.V2019), {"requests.granted.total": Decimal("1.5")})


def test_cell_kind_and_value_must_agree() -> None:
    with pytest.raises(InvalidReportError):
        Cell(column="total", kind=CellKind.BLANK, value=3)
    with pytest.raises(InvalidReportError):
        Cell(column="total", kind=CellKind.NUMBER, value=None)
    with pytest.raises(InvalidReportError):
        Cell(column="total", kind=CellKind.NUMBER, value=True)
    with pytest.raises(InvalidReportError):
        Cell(column="total", kind=CellKind.NUMBER, value=Decimal("NaN"))


def test_report_checks_its_shape_against_the_template() -> None:
    report = blank_report(Format.V2021)
    requests = report.table("requests")
    short = attrs.evolve(requests, rows=requests.rows[:-1])
    with pytest.raises(InvalidReportError, match="missing carried_forward") as info:
        attrs.evolve(report, tables=(report.tables[0], short, report.tables[2]))
    assert info.value.path == "tables[1].rows"
    with pytest.raises(InvalidReportError, match="has 3 tables"):
        attrs.evolve(report, tables=report.tables[:2])
    with pytest.raises(InvalidReportError, match="without a format"):
        Report(format=None, tables=report.tables)
    negative = attrs.evolve(requests.rows[0], cells=(Cell.number("natural_person", -1), *requests.rows[0].cells[1:]))
    with pytest.raises(InvalidReportError, match="cannot be negative") as info:
        attrs.evolve(report, tables=(report.tables[0], attrs.evolve(requests, rows=(negative, *requests.rows[1:])),
                                     report.tables[2]))
    assert info.value.path == "tables[1].rows[0].cells[0].value"
    with pytest.raises(InvalidReportError, match="unknown section"):
        Report(format=None, sections=(Section(id="s7"),))


def test_amount_must_be_decimal_and_count_int() -> None:
    report = blank_report(Format.V2021)
    with pytest.raises(InvalidReportError, match="must be a Decimal"):
        set_cells(report, {"active_disclosure.admin_fees.fee_amount": Cell.number("x", 5)})
    with pytest.raises(InvalidReportError, match="must be an int"):
        set_cells(report, {"requests.granted.total": Cell.number("x", Decimal(5))})


def test_accessors() -> None:
    report = set_cells(blank_report(Format.V2019, year=2020), {"requests.granted.total": 7})
    assert report.cell("requests.granted.total").value == 7
    assert report.table("requests").cell("granted", "total").value == 7
    assert len(report.table("requests").column("total")) == 23
    assert report.table("review_litigation").row("count").cell("review_total").kind is CellKind.ABSENT
    with pytest.raises(UsageError):
        report.cell("requests.granted")
    with pytest.raises(UsageError):
        report.table("nope")
    with pytest.raises(UsageError):
        report.table("requests").row("other_other")
    with pytest.raises(UsageError):
        report.table("requests").row("granted").cell("nope")
    assert report.section("s1") is None


def test_without_provenance_drops_only_reading_details() -> None:
    report = set_cells(blank_report(Format.V2019, source="a.txt"), {
        "requests.granted.total": Cell.number("total", 7, origin=Origin(line=3, column=4)),
    })
    report = attrs.evolve(report, sections=(Section(id="s1", heading="一、总体情况", text="x"),))
    bare = without_provenance(report)
    assert bare.cell("requests.granted.total").origin is None
    assert bare.cell("requests.granted.total").value == 7
    assert bare.source is None
    assert bare.sections == (Section(id="s1", text="x"),)


def test_readers_fast_constructors_build_what_the_classes_build() -> None:
    # The readers fill Origin and Cell slots directly (model._origin, model._cell). That is only
    # right while the generated __init__ does nothing more for Origin, and only the value check
    # for Cell: a validator or converter added later must show up here.
    from govdisclosure.model import _cell, _origin

    assert [(a.name, a.validator, a.converter) for a in attrs.fields(Origin)] == [
        (name, None, None) for name in ("line", "column", "table", "row", "col")]
    assert [a.name for a in attrs.fields(Cell) if a.validator is not None or a.converter is not None] == ["value"]
    assert attrs.fields(Cell).value.converter is None
    fast = _origin(3, 7, 1, 2, 4)
    assert fast == Origin(line=3, column=7, table=1, row=2, col=4)
    assert hash(fast) == hash(Origin(line=3, column=7, table=1, row=2, col=4))
    assert _origin(None, None, None, None, None) == Origin()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.line = 4  # type: ignore[misc]
    cell = _cell("total", CellKind.NUMBER, "1,165", 1165, "件", fast)
    assert cell == Cell(column="total", kind=CellKind.NUMBER, raw="1,165", value=1165, unit="件", origin=fast)
    assert _cell("total", CellKind.BLANK, "", None, None, None) == Cell.blank("total")


def test_builders_fast_report_and_row_fill_every_field() -> None:
    # model._report and model._row fill the slots they are given and check nothing: every field must be
    # there, and the rows and reports the readers make are re-checked by the reading tests.
    from govdisclosure.model import _report, _row

    cell = Cell.number("total", 3)
    assert _row("granted", (cell,), "（一）予以公开", Origin(line=1)) == Row(
        id="granted", cells=(cell,), label="（一）予以公开", origin=Origin(line=1))
    fields = {a.name: a.default for a in attrs.fields(Report)}
    fields.update(format=None, year=2022, agency="某县", sections=(Section(id="s1", text="x"),))
    assert _report(**fields) == Report(format=None, year=2022, agency="某县", sections=(Section(id="s1", text="x"),))
    with pytest.raises(KeyError):
        _report(format=None)  # a field left out


def test_readers_fast_fragment_builds_what_the_class_builds() -> None:
    from govdisclosure.model import Diagnostic, Fragment, Severity, _diagnostic, _fragment

    assert [a.name for a in attrs.fields(Diagnostic) if a.validator is not None or a.converter is not None] == [
        "cells", "candidates"]  # (tuples from the builder: what the converters make)
    assert _diagnostic("ambiguous-cells", Severity.ERROR, "m", None, "x", ("a.b.c",), (("1",), ("2",))) == Diagnostic(
        code="ambiguous-cells", severity=Severity.ERROR, message="m", excerpt="x", cells=["a.b.c"],
        candidates=[["1"], ["2"]])

    assert [(a.name, a.validator, a.converter) for a in attrs.fields(Fragment)] == [
        (name, None, None) for name in ("text", "origin", "reason")]
    assert _fragment("首页", Origin(line=3), "outside the report body") == Fragment(
        text="首页", origin=Origin(line=3), reason="outside the report body")


def test_readers_fast_tuple_constructors_give_every_field() -> None:
    # The readers build these named tuples with tuple.__new__ and every field in order (no keyword
    # defaults): a field added or moved must be added there too.
    from govdisclosure import _build, _segment

    assert _build._Tok._fields == ("kind", "text", "origin", "entries", "empty", "slot", "seg", "consume", "glued")
    assert _build._Seg._fields == ("line", "start", "end", "section")
    assert _segment.Piece._fields == ("text", "origin", "empty", "glued")
    assert _segment.Part._fields == ("raw", "origin", "piece", "missing", "shift")
    assert _segment._Unit._fields == ("raw", "origin", "piece", "prefix", "digits", "suffix", "atomic")


def test_token_parts_are_kept_per_column_not_mixed_between_columns() -> None:
    # The readers' token cache is keyed by the column object: the same token in a count column, in
    # an amount column and in a column made after the first is gone parses for each column anew.
    from govdisclosure._tokens import token_parts
    from govdisclosure.template import ColumnSpec, ValueType

    count = ColumnSpec(id="n", label="数量")
    amount = ColumnSpec(id="fee", label="金额", value_type=ValueType.AMOUNT, unit="万元")
    assert token_parts("12.5", count)[:2] == (CellKind.TEXT, None)
    assert token_parts("12.5", amount)[:3] == (CellKind.NUMBER, Decimal("12.5"), "万元")
    assert token_parts("12.5", count)[:2] == (CellKind.TEXT, None)
    del count
    signed = ColumnSpec(id="change", label="增减", value_type=ValueType.SIGNED)  # (may take count's place)
    assert token_parts("-3", signed)[:2] == (CellKind.NUMBER, -3)


def test_reader_observations_keep_the_field_order_they_are_built_in() -> None:
    # The reader builds the observation of each row label by position (govdisclosure._build, in
    # _observe: half the cost of keywords); reordering these fields must show up here.
    from govdisclosure._build import _Obs

    assert [a.name for a in attrs.fields(_Obs)][:11] == [
        "table", "rows", "order", "label", "label_origin", "variant", "pieces", "grid", "fragment", "tentative",
        "line"]
