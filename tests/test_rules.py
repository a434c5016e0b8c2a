"""The rule catalogue and validate(): every rule passes, fails and is not assessable where it should."""

from __future__ import annotations

import datetime
import json
import pickle
from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure import (
    RULES,
    AgencyKind,
    Basis,
    Cell,
    CellKind,
    Diagnostic,
    Finding,
    FindingError,
    Format,
    Origin,
    Report,
    Section,
    Severity,
    Status,
    ValidationErrors,
    blank_report,
    set_cells,
    spec,
    validate,
    validate_strict,
)
from govdisclosure.convert import make_converter
from govdisclosure.errors import InputError, UsageError
from govdisclosure.rules import _CHECKS, _generalise, _infer_agency_kind, _parse_date, rule
from govdisclosure.template import APPLICANT_COLUMN_IDS, ValueType, split_cell_key
from tests.conftest import CORPUS, corpus_reports, expected_for
from tests.strategies import reports

V2019, V2021 = Format.V2019, Format.V2021
IDENTITY_RULES = ("R1", "R3", "R4", "R5")
SECTION_TEXT = {
    "s1": "本年度认真落实各项要求，公开工作稳步推进。",
    "s5": "一是业务培训仍需加强；二是平台建设有待完善。下一步将加强培训，完善平台。",
    "s6": "本年度未收取信息处理费。",
}


def sections(ids: Iterable[str] = ("s1", "s2", "s3", "s4", "s5", "s6"), **texts: str) -> tuple[Section, ...]:
    return tuple(Section(id=i, text=texts.get(i, SECTION_TEXT.get(i, ""))) for i in ids)


def consistent(fmt: Format, **metadata: Any) -> Report:
    """A report built by hand whose figures satisfy every relation and heuristic of its format."""
    template = spec(fmt)
    values: dict[str, object] = {}
    leaves = APPLICANT_COLUMN_IDS[:-1]
    outcome_rows = [split_cell_key(k)[1] for k in template.relation("R4").identities[0].rhs]
    for i, row in enumerate(outcome_rows):
        for j, column in enumerate(leaves):
            values[f"requests.{row}.{column}"] = (i + 2 * j) % 4
    for j, column in enumerate(leaves):
        processed = sum(int(str(values[f"requests.{r}.{column}"])) for r in outcome_rows)
        values[f"requests.total_processed.{column}"] = processed
        values[f"requests.carried_forward.{column}"] = j % 2
        values[f"requests.carried_over.{column}"] = 1
        values[f"requests.new_received.{column}"] = processed + j % 2 - 1
    for _, row_spec in template.table("requests").data_rows():
        values[f"requests.{row_spec.id}.total"] = sum(int(str(values[f"requests.{row_spec.id}.{c}"])) for c in leaves)
    for group in ("review", "lit_direct", "lit_after_review"):
        for outcome, v in (("upheld", 3), ("corrected", 1), ("other", 1), ("pending", 0), ("total", 5)):
            values[f"review_litigation.count.{group}_{outcome}"] = v
    for key in template.table("active_disclosure").cell_keys():
        column_spec = template.column_spec(key)
        if column_spec.value_type is ValueType.AMOUNT:
            values[key] = "12.5" if column_spec.unit_explicit else "12.5万元"
        else:
            values[key] = -1 if column_spec.value_type is ValueType.SIGNED else 1
    year = 2020 if fmt is V2019 else 2022
    fields: dict[str, Any] = {"year": year, "agency": "某某县人民政府", "published": datetime.date(year + 1, 2, 1),
                              "sections": sections()}
    fields.update(metadata)
    return set_cells(blank_report(fmt, **fields), values)


def check(report: Report, rules: Collection[str], **kwargs: Any) -> list[Finding]:
    return validate(report, select=rules, include_passed=True, **kwargs)


def statuses(findings: Iterable[Finding]) -> list[str]:
    return [f.status.value for f in findings]


def identity_text(lhs: Iterable[str], rhs: Iterable[str]) -> str:
    return " + ".join(lhs) + " = " + " + ".join(rhs)


# --------------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------------


def test_catalogue_ids_are_unique_and_each_has_a_check() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(_CHECKS)
    for entry in RULES:
        assert entry.title_zh and entry.title_en and entry.citation and entry.formula
        assert isinstance(entry.severity, Severity) and isinstance(entry.basis, Basis)
    assert {r.id for r in RULES if r.cross_year} == {"H1", "H2", "H3"}
    assert rule("R1").basis is Basis.OFFICIAL_NOTE and rule("D1").basis is Basis.STATUTE


def test_unknown_rule_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no rule 'R9'"):
        rule("R9")
    with pytest.raises(UsageError):
        validate(blank_report(V2019), select={"R9"})
    with pytest.raises(UsageError):
        validate("not a report")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("relation_id", IDENTITY_RULES)
def test_identity_formula_instantiates_every_template_identity(fmt: Format, relation_id: str) -> None:
    identities = spec(fmt).relation(relation_id).identities
    formula, name, bindings = _generalise(identities)
    assert len(bindings) == len(identities)
    for identity, binding in zip(identities, bindings, strict=True):
        assert formula.replace("{" + name + "}", binding) == identity_text(identity.lhs, identity.rhs)
    assert formula in rule(relation_id).formula


# --------------------------------------------------------------------------------------------------
# A consistent report built by hand: nothing to report, in either format
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(Format))
def test_consistent_hand_built_report_has_no_findings(fmt: Format) -> None:
    report = consistent(fmt)
    assert validate(report) == []
    passed = validate(report, include_passed=True)
    assert passed and all(f.status is Status.PASS and f.severity is Severity.INFO for f in passed)


@pytest.mark.parametrize("fmt", list(Format))
def test_validation_never_changes_the_report(fmt: Format) -> None:
    report = set_cells(consistent(fmt), {"requests.granted.total": None, "requests.partial.natural_person": 99})
    before = gd.to_json(report)
    first = validate(report, include_passed=True)
    assert gd.to_json(report) == before
    assert validate(report, include_passed=True) == first   # deterministic


# --------------------------------------------------------------------------------------------------
# Property: consistent by construction → no arithmetic finding; one cell perturbed → exactly the
# identities that involve that cell
# --------------------------------------------------------------------------------------------------


@st.composite
def perturbed(draw: st.DrawFn) -> tuple[Report, Report, str]:
    report = draw(reports(consistent=True))
    assert report.format is not None
    template = spec(report.format)
    keys = [k for k in template.cell_keys() if template.column_spec(k).value_type is ValueType.COUNT]
    key = draw(st.sampled_from(keys))
    value = report.cell(key).value
    assert isinstance(value, int)
    return report, set_cells(report, {key: value + draw(st.integers(min_value=1, max_value=50))}), key


@given(perturbed())
def test_perturbing_one_cell_fails_exactly_its_identities(case: tuple[Report, Report, str]) -> None:
    report, changed, key = case
    assert validate(report, select=IDENTITY_RULES, include_passed=False) == []
    assert report.format is not None
    expected = {
        (identity.relation, identity.cells)
        for rid in IDENTITY_RULES for identity in spec(report.format).relation(rid).identities
        if key in identity.cells
    }
    findings = validate(changed, select=IDENTITY_RULES)
    assert all(f.status is Status.FAIL and f.severity is Severity.ERROR for f in findings)
    assert {(f.rule, tuple(c.key for c in f.cells)) for f in findings} == expected
    assert len(findings) == len(expected)


CONVERTER = make_converter()


# Drawing a report of every cell kind is what takes the time here, not validating it.
@settings(max_examples=max(10, settings().max_examples // 5))
@given(reports())
def test_any_report_validates_and_findings_round_trip_through_json(report: Report) -> None:
    findings = validate(report, include_passed=True)
    converter = CONVERTER
    data = json.loads(gd.findings_to_json(findings, converter=converter))
    assert [converter.structure(d, Finding) for d in data] == findings


# --------------------------------------------------------------------------------------------------
# RD: reader diagnostics
# --------------------------------------------------------------------------------------------------


def test_reader_diagnostics_are_repeated_with_their_severity() -> None:
    cells = [f"requests.other.{c}" for c in APPLICANT_COLUMN_IDS]
    diagnostics = (
        Diagnostic(code="extra-value", severity=Severity.WARNING, message="8 values for 7 columns",
                   origin=Origin(line=33, column=1), excerpt="(六) 其他处理 1 0 0 0 0 0 0 1", cells=cells),
        Diagnostic(code="ambiguous-cells", severity=Severity.ERROR, message="several readings"),
        Diagnostic(code="empty-cells-trimmed", severity=Severity.INFO, message="merged-cell artefacts"),
    )
    report = attrs.evolve(consistent(V2019), diagnostics=diagnostics)
    findings = check(report, {"RD"})
    assert [(f.code, f.severity, f.status) for f in findings] == [
        ("extra-value", Severity.WARNING, Status.FAIL), ("ambiguous-cells", Severity.ERROR, Status.FAIL),
    ]
    assert findings[0].origin == Origin(line=33, column=1)
    assert [c.key for c in findings[0].cells] == cells
    assert check(consistent(V2019), {"RD"}) == []   # nothing to repeat: the rule holds


# --------------------------------------------------------------------------------------------------
# F1: format vs year
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "year", "status"), [
    (V2019, 2019, "pass"), (V2019, 2020, "pass"), (V2021, 2021, "pass"), (V2021, 2030, "pass"),
    (V2019, 2021, "fail"), (V2021, 2020, "fail"),
    (V2019, None, "not_assessable"), (V2019, 2018, "not_assessable"),
])
def test_format_matches_year(fmt: Format, year: int | None, status: str) -> None:
    (finding,) = check(blank_report(fmt, year=year), {"F1"})
    assert finding.status.value == status
    if status == "fail":
        assert finding.severity is Severity.ERROR and finding.code == "format-year"


def test_document_in_neither_format_fails_format_rule() -> None:
    (finding,) = check(Report(format=None, year=2020), {"F1"})
    assert (finding.status, finding.code) == (Status.FAIL, "format-unknown")


# --------------------------------------------------------------------------------------------------
# C1–C4: completeness
# --------------------------------------------------------------------------------------------------


def test_missing_section_fails() -> None:
    report = consistent(V2021, sections=sections(("s1", "s2", "s3", "s4", "s6")))
    findings = validate(report, select={"C1"})
    assert [(f.code, f.severity) for f in findings] == [("section-missing", Severity.ERROR)]
    assert "五、存在的主要问题及改进情况" in findings[0].message
    assert statuses(check(consistent(V2021), {"C1"})) == ["pass"] * 6


def test_sections_out_of_order_or_repeated() -> None:
    assert statuses(check(consistent(V2019), {"C2"})) == ["pass"]
    swapped = consistent(V2019, sections=sections(("s1", "s3", "s2", "s4", "s5", "s6")))
    (finding,) = validate(swapped, select={"C2"})
    assert (finding.code, finding.severity) == ("section-order", Severity.WARNING)
    assert "一 → 三 → 二" in finding.message
    repeated = consistent(V2019, sections=sections(("s1", "s2", "s3", "s4", "s4", "s5", "s6")))
    assert [f.code for f in validate(repeated, select={"C2"})] == ["section-repeated"]


def test_truncated_tables_are_incomplete() -> None:
    report = consistent(V2019)
    assert statuses(check(report, {"C3"})) == ["pass"] * 3
    absent = {k: Cell.absent(split_cell_key(k)[2]) for k in spec(V2019).cell_keys()
              if k.startswith(("requests.new_received.", "requests.carried_over.", "requests.granted.",
                               "active_disclosure.admin_fees.", "review_litigation."))}
    absent["requests.partial.total"] = Cell.absent("total")
    findings = validate(set_cells(report, absent), select={"C3"})
    assert [(f.code, f.severity) for f in findings] == [
        ("part-missing", Severity.ERROR), ("rows-missing", Severity.ERROR), ("cells-missing", Severity.ERROR),
        ("table-missing", Severity.ERROR),
    ]
    assert "第二十条第（八）项" in findings[0].message
    assert findings[1].message == "3 rows of table requests missing: 一、本年新收政府信息公开申请数量 … （一）予以公开"
    assert [c.key for c in findings[2].cells] == ["requests.partial.total"]
    (unknown,) = check(Report(format=None), {"C3"})
    assert unknown.status is Status.NOT_ASSESSABLE


@pytest.mark.parametrize(("text", "status"), [
    ("无", "fail"), ("暂无。", "fail"), ("", "fail"), ("本年度无。", "fail"),
    (SECTION_TEXT["s5"], "pass"),
])
def test_section_five_is_more_than_nil(text: str, status: str) -> None:
    (finding,) = check(consistent(V2021, sections=sections(s5=text)), {"C4"})
    assert finding.status.value == status
    if status == "fail":
        assert finding.severity is Severity.WARNING


def test_section_five_absent_is_not_assessable() -> None:
    (finding,) = check(consistent(V2021, sections=sections(("s1", "s2", "s3", "s4", "s6"))), {"C4"})
    assert finding.status is Status.NOT_ASSESSABLE


# --------------------------------------------------------------------------------------------------
# H5, U1: value domain
# --------------------------------------------------------------------------------------------------


def test_value_domain() -> None:
    report = consistent(V2019)
    assert check(report, {"H5"}) == []
    bad = set_cells(report, {
        "requests.granted.natural_person": "-3",                         # a sign in a count column
        "active_disclosure.admin_license.change": "-207",                 # signed: fine
        "requests.partial.total": Cell(column="total", kind=CellKind.AMBIGUOUS, raw="1112"),
    })
    findings = check(bad, {"H5"})
    assert [(f.status, f.code) for f in findings] == [(Status.FAIL, "not-a-value"),
                                                      (Status.NOT_ASSESSABLE, "ambiguous")]
    assert "a sign in a column that allows none" in findings[0].message
    assert findings[0].severity is Severity.WARNING


def test_amount_without_unit() -> None:
    report = consistent(V2019)
    assert statuses(check(report, {"U1"})) == ["pass"]
    (finding,) = check(set_cells(report, {"active_disclosure.centralized_procurement.procurement_amount": "6944.93"}),
                       {"U1"})
    assert (finding.status, finding.severity, finding.code) == (Status.FAIL, Severity.INFO, "unit-unknown")


# --------------------------------------------------------------------------------------------------
# R1, R3, R4, R5
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("relation_id", IDENTITY_RULES)
def test_identity_rules_pass_fail_and_not_assessable(fmt: Format, relation_id: str) -> None:
    report = consistent(fmt)
    identities = spec(fmt).relation(relation_id).identities
    assert statuses(check(report, {relation_id})) == ["pass"] * len(identities)
    key = identities[-1].lhs[0]
    value = report.cell(key).value
    assert isinstance(value, int)
    involved = [i.cells for i in identities if key in i.cells]
    failed = validate(set_cells(report, {key: value + 1}), select={relation_id})
    assert [tuple(c.key for c in f.cells) for f in failed] == involved
    assert all(f.status is Status.FAIL and f.severity is Severity.ERROR and f.difference in (1, -1) for f in failed)
    unassessable = validate(set_cells(report, {key: Cell(column=split_cell_key(key)[2], kind=CellKind.AMBIGUOUS,
                                                          raw="11")}), select={relation_id})
    assert [tuple(c.key for c in f.cells) for f in unassessable] == involved
    assert all(f.status is Status.NOT_ASSESSABLE and f.severity is Severity.INFO for f in unassessable)
    assert all(f"{key} is ambiguous" in f.message and "reading blanks" not in f.message for f in unassessable)


def test_balance_r1_pass_fail_not_assessable() -> None:
    report = consistent(V2021)
    assert statuses(check(report, {"R1"})) == ["pass"] * 7
    value = report.cell("requests.carried_forward.natural_person").value
    assert isinstance(value, int)
    findings = validate(set_cells(report, {"requests.carried_forward.natural_person": value + 2}), select={"R1"})
    (finding,) = findings
    assert (finding.lhs, finding.difference) == (finding.rhs - 2 if finding.rhs is not None else None, -2)
    assert finding.message.startswith("column 自然人: ")
    assert finding.formula == identity_text(
        ["requests.new_received.natural_person", "requests.carried_over.natural_person"],
        ["requests.total_processed.natural_person", "requests.carried_forward.natural_person"])
    blank = check(set_cells(report, {"requests.carried_over.total": None}), {"R1"})
    assert statuses(blank) == ["pass"] * 6 + ["not_assessable"]
    assert blank[-1].severity is Severity.INFO
    assert "requests.carried_over.total is blank; reading blanks as 0 it does not hold" in blank[-1].message


def test_row_total_r3_with_blank_total_hint() -> None:
    report = consistent(V2019)
    row = "requests.granted"
    parts = sum(int(report.cell(f"{row}.{c}").value or 0) for c in APPLICANT_COLUMN_IDS[:-1])
    finding = check(set_cells(report, {f"{row}.total": None}), {"R3"})[2]
    assert finding.status is Status.NOT_ASSESSABLE
    assert finding.hint is not None and finding.hint.code == "blank-total"
    assert f"its parts add up to {parts}" in finding.hint.message
    assert parts > 0
    assert finding.message.endswith(f"reading blanks as 0 it does not hold (0 vs {parts})")


def test_results_total_r4_covers_each_formats_outcome_rows() -> None:
    for fmt, row in ((V2019, "other"), (V2021, "other_fee_unpaid")):
        report = consistent(fmt)
        value = report.cell(f"requests.{row}.total").value
        assert isinstance(value, int)
        findings = validate(set_cells(report, {f"requests.{row}.total": value + 1}), select={"R4"})
        assert [(f.rule, f.cells[0].key) for f in findings] == [("R4", "requests.total_processed.total")]
        assert findings[0].message.startswith("column 总计: ")
        assert "the sum of" in findings[0].message


def test_review_totals_r5() -> None:
    report = consistent(V2021)
    assert statuses(check(report, {"R5"})) == ["pass"] * 3
    (finding,) = validate(set_cells(report, {"review_litigation.count.lit_direct_pending": 2}), select={"R5"})
    assert finding.message.startswith("未经复议直接起诉: 5 = 5, but 3 + 1 + 1 + 2 = 7")
    pending_blank = check(set_cells(report, {"review_litigation.count.review_pending": "/"}), {"R5"})
    assert statuses(pending_blank) == ["not_assessable", "pass", "pass"]
    assert "is a placeholder" in pending_blank[0].message


def test_column_shift_hint() -> None:
    # Row 四's 商业企业 figure printed one column to the right, under 科研机构.
    report = consistent(V2021)
    assert report.cell("requests.carried_forward.commercial_enterprise").value == 1
    assert report.cell("requests.carried_forward.research_institution").value == 0
    shifted = set_cells(report, {"requests.carried_forward.commercial_enterprise": 0,
                                 "requests.carried_forward.research_institution": 1})
    findings = validate(shifted, select={"R1"})
    assert [f.cells[0].key for f in findings] == ["requests.new_received.commercial_enterprise",
                                                  "requests.new_received.research_institution"]
    hint = findings[0].hint
    assert hint is not None and hint.code == "column-shift"
    assert hint.message.startswith("with requests.carried_forward.research_institution = 1 in place of "
                                   "requests.carried_forward.commercial_enterprise = 0")


def test_row_shift_hint() -> None:
    # The totals of two adjacent rows printed in each other's place.
    report = consistent(V2019)
    petition, repeat = (report.cell(f"requests.{r}.total").value for r in ("np_petition", "np_repeat"))
    assert petition != repeat
    swapped = set_cells(report, {"requests.np_petition.total": repeat, "requests.np_repeat.total": petition})
    findings = validate(swapped, select={"R3"})
    assert [f.cells[0].key for f in findings] == ["requests.np_petition.total", "requests.np_repeat.total"]
    assert all(f.hint is not None and f.hint.code == "row-shift" for f in findings)


def test_digit_split_hint_from_reader_diagnostic() -> None:
    report = consistent(V2021)
    key = "requests.granted.natural_person"
    diagnostic = Diagnostic(code="digits-split", severity=Severity.INFO, message="'2100' split as 21|0|0",
                            cells=[key])
    value = report.cell(key).value
    assert isinstance(value, int)
    broken = attrs.evolve(set_cells(report, {key: value + 10}), diagnostics=(diagnostic,))
    findings = validate(broken, select={"R3"})
    assert findings[0].hint is not None and findings[0].hint.code == "digit-split"
    assert "digits-split" in findings[0].hint.message


# --------------------------------------------------------------------------------------------------
# H4: 本年新公开数量 <= 对外公开总数量
# --------------------------------------------------------------------------------------------------


def test_published_within_total_h4() -> None:
    report = consistent(V2019)
    assert statuses(check(report, {"H4"})) == ["pass", "pass"]
    findings = check(set_cells(report, {"active_disclosure.rules.published_new": 5,
                                        "active_disclosure.normative_docs.total_public": None}), {"H4"})
    assert statuses(findings) == ["fail", "not_assessable"]
    assert (findings[0].lhs, findings[0].rhs, findings[0].severity) == (5, 1, Severity.WARNING)
    assert check(consistent(V2021), {"H4"}) == []   # the 2021 format has no such columns


# --------------------------------------------------------------------------------------------------
# H6: narrative vs tables
# --------------------------------------------------------------------------------------------------


def with_prose(report: Report, s1: str) -> Report:
    return attrs.evolve(report, sections=sections(s1=s1))


def test_narrative_pass_fail_not_assessable() -> None:
    report = consistent(V2021)
    granted = report.cell("requests.granted.total").value
    assert isinstance(granted, int)
    prose = f"全年予以公开{granted}件，部分公开{granted + 1000}件，行政许可5件。"
    report = set_cells(with_prose(report, prose), {"active_disclosure.admin_license.decisions": None})
    findings = check(report, {"H6"})
    assert statuses(findings) == ["pass", "fail", "not_assessable"]
    assert [f.excerpt for f in findings] == [f"予以公开{granted}件", f"部分公开{granted + 1000}件", "行政许可5件"]
    assert findings[1].severity is Severity.WARNING and findings[1].lhs == granted + 1000
    assert findings[1].code == "s1"


def test_narrative_figure_checked_through_the_identities() -> None:
    # Rows 一 and 二 are cut off; the prose's 147 follows from R1 with 上年结转 fixed by the other figures.
    report = consistent(V2019)
    cut = {k: Cell.absent(split_cell_key(k)[2]) for k in spec(V2019).cell_keys()
           if k.startswith(("requests.new_received.", "requests.carried_over."))}
    report = set_cells(report, {**cut, "requests.total_processed.natural_person": 146,
                                "requests.carried_forward.natural_person": 1})
    processed = sum(int(report.cell(f"requests.total_processed.{c}").value or 0) for c in APPLICANT_COLUMN_IDS[:-1])
    forward = sum(int(report.cell(f"requests.carried_forward.{c}").value or 0) for c in APPLICANT_COLUMN_IDS[:-1])
    report = set_cells(report, {"requests.total_processed.total": processed, "requests.carried_forward.total": forward})
    prose = f"共新收到申请{processed + forward}件。其中自然人申请147件。"
    findings = check(with_prose(report, prose), {"H6"})
    by_text = {f.excerpt: f for f in findings}
    natural = by_text["自然人申请147件"]
    assert natural.status is Status.PASS and natural.rhs == 147
    assert natural.derivation[-1] == "requests.new_received.natural_person = 147 by R1, column 自然人: x + 0 = 146 + 1"
    assert any(step.startswith("requests.new_received.total = ") and "as stated" in step
               for step in natural.derivation)
    wrong = check(with_prose(report, prose.replace("147", "150")), {"H6"})
    assert [f.status for f in wrong if f.excerpt == "自然人申请150件"] == [Status.FAIL]


def test_narrative_hint_for_carried_over_applications() -> None:
    report = consistent(V2021)
    received = report.cell("requests.new_received.total").value
    carried = report.cell("requests.carried_over.total").value
    assert isinstance(received, int) and isinstance(carried, int) and carried > 0
    (finding,) = check(with_prose(report, f"收到政府信息公开申请{received + carried}件。"), {"H6"})
    assert finding.status is Status.FAIL
    assert finding.hint is not None and finding.hint.code == "carried-over-included"


def test_narrative_amounts_compare_units() -> None:
    report = consistent(V2019)   # 采购总金额 12.5万元
    ok = check(with_prose(report, "政府集中采购1项，共125000元。"), {"H6"})
    assert statuses(ok) == ["pass", "pass"]
    bad = check(with_prose(report, "政府集中采购1项，共13万元。"), {"H6"})
    assert statuses(bad) == ["pass", "fail"]
    bare = set_cells(report, {"active_disclosure.centralized_procurement.procurement_amount": "6944.93"})
    assert statuses(check(with_prose(bare, "政府集中采购1项，共225万元。"), {"H6"})) == ["pass", "not_assessable"]


# --------------------------------------------------------------------------------------------------
# D1: deadline (条例 Art. 49)
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("agency", "kind"), [
    ("中牟县人民政府", AgencyKind.GOVERNMENT),
    ("上海市人民政府", AgencyKind.GOVERNMENT),
    ("某某自治区人民政府", AgencyKind.GOVERNMENT),
    ("上海市人民政府办公厅", AgencyKind.DEPARTMENT),
    ("沭阳县发展和改革局", AgencyKind.DEPARTMENT),
    ("某某市卫生健康委员会", AgencyKind.DEPARTMENT),
    ("某某区人民政府办公室", AgencyKind.DEPARTMENT),
    ("五常市民意乡人民政府", None),
    ("某某镇人民政府", None),
    ("某某街道办事处", None),
    ("平潭综合实验区（党工委管委会，全区汇总）", None),
    ("某某经济开发区管理委员会", None),
    ("某某学校", None),
    (None, None),
])
def test_agency_kind_is_inferred_conservatively(agency: str | None, kind: AgencyKind | None) -> None:
    assert _infer_agency_kind(agency) is kind


@pytest.mark.parametrize(("agency", "published", "status", "late"), [
    ("某某县人民政府", "2023-03-31", "pass", 0),
    ("某某县人民政府", "2023-04-01", "fail", 1),
    ("某某市生态环境局", "2023-01-31", "pass", 0),
    ("某某市生态环境局", "2023-02-20", "fail", 20),
    ("某某镇人民政府", "2023-12-01", "not_assessable", None),
])
def test_deadline(agency: str, published: str, status: str, late: int | None) -> None:
    report = blank_report(V2021, year=2022, agency=agency)
    (finding,) = check(report, {"D1"}, published=published)
    assert finding.status.value == status
    assert finding.difference == late
    if status == "fail":
        assert finding.severity is Severity.ERROR and finding.code == "late"


def test_deadline_kind_given_and_date_from_the_report() -> None:
    report = blank_report(V2021, year=2022, agency="平潭综合实验区", published=datetime.date(2023, 2, 20))
    (unknown,) = check(report, {"D1"})
    assert unknown.status is Status.NOT_ASSESSABLE and "agency kind" in unknown.message
    (late,) = check(report, {"D1"}, agency_kind="department")
    assert late.status is Status.FAIL and "department given" in late.message
    (on_time,) = check(report, {"D1"}, agency_kind=AgencyKind.GOVERNMENT)
    assert on_time.status is Status.PASS
    (no_date,) = check(blank_report(V2021, year=2022, agency="某某县人民政府"), {"D1"})
    assert no_date.status is Status.NOT_ASSESSABLE and "publication date" in no_date.message
    with pytest.raises(UsageError):
        check(report, {"D1"}, agency_kind="township")


@pytest.mark.parametrize("text", ["2021-01-20", "2021/1/20", "2021.1.20", "2021年1月20日", " 2021 年 1 月 20 日 "])
def test_publication_dates_as_people_write_them(text: str) -> None:
    assert _parse_date(text) == datetime.date(2021, 1, 20)


@pytest.mark.parametrize("text", ["20", "2021-02-30", "January 2021", "2021-01", ""])
def test_bad_publication_date_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="not a date"):
        _parse_date(text)


# --------------------------------------------------------------------------------------------------
# H1–H3: across years
# --------------------------------------------------------------------------------------------------


def test_carry_chain_h1_every_column() -> None:
    this_year = consistent(V2021, year=2022)
    last_year = consistent(V2021, year=2021)
    carried = {f"requests.carried_forward.{c}": this_year.cell(f"requests.carried_over.{c}").value
               for c in APPLICANT_COLUMN_IDS}
    matching = set_cells(last_year, carried)
    assert statuses(check(this_year, {"H1"}, previous=matching)) == ["pass"] * 7
    findings = validate(this_year, select={"H1"}, previous=set_cells(matching, {
        "requests.carried_forward.legal_service_org": 7}))
    (finding,) = findings
    assert finding.cells[1].report == "previous" and finding.cells[1].key == "requests.carried_forward.legal_service_org"
    assert (finding.severity, finding.difference) == (Severity.WARNING, 1 - 7)
    blank = check(this_year, {"H1"}, previous=set_cells(matching, {"requests.carried_forward.total": None}))
    assert statuses(blank) == ["pass"] * 6 + ["not_assessable"]
    assert check(this_year, {"H1"}) == []   # no previous report: nothing to compare


def test_cross_year_needs_consecutive_years_of_one_agency() -> None:
    this_year = consistent(V2021, year=2022)
    (finding,) = check(this_year, {"H1"}, previous=consistent(V2021, year=2020))
    assert finding.status is Status.NOT_ASSESSABLE and "on 2020, not 2021" in finding.message
    (other,) = check(this_year, {"H1"}, previous=consistent(V2021, year=2021, agency="某某市生态环境局"))
    assert other.status is Status.NOT_ASSESSABLE


def test_carry_chain_across_the_format_change_uses_the_crosswalk() -> None:
    this_year = consistent(V2021, year=2021)
    carried = {f"requests.carried_forward.{c}": this_year.cell(f"requests.carried_over.{c}").value
               for c in APPLICANT_COLUMN_IDS}
    last_year = set_cells(consistent(V2019, year=2020), {**carried, "requests.carried_forward.total": 99})
    findings = check(this_year, {"H1", "H2", "H3"}, previous=last_year)
    assert [f.rule for f in findings] == ["H1"] * 7            # H2, H3: nothing comparable across the change
    assert statuses(findings) == ["pass"] * 6 + ["fail"]


def test_documents_in_force_h2() -> None:
    this_year = consistent(V2021, year=2022)          # issued 1, repealed 1, in force 1
    last_year = consistent(V2021, year=2021)
    assert statuses(check(this_year, {"H2"}, previous=last_year)) == ["pass", "pass"]
    findings = check(this_year, {"H2"}, previous=set_cells(last_year, {
        "active_disclosure.admin_normative_docs.in_force": 5, "active_disclosure.rules.in_force": "/"}))
    assert statuses(findings) == ["not_assessable", "fail"]
    assert findings[1].difference == 1 - 5


def test_item_counts_h3() -> None:
    this_year = consistent(V2019, year=2020)          # 上一年项目数量 1, 本年增/减 -1
    matching = set_cells(consistent(V2019, year=2019), {
        f"active_disclosure.{row}.change": 0
        for row in ("admin_license", "other_mgmt_services", "admin_penalty", "admin_coercion", "admin_fees")})
    assert statuses(check(this_year, {"H3"}, previous=matching)) == ["pass"] * 5
    findings = check(this_year, {"H3"}, previous=consistent(V2019, year=2019))   # 1 - 1 != 1
    assert statuses(findings) == ["fail"] * 5
    absent = check(this_year, {"H3"}, previous=blank_report(V2019, year=2019))
    assert statuses(absent) == ["not_assessable"] * 5


# --------------------------------------------------------------------------------------------------
# Strict validation and errors
# --------------------------------------------------------------------------------------------------


def test_validate_strict_raises_one_group_of_every_error() -> None:
    report = attrs.evolve(set_cells(consistent(V2021), {"review_litigation.count.review_total": 9,
                                                        "requests.granted.natural_person": 90}),
                          source="bad.html")
    with pytest.raises(ValidationErrors) as caught:
        validate_strict(report)
    group = caught.value
    assert isinstance(group, InputError) and isinstance(group, ExceptionGroup)
    errors = [e for e in group.exceptions if isinstance(e, FindingError)]
    assert len(errors) == len(group.exceptions)
    assert [e.finding.rule for e in errors] == ["R3", "R4", "R5"]
    assert all(e.finding.severity is Severity.ERROR for e in errors)
    assert str(group) == "bad.html: validation found errors (3 errors)"
    copy = pickle.loads(pickle.dumps(group))
    assert [e.finding for e in copy.exceptions if isinstance(e, FindingError)] == [e.finding for e in errors]
    assert validate_strict(consistent(V2021)) == []
    warnings = validate_strict(consistent(V2021, sections=sections(s5="无")))
    assert [f.rule for f in warnings] == ["C4"]


# --------------------------------------------------------------------------------------------------
# The bundled sample and the corpus (read by govdisclosure.read)
# --------------------------------------------------------------------------------------------------


def test_sample_findings() -> None:
    report = gd.read(gd.example_path())
    findings = validate(report, include_passed=True)
    failed = [f for f in findings if f.status is Status.FAIL]
    assert not [f for f in failed if f.rule in IDENTITY_RULES]            # no false arithmetic error
    codes = {(f.rule, f.code) for f in failed}
    assert {("C3", "rows-missing"), ("C3", "part-missing"), ("RD", "extra-value")} <= codes
    extra = next(f for f in failed if f.code == "extra-value")
    assert extra.cells[0].key == "requests.other.natural_person"
    narrative = {f.excerpt: f for f in findings if f.rule == "H6"}
    assert not [f for f in narrative.values() if f.status is Status.FAIL]
    assert narrative["本机关不掌握相关情况共17件"].status is Status.PASS
    assert narrative["结转下年度继续办理1件"].status is Status.PASS
    natural = narrative["自然人申请147件"]
    assert natural.status is Status.PASS
    assert natural.derivation[-1].endswith("by R1, column 自然人: x + 0 = 146 + 1")


def test_hand_built_twin_of_the_sample_gets_the_same_findings() -> None:
    parsed = gd.read(gd.example_path())
    expected = expected_for(CORPUS / "zhongmou-2020.txt")
    twin = set_cells(blank_report(V2019, year=2020, sections=tuple(attrs.evolve(s, origin=None)
                                                                   for s in parsed.sections)),
                     {k: v for k, v in expected["cells"].items() if v is not None})
    rules = ("C3", *IDENTITY_RULES, "H6")

    def outline(report: Report) -> list[tuple[str, str, str, str]]:
        return [(f.rule, f.status.value, f.formula, f.message) for f in validate(report, select=rules)]

    assert outline(twin) == outline(parsed)


@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus_has_no_false_arithmetic_error(path: Any) -> None:
    expected = expected_for(path)
    report = gd.read(path)
    failed = [f for f in validate(report, select=IDENTITY_RULES) if f.status is Status.FAIL]
    if not expected["known_inconsistencies"] or expected["id"] == "zhongmou-2020":
        assert failed == []


def test_corpus_prose_checks() -> None:
    shanghai = validate(gd.read(CORPUS / "shanghai-govoffice-2025-md.md"), select={"H6"}, include_passed=True)
    assert len(shanghai) == 8 and all(f.status is Status.PASS for f in shanghai)
    pingtan = validate(gd.read(CORPUS / "pingtan-2022-text.txt"), select={"H6"}, include_passed=True)
    assert [(f.excerpt, f.status.value) for f in pingtan if f.status is not Status.PASS] == [
        ("收到政府信息公开申请75件", "fail"), ("自然人72件", "fail"),
    ]
    assert all(f.hint is not None and f.hint.code == "carried-over-included"
               for f in pingtan if f.status is Status.FAIL)


def test_findings_json_keeps_decimals_exact() -> None:
    report = with_prose(consistent(V2021), "行政事业性收费12.4万元。")
    (finding,) = validate(report, select={"H6"})
    (record,) = json.loads(gd.findings_to_json([finding]))
    assert (record["lhs"], record["rhs"], record["difference"]) == ("12.4", "12.5", "-0.1")
    assert finding.difference == Decimal("-0.1")
