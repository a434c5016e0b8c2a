"""Finding section headings and format signals: the quick searches against the plain regex ones."""

from __future__ import annotations

from re import _parser  # type: ignore[attr-defined]

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure._build import _HEADING, _HEADING_WIDTH, _HEADING_WORDS, _SIGNAL_FORMAT, _headings_in

# The parts the six titles are made of (every optional word of _TITLES), numerals, separators and prose.
_PIECES = ["一", "二", "三", "四", "五", "六", "、", ".", ",", ":", "进一步", "统一",
           "政府信息公开", "政务公开", "工作", "的", "总体情况", "行政机关", "主动公开政府信息", "情况",
           "收到和处理政府信息公开申请", "因", "被", "申请", "行政", "法", "复议", "和", "及", "与", "提起",
           "行政诉讼", "存在", "主要", "问题", "不足", "以及", "其", "改进", "整改", "措施", "方向", "计划",
           "举措", "其他需要报告的事项", "其他需报告的事项", "本年度", "。"]


def test_the_window_covers_the_widest_heading() -> None:
    assert _parser.parse(_HEADING.pattern).getwidth()[1] <= _HEADING_WIDTH


def _maybe(*options: str) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *options])


def _one(*options: str) -> st.SearchStrategy[str]:
    return st.sampled_from(options)


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


_PUBLIC = _joined(_one("政府信息公开", "政务公开"), _maybe("工作"))
# Each title of _TITLES, with its optional words drawn at random.
_TITLE = st.one_of(
    _joined(st.one_of(st.just(""), _PUBLIC), _maybe("的"), st.just("总体情况")),
    _joined(_maybe("行政机关"), st.just("主动公开政府信息"), _maybe("的"), _maybe("工作"), st.just("情况")),
    _joined(_maybe("行政机关"), st.just("收到和处理政府信息公开申请"), _maybe("的"), st.just("情况")),
    _joined(_maybe("因"), _joined(_maybe("政府信息公开"), _maybe("工作")), _maybe("被"), _maybe("申请"),
            st.just("行政"), _maybe("法"), st.just("复议"), _maybe("、", ",", "和", "及", "与"), _maybe("提起"),
            st.just("行政诉讼"), _maybe("的"), st.just("情况")),
    _joined(st.one_of(st.just(""), _PUBLIC), st.just("存在"), _maybe("的"), _maybe("主要"), _one("问题", "不足"),
            _maybe("及", "和", "与", "以及"), _maybe("其"), _one("改进", "整改"), _maybe("的"),
            _one("情况", "措施", "方向", "计划", "举措")),
    _one("其他需要报告的事项", "其他需报告的事项"),
)
_HEADING_TEXT = _joined(_one(*"一二三四五六"), _maybe("、", ".", ",", ":"), _TITLE)
_LINE = st.lists(st.one_of(st.sampled_from(_PIECES), _HEADING_TEXT), max_size=20).map("".join)


@given(_LINE)
def test_headings_are_those_the_regex_finds(text: str) -> None:
    expected = [(m.span(), m.lastgroup) for m in _HEADING.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in _headings_in(text)] == expected


def _overlap(a: str, b: str) -> bool:
    """``b`` inside ``a``, or an end of ``a`` that begins ``b``."""
    return b in a or any(a.endswith(b[:k]) for k in range(1, min(len(a), len(b))))


@pytest.mark.parametrize("words", [_HEADING_WORDS, tuple(_SIGNAL_FORMAT)], ids=["heading words", "format signals"])
def test_words_searched_apart_never_overlap(words: tuple[str, ...]) -> None:
    # Their occurrences, found word by word, are then the matches of one regex of them all.
    assert not [(a, b) for a in words for b in words if a != b and _overlap(a, b)]
    assert not [a for a in words if any(a.endswith(a[:k]) for k in range(1, len(a)))]
