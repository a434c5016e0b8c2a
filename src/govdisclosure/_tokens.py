"""The grammar of one printed table cell (spec ``normalization.value_parsing``).

A token becomes a :class:`~govdisclosure.model.Cell` of the right kind for its column:

* ``""``, whitespace, ``&nbsp;`` → blank;
* ``/`` ``—`` ``-`` ``无`` ``N/A`` … → placeholder (never 0);
* ``1,165`` ``75295`` ``１２`` → a count; ``-207`` ``+1036`` ``减4`` ``增3`` → a signed change, only in
  a column whose template allows a sign (本年增/减);
* ``9116.36`` ``251000元`` ``52.15万元`` → an amount (:class:`~decimal.Decimal`), only in an amount
  column; the unit comes from the cell, else from the template header (万元), else unknown;
* a figure followed by a parenthetical note (``22（其中修订16件）``) keeps its figure;
* anything else is text.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import attrs

from govdisclosure._text import normalise
from govdisclosure.model import Cell, CellKind, Origin
from govdisclosure.template import ColumnSpec, ValueType

__all__ = ["PLACEHOLDERS", "TokenResult", "is_placeholder", "parse_cell_token", "token_parts", "token_value"]

PLACEHOLDERS = frozenset({
    "/", "//", "\\", "-", "--", "---", "无", "N/A", "n/a", "NA", "na", "空", "…", "...", "——",
})

_NUMBER = re.compile(
    r"""^(?P<sign>[+-]|增|减|增加|减少)?
        (?P<int>\d{1,3}(?:,\d{3})+|\d+)
        (?P<frac>\.\d+)?
        (?P<unit>万元|元|件|项|个|条|宗|起)?
        (?P<note>[(\[].*[)\]])?$""",
    re.VERBOSE,
)

_MONEY_UNITS = ("万元", "元")


@attrs.frozen
class TokenResult:
    cell: Cell
    note: str | None = None
    """Why the token is not a plain figure (a sign, a note, a unit that does not fit …)."""


def is_placeholder(text: str) -> bool:
    return text in PLACEHOLDERS


def parse_cell_token(
    raw: str, column: ColumnSpec, *, column_id: str | None = None, origin: Origin | None = None,
    unit_hint: str | None = None,
) -> TokenResult:
    """Parse the printed token of one cell of ``column``.

    ``unit_hint`` is a unit printed in the column header (万元), which beats the template default.
    """
    kind, value, unit, note = _parse(raw, column, unit_hint)
    cid = column.id if column_id is None else column_id
    return TokenResult(Cell(column=cid, kind=kind, raw=raw, value=value, unit=unit, origin=origin), note)


_Parts = tuple[CellKind, int | Decimal | None, str | None, str | None]

# The parts of the tokens read, by (token, id() of the column): the column is kept with them, so
# its id cannot be reused while they are here. A lookup hashes the token and an int: a column's own
# hash is a call into Python.
_SEEN: dict[tuple[str, int], tuple[ColumnSpec, _Parts]] = {}
_MAX_SEEN = 16384


def token_parts(raw: str, column: ColumnSpec) -> _Parts:
    """(kind, value, unit, note) of a token in ``column`` — :func:`parse_cell_token` without the cell."""
    seen = _SEEN.get((raw, id(column)))
    if seen is not None and seen[0] is column:
        return seen[1]
    found = _parse(raw, column, None)
    if len(_SEEN) >= _MAX_SEEN:
        _SEEN.clear()
    _SEEN[raw, id(column)] = (column, found)
    return found


def token_value(raw: str, column: ColumnSpec) -> int | Decimal | None:
    """The value a token has in ``column`` (``None`` unless it is a figure the column allows)."""
    return token_parts(raw, column)[1]


@functools.lru_cache(maxsize=8192)
def _parse(
    raw: str, column: ColumnSpec, unit_hint: str | None,
) -> tuple[CellKind, int | Decimal | None, str | None, str | None]:
    text = normalise(raw).strip()
    if not text or text == "&nbsp;":
        return CellKind.BLANK, None, None, None
    if is_placeholder(text):
        return CellKind.PLACEHOLDER, None, None, None
    m = _NUMBER.match("".join(text.split()))
    if m is None:
        return CellKind.TEXT, None, None, "not a figure"
    sign, digits, frac, unit, note = m.group("sign", "int", "frac", "unit", "note")
    digits = digits.replace(",", "")
    annotation = "annotation" if note else None
    if column.value_type is ValueType.AMOUNT:
        if sign:
            return CellKind.TEXT, None, None, "a sign in an amount column"
        if unit is not None and unit not in _MONEY_UNITS:
            return CellKind.TEXT, None, None, f"unit {unit} in an amount column"
        return CellKind.NUMBER, Decimal(digits + (frac or "")), unit or unit_hint or column.unit, annotation
    if frac is not None and frac.strip(".0"):  # "12.0" is still the integer 12
        return CellKind.TEXT, None, None, "a fraction in a count column"
    if unit in _MONEY_UNITS:
        return CellKind.TEXT, None, None, f"unit {unit} in a count column"
    value = int(digits)
    if sign:
        if column.value_type is not ValueType.SIGNED:
            return CellKind.TEXT, None, None, "a sign in a column that allows none"
        if sign in ("-", "减", "减少"):
            value = -value
    return CellKind.NUMBER, value, column.unit, annotation
