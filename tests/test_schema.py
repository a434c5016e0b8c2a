"""The JSON Schema of the canonical JSON: shipped, current, and true of every report."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from govdisclosure import Format, Report, blank_report, json_schema, read, set_cells, spec, to_dict, to_json
from govdisclosure.schema import SCHEMA_FILE, format_json_schema, generate_json_schema
from govdisclosure.template import ValueType
from tests.conftest import corpus_reports
from tests.strategies import reports

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def _errors(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def test_shipped_schema_is_what_the_model_generates() -> None:
    shipped = resources.files("govdisclosure").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    fresh = format_json_schema(generate_json_schema())
    assert shipped == fresh, "the shipped schema is out of date: run python scripts/gen_schema.py"


def test_schema_is_a_valid_2020_12_schema() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("report-v1.schema.json")
    assert schema["properties"]["schema_version"] == {"description": "Version of the canonical JSON layout.",
                                                      "const": 1}


def test_json_schema_returns_a_new_dict_each_time() -> None:
    first = json_schema()
    first["properties"].clear()
    assert json_schema()["properties"]


def test_package_ships_the_schema_file() -> None:
    path = Path(str(resources.files("govdisclosure").joinpath(SCHEMA_FILE)))
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert "本年增/减" in text  # row and column labels as titles, CJK unescaped
    assert "\\u" not in text


@given(reports())
def test_every_report_validates(report: Report) -> None:
    assert _errors(json.loads(to_json(report))) == []


@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus_reports_validate(path: Path) -> None:
    assert _errors(json.loads(to_json(read(path)))) == []


def _sample() -> dict[str, Any]:
    report = set_cells(blank_report(Format.V2019, year=2020), {
        "active_disclosure.admin_license.prev_year_items": "1,165",
        "active_disclosure.admin_license.change": "-207",
        "active_disclosure.centralized_procurement.procurement_amount": "251000元",
        "requests.granted.total": 5,
    })
    return to_dict(report)


def _cell(document: dict[str, Any], table: int, row: str, column: str) -> dict[str, Any]:
    (found,) = [c for r in document["tables"][table]["rows"] if r["id"] == row
                for c in r["cells"] if c["column"] == column]
    assert isinstance(found, dict)
    return found


def test_signed_changes_may_be_negative_counts_may_not() -> None:
    document = _sample()
    assert _errors(document) == []
    assert _cell(document, 0, "admin_license", "change")["value"] == -207
    broken = copy.deepcopy(document)
    _cell(broken, 1, "granted", "total").update(raw="-5", value=-5)
    assert _errors(broken) == ["-5 is less than the minimum of 0"]
    broken = copy.deepcopy(document)
    _cell(broken, 0, "admin_license", "prev_year_items").update(value=-1)
    assert _errors(broken) == ["-1 is less than the minimum of 0"]


def test_amounts_are_non_negative_decimal_strings() -> None:
    document = _sample()
    assert _cell(document, 0, "centralized_procurement", "procurement_amount")["value"] == "251000"
    for bad in (251000, "-1.5", "1e3", 1.5):
        broken = copy.deepcopy(document)
        _cell(broken, 0, "centralized_procurement", "procurement_amount").update(value=bad)
        assert _errors(broken), bad
    broken = copy.deepcopy(document)
    _cell(broken, 1, "granted", "total").update(value="5")  # a count is an integer, not a string
    assert _errors(broken)


def test_kind_and_value_go_together() -> None:
    broken = _sample()
    _cell(broken, 1, "granted", "total").update(value=None)
    assert _errors(broken)
    broken = _sample()
    _cell(broken, 1, "granted", "natural_person").update(value=3)  # an absent cell with a value
    assert _errors(broken)
    fine = _sample()
    _cell(fine, 1, "granted", "natural_person").update(kind="placeholder", raw="/")
    assert _errors(fine) == []


def test_tables_have_the_rows_and_columns_of_their_format() -> None:
    document = _sample()
    rows = document["tables"][1]["rows"]
    rows[0], rows[1] = rows[1], rows[0]
    assert _errors(document)
    document = _sample()
    del document["tables"][1]["rows"][-1]
    assert _errors(document)
    document = _sample()
    document["tables"][0]["rows"][0]["cells"].pop()
    assert _errors(document)
    document = _sample()
    document["format"] = "2021"  # 2019 tables under the 2021 format
    assert _errors(document)
    document = _sample()
    document["format"] = None
    assert _errors(document)
    document["tables"] = []
    assert _errors(document) == []


def test_documents_must_be_canonical() -> None:
    document = _sample()
    document["extra"] = 1
    assert _errors(document)
    document = _sample()
    del document["unplaced"]
    assert _errors(document)
    document = _sample()
    document["schema_version"] = 2
    assert _errors(document)
    document = _sample()
    document["published"] = "20 Jan 2021"
    assert _errors(document)
    document = _sample()
    document["sections"] = [{"id": "s7", "heading": "", "text": "", "origin": None}]
    assert _errors(document)


def test_every_template_cell_has_the_schema_of_its_value_type() -> None:
    schema = json_schema()
    defs = schema["$defs"]
    assert defs["CountCell"]["properties"]["value"]["minimum"] == 0
    assert "minimum" not in defs["SignedCell"]["properties"]["value"]
    for rule in schema["allOf"][:2]:
        fmt = Format(rule["if"]["properties"]["format"]["const"])
        tables = rule["then"]["properties"]["tables"]["prefixItems"]
        for table_schema, table in zip(tables, spec(fmt).tables, strict=True):
            rows = table_schema["properties"]["rows"]["prefixItems"]
            assert [r["properties"]["id"]["const"] for r in rows] == [row.id for _, row in table.data_rows()]
            for row_schema, (part, _) in zip(rows, table.data_rows(), strict=True):
                cells = row_schema["properties"]["cells"]["prefixItems"]
                for cell_schema, column in zip(cells, part.columns, strict=True):
                    assert cell_schema["properties"]["column"]["const"] == column.id
                    want = {ValueType.COUNT: "CountCell", ValueType.SIGNED: "SignedCell",
                            ValueType.AMOUNT: "AmountCell"}[column.value_type]
                    assert cell_schema["$ref"] == f"#/$defs/{want}"
