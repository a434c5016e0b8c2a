"""Every label of a format's tables, compiled for fast matching in compact text.

Built from :mod:`govdisclosure.template` only: row labels (with their official numbering, optional
unless the label is too short to stand alone), aliases, captions, column and group headers, the
corner note. Matching runs on the compact form of the text (:class:`~govdisclosure._text.NormalisedText`:
NFKC, whitespace removed, quotes unified), with one regex built as a trie so that a scan is linear.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable

import attrs

from govdisclosure._text import compact
from govdisclosure.template import Format, spec

__all__ = ["Entry", "EntryKind", "Lexicon", "lexicon", "trie_regex"]


class EntryKind(enum.Enum):
    ROW = "row"
    """A data row label."""
    GROUP = "group"
    """A row label that only groups data rows (三、本年度办理结果, （三）不予公开 …)."""
    CAPTION = "caption"
    """第二十条第（X）项."""
    HEADER = "header"
    """A column or column-group header, the corner note, 信息内容."""
    AMBIGUOUS = "ambiguous"
    """总计 / 其他 / 合计: a header, or a row label when figures follow it in the same row."""


@attrs.frozen
class Entry:
    kind: EntryKind
    table: str | None
    row: str | None = None
    part: str | None = None
    column: str | None = None
    variant: str = "label"
    """label, alias (seen in reports) or unverified (seen only in tools/prose)."""
    leaf: bool = False
    """A leaf column header (for section 四: figures follow)."""


_ROW_NUMBER_VARIANTS = {
    "、": ("{n}、", "{n}.", "{n},"),
    "paren": ("({n})",),
    ".": ("{n}.", "{n}、", "({n})"),
}

# Labels too short or too common to be a row label without their number.
_NEEDS_NUMBER = frozenset({"其他", "总计", "合计"})

_AMBIGUOUS_WORDS = ("总计", "其他", "合计", "小计")


def _number_variants(number: str | None) -> tuple[str, ...]:
    if not number:
        return ()
    n = compact(number)
    if n.startswith("(") and n.endswith(")"):
        return tuple(v.format(n=n[1:-1]) for v in _ROW_NUMBER_VARIANTS["paren"])
    if n.endswith("、"):
        return tuple(v.format(n=n[:-1]) for v in _ROW_NUMBER_VARIANTS["、"])
    if n.endswith("."):
        return tuple(v.format(n=n[:-1]) for v in _ROW_NUMBER_VARIANTS["."])
    return (n,)


_CAPTION_NUMERALS = {"art20_1": "一", "art20_5": "五", "art20_6": "六", "art20_8": "八", "art20_9": "九"}


class Lexicon:
    """The labels of one format, and a regex that finds them."""

    def __init__(self, format: Format) -> None:
        self.format = format
        template = spec(format)
        entries: dict[str, list[Entry]] = {}

        def add(text: str, entry: Entry) -> None:
            key = compact(text)
            if key and entry not in entries.setdefault(key, []):
                entries[key].append(entry)

        for table in template.tables:
            for part, row in table.all_rows():
                if not row.label:
                    continue
                kind = EntryKind.ROW if row.data else EntryKind.GROUP
                for variant, labels in (("label", (row.label,)), ("alias", row.aliases),
                                        ("unverified", row.aliases_unverified)):
                    for label in labels:
                        entry = Entry(kind, table.id, row=row.id, part=part.id, variant=variant)
                        numbers = _number_variants(row.number)
                        for number in numbers:
                            add(number + label, entry)
                        if compact(label) not in _NEEDS_NUMBER:
                            add(label, entry)
            for part in table.parts:
                if part.caption:
                    numeral = _CAPTION_NUMERALS.get(part.id, "")
                    entry = Entry(EntryKind.CAPTION, table.id, part=part.id)
                    for form in (part.caption, f"第二十条({numeral})项", f"第二十条第{numeral}项",
                                 f"第二十条{numeral}项"):
                        add(form, entry)
                for column in part.columns:
                    for variant, labels in (("label", (column.label,)), ("alias", column.aliases),
                                            ("unverified", column.aliases_unverified)):
                        for label in labels:
                            if compact(label) in _AMBIGUOUS_WORDS:
                                continue
                            add(label, Entry(EntryKind.HEADER, table.id, column=column.id, variant=variant,
                                             leaf=True))
                    if column.label.endswith("）") and "（" in column.label:
                        bare = column.label[: column.label.index("（")]
                        add(bare, Entry(EntryKind.HEADER, table.id, column=column.id, variant="alias", leaf=True))
            for group in table.column_groups:
                for variant, labels in (("label", (group.label,)), ("alias", group.aliases),
                                        ("unverified", group.aliases_unverified)):
                    for label in labels:
                        add(label, Entry(EntryKind.HEADER, table.id, column=group.id, variant=variant))
            if table.label_column_header:
                add(table.label_column_header, Entry(EntryKind.HEADER, table.id))
            if table.corner_note:
                note = table.corner_note
                add(note, Entry(EntryKind.HEADER, table.id))
                inner = compact(note).strip("()")
                add(inner, Entry(EntryKind.HEADER, table.id))
                for fragment in re.split(r"[:,]", inner):
                    if len(fragment) >= 6:
                        add(fragment, Entry(EntryKind.HEADER, table.id))
        for word in _AMBIGUOUS_WORDS:
            add(word, Entry(EntryKind.AMBIGUOUS, None, column=word))
        self.entries = entries
        self.tuples: dict[str, tuple[Entry, ...]] = {}
        """:meth:`lookup_tuple`'s answers so far, by text (the readers read it first, inline)."""
        self.cell_labels: dict[str, tuple[tuple[tuple[int, int, tuple[Entry, ...]], ...], tuple[Entry, ...]]] = {}
        """The reader's labels of a grid cell's text, by text (see ``_build._cell_labels``)."""
        self.regex = trie_regex(entries)
        self.data_rows = {
            table.id: [(row.id, compact(row.label)) for _, row in table.data_rows()] for table in template.tables
        }

    def lookup(self, text: str) -> list[Entry]:
        return self.entries.get(text, [])

    def lookup_tuple(self, text: str) -> tuple[Entry, ...]:
        """:meth:`lookup` as a tuple, kept for the texts that have entries (a reader asks for every
        cell's text: kept all, they would grow without bound over a corpus)."""
        found = self.tuples.get(text)
        if found is None:
            entries = self.entries.get(text)
            if entries is None:
                return ()
            found = self.tuples[text] = tuple(entries)
        return found


@functools.cache
def lexicon(format: Format) -> Lexicon:
    return Lexicon(format)


def trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``words``, longest first, built as a trie (linear-time scanning)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    end = ""
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[end] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != end]
        optional = end in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return re.compile(build(trie))
