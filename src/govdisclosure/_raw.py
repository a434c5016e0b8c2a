"""The raw layer: a document as lines — text lines and table rows — and nothing is rejected.

* Plain text: a line with a TAB is a table row (its cells split on TABs; consecutive such lines
  form one grid); any other non-empty line is a text line.
* Markdown: ``| … |`` lines are table rows (separator rows skipped); other lines are text, with
  ``#`` heading marks and ``**`` emphasis removed.
* HTML (lxml, the ``[html]`` extra): block elements and ``<br>`` end text lines; a data table
  becomes a grid with ``rowspan``/``colspan`` expanded, each slot knowing the cell it came from
  (span copies are marked; ``<br>``, ``<p>`` and ``<div>`` inside a cell break its text into lines);
  a table holding other tables, or running text (many paragraphs per cell: a whole article pasted
  into one ``<td>``), is page layout and is read as blocks. Scripts, styles and the like
  are skipped; ``<title>`` and ``<meta>`` go to :attr:`RawDocument.meta`. The walk over the tree is
  lxml's (no recursion in Python) and does little per element: cell texts come from lxml's C-level
  text serialisation, and white space is collapsed once for all lines rather than line by line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any

import attrs

from govdisclosure._decode import Layout
from govdisclosure.errors import MissingDependencyError
from govdisclosure.model import Diagnostic, Origin, Severity, _origin

__all__ = ["RawDocument", "RawLine", "Slot", "parse_html", "parse_markdown", "parse_text"]

MAX_GRID_COLUMNS = 256
MAX_SPAN = 500


@attrs.define(slots=True)
class Slot:
    """One slot of a line: the whole text of a text line, or one grid position of a table row."""

    text: str
    line: int | None
    column: int | None
    col: int = 0
    """0-based grid column (0 for text lines)."""
    cell: int = -1
    """Id of the source cell; the copies of a spanning cell share it."""
    copy: bool = False
    """True for the positions a row/column span covers beyond its first one."""
    colspan: int = 1

    def origin(self, grid: int | None, row: int | None) -> Origin:
        return _origin(self.line, self.column, grid, row, None if grid is None else self.col)


@attrs.define(slots=True)
class RawLine:
    slots: tuple[Slot, ...]
    grid: int | None = None
    """Index of the table this row belongs to; ``None`` for a text line."""
    row: int | None = None
    container: tuple[int, ...] = ()
    """HTML: ids of the enclosing elements, outermost first (to tell the report body from page chrome)."""

    @property
    def is_row(self) -> bool:
        return self.grid is not None

    @property
    def text(self) -> str:
        slots = self.slots
        if len(slots) == 1 and not slots[0].copy:
            return slots[0].text
        return "\t".join([s.text for s in slots if not s.copy])

    @property
    def line(self) -> int | None:
        return self.slots[0].line if self.slots else None


@attrs.frozen
class RawDocument:
    lines: tuple[RawLine, ...]
    layout: Layout
    meta: dict[str, str] = attrs.field(factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    pages: tuple[int, ...] = ()
    """The source lines that start a new page (after a form feed, as ``pdftotext`` ends each page)."""


def _split_lines(text: str) -> Iterator[tuple[int, str]]:
    yield from enumerate(text.splitlines(), start=1)


_SKIP_LINE: list[tuple[int, str]] = []


def _parse_lines(
    text: str, layout: Layout, cells_of: Callable[[str], list[tuple[int, str]] | None],
    text_of: Callable[[str], str],
) -> RawDocument:
    """Lines → raw lines. ``cells_of`` gives a table row's cells as (0-based offset, text), ``None`` for
    a text line, or :data:`_SKIP_LINE` for a line that only draws the table; consecutive rows form a grid."""
    lines: list[RawLine] = []
    grid = -1
    row = 0
    in_grid = False
    cell_id = 0
    drawn = False  # the last row is a line of a table drawn with box-drawing characters, no rule after it
    for number, line in _split_lines(text):
        cells = cells_of(line)
        if cells is _SKIP_LINE:
            drawn = False
            continue
        if cells is not None:
            if not in_grid:
                grid, row, in_grid = grid + 1, 0, True
            boxed = _boxed(line)
            ruled = boxed and ("─" in line or "━" in line or "═" in line)  # (a rule under some cells ends the row)
            if boxed and drawn and len(lines[-1].slots) == len(cells):
                # The next line of the same drawn row (no rule between): its cells go on.
                lines[-1] = RawLine(tuple(_continued(slot, offset, part, number, text_of)
                                          for slot, (offset, part) in zip(lines[-1].slots, cells, strict=True)),
                                    grid=grid, row=row - 1)
                drawn = not ruled
                continue
            drawn = boxed and not ruled
            slots = []
            for col, (offset, part) in enumerate(cells):
                lead = len(part) - len(part.lstrip())
                slots.append(Slot(text_of(part), number, offset + lead + 1, col, cell_id))
                cell_id += 1
            lines.append(RawLine(tuple(slots), grid=grid, row=row))
            row += 1
            continue
        in_grid = drawn = False
        content = text_of(line)
        if content:
            lines.append(RawLine((Slot(content, number, len(line) - len(line.lstrip()) + 1),)))
    return RawDocument(tuple(lines), layout, pages=_page_starts(text))


def _page_starts(text: str) -> tuple[int, ...]:
    """The numbers of the lines (as :func:`_split_lines` counts them) that follow a form feed."""
    if "\x0c" not in text:
        return ()
    return tuple(number + 1 for number, line in enumerate(text.splitlines(keepends=True), start=1)
                 if line.endswith("\x0c"))


def _continued(slot: Slot, offset: int, part: str, number: int, text_of: Callable[[str], str]) -> Slot:
    """A cell of a drawn table printed over several lines: its text so far and the next line's part
    (no space between: a cell is cut where its width runs out, inside a word or a figure)."""
    more = text_of(part)
    if not more:
        return slot
    if not slot.text:
        lead = len(part) - len(part.lstrip())
        return Slot(more, number, offset + lead + 1, slot.col, slot.cell)
    return Slot(slot.text + more, slot.line, slot.column, slot.col, slot.cell)


def _tab_cells(line: str) -> list[tuple[int, str]] | None:
    if "\t" not in line:
        return None
    cells = []
    offset = 0
    for part in line.split("\t"):
        cells.append((offset, part))
        offset += len(part) + 1
    return cells


_BAR = re.compile("[|｜]")
# A table drawn with box-drawing characters (``w3m -dump`` and terminal tools): its vertical lines
# and junctions part the cells; its horizontal lines are no text.
_BOX_BAR = re.compile("[|｜│┃║├┤┼┝┥┿╟╢╫┠┨╂]")
_BOX_RULE = re.compile("^[─━═┬┴┌┐└┘├┤┼┯┷┏┓┗┛┣┫╋╤╧╔╗╚╝╠╣╬┝┥┿╟╢╫┠┨╂ \t]*$")


def _boxed(line: str) -> bool:
    """The line draws a table's vertical lines (``│``, ``┃``, ``║``)."""
    return "│" in line or "┃" in line or "║" in line


def _text_cells(line: str) -> list[tuple[int, str]] | None:
    """The cells of a text line that is a table row: cells between TABs, or between vertical bars
    (``规章|0|0|0``, ``行政许可 ｜ 12``, a pipe table without its outer bars) where a line has two cells
    at least (a bar before a heading is OCR noise), of a few words each, and a figure (or a
    placeholder) after its first cell; a bar at either end only closes the row. A table drawn with
    box-drawing characters (``│规章 │0 │0 │0 │``) is read the same way, its rules skipped, and each
    of its lines is a row (the lines of a cell printed over several lines too)."""
    if "\t" in line:
        return _tab_cells(line)
    return _bar_cells(line)


def _bar_cells(line: str) -> list[tuple[int, str]] | None:
    """:func:`_text_cells` of a line without TABs."""
    boxed = _boxed(line)
    if not boxed and "|" not in line and "｜" not in line:
        if ("─" in line or "━" in line or "═" in line) and _BOX_RULE.match(line) and line.strip():
            return _SKIP_LINE  # (the top or bottom rule of a drawn table)
        return None
    if _MD_SEPARATOR.match(line.strip()) or (boxed and _BOX_RULE.match(_BOX_BAR.sub("", line))):
        return _SKIP_LINE
    bars = [m.start() for m in (_BOX_BAR if boxed else _BAR).finditer(line)]
    cells = []
    start = 0
    for bar in bars:
        part = line[start:bar]
        cells.append((start, "" if boxed and _BOX_RULE.match(part) else part))
        start = bar + 1
    cells.append((start, line[start:]))
    if not cells[0][1].strip():
        cells.pop(0)
    if cells and not cells[-1][1].strip():
        cells.pop()
    if len(cells) < 2 or any(len(part) > _MAX_BAR_CELL for _, part in cells):
        return None
    if not boxed and not any(_BAR_FIGURE.match(part) for _, part in cells[1:]):
        return None  # (a menu of links between bars, or running text: no row of figures)
    return cells


_MAX_BAR_CELL = 80
_BAR_FIGURE = re.compile(r"^\s*(?:[-+]?\d[\d,，.]*\s*(?:万元|元|件|项|个|条)?|[/／—–-]+|无)\s*$")


def parse_text(text: str) -> RawDocument:
    return _parse_lines(text, Layout.TEXT, _text_cells, str.strip)


_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
# Inline HTML that Markdown converters leave in cells (<br> for a line break, <sup>0</sup> …); text in
# angle brackets that is no such tag (<中华人民共和国政府信息公开工作年度报告格式>) stays.
_MD_INLINE_TAG = re.compile(
    r"</?(br|sup|sub|span|font|b|i|u|s|em|strong|small|big|mark|del|ins|p)\b[^<>]{0,200}?/?>", re.IGNORECASE)


def _md_tag(match: re.Match[str]) -> str:
    return " " if match.group(1).lower() in ("br", "p") else ""


# Pandoc's bracketed spans ``[text]{style="…"}``, which carry only styling (from Word or HTML).
_MD_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")


_MD_PIPE = re.compile(r"\|(?<!\\\|)")  # (the pipe first: the engine skips to the next one)


def _md_cells(line: str) -> list[tuple[int, str]] | None:
    """The cells of a pipe-table row with their 0-based character offsets."""
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.count("|") >= 2):
        return None
    if _MD_SEPARATOR.match(stripped):
        return _SKIP_LINE
    body_start = line.index("|") + 1
    body = line[body_start:]
    if body.rstrip().endswith("|") and not body.rstrip().endswith("\\|"):
        body = body.rstrip()[:-1]
    cells: list[tuple[int, str]] = []
    start = 0
    for match in _MD_PIPE.finditer(body):
        cells.append((body_start + start, body[start:match.start()].replace("\\|", "|")))
        start = match.end()
    cells.append((body_start + start, body[start:].replace("\\|", "|")))
    return cells


def _md_text(part: str) -> str:
    if "#" in part:
        heading = _MD_HEADING.match(part)
        if heading:
            part = part[heading.end():]
    if "<" in part:
        part = _MD_INLINE_TAG.sub(_md_tag, part)
    if "**" in part or "__" in part:
        part = _MD_EMPHASIS.sub(r"\2", part)
    for _ in range(4):  # spans nest: [[行政复议]{…}[ ]{…}]{…}
        if "]{" not in part:
            break
        part = _MD_SPAN.sub(r"\1", part)
    return part.strip()


def _md_or_bar_cells(line: str) -> list[tuple[int, str]] | None:
    """A pipe-table row, or one without its outer bars (as GitHub's Markdown allows)."""
    cells = _md_cells(line)
    return cells if cells is not None or line.lstrip().startswith("|") else _bar_cells(line)


def parse_markdown(text: str) -> RawDocument:
    return _parse_lines(text, Layout.MARKDOWN, _md_or_bar_cells, _md_text)


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------

_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option", "select",
})
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg",
                   "math", "canvas", "audio", "video", "map", "button", "input", "textarea"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)

# What the walk does with an element, by its (lower-case) tag.
_INLINE, _BLOCK_ELEMENT, _TABLE, _BREAK, _SKIPPED, _NOT_ELEMENT = range(6)
_KINDS: dict[Any, int] = {
    **dict.fromkeys(_BLOCK, _BLOCK_ELEMENT), **dict.fromkeys(_SKIP, _SKIPPED), "br": _BREAK, "table": _TABLE,
}


def _kind(tag: Any) -> int:
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return _NOT_ELEMENT
    return _KINDS.get(tag.lower(), _INLINE)


_SPAN = re.compile(r"\s*(\d{1,6})")


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    if value.isdecimal() and len(value) <= 6:  # the usual case, without the regular expression
        return max(1, min(int(value), limit))
    match = _SPAN.match(value)
    if not match:
        return 1
    return max(1, min(int(match.group(1)), limit))


_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LINE_SPACES = re.compile(r"[ \t\r\f\v]+")
# Bulk text clean-up. Python's ``str.split()`` splits on the same white space as ``str.strip()`` strips;
# on text whose only white space is ASCII ("plain") it does what the regular expressions do, in C and
# without a call per line. Texts with other white space (no-break space, ideographic space…) take
# the regular-expression path one by one.
_OTHER_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SEPARATOR = "\x00"  # between texts; never in a parsed document (libxml2 keeps C strings), checked anyway
_BREAK_MARK = "\x01"  # a line break inside a cell while white space is collapsed; texts holding it go one by one


def _plain(texts: list[str]) -> tuple[str, set[int]] | None:
    """The texts joined by :data:`_SEPARATOR`, and the indices of those holding non-ASCII white space
    (left empty in the joined string); ``None`` if a text holds one of the marks."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1 or _BREAK_MARK in joined:
        return None
    other: set[int] = set()
    if _OTHER_SPACE.search(joined):
        ends = list(accumulate(len(text) + 1 for text in texts))  # where each text and its separator end
        other = {bisect_right(ends, match.start()) for match in _OTHER_SPACE.finditer(joined)}
        joined = _SEPARATOR.join("" if i in other else text for i, text in enumerate(texts))
    return joined, other


def _line_text(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _line_texts(texts: list[str]) -> list[str]:
    """:func:`_line_text` of each text, in one pass over all of them where the white space is plain."""
    texts = list(map(str.strip, texts))  # the same result, and less to go over
    plain = _plain(texts)
    if plain is None:
        return [_line_text(text) for text in texts]
    joined, other = plain
    joined = " ".join(joined.replace(_SEPARATOR, f" {_SEPARATOR} ").split())
    result = joined.replace(f" {_SEPARATOR}", _SEPARATOR).replace(f"{_SEPARATOR} ", _SEPARATOR).split(_SEPARATOR)
    for i in other:
        result[i] = _line_text(texts[i])
    return result


def _cell_text(text: str) -> str:
    """A cell's text: spaces collapsed in each of its lines, empty lines dropped."""
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join([_LINE_SPACES.sub(" ", line) for line in lines if line])


def _cell_texts(texts: list[str]) -> list[str]:
    """:func:`_cell_text` of each text, in one pass over all of them where the white space is plain:
    line breaks become marks, the words of each line are joined by single spaces, and runs of marks
    (empty lines) shrink to one."""
    texts = list(map(str.strip, texts))  # the same result, and less to go over
    plain = _plain(texts)
    if plain is None:
        return [_cell_text(text) for text in texts]
    joined, other = plain
    sep, mark = _SEPARATOR, _BREAK_MARK
    joined = " ".join(joined.replace(sep, f" {sep} ").replace("\n", f" {mark} ").split())
    joined = joined.replace(f" {mark}", mark).replace(f"{mark} ", mark).replace(f" {sep}", sep).replace(f"{sep} ", sep)
    while mark + mark in joined:
        joined = joined.replace(mark + mark, mark)
    joined = joined.replace(mark + sep, sep).replace(sep + mark, sep).strip(mark)
    result = joined.replace(mark, "\n").split(sep)
    for i in other:
        result[i] = _cell_text(texts[i])
    return result


def _marked_text(etree: Any, cell: Any, lost: tuple[Any, str]) -> str:
    """A cell's text content with a "\n" after each <br>, <p> and <div> and without script or style text,
    taken without writing to the tree; ``lost`` is an element whose tail is no longer in the tree, and
    that tail."""
    parts: list[str] = []
    for event, element in etree.iterwalk(cell, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if isinstance(tag, str) and tag != "script" and tag != "style" and element.text:
                parts.append(element.text)
        elif element is not cell:
            if tag == "br" or tag == "p" or tag == "div":
                parts.append("\n")
            tail = lost[1] if element is lost[0] else element.tail
            if tail:
                parts.append(tail)
    return "".join(parts)


def _holds_table(table: Any) -> bool:
    """Whether a table has another table inside (the scan stops at the first one: linear overall)."""
    tables = table.iter("table")
    next(tables)  # the table itself
    return next(tables, None) is not None


_TEXT_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6")
LAYOUT_BLOCKS = 12
"""A table with at least this many paragraphs (``<p>``, ``<div>``, ``<br>`` …), and more than four
per cell, is page layout — a report pasted into a cell — not a table of figures."""


def _is_layout(table: Any) -> bool:
    """Whether a table is page layout: it holds another table, or it holds running text (paragraphs
    many times over its cells) — old sites put a whole article in one ``<td>``."""
    if _holds_table(table):
        return True
    blocks = len(list(table.iter(*_TEXT_BLOCKS)))  # (list() walks the iterator in C)
    if blocks < LAYOUT_BLOCKS:
        return False
    cells = len(list(table.iter("td", "th")))
    return blocks > 4 * max(cells, 1)


class _HtmlWalker:
    """Lines of an HTML tree. Per element the walk does as little as it can in Python (a tag lookup, the
    element's text and tail); spaces are collapsed once for all lines, and a data table's cells are read
    with C-level passes over its subtree."""

    def __init__(self, etree: Any) -> None:
        self.etree = etree
        self.grid = -1
        self.cell_id = 0

    def walk(self, root: Any) -> list[RawLine]:
        """Text lines and tables in document order (lxml's iterwalk: no recursion in Python).

        Block elements and ``<br>`` end text lines. Each block element (and each data table) gets an id;
        a line's ``container`` is the ids of the blocks around it, outermost first. A text line's source
        line is that of the element whose text (or tail) is the line's first non-blank piece."""
        # Text lines wait in ``lines`` as (raw text, source line, container) until their spaces are
        # collapsed together at the end. Blank pieces at the start of a line are never buffered (the
        # line is stripped anyway), so a non-empty buffer always holds some text.
        lines: list[RawLine | tuple[str, int | None, tuple[int, ...]]] = []
        kinds = dict(_KINDS)  # grows with the page's other tags (each looked up once per page)
        open_kinds: list[int] = []  # of the elements started and not ended yet (a layout table is a block)
        buffer: list[str] = []
        buffer_line: int | None = None
        container: tuple[int, ...] = ()
        stack: list[tuple[int, ...]] = []
        next_id = 0
        walker = self.etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            if event == "start":
                try:
                    kind = kinds[element.tag]
                except KeyError:
                    kind = kinds[element.tag] = _kind(element.tag)
                if kind == _INLINE:
                    open_kinds.append(kind)
                    text = element.text
                elif kind == _BLOCK_ELEMENT or (kind == _TABLE and _is_layout(element)):
                    open_kinds.append(_BLOCK_ELEMENT)
                    if buffer:
                        lines.append(("".join(buffer), buffer_line, container))
                        buffer = []
                    stack.append(container)
                    next_id += 1
                    container = (*container, next_id)
                    text = element.text
                else:
                    open_kinds.append(kind)
                    if kind == _SKIPPED:
                        walker.skip_subtree()
                    elif kind != _NOT_ELEMENT:  # a line break or a data table
                        if buffer:
                            lines.append(("".join(buffer), buffer_line, container))
                            buffer = []
                        if kind == _TABLE:
                            next_id += 1
                            lines.extend(self.table(element, (*container, next_id)))
                            walker.skip_subtree()
                    continue
            else:
                kind = open_kinds.pop()
                if kind == _BLOCK_ELEMENT:
                    if buffer:
                        lines.append(("".join(buffer), buffer_line, container))
                        buffer = []
                    container = stack.pop()
                text = element.tail
            if text:
                if buffer:
                    buffer.append(text)
                    if buffer_line is None and kind != _NOT_ELEMENT and not text.isspace():
                        buffer_line = element.sourceline
                elif not text.isspace():
                    buffer.append(text)
                    buffer_line = None if kind == _NOT_ELEMENT else element.sourceline
        if buffer:
            lines.append(("".join(buffer), buffer_line, container))
        raw = [line[0] for line in lines if isinstance(line, tuple)]
        texts = iter(_line_texts(raw))
        result = []
        for line in lines:
            if isinstance(line, tuple):
                text = next(texts)
                if text:
                    result.append(RawLine((Slot(text, line[1], None),), None, None, line[2]))
            else:
                result.append(line)
        return result

    def table(self, table: Any, container: tuple[int, ...]) -> list[RawLine]:
        """A data table (no table inside) as grid rows, ``rowspan``/``colspan`` expanded: the copies of a
        spanning cell are marked; a cell wider than the grid is cut at :data:`MAX_GRID_COLUMNS`, a span
        longer than the table or :data:`MAX_SPAN` at its end."""
        self.grid += 1
        etree = self.etree
        rows: list[Any] = []
        # A cell's text is its C-level text content once line breaks inside it are marked (a "\n" at the
        # start of the tail of each <br>, <p> and <div>) and scripts and styles emptied.
        marked = True
        try:
            for element in table.iter("tr", "br", "p", "div", "script", "style"):
                tag = element.tag
                if tag == "tr":
                    rows.append(element)
                elif tag == "script" or tag == "style":
                    element.text = None
                else:
                    tail = element.tail
                    element.tail = "\n" + tail if tail else "\n"
        except ValueError:
            # lxml refuses to write back a text holding a control character (the parser keeps them), and
            # has dropped the old tail by then: undo the other marks, and add them on the fly while
            # walking each cell instead, with the tail kept aside.
            lost = (element, tail)
            for element in table.iter("br", "p", "div"):
                if element is lost[0]:
                    break
                element.tail = element.tail[1:] or None
            rows = list(table.iter("tr"))
            marked = False
        n_rows = len(rows)
        row_slots: list[dict[int, Slot]] = [{} for _ in rows]
        cells: list[Any] = []
        placed: list[Slot] = []  # each cell's first slot; the text comes once all cells are known
        copies: list[tuple[int, Slot]] = []  # (index in ``cells``, slot) of the positions a span covers
        covered: dict[int, set[int]] = {}  # row → columns taken by row spans from the rows above
        spans = False
        cell_id = self.cell_id
        for r, tr in enumerate(rows):
            slots = row_slots[r]
            cover = covered.get(r)
            col = 0
            for cell in tr.iterchildren("td", "th"):
                if cover is not None:
                    while col in cover:
                        col += 1
                if col >= MAX_GRID_COLUMNS:
                    break
                value = cell.get("rowspan")
                rowspan = _span(value, min(MAX_SPAN, n_rows - r)) if value else 1
                value = cell.get("colspan")
                colspan = _span(value, MAX_GRID_COLUMNS - col) if value else 1
                line = cell.sourceline
                slots[col] = slot = Slot("", line, None, col, cell_id, False, colspan)
                placed.append(slot)
                if rowspan > 1 or colspan > 1:
                    spans = True
                    index = len(cells)
                    for dr in range(rowspan):
                        target = row_slots[r + dr]
                        if dr:
                            covered.setdefault(r + dr, set()).update(range(col, col + colspan))
                        for dc in range(1 if dr == 0 else 0, colspan):
                            target[col + dc] = slot = Slot("", line, None, col + dc, cell_id, True, colspan)
                            copies.append((index, slot))
                cells.append(cell)
                cell_id += 1
                col += colspan
        self.cell_id = cell_id
        if marked:
            tostring = etree.tostring
            raw = [tostring(cell, method="text", encoding=str, with_tail=False) if len(cell) else cell.text or ""
                   for cell in cells]
        else:
            raw = [_marked_text(etree, cell, lost) for cell in cells]
        texts = _cell_texts(raw)
        for slot, text in zip(placed, texts, strict=True):
            slot.text = text
        for index, slot in copies:
            slot.text = texts[index]
        grid = self.grid
        return [RawLine(tuple(map(slots.__getitem__, sorted(slots))) if spans else tuple(slots.values()),
                        grid, r, container)
                for r, slots in enumerate(row_slots) if slots]


def parse_html(text: str, *, source: str | None = None) -> RawDocument:
    try:
        import lxml.etree as etree
    except ImportError:
        raise MissingDependencyError(
            "reading HTML needs lxml: pip install 'govdisclosure[html]'", extra="html") from None
    text = _XML_DECLARATION.sub("", text, count=1)
    diagnostics: list[Diagnostic] = []
    if not text or text.isspace():
        return RawDocument((), Layout.HTML)
    try:
        parser = etree.HTMLParser(recover=True, huge_tree=True, remove_comments=True, remove_pis=True)
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        root = None
        diagnostics.append(Diagnostic(code="html-unparsable", severity=Severity.ERROR,
                                      message=f"the HTML parser gave up: {exc}"))
    if root is None:
        if not diagnostics:
            diagnostics.append(Diagnostic(code="html-unparsable", severity=Severity.ERROR,
                                          message="the HTML parser found no document"))
        return RawDocument(tuple(RawLine((Slot(line, n, 1),)) for n, line in _split_lines(text) if line.strip()),
                           Layout.HTML, diagnostics=tuple(diagnostics))
    titles: list[Any] = []
    metas: list[Any] = []
    for element in root.iter("title", "meta"):  # one pass; titles still come first
        (titles if element.tag == "title" else metas).append(element)
    meta: dict[str, str] = {}
    for element in titles:
        title = " ".join(etree.tostring(element, method="text", encoding=str, with_tail=False).split())
        if title:
            meta.setdefault("title", title)
    for element in metas:
        name = (element.get("name") or element.get("property") or element.get("http-equiv") or "").strip()
        content = (element.get("content") or "").strip()
        if name and content:
            meta.setdefault(name.lower(), content)
    body = root.find("body")
    lines = _HtmlWalker(etree).walk(root if body is None else body)
    return RawDocument(tuple(lines), Layout.HTML, meta=meta, diagnostics=tuple(diagnostics))
