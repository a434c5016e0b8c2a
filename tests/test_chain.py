"""The heaviest chain (section headings, table rows in template order) against brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure._build import _heaviest_chain

RANKS = 6


def brute_force(items: list[tuple[int, int]]) -> int:
    """The largest weight of a subsequence with strictly increasing ranks."""
    best = 0
    for size in range(1, len(items) + 1):
        for chosen in itertools.combinations(items, size):
            ranks = [rank for rank, _ in chosen]
            if all(a < b for a, b in itertools.pairwise(ranks)):
                best = max(best, sum(weight for _, weight in chosen))
    return best


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, RANKS - 1), st.integers(1, 4)), max_size=9))
def test_the_chain_rises_and_weighs_most(items: list[tuple[int, int]]) -> None:
    indexed = list(enumerate(items))
    chain = _heaviest_chain(indexed, lambda item: item[1][0], lambda item: item[1][1], RANKS)
    positions = [i for i, _ in chain]
    assert positions == sorted(set(positions))  # a subsequence, in the items' order
    assert all(a[1][0] < b[1][0] for a, b in itertools.pairwise(chain))
    assert sum(weight for _, (_, weight) in chain) == brute_force(items)


def test_of_equal_chains_the_one_ending_later_wins() -> None:
    # A table of contents (ranks 0, 1) before the text (ranks 0, 1 again): the text's headings win.
    items = [("toc", 0), ("toc", 1), ("text", 0), ("text", 1)]
    chain = _heaviest_chain(items, lambda item: item[1], lambda item: 1.0, 2)
    assert chain == [("text", 0), ("text", 1)]


def test_a_chain_continues_from_the_lowest_of_equally_heavy_lower_ranks() -> None:
    # "a" (rank 1) and then "b" (rank 0) each end a chain of weight 2; "c" (rank 2) continues the one
    # at the lower rank, "b", though "a" came first.
    items = [("a", 1), ("b", 0), ("c", 2)]
    chain = _heaviest_chain(items, lambda item: item[1], lambda item: 2.0 if item[0] != "c" else 1.0, 3)
    assert [name for name, _ in chain] == ["b", "c"]
