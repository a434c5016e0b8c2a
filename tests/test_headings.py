"""Finding section headings: the quick searches against the plain regex ones."""

from __future__ import annotations

from govdisclosure._build import _HEADING_WORDS


def _overlap(a: str, b: str) -> bool:
    """``b`` inside ``a``, or an end of ``a`` that begins ``b``."""
    return b in a or any(a.endswith(b[:k]) for k in range(1, min(len(a), len(b))))


def test_heading_words_never_overlap() -> None:
    # Their occurrences, found word by word, are then the matches of one regex of them all.
    words = _HEADING_WORDS
    assert not [(a, b) for a in words for b in words if a != b and _overlap(a, b)]
    assert not [a for a in words if any(a.endswith(a[:k]) for k in range(1, len(a)))]
