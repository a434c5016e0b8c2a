"""The exception hierarchy: input problems vs API misuse, and every error pickles."""

from __future__ import annotations

import pickle

import pytest

from govdisclosure import (
    DecodeError,
    Diagnostic,
    DiagnosticError,
    GovDisclosureError,
    InputError,
    InvalidReportError,
    JSONStructureError,
    MissingDependencyError,
    ReadErrors,
    Severity,
    UnknownFormatError,
    UsageError,
)

DIAG = Diagnostic(code="x", severity=Severity.ERROR, message="m")

ERRORS = [
    InputError("bad", source="a.txt", line=3, column=4, excerpt="一、"),
    DecodeError("binary", source="a.bin"),
    UnknownFormatError("neither format", source="old.html"),
    JSONStructureError("expected int", path="$.year"),
    DiagnosticError("ambiguous", diagnostic=DIAG, source="a.txt", line=2),
    UsageError("misuse"),
    InvalidReportError("bad model", path="tables[1]"),
    MissingDependencyError("install govdisclosure[html]", extra="html"),
    ReadErrors("strict reading failed", [DiagnosticError("a", diagnostic=DIAG), InputError("b")], source="x"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_every_error_pickles_with_its_attributes(error: GovDisclosureError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy).keys() >= {k for k in vars(error) if not k.startswith("__")}
    for key, value in vars(error).items():
        if key.startswith("__"):
            continue
        assert getattr(copy, key) == value or isinstance(value, list)


def test_input_and_usage_errors_are_separate_branches() -> None:
    assert issubclass(DecodeError, InputError)
    assert issubclass(JSONStructureError, InputError)
    assert issubclass(InvalidReportError, UsageError)
    assert issubclass(InvalidReportError, ValueError)
    assert issubclass(MissingDependencyError, ImportError)
    assert not issubclass(UsageError, InputError)
    assert not issubclass(InputError, UsageError)
    assert issubclass(ReadErrors, InputError)
    assert issubclass(ReadErrors, ExceptionGroup)


def test_located_error_message_names_the_place() -> None:
    error = InputError("unexpected row", source="a.txt", line=3, column=4, excerpt="（六）其他处理")
    assert str(error) == "a.txt:3:4: unexpected row\n    （六）其他处理"
    assert str(JSONStructureError("expected int", path="$.year")) == "expected int @ $.year"


def test_read_errors_is_an_exception_group_of_diagnostics() -> None:
    group = ReadErrors("strict", [DiagnosticError("a", diagnostic=DIAG)])
    with pytest.raises(ExceptionGroup) as info:
        raise group
    assert info.group_contains(DiagnosticError)
    assert str(group) == "strict (1 problem)"
    derived = group.subgroup(lambda e: True)
    assert isinstance(derived, ReadErrors)
