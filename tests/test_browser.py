"""The HTML writer's page in a real browser: headless Chromium renders the seed sample.

Runs only where Chromium is installed (Debian: ``apt-get install chromium fonts-noto-cjk``); the
same check by hand: ``python scripts/screenshot_html.py``, then look at ``benchmarks/out/``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    location = importlib.util.spec_from_file_location("screenshot_html", ROOT / "scripts" / "screenshot_html.py")
    assert location is not None
    assert location.loader is not None
    module = importlib.util.module_from_spec(location)
    location.loader.exec_module(module)
    return module


SCRIPT = _script()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(SCRIPT.find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]


def test_seed_sample_renders_in_headless_chromium(tmp_path: Path) -> None:
    png = tmp_path / "zhongmou-2020.png"
    page = tmp_path / "zhongmou-2020.html"
    assert SCRIPT.main([str(SCRIPT.SEED), "-o", str(png), "--html", str(page), "--window-size", "1200,3000"]) == 0
    assert SCRIPT.png_size(png) == (1200, 3000)
    assert SCRIPT.drawn_fraction(png) > 0.005  # text and ruled tables, not a blank page
    html = page.read_text(encoding="utf-8")
    assert 'rowspan="3" colspan="3"' in html
    assert "申请人情况" in html


def test_a_blank_page_is_told_apart(tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    png = SCRIPT.screenshot(page, tmp_path / "blank.png", window=(600, 800))
    assert SCRIPT.png_size(png) == (600, 800)
    assert SCRIPT.drawn_fraction(png) < 0.005
