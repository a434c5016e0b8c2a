"""``govdisclosure diff A B``: what differs between two reports (cells, metadata, sections).

Exit status, as diff(1): 0 when nothing differs (cells that are merely not comparable across the
2019/2021 formats do not count), 1 when something does, 2 when a report cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govdisclosure._cli._common import load_report, write_stdout

__all__ = ["register"]

_EXIT_SAME, _EXIT_DIFFERENT = 0, 1


def register(subparsers: Any) -> None:
    diff = subparsers.add_parser(
        "diff", help="compare two reports cell by cell",
        description="Compare report A with report B (text, Markdown, HTML or canonical .json): changed figures, "
                    "cells whose kind changed (0 → blank), metadata and narrative sections. Across the 2019/2021 "
                    "formats cells are paired through the crosswalk; those that are not comparable are listed. "
                    "Exit status 0: no differences; 1: differences; 2: a report cannot be read.")
    diff.add_argument("a", type=Path, metavar="A", help="the first report")
    diff.add_argument("b", type=Path, metavar="B", help="the second report")
    diff.add_argument("--to", choices=("text", "json"), default="text", help="output format (default text)")
    diff.set_defaults(handler=_diff)


def _diff(args: argparse.Namespace) -> int:
    from govdisclosure.diff import diff_reports, diff_text, diff_to_json

    a, b = load_report(args.a), load_report(args.b)
    result = diff_reports(a, b)
    if args.to == "json":
        write_stdout(diff_to_json(result) + "\n")
    else:
        write_stdout(diff_text(result, name_a=str(args.a), name_b=str(args.b)))
    return _EXIT_DIFFERENT if result.changed else _EXIT_SAME
