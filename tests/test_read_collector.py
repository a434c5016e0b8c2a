"""Reading and Python's cyclic garbage collector.

``read`` pauses the collector while it builds a report (a collection in the middle of a read only
walks the report being built); that is safe only because a read makes no reference cycles, and
it must leave the collector as it found it, whatever happens and in whichever thread.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govdisclosure import ReadErrors, read, reading
from govdisclosure import _build as build_module
from tests.conftest import corpus_reports

DATA = Path(__file__).parent / "data"
DOCUMENTS = sorted(
    [p for p in (DATA / "generated").iterdir() if p.suffix == ".txt"]
    + [p for p in (DATA / "converted").iterdir() if p.suffix == ".txt"]
)


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


@pytest.fixture
def seen_during_build(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was enabled, recorded each time a report is built."""
    seen: list[bool] = []
    original = build_module.build

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "build", spy)
    return seen


def _cycles_made_by(data: bytes) -> int:
    """Objects in reference cycles left behind by reading ``data`` (the collector paused)."""
    gc.collect()
    gc.disable()
    try:
        read(data)
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.parametrize("path", [*corpus_reports(), *DOCUMENTS], ids=lambda p: p.name)
def test_reading_makes_no_reference_cycles(path: Path, collector_enabled: None) -> None:
    read(path.read_bytes())  # (modules imported and caches filled on a first read are no garbage)
    assert _cycles_made_by(path.read_bytes()) == 0


def test_a_run_of_digits_with_many_readings_makes_no_cycle(collector_enabled: None) -> None:
    # Segmentation searches recursively (each search a nested function calling itself).
    text = ("二、主动公开政府信息情况\n规章 1234567 \n"
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 12345678901234\n")
    read(text)
    assert _cycles_made_by(text.encode()) == 0


def test_the_collector_is_paused_during_a_read_and_enabled_after(
        collector_enabled: None, seen_during_build: list[bool]) -> None:
    report = read(corpus_reports()[0])
    assert report.tables
    assert seen_during_build == [False]
    assert gc.isenabled()


def test_a_collector_the_user_disabled_stays_disabled(seen_during_build: list[bool]) -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        read("一、总体情况\n本年度……\n")
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert seen_during_build == [False]


def test_the_collector_is_enabled_again_when_a_read_raises(collector_enabled: None) -> None:
    with pytest.raises(ReadErrors):
        read("no report at all", strict=True)
    assert gc.isenabled()


def test_a_long_document_is_read_with_the_collector_running(
        collector_enabled: None, seen_during_build: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "_PAUSE_UP_TO", 100)
    read("一、总体情况\n" + "本年度依法公开政府信息。\n" * 20)
    read("一、总体情况\n")
    assert seen_during_build == [True, False]
    assert gc.isenabled()


def test_reads_in_threads_enable_the_collector_once_all_are_done(collector_enabled: None) -> None:
    data = corpus_reports()[0].read_bytes()
    started = threading.Barrier(4)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            started.wait()
            for _ in range(3):
                read(data)
        except BaseException as exc:  # (reported below: an exception in a thread is otherwise lost)
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert gc.isenabled()
    assert reading._pausing == 0
