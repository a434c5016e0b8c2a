"""Reading speed on the development corpus: reports/second and MB/second, text and HTML.

    python benchmarks/bench_read.py [--repeat N]

Each corpus file is read N times (default 30) from bytes already in memory, on one core. Beside
the HTML figures the script prints the floor measured in the same run: the time lxml alone takes
to parse the same pages (decoding included). Targets (issue "Readers"): plain text ≥ 500
reports/s; HTML within 3× of bare lxml parsing.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from govdisclosure import read

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def _files(suffixes: tuple[str, ...]) -> list[bytes]:
    """The corpus reports with these suffixes (the corpus README is not a report)."""
    return [p.read_bytes() for p in sorted(CORPUS.iterdir())
            if p.suffix in suffixes and not p.name.upper().startswith("README")]


def _timed(work: Callable[[], None], repeat: int) -> float:
    """Best of three runs of ``repeat`` calls, in seconds per call (CPU time, one core)."""
    work()  # warm caches
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(repeat):
            work()
        best = min(best, (time.process_time() - start) / repeat)
    return best


def _row(name: str, seconds: float, count: int, size: int) -> str:
    rate = count / seconds
    return f"{name:34} {rate:10.1f} {size / seconds / 1e6:10.2f} {1000 * seconds / count:10.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    text = _files((".txt", ".md"))
    html = _files((".html", ".htm"))
    print(f"{'what':34} {'reports/s':>10} {'MB/s':>10} {'ms/report':>10}")

    def read_all(docs: list[bytes]) -> Callable[[], None]:
        def work() -> None:
            for data in docs:
                read(data)
        return work

    seconds = _timed(read_all(text), args.repeat)
    print(_row(f"read text/Markdown ({len(text)} files)", seconds, len(text), sum(map(len, text))))
    for label, suffixes in (("plain text", (".txt",)), ("Markdown", (".md",))):
        docs = _files(suffixes)
        if docs:
            part = _timed(read_all(docs), args.repeat)
            print(_row(f"  of which {label} ({len(docs)} files)", part, len(docs), sum(map(len, docs))))

    seconds_html = _timed(read_all(html), args.repeat)
    print(_row(f"read HTML ({len(html)} files)", seconds_html, len(html), sum(map(len, html))))

    try:
        import lxml.html
    except ImportError:
        print("lxml not installed: no HTML floor (pip install 'govdisclosure[html]')")
        return

    def bare() -> None:
        for data in html:
            lxml.html.document_fromstring(data.decode("utf-8"))

    floor = _timed(bare, args.repeat)
    print(_row("floor: lxml parse of the same pages", floor, len(html), sum(map(len, html))))
    print(f"HTML reading / bare lxml parsing: {seconds_html / floor:.1f}×")

    def disk() -> None:
        for p in sorted(CORPUS.iterdir()):
            p.read_bytes()

    print(f"floor: reading the corpus files from disk: {1000 * _timed(disk, args.repeat):.2f} ms per pass")


if __name__ == "__main__":
    main()
