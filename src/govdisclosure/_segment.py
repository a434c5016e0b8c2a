"""Which printed tokens fill which cells of a row.

A row's printed material is a list of *pieces*: grid cells, or whitespace-separated tokens of a
text run. Normally there is one piece per column. When there are fewer, a piece may be several
cells whose digits were run together (``230`` ``000023`` for seven columns); when there are more,
a merged-cell artefact left an extra value or an empty cell. This module lists every reading of a
row that the pieces allow — each cell without leading zeros, a sign only where the column takes
one, decimals only in amount columns — and, for rows whose totals the template defines (R3, R5),
only the readings whose arithmetic holds. It never picks one reading among several.

The search is bounded: the number of readings counted by dynamic programming first, and the
enumeration of readings under arithmetic by a node budget, so long digit runs cost linear time.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from govdisclosure._text import normalise
from govdisclosure._tokens import _SEEN as _SEEN_TOKENS
from govdisclosure._tokens import token_value
from govdisclosure.model import Origin
from govdisclosure.template import ColumnSpec, ValueType

__all__ = ["Part", "Piece", "Segmentation", "segment"]

MAX_COUNT_DIGITS = 9
MAX_AMOUNT_DIGITS = 15
NODE_BUDGET = 200_000
MAX_LISTED = 400
MAX_EXTRA = 3


class Piece(NamedTuple):
    """One printed token of a row (a grid cell, or a whitespace-separated token of a text run)."""

    text: str
    origin: Origin | None = None
    empty: bool = False
    glued: bool = False
    """Printed right after the row's label or another token, without whitespace (``规章000``)."""


class Part(NamedTuple):
    """The token one cell gets in one reading."""

    raw: str
    origin: Origin | None
    """Where the piece the token comes from starts (see :attr:`shift`)."""
    piece: int
    missing: bool = False
    """No token at all: the reading leaves this cell out (a row printed with fewer values)."""
    shift: int = 0
    """Characters from the start of the piece to the token (a piece split into several cells): the
    token starts ``shift`` columns after :attr:`origin` (its cell's origin, see ``_Builder._row_cells``)."""


Reading = tuple[Part, ...]

_RELEASED: Any = None
"""Assigned to a nested function that calls itself once it is done: the function no longer holds
itself (a reference cycle), so a read leaves no garbage for the cyclic collector, which
:func:`govdisclosure.reading.read` pauses (a test checks that reading makes no cycles)."""

_new = tuple.__new__  # ``_new(Part, (…))``: a Part without the call to its keyword-taking ``__new__``
_MISSING = Part("", None, -1, missing=True)
"""The part of a cell a reading leaves out (a tuple: one serves every such cell)."""


class Segmentation(NamedTuple):
    """The readings of a row (a tuple: made once per row, on the readers' hot path)."""

    readings: tuple[Reading, ...]
    how: str
    """direct | trimmed | extra | split | placement | floating | aligned | out-of-order | interrupted | misfit |
    split-header | cut | none"""
    total: int
    """How many readings the pieces allow before arithmetic."""
    inconsistent: bool = False
    """No reading satisfies the row's arithmetic (see also :attr:`rejected`)."""
    too_many: bool = False
    rejected: Reading | None = None
    """The only way the digits split, left out because it breaks the row's arithmetic."""
    verified: bool = False
    """Its one reading is known to pass :func:`_verified` (found while its sums were checked)."""


_SPLITTABLE = re.compile(r"^(?P<prefix>[+-]|增|减)?(?P<digits>\d+)(?P<suffix>(?:\.\d+)?(?:万元|元|件|项|个|条)?)$")


class _Unit(NamedTuple):
    """A piece prepared for splitting (a tuple, built with :data:`_new` and every field in order)."""

    raw: str
    origin: Origin | None
    piece: int
    """Its position among the row's pieces."""
    prefix: str
    digits: str
    suffix: str
    atomic: bool


def _prepare(pieces: Sequence[Piece]) -> list[_Unit]:
    units = []
    for i, piece in enumerate(pieces):
        text = piece.text
        if len(text) > 1 and text.isascii() and text.isdigit() and not piece.empty:
            # (digits alone, the common case: what the pattern below finds, without it)
            units.append(_new(_Unit, (text, piece.origin, i, "", text, "", False)))
            continue
        if not text.isascii():
            text = normalise(text)
        text = text.strip()
        match = _SPLITTABLE.match(text) if not piece.empty and len(text) == len(piece.text) else None
        if match and len(digits := match.group("digits")) > 1:
            prefix, suffix = match.group("prefix", "suffix")
            units.append(_new(_Unit, (piece.text, piece.origin, i, prefix or "", digits, suffix, False)))
        else:
            units.append(_new(_Unit, (piece.text, piece.origin, i, "", "", "", True)))
    return units


def _affixes(raw: str) -> tuple[str, str]:
    match = _SPLITTABLE.match(normalise(raw))
    if match is None:
        return "", ""
    return match.group("prefix") or "", match.group("suffix")


_AMOUNT = ValueType.AMOUNT  # (an enum member looked up on its class costs a descriptor call)


def _max_digits(column: ColumnSpec) -> int:
    return MAX_AMOUNT_DIGITS if column.value_type is _AMOUNT else MAX_COUNT_DIGITS


_FITS: dict[tuple[ValueType, str, str], bool] = {}


def _part_fits(column: ColumnSpec, prefix: str, suffix: str) -> bool:
    if not prefix and not suffix:
        return True
    key = (column.value_type, prefix, suffix)
    found = _FITS.get(key)
    if found is None:
        found = _FITS[key] = _fits(column.value_type, prefix, suffix)
    return found


def _fits(value_type: ValueType, prefix: str, suffix: str) -> bool:
    if prefix and value_type is not ValueType.SIGNED:
        return False
    if "." in suffix and value_type is not ValueType.AMOUNT:
        return False
    return not (("元" in suffix) and value_type is not ValueType.AMOUNT)


def _ends(digits: str, off: int, top: int, inside: bool) -> Sequence[int]:
    """The ends a cell starting at ``digits[off]`` may have: no leading zero (a ``0`` is a cell of
    its own), no end past ``top`` (the bound the cell's width and the cells left set), and an end
    before the unit's last digit only where more cells than units are left (``inside``)."""
    size = len(digits)
    if digits[off] == "0":
        return (off + 1,) if off < top and (inside or off + 1 == size) else ()
    if inside:
        return range(off + 1, top + 1)
    return (size,) if top == size else ()


def _readings(units: list[_Unit], found: Sequence[tuple[tuple[str, int, int], ...]]) -> list[Reading]:
    """Readings as (token, unit, offset in the unit's text) per cell, made parts of the units' pieces."""
    origins = [u.origin for u in units]
    pieces = [u.piece for u in units]
    return [tuple([_new(Part, (raw, origins[ui], pieces[ui], False, start)) for raw, ui, start in reading])
            for reading in found]


def _count(units: list[_Unit], columns: Sequence[ColumnSpec]) -> int:
    """Number of readings (without arithmetic) by dynamic programming, cell by cell, over the
    positions (unit, offset in its digits) a reading can have reached. Only the positions from
    which the cells left can still be filled are kept (the bounds of :func:`_enumerate`)."""
    n = len(columns)
    n_units = len(units)
    capacity = list(itertools.accumulate((1 if u.atomic else len(u.digits) for u in reversed(units)), initial=0))[::-1]
    frontier: dict[tuple[int, int], int] = {(0, 0): 1}
    for ci, column in enumerate(columns):
        max_digits = _max_digits(column)
        cells_left = n - ci - 1
        reached: dict[tuple[int, int], int] = {}
        for (ui, off), ways in frontier.items():
            if ui == n_units:
                continue  # every unit placed, cells left
            later_units = n_units - ui - 1
            if cells_left < later_units:
                continue
            unit = units[ui]
            if unit.atomic:
                key = (ui + 1, 0)
                reached[key] = reached.get(key, 0) + ways
                continue
            digits = unit.digits
            size = len(digits)
            top = min(off + max_digits, size + capacity[ui + 1] - cells_left, size)
            prefix = unit.prefix if off == 0 else ""
            for end in _ends(digits, off, top, cells_left > later_units):
                last = end == size
                suffix = unit.suffix if last else ""
                if (prefix or suffix) and not _part_fits(column, prefix, suffix):
                    continue
                key = (ui + 1, 0) if last else (ui, end)
                reached[key] = reached.get(key, 0) + ways
        if not reached:
            return 0
        frontier = reached
    return frontier.get((n_units, 0), 0)


class _BudgetExceededError(Exception):
    pass


@functools.cache
def _room(max_digits: tuple[int, ...]) -> list[int]:
    """The most digits the cells from each cell on can hold (``[…, width of the last cell, 0]``)."""
    return list(itertools.accumulate(reversed(max_digits), initial=0))[::-1]


def _enumerate(
    units: list[_Unit], columns: Sequence[ColumnSpec], sums: Sequence[tuple[tuple[int, ...], int]], limit: int,
) -> list[Reading]:
    """Every reading, with each total cell forced to the sum of its addends (when they are numbers)."""
    n = len(columns)
    n_units = len(units)
    forced = {total: addends for addends, total in sums if all(a < total for a in addends)}
    found: list[tuple[tuple[str, int, int], ...]] = []  # (raw, unit, offset in the unit's text) per cell
    nodes = 0
    parts: list[tuple[str, int, int]] = []
    values: list[int | None] = []
    max_digits = [_max_digits(c) for c in columns]
    # The most cells the units after each unit can fill (one per digit, one per atomic unit).
    capacity = list(itertools.accumulate((1 if u.atomic else len(u.digits) for u in reversed(units)), initial=0))[::-1]
    room = _room(tuple(max_digits))

    # Per unit, read once: (atomic, raw, digits, prefix, suffix, negative).
    shapes = [(u.atomic, u.raw, u.digits, u.prefix, u.suffix, u.prefix in ("-", "减")) for u in units]
    # A row whose last cell is the total of all the others (R3: 总计 = the applicants' columns), its
    # figures unsigned: once inside the last unit, the addends found so far cannot exceed the largest
    # total the digits left can still form, so such branches are cut early (the same readings).
    last_total = len(forced) == 1 and forced.get(n - 1) == tuple(range(n - 1)) and not any(
        u.prefix for u in units)

    def rec(ci: int, ui: int, off: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > NODE_BUDGET or len(found) > limit:
            raise _BudgetExceededError
        if ui == n_units:
            if ci == n:
                found.append(tuple(parts))
            return
        if n - ci < n_units - ui:
            return
        atomic, raw, digits, unit_prefix, unit_suffix, negative = shapes[ui]
        if atomic:
            if off:
                return
            parts.append((raw, ui, 0))
            if forced:
                values.append(_int_value(raw, columns[ci]))
            rec(ci + 1, ui + 1, 0)
            parts.pop()
            if forced:
                values.pop()
            return
        size = len(digits)
        cells_left = n - ci - 1
        # The ends this cell may have: the cells left must be fillable by the digits left (one per
        # digit, one per atomic unit after this one), and vice versa; an end inside the unit leaves
        # one more unit to place.
        top = min(off + max_digits[ci], size + capacity[ui + 1] - cells_left, size)
        later_units = n_units - ui - 1
        if cells_left < later_units:
            return
        inside = cells_left >= later_units + 1  # an end before the unit's last digit is possible
        if last_total and ui == n_units - 1 and 0 < ci < n - 1 and None not in values:
            rest = digits[off + n - 1 - ci:]  # (each addend left takes a digit at least)
            if not rest or sum(values) > int(rest):  # type: ignore[arg-type]
                return
        if forced and ci in forced and None not in (addend_values := [values[a] for a in forced[ci]]):
            target = str(sum(addend_values))  # type: ignore[arg-type]
            ends: Sequence[int] = [off + len(target)] if digits.startswith(target, off) else []
        else:
            ends = _ends(digits, off, top, inside)
        prefix = unit_prefix if off == 0 else ""
        column = columns[ci]
        shift = 0 if off == 0 else len(unit_prefix) + off
        low = size + capacity[ui + 1] - room[ci + 1]  # (the cells after it cannot hold more digits)
        for end in ends:
            if end > top or end < low:
                continue
            last = end == size
            if not last and not inside:
                continue
            suffix = unit_suffix if last else ""
            if (prefix or suffix) and not _part_fits(column, prefix, suffix):
                continue
            parts.append((prefix + digits[off:end] + suffix, ui, shift))
            if forced:
                value = int(digits[off:end])
                values.append(-value if negative and off == 0 else value)
            rec(ci + 1, ui + 1 if last else ui, 0 if last else end)
            parts.pop()
            if forced:
                values.pop()

    try:
        rec(0, 0, 0)
    finally:
        rec = _RELEASED
    return _readings(units, found)


PLAIN_NODE_BUDGET = 20_000
LEAN_EXTRA_DIGITS = 2
"""A run of digits with a total in its last cell is split by listing every reading only while it
has at most this many digits more than cells (seven cells, nine digits: 28 readings at most)."""


_Raw = tuple[tuple[str, int, int], ...]  # a reading as (token, unit, offset in the unit) per cell


def _plain_split(units: list[_Unit], columns: Sequence[ColumnSpec], sums: Sequence[tuple[tuple[int, ...], int]],
                 ) -> tuple[list[_Raw], list[_Raw], Callable[[list[_Raw]], list[Reading]]] | None:
    """The common run-together row, searched without the general machinery: every piece is digits
    only (no sign, unit, decimals or other token), and the row has no arithmetic or only a total
    in its last cell (R3). Every reading (as :func:`_enumerate` lists them without sums, in its
    order) and those whose last cell is the sum of the others (as it lists them with the sum); the
    count of the first is the row's count before arithmetic. Both as tokens and positions, with the
    function that makes them readings (only those used are made). ``None`` where this does not
    apply, or for more than :data:`MAX_LISTED` readings or :data:`PLAIN_NODE_BUDGET` search nodes:
    the general search then decides."""
    n = len(columns)
    if sums and (len(sums) != 1 or sums[0] != (tuple(range(n - 1)), n - 1)):
        return None
    if any(u.atomic or u.prefix or u.suffix for u in units):
        return None
    last_total = bool(sums)
    n_units = len(units)
    all_digits = [u.digits for u in units]
    max_digits = [_max_digits(c) for c in columns]
    if n_units == 1:
        if last_total and len(all_digits[0]) > n + LEAN_EXTRA_DIGITS:
            # Many readings: counting them and searching only those that add up (the general path,
            # :func:`_blocks_split`) is cheaper than listing every one.
            return None
        single = _single_split(all_digits[0], max_digits, last_total)
        return None if single is None else (*single, functools.partial(_readings, units))
    capacity = list(itertools.accumulate((len(d) for d in reversed(all_digits)), initial=0))[::-1]
    found: list[_Raw] = []
    consistent: list[_Raw] = []
    nodes = 0

    def rec(ci: int, ui: int, off: int, parts: _Raw, total: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > PLAIN_NODE_BUDGET:
            raise _BudgetExceededError
        digits = all_digits[ui]
        size = len(digits)
        cells_left = n - ci - 1
        later_units = n_units - ui - 1
        if cells_left < later_units:
            return
        if not cells_left:  # the last cell: the rest of the last unit
            _last_cell(parts, digits, ui, off, max_digits[ci], total if last_total else None, found, consistent)
            return
        top = min(off + max_digits[ci], size + capacity[ui + 1] - cells_left, size)
        for end in _ends(digits, off, top, cells_left > later_units):
            cell = digits[off:end]
            last = end == size
            rec(ci + 1, ui + 1 if last else ui, 0 if last else end, (*parts, (cell, ui, off)),
                total + int(cell) if last_total else 0)

    try:
        rec(0, 0, 0, (), 0)
    except _BudgetExceededError:
        return None
    finally:
        rec = _RELEASED
    return found, consistent, functools.partial(_readings, units)


def _last_cell(cells: Sequence[tuple[str, int, int]], digits: str, unit: int, off: int, max_digits: int,
               total: int | None, found: list[_Raw], consistent: list[_Raw]) -> None:
    """The last cell of a lean search's reading: the rest of the digits, where it fits (no wider
    than ``max_digits``, no leading zero); the reading is listed in ``found`` and, where the row's
    total (``total``, the sum of the other cells; ``None`` for a row without one) is what the cell
    prints, in ``consistent``."""
    cell = digits[off:]
    if len(cell) <= max_digits and (cell[0] != "0" or len(cell) == 1):
        reading = (*cells, (cell, unit, off))
        found.append(reading)
        if len(found) > MAX_LISTED:
            raise _BudgetExceededError
        if total is not None and cell == str(total):
            consistent.append(reading)


def _single_split(digits: str, max_digits: list[int], last_total: bool) -> tuple[list[_Raw], list[_Raw]] | None:
    """:func:`_plain_split` of one run of digits (the common case): the same search, readings and
    order, without the bookkeeping of several runs (a cell ends before the run's last digit until
    the last cell, which takes the rest)."""
    n = len(max_digits)
    size = len(digits)
    found: list[_Raw] = []
    consistent: list[_Raw] = []
    cells: list[tuple[str, int, int]] = []
    nodes = 0
    # A run longer than the last cell's width and a digit for each other cell may leave the cells
    # after one more digits than they can hold: then each cell ends no sooner than ``low`` (the most
    # digits the cells from each on hold are its ``room``).
    room = _room(tuple(max_digits)) if size > max_digits[-1] + n - 1 else None

    def rec(ci: int, off: int, total: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > PLAIN_NODE_BUDGET:
            raise _BudgetExceededError
        cells_left = n - ci - 1
        if not cells_left:  # the last cell: the rest of the digits
            _last_cell(cells, digits, 0, off, max_digits[ci], total if last_total else None, found, consistent)
            return
        top = off + max_digits[ci]
        if top > size - cells_left:
            top = size - cells_left  # (a digit at least for each cell left)
        low = off + 1
        if room is not None and low < size - room[ci + 1]:
            low = size - room[ci + 1]
        if digits[off] == "0":  # a 0 is a cell of its own
            if off < top and off + 1 >= low:
                cells.append(("0", 0, off))
                rec(ci + 1, off + 1, total)
                cells.pop()
            return
        for end in range(low, top + 1):
            cell = digits[off:end]
            cells.append((cell, 0, off))
            rec(ci + 1, end, total + int(cell) if last_total else 0)
            cells.pop()

    try:
        rec(0, 0, 0)
    except _BudgetExceededError:
        return None
    finally:
        rec = _RELEASED
    return found, consistent


def _consistent(units: list[_Unit], columns: Sequence[ColumnSpec],
                sums: Sequence[tuple[tuple[int, ...], int]]) -> list[Reading]:
    """:func:`_enumerate` with ``sums`` (at most :data:`MAX_LISTED` readings): for one run of digits
    whose cells are blocks of addends each followed by their total (a row of section 三, R3; the row
    of section 四, R5), by :func:`_blocks_split`, which never lists a split that cannot add up; else
    by the general search."""
    unit = units[0]
    blocks = _blocks(sums, len(columns))
    if blocks and len(units) == 1 and not unit.atomic and not unit.prefix and not unit.suffix:
        found = _blocks_split(unit.digits, [_max_digits(c) for c in columns], blocks, MAX_LISTED)
        return _readings(units, found)
    return _enumerate(units, columns, sums, MAX_LISTED)


def _blocks(sums: Sequence[tuple[tuple[int, ...], int]], n: int) -> list[int] | None:
    """The number of addends of each block, where ``sums`` divide the ``n`` cells into blocks of
    addends followed by their total (``[6]`` for section 三's rows, ``[4, 4, 4]`` for section 四's);
    else ``None``."""
    sizes = []
    start = 0
    for addends, total in sorted(sums, key=lambda s: s[1]):
        if addends != tuple(range(start, total)) or total == start:
            return None
        sizes.append(total - start)
        start = total + 1
    return sizes if sizes and start == n else None


def _blocks_split(digits: str, max_digits: list[int], blocks: list[int], limit: int) -> list[_Raw]:
    """Every split of ``digits`` into cells (no leading zero, at most ``max_digits`` wide) where each
    block's total (the cell after its addends, see :func:`_blocks`) is the sum of its addends, in the
    order :func:`_enumerate` lists them (by the ends of the cells, first cell first).

    A cell's figure is no wider than the sum it is part of, and never exceeds the figure of the
    digits it and the block's cells after it stand on: a branch that cannot add up is cut, so the
    search visits the splits that can, not all of them. More than ``limit`` readings:
    :class:`_BudgetExceededError`."""
    size = len(digits)
    first = list(itertools.accumulate((k + 1 for k in blocks), initial=0))  # each block's first cell
    room = _room(tuple(max_digits))

    def addends(off: int, stop: int, ci: int, last: int, rest: int,
                memo: dict[tuple[int, int, int], list[tuple[int, ...]]]) -> list[tuple[int, ...]]:
        # The splits of digits[off:stop] into cells ci … last that sum to ``rest`` (their ends).
        key = (off, ci, rest)
        known = memo.get(key)
        if known is not None:
            return known
        out: list[tuple[int, ...]] = []
        if ci == last:  # the block's last addend: the digits left
            cell = digits[off:stop]
            if len(cell) <= max_digits[ci] and (cell[0] != "0" or len(cell) == 1) and int(cell) == rest:
                out.append(())
        else:
            top = min(off + max_digits[ci], stop - (last - ci))  # (a digit at least for each addend left)
            for end in (off + 1,) if digits[off] == "0" else range(off + 1, top + 1):
                value = int(digits[off:end])
                if value > rest:
                    break  # (the figures only grow with the cell)
                left = rest - value
                if stop - end > (last - ci) * len(str(left)) or left > int(digits[end:stop]):
                    # The addends after it are no wider than the sum left (no leading zero), and
                    # cannot sum to more than their digits read as one figure.
                    continue
                out.extend((end, *tail) for tail in addends(end, stop, ci + 1, last, left, memo))
                if len(out) > limit:
                    raise _BudgetExceededError
        memo[key] = out
        return out

    tails: dict[tuple[int, int], list[tuple[int, ...]]] = {}

    def from_block(b: int, off: int) -> list[tuple[int, ...]]:
        # The splits of digits[off:] into blocks b … (the ends of their cells).
        if (b, off) in tails:
            return tails[(b, off)]
        out: list[tuple[int, ...]] = []
        if b == len(blocks):
            if off == size:
                out.append(())
            tails[(b, off)] = out
            return out
        k = blocks[b]
        total_column = first[b] + k
        later = first[-1] - first[b + 1]  # the cells of the blocks after this one: a digit at least each
        # Where the block's total starts: after a digit at least per addend, and no further than
        # the addends' widths reach; it ends where the blocks after it can hold the digits left.
        lowest_end = size - room[first[b + 1]]
        for start in range(off + k, min(off + room[first[b]] - room[total_column], size - later - 1) + 1):
            top = 1 if digits[start] == "0" else max_digits[total_column]  # (a 0 is a cell of its own)
            for end in range(max(start + 1, lowest_end), min(start + top, size - later) + 1):
                rest = from_block(b + 1, end)
                if not rest:
                    continue
                for split in addends(off, start, first[b], total_column - 1, int(digits[start:end]), {}):
                    out.extend((*split, start, end, *tail) for tail in rest)
                    if len(out) > limit:
                        raise _BudgetExceededError
        tails[(b, off)] = out
        return out

    try:
        found = sorted(from_block(0, 0))
    finally:
        addends = from_block = _RELEASED
    result: list[_Raw] = []
    for ends in found:
        starts = (0, *ends[:-1])
        result.append(tuple((digits[a:b], 0, a) for a, b in zip(starts, ends, strict=True)))
    return result


def _int_value(raw: str, column: ColumnSpec) -> int | None:
    value = token_value(raw, column)
    return value if isinstance(value, int) else None


def _reading_values(reading: Reading, columns: Sequence[ColumnSpec]) -> list[int | Decimal | None]:
    """The figure each cell of a reading holds (``None`` for a cell left out or that holds none):
    :func:`token_value` per cell, in one loop (the tokens' parts looked up in their cache here: a
    call per cell costs more than the lookup)."""
    if len(reading) != len(columns):
        raise ValueError(f"a reading of {len(reading)} cells for {len(columns)} columns")
    seen_tokens = _SEEN_TOKENS
    out: list[int | Decimal | None] = []
    for raw, _, _, missing, _ in reading:
        column = columns[len(out)]
        if missing:
            out.append(None)
            continue
        seen = seen_tokens.get((raw, id(column)))
        out.append(seen[1][1] if seen is not None and seen[0] is column else token_value(raw, column))
    return out


def _int_values(reading: Reading, columns: Sequence[ColumnSpec]) -> list[int | None]:
    """The count each cell of a reading holds: :func:`_reading_values` without amounts, in a loop of
    its own (it checks every split of a row's digits: filtering that list costs 1–2 % of reading)."""
    if len(reading) != len(columns):
        raise ValueError(f"a reading of {len(reading)} cells for {len(columns)} columns")
    seen_tokens = _SEEN_TOKENS
    out: list[int | None] = []
    for raw, _, _, missing, _ in reading:
        column = columns[len(out)]
        if missing:
            out.append(None)
            continue
        seen = seen_tokens.get((raw, id(column)))
        value = seen[1][1] if seen is not None and seen[0] is column else token_value(raw, column)
        out.append(value if isinstance(value, int) else None)
    return out


def _sums_hold(reading: Reading, columns: Sequence[ColumnSpec], sums: Sequence[tuple[tuple[int, ...], int]]) -> bool:
    return _hold(_int_values(reading, columns), sums)


def _hold(values: Sequence[int | Decimal | None], sums: Sequence[tuple[tuple[int, ...], int]]) -> bool:
    """Every sum whose cells all have a figure holds."""
    for addends, total in sums:
        expected = values[total]
        if expected is None:
            continue
        terms = [values[a] for a in addends]
        if None in terms:
            continue
        if sum(terms) != expected:  # type: ignore[arg-type]  # (no None among them)
            return False
    return True


def _dedupe(readings: Sequence[Reading]) -> list[Reading]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for reading in readings:
        key = tuple("\0" if p.missing else p.raw for p in reading)
        if key not in seen:
            seen.add(key)
            out.append(reading)
    return out


def segment(
    pieces: Sequence[Piece], columns: Sequence[ColumnSpec], sums: Sequence[tuple[tuple[int, ...], int]] = (),
) -> Segmentation:
    """Every reading of ``pieces`` as the cells of ``columns``.

    ``sums`` are the row's own identities as ``(addend positions, total position)``: they choose
    among several readings, and they reject a split of run-together digits that the digits alone
    force but that breaks them (see :attr:`Segmentation.rejected`). A row printed with one token
    per cell is never rejected: its arithmetic is for the validation rules to judge.
    """
    n = len(columns)
    items = list(pieces)
    how = "direct"
    # Merged-cell artefacts: empty cells at the ends of a row that has too many.
    extra = len(items) - n
    lead = trail = 0
    if extra > 0 and (items[0].empty or items[-1].empty):
        lead = next((i for i, p in enumerate(items) if not p.empty), len(items))
        trail = next((i for i, p in enumerate(reversed(items)) if not p.empty), len(items))
    if extra > 0 and lead + trail > 0 and lead < len(items):
        cut = min(extra, lead + trail)
        ways = [(a, cut - a) for a in range(max(0, cut - trail), min(lead, cut) + 1)]
        if len(ways) > 1:
            # Empty cells at both ends, fewer to drop: which ones is not shown, so each is a reading.
            readings = [tuple([_new(Part, (items[i].text, items[i].origin, i, False, 0))
                               for i in range(a, len(items) - b)]) for a, b in ways]
            return _choose(_dedupe(readings), columns, sums, "trimmed")
        a, b = ways[0]
        items = items[a:len(items) - b]
        how = "trimmed"
    elif extra > 0 and lead == len(items):
        items = items[:n]
        how = "trimmed"
    if not items:
        return Segmentation((), "none", 0)
    if len(items) == n:
        reading = tuple([_new(Part, (p.text, p.origin, i, False, 0)) for i, p in enumerate(items)])
        return Segmentation((reading,), how, 1)
    if len(items) > n:
        extra = len(items) - n
        if extra > MAX_EXTRA:
            return Segmentation((), "extra", 0, too_many=True)
        readings = []
        texts = [p.text for p in items]
        seen: set[tuple[str, ...]] = set()  # (the readings as their tokens: :func:`_dedupe` before they are made)
        for dropped in itertools.combinations(range(len(items)), extra):
            kept = [i for i in range(len(items)) if i not in dropped]
            key = tuple([texts[i] for i in kept])
            if key in seen:
                continue
            seen.add(key)
            readings.append(tuple([_new(Part, (texts[i], items[i].origin, i, False, 0)) for i in kept]))
        return _choose(readings, columns, sums, "extra")
    first = items[0]
    if len(items) == 1 and len(text := first.text) == n and text.isdigit() and text.isascii() and not first.empty:
        # One digit per cell (a crawler's "0000000"): what _prepare and _split give, without them.
        origin = first.origin
        single = tuple([_new(Part, (digit, origin, 0, False, k)) for k, digit in enumerate(text)])
        split = Segmentation((single,), "split", 1) if not text.strip("0") else _split_checked(single, columns, sums)
        if first.glued or text[0] == "0":
            return split
    else:
        units = _prepare(items)
        split = _split(units, items, columns, sums)
        if split.how != "split" or (len(items) < 2 and first.glued) or any(
                not u.atomic and (u.digits[0] == "0" and len(u.digits) > 1) for u in units):
            return split
    # Whitespace separates the pieces, so a cell may as well have been left blank (its gap lost,
    # as in text copied from a page or a PDF) as run together with its neighbour: both are readings.
    placed = _placements(items, n)
    if split.too_many:
        return split
    if not placed:
        # More than two blank cells would have lost their gaps: too many placements to list. The
        # split stands alone only where the row's own arithmetic checks every figure of it.
        if not split.readings or split.verified or (
                not split.inconsistent and all(_verified(r, columns, sums) for r in split.readings)):
            return split  # (no reading: no cell is read from it anyway)
        return Segmentation((), "placement", split.total, too_many=True)
    readings = [*(() if split.inconsistent else split.readings), *placed]
    return Segmentation(tuple(readings), "split", split.total + len(placed))


def _verified(reading: Reading, columns: Sequence[ColumnSpec], sums: Sequence[tuple[tuple[int, ...], int]]) -> bool:
    """Every cell of the reading is a figure in one of the row's sums, and they hold (the arithmetic
    checks them all)."""
    if _covered(tuple(sums)) != len(columns):
        return False
    values = _int_values(reading, columns)
    return None not in values and _hold(values, sums)


@functools.lru_cache(maxsize=256)
def _covered(sums: tuple[tuple[tuple[int, ...], int], ...]) -> int:
    """How many cells the sums name."""
    return len({cell for addends, total in sums for cell in (*addends, total)})


def _placements(items: Sequence[Piece], n: int) -> list[Reading]:
    """Every placement of the pieces, in order, in ``n`` cells (at most two left blank)."""
    if n - len(items) > 2:
        return []
    readings = []
    for positions in itertools.combinations(range(n), len(items)):
        row: list[Part] = [_MISSING] * n
        for i, position in enumerate(positions):
            row[position] = _new(Part, (items[i].text, items[i].origin, i, False, 0))
        readings.append(tuple(row))
    return readings


def _split(units: list[_Unit], items: Sequence[Piece], columns: Sequence[ColumnSpec],
           sums: Sequence[tuple[tuple[int, ...], int]]) -> Segmentation:
    """The readings of fewer pieces than cells as digits run together (or, failing any, as a row
    that lost cells)."""
    n = len(columns)
    digits = sum([1 if u.atomic else len(u.digits) for u in units])
    if digits == n:
        # One digit per cell: the only reading (a common crawler artefact, "0000000").
        single: list[Part] = []
        fits = True
        for unit in units:
            if unit.atomic:
                if fits:
                    prefix, suffix = _affixes(unit.raw)
                    fits = _part_fits(columns[len(single)], prefix, suffix)
                single.append(_new(Part, (unit.raw, unit.origin, unit.piece, False, 0)))
                continue
            if not unit.prefix and not unit.suffix:  # (the common case: digits alone)
                origin, index = unit.origin, unit.piece
                single.extend([_new(Part, (digit, origin, index, False, k)) for k, digit in enumerate(unit.digits)])
                continue
            last = len(unit.digits) - 1
            for k, digit in enumerate(unit.digits):
                prefix = unit.prefix if k == 0 else ""
                suffix = unit.suffix if k == last else ""
                if fits and (prefix or suffix):
                    fits = _part_fits(columns[len(single)], prefix, suffix)
                single.append(_new(Part, (prefix + digit + suffix, unit.origin, unit.piece, False,
                                    0 if k == 0 else len(unit.prefix) + k)))
        if fits:
            if all(not u.atomic and not u.digits.strip("0") for u in units):
                return Segmentation((tuple(single),), "split", 1)  # zeros: every sum holds
            return _split_checked(tuple(single), columns, sums)
    plain = _plain_split(units, columns, sums)
    if plain is not None:
        found, consistent, parts_of = plain
        if len(found) == 1:
            return _split_checked(parts_of(found)[0], columns, sums)
        if len(found) > 1:
            if not sums:
                return Segmentation(tuple(parts_of(found)), "split", len(found))
            if consistent:
                return Segmentation(tuple(parts_of(consistent)), "split", len(found))
            sample = parts_of(found) if len(found) <= 20 else []
            return Segmentation(tuple(sample), "split", len(found), inconsistent=True)
        total = 0
    elif not sums:
        try:
            listed = _enumerate(units, columns, (), MAX_LISTED)
        except _BudgetExceededError:
            return Segmentation((), "split", _count(units, columns), too_many=True)
        if listed:
            return Segmentation(tuple(listed), "split", len(listed))
        total = 0
    else:
        total = _count(units, columns)
    if total == 1:
        try:
            return _split_checked(_enumerate(units, columns, (), 1)[0], columns, sums)
        except _BudgetExceededError:
            return Segmentation((), "split", total, too_many=True)
    if total > 1:
        try:
            if sums:
                readings = [r for r in _consistent(units, columns, sums) if _sums_hold(r, columns, sums)]
                if readings:
                    return Segmentation(tuple(_dedupe(readings)), "split", total)
                sample = _enumerate(units, columns, (), 20) if total <= 20 else []
                return Segmentation(tuple(sample), "split", total, inconsistent=True)
            if total > MAX_LISTED:
                return Segmentation((), "split", total, too_many=True)
            return Segmentation(tuple(_enumerate(units, columns, (), MAX_LISTED)), "split", total)
        except _BudgetExceededError:
            return Segmentation((), "split", total, too_many=True)
    # Fewer values than columns and no split: the row lost cells. Every placement keeps the order.
    if n - len(items) > 2:
        return Segmentation((), "placement", 0, too_many=True)
    placed = _placements(items, n)
    return Segmentation(tuple(placed), "placement", len(placed))


def _split_checked(reading: Reading, columns: Sequence[ColumnSpec],
                   sums: Sequence[tuple[tuple[int, ...], int]]) -> Segmentation:
    """The one way the digits split, unless it breaks the row's own sums: then the split itself
    is in doubt (cells lost or moved, as PDF text extraction does), and no reading is given."""
    if not sums:
        return Segmentation((reading,), "split", 1)
    values = _int_values(reading, columns)
    if _hold(values, sums):
        return Segmentation((reading,), "split", 1,
                            verified=None not in values and _covered(tuple(sums)) == len(columns))
    return Segmentation((), "split", 1, inconsistent=True, rejected=reading)


def _choose(readings: list[Reading], columns: Sequence[ColumnSpec], sums: Sequence[tuple[tuple[int, ...], int]],
            how: str) -> Segmentation:
    if len(readings) <= 1 or not sums:
        return Segmentation(tuple(readings), how, len(readings))
    kept = [r for r in readings if _sums_hold(r, columns, sums)]
    if not kept:
        return Segmentation(tuple(readings), how, len(readings), inconsistent=True)
    return Segmentation(tuple(kept), how, len(readings))
