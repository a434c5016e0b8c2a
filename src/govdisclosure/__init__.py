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
    GovDisclosureError,
    InputError,
    InvalidReportError,
    JSONStructureError,
    MissingDependencyError,
    ReadErrors,
    UnknownFormatError,
    UsageError,
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
from govdisclosure.tabular import TIDY_FIELDS, TidyRecord, tidy_records, to_dataframe, write_csv, write_jsonl
from govdisclosure.template import CROSSWALK, FORMATS, Comparability, CrosswalkEntry, Format, ValueType, spec

try:
    __version__ = version("govdisclosure")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "CROSSWALK",
    "FORMATS",
    "SCHEMA_VERSION",
    "TIDY_FIELDS",
    "Cell",
    "CellKind",
    "Comparability",
    "CrosswalkEntry",
    "DecodeError",
    "Diagnostic",
    "DiagnosticError",
    "Format",
    "Fragment",
    "GovDisclosureError",
    "InputError",
    "InvalidReportError",
    "JSONStructureError",
    "Layout",
    "MissingDependencyError",
    "Origin",
    "ReadErrors",
    "Report",
    "Row",
    "Section",
    "Severity",
    "Table",
    "TidyRecord",
    "UnknownFormatError",
    "UsageError",
    "ValueType",
    "__version__",
    "blank_report",
    "example_path",
    "from_dict",
    "from_json",
    "make_converter",
    "read",
    "read_html",
    "read_markdown",
    "read_text",
    "set_cells",
    "spec",
    "tidy_records",
    "to_dataframe",
    "to_dict",
    "to_json",
    "without_provenance",
    "write_csv",
    "write_jsonl",
]
