"""Shared fixtures: the development corpus of real reports with hand-checked expected figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", deadline=None, max_examples=2000,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run the long property tests")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--run-slow"):
        settings.load_profile("long")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def corpus_reports() -> list[Path]:
    """Every report of the corpus (the file beside each NAME.expected.json)."""
    out = []
    for expected in sorted(CORPUS.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        (report,) = (p for p in CORPUS.iterdir() if p.stem == stem and p != expected)
        out.append(report)
    return out


def expected_for(report: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{report.stem}.expected.json").read_text(encoding="utf-8"))
    return data
