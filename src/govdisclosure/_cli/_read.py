"""``govdisclosure parse`` and ``govdisclosure export``: read reports, print JSON or tidy records."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govdisclosure._cli._common import atomic_output
from govdisclosure._examples import example_path
from govdisclosure.convert import to_json
from govdisclosure.errors import UsageError
from govdisclosure.model import Report
from govdisclosure.reading import read
from govdisclosure.tabular import write_csv, write_jsonl

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parse = subparsers.add_parser(
        "parse", help="read one report and print its canonical JSON",
        description="Read one report (text, Markdown or HTML) and print its canonical JSON.")
    parse.add_argument("path", nargs="?", type=Path, help="the report file")
    parse.add_argument("--example", action="store_true", help="read the bundled sample report")
    parse.add_argument("--strict", action="store_true", help="fail on any reader problem (exit 2)")
    parse.add_argument("--compact", action="store_true", help="one line of JSON, no indentation")
    parse.set_defaults(handler=_parse)

    export = subparsers.add_parser(
        "export", help="print the tidy records (one per table cell) of reports",
        description="Print one record per table cell of each report, with report-level columns.")
    export.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="report files")
    export.add_argument("--example", action="store_true", help="export the bundled sample report")
    export.add_argument("--to", choices=("jsonl", "csv"), default="jsonl", help="output format (default jsonl)")
    export.add_argument("--excel", action="store_true", help="CSV with a UTF-8 byte-order mark, for Excel")
    export.add_argument("-o", "--output", type=Path, help="write here (atomically) instead of standard output")
    export.set_defaults(handler=_export)


def _inputs(paths: list[Path], example: bool) -> list[Path]:
    chosen = list(paths)
    if example:
        chosen.append(example_path())
    if not chosen:
        raise UsageError("give a PATH or --example")
    return chosen


def _parse(args: argparse.Namespace) -> int:
    (path,) = _inputs([args.path] if args.path else [], args.example)[:1]
    report = read(path, strict=args.strict)
    sys.stdout.write(to_json(report, indent=None if args.compact else 2))
    sys.stdout.write("\n")
    return 0


def _reports(paths: list[Path]) -> Iterator[Report]:
    for path in paths:
        yield read(path)


def _export(args: argparse.Namespace) -> int:
    paths = _inputs(args.paths, args.example)
    reports = list(_reports(paths))
    if args.output is None:
        _write(reports, sys.stdout, args)
        return 0
    with atomic_output(Path(args.output)) as out:
        _write(reports, out, args)
    return 0


def _write(reports: list[Report], out: Any, args: argparse.Namespace) -> None:
    if args.to == "csv":
        write_csv(reports, out, excel=args.excel)
    else:
        write_jsonl(reports, out)
