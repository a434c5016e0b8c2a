"""Figures that the prose of sections 一 and 六 states about the tables (spec heuristic H6).

Section 一、总体情况 often repeats table figures in its own words: "共新收到申请函件198件",
"予以公开及部分公开 208 件", "本机关不掌握相关情况共17件", "集中公开现行有效行政规范性文件698件". This
module turns such clauses into :class:`Fact` values, each naming the cells (template keys) whose
*sum* the clause states.

Precision comes first: a wrong fact is worse than none. A figure becomes a fact only when

* it carries a unit that fits the cells (件 for requests and cases, 件/项 for item counts, 万元/元 for
  amounts) — "行政许可类信息69条" (unit 条) and "17.46%" are never facts;
* the words *immediately* before it (within its clause) end with a phrase naming a row, an applicant
  column, a review group or a sub-table row — the form's own labels and aliases from
  :mod:`govdisclosure.template`, plus the prose wordings listed here (本机关不掌握相关情况, 办结, 结转下年度 …);
  only a few filler words (共, 为, 达 …) may stand in between, so "行政许可类信息", "约100件" or "100余件" do
  not match;
* the phrase is not negated (非自然人, 不予以公开) and, where it is joined to another phrase (予以公开及部分公开,
  属信访、重复申请等不予处理), every part is understood — a group figure after "…等" is the group's.

Applicant scoping follows the prose: after "其中包括自然人申请147件，" the clauses "公开115件，部分公开11件 …"
are about the 自然人 column until the next "；" or "。". Where the scope becomes unclear (a "；" not
followed by a new applicant, or a list of several applicants) outcome figures are dropped.

The scan is linear: the figures with a unit are found from their units (see :func:`_figures`), and each is examined
through a bounded window of the text before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from govdisclosure._segment import _RELEASED
from govdisclosure._text import NormalisedText, compact
from govdisclosure.template import (
    ColumnSpec,
    Format,
    PartSpec,
    TableSpec,
    ValueType,
    cell_key,
    spec,
)

__all__ = ["Fact", "narrative_facts"]


@attrs.frozen(kw_only=True)
class Fact:
    """One figure the prose states: the *sum* of ``cells`` is ``value``."""

    cells: tuple[str, ...]
    """Cell keys (``table.row.column``) whose sum the prose states, e.g. ``("requests.granted.total",)``."""
    value: int | Decimal
    text: str
    """The clause as printed (from the phrase to the unit)."""
    start: int
    """Offset of the clause in the text passed to :func:`narrative_facts`."""
    end: int
    section: str
    """``"s1"`` or ``"s6"``."""
    unit: str | None = None
    """The unit printed after the figure (件, 项, 起, 万元, 元)."""


# --------------------------------------------------------------------------------------------------
# Prose vocabulary. The form's labels and aliases come from the template; what follows are the
# wordings that prose uses *instead* of the labels. Patterns are in the compact form of the text
# (NFKC, whitespace removed, quotes unified): see govdisclosure._text.compact.
# --------------------------------------------------------------------------------------------------

_GIP = r"(?:政府信息公开|依申请(?:信息)?公开|信息公开)"

_PROSE_ROWS: dict[str, tuple[str, ...]] = {
    # 一、本年新收: "共新收到申请函件198件", "受理政府信息公开申请 1295 件", "共收到依申请信息公开26件"
    "new_received": (
        rf"新收(?:到)?{_GIP}?申请(?:函件|件)?",
        rf"(?:收到|受理|接收|接到){_GIP}?申请(?:函件)?",
        r"收到依申请(?:信息)?公开",
    ),
    # 二、上年结转: "（含上年结转 189 件）"
    "carried_over": (rf"上一?年度?结转(?:的)?{_GIP}?(?:申请)?",),
    # （七）总计: "办结 1191 件"
    "total_processed": (rf"办结{_GIP}?(?:申请)?",),
    # 四、结转下年度继续办理: "结转下年度继续办理1件"
    "carried_forward": (r"结转(?:至|到)?下一?年度?(?:继续办理)?",),
    # （四）1: "本机关不掌握相关情况共17件", "本机关不掌握相关信息未公开16件"
    "unable_not_held": (r"(?:本机关)?不掌握相关(?:政府)?(?:信息|情况)",),
    "unable_need_creation": (r"(?:需要|需)另行制作",),
}

# Row groups that are not figures of their own in prose: 三、本年度办理结果 spans （一）…（七）, and its
# total is row （七）.
_NOT_IN_PROSE = frozenset({"results"})

# Column words of section 二 (the sub-tables of 条例 Art. 20), before or after the row phrase.
_PROSE_COLUMNS: dict[str, str] = {
    "issued": r"(?:本年度?)?新?制发(?:的)?",
    "repealed": r"(?:本年度?)?废止(?:的)?",
    "in_force": r"现行有效(?:的)?",
    "made_new": r"(?:本年度?)?新制作(?:的)?",
    "published_new": r"(?:本年度?)?新公开(?:的)?",
    "total_public": r"对外公开总数量?|累计(?:对外)?公开(?:的)?",
    "decisions": r"(?:本年)?(?:处理|作出)?决定(?:数量)?",
    "prev_year_items": r"上一?年度?项目(?:数量)?",
    "change": r"(?:本年)?增/?减",
    "procurement_projects": r"采购项目(?:数量)?",
    "procurement_amount": r"采购(?:总)?金额",
    "fee_amount": r"(?:本年)?收费金额",
}

# Words that may stand between a phrase and its figure.
_FILLERS = r"(?:共计|总计|合计|共有|共|计|为|达)?:?"

# A phrase preceded by one of these is negated or restricted (非自然人, 不予以公开, 未收到申请).
_NEGATORS = frozenset("非除未不无没")
# A group figure may follow examples: "属信访、重复申请等不予处理 80 件".
_ETC = re.compile(r"等(?:原因|情形|理由|情况)?$")
# Words that join two phrases; 及 and 与 also end ordinary words (涉及自然人, 参与).
_CONJUNCTION = re.compile(r"(?:以及|(?<![涉波普危顾触])及|和|(?<!参)与|、|或)$")

_UNITS_COUNT = frozenset({"件"})
_UNITS_ITEMS = frozenset({"件", "项"})
_UNITS_CASES = frozenset({"件", "起"})
_UNITS_MONEY = frozenset({"万元", "元"})

# A figure with a unit. Thousands separators only in groups of three; a figure glued to a preceding
# digit, point or comma is part of something else. 项目 is a word, not the unit 项.
_FIGURE = re.compile(
    # (the first digit comes first and the look-behind after it, so that the regex engine skips to
    # the next digit instead of trying the look-behind at every character of the prose)
    r"(?P<int>[0-9０-９](?<![0-9０-９.．,].)(?:[0-9０-９]{0,2}(?:,[0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]*))"
    r"(?P<frac>[.．][0-9０-９]+)?"
    r"[ \t\u3000\u00a0]*"
    r"(?P<unit>万元|元|件|项(?!目)|起)"
)
# What the figure is made of, for finding where it starts from its unit (see _figures).
_UNIT_CHARS = "元件项起"
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
_NUMBER_CHARS = _DIGIT_CHARS | frozenset(".．,")
_SPACE_CHARS = frozenset(" \t\u3000\u00a0")
# Where a clause begins: hard punctuation, a blank line, or a list-separating 、 (checked separately).
_BOUNDARY = re.compile(r"[，,；;。：:（）()！!？?]|\n[ \t\u3000]*\n|、")
_LIST_END = re.compile(r"[0-9０-９](?:万元|元|件|项|个|条|次|人|家|起|%|％)?[ \t\u3000]*$")
# A sentence ends at one of these marks or at a blank line; a sub-sentence at ；.
_SENTENCE_MARKS = "。！？!?"
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
_SUB_SENTENCE_MARKS = "；;"
_WINDOW = 60
_SIGNS = {"-": -1, "−": -1, "－": -1, "减": -1, "+": 1, "＋": 1, "增": 1}


def _end_search(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """``pattern.search`` for a pattern anchored at the end (``…$``), trying only the positions a
    match can start at: no further back than the pattern's widest match, and only at a character
    a match can begin with. The regex engine itself tries every position, and at each one every
    branch of a long alternation (the vocabulary's 53 phrases): a clause of 20 characters cost 10 µs.
    Look-behinds still see the text before a position, so the match found is the same."""
    width, first = _shape(pattern)
    if width is None and first is None:
        return pattern.search
    match = pattern.match

    def search(text: str) -> re.Match[str] | None:
        start = 0 if width is None else max(0, len(text) - width - 1)  # ($ also matches before a final \n)
        if first is None:
            return pattern.search(text, start)
        for i in range(start, len(text)):
            if text[i] in first and (found := match(text, i)) is not None:
                return found
        return None

    return search


def _shape(pattern: re.Pattern[str]) -> tuple[int | None, frozenset[str] | None]:
    """The widest match of ``pattern`` and the characters a match can begin with (``None`` where
    unbounded or not known), from the standard library's own parse of it."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # (a Python whose re has no such modules: plain searches)
        return None, None
    tree = _parser.parse(pattern.pattern, pattern.flags)
    widest = tree.getwidth()[1]
    width = widest if widest < c.MAXREPEAT else None
    if pattern.flags & re.IGNORECASE:
        return width, None

    def first_of(items: Any) -> tuple[set[str] | None, bool]:
        """(the characters the items' match can begin with, None for any; whether it can be empty)"""
        chars: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                chars.add(chr(av))
                return chars, False
            if op is c.IN:
                for item_op, item in av:
                    if item_op is c.LITERAL:
                        chars.add(chr(item))
                    elif item_op is c.RANGE and item[1] - item[0] < 4096:
                        chars.update(map(chr, range(item[0], item[1] + 1)))
                    else:
                        return None, False
                return chars, False
            if op is c.SUBPATTERN or op is c.BRANCH or op in (c.MAX_REPEAT, c.MIN_REPEAT):
                if op is c.SUBPATTERN:
                    if av[1] & re.IGNORECASE:
                        return None, False  # (a group matched without case: its characters are not listed)
                    parts, least = [av[-1]], 1
                elif op is c.BRANCH:
                    parts, least = av[1], 1
                else:
                    parts, least = [av[2]], av[0]
                can_be_empty = False
                for part in parts:
                    found, empty = first_of(part)
                    if found is None:
                        return None, False
                    chars |= found
                    can_be_empty = can_be_empty or empty
                if least and not can_be_empty:
                    return chars, False
                continue
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # (zero width: what follows begins the match; a superset of it is safe)
            return None, False
        return chars, True

    try:
        first, empty = first_of(tree)
    finally:
        first_of = _RELEASED  # (a nested function that calls itself: the cycle broken, see _segment)
    return width, (None if first is None or empty else frozenset(first))


_etc = _end_search(_ETC)
_conjunction = _end_search(_CONJUNCTION)

_ROW = "row"
_APPLICANT = "applicant"
_REVIEW = "review"
_ACTIVE = "active"


@attrs.frozen
class _Entry:
    """One phrase of the vocabulary and what a figure after it means."""

    name: str
    family: str
    pattern: str
    rows: tuple[str, ...] = ()
    """Requests rows summed (family row); the active-disclosure row (family active)."""
    columns: tuple[str, ...] = ()
    """Applicant columns (family applicant); the review totals summed (family review)."""
    group: bool = False
    """A group label: its figure may follow examples ("…等不予处理")."""
    needs_scope: bool = False
    """Bare 公开: only inside an applicant scope and alone in its clause."""
    list_only: bool = False
    """The generic applicant 其他: only after another applicant of the same sentence."""
    bare: bool = False
    """An applicant without 申请 ("涉及自然人72件"): only right after a figure of new applications."""
    detail: re.Pattern[str] | None = None
    """Family active: the row phrase with its optional column word (named groups = column ids)."""


@attrs.frozen
class _Vocabulary:
    entries: dict[str, _Entry]
    combined: re.Pattern[str]
    head_columns: dict[str, re.Pattern[str]]
    """Family active: column word at the end of the text before the row phrase, per row."""
    parts: dict[str, PartSpec]
    """Family active: the sub-table of each row."""
    phrase_at_end: Callable[[str], re.Match[str] | None] = attrs.field(init=False)
    """``combined.search`` (see :func:`_end_search`)."""
    column_at_end: dict[str, Callable[[str], re.Match[str] | None]] = attrs.field(init=False)
    """``head_columns[row].search``."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "phrase_at_end", _end_search(self.combined))
        object.__setattr__(self, "column_at_end", {row: _end_search(p) for row, p in self.head_columns.items()})


def _alternation(patterns: list[str]) -> str:
    unique = list(dict.fromkeys(p for p in patterns if p))
    unique.sort(key=len, reverse=True)  # longer first: the alternation tries them in order
    return "|".join(unique)


def _literal_phrases(*labels: str, min_length: int = 3) -> list[str]:
    """Template labels as escaped compact patterns; very short generic labels (总计, 其他) are left out."""
    out = []
    for label in labels:
        text = compact(label)
        if len(text) >= min_length:
            out.append(re.escape(text))
    return out


def _leaves(table: TableSpec, row_id: str) -> tuple[str, ...]:
    """The data rows a row stands for: itself, or every data row below a group label."""
    row = table.row(row_id)
    if row.data:
        return (row_id,)
    out: list[str] = []
    for _, child in table.all_rows():
        if child.parent == row_id:
            out.extend(_leaves(table, child.id))
    return tuple(out)


@functools.cache
def _vocabulary(fmt: Format) -> _Vocabulary:
    template = spec(fmt)
    entries: list[_Entry] = []

    requests = template.table("requests")
    for _, row in requests.all_rows():
        if row.id in _NOT_IN_PROSE:
            continue
        phrases = _literal_phrases(row.label, *row.aliases, *row.aliases_unverified)
        phrases.extend(_PROSE_ROWS.get(row.id, ()))
        if not phrases:
            continue
        suffix = ""
        parent = requests.row(row.parent) if row.parent else None
        if parent is not None and not parent.data and parent.id not in _NOT_IN_PROSE:
            # "保护第三方合法权益不予公开1件", "本机关不掌握相关信息未公开16件"
            suffix = f"(?:{_alternation([*_literal_phrases(parent.label), '未公开', '未予公开'])})?"
        entries.append(_Entry(
            name=f"e{len(entries)}", family=_ROW, pattern=f"(?:{_alternation(phrases)}){suffix}",
            rows=_leaves(requests, row.id), group=not row.data,
        ))
    # Bare 公开 for （一）予以公开, as in "自然人申请147件，公开115件".
    entries.append(_Entry(name=f"e{len(entries)}", family=_ROW, pattern="公开", rows=("granted",),
                          needs_scope=True))

    part = requests.parts[0]
    applicants: list[tuple[tuple[str, ...], list[str], bool]] = []
    for column in part.columns:
        if column.derived:
            continue
        labels = _literal_phrases(column.label, *column.aliases, *column.aliases_unverified, min_length=2)
        # A two-character label (其他) is too common a word to name a column on its own.
        generic = len(compact(column.label)) <= 2
        applicants.append(((column.id,), labels, generic))
    for group in requests.column_groups:
        members = tuple(c.id for c in part.columns if c.parent == group.id and not c.derived)
        if group.parent is not None and members:
            applicants.append((members, _literal_phrases(group.label, *group.aliases, *group.aliases_unverified),
                               False))
    for columns, labels, generic in applicants:
        alternatives = _alternation(labels)
        entries.append(_Entry(name=f"e{len(entries)}", family=_APPLICANT, pattern=f"(?:{alternatives})申请",
                              columns=columns, list_only=generic))
        entries.append(_Entry(name=f"e{len(entries)}", family=_APPLICANT, pattern=f"(?:{alternatives})",
                              columns=columns, list_only=generic, bare=True))

    review = template.table("review_litigation")
    review_part = review.parts[0]
    for group in review.column_groups:
        below = {g.id for g in review.column_groups if g.parent == group.id} | {group.id}
        totals = tuple(c.id for c in review_part.columns if c.derived and c.parent in below)
        labels = _literal_phrases(group.label, *group.aliases, *group.aliases_unverified, min_length=4)
        if totals and labels:
            entries.append(_Entry(
                name=f"e{len(entries)}", family=_REVIEW,
                pattern=f"(?:{_alternation(labels)})(?:案件|申请)?", columns=totals,
            ))

    active = template.table("active_disclosure")
    head_columns: dict[str, re.Pattern[str]] = {}
    parts: dict[str, PartSpec] = {}
    for ad_part, row in active.data_rows():
        labels = _literal_phrases(row.label, *row.aliases, *row.aliases_unverified, min_length=2)
        column_words = [(c.id, _PROSE_COLUMNS[c.id]) for c in ad_part.columns if c.id in _PROSE_COLUMNS]
        after = "|".join(f"(?P<{cid}>{pattern})" for cid, pattern in column_words)
        plain_after = "|".join(f"(?:{pattern})" for _, pattern in column_words)
        rows_pattern = f"(?:{_alternation(labels)})"
        entries.append(_Entry(
            name=f"e{len(entries)}", family=_ACTIVE,
            pattern=f"{rows_pattern}(?:{plain_after})?" if plain_after else rows_pattern,
            rows=(row.id,),
            detail=re.compile(f"{rows_pattern}(?:{after})?{_FILLERS}" if after else f"{rows_pattern}{_FILLERS}"),
        ))
        if column_words:
            head_columns[row.id] = re.compile(f"(?:{after})$")
        parts[row.id] = ad_part

    combined = re.compile(
        "(?:" + "|".join(f"(?P<{e.name}>{e.pattern})" for e in entries) + f"){_FILLERS}$"
    )
    return _Vocabulary(entries={e.name: e for e in entries}, combined=combined, head_columns=head_columns,
                       parts=parts)


# --------------------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------------------


@attrs.define
class _State:
    """What the sentence read so far says about the figures that follow."""

    scope: tuple[str, ...] | None = ("total",)
    """Applicant columns outcome figures refer to; ``None`` when unclear."""
    had_new_received: bool = False
    applicant_seen: bool = False
    decision_context: bool = False
    """The sentence has spoken of 决定 (2019 format: item figures are 处理决定数量)."""
    previous_was_applicant: bool = False
    """The previous fact of the sub-sentence named an applicant (a list of applicants)."""
    previous_was_new_received: bool = False
    amount_row: str | None = None
    """The sub-table row stated by the figure just before ("政府集中采购1项，共225万元")."""

    def new_sentence(self) -> None:
        self.scope = ("total",)
        self.had_new_received = self.applicant_seen = self.decision_context = False
        self.previous_was_applicant = self.previous_was_new_received = False
        self.amount_row = None

    def new_sub_sentence(self) -> None:
        if self.scope != ("total",):
            self.scope = None
        self.previous_was_applicant = False
        self.amount_row = None


@attrs.frozen
class _Match:
    entry: _Entry
    start: int
    """Start of the phrase in the compact clause."""
    rows: tuple[str, ...]


def narrative_facts(text: str, format: Format, *, section: str = "s1") -> list[Fact]:
    """The table figures that ``text`` (the prose of one section) states, in text order.

    ``format`` selects the vocabulary (the 2019 and 2021 forms name different rows); ``section`` is
    recorded in every fact. Figures the prose gives in words that are not recognised are left out.
    """
    vocabulary = _vocabulary(format)
    state = _State()
    facts: list[Fact] = []
    previous_end = 0
    for figure in _figures(text):
        start = figure.start()
        _advance(state, text, previous_end, start)
        # A clause never reaches back past the previous figure ("1件、2件"): this also bounds the work.
        lo = max(previous_end, start - _WINDOW)
        previous_end = figure.end()
        fact = _fact(vocabulary, state, text, figure, section, format, lo)
        if fact is not None:
            facts.append(fact)
    return facts


def _figures(text: str) -> Iterator[re.Match[str]]:
    """``_FIGURE.finditer(text)``, found from the units instead of the digits.

    Prose has many more digits (dates, percentages, ordinals) than figures with a unit, and the
    regular expression tries every digit; this finds each unit character with ``str.find``, walks
    back over the spaces and the figure before it, and tries the expression only where that figure
    starts. A figure starts after a character that cannot be part of a number (the expression's
    look-behind), so the only start a unit can have is where that walk stops; the matches, taken
    in order and without overlap, are those of ``finditer``.
    """
    units = sorted(i for mark in _UNIT_CHARS for i in _occurrences(text, mark))
    position = 0
    for unit in units:
        if unit < position:
            continue  # (the 元 of a 万元 just matched)
        k = unit - 1 if text[unit] == "元" and unit > 0 and text[unit - 1] == "万" else unit
        while k > 0 and text[k - 1] in _SPACE_CHARS:
            k -= 1
        start = k
        while start > 0 and text[start - 1] in _NUMBER_CHARS:
            start -= 1
        if start == k or text[start] not in _DIGIT_CHARS:
            continue
        figure = _FIGURE.match(text, start)
        if figure is not None:
            yield figure
            position = figure.end()


def _occurrences(text: str, mark: str) -> Iterator[int]:
    i = text.find(mark)
    while i >= 0:
        yield i
        i = text.find(mark, i + 1)


def _advance(state: _State, text: str, begin: int, end: int) -> None:
    """Update the sentence state for the text between two figures."""
    sentence_end = max([text.rfind(mark, begin, end) for mark in _SENTENCE_MARKS]) + 1 or -1
    if text.find("\n", begin, end) >= 0:
        for m in _BLANK_LINE.finditer(text, begin, end):
            sentence_end = max(sentence_end, m.end())
    if sentence_end >= 0:
        state.new_sentence()
        begin = sentence_end
    if any(text.find(mark, begin, end) >= 0 for mark in _SUB_SENTENCE_MARKS):
        state.new_sub_sentence()
    if text.find("决定", begin, end) >= 0:
        state.decision_context = True


def _clause_start(text: str, lo: int, start: int) -> int:
    """Where the clause of the figure at ``start`` begins (searching back to ``lo``)."""
    cut = lo
    for m in _BOUNDARY.finditer(text, lo, start):
        if m.group() == "、" and not _LIST_END.search(text, max(0, m.start() - 8), m.start()):
            continue  # 、 joining phrases (属信访、重复申请), not list items
        cut = m.end()
    return cut


def _fact(
    vocabulary: _Vocabulary, state: _State, text: str, figure: re.Match[str], section: str, fmt: Format, lo: int,
) -> Fact | None:
    start = figure.start()
    clause_start = _clause_start(text, lo, start)
    clause = _Clause(text=text, figure=figure, section=section, start=clause_start, raw=text[clause_start:start])
    compact_clause = compact(clause.raw)
    unit = figure.group("unit")
    amount_row, state.amount_row = state.amount_row, None
    match = _phrase(vocabulary, compact_clause)
    sign = 0
    if match is None and compact_clause and compact_clause[-1] in _SIGNS:
        # a signed change: "本年增/减-207项"
        sign = _SIGNS[compact_clause[-1]]
        compact_clause = compact_clause[:-1]
        match = _phrase(vocabulary, compact_clause)
    if match is None:
        # "政府集中采购1项，共225万元": a bare amount continues the sub-table row just stated.
        if amount_row is not None and unit in _UNITS_MONEY and not sign and re.fullmatch(_FILLERS, compact_clause):
            return _active_fact(vocabulary, state, clause, amount_row, None, unit, 0, len(compact_clause), fmt)
        return None
    entry = match.entry
    if entry.family == _ROW:
        return None if sign else _row_fact(state, clause, match, unit)
    if entry.family == _APPLICANT:
        return None if sign else _applicant_fact(state, clause, match, unit)
    state.previous_was_applicant = state.previous_was_new_received = False
    if entry.family == _REVIEW:
        value = None if sign or unit not in _UNITS_CASES else _integer(figure)
        if value is None:
            return None
        return clause.fact(tuple(cell_key("review_litigation", "count", c) for c in entry.columns), value, unit,
                           match.start)
    head, rest = compact_clause[: match.start], compact_clause[match.start:]
    assert entry.detail is not None
    detail = entry.detail.fullmatch(rest)
    column = detail.lastgroup if detail is not None else None
    row = entry.rows[0]
    phrase_start = match.start
    if column is None and row in vocabulary.head_columns:
        before = vocabulary.column_at_end[row](head)
        if before is not None:
            column, phrase_start = before.lastgroup, before.start()
    return _active_fact(vocabulary, state, clause, row, column, unit, sign, phrase_start, fmt)


@attrs.frozen
class _Clause:
    """The text of one figure's clause, from the clause start to the figure."""

    text: str
    figure: re.Match[str]
    section: str
    start: int
    raw: str

    def fact(self, cells: tuple[str, ...], value: int | Decimal, unit: str, phrase_start: int) -> Fact:
        """The fact, its text starting at the phrase (``phrase_start`` indexes the compact clause)."""
        mapped = NormalisedText(self.raw)
        begin = self.start + mapped.start(phrase_start) if phrase_start < len(mapped.text) else self.figure.start()
        end = self.figure.end()
        return Fact(cells=cells, value=value, text=self.text[begin:end], start=begin, end=end,
                    section=self.section, unit=unit)


def _phrase(vocabulary: _Vocabulary, clause: str, depth: int = 0) -> _Match | None:
    """The phrase the clause ends with (before fillers), with its conjoined phrases resolved."""
    m = vocabulary.phrase_at_end(clause)
    if m is None or m.lastgroup is None:
        return None
    entry = vocabulary.entries[m.lastgroup]
    start = m.start()
    head = clause[:start]
    if head and head[-1] in _NEGATORS:
        return None
    if entry.needs_scope and start != 0:
        return None
    rows = entry.rows
    if _etc(head):
        if not entry.group:
            return None  # "…等" before a single row: a list we do not understand
    else:
        conjunction = _conjunction(head)
        if conjunction is not None:
            if depth > 4 or entry.family != _ROW:
                return None
            before = _phrase(vocabulary, head[: conjunction.start()], depth + 1)
            if before is None or before.entry.family != _ROW or before.entry.needs_scope:
                return None
            rows = before.rows + tuple(r for r in rows if r not in before.rows)
            start = before.start
    return _Match(entry=entry, start=start, rows=rows)


def _integer(figure: re.Match[str]) -> int | None:
    frac = figure.group("frac")
    if frac is not None and compact(frac).strip(".0"):
        return None  # "3.5件" is not a count
    return int(compact(figure.group("int")).replace(",", ""))


def _row_fact(state: _State, clause: _Clause, match: _Match, unit: str) -> Fact | None:
    entry = match.entry
    scope = state.scope
    if unit not in _UNITS_COUNT or scope is None or (entry.needs_scope and scope == ("total",)):
        return None
    value = _integer(clause.figure)
    if value is None:
        return None
    is_new = match.rows == ("new_received",)
    state.previous_was_applicant = False
    state.previous_was_new_received = is_new
    state.had_new_received = state.had_new_received or is_new
    cells = tuple(cell_key("requests", r, c) for r in match.rows for c in scope)
    return clause.fact(cells, value, unit, match.start)


def _applicant_fact(state: _State, clause: _Clause, match: _Match, unit: str) -> Fact | None:
    entry = match.entry
    if unit not in _UNITS_COUNT:
        return None
    if entry.list_only and not state.applicant_seen:
        return None
    if entry.bare and not state.previous_was_new_received:
        return None
    value = _integer(clause.figure)
    if value is None:
        return None
    # After a list of applicants ("涉及自然人72件、商业企业3件") outcome figures have no clear column.
    state.scope = None if state.previous_was_applicant else entry.columns
    state.previous_was_applicant = True
    state.previous_was_new_received = True
    state.applicant_seen = state.had_new_received = True
    cells = tuple(cell_key("requests", "new_received", c) for c in entry.columns)
    return clause.fact(cells, value, unit, match.start)


def _active_fact(
    vocabulary: _Vocabulary, state: _State, clause: _Clause, row: str, column_id: str | None, unit: str,
    sign: int, phrase_start: int, fmt: Format,
) -> Fact | None:
    part = vocabulary.parts[row]
    column = _active_column(part, column_id, unit, state, fmt)
    if column is None:
        return None
    figure = clause.figure
    value: int | Decimal
    if column.value_type is ValueType.AMOUNT:
        if unit not in _UNITS_MONEY or sign:
            return None
        try:
            value = Decimal(compact(figure.group("int")).replace(",", "") + compact(figure.group("frac") or ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None
    else:
        allowed = _UNITS_ITEMS if column.unit == "项" else _UNITS_COUNT
        number = _integer(figure)
        if unit not in allowed or number is None or (sign and column.value_type is not ValueType.SIGNED):
            return None
        value = -number if sign < 0 else number
    if any(c.value_type is ValueType.AMOUNT for c in part.columns):
        state.amount_row = row
    return clause.fact((cell_key("active_disclosure", row, column.id),), value, unit, phrase_start)


def _active_column(
    part: PartSpec, column_id: str | None, unit: str, state: _State, fmt: Format,
) -> ColumnSpec | None:
    """The column a sub-table figure belongs to: the column word, else the only column its unit fits."""
    if column_id is not None:
        return part.column(column_id)
    if unit in _UNITS_MONEY:
        amounts = [c for c in part.columns if c.value_type is ValueType.AMOUNT]
        return amounts[0] if len(amounts) == 1 else None
    counts = [c for c in part.columns if c.value_type is not ValueType.AMOUNT]
    if len(counts) == 1:
        return counts[0]
    if fmt is Format.V2019 and state.decision_context:
        # The 2019 sub-tables （五）（六） print item counts and decisions; prose that speaks of 处理决定
        # gives the decisions.
        for column in counts:
            if column.id == "decisions":
                return column
    return None
