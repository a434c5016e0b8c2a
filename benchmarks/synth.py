"""A synthetic corpus for the benchmarks: varied reports in both formats and all three layouts.

    python benchmarks/synth.py DIR [-n 10000] [--seed 2024]

Each report is built with :func:`govdisclosure.blank_report` and :func:`govdisclosure.set_cells` from
figures drawn with ``random.Random(seed)``, then written with :mod:`govdisclosure.render` as plain
text, Markdown or HTML (in turn). The figures of section 三 and 四 satisfy the form's relations
(R1, R3, R4, R5) — except in about one report in eight, where one total is off by a few, so that
validation has something to find — and section 一 restates some of them in prose, as real reports do.
Some cells print ``/`` or nothing; some reports leave a table out. The files are for benchmarking
only: generate them into a temporary directory, never commit them.
"""

from __future__ import annotations

import argparse
import datetime
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from govdisclosure import Cell, Format, Report, Section, blank_report, set_cells, spec
from govdisclosure.render import render_html, render_markdown, render_text
from govdisclosure.template import APPLICANT_COLUMN_IDS, REVIEW_GROUP_IDS, ValueType

__all__ = ["LAYOUTS", "generate", "synthetic_report", "synthetic_reports"]

LAYOUTS = (("txt", render_text), ("md", render_markdown), ("html", render_html))
"""File suffix and writer of each layout, used in turn."""

_PLACES = ("中牟县", "平潭综合实验区", "沭阳县", "临安区", "海淀区", "武侯区", "南山区", "鼓楼区", "江宁区", "余杭区",
           "新都区", "雁塔区", "天河区", "历下区", "岳麓区", "思明区")
_OFFICES = ("人民政府", "人民政府办公室", "发展和改革委员会", "生态环境局", "自然资源和规划局", "财政局", "教育局",
            "卫生健康委员会", "市场监督管理局", "住房和城乡建设局", "交通运输局", "司法局")
_SENTENCES = (
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，进一步完善工作机制。",
    "全年组织业务培训两次，提升了工作人员能力。",
    "网站栏目设置更加规范，内容保障持续加强。",
    "主动回应社会关切，及时发布重要政策解读。",
    "严格落实保密审查制度，未发生泄密事件。",
    "政务新媒体运行平稳，信息发布及时准确。",
)
_PROBLEMS = (
    "一是公开内容还不够全面；二是政策解读形式较为单一。",
    "存在的主要问题是信息更新不够及时。下一步将加强日常管理。",
    "工作人员业务能力有待提升，将继续加强培训。",
)
_OTHER = ("本年度未收取信息处理费。", "无其他需要报告的事项。", "暂无。")


def _requests(rng: random.Random, fmt: Format) -> dict[str, int]:
    """Figures of section 三 that satisfy R1, R3 and R4 (totals computed from the leaves)."""
    table = spec(fmt).table("requests")
    leaves = APPLICANT_COLUMN_IDS[:-1]
    outcome_rows = [row.id for _, row in table.data_rows()
                    if row.id not in ("new_received", "carried_over", "total_processed", "carried_forward")]
    busy = rng.random() < 0.3  # a department that receives many requests
    values: dict[tuple[str, str], int] = {}
    for row in outcome_rows:
        for column in leaves:
            weight = 4 if column == "natural_person" else 1
            top = (60 if busy else 6) * weight if row in ("granted", "partial", "unable_not_held") else 2
            values[(row, column)] = rng.randint(0, top) if rng.random() < 0.6 else 0
    for column in leaves:
        values[("total_processed", column)] = sum(values[(r, column)] for r in outcome_rows)
        values[("carried_forward", column)] = rng.randint(0, 5) if rng.random() < 0.3 else 0
        handled = values[("total_processed", column)] + values[("carried_forward", column)]
        values[("carried_over", column)] = rng.randint(0, min(handled, 5))
        values[("new_received", column)] = handled - values[("carried_over", column)]
    for _, row_spec in table.data_rows():
        values[(row_spec.id, "total")] = sum(values[(row_spec.id, c)] for c in leaves)
    return {f"requests.{row}.{column}": v for (row, column), v in values.items()}


def _review(rng: random.Random) -> dict[str, int]:
    values: dict[str, int] = {}
    for group in REVIEW_GROUP_IDS:
        parts = [rng.randint(0, 6) if rng.random() < 0.4 else 0 for _ in range(4)]
        for outcome, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"review_litigation.count.{group}_{outcome}"] = value
        values[f"review_litigation.count.{group}_total"] = sum(parts)
    return values


def _active_disclosure(rng: random.Random, fmt: Format) -> dict[str, object]:
    values: dict[str, object] = {}
    table = spec(fmt).table("active_disclosure")
    for part, row in table.data_rows():
        for column in part.columns:
            key = f"active_disclosure.{row.id}.{column.id}"
            if rng.random() < 0.08:
                values[key] = rng.choice(("/", None))  # a placeholder or a blank cell
            elif column.value_type is ValueType.SIGNED:
                values[key] = rng.randint(-30, 30)
            elif column.value_type is ValueType.AMOUNT:
                values[key] = Decimal(rng.randint(0, 5_000_000)).scaleb(-2)
            elif column.id == "published_new":  # within 对外公开总数量 (rule H4)
                values[key] = rng.randint(0, 400)
            elif column.id in ("total_public", "in_force"):
                values[key] = rng.randint(400, 3000)
            else:
                values[key] = rng.randint(0, 400)
    return values


def synthetic_report(rng: random.Random, index: int) -> Report:
    """One report; the format alternates with the index so that both are equally common."""
    fmt = Format.V2019 if index % 2 == 0 else Format.V2021
    year = rng.choice((2019, 2020)) if fmt is Format.V2019 else rng.randint(2021, 2024)
    agency = rng.choice(_PLACES) + rng.choice(_OFFICES)
    requests = _requests(rng, fmt)
    values: dict[str, object] = {**_active_disclosure(rng, fmt), **requests, **_review(rng)}
    if rng.random() < 0.125:  # a total off by a few: validation has something to find
        key = rng.choice([k for k in requests if k.endswith(".total")])
        values[key] = requests[key] + rng.randint(1, 9)
    overview = "".join(rng.sample(_SENTENCES, rng.randint(1, 3)))
    if rng.random() < 0.5:
        overview += (f"全年共新收政府信息公开申请{requests['requests.new_received.total']}件，"
                     f"结转下年度继续办理{requests['requests.carried_forward.total']}件。")
    sections = (
        Section(id="s1", text=overview), Section(id="s2"), Section(id="s3"), Section(id="s4"),
        Section(id="s5", text=rng.choice(_PROBLEMS)), Section(id="s6", text=rng.choice(_OTHER)),
    )
    # Departments publish by 31 January, governments by 31 March (条例 Art. 49); one in ten is late.
    days = 89 if agency.endswith("人民政府") else 30
    published = datetime.date(year + 1, 1, 1) + datetime.timedelta(
        days=rng.randint(0, days) if rng.random() < 0.9 else days + rng.randint(1, 60))
    report = set_cells(blank_report(fmt, year=year, agency=agency, published=published, sections=sections), values)
    if rng.random() < 0.05:  # a report without section 四's table
        keys = spec(fmt).table("review_litigation").cell_keys()
        report = set_cells(report, {key: Cell.absent(key.rsplit(".", 1)[1]) for key in keys})
    return report


def synthetic_reports(n: int, seed: int = 2024) -> Iterator[tuple[str, Report]]:
    """``(file name, report)`` for ``n`` reports; the same ``seed`` gives the same corpus."""
    rng = random.Random(seed)
    for index in range(n):
        suffix, _ = LAYOUTS[index % len(LAYOUTS)]
        yield f"{index:05d}.{suffix}", synthetic_report(rng, index)


def generate(directory: Path, n: int, seed: int = 2024) -> list[Path]:
    """Write ``n`` reports into ``directory`` (created if needed), 1 000 per subdirectory; their paths."""
    writers = dict(LAYOUTS)
    paths = []
    for name, report in synthetic_reports(n, seed):
        folder = directory / f"batch-{int(name[:5]) // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(writers[name.rsplit(".", 1)[1]](report), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("-n", type=int, default=10_000, help="how many reports (default 10000)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    paths = generate(args.directory, args.n, args.seed)
    print(f"wrote {len(paths)} reports under {args.directory}")


if __name__ == "__main__":
    main()
