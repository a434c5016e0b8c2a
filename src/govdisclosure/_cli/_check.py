"""``govdisclosure check``: validate reports against the rule catalogue (docs/rules.md).

Exit status: 0 when no report has an error-severity finding, 1 when some has, 2 when an input
cannot be read (the other inputs are still checked).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from govdisclosure._cli import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE
from govdisclosure._cli._common import load_report
from govdisclosure._examples import EXAMPLE_NAME, example_path
from govdisclosure.errors import GovDisclosureError, UsageError
from govdisclosure.model import CellKind, Origin, Report, Severity
from govdisclosure.rules import AgencyKind, Finding, Status, _parse_date, validate

__all__ = ["register"]

_CELLS_SHOWN = 8


def register(subparsers: Any) -> None:
    check = subparsers.add_parser(
        "check", help="check reports against the rule catalogue",
        description="Check reports (text, Markdown, HTML or canonical .json) against the rule catalogue "
                    "(docs/rules.md). Exit status 0: no error-severity finding; 1: some report has errors; "
                    "2: an input cannot be read.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="report files")
    check.add_argument("--example", action="store_true", help="check the bundled sample report")
    check.add_argument("--previous", type=Path, metavar="PATH",
                       help="last year's report of the same agency (rules H1–H3)")
    check.add_argument("--published", metavar="YYYY-MM-DD",
                       help="publication date, for the deadline of 条例 Art. 49 (rule D1)")
    check.add_argument("--agency-kind", choices=[k.value for k in AgencyKind],
                       help="which Art. 49 deadline applies (default: inferred from the agency name)")
    check.add_argument("--rules", metavar="ID,ID", help="check only these rules (e.g. R1,R3,H6)")
    check.add_argument("--include-passed", action="store_true", help="also list what holds")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="list failures only (no not-assessable or passing findings)")
    check.add_argument("--to", choices=("text", "json"), default="text", help="output format (default text)")
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    paths: list[tuple[Path, str | None]] = [(p, None) for p in args.paths]
    if args.example:
        paths.append((example_path(), EXAMPLE_NAME))
    if not paths:
        raise UsageError("give a PATH or --example")
    published = _parse_date(args.published) if args.published else None
    select = [r.strip() for r in args.rules.split(",") if r.strip()] if args.rules else None
    previous = load_report(args.previous) if args.previous is not None else None

    results: list[tuple[Report, list[Finding]]] = []
    unreadable: list[tuple[str, str]] = []
    for path, name in paths:
        try:
            report = load_report(path, name)
        except GovDisclosureError as exc:
            unreadable.append((str(path), str(exc)))
            print(f"govdisclosure: {exc}", file=sys.stderr)
            continue
        findings = validate(report, previous=previous, published=published, agency_kind=args.agency_kind,
                            select=select, include_passed=args.include_passed)
        if args.quiet:
            findings = [f for f in findings if f.status is Status.FAIL]
        results.append((report, findings))

    if args.to == "json":
        _write_json(results, unreadable, sys.stdout)
    else:
        for report, findings in results:
            _write_text(report, findings, sys.stdout)
    if unreadable:
        return EXIT_UNREADABLE
    if any(_is_error(f) for _, findings in results for f in findings):
        return EXIT_ERRORS
    return EXIT_OK



def _is_error(finding: Finding) -> bool:
    return finding.status is Status.FAIL and finding.severity is Severity.ERROR


def _label(finding: Finding) -> str:
    if finding.status is Status.NOT_ASSESSABLE:
        return "n/a"
    if finding.status is Status.PASS:
        return "pass"
    return finding.severity.value


def _where(origin: Origin | None) -> str:
    if origin is None or origin.line is None:
        return ""
    return f"{origin.line}:{origin.column}" if origin.column is not None else str(origin.line)


def _summary(findings: Sequence[Finding]) -> Counter[str]:
    return Counter(_label(f) for f in findings)


def _write_text(report: Report, findings: Sequence[Finding], out: TextIO) -> None:
    name = report.source or "<report>"
    about = ", ".join(p for p in (
        f"{report.format.value} format" if report.format else "no known format",
        str(report.year) if report.year else "",
        report.agency or "",
    ) if p)
    counts = _summary(findings)
    tally = ", ".join(f"{counts[k]} {one if counts[k] == 1 else many}" for k, one, many in (
        ("error", "error", "errors"), ("warning", "warning", "warnings"), ("info", "info", "info"),
        ("n/a", "not assessable", "not assessable"), ("pass", "passed", "passed")) if counts[k])
    out.write(f"{name}: {about}: {tally or 'no findings'}\n")
    for finding in findings:
        line = _where(finding.origin)
        code = f" [{finding.code}]" if finding.code else ""
        out.write(f"{name}:{line + ':' if line else ''} {_label(finding)} {finding.rule}{code} {finding.message}\n")
        if finding.status is not Status.FAIL:
            continue
        # Absent cells have nothing to show: the message says what is missing.
        printed = [c for c in finding.cells if c.kind is not CellKind.ABSENT]
        for cell in printed[:_CELLS_SHOWN]:
            where = _where(cell.origin)
            value = repr(cell.raw) if cell.raw else f"({cell.kind.value})"
            prefix = "previous " if cell.report != "this" else ""
            out.write(f"    {prefix}{cell.key} = {value}{' @ ' + where if where else ''}\n")
        if len(printed) > _CELLS_SHOWN:
            out.write(f"    … and {len(printed) - _CELLS_SHOWN} more cells\n")
        for step in finding.derivation:
            out.write(f"    derived: {step}\n")
        if finding.hint is not None:
            out.write(f"    hint ({finding.hint.code}): {finding.hint.message}\n")


def _write_json(results: Sequence[tuple[Report, list[Finding]]], unreadable: Sequence[tuple[str, str]],
                out: TextIO) -> None:
    from govdisclosure.convert import make_converter

    converter = make_converter()
    document = {
        "reports": [
            {
                "source": report.source,
                "format": report.format.value if report.format else None,
                "year": report.year,
                "agency": report.agency,
                "summary": dict(sorted(_summary(findings).items())),
                "findings": [converter.unstructure(f) for f in findings],
            }
            for report, findings in results
        ],
        "unreadable": [{"source": source, "error": error} for source, error in unreadable],
    }
    out.write(json.dumps(document, ensure_ascii=False, indent=2))
    out.write("\n")
