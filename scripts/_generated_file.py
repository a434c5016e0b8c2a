"""What the generator scripts share: write a generated file, or check that it is current."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def main(doc: str | None, target: Path, generate: Callable[[], str], script: str, argv: list[str] | None) -> int:
    """``--check``: exit 1 if ``target`` is not what ``generate`` makes; otherwise (re)write it."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is current")
    parser.add_argument("--output", type=Path, default=target, help="file to write (default: %(default)s)")
    args = parser.parse_args(argv)
    text = generate()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run python scripts/{script}", file=sys.stderr)
            return 1
        print(f"{args.output} is current")
        return 0
    if current == text:
        print(f"{args.output} unchanged")
        return 0
    tmp = args.output.with_suffix(args.output.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.output)
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
    return 0
