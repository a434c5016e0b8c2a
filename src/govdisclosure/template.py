"""The two official report formats as data — the single source of truth.

Everything else in the library (readers, rules, writers, tidy export) derives from the
objects defined here; no row or column label is written anywhere else.

Sources
-------
* **2019 format**: 国办公开办函〔2019〕60号, 《中华人民共和国政府信息公开工作年度报告格式（试行）》,
  used for the reports on 2019 and 2020.
* **2021 format**: 国办公开办函〔2021〕30号, 《中华人民共和国政府信息公开工作年度报告格式》
  (成文 2021-09-26), used for the reports on 2021 onward.
* 《中华人民共和国政府信息公开条例》 (国务院令第711号, in force 2019-05-15): Art. 20 lists the items
  whose figures fill section 二; Art. 49 sets the publication deadlines; Art. 50 the six sections.

The ids (``requests``, ``new_received``, ``natural_person`` …) are the public vocabulary of the
library: tidy exports, rule locations and JSON all use them. They follow the research notes
``template-spec.json`` that the project grew from.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType

import attrs

__all__ = [
    "APPLICANT_COLUMN_IDS",
    "CROSSWALK",
    "FORMATS",
    "PUBLISHED_LABEL",
    "REPORT_NAME",
    "REVIEW_GROUP_IDS",
    "ColumnGroupSpec",
    "ColumnSpec",
    "Comparability",
    "CrosswalkEntry",
    "Format",
    "FormatSpec",
    "Identity",
    "PartSpec",
    "RelationKind",
    "RelationSpec",
    "RowSpec",
    "SectionKind",
    "SectionSpec",
    "TableSpec",
    "ValueType",
    "cell_key",
    "spec",
    "split_cell_key",
]


class Format(enum.Enum):
    """The national report format a document follows (detected from content, never from the year)."""

    V2019 = "2019"
    """国办公开办函〔2019〕60号 (试行), reports on 2019 and 2020."""
    V2021 = "2021"
    """国办公开办函〔2021〕30号, reports on 2021 onward."""


class ValueType(enum.Enum):
    """What a table cell may hold (spec heuristic H5)."""

    COUNT = "count"
    """A non-negative integer (件 or 项)."""
    SIGNED = "signed"
    """A signed integer change: the 2019 column 本年增/减."""
    AMOUNT = "amount"
    """A non-negative decimal amount of money (采购总金额, 本年收费金额)."""


@attrs.frozen(kw_only=True, cache_hash=True)
class ColumnSpec:
    """One value column of a table or sub-table."""

    id: str
    label: str
    """Official label (full-width punctuation)."""
    value_type: ValueType = ValueType.COUNT
    unit: str | None = "件"
    """Unit of the figures; ``None`` where the template names none (2019 采购总金额)."""
    unit_explicit: bool = False
    """True only where the template header itself prints the unit (本年收费金额（单位：万元）)."""
    parent: str | None = None
    """Id of the column group printed above this column (法人或其他组织, 行政复议 …)."""
    derived: bool = False
    """True for a 总计 column, the sum of its siblings by the template's meaning."""
    aliases: tuple[str, ...] = ()
    """Variants seen in real reports."""
    aliases_unverified: tuple[str, ...] = ()
    """Variants seen only in tools or prose; accepted leniently, never used as format signals."""


@attrs.frozen(kw_only=True, cache_hash=True)
class ColumnGroupSpec:
    """A header cell spanning several value columns (申请人情况, 法人或其他组织, 行政诉讼 …)."""

    id: str
    label: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    aliases_unverified: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, cache_hash=True)
class RowSpec:
    """One row of a table: a data row, or a group label spanning data rows (``data=False``)."""

    id: str
    label: str
    number: str | None = None
    """The official ordinal printed before the label (``一、``, ``（三）``, ``1.``)."""
    parent: str | None = None
    data: bool = True
    aliases: tuple[str, ...] = ()
    aliases_unverified: tuple[str, ...] = ()
    statute: str | None = None
    """The article of the 条例 the row counts under, where one applies."""


@attrs.frozen(kw_only=True, cache_hash=True)
class PartSpec:
    """A sub-table: one 第二十条第（X）项 block of section 二, or the whole table of section 三/四."""

    id: str
    caption: str | None
    """The caption row (第二十条第（一）项), ``None`` for the tables of sections 三 and 四."""
    statute_item: str | None
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]

    def column(self, column_id: str) -> ColumnSpec:
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)

    @property
    def column_ids(self) -> tuple[str, ...]:
        """The ids of the columns, in order."""
        return _column_ids(self)


@functools.cache
def _column_ids(part: PartSpec) -> tuple[str, ...]:
    return tuple(c.id for c in part.columns)


@attrs.frozen(kw_only=True, cache_hash=True)
class TableSpec:
    """One of the three tables of a report (sections 二, 三 and 四)."""

    id: str
    section: str
    title: str
    parts: tuple[PartSpec, ...]
    column_groups: tuple[ColumnGroupSpec, ...] = ()
    corner_note: str | None = None
    label_column_header: str | None = None

    def data_rows(self) -> Iterator[tuple[PartSpec, RowSpec]]:
        """Every data row with the part it belongs to, in template order."""
        for part in self.parts:
            for row in part.rows:
                if row.data:
                    yield part, row

    def all_rows(self) -> Iterator[tuple[PartSpec, RowSpec]]:
        for part in self.parts:
            for row in part.rows:
                yield part, row

    def part_of(self, row_id: str) -> PartSpec:
        found = _row_index(self).get(row_id)
        if found is None:
            raise KeyError(row_id)
        return found[0]

    def row(self, row_id: str) -> RowSpec:
        found = _row_index(self).get(row_id)
        if found is None:
            raise KeyError(row_id)
        return found[1]

    def columns_of(self, row_id: str) -> tuple[ColumnSpec, ...]:
        return self.part_of(row_id).columns

    def cell_keys(self) -> Iterator[str]:
        """``table.row.column`` for every cell of the table, in template order."""
        for part, row in self.data_rows():
            for column in part.columns:
                yield cell_key(self.id, row.id, column.id)


@functools.cache
def _row_index(table: TableSpec) -> dict[str, tuple[PartSpec, RowSpec]]:
    index: dict[str, tuple[PartSpec, RowSpec]] = {}
    for part in table.parts:
        for row in part.rows:
            index.setdefault(row.id, (part, row))
    return index


class SectionKind(enum.Enum):
    TEXT = "text"
    TABLES = "tables"


@attrs.frozen(kw_only=True, cache_hash=True)
class SectionSpec:
    """One of the six sections required by 条例 Art. 50."""

    id: str
    number: str
    title: str
    kind: SectionKind
    statute_basis: str
    aliases: tuple[str, ...] = ()
    aliases_unverified: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


class RelationKind(enum.Enum):
    OFFICIAL_NOTE = "official_note"
    """Printed on the form itself (the corner note of section 三)."""
    STRUCTURAL = "structural"
    """Implied by the meaning of a 总计 label."""
    HEURISTIC = "heuristic"
    """Not official; a warning at most."""


@attrs.frozen(kw_only=True, cache_hash=True)
class Identity:
    """One instance of a relation: ``sum(lhs) == sum(rhs)`` over cell keys."""

    relation: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]

    @property
    def cells(self) -> tuple[str, ...]:
        return self.lhs + self.rhs


@attrs.frozen(kw_only=True, cache_hash=True)
class RelationSpec:
    """A consistency relation between cells of one report (spec R1–R5)."""

    id: str
    kind: RelationKind
    text: str
    """What the relation says, in the words of its source."""
    identities: tuple[Identity, ...]


@attrs.frozen(kw_only=True, cache_hash=True)
class FormatSpec:
    """Everything one national format prescribes."""

    format: Format
    issuing_document: str
    format_title: str
    report_years: str
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    relations: tuple[RelationSpec, ...]
    signals: tuple[str, ...]
    """Labels found only in documents of this format (used to detect the format from content)."""

    def table(self, table_id: str) -> TableSpec:
        found = _table_index(self).get(table_id)
        if found is None:
            raise KeyError(table_id)
        return found

    def section(self, section_id: str) -> SectionSpec:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def relation(self, relation_id: str) -> RelationSpec:
        for relation in self.relations:
            if relation.id == relation_id:
                return relation
        raise KeyError(relation_id)

    def cell_keys(self) -> Iterator[str]:
        for table in self.tables:
            yield from table.cell_keys()

    def column_spec(self, key: str) -> ColumnSpec:
        """The column a ``table.row.column`` key refers to (raises ``KeyError`` if none)."""
        table_id, row_id, column_id = split_cell_key(key)
        table = self.table(table_id)
        if not table.row(row_id).data:
            raise KeyError(key)
        return table.part_of(row_id).column(column_id)


REPORT_NAME = "政府信息公开工作年度报告"
"""What every report is called (条例 Art. 49); titles read ``{agency}{year}年政府信息公开工作年度报告``."""

PUBLISHED_LABEL = "发布日期"
"""The label of the publication date printed under a title (``发布日期：2021-01-20``)."""


def cell_key(table: str, row: str, column: str) -> str:
    """The public name of a cell: ``table.row.column`` (spec notation)."""
    return f"{table}.{row}.{column}"


def split_cell_key(key: str) -> tuple[str, str, str]:
    parts = key.split(".")
    if len(parts) != 3 or not all(parts):
        raise KeyError(key)
    return parts[0], parts[1], parts[2]


# --------------------------------------------------------------------------------------------------
# Sections (条例 Art. 50; headings identical in both formats)
# --------------------------------------------------------------------------------------------------

_SECTIONS = (
    SectionSpec(
        id="s1", number="一", title="总体情况", kind=SectionKind.TEXT,
        statute_basis="条例 Art. 50 (overview); 2021 format: 监督保障 carries Art. 50(四) second clause",
        aliases_unverified=("政府信息公开工作总体情况",),
    ),
    SectionSpec(
        id="s2", number="二", title="主动公开政府信息情况", kind=SectionKind.TABLES,
        statute_basis="条例 Art. 50(一); Art. 20 items", tables=("active_disclosure",),
        aliases=("主动公开政府信息的情况", "行政机关主动公开政府信息情况"),
    ),
    SectionSpec(
        id="s3", number="三", title="收到和处理政府信息公开申请情况", kind=SectionKind.TABLES,
        statute_basis="条例 Art. 50(二)", tables=("requests",),
        aliases=("行政机关收到和处理政府信息公开申请情况",),
    ),
    SectionSpec(
        id="s4", number="四", title="政府信息公开行政复议、行政诉讼情况", kind=SectionKind.TABLES,
        statute_basis="条例 Art. 50(三)", tables=("review_litigation",),
        aliases=(
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "政府信息公开行政复议及行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
        ),
    ),
    SectionSpec(
        id="s5", number="五", title="存在的主要问题及改进情况", kind=SectionKind.TEXT,
        statute_basis="条例 Art. 50(四) first clause",
        aliases=(
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的问题及改进情况",
            "存在的主要问题和改进措施",
            "存在问题及改进情况",
        ),
    ),
    SectionSpec(
        id="s6", number="六", title="其他需要报告的事项", kind=SectionKind.TEXT,
        statute_basis="条例 Art. 50(五); 2021 format: 信息处理费",
    ),
)

# --------------------------------------------------------------------------------------------------
# Section 二: 主动公开政府信息情况 (条例 Art. 20 items)
# --------------------------------------------------------------------------------------------------

_ITEM_COLUMNS_2019 = (
    ColumnSpec(id="prev_year_items", label="上一年项目数量", unit="项"),
    ColumnSpec(
        id="change", label="本年增/减", unit="项", value_type=ValueType.SIGNED,
        aliases_unverified=("本年增减",),
    ),
    ColumnSpec(id="decisions", label="处理决定数量"),
)

_AD_2019 = TableSpec(
    id="active_disclosure", section="s2", title="主动公开政府信息情况", label_column_header="信息内容",
    parts=(
        PartSpec(
            id="art20_1", caption="第二十条第（一）项", statute_item="条例 Art. 20(一) 行政法规、规章和规范性文件",
            columns=(
                ColumnSpec(id="made_new", label="本年新制作数量", aliases=("本年新 制作数量",)),
                ColumnSpec(id="published_new", label="本年新公开数量", aliases=("本年新 公开数量",)),
                ColumnSpec(id="total_public", label="对外公开总数量"),
            ),
            rows=(
                RowSpec(id="rules", label="规章"),
                RowSpec(id="normative_docs", label="规范性文件"),
            ),
        ),
        PartSpec(
            id="art20_5", caption="第二十条第（五）项",
            statute_item="条例 Art. 20(五) 行政许可和其他对外管理服务事项",
            columns=_ITEM_COLUMNS_2019,
            rows=(
                RowSpec(id="admin_license", label="行政许可"),
                RowSpec(id="other_mgmt_services", label="其他对外管理服务事项"),
            ),
        ),
        PartSpec(
            id="art20_6", caption="第二十条第（六）项", statute_item="条例 Art. 20(六) 行政处罚、行政强制",
            columns=_ITEM_COLUMNS_2019,
            rows=(
                RowSpec(id="admin_penalty", label="行政处罚"),
                RowSpec(id="admin_coercion", label="行政强制"),
            ),
        ),
        PartSpec(
            id="art20_8", caption="第二十条第（八）项", statute_item="条例 Art. 20(八) 行政事业性收费项目",
            columns=_ITEM_COLUMNS_2019[:2],
            rows=(RowSpec(id="admin_fees", label="行政事业性收费"),),
        ),
        PartSpec(
            id="art20_9", caption="第二十条第（九）项", statute_item="条例 Art. 20(九) 政府集中采购",
            columns=(
                ColumnSpec(id="procurement_projects", label="采购项目数量", unit="项"),
                ColumnSpec(
                    id="procurement_amount", label="采购总金额", unit=None, value_type=ValueType.AMOUNT,
                ),
            ),
            rows=(RowSpec(id="centralized_procurement", label="政府集中采购"),),
        ),
    ),
)

_DECISIONS_2021 = (ColumnSpec(id="decisions", label="本年处理决定数量"),)

_AD_2021 = TableSpec(
    id="active_disclosure", section="s2", title="主动公开政府信息情况", label_column_header="信息内容",
    parts=(
        PartSpec(
            id="art20_1", caption="第二十条第（一）项", statute_item="条例 Art. 20(一) 行政法规、规章和规范性文件",
            columns=(
                ColumnSpec(id="issued", label="本年制发件数"),
                ColumnSpec(id="repealed", label="本年废止件数"),
                ColumnSpec(
                    id="in_force", label="现行有效件数",
                    aliases=("现行有效件数(历史累计)", "现行有效件数 (历史累计)"),
                ),
            ),
            rows=(
                RowSpec(id="rules", label="规章"),
                RowSpec(id="admin_normative_docs", label="行政规范性文件", aliases_unverified=("规范性文件",)),
            ),
        ),
        PartSpec(
            id="art20_5", caption="第二十条第（五）项", statute_item="条例 Art. 20(五) 行政许可",
            columns=_DECISIONS_2021,
            rows=(RowSpec(id="admin_license", label="行政许可"),),
        ),
        PartSpec(
            id="art20_6", caption="第二十条第（六）项", statute_item="条例 Art. 20(六) 行政处罚、行政强制",
            columns=_DECISIONS_2021,
            rows=(
                RowSpec(id="admin_penalty", label="行政处罚"),
                RowSpec(id="admin_coercion", label="行政强制"),
            ),
        ),
        PartSpec(
            id="art20_8", caption="第二十条第（八）项", statute_item="条例 Art. 20(八) 行政事业性收费",
            columns=(
                ColumnSpec(
                    id="fee_amount", label="本年收费金额（单位：万元）", unit="万元", unit_explicit=True,
                    value_type=ValueType.AMOUNT, aliases=("本年收费金额(单位:万元)",),
                    aliases_unverified=("本年收费金额", "本年收费金额（万元）"),
                ),
            ),
            rows=(RowSpec(id="admin_fees", label="行政事业性收费"),),
        ),
    ),
)

# --------------------------------------------------------------------------------------------------
# Section 三: 收到和处理政府信息公开申请情况 (identical in both formats except （六）)
# --------------------------------------------------------------------------------------------------

_APPLICANT_GROUPS = (
    ColumnGroupSpec(id="applicant", label="申请人情况"),
    ColumnGroupSpec(
        id="legal_or_other", label="法人或其他组织", parent="applicant",
        aliases_unverified=("法人或者其他组织",),
    ),
)

_APPLICANT_COLUMNS = (
    ColumnSpec(id="natural_person", label="自然人", parent="applicant"),
    ColumnSpec(id="commercial_enterprise", label="商业企业", parent="legal_or_other", aliases=("商业 企业",)),
    ColumnSpec(id="research_institution", label="科研机构", parent="legal_or_other", aliases=("科研 机构",)),
    ColumnSpec(
        id="public_welfare_org", label="社会公益组织", parent="legal_or_other",
        aliases_unverified=("公益组织", "社会组织"),
    ),
    ColumnSpec(id="legal_service_org", label="法律服务机构", parent="legal_or_other"),
    ColumnSpec(id="other_org", label="其他", parent="legal_or_other"),
    ColumnSpec(id="total", label="总计", parent="applicant", derived=True, aliases_unverified=("合计",)),
)

APPLICANT_COLUMN_IDS = tuple(column.id for column in _APPLICANT_COLUMNS)

_ROWS_HEAD = (
    RowSpec(id="new_received", label="本年新收政府信息公开申请数量", number="一、"),
    RowSpec(id="carried_over", label="上年结转政府信息公开申请数量", number="二、"),
    RowSpec(id="results", label="本年度办理结果", number="三、", data=False),
    RowSpec(id="granted", label="予以公开", number="（一）", parent="results"),
    RowSpec(
        id="partial", label="部分公开（区分处理的，只计这一情形，不计其他情形）", number="（二）",
        parent="results", aliases=("部分公开",),
    ),
    RowSpec(id="denied", label="不予公开", number="（三）", parent="results", data=False),
    RowSpec(
        id="denied_state_secret", label="属于国家秘密", number="1.", parent="denied",
        aliases=("国家秘密",), statute="条例 Art. 14",
    ),
    RowSpec(
        id="denied_law_prohibited", label="其他法律行政法规禁止公开", number="2.", parent="denied",
        aliases=("法律行政法规禁止公开",), statute="条例 Art. 14",
    ),
    RowSpec(
        id="denied_three_safety_one_stability", label="危及“三安全一稳定”", number="3.", parent="denied",
        aliases=('危及"三安全一稳定"', "危及'三安全一稳定'", "危及三安全一稳定"), statute="条例 Art. 14",
    ),
    RowSpec(
        id="denied_third_party", label="保护第三方合法权益", number="4.", parent="denied",
        statute="条例 Art. 15",
    ),
    RowSpec(
        id="denied_internal_affairs", label="属于三类内部事务信息", number="5.", parent="denied",
        aliases=("三类内部事务信息",), statute="条例 Art. 16 para 1",
    ),
    RowSpec(
        id="denied_process_info", label="属于四类过程性信息", number="6.", parent="denied",
        aliases=("四类过程性信息",), statute="条例 Art. 16 para 2",
    ),
    RowSpec(
        id="denied_enforcement_file", label="属于行政执法案卷", number="7.", parent="denied",
        aliases=("行政执法案卷",), statute="条例 Art. 16 para 2",
    ),
    RowSpec(
        id="denied_admin_query", label="属于行政查询事项", number="8.", parent="denied",
        aliases=("行政查询事项",), statute="条例 Art. 36(7)",
    ),
    RowSpec(id="unable", label="无法提供", number="（四）", parent="results", data=False),
    RowSpec(
        id="unable_not_held", label="本机关不掌握相关政府信息", number="1.", parent="unable",
        aliases_unverified=("本机关不掌握相关信息", "不掌握相关政府信息"), statute="条例 Art. 36(4)(5)",
    ),
    RowSpec(
        id="unable_need_creation", label="没有现成信息需要另行制作", number="2.", parent="unable",
        statute="条例 Art. 38",
    ),
    RowSpec(
        id="unable_unclear", label="补正后申请内容仍不明确", number="3.", parent="unable",
        statute="条例 Art. 30",
    ),
    RowSpec(id="not_processed", label="不予处理", number="（五）", parent="results", data=False),
    RowSpec(
        id="np_petition", label="信访举报投诉类申请", number="1.", parent="not_processed",
        statute="条例 Art. 39 para 1",
    ),
    RowSpec(id="np_repeat", label="重复申请", number="2.", parent="not_processed", statute="条例 Art. 36(6)"),
    RowSpec(
        id="np_publication", label="要求提供公开出版物", number="3.", parent="not_processed",
        statute="条例 Art. 39 para 2",
    ),
    RowSpec(
        id="np_mass_repeat", label="无正当理由大量反复申请", number="4.", parent="not_processed",
        statute="条例 Art. 35",
    ),
    RowSpec(
        id="np_confirm", label="要求行政机关确认或重新出具已获取信息", number="5.", parent="not_processed",
        aliases_unverified=("要求行政机关确认或重新出具",),
    ),
)

_ROWS_TAIL = (
    RowSpec(
        id="total_processed", label="总计", number="（七）", parent="results",
        aliases_unverified=("合计", "办理结果合计"),
    ),
    RowSpec(
        id="carried_forward", label="结转下年度继续办理", number="四、", aliases_unverified=("结转下年度",),
    ),
)

_OTHER_2019 = (RowSpec(id="other", label="其他处理", number="（六）", parent="results"),)

_OTHER_2021 = (
    RowSpec(id="other", label="其他处理", number="（六）", parent="results", data=False),
    RowSpec(
        id="other_no_correction",
        label="申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", number="1.", parent="other",
        aliases_unverified=(
            "申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
            "申请人无正当理由逾期不补正",
            "逾期不补正",
        ),
        statute="条例 Art. 30",
    ),
    RowSpec(
        id="other_fee_unpaid",
        label="申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", number="2.",
        parent="other",
        aliases_unverified=(
            "申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用",
        ),
        statute="条例 Art. 42; 国办函〔2020〕109号",
    ),
    RowSpec(id="other_other", label="其他", number="3.", parent="other"),
)

_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _requests(other_rows: tuple[RowSpec, ...]) -> TableSpec:
    return TableSpec(
        id="requests", section="s3", title="收到和处理政府信息公开申请情况",
        corner_note=_CORNER_NOTE, column_groups=_APPLICANT_GROUPS,
        parts=(
            PartSpec(
                id="requests", caption=None, statute_item="条例 Art. 50(二)", columns=_APPLICANT_COLUMNS,
                rows=_ROWS_HEAD + other_rows + _ROWS_TAIL,
            ),
        ),
    )


# --------------------------------------------------------------------------------------------------
# Section 四: 政府信息公开行政复议、行政诉讼情况 (identical in both formats)
# --------------------------------------------------------------------------------------------------

_REVIEW_GROUPS = (
    ColumnGroupSpec(id="review", label="行政复议"),
    ColumnGroupSpec(id="litigation", label="行政诉讼"),
    ColumnGroupSpec(
        id="lit_direct", label="未经复议直接起诉", parent="litigation", aliases_unverified=("未经复议直接诉讼",),
    ),
    ColumnGroupSpec(
        id="lit_after_review", label="复议后起诉", parent="litigation", aliases_unverified=("复议后诉讼",),
    ),
)

_OUTCOMES = (
    ("upheld", "结果维持", ("维持",)),
    ("corrected", "结果纠正", ("纠正",)),
    ("other", "其他结果", ()),
    ("pending", "尚未审结", ()),
    ("total", "总计", ()),
)

_REVIEW_COLUMNS = tuple(
    ColumnSpec(
        id=f"{group}_{outcome}", label=label, parent=group, derived=outcome == "total",
        aliases_unverified=unverified,
    )
    for group in ("review", "lit_direct", "lit_after_review")
    for outcome, label, unverified in _OUTCOMES
)

REVIEW_GROUP_IDS = ("review", "lit_direct", "lit_after_review")

_REVIEW = TableSpec(
    id="review_litigation", section="s4", title="政府信息公开行政复议、行政诉讼情况",
    column_groups=_REVIEW_GROUPS,
    parts=(
        PartSpec(
            id="review_litigation", caption=None, statute_item="条例 Art. 50(三)", columns=_REVIEW_COLUMNS,
            rows=(RowSpec(id="count", label=""),),
        ),
    ),
)

# --------------------------------------------------------------------------------------------------
# Relations R1–R5 (spec section 7), expanded into identities over cell keys
# --------------------------------------------------------------------------------------------------


def _req(row: str, column: str) -> str:
    return cell_key("requests", row, column)


def _relations(requests: TableSpec) -> tuple[RelationSpec, ...]:
    data_rows = [row.id for _, row in requests.data_rows()]
    outcome_rows = [r for r in data_rows if r not in ("new_received", "carried_over", "total_processed",
                                                        "carried_forward")]
    leaves = APPLICANT_COLUMN_IDS[:-1]
    r1 = RelationSpec(
        id="R1", kind=RelationKind.OFFICIAL_NOTE,
        text="本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
        identities=tuple(
            Identity(
                relation="R1",
                lhs=(_req("new_received", c), _req("carried_over", c)),
                rhs=(_req("total_processed", c), _req("carried_forward", c)),
            )
            for c in APPLICANT_COLUMN_IDS
        ),
    )
    r3 = RelationSpec(
        id="R3", kind=RelationKind.STRUCTURAL,
        text="总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 (every data row)",
        identities=tuple(
            Identity(relation="R3", lhs=(_req(r, "total"),), rhs=tuple(_req(r, c) for c in leaves))
            for r in data_rows
        ),
    )
    r4 = RelationSpec(
        id="R4", kind=RelationKind.STRUCTURAL,
        text="（七）总计 = the sum of every outcome row （一）…（六） (every applicant column)",
        identities=tuple(
            Identity(
                relation="R4", lhs=(_req("total_processed", c),),
                rhs=tuple(_req(r, c) for r in outcome_rows),
            )
            for c in APPLICANT_COLUMN_IDS
        ),
    )
    r5 = RelationSpec(
        id="R5", kind=RelationKind.STRUCTURAL,
        text="总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (行政复议, 未经复议直接起诉, 复议后起诉)",
        identities=tuple(
            Identity(
                relation="R5",
                lhs=(cell_key("review_litigation", "count", f"{g}_total"),),
                rhs=tuple(
                    cell_key("review_litigation", "count", f"{g}_{o}")
                    for o in ("upheld", "corrected", "other", "pending")
                ),
            )
            for g in REVIEW_GROUP_IDS
        ),
    )
    return (r1, r3, r4, r5)


_REQUESTS_2019 = _requests(_OTHER_2019)
_REQUESTS_2021 = _requests(_OTHER_2021)

FORMATS: Mapping[Format, FormatSpec] = MappingProxyType({
    Format.V2019: FormatSpec(
        format=Format.V2019,
        issuing_document="国办公开办函〔2019〕60号",
        format_title="中华人民共和国政府信息公开工作年度报告格式（试行）",
        report_years="2019–2020",
        sections=_SECTIONS,
        tables=(_AD_2019, _REQUESTS_2019, _REVIEW),
        relations=_relations(_REQUESTS_2019),
        signals=(
            "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
            "其他对外管理服务事项", "第二十条第（九）项", "采购项目数量", "采购总金额", "国办公开办函〔2019〕60号",
        ),
    ),
    Format.V2021: FormatSpec(
        format=Format.V2021,
        issuing_document="国办公开办函〔2021〕30号",
        format_title="中华人民共和国政府信息公开工作年度报告格式",
        report_years="2021 onward",
        sections=_SECTIONS,
        tables=(_AD_2021, _REQUESTS_2021, _REVIEW),
        relations=_relations(_REQUESTS_2021),
        signals=(
            "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
            "申请人无正当理由逾期不补正", "逾期未按收费通知要求缴纳费用", "国办公开办函〔2021〕30号",
        ),
    ),
})


@functools.cache
def _table_index(template: FormatSpec) -> dict[str, TableSpec]:
    index: dict[str, TableSpec] = {}
    for table in template.tables:
        index.setdefault(table.id, table)
    return index


def spec(format: Format) -> FormatSpec:
    """The template of one format."""
    return FORMATS[format]


# --------------------------------------------------------------------------------------------------
# Crosswalk 2019 ↔ 2021 (spec section 4.3 and 5.3)
# --------------------------------------------------------------------------------------------------


class Comparability(enum.Enum):
    SAME = "same"
    """The cells mean the same thing in both formats."""
    SUM = "sum"
    """The 2019 cell equals the sum of the listed 2021 cells."""
    RELATED = "related"
    """Similar meaning, not guaranteed equal; compare with care."""
    NONE = "none"
    """Not comparable (different meaning or removed)."""


@attrs.frozen(kw_only=True, cache_hash=True)
class CrosswalkEntry:
    """How cells of the 2019 format relate to cells of the 2021 format."""

    comparability: Comparability
    cells_2019: tuple[str, ...]
    cells_2021: tuple[str, ...]
    note: str = ""


def _crosswalk() -> tuple[CrosswalkEntry, ...]:
    entries: list[CrosswalkEntry] = []
    ad = "active_disclosure"
    entries.append(CrosswalkEntry(
        comparability=Comparability.SAME, cells_2019=(cell_key(ad, "rules", "made_new"),),
        cells_2021=(cell_key(ad, "rules", "issued"),),
        note="本年新制作数量 and 本年制发件数 both count the rules made in the year",
    ))
    entries.append(CrosswalkEntry(
        comparability=Comparability.RELATED, cells_2019=(cell_key(ad, "normative_docs", "made_new"),),
        cells_2021=(cell_key(ad, "admin_normative_docs", "issued"),),
        note="2019 规范性文件 vs 2021 行政规范性文件: the row was renamed and narrowed",
    ))
    for row_2019, row_2021 in (("rules", "rules"), ("normative_docs", "admin_normative_docs")):
        entries.append(CrosswalkEntry(
            comparability=Comparability.NONE,
            cells_2019=(cell_key(ad, row_2019, "published_new"), cell_key(ad, row_2019, "total_public")),
            cells_2021=(cell_key(ad, row_2021, "repealed"), cell_key(ad, row_2021, "in_force")),
            note="对外公开总数量 (documents ever published) is not 现行有效件数 (documents in force); "
                 "本年新公开数量 has no 2021 counterpart and 本年废止件数 no 2019 one",
        ))
    for row in ("admin_license", "admin_penalty", "admin_coercion"):
        entries.append(CrosswalkEntry(
            comparability=Comparability.SAME, cells_2019=(cell_key(ad, row, "decisions"),),
            cells_2021=(cell_key(ad, row, "decisions"),),
            note="处理决定数量 became 本年处理决定数量",
        ))
        entries.append(CrosswalkEntry(
            comparability=Comparability.NONE,
            cells_2019=(cell_key(ad, row, "prev_year_items"), cell_key(ad, row, "change")),
            cells_2021=(), note="item counts were dropped in 2021",
        ))
    entries.append(CrosswalkEntry(
        comparability=Comparability.NONE,
        cells_2019=tuple(cell_key(ad, "other_mgmt_services", c.id) for c in _ITEM_COLUMNS_2019),
        cells_2021=(), note="其他对外管理服务事项 was removed in 2021",
    ))
    entries.append(CrosswalkEntry(
        comparability=Comparability.NONE,
        cells_2019=(cell_key(ad, "admin_fees", "prev_year_items"), cell_key(ad, "admin_fees", "change")),
        cells_2021=(cell_key(ad, "admin_fees", "fee_amount"),),
        note="2019 counts fee items; 2021 reports the amount collected (万元)",
    ))
    entries.append(CrosswalkEntry(
        comparability=Comparability.NONE,
        cells_2019=(
            cell_key(ad, "centralized_procurement", "procurement_projects"),
            cell_key(ad, "centralized_procurement", "procurement_amount"),
        ),
        cells_2021=(), note="第二十条第（九）项 政府集中采购 was removed in 2021",
    ))
    for _, request_row in _REQUESTS_2019.data_rows():
        for applicant in APPLICANT_COLUMN_IDS:
            if request_row.id == "other":
                entries.append(CrosswalkEntry(
                    comparability=Comparability.SUM, cells_2019=(_req("other", applicant),),
                    cells_2021=tuple(
                        _req(r, applicant) for r in ("other_no_correction", "other_fee_unpaid", "other_other")
                    ),
                    note="2019 （六）其他处理 = the sum of the three 2021 （六） sub-rows",
                ))
            else:
                entries.append(CrosswalkEntry(
                    comparability=Comparability.SAME, cells_2019=(_req(request_row.id, applicant),),
                    cells_2021=(_req(request_row.id, applicant),),
                ))
    for review_column in _REVIEW_COLUMNS:
        key = cell_key("review_litigation", "count", review_column.id)
        entries.append(CrosswalkEntry(comparability=Comparability.SAME, cells_2019=(key,), cells_2021=(key,)))
    return tuple(entries)


CROSSWALK: tuple[CrosswalkEntry, ...] = _crosswalk()
"""Every cell of either format appears in exactly one entry (tested)."""
