"""Corpus-scale benchmarks: reports/second and peak memory, with the floors measured in the same run.

    python benchmarks/bench_batch.py [-n 10000] [--sample 600] [--repeat 3] [--batch-repeat 2] [--corpus DIR]

Generates ``n`` synthetic reports (``benchmarks/synth.py``: both formats, text / Markdown / HTML in turn)
into a temporary directory (or uses ``--corpus DIR``, generated earlier with the same ``n``), then
measures, each phase in a fresh process so that its peak memory is its own:

* (a) reading text and Markdown, (b) reading HTML — from bytes in memory; beside (b) the floor of
  bare lxml parsing of the same pages (decoding included);
* (c) validation alone, on reports already read; (d) canonical JSON written and read back;
* (e) ``govdisclosure batch`` end to end over the whole corpus (walk, read, check, write CSV or
  Parquet and the summary), with ``--jobs 1`` and ``--jobs 2``;
* the floor of all: reading the corpus files from disk.

(a)–(d) run on a sample (``--sample`` files, every k-th) on one core and report CPU time, best of
``--repeat`` passes; (e) reports wall-clock time, best of ``--batch-repeat`` runs. Peak memory is the
peak RSS of the measuring process for (a)-(d); for (e), the peak of the summed PSS of the main process
and its workers, sampled from ``/proc`` (RSS would count the shared libraries once per process).
The targets (issue 6) are for one 2-core machine: batch over 10 000 reports under 60 s with
``--jobs 2``, peak memory under 500 MB, throughput scaling about linearly with ``--jobs``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUFFIXES = (".txt", ".md", ".html")


# --------------------------------------------------------------------------------------------------
# Phases (each run in its own process: `bench_batch.py --phase NAME ...` prints one JSON object)
# --------------------------------------------------------------------------------------------------


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in SUFFIXES)


def _sample(files: list[Path], size: int, suffixes: tuple[str, ...]) -> list[Path]:
    step = max(1, len(files) // size)
    return [p for p in files[::step] if p.suffix in suffixes]


def _best_cpu(work: Callable[[], None], repeat: int) -> float:
    """Best of ``repeat`` passes, CPU seconds of this process (one core), after one warm-up pass."""
    work()
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


class _MemorySampler:
    """The peak, over time, of the memory of this process and its children (a pool's workers): the sum of
    their PSS (proportional set size: shared library pages counted once, not once per process), read
    from ``/proc`` four times a second. Linux only; elsewhere it reports nothing."""

    def __init__(self) -> None:
        import threading

        self.peak_kb = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _MemorySampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while True:
            pids = [me, *self._children(me)]
            self.peak_kb = max(self.peak_kb, sum(self._pss(pid) for pid in pids))
            if self.stop.wait(0.25):
                return

    @staticmethod
    def _children(parent: int) -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry))
        return found

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0


def _phase(name: str, corpus: Path, sample: int, repeat: int, jobs: int, to: str) -> dict[str, Any]:
    import govdisclosure as gd

    files = _corpus_files(corpus)
    if name == "disk":
        def read_all() -> None:
            for p in files:
                p.read_bytes()
        start = time.perf_counter()
        read_all()
        return {"count": len(files), "seconds": time.perf_counter() - start, "peak_mb": _peak_mb(),
                "bytes": sum(p.stat().st_size for p in files)}
    if name == "batch":
        out = Path(tempfile.mkdtemp(prefix="bench-batch-out-"))
        try:
            with _MemorySampler() as memory:
                start = time.perf_counter()
                outcome = gd.write_batch([corpus], out / f"cells.{to}", jobs=jobs)
                seconds = time.perf_counter() - start
            sizes = {p.name: p.stat().st_size for p in out.iterdir()}
        finally:
            for p in out.iterdir():
                p.unlink()
            out.rmdir()
        return {"count": outcome.total, "seconds": seconds, "peak_mb": _peak_mb(),
                "worker_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN), "pss_peak_mb": memory.peak_kb / 1024,
                "records": outcome.records,
                "statuses": dict(outcome.statuses), "sizes": sizes}
    if name in ("read_text", "read_html", "lxml"):
        chosen = _sample(files, sample, (".html",) if name != "read_text" else (".txt", ".md"))
        data = [p.read_bytes() for p in chosen]
        if name == "lxml":
            import lxml.html

            def parse() -> None:
                for d in data:
                    lxml.html.document_fromstring(d.decode("utf-8"))
            work = parse
        else:
            def read() -> None:
                for d in data:
                    gd.read(d)
            work = read
        return {"count": len(data), "seconds": _best_cpu(work, repeat), "peak_mb": _peak_mb(),
                "bytes": sum(map(len, data))}
    chosen = _sample(files, sample, SUFFIXES)
    reports = [gd.read(p) for p in chosen]
    if name == "validate":
        def check() -> None:
            for r in reports:
                gd.validate(r)
        work = check
    elif name == "json":
        converter = gd.make_converter()

        def round_trip() -> None:
            for r in reports:
                gd.from_json(gd.to_json(r, converter=converter), converter=converter)
        work = round_trip
    else:
        raise SystemExit(f"unknown phase {name!r}")
    return {"count": len(reports), "seconds": _best_cpu(work, repeat), "peak_mb": _peak_mb()}


def _run_phase(name: str, corpus: Path, args: argparse.Namespace, *, jobs: int = 1,
               to: str = "csv") -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus), "--sample", str(args.sample),
               "--repeat", str(args.repeat), "--jobs", str(jobs), "--to", to]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --------------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------------


def _row(what: str, data: dict[str, Any], *, memory: float | None = None) -> str:
    count, seconds = data["count"], data["seconds"]
    peak = data["peak_mb"] if memory is None else memory
    return (f"{what:44} {count:>7} {seconds:>9.2f} {count / seconds:>10.0f} {1000 * seconds / count:>9.2f} "
            f"{peak:>9.0f}")


def _total_mb(data: dict[str, Any], jobs: int) -> float:
    """Peak memory of a batch run: the sampled PSS of main + workers where /proc has it, else the RSS
    bound main + jobs × largest worker."""
    if data.get("pss_peak_mb"):
        return float(data["pss_peak_mb"])
    return float(data["peak_mb"] + (jobs * data["worker_peak_mb"] if jobs > 1 else 0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="reports in the corpus (default 10000)")
    parser.add_argument("--sample", type=int, default=600, help="files for phases (a)-(d) (default 600)")
    parser.add_argument("--repeat", type=int, default=3, help="passes for phases (a)-(d), best kept (default 3)")
    parser.add_argument("--batch-repeat", type=int, default=2, help="runs of each batch, best kept (default 2)")
    parser.add_argument("--corpus", type=Path, help="use this corpus (made by synth.py) instead of a new one")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--to", default="csv", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        print(json.dumps(_phase(args.phase, args.corpus, args.sample, args.repeat, args.jobs, args.to)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as temporary:
        corpus = args.corpus
        if corpus is None:
            sys.path.insert(0, str(HERE))
            from synth import generate

            corpus = Path(temporary)
            start = time.perf_counter()
            generate(corpus, args.n)
            print(f"generated {args.n} reports in {time.perf_counter() - start:.1f} s under {corpus}")
        _report(corpus, args)


def _report(corpus: Path, args: argparse.Namespace) -> None:
    load = os.getloadavg()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.2f} at start")
    disk = _run_phase("disk", corpus, args)
    rows = [_row("floor: read the files from disk", disk)]
    for name, what in (("read_text", "(a) read text + Markdown (bytes in memory)"),
                       ("read_html", "(b) read HTML (bytes in memory)"),
                       ("lxml", "    floor: bare lxml parse of the same pages"),
                       ("validate", "(c) validate (reports already read)"),
                       ("json", "(d) canonical JSON write + read")):
        rows.append(_row(what, _run_phase(name, corpus, args)))
        print(rows[-1], file=sys.stderr)
    batches: dict[tuple[int, str], dict[str, Any]] = {}
    for jobs, to in ((1, "csv"), (2, "csv"), (2, "parquet")):
        runs = [_run_phase("batch", corpus, args, jobs=jobs, to=to)
                for _ in range(args.batch_repeat if to == "csv" else 1)]
        best = min(runs, key=lambda r: r["seconds"])
        batches[(jobs, to)] = best
        rows.append(_row(f"(e) batch --jobs {jobs} -o cells.{to}", best, memory=_total_mb(best, jobs)))
        times = ", ".join(f"{r['seconds']:.1f} s" for r in runs)
        print(rows[-1], f"(runs: {times})", file=sys.stderr)

    print(f"{'what':44} {'reports':>7} {'seconds':>9} {'reports/s':>10} {'ms/report':>9} {'peak MB':>9}")
    for row in rows:
        print(row)
    one, two = batches[(1, "csv")], batches[(2, "csv")]
    peak_two = max(_total_mb(batches[(2, to)], 2) for to in ("csv", "parquet"))
    print(f"(a)-(d): one core, CPU time, best of {args.repeat}; (e): wall clock, best of {args.batch_repeat}; "
          "peak MB: (a)-(d) peak RSS; (e) peak of the summed PSS of main and workers, sampled 4×/s")
    for (jobs, to), data in batches.items():
        print(f"    batch --jobs {jobs} {to}: peak RSS main {data['peak_mb']:.0f} MB, largest worker "
              f"{data['worker_peak_mb']:.0f} MB (RSS counts shared libraries once per process)")
    print(f"batch statuses: {two['statuses']}; {two['records']} records; output sizes {two['sizes']}")
    print(f"scaling --jobs 1 → 2: {one['seconds'] / two['seconds']:.2f}×")
    print(f"target: batch --jobs 2 over {two['count']} reports < 60 s: "
          f"{'met' if two['seconds'] < 60 else 'NOT met'} ({two['seconds']:.1f} s); "
          f"peak memory < 500 MB: {'met' if peak_two < 500 else 'NOT met'} ({peak_two:.0f} MB)")


if __name__ == "__main__":
    main()
