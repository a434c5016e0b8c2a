"""Regenerate the JSON Schema shipped with the package (``src/govdisclosure/report.schema.json``).

    python scripts/gen_schema.py           # rewrite the file
    python scripts/gen_schema.py --check   # exit 1 if the file is not what the model generates

Run it after changing the model, the template or the canonical JSON; ``tests/test_schema.py``
fails until the shipped file matches.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _generated_file

from govdisclosure.schema import SCHEMA_FILE, format_json_schema, generate_json_schema

TARGET = Path(__file__).resolve().parent.parent / "src" / "govdisclosure" / SCHEMA_FILE


def main(argv: list[str] | None = None) -> int:
    def generate() -> str:
        return format_json_schema(generate_json_schema())

    return _generated_file.main(__doc__, TARGET, generate, "gen_schema.py", argv)


if __name__ == "__main__":
    sys.exit(main())
