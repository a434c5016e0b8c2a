"""Render a report to HTML and screenshot the page with headless Chromium.

Checks by eye that the HTML writer lays the tables out like the official forms::

    python scripts/screenshot_html.py                       # the seed sample, zhongmou-2020.txt
    python scripts/screenshot_html.py REPORT -o page.png --html page.html

Needs Chromium (Debian: ``apt-get install chromium fonts-noto-cjk``; without a CJK font the
Chinese prints as boxes). The PNG goes to ``benchmarks/out/`` by default (not committed).
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "corpus" / "zhongmou-2020.txt"
OUT = ROOT / "benchmarks" / "out"
WINDOW = (1200, 3000)
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The Chromium executable on ``PATH`` (or ``/usr/bin/chromium``), if any."""
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def screenshot(html_file: Path, png: Path, *, chromium: str | None = None, window: tuple[int, int] = WINDOW,
               timeout: float = 180) -> Path:
    """Screenshot ``html_file`` into ``png`` with headless Chromium (a fresh profile, no network)."""
    browser = chromium or find_chromium()
    if browser is None:
        raise FileNotFoundError("Chromium not found: apt-get install chromium fonts-noto-cjk")
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)  # a PNG left from an earlier run must not pass for this one
    with tempfile.TemporaryDirectory(prefix="gd-chromium-") as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
            f"--screenshot={png}", f"--window-size={window[0]},{window[1]}", html_file.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not png.exists():
        raise RuntimeError(f"Chromium failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return png


def png_size(png: Path) -> tuple[int, int]:
    """Width and height of a PNG file."""
    data = png.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{png} is not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def drawn_fraction(png: Path) -> float:
    """How much of the image is drawn: the share of non-zero bytes in its filtered pixel data.

    PNG stores each row as differences from its neighbours, so a plain page is almost all zeros
    (a blank 1200×3000 page: 0.0003); a page of text and ruled tables is not (the seed: 0.02).
    """
    data = png.read_bytes()
    pos, chunks = 8, []
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        if data[pos + 4:pos + 8] == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return 1 - pixels.count(0) / max(1, len(pixels))


def render_page(report_path: Path, html_file: Path) -> Path:
    """Read ``report_path`` and write its HTML rendering to ``html_file``."""
    from govdisclosure import read, render_html

    report = read(report_path)
    html_file.parent.mkdir(parents=True, exist_ok=True)
    html_file.write_text(render_html(report), encoding="utf-8")
    return html_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("report", nargs="?", type=Path, default=SEED, help="report to render (default: the seed)")
    parser.add_argument("-o", "--output", type=Path, help="PNG to write (default: benchmarks/out/NAME.png)")
    parser.add_argument("--html", type=Path, help="also keep the HTML page here")
    parser.add_argument("--chromium", help="Chromium executable")
    parser.add_argument("--window-size", default=f"{WINDOW[0]},{WINDOW[1]}", help="WIDTH,HEIGHT (default %(default)s)")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.window_size.split(","))
    png = args.output or OUT / f"{args.report.stem}.png"
    with tempfile.TemporaryDirectory(prefix="gd-page-") as tmp:
        page = args.html or Path(tmp) / f"{args.report.stem}.html"
        render_page(args.report, page)
        screenshot(page, png, chromium=args.chromium, window=(width, height))
    print(f"{png} ({'x'.join(map(str, png_size(png)))} px, {drawn_fraction(png):.1%} drawn)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
