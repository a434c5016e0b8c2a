"""Reading speed on the development corpus: reports/second and MB/second, text and HTML.

    python benchmarks/bench_read.py [--repeat N] [--rounds R]

Each corpus file is read N times (default 30) from bytes already in memory, on one core (CPU
time). Every measurement is taken in each of R rounds (default 5), the rounds interleaved, and the
best round counts: a slow spell of a shared machine then cannot make one figure look better than
the one beside it. Beside the HTML figures the script prints the floor measured in the same
rounds: the time lxml alone takes to parse the same pages (decoding included). Targets (issue
"Readers"): plain text ≥ 500 reports/s; HTML within 3× of bare lxml parsing.
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


def _best(works: dict[str, Callable[[], None]], repeat: int, rounds: int) -> dict[str, float]:
    """Seconds per call of each work, the best of ``rounds`` interleaved rounds of ``repeat`` calls."""
    for work in works.values():
        work()  # warm caches
    best = dict.fromkeys(works, float("inf"))
    for _ in range(rounds):
        for name, work in works.items():
            start = time.process_time()
            for _ in range(repeat):
                work()
            best[name] = min(best[name], (time.process_time() - start) / repeat)
    return best


def _row(name: str, seconds: float, count: int, size: int) -> str:
    rate = count / seconds
    return f"{name:34} {rate:10.1f} {size / seconds / 1e6:10.2f} {1000 * seconds / count:10.2f}"


def _reading(docs: list[bytes]) -> Callable[[], None]:
    def work() -> None:
        for data in docs:
            read(data)
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    groups = {
        "read text/Markdown": _files((".txt", ".md")),
        "  of which plain text": _files((".txt",)),
        "  of which Markdown": _files((".md",)),
        "read HTML": _files((".html", ".htm")),
    }
    groups = {name: docs for name, docs in groups.items() if docs}
    works = {name: _reading(docs) for name, docs in groups.items()}
    html = groups.get("read HTML", [])
    try:
        import lxml.html
    except ImportError:
        lxml = None  # type: ignore[assignment]
    if lxml is not None and html:
        def bare() -> None:
            for data in html:
                lxml.html.document_fromstring(data.decode("utf-8"))
        works["floor: lxml parse of the same pages"] = bare

    def disk() -> None:
        for p in sorted(CORPUS.iterdir()):
            p.read_bytes()
    works["disk"] = disk

    best = _best(works, args.repeat, args.rounds)
    print(f"{'what':34} {'reports/s':>10} {'MB/s':>10} {'ms/report':>10}")
    for name, docs in groups.items():
        print(_row(f"{name} ({len(docs)} files)", best[name], len(docs), sum(map(len, docs))))
    if "floor: lxml parse of the same pages" in best:
        floor = best["floor: lxml parse of the same pages"]
        print(_row("floor: lxml parse of the same pages", floor, len(html), sum(map(len, html))))
        print(f"HTML reading / bare lxml parsing: {best['read HTML'] / floor:.1f}×")
    elif html:
        print("lxml not installed: no HTML floor (pip install 'govdisclosure[html]')")
    print(f"floor: reading the corpus files from disk: {1000 * best['disk']:.2f} ms per pass")


if __name__ == "__main__":
    main()
