"""Narrowing rows by the identities between rows (R1, R4): the readings kept are those that listing
every combination of the rows' readings keeps. An identity that no combination with every figure
known satisfies cannot choose (the report's own arithmetic fails there)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure._build import _satisfiable

ROWS = ("a", "b", "c", "d")
COLUMNS = ("x", "y")
POSITIONS = {row: {column: i for i, column in enumerate(COLUMNS)} for row in ROWS}

Value = int | Decimal | None


def _listing(terms: tuple[tuple[str, str, int], ...], variable: list[str],
             values: dict[str, list[tuple[Value, ...]]]) -> dict[str, set[int]]:
    """Every combination of the variable rows' readings, one by one (the rows not variable have one):
    the readings of the combinations that satisfy the identity or leave a cell of it without a
    figure — or every reading, where no combination with every figure known satisfies it."""
    keep: dict[str, set[int]] = {r: set() for r in variable}
    known_holds = False
    for combo in itertools.product(*(range(len(values[r])) for r in variable)):
        choice = dict(zip(variable, combo, strict=True))
        lhs = [values[r][choice.get(r, 0)][POSITIONS[r][c]] for r, c, sign in terms if sign > 0]
        rhs = [values[r][choice.get(r, 0)][POSITIONS[r][c]] for r, c, sign in terms if sign < 0]
        holds = sum(v for v in lhs if v is not None) == sum(v for v in rhs if v is not None)
        unknown = any(v is None for v in lhs + rhs)
        known_holds = known_holds or (holds and not unknown)
        if unknown or holds:
            for r, i in choice.items():
                keep[r].add(i)
    if not known_holds:
        return {r: set(range(len(values[r]))) for r in variable}
    return keep


values_ = st.one_of(st.none(), st.integers(min_value=0, max_value=6))
readings_ = st.lists(st.tuples(values_, values_), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(ROWS), st.sampled_from(COLUMNS), st.sampled_from((1, -1))),
             min_size=2, max_size=6).map(tuple),
    st.fixed_dictionaries(dict.fromkeys(ROWS, readings_)),
)
def test_the_readings_kept_are_those_some_combination_satisfies(
        terms: tuple[tuple[str, str, int], ...], values: dict[str, list[tuple[Value, ...]]]) -> None:
    involved = sorted({row for row, _, _ in terms})
    variable = [r for r in involved if len(values[r]) > 1]
    if not variable:
        return
    expected = _listing(terms, variable, values)
    got = _satisfiable(terms, variable, values, POSITIONS)
    if got is None:  # every reading qualifies
        assert all(expected[r] == set(range(len(values[r]))) for r in variable)
    else:
        assert got == expected
