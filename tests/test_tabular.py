"""Tidy records, CSV and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from hypothesis import given

from govdisclosure import TIDY_FIELDS, Format, Report, blank_report, set_cells, spec, tidy_records, write_csv
from govdisclosure.tabular import jsonl_line, write_jsonl
from tests.strategies import reports


@given(reports())
def test_tidy_records_are_complete_for_the_format(report: Report) -> None:
    assert report.format is not None
    records = list(tidy_records(report))
    keys = [f"{r['table']}.{r['row']}.{r['column']}" for r in records]
    assert keys == list(spec(report.format).cell_keys())
    for record, (_, cell) in zip(records, report.cells(), strict=True):
        assert list(record) == list(TIDY_FIELDS)
        assert record["format"] == report.format.value
        assert record["year"] == report.year
        assert (record["raw"], record["kind"], record["value"], record["unit"]) == (
            cell.raw, cell.kind.value, cell.value, cell.unit)


def test_formatless_report_has_no_records() -> None:
    assert list(tidy_records(Report(format=None))) == []


def _sample() -> Report:
    return set_cells(blank_report(Format.V2021, year=2022, agency="某县", source="a.txt"), {
        "active_disclosure.admin_fees.fee_amount": "9116.36",
        "requests.granted.total": 21,
        "requests.granted.natural_person": "/",
    })


def test_csv_has_header_and_one_line_per_cell() -> None:
    text = write_csv(_sample())
    assert text is not None
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 200
    fee = next(r for r in rows if r["column"] == "fee_amount")
    assert fee["value"] == "9116.36"
    assert fee["unit"] == "万元"
    slash = next(r for r in rows if r["row"] == "granted" and r["column"] == "natural_person")
    assert (slash["raw"], slash["kind"], slash["value"]) == ("/", "placeholder", "")


def test_csv_for_excel_starts_with_a_bom() -> None:
    out = io.StringIO()
    write_csv([_sample(), _sample()], out, excel=True)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert text.count("\r\n") == 401


def test_jsonl_writes_decimals_as_exact_numbers() -> None:
    text = write_jsonl(_sample())
    assert text is not None
    lines = text.splitlines()
    assert len(lines) == 200
    fee = json.loads(lines[9], parse_float=Decimal)
    assert fee["value"] == Decimal("9116.36")
    assert jsonl_line({"value": Decimal("0.10"), "raw": "中"}) == '{"value": 0.10, "raw": "中"}'


@given(reports())
def test_csv_and_jsonl_read_back_to_the_records(report: Report) -> None:
    records = list(tidy_records(report))
    text = write_csv(records)
    assert text is not None
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [{k: "" if v is None else str(v) for k, v in r.items()} for r in records]
    lines = write_jsonl(records)
    assert lines is not None
    assert len(lines.splitlines()) == len(records)  # no line break inside a record, even U+2028
    parsed = [json.loads(line, parse_float=Decimal) for line in lines.splitlines()]
    assert parsed == [dict(r) for r in records]
