"""Text normalisation: full-width forms, whitespace, quotes, Chinese numerals.

Spec ``normalization``: labels are compared after NFKC with all whitespace removed and quote
characters unified; numbers may be printed with full-width digits or Chinese numerals.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

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


_TRANSLATED = re.compile("[" + "".join(re.escape(chr(c)) for c in _QUOTES) + "]")


def _translate(text: str) -> str:
    # str.translate walks every character in Python-level lookups; most texts need no change.
    return text.translate(_QUOTES) if _TRANSLATED.search(text) else text


def normalise(text: str) -> str:
    """NFKC with unified quotes/dashes; whitespace kept."""
    if text.isascii():
        return text
    return _translate(unicodedata.normalize("NFKC", _translate(text)))


_WS = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S+")


def compact(text: str) -> str:
    """:func:`normalise` with every whitespace character removed: the form labels are compared in."""
    return _WS.sub("", normalise(text))


class NormalisedText:
    """The compact form of a text with a map back to positions in the original.

    ``text[i]`` came from ``original[offsets[i]]``.
    """

    __slots__ = ("offsets", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        bulk = normalise(original)
        offsets: list[int] = []
        if len(bulk) == len(original):
            # The usual case (full-width forms map one to one): keep the positions, drop whitespace.
            runs = [(m.start(), m.end()) for m in _NON_SPACE.finditer(bulk)]
            for start, end in runs:
                offsets.extend(range(start, end))
            self.text = "".join(bulk[start:end] for start, end in runs)
            self.offsets = offsets
            return
        chars: list[str] = []
        for i, ch in enumerate(original):
            if ch.isspace():
                continue
            out = normalise_char(ch) if not ch.isascii() else ch
            for o in out:
                if not o.isspace():
                    chars.append(o)
                    offsets.append(i)
        self.text = "".join(chars)
        self.offsets = offsets

    def view(self, start: int, end: int) -> TextView:
        """The compact form of ``original[start:end]`` without normalising again."""
        i0 = bisect.bisect_left(self.offsets, start)
        i1 = bisect.bisect_left(self.offsets, end)
        return TextView(self, i0, i1, start)

    def start(self, i: int) -> int:
        """Original offset of compact position ``i`` (``len(original)`` past the end)."""
        return self.offsets[i] if i < len(self.offsets) else len(self.original)

    def end(self, j: int) -> int:
        """Original offset just after compact position ``j - 1``."""
        return self.offsets[j - 1] + 1 if j > 0 else 0


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
            return self.parent.offsets[j] - self.base
        return (self.parent.offsets[self.i1 - 1] + 1 - self.base) if self.i1 > self.i0 else 0

    def end(self, j: int) -> int:
        return self.parent.offsets[self.i0 + j - 1] + 1 - self.base if j > 0 else 0
