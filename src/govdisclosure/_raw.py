"""The raw layer: a document as lines — text lines and table rows — and nothing is rejected.

* Plain text: a line with a TAB is a table row (its cells split on TABs; consecutive such lines
  form one grid); any other non-empty line is a text line.
* Markdown: ``| … |`` lines are table rows (separator rows skipped); other lines are text, with
  ``#`` heading marks and ``**`` emphasis removed.
* HTML (lxml, the ``[html]`` extra): block elements and ``<br>`` end text lines; a data table
  becomes a grid with ``rowspan``/``colspan`` expanded, each slot knowing the cell it came from
  (span copies are marked); a table holding other tables is page layout and is read as blocks.
  Scripts, styles and the like are skipped; ``<title>`` and ``<meta>`` go to :attr:`RawDocument.meta`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from govdisclosure._decode import Layout
from govdisclosure.errors import MissingDependencyError
from govdisclosure.model import Diagnostic, Origin, Severity

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
        return Origin(line=self.line, column=self.column, table=grid,
                      row=row, col=None if grid is None else self.col)


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
        return "\t".join(s.text for s in self.slots if not s.copy)

    @property
    def line(self) -> int | None:
        return self.slots[0].line if self.slots else None


@attrs.frozen
class RawDocument:
    lines: tuple[RawLine, ...]
    layout: Layout
    meta: dict[str, str] = attrs.field(factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()


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
    for number, line in _split_lines(text):
        cells = cells_of(line)
        if cells is _SKIP_LINE:
            continue
        if cells is not None:
            if not in_grid:
                grid, row, in_grid = grid + 1, 0, True
            slots = []
            for col, (offset, part) in enumerate(cells):
                lead = len(part) - len(part.lstrip())
                slots.append(Slot(text_of(part), number, offset + lead + 1, col=col, cell=cell_id))
                cell_id += 1
            lines.append(RawLine(tuple(slots), grid=grid, row=row))
            row += 1
            continue
        in_grid = False
        content = text_of(line)
        if content:
            lines.append(RawLine((Slot(content, number, len(line) - len(line.lstrip()) + 1),)))
    return RawDocument(tuple(lines), layout)


def _tab_cells(line: str) -> list[tuple[int, str]] | None:
    if "\t" not in line:
        return None
    cells = []
    offset = 0
    for part in line.split("\t"):
        cells.append((offset, part))
        offset += len(part) + 1
    return cells


def parse_text(text: str) -> RawDocument:
    return _parse_lines(text, Layout.TEXT, _tab_cells, str.strip)


_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


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
    i = 0
    while i <= len(body):
        if i == len(body) or (body[i] == "|" and (i == 0 or body[i - 1] != "\\")):
            cells.append((body_start + start, body[start:i].replace("\\|", "|")))
            start = i + 1
        i += 1
    return cells


def _md_text(part: str) -> str:
    heading = _MD_HEADING.match(part)
    content = part[heading.end():] if heading else part
    return _MD_EMPHASIS.sub(r"\2", content.replace("<br>", " ").replace("<br/>", " ")).strip()


def parse_markdown(text: str) -> RawDocument:
    return _parse_lines(text, Layout.MARKDOWN, _md_cells, _md_text)


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


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    match = re.match(r"\s*(\d{1,6})", value)
    if not match:
        return 1
    return max(1, min(int(match.group(1)), limit))


_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LINE_SPACES = re.compile(r"[ \t\r\f\v]+")


class _HtmlWalker:
    def __init__(self, etree: Any) -> None:
        self.etree = etree
        self.lines: list[RawLine] = []
        self.buffer: list[str] = []
        self.buffer_line: int | None = None
        self.container: tuple[int, ...] = ()
        self.grid = -1
        self.cell_id = 0
        self.next_id = 0

    def add_text(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.buffer_line is None and not text.isspace():
            self.buffer_line = line
        self.buffer.append(text)

    def flush(self) -> None:
        if self.buffer:
            text = _SPACES.sub(" ", "".join(self.buffer)).strip()
            if text:
                self.lines.append(RawLine((Slot(text, self.buffer_line, None),), container=self.container))
        self.buffer = []
        self.buffer_line = None

    def walk(self, root: Any) -> None:
        """Text lines and tables in document order (lxml's iterwalk: no recursion in Python)."""
        walker = self.etree.iterwalk(root, events=("start", "end"))
        stack: list[tuple[int, ...]] = []
        for event, element in walker:
            tag = element.tag
            if not isinstance(tag, str):  # comments and processing instructions
                if event == "end":
                    self.add_text(element.tail, None)
                continue
            tag = tag.lower()
            if event == "start":
                if tag in _SKIP:
                    walker.skip_subtree()
                    continue
                if tag == "br":
                    self.flush()
                    continue
                if tag == "table" and element.find(".//table") is None:
                    self.flush()
                    outer = self.container
                    self.container = (*outer, self._id())
                    self.table(element)
                    self.container = outer
                    walker.skip_subtree()
                    continue
                if tag in _BLOCK:
                    self.flush()
                    stack.append(self.container)
                    self.container = (*self.container, self._id())
                self.add_text(element.text, element.sourceline)
                continue
            # end
            if tag == "table" and (tag in _SKIP or element.find(".//table") is None):
                self.add_text(element.tail, element.sourceline)
                continue
            if tag in _SKIP or tag == "br":
                self.add_text(element.tail, element.sourceline)
                continue
            if tag in _BLOCK:
                self.flush()
                self.container = stack.pop() if stack else ()
            self.add_text(element.tail, element.sourceline)
        self.flush()

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def cell_text(self, cell: Any) -> str:
        text = self.etree.tostring(cell, method="text", encoding=str, with_tail=False)
        lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        return "\n".join(line for line in lines if line)

    def table(self, table: Any) -> None:
        self.grid += 1
        # Line breaks inside cells separate words: mark them before taking the cells' text.
        for element in table.iter("br", "p", "div"):
            element.tail = "\n" + (element.tail or "")
        for element in table.iter("script", "style"):
            element.text = None
        rows = list(table.iter("tr"))
        occupied: dict[tuple[int, int], Slot] = {}
        row_slots: list[dict[int, Slot]] = []
        for r, tr in enumerate(rows):
            while len(row_slots) <= r:
                row_slots.append({})
            col = 0
            for cell in tr:
                tag = cell.tag
                if not isinstance(tag, str) or tag.lower() not in ("td", "th"):
                    continue
                while (r, col) in occupied:
                    col += 1
                if col >= MAX_GRID_COLUMNS:
                    break
                rowspan = _span(cell.get("rowspan"), min(MAX_SPAN, len(rows) - r))
                colspan = _span(cell.get("colspan"), MAX_GRID_COLUMNS - col)
                text = self.cell_text(cell)
                cell_id = self.cell_id
                self.cell_id += 1
                line = cell.sourceline
                for dr in range(rowspan):
                    target = row_slots[r + dr] if r + dr < len(row_slots) else None
                    if target is None:
                        while len(row_slots) <= r + dr:
                            row_slots.append({})
                        target = row_slots[r + dr]
                    for dc in range(colspan):
                        slot = Slot(text, line, None, col=col + dc, cell=cell_id, copy=bool(dr or dc),
                                    colspan=colspan)
                        occupied[(r + dr, col + dc)] = slot
                        target[col + dc] = slot
                col += colspan
        for r, slots in enumerate(row_slots):
            if not slots:
                continue
            ordered = tuple(slots[c] for c in sorted(slots))
            self.lines.append(RawLine(ordered, grid=self.grid, row=r, container=self.container))


def parse_html(text: str, *, source: str | None = None) -> RawDocument:
    try:
        import lxml.etree as etree
    except ImportError:
        raise MissingDependencyError(
            "reading HTML needs lxml: pip install 'govdisclosure[html]'", extra="html") from None
    text = _XML_DECLARATION.sub("", text, count=1)
    diagnostics: list[Diagnostic] = []
    if not text.strip():
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
    meta: dict[str, str] = {}
    for element in root.iter("title"):
        title = " ".join(etree.tostring(element, method="text", encoding=str, with_tail=False).split())
        if title:
            meta.setdefault("title", title)
    for element in root.iter("meta"):
        name = (element.get("name") or element.get("property") or element.get("http-equiv") or "").strip()
        content = (element.get("content") or "").strip()
        if name and content:
            meta.setdefault(name.lower(), content)
    walker = _HtmlWalker(etree)
    body = root.find("body")
    walker.walk(root if body is None else body)
    return RawDocument(tuple(walker.lines), Layout.HTML, meta=meta, diagnostics=tuple(diagnostics))
