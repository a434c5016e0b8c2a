"""A structured diff of two reports: metadata, table cells keyed by ``table.row.column``, and sections.

:func:`diff_reports` compares report *A* with report *B* — two readings of the same report, two
versions of it, or the reports of two years. Cells are compared by meaning, not by print:

* a figure that changed is a :attr:`ChangeKind.VALUE` change with the difference (``1,165`` and
  ``1165`` are the same figure; ``251000元`` and ``25.1万元`` the same amount);
* a cell whose kind changed — ``0`` became blank, a figure became ``/``, an absent cell was printed —
  is a :attr:`ChangeKind.KIND` change: 0, blank and ``/`` are different things;
* a text or ambiguous cell whose printed token changed is a :attr:`ChangeKind.TOKEN` change;
* across the format change (a 2019-format report against a 2021-format one) cells are paired through
  :data:`~govdisclosure.template.CROSSWALK`: cells of the same meaning are compared, a 2019 cell that
  is the sum of 2021 cells is compared with their sum, and the rest is listed as
  :attr:`ChangeKind.NOT_COMPARABLE` with the crosswalk's note — never silently left out.

Narrative sections are compared sentence by sentence (:mod:`difflib`), white space and line breaks
ignored: what was removed, what was added, and how similar the two texts are. :func:`diff_text` and
:func:`diff_to_json` write a diff for people and for programs.
"""

from __future__ import annotations

import difflib
import enum
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs
import cattrs

from govdisclosure.convert import make_converter
from govdisclosure.errors import UsageError
from govdisclosure.model import Cell, CellKind, Report
from govdisclosure.template import CROSSWALK, Comparability, Format, spec, split_cell_key

__all__ = [
    "CellChange",
    "CellState",
    "ChangeKind",
    "MetadataChange",
    "ReportDiff",
    "SectionChange",
    "SectionChangeKind",
    "diff_reports",
    "diff_text",
    "diff_to_json",
]


class ChangeKind(enum.Enum):
    """How a cell (or a group of cells paired by the crosswalk) differs."""

    VALUE = "value"
    """Both sides are figures, and they differ."""
    KIND = "kind"
    """The kind of token differs: a figure became blank or ``/``, an absent cell was printed …"""
    TOKEN = "token"
    """Both sides are text (or ambiguous digits), and the printed token differs."""
    NOT_COMPARABLE = "not_comparable"
    """The cells do not mean the same thing in the two formats (crosswalk: related or none)."""


class SectionChangeKind(enum.Enum):
    ADDED = "added"
    """Only B has the section."""
    REMOVED = "removed"
    """Only A has the section."""
    CHANGED = "changed"
    """Both have it, with different text."""


@attrs.frozen(kw_only=True)
class CellState:
    """One cell on one side of a change, as the report prints it."""

    key: str
    """``table.row.column``."""
    kind: CellKind
    raw: str = ""
    value: int | Decimal | None = None
    unit: str | None = None


def _states(items: Iterable[CellState]) -> tuple[CellState, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class CellChange:
    """One difference between the tables of A and B.

    ``a`` and ``b`` hold the cells of each side: one each within a format; across formats, the cells
    the crosswalk pairs (a 2019 cell against the three 2021 cells it is the sum of; none on a side
    that has no counterpart).
    """

    change: ChangeKind
    a: tuple[CellState, ...] = attrs.field(converter=_states)
    b: tuple[CellState, ...] = attrs.field(converter=_states)
    difference: int | Decimal | None = None
    """For a :attr:`ChangeKind.VALUE` change: B − A (sums, across formats; in 元 for amounts in 元 and 万元)."""
    comparability: Comparability | None = None
    """Across formats: how the crosswalk relates the cells."""
    note: str = ""
    """Across formats: the crosswalk's note."""

    @property
    def key(self) -> tuple[str, str, str]:
        """``(table, row, column)`` of the first cell of A (of B when A has none)."""
        first = (self.a or self.b)[0]
        return split_cell_key(first.key)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every cell key involved, A's first."""
        return tuple(s.key for s in self.a) + tuple(s.key for s in self.b if s.key not in {x.key for x in self.a})


@attrs.frozen(kw_only=True)
class MetadataChange:
    """A report-level field that differs (``format``, ``year``, ``agency``, ``title``, ``published``)."""

    field: str
    a: str | None
    b: str | None


def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class SectionChange:
    """A narrative section that differs: its sentences removed from A and added in B."""

    section: str
    """``s1`` … ``s6``."""
    heading: str
    """The official heading (``一、总体情况``)."""
    change: SectionChangeKind
    similarity: float
    """How much of the text is the same, from 0 to 1 (:meth:`difflib.SequenceMatcher.ratio` over sentences)."""
    removed: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    added: tuple[str, ...] = attrs.field(default=(), converter=_strs)


def _cell_changes(items: Iterable[CellChange]) -> tuple[CellChange, ...]:
    return tuple(items)


def _metadata_changes(items: Iterable[MetadataChange]) -> tuple[MetadataChange, ...]:
    return tuple(items)


def _section_changes(items: Iterable[SectionChange]) -> tuple[SectionChange, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class ReportDiff:
    """Everything that differs between report A and report B."""

    a: str | None
    """``Report.source`` of A."""
    b: str | None
    format_a: Format | None
    format_b: Format | None
    metadata: tuple[MetadataChange, ...] = attrs.field(default=(), converter=_metadata_changes)
    cells: tuple[CellChange, ...] = attrs.field(default=(), converter=_cell_changes)
    """In the template order of A (then cells only B has)."""
    sections: tuple[SectionChange, ...] = attrs.field(default=(), converter=_section_changes)

    @property
    def changed(self) -> bool:
        """True when anything differs (cells that are merely not comparable do not count)."""
        return bool(self.metadata or self.sections or self.differences())

    def differences(self) -> tuple[CellChange, ...]:
        """The cell changes that are differences (every change but the not-comparable ones)."""
        return tuple(c for c in self.cells if c.change is not ChangeKind.NOT_COMPARABLE)

    def not_comparable(self) -> tuple[CellChange, ...]:
        return tuple(c for c in self.cells if c.change is ChangeKind.NOT_COMPARABLE)

    def cell(self, key: str) -> CellChange | None:
        """The change involving the cell ``table.row.column`` (of A or B), or ``None`` if it did not change."""
        for change in self.cells:
            if key in change.keys:
                return change
        return None


# --------------------------------------------------------------------------------------------------
# Comparing
# --------------------------------------------------------------------------------------------------

_METADATA_FIELDS = ("format", "year", "agency", "title", "published")
_MONEY = {"元": Decimal(1), "万元": Decimal(10000)}
_TOKEN_KINDS = (CellKind.TEXT, CellKind.AMBIGUOUS)


def diff_reports(a: Report, b: Report) -> ReportDiff:
    """What differs from report ``a`` to report ``b`` (see the module documentation)."""
    for name, report in (("a", a), ("b", b)):
        if not isinstance(report, Report):
            raise UsageError(f"diff_reports() takes two Reports; {name} is a {type(report).__name__}")
    return ReportDiff(
        a=a.source, b=b.source, format_a=a.format, format_b=b.format,
        metadata=tuple(_metadata(a, b)), cells=tuple(_cells(a, b)), sections=tuple(_sections(a, b)),
    )


def _metadata(a: Report, b: Report) -> Iterator[MetadataChange]:
    for field in _METADATA_FIELDS:
        value_a, value_b = _field_text(getattr(a, field)), _field_text(getattr(b, field))
        if value_a != value_b:
            yield MetadataChange(field=field, a=value_a, b=value_b)


def _field_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Format):
        return value.value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _state(key: str, cell: Cell) -> CellState:
    return CellState(key=key, kind=cell.kind, raw=cell.raw, value=cell.value, unit=cell.unit)


def _cells(a: Report, b: Report) -> Iterator[CellChange]:
    if a.format is None and b.format is None:
        return
    if a.format is None or b.format is None:
        side = "A" if b.format is None else "B"
        present = b if a.format is None else a
        note = f"report {'B' if side == 'A' else 'A'} follows neither national format; it has no tables"
        for key, cell in present.cells():
            states = (_state(key, cell),)
            yield CellChange(change=ChangeKind.NOT_COMPARABLE, a=states if side == "A" else (),
                             b=states if side == "B" else (), note=note)
        return
    if a.format is b.format:
        for key, cell_a in a.cells():
            change = _compare((_state(key, cell_a),), (_state(key, b.cell(key)),))
            if change is not None:
                yield change
        return
    yield from _across_formats(a, b)


def _across_formats(a: Report, b: Report) -> Iterator[CellChange]:
    assert a.format is not None and b.format is not None
    order = {key: i for i, key in enumerate(spec(a.format).cell_keys())}
    order_b = {key: len(order) + i for i, key in enumerate(spec(b.format).cell_keys())}
    changes: list[tuple[int, CellChange]] = []
    for entry in CROSSWALK:
        keys_a = entry.cells_2019 if a.format is Format.V2019 else entry.cells_2021
        keys_b = entry.cells_2021 if a.format is Format.V2019 else entry.cells_2019
        states_a = tuple(_state(k, a.cell(k)) for k in keys_a)
        states_b = tuple(_state(k, b.cell(k)) for k in keys_b)
        position = order[keys_a[0]] if keys_a else order_b[keys_b[0]]
        if entry.comparability in (Comparability.SAME, Comparability.SUM):
            change = _compare(states_a, states_b, comparability=entry.comparability, note=entry.note)
            if change is not None:
                changes.append((position, change))
        else:
            changes.append((position, CellChange(change=ChangeKind.NOT_COMPARABLE, a=states_a, b=states_b,
                                                 comparability=entry.comparability, note=entry.note)))
    changes.sort(key=lambda item: item[0])
    yield from (change for _, change in changes)


def _compare(a: Sequence[CellState], b: Sequence[CellState], *, comparability: Comparability | None = None,
             note: str = "") -> CellChange | None:
    """The change from cells ``a`` to cells ``b`` (sums when a side has several), or ``None``."""
    kind_a, kind_b = _side_kind(a), _side_kind(b)
    extra: dict[str, Any] = {"comparability": comparability, "note": note}
    if kind_a is not kind_b or kind_a is None:
        if kind_a is None and kind_b is None and [s.kind for s in a] == [s.kind for s in b]:
            return None
        return CellChange(change=ChangeKind.KIND, a=a, b=b, **extra)
    if kind_a is CellKind.NUMBER:
        sum_a, sum_b = _total(a), _total(b)
        if sum_a == sum_b:
            return None
        return CellChange(change=ChangeKind.VALUE, a=a, b=b, difference=sum_b - sum_a, **extra)
    if kind_a in _TOKEN_KINDS and [s.raw for s in a] != [s.raw for s in b]:
        return CellChange(change=ChangeKind.TOKEN, a=a, b=b, **extra)
    return None


def _side_kind(states: Sequence[CellState]) -> CellKind | None:
    """The kind every cell of a side has, or ``None`` when they differ."""
    kinds = {s.kind for s in states}
    return kinds.pop() if len(kinds) == 1 else None


def _total(states: Sequence[CellState]) -> int | Decimal:
    """The sum of a side's figures; amounts in 元 or 万元 are counted in 元 so that units compare."""
    total: int | Decimal = 0
    for state in states:
        value = state.value
        assert value is not None
        if state.unit in _MONEY:
            value = Decimal(value) * _MONEY[state.unit or ""]
        total += value
    return total


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def _sentences(text: str) -> list[str]:
    """The sentences of a text, white space collapsed: line breaks are layout, not content."""
    return [part.strip() for part in _SENTENCE_END.split(" ".join(text.split())) if part.strip()]


def _key(sentence: str) -> str:
    return "".join(sentence.split())


def _sections(a: Report, b: Report) -> Iterator[SectionChange]:
    template = spec(a.format or b.format or Format.V2021)  # both formats have the same six headings
    for section_spec in template.sections:
        section_a, section_b = a.section(section_spec.id), b.section(section_spec.id)
        if section_a is None and section_b is None:
            continue
        sentences_a = _sentences(section_a.text) if section_a is not None else []
        sentences_b = _sentences(section_b.text) if section_b is not None else []
        keys_a, keys_b = [_key(x) for x in sentences_a], [_key(x) for x in sentences_b]
        if section_a is not None and section_b is not None and keys_a == keys_b:
            continue
        matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
        removed: list[str] = []
        added: list[str] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("delete", "replace"):
                removed.extend(sentences_a[i1:i2])
            if tag in ("insert", "replace"):
                added.extend(sentences_b[j1:j2])
        change = (SectionChangeKind.ADDED if section_a is None else SectionChangeKind.REMOVED if section_b is None
                  else SectionChangeKind.CHANGED)
        yield SectionChange(section=section_spec.id, heading=section_spec.heading, change=change,
                            similarity=round(matcher.ratio(), 3), removed=removed, added=added)


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------


def diff_to_json(diff: ReportDiff, *, indent: int | None = 2, converter: cattrs.Converter | None = None) -> str:
    """The diff as a JSON object: the fields of :class:`ReportDiff` (the converter of
    :func:`~govdisclosure.convert.make_converter`), and ``changed``."""
    conv = converter or make_converter()
    document = {**conv.unstructure(diff), "changed": diff.changed}
    return json.dumps(document, ensure_ascii=False, indent=indent)


_SHOWN_SENTENCES = 5
_SENTENCE_WIDTH = 70


def diff_text(diff: ReportDiff, *, name_a: str | None = None, name_b: str | None = None) -> str:
    """The diff for people: one line per change, then the cells that are not comparable across formats."""
    lines = [f"--- {name_a or diff.a or 'A'}{_about(diff.format_a)}",
             f"+++ {name_b or diff.b or 'B'}{_about(diff.format_b)}"]
    if diff.metadata:
        lines.append("metadata:")
        lines.extend(f"  {m.field}: {_or_none(m.a)} → {_or_none(m.b)}" for m in diff.metadata)
    differences = diff.differences()
    if differences:
        lines.append(f"cells ({len(differences)} changed):")
        lines.extend(f"  {_cell_line(change)}" for change in differences)
    if diff.sections:
        lines.append("sections:")
        for section in diff.sections:
            changed = section.change is SectionChangeKind.CHANGED
            similarity = f" (similarity {section.similarity:.2f})" if changed else ""
            lines.append(f"  {section.heading}: {section.change.value}{similarity}")
            for sign, sentences in (("-", section.removed), ("+", section.added)):
                lines.extend(f"    {sign} {_shorten(s)}" for s in sentences[:_SHOWN_SENTENCES])
                if len(sentences) > _SHOWN_SENTENCES:
                    lines.append(f"    {sign} … and {len(sentences) - _SHOWN_SENTENCES} more sentences")
    not_comparable = diff.not_comparable()
    if not_comparable:
        lines.append(f"not comparable ({sum(len(c.a) + len(c.b) for c in not_comparable)} cells):")
        for note, changes in _by_note(not_comparable):
            keys_a = [s.key for c in changes for s in c.a]
            keys_b = [s.key for c in changes for s in c.b]
            shown = " ↔ ".join(_key_list(keys) for keys in (keys_a, keys_b) if keys)
            lines.append(f"  {shown}: {note}" if note else f"  {shown}")
    count = len(differences) + len(diff.metadata) + len(diff.sections)
    lines.append(f"{count} difference{'s' if count != 1 else ''}" if count else "no differences")
    return "\n".join(lines) + "\n"


def _about(fmt: Format | None) -> str:
    return f" ({fmt.value} format)" if fmt is not None else " (no known format)"


def _or_none(value: str | None) -> str:
    return "(none)" if value is None else value


def _shorten(sentence: str) -> str:
    return sentence if len(sentence) <= _SENTENCE_WIDTH else sentence[: _SENTENCE_WIDTH - 1] + "…"


def _show(state: CellState) -> str:
    if state.kind is CellKind.NUMBER:
        return state.raw or str(state.value)
    kind: str = state.kind.value
    if state.kind in (CellKind.BLANK, CellKind.ABSENT):
        return kind
    return f"{state.raw!r} ({kind})"


def _side(states: Sequence[CellState]) -> str:
    if len(states) == 1:
        return _show(states[0])
    shown = " + ".join(_show(s) for s in states)
    if all(s.kind is CellKind.NUMBER for s in states):
        shown += f" = {_total(states)}"
    return shown


def _cell_line(change: CellChange) -> str:
    keys_a = [s.key for s in change.a]
    keys_b = [s.key for s in change.b]
    name = _key_list(keys_a) if keys_a == keys_b else f"{_key_list(keys_a)} → {_key_list(keys_b)}"
    line = f"{name}: {_side(change.a)} → {_side(change.b)}"
    if change.change is ChangeKind.VALUE and change.difference is not None:
        line += f" ({'+' if change.difference > 0 else ''}{change.difference})"
    elif change.change is ChangeKind.KIND:
        kinds_a = "/".join(sorted({s.kind.value for s in change.a}))
        kinds_b = "/".join(sorted({s.kind.value for s in change.b}))
        line += f" [kind: {kinds_a} → {kinds_b}]"
    elif change.change is ChangeKind.TOKEN:
        line += " [printed token]"
    return line


def _key_list(keys: Sequence[str]) -> str:
    return " + ".join(keys) if len(keys) <= 3 else f"{keys[0]} + … ({len(keys)} cells)"


def _by_note(changes: Sequence[CellChange]) -> list[tuple[str, list[CellChange]]]:
    groups: dict[str, list[CellChange]] = {}
    for change in changes:
        groups.setdefault(change.note, []).append(change)
    return list(groups.items())
