"""The typed model of one annual report (条例 Art. 50), in either national format.

Plain frozen attrs classes: no I/O, no formatting. Edits are :func:`attrs.evolve` or the helper
functions below. A :class:`Report` checks its own shape on construction: its tables are exactly
the tables of its format (:mod:`govdisclosure.template`), every data row present once with every
column, and each cell's value has the type its column allows.

Every table cell is a :class:`Cell` that keeps the token as printed (``raw``), what kind of token
it is (:class:`CellKind`), the parsed ``value``, the ``unit`` and its :class:`Origin` in the
source. ``0``, a blank cell and ``/`` are three different things.
"""

from __future__ import annotations

import datetime
import enum
import operator
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from govdisclosure.errors import InvalidReportError, UsageError
from govdisclosure.template import Format, ValueType, cell_key, spec, split_cell_key

__all__ = [
    "Cell",
    "CellKind",
    "Diagnostic",
    "Fragment",
    "Origin",
    "Report",
    "Row",
    "Section",
    "Severity",
    "Table",
    "blank_report",
    "set_cells",
    "without_provenance",
]


# Sequences given as lists become tuples: the model is immutable (named functions so that type
# checkers see the accepted argument types).
def _cells(items: Iterable[Cell]) -> tuple[Cell, ...]:
    return tuple(items)


def _rows(items: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(items)


def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _candidates(items: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(x) for x in items)


def _sections(items: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(items)


def _tables(items: Iterable[Table]) -> tuple[Table, ...]:
    return tuple(items)


def _fragments(items: Iterable[Fragment]) -> tuple[Fragment, ...]:
    return tuple(items)


def _origins(items: Iterable[Origin]) -> tuple[Origin, ...]:
    return tuple(items)


def _check_text_origins(instance: Section, attribute: attrs.Attribute[Any], value: tuple[Origin, ...]) -> None:
    if value and len(value) != instance.text.count("\n") + 1:
        raise InvalidReportError(
            f"section {instance.id}: {len(value)} text origins for {instance.text.count(chr(10)) + 1} lines of text",
            path="text_origins")


def _diagnostics(items: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(items)


class CellKind(enum.Enum):
    """What a table cell holds."""

    NUMBER = "number"
    """A figure; ``value`` holds it."""
    BLANK = "blank"
    """Printed empty (or only whitespace / ``&nbsp;``). Not the same as 0."""
    PLACEHOLDER = "placeholder"
    """A placeholder such as ``/``, ``—``, ``-``, ``无``, ``N/A``. Not the same as 0."""
    TEXT = "text"
    """Something that is not a figure the column allows (``见附件``, a sign in a count column …)."""
    AMBIGUOUS = "ambiguous"
    """The source prints digits that it does not determine (run-together cells with several
    consistent readings). ``value`` is ``None``; the reader's diagnostic lists the candidates."""
    ABSENT = "absent"
    """The source does not contain this cell at all (truncated or omitted table)."""


@attrs.frozen(kw_only=True)
class Origin:
    """Where something came from in the source document (all parts optional).

    ``line``/``column`` are 1-based positions in the decoded text; ``table``/``row``/``col`` are
    0-based positions in the source's ``table``-th grid after row and column spans are expanded.
    """

    line: int | None = None
    column: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None


def _check_value(instance: Cell, attribute: attrs.Attribute[Any], value: object) -> None:
    if instance.kind is CellKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise InvalidReportError(f"a number cell needs an int or Decimal value, got {value!r}",
                                     path="value")
        if isinstance(value, Decimal) and not value.is_finite():
            raise InvalidReportError(f"a number cell needs a finite value, got {value!r}", path="value")
    elif value is not None:
        article = "an" if instance.kind.value[0] in "aeiou" else "a"
        raise InvalidReportError(f"{article} {instance.kind.value} cell has no value, got {value!r}",
                                 path="value")


@attrs.frozen(kw_only=True)
class Cell:
    """One table cell.

    Build one with the class methods (:meth:`number`, :meth:`blank`, …) or with
    :func:`set_cells`, which also parses printed tokens.
    """

    column: str
    """The column id (template vocabulary)."""
    kind: CellKind
    raw: str = ""
    """The token exactly as printed (``"1,165"``, ``"/"``, ``"251000元"``); ``""`` when absent."""
    value: int | Decimal | None = attrs.field(default=None, validator=_check_value)
    """``int`` for counts and signed changes, :class:`~decimal.Decimal` for amounts; ``None``
    unless ``kind`` is :attr:`CellKind.NUMBER`."""
    unit: str | None = None
    """件, 项, 元 or 万元 — the unit the value is in, where one is known."""
    origin: Origin | None = None

    @classmethod
    def number(
        cls, column: str, value: int | Decimal, *, raw: str | None = None, unit: str | None = None,
        origin: Origin | None = None,
    ) -> Cell:
        return cls(column=column, kind=CellKind.NUMBER, value=value,
                   raw=str(value) if raw is None else raw, unit=unit, origin=origin)

    @classmethod
    def blank(cls, column: str, *, raw: str = "", origin: Origin | None = None) -> Cell:
        return cls(column=column, kind=CellKind.BLANK, raw=raw, origin=origin)

    @classmethod
    def absent(cls, column: str) -> Cell:
        return cls(column=column, kind=CellKind.ABSENT)

    @property
    def is_number(self) -> bool:
        return self.kind is CellKind.NUMBER


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(cls.__dict__[name].__set__ for name in names)


_ORIGIN_SET = _slot_setters(Origin, ("line", "column", "table", "row", "col"))
_CELL_SET = _slot_setters(Cell, ("column", "kind", "raw", "value", "unit", "origin"))


def _origin(line: int | None, column: int | None, table: int | None, row: int | None, col: int | None) -> Origin:
    """``Origin(line=…, column=…, table=…, row=…, col=…)`` for the readers' hot paths (an origin per
    token): the slots are filled directly, at half the cost of the generated ``__init__``, which
    does nothing more for this class (no validator or converter; tests/test_model.py checks)."""
    origin: Origin = object.__new__(Origin)
    set_line, set_column, set_table, set_row, set_col = _ORIGIN_SET
    set_line(origin, line)
    set_column(origin, column)
    set_table(origin, table)
    set_row(origin, row)
    set_col(origin, col)
    return origin


def _cell(column: str, kind: CellKind, raw: str, value: int | Decimal | None, unit: str | None,
          origin: Origin | None) -> Cell:
    """``Cell(…)`` without its value check, for the readers: they take ``kind`` and ``value`` from
    :func:`govdisclosure._tokens.token_parts`, which only pairs a number with a value; the
    :class:`Report` still checks every number cell against its column."""
    cell: Cell = object.__new__(Cell)
    set_column, set_kind, set_raw, set_value, set_unit, set_origin = _CELL_SET
    set_column(cell, column)
    set_kind(cell, kind)
    set_raw(cell, raw)
    set_value(cell, value)
    set_unit(cell, unit)
    set_origin(cell, origin)
    return cell


@attrs.frozen(kw_only=True)
class Row:
    """One data row of a table, its cells in the template's column order."""

    id: str
    cells: tuple[Cell, ...] = attrs.field(converter=_cells)
    label: str | None = None
    """The row label as printed in the source (``None`` for hand-built rows and unlabelled rows)."""
    origin: Origin | None = None

    def cell(self, column: str) -> Cell:
        for cell in self.cells:
            if cell.column == column:
                return cell
        raise UsageError(f"row {self.id!r} has no column {column!r}")


@attrs.frozen(kw_only=True)
class Table:
    """One of the report's three tables (sections 二, 三, 四), its rows in template order."""

    id: str
    rows: tuple[Row, ...] = attrs.field(converter=_rows)

    def row(self, row_id: str) -> Row:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise UsageError(f"table {self.id!r} has no row {row_id!r}")

    def cell(self, row: str, column: str) -> Cell:
        return self.row(row).cell(column)

    def column(self, column: str) -> tuple[Cell, ...]:
        """The cells of every row that has this column, top to bottom."""
        return tuple(cell for row in self.rows for cell in row.cells if cell.column == column)

    def cells(self) -> Iterator[tuple[str, Cell]]:
        """``(table.row.column, cell)`` for every cell."""
        for row in self.rows:
            for cell in row.cells:
                yield cell_key(self.id, row.id, cell.column), cell


@attrs.frozen(kw_only=True)
class Section:
    """One of the six sections, as found in the document.

    ``text`` is the narrative of sections 一, 五 and 六, and any notes printed around the tables
    of sections 二–四 (the figures themselves live in :attr:`Report.tables`).
    """

    id: str
    """``s1`` … ``s6`` (template vocabulary)."""
    heading: str = ""
    """The heading as printed; ``""`` for a hand-built section."""
    text: str = ""
    origin: Origin | None = None
    """Where the heading is."""
    text_origins: tuple[Origin, ...] = attrs.field(default=(), converter=_origins, validator=_check_text_origins)
    """Where each line of ``text`` starts in the source, one per line (readers fill it; empty otherwise)."""


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something a reader decided or could not decide, located in the source.

    ``code`` is stable (documented in ``docs/reading.md``); ``cells`` lists the cell keys
    concerned; ``candidates`` lists, for ambiguous cells, every reading the source allows (one
    tuple of raw tokens per reading, in the order of ``cells``).
    """

    code: str
    severity: Severity
    message: str
    origin: Origin | None = None
    excerpt: str = ""
    cells: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    candidates: tuple[tuple[str, ...], ...] = attrs.field(default=(), converter=_candidates)


@attrs.frozen(kw_only=True)
class Fragment:
    """A piece of the source that the reader could not place in a section or cell."""

    text: str
    origin: Origin | None = None
    reason: str = ""


_COLUMN_OF = operator.attrgetter("column")


def _check_tables(report: Report) -> None:
    if report.format is None:
        if report.tables:
            raise InvalidReportError("a report without a format cannot have tables", path="tables")
        return
    template = spec(report.format)
    number, amount, count = CellKind.NUMBER, ValueType.AMOUNT, ValueType.COUNT  # (looked up once)
    if len(report.tables) != len(template.tables):
        raise InvalidReportError(
            f"a {report.format.value}-format report has {len(template.tables)} tables "
            f"({', '.join(t.id for t in template.tables)}), got {len(report.tables)}", path="tables")
    for t, (table, table_spec) in enumerate(zip(report.tables, template.tables, strict=True)):
        path = f"tables[{t}]"
        if table.id != table_spec.id:
            raise InvalidReportError(f"expected table {table_spec.id!r}, got {table.id!r}", path=f"{path}.id")
        expected_rows = list(table_spec.data_rows())
        expected_ids = [row.id for _, row in expected_rows]
        got_ids = [r.id for r in table.rows]
        if got_ids != expected_ids:
            missing = [r for r in expected_ids if r not in got_ids]
            unexpected = [r for r in got_ids if r not in expected_ids]
            detail = "; ".join(filter(None, (
                f"missing {', '.join(missing)}" if missing else "",
                f"not in this format: {', '.join(unexpected)}" if unexpected else "",
                "" if missing or unexpected else "rows out of template order",
            )))
            raise InvalidReportError(
                f"table {table.id!r} does not have the rows of the {report.format.value} format ({detail})",
                path=f"{path}.rows")
        for r, (row, (part, _)) in enumerate(zip(table.rows, expected_rows, strict=True)):
            row_path = f"{path}.rows[{r}]"
            if tuple(map(_COLUMN_OF, row.cells)) != part.column_ids:
                raise InvalidReportError(
                    f"row {row.id!r} must have the columns {', '.join(c.id for c in part.columns)} in this "
                    f"order, got {', '.join(c.column for c in row.cells) or 'none'}", path=f"{row_path}.cells")
            for c, cell in enumerate(row.cells):
                if cell.kind is not number:
                    continue
                column = part.columns[c]
                value = cell.value
                if column.value_type is amount:
                    problem = ("its value must be a Decimal" if not isinstance(value, Decimal)
                               else "it cannot be negative" if value < 0 else None)
                    kind = "an amount"
                else:
                    problem = ("its value must be an int" if not isinstance(value, int)
                               else "it cannot be negative" if column.value_type is count and value < 0
                               else None)
                    kind = "a count"
                if problem is not None:
                    raise InvalidReportError(f"{cell_key(table.id, row.id, column.id)} is {kind}: {problem}",
                                             path=f"{row_path}.cells[{c}].value")


def _check_sections(instance: Report, attribute: attrs.Attribute[Any], value: tuple[Section, ...]) -> None:
    for i, section in enumerate(value):
        if section.id not in _SECTION_IDS:
            raise InvalidReportError(f"unknown section id {section.id!r}", path=f"sections[{i}].id")


_SECTION_IDS = ("s1", "s2", "s3", "s4", "s5", "s6")


@attrs.frozen(kw_only=True)
class Report:
    """One annual report on government information disclosure (条例 Art. 49–50).

    ``sections`` are in the order the document prints them (a missing section is simply not
    there); ``tables`` are the tables of ``format`` in template order, always complete: a cell the
    document does not print is :attr:`CellKind.ABSENT`. A document in neither national format
    has ``format=None`` and no tables.
    """

    format: Format | None
    year: int | None = None
    """The year reported on (not the year of publication)."""
    agency: str | None = None
    title: str | None = None
    published: datetime.date | None = None
    source: str | None = None
    """Where the report was read from (a path or URL), if known."""
    preamble: str = ""
    """Text printed before the first section heading (title, introduction)."""
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_sections, validator=_check_sections)
    tables: tuple[Table, ...] = attrs.field(default=(), converter=_tables)
    unplaced: tuple[Fragment, ...] = attrs.field(default=(), converter=_fragments)
    """Pieces of the source the reader could not place (reported, never dropped)."""
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        default=(), converter=_diagnostics)
    """What the reader decided and could not decide."""

    def __attrs_post_init__(self) -> None:
        _check_tables(self)

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise UsageError(f"a {self._format_name()} report has no table {table_id!r}")

    def cell(self, key: str) -> Cell:
        """The cell named ``table.row.column`` (e.g. ``requests.granted.total``)."""
        try:
            table_id, row_id, column_id = split_cell_key(key)
        except KeyError:
            raise UsageError(f"not a cell key (table.row.column): {key!r}") from None
        return self.table(table_id).cell(row_id, column_id)

    def section(self, section_id: str) -> Section | None:
        """The first section with this id (``s1`` … ``s6``), or ``None`` if the report has none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def cells(self) -> Iterator[tuple[str, Cell]]:
        """``(table.row.column, cell)`` for every cell of every table, in template order."""
        for table in self.tables:
            yield from table.cells()

    def _format_name(self) -> str:
        return "format-less" if self.format is None else f"{self.format.value}-format"


_ROW_SET = _slot_setters(Row, ("id", "cells", "label", "origin"))
_REPORT_SET = tuple(zip((a.name for a in attrs.fields(Report)), _slot_setters(Report, tuple(
    a.name for a in attrs.fields(Report))), strict=True))


def _row(id: str, cells: tuple[Cell, ...], label: str | None, origin: Origin | None) -> Row:
    """``Row(…)`` for the builder, its slots filled directly (``cells`` already a tuple)."""
    row: Row = object.__new__(Row)
    set_id, set_cells, set_label, set_origin = _ROW_SET
    set_id(row, id)
    set_cells(row, cells)
    set_label(row, label)
    set_origin(row, origin)
    return row


_FRAGMENT_SET = _slot_setters(Fragment, ("text", "origin", "reason"))


def _fragment(text: str, origin: Origin | None, reason: str) -> Fragment:
    """``Fragment(…)`` for the readers' hot paths (every line of a page's navigation and footer)."""
    fragment: Fragment = object.__new__(Fragment)
    set_text, set_origin, set_reason = _FRAGMENT_SET
    set_text(fragment, text)
    set_origin(fragment, origin)
    set_reason(fragment, reason)
    return fragment


_DIAGNOSTIC_SET = _slot_setters(Diagnostic, ("code", "severity", "message", "origin", "excerpt", "cells", "candidates"))


def _diagnostic(code: str, severity: Severity, message: str, origin: Origin | None, excerpt: str,
                cells: tuple[str, ...], candidates: tuple[tuple[str, ...], ...]) -> Diagnostic:
    """``Diagnostic(…)`` for the readers, ``cells`` and ``candidates`` already tuples (what the
    converters would make of them)."""
    diagnostic: Diagnostic = object.__new__(Diagnostic)
    set_code, set_severity, set_message, set_origin, set_excerpt, set_cells, set_candidates = _DIAGNOSTIC_SET
    set_code(diagnostic, code)
    set_severity(diagnostic, severity)
    set_message(diagnostic, message)
    set_origin(diagnostic, origin)
    set_excerpt(diagnostic, excerpt)
    set_cells(diagnostic, cells)
    set_candidates(diagnostic, candidates)
    return diagnostic


def _report(**fields: Any) -> Report:
    """``Report(…)`` for the builder, without the template check: the builder makes every table
    from the template and every number cell from :func:`govdisclosure._tokens.token_parts`, and
    passes tuples. tests/test_model.py checks the fields; the reading tests re-check each report
    the readers make with the full constructor (``attrs.evolve``)."""
    report: Report = object.__new__(Report)
    for name, setter in _REPORT_SET:
        setter(report, fields[name])
    return report


def blank_report(format: Format, **metadata: Any) -> Report:
    """A report of ``format`` whose every cell is :attr:`CellKind.ABSENT`.

    ``metadata`` are the other :class:`Report` fields (``year``, ``agency``, ``sections`` …).
    """
    template = spec(format)
    tables = tuple(
        Table(
            id=table.id,
            rows=tuple(
                Row(id=row.id, cells=tuple(Cell.absent(c.id) for c in part.columns))
                for part, row in table.data_rows()
            ),
        )
        for table in template.tables
    )
    return Report(format=format, tables=tables, **metadata)


def set_cells(report: Report, values: Mapping[str, object] | Iterable[tuple[str, object]]) -> Report:
    """A copy of ``report`` with the given cells replaced.

    Keys are ``table.row.column``. A value may be an ``int``/``Decimal`` (a number), ``None``
    (blank), a printed token such as ``"1,165"``, ``"-207"``, ``"/"`` or ``"251000元"`` (parsed
    exactly as the readers parse table cells), or a ready :class:`Cell`.
    """
    from govdisclosure._tokens import parse_cell_token  # the model layer's own token grammar

    if report.format is None:
        raise UsageError("a report without a format has no cells to set")
    template = spec(report.format)
    items = values.items() if isinstance(values, Mapping) else values
    updates: dict[tuple[str, str], dict[str, Cell]] = {}
    for key, value in items:
        try:
            column = template.column_spec(key)
        except KeyError:
            raise UsageError(f"the {report.format.value} format has no cell {key!r}") from None
        table_id, row_id, column_id = split_cell_key(key)
        if isinstance(value, Cell):
            cell = attrs.evolve(value, column=column_id)
        elif value is None:
            cell = Cell.blank(column_id)
        elif isinstance(value, str):
            cell = parse_cell_token(value, column, column_id=column_id).cell
        elif isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise UsageError(f"{key}: expected int, Decimal, str, Cell or None, got {type(value).__name__}")
        else:
            if column.value_type is ValueType.AMOUNT:
                value = Decimal(value)
            elif isinstance(value, Decimal):
                if value != value.to_integral_value():
                    raise UsageError(f"{key} is a count: {value} is not an integer")
                value = int(value)
            cell = Cell.number(column_id, value, unit=column.unit)
        updates.setdefault((table_id, row_id), {})[column_id] = cell
    tables = []
    for table in report.tables:
        rows = []
        for row in table.rows:
            new = updates.get((table.id, row.id))
            if new:
                row = attrs.evolve(row, cells=tuple(new.get(c.column, c) for c in row.cells))
            rows.append(row)
        tables.append(attrs.evolve(table, rows=tuple(rows)))
    return attrs.evolve(report, tables=tuple(tables))


def without_provenance(report: Report) -> Report:
    """``report`` without what only describes the reading: origins, printed row labels and
    headings, source, unplaced fragments and diagnostics. Two readings of the same report in
    different layouts compare equal after this."""

    def cell(c: Cell) -> Cell:
        return attrs.evolve(c, origin=None)

    tables = tuple(
        attrs.evolve(t, rows=tuple(
            attrs.evolve(r, label=None, origin=None, cells=tuple(cell(c) for c in r.cells)) for r in t.rows
        ))
        for t in report.tables
    )
    sections = tuple(attrs.evolve(s, heading="", origin=None, text_origins=()) for s in report.sections)
    return attrs.evolve(report, tables=tables, sections=sections, source=None, unplaced=(), diagnostics=())
