"""Every ```python block in README.md and docs/*.md runs as a test (Sybil).

A block may end with assertions; blocks of one document share a namespace. Examples that stop being
collected are a failure: when the whole suite runs, each document must yield as many collected
examples as it has ```python fences.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

ROOT = Path(__file__).parent
DOC_PATTERNS = ("README.md", "docs/*.md")
_FENCE = re.compile(r"^```python\s*$", re.MULTILINE)

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    patterns=list(DOC_PATTERNS),
).pytest()


def documented_examples() -> dict[str, int]:
    """``{relative path: number of python fences}`` for every document Sybil should collect."""
    counts: dict[str, int] = {}
    for pattern in DOC_PATTERNS:
        for path in sorted(ROOT.glob(pattern)):
            n = len(_FENCE.findall(path.read_text(encoding="utf-8")))
            if n:
                counts[path.relative_to(ROOT).as_posix()] = n
    return counts


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.args != [str(ROOT / p) for p in session.config.getini("testpaths")] and \
            session.config.args != [str(ROOT)]:
        return  # a partial run: only the full suite checks the documents
    collected: dict[str, int] = {}
    for item in session.items:
        path = Path(str(item.path)).resolve()
        if path.suffix == ".md":
            rel = path.relative_to(ROOT).as_posix()
            collected[rel] = collected.get(rel, 0) + 1
    expected = documented_examples()
    if collected != expected:
        raise pytest.UsageError(
            f"documentation examples not collected as written: expected {expected}, collected {collected}")
