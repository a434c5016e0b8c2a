"""Figures stated in the prose of sections 一 and 六 (``govdisclosure._narrative``): precise, scoped, linear."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import Format, _narrative
from govdisclosure._narrative import Fact, narrative_facts
from govdisclosure.template import spec
from tests.conftest import CORPUS

V2019, V2021 = Format.V2019, Format.V2021


def section_one(name: str) -> str:
    """Section 一 of a corpus document, sliced by its headings (independent of the reader)."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        text = re.sub(r"<[^>]+>", "", text).replace("&nbsp;", " ")
    start = text.index("一、总体情况") + len("一、总体情况")
    return text[start: text.index("二、主动公开政府信息情况", start)]


def summary(facts: list[Fact]) -> list[tuple[tuple[str, ...], int | Decimal]]:
    return [(f.cells, f.value) for f in facts]


def req(row: str, column: str = "total") -> str:
    return f"requests.{row}.{column}"


def test_zhongmou_section_one_facts() -> None:
    facts = narrative_facts(section_one("zhongmou-2020.txt"), V2019)
    np_ = "natural_person"
    assert summary(facts) == [
        (("active_disclosure.admin_license.decisions",), 75295),
        (("active_disclosure.admin_penalty.decisions",), 4964),
        (("active_disclosure.admin_coercion.decisions",), 84),
        (("active_disclosure.other_mgmt_services.decisions",), 1379),
        (("active_disclosure.admin_fees.change",), 0),
        (("active_disclosure.centralized_procurement.procurement_projects",), 1),
        (("active_disclosure.centralized_procurement.procurement_amount",), Decimal(225)),
        ((req("new_received"),), 198),
        ((req("granted"),), 165),
        ((req("partial"),), 11),
        ((req("denied_third_party"),), 1),
        ((req("unable_not_held"),), 17),
        ((req("unable_need_creation"),), 2),
        ((req("carried_forward"),), 1),
        ((req("new_received", np_),), 147),
        ((req("granted", np_),), 115),
        ((req("partial", np_),), 11),
        ((req("denied_third_party", np_),), 1),
        ((req("unable_not_held", np_),), 16),
        ((req("unable_need_creation", np_),), 2),
        ((req("carried_forward", np_),), 1),
        ((req("new_received", "public_welfare_org"),), 1),
        ((req("unable_not_held", "public_welfare_org"),), 1),
        ((req("new_received", "legal_service_org"),), 2),
        ((req("granted", "legal_service_org"),), 2),
        ((req("new_received", "other_org"),), 48),
        ((req("granted", "other_org"),), 48),
    ]
    assert facts[6].unit == "万元"
    assert [f.text for f in facts[7:10]] == ["新收到申请函件198件", "予以公开165件", "部分公开11件"]
    assert facts[11].text == "本机关不掌握相关情况共17件"   # prose wording, not the table label


def test_shanghai_section_one_facts_sum_groups() -> None:
    facts = narrative_facts(section_one("shanghai-govoffice-2025-md.md"), V2021)
    template = spec(V2021).table("requests")
    denied = tuple(req(r.id) for _, r in template.data_rows() if r.parent == "denied")
    unable = tuple(req(r.id) for _, r in template.data_rows() if r.parent == "unable")
    not_processed = tuple(req(r.id) for _, r in template.data_rows() if r.parent == "not_processed")
    other = tuple(req(r.id) for _, r in template.data_rows() if r.parent == "other")
    assert summary(facts) == [
        ((req("new_received"),), 1295),
        ((req("total_processed"),), 1191),
        ((req("carried_over"),), 189),               # （含上年结转 189 件）
        ((req("granted"), req("partial")), 208),      # 予以公开及部分公开
        (denied, 20),
        (unable, 564),                                # 因本机关不掌握等原因无法提供: the group, not its first row
        (not_processed, 80),                          # 属信访、重复申请等不予处理
        (other, 319),                                 # the three 2021 sub-rows of （六）
    ]
    assert facts[3].text == "予以公开及部\n分公开 208 件"   # a line break inside the label


def test_pingtan_2022_facts() -> None:
    facts = narrative_facts(section_one("pingtan-2022-text.txt"), V2021)
    assert summary(facts) == [
        (("active_disclosure.admin_normative_docs.in_force",), 698),
        (("active_disclosure.admin_normative_docs.issued",), 88),
        ((req("new_received"),), 75),
        ((req("new_received", "natural_person"),), 72),
        ((req("new_received", "commercial_enterprise"),), 3),
        (("review_litigation.count.lit_direct_total", "review_litigation.count.lit_after_review_total"), 1),
        (("review_litigation.count.review_total",), 2),
    ]
    assert facts[1].text == "本年度制发的规范性文件88件"


def test_pingtan_2019_lists_no_table_figures() -> None:
    # "行政许可类信息69条", "施工许可证76条", "网络诉求3件": none of them is a table figure.
    assert narrative_facts(section_one("pingtan-2019-text.txt"), V2019) == []


def test_shuyang_received_applications() -> None:
    facts = narrative_facts(section_one("shuyang-fgw-2023-html.html"), V2021)
    assert summary(facts) == [((req("new_received"),), 26)]   # not "受理网络问政182件"


def test_offsets_point_at_the_clause() -> None:
    text = section_one("zhongmou-2020.txt")
    for fact in narrative_facts(text, V2019):
        assert text[fact.start:fact.end] == fact.text
        assert fact.section == "s1"
    assert {f.section for f in narrative_facts("予以公开3件。", V2021, section="s6")} == {"s6"}


@pytest.mark.parametrize("text", [
    "行政许可类信息69条。",                 # unit 条, and 类信息 between
    "非自然人申请8件。",                    # negated
    "不予以公开3件。",                      # 不 + 予以公开
    "共收到申请约100件。",                  # approximate
    "予以公开100余件。",                    # approximate
    "予以公开（含部分公开）20件。",          # a parenthesis between
    "公开115件。",                          # bare 公开 outside an applicant scope
    "申请人撤回和其他处理3件。",            # 申请人撤回 is not a row
    "全年主动公开政府信息14571条。",
    "行政处罚案件12件。",
    "办结率100%。",
    "予以公开17.46%。",
    "全年受理网络问政182件。",
    "全年主动公开市政府规章22件。",          # which column of 第二十条第（一）项? not said
    "收到申请3.5件。",
    "其他申请48件。",                        # the generic 其他 only in a list of applicants
    "自然人72件。",                          # a bare applicant only after new applications
])
def test_precision_no_fact(text: str) -> None:
    assert narrative_facts(text, V2021) == []


def test_conjoined_rows_are_summed() -> None:
    (fact,) = narrative_facts("保护第三方合法权益、属于国家秘密不予公开3件。", V2021)
    assert fact.cells == (req("denied_third_party"), req("denied_state_secret"))
    assert fact.value == 3


def test_prose_wording_of_rows() -> None:
    assert summary(narrative_facts("本机关不掌握相关信息未公开16件；需另行制作2件。", V2021)) == [
        ((req("unable_not_held"),), 16), ((req("unable_need_creation"),), 2),
    ]
    assert summary(narrative_facts("收到行政复议申请2件，提起行政诉讼1起。", V2021)) == [
        (("review_litigation.count.review_total",), 2),
        (("review_litigation.count.lit_direct_total", "review_litigation.count.lit_after_review_total"), 1),
    ]


def test_other_processing_differs_by_format() -> None:
    (fact_2019,) = narrative_facts("其他处理5件。", V2019)
    (fact_2021,) = narrative_facts("其他处理5件。", V2021)
    assert fact_2019.cells == (req("other"),)
    assert fact_2021.cells == (req("other_no_correction"), req("other_fee_unpaid"), req("other_other"))


def test_applicant_scope_ends_with_the_sub_sentence() -> None:
    facts = narrative_facts("自然人申请147件，予以公开100件；予以公开50件。予以公开150件。", V2021)
    assert summary(facts) == [
        ((req("new_received", "natural_person"),), 147),
        ((req("granted", "natural_person"),), 100),
        ((req("granted"),), 150),   # a new sentence is about the totals again; "予以公开50件" is unclear: dropped
    ]


def test_after_a_list_of_applicants_outcomes_are_unclear() -> None:
    facts = narrative_facts("自然人申请147件，法人或其他组织申请51件，予以公开165件。", V2021)
    assert [f.value for f in facts] == [147, 51]
    legal = facts[1].cells
    assert len(legal) == 5 and all(k.startswith("requests.new_received.") for k in legal)


def test_signed_change_and_amounts() -> None:
    assert summary(narrative_facts("行政事业性收费本年增减-3项。", V2019)) == [
        (("active_disclosure.admin_fees.change",), -3),
    ]
    (fee,) = narrative_facts("行政事业性收费12.5万元。", V2021)
    assert (fee.cells, fee.value, fee.unit) == (("active_disclosure.admin_fees.fee_amount",), Decimal("12.5"), "万元")
    # 2019: 第二十条第（五）项 prints item counts and decisions; only prose about 决定 names the column.
    assert narrative_facts("行政许可1165件。", V2019) == []
    assert summary(narrative_facts("处理决定行政许可1,234件。", V2019)) == [
        (("active_disclosure.admin_license.decisions",), 1234),
    ]


@given(st.text(alphabet="予以公开部分不掌握相关情况共新收到申请件项万元0123456789，。；、及等非自然人其他处理", max_size=80))
def test_any_text_gives_valid_facts(text: str) -> None:
    for fmt in Format:
        keys = set(spec(fmt).cell_keys())
        for fact in narrative_facts(text, fmt):
            assert set(fact.cells) <= keys
            assert text[fact.start:fact.end] == fact.text


def _calls(work: Callable[[], object]) -> int:
    """Python function calls made by ``work`` (a measure of work that does not depend on the machine)."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


_PROSE_PIECES = [*"0123456789０９.．,， \t\u3000\u00a0\n万元件项目起决定；;。！？!?中",
                 "\n\n", "\n \n", "\n\u3000\t\n", "决定", "12件", "1,234件", "3万元", "0.5 万元", "2项目", "7 起"]
_PROSE = st.lists(st.sampled_from(_PROSE_PIECES), max_size=30).map("".join)


@given(_PROSE)
def test_figures_found_from_their_units_are_the_regex_matches(text: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in _narrative._FIGURE.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _narrative._figures(text)] == expected


class _Recorder(_narrative._State):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def new_sentence(self) -> None:
        self.events.append("sentence")

    def new_sub_sentence(self) -> None:
        self.events.append("sub-sentence")


@given(_PROSE, st.data())
def test_sentence_state_follows_the_marks(text: str, data: st.DataObject) -> None:
    begin = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(begin, len(text)))
    # What _advance computes, by the plain definition: the last sentence end (a mark or a blank
    # line) in the gap, then any sub-sentence mark or 决定 after it.
    sentence_ends = [m.end() for m in re.compile(r"[。！？!?]|\n[ \t\u3000]*\n").finditer(text, begin, end)]
    rest = sentence_ends[-1] if sentence_ends else begin
    expected = ["sentence"] * bool(sentence_ends) + ["sub-sentence"] * bool(re.search("[；;]", text[rest:end]))
    state = _Recorder()
    _narrative._advance(state, text, begin, end)
    assert state.events == expected
    assert state.decision_context == ("决定" in text[rest:end])


@pytest.mark.parametrize(("text", "events"), [
    ("自然人申请3件\n \n公开", ["sentence"]),
    ("自然人申请3件\n公开", []),
    ("自然人申请3件；公开", ["sub-sentence"]),
    ("3件。其中；公开", ["sentence", "sub-sentence"]),
])
def test_sentence_state_marks(text: str, events: list[str]) -> None:
    state = _Recorder()
    _narrative._advance(state, text, 0, len(text))
    assert state.events == events


_CLAUSE_PIECES = ["予以公开", "部分公开", "不予公开", "本机关不掌握相关政府信息", "行政复议", "行政诉讼", "案件",
                  "自然人", "法人或其他组织", "商业企业", "申请", "收到", "新收", "现行有效", "制发", "废止", "规章",
                  "行政规范性文件", "共", "计", "为", ":", "等", "及", "和", "与", "参与", "涉及", "、", "其他",
                  "办结", "结转", "本年度", "全区", "情况", "等情况", "以及", "\n", "a", "1"]


@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=12).map("".join))
def test_searches_at_the_end_find_what_the_regex_search_finds(clause: str) -> None:
    patterns = [_narrative._ETC, _narrative._CONJUNCTION]
    for fmt in (V2019, V2021):
        vocabulary = _narrative._vocabulary(fmt)
        patterns += [vocabulary.combined, *vocabulary.head_columns.values()]
    for pattern in patterns:
        expected = pattern.search(clause)
        found = _narrative._end_search(pattern)(clause)
        assert (found and (found.span(), found.lastgroup)) == (expected and (expected.span(), expected.lastgroup))


@pytest.mark.parametrize(("pattern", "width", "first"), [
    ("x(?:ab)c$", 4, {"x"}),
    ("(?:ab|cd)?e$", 3, {"a", "c", "e"}),  # an optional start: what follows may begin the match
    ("[0-2]件$", 2, {"0", "1", "2"}),
    ("(?i:ab)c$", 3, None),  # case-insensitive: not listed
    ("a*$", None, None),  # unbounded and possibly empty: plain search
    ("(?<!参)与$", 1, {"与"}),  # a look-behind is zero width
])
def test_shape_of_a_pattern(pattern: str, width: int | None, first: set[str] | None) -> None:
    assert _narrative._shape(re.compile(pattern)) == (width, None if first is None else frozenset(first))


def test_long_text_is_linear() -> None:
    seed = section_one("zhongmou-2020.txt")
    small, large = seed * 20, seed * 200
    narrative_facts(seed, V2019)  # warm the caches
    assert len(narrative_facts(large, V2019)) == 10 * len(narrative_facts(small, V2019))
    calls_small = _calls(lambda: narrative_facts(small, V2019))
    calls_large = _calls(lambda: narrative_facts(large, V2019))
    assert calls_large < 12 * calls_small   # ten times the text, not a hundred times the work


def test_pathological_text_does_not_hang() -> None:
    # No boundary, every phrase a near-match: each figure still costs a bounded amount of work.
    text = ("行政许可" * 14 + "1件") * 2000 + "、" * 100_000 + "1件" * 20_000
    started = time.perf_counter()
    assert narrative_facts(text, V2019) == []
    assert time.perf_counter() - started < 10


@pytest.mark.slow
def test_fifty_megabytes(tmp_path: Path) -> None:
    seed = section_one("zhongmou-2020.txt")
    text = seed * (50_000_000 // len(seed))
    started = time.perf_counter()
    narrative_facts(text, V2019)
    assert time.perf_counter() - started < 120
