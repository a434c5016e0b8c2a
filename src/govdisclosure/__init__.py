"""govdisclosure: read, check and write China's annual government-information-disclosure reports.

The public API is what ``__all__`` lists; everything in a module whose name starts with ``_`` is
private. See ``docs/`` for the guide.
"""

from importlib.metadata import PackageNotFoundError, version

from govdisclosure._examples import example_path
from govdisclosure.convert import SCHEMA_VERSION, from_dict, from_json, make_converter, to_dict, to_json
from govdisclosure.errors import (
    DecodeError,
    DiagnosticError,
    FindingError,
    GovDisclosureError,
    InputError,
    InvalidReportError,
    JSONStructureError,
    MissingDependencyError,
    ReadErrors,
    UnknownFormatError,
    UsageError,
    ValidationErrors,
)
from govdisclosure.model import (
    Cell,
    CellKind,
    Diagnostic,
    Fragment,
    Origin,
    Report,
    Row,
    Section,
    Severity,
    Table,
    blank_report,
    set_cells,
    without_provenance,
)
from govdisclosure.reading import Layout, read, read_html, read_markdown, read_text
from govdisclosure.render import render, render_html, render_markdown, render_text
from govdisclosure.rules import (
    RULES,
    AgencyKind,
    Basis,
    Finding,
    FindingCell,
    Hint,
    Rule,
    Status,
    findings_to_json,
    validate,
    validate_strict,
)
from govdisclosure.schema import json_schema
from govdisclosure.tabular import TIDY_FIELDS, TidyRecord, tidy_records, to_dataframe, write_csv, write_jsonl
from govdisclosure.template import CROSSWALK, FORMATS, Comparability, CrosswalkEntry, Format, ValueType, spec

try:
    __version__ = version("govdisclosure")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "CROSSWALK",
    "FORMATS",
    "RULES",
    "SCHEMA_VERSION",
    "TIDY_FIELDS",
    "AgencyKind",
    "Basis",
    "Cell",
    "CellKind",
    "Comparability",
    "CrosswalkEntry",
    "DecodeError",
    "Diagnostic",
    "DiagnosticError",
    "Finding",
    "FindingCell",
    "FindingError",
    "Format",
    "Fragment",
    "GovDisclosureError",
    "Hint",
    "InputError",
    "InvalidReportError",
    "JSONStructureError",
    "Layout",
    "MissingDependencyError",
    "Origin",
    "ReadErrors",
    "Report",
    "Row",
    "Rule",
    "Section",
    "Severity",
    "Status",
    "Table",
    "TidyRecord",
    "UnknownFormatError",
    "UsageError",
    "ValidationErrors",
    "ValueType",
    "__version__",
    "blank_report",
    "example_path",
    "findings_to_json",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "read",
    "read_html",
    "read_markdown",
    "read_text",
    "render",
    "render_html",
    "render_markdown",
    "render_text",
    "set_cells",
    "spec",
    "tidy_records",
    "to_dataframe",
    "to_dict",
    "to_json",
    "validate",
    "validate_strict",
    "without_provenance",
    "write_csv",
    "write_jsonl",
]
