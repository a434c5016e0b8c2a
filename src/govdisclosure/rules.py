"""The rule catalogue, and :func:`validate`: check a report and explain every finding.

Every rule has a stable id, a title in Chinese and English, a severity, its basis (a note printed on
the form, the meaning of a 总计 label, the official format, a statute article, or a heuristic) with a
citation, and a formula over the template's cell ids (``table.row.column``). The catalogue is data
(:data:`RULES`); ``docs/rules.md`` is generated from it (:func:`rules_markdown`).

Validation reads the report and never changes it. Each rule yields :class:`Finding` values:

* :attr:`Status.FAIL` — the rule does not hold; the finding has the rule's severity;
* :attr:`Status.NOT_ASSESSABLE` — an input is blank, a placeholder, ambiguous or absent, so the rule
  can neither pass nor fail (severity info);
* :attr:`Status.PASS` — the rule holds (only with ``include_passed=True``).

A finding names the cells involved (key, raw token, value, source location), the two sides and their
difference, and — where a likely cause is recognisable — a :class:`Hint` (digit split, a figure
shifted by a column or a row, a blank total). A hint is a suggestion, never a repair.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
import cattrs

from govdisclosure._meta import parse_date
from govdisclosure._narrative import Fact, narrative_facts
from govdisclosure._text import compact
from govdisclosure._tokens import parse_cell_token
from govdisclosure.convert import make_converter
from govdisclosure.errors import FindingError, InputError, UsageError, ValidationErrors
from govdisclosure.model import CellKind, Diagnostic, Origin, Report, Section, Severity
from govdisclosure.template import (
    CROSSWALK,
    ColumnSpec,
    Comparability,
    Format,
    FormatSpec,
    Identity,
    TableSpec,
    ValueType,
    cell_key,
    spec,
    split_cell_key,
)

__all__ = [
    "RULES",
    "AgencyKind",
    "Basis",
    "Finding",
    "FindingCell",
    "Hint",
    "Rule",
    "Status",
    "findings_to_json",
    "rule",
    "rules_markdown",
    "validate",
    "validate_strict",
]


class Status(enum.Enum):
    """The outcome of one rule on one instance (a column, a row, a sentence …)."""

    FAIL = "fail"
    """The rule does not hold."""
    NOT_ASSESSABLE = "not_assessable"
    """An input is blank, a placeholder, ambiguous or absent: neither pass nor fail."""
    PASS = "pass"
    """The rule holds (reported only with ``include_passed=True``)."""


class Basis(enum.Enum):
    """Why a rule holds."""

    OFFICIAL_NOTE = "official_note"
    """A note printed on the form itself (the corner note of the section 三 table)."""
    STRUCTURAL = "structural"
    """The meaning of a 总计 label or of the form's layout."""
    FORMAT = "format"
    """The official format documents (国办公开办函〔2019〕60号, 〔2021〕30号)."""
    STATUTE = "statute"
    """An article of 《中华人民共和国政府信息公开条例》."""
    HEURISTIC = "heuristic"
    """Not official: usually true, a warning at most."""
    READER = "reader"
    """What the reader could not decide (``Report.diagnostics``)."""


class AgencyKind(enum.Enum):
    """Which deadline of 条例 Art. 49 applies to a report."""

    DEPARTMENT = "department"
    """县级以上人民政府部门: publish by 31 January of the following year (Art. 49 para 1)."""
    GOVERNMENT = "government"
    """县级以上地方人民政府: published by 31 March of the following year (Art. 49 para 2)."""


@attrs.frozen(kw_only=True)
class Rule:
    """One entry of the catalogue."""

    id: str
    title_zh: str
    title_en: str
    severity: Severity
    """Severity of a failure (not-assessable and passing findings are info)."""
    basis: Basis
    citation: str
    formula: str
    """What is checked, over cell ids; ``{c}``/``{r}``/``{g}`` range over the bindings listed in the docs."""
    description: str = ""
    cross_year: bool = False
    """Needs last year's report (``previous=``)."""


def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class FindingCell:
    """One cell a finding involves, as the report prints it."""

    key: str
    """``table.row.column``."""
    kind: CellKind
    raw: str = ""
    value: int | Decimal | None = None
    unit: str | None = None
    origin: Origin | None = None
    report: str = "this"
    """``"this"`` or ``"previous"`` (cross-year rules)."""


@attrs.frozen(kw_only=True)
class Hint:
    """A likely cause of a finding — offered as a hint only."""

    code: str
    """``digit-split``, ``column-shift``, ``row-shift``, ``blank-total`` or ``carried-over-included``."""
    message: str


def _finding_cells(items: Iterable[FindingCell]) -> tuple[FindingCell, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Finding:
    """What one rule found about one instance (a column, a row, a cell, a sentence …)."""

    rule: str
    """The rule id (:data:`RULES`)."""
    status: Status
    severity: Severity
    """The rule's severity for a failure; info for not-assessable and passing findings; a reader
    diagnostic keeps its own severity."""
    message: str
    code: str = ""
    """A stable sub-kind: the reader diagnostic's code (RD), ``rows-missing``, ``section-missing``,
    ``mismatch``, ``inputs-missing`` …; for the prose rule H6 the section the figure is stated in."""
    cells: tuple[FindingCell, ...] = attrs.field(default=(), converter=_finding_cells)
    formula: str = ""
    """The instance checked, over cell ids."""
    lhs: int | Decimal | None = None
    rhs: int | Decimal | None = None
    difference: int | Decimal | None = None
    """``lhs - rhs``; for the deadline rule, the days late."""
    hint: Hint | None = None
    origin: Origin | None = None
    """Where in the source: the first located cell, the sentence, the diagnostic."""
    excerpt: str = ""
    """The prose clause (narrative rule) or the source excerpt (reader diagnostics)."""
    derivation: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    """How a value not printed in the table was derived from the template's identities."""
    source: str | None = None
    """``Report.source`` of the report checked."""


# --------------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------------

_ART_49 = "《中华人民共和国政府信息公开条例》 Art. 49"
_ART_50 = "《中华人民共和国政府信息公开条例》 Art. 50"
_FORMAT_DOCS = "国办公开办函〔2019〕60号 (reports on 2019–2020); 国办公开办函〔2021〕30号 (reports on 2021 onward)"

_IDENTITY_RULES = ("R1", "R3", "R4", "R5")


def _generalise(identities: Sequence[Identity]) -> tuple[str, str, tuple[str, ...]]:
    """A formula with one placeholder that every identity instantiates: (formula, placeholder, bindings)."""

    def text(identity: Identity) -> str:
        return " + ".join(identity.lhs) + " = " + " + ".join(identity.rhs)

    extractors: tuple[tuple[str, Callable[[str], str]], ...] = (
        ("c", lambda key: split_cell_key(key)[2]),
        ("r", lambda key: split_cell_key(key)[1]),
        ("g", lambda key: split_cell_key(key)[2].rsplit("_", 1)[0]),
    )
    for name, extract in extractors:
        bindings = tuple(extract(i.lhs[0]) for i in identities)
        formulas = set()
        for identity, binding in zip(identities, bindings, strict=True):
            keys = []
            for key in identity.cells:
                table, row, column = split_cell_key(key)
                if name == "c" and column == binding:
                    column = "{c}"
                elif name == "r" and row == binding:
                    row = "{r}"
                elif name == "g" and column.startswith(binding + "_"):
                    column = "{g}" + column[len(binding):]
                keys.append(f"{table}.{row}.{column}")
            lhs, rhs = keys[: len(identity.lhs)], keys[len(identity.lhs):]
            formulas.add(" + ".join(lhs) + " = " + " + ".join(rhs))
        if len(formulas) == 1:
            return formulas.pop(), name, bindings
    return "; ".join(text(i) for i in identities), "", ()


def _identity_formula(relation_id: str) -> str:
    by_format = {fmt: _generalise(spec(fmt).relation(relation_id).identities)[0] for fmt in Format}
    if len(set(by_format.values())) == 1:
        return by_format[Format.V2019]
    return "\n".join(f"{fmt.value} format: {formula}" for fmt, formula in by_format.items())


def _catalogue() -> tuple[Rule, ...]:
    relation = spec(Format.V2019).relation
    return (
        Rule(
            id="RD", title_zh="读取诊断", title_en="Reader diagnostics", severity=Severity.WARNING,
            basis=Basis.READER, citation="Report.diagnostics (docs/reading.md)",
            formula="every diagnostic of warning or error severity, but rows-missing and table-missing (C3)",
            description="What the reader could not decide or had to decide (a row printing one value too many, "
                        "ambiguous cells, figures it could not place) is repeated here with the diagnostic's own "
                        "severity and code, so that one list shows everything. Missing rows and tables are "
                        "reported by C3 instead.",
        ),
        Rule(
            id="F1", title_zh="格式与年度相符", title_en="Format matches the report year",
            severity=Severity.ERROR, basis=Basis.FORMAT, citation=_FORMAT_DOCS,
            formula="format = 2019 if year in (2019, 2020); format = 2021 if year >= 2021",
            description="A report on 2021 or later must use the 2021 format (〔2021〕30号); a report on 2019 or "
                        "2020 the 2019 format (〔2019〕60号). A document in neither format fails too. Not "
                        "assessable without a year.",
        ),
        Rule(
            id="C1", title_zh="六部分齐全", title_en="All six sections present", severity=Severity.ERROR,
            basis=Basis.STATUTE, citation=_ART_50 + "; the six headings of both formats",
            formula="sections ⊇ {s1, s2, s3, s4, s5, s6}",
            description="Art. 50 lists the content of the report; both formats print it as six numbered "
                        "sections. Each missing section is one finding.",
        ),
        Rule(
            id="C2", title_zh="部分顺序正确", title_en="Sections in the official order",
            severity=Severity.WARNING, basis=Basis.FORMAT, citation=_FORMAT_DOCS,
            formula="order(sections) = s1 < s2 < s3 < s4 < s5 < s6, each once",
        ),
        Rule(
            id="C3", title_zh="表格完整", title_en="Tables and rows complete", severity=Severity.ERROR,
            basis=Basis.FORMAT, citation=_FORMAT_DOCS + "; tables of sections 二, 三, 四",
            formula="kind(cell) ≠ absent for every cell of the format",
            description="A table, a sub-table (第二十条第（X）项), a run of rows or single cells that the source "
                        "does not contain at all (a truncated copy, an omitted sub-table). Blank cells and "
                        "placeholders are printed, so they are not missing.",
        ),
        Rule(
            id="C4", title_zh="第五部分不为空", title_en="Section 五 is not empty", severity=Severity.WARNING,
            basis=Basis.STATUTE, citation=_ART_50 + "(四) (存在的主要问题及改进情况)",
            formula="text(s5) is more than 无 / 暂无",
            description="Evaluators penalise a section 五 that says only 无: Art. 50(四) asks for the main problems "
                        "and how they were improved.",
        ),
        Rule(
            id="H5", title_zh="数值类型", title_en="Values fit their column", severity=Severity.WARNING,
            basis=Basis.HEURISTIC, citation="template-spec H5; column value types of the template",
            formula="counts are non-negative integers; 本年增/减 is a signed integer; amounts are decimals",
            description="A cell that prints something other than a figure its column allows (a sign in a count "
                        "column, a fraction, text) fails; a cell whose digits the source does not determine is "
                        "not assessable.",
        ),
        Rule(
            id="U1", title_zh="金额单位明确", title_en="Amounts have a unit", severity=Severity.INFO,
            basis=Basis.FORMAT, citation="2019 format 第二十条第（九）项 采购总金额 prints no unit",
            formula="unit(amount cell) ∈ {元, 万元}",
            description="The 2019 header 采购总金额 names no unit; a bare figure there cannot be compared with "
                        "other reports until its unit is known.",
        ),
        Rule(
            id="R1", title_zh="申请收支平衡", title_en="Balance of every applicant column",
            severity=Severity.ERROR, basis=Basis.OFFICIAL_NOTE,
            citation=f"corner note of the section 三 table: {relation('R1').text}",
            formula=_identity_formula("R1"),
            description="一 + 二 = 三（七） + 四 for every applicant column and 总计 (both formats).",
        ),
        Rule(
            id="R3", title_zh="行总计", title_en="Row totals", severity=Severity.ERROR,
            basis=Basis.STRUCTURAL, citation="section 三 header: 总计 after the six applicant columns",
            formula=_identity_formula("R3"),
            description=relation("R3").text,
        ),
        Rule(
            id="R4", title_zh="办理结果总计", title_en="Results total", severity=Severity.ERROR,
            basis=Basis.STRUCTURAL,
            citation="section 三 row （七）总计; row （二） note 区分处理的，只计这一情形 (R2) makes it an equality",
            formula=_identity_formula("R4"),
            description="（七）总计 is the sum of every outcome row of the format, per column: the 2019 format has "
                        "one （六）其他处理 row, the 2021 format its three sub-rows.",
        ),
        Rule(
            id="R5", title_zh="复议诉讼总计", title_en="Review and litigation totals", severity=Severity.ERROR,
            basis=Basis.STRUCTURAL, citation="section 四 header: 总计 in each of the three groups",
            formula=_identity_formula("R5"),
            description=relation("R5").text,
        ),
        Rule(
            id="H4", title_zh="新公开不超过公开总数", title_en="Newly published within the total published",
            severity=Severity.WARNING, basis=Basis.HEURISTIC, citation="template-spec H4 (2019 format only)",
            formula="active_disclosure.{r}.published_new <= active_disclosure.{r}.total_public",
        ),
        Rule(
            id="H6", title_zh="正文数字与表格一致", title_en="Figures in the prose agree with the tables",
            severity=Severity.WARNING, basis=Basis.HEURISTIC, citation="template-spec H6",
            formula="stated value = sum(cells named by the clause), in sections 一 and 六",
            description="Figures that sections 一 and 六 state in their own words (新收到申请函件198件, "
                        "本机关不掌握相关情况共17件, 现行有效行政规范性文件698件) are compared with the "
                        "tables. Where the table does not print a stated cell, the identities R1, R3, R4, R5 "
                        "and the other stated figures are used to derive it (the finding shows how); figures "
                        "the prose gives in words that are not recognised are ignored, never guessed at.",
        ),
        Rule(
            id="D1", title_zh="按期公布", title_en="Published by the statutory deadline",
            severity=Severity.ERROR, basis=Basis.STATUTE,
            citation=_ART_49 + " para 1 (departments: 1月31日前), para 2 (governments: 3月31日前)",
            formula="published <= (year + 1)-01-31 (department) | (year + 1)-03-31 (government)",
            description="Needs the publication date and whether the report is a department's or a county-level "
                        "or higher government's (given, or inferred from the agency name: …人民政府 is a "
                        "government, …局/…委员会/…办公室 a department; township governments and anything else "
                        "are not assessable).",
        ),
        Rule(
            id="H1", title_zh="结转衔接", title_en="Carry-over matches last year's carry-forward",
            severity=Severity.WARNING, basis=Basis.HEURISTIC, citation="template-spec H1", cross_year=True,
            formula="requests.carried_over.{c} [year Y] = requests.carried_forward.{c} [year Y-1]",
            description="Every applicant column and 总计. Across the 2020 → 2021 format change the cells are "
                        "matched through the crosswalk (`govdisclosure.CROSSWALK`); what is not comparable is "
                        "skipped. The two reports must be on consecutive years; of different agencies they "
                        "are not compared.",
        ),
        Rule(
            id="H2", title_zh="现行有效件数衔接", title_en="Documents in force carry on (2021 format)",
            severity=Severity.WARNING, basis=Basis.HEURISTIC, citation="template-spec H2", cross_year=True,
            formula="active_disclosure.{r}.in_force [Y] = active_disclosure.{r}.in_force [Y-1] "
                    "+ active_disclosure.{r}.issued [Y] - active_disclosure.{r}.repealed [Y]",
            description="Amendments and clean-up campaigns break this, hence a warning. A 2019-format report "
                        "of the year before has no comparable figure (对外公开总数量 is not 现行有效件数): "
                        "nothing is compared.",
        ),
        Rule(
            id="H3", title_zh="项目数量衔接", title_en="Item counts carry on (2019 format)",
            severity=Severity.WARNING, basis=Basis.HEURISTIC, citation="template-spec H3", cross_year=True,
            formula="active_disclosure.{r}.prev_year_items [Y] = active_disclosure.{r}.prev_year_items [Y-1] "
                    "+ active_disclosure.{r}.change [Y-1]",
            description="Both reports in the 2019 format (the 2021 format dropped the item counts).",
        ),
    )


RULES: tuple[Rule, ...] = _catalogue()
"""Every rule, in the order findings are reported."""

_RULES_BY_ID: Mapping[str, Rule] = {r.id: r for r in RULES}


def rule(rule_id: str) -> Rule:
    """The catalogue entry ``rule_id`` (raises :class:`~govdisclosure.errors.UsageError` if unknown)."""
    try:
        return _RULES_BY_ID[rule_id]
    except KeyError:
        raise UsageError(f"no rule {rule_id!r}; the rules are {', '.join(_RULES_BY_ID)}") from None


# --------------------------------------------------------------------------------------------------
# validate()
# --------------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Context:
    report: Report
    template: FormatSpec | None
    previous: Report | None
    published: datetime.date | None
    agency_kind: AgencyKind | None
    agency_kind_given: bool
    include_passed: bool
    diagnostics: Mapping[str, tuple[Diagnostic, ...]]
    """Reader diagnostics by the cell keys they concern."""

    def finding(self, rule_id: str, status: Status, message: str, **fields: Any) -> Finding:
        severity = _RULES_BY_ID[rule_id].severity if status is Status.FAIL else Severity.INFO
        fields.setdefault("severity", severity)
        cells: tuple[FindingCell, ...] = fields.get("cells", ())
        if "origin" not in fields:
            fields["origin"] = next((c.origin for c in cells if c.origin is not None), None)
        return Finding(rule=rule_id, status=status, message=message, source=self.report.source, **fields)


def validate(
    report: Report,
    *,
    previous: Report | None = None,
    published: datetime.date | str | None = None,
    agency_kind: AgencyKind | str | None = None,
    select: Collection[str] | None = None,
    include_passed: bool = False,
) -> list[Finding]:
    """Check ``report`` against the catalogue; the findings in catalogue order, then template order.

    ``previous`` is last year's report of the same agency (rules H1–H3); ``published`` the date the
    report was published (``date`` or a string such as ``2021-01-20``, ``2021/1/20``, ``2021年1月20日``;
    default ``report.published``); ``agency_kind`` says which deadline of 条例 Art. 49 applies
    (default: inferred from ``report.agency``); ``select`` restricts the check to some rule ids;
    ``include_passed`` also reports what holds. The report is never modified.
    """
    if not isinstance(report, Report):
        raise UsageError(f"validate() takes a Report, not {type(report).__name__}")
    if previous is not None and not isinstance(previous, Report):
        raise UsageError(f"previous= takes a Report, not {type(previous).__name__}")
    selected = set(_RULES_BY_ID) if select is None else {rule(r).id for r in select}
    kind = _agency_kind_argument(agency_kind)
    diagnostics: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.diagnostics:
        for key in diagnostic.cells:
            diagnostics.setdefault(key, []).append(diagnostic)
    ctx = _Context(
        report=report,
        template=None if report.format is None else spec(report.format),
        previous=previous,
        published=_published_argument(published) if published is not None else report.published,
        agency_kind=kind if kind is not None else _infer_agency_kind(report.agency),
        agency_kind_given=kind is not None,
        include_passed=include_passed,
        diagnostics={k: tuple(v) for k, v in diagnostics.items()},
    )
    findings: list[Finding] = []
    for entry in RULES:
        if entry.id not in selected:
            continue
        for finding in _CHECKS[entry.id](ctx):
            if finding.status is not Status.PASS or include_passed:
                findings.append(finding)
    return findings


def validate_strict(
    report: Report,
    *,
    previous: Report | None = None,
    published: datetime.date | str | None = None,
    agency_kind: AgencyKind | str | None = None,
    select: Collection[str] | None = None,
) -> list[Finding]:
    """:func:`validate`, raising one :class:`~govdisclosure.errors.ValidationErrors` that holds every
    error-severity failure; otherwise the findings (warnings, info, not assessable)."""
    findings = validate(report, previous=previous, published=published, agency_kind=agency_kind, select=select)
    errors = [
        FindingError(
            f"{f.rule}: {f.message}", finding=f, source=report.source,
            line=None if f.origin is None else f.origin.line, column=None if f.origin is None else f.origin.column,
            excerpt=f.excerpt or None,
        )
        for f in findings
        if f.status is Status.FAIL and f.severity is Severity.ERROR
    ]
    if errors:
        name = report.source or "report"
        raise ValidationErrors(f"{name}: validation found errors", errors, source=report.source)
    return findings


def _agency_kind_argument(value: AgencyKind | str | None) -> AgencyKind | None:
    if value is None or isinstance(value, AgencyKind):
        return value
    try:
        return AgencyKind(value)
    except ValueError:
        raise UsageError(
            f"agency_kind must be one of {', '.join(k.value for k in AgencyKind)}, got {value!r}") from None


def _published_argument(value: datetime.date | str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise UsageError(f"published= takes a date or a string, not {type(value).__name__}")
    return _parse_date(value)


def _parse_date(text: str) -> datetime.date:
    """A publication date as people write it: ``2021-01-20``, ``2021/1/20``, ``2021.1.20``, ``2021年1月20日``.

    Raises :class:`~govdisclosure.errors.InputError` for anything else (a bare number, a month only …).
    """
    date = parse_date(text, whole=True)
    if date is None:
        raise InputError(f"not a date (expected YYYY-MM-DD): {text!r}", source="published")
    return date


_TOWNSHIP = re.compile(r"(?:乡|镇|苏木|街道)人民政府$|街道办事处$")
_GOVERNMENT = re.compile(r"(?:省|自治区|市|州|盟|县|旗|区)人民政府$")
_NOT_DEPARTMENT = re.compile(r"(?:管理委员会|管委会|党工委|村民委员会|居民委员会)$")
_DEPARTMENT = re.compile(r"(?:局|厅|委员会|委|办公室|办公厅|署)$")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def _infer_agency_kind(agency: str | None) -> AgencyKind | None:
    """Art. 49's two kinds of organ, from the name, conservatively (``None`` when unsure).

    …县/市/区/省人民政府 are county-level or higher governments; …局, …委员会, …办公室 and the like are
    departments (a government's 办公室/办公厅 is one of its departments). Township governments (乡、镇),
    street offices and development-zone committees are not named by Art. 49.
    """
    if not agency:
        return None
    name = _TRAILING_NOTE.sub("", compact(agency))
    if _TOWNSHIP.search(name):
        return None
    if _GOVERNMENT.search(name):
        return AgencyKind.GOVERNMENT
    if _NOT_DEPARTMENT.search(name):
        return None
    if _DEPARTMENT.search(name):
        return AgencyKind.DEPARTMENT
    return None


# --------------------------------------------------------------------------------------------------
# Helpers: cells, labels
# --------------------------------------------------------------------------------------------------


def _ref(report: Report, key: str, *, which: str = "this") -> FindingCell:
    cell = report.cell(key)
    return FindingCell(key=key, kind=cell.kind, raw=cell.raw, value=cell.value, unit=cell.unit,
                       origin=cell.origin, report=which)


def _short_label(label: str) -> str:
    return re.split(r"[（(]", label, maxsplit=1)[0] or label


def _row_tag(table: TableSpec, row_id: str) -> str:
    row = table.row(row_id)
    return f"{row.number or ''}{_short_label(row.label)}" if row.label else row_id


def _column_tag(table: TableSpec, row_id: str, column_id: str) -> str:
    column = table.part_of(row_id).column(column_id)
    group = next((g for g in table.column_groups if g.id == column.parent), None)
    if table.id == "review_litigation" and group is not None:
        return f"{group.label}·{column.label}"
    return _short_label(column.label)


def _cell_tag(template: FormatSpec, key: str) -> str:
    table_id, row_id, column_id = split_cell_key(key)
    table = template.table(table_id)
    if table_id == "review_litigation":
        return _column_tag(table, row_id, column_id)
    return f"{_row_tag(table, row_id)}·{_column_tag(table, row_id, column_id)}"


def _fmt(value: int | Decimal | None) -> str:
    return "?" if value is None else str(value)


def _signed(value: int | Decimal) -> str:
    return f"+{value}" if value > 0 else str(value)


_KIND_WORDS = {
    CellKind.BLANK: "blank", CellKind.PLACEHOLDER: "a placeholder", CellKind.TEXT: "not a figure",
    CellKind.AMBIGUOUS: "ambiguous", CellKind.ABSENT: "absent",
}


def _unassessable_inputs(refs: Sequence[FindingCell]) -> str:
    groups: dict[str, list[str]] = {}
    for ref in refs:
        if ref.kind is not CellKind.NUMBER:
            groups.setdefault(_KIND_WORDS[ref.kind], []).append(ref.key)
    parts = []
    for word, keys in groups.items():
        shown = ", ".join(keys[:3]) + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")
        parts.append(f"{shown} {'is' if len(keys) == 1 else 'are'} {word}")
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------------
# RD: reader diagnostics
# --------------------------------------------------------------------------------------------------


# Reader diagnostics that a rule of its own reports better (C3 names the missing rows and sub-tables).
_COVERED_BY_RULES = frozenset({"rows-missing", "table-missing"})


def _check_reader(ctx: _Context) -> Iterator[Finding]:
    report = ctx.report
    for diagnostic in report.diagnostics:
        if diagnostic.severity is Severity.INFO or diagnostic.code in _COVERED_BY_RULES:
            continue
        cells = tuple(_ref(report, k) for k in diagnostic.cells if _has_cell(report, k))
        located = {"origin": diagnostic.origin} if diagnostic.origin is not None else {}
        yield ctx.finding("RD", Status.FAIL, diagnostic.message, severity=diagnostic.severity, code=diagnostic.code,
                          cells=cells, excerpt=diagnostic.excerpt, **located)


def _has_cell(report: Report, key: str) -> bool:
    if report.format is None:
        return False
    try:
        spec(report.format).column_spec(key)
    except KeyError:
        return False
    return True


# --------------------------------------------------------------------------------------------------
# F1: format vs year
# --------------------------------------------------------------------------------------------------


def _expected_format(year: int) -> Format | None:
    if year >= 2021:
        return Format.V2021
    if year >= 2019:
        return Format.V2019
    return None


def _check_format_year(ctx: _Context) -> Iterator[Finding]:
    report = ctx.report
    if report.format is None:
        yield ctx.finding("F1", Status.FAIL, "the document follows neither national format (2019 or 2021): "
                                             "its tables cannot be checked", code="format-unknown")
        return
    if report.year is None:
        yield ctx.finding("F1", Status.NOT_ASSESSABLE, "the report year is not known", code="year-unknown")
        return
    expected = _expected_format(report.year)
    if expected is None:
        yield ctx.finding("F1", Status.NOT_ASSESSABLE,
                          f"no national format covers reports on {report.year} (the 2019 format starts with 2019)",
                          code="year-before-formats")
        return
    document = spec(expected).issuing_document
    if report.format is expected:
        yield ctx.finding("F1", Status.PASS, f"a report on {report.year} in the {expected.value} format ({document})")
        return
    yield ctx.finding(
        "F1", Status.FAIL,
        f"a report on {report.year} should use the {expected.value} format ({document}), "
        f"but this one uses the {report.format.value} format", code="format-year",
    )


# --------------------------------------------------------------------------------------------------
# C1–C4: completeness
# --------------------------------------------------------------------------------------------------


def _section_specs(ctx: _Context) -> FormatSpec:
    # Both formats print the same six headings (spec section 3), so a format-less document is
    # checked against either.
    return ctx.template or spec(Format.V2021)


def _check_sections_present(ctx: _Context) -> Iterator[Finding]:
    present = {s.id for s in ctx.report.sections}
    for section in _section_specs(ctx).sections:
        if section.id in present:
            yield ctx.finding("C1", Status.PASS, f"section {section.heading} is present", code="section-present")
        else:
            yield ctx.finding("C1", Status.FAIL,
                              f"section {section.heading} is missing ({section.statute_basis})",
                              code="section-missing")


def _check_section_order(ctx: _Context) -> Iterator[Finding]:
    order = [s.id for s in _section_specs(ctx).sections]
    printed = [s.id for s in ctx.report.sections]
    headings = {s.id: s.heading for s in _section_specs(ctx).sections}
    seen: set[str] = set()
    for section in ctx.report.sections:
        if section.id in seen:
            yield ctx.finding("C2", Status.FAIL, f"section {headings[section.id]} appears more than once",
                              code="section-repeated", origin=section.origin)
        seen.add(section.id)
    first = list(dict.fromkeys(printed))
    if first != sorted(first, key=order.index):
        shown = " → ".join(headings[s].split("、")[0] for s in first)
        yield ctx.finding("C2", Status.FAIL, f"sections are printed in the order {shown}", code="section-order")
    elif len(first) == len(printed):
        yield ctx.finding("C2", Status.PASS, "sections are in the official order", code="section-order")


def _check_tables_complete(ctx: _Context) -> Iterator[Finding]:
    template = ctx.template
    report = ctx.report
    if template is None:
        yield ctx.finding("C3", Status.NOT_ASSESSABLE, "the document follows neither format: no table to check",
                          code="format-unknown")
        return
    for table_spec in template.tables:
        table = report.table(table_spec.id)
        keys = list(table_spec.cell_keys())
        if all(report.cell(k).kind is CellKind.ABSENT for k in keys):
            section = template.section(table_spec.section)
            yield ctx.finding("C3", Status.FAIL,
                              f"the table of section {section.heading} is missing", code="table-missing",
                              cells=tuple(_ref(report, k) for k in keys))
            continue
        complete = True
        for part in table_spec.parts:
            part_keys = [cell_key(table.id, row.id, c.id) for row in part.rows if row.data for c in part.columns]
            if part.caption and all(report.cell(k).kind is CellKind.ABSENT for k in part_keys):
                complete = False
                yield ctx.finding("C3", Status.FAIL, f"sub-table {part.caption} of section "
                                                     f"{template.section(table_spec.section).heading} has none of "
                                                     "its figures (omitted or cut off)",
                                  code="part-missing", cells=tuple(_ref(report, k) for k in part_keys))
                continue
            run: list[str] = []
            for row in [r for r in part.rows if r.data]:
                row_keys = [cell_key(table.id, row.id, c.id) for c in part.columns]
                kinds = [report.cell(k).kind for k in row_keys]
                if all(k is CellKind.ABSENT for k in kinds):
                    run.append(row.id)
                    continue
                if run:
                    complete = False
                    yield _rows_missing(ctx, table_spec, part.columns, run)
                    run = []
                absent = [k for k, kind in zip(row_keys, kinds, strict=True) if kind is CellKind.ABSENT]
                if absent:
                    complete = False
                    yield ctx.finding(
                        "C3", Status.FAIL,
                        f"row {_row_tag(table_spec, row.id)} lacks {len(absent)} of its {len(row_keys)} cells",
                        code="cells-missing", cells=tuple(_ref(report, k) for k in absent),
                    )
            if run:
                complete = False
                yield _rows_missing(ctx, table_spec, part.columns, run)
        if complete:
            yield ctx.finding("C3", Status.PASS, f"table {table_spec.id} is complete", code="table-complete")


def _rows_missing(ctx: _Context, table: TableSpec, columns: Sequence[ColumnSpec], rows: list[str]) -> Finding:
    keys = [cell_key(table.id, r, c.id) for r in rows for c in columns]
    span = _row_tag(table, rows[0]) if len(rows) == 1 else f"{_row_tag(table, rows[0])} … {_row_tag(table, rows[-1])}"
    noun = "row" if len(rows) == 1 else f"{len(rows)} rows"
    return ctx.finding("C3", Status.FAIL, f"{noun} of table {table.id} missing: {span}", code="rows-missing",
                       cells=tuple(_ref(ctx.report, k) for k in keys))


_NOTHING_TO_REPORT = re.compile(r"(?:本年度?|今年|\d{4}年度?)?(?:暂)?(?:无|没有)[\u4e00-\u9fff]{0,10}")
_PUNCTUATION = re.compile(r"[\W_]+")


def _check_section_five(ctx: _Context) -> Iterator[Finding]:
    section = ctx.report.section("s5")
    if section is None:
        yield ctx.finding("C4", Status.NOT_ASSESSABLE, "there is no section 五 (see C1)", code="section-missing")
        return
    text = _PUNCTUATION.sub("", compact(section.text))
    if not text:
        yield ctx.finding("C4", Status.FAIL, "section 五 is empty", code="section-empty", origin=section.origin)
    elif len(text) <= 12 and _NOTHING_TO_REPORT.fullmatch(text):
        yield ctx.finding("C4", Status.FAIL, f"section 五 says only {section.text.strip()!r}", code="section-nil",
                          origin=section.origin, excerpt=section.text.strip())
    else:
        yield ctx.finding("C4", Status.PASS, "section 五 has content", code="section-content")


# --------------------------------------------------------------------------------------------------
# H5, U1: value domain
# --------------------------------------------------------------------------------------------------


def _check_domain(ctx: _Context) -> Iterator[Finding]:
    template = ctx.template
    if template is None:
        return
    for key, cell in ctx.report.cells():
        column = template.column_spec(key)
        if cell.kind is CellKind.TEXT:
            note = parse_cell_token(cell.raw, column).note or "not a figure"
            allowed = {ValueType.COUNT: "a non-negative integer", ValueType.SIGNED: "a signed integer",
                       ValueType.AMOUNT: "a decimal amount"}[column.value_type]
            yield ctx.finding("H5", Status.FAIL, f"{key} prints {cell.raw!r} ({note}); the column holds {allowed}",
                              code="not-a-value", cells=(_ref(ctx.report, key),))
        elif cell.kind is CellKind.AMBIGUOUS:
            yield ctx.finding("H5", Status.NOT_ASSESSABLE,
                              f"the source does not determine the digits of {key} ({cell.raw!r})",
                              code="ambiguous", cells=(_ref(ctx.report, key),))


def _check_units(ctx: _Context) -> Iterator[Finding]:
    template = ctx.template
    if template is None:
        return
    for key, cell in ctx.report.cells():
        column = template.column_spec(key)
        if column.value_type is not ValueType.AMOUNT or not cell.is_number:
            continue
        if cell.unit is None:
            yield ctx.finding("U1", Status.FAIL, f"{key} = {cell.raw!r} has no unit (元 or 万元?)",
                              code="unit-unknown", cells=(_ref(ctx.report, key),))
        else:
            yield ctx.finding("U1", Status.PASS, f"{key} is in {cell.unit}", cells=(_ref(ctx.report, key),))


# --------------------------------------------------------------------------------------------------
# R1, R3, R4, R5: the template's identities
# --------------------------------------------------------------------------------------------------


def _identity_text(identity: Identity) -> str:
    return " + ".join(identity.lhs) + " = " + " + ".join(identity.rhs)


def _where(template: FormatSpec, identity: Identity) -> str:
    """The instance, in the form's words: a column (R1, R4), a row (R3) or a group (R5)."""
    parts = [split_cell_key(k) for k in identity.cells]
    table = template.table(parts[0][0])
    if table.id == "review_litigation":
        column = table.parts[0].column(parts[0][2])
        group = next((g for g in table.column_groups if g.id == column.parent), None)
        return group.label if group is not None else column.label
    if len({p[2] for p in parts}) == 1:
        return f"column {_column_tag(table, parts[0][1], parts[0][2])}"
    return f"row {_row_tag(table, parts[0][1])}"


def _check_identities(relation_id: str) -> Callable[[_Context], Iterator[Finding]]:
    def check(ctx: _Context) -> Iterator[Finding]:
        if ctx.template is None:
            return
        for identity in ctx.template.relation(relation_id).identities:
            yield _check_identity(ctx, identity)

    return check


def _check_identity(ctx: _Context, identity: Identity) -> Finding:
    report = ctx.report
    template = ctx.template
    assert template is not None
    rule_id = identity.relation
    refs = tuple(_ref(report, k) for k in identity.cells)
    where = _where(template, identity)
    formula = _identity_text(identity)
    if any(r.kind is not CellKind.NUMBER for r in refs):
        message = f"{where}: cannot check, {_unassessable_inputs(refs)}"
        hint = None
        if all(r.kind in (CellKind.NUMBER, CellKind.BLANK, CellKind.PLACEHOLDER) for r in refs):
            lhs0, rhs0 = _sides(identity, refs, blank_as_zero=True)
            verdict = "holds" if lhs0 == rhs0 else f"does not hold ({lhs0} vs {rhs0})"
            message += f"; reading blanks as 0 it {verdict}"
            hint = _blank_total_hint(template, identity, refs)
        return ctx.finding(rule_id, Status.NOT_ASSESSABLE, message, code="inputs-missing", cells=refs,
                           formula=formula, hint=hint)
    lhs, rhs = _sides(identity, refs)
    difference = lhs - rhs
    if difference == 0:
        return ctx.finding(rule_id, Status.PASS, f"{where}: {lhs} = {rhs}", cells=refs, formula=formula,
                           lhs=lhs, rhs=rhs, difference=difference)
    lhs_text = " + ".join(_fmt(r.value) for r in refs[: len(identity.lhs)])
    rhs_text = " + ".join(_fmt(r.value) for r in refs[len(identity.lhs):])
    if len(identity.rhs) > 6:
        rhs_text = f"the sum of {len(identity.rhs)} cells"
    message = f"{where}: {lhs_text} = {lhs}, but {rhs_text} = {rhs} (difference {_signed(difference)})"
    return ctx.finding(rule_id, Status.FAIL, message, code="mismatch", cells=refs, formula=formula, lhs=lhs,
                       rhs=rhs, difference=difference, hint=_identity_hint(ctx, identity, refs, difference))


def _sides(identity: Identity, refs: Sequence[FindingCell], *, blank_as_zero: bool = False) -> tuple[int, int]:
    values = [r.value if r.value is not None else 0 for r in refs]
    assert blank_as_zero or all(r.value is not None for r in refs)
    lhs = sum(int(v) for v in values[: len(identity.lhs)])
    rhs = sum(int(v) for v in values[len(identity.lhs):])
    return lhs, rhs


def _blank_total_hint(template: FormatSpec, identity: Identity, refs: Sequence[FindingCell]) -> Hint | None:
    total, parts = refs[0], refs[1:]
    if len(identity.lhs) != 1 or total.kind is not CellKind.BLANK or any(p.kind is not CellKind.NUMBER for p in parts):
        return None
    parts_sum = sum(int(p.value or 0) for p in parts)
    return Hint(code="blank-total",
                message=f"{_cell_tag(template, total.key)} is blank while its parts add up to {parts_sum}: "
                        "the publisher may have left the total (or a zero) unprinted")


def _identity_hint(ctx: _Context, identity: Identity, refs: Sequence[FindingCell], difference: int) -> Hint | None:
    template = ctx.template
    assert template is not None
    # 1. The reader split run-together digits for one of the cells: another split may be the right one.
    for ref in refs:
        for diagnostic in ctx.diagnostics.get(ref.key, ()):
            if "digit" in diagnostic.code or "split" in diagnostic.code or diagnostic.candidates:
                return Hint(code="digit-split",
                            message=f"{ref.key} ({ref.raw!r}) comes from digits the reader split ({diagnostic.code}: "
                                    f"{diagnostic.message}); another split may be the right one")
    # 2. A figure printed one column or one row away from its place.
    lhs_keys = set(identity.lhs)
    for ref in refs:
        value = int(ref.value or 0)
        for neighbour, direction in _neighbours(template, ref.key):
            cell = ctx.report.cell(neighbour)
            if not cell.is_number or cell.value == ref.value:
                continue
            change = int(cell.value or 0) - value
            if (difference + change if ref.key in lhs_keys else difference - change) == 0:
                return Hint(
                    code=f"{direction}-shift",
                    message=f"with {neighbour} = {cell.value} in place of {ref.key} = {ref.value} the identity would "
                            f"hold: the figures may be shifted by one {direction}",
                )
    # 3. A total printed as 0 while its parts are not.
    if len(identity.lhs) == 1 and refs[0].value == 0 and difference < 0:
        return Hint(code="blank-total",
                    message=f"{_cell_tag(template, refs[0].key)} is 0 while its parts add up to {-difference}: "
                            "the total may have been left out")
    return None


@functools.cache
def _neighbour_map(fmt: Format) -> Mapping[str, tuple[tuple[str, str], ...]]:
    """For every cell, the cells next to it in its row (``column``) and in its column (``row``)."""
    template = spec(fmt)
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for table in template.tables:
        for part in table.parts:
            rows = [r.id for r in part.rows if r.data]
            columns = [c.id for c in part.columns]
            for i, row in enumerate(rows):
                for j, column in enumerate(columns):
                    near: list[tuple[str, str]] = []
                    for jj in (j - 1, j + 1):
                        if 0 <= jj < len(columns):
                            near.append((cell_key(table.id, row, columns[jj]), "column"))
                    for ii in (i - 1, i + 1):
                        if 0 <= ii < len(rows):
                            near.append((cell_key(table.id, rows[ii], column), "row"))
                    out[cell_key(table.id, row, column)] = tuple(near)
    return out


def _neighbours(template: FormatSpec, key: str) -> tuple[tuple[str, str], ...]:
    return _neighbour_map(template.format).get(key, ())


# --------------------------------------------------------------------------------------------------
# H4: 本年新公开数量 <= 对外公开总数量 (2019)
# --------------------------------------------------------------------------------------------------


def _check_published_within_total(ctx: _Context) -> Iterator[Finding]:
    template = ctx.template
    if template is None:
        return
    table = template.table("active_disclosure")
    for part, row in table.data_rows():
        ids = {c.id for c in part.columns}
        if not {"published_new", "total_public"} <= ids:
            continue
        new_key = cell_key(table.id, row.id, "published_new")
        total_key = cell_key(table.id, row.id, "total_public")
        refs = (_ref(ctx.report, new_key), _ref(ctx.report, total_key))
        formula = f"{new_key} <= {total_key}"
        where = _row_tag(table, row.id)
        if not all(r.kind is CellKind.NUMBER for r in refs):
            yield ctx.finding("H4", Status.NOT_ASSESSABLE, f"row {where}: cannot check, {_unassessable_inputs(refs)}",
                              code="inputs-missing", cells=refs, formula=formula)
            continue
        new, total = int(refs[0].value or 0), int(refs[1].value or 0)
        status = Status.PASS if new <= total else Status.FAIL
        message = (f"row {where}: 本年新公开数量 {new} is within 对外公开总数量 {total}" if status is Status.PASS
                   else f"row {where}: 本年新公开数量 {new} exceeds 对外公开总数量 {total}")
        yield ctx.finding("H4", status, message, code="exceeds", cells=refs, formula=formula, lhs=new, rhs=total,
                          difference=new - total)


# --------------------------------------------------------------------------------------------------
# H6: narrative vs tables
# --------------------------------------------------------------------------------------------------

_NARRATIVE_SECTIONS = ("s1", "s6")
_MONEY_FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}


@attrs.frozen
class _Derived:
    values: Mapping[str, int]
    steps: Mapping[str, tuple[str, tuple[str, ...]]]
    """For each derived cell: the explanation and the cells it was derived from."""


def _side_text(keys: Sequence[str], values: Mapping[str, int], targets: Collection[str]) -> str:
    if len(keys) <= 6:
        return " + ".join("x" if k in targets else str(values[k]) for k in keys)
    others = sum(values[k] for k in keys if k not in targets)
    if any(k in targets for k in keys):
        return f"x + {others} (the other {len(keys) - 1} cells)"
    return f"{others} (the sum of {len(keys)} cells)"


def _derive(
    template: FormatSpec, known: Mapping[str, int], stated: Mapping[str, int], identities: Sequence[Identity],
) -> _Derived:
    """The values that the identities R1, R3, R4, R5 fix, given the table's figures and stated ones.

    Every cell is a count (never negative). Each value keeps the derivation that leans least on
    figures stated in prose (its cost: how many it uses); a cell two derivations give different
    values is contradictory and is not used.
    """
    values = {**stated, **known}
    cost = {k: (0 if k in known else 1) for k in values}
    steps: dict[str, tuple[str, tuple[str, ...]]] = {}
    contradictory: set[str] = set()

    def offer(target: str, value: int, inputs: tuple[str, ...], text: str) -> bool:
        if target in known or target in contradictory:
            return False
        price = sum(cost[k] for k in inputs)
        if target not in values:
            values[target], cost[target], steps[target] = value, price, (text, inputs)
            return True
        if values[target] != value:
            contradictory.add(target)
            return True
        if price < cost[target]:
            cost[target], steps[target] = price, (text, inputs)
            return True
        return False

    changed = True
    while changed:
        changed = False
        for identity in identities:
            if any(k in contradictory for k in identity.cells):
                continue
            where = _where(template, identity)
            unknown = [k for k in identity.cells if k not in values]
            candidates = unknown if unknown else [k for k in identity.cells if k not in known]
            if len(unknown) <= 1:
                for target in candidates:
                    opposite = identity.rhs if target in identity.lhs else identity.lhs
                    lhs = sum(values[k] for k in identity.lhs if k != target)
                    rhs = sum(values[k] for k in identity.rhs if k != target)
                    value = rhs - lhs if target in identity.lhs else lhs - rhs
                    if value < 0:
                        continue  # the inputs contradict each other: derive nothing from them
                    if sum(values[k] for k in opposite) == 0:
                        # Counts are never negative: a side that adds up to 0 forces every cell of the other.
                        inputs, why = tuple(opposite), "the other side is 0"
                    else:
                        inputs = tuple(k for k in identity.cells if k != target)
                        why = (f"{_side_text(identity.lhs, values, (target,))} = "
                               f"{_side_text(identity.rhs, values, (target,))}")
                    text = f"{target} = {value} by {identity.relation}, {where}: {why}"
                    changed = offer(target, value, inputs, text) or changed
                continue
            for side, other in ((identity.lhs, identity.rhs), (identity.rhs, identity.lhs)):
                if not (all(k in values for k in other) and all(k in side for k in unknown)):
                    continue
                total = sum(values[k] for k in other)
                if total - sum(values[k] for k in side if k in values) != 0:
                    break
                # Counts are never negative: what is known already balances, so the rest is 0.
                if total == 0:
                    inputs, why = tuple(other), "the other side is 0"
                else:
                    inputs = tuple(k for k in identity.cells if k in values)
                    why = f"the known cells already balance ({total})"
                text = f"{', '.join(unknown)} = 0 by {identity.relation}, {where}: {why}"
                for target in unknown:
                    changed = offer(target, 0, inputs, text) or changed
                break
    return _Derived(values={k: v for k, v in values.items() if k not in contradictory}, steps=steps)


def _sentence_origin(section: Section, offset: int) -> Origin | None:
    """Where the sentence at ``offset`` of the section's text is in the source: the line the reader
    recorded for that line of text, else the heading."""
    if not section.text_origins:
        return section.origin
    index = section.text.count("\n", 0, offset)
    start = section.text_origins[min(index, len(section.text_origins) - 1)]
    if start.column is None:
        return start
    line_start = section.text.rfind("\n", 0, offset) + 1
    return attrs.evolve(start, column=start.column + (offset - line_start))


def _check_narrative(ctx: _Context) -> Iterator[Finding]:
    report = ctx.report
    template = ctx.template
    if template is None or report.format is None:
        return
    facts: list[tuple[Fact, Origin | None]] = []
    for section_id in _NARRATIVE_SECTIONS:
        for section in report.sections:
            if section.id != section_id or not section.text:
                continue
            facts.extend((fact, _sentence_origin(section, fact.start))
                         for fact in narrative_facts(section.text, report.format, section=section_id))
    if not facts:
        return
    table_values = {k: int(c.value) for k, c in report.cells()
                    if c.is_number and isinstance(c.value, int)}
    identities = [i for rid in _IDENTITY_RULES for i in template.relation(rid).identities]
    for fact, origin in facts:
        yield _check_fact(ctx, fact, origin, [f for f, _ in facts], table_values, identities)


def _check_fact(
    ctx: _Context, fact: Fact, origin: Origin | None, facts: Sequence[Fact], table_values: Mapping[str, int],
    identities: Sequence[Identity],
) -> Finding:
    report = ctx.report
    template = ctx.template
    assert template is not None
    refs = tuple(_ref(report, k) for k in fact.cells)
    quoted = f"「{fact.text}」"
    formula = f"{' + '.join(fact.cells)} = {fact.value} (stated in {fact.section})"
    common: dict[str, Any] = {"cells": refs, "formula": formula, "origin": origin, "excerpt": fact.text,
                              "code": fact.section}
    if isinstance(fact.value, Decimal):
        return _check_amount_fact(ctx, fact, quoted, common)
    derivation: list[str] = []
    if all(k in table_values for k in fact.cells):
        actual = sum(table_values[k] for k in fact.cells)
    else:
        stated = _stated_elsewhere(fact, facts, table_values)
        derived = _derive(template, table_values, stated, identities)
        if not all(k in derived.values for k in fact.cells):
            missing = [r for r in refs if r.key not in derived.values]
            return ctx.finding("H6", Status.NOT_ASSESSABLE,
                               f"{quoted} states {fact.value}; cannot check, {_unassessable_inputs(missing)} and the "
                               "identities do not determine it", lhs=fact.value, **common)
        actual = sum(derived.values[k] for k in fact.cells)
        derivation = _explain(fact.cells, derived, stated, facts)
    difference = fact.value - actual
    if not derivation:
        how = "the table gives"
    elif any(" as stated: " in step for step in derivation):
        how = "the tables, with the other figures stated, imply"
    else:
        how = "the tables imply"
    if difference == 0:
        return ctx.finding("H6", Status.PASS, f"{quoted} agrees: {how} {actual}", lhs=fact.value, rhs=actual,
                           difference=0, derivation=derivation, **common)
    message = f"{quoted} states {fact.value}, but {how} {actual} (difference {_signed(difference)})"
    return ctx.finding("H6", Status.FAIL, message, lhs=fact.value, rhs=actual, difference=difference,
                       derivation=derivation, hint=_narrative_hint(fact, table_values), **common)


def _stated_elsewhere(fact: Fact, facts: Sequence[Fact], table_values: Mapping[str, int]) -> dict[str, int]:
    """Other single-cell prose figures for cells the table does not print (conflicting ones dropped)."""
    stated: dict[str, set[int]] = {}
    for other in facts:
        if other is fact or other.cells == fact.cells or len(other.cells) != 1 or isinstance(other.value, Decimal):
            continue
        key = other.cells[0]
        if key not in table_values:
            stated.setdefault(key, set()).add(other.value)
    return {k: next(iter(v)) for k, v in stated.items() if len(v) == 1}


def _explain(cells: Sequence[str], derived: _Derived, stated: Mapping[str, int], facts: Sequence[Fact]) -> list[str]:
    lines: list[str] = []
    seen: set[str] = set()

    def visit(key: str) -> None:
        if key in seen:
            return
        seen.add(key)
        if key in derived.steps:
            text, inputs = derived.steps[key]
            for k in inputs:
                visit(k)
            lines.append(text)
        elif key in stated:
            clause = next((f.text for f in facts if f.cells == (key,)), "")
            lines.append(f"{key} = {stated[key]} as stated: 「{clause}」")

    for key in cells:
        visit(key)
    return lines


def _check_amount_fact(ctx: _Context, fact: Fact, quoted: str, common: dict[str, Any]) -> Finding:
    (ref,) = common["cells"]
    assert isinstance(fact.value, Decimal)
    if ref.kind is not CellKind.NUMBER:
        return ctx.finding("H6", Status.NOT_ASSESSABLE, f"{quoted} states {fact.value}{fact.unit or ''}; cannot "
                                                        f"check, {_unassessable_inputs([ref])}", lhs=fact.value,
                           **common)
    table_value = Decimal(ref.value or 0)
    stated_unit = fact.unit or ""
    if ref.unit is None:
        if table_value == fact.value:
            return ctx.finding("H6", Status.PASS, f"{quoted} agrees with {ref.raw!r} (the table prints no unit)",
                               lhs=fact.value, rhs=table_value, difference=Decimal(0), **common)
        return ctx.finding("H6", Status.NOT_ASSESSABLE, f"{quoted} states {fact.value}{stated_unit}; the table prints "
                                                        f"{ref.raw!r} without a unit", lhs=fact.value, **common)
    if stated_unit not in _MONEY_FACTOR or ref.unit not in _MONEY_FACTOR:
        return ctx.finding("H6", Status.NOT_ASSESSABLE, f"{quoted}: units {stated_unit} and {ref.unit} not comparable",
                           lhs=fact.value, **common)
    stated = fact.value * _MONEY_FACTOR[stated_unit] / _MONEY_FACTOR[ref.unit]
    difference = stated - table_value
    if difference == 0:
        return ctx.finding("H6", Status.PASS, f"{quoted} agrees: the table gives {ref.raw}", lhs=stated,
                           rhs=table_value, difference=difference, **common)
    return ctx.finding("H6", Status.FAIL, f"{quoted} states {stated}{ref.unit}, but the table gives {table_value}"
                                          f"{ref.unit} (difference {_signed(difference)})", lhs=stated,
                       rhs=table_value, difference=difference, **common)


def _narrative_hint(fact: Fact, table_values: Mapping[str, int]) -> Hint | None:
    """Prose often counts carried-over applications as received, or the carried-forward as handled."""
    pairs = {"new_received": "carried_over", "total_processed": "carried_forward"}
    extra_keys = []
    for key in fact.cells:
        table, row, column = split_cell_key(key)
        if table != "requests" or row not in pairs:
            return None
        extra_keys.append(cell_key(table, pairs[row], column))
    keys = list(fact.cells) + extra_keys
    if not all(k in table_values for k in keys):
        return None
    if sum(table_values[k] for k in keys) == fact.value:
        row = split_cell_key(fact.cells[0])[1]
        return Hint(code="carried-over-included",
                    message=f"the stated figure equals {row} + {pairs[row]} ({fact.value}): the prose may count the "
                            "applications carried over as well")
    return None


# --------------------------------------------------------------------------------------------------
# D1: deadline (条例 Art. 49)
# --------------------------------------------------------------------------------------------------

_DEADLINES = {
    AgencyKind.DEPARTMENT: ((1, 31), "Art. 49 para 1: a county-level or higher government department publishes by "
                                      "31 January"),
    AgencyKind.GOVERNMENT: ((3, 31), "Art. 49 para 2: a county-level or higher government's report is published by "
                                      "31 March"),
}


def _check_deadline(ctx: _Context) -> Iterator[Finding]:
    report = ctx.report
    missing = [what for what, value in (("publication date", ctx.published), ("report year", report.year),
                                        ("agency kind", ctx.agency_kind)) if value is None]
    if missing:
        detail = ", ".join(missing)
        if ctx.agency_kind is None and report.agency:
            detail += f" (cannot tell from {report.agency!r} whether Art. 49 para 1 or 2 applies)"
        yield ctx.finding("D1", Status.NOT_ASSESSABLE, f"cannot check the deadline without the {detail}",
                          code="inputs-missing")
        return
    assert ctx.published is not None
    assert report.year is not None
    assert ctx.agency_kind is not None
    (month, day), rule_text = _DEADLINES[ctx.agency_kind]
    deadline = datetime.date(report.year + 1, month, day)
    late = (ctx.published - deadline).days
    kind_source = "given" if ctx.agency_kind_given else f"inferred from {report.agency!r}"
    formula = f"published {ctx.published.isoformat()} <= {deadline.isoformat()}"
    if late <= 0:
        yield ctx.finding("D1", Status.PASS, f"published {ctx.published.isoformat()}, by {deadline.isoformat()} "
                                             f"({ctx.agency_kind.value}, {kind_source})", formula=formula,
                          difference=late)
        return
    yield ctx.finding(
        "D1", Status.FAIL,
        f"published {ctx.published.isoformat()}, {late} day{'s' if late != 1 else ''} after {deadline.isoformat()} "
        f"({rule_text}; {ctx.agency_kind.value} {kind_source})",
        code="late", formula=formula, difference=late,
    )


# --------------------------------------------------------------------------------------------------
# H1–H3: across years
# --------------------------------------------------------------------------------------------------


def _counterpart(key: str, source: Format, target: Format) -> tuple[str, ...] | None:
    """The cells of ``target`` that mean what ``key`` means in ``source`` (the crosswalk), if comparable."""
    if source is target:
        return (key,)
    for entry in CROSSWALK:
        cells_source = entry.cells_2019 if source is Format.V2019 else entry.cells_2021
        cells_target = entry.cells_2021 if source is Format.V2019 else entry.cells_2019
        if key not in cells_source:
            continue
        if entry.comparability is Comparability.SAME and len(cells_source) == 1:
            return cells_target
        if entry.comparability is Comparability.SUM and source is Format.V2019:
            return cells_target
        return None
    return None


def _cross_year_blocker(ctx: _Context) -> str | None:
    report, previous = ctx.report, ctx.previous
    assert previous is not None
    if report.format is None or previous.format is None:
        return "one of the two reports follows neither format"
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        return f"the previous report is on {previous.year}, not {report.year - 1}"
    if report.agency and previous.agency and compact(report.agency) != compact(previous.agency):
        return f"the previous report is of {previous.agency!r}, this one of {report.agency!r}"
    return None


def _cross_year(
    ctx: _Context, rule_id: str, instances: Iterable[tuple[str, tuple[str, ...], tuple[tuple[str, int], ...]]],
) -> Iterator[Finding]:
    """Check ``this[key] = sum(previous[prev_keys]) + sum(sign * this[k])`` for every comparable instance."""
    previous = ctx.previous
    if previous is None:
        return
    blocker = _cross_year_blocker(ctx)
    if blocker is not None:
        yield ctx.finding(rule_id, Status.NOT_ASSESSABLE, f"cannot compare: {blocker}", code="not-comparable")
        return
    for key, previous_keys, adjustments in instances:
        refs = (_ref(ctx.report, key),
                *(_ref(previous, k, which="previous") for k in previous_keys),
                *(_ref(ctx.report, k) for k, _ in adjustments))
        formula = (f"{key} = " + " + ".join(f"previous {k}" for k in previous_keys)
                   + "".join(f" {'+' if s > 0 else '-'} {k}" for k, s in adjustments))
        if not all(r.kind is CellKind.NUMBER for r in refs):
            yield ctx.finding(rule_id, Status.NOT_ASSESSABLE, f"{key}: cannot compare, {_unassessable_inputs(refs)}",
                              code="inputs-missing", cells=refs, formula=formula)
            continue
        this_value = int(refs[0].value or 0)
        expected = sum(int(r.value or 0) for r in refs[1: 1 + len(previous_keys)])
        expected += sum(s * int(r.value or 0) for r, (_, s) in zip(refs[1 + len(previous_keys):], adjustments,
                                                                   strict=True))
        difference = this_value - expected
        if difference == 0:
            yield ctx.finding(rule_id, Status.PASS, f"{key} = {this_value} carries on from last year", cells=refs,
                              formula=formula, lhs=this_value, rhs=expected, difference=0)
            continue
        yield ctx.finding(rule_id, Status.FAIL, f"{key} is {this_value}, last year's report implies {expected} "
                                                f"(difference {_signed(difference)})", code="discontinuity",
                          cells=refs, formula=formula, lhs=this_value, rhs=expected, difference=difference)


def _check_carry(ctx: _Context) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    if previous is None or report.format is None:
        yield from _cross_year(ctx, "H1", ())
        return
    instances = []
    for _, row in spec(report.format).table("requests").data_rows():
        if row.id != "carried_over":
            continue
        for column in spec(report.format).table("requests").columns_of(row.id):
            forward = cell_key("requests", "carried_forward", column.id)
            counterpart = None if previous.format is None else _counterpart(forward, report.format, previous.format)
            if counterpart is not None:
                instances.append((cell_key("requests", row.id, column.id), counterpart, ()))
    yield from _cross_year(ctx, "H1", instances)


def _check_in_force(ctx: _Context) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    if previous is None or report.format is not Format.V2021:
        return
    instances = []
    table = spec(report.format).table("active_disclosure")
    for part, row in table.data_rows():
        if {c.id for c in part.columns} != {"issued", "repealed", "in_force"}:
            continue
        key = cell_key(table.id, row.id, "in_force")
        counterpart = None if previous.format is None else _counterpart(key, report.format, previous.format)
        if counterpart is not None:
            instances.append((key, counterpart, ((cell_key(table.id, row.id, "issued"), 1),
                                                 (cell_key(table.id, row.id, "repealed"), -1))))
    yield from _cross_year(ctx, "H2", instances)


def _check_items(ctx: _Context) -> Iterator[Finding]:
    report, previous = ctx.report, ctx.previous
    if previous is None or report.format is not Format.V2019 or previous.format is not Format.V2019:
        return
    instances = []
    table = spec(report.format).table("active_disclosure")
    for part, row in table.data_rows():
        if not {"prev_year_items", "change"} <= {c.id for c in part.columns}:
            continue
        key = cell_key(table.id, row.id, "prev_year_items")
        instances.append((key, (key, cell_key(table.id, row.id, "change")), ()))
    yield from _cross_year(ctx, "H3", instances)


_CHECKS: Mapping[str, Callable[[_Context], Iterator[Finding]]] = {
    "RD": _check_reader,
    "F1": _check_format_year,
    "C1": _check_sections_present,
    "C2": _check_section_order,
    "C3": _check_tables_complete,
    "C4": _check_section_five,
    "H5": _check_domain,
    "U1": _check_units,
    "R1": _check_identities("R1"),
    "R3": _check_identities("R3"),
    "R4": _check_identities("R4"),
    "R5": _check_identities("R5"),
    "H4": _check_published_within_total,
    "H6": _check_narrative,
    "D1": _check_deadline,
    "H1": _check_carry,
    "H2": _check_in_force,
    "H3": _check_items,
}


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------


def findings_to_json(
    findings: Iterable[Finding], *, indent: int | None = 2, converter: cattrs.Converter | None = None,
) -> str:
    """The findings as a JSON array (the converter of :func:`~govdisclosure.convert.make_converter`)."""
    conv = converter or make_converter()
    return json.dumps([conv.unstructure(f) for f in findings], ensure_ascii=False, indent=indent)


def rules_markdown() -> str:
    """The text of ``docs/rules.md``: the catalogue with the instances of each rule per format."""
    lines = [
        "# Rule catalogue",
        "",
        "<!-- Generated from govdisclosure.rules by scripts/gen_rules_doc.py; do not edit by hand. -->",
        "",
        "`govdisclosure.validate()` and `govdisclosure check` apply these rules in this order. A failing rule "
        "reports a finding with the rule's severity; a rule whose inputs are blank, placeholders, ambiguous or "
        "absent reports a *not assessable* finding (severity info); see [Checking reports](checking.md).",
        "",
        "Cell ids are `table.row.column` in the vocabulary of the template (`govdisclosure.spec(fmt)`).",
        "",
        "| id | severity | basis | 规则 | rule |",
        "| --- | --- | --- | --- | --- |",
    ]
    for entry in RULES:
        lines.append(f"| [{entry.id}](#{entry.id.lower()}) | {entry.severity.value} | {entry.basis.value} "
                     f"| {entry.title_zh} | {entry.title_en} |")
    for entry in RULES:
        lines += ["", f"## {entry.id}", "", f"**{entry.title_zh}** — {entry.title_en}", ""]
        lines.append(f"- severity: {entry.severity.value}")
        lines.append(f"- basis: {entry.basis.value} — {entry.citation}")
        if entry.cross_year:
            lines.append("- needs last year's report of the same agency (`previous=`, `--previous`)")
        lines += ["", "```text", *entry.formula.splitlines(), "```"]
        if entry.id in _IDENTITY_RULES:
            instances = {}
            for fmt in Format:
                identities = spec(fmt).relation(entry.id).identities
                _, name, bindings = _generalise(identities)
                instances[fmt.value] = (f"{len(identities)} instance{'s' if len(identities) != 1 else ''}, "
                                        f"`{{{name}}}` ∈ " + ", ".join(f"`{b}`" for b in bindings))
            if len(set(instances.values())) == 1:
                lines += ["", f"Both formats: {instances[Format.V2019.value]}"]
            else:
                lines += [line for fmt, text in instances.items() for line in ("", f"{fmt} format: {text}")]
        if entry.description:
            lines += ["", entry.description]
    return "\n".join(lines) + "\n"
