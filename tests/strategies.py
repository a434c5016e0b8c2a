"""Hypothesis strategies for reports, shared by the property tests.

* ``reports()`` — any valid report of either format: every cell kind, any metadata.
* ``reports(printable=True)`` — reports whose every cell token reads back as the same cell
  (no ambiguous cells: a printed table never *contains* an ambiguity) and whose narrative uses
  sentences that cannot be mistaken for headings or table rows; the input of render → read
  round trips.
* ``reports(consistent=True)`` — the numbers satisfy every relation R1, R3, R4, R5 by
  construction (totals computed from leaves); every cell is a number.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from govdisclosure import Cell, CellKind, Format, Report, Row, Section, Table, spec
from govdisclosure._tokens import parse_cell_token
from govdisclosure.template import APPLICANT_COLUMN_IDS, ColumnSpec, FormatSpec, ValueType

PLACEHOLDER_TOKENS = ("/", "-", "—", "无", "N/A")

SENTENCES = (
    "本机关认真贯彻落实各项要求。",
    "我们进一步完善了工作机制，明确专人负责。",
    "全年组织业务培训两次，提升了工作人员能力。",
    "下一步将继续加强平台建设和日常管理。",
    "暂无其他需要说明的情况。",
    "年内未发生因工作不当引发的责任追究。",
    "网站栏目设置更加规范，内容保障持续加强。",
)


def _count_token(value: int) -> st.SearchStrategy[str]:
    plain = str(value)
    if value >= 1000:
        return st.sampled_from((plain, f"{value:,}"))
    return st.just(plain)


@st.composite
def number_cells(draw: st.DrawFn, column: ColumnSpec) -> Cell:
    if column.value_type is ValueType.AMOUNT:
        cents = draw(st.integers(min_value=0, max_value=10**10))
        places = draw(st.sampled_from((0, 1, 2)))
        amount = Decimal(cents).scaleb(-places)
        unit = column.unit if column.unit_explicit else draw(st.sampled_from((None, "元", "万元")))
        raw = str(amount) + ("" if column.unit_explicit or unit is None else unit)
        return Cell.number(column.id, amount, raw=raw, unit=unit)
    if column.value_type is ValueType.SIGNED:
        change = draw(st.integers(min_value=-5000, max_value=5000))
        if change > 0:
            raw = draw(st.sampled_from((str(change), f"+{change}", f"增{change}")))
        elif change < 0:
            raw = draw(st.sampled_from((str(change), f"减{-change}")))
        else:
            raw = "0"
        return Cell.number(column.id, change, raw=raw, unit=column.unit)
    count = draw(st.integers(min_value=0, max_value=200_000))
    return Cell.number(column.id, count, raw=draw(_count_token(count)), unit=column.unit)


@st.composite
def any_cells(draw: st.DrawFn, column: ColumnSpec, printable: bool) -> Cell:
    kinds = [CellKind.NUMBER, CellKind.NUMBER, CellKind.NUMBER, CellKind.BLANK, CellKind.PLACEHOLDER]
    if not printable:
        kinds += [CellKind.TEXT, CellKind.AMBIGUOUS, CellKind.ABSENT]
    kind = draw(st.sampled_from(kinds))
    if kind is CellKind.NUMBER:
        cell = draw(number_cells(column))
    elif kind is CellKind.BLANK:
        cell = Cell.blank(column.id)
    elif kind is CellKind.PLACEHOLDER:
        cell = Cell(column=column.id, kind=kind, raw=draw(st.sampled_from(PLACEHOLDER_TOKENS)))
    elif kind is CellKind.TEXT:
        cell = Cell(column=column.id, kind=kind, raw=draw(st.text(min_size=1, max_size=8)))
    elif kind is CellKind.AMBIGUOUS:
        cell = Cell(column=column.id, kind=kind, raw=draw(st.from_regex(r"[1-9][0-9]{2,8}", fullmatch=True)))
    else:
        cell = Cell.absent(column.id)
    if printable:
        parsed = parse_cell_token(cell.raw, column).cell
        assert parsed == cell, (parsed, cell)
    return cell


def _leaf_values(draw: st.DrawFn, n: int, small: bool) -> list[int]:
    top = 30 if small else 2000
    return [draw(st.integers(min_value=0, max_value=top)) for _ in range(n)]


def _consistent_requests(draw: st.DrawFn, template: FormatSpec) -> dict[tuple[str, str], int]:
    table = template.table("requests")
    leaves = APPLICANT_COLUMN_IDS[:-1]
    outcome_rows = [spec_row.id for _, spec_row in table.data_rows()
                    if spec_row.id not in ("new_received", "carried_over", "total_processed", "carried_forward")]
    values: dict[tuple[str, str], int] = {}
    for row in outcome_rows:
        for column, v in zip(leaves, _leaf_values(draw, len(leaves), small=True), strict=True):
            values[(row, column)] = v
    for column in leaves:
        values[("total_processed", column)] = sum(values[(r, column)] for r in outcome_rows)
        values[("carried_forward", column)] = draw(st.integers(min_value=0, max_value=20))
        handled = values[("total_processed", column)] + values[("carried_forward", column)]
        carried_over = draw(st.integers(min_value=0, max_value=handled))
        values[("carried_over", column)] = carried_over
        values[("new_received", column)] = handled - carried_over
    for _, data_row in table.data_rows():
        values[(data_row.id, "total")] = sum(values[(data_row.id, c)] for c in leaves)
    return values


def _consistent_review(draw: st.DrawFn) -> dict[str, int]:
    values: dict[str, int] = {}
    for group in ("review", "lit_direct", "lit_after_review"):
        parts = [draw(st.integers(min_value=0, max_value=50)) for _ in range(4)]
        for outcome, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"{group}_{outcome}"] = v
        values[f"{group}_total"] = sum(parts)
    return values


@st.composite
def reports(
    draw: st.DrawFn, *, format: Format | None = None, printable: bool = False, consistent: bool = False,
) -> Report:
    fmt = draw(st.sampled_from(list(Format))) if format is None else format
    template = spec(fmt)
    requests = _consistent_requests(draw, template) if consistent else {}
    review = _consistent_review(draw) if consistent else {}
    tables = []
    for table in template.tables:
        rows = []
        for part, row in table.data_rows():
            cells = []
            for column in part.columns:
                if consistent and table.id == "requests":
                    v = requests[(row.id, column.id)]
                    cells.append(Cell.number(column.id, v, unit=column.unit))
                elif consistent and table.id == "review_litigation":
                    cells.append(Cell.number(column.id, review[column.id], unit=column.unit))
                elif consistent:
                    cells.append(draw(number_cells(column)))
                else:
                    cells.append(draw(any_cells(column, printable)))
            rows.append(Row(id=row.id, cells=tuple(cells)))
        tables.append(Table(id=table.id, rows=tuple(rows)))
    texts = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map("".join)
    sections = tuple(
        Section(id=s.id, text=draw(texts) if s.id in ("s1", "s5", "s6") else "")
        for s in template.sections
    )
    year = draw(st.integers(min_value=2019, max_value=2020) if fmt is Format.V2019
                else st.integers(min_value=2021, max_value=2030))
    agency = draw(st.sampled_from(("某某县人民政府", "某某市生态环境局", "某某区人民政府办公室")))
    published = draw(st.none() | st.dates(min_value=datetime.date(year + 1, 1, 1),
                                          max_value=datetime.date(year + 1, 6, 30)))
    return Report(format=fmt, year=year, agency=agency, published=published, sections=sections,
                  tables=tuple(tables))


@st.composite
def rendered_reports(draw: st.DrawFn, *, format: Format | None = None) -> Report:
    """Input of render → read round trips: ``reports(printable=True)`` with whole rows, sub-tables or
    tables left out (every cell absent: the writers print nothing for them), a title (the one the
    writers would build) or none, and an introduction before the first heading or none.

    The first sub-table of section 二 always keeps a row: its column headers are what tell the
    formats apart, and a document must show its format.
    """
    import attrs  # only this strategy needs it

    report = draw(reports(format=format, printable=True))
    assert report.format is not None
    template = spec(report.format)
    tables = []
    for table_spec, table in zip(template.tables, report.tables, strict=True):
        keep = draw(st.sampled_from(("all", "all", "some", "none")))
        rows = []
        for (part, row_spec), row in zip(table_spec.data_rows(), table.rows, strict=True):
            anchor = table_spec.id == "active_disclosure" and part.id == "art20_1" and row_spec.id == "rules"
            drop = not anchor and (keep == "none" or (keep == "some" and draw(st.booleans())))
            rows.append(Row(id=row.id, cells=tuple(Cell.absent(c.column) for c in row.cells)) if drop else row)
        tables.append(Table(id=table.id, rows=tuple(rows)))
    title = draw(st.none() | st.just(f"{report.agency}{report.year}年政府信息公开工作年度报告"))
    preamble = draw(st.just("") | st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=2).map("".join))
    return attrs.evolve(report, tables=tuple(tables), title=title, preamble=preamble)
