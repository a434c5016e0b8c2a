"""Text normalisation: full-width forms, whitespace, quotes, Chinese numerals.

Spec ``normalization``: labels are compared after NFKC with all whitespace removed and quote
characters unified; numbers may be printed with full-width digits or Chinese numerals.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from typing import ClassVar

__all__ = [
    "CHINESE_DIGITS",
    "NormalisedText",
    "TextView",
    "chinese_number",
    "compact",
    "normalise",
    "normalise_char",
]

_QUOTES = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'",
    "〔": "[", "〕": "]", "【": "[", "】": "]",
    "—": "-", "–": "-", "－": "-", "‒": "-", "―": "-",
    "\u00a0": " ", "\u3000": " ", "\u200b": "", "\ufeff": "", "\u200c": "", "\u200d": "",
})

_CACHE: dict[str, str] = {}


def normalise_char(ch: str) -> str:
    """One character in canonical form (NFKC, quotes and dashes unified); may be ``""`` or longer."""
    out = _CACHE.get(ch)
    if out is None:
        out = unicodedata.normalize("NFKC", ch.translate(_QUOTES)).translate(_QUOTES)
        if len(_CACHE) < 65536:
            _CACHE[ch] = out
    return out


class _Changes:
    """The characters of the Basic Multilingual Plane that normalisation changes, as one regex
    character class and a table (computed once, on first use: about 50 ms).

    Normalising character by character with this table is ten times faster than NFKC over a whole
    CJK text, because most characters (ideographs, 、。) do not change. Characters outside the BMP
    and combining marks (which NFKC composes with their neighbour) take the exact path."""

    pattern: ClassVar[re.Pattern[str] | None] = None
    either: ClassVar[re.Pattern[str] | None] = None
    """The characters of :attr:`pattern` and those of :data:`_EXACT_ONLY`: one scan finds both."""
    table: ClassVar[dict[str, str]] = {}
    fixed: ClassVar[bool] = False
    """No replacement holds a character the table replaces (so replacing one character at a time,
    in any order, gives the same text)."""

    @classmethod
    def get(cls) -> tuple[re.Pattern[str], dict[str, str]]:
        if cls.pattern is None:
            table: dict[str, str] = {}
            for cp in range(0x80, 0x10000):
                if 0xD800 <= cp < 0xE000:
                    continue
                ch = chr(cp)
                out = normalise_char(ch)
                if out != ch:
                    table[ch] = out
            cls.table = table
            cls.fixed = not any(c in table for out in table.values() for c in out)
            changed = _char_class(sorted(map(ord, table)))
            cls.pattern = re.compile(changed)
            cls.either = re.compile(changed[:-1] + _EXACT_CLASS[1:])  # (the two classes' members in one)
        return cls.pattern, cls.table

    @classmethod
    def found(cls, text: str) -> tuple[set[str], bool]:
        """The characters of ``text`` the table replaces, or whether one needs the exact path (one
        scan of the text for both)."""
        cls.get()
        assert cls.either is not None
        found = set(cls.either.findall(text))
        if found and _EXACT_ONLY.search("".join(found)):
            return found, True
        return found, False


def _replaced(text: str, found: set[str], pattern: re.Pattern[str], table: dict[str, str]) -> str:
    """``text`` with the characters ``found`` in it replaced by the table. Each distinct character
    is replaced in one C-level pass (a page of Chinese has thousands of full-width commas and
    brackets, but only a dozen distinct ones)."""
    if not _Changes.fixed:
        return pattern.sub(lambda m: table[m.group()], text)
    for ch in found:
        text = text.replace(ch, table[ch])
    return text


def _char_class(points: list[int]) -> str:
    ranges: list[list[int]] = []
    for cp in points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


# Astral characters, and combining marks / conjoining jamo that NFKC may compose with a neighbour.
_EXACT_CLASS = ("[\U00010000-\U0010FFFF\u0300-\u036f\u1100-\u11ff\u3099\u309a"
                "\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff"
                "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\uac00-\ud7ff]")
_EXACT_ONLY = re.compile(_EXACT_CLASS)


@functools.cache
def sources_of(chars: str) -> frozenset[str]:
    """The characters whose normal form holds one of ``chars`` (those themselves included), among
    the characters of the Basic Multilingual Plane; no character beyond it normalises to a
    character of the key words this serves (tests/test_text.py checks them all). A text without any
    of them normalises to a text without ``chars``."""
    _, table = _Changes.get()
    return frozenset(chars) | {ch for ch, out in table.items() if any(c in out for c in chars)}


def _translate(text: str) -> str:
    return text.translate(_QUOTES)


def normalise(text: str) -> str:
    """NFKC with unified quotes/dashes; whitespace kept."""
    if text.isascii():
        return text
    found, exact = _Changes.found(text)
    if exact:
        return _translate(unicodedata.normalize("NFKC", _translate(text)))
    if not found:
        return text
    pattern, table = _Changes.get()
    return _replaced(text, found, pattern, table)


def compact(text: str) -> str:
    """:func:`normalise` with every whitespace character removed: the form labels are compared in."""
    return "".join(normalise(text).split())  # (str.split's white space is that of ``\s``, in C)


class NormalisedText:
    """The compact form of a text with a map back to positions in the original.

    ``text[i]`` came from ``original[offsets[i]]``. Where every character maps to one (the common
    case), the map is kept as one run per word (a word's characters stand one after another in the
    original), and :meth:`at`, :meth:`index` and :meth:`span` compute from the runs: a document of
    thousands of characters then needs no list of thousands of positions.
    """

    __slots__ = ("_offsets", "_orig", "_starts", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        if original.isascii():
            bulk, positions = original, None
        else:
            found, exact = _Changes.found(original)
            bulk, positions = _mapped_exact(original) if exact else _mapped(original, found)
        # The runs of non-space characters: str.split() finds them (the white space of ``\s``), and
        # each run starts where it is first found after the previous one (only white space between).
        words = bulk.split()
        position = 0
        find = bulk.find
        if positions is None:  # every character maps to one: its own position
            starts: list[int] = []  # where each word starts in the compact text
            orig: list[int] = []  # and in the original
            size = 0
            for word in words:
                position = find(word, position)
                starts.append(size)
                orig.append(position)
                position += len(word)
                size += len(word)
            self._starts: list[int] | None = starts
            self._orig: list[int] = orig
            self._offsets: list[int] | None = None
        else:
            offsets: list[int] = []
            for word in words:
                start = find(word, position)
                position = start + len(word)
                offsets.extend(positions[start:position])
            self._starts = None
            self._orig = []
            self._offsets = offsets
        self.text = "".join(words)

    @property
    def offsets(self) -> list[int]:
        """The original position of each compact character (made from the runs on first use)."""
        if self._offsets is None:
            self._offsets = self.span(0, len(self.text))
        return self._offsets

    def at(self, i: int) -> int:
        """``offsets[i]``, for ``0 <= i < len(text)``."""
        if self._offsets is not None:  # (a map of several characters per character, or made on demand)
            return self._offsets[i]
        starts = self._starts
        assert starts is not None  # (a list of offsets, or the runs)
        k = bisect.bisect_right(starts, i) - 1
        return self._orig[k] + i - starts[k]

    def index(self, position: int, lo: int = 0, hi: int | None = None) -> int:
        """``bisect.bisect_left(offsets, position, lo, hi)``: the first compact character at or
        after ``position`` of the original."""
        if hi is None:
            hi = len(self.text)
        if self._offsets is not None:
            return bisect.bisect_left(self._offsets, position, lo, hi)
        starts = self._starts
        assert starts is not None  # (a list of offsets, or the runs)
        orig = self._orig
        k = bisect.bisect_right(orig, position) - 1
        if k < 0:
            found = 0
        else:
            end = starts[k + 1] if k + 1 < len(starts) else len(self.text)
            # inside word k, or in the white space after it: the next word's first character
            found = starts[k] + position - orig[k] if position - orig[k] < end - starts[k] else end
        return lo if found < lo else hi if found > hi else found

    def span(self, i0: int, i1: int, shift: int = 0) -> list[int]:
        """``offsets[i0:i1]``, each plus ``shift``."""
        if self._offsets is not None:
            if not shift:
                return self._offsets[i0:i1]
            return [offset + shift for offset in self._offsets[i0:i1]]
        starts = self._starts
        assert starts is not None  # (a list of offsets, or the runs)
        out: list[int] = []
        if i0 >= i1:
            return out
        orig = self._orig
        k = bisect.bisect_right(starts, i0) - 1
        last = len(starts) - 1
        while i0 < i1:
            stop = starts[k + 1] if k < last else len(self.text)
            if stop > i1:
                stop = i1
            at = orig[k] - starts[k] + shift  # (a word's characters stand one after another)
            out.extend(range(at + i0, at + stop))
            i0 = stop
            k += 1
        return out

    def view(self, start: int, end: int) -> TextView:
        """The compact form of ``original[start:end]`` without normalising again."""
        i0 = self.index(start)
        return TextView(self, i0, self.index(end, i0), start)

    def start(self, i: int) -> int:
        """Original offset of compact position ``i`` (``len(original)`` past the end)."""
        return self.at(i) if i < len(self.text) else len(self.original)

    def end(self, j: int) -> int:
        """Original offset just after compact position ``j - 1``."""
        return self.at(j - 1) + 1 if j > 0 else 0


def _mapped(original: str, found: set[str]) -> tuple[str, list[int] | None]:
    """The normalised text and, unless every character maps to one, the original position of each
    of its characters; ``found`` are the characters of ``original`` the table replaces."""
    pattern, table = _Changes.get()
    if all(len(table[ch]) == 1 for ch in found):
        return _replaced(original, found, pattern, table) if found else original, None
    pieces: list[str] = []
    positions: list[int] | None = None
    position = 0
    for match in pattern.finditer(original):
        at = match.start()
        out = table[match.group()]
        if positions is None and len(out) != 1:
            positions = list(range(position))  # every character so far mapped to one
        if positions is not None:
            positions.extend(range(position, at))
            positions.extend([at] * len(out))
        pieces.append(original[position:at])
        pieces.append(out)
        position = at + 1
    if positions is not None:
        positions.extend(range(position, len(original)))
    pieces.append(original[position:])
    return "".join(pieces), positions


def _mapped_exact(original: str) -> tuple[str, list[int] | None]:
    """Character-by-character normalisation (texts with astral characters or combining marks)."""
    chars: list[str] = []
    positions: list[int] = []
    for i, ch in enumerate(original):
        out = normalise_char(ch) if not ch.isascii() else ch
        chars.append(out)
        positions.extend([i] * len(out))
    return "".join(chars), positions


CHINESE_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "О": 0, "Ｏ": 0, "o": 0, "O": 0,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def chinese_number(text: str) -> int | None:
    """``二〇二〇`` → 2020 (digit by digit), ``二十三`` → 23, ``一百零五`` → 105; ``None`` if not a numeral."""
    if not text:
        return None
    if any(ch in _UNITS for ch in text):
        total = 0
        current = 0
        for ch in text:
            if ch in CHINESE_DIGITS:
                current = CHINESE_DIGITS[ch]
            elif ch in _UNITS:
                total += (current or 1) * _UNITS[ch]
                current = 0
            else:
                return None
        return total + current
    digits = []
    for ch in text:
        if ch not in CHINESE_DIGITS:
            return None
        digits.append(str(CHINESE_DIGITS[ch]))
    return int("".join(digits))


class TextView:
    """A slice of a :class:`NormalisedText`; positions are relative to the slice's start."""

    __slots__ = ("base", "i0", "i1", "parent", "text")

    def __init__(self, parent: NormalisedText, i0: int, i1: int, base: int) -> None:
        self.parent = parent
        self.i0 = i0
        self.i1 = i1
        self.base = base
        self.text = parent.text[i0:i1]

    def start(self, i: int) -> int:
        j = self.i0 + i
        if j < self.i1:
            return self.parent.at(j) - self.base
        return (self.parent.at(self.i1 - 1) + 1 - self.base) if self.i1 > self.i0 else 0

    def end(self, j: int) -> int:
        return self.parent.at(self.i0 + j - 1) + 1 - self.base if j > 0 else 0

    def view(self, start: int, end: int) -> TextView:
        """The compact form of ``[start:end]`` of this slice (original offsets relative to it)."""
        j0 = self.parent.index(self.base + start, self.i0, self.i1)
        j1 = self.parent.index(self.base + end, j0, self.i1)
        return TextView(self.parent, j0, j1, self.base + start)
