"""Regenerate ``docs/rules.md`` from the rule catalogue (``govdisclosure.rules.rules_markdown``).

    python scripts/gen_rules_doc.py           # rewrite the file
    python scripts/gen_rules_doc.py --check   # exit 1 if the file is not what the catalogue generates

Run it after changing a rule or the template; ``tests/test_rules_doc.py`` fails until the file matches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govdisclosure.rules import rules_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is current")
    parser.add_argument("--output", type=Path, default=TARGET, help="file to write (default: %(default)s)")
    args = parser.parse_args(argv)
    text = rules_markdown()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run python scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        print(f"{args.output} is current")
        return 0
    if current == text:
        print(f"{args.output} unchanged")
        return 0
    tmp = args.output.with_suffix(args.output.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
