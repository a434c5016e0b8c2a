"""The per-report function on dask.bag (``[dask]`` extra): the same results as ``run_batch``, across processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure import REPORT_SUFFIXES, process_report, run_batch, summary_row
from govdisclosure.tabular import jsonl_line
from tests.conftest import CORPUS

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")


def corpus_paths() -> list[str]:
    return sorted(str(p) for p in CORPUS.iterdir() if p.suffix in REPORT_SUFFIXES and p.name != "README.md")


def without_timing(row: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in row.items() if k != "elapsed_ms"}


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_dask_bag_gives_what_run_batch_gives(scheduler: str, tmp_path: Path) -> None:
    paths = corpus_paths()
    results = db.from_sequence(paths, npartitions=3).map(process_report)
    summary = results.map(summary_row)
    lines = results.map(lambda r: r.records).flatten().map(jsonl_line)
    written = lines.to_textfiles(str(tmp_path / "cells-*.jsonl"), compute=False)
    rows, _ = dask.compute(summary, written, scheduler=scheduler, num_workers=2)

    expected = list(run_batch(paths, jobs=1))
    assert [without_timing(dict(r)) for r in rows] == [without_timing(dict(summary_row(r))) for r in expected]
    files = sorted(tmp_path.glob("cells-*.jsonl"))
    assert len(files) == 3
    got = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert got == [jsonl_line(record) for r in expected for record in r.records]
