"""The builder: raw lines → :class:`~govdisclosure.model.Report`, through the template.

1. Section headings are found (tolerant of the variants in the spec, inline or on their own line)
   and split the document into a preamble and the six sections.
2. Title, year, agency and publication date come from the title and metadata lines.
3. The format is detected from labels that only one format has.
4. In the table areas (sections 二–四, and any table row elsewhere), labels of the format's
   tables are found in the compact text; the figures printed after a data-row label belong to
   that row. Rows of section 三 are aligned with the template's row order, so that rows whose
   label was lost are placed by position. Section 四's single row is the figures after its header.
5. Each row's figures become cells (:mod:`govdisclosure._segment`); where the source prints fewer
   or more tokens than cells, the form's own arithmetic and the figures stated in the report's
   prose choose among the readings — or the cells are left ambiguous.

Every decision worth knowing is a diagnostic; what cannot be placed is kept in ``unplaced``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Generic, NamedTuple, TypeVar

import attrs

from govdisclosure import _meta
from govdisclosure._decode import Layout
from govdisclosure._lexicon import Entry, EntryKind, Lexicon, lexicon, trie_regex
from govdisclosure._narrative import Fact, narrative_facts
from govdisclosure._raw import RawDocument, RawLine
from govdisclosure._segment import _MISSING, Part, Piece, Segmentation, _covered, _hold, _reading_values, segment
from govdisclosure._text import NormalisedText, TextView, compact, normalise
from govdisclosure._tokens import _SEEN as _SEEN_TOKENS
from govdisclosure._tokens import PLACEHOLDERS, token_parts, token_value
from govdisclosure.model import (
    _CELL_SET,
    _ORIGIN_SET,
    Cell,
    CellKind,
    Diagnostic,
    Fragment,
    Origin,
    Report,
    Section,
    Severity,
    Table,
    _cell,
    _diagnostic,
    _origin,
    _report,
    _row,
)
from govdisclosure.model import _fragment as _new_fragment
from govdisclosure.template import (
    FORMATS,
    ColumnSpec,
    Format,
    Identity,
    PartSpec,
    RowSpec,
    TableSpec,
    cell_key,
    spec,
)

__all__ = ["build"]

# --------------------------------------------------------------------------------------------------
# Section headings
# --------------------------------------------------------------------------------------------------

_NUMERALS = {"一": "s1", "二": "s2", "三": "s3", "四": "s4", "五": "s5", "六": "s6"}

# Title patterns in compact text (NFKC, no whitespace). Each admits the variants of the spec.
_TITLES = {
    "s1": r"(?:政府信息公开(?:工作)?|政务公开(?:工作)?)?(?:的)?总体情况",
    "s2": r"(?:行政机关)?主动公开政府信息(?:的)?(?:工作)?情况",
    "s3": r"(?:行政机关)?收到和处理政府信息公开申请(?:的)?情况",
    "s4": r"(?:因)?(?:政府信息公开(?:工作)?)?(?:被)?(?:申请)?行政(?:法)?复议"
          r"(?:[、,]|和|及|与)?(?:提起)?行政诉讼(?:的)?情况",
    "s5": r"(?:政府信息公开(?:工作)?|政务公开(?:工作)?)?存在(?:的)?(?:主要)?(?:问题|不足)"
          r"(?:及|和|与|以及)?(?:其)?(?:改进|整改)(?:的)?(?:情况|措施|方向|计划|举措)",
    "s6": r"其他需要报告的事项|其他需报告的事项",
}
_HEADING = re.compile(
    r"(?P<num>[一二三四五六])(?:、|\.|,|:)?(?P<title>"
    + "|".join(f"(?P<{k}>{v})" for k, v in _TITLES.items()) + ")"
)
# The numbering some offices use instead of the official "一、": "（一）", "第一部分", "1." / "1、"
# (looked for only where the official numbering does not give every heading, and only where the
# numeral is the section's own).
_OTHER_HEADING = re.compile(
    r"(?:\((?P<paren>[一二三四五六])\)|第(?P<part>[一二三四五六])部分(?:、|\.|,|:)?|(?<![0-9.])(?P<arabic>[1-6])(?:、|\.))"
    r"(?P<title>" + "|".join(f"(?P<{k}>{v})" for k, v in _TITLES.items()) + ")"
)
_ARABIC = dict(zip("123456", "一二三四五六", strict=True))
_BARE_HEADING = re.compile("^(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _TITLES.items()) + ")$")
# Every heading ends with one of these characters and names one of these words: lines without both
# are not normalised to be searched.
_HEADING_END = re.compile("[况项施向划措]")
_HEADING_WORDS = ("总体", "主动公开", "收到和处理", "复议", "问题", "不足", "需要报告", "需报告")
_HEADING_WORD = re.compile("|".join(_HEADING_WORDS))
_LIST_FOLLOWER = re.compile(r"^[,、;;。]")


class _Heading(NamedTuple):
    """A section heading found in a line (a tuple: the candidates of every line are made)."""

    line: int
    start: int
    """original offsets in the line's first slot text"""
    end: int
    section: str
    own_line: bool
    text: str
    official: bool = True
    """Numbered as the official format numbers it (``一、``), or a bare title: not ``（一）`` …"""
    tail: int = -1
    """Where the heading ends in the next line, for one that a cut at a fixed width broke (it then
    runs to the end of its own line); -1 for none."""


def _find_headings(lines: Sequence[RawLine], ntext: Callable[[int], NormalisedText | TextView],
                   text_lines: Iterable[int] | None = None, wrapped: Iterable[int] = ()) -> list[_Heading]:
    """The section headings, in order. ``text_lines``: the only text lines that may hold one (all
    when ``None``); table rows are always looked at. ``wrapped``: the lines a cut at a fixed width
    ended (see :func:`_wrapped_lines`), where a heading may go on in the next line."""
    candidates: list[_Heading] = []
    searched: list[tuple[int, NormalisedText | TextView, str]] = []  # (the lines searched for numbered ones)
    if text_lines is None:
        indexes: Iterable[int] = range(len(lines))
    else:
        indexes = sorted({*text_lines, *(i for i, line in enumerate(lines) if line.grid is not None)})
    for index in indexes:
        line = lines[index]
        if line.grid is not None:
            # A row is a heading only when every cell with text holds the same text (a merged cell).
            first = ""
            for slot in line.slots:
                cell = slot.text
                if slot.copy or not cell or cell.isspace() or cell == first:
                    continue
                if first:
                    first = ""  # two different texts: a row of the table
                    break
                first = cell
            if not first:
                continue
            text = first
        else:
            text = line.slots[0].text
        if not _HEADING_END.search(text) or not _HEADING_WORD.search(text.replace(" ", "")):
            continue
        nt = NormalisedText(text) if line.grid is not None else ntext(index)
        bare = _BARE_HEADING.match(nt.text)
        if bare:
            section = next(k for k in _TITLES if bare.group(k))
            candidates.append(_Heading(index, 0, len(text), section, True, text.strip()))
            continue
        searched.append((index, nt, text))
        candidates.extend(_headings_in(index, nt, text, _HEADING))
    if len({c.section for c in candidates}) < len(_TITLES):
        for index, nt, text in searched:
            candidates.extend(_headings_in(index, nt, text, _OTHER_HEADING))
        for index in wrapped:
            candidates.extend(_headings_across(lines, ntext, index))
        candidates.sort(key=lambda c: (c.line, c.start))
    return _best_chain(candidates)


def _heading_section(match: re.Match[str], text: str, own: bool) -> str | None:
    """The section a match of :data:`_HEADING` or :data:`_OTHER_HEADING` in compact ``text`` is
    the heading of, or None where it is none: numbered otherwise than officially with another
    section's numeral (``（二）主动公开政府信息情况`` inside section 一 is one of its items), followed by
    a list mark (``一、总体情况，二、…`` lists the sections), or inside a line after a word that makes
    it prose (``…的二、主动公开…``) or a table's caption (``表二：主动公开…``)."""
    section = next(k for k in _TITLES if match.group(k))
    if match.re is _OTHER_HEADING:
        numeral = match.group("paren") or match.group("part") or _ARABIC[match.group("arabic")]
        if _NUMERALS[numeral] != section:
            return None
    if _LIST_FOLLOWER.match(text[match.end(): match.end() + 1]):
        return None
    if match.start() > 0 and not own and text[match.start() - 1] in "的在和及与或、表":
        return None
    return section


def _headings_in(index: int, nt: NormalisedText | TextView, text: str, pattern: re.Pattern[str]) -> list[_Heading]:
    """The candidate headings that ``pattern`` (:data:`_HEADING` or :data:`_OTHER_HEADING`) finds in
    line ``index`` (``text``, compact form ``nt``)."""
    out = []
    for match in pattern.finditer(nt.text):
        # (the engine tries the pattern only where a numeral stands: linear in long one-line texts)
        # "|" or "丨" before the numeral is OCR noise of a heading on its own line.
        lead = 1 if match.start() == 1 and nt.text[0] in "|丨" else 0
        own = match.start() == lead and match.end() == len(nt.text)
        section = _heading_section(match, nt.text, own)
        if section is None:
            continue
        start = nt.start(match.start())
        end = nt.end(match.end())
        out.append(_Heading(index, start, end, section, own, text[start:end].strip(), pattern is _HEADING))
    return out


def _headings_across(lines: Sequence[RawLine], ntext: Callable[[int], NormalisedText | TextView],
                     index: int) -> list[_Heading]:
    """The headings that begin in text line ``index`` and go on in the next (a cut at a fixed
    width broke them): each runs to the end of its line, and its :attr:`_Heading.tail` ends it in
    the next."""
    first, second = ntext(index), ntext(index + 1)
    joined = first.text + second.text
    text = lines[index].slots[0].text
    after = lines[index + 1].slots[0].text
    out = []
    for pattern in (_HEADING, _OTHER_HEADING):
        for match in pattern.finditer(joined, max(0, len(first.text) - 40)):
            if not match.start() < len(first.text) < match.end():
                continue
            section = _heading_section(match, joined, False)
            if section is None:
                continue
            start = first.start(match.start())
            tail = second.end(match.end() - len(first.text))
            out.append(_Heading(index, start, len(text), section, False, (text[start:] + after[:tail]).strip(),
                                pattern is _HEADING, tail))
    return out


_T = TypeVar("_T")


def _heaviest_chain(items: Sequence[_T], rank: Callable[[_T], int], weight: Callable[[_T], float],
                    ranks: int) -> list[_T]:
    """The subsequence of ``items`` (in their order) with strictly increasing ``rank`` whose
    weights add up most. Linear in ``len(items)``: a chain's state is its last rank. Of chains
    weighing the same, the one ending later wins (a table of contents comes before the text).
    Weights are positive: a rank no chain ends at yet weighs 0 and never beats one that does."""
    best: list[tuple[float, int]] = [(0.0, -1)] * ranks  # (weight, last item) of the chains ending at a rank
    previous: list[int] = []
    first = operator.itemgetter(0)
    for i, item in enumerate(items):
        k = rank(item)
        # The heaviest chain at a lower rank (the first of equal weights: max keeps the first).
        base, before = max(best[:k], key=first, default=(0.0, -1))
        previous.append(before)
        total = base + weight(item)
        if total >= best[k][0]:
            best[k] = (total, i)
    _, last = max(best, key=lambda wj: wj[0])
    chain = []
    while last != -1:
        chain.append(items[last])
        last = previous[last]
    return chain[::-1]


def _best_chain(candidates: list[_Heading]) -> list[_Heading]:
    """The headings with sections in increasing order that weigh most (a heading on its own line
    weighs more than one inside a line, and one numbered as the format numbers it more than one
    numbered otherwise)."""
    order = {s: i for i, s in enumerate(_TITLES)}
    return _heaviest_chain(candidates, lambda c: order[c.section],
                           lambda c: (3 if c.own_line else 2) - (0 if c.official else 0.5), len(order))


# --------------------------------------------------------------------------------------------------
# Segments: the document cut into section pieces
# --------------------------------------------------------------------------------------------------


class _Seg(NamedTuple):
    """A piece of a line in one section (a tuple: one per line of the document)."""

    line: int
    start: int
    end: int
    section: str | None
    """s1 … s6, or None for the preamble"""


def _segments(lines: Sequence[RawLine], headings: list[_Heading]) -> list[_Seg]:
    segs: list[_Seg] = []
    cuts: dict[int, list[_Heading]] = {}
    for h in headings:
        cuts.setdefault(h.line, []).append(h)
    section: str | None = None
    none: list[_Heading] = []
    tails = {h.line + 1: h.tail for h in headings if h.tail >= 0}
    for index, line in enumerate(lines):
        length = len(line.slots[0].text) if line.grid is None else 0
        position = tails.get(index, 0) if line.grid is None else 0
        for h in cuts.get(index, none):
            if line.grid is None and h.start > position:
                segs.append(_new(_Seg, (index, position, h.start, section)))
            section = h.section
            position = h.end if line.grid is None else 0
            if line.grid is not None:
                position = -1
        if position == -1:
            continue
        if line.grid is not None:
            segs.append(_new(_Seg, (index, 0, 0, section)))
        elif position < length:
            segs.append(_new(_Seg, (index, position, length, section)))
    return segs


# --------------------------------------------------------------------------------------------------
# Tokens of the table areas
# --------------------------------------------------------------------------------------------------

_ORDER: tuple[str | None, ...] = (None, *_TITLES)  # (None: the text before the first heading)


def _table_areas(found: set[str | None]) -> set[str | None]:
    """The sections whose text holds the tables (二, 三 and 四), given the sections whose heading
    was ``found``: a table whose section's heading was not found (numbered or worded in a way not
    recognised, or lost) lies in the section before it whose heading was — that one is read too."""
    areas: set[str | None] = {"s2", "s3", "s4"}
    for section in ("s2", "s3", "s4"):
        if section not in found:
            index = _ORDER.index(section)
            areas.add(next((s for s in reversed(_ORDER[:index]) if s in found), None))
    return areas


# (a note in brackets stays on its line; 增/减 printed a space apart from its figure is one token with it)
_TOKEN = re.compile(r"(?:[增减] +(?=\d))?(?:[（(][^（）()\n]{0,80}[）)]|[^\s（()）])+")
_VALUE = re.compile(
    r"^(?:[+-]|增|减)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|项|个|条)?(?:\([^()]*\))?$")
_PLAIN_VALUE = re.compile(r"^\s*(?:-?\d{1,3}(?:,\d{3})+|-?\d+)(?:\.\d+)?\s*$")
_DIGIT = re.compile(r"\d")
_DECIMALS = re.compile(r"^\.\d+(?:万元|元)?$")
_ENCLOSED = re.compile("[\u2460-\u24ff\u2776-\u2793]")  # ① ⑴ ⒈ ❶ …
_NOTED = re.compile(r"^[0-9０-９,，]+[（(].*[）)]$")
_NOTE = re.compile(r"^[（(][^（）()]*[^\s（）()0-9][^（）()]*[）)]$")
_FOOTER = re.compile(r"^(?:-\s*\d{1,3}\s*-|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")


_cell_compact = functools.lru_cache(maxsize=8192)(compact)
"""compact() of a grid cell's text (the same labels and figures fill the cells of every report)."""


def _cell_labels(
    lex: Lexicon, text: str,
) -> tuple[tuple[tuple[int, int, tuple[Entry, ...]], ...], tuple[Entry, ...]]:
    """The labels in a grid cell's text, as (start, end, entries) in the text, and the entries of the
    row labels the text is part of (:func:`_fragment`) where it holds none. Label cells repeat in
    every report of a format, so short ones are kept, with the lexicon."""
    cache = lex.cell_labels
    found = cache.get(text)
    if found is None:
        nt = NormalisedText(text)
        # (其他 in "（二）部分公开（…不计其他情形）" or "2.其他法律行政法规" is no label)
        matches = tuple((nt.start(m.start()), nt.end(m.end()), lex.lookup_tuple(m.group()))
                        for m in lex.regex.finditer(nt.text) if not _inside_a_phrase(
                            lex, lex.lookup_tuple(m.group()), text, nt.end(m.end()), nt.text, m.end()))
        found = (matches, () if matches else _fragment(lex, nt.text))
        if len(text) <= 80:
            if len(cache) >= 4096:
                cache.clear()
            cache[text] = found
    return found


def _is_header(lex: Lexicon, compact_text: str) -> bool:
    """Whether a compact cell text is a column header of the template, whole (numbering aside)."""
    return any(e.kind is EntryKind.HEADER for e in lex.lookup_tuple(compact_text))


def _fragment(lex: Lexicon, text: str) -> tuple[Entry, ...]:
    """A grid label cell holding part of a row label (a label broken across cells or lines)."""
    core = re.sub(r"^(?:\(?[0-9一二三四五六七八九十]{1,2}[).、]?)", "", text)
    if len(core) < 4:
        return ()
    found = []
    for table_id, rows in lex.data_rows.items():
        for row_id, label in rows:
            if core in label:
                found.append(Entry(EntryKind.ROW, table_id, row=row_id, variant="fragment"))
    return tuple(found)


class _Tok(NamedTuple):
    """One token of a table area (a tuple: there are thousands per report)."""

    kind: str
    """label | value | junk | line-end | row-end | section-end"""
    text: str
    origin: Origin
    entries: tuple[Entry, ...] = ()
    empty: bool = False
    slot: int = 0
    seg: int = -1
    consume: Callable[[], None] | None = None
    """For a token of running text: marks it as read (it then leaves the section's text)."""
    glued: bool = False
    """A figure of running text printed right after other text, without whitespace (``规章000``)."""


_BLANKS = re.compile(r"[ \t]+")
_BRACKETS = frozenset("（()）")  # (the characters that make :data:`_TOKEN` more than a run of non-space)
_NO_ORIGIN = Origin()
_ORDER_OF = operator.attrgetter("order")
_MISSING_OF = operator.itemgetter(3)  # (``Part.missing``, read in C)
_PIECE_OF = operator.itemgetter(2)  # (``Part.piece``)
_LINE_END = _Tok("line-end", "", _NO_ORIGIN)
_ROW_END = _Tok("row-end", "", _NO_ORIGIN)
_SECTION_END = _Tok("section-end", "", _NO_ORIGIN)


_AMBIGUOUS = EntryKind.AMBIGUOUS  # (an enum member looked up on its class costs a descriptor call)
_new = tuple.__new__  # ``_new(_Tok, (…all fields…))``: a token without the keyword-taking ``__new__``

_SIGNAL_FORMAT = {compact(signal): fmt for fmt, fs in FORMATS.items() for signal in fs.signals}
_SIGNALS = trie_regex(_SIGNAL_FORMAT)  # (one scan for them all: faster than a str.count per signal)


_PLAIN_VALUES: dict[str, str | None] = {}
_UNSEEN = "\0unseen"


# (kinds, tables, row entries, their rows, whether those are all fragments, the one leaf column header they
# name, whether any is a leaf) of a label's entries, by the entries' id() (the entries are kept with their
# summary, so the id cannot be reused while it is here); kinds as a tuple (an enum hashes in Python).
_Summary = tuple[tuple[EntryKind, ...], frozenset[str], tuple[Entry, ...], frozenset[str], bool, str | None, bool]
_SUMMARIES: dict[int, tuple[tuple[Entry, ...], _Summary]] = {}


def _plain_value(text: str) -> str | None:
    """The figure a grid cell holds alone (``" 1,165 "`` → ``1,165``), ``""`` for a blank cell, else
    ``None``; remembered per text (the same few figures fill most cells)."""
    value = _PLAIN_VALUES.get(text, _UNSEEN)
    if value is not _UNSEEN:
        return value
    value = "" if not text or text.isspace() else text.strip() if _PLAIN_VALUE.match(text) else None
    if len(text) <= 40:
        if len(_PLAIN_VALUES) >= 4096:
            _PLAIN_VALUES.clear()
        _PLAIN_VALUES[text] = value
    return value


@functools.lru_cache(maxsize=8192)
def _is_value(text: str) -> bool:
    if _ENCLOSED.search(text):
        return False  # ①属于国家秘密: a row's number, never a figure
    token = normalise(text).strip()
    # (".52" is a figure's broken-off decimals, as converters split "1827.52" over two cells: a cell
    # of the row, so that the row is in doubt, though never a number itself.)
    return token in PLACEHOLDERS or bool(_VALUE.match(token.replace(" ", ""))) or bool(_DECIMALS.match(token))


def _figure_lines(tokens: Sequence[_Tok]) -> set[int]:
    """Indexes of the tokens on lines of running text that hold three or more figures and nothing else."""
    found: set[int] = set()
    line: list[int] = []
    only_values = True
    for index, tok in enumerate(tokens):
        if tok.kind in ("line-end", "row-end", "section-end"):
            if only_values and len(line) >= 3:
                found.update(line)
            line = []
            only_values = True
        elif tok.kind == "value" and tok.origin.table is None:
            line.append(index)
        else:
            only_values = False
    if only_values and len(line) >= 3:
        found.update(line)
    return found


def _stacked(lines: Sequence[Sequence[tuple[int, int, str]]], label: str) -> Iterator[tuple[int, int]]:
    """Spans where ``label`` is printed as words stacked on consecutive lines, each overlapping
    the one above (a header wrapped in a narrow column)."""
    for top, words in enumerate(lines):
        for start, end, word in words:
            if not label.startswith(word):
                continue
            text, lo, hi = word, start, end
            for below in lines[top + 1:]:
                if text == label:
                    break
                nxt = [(s, e, w) for s, e, w in below if s < hi and e > lo and label.startswith(text + w)]
                if len(nxt) != 1:
                    break
                s_, e_, w_ = nxt[0]
                text, lo, hi = text + w_, min(lo, s_), max(hi, e_)
            if text == label:
                yield lo, hi


_Spans = list[tuple[int, int]]
_Display = Callable[[int, int], int]
"""The display column (a CJK character takes two) of a character column on a source line."""


def _full_rows(table: TableSpec, rows: dict[str, _Obs], display: _Display, page: Callable[[_Obs], int],
               ) -> dict[tuple[tuple[ColumnSpec, ...], int], list[tuple[_Spans, _Spans]]]:
    """Where the figures stand in each row of text that prints one figure per cell (see
    :func:`_spans`), in characters and in display columns, by the row's columns and page (a table
    continued on the next page may stand at other positions): the references of :func:`_aligned`."""
    found: dict[tuple[tuple[ColumnSpec, ...], int], list[tuple[_Spans, _Spans]]] = {}
    by_row = _columns_by_row(table)
    for row_id, ob in rows.items():
        if ob.grid:
            continue
        columns = by_row[row_id]
        if len(ob.pieces) == len(columns) > 1:  # (a row of one cell shows no column)
            spans = _spans(ob.pieces)
            if spans is not None:
                found.setdefault((columns, page(ob)), []).append((spans, _display_spans(ob.pieces, spans, display)))
    return found


def _display_spans(pieces: Sequence[Piece], spans: _Spans, display: _Display) -> _Spans:
    """``spans`` (of ``pieces``, on one line) in display columns."""
    line = pieces[0].origin.line if pieces[0].origin is not None else None
    if line is None:
        return spans
    out = []
    for piece, (start, _) in zip(pieces, spans, strict=True):
        at = display(line, start)
        out.append((at, at + _display_width(piece.text)))
    return out


def _at(spans: _Spans, at: float) -> list[float]:
    """Where each span stands: its start (``at`` 0), middle (0.5) or end (1)."""
    return [a + at * (b - a) for a, b in spans]


def _spread(rows: Sequence[Sequence[float]]) -> float:
    """How far rows of positions disagree on their columns (the sum of each column's range)."""
    return sum(max(r[j] for r in rows) - min(r[j] for r in rows) for j in range(len(rows[0])))


def _aligned(table: TableSpec, ob: _Obs,
             full_rows: _Lazy[dict[tuple[tuple[ColumnSpec, ...], int], list[tuple[_Spans, _Spans]]]],
             headers: Sequence[tuple[int, dict[str, float]]] = (),
             anchors: Callable[[_Obs, Sequence[ColumnSpec]], dict[str, tuple[int, int]]] | None = None,
             display: _Display | None = None,
             coordinates: Callable[[], Sequence[int]] = lambda: (0, 1),
             page: Callable[[int | None], int] = lambda line: 0) -> Segmentation | None:
    """A row of text that prints fewer figures than cells, placed by where its figures stand on
    the line: text laid out with spaces (``pdftotext -layout``) keeps a blank cell's column empty,
    and the rows of the same columns that print every figure show where each column is — or, with
    no such row, the column headers printed side by side on one line above it. Only when every
    figure stands clearly under one column, in order — beside full rows, by the figures' starts,
    middles or ends, in characters or in display columns, whichever the full rows agree on best (a
    column's figures may be aligned left, centred or right; ``pdftotext -layout`` lays text out in
    characters, a terminal browser in display columns); else None (the row is read as usual).
    Full rows and headers count only on the row's own page (``page`` of a source line).
    ``coordinates`` gives the coordinates the document's full rows show (asked only where a full
    row of the same columns is known); where they show none (``()``: one full row cannot), both
    must place the figures alike — or, in characters (as ``pdftotext -layout`` lays text out), the
    figures stand within a character of the full row's."""
    if ob.grid or not ob.rows or len(ob.rows) != 1 or ob.unread:
        return None
    columns = _columns_by_row(table)[next(iter(ob.rows))]
    n = len(columns)
    if not 0 < len(ob.pieces) < n:
        return None
    found = full_rows.get()
    line = ob.pieces[0].origin.line if ob.pieces[0].origin else None
    rows = found.get((columns, page(line)), []) if found else []  # (never this row: it prints fewer figures)
    if not rows and not _spaced_from_label(ob):
        return None  # no full row shows a layout, and none shows in this row either
    mine = _spans(ob.pieces)
    if mine is None:
        return None
    if rows:
        # Where the full rows agree best is how the columns are aligned; where several ways agree
        # alike (one full row, or figures of one width), every one must place the figures the same.
        mine_both = (mine, _display_spans(ob.pieces, mine, display) if display is not None else mine)
        ways: dict[tuple[int, float], tuple[list[float], list[list[float]]]] = {}
        # (the coordinates the document's full rows show; one full row shows no alignment: its
        # figures' middles)
        kinds = coordinates()
        for kind in kinds or (0, 1):
            for at in (0.0, 0.5, 1.0) if len(rows) > 1 else (0.5,):
                ways[kind, at] = (_at(mine_both[kind], at), [_at(row[kind], at) for row in rows])
        spread = {way: _spread(ref) for way, (_, ref) in ways.items()}
        tightest = min(spread.values())
        placements = [_placement(at, ref, n) for way, (at, ref) in ways.items() if spread[way] == tightest]
        first = placements[0]
        if first is None or any(placed != first for placed in placements[1:]):
            if not kinds and len(rows) == 1:
                where, ref = ways[0, 0.5]
                placed = _placement(where, ref, n)
                if placed is not None and all(abs(where[i] - ref[0][j]) <= 1 for i, j in enumerate(placed)):
                    return _placed(ob, n, placed)
            return None
        return _placed(ob, n, first)
    ids = [c.id for c in columns]
    above = [where for at, where in headers
             if line is not None and at < line and page(at) == page(line) and all(i in where for i in ids)]
    if not above or "\0" in above[-1] or any(a >= b for a, b in itertools.pairwise(above[-1][i] for i in ids)):
        return _under_headers(ob, columns, anchors(ob, columns) if anchors is not None else {})
    placed = _placement([(a + b) / 2 for a, b in mine], [[above[-1][i] for i in ids]], n)
    return None if placed is None else _placed(ob, n, placed)


def _placement(mine: Sequence[float], references: Sequence[Sequence[float]], n: int) -> list[int] | None:
    """The column each figure at ``mine`` stands under, beside ``references`` (where the columns'
    figures stand in other rows, or their headers): only where the references agree, each figure
    is clearly nearest one column, and they keep the columns' order; else None."""
    where = [sorted(r[j] for r in references)[len(references) // 2] for j in range(n)]
    gaps = [b - a for a, b in itertools.pairwise(where)]
    if min(gaps) < 4:
        return None
    reach = [min(gaps[j - 1] if j else math.inf, gaps[j] if j < n - 1 else math.inf) / 3 for j in range(n)]
    if any(abs(r[j] - where[j]) > reach[j] for r in references for j in range(n)):
        return None  # the reference rows do not agree on the columns
    placed: list[int] = []
    for position in mine:
        j = min(range(n), key=lambda j: abs(position - where[j]))
        if abs(position - where[j]) > reach[j] or (placed and j <= placed[-1]):
            return None
        placed.append(j)
    return placed


def _under_headers(ob: _Obs, columns: Sequence[ColumnSpec],
                   anchors: dict[str, tuple[int, int]]) -> Segmentation | None:
    """Each figure of the row under exactly one column header found above it (see
    ``_Builder._header_anchors``), in the columns' order: the row with its other cells blank."""
    if not anchors or ob.grid:
        return None
    order = {c.id: i for i, c in enumerate(columns)}
    spans = sorted(anchors.items(), key=lambda item: order[item[0]])
    if any(b[1][0] - a[1][1] < 2 for a, b in itertools.pairwise(spans)):
        return None  # headers overlapping, one space apart (no layout), or out of the columns' order
    placed: list[int] = []
    for piece in ob.pieces:
        origin = piece.origin
        if origin is None or origin.column is None or origin.table is not None:
            return None
        start, end = origin.column - 1, origin.column - 1 + len(piece.text)
        under = [order[cid] for cid, (lo, hi) in spans if start < hi and end > lo]
        if len(under) != 1 or (placed and under[0] <= placed[-1]):
            return None
        placed.append(under[0])
    return _placed(ob, len(columns), placed)


def _placed(ob: _Obs, n: int, placed: Sequence[int]) -> Segmentation:
    """The one reading that puts the row's figures at the cell positions ``placed`` (the others blank)."""
    reading = [Part("", None, -1) for _ in range(n)]
    for i, j in enumerate(placed):
        reading[j] = Part(ob.pieces[i].text, ob.pieces[i].origin, i)
    return Segmentation((tuple(reading),), "aligned", 1)


def _spaced_from_label(ob: _Obs) -> bool:
    """The row's first figure stands two spaces or more after its label (text laid out in columns,
    not a figure one space or a TAB after its label, where positions say nothing)."""
    first, label = ob.pieces[0].origin, ob.label_origin
    if first is None or first.column is None or label is None or label.column is None:
        return False
    if label.line != first.line:
        breaks = ob.label.count("\n")
        if breaks and label.line is not None and first.line == label.line + breaks:
            # The label wraps onto the figures' line (text cut at a fixed width): the gap after its
            # last piece, which starts the line, tells.
            return first.column - (1 + len(ob.label.rsplit("\n", 1)[1])) >= 2
        return True
    return first.column - (label.column + len(ob.label)) >= 2


def _spans(pieces: Sequence[Piece]) -> list[tuple[int, int]] | None:
    """Where the figures of a row printed on one line with wide gaps stand (their first and past
    their last column), or None."""
    if not pieces:
        return None
    line = pieces[0].origin.line if pieces[0].origin else None
    spans = []
    for p in pieces:
        origin = p.origin
        if p.empty or origin is None or origin.column is None or origin.table is not None or origin.line != line:
            return None
        spans.append((origin.column, origin.column + len(p.text)))
    if len(spans) > 1 and any(start - end < 2 for (_, end), (start, _) in itertools.pairwise(spans)):
        return None  # one space or a TAB apart: positions on the line say nothing about columns
    return spans


# The figures at the end of a line of text: whitespace-separated counts, amounts or placeholders.
_FIGURES_TAIL = re.compile(r"(?:[ \t\u3000]+(?:[-+]?\d[\d,]*(?:\.\d+)?(?:万元|元|件|项|个|条)?|/|—|-))+[ \t\u3000]*$")
_NUMBERED = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|第.{1,4}条)")
_HAN = re.compile("[\u4e00-\u9fff]")
_ROW_NUMBER = re.compile(
    r"^(?:\d{1,2}[.、](?!\d)|[（(][一二三四五六七八九十]{1,3}[）)]?|[一二三四五六七八九十]{1,3}、)")


def _figures_start(text: str, start: int, end: int) -> int | None:
    """Where the figures that end ``text[start:end]`` begin, if a label precedes them."""
    match = _FIGURES_TAIL.search(text, max(start, end - 160), end)  # (figures fill no more of a line)
    if match is None or not (_HAN.search(text, start, match.start())
                             or _ROW_NUMBER.match(text[start:match.start()].strip())):
        return None
    return match.start()


_WORD = re.compile(r"\S+")


def _last_word_start(text: str, start: int, end: int) -> int:
    """Where the last word of ``text[start:end]`` starts (the row label's column on its line)."""
    found = start
    for match in _WORD.finditer(text, start, end):
        found = match.start()
    return found


def _column_split(text: str, start: int, end: int, column: int) -> int:
    """Where the words of ``text[start:end]`` at or right of ``column`` (less two) begin; ``end`` if
    none is. A line without layout (no word indented that far) is all one column: ``start``."""
    first = _WORD.search(text, start, end)
    if first is None or first.start() >= column - 2:
        return start
    for match in _WORD.finditer(text, first.end(), end):
        if match.start() >= column - 2:
            return match.start()
    return end


def _completes_label(lex: Lexicon, head: str, tail: str) -> bool:
    """``head`` + ``tail`` (compact) hold a row label that runs from the head into the tail, and the
    head alone holds no row label."""
    if any(e.kind is EntryKind.ROW for m in lex.regex.finditer(head) for e in lex.lookup_tuple(m.group())):
        return False
    joined = head + tail
    return any(m.start() < len(head) < m.end() and any(e.kind is EntryKind.ROW for e in lex.lookup_tuple(m.group()))
               for m in lex.regex.finditer(joined))


def _one_per_line(pieces: Sequence[Piece]) -> bool:
    lines = [p.origin.line for p in pieces if p.origin is not None and p.origin.table is None]
    return len(lines) == len(pieces) > 0 and len(set(lines)) == len(lines)


def _alone(ob: _Obs) -> bool:
    """A row of running text that took figures from the lines below its label."""
    if ob.grid or ob.label_origin is None or ob.label_origin.line is None or not ob.pieces:
        return False
    label_line = ob.label_origin.line
    below = False
    for piece in ob.pieces:
        origin = piece.origin
        if origin is None or origin.table is not None:
            return False
        if origin.line is not None and origin.line > label_line:
            below = True
    return below


def _lone_figure_next(tokens: Sequence[_Tok], index: int) -> bool:
    """The line after the line end at ``index`` holds one figure alone, at the start of the line
    (one cell per line, not a cell that ``pdftotext -layout`` put below its row, which is indented)."""
    if index + 2 >= len(tokens):
        return False
    tok, after = tokens[index + 1], tokens[index + 2]
    return (tok.kind == "value" and not tok.empty and tok.origin.table is None and (tok.origin.column or 1) <= 2
            and after.kind in ("line-end", "row-end", "section-end"))


def _inside_a_phrase(lex: Lexicon, entries: tuple[Entry, ...], text: str, end: int, compact_text: str,
                     compact_end: int) -> bool:
    """A bare word (其他, 总计) printed together with more words that are no label is part of a
    longer phrase ("2.其他法律行政法规禁" printed around its figures), not a row label."""
    if not entries or entries[0].kind is not _AMBIGUOUS or end >= len(text) \
            or any(e.kind is not _AMBIGUOUS for e in entries):
        return False
    return "\u4e00" <= text[end] <= "\u9fff" and lex.regex.match(compact_text, compact_end) is None


def _line_origin(line: RawLine, slot_index: int, offset: int, text: str) -> Origin:
    slot = line.slots[slot_index]
    col = slot.col if line.grid is not None else None
    if text.find("\n", 0, offset) < 0:
        return _origin(slot.line, None if slot.column is None else slot.column + offset, line.grid, line.row, col)
    newlines = text.count("\n", 0, offset)
    line_no = None if slot.line is None else slot.line + newlines
    return _origin(line_no, offset - text.rfind("\n", 0, offset), line.grid, line.row, col)


# --------------------------------------------------------------------------------------------------
# Observations: a row label and the figures printed after it
# --------------------------------------------------------------------------------------------------


@functools.cache
def _table_identities(
    fmt: Format, table_id: str,
) -> tuple[tuple[Identity, ...], dict[str, tuple[tuple[tuple[int, ...], int], ...]]]:
    """The identities within one table, and each row's own sums as (addend positions, total position)."""
    template = spec(fmt)
    table = template.table(table_id)
    identities = tuple(i for r in template.relations for i in r.identities
                       if all(k.startswith(table_id + ".") for k in i.cells))
    row_sums: dict[str, tuple[tuple[tuple[int, ...], int], ...]] = {}
    for part, row in table.data_rows():
        prefix = f"{table_id}.{row.id}."
        position = {prefix + c.id: i for i, c in enumerate(part.columns)}
        row_sums[row.id] = tuple(
            (tuple(position[k] for k in i.rhs), position[i.lhs[0]])
            for i in identities if len(i.lhs) == 1 and all(k in position for k in i.cells)
        )
    return identities, row_sums


_CAPTION = re.compile(r"第\s*二\s*十\s*条\s*第\s*[（(]")  # (where section 二's table starts)


def _holds_all(values: Sequence[int | Decimal | None], sums: Sequence[tuple[tuple[int, ...], int]]) -> bool:
    """Every sum of the row is checked by figures and holds."""
    return all(values[cell] is not None for addends, total in sums for cell in (*addends, total)) \
        and _hold(values, sums)


def _all_checked(pieces: Sequence[Piece], columns: Sequence[ColumnSpec],
                 sums: tuple[tuple[tuple[int, ...], int], ...]) -> bool:
    """The pieces are a figure for every cell, each of them checked by the row's own sums, which
    all hold."""
    return bool(sums) and len(pieces) == len(columns) == _covered(sums) and _holds_all(
        [token_value(p.text, c) for p, c in zip(pieces, columns, strict=True)], sums)


@functools.cache
def _row_order(fmt: Format) -> dict[tuple[str, str], int]:
    """The position of every data row in its table, by (table, row)."""
    return {(table.id, row.id): i for table in spec(fmt).tables for i, (_, row) in enumerate(table.data_rows())}


MAX_WRAP_WIDTH = 300
"""No tool cuts text into lines wider than this (display columns): a text with a longer line is
not taken as cut in display columns."""

WRAPPED_SHARE = 1 / 3
"""Text is taken as cut into lines at a fixed width when at least this share of its lines (all but
the last) are about as wide as the widest (see :func:`_wrapped_lines`). Text that is not so cut
has at most a fifth of them (the corpus, its variants and its PDF conversions)."""


def _wrapped_lines(lines: Sequence[RawLine]) -> dict[int, str]:
    """The text lines that a cut at a fixed width ended, with what stood at the cut: the text goes
    on in the next line (``…行政强制126`` / ``025第二十条…``, as text pasted from a terminal, a mail or
    a tool that wraps has it) — ``""``, or ``" "`` where the cut fell at a space.

    The text is so cut when most of its lines are about as wide as the widest, in characters or in
    display columns (a CJK character takes two, and a line ends a column short where the wide
    character that starts the next did not fit; characters of ambiguous width may count either
    way), of at least eight lines, and not laid out in columns with wide gaps. A line is cut where
    it is that wide and the next line follows at once; the cut fell at a space where the next
    line's first character would still have fit on it."""
    text_lines = [i for i, line in enumerate(lines) if line.grid is None]
    if len(text_lines) < 8:
        return {}
    slots = [lines[i].slots[0] for i in text_lines]
    if sum(1 for a in slots if "   " in a.text) > len(slots) / 10:  # (a line's own text is stripped)
        return {}  # text laid out in columns (pdftotext -layout): its lines end where the page has them
    lengths = [(a.column or 1) - 1 + len(a.text) for a in slots[:-1]]
    longest = max(lengths)
    for measure in (len, _display_width):
        if measure is _display_width and (longest > MAX_WRAP_WIDTH or sum(
                n >= longest / 2 - 1 for n in lengths) < WRAPPED_SHARE * len(lengths)):
            break  # (a line as wide as the widest has half its characters at least: too few can be)
        widths = lengths if measure is len else [(a.column or 1) - 1 + measure(a.text) for a in slots[:-1]]
        widest = max(widths)
        if widest < 20 or sum(w >= widest - 2 for w in widths) < WRAPPED_SHARE * len(widths):
            continue
        cut: dict[int, str] = {}
        for i, w, a, b in zip(text_lines, widths, slots, slots[1:], strict=False):
            if w >= widest - 2 and a.line is not None and b.line == a.line + 1 and b.column is not None \
                    and b.column <= 2 and b.text:
                cut[i] = "" if b.column == 1 and w + measure(b.text[0]) > widest else " "
        return cut
    return {}


# The characters a terminal gives two columns (East Asian Wide and Fullwidth, as wcwidth has them;
# those of ambiguous width take one).
_WIDE = re.compile("[\u1100-\u115f\u231a\u231b\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
                   "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19"
                   "\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U00016fe0-\U0001b2ff\U0001f300-\U0001f64f"
                   "\U0001f900-\U0001f9ff\U00020000-\U0003fffd]")


def _display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for a wide character (CJK), one for the others."""
    return len(text) + len(_WIDE.findall(text))


class _Joined:
    """The compact text of consecutive lines, mapping positions back to the joined original text.

    ``positions[i]`` is where compact character ``i`` stands in the joined text (built in C, one
    list for the block: each lookup is then an index, not a search over the lines). A match of
    compact ``[i:j]`` starts at ``positions[i]`` (``after`` for ``i`` at the end) and ends after
    ``positions[j - 1]`` (at ``first`` for ``j`` 0)."""

    def __init__(self, views: list[TextView], bases: list[int]) -> None:
        self.text = "".join(v.text for v in views)
        positions: list[int] = []
        for view, base in zip(views, bases, strict=True):
            positions.extend(view.parent.span(view.i0, view.i1, base - view.base))
        self.positions = positions
        last, base = views[-1], bases[-1]
        self.after = base + last.start(len(last.text))  # (where a match at the very end starts)
        self.first = bases[0]


class _Lazy(Generic[_T]):
    """A value computed on first use (the prose is read only when a table needs it)."""

    def __init__(self, compute: Callable[[], _T]) -> None:
        self._compute = compute
        self._value: _T | None = None

    def get(self) -> _T:
        if self._value is None:
            self._value = self._compute()
        return self._value


@attrs.define
class _Obs:
    table: str
    rows: frozenset[str] | None
    """candidate row ids; None for a row printed without a recognisable label"""
    order: int
    label: str = ""
    label_origin: Origin | None = None
    variant: str = "label"
    pieces: list[Piece] = attrs.field(factory=list)
    grid: bool = False
    fragment: bool = False
    tentative: bool = False
    """Opened by 总计 / 其他, which are a row label only when figures follow them in their row."""
    line: int = -1
    """The text line the label was printed on (to tell a row on one line from a label above its figures)."""
    floating: Piece | None = None
    """A figure printed apart from the row (a multi-line cell a PDF conversion moved) that belongs to
    it at a position the text does not show."""
    floating_beside: str | None = None
    """The row of the same table whose figure printed apart, placed by its note, shows the column
    the conversion took out of the table's grid (see ``_Builder._align_floating``)."""
    by_lines: bool = False
    """A label alone on its line whose figures were taken from the lines below until the row was full."""
    doubtful: bool = False
    """Its figures may be another row's (see ``_Builder._doubt_rows_after_short_ones``)."""
    cut: bool = False
    """Its figures end their line, and figures without a label start the next one: the line may
    have been cut inside the row's figures (text wrapped at a fixed width), so they may go on there."""
    split_header: str | None = None
    """A column header printed over two cells (``采购总 | 金额``) with figures under both halves."""
    after_text: bool = False
    """A row without a label whose figures follow text that is no label (perhaps its own, unread)."""
    unread: bool = False
    """A token with digits that is no figure (``15,``) stands between the label and its figures:
    perhaps cells of the row that could not be read, so where the figures stand says nothing."""
    labels_first: bool = False
    """In doubt after a label without figures (labels printed as a column, their figures after
    them, as pdfminer prints text boxes), or after a row in doubt for that reason."""
    interrupted: bool = False
    """A grid row with a blank cell, and a cell holding text that is no figure (``N/`` and ``A`` of
    an ``N/A`` split over two cells): counting the blank but not the text, its figures may be read
    a cell off."""


# A note of the kind "（含自然失效29件）" names what the figure counts: the column it belongs to.
_NOTE_START = re.compile("[（(]")
_NOTE_COLUMNS = {
    "repealed": re.compile(r"^[（(](?:其中|含|包括)[^（）()]*(?:废止|失效|撤销)"),
    "in_force": re.compile(r"^[（(](?:其中|含|包括)[^（）()]*现行有效"),
    "issued": re.compile(r"^[（(](?:其中|含|包括)[^（）()]*(?:制发|新制定|出台|印发)"),
}


def _floating_readings(ob: _Obs, columns: Sequence[ColumnSpec]) -> Segmentation:
    """The readings of a row that lacks one figure, with the figure printed apart from it
    (:attr:`_Obs.floating`) at every position — or only at the column its own note names."""
    assert ob.floating is not None
    figure = Part(ob.floating.text, ob.floating.origin, len(ob.pieces))
    own = [Part(p.text, p.origin, i) for i, p in enumerate(ob.pieces)]
    readings = [(*own[:k], figure, *own[k:]) for k in range(len(columns))]
    found = _NOTE_START.search(ob.floating.text)
    note = ob.floating.text[found.start():] if found else ""
    named = [k for k, c in enumerate(columns) if c.id in _NOTE_COLUMNS and _NOTE_COLUMNS[c.id].match(note)]
    if len(named) == 1:
        readings = [readings[named[0]]]
    return Segmentation(tuple(readings), "floating", len(columns))


@functools.cache
def _identity_terms(identity: Identity) -> tuple[tuple[str, str, int], ...]:
    """An identity's cells as (row, column, sign): +1 on its left side, -1 on its right."""
    return tuple((key.split(".")[1], key.split(".")[2], sign)
                 for keys, sign in ((identity.lhs, 1), (identity.rhs, -1)) for key in keys)


def _satisfiable(terms: tuple[tuple[str, str, int], ...], variable: list[str],
                 values: dict[str, list[tuple[int | Decimal | None, ...]]],
                 positions: dict[str, dict[str, int]]) -> dict[str, set[int]] | None:
    """Per row of ``variable``, the readings that some choice of the other rows' readings (the
    rows not in ``variable`` have one) completes to ``sum(lhs) == sum(rhs)`` or to a choice where a
    cell has no figure; ``None`` when every reading of every row qualifies."""
    constant: int | Decimal = 0
    contributions: dict[str, list[int | Decimal | None]] = {r: [] for r in variable}
    for row_id, column, sign in terms:
        if row_id in contributions:
            continue
        value = values[row_id][0][positions[row_id][column]]
        if value is None:
            return None  # every choice has a cell without a figure
        constant += sign * value
    for r in variable:
        row_terms = [(positions[r][column], sign) for row_id, column, sign in terms if row_id == r]
        for vector in values[r]:
            total: int | Decimal = 0
            for position, sign in row_terms:
                value = vector[position]
                if value is None:
                    break
                total += sign * value
            else:
                contributions[r].append(total)
                continue
            contributions[r].append(None)
    # Where no choice with every figure known satisfies the identity, the report's own arithmetic
    # fails here (or every reading is wrong): it cannot choose — least of all the readings that
    # escape it by leaving a cell without a figure.
    if 0 not in _reachable(constant, [contributions[r] for r in variable]):
        return None
    wild = {r for r in variable if any(c is None for c in contributions[r])}
    keep: dict[str, set[int]] = {}
    for r in variable:
        others = [o for o in variable if o != r]
        if any(o in wild for o in others):
            keep[r] = set(range(len(values[r])))  # a choice elsewhere without a figure satisfies it
            continue
        reachable = _reachable(constant, [contributions[o] for o in others])
        keep[r] = {i for i, c in enumerate(contributions[r]) if c is None or -c in reachable}
    return keep


def _reachable(start: int | Decimal, rows: list[list[int | Decimal | None]]) -> set[int | Decimal]:
    """The sums ``start`` plus one known contribution of each row can reach."""
    sums = {start}
    for contributions in rows:
        sums = {s + c for s in sums for c in set(contributions) if c is not None}
    return sums


class _Builder:
    def __init__(self, document: RawDocument, source: str) -> None:
        self.document = document
        self.lines = document.lines
        self.source = source
        self.diagnostics: list[Diagnostic] = list(document.diagnostics)
        self.unplaced: list[Fragment] = []
        self.consumed: dict[int, list[tuple[int, int]]] = {}  # seg index → consumed text spans
        # Per block of text lines, its spans and the ranges of its joined text read so far, mapped
        # to the segments' consumed spans when these are first needed (see _consumed).
        self._taken: list[tuple[list[tuple[int, int, int, int]], list[tuple[int, int]]]] = []
        # table → [(line, {column id: middle of its header on the line})] for headers of running text
        self.header_lines: dict[str, list[tuple[int, dict[str, float]]]] = {}
        self._header_ends: dict[str, int] = {}
        self._text_lines: dict[int, tuple[int, str]] | None = None
        self._wrap: dict[int, str] | None = None
        self._areas: set[str | None] = set()  # the sections read for tables (see _scan)
        self._observations: list[_Obs] = []
        self._coordinates: tuple[int, ...] | None = None
        self._wide: dict[int, tuple[int, list[int]]] = {}  # (line → where its wide characters stand)
        self._anchors: dict[tuple[int, tuple[str, ...]], dict[str, tuple[int, int]]] = {}
        self._grid_lines: dict[int, list[int]] | None = None  # grid → its lines, in order
        # line → the headers split over two cells in that line, if it is a row of column headers
        self._header_splits: dict[int, list[tuple[int, int, str]] | None] = {}
        self._header_above: dict[tuple[int | None, int], int | None] = {}  # (grid, row) → its header row's line
        self._doc: NormalisedText | None = None
        self._texts: list[str | None] = [None] * len(self.lines)
        self._line_starts: list[int] = []
        self.format: Format | None = None
        # table → (each row's columns, each row's cell keys) in the document's format, set once it is known
        # (a template lookup per row hashes the format and the table in Python)
        self._by_table: dict[str, tuple[dict[str, tuple[ColumnSpec, ...]], dict[str, tuple[str, ...]]]] = {}

    def line_text(self, index: int) -> str:
        """The text of line ``index`` (a table row's cells joined by tabs), built once."""
        text = self._texts[index]
        if text is None:
            text = self._texts[index] = self.lines[index].text
        return text

    def _document(self) -> NormalisedText:
        """The compact form of every text line, normalised once (table rows count as empty lines)."""
        if self._doc is None:
            texts = ["" if line.grid is not None else line.slots[0].text for line in self.lines]
            self._line_starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))
            self._doc = NormalisedText("\n".join(texts))
        return self._doc

    def ntext(self, index: int) -> TextView:
        """The compact form of text line ``index``."""
        doc = self._document()
        start = self._line_starts[index]
        end = start + len(self.lines[index].slots[0].text)
        i0 = doc.index(start)
        return TextView(doc, i0, doc.index(end, i0), start)

    def seg_view(self, index: int, start: int, end: int) -> TextView:
        """``ntext(index).view(start, end)``: the compact form of ``[start:end]`` of text line ``index``
        (found in the document's compact form at once)."""
        doc = self._document()
        base = self._line_starts[index] + start
        j0 = doc.index(base)
        return TextView(doc, j0, doc.index(base - start + end, j0), base)

    def _heading_lines(self) -> set[int]:
        """The text lines that name a section's words (searched once in the whole document)."""
        doc = self._document()
        starts = self._line_starts
        found = set()
        text = doc.text
        last = len(starts) - 1
        for word in _HEADING_WORDS:  # (str.find per word: a C search that skips ahead, no regex scan)
            at = text.find(word)
            while at >= 0:
                line = bisect.bisect_right(starts, doc.at(at)) - 1
                found.add(line)
                # (the word's next line: the search goes on from where this line ends)
                at = text.find(word, doc.index(starts[line + 1]) if line + 1 < last else len(text))
        return found

    def seg_compact(self, seg: _Seg) -> str:
        line = self.lines[seg.line]
        if line.grid is not None:
            # (the compact form of the row's text: its cells' compact forms joined, no white space
            # and no NFKC composition crossing the TAB between cells)
            return "".join([_cell_compact(s.text) for s in line.slots if not s.copy])
        # (ntext(line).view(start, end).text, without the views: the line's characters lie between
        # its start and end in the document, so the searches need no bounds)
        doc = self._document()
        base = self._line_starts[seg.line]
        i0 = doc.index(base + seg.start)
        return doc.text[i0:doc.index(base + seg.end, i0)]

    # ---------------------------------------------------------------------------------------------
    def diag(self, code: str, severity: Severity, message: str, *, origin: Origin | None = None,
             excerpt: str = "", cells: Sequence[str] = (), candidates: Sequence[Sequence[str]] = ()) -> None:
        self.diagnostics.append(_diagnostic(code, severity, message, origin, excerpt[:200], tuple(cells),
                                            tuple(map(tuple, candidates)) if candidates else ()))

    def seg_text(self, seg: _Seg) -> str:
        line = self.lines[seg.line]
        if line.grid is not None:
            return self.line_text(seg.line)
        return line.slots[0].text[seg.start:seg.end]

    # ---------------------------------------------------------------------------------------------
    def run(self) -> Report:
        headings = _find_headings(self.lines, self.ntext, self._heading_lines(), self._wrapped())
        body = self._body_lines(headings)
        segs = [s for s in _segments(self.lines, headings) if s.line in body]
        for index, line in enumerate(self.lines):
            if index not in body and (text := self.line_text(index)).strip():
                origin = line.slots[0].origin(line.grid, line.row)
                self.unplaced.append(_new_fragment(text, origin, "outside the report body"))
        if len(body) < len(self.lines):
            self.diag("page-chrome", Severity.INFO,
                      f"{len(self.lines) - len(body)} lines of the page lie outside the report body "
                      "(navigation, footer …); kept in unplaced")
        self.segs = segs
        preamble_lines = self._rejoined([s for s in segs if s.section is None])
        meta = self.document.meta
        outside = [self.line_text(i) for i in range(len(self.lines)) if i not in body]
        kv_lines = preamble_lines + outside
        title = _meta.find_title(preamble_lines, meta, fallback=outside)
        section_texts: dict[str, list[str]] = {}  # (of the sections whose prose is read: 一 and 六)
        for s in segs:
            if s.section == "s1" or s.section == "s6":
                section_texts.setdefault(s.section, []).append(self.seg_text(s))
        if headings and headings[0].section == "s2":
            # Section 一's heading was not found: its text is the opening's (the prose figures that
            # choose among readings of run-together rows are read there).
            section_texts["s1"] = preamble_lines
        year = _meta.year_from_title(title) if title else None
        if year is None:
            year = _meta.year_from_text(preamble_lines + section_texts.get("s1", []))
        agency = _meta.agency_from_title(title) if title else None
        if agency is None:
            agency = _meta.agency_from_lines(kv_lines, meta)
        published = _meta.published_from(kv_lines, meta)
        if published is None and segs:
            # A report usually ends with the agency's name and the date it was signed.
            last = self.seg_text(segs[-1]).strip()
            if len(last) <= 16:
                published = _meta.parse_date(last)
        if (agency is None or published is None) and segs:
            signed_by, signed_on = _meta.signature([self.seg_text(s) for s in segs[-3:]])
            agency = agency or signed_by
            published = published or signed_on
        if year is None and published is not None:
            # A report is published for the year before (条例 Art. 49–50: by 31 January / 31 March).
            year = published.year - 1
            self.diag("year-from-published", Severity.INFO,
                      f"no year is named in the title or the opening; read as {year}, the year before the "
                      f"report's publication date {published.isoformat()} (a report covers the previous year, "
                      "条例 Art. 49–50)")

        fmt = self.format = self._detect_format(segs)
        tables: tuple[Table, ...] = ()
        if fmt is not None:
            self._by_table = {t.id: (_columns_by_row(t), _keys_by_row(t)) for t in spec(fmt).tables}
            tables = self._tables(fmt, segs, section_texts)
        sections = self._sections(headings, segs)
        preamble = self._preamble(segs, title)
        if not headings:
            self.diag("no-sections", Severity.WARNING, "no section heading (一、总体情况 …) was found")
        return _report(
            format=fmt, year=year, agency=agency, title=title, published=published, source=self.source,
            preamble=preamble, sections=sections, tables=tables, unplaced=tuple(self.unplaced),
            diagnostics=tuple(self.diagnostics),
        )

    def _goes_on(self, before: _Seg, end: int, seg: _Seg, start: int) -> str | None:
        """What stood at the cut where the text of ``before`` (read up to ``end``) goes on in ``seg``
        (from ``start``): ``""`` or ``" "`` where a cut at a fixed width ended its line (see
        :func:`_wrapped_lines`) and the two are the end of that line and the start of the next;
        else None (a break)."""
        if seg.line != before.line + 1 or start or end != len(self.lines[before.line].slots[0].text):
            return None
        return self._wrapped().get(before.line)

    def _rejoined(self, segs: list[_Seg]) -> list[str]:
        """The texts of ``segs``, one per line — but a line that a cut at a fixed width ended goes
        on with the next (a title cut in two: ``某某区人民政府办公室2019`` / ``年政府信息公开…``)."""
        out: list[str] = []
        previous: _Seg | None = None
        for seg in segs:
            text = self.seg_text(seg)
            gap = None if previous is None else self._goes_on(previous, previous.end, seg, seg.start)
            if out and gap is not None:
                out[-1] += gap + text
            else:
                out.append(text)
            previous = seg
        return out

    def _preamble(self, segs: list[_Seg], title: str | None) -> str:
        """The text before the first heading, without the lines that became the title and the
        publication date (they live in ``Report.title`` and ``Report.published``)."""
        lines = [t for t in (self._leftover(i, s) for i, s in enumerate(segs) if s.section is None) if t]
        keep = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if title and line == title:
                i += 1
                continue
            if title and line.startswith(title) and _meta.dates_the_page(line[len(title):].strip()):
                line = line[len(title):].strip()  # (the title, then the page's date: see _meta._undated)
            if title and i + 1 < len(lines) and line + lines[i + 1] == title:
                i += 2
                continue
            if title and self._wrapped() and title.startswith(line):
                # a title cut at a fixed width over several lines
                k = next((k for k in range(2, 6) if "".join("".join(lines[i:i + k]).split())
                          == "".join(title.split())), 0)
                if k:
                    i += k
                    continue
            if _meta.is_published_line(line):
                i += 1
                continue
            keep.append(line)
            i += 1
        return "\n".join(keep).strip()

    # ---------------------------------------------------------------------------------------------
    def _body_lines(self, headings: list[_Heading]) -> set[int]:
        """HTML: the lines inside the element that holds the section headings; else all lines."""
        everything = set(range(len(self.lines)))
        if len(headings) < 2:
            return everything
        containers = [self.lines[h.line].container for h in headings]
        if not all(containers):
            return everything
        common: tuple[int, ...] = containers[0]
        for c in containers[1:]:
            k = 0
            while k < min(len(common), len(c)) and common[k] == c[k]:
                k += 1
            common = common[:k]
        if not common:
            return everything
        return {i for i, line in enumerate(self.lines) if line.container[: len(common)] == common}

    # ---------------------------------------------------------------------------------------------
    def _detect_format(self, segs: list[_Seg]) -> Format | None:
        text = "\n".join(map(self.seg_compact, segs))
        found = [_SIGNAL_FORMAT[match.group()] for match in _SIGNALS.finditer(text)]
        ranked = sorted([(fmt, found.count(fmt)) for fmt in FORMATS], key=lambda kv: -kv[1])
        (best, top), (_, second) = ranked[0], ranked[1]
        if top == 0:
            # No signal: a truncated report may still show its section-三 rows; 2019 prints （六）
            # with figures, 2021 splits it — both formats share every other label.
            if re.search(r"\(六\)其他处理[0-9]", text):
                return Format.V2019
            self.diag("format-unknown", Severity.ERROR,
                      "the document follows neither national format (no label of the 2019 or 2021 "
                      "template was found); no table was read")
            return None
        if second:
            self.diag("format-conflict", Severity.WARNING,
                      f"labels of both formats were found ({ranked[0][0].value}: {top}, "
                      f"{ranked[1][0].value}: {second}); read as {best.value}")
        return best

    # ---------------------------------------------------------------------------------------------
    def _sections(self, headings: list[_Heading], segs: list[_Seg]) -> tuple[Section, ...]:
        out = []
        by_section: dict[str | None, list[tuple[int, _Seg]]] = {}
        for i, seg in enumerate(segs):
            by_section.setdefault(seg.section, []).append((i, seg))
        for h in headings:
            lines: list[str] = []
            origins: list[Origin] = []
            for i, seg in by_section.get(h.section, ()):
                text = self._leftover(i, seg)
                if not text:
                    continue
                line = self.lines[seg.line]
                start = line.slots[0].origin(line.grid, line.row) if line.grid is not None else \
                    _line_origin(line, 0, seg.start, line.slots[0].text)
                for k, part in enumerate(text.split("\n")):
                    lines.append(part)
                    origins.append(start if k == 0 else Origin(
                        line=None if start.line is None else start.line + k, table=start.table, row=start.row))
            line = self.lines[h.line]
            origin = _line_origin(line, 0, h.start, line.slots[0].text) if line.grid is None else \
                line.slots[0].origin(line.grid, line.row)
            out.append(Section(id=h.section, heading=h.text, text="\n".join(lines), origin=origin,
                               text_origins=tuple(origins)))
        return tuple(out)

    def _consumed(self, index: int) -> list[tuple[int, int]] | None:
        """The spans of a segment's text that a table read."""
        for spans, taken in self._taken:
            if not taken:
                continue
            # Ranges of the joined text, sorted, against its spans (sorted by their start): each
            # range goes to every span it overlaps, from the last span starting at or before it.
            taken.sort()
            consumed = self.consumed
            n = len(spans)
            k = 0
            seg_index, seg_start, length, in_line = spans[0]
            next_start = spans[1][1] if n > 1 else -1
            seg_end = seg_start + length
            shift = in_line - seg_start
            bucket: list[tuple[int, int]] | None = None  # the current span's consumed spans, once known
            for start, end in taken:
                while 0 <= next_start <= start:
                    k += 1
                    seg_index, seg_start, length, in_line = spans[k]
                    next_start = spans[k + 1][1] if k + 1 < n else -1
                    seg_end = seg_start + length
                    shift = in_line - seg_start
                    bucket = None
                if seg_start <= start and end <= seg_end:  # (the common case: within one line)
                    if start < end:
                        if bucket is None:
                            bucket = consumed.setdefault(seg_index, [])
                        bucket.append((start + shift, end + shift))
                    continue
                for j in range(k, n):  # a range over several lines (a label that wraps)
                    other, other_start, other_length, other_in_line = spans[j]
                    if other_start >= end:
                        break
                    lo, hi = max(start, other_start), min(end, other_start + other_length)
                    if lo < hi:
                        consumed.setdefault(other, []).append((lo + other_in_line - other_start,
                                                               hi + other_in_line - other_start))
            taken.clear()
        return self.consumed.get(index)

    def _leftover(self, index: int, seg: _Seg) -> str:
        """The text of a segment that no table consumed."""
        spans = self._consumed(index)
        if spans and self.lines[seg.line].grid is not None:
            return ""  # a table row: its cells live in the table, its leftovers in unplaced
        text = self.seg_text(seg)
        if not spans:
            return text.strip()
        keep = []
        position = base = seg.start  # (positions in the line; the text starts at the segment's start)
        for start, end in sorted(spans):
            if start > position:
                keep.append(text[position - base:start - base])
            if end > position:
                position = end
        keep.append(text[position - base:])
        return _BLANKS.sub(" ", " ".join([k.strip() for k in keep if k.strip()])).strip()

    # ---------------------------------------------------------------------------------------------
    # Tables
    # ---------------------------------------------------------------------------------------------
    def _tables(self, fmt: Format, segs: list[_Seg], section_texts: dict[str, list[str]]) -> tuple[Table, ...]:
        """The tables; ``section_texts`` holds the text of sections 一 and 六 (for :meth:`_facts`)."""
        lex = lexicon(fmt)
        template = spec(fmt)
        tokens = self._scan(lex, segs)
        observations, review_pieces = self._observe(tokens, fmt)
        self._observations = observations
        facts = _Lazy(lambda: self._facts(fmt, section_texts))
        tables = []
        resolved: dict[str, dict[str, tuple[Cell, ...]]] = {}
        labels: dict[tuple[str, str], tuple[str, Origin | None]] = {}
        for table in template.tables:
            if table.id == "review_litigation":
                rows = self._review_rows(table, review_pieces)
            else:
                obs = [o for o in observations if o.table == table.id]
                rows = self._assign(table, obs)
            for row_id, ob in rows.items():
                labels[(table.id, row_id)] = (ob.label, ob.label_origin)
            resolved[table.id] = self._resolve(fmt, table, rows, facts)
        for table in template.tables:
            out_rows = []
            missing = []
            for part, row in _data_rows(table):
                cells = resolved[table.id].get(row.id)
                if cells is None:
                    missing.append(row.id)
                    cells = tuple(map(_absent, part.columns))
                label, origin = labels.get((table.id, row.id), (None, None))
                out_rows.append(_row(row.id, cells, label or None, origin))
            if len(missing) == len(out_rows):
                self.diag("table-missing", Severity.WARNING,
                          f"table {table.id} ({table.title}) was not found in the document")
            elif missing:
                self.diag("rows-missing", Severity.WARNING,
                          f"table {table.id}: {len(missing)} of {len(out_rows)} rows not found "
                          f"({', '.join(missing[:8])}{' …' if len(missing) > 8 else ''}); their cells are absent",
                          cells=[cell_key(table.id, r, c.id) for r in missing for c in table.columns_of(r)][:60])
            tables.append(Table(id=table.id, rows=tuple(out_rows)))
        return tuple(tables)

    def _facts(self, fmt: Format, section_texts: dict[str, list[str]]) -> list[Fact]:
        """Figures the prose of sections 一 and 六 states for table cells — never from a table: where
        section 二's heading was not found, its tables lie in section 一 (see :func:`_table_areas`),
        whose prose then ends at the first caption of section 二 (``第二十条第（一）项``), or is not read."""
        facts: list[Fact] = []
        for section in ("s1", "s6"):
            text = "\n".join(section_texts.get(section, []))
            if section in self._areas:
                caption = _CAPTION.search(text)
                text = text[:caption.start()] if caption else ""
            if text:
                facts.extend(narrative_facts(text, fmt, section=section))
        return facts

    def _scan(self, lex: Lexicon, segs: list[_Seg]) -> list[_Tok]:
        """Tokens of the table areas, in document order; a ``row-end`` token after each table row
        or block of text lines."""
        table_sections = self._areas = _table_areas({s.section for s in segs})
        any_heading = any(s.section is not None for s in segs)
        block: list[int] = []
        out: list[_Tok] = []

        def text_block() -> None:
            if not block:
                return
            # Consecutive text lines are one stream: a label may wrap onto the next line.
            parts: list[str] = []
            spans: list[tuple[int, int, int, int]] = []  # (seg index, offset in joined, length, offset in line)
            views: list[TextView] = []
            soft: set[int] = set()  # the spans a line cut at a fixed width goes on from (joined without a break)
            length = 0
            wrapped = self._wrapped()
            order = (self._label_order(lex, block, segs) if not wrapped
                     else [(k, segs[k].start, segs[k].end) for k in block])
            for position, (k, start, end) in enumerate(order):
                seg = segs[k]
                text = self.lines[seg.line].slots[0].text
                piece = text[start:end]
                if parts:
                    before = segs[order[position - 1][0]]
                    gap = self._goes_on(before, order[position - 1][2], seg, start)
                    if gap is not None:
                        soft.add(len(spans) - 1)
                    parts.append("\n" if gap is None else gap)
                    length += len(parts[-1])
                spans.append((k, length, len(piece), start))
                parts.append(piece)
                length += len(piece)
                views.append(self.seg_view(seg.line, start, end))
            joined = "".join(parts) + "\n"
            self._scan_text(lex, joined, spans, segs, _Joined(views, [start for _, start, _, _ in spans]), out,
                            soft)
            out.append(_ROW_END)
            block.clear()

        last_area: str | None = "start"
        for k, seg in enumerate(segs):
            line = self.lines[seg.line]
            in_area = (seg.section in table_sections) or not any_heading
            if line.grid is None and seg.end - seg.start < 40 and _DIGIT.search(self.seg_text(seg)) \
                    and _FOOTER.match(normalise(self.seg_text(seg)).strip()):
                # A page number between the pieces of a table printed from a PDF.
                self.consumed[k] = [(seg.start, seg.end)]
                self.unplaced.append(Fragment(text=self.seg_text(seg).strip(),
                                              origin=line.slots[0].origin(None, None), reason="a page number"))
                continue
            if line.grid is not None:
                text_block()
                if in_area or self._row_has_labels(lex, line):
                    self.consumed[k] = [(0, 0)]
                    self._scan_row(lex, line, k, out)
                    out.append(_ROW_END)
                continue
            if in_area:
                block.append(k)
            elif block or last_area is not None:
                text_block()
                out.append(_SECTION_END)
            last_area = seg.section if in_area else None
        text_block()
        return out

    def _label_order(self, lex: Lexicon, block: list[int], segs: list[_Seg]) -> list[tuple[int, int, int]]:
        """The pieces of a block of text lines in reading order, as (segment, start, end) in the line.

        Where a narrow label column wraps a row label around its figures (PDF text:
        ``5.属于 1 0 0 0 0 0 1`` then ``三类`` / ``内部`` / ``事务`` / ``信息``), the label's last lines
        are read before the figures — only when together they complete a row label of the template
        that the first line alone does not hold. When a group label's column wraps beside it
        (``三、 （一）予以 7 0 … 7`` / ``本年 公开`` / ``度办``), only the words under the row label's
        column continue it; the others are read after the figures."""
        out: list[tuple[int, int, int]] = []
        i = 0
        while i < len(block):
            k = block[i]
            seg = segs[k]
            text = self.lines[seg.line].slots[0].text
            cut = _figures_start(text, seg.start, seg.end)
            if cut is not None and i + 1 < len(block):
                column = _last_word_start(text, seg.start, cut)
                head = compact(text[seg.start:cut])
                tails: list[tuple[int, int]] = []  # (block position, where the row label's column starts)
                words: list[str] = []
                alone: list[tuple[int, str]] = []  # (tail, whole line) for lines of one word
                j = i + 1
                while j < len(block) and len(tails) < 12:
                    tail_seg = segs[block[j]]
                    tail_text = self.lines[tail_seg.line].slots[0].text
                    split = _column_split(tail_text, tail_seg.start, tail_seg.end, column)
                    word = compact(tail_text[split:tail_seg.end])
                    whole = compact(tail_text[tail_seg.start:tail_seg.end])
                    if not whole or len(word) > 12 \
                            or _DIGIT.search(tail_text, tail_seg.start, tail_seg.end) or _NUMBERED.match(word):
                        break
                    if not word and len(_WORD.findall(tail_text, tail_seg.start, tail_seg.end)) == 1:
                        alone.append((len(tails), whole))
                    tails.append((j, split))
                    words.append(word)
                    j += 1
                complete = bool(tails) and _completes_label(lex, head, "".join(words))
                if tails and not complete and alone:
                    # pdftotext may shift a lone last word left of its column ("府信" / "息")
                    for index, whole in alone:
                        words[index] = whole
                        tails[index] = (tails[index][0], segs[block[tails[index][0]]].start)
                    complete = _completes_label(lex, head, "".join(words))
                if complete:
                    out.append((k, seg.start, cut))
                    for position, split in tails:
                        tail_seg = segs[block[position]]
                        if split < tail_seg.end:
                            out.append((block[position], split, tail_seg.end))
                    out.append((k, cut, seg.end))
                    for position, split in tails:
                        tail_seg = segs[block[position]]
                        if split > tail_seg.start:
                            out.append((block[position], tail_seg.start, split))
                    i = j
                    continue
            out.append((k, seg.start, seg.end))
            i += 1
        return out

    def _row_has_labels(self, lex: Lexicon, line: RawLine) -> bool:
        for slot in line.slots:
            if slot.copy:
                continue
            for m in lex.regex.finditer(_cell_compact(slot.text)):
                if any(e.kind is EntryKind.ROW for e in lex.lookup(m.group())):
                    return True
        return False

    def _header_splits_of(self, lex: Lexicon, index: int) -> list[tuple[int, int, str]] | None:
        """The column headers a converter printed over two adjacent cells of grid line ``index``
        (``|采购总|金额|`` for 采购总金额), as (column, next column, text); ``None`` if the line is no
        row of column headers. The first half may end a cell that begins with another column's
        whole header (``|采购项目数量<br>采购总|金额|``: the converter put two columns' lines in one
        cell)."""
        if index in self._header_splits:
            return self._header_splits[index]
        # (a cell of ASCII digits is a plain value: tested before the pattern, the common case)
        cells = [(s.col, _cell_compact(s.text), s.text.split()) for s in self.lines[index].slots
                 if not s.copy and s.text and not (s.text.isascii() and s.text.isdigit()) and not s.text.isspace()
                 and not _PLAIN_VALUE.match(s.text)]
        splits: list[tuple[int, int, str]] | None = None
        if any(_is_header(lex, text) for _, text, _ in cells):
            splits = []
            for (col, text, words), (next_col, next_text, _) in itertools.pairwise(cells):
                if next_col != col + 1 or _is_header(lex, next_text):
                    continue
                if not _is_header(lex, text) and _is_header(lex, text + next_text):
                    splits.append((col, next_col, f"{text} | {next_text}"))
                elif len(words) > 1 and _is_header(lex, compact("".join(words[:-1]))) \
                        and _is_header(lex, compact(words[-1]) + next_text):
                    splits.append((col, next_col, f"{compact(words[-1])} | {next_text}"))
        self._header_splits[index] = splits
        return splits

    def _split_header(self, fmt: Format, ob: _Obs, n_columns: int) -> tuple[int, int, str] | None:
        """A column header printed over two cells (see :meth:`_header_splits_of`) in the nearest row
        of headers above this grid row, with figures under both cells, as (column, next column,
        text): the figure below it is split the same way (``|2337|0.96|`` for 23370.96). Asked only
        for a row with more cells than columns: only such a row can hold one."""
        lex = lexicon(fmt)
        index = self._header_line_above(lex, ob)
        if index is None:
            return None
        splits = self._header_splits_of(lex, index)
        assert splits is not None
        columns = {p.origin.col for p in ob.pieces if not p.empty and p.origin is not None}
        return next(((a, b, text) for a, b, text in splits if a in columns and b in columns), None)

    def _header_line_above(self, lex: Lexicon, ob: _Obs) -> int | None:
        """The nearest row of column headers above a grid row, in its grid (see
        :meth:`_header_splits_of`)."""
        origins = [p.origin for p in ob.pieces if not p.empty and p.origin is not None and p.origin.table is not None]
        if not origins or origins[0].row is None:
            return None
        grid, row = origins[0].table, origins[0].row
        key = (grid, row)
        if key in self._header_above:
            return self._header_above[key]
        self._header_above[key] = found = self._find_header_line(lex, grid, row)
        return found

    def _find_header_line(self, lex: Lexicon, grid: int | None, row: int) -> int | None:
        if self._grid_lines is None:
            self._grid_lines = {}
            for index, line in enumerate(self.lines):
                if line.grid is not None:
                    self._grid_lines.setdefault(line.grid, []).append(index)
        for index in reversed(self._grid_lines.get(grid if grid is not None else -1, [])):
            if (self.lines[index].row or 0) >= row:
                continue
            if self._header_splits_of(lex, index) is not None:
                return index
        return None

    def _drop_padding(self, fmt: Format, table: TableSpec, row_id: str, ob: _Obs, n_columns: int) -> None:
        """A grid row with more cells than columns whose empty cells stand under cells printed empty in
        the row of column headers above (``||信息内容|本年新制作数量|本年新公开数量||对外公开总数量|`` over
        ``|规章||1,765|12347||147261|``): a converter's padding column, no cell of the form. Those
        cells are not counted, as far as the row keeps a cell per column."""
        index = self._header_line_above(lexicon(fmt), ob)
        if index is None:
            return
        # (only under a header cell printed empty: beyond the header row's cells, where the extra
        # column stands is not shown)
        unheaded = {slot.col for slot in self.lines[index].slots if not slot.text.strip()}
        padding = [p for p in ob.pieces if p.empty and p.origin is not None and p.origin.col in unheaded]
        if not padding or len(ob.pieces) - len(padding) < n_columns:
            return
        dropped = set(map(id, padding))
        ob.pieces[:] = [p for p in ob.pieces if id(p) not in dropped]
        self.diag("padding-cells-dropped", Severity.INFO,
                  f"{table.id}.{row_id}: {len(padding)} empty cell{'s' if len(padding) > 1 else ''} under no column "
                  "header (a converter's padding column) were not counted as cells of the row",
                  origin=padding[0].origin, excerpt=(ob.label + " " + " ".join(p.text for p in ob.pieces)).strip(),
                  cells=list(self._by_table[table.id][1][row_id]))

    def _join_split_figure(self, table: TableSpec, row_id: str, ob: _Obs, columns: Sequence[ColumnSpec],
                           split: tuple[int, int, str], sums: Sequence[tuple[tuple[int, ...], int]]) -> Segmentation:
        """The row whose figure a converter split over two cells the way it split the column's header
        above (``|采购总|金额|`` over ``|2337|0.96|``): one column stands there, so its cell is the two
        halves joined (23370.96) — where the row then prints one token per cell and the joined one is
        a figure of its column; else the cells stay ambiguous."""
        a, b, text = split
        left = max((i for i, p in enumerate(ob.pieces) if not p.empty and p.origin is not None and p.origin.col == a),
                   default=None)
        right = next((i for i, p in enumerate(ob.pieces) if not p.empty and p.origin is not None and p.origin.col == b),
                     None)
        if left is None or right is None or right != left + 1:
            return Segmentation((), "split-header", 0)
        first, second = ob.pieces[left], ob.pieces[right]
        joined = _new(Piece, (first.text + second.text, first.origin, False, first.glued))
        pieces = [*ob.pieces[:left], joined, *ob.pieces[right + 1:]]
        seg = segment(pieces, columns, sums)
        if len(seg.readings) != 1 or seg.how not in ("direct", "trimmed"):
            return Segmentation((), "split-header", 0)
        position = next((k for k, part in enumerate(seg.readings[0])
                         if part.raw == joined.text and part.origin is joined.origin), None)
        if position is None or token_value(joined.text, columns[position]) is None:
            return Segmentation((), "split-header", 0)
        ob.pieces[:] = pieces
        self.diag("split-figure-joined", Severity.INFO,
                  f"{table.id}.{row_id}: the column header {text} is printed over two cells, as a converter splits "
                  f"a header it finds too wide, and so is the figure under it ({first.text!r} / {second.text!r}): "
                  f"one column stands there, so its cell is {joined.text!r}", origin=first.origin,
                  excerpt=f"{ob.label} {' '.join(p.text for p in pieces)}".strip(),
                  cells=[cell_key(table.id, row_id, columns[position].id)])
        return seg

    def _scan_text(self, lex: Lexicon, text: str, spans: list[tuple[int, int, int, int]],
                   segs: list[_Seg], nt: _Joined, out: list[_Tok], soft: Container[int] = ()) -> None:
        starts = [start for _, start, _, _ in spans]
        lines = self.lines
        taken: list[tuple[int, int]] = []  # the ranges of ``text`` read (see _consumed)
        self._taken.append((spans, taken))
        consume = taken.append

        # Per span, what _line_origin computes for every offset in it, when its source line is one
        # line of text with a known column (no line break inside: the column is the offset plus a
        # constant); None sends the span's tokens through _line_origin itself.
        places: list[tuple[int | None, int, int | None] | None] = []
        for seg_index, start, _, in_line in spans:
            line = lines[segs[seg_index].line]
            slot = line.slots[0]
            column = slot.column
            places.append((slot.line, column + in_line - start, line.row)
                          if line.grid is None and column is not None and "\n" not in slot.text else None)

        last_span = len(spans) - 1
        k = 0  # the last span that starts at or before the offset (offsets only grow)
        # (:func:`~govdisclosure.model._origin` inline: an origin per token)
        new_origin, (set_line, set_column, set_table, set_row, set_col) = object.__new__, _ORIGIN_SET

        def locate(offset: int) -> tuple[int, Origin]:
            """(segment index, origin), for offsets in increasing order"""
            nonlocal k
            while k < last_span and starts[k + 1] <= offset:
                k += 1
            seg_index, start, length, in_line = spans[k]
            place = places[k]
            if offset > start + length:
                offset = start + length
            if place is not None:
                origin: Origin = new_origin(Origin)
                set_line(origin, place[0])
                set_column(origin, place[1] + offset)
                set_table(origin, None)
                set_row(origin, place[2])
                set_col(origin, None)
                return seg_index, origin
            line = lines[segs[seg_index].line]
            return seg_index, _line_origin(line, 0, in_line + offset - start, line.slots[0].text)

        # (no line end where a line cut at a fixed width goes on: the row's tokens go on there too)
        line_ends = [start + length for i, (_, start, length, _) in enumerate(spans) if i not in soft]
        n_ends = len(line_ends)
        next_end = 0

        def gap(start: int, end: int) -> None:
            # A line ends a row that already has its figures (labels may wrap, figures do not).
            nonlocal next_end
            chunk = text[start:end]
            words = chunk.split()
            if not words:
                return
            if len(words) == 1 and (words[0].isdigit() or not _BRACKETS.intersection(words[0])):
                # (one token: what _TOKEN finds there, without starting its search)
                tokens: Iterable[tuple[str, int]] = ((words[0], start + chunk.index(words[0])),)
            else:
                tokens = [(match.group(), match.start()) for match in _TOKEN.finditer(text, start, end)]
            for token, offset in tokens:
                while next_end < n_ends and line_ends[next_end] <= offset:
                    next_end += 1
                    out.append(_LINE_END)
                seg_index, origin = locate(offset)
                if _is_value(token):
                    consume((offset, offset + len(token)))
                    out.append(_new(_Tok, ("value", token, origin, (), False, 0, seg_index, None,
                                           offset > 0 and not text[offset - 1].isspace())))
                else:
                    out.append(_new(_Tok, ("junk", token, origin, (), False, 0, seg_index,
                                           functools.partial(consume, (offset, offset + len(token))), False)))

        position = 0
        positions, after, first = nt.positions, nt.after, nt.first  # (see :class:`_Joined`)
        tuples = lex.tuples  # (:meth:`Lexicon.lookup_tuple`'s answers, read here)
        n_positions = len(positions)
        for match in lex.regex.finditer(nt.text):
            i, j = match.span()
            start = positions[i] if i < n_positions else after
            end = positions[j - 1] + 1 if j > 0 else first
            if position < start:
                gap(position, start)
            while next_end < n_ends and line_ends[next_end] <= start:
                next_end += 1
                out.append(_LINE_END)
            seg_index, origin = locate(start)
            word = match.group()
            entries = tuples.get(word) or lex.lookup_tuple(word)
            if entries and entries[0].kind is EntryKind.AMBIGUOUS and _inside_a_phrase(
                    lex, entries, text, end, nt.text, match.end()):
                # 其他 in "2.其他法律行政法规禁止公开" printed around its figures: not the row 其他.
                consume((start, end))  # a word of the form all the same: read, like the labels
                out.append(_new(_Tok, ("junk", text[start:end], origin, (), False, 0, seg_index, None, False)))
                position = end
                continue
            consume((start, end))
            out.append(_new(_Tok, ("label", text[start:end], origin, entries, False, 0, seg_index, None, False)))
            position = end
        gap(position, len(text))

    def _scan_row(self, lex: Lexicon, line: RawLine, seg_index: int, out: list[_Tok]) -> None:
        grid, row = line.grid, line.row
        for i, slot in enumerate(line.slots):
            if slot.copy:
                continue
            text = slot.text
            value = _PLAIN_VALUES.get(text, _UNSEEN)  # (:func:`_plain_value`'s cache, read here)
            if value is _UNSEEN:
                value = _plain_value(text)
            if value is not None:  # a figure alone, or a blank cell ("")
                origin = _origin(slot.line, slot.column, grid, row, slot.col)
                out.append(_new(_Tok, ("value", value, origin, (), not value, i, seg_index, None, False)))
                continue
            matches, fragment = _cell_labels(lex, text)
            if fragment and not _is_value(text):  # (a fragment only where no label matched)
                origin = _origin(slot.line, slot.column, grid, row, slot.col)
                out.append(_new(_Tok, ("label", text, origin, fragment, False, i, seg_index, None, False)))
                continue
            if not matches and _is_value(text) and len(_TOKEN.findall(text)) == 1:
                origin = _origin(slot.line, slot.column, grid, row, slot.col)
                out.append(_new(_Tok, ("value", text.strip(), origin, (), False, i, seg_index, None, False)))
                continue
            # Several figures in one cell ("235 22") are several tokens, never one number.
            position = 0
            for s, e, entries in matches:
                if s > position:
                    self._slot_gap(line, i, text, position, s, seg_index, out)
                origin = _line_origin(line, i, s, text)
                out.append(_new(_Tok, ("label", text[s:e], origin, entries, False, i, seg_index, None, False)))
                position = e
            if position < len(text):
                self._slot_gap(line, i, text, position, len(text), seg_index, out)

    def _slot_gap(self, line: RawLine, slot: int, text: str, start: int, end: int, seg_index: int,
                  out: list[_Tok]) -> None:
        for match in _TOKEN.finditer(text, start, end):
            token = match.group()
            origin = _line_origin(line, slot, match.start(), text)
            if _FOOTER.match(normalise(token)):
                continue
            if _is_value(token):
                out.append(_new(_Tok, ("value", token, origin, (), False, slot, seg_index, None, False)))
            else:
                self.unplaced.append(Fragment(text=token, origin=origin,
                                              reason="text in a table row that is no label of the template"))
                out.append(_new(_Tok, ("junk", token, origin, (), False, slot, seg_index, None, False)))

    # ---------------------------------------------------------------------------------------------
    def _observe(self, tokens: list[_Tok], fmt: Format) -> tuple[list[_Obs], list[Piece]]:
        """Attach figures to the row labels they follow."""
        row_kind, ambiguous_kind, header_kind = EntryKind.ROW, EntryKind.AMBIGUOUS, EntryKind.HEADER
        caption_kind, group_kind = EntryKind.CAPTION, EntryKind.GROUP
        observations: list[_Obs] = []
        review: list[Piece] = []
        review_open = False
        review_closed = False
        context: str | None = None
        current: _Obs | None = None
        line_has_label = False
        row_empties: list[Piece] = []
        order = itertools.count()
        orphans: list[_Tok] = []

        def close() -> None:
            nonlocal current
            if current is not None and not (current.tentative and all(p.empty for p in current.pieces)):
                observations.append(current)  # a label without figures too: evidence for alignment
            current = None

        line_number = 0  # counts the lines of text blocks
        review_row_figures = False  # the current row gave section 四 figures

        def end_review_row() -> None:
            # Blank cells after the figures of a row of figures are cells too.
            nonlocal review_row_figures
            if review_row_figures and not line_has_label:
                review.extend(row_empties)
            row_empties.clear()
            review_row_figures = False

        def complete(ob: _Obs) -> bool:
            return bool(ob.rows) and len(ob.pieces) >= max(len(self._columns(ob.table, r)) for r in ob.rows or ())

        filled: _Obs | None = None  # see _Obs.by_lines
        figure_lines = _Lazy(lambda: _figure_lines(tokens))
        seen = ""  # the kind of the last token so far that is no line end
        for index, tok in enumerate(tokens):
            kind = tok.kind
            if kind == "value":
                # A value (or an empty grid cell).
                if current is not None and not tok.empty:  # (the common case, first)
                    current.pieces.append(_new(Piece, (tok.text, tok.origin, False, tok.glued)))
                    seen = kind
                    continue
                after_text = seen == "junk"
                seen = kind
                is_row_token = tok.origin.table is not None
                piece = _new(Piece, (tok.text, tok.origin, tok.empty, tok.glued))
                if current is not None:
                    if tok.empty and not current.pieces and not is_row_token:
                        continue
                    current.pieces.append(piece)
                    continue
                if not review_closed and (context == "review_litigation" or self.segs[tok.seg].section == "s4") and (
                        review_open or is_row_token or index in figure_lines.get()):
                    # Section 四's figures, after its headers or on a line of figures alone (its headers
                    # printed one character per line, as PDF text has them, are no labels).
                    if tok.empty:
                        # Blank cells count only in a row of figures alone (not in a header row, which
                        # may come between the figures when 行政复议 and 行政诉讼 are printed as two tables).
                        if not line_has_label:
                            row_empties.append(piece)
                        continue
                    if not line_has_label:
                        review.extend(row_empties)
                    row_empties.clear()
                    review.append(piece)
                    review_row_figures = True
                    continue
                if tok.empty:
                    continue
                if filled is not None and not is_row_token:
                    # More figures before the next label than the row above has cells: they may be its own
                    # (PDF text extraction prints cells out of order), so the row gets them all and its
                    # arithmetic decides, or its cells stay undetermined.
                    filled.pieces.append(piece)
                    continue
                if context in ("requests", "active_disclosure") and not line_has_label:
                    current = _Obs(table=context, rows=None, order=next(order), grid=is_row_token,
                                   after_text=after_text)
                    current.pieces.append(piece)
                    continue
                orphans.append(tok)
                continue
            if kind == "line-end":
                # A row printed on one line ends with it; a label alone on its line takes the figures of
                # the lines that follow (one cell per line, as PDF text often has) until the row is full.
                if current is not None and current.line == line_number and current.pieces \
                        and not current.tentative and not complete(current) and _lone_figure_next(tokens, index):
                    # "1.属于国家秘密0" and the row's other figures one per line below it.
                    current.line = -1
                if current is not None and (
                        current.tentative or (current.pieces and (current.line == line_number or complete(current)))):
                    current.by_lines = current.line != line_number and not current.tentative
                    filled = current if current.by_lines and current.rows else None
                    close()
                line_number += 1
                end_review_row()
                line_has_label = False
                continue
            seen = kind
            filled = None
            if kind == "row-end" or kind == "section-end":
                end_review_row()
                if current is not None and (current.pieces or current.tentative) and not (
                        current.fragment and kind == "row-end" and all(p.empty for p in current.pieces)):
                    close()  # (a broken label with blank cells may go on in the next row)
                if kind == "section-end":
                    close()
                    context = None
                line_has_label = False
                continue
            is_row_token = tok.origin.table is not None
            if kind == "label":
                entries = tok.entries
                known = _SUMMARIES.get(id(entries))
                if known is None or known[0] is not entries:
                    if len(_SUMMARIES) >= 4096:
                        _SUMMARIES.clear()
                    row_entries = tuple(e for e in entries if e.kind is row_kind)
                    headers = {e.column for e in entries if e.kind is header_kind and e.leaf and e.column}
                    known = _SUMMARIES[id(entries)] = (entries, (
                        tuple(e.kind for e in entries), frozenset(e.table for e in entries if e.table),
                        row_entries, frozenset(e.row for e in row_entries if e.row),
                        bool(row_entries) and all(e.variant == "fragment" for e in row_entries),
                        next(iter(headers)) if len(headers) == 1 else None, any(e.leaf for e in entries)))
                kinds, tables, row_entries, row_ids, fragments, header_column, leaf = known[1]
                if fragments and current is not None \
                        and current.fragment and all(p.empty for p in current.pieces) and current.rows:
                    # A label broken over several cells of one row (or of two rows, the first without
                    # figures): each piece narrows the candidates.
                    narrowed = current.rows & row_ids
                    if narrowed:
                        current.rows = narrowed
                        current.label = f"{current.label} {tok.text}"
                        current.pieces.clear()
                        continue
                if row_entries:
                    close()
                    table = row_entries[0].table or ""
                    ids = row_ids
                    variant = row_entries[0].variant
                    # (by position, half the cost of keywords: table, rows, order, label, label_origin,
                    # variant, pieces, grid, fragment, tentative, line)
                    current = _Obs(table, ids, next(order), tok.text, tok.origin, variant, [], is_row_token,
                                   variant == "fragment", False, line_number)
                    context = table
                    line_has_label = True
                    continue
                if ambiguous_kind in kinds:
                    # 总计 / 其他 as a row label when figures follow in the same row.
                    word = entries[0].column or ""
                    row_id = self._ambiguous_row(fmt, context, word)
                    if row_id is not None:
                        close()
                        current = _Obs(table=context or "", rows=frozenset({row_id}), order=next(order),
                                       label=tok.text, label_origin=tok.origin, variant="label",
                                       grid=is_row_token, tentative=True, line=line_number)
                        line_has_label = True
                    elif current is not None and current.pieces:
                        close()
                    continue
                close()
                if (caption_kind in kinds or header_kind in kinds or group_kind in kinds) \
                        and len(tables) == 1:
                    context = next(iter(tables))
                    if header_column is not None and not is_row_token:
                        self._note_header(context, tok, header_column)
                if context == "review_litigation" and leaf:
                    review_open = True
                line_has_label = True
                continue
            if kind == "junk":
                if current is not None and current.pieces and tok.consume is not None and _NOTE.match(tok.text) \
                        and not current.pieces[-1].empty and current.pieces[-1].origin is not None \
                        and current.pieces[-1].origin.table is None:
                    # "22" and "（其中修订16件）" on the next line: one cell printed over two lines.
                    last = current.pieces[-1]
                    current.pieces[-1] = Piece(last.text + tok.text, last.origin, glued=last.glued)
                    tok.consume()
                    if current.rows is None:
                        close()
                    continue
                if current is not None and not current.pieces and not current.grid and _DIGIT.search(tok.text):
                    current.unread = True
                if current is not None and current.grid and tok.origin.table is not None \
                        and any(p.empty for p in current.pieces):
                    # text that is no figure in a cell of the row's grid line, beside a blank cell:
                    # which of the row's cells the figures stand in is not shown
                    current.interrupted = True
                if current is not None and (current.pieces or (
                        not current.grid and current.rows and _ROW_NUMBER.match(normalise(tok.text)))):
                    # (also a label still waiting for its figures, when the text is another row's number:
                    # "逾期不补正 … 2.申请 0 0 0": those figures are row 2's, not the label's)
                    close()
                if context == "review_litigation" and review:
                    review_closed = True
                continue
        close()
        observations = self._rejoin_cut_figures(observations, fmt)
        self._share_with_labels_after(observations, fmt)
        observations = self._figures_above_labels(observations, fmt)
        self._doubt_rows_after_short_ones(observations)
        for tok in orphans:
            self.unplaced.append(Fragment(text=tok.text, origin=tok.origin, reason="a figure outside any table row"))
        if orphans:
            self.diag("unplaced-values", Severity.WARNING,
                      f"{len(orphans)} figures in the table areas belong to no row; kept in unplaced",
                      origin=orphans[0].origin, excerpt=" ".join(t.text for t in orphans[:20]))
        return observations, review

    def _note_header(self, table: str, tok: _Tok, column_id: str) -> None:
        """Where a column header of running text (of column ``column_id``, the one leaf header its
        label names) stands on its line (for :func:`_aligned`)."""
        line, column = tok.origin.line, tok.origin.column
        if line is None or column is None or "\n" in tok.text:
            return
        lines = self.header_lines.setdefault(table, [])
        if not lines or lines[-1][0] != line:
            lines.append((line, {}))
            self._header_ends[table] = -2
        if column - self._header_ends[table] < 2:
            lines[-1][1]["\0"] = 0.0  # headers one space apart: positions on the line say nothing
        self._header_ends[table] = column + len(tok.text)
        lines[-1][1][column_id] = column + len(tok.text) / 2

    def _header_anchors(self, columns: Sequence[ColumnSpec], rows: dict[str, _Obs],
                        page: int = 0) -> dict[str, tuple[int, int]]:
        """Where the headers of ``columns`` stand in the lines above the table's first row (text
        laid out with spaces): a header wrapped over several lines (``自`` / ``然人``) is found by
        joining the words that stand one above the other. Only exact labels count; each gives its
        (start, end) on the line. None for a row on another ``page`` than that first row."""
        lines = [o.label_origin.line for o in rows.values() if o.label_origin is not None and not o.grid]
        if not lines or any(line is None for line in lines):
            return {}
        first = min(line for line in lines if line is not None)
        if self._page(first) != page:
            return {}  # (a table continued on the next page may stand at other positions)
        key = (first, tuple(c.id for c in columns))
        cached = self._anchors.get(key)
        if cached is not None:
            return cached
        self._anchors[key] = anchors = self._find_anchors(first, columns)
        return anchors

    def _find_anchors(self, first: int, columns: Sequence[ColumnSpec]) -> dict[str, tuple[int, int]]:
        text_lines = self._source_lines()
        above: list[list[tuple[int, int, str]]] = []
        for number in range(first - 1, max(0, first - 24), -1):
            at, text = text_lines.get(number, (0, ""))
            if not text.strip():
                continue
            if _DIGIT.search(text):
                break  # a row of figures (or a caption): the header block ends
            above.append([(at + m.start(), at + m.end(), compact(m.group())) for m in _WORD.finditer(text)])
        above.reverse()
        anchors: dict[str, tuple[int, int]] = {}
        for column in columns:
            label = compact(column.label)
            found = set(_stacked(above, label))
            if len(found) == 1:
                anchors[column.id] = found.pop()
        return anchors

    def _doubt_rows_after_short_ones(self, observations: list[_Obs]) -> None:
        """Labels alone on their lines take the figures printed on the lines below. When one such
        row gets fewer figures than it has cells before the next label (or more, unless the next
        row's own sums check all its figures), the cells of the page are not printed row by
        row (``pdftotext`` prints a table with blank cells column by column), so the figures under
        the next label of the same columns may be the other row's: in doubt.
        (Not in text cut at a fixed width: a label at the end of a line is no label alone there.)"""
        wrapped = bool(self._wrapped())
        for a, b in itertools.pairwise(observations):
            if a.table == b.table and a.rows and b.rows is None and self._cut_between(a, b):
                a.cut = True
            if wrapped or a.table != b.table or not b.rows or len(b.rows) != 1 or not _alone(b) \
                    or b.floating is not None:
                continue
            columns = self._columns(b.table, next(iter(b.rows)))
            if a.rows is None and not a.grid and len(a.pieces) % len(columns) and _one_per_line(a.pieces):
                # figures of no row, one per line and not whole rows, just before: whose they are is not shown
                b.doubtful = True
            elif ((a.rows is None and not a.after_text) or a.doubtful) and not a.grid \
                    and len(a.pieces) == len(columns) and b.label_origin is not None \
                    and {p.origin.line if p.origin else None for p in a.pieces} == {(b.label_origin.line or 0) - 1}:
                # a whole row of figures on the line right above the label: its figures may be those
                # (labels printed lower than their figures) as well as the ones below — and so on down
                b.doubtful = True
            elif a.rows and len(a.rows) == 1 and _alone(a) and 0 < len(a.pieces) < len(columns) \
                    and self._columns(a.table, next(iter(a.rows))) == columns:
                b.doubtful = True
            elif a.rows and self._overfull(a) and self._columns(a.table, next(iter(a.rows))) == columns \
                    and not self._checked(b, columns):
                # more figures than cells: the page's cells are not printed row by row, so the next
                # row's figures may be others' too — unless its own sums check every one of them
                b.doubtful = True
            elif a.labels_first and a.rows and not a.grid and _alone(a):
                # the row before in doubt for the same reason, its label also alone over figures:
                # the figures after a column of labels go on in their own order
                b.doubtful = b.labels_first = True
            elif a.rows and not a.grid and not a.pieces and not a.tentative:
                # a label without figures just before: the labels may be printed as a column, their
                # figures after them (pdfminer's text boxes), so whose figures these are is not shown
                b.doubtful = b.labels_first = True

    def _overfull(self, ob: _Obs) -> bool:
        """A label alone on its line that took more figures from the lines below than its row has
        cells (the page's cells not printed row by row)."""
        rows = ob.rows
        return rows is not None and len(rows) == 1 and _alone(ob) \
            and len(ob.pieces) > len(self._columns(ob.table, next(iter(rows))))

    def _checked(self, ob: _Obs, columns: Sequence[ColumnSpec]) -> bool:
        """The row prints a figure for every cell, and its own sums check every one and hold."""
        if self.format is None or not ob.rows:
            return False
        sums = _table_identities(self.format, ob.table)[1].get(next(iter(ob.rows)), ())
        return _all_checked(ob.pieces, columns, sums)

    def _share_with_labels_after(self, observations: list[_Obs], fmt: Format) -> None:
        """A label alone on its line that took more figures from the lines below than its row has
        cells, followed by labels without figures of the rows that come next in the table: PDF text
        (``pdftotext`` without ``-layout``) prints the labels of a table's last rows after its
        figures. Where the figures are exactly as many as the cells of those rows together, each a
        figure on its own line, and every row's own sums check each of its cells and hold with them
        read in order, each row takes its own; else nothing changes (the row's cells stay
        undetermined)."""
        order = _row_order(fmt)
        for index, a in enumerate(observations):
            if not a.rows or len(a.rows) != 1 or a.floating is not None or a.doubtful or a.grid:
                continue
            row_id = next(iter(a.rows))
            sizes = [len(self._columns(a.table, row_id))]
            if len(a.pieces) <= sizes[0] or not _alone(a) or not _one_per_line(a.pieces):
                continue
            rows = [row_id]
            after: list[_Obs] = []
            for b in observations[index + 1:]:
                if sum(sizes) >= len(a.pieces) or b.table != a.table or b.pieces or b.grid or b.tentative \
                        or not b.rows or len(b.rows) != 1:
                    break
                following = next(iter(b.rows))
                if order.get((a.table, following)) != order[(a.table, rows[-1])] + 1:
                    break
                rows.append(following)
                after.append(b)
                sizes.append(len(self._columns(a.table, following)))
            if not after or sum(sizes) != len(a.pieces):
                continue
            row_sums = _table_identities(fmt, a.table)[1]
            chunks = []
            start = 0
            for row, size in zip(rows, sizes, strict=True):
                chunk = a.pieces[start:start + size]
                start += size
                if not _all_checked(chunk, self._columns(a.table, row), row_sums.get(row, ())):
                    break
                chunks.append(chunk)
            if len(chunks) != len(rows):
                continue
            a.pieces[:] = chunks[0]
            for b, chunk in zip(after, chunks[1:], strict=True):
                b.pieces.extend(chunk)
            names = "、".join(b.label for b in after)
            self.diag("figures-shared", Severity.INFO,
                      f"{a.table}.{row_id}: the {sum(sizes)} figures printed below its label are also those of "
                      f"the rows whose labels follow them ({names}), as PDF text prints the labels of a table's "
                      "last rows after its figures; read in order, every row's own sums hold",
                      origin=a.label_origin, excerpt=f"{a.label} {' '.join(p.text for p in a.pieces)}",
                      cells=[k for row in rows for k in _row_keys(spec(fmt).table(a.table), row)])

    def _figures_above_labels(self, observations: list[_Obs], fmt: Format) -> list[_Obs]:
        """Figures of no row, one per line, on the lines right above a label alone on its line (blank
        lines aside) that got no figures: PDF text (``pdftotext`` without ``-layout``) prints a row's label below its
        figures where the label's cell is taller than theirs. Where they are exactly as many as the
        row's cells, and the row before them in the table has all its figures (they cannot be its
        own) — not figures of no row of the same sub-table, which leave unshown whose figures are
        whose — the row takes them; else they stay figures of no row."""
        dropped: set[int] = set()
        for index, (u, b) in enumerate(itertools.pairwise(observations)):
            if u.rows is not None or u.grid or u.after_text or u.table != b.table or not _one_per_line(u.pieces) \
                    or b.pieces or b.grid or b.tentative or not b.rows or len(b.rows) != 1 \
                    or b.label_origin is None or b.label_origin.line is None:
                continue
            row_id = next(iter(b.rows))
            columns = self._columns(b.table, row_id)
            last = u.pieces[-1].origin
            if len(u.pieces) != len(columns) or last is None or last.line is None \
                    or not last.line < b.label_origin.line \
                    or any(n in self._source_lines() for n in range(last.line + 1, b.label_origin.line)):
                continue  # (on the lines right above the label: blank lines between them at most)
            before = observations[index - 1] if index else None
            if before is not None and before.table == b.table and (
                    (not before.rows and not self._caption_between(before, u)) or (before.rows and (
                        before.doubtful or len(before.pieces) < max(len(self._columns(before.table, r))
                                                                    for r in before.rows)))):
                # (a row before them that lacks figures, or figures of no row in the same sub-table:
                # they may be its own, or the label's)
                continue
            b.pieces.extend(u.pieces)
            dropped.add(id(u))
            self.diag("figures-above-label", Severity.INFO,
                      f"{b.table}.{row_id}: its {len(columns)} figures are printed one per line right above its "
                      "label, which got none below it (PDF text prints a label below its row's figures where the "
                      "label's cell is taller)", origin=b.label_origin,
                      excerpt=f"{b.label} {' '.join(p.text for p in b.pieces)}",
                      cells=list(_row_keys(spec(fmt).table(b.table), row_id)))
        return [o for o in observations if id(o) not in dropped]

    def _caption_between(self, a: _Obs, b: _Obs) -> bool:
        """A sub-table's caption (``第二十条第（九）项``) stands on a line between the figures of ``a``
        and those of ``b``."""
        last, first = a.pieces[-1].origin if a.pieces else None, b.pieces[0].origin if b.pieces else None
        if last is None or first is None or last.line is None or first.line is None:
            return False
        lines = self._source_lines()
        return any(_CAPTION.search(normalise(lines[n][1])) for n in range(last.line + 1, first.line) if n in lines)

    def _rejoin_cut_figures(self, observations: list[_Obs], fmt: Format) -> list[_Obs]:
        """A row with a figure for every cell whose last figure ends its line, and figures without a
        label that start the next (``… 189 342 88`` / ``9``): where the row's own sums fail as
        printed and hold with the two joined (``889``), the line was cut inside that figure (text
        wrapped at a fixed width), and they are one figure again. Else both stay as they are.
        A row with fewer figures than cells may go on in the next line the same way: see
        :meth:`_continue_cut_row`."""
        dropped: set[int] = set()
        for a, b in itertools.pairwise(observations):
            if a.table != b.table or b.rows is not None or not a.rows or len(a.rows) != 1:
                continue
            row_id = next(iter(a.rows))
            columns = self._columns(a.table, row_id)
            short = len(a.pieces) < len(columns)
            if not self._ends_line_cut(a, b, full=not short):
                continue
            sums = _table_identities(fmt, a.table)[1].get(row_id, ())
            if short and sums and self._continue_cut_row(a, b, row_id, columns, sums, fmt):
                dropped.add(id(b))
                continue
            if len(a.pieces) != len(columns) or not sums:
                continue
            last, first = a.pieces[-1], b.pieces[0]
            joined = _new(Piece, (last.text + first.text, last.origin, False, last.glued))
            as_printed = [token_value(p.text, c) for p, c in zip(a.pieces, columns, strict=True)]
            rejoined = [*as_printed[:-1], token_value(joined.text, columns[-1])]
            if _holds_all(as_printed, sums) or not _holds_all(rejoined, sums):
                continue
            a.pieces[-1] = joined
            del b.pieces[0]
            if not b.pieces:
                dropped.add(id(b))
            self.diag("figure-rejoined", Severity.INFO,
                      f"{a.table}.{row_id}: the figure {joined.text!r} was printed cut in two at the end of a line "
                      f"({last.text!r} / {first.text!r}); the row's own sums hold with it whole, not with it cut",
                      origin=last.origin, excerpt=f"{a.label} {' '.join(p.text for p in a.pieces)}".strip(),
                      cells=list(_row_keys(spec(fmt).table(a.table), row_id)))
        return [o for o in observations if id(o) not in dropped]

    def _continue_cut_row(self, a: _Obs, b: _Obs, row_id: str, columns: Sequence[ColumnSpec],
                          sums: tuple[tuple[tuple[int, ...], int], ...], fmt: Format) -> bool:
        """Row ``a`` prints fewer figures than cells and its last one ends its line; figures without a
        label start the next line and are all on it (``…68 1`` / ``46 788``): the line may have been
        cut at a fixed width among the row's figures — at a space, or inside a figure (146). Where
        exactly one of the two makes the row's cells, with every one of them checked by the row's own
        sums and every sum holding, the row takes those figures; else both stay as they are (and the
        row's cells in doubt, see :meth:`_cut_between`)."""
        line = b.pieces[0].origin.line if b.pieces[0].origin is not None else None
        if line is None or any(p.empty or p.origin is None or p.origin.line != line for p in b.pieces):
            return False
        last, first = a.pieces[-1], b.pieces[0]
        joined = _new(Piece, (last.text + first.text, last.origin, False, last.glued))
        ways = [pieces for pieces in ([*a.pieces, *b.pieces], [*a.pieces[:-1], joined, *b.pieces[1:]])
                if _all_checked(pieces, columns, sums)]
        if len(ways) != 1:
            return False
        inside = ways[0][len(a.pieces) - 1] is joined
        a.pieces[:] = ways[0]
        more = len(b.pieces) - inside
        self.diag("row-continued", Severity.INFO,
                  f"{a.table}.{row_id}: its line was cut "
                  + (f"inside the figure {joined.text!r} ({last.text!r} / {first.text!r})" if inside else
                     "at a space between its figures")
                  + f" and goes on at the start of the next line with {more} more figure{'s' if more != 1 else ''} "
                  "(text cut at a fixed width); read so, every one of the row's own sums holds",
                  origin=first.origin, excerpt=f"{a.label} {' '.join(p.text for p in a.pieces)}".strip(),
                  cells=list(_row_keys(spec(fmt).table(a.table), row_id)))
        return True

    def _ends_line_cut(self, a: _Obs, b: _Obs, *, full: bool = False) -> bool:
        """The last figure of row ``a`` ends its line, and the first of ``b`` starts the next one in
        its first column (or the second, after the space the cut fell at), digits both — as a cut at
        a fixed width inside one figure leaves them (a cell printed lower stands indented)."""
        if a.grid or b.grid or not a.pieces or not b.pieces or a.floating is not None:
            return False
        last, first = a.pieces[-1], b.pieces[0]
        if last.origin is None or first.origin is None or last.origin.column is None or first.origin.column is None \
                or last.origin.line is None or first.origin.line != last.origin.line + 1:
            return False
        if not (last.text.isdigit() and first.text[:1].isdigit()) or (full and not first.text.isdigit()):
            return False
        lines = self._source_lines()
        at, text = lines.get(last.origin.line, (0, ""))
        next_at = lines.get(first.origin.line, (0, ""))[0]
        return (last.origin.column - 1 - at + len(last.text) == len(text.rstrip())
                and first.origin.column - 1 == next_at and first.origin.column <= 2)

    def _cut_between(self, a: _Obs, b: _Obs) -> bool:
        """Row ``a`` prints fewer figures than cells (digits to split), the last of them ends its
        line, and figures without a label (``b``) start the next line: a line cut at a fixed width
        inside the row's figures looks just so (``行政强制126`` / ``025第二十条…``). (A row with a
        figure for every cell is not in doubt: PDF text puts a cell of the next row there too; see
        :meth:`_rejoin_cut_figures`.)"""
        return bool(a.rows) and self._ends_line_cut(a, b) and len(a.pieces) < max(
            len(self._columns(a.table, r)) for r in a.rows or ())

    def _wrapped(self) -> dict[int, str]:
        """:func:`_wrapped_lines` of the document (found once; a web page's lines are its elements)."""
        if self._wrap is None:
            self._wrap = {} if self.document.layout is Layout.HTML else _wrapped_lines(self.lines)
        return self._wrap

    def _layout_coordinates(self) -> tuple[int, ...]:
        """How the document's text lays its tables out (found once, from every table's rows that
        print every figure on one line with wide gaps, compared page by page): ``(1,)`` in display
        columns (a terminal browser: a CJK character takes two) where they agree better so, ``(0, 1)``
        where both agree alike, else ``(0,)`` in characters (``pdftotext -layout``, the common case);
        ``()`` where no two rows alike tell (see :func:`_aligned`)."""
        if self._coordinates is None:
            spread = [0.0, 0.0]
            groups: dict[tuple[str, int, int], list[tuple[_Spans, _Spans]]] = {}
            assert self.format is not None
            for ob in self._observations:
                if ob.grid or not ob.rows or len(ob.rows) != 1:
                    continue
                columns = self._columns(ob.table, next(iter(ob.rows)))
                if len(ob.pieces) == len(columns) > 1 and (spans := _spans(ob.pieces)) is not None:
                    groups.setdefault((ob.table, len(columns), self._page_of(ob)), []).append(
                        (spans, _display_spans(ob.pieces, spans, self._display_column)))
            told = False
            for rows in groups.values():
                if len(rows) < 2:
                    continue
                told = True
                for kind in (0, 1):
                    spread[kind] += min(_spread([_at(row[kind], at) for row in rows]) for at in (0.0, 0.5, 1.0))
            self._coordinates = () if not told else (0, 1) if spread[0] == spread[1] else (
                (1,) if spread[1] < spread[0] else (0,))
        return self._coordinates

    def _display_column(self, line: int, column: int) -> int:
        """The display column (a CJK character takes two) of character column ``column`` on source
        line ``line`` (both 1-based)."""
        wide = self._wide.get(line)
        if wide is None:
            at, text = self._source_lines().get(line, (0, ""))
            wide = self._wide[line] = (at, [m.start() for m in _WIDE.finditer(text)])
        at, positions = wide
        offset = max(0, column - 1 - at)
        return at + 1 + offset + bisect.bisect_left(positions, offset)

    def _page(self, line: int | None) -> int:
        """The page (0 for the first) source line ``line`` is on (see ``RawDocument.pages``)."""
        pages = self.document.pages
        return bisect.bisect_right(pages, line) if pages and line is not None else 0

    def _page_of(self, ob: _Obs) -> int:
        """The page a row's figures are printed on (that of its first figure)."""
        origin = ob.pieces[0].origin if ob.pieces else None
        return self._page(origin.line if origin is not None else None)

    def _source_lines(self) -> dict[int, tuple[int, str]]:
        """The text lines by source line number: (column before the first character, text)."""
        if self._text_lines is None:
            self._text_lines = {s.line: ((s.column or 1) - 1, s.text) for raw in self.lines if raw.grid is None
                                for s in raw.slots[:1] if s.line is not None}
        return self._text_lines

    def _columns(self, table_id: str, row_id: str) -> tuple[ColumnSpec, ...]:
        return self._by_table[table_id][0][row_id]

    def _ambiguous_row(self, fmt: Format, context: str | None, word: str) -> str | None:
        if context != "requests":
            return None
        if word in ("总计", "合计"):
            return "total_processed"
        if word == "其他" and fmt is Format.V2021:
            return "other_other"
        return None

    # ---------------------------------------------------------------------------------------------
    def _assign(self, table: TableSpec, observations: list[_Obs]) -> dict[str, _Obs]:
        """Which observation fills which template row."""
        order, index, n_columns = _table_rows(table)
        observations = self._merge_split_rows(table, observations, n_columns)
        labelled = [o for o in observations if o.rows and not o.fragment and len(o.rows) == 1 and o.pieces]
        result: dict[str, _Obs] = {}
        if table.id == "active_disclosure":
            for ob in labelled:
                row_id = next(iter(ob.rows or ()))
                if row_id not in result or self._better(ob, result[row_id], n_columns[row_id]):
                    if row_id in result:
                        self._drop(result[row_id], "the row is printed twice; the fuller copy is used")
                    result[row_id] = ob
                else:
                    self._drop(ob, "the row is printed twice; the fuller copy is used")
            broken = [o for o in observations if o.fragment and o.rows and len(o.rows) == 1 and o.pieces]
            for ob in broken:
                # A label broken over cells (其他对外管理服务 | 事项) whose pieces name one row only,
                # printed nowhere whole: that row.
                row_id = next(iter(ob.rows or ()))
                if row_id not in result and sum(1 for o in broken if o.rows == ob.rows) == 1:
                    result[row_id] = ob
                    self.diag("label-alias", Severity.INFO,
                              f"row label {ob.label!r} read as {table.id}.{row_id} (part of its label, broken "
                              "over cells, that names no other row)", origin=ob.label_origin, excerpt=ob.label)
            unlabelled = [o for o in observations if (o.rows is None or o.fragment) and o.pieces
                          and not any(o is r for r in result.values())]
            for ob in self._pair_floating(table, result, unlabelled, n_columns):
                self._drop(ob, "figures without a row label")
            self._note_aliases(table, result)
            return result
        # Section 三: keep the labelled rows that follow the template's order (heaviest chain),
        # then place unlabelled rows between them by position.
        chain = self._chain(labelled, index, n_columns)
        chosen = {id(o) for o in chain}
        for ob in labelled:
            if id(ob) not in chosen:
                self._drop(ob, "a row label out of the template's order")
        anchors = [(index[next(iter(o.rows or ()))], o) for o in chain]
        bounds = [(-1, None), *anchors, (len(order), None)]
        loose = [o for o in observations if id(o) not in chosen
                 and (o.rows is None or o.fragment or len(o.rows or ()) > 1) and o.pieces]
        for (lo, left), (hi, right) in itertools.pairwise(bounds):
            lo_order = -1 if left is None else left.order
            hi_order = math.inf if right is None else right.order
            between = [o for o in loose if lo_order < o.order < hi_order]
            slots = order[lo + 1:hi]
            if not between:
                continue
            if any(o is not None and not o.grid and o.rows and (o.labels_first or self._overfull(o))
                   for o in (left, right)):
                # (a row beside them took more figures than cells from the lines below its label, or
                # follows a column of labels: the page's cells are not printed row by row, so these
                # figures may be that row's)
                for ob in between:
                    self._drop(ob, "figures without a row label beside a row whose figures are not printed in order")
                continue
            if len(between) == len(slots) and all(
                    o.rows is None or slot in o.rows for o, slot in zip(between, slots, strict=True)):
                for ob, slot in zip(between, slots, strict=True):
                    result[slot] = ob
                    self.diag("row-by-position", Severity.INFO,
                              f"a row printed {'without its label' if ob.rows is None else 'with a broken label'}"
                              f" is read as {table.id}.{slot}, the only row missing at that position",
                              origin=ob.pieces[0].origin if ob.pieces else None,
                              excerpt=(ob.label + " " + " ".join(p.text for p in ob.pieces)).strip(),
                              cells=[cell_key(table.id, slot, c.id) for c in table.columns_of(slot)])
            else:
                for ob in between:
                    self._drop(ob, "a row whose label is missing or broken, with no free position to place it")
        for ob in chain:
            result[next(iter(ob.rows or ()))] = ob
        self._note_aliases(table, result)
        return result

    def _merge_split_rows(self, table: TableSpec, observations: list[_Obs],
                          n_columns: dict[str, int]) -> list[_Obs]:
        """A row of running text that lacks figures, next to a line of figures alone that holds
        just as many: PDF text (``pdftotext -layout``) prints a cell aligned to the top or bottom of
        its row a line above or below the others. The figures join the row in the order of their
        position on the line. Only when the line of figures can belong to no other short row (one
        lacking as many figures or more: blank cells may have lost their gaps), and the lines were
        not cut at a fixed width, where positions mean nothing."""
        if len(observations) < 2 or self._wrapped():
            return observations

        def row_of(ob: _Obs) -> str | None:
            return next(iter(ob.rows)) if ob.rows and len(ob.rows) == 1 and not ob.fragment else None

        def short(ob: _Obs) -> int:
            """How many figures a labelled row printed on its label's line lacks (0: none, or not such a row)."""
            row_id = row_of(ob)
            if row_id is None or ob.grid or ob.floating is not None or ob.label_origin is None:
                return 0
            line = ob.label_origin.line
            if line is None or any(p.empty or p.origin is None or p.origin.line != line for p in ob.pieces):
                return 0
            return max(0, n_columns.get(row_id, 0) - len(ob.pieces))

        def figures_line(ob: _Obs) -> int | None:
            """The line the figures of ``ob`` (no label) stand on, alone (no text before them)."""
            if ob.rows is not None or ob.grid or not ob.pieces:
                return None
            lines = {None if p.empty or p.origin is None or p.origin.column is None else p.origin.line
                     for p in ob.pieces}
            line = next(iter(lines)) if len(lines) == 1 else None
            first = ob.pieces[0].origin
            if line is None or first is None or first.column is None \
                    or first.column - 1 != self._source_lines().get(line, (0, ""))[0]:
                return None  # (text before them on their line: a label's, perhaps broken over lines)
            return line

        by_order = sorted(observations, key=_ORDER_OF)
        merged: set[int] = set()
        for i, ob in enumerate(by_order):
            line = figures_line(ob)
            if line is None:
                continue
            # (the rows next to the line that lack at least as many figures: where more than one, the
            # figures may be either's — the other's with blank cells whose gaps were lost)
            partners = [n for n in (by_order[i - 1] if i else None, by_order[i + 1] if i + 1 < len(by_order) else None)
                        if n is not None and id(n) not in merged and short(n) >= len(ob.pieces)
                        and n.label_origin is not None and abs((n.label_origin.line or 0) - line) == 1]
            if len(partners) != 1 or short(partners[0]) != len(ob.pieces):
                continue
            row = partners[0]
            previous = by_order[i - 1] if i else None
            if previous is not None and self._cut_between(previous, ob):
                # not a cell printed higher or lower: the line of the row before was cut inside its
                # figures, and these may go on from it (its own row's or the partner's)
                continue
            columns = {id(p): p.origin.column for p in [*row.pieces, *ob.pieces]
                       if p.origin is not None and p.origin.column is not None}
            if len(columns) != len(row.pieces) + len(ob.pieces) or len(set(columns.values())) != len(columns):
                continue  # a position unknown, or two figures at one position: no order to go by
            pieces = sorted([*row.pieces, *ob.pieces], key=lambda p: columns[id(p)])
            partners_line = row.label_origin.line if row.label_origin is not None else None
            row.pieces[:] = pieces
            merged.add(id(ob))
            row_id = row_of(row)
            self.diag("cells-on-next-line", Severity.INFO,
                      f"{table.id}.{row_id} prints {len(ob.pieces)} of its figures on the line "
                      f"{'above' if line < (partners_line or 0) else 'below'} its label (a cell aligned "
                      "higher or lower than the others, as PDF text has it); they are read in the order of "
                      "their position on the line", origin=ob.pieces[0].origin,
                      excerpt=(row.label + " " + " ".join(p.text for p in pieces)).strip(),
                      cells=list(_row_keys(table, row_id)) if row_id else [])
        return [o for o in observations if id(o) not in merged] if merged else observations

    def _pair_floating(self, table: TableSpec, result: dict[str, _Obs], unlabelled: list[_Obs],
                       n_columns: dict[str, int]) -> list[_Obs]:
        """Figures printed apart from a table (PDF conversions move a cell printed over several
        lines out of its row, to just before or after the table) go back to the rows that lack one
        figure each — only when both are equally many and the figures all stand on one side of those
        rows, so that order pairs them. Their position in the row is left to :meth:`_resolve`.
        Returns the observations not paired."""
        short = sorted((o for row_id, o in result.items()
                        if len(o.pieces) == n_columns[row_id] - 1 and not any(p.empty for p in o.pieces)),
                       key=lambda o: o.order)
        if not short or len(unlabelled) != len(short):
            return unlabelled
        if any(o.fragment or len(o.pieces) != 1 or o.grid or not _NOTED.match(o.pieces[0].text)
               for o in unlabelled):
            return unlabelled
        before = all(o.order < short[0].order for o in unlabelled)
        if not (before or all(o.order > short[-1].order for o in unlabelled)):
            return unlabelled
        for ob, figure in zip(short, unlabelled, strict=True):
            ob.floating = figure.pieces[0]
        return []

    def _note_aliases(self, table: TableSpec, result: dict[str, _Obs]) -> None:
        for row_id, ob in result.items():
            if ob.variant in ("alias", "unverified"):
                self.diag("label-alias", Severity.INFO,
                          f"row label {ob.label!r} read as {table.id}.{row_id} "
                          f"({'a variant seen in reports' if ob.variant == 'alias' else 'an unverified variant'})",
                          origin=ob.label_origin, excerpt=ob.label)

    @staticmethod
    def _better(a: _Obs, b: _Obs, n: int) -> bool:
        def score(o: _Obs) -> tuple[int, int, int]:
            filled = sum(1 for p in o.pieces if not p.empty)
            return (int(len(o.pieces) >= n), int(o.grid), filled)
        return score(a) > score(b)

    @staticmethod
    def _chain(labelled: list[_Obs], index: dict[str, int], n_columns: dict[str, int]) -> list[_Obs]:
        """The heaviest run of labelled rows in the template's order: a full row printed in a
        table weighs more than a partial one or one found in running text."""

        rows = {id(ob): next(iter(ob.rows or ())) for ob in labelled}

        def weight(ob: _Obs) -> float:
            return 10.0 + (4 if len(ob.pieces) >= n_columns[rows[id(ob)]] else 0) + (2 if ob.grid else 0)

        return _heaviest_chain(labelled, lambda ob: index[rows[id(ob)]], weight, len(index))

    def _drop(self, ob: _Obs, reason: str) -> None:
        text = (ob.label + " " + " ".join(p.text for p in ob.pieces)).strip()
        origin = ob.label_origin or (ob.pieces[0].origin if ob.pieces else None)
        self.unplaced.append(Fragment(text=text, origin=origin, reason=reason))
        self.diag("unplaced-row", Severity.WARNING, f"{reason}: kept in unplaced", origin=origin, excerpt=text)

    def _review_rows(self, table: TableSpec, pieces: list[Piece]) -> dict[str, _Obs]:
        if not pieces:
            return {}
        ob = _Obs(table=table.id, rows=frozenset({"count"}), order=0, pieces=list(pieces),
                  grid=any(p.origin is not None and p.origin.table is not None for p in pieces))
        return {"count": ob}

    # ---------------------------------------------------------------------------------------------
    def _resolve(self, fmt: Format, table: TableSpec, rows: dict[str, _Obs],
                 facts: _Lazy[list[Fact]]) -> dict[str, tuple[Cell, ...]]:
        identities, row_sums = _table_identities(fmt, table.id)
        readings: dict[str, list[tuple[Part, ...]]] = {}
        values: dict[str, list[tuple[int | Decimal | None, ...]]] = {}
        how: dict[str, Segmentation] = {}
        full_rows = _Lazy(lambda: _full_rows(table, rows, self._display_column, self._page_of))
        columns_of = _columns_by_row(table)
        wrapped = bool(self._wrapped())  # (positions on lines cut at a fixed width place no figure)
        headers = self.header_lines.get(table.id, ())
        floating = 0  # (rows that took back a figure printed apart)

        def anchors(ob: _Obs, columns: Sequence[ColumnSpec]) -> dict[str, tuple[int, int]]:
            return self._header_anchors(columns, rows, self._page_of(ob))

        for row_id, ob in rows.items():
            columns = columns_of[row_id]
            if ob.grid and len(ob.pieces) > len(columns):
                self._drop_padding(fmt, table, row_id, ob, len(columns))
            if ob.doubtful:
                seg = Segmentation((), "out-of-order", 0)
            elif ob.interrupted:
                seg = Segmentation((), "interrupted", 0)
            elif ob.grid and len(ob.pieces) > len(columns) and (
                    split := self._split_header(fmt, ob, len(columns))) is not None:
                ob.split_header = split[2]
                seg = self._join_split_figure(table, row_id, ob, columns, split, row_sums[row_id])
            elif ob.floating:
                seg = _floating_readings(ob, columns)
                floating += 1
            elif not ob.grid and 0 < len(ob.pieces) < len(columns) and not ob.pieces[0].glued and not wrapped:
                seg = _aligned(table, ob, full_rows, headers, anchors, self._display_column,
                               self._layout_coordinates, self._page) or segment(ob.pieces, columns, row_sums[row_id])
            else:
                seg = segment(ob.pieces, columns, row_sums[row_id])
                if seg.how == "trimmed" and len(seg.readings) == 1 and any(
                        not p.missing and token_parts(p.raw, c)[0] is CellKind.TEXT
                        for p, c in zip(seg.readings[0], columns, strict=True)):
                    # (empty cells at its ends taken for artefacts, and then a cell holds no figure of
                    # its column: which cells the figures stand in is not shown)
                    seg = Segmentation((), "misfit", 1, rejected=seg.readings[0])
            if ob.cut and seg.readings and seg.how in ("split", "placement", "aligned"):
                seg = Segmentation((), "cut", seg.total)  # (its figures may go on in the next line)
            how[row_id] = seg
            readings[row_id] = list(seg.readings)
        if floating > 1:
            self._align_floating(rows, how, readings, columns_of)
        before = {r: len(v) for r, v in readings.items()}
        used_prose: dict[str, list[Fact]] = {}
        if max(before.values(), default=0) > 1:
            # Several readings somewhere: the arithmetic between rows and the prose may choose.
            for row_id, row_readings in readings.items():
                columns = columns_of[row_id]
                values[row_id] = [self._values(r, columns) for r in row_readings]
            self._cross_rows(table, readings, values, identities)
            used_prose = self._prose(table, readings, values, facts)
        out: dict[str, tuple[Cell, ...]] = {}
        for row_id, ob in rows.items():
            columns = columns_of[row_id]
            seg = how[row_id]
            out[row_id] = self._cells(table, row_id, ob, columns, seg, readings[row_id], before[row_id],
                                      used_prose.get(row_id, []), values.get(row_id))
        return out

    def _align_floating(self, rows: dict[str, _Obs], how: dict[str, Segmentation],
                        readings: dict[str, list[tuple[Part, ...]]],
                        columns_of: dict[str, tuple[ColumnSpec, ...]]) -> None:
        """Rows of one grid that each lost a cell to a figure printed apart keep their columns.

        A conversion that moves cells printed over several lines out of a table still prints the
        rest of each row in the table's grid, column under column. Where the note of one row's
        figure printed apart names its column (``55（含自然失效29件）``: repealed), the grid's columns
        are known: a row of the same columns, printed in the grid with as many figures, has its
        figures in the same columns, and its own figure printed apart fills the column left over.
        That figure may instead be a second print of the row's own figure (``22`` in the row and
        ``22（其中修订16件）`` apart: the cell printed over two lines, its first line kept in the
        row); the column left over is then blank, and the two readings stay."""
        placed: set[tuple[tuple[str, ...], int]] = set()
        beside = ""
        for row_id, seg in how.items():
            ob = rows[row_id]
            if seg.how == "floating" and len(readings[row_id]) == 1 and ob.grid:
                reading = readings[row_id][0]
                at = next(i for i, p in enumerate(reading) if p.piece == len(ob.pieces))
                placed.add((tuple(c.id for c in columns_of[row_id]), at))
                beside = beside or row_id
        if len(placed) != 1:
            return  # no row shows the grid's columns, or two show different ones
        ((column_ids, at),) = placed
        for row_id, seg in how.items():
            ob = rows[row_id]
            columns = columns_of[row_id]
            if (seg.how != "floating" or len(readings[row_id]) < 2 or not ob.grid or ob.floating is None
                    or tuple(c.id for c in columns) != column_ids):
                continue
            aligned = next(r for r in readings[row_id] if r[at].piece == len(ob.pieces))
            values = self._values(aligned, columns)
            own = [v for i, v in enumerate(values) if i != at]
            readings[row_id] = [aligned]
            if values[at] is None or values[at] in own:
                readings[row_id].append((*aligned[:at], _MISSING, *aligned[at + 1:]))
            ob.floating_beside = beside

    @staticmethod
    def _values(reading: tuple[Part, ...], columns: Sequence[ColumnSpec]) -> tuple[int | Decimal | None, ...]:
        return tuple(_reading_values(reading, columns))

    def _cross_rows(self, table: TableSpec, readings: dict[str, list[tuple[Part, ...]]],
                    values: dict[str, list[tuple[int | Decimal | None, ...]]], identities: Sequence[Identity]) -> None:
        """Narrow rows with several readings by the identities between rows (R1, R4).

        A reading of a row is kept when some choice of readings of the identity's other rows (at
        most 20,000 combinations, as listed) satisfies the identity or leaves one of its cells without
        a figure. Each reading contributes to ``sum(lhs) - sum(rhs)`` on its own, so the choices are
        not listed one by one: the sums the other rows can reach are computed from their distinct
        contributions."""
        positions = {row_id: {c.id: i for i, c in enumerate(table.columns_of(row_id))} for row_id in values}
        cross = [terms for terms in map(_identity_terms, identities) if len({row for row, _, _ in terms}) > 1]
        changed = True
        rounds = 0
        while changed and rounds < 10:
            changed = False
            rounds += 1
            for terms in cross:
                involved = sorted({row_id for row_id, _, _ in terms})
                if any(r not in values or not values[r] for r in involved):
                    continue
                variable = [r for r in involved if len(values[r]) > 1]
                if not variable or math.prod(len(values[r]) for r in variable) > 20_000:
                    continue
                keep = _satisfiable(terms, variable, values, positions)
                if keep is None or any(not k for k in keep.values()):
                    continue  # every reading stays, or the report's own arithmetic fails: it cannot choose
                for r, kept in keep.items():
                    if len(kept) < len(values[r]):
                        readings[r] = [x for i, x in enumerate(readings[r]) if i in kept]
                        values[r] = [x for i, x in enumerate(values[r]) if i in kept]
                        changed = True

    def _prose(self, table: TableSpec, readings: dict[str, list[tuple[Part, ...]]],
               values: dict[str, list[tuple[int | Decimal | None, ...]]],
               facts: _Lazy[list[Fact]]) -> dict[str, list[Fact]]:
        """Figures the report's own prose states for cells of rows that still have several readings."""
        used: dict[str, list[Fact]] = {}
        if all(len(v) < 2 for v in values.values()):
            return used
        for fact in facts.get():
            parts = [k.split(".") for k in fact.cells]
            if not parts or any(p[0] != table.id for p in parts):
                continue
            rows_involved = {p[1] for p in parts}
            if len(rows_involved) != 1:
                continue
            row_id = next(iter(rows_involved))
            if row_id not in values or len(values[row_id]) < 2:
                continue
            columns = table.columns_of(row_id)
            position = {c.id: i for i, c in enumerate(columns)}
            if any(p[2] not in position for p in parts):
                continue
            kept = []
            for i, vector in enumerate(values[row_id]):
                terms = [vector[position[p[2]]] for p in parts]
                if all(t is not None for t in terms) and sum(t for t in terms if t is not None) == fact.value:
                    kept.append(i)
            if kept and len(kept) < len(values[row_id]):
                readings[row_id] = [readings[row_id][i] for i in kept]
                values[row_id] = [values[row_id][i] for i in kept]
                used.setdefault(row_id, []).append(fact)
        return used

    def _cells(self, table: TableSpec, row_id: str, ob: _Obs, columns: Sequence[ColumnSpec], seg: Segmentation,
               readings: list[tuple[Part, ...]], before: int, prose: list[Fact],
               values: list[tuple[int | Decimal | None, ...]] | None = None) -> tuple[Cell, ...]:
        """The row's cells; ``values`` are the readings' values where :meth:`_resolve` computed them."""
        if seg.how == "direct" and len(readings) == 1:
            return self._row_cells(readings[0], columns)  # one figure per cell: nothing to report
        keys = self._by_table[table.id][1][row_id]
        pieces = [*ob.pieces, ob.floating] if ob.floating else ob.pieces
        excerpt = (ob.label + " " + " ".join([p.text for p in pieces])).strip()
        origin = ob.label_origin or (ob.pieces[0].origin if ob.pieces else None)
        if seg.how == "floating" and len(readings) != 1 and ob.floating is not None:
            where = ("at a position the source does not show" if ob.floating_beside is None else
                     f"in the column of the table's grid that {table.id}.{ob.floating_beside} shows was taken "
                     "out, unless it prints the row's own equal figure a second time")
            self.diag("floating-cell", Severity.INFO,
                      f"{table.id}.{row_id} prints {len(ob.pieces)} figures for {len(columns)} columns; the figure "
                      f"{ob.floating.text!r} printed apart from the table (a cell of several lines moved by a PDF "
                      f"conversion) belongs to this row, {where}",
                      origin=ob.floating.origin, excerpt=excerpt, cells=keys)
        if seg.how == "trimmed":
            self.diag("empty-cells-trimmed", Severity.INFO,
                      f"{table.id}.{row_id}: empty cells at the ends of the row (merged-cell artefacts) were "
                      "not counted as columns", origin=origin, excerpt=excerpt)
        if len(readings) == 1:
            reading = readings[0]
            cells = self._row_cells(reading, columns)
            if seg.how == "aligned":
                self.diag("cells-aligned", Severity.INFO,
                          f"{table.id}.{row_id} prints {len(ob.pieces)} figures for {len(columns)} columns; "
                          "each was placed under the column it stands in, by its position on the line beside "
                          "the rows that print every figure (the other cells are blank)",
                          origin=origin, excerpt=excerpt, cells=keys)
            elif seg.how == "extra":
                dropped = [ob.pieces[i] for i in range(len(ob.pieces)) if i not in {p.piece for p in reading}]
                dropped = [p for p in dropped if not p.empty] or dropped
                for p in dropped:
                    self.unplaced.append(Fragment(text=p.text, origin=p.origin,
                                                  reason=f"an extra value in row {table.id}.{row_id}"))
                self.diag("extra-value", Severity.WARNING,
                          f"{table.id}.{row_id} prints {len(ob.pieces)} values for {len(columns)} columns; "
                          + ("the row's arithmetic admits only one reading" if before > 1 else
                             "every reading gives the same cells")
                          + f"; the extra value ({', '.join(p.text or '(empty)' for p in dropped)}) is kept in "
                          "unplaced", origin=origin, excerpt=excerpt, cells=keys)
            elif seg.how == "placement" or any(map(_MISSING_OF, reading)):
                self.diag("missing-values", Severity.WARNING,
                          f"{table.id}.{row_id} prints {sum(not p.missing for p in reading)} values for "
                          f"{len(columns)} columns"
                          + ("" if before == 1 and seg.total <= 1 else "; the form's arithmetic places them"),
                          origin=origin, excerpt=excerpt, cells=keys)
            elif seg.how == "split" and len(set(map(_PIECE_OF, reading))) < len(reading):
                # (a piece split into several cells: each part of it is shorter than the piece)
                by = "the digits alone" if before == 1 and seg.total == 1 else (
                    "the figures its prose states (" + "; ".join(f"“{f.text}”" for f in prose) + ")"
                    if prose else "the form's arithmetic")
                self.diag("digits-split", Severity.INFO,
                          f"{table.id}.{row_id}: figures printed without separators were split by {by}: "
                          + " / ".join([p.raw for p in reading]), origin=origin, excerpt=excerpt, cells=keys)
            elif seg.how == "floating":
                assert ob.floating is not None
                where = next(c.id for p, c in zip(reading, columns, strict=True) if p.piece == len(ob.pieces))
                by = ("the note it carries" if ob.floating_beside is None else
                      f"the column of the table's grid that {table.id}.{ob.floating_beside} shows was taken out"
                      ) if before == 1 else (
                    "the figures its prose states (" + "; ".join(f"“{f.text}”" for f in prose) + ")"
                    if prose else "the form's arithmetic")
                self.diag("floating-cell", Severity.INFO,
                          f"{table.id}.{row_id} prints {len(ob.pieces)} figures for {len(columns)} columns; the "
                          f"figure {ob.floating.text!r} printed apart from the table (a cell of several lines "
                          f"moved by a PDF conversion) is read as its {where} cell, placed by {by}",
                          origin=ob.floating.origin, excerpt=excerpt, cells=keys)
            return cells
        # Several readings (or none): a cell is known only where every reading agrees.
        run = " ".join(p.text for p in pieces if not p.empty)
        cells_out = []
        ambiguous = []
        if values is None:
            values = [self._values(r, columns) for r in readings]
        for position, column in enumerate(columns):
            # (what each reading puts in the cell: its figure, as :meth:`_values` gives it, where it is
            # one, else its token)
            options = {("missing", None) if r[position].missing else ("number", v[position])
                       if v[position] is not None else ("token", r[position].raw)
                       for r, v in zip(readings, values, strict=True)}
            if len(options) == 1 and readings:
                # Every reading gives this cell the same figure (perhaps from different tokens:
                # the row's own is preferred).
                part = min((r[position] for r in readings), key=lambda p: p.piece >= len(ob.pieces))
                cells_out.append(self._cell(part, column))
            else:
                raw = run
                if readings:
                    used = sorted({r[position].piece for r in readings if not r[position].missing})
                    raw = " ".join(pieces[i].text for i in used) or run
                cells_out.append(_cell(column.id, CellKind.AMBIGUOUS, raw, None, None,
                                       ob.pieces[0].origin if ob.pieces else None))
                ambiguous.append(position)
        if ambiguous:
            shown = readings[:50] or ([seg.rejected] if seg.rejected else [])
            listed = [tuple(["" if r[p].missing else r[p].raw for p in ambiguous]) for r in shown]
            ambiguous_keys = [keys[p] for p in ambiguous]
            if seg.how == "floating" and ob.floating is not None:
                reason = (f"the figure {ob.floating.text!r} printed apart from the table (a cell of several lines "
                          f"moved by a PDF conversion) belongs to this row, but {len(readings)} positions remain"
                          if ob.floating_beside is None else
                          f"the figure {ob.floating.text!r} printed apart from the table belongs to the column "
                          f"of the grid that {table.id}.{ob.floating_beside} shows was taken out, or it prints "
                          "the row's own equal figure a second time and that cell is blank")
            elif seg.how == "split-header":
                reason = (f"the column header {ob.split_header} is printed over two cells, as a converter splits "
                          "a header it finds too wide, and figures stand under both: they may be one figure split "
                          "in two the same way")
            elif seg.how == "cut":
                reason = ("its figures end their line and figures without a label start the next one: the line "
                          "may have been cut inside them (text wrapped at a fixed width), so they may go on there")
            elif seg.how == "misfit":
                reason = ("with the empty cells at its ends left out as merged-cell artefacts, a cell holds "
                          "text that is no figure of its column, so which cells its figures stand in is not shown")
            elif seg.how == "interrupted":
                reason = ("a cell of its row holds text that is no figure, beside a blank cell: which cell "
                          "each figure stands in is not shown")
            elif seg.how == "out-of-order":
                reason = ("its figures are printed one per line under its label, after a row of the same "
                          "columns that printed fewer figures than it has cells: the page's cells are not in "
                          "row order, so these may be that row's")
            elif seg.rejected is not None:
                reason = ("the only way its digits split breaks the row's total, so cells may have been lost "
                          "or moved: " + " / ".join(p.raw for p in seg.rejected))
            elif seg.too_many:
                reason = "too many readings to list"
            elif seg.inconsistent or not readings:
                reason = "no reading satisfies the form's arithmetic" if seg.inconsistent else "no reading fits"
            else:
                reason = f"{len(readings)} readings remain after the form's arithmetic"
            self.diag("ambiguous-cells", Severity.ERROR,
                      f"{table.id}.{row_id}: the source does not determine these cells ({reason}); "
                      "their value is left empty", origin=origin, excerpt=excerpt, cells=ambiguous_keys,
                      candidates=listed)
        return tuple(cells_out)

    def _row_cells(self, reading: tuple[Part, ...], columns: Sequence[ColumnSpec]) -> tuple[Cell, ...]:
        """The cells of a row read one way (:meth:`_cell` for each, in one loop)."""
        if len(reading) != len(columns):
            raise ValueError(f"a reading of {len(reading)} cells for {len(columns)} columns")
        out: list[Cell] = []
        seen_tokens = _SEEN_TOKENS  # (token_parts' cache, read here: a call per cell costs more than the lookup)
        # (:func:`~govdisclosure.model._cell` inline: one call less per cell, on the readers' hottest path)
        new, (set_column, set_kind, set_raw, set_value, set_unit, set_origin) = object.__new__, _CELL_SET
        set_line, set_at, set_table, set_row, set_col = _ORIGIN_SET  # (and ``_origin``, for a split's parts)
        for raw, origin, _, missing, shift in reading:
            column = columns[len(out)]
            if missing:
                out.append(_absent(column))
                continue
            seen = seen_tokens.get((raw, id(column)))
            kind, value, unit, note = seen[1] if seen is not None and seen[0] is column else token_parts(raw, column)
            if shift and origin is not None and (at := origin.column) is not None:
                piece_origin, origin = origin, new(Origin)
                set_line(origin, piece_origin.line)
                set_at(origin, at + shift)
                set_table(origin, piece_origin.table)
                set_row(origin, piece_origin.row)
                set_col(origin, piece_origin.col)
            if note and note != "annotation":
                self.diag("cell-not-a-figure", Severity.WARNING, f"cell {column.id}: {raw!r} is kept as text ({note})",
                          origin=origin, excerpt=raw)
            cell = new(Cell)
            set_column(cell, column.id)
            set_kind(cell, kind)
            set_raw(cell, raw)
            set_value(cell, value)
            set_unit(cell, unit)
            set_origin(cell, origin)
            out.append(cell)
        return tuple(out)

    def _cell(self, part: Part, column: ColumnSpec) -> Cell:
        return self._row_cells((part,), (column,))[0]


@functools.cache
def _columns_by_row(table: TableSpec) -> dict[str, tuple[ColumnSpec, ...]]:
    """``table.columns_of`` for every row, looked up once per table."""
    return {row.id: table.columns_of(row.id) for _, row in table.all_rows()}


@functools.cache
def _data_rows(table: TableSpec) -> tuple[tuple[PartSpec, RowSpec], ...]:
    """``table.data_rows()``, listed once per table."""
    return tuple(table.data_rows())


@functools.cache
def _table_rows(table: TableSpec) -> tuple[list[str], dict[str, int], dict[str, int]]:
    """The table's data rows in template order, each row's position, and its number of columns
    (found once per table: they are read for every report)."""
    order = [row.id for _, row in table.data_rows()]
    columns = _columns_by_row(table)
    return order, {row_id: i for i, row_id in enumerate(order)}, {row_id: len(columns[row_id]) for row_id in order}


@functools.cache
def _row_keys(table: TableSpec, row_id: str) -> tuple[str, ...]:
    return tuple(cell_key(table.id, row_id, c.id) for c in table.columns_of(row_id))


@functools.cache
def _keys_by_row(table: TableSpec) -> dict[str, tuple[str, ...]]:
    """:func:`_row_keys` of every row of the table."""
    return {row.id: _row_keys(table, row.id) for _, row in table.all_rows()}


def _absent(column: ColumnSpec) -> Cell:
    return _ABSENT.get(column.id) or _ABSENT.setdefault(column.id, Cell.absent(column.id))


_ABSENT: dict[str, Cell] = {}


def build(document: RawDocument, *, source: str) -> Report:
    """The report in a raw document (never raises on content: problems become diagnostics)."""
    return _Builder(document, source).run()
