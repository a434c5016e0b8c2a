"""Canonical JSON: exact round trips, stable layout, errors with the JSON path."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from govdisclosure import (
    SCHEMA_VERSION,
    Format,
    JSONStructureError,
    Report,
    blank_report,
    from_dict,
    from_json,
    make_converter,
    set_cells,
    to_dict,
    to_json,
)
from tests.strategies import reports


@given(reports())
def test_any_report_round_trips_through_json_exactly(report: Report) -> None:
    text = to_json(report)
    again = from_json(text)
    assert again == report
    for (_, a), (_, b) in zip(again.cells(), report.cells(), strict=True):
        assert type(a.value) is type(b.value)
    assert to_json(again) == text


def _sample() -> Report:
    return set_cells(blank_report(Format.V2021, year=2022, agency="平潭综合实验区"), {
        "active_disclosure.admin_fees.fee_amount": "9116.36",
        "active_disclosure.rules.issued": 0,
        "requests.granted.total": 21,
    })


def test_layout_is_stable_and_readable() -> None:
    data = to_dict(_sample())
    assert list(data)[:4] == ["schema_version", "format", "year", "agency"]
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["format"] == "2021"
    fee = data["tables"][0]["rows"][-1]["cells"][0]
    assert fee == {"column": "fee_amount", "kind": "number", "raw": "9116.36", "value": "9116.36",
                   "unit": "万元", "origin": None}
    text = to_json(_sample())
    assert "平潭综合实验区" in text
    assert "\\u" not in text


def test_decimal_amounts_keep_every_digit() -> None:
    report = set_cells(blank_report(Format.V2019), {
        "active_disclosure.centralized_procurement.procurement_amount": "75394432.52元"})
    again = from_json(to_json(report))
    value = again.cell("active_disclosure.centralized_procurement.procurement_amount").value
    assert value == Decimal("75394432.52")
    assert isinstance(value, Decimal)


def _broken(edit: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(to_json(_sample()))
    edit(data)
    return data


@pytest.mark.parametrize(("edit", "path", "message"), [
    (lambda d: d.update(year="2022"), "$.year", "expected an integer"),
    (lambda d: d.update(extra=1), "$", "unknown key extra"),
    (lambda d: d.pop("format"), "$.format", "missing"),
    (lambda d: d.update(format="2020"), "$.format", "2020"),
    (lambda d: d.update(schema_version=99), "$.schema_version", "unsupported schema_version"),
    (lambda d: d.pop("schema_version"), "$", "missing key 'schema_version'"),
    (lambda d: d.update(published="2022-13-01"), "$.published", "date"),
    (lambda d: d["tables"][1]["rows"][2]["cells"].pop(), "$.tables[1].rows[2].cells", "columns"),
    (lambda d: d["tables"][1]["rows"][2]["cells"][0].update(value="x"),
     "$.tables[1].rows[2].cells[0].value", "decimal string"),
    (lambda d: d["tables"][1]["rows"][2]["cells"][0].update(kind="maybe"),
     "$.tables[1].rows[2].cells[0].kind", "maybe"),
    (lambda d: d["tables"][1]["rows"][2]["cells"][0].update(kind="number", value=-1),
     "$.tables[1].rows[2].cells[0].value", "cannot be negative"),
    (lambda d: d["tables"][1]["rows"].pop(0), "$.tables[1].rows", "missing new_received"),
    (lambda d: d.update(tables={}), "$.tables", ""),
    (lambda d: d["sections"].append({"id": "s1"}), "$.sections[0].heading", "missing"),
    (lambda d: d["tables"][0]["rows"][0].update(cells=5), "$.tables[0].rows[0].cells", ""),
    (lambda d: d["tables"][0]["rows"][0]["cells"].__setitem__(0, 5), "$.tables[0].rows[0].cells[0]", "JSON object"),
])
def test_malformed_documents_name_the_json_path(edit: Any, path: str, message: str) -> None:
    with pytest.raises(JSONStructureError) as info:
        from_dict(_broken(edit))
    assert info.value.path == path
    assert message in info.value.message


def test_not_json_at_all() -> None:
    with pytest.raises(JSONStructureError, match="not JSON") as info:
        from_json("{")
    assert info.value.line == 1
    with pytest.raises(JSONStructureError, match="JSON object"):
        from_json("[]")
    with pytest.raises(JSONStructureError):
        from_json(b"\xff\xfe{")


def test_converter_factory_gives_independent_converters() -> None:
    a, b = make_converter(), make_converter()
    assert a is not b
    report = _sample()
    assert to_dict(report, converter=a) == to_dict(report, converter=b)
