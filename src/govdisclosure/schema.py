"""JSON Schema (draft 2020-12) of the canonical JSON of a report (:mod:`govdisclosure.convert`).

The schema ships with the package (``report.schema.json``) and :func:`json_schema` returns it. It is
generated at development time by :func:`generate_json_schema` from the attrs model (field names,
types, the docstrings of the fields as descriptions) and the template (for each format the exact
tables, rows and columns in template order, and what each cell's value may be):

* a count is a JSON integer ``≥ 0`` (the template forbids negative counts, spec H5);
* the 2019 column 本年增/减 is any integer (a signed change);
* an amount (采购总金额, 本年收费金额) is a string holding a non-negative decimal (``"9116.36"``);
* a cell of kind ``number`` has a value, a cell of any other kind has ``null``.

``scripts/gen_schema.py`` rewrites the shipped file; a test fails when it differs from a fresh
generation.
"""

from __future__ import annotations

import ast
import datetime
import enum
import inspect
import json
import re
import textwrap
import types
import typing
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import attrs

from govdisclosure.convert import SCHEMA_VERSION
from govdisclosure.model import Cell, Diagnostic, Fragment, Origin, Report, Row, Section, Table
from govdisclosure.template import ColumnSpec, Format, PartSpec, RowSpec, TableSpec, ValueType, spec

__all__ = ["SCHEMA_FILE", "SCHEMA_ID", "format_json_schema", "generate_json_schema", "json_schema"]

SCHEMA_FILE = "report.schema.json"
"""Name of the schema file inside the package."""

SCHEMA_ID = f"https://github.com/govdisclosure/govdisclosure/schema/report-v{SCHEMA_VERSION}.schema.json"
"""The schema's ``$id``: names this version of the canonical JSON layout."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_AMOUNT_PATTERN = r"^\d+(\.\d+)?$"
"""A non-negative decimal as :mod:`govdisclosure.convert` writes it (``str(Decimal)``)."""
_DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"
"""Any decimal :mod:`govdisclosure.convert` accepts."""
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

_CLASSES: tuple[type, ...] = (Section, Table, Row, Cell, Origin, Fragment, Diagnostic)
_ENUMS_DOC = "One of the values of the library's enumeration."


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the canonical JSON of a report (a new dict on each call)."""
    data: dict[str, Any] = json.loads(_shipped_text())
    return data


@cache
def _shipped_text() -> str:
    return resources.files("govdisclosure").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def format_json_schema(schema: dict[str, Any]) -> str:
    """The text of ``schema`` exactly as the shipped file holds it (UTF-8, CJK unescaped)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def generate_json_schema() -> dict[str, Any]:
    """Build the schema from the model and the template (development time; see ``scripts/gen_schema.py``)."""
    defs: dict[str, Any] = {}
    enums: set[type[enum.Enum]] = set()
    for cls in _CLASSES:
        defs[cls.__name__] = _class_schema(cls, enums)
    report = _class_schema(Report, enums)
    defs["CountCell"] = _typed_cell("A cell of a count column: its value is an integer ≥ 0 (件, 项).",
                                    {"type": ["integer", "null"], "minimum": 0})
    defs["SignedCell"] = _typed_cell("A cell of the 2019 column 本年增/减: its value is a signed integer.",
                                     {"type": ["integer", "null"]})
    defs["AmountCell"] = _typed_cell(
        "A cell of an amount column (采购总金额, 本年收费金额): its value is a string holding a non-negative "
        "decimal, every digit kept.", {"type": ["string", "null"], "pattern": _AMOUNT_PATTERN})
    for member in sorted(enums, key=lambda e: e.__name__):
        defs[member.__name__] = {
            "description": _doc(member) or _ENUMS_DOC,
            "enum": [item.value for item in member],
        }
    properties = {"schema_version": {"description": "Version of the canonical JSON layout.",
                                     "const": SCHEMA_VERSION}}
    properties.update(report["properties"])
    by_format: list[dict[str, Any]] = [
        {
            "if": {"properties": {"format": {"const": fmt.value}}, "required": ["format"]},
            "then": {"properties": {"tables": _tables_schema(fmt)}},
        }
        for fmt in Format
    ]
    by_format.append({
        "if": {"properties": {"format": {"type": "null"}}, "required": ["format"]},
        "then": {"properties": {"tables": {"maxItems": 0}}},
    })
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        "title": f"govdisclosure report (canonical JSON, schema_version {SCHEMA_VERSION})",
        "description": _doc(Report),
        "type": "object",
        "properties": properties,
        "required": ["schema_version", *report["required"]],
        "additionalProperties": False,
        "allOf": by_format,
        "$defs": dict(sorted(defs.items())),
    }


# --------------------------------------------------------------------------------------------------
# The model's classes, field by field
# --------------------------------------------------------------------------------------------------


def _overrides() -> dict[tuple[type, str], dict[str, Any]]:
    section_ids = [s.id for s in spec(Format.V2021).sections]
    return {
        (Section, "id"): {"enum": section_ids},
        (Cell, "value"): {"description": "An integer for counts and signed changes, a string holding the exact "
                                          "decimal for amounts; null unless `kind` is `number`.", "anyOf": [
            {"type": "integer"},
            {"type": "string", "pattern": _DECIMAL_PATTERN},
            {"type": "null"},
        ]},
    }


def _class_schema(cls: type, enums: set[type[enum.Enum]]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    docs = _field_docs(cls)
    overrides = _overrides()
    properties: dict[str, Any] = {}
    for field in attrs.fields(cls):
        schema = overrides.get((cls, field.name)) or _type_schema(hints[field.name], enums)
        doc = docs.get(field.name)
        properties[field.name] = {"description": doc, **schema} if doc and "description" not in schema else schema
    out: dict[str, Any] = {}
    doc = _doc(cls)
    if doc:
        out["description"] = doc
    out.update({
        "type": "object",
        "properties": properties,
        "required": [f.name for f in attrs.fields(cls)],
        "additionalProperties": False,
    })
    if cls is Cell:
        out["if"] = {"properties": {"kind": {"const": "number"}}}
        out["then"] = {"properties": {"value": {"not": {"type": "null"}}}}
        out["else"] = {"properties": {"value": {"type": "null"}}}
    return out


def _type_schema(tp: Any, enums: set[type[enum.Enum]]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        members = [_type_schema(arg, enums) for arg in typing.get_args(tp)]
        if all(set(m) == {"type"} and isinstance(m["type"], str) for m in members):
            return {"type": [m["type"] for m in members]}
        return {"anyOf": members}
    if origin is tuple:
        item, *rest = typing.get_args(tp)
        if rest != [Ellipsis]:
            raise TypeError(f"only homogeneous tuples are supported, got {tp!r}")
        return {"type": "array", "items": _type_schema(item, enums)}
    if tp is type(None):
        return {"type": "null"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is str:
        return {"type": "string"}
    if tp is Decimal:
        return {"type": "string", "pattern": _DECIMAL_PATTERN}
    if tp is datetime.date:
        return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        enums.add(tp)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and attrs.has(tp):
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


_ROLE = re.compile(r":[a-z]+:`~?(?:[\w.]+\.)?([^`]+)`")


def _clean(doc: str) -> str:
    text = _ROLE.sub(r"\1", " ".join(doc.split()))
    return text.replace("``", "`")


def _doc(obj: type) -> str:
    """The first paragraph of a class docstring, without reStructuredText roles."""
    doc = inspect.getdoc(obj) or ""
    return _clean(doc.split("\n\n")[0]) if doc else ""


def _field_docs(cls: type) -> dict[str, str]:
    """The docstrings written under the fields of an attrs class (``x: int = 0`` then ``\"\"\"…\"\"\"``)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    (node,) = tree.body
    assert isinstance(node, ast.ClassDef)
    docs: dict[str, str] = {}
    for statement, following in zip(node.body, node.body[1:], strict=False):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[statement.target.id] = _clean(inspect.cleandoc(following.value.value))
    return docs


# --------------------------------------------------------------------------------------------------
# The tables of each format, from the template
# --------------------------------------------------------------------------------------------------

_CELL_DEFS = {ValueType.COUNT: "CountCell", ValueType.SIGNED: "SignedCell", ValueType.AMOUNT: "AmountCell"}


def _typed_cell(description: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "$ref": "#/$defs/Cell", "properties": {"value": value}}


def _exact_array(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "array", "prefixItems": items, "items": False, "minItems": len(items)}


def _tables_schema(fmt: Format) -> dict[str, Any]:
    template = spec(fmt)
    schema = _exact_array([_table_schema(table) for table in template.tables])
    return {"description": f"The tables of the {fmt.value} format ({template.issuing_document}), "
                           "every row and column in template order.", **schema}


def _table_schema(table: TableSpec) -> dict[str, Any]:
    rows = [_row_schema(table, part, row) for part, row in table.data_rows()]
    return {
        "title": table.title,
        "$ref": "#/$defs/Table",
        "properties": {"id": {"const": table.id}, "rows": _exact_array(rows)},
    }


def _row_title(table: TableSpec, part: PartSpec, row: RowSpec) -> str:
    chain = [row]
    while chain[0].parent is not None:
        chain.insert(0, table.row(chain[0].parent))
    labels = [f"{r.number or ''}{r.label}" for r in chain if r.number or r.label]
    if part.caption:
        labels.insert(0, part.caption)
    return " / ".join(labels) or table.title


def _row_schema(table: TableSpec, part: PartSpec, row: RowSpec) -> dict[str, Any]:
    return {
        "title": _row_title(table, part, row),
        "$ref": "#/$defs/Row",
        "properties": {
            "id": {"const": row.id},
            "cells": _exact_array([_cell_schema(column) for column in part.columns]),
        },
    }


def _cell_schema(column: ColumnSpec) -> dict[str, Any]:
    unit = f"（{column.unit}）" if column.unit and not column.unit_explicit else ""
    return {
        "title": f"{column.label}{unit}",
        "$ref": f"#/$defs/{_CELL_DEFS[column.value_type]}",
        "properties": {"column": {"const": column.id}},
    }
