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
