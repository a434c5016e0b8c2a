"""Splitting run-together digits: the search agrees with brute force on every small row."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import Format, spec
from govdisclosure._segment import (
    MAX_COUNT_DIGITS,
    MAX_LISTED,
    Piece,
    _BudgetExceededError,
    _consistent,
    _enumerate,
    _prepare,
    _sums_hold,
    segment,
)
from govdisclosure.template import ColumnSpec

COLUMNS = spec(Format.V2021).table("requests").columns_of("new_received")  # six applicants and 总计
TOTAL = ((tuple(range(len(COLUMNS) - 1)), len(COLUMNS) - 1),)  # R3: 总计 = the applicants' columns


def brute_force(digits: str, n: int, sums: tuple[tuple[tuple[int, ...], int], ...]) -> set[tuple[str, ...]]:
    """Every cut of ``digits`` into ``n`` cells without leading zeros, whose sums hold."""
    found = set()
    for cuts in itertools.combinations(range(1, len(digits)), n - 1):
        cells = [digits[a:b] for a, b in itertools.pairwise((0, *cuts, len(digits)))]
        if any(len(c) > MAX_COUNT_DIGITS or (len(c) > 1 and c[0] == "0") for c in cells):
            continue
        if all(sum(int(cells[a]) for a in addends) == int(cells[total]) for addends, total in sums):
            found.add(tuple(cells))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=6, max_size=6))
def test_split_by_the_row_total_is_every_consistent_cut(applicants: list[int]) -> None:
    digits = "".join(map(str, [*applicants, sum(applicants)]))
    expected = brute_force(digits, len(COLUMNS), TOTAL)
    result = segment([Piece(digits)], COLUMNS, TOTAL)
    got = {tuple(p.raw for p in reading) for reading in result.readings}
    if len(digits) == len(COLUMNS):
        # One digit per cell is the only cut there is (it holds: the row was built to add up).
        assert got == expected == {tuple(digits)}
    else:
        assert got == expected
        assert tuple(map(str, [*applicants, sum(applicants)])) in got


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=8, max_size=14))
def test_any_digits_split_by_the_row_total_as_brute_force_does(digits: str) -> None:
    expected = brute_force(digits, len(COLUMNS), TOTAL)
    result = segment([Piece(digits)], COLUMNS, TOTAL)
    if result.too_many:
        return
    got = {tuple(p.raw for p in reading) for reading in result.readings}
    assert got == expected or (not expected and result.inconsistent)


# Section 二's rows: three columns without arithmetic, one of them an amount in some rows.
ACTIVE_COLUMNS = spec(Format.V2021).table("active_disclosure").columns_of("rules")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0000123456789", min_size=2, max_size=7), min_size=1, max_size=3),
       st.booleans(), st.booleans())
def test_the_lean_split_lists_what_the_general_search_lists(pieces: list[str], with_total: bool,
                                                           active: bool) -> None:
    # Rows of digits only take a lean search (_plain_split, and _single_split for one run of digits);
    # it must give every reading the general search (_enumerate) gives, in its order, and with the
    # row's total those that the sum allows.
    from govdisclosure._segment import MAX_LISTED, _BudgetExceededError, _enumerate, _plain_split, _prepare

    units = _prepare([Piece(p) for p in pieces])
    columns = ACTIVE_COLUMNS if active else COLUMNS
    sums = TOTAL if with_total and not active else ()
    plain = _plain_split(units, columns, sums)
    if any(u.atomic for u in units):
        assert plain is None  # (a single digit is a whole token: the general search handles it)
        return
    try:
        general = _enumerate(units, columns, (), MAX_LISTED)
        forced = _enumerate(units, columns, sums, MAX_LISTED) if sums else []
    except _BudgetExceededError:
        assert plain is None
        return
    assert plain is not None
    found, consistent, parts_of = plain
    assert parts_of(found) == general
    if sums:
        holding = [r for r in forced if sum(int(p.raw) for p in r[:-1]) == int(r[-1].raw)]
        assert parts_of(consistent) == holding


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0000123456789", min_size=3, max_size=22))
def test_one_run_of_digits_splits_into_section_two_cells_as_brute_force_does(digits: str) -> None:
    # Three cells of at most nine digits each (the run may be too long for them). The readings that
    # place the whole run in one cell, the others left blank, are not splits.
    result = segment([Piece(digits)], ACTIVE_COLUMNS)
    got = {tuple(p.raw for p in reading) for reading in result.readings if not any(p.missing for p in reading)}
    assert got == brute_force(digits, len(ACTIVE_COLUMNS), ()) or result.too_many


# Long rows: the split under the totals is searched without listing every split (section 三's rows,
# one total; section 四's row, three blocks of four figures and their total). It must list exactly
# what the general search lists, in its order, also where there are far too many splits to list.
S4_COLUMNS = spec(Format.V2021).table("review_litigation").columns_of("count")
S4_TOTALS = tuple((tuple(range(start, start + 4)), start + 4) for start in (0, 5, 10))


def _general(digits: str, columns: Sequence[ColumnSpec],
             sums: tuple[tuple[tuple[int, ...], int], ...]) -> list[tuple[str, ...]] | None:
    """The general search's readings under ``sums`` (None where it runs out of budget)."""
    units = _prepare([Piece(digits)])
    try:
        readings = _enumerate(units, columns, sums, MAX_LISTED)
    except _BudgetExceededError:
        return None
    return [tuple(p.raw for p in r) for r in readings if _sums_hold(r, columns, sums)]


def _blocked(figures: list[int], block: int) -> list[int]:
    cells: list[int] = []
    for start in range(0, len(figures), block):
        part = figures[start:start + block]
        cells += [*part, sum(part)]
    return cells


def _fast(digits: str, columns: Sequence[ColumnSpec],
          sums: tuple[tuple[tuple[int, ...], int], ...]) -> list[tuple[str, ...]]:
    """The readings under ``sums`` as the reader searches them."""
    return [tuple(p.raw for p in r) for r in _consistent(_prepare([Piece(digits)]), columns, sums)]


def _check_built_row(cells: tuple[str, ...], columns: Sequence[ColumnSpec],
                     sums: tuple[tuple[tuple[int, ...], int], ...]) -> list[tuple[str, ...]]:
    """The row the figures ``cells`` print run together is read with them among its readings, and
    as the general search reads it; its readings."""
    digits = "".join(cells)
    fast = _fast(digits, columns, sums)
    assert cells in fast
    general = _general(digits, columns, sums)
    assert general is None or fast == general
    return fast


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=999), min_size=6, max_size=6))
def test_a_long_row_splits_under_its_total_as_the_general_search_does(applicants: list[int]) -> None:
    cells = tuple(map(str, _blocked(applicants, 6)))
    fast = _check_built_row(cells, COLUMNS, TOTAL)
    digits = "".join(cells)
    if len(digits) <= 16:
        assert set(fast) == brute_force(digits, len(COLUMNS), TOTAL)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=99), min_size=12, max_size=12))
def test_section_four_splits_under_its_three_totals_as_the_general_search_does(figures: list[int]) -> None:
    cells = tuple(map(str, _blocked(figures, 4)))
    _check_built_row(cells, S4_COLUMNS, S4_TOTALS)
    result = segment([Piece("".join(cells))], S4_COLUMNS, S4_TOTALS)
    assert result.too_many or cells in {tuple(p.raw for p in r) for r in result.readings}


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0000123456789", min_size=16, max_size=28))
def test_any_long_digits_split_under_the_totals_as_the_general_search_does(digits: str) -> None:
    for columns, sums in ((COLUMNS, TOTAL), (S4_COLUMNS, S4_TOTALS)):
        try:
            fast: list[tuple[str, ...]] | None = _fast(digits, columns, sums)
        except _BudgetExceededError:
            fast = None
        general = _general(digits, columns, sums)
        if fast is not None and general is not None:
            assert fast == general


def test_a_row_that_splits_one_way_only_after_a_long_search_is_no_error() -> None:
    # 63 digits fill seven cells of nine digits one way only, and that way breaks the row's total:
    # the cells are in doubt (the search that finds the one split once ran out of budget and raised).
    result = segment([Piece("1" * 63)], COLUMNS, TOTAL)
    assert result.readings == () and result.inconsistent and result.total == 1
    assert result.rejected is not None and {p.raw for p in result.rejected} == {"1" * 9}
    section_four = segment([Piece("1" * 135)], S4_COLUMNS, S4_TOTALS)
    assert section_four.readings == () and section_four.total == 1


def test_figures_apart_with_more_than_two_blank_cells_lost_are_no_split_of_digits() -> None:
    # `1177 32 —` for seven cells: one digit per cell (1/1/7/7/3/2/—) is one reading, but the three
    # figures may as well stand apart, four blank cells between them having lost their gaps — too
    # many placements to list, and the row's total (—) checks nothing: the cells are in doubt.
    for pieces in (["1177", "32", "—"], ["645", "N/A", "127"], ["278", "1185", "10,000", "13,962"]):
        result = segment([Piece(p) for p in pieces], COLUMNS, TOTAL)
        assert result.readings == () and (result.too_many or result.inconsistent), pieces
    # Where the row's arithmetic checks every figure of the one split, the split stands.
    result = segment([Piece("110"), Piece("2004")], COLUMNS, TOTAL)
    assert [tuple(p.raw for p in r) for r in result.readings] == [("1", "1", "0", "2", "0", "0", "4")]


def test_a_figure_beside_runs_of_zeros_is_checked_by_the_row_total() -> None:
    # `5 000000` for seven cells splits one way only (5/0/0/0/0/0/0), which breaks the total: the
    # cells are in doubt, as for any split the digits force (the runs of zeros once made it pass
    # unchecked). Zeros alone, or beside a blank or a zero, hold.
    for pieces in (["5", "000000"], ["000000", "5"]):
        result = segment([Piece(p) for p in pieces], COLUMNS, TOTAL)
        assert result.readings == () and result.inconsistent, pieces
        assert result.rejected is not None and len(result.rejected) == len(COLUMNS)
    for pieces in (["0", "000000"], ["/", "000000"], ["0000000"]):
        result = segment([Piece(p) for p in pieces], COLUMNS, TOTAL)
        assert len(result.readings) == 1 and not result.inconsistent, pieces
    result = segment([Piece("6"), Piece("000006")], COLUMNS, TOTAL)
    assert [tuple(p.raw for p in r) for r in result.readings] == [("6", "0", "0", "0", "0", "0", "6")]
