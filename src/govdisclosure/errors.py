"""The library's exceptions.

Two branches under one root, :class:`GovDisclosureError`:

* :class:`InputError` — the *input* was bad: a document that cannot be decoded or read, a JSON
  document that does not describe a report. Carries where the problem is.
* :class:`UsageError` — the *caller* misused the API: an unknown cell key, an invalid hand-built
  model, a missing optional dependency.

Every exception pickles (batch runs raise them in worker processes) and keeps its attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govdisclosure.model import Diagnostic
    from govdisclosure.rules import Finding

__all__ = [
    "DecodeError",
    "DiagnosticError",
    "FindingError",
    "GovDisclosureError",
    "InputError",
    "InvalidReportError",
    "JSONStructureError",
    "MissingDependencyError",
    "ReadErrors",
    "UnknownFormatError",
    "UsageError",
    "ValidationErrors",
]


class GovDisclosureError(Exception):
    """Root of every exception raised on purpose by govdisclosure."""

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self._context = context
        for name, value in context.items():
            setattr(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self._context))

    def __str__(self) -> str:
        return self.message


def _rebuild(cls: type[GovDisclosureError], message: str, context: dict[str, Any]) -> GovDisclosureError:
    return cls(message, **context)


class InputError(GovDisclosureError):
    """The input (a document, a JSON file, a date string …) is not what it must be.

    ``source`` names the input (a path or ``"<string>"``); ``line`` and ``column`` (1-based) and
    ``excerpt`` locate the problem when they are known.
    """

    source: str | None
    line: int | None
    column: int | None
    excerpt: str | None

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        excerpt: str | None = None,
        **context: Any,
    ) -> None:
        super().__init__(message, source=source, line=line, column=column, excerpt=excerpt, **context)

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.source, self.line, self.column) if p is not None)
        text = f"{where}: {self.message}" if where else self.message
        if self.excerpt:
            text += f"\n    {self.excerpt}"
        return text


class DecodeError(InputError):
    """The bytes of a document cannot be decoded as text (nor are they a supported binary format)."""


class UnknownFormatError(InputError):
    """The document follows neither national format (strict mode only; lenient reading returns
    a report with ``format=None`` and a diagnostic instead)."""


class JSONStructureError(InputError):
    """A JSON document does not describe a report. ``path`` is the JSON path of the problem
    (``$.tables[1].rows[0].cells[3].value``)."""

    path: str

    def __init__(self, message: str, *, path: str = "$", **context: Any) -> None:
        super().__init__(message, path=path, **context)

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"


class DiagnosticError(InputError):
    """One reader diagnostic of error severity, raised in strict mode (inside :class:`ReadErrors`)."""

    diagnostic: Diagnostic

    def __init__(self, message: str, *, diagnostic: Diagnostic, **context: Any) -> None:
        super().__init__(message, diagnostic=diagnostic, **context)


class _Problems(ExceptionGroup[InputError], InputError):  # type: ignore[override]  # noqa: N818
    """Every problem a strict operation found, in one exception group that keeps its context
    (``source`` …) through ``derive`` (``except*``, ``subgroup``) and pickling."""

    noun = "problem"

    def __new__(cls, message: str, exceptions: Sequence[InputError], **context: Any) -> _Problems:
        return super().__new__(cls, message, list(exceptions))

    def __init__(self, message: str, exceptions: Sequence[InputError], **context: Any) -> None:
        ExceptionGroup.__init__(self, message, list(exceptions))
        self._context = context
        for name in ("source", "line", "column", "excerpt"):
            setattr(self, name, context.get(name))
        for name, value in context.items():
            setattr(self, name, value)

    def derive(self, excs: Sequence[InputError]) -> _Problems:  # type: ignore[override]
        return type(self)(self.message, excs, **self._context)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_group, (type(self), self.message, list(self.exceptions), self._context))

    def __str__(self) -> str:
        n = len(self.exceptions)
        return f"{self.message} ({n} {self.noun}{'s' if n != 1 else ''})"


def _rebuild_group(
    cls: type[_Problems], message: str, exceptions: list[InputError], context: dict[str, Any],
) -> _Problems:
    return cls(message, exceptions, **context)


class ReadErrors(_Problems):
    """Strict reading found problems: every one of them, in one exception group."""


class UsageError(GovDisclosureError):
    """The caller used the API in a way it does not support."""


class InvalidReportError(UsageError, ValueError):
    """A model object was built with values that break its invariants (``path`` says where)."""

    path: str

    def __init__(self, message: str, *, path: str = "", **context: Any) -> None:
        super().__init__(message, path=path, **context)

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}" if self.path else self.message


class MissingDependencyError(UsageError, ImportError):
    """An optional dependency is not installed; the message says which extra provides it."""

    def __init__(self, message: str, *, extra: str, **context: Any) -> None:
        GovDisclosureError.__init__(self, message, extra=extra, **context)


class FindingError(InputError):
    """One error-severity finding of validation (inside :class:`ValidationErrors`); ``finding`` is the
    :class:`~govdisclosure.rules.Finding` itself."""

    finding: Finding

    def __init__(self, message: str, *, finding: Finding, **context: Any) -> None:
        super().__init__(message, finding=finding, **context)


class ValidationErrors(_Problems):
    """Strict validation (:func:`~govdisclosure.rules.validate_strict`) found error-severity findings:
    every one of them (:class:`FindingError`), in one exception group."""

    noun = "error"
