"""The ``govdisclosure`` command line (also ``python -m govdisclosure``).

Each subcommand lives in its own module of this package and registers itself through
``register(subparsers)``; its handler returns the process exit status:

* 0 — done, and no error-severity finding;
* 1 — done, and some report has error-severity findings;
* 2 — some input could not be read, or the command line was wrong.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from govdisclosure.errors import GovDisclosureError

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_UNREADABLE", "main"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2

# One module per group of subcommands; each defines register(subparsers).
_COMMAND_MODULES = ("_read", "_render", "_check", "_batch", "_diff")

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from govdisclosure import __version__

    parser = _Parser(
        prog="govdisclosure",
        description="Read, check and write China's annual government-information-disclosure reports "
                    "(政府信息公开工作年度报告), 2019 and 2021 national formats.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"govdisclosure._cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except GovDisclosureError as exc:
        print(f"govdisclosure: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # e.g. `govdisclosure export … | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("govdisclosure: interrupted", file=sys.stderr)
        return 130
