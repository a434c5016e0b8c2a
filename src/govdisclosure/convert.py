"""Canonical JSON of a :class:`~govdisclosure.model.Report` (cattrs).

The JSON is the model, field for field, in a stable key order, with ``schema_version`` first:

* enums as their values (``"2019"``, ``"number"``); dates as ``YYYY-MM-DD``;
* a cell ``value`` is a JSON integer for counts and a JSON **string** holding the exact decimal
  for amounts (``"9116.36"``), so a round trip keeps both the type and every digit;
* CJK text is written as is, never ``\\u`` escaped.

How the classes are (un)structured lives in a converter made by :func:`make_converter`; there is
no hidden global converter. :func:`from_json` rejects anything that is not a report with a
:class:`~govdisclosure.errors.JSONStructureError` naming the JSON path (``$.tables[1].rows[0]…``).
"""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from govdisclosure.errors import InvalidReportError, JSONStructureError
from govdisclosure.model import Report

__all__ = ["SCHEMA_VERSION", "from_dict", "from_json", "make_converter", "to_dict", "to_json"]

SCHEMA_VERSION = 1
"""Version of the canonical JSON layout; bumped on any incompatible change."""

_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


def _structure_value(value: object, _: object) -> int | Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"expected an integer, a decimal string or null, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _DECIMAL.match(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            pass
    raise ValueError(f"expected an integer, a decimal string or null, got {value!r}")


def _unstructure_value(value: int | Decimal | None) -> int | str | None:
    if isinstance(value, Decimal):
        return str(value)
    return value


def _structure_date(value: object, _: object) -> datetime.date:
    if not isinstance(value, str):
        raise ValueError(f"expected a date string YYYY-MM-DD, got {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date string YYYY-MM-DD, got {value!r}") from None


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def _structure_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _all_keys_required(converter: cattrs.Converter) -> Any:
    """Structure attrs classes requiring every key, defaults included: the canonical JSON writes
    them all, so a missing one means the document is not canonical."""

    def factory(cls: type) -> Any:
        inner: Any = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        fields = attrs.fields(cls)

        def structure(value: object, _: object) -> Any:
            if isinstance(value, dict):
                missing = [f for f in fields if f.name not in value]
                if missing:
                    errors = []
                    for field in missing:
                        error = KeyError(field.name)
                        error.__notes__ = [AttributeValidationNote(
                            f"Structuring class {cls.__qualname__} @ attribute {field.name}",
                            field.name, field.type)]
                        errors.append(error)
                    raise ClassValidationError(f"While structuring {cls.__qualname__}", errors, cls)
            elif value is not None:
                raise ValueError(f"expected a JSON object, got {type(value).__name__}")
            return inner(value, cls)

        return structure

    return factory


def make_converter() -> cattrs.Converter:
    """A new converter configured for the canonical JSON of reports (and findings, records …).

    Strict: unknown keys, missing keys and values of the wrong JSON type are errors.
    """
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook_factory(attrs.has, _all_keys_required(converter))
    value_type = int | Decimal | None
    converter.register_structure_hook(value_type, _structure_value)
    converter.register_unstructure_hook(value_type, _unstructure_value)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    return converter


def to_dict(report: Report, *, converter: cattrs.Converter | None = None) -> dict[str, Any]:
    """The canonical JSON-compatible dict of ``report`` (``schema_version`` first)."""
    conv = converter or make_converter()
    body = conv.unstructure(report)
    return {"schema_version": SCHEMA_VERSION, **body}


def from_dict(data: object, *, converter: cattrs.Converter | None = None) -> Report:
    """The report described by a canonical dict; raises :class:`JSONStructureError` with the path."""
    if not isinstance(data, dict):
        raise JSONStructureError(f"a report is a JSON object, got {type(data).__name__}", path="$")
    if "schema_version" not in data:
        raise JSONStructureError("missing key 'schema_version'", path="$")
    version = data["schema_version"]
    if version != SCHEMA_VERSION:
        raise JSONStructureError(
            f"unsupported schema_version {version!r} (this library reads {SCHEMA_VERSION})",
            path="$.schema_version")
    body = {k: v for k, v in data.items() if k != "schema_version"}
    conv = converter or make_converter()
    try:
        return conv.structure(body, Report)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        message, path = _first_problem(exc)
        raise JSONStructureError(message, path=path) from None
    except InvalidReportError as exc:
        raise JSONStructureError(exc.message, path=_join("$", exc.path)) from None


def _join(base: str, path: str) -> str:
    if not path:
        return base
    return f"{base}{path}" if path.startswith("[") else f"{base}.{path}"


def _first_problem(exc: BaseException) -> tuple[str, str]:
    for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        if "@@" in message:
            message, _, inner = message.partition("@@")
            path = _join(path, inner)
        return message, path
    return str(exc), "$"  # pragma: no cover - transform_error always yields


def _format_exception(exc: BaseException, type_: object) -> str:
    if isinstance(exc, InvalidReportError):
        return f"{exc.message}@@{exc.path}"
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}" if exc.args else "missing key"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown key{'s' if len(exc.extra_fields) > 1 else ''} {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, ValueError):
        return str(exc)
    if isinstance(exc, TypeError):
        name = getattr(type_, "__name__", str(type_))
        return f"expected {name}, got a value of another type ({exc})"
    return f"{type(exc).__name__}: {exc}"


def to_json(report: Report, *, indent: int | None = 2, converter: cattrs.Converter | None = None) -> str:
    """The canonical JSON text of ``report`` (UTF-8 text, CJK unescaped, stable key order)."""
    return json.dumps(to_dict(report, converter=converter), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, *, converter: cattrs.Converter | None = None) -> Report:
    """The report in a canonical JSON text; any problem raises :class:`JSONStructureError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONStructureError(f"not JSON: {exc.msg}", path="$", line=exc.lineno, column=exc.colno) from None
    except UnicodeDecodeError as exc:
        raise JSONStructureError(f"not UTF-8 JSON: {exc.reason}", path="$") from None
    return from_dict(data, converter=converter)
