"""Writers: a report in the official layout, as plain text, Markdown or a standalone HTML page.

Pure functions from the model; every heading, caption, row label, column header and the corner
note come from :mod:`govdisclosure.template`. The tables are laid out as the official forms
(国办公开办函〔2019〕60号 and 〔2021〕30号) lay them out:

* section 二: one table per format, a ``第二十条第（X）项`` caption row spanning the width above
  each sub-table, its ``信息内容`` header row, then its data rows (the last value column stretches
  to the width of the widest sub-table, as on the form);
* section 三: the corner note (勾稽关系) spanning 3 label columns × 3 header rows, ``申请人情况``
  over the seven value columns, ``法人或其他组织`` over its five, ``三、本年度办理结果`` spanning
  its result rows and （三）（四）（五）（2021: （六）） spanning theirs;
* section 四: ``行政复议`` over five columns, ``行政诉讼`` over ten, split into
  ``未经复议直接起诉`` and ``复议后起诉``, then the single row of fifteen figures.

Every cell prints its raw token (``/`` stays ``/``, ``1,165`` stays ``1,165``); a blank cell
prints empty. A row whose every cell is absent is not printed (it reads back as absent), nor
is a sub-table or table with no printed row. Consecutive ambiguous cells of a row that carry
the same run of digits print that run once, across those cells.

Plain text and Markdown print the same rows: each row of the form is one line, its merged
cells spread over the grid positions they cover. A header or caption prints its text in its
first position and leaves the rest empty; a row's own label prints in the last label column,
so the figures always start right after it; a value prints once, whatever it spans.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from govdisclosure.errors import UsageError
from govdisclosure.model import Cell, CellKind, Report, Row, Section, Table
from govdisclosure.template import (
    PUBLISHED_LABEL,
    REPORT_NAME,
    ColumnSpec,
    Format,
    PartSpec,
    RowSpec,
    SectionSpec,
    TableSpec,
    spec,
)

__all__ = [
    "PUBLISHED_LABEL",
    "RENDER_TARGETS",
    "document_title",
    "published_line",
    "render",
    "render_html",
    "render_markdown",
    "render_text",
]

RENDER_TARGETS = ("text", "markdown", "html")
"""What :func:`render` can write."""


# Sections 一–六 have the same headings in both formats (template-spec §3); a format-less report
# prints them from either.
_HEADING_FORMAT = Format.V2021


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def render(report: Report, to: str) -> str:
    """``report`` as ``to``: ``"text"``, ``"markdown"`` or ``"html"`` (see :data:`RENDER_TARGETS`)."""
    if to == "text":
        return render_text(report)
    if to == "markdown":
        return render_markdown(report)
    if to == "html":
        return render_html(report)
    raise UsageError(f"cannot render to {to!r}: choose one of {', '.join(RENDER_TARGETS)}")


def document_title(report: Report) -> str:
    """The title line a rendered report starts with: :attr:`Report.title` if there is one, else
    ``{agency}{year}年政府信息公开工作年度报告`` from what the report knows."""
    if report.title and report.title.strip():
        return _one_line(report.title.strip())
    year = "" if report.year is None else f"{report.year}年"
    return _one_line(f"{report.agency or ''}{year}{REPORT_NAME}")


def published_line(report: Report) -> str | None:
    """``发布日期：YYYY-MM-DD`` for a report with a publication date, else ``None``."""
    if report.published is None:
        return None
    return f"{PUBLISHED_LABEL}：{report.published.isoformat()}"


def render_text(report: Report) -> str:
    """Plain text: title, ``发布日期`` line, paragraphs, the six headings, and each table as lines of
    TAB-separated cells in the official row order."""
    blocks: list[str] = ["\n".join(_head_lines(report))]
    blocks.extend(_paragraphs(_preamble(report), _one_line))
    for section, heading, grids in _layout(report):
        blocks.append(heading)
        blocks.extend(_paragraphs(section.text, _one_line))
        for grid in grids:
            blocks.append("\n".join("\t".join(_one_line(f) for f in fields) for fields in _flatten(grid)))
    return "\n\n".join(blocks) + "\n"


def render_markdown(report: Report) -> str:
    """Markdown: ``#`` title, ``##`` section headings, paragraphs, and each table as one pipe table
    with the same rows as :func:`render_text` (its first row is the pipe table's header row)."""
    blocks: list[str] = [f"# {document_title(report)}"]
    published = published_line(report)
    if published is not None:
        blocks.append(published)
    blocks.extend(_paragraphs(_preamble(report), _one_line))
    for section, heading, grids in _layout(report):
        blocks.append(f"## {heading}")
        blocks.extend(_paragraphs(section.text, _one_line))
        for grid in grids:
            rows = _flatten(grid)
            lines = [_md_row(rows[0]), _md_row(["---"] * grid.width)]
            lines.extend(_md_row(fields) for fields in rows[1:])
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def render_html(report: Report) -> str:
    """One standalone, readable HTML page (UTF-8, inline CSS) with the tables in the official
    layout: real ``rowspan``/``colspan``. Every text is escaped; Chinese stays as it is."""
    title = document_title(report)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<main class="report">',
        "<header>",
        f"<h1>{_esc(title)}</h1>",
    ]
    if report.published is not None:
        date = report.published.isoformat()
        out.append(f'<p class="published">{_esc(PUBLISHED_LABEL)}：<time datetime="{date}">{date}</time></p>')
    out.append("</header>")
    out.extend(f"<p>{p}</p>" for p in _paragraphs(_preamble(report), _esc))
    anchors: set[str] = set()
    for section, heading, grids in _layout(report):
        anchor = "" if section.id in anchors else f' id="{_esc(section.id, quote=True)}"'  # ids stay unique
        anchors.add(section.id)
        out.append(f"<section{anchor}>")
        out.append(f"<h2>{_esc(heading)}</h2>")
        out.extend(f"<p>{p}</p>" for p in _paragraphs(section.text, _esc))
        for grid in grids:
            out.extend(_html_table(grid))
        out.append("</section>")
    out.extend(["</main>", "</body>", "</html>"])
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------
# Document structure
# --------------------------------------------------------------------------------------------------


def _head_lines(report: Report) -> list[str]:
    published = published_line(report)
    return [document_title(report)] + ([] if published is None else [published])


def _preamble(report: Report) -> str:
    """The preamble without the title and 发布日期 lines it may start with (a reader may keep them
    there too): they print once, at the top."""
    lines = report.preamble.split("\n")
    head = {_one_line(line).strip() for line in _head_lines(report)}
    while lines and (not lines[0].strip() or _one_line(lines[0]).strip() in head):
        lines.pop(0)
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """A title, paragraph or cell never holds a TAB or a line break: in text either would start a
    new cell or row (a TAB line is a table row)."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _paragraphs(text: str, clean: Callable[[str], str]) -> Iterator[str]:
    for line in text.split("\n"):
        if line.strip():
            yield clean(line)


def _layout(report: Report) -> list[tuple[Section, str, list[_Grid]]]:
    """The sections to print, in the report's order, each with its official heading and grids.

    A table whose section the report lacks still prints, under its official heading, after the
    sections that precede it in the template.
    """
    template = spec(report.format or _HEADING_FORMAT)
    order = [s.id for s in template.sections]
    grids: dict[str, list[_Grid]] = {}
    if report.format is not None:
        for table_spec, table in zip(template.tables, report.tables, strict=True):
            grid = _table_grid(table_spec, table)
            if grid is not None:
                grids.setdefault(table_spec.section, []).append(grid)
    sections = list(report.sections)
    present = {s.id for s in sections}
    for section_id in order:
        if section_id in grids and section_id not in present:
            rank = order.index(section_id)
            at = 0
            for i, s in enumerate(sections):
                if order.index(s.id) < rank:
                    at = i + 1
            sections.insert(at, Section(id=section_id))
            present.add(section_id)
    out: list[tuple[Section, str, list[_Grid]]] = []
    placed: set[str] = set()
    for section in sections:
        section_spec: SectionSpec = template.section(section.id)
        mine = [] if section.id in placed else grids.get(section.id, [])
        placed.add(section.id)
        out.append((section, section_spec.heading, mine))
    return out


# --------------------------------------------------------------------------------------------------
# Tables as grids of merged cells (the official form), shared by the three writers
# --------------------------------------------------------------------------------------------------


class _Role(enum.Enum):
    CAPTION = "caption"
    """A 第二十条第（X）项 row across the table."""
    CORNER = "corner"
    """The top-left cell over the label columns (section 三: the 勾稽关系 note)."""
    COLGROUP = "colgroup"
    """A column group header (申请人情况, 法人或其他组织, 行政复议 …)."""
    HEADER = "header"
    """A column's header."""
    GROUP = "group"
    """A row group label spanning its rows (三、本年度办理结果, （三）不予公开 …)."""
    LABEL = "label"
    """A data row's own label."""
    VALUE = "value"


@attrs.frozen
class _GridCell:
    text: str
    role: _Role
    rowspan: int = 1
    colspan: int = 1
    kind: CellKind | None = None
    """The kind of a value cell (``None`` for the others)."""


@attrs.frozen
class _Grid:
    table: str
    width: int
    head: tuple[tuple[_GridCell, ...], ...]
    body: tuple[tuple[_GridCell, ...], ...]

    @property
    def rows(self) -> tuple[tuple[_GridCell, ...], ...]:
        return self.head + self.body


def _printed(row: Row) -> bool:
    return any(cell.kind is not CellKind.ABSENT for cell in row.cells)


def _row_label(row: RowSpec) -> str:
    return f"{row.number or ''}{row.label}"


def _token(cell: Cell) -> str:
    return "" if cell.kind is CellKind.ABSENT else cell.raw


def _value_cells(row: Row, stretch: int) -> list[_GridCell]:
    """The value cells of a row, the last one spanning ``stretch`` extra grid columns.

    A run of consecutive ambiguous cells prints the figures the source printed for them once,
    across the run: a reader keeps, as each ambiguous cell's raw, the printed token(s) the cell may
    come from (the whole digit run when the cells ran together).
    """
    out: list[_GridCell] = []
    cells = list(row.cells)
    i = 0
    while i < len(cells):
        j = i + 1
        if cells[i].kind is CellKind.AMBIGUOUS:
            while j < len(cells) and cells[j].kind is CellKind.AMBIGUOUS:
                j += 1
            tokens = _run_tokens(cells[i:j])
            spans = [1] * (len(tokens) - 1) + [j - i - len(tokens) + 1]
            out.extend(_GridCell(token, _Role.VALUE, colspan=span, kind=CellKind.AMBIGUOUS)
                       for token, span in zip(tokens, spans, strict=True))
        else:
            out.append(_GridCell(_token(cells[i]), _Role.VALUE, kind=cells[i].kind))
        i = j
    last = out[-1]
    out[-1] = attrs.evolve(last, colspan=last.colspan + stretch)
    return out


def _run_tokens(run: Sequence[Cell]) -> list[str]:
    """The printed tokens behind a run of ambiguous cells, in order, each once: each cell's raw
    lists the tokens it may come from; neighbours overlap (``22`` · ``22 235`` · ``235`` → ``22``,
    ``235``). At most one token per cell: any more share the last field."""
    tokens: list[str] = []
    for cell in run:
        mine = cell.raw.split() or [cell.raw]
        overlap = max((k for k in range(min(len(mine), len(tokens)) + 1) if tokens[len(tokens) - k:] == mine[:k]),
                      default=0)
        tokens.extend(mine[overlap:])
    if len(tokens) > len(run):
        tokens[len(run) - 1:] = [" ".join(tokens[len(run) - 1:])]
    return tokens


def _row_paths(part: PartSpec) -> dict[str, tuple[RowSpec, ...]]:
    """Each data row's chain of group rows from the outermost, then the row itself."""
    by_id = {row.id: row for row in part.rows}
    paths: dict[str, tuple[RowSpec, ...]] = {}
    for row in part.rows:
        if not row.data:
            continue
        chain = [row]
        while chain[0].parent is not None:
            chain.insert(0, by_id[chain[0].parent])
        paths[row.id] = tuple(chain)
    return paths


def _labelled(part: PartSpec) -> bool:
    return any(row.label or row.number for row in part.rows)


def _column_header_rows(table_spec: TableSpec, columns: Sequence[ColumnSpec]) -> list[list[_GridCell]]:
    """The header rows over ``columns``: column groups spanning their columns, each column's label
    spanning down to the last header row."""
    groups = {group.id: group for group in table_spec.column_groups}
    paths: list[list[tuple[str, str]]] = []
    for column in columns:
        chain: list[tuple[str, str]] = [(f"column:{column.id}", column.label)]
        parent = column.parent
        while parent is not None:
            chain.insert(0, (f"group:{parent}", groups[parent].label))
            parent = groups[parent].parent
        paths.append(chain)
    depth = max(len(p) for p in paths)
    rows: list[list[_GridCell]] = [[] for _ in range(depth)]
    for d in range(depth):
        c = 0
        while c < len(paths):
            path = paths[c]
            if d >= len(path):
                c += 1
                continue
            key, label = path[d]
            if d == len(path) - 1:
                rows[d].append(_GridCell(label, _Role.HEADER, rowspan=depth - d))
                c += 1
                continue
            span = 1
            while c + span < len(paths) and len(paths[c + span]) - 1 > d and paths[c + span][d][0] == key:
                span += 1
            rows[d].append(_GridCell(label, _Role.COLGROUP, colspan=span))
            c += span
    return rows


def _data_rows(part: PartSpec, table: Table, label_columns: int, width: int) -> list[list[_GridCell]]:
    """The printed data rows of one part, with their group labels spanning them."""
    paths = _row_paths(part)
    printed = [(paths[row.id], table.row(row.id)) for row in part.rows if row.data and _printed(table.row(row.id))]
    counts: dict[str, int] = {}
    for path, _ in printed:
        for group in path[:-1]:
            counts[group.id] = counts.get(group.id, 0) + 1
    started: set[str] = set()
    out: list[list[_GridCell]] = []
    for path, row in printed:
        cells: list[_GridCell] = []
        if label_columns:
            for group in path[:-1]:
                if group.id not in started:
                    started.add(group.id)
                    cells.append(_GridCell(_row_label(group), _Role.GROUP, rowspan=counts[group.id]))
            cells.append(_GridCell(_row_label(path[-1]), _Role.LABEL, colspan=label_columns - len(path) + 1))
        cells.extend(_value_cells(row, width - label_columns - len(part.columns)))
        out.append(cells)
    return out


def _table_grid(table_spec: TableSpec, table: Table) -> _Grid | None:
    """The official layout of one table, or ``None`` when none of its rows is printed."""
    if any(part.caption for part in table_spec.parts):
        return _captioned_grid(table_spec, table)
    (part,) = table_spec.parts
    label_columns = max(len(p) for p in _row_paths(part).values()) if _labelled(part) else 0
    width = label_columns + len(part.columns)
    body = _data_rows(part, table, label_columns, width)
    if not body:
        return None
    head = _column_header_rows(table_spec, part.columns)
    if label_columns:
        corner = table_spec.corner_note or table_spec.label_column_header or ""
        head[0].insert(0, _GridCell(corner, _Role.CORNER, rowspan=len(head), colspan=label_columns))
    return _Grid(table_spec.id, width, tuple(map(tuple, head)), tuple(map(tuple, body)))


def _captioned_grid(table_spec: TableSpec, table: Table) -> _Grid | None:
    """Section 二: sub-tables under their 第二十条第（X）项 captions, on one grid."""
    width = 1 + max(len(part.columns) for part in table_spec.parts)
    body: list[tuple[_GridCell, ...]] = []
    for part in table_spec.parts:
        rows = _data_rows(part, table, 1, width)
        if not rows:
            continue
        body.append((_GridCell(part.caption or "", _Role.CAPTION, colspan=width),))
        header = [_GridCell(table_spec.label_column_header or "", _Role.HEADER)]
        header.extend(_GridCell(c.label, _Role.HEADER) for c in part.columns)
        header[-1] = attrs.evolve(header[-1], colspan=width - len(part.columns))
        body.append(tuple(header))
        body.extend(tuple(row) for row in rows)
    if not body:
        return None
    return _Grid(table_spec.id, width, (), tuple(body))


def _flatten(grid: _Grid) -> list[list[str]]:
    """Each row of ``grid`` as the fields of one text line or pipe-table row.

    A merged cell is spread over the grid positions it covers: headers, captions and group
    labels print in their first position, a row's own label in its last (so the figures follow
    it directly), and the other positions are empty; a value prints once, whatever it spans.
    """
    owner: dict[tuple[int, int], tuple[_GridCell, int, int]] = {}
    rows = grid.rows
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in owner:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    owner[(r + dr, c + dc)] = (cell, r, c)
            c += cell.colspan
    out: list[list[str]] = []
    for r in range(len(rows)):
        fields: list[str] = []
        for c in range(grid.width):
            if (r, c) not in owner:
                continue
            cell, r0, c0 = owner[(r, c)]
            if cell.role is _Role.VALUE:
                if c == c0:
                    fields.append(cell.text)
                continue
            text_at = (r0, c0 + cell.colspan - 1) if cell.role is _Role.LABEL else (r0, c0)
            fields.append(cell.text if (r, c) == text_at else "")
        out.append(fields)
    return out


# --------------------------------------------------------------------------------------------------
# Markdown and HTML details
# --------------------------------------------------------------------------------------------------


def _md_row(fields: Iterable[str]) -> str:
    return "| " + " | ".join(_one_line(f).replace("|", "\\|") for f in fields) + " |"


def _esc(text: str, *, quote: bool = False) -> str:
    return html.escape(text, quote=quote)


def _attrs(cell: _GridCell) -> str:
    out = ""
    if cell.rowspan > 1:
        out += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        out += f' colspan="{cell.colspan}"'
    return out


def _html_cell(cell: _GridCell) -> str:
    text = _esc(cell.text)
    if cell.role is _Role.VALUE:
        kind = "" if cell.kind is None or cell.kind is CellKind.NUMBER else f' class="{cell.kind.value}"'
        return f"<td{kind}{_attrs(cell)}>{text}</td>"
    if cell.role is _Role.LABEL:
        return f'<th scope="row" class="label"{_attrs(cell)}>{text}</th>'
    if cell.role is _Role.GROUP:
        return f'<th scope="rowgroup" class="group"{_attrs(cell)}>{text}</th>'
    if cell.role is _Role.CAPTION:
        return f'<th class="caption" scope="colgroup"{_attrs(cell)}>{text}</th>'
    if cell.role is _Role.CORNER:
        return f'<th class="corner"{_attrs(cell)}>{text}</th>'
    scope = "colgroup" if cell.role is _Role.COLGROUP else "col"
    return f'<th scope="{scope}"{_attrs(cell)}>{text}</th>'


def _html_table(grid: _Grid) -> list[str]:
    css = grid.table.replace("_", "-")
    out = ['<div class="table-wrap">', f'<table class="form {css}">']
    if grid.head:
        out.append("<thead>")
        out.extend("<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in grid.head)
        out.append("</thead>")
    out.append("<tbody>")
    for row in grid.body:
        caption = ' class="caption-row"' if row and row[0].role is _Role.CAPTION else ""
        out.append(f"<tr{caption}>" + "".join(_html_cell(c) for c in row) + "</tr>")
    out.extend(["</tbody>", "</table>", "</div>"])
    return out


_CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #eef0f2; color: #111;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
main.report { box-sizing: border-box; max-width: 1180px; margin: 24px auto; padding: 40px 56px;
  background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .15); line-height: 1.8; }
header { text-align: center; margin-bottom: 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 .3em; line-height: 1.4; }
.published { color: #555; margin: 0; }
h1, h2, th { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  SimHei, sans-serif; }
h2 { font-size: 1.15em; margin: 1.6em 0 .6em; }
p { text-indent: 2em; margin: .4em 0; }
header p { text-indent: 0; }
.table-wrap { overflow-x: auto; margin: .8em 0 1.2em; }
table.form { border-collapse: collapse; width: 100%; font-size: .9em; line-height: 1.4; }
table.form th, table.form td { border: 1px solid #222; padding: .35em .45em; text-align: center;
  vertical-align: middle; }
table.form th { font-weight: 600; background: #f6f7f8; }
table.form th.label, table.form th.group { font-weight: normal; background: #fff; }
table.form th.label { text-align: left; }
table.form th.corner { font-weight: normal; font-size: .85em; background: #fff; }
table.form th.caption { background: #e9ecef; }
table.form thead th[scope="col"] { min-width: 3.2em; }
table.form td { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.form td.text, table.form td.ambiguous { white-space: normal; color: #8a4b00; }
table.review-litigation th { min-width: 2.6em; }
@media print { body { background: #fff; } main.report { box-shadow: none; margin: 0; padding: 0; } }
""".strip()
