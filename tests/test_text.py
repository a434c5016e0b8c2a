"""The compact form of a text and its map back to the original (govdisclosure._text)."""

from __future__ import annotations

import bisect
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from govdisclosure._text import NormalisedText, normalise, sources_of

# Spaces of several kinds, and characters that normalise to one (full-width) or to several (㈠ → (一)).
_PIECES = [*"ab1２３（）、，。 \t\n\u3000\u00a0", "本年", "㈠", "  ", "\n\n"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
# Also a combining mark, which takes the exact path (normalised character by character).
_ANY_TEXTS = st.lists(st.sampled_from([*_PIECES, "e\u0301"]), max_size=40).map("".join)


@given(_TEXTS)
def test_compact_text_is_the_normalised_text_without_white_space(text: str) -> None:
    nt = NormalisedText(text)
    assert nt.text == "".join(normalise(text).split())
    assert len(nt.offsets) == len(nt.text)
    assert nt.offsets == sorted(nt.offsets)
    assert all(0 <= o < len(text) and not text[o].isspace() for o in nt.offsets)


@given(_TEXTS)
def test_offsets_of_one_to_one_text_are_its_non_space_positions(text: str) -> None:
    if len(normalise(text)) != len(text):
        return
    assert NormalisedText(text).offsets == [i for i, ch in enumerate(normalise(text)) if not ch.isspace()]


@given(_ANY_TEXTS, st.data())
def test_lookups_agree_with_the_list_of_offsets(text: str, data: st.DataObject) -> None:
    nt = NormalisedText(text)
    offsets = list(NormalisedText(text).offsets)  # (from a second object: nt keeps computing from its runs)
    n = len(offsets)
    assert [nt.at(i) for i in range(n)] == offsets
    position = data.draw(st.integers(-1, len(text) + 1))
    lo = data.draw(st.integers(0, n))
    hi = data.draw(st.integers(lo, n))
    assert nt.index(position) == bisect.bisect_left(offsets, position)
    assert nt.index(position, lo, hi) == bisect.bisect_left(offsets, position, lo, hi)
    assert nt.span(lo, hi) == offsets[lo:hi]
    shift = data.draw(st.integers(-5, 5))
    assert nt.span(lo, hi, shift) == [o + shift for o in offsets[lo:hi]]
    explicit = NormalisedText(text)
    explicit.offsets  # noqa: B018  (the map as a list, as the exact path and lookups make it)
    assert explicit.span(lo, hi, shift) == [o + shift for o in offsets[lo:hi]]
    assert nt.start(n) == len(text)
    assert nt.end(0) == 0
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    view = nt.view(start, end)
    assert view.text == nt.text[bisect.bisect_left(offsets, start):bisect.bisect_left(offsets, end)]
    assert [view.start(i) for i in range(len(view.text))] == [o - start for o in offsets[view.i0:view.i1]]


def test_no_character_beyond_the_basic_plane_normalises_to_a_key_character() -> None:
    # sources_of lists the characters of the Basic Multilingual Plane; the readers skip lines holding
    # none of the characters their key words need (_meta), which is sound only if no other character
    # normalises to one of them.
    from govdisclosure._meta import _AGENCY_KEY_CHARS, _DATE_KEY_CHARS

    keys = _DATE_KEY_CHARS + _AGENCY_KEY_CHARS
    assert not [hex(cp) for cp in range(0x10000, 0x110000)
                if any(k in unicodedata.normalize("NFKC", chr(cp)) for k in keys)]
    assert sources_of("期") >= {"期"}
    assert "①" in sources_of("1")  # (a character that normalises to one: ① → 1)
