"""Tidy records: one flat record per table cell, and writers for CSV and JSON Lines.

The shape data people load into pandas: report-level columns (``source``, ``agency``, ``year``,
``format``) repeated on every record, then ``table``, ``row``, ``column`` (template ids),
``raw``, ``kind``, ``value``, ``unit`` and the source ``line``. A report of a format yields exactly
one record per cell of that format's template, in template order.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any, TypedDict

from govdisclosure.errors import MissingDependencyError
from govdisclosure.model import Report
from govdisclosure.template import split_cell_key

__all__ = [
    "TIDY_FIELDS",
    "TidyRecord",
    "csv_text",
    "jsonl_line",
    "jsonl_text",
    "tidy_records",
    "to_dataframe",
    "write_csv",
    "write_jsonl",
]


class TidyRecord(TypedDict):
    source: str | None
    agency: str | None
    year: int | None
    format: str | None
    table: str
    row: str
    column: str
    raw: str
    kind: str
    value: int | Decimal | None
    unit: str | None
    line: int | None


TIDY_FIELDS: tuple[str, ...] = tuple(TidyRecord.__annotations__)
"""Column order of tidy output."""


def tidy_records(report: Report) -> Iterator[TidyRecord]:
    """One :class:`TidyRecord` per template cell of ``report`` (none for a format-less report)."""
    fmt = None if report.format is None else report.format.value
    for key, cell in report.cells():
        table, row, column = split_cell_key(key)
        yield TidyRecord(
            source=report.source, agency=report.agency, year=report.year, format=fmt,
            table=table, row=row, column=column, raw=cell.raw, kind=cell.kind.value,
            value=cell.value, unit=cell.unit,
            line=None if cell.origin is None else cell.origin.line,
        )


def _records(data: Report | Iterable[Report] | Iterable[TidyRecord]) -> Iterator[TidyRecord]:
    if isinstance(data, Report):
        yield from tidy_records(data)
        return
    for item in data:
        if isinstance(item, Report):
            yield from tidy_records(item)
        else:
            yield item


def csv_text(records: Iterable[TidyRecord], *, header: bool = False) -> str:
    """Tidy records as CSV text (``\r\n`` line ends), the header line first if asked for."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow(TIDY_FIELDS)
    writer.writerows(["" if v is None else str(v) for v in record.values()] for record in records)
    return buffer.getvalue()


def write_csv(
    data: Report | Iterable[Report] | Iterable[TidyRecord], out: IO[str] | None = None, *,
    excel: bool = False, header: bool = True,
) -> str | None:
    """Write tidy records as CSV (stdlib ``csv``) to ``out``, or return the text if ``out`` is None.

    ``excel=True`` starts the text with a UTF-8 byte-order mark (the ``utf-8-sig`` convention),
    which Excel needs to show Chinese text; open ``out`` with ``newline=""``.
    """
    text = ("\ufeff" if excel else "") + csv_text(_records(data), header=header)
    if out is None:
        return text
    out.write(text)
    return None


# Characters that some line splitters (str.splitlines, editors) take for line ends: escaped in JSON Lines.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)  # an exact JSON number literal
    return json.dumps(value, ensure_ascii=False)


def jsonl_line(record: TidyRecord | dict[str, Any]) -> str:
    """One record as a JSON object on one line; decimals are written as exact JSON numbers."""
    return ("{" + ", ".join(f"{json.dumps(k)}: {_json_value(v)}" for k, v in record.items()) + "}").translate(
        _LINE_BREAKS)


_JSON = json.JSONEncoder(ensure_ascii=False).encode


def jsonl_text(records: Iterable[TidyRecord]) -> str:
    """Tidy records as JSON Lines (the C encoder, except for records holding an exact decimal)."""
    text = "".join(
        (jsonl_line(record) if isinstance(record["value"], Decimal) else _JSON(record)) + "\n" for record in records)
    return text.translate(_LINE_BREAKS) if not text.isascii() else text


def write_jsonl(
    data: Report | Iterable[Report] | Iterable[TidyRecord], out: IO[str] | None = None,
) -> str | None:
    """Write tidy records as JSON Lines to ``out``, or return the text if ``out`` is None."""
    text = jsonl_text(_records(data))
    if out is None:
        return text
    out.write(text)
    return None


def to_dataframe(data: Report | Iterable[Report] | Iterable[TidyRecord]) -> Any:
    """Tidy records as a :class:`pandas.DataFrame` (needs ``pip install govdisclosure[pandas]``).

    ``value`` is a float column (amounts lose nothing below 15 significant digits); ``raw`` keeps
    the exact token.
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "to_dataframe needs pandas: pip install 'govdisclosure[pandas]'", extra="pandas") from None
    rows = []
    for record in _records(data):
        value = record["value"]
        row: dict[str, object] = dict(record)
        row["value"] = None if value is None else float(value)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(TIDY_FIELDS))
    frame["year"] = frame["year"].astype("Int64")
    frame["line"] = frame["line"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return frame
