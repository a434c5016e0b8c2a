"""Splitting run-together digits: the search agrees with brute force on every small row."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import Format, spec
from govdisclosure._segment import MAX_COUNT_DIGITS, Piece, segment

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
