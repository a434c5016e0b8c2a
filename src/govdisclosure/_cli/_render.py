"""``govdisclosure render`` and ``govdisclosure schema``.

* ``render PATH|--example [--to text|markdown|html] [-o OUT]`` reads a report (text, Markdown, HTML, or a
  canonical ``.json`` file) and writes it in the official layout;
* ``schema [-o OUT]`` prints the JSON Schema of the canonical JSON.

Output goes to standard output as UTF-8, or to ``OUT``, written atomically (a temporary file in
the same directory, then renamed).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govdisclosure._cli._common import atomic_output, load_report, write_stdout
from govdisclosure._examples import example_path
from govdisclosure.errors import UsageError
from govdisclosure.render import RENDER_TARGETS

__all__ = ["register"]


def register(subparsers: Any) -> None:
    render = subparsers.add_parser(
        "render", help="write a report in the official layout (text, Markdown or HTML)",
        description="Read a report (text, Markdown, HTML or canonical JSON) and write it in the official "
                    "layout of its format: plain text with TAB-separated tables, Markdown pipe tables, or one "
                    "standalone HTML page.",
    )
    render.add_argument("path", metavar="PATH", type=Path, nargs="?", help="the report to read")
    render.add_argument("--example", action="store_true", help="render the bundled sample report")
    render.add_argument("--to", choices=RENDER_TARGETS, default=RENDER_TARGETS[0],
                        help="what to write (default: %(default)s)")
    render.add_argument("-o", "--output", metavar="OUT", type=Path, help="write here instead of standard output")
    render.set_defaults(handler=_render)

    schema = subparsers.add_parser(
        "schema", help="print the JSON Schema of the canonical JSON",
        description="Print the JSON Schema (draft 2020-12) that every `govdisclosure parse` JSON document follows.",
    )
    schema.add_argument("-o", "--output", metavar="OUT", type=Path, help="write here instead of standard output")
    schema.set_defaults(handler=_schema)


def _render(args: argparse.Namespace) -> int:
    from govdisclosure.render import render

    if (args.path is None) == (not args.example):
        raise UsageError("give either a PATH or --example")
    path: Path = example_path() if args.example else args.path
    _emit(render(load_report(path), args.to), args.output)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from govdisclosure.schema import format_json_schema, json_schema

    _emit(format_json_schema(json_schema()), args.output)
    return 0


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        write_stdout(text)
        return
    with atomic_output(output) as handle:
        handle.write(text)
