"""Regenerate the JSON Schema shipped with the package (``src/govdisclosure/report.schema.json``).

    python scripts/gen_schema.py           # rewrite the file
    python scripts/gen_schema.py --check   # exit 1 if the file is not what the model generates

Run it after changing the model, the template or the canonical JSON; ``tests/test_schema.py``
fails until the shipped file matches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govdisclosure.schema import SCHEMA_FILE, format_json_schema, generate_json_schema

TARGET = Path(__file__).resolve().parent.parent / "src" / "govdisclosure" / SCHEMA_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the shipped file is current")
    parser.add_argument("--output", type=Path, default=TARGET, help="file to write (default: %(default)s)")
    args = parser.parse_args(argv)
    text = format_json_schema(generate_json_schema())
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run python scripts/gen_schema.py", file=sys.stderr)
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


if __name__ == "__main__":
    sys.exit(main())
