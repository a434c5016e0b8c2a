"""Regenerate ``docs/rules.md`` from the rule catalogue (``govdisclosure.rules.rules_markdown``).

    python scripts/gen_rules_doc.py           # rewrite the file
    python scripts/gen_rules_doc.py --check   # exit 1 if the file is not what the catalogue generates

Run it after changing a rule or the template; ``tests/test_rules_doc.py`` fails until the file matches.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _generated_file

from govdisclosure.rules import rules_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str] | None = None) -> int:
    return _generated_file.main(__doc__, TARGET, rules_markdown, "gen_rules_doc.py", argv)


if __name__ == "__main__":
    sys.exit(main())
