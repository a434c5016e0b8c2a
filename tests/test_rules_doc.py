"""docs/rules.md is generated from the catalogue and must be current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from govdisclosure import RULES
from govdisclosure.rules import rules_markdown

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"


def test_rules_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date: run python scripts/gen_rules_doc.py")


def test_rules_doc_lists_every_rule() -> None:
    text = rules_markdown()
    for entry in RULES:
        assert f"\n## {entry.id}\n" in text
        assert f"| [{entry.id}](#{entry.id.lower()}) | {entry.severity.value} | {entry.basis.value} " in text


def test_generator_script_checks_and_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path / "rules.md"
    assert module.main(["--check", "--output", str(target)]) == 1
    assert module.main(["--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == rules_markdown()
    assert module.main(["--check", "--output", str(target)]) == 0
