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
    "jsonl_line",
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


def write_csv(
    data: Report | Iterable[Report] | Iterable[TidyRecord], out: IO[str] | None = None, *,
    excel: bool = False, header: bool = True,
) -> str | None:
    """Write tidy records as CSV (stdlib ``csv``) to ``out``, or return the text if ``out`` is None.

    ``excel=True`` starts the text with a UTF-8 byte-order mark (the ``utf-8-sig`` convention),
    which Excel needs to show Chinese text; open ``out`` with ``newline=""``.
    """
    target = io.StringIO() if out is None else out
    if excel:
        target.write("\ufeff")
    writer = csv.DictWriter(target, fieldnames=TIDY_FIELDS, lineterminator="\r\n")
    if header:
        writer.writeheader()
    for record in _records(data):
        writer.writerow({k: ("" if v is None else str(v)) for k, v in record.items()})
    return target.getvalue() if isinstance(target, io.StringIO) and out is None else None


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)  # an exact JSON number literal
    return json.dumps(value, ensure_ascii=False)


def jsonl_line(record: TidyRecord | dict[str, Any]) -> str:
    """One record as a JSON object on one line; decimals are written as exact JSON numbers."""
    return "{" + ", ".join(f"{json.dumps(k)}: {_json_value(v)}" for k, v in record.items()) + "}"


def write_jsonl(
    data: Report | Iterable[Report] | Iterable[TidyRecord], out: IO[str] | None = None,
) -> str | None:
    """Write tidy records as JSON Lines to ``out``, or return the text if ``out`` is None."""
    target = io.StringIO() if out is None else out
    for record in _records(data):
        target.write(jsonl_line(record))
        target.write("\n")
    return target.getvalue() if isinstance(target, io.StringIO) and out is None else None


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
