"""``govdisclosure.diff``: cells keyed by table.row.column, kinds, the crosswalk, metadata and sections."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

from govdisclosure import (
    CROSSWALK,
    Cell,
    CellKind,
    ChangeKind,
    Comparability,
    Format,
    Report,
    ReportDiff,
    Section,
    SectionChangeKind,
    UsageError,
    blank_report,
    diff_reports,
    diff_text,
    diff_to_json,
    make_converter,
    set_cells,
    spec,
)
from tests.test_batch import clean_report


def report_2019(**values: object) -> Report:
    base: dict[str, object] = dict.fromkeys(spec(Format.V2019).cell_keys(), 0)
    base["active_disclosure.centralized_procurement.procurement_amount"] = "251000元"
    base.update({k.replace("__", "."): v for k, v in values.items()})
    return set_cells(blank_report(Format.V2019, year=2020, agency="中牟县人民政府"), base)


def test_the_same_report_has_no_differences() -> None:
    report = clean_report()
    diff = diff_reports(report, report)
    assert diff == ReportDiff(a=None, b=None, format_a=Format.V2021, format_b=Format.V2021)
    assert not diff.changed
    assert diff_text(diff).endswith("no differences\n")


def test_a_changed_figure_is_keyed_by_table_row_column() -> None:
    a, b = clean_report(), set_cells(clean_report(), {"requests.granted.total": 5})
    diff = diff_reports(a, b)
    (change,) = diff.cells
    assert change.change is ChangeKind.VALUE and change.key == ("requests", "granted", "total")
    assert (change.a[0].value, change.b[0].value, change.difference) == (3, 5, 2)
    assert diff.cell("requests.granted.total") is change and diff.cell("requests.partial.total") is None
    assert diff.changed and "requests.granted.total: 3 → 5 (+2)" in diff_text(diff)


@pytest.mark.parametrize(("before", "after", "kinds"), [
    (0, None, ("number", "blank")),
    (0, "/", ("number", "placeholder")),
    ("/", None, ("placeholder", "blank")),
    (Cell.absent("total"), 0, ("absent", "number")),
])
def test_a_changed_kind_is_not_a_changed_value(before: object, after: object, kinds: tuple[str, str]) -> None:
    key = "requests.denied_state_secret.total"
    diff = diff_reports(set_cells(clean_report(), {key: before}), set_cells(clean_report(), {key: after}))
    (change,) = diff.cells
    assert change.change is ChangeKind.KIND and change.difference is None
    assert (change.a[0].kind.value, change.b[0].kind.value) == kinds
    assert f"[kind: {kinds[0]} → {kinds[1]}]" in diff_text(diff)


def test_printing_differences_are_not_changes() -> None:
    a = report_2019(active_disclosure__admin_license__prev_year_items="1,165")
    b = report_2019(active_disclosure__admin_license__prev_year_items=1165,
                    active_disclosure__centralized_procurement__procurement_amount="25.1万元")
    assert a.cell("active_disclosure.centralized_procurement.procurement_amount").unit == "元"
    assert diff_reports(a, b).cells == ()


def test_a_changed_amount_is_counted_in_yuan() -> None:
    a = report_2019()
    b = report_2019(active_disclosure__centralized_procurement__procurement_amount="25.2万元")
    (change,) = diff_reports(a, b).cells
    assert change.change is ChangeKind.VALUE and change.difference == Decimal(1000)


def test_a_changed_text_cell_is_a_token_change() -> None:
    key = "requests.granted.total"
    a = set_cells(clean_report(), {key: Cell(column="total", kind=CellKind.TEXT, raw="见附件")})
    b = set_cells(clean_report(), {key: Cell(column="total", kind=CellKind.TEXT, raw="见附表")})
    (change,) = diff_reports(a, b).cells
    assert change.change is ChangeKind.TOKEN
    assert diff_reports(a, a).cells == ()


def test_across_formats_same_cells_are_compared_and_sums_summed() -> None:
    a = report_2019(requests__other__total=3, active_disclosure__rules__made_new=4)
    b = set_cells(clean_report(), {"requests.other_no_correction.total": 1, "requests.other_fee_unpaid.total": 1,
                                   "requests.other_other.total": 1, "active_disclosure.rules.issued": 4})
    diff = diff_reports(a, b)
    assert diff.cell("requests.other.total") is None            # 3 = 1 + 1 + 1
    assert diff.cell("active_disclosure.rules.made_new") is None  # 本年新制作数量 ≡ 本年制发件数
    changed = diff_reports(a, set_cells(b, {"requests.other_other.total": 2}))
    summed = changed.cell("requests.other_other.total")
    assert summed is not None and summed.change is ChangeKind.VALUE and summed.comparability is Comparability.SUM
    assert [s.key for s in summed.a] == ["requests.other.total"] and len(summed.b) == 3 and summed.difference == 1
    assert "requests.other.total → requests.other_no_correction.total + " in diff_text(changed)
    assert "1 + 1 + 2 = 4 (+1)" in diff_text(changed)


def test_across_formats_every_cell_is_compared_or_listed() -> None:
    """Nothing is silently left out: with every figure different, each cell of both formats is in exactly
    one change, and the cells that are not comparable carry the crosswalk's note."""
    a = set_cells(blank_report(Format.V2019), {k: i + 1 for i, k in enumerate(spec(Format.V2019).cell_keys())})
    b = set_cells(blank_report(Format.V2021), {k: 1000 + i for i, k in enumerate(spec(Format.V2021).cell_keys())})
    for first, second in ((a, b), (b, a)):
        assert first.format is not None and second.format is not None
        diff = diff_reports(first, second)
        assert sorted(s.key for change in diff.cells for s in change.a) == sorted(spec(first.format).cell_keys())
        assert sorted(s.key for change in diff.cells for s in change.b) == sorted(spec(second.format).cell_keys())
        not_comparable = diff.not_comparable()
        assert len(not_comparable) == sum(
            1 for e in CROSSWALK if e.comparability in (Comparability.RELATED, Comparability.NONE))
        assert all(c.note and c.comparability in (Comparability.RELATED, Comparability.NONE) for c in not_comparable)
    assert not diff_reports(a, a).not_comparable()


def test_a_report_without_format_makes_every_cell_not_comparable() -> None:
    diff = diff_reports(Report(format=None), clean_report())
    assert len(diff.cells) == 200 and not diff.differences()
    assert diff.cells[0].a == () and diff.cells[0].note == "report A follows neither national format; it has no tables"
    assert "not comparable (200 cells)" in diff_text(diff)


def test_metadata_and_sections() -> None:
    a = clean_report()
    sections = list(a.sections)
    sections[0] = Section(id="s1", text="本机关认真贯彻落实条例。全年组织培训两次。")
    del sections[5]
    b = attrs.evolve(a, year=2023, agency="某某市人民政府", sections=tuple(sections))
    diff = diff_reports(a, b)
    assert [(m.field, m.a, m.b) for m in diff.metadata] == [("year", "2022", "2023"),
                                                            ("agency", "某某县人民政府", "某某市人民政府")]
    changed, removed = diff.sections
    assert (changed.section, changed.heading, changed.change) == ("s1", "一、总体情况", SectionChangeKind.CHANGED)
    assert changed.removed == () and changed.added == ("全年组织培训两次。",) and 0 < changed.similarity < 1
    assert (removed.section, removed.change, removed.removed) == ("s6", SectionChangeKind.REMOVED, ("本年度未收取信息处理费。",))
    text = diff_text(diff)
    assert "  year: 2022 → 2023" in text and "  一、总体情况: changed (similarity 0.67)" in text
    assert "    + 全年组织培训两次。" in text and "六、其他需要报告的事项: removed" in text
    assert text.endswith("4 differences\n")


def test_whitespace_in_sections_is_not_a_change() -> None:
    a = clean_report()
    b = attrs.evolve(a, sections=tuple(attrs.evolve(s, text=s.text.replace("，", "， \n")) for s in a.sections))
    assert diff_reports(a, b).sections == ()
    c = attrs.evolve(a, sections=tuple(attrs.evolve(s, text=s.text.replace("，", "；")) for s in a.sections))
    assert [s.section for s in diff_reports(a, c).sections] == ["s5"]


def test_json_holds_the_structure_and_round_trips() -> None:
    a = report_2019()
    b = set_cells(clean_report(), {"requests.other_other.total": 2})
    diff = diff_reports(a, b)
    data = json.loads(diff_to_json(diff))
    assert data["changed"] is True and data["format_a"] == "2019" and data["format_b"] == "2021"
    change = next(c for c in data["cells"] if c["a"] and c["a"][0]["key"] == "requests.other.total")
    assert change["change"] == "value" and change["comparability"] == "sum" and change["difference"] == 2
    amount = next(c for c in data["cells"] if c["change"] == "not_comparable" and any(
        s["key"].endswith("procurement_amount") for s in c["a"]))
    assert amount["a"][1]["value"] == "251000"  # exact decimals as strings, as in the canonical JSON
    del data["changed"]
    assert make_converter().structure(data, ReportDiff) == diff


def test_diff_takes_reports() -> None:
    with pytest.raises(UsageError, match="b is a str"):
        diff_reports(clean_report(), "report.txt")  # type: ignore[arg-type]
