"""Report-level metadata from the title, key–value lines and page metadata: year, agency, date."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

from dateutil import parser as date_parser

from govdisclosure._text import chinese_number, normalise, sources_of
from govdisclosure.template import PUBLISHED_LABEL

__all__ = [
    "agency_from_lines",
    "agency_from_title",
    "dates_the_page",
    "find_title",
    "is_published_line",
    "parse_date",
    "published_from",
    "year_from_text",
    "year_from_title",
]

_TITLE_KEYS = re.compile(r"^\s*(?:标题|题目|名称|文章标题|信息名称)\s*[:：]?\s*(?P<value>.+?)\s*$")
_REPORT_WORDS = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?报告|政务公开(?:工作)?(?:年度)?报告|年度报告")
# The short name (政府信息公开年报) makes a title only with a year: alone it is a site's menu entry.
_SHORT_NAME = re.compile(r"(?:信息|政务)公开(?:工作)?年报")
_YEAR = re.compile(r"(?P<digits>(?:19|20)\d{2})\s*年|(?P<chinese>[〇零○一二三四五六七八九]{4})\s*年")
_SUFFIX = re.compile(r"\s*[_|｜—–-]+\s*[^_|｜]*$")


def _year_match(text: str) -> int | None:
    for match in _YEAR.finditer(text):
        digits = match.group("digits")
        year = int(digits) if digits else chinese_number(match.group("chinese")) or 0
        if 2000 <= year <= 2100:
            return year
    return None


# A title may print its year without 年: 某某局政府信息公开工作年度报告（2022）, 某某局2022政府信息公开…
_BARE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def year_from_title(title: str) -> int | None:
    text = normalise(title)
    year = _year_match(text)
    if year is None:
        for match in _BARE_YEAR.finditer(text):
            if 2000 <= (value := int(match.group())) <= 2100:
                return value
    return year


_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|周期|范围)[^。；;]{0,12}?(?P<year>(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年\s*1\s*月\s*1\s*日")


def year_from_text(texts: Iterable[str]) -> int | None:
    """The reporting year from a statistics-period sentence, else the first year named outside the
    lines that date the page (``发布时间：2023年01月31日``, ``（2023年1月16日）``): a report is published
    in the year after the one it reports on (条例 Art. 49–50), so the date it is published on names
    the wrong year."""
    texts = [normalise(t) for t in texts]
    for text in texts:
        match = _PERIOD.search(text)
        if match:
            raw = match.group("year")
            year = int(raw) if raw.isdigit() else chinese_number(raw)
            if year and 2000 <= year <= 2100:
                return year
    for text in texts:
        if _dates_the_page(text):
            continue
        year = _year_match(text[:2000])
        if year is not None:
            return year
    return None


def dates_the_page(line: str) -> bool:
    """Whether ``line`` (not normalised) dates the page: see :func:`_dates_the_page`."""
    return _dates_the_page(normalise(line))


def _dates_the_page(line: str) -> bool:
    """A short line that is a date alone (brackets aside) or a date key with its date (``发布日期：…``,
    ``发布时间：2023年1月20日 来源：…``); ``line`` is normalised."""
    if len(line) > 80:
        return False
    bare = line.strip().strip("()[]")
    if parse_date(bare, whole=True) is not None:
        return True
    return any((match := key.search(line)) is not None and parse_date(match.group("value")) is not None
               for key in _DATE_KEYS)


_NOT_TITLE = ("根据", "本报告", "本年度报告", "按照", "依据", "依照", "为", "现将", "现向")


def _report_name(text: str) -> re.Match[str] | None:
    """Where ``text`` names the report (政府信息公开工作年度报告; 政府信息公开年报 only beside a year)."""
    found = _REPORT_WORDS.search(text)
    if found is None and "年报" in text and (short := _SHORT_NAME.search(text)) is not None \
            and year_from_title(text) is not None:
        return short
    return found


def _title_like(text: str) -> bool:
    return _report_name(text) is not None and not text.startswith(_NOT_TITLE) and len(text) <= 80


def find_title(lines: Sequence[str], meta: dict[str, str], *, fallback: Sequence[str] = ()) -> str | None:
    """The report title: a ``标题:`` line, a preamble line naming the report, the page metadata, or
    (last) a title-like line outside the report body."""
    for line in [*lines, *fallback]:
        match = _TITLE_KEYS.match(line)
        if match and _report_name(match.group("value")):
            return _strip_site(match.group("value"))
    for i, line in enumerate(lines):
        text = line.strip()
        if _title_like(text):
            return _undated(text)
        if i + 1 < len(lines) and _year_match(text) and len(text) < 40:
            joined = text + lines[i + 1].strip()
            if _title_like(joined):
                return _undated(joined)
        if len(text) > 80 and not text.startswith(_NOT_TITLE):
            head = _REPORT_WORDS.search(text)
            if head and head.start() < 60 and _year_match(text[: head.end()]):
                return text[: head.end()].strip()
    value = meta.get("articletitle")
    if value and _report_name(value):
        return _strip_site(value)
    for line in fallback:
        text = line.strip()
        if _title_like(text) and _year_match(text):
            return text
    value = meta.get("title")
    if value and _report_name(value):
        return _strip_site(value)
    return None


def _undated(title: str) -> str:
    """``title`` without the page's date printed after the report's name on its line
    (``…年度报告 发布日期：2020-01-01``; such a date lives in ``Report.published``)."""
    name = _report_name(title)
    if name is not None and (tail := title[name.end():].strip()) and dates_the_page(tail):
        return title[:name.end()].rstrip()
    return title


def _strip_site(title: str) -> str:
    """``平潭…年度报告_政府信息公开年报_平潭…`` → ``平潭…年度报告``."""
    match = _report_name(title)
    if match:
        rest = title[match.end():]
        cut = _SUFFIX.match(rest)
        if cut and cut.group(0).strip():
            return title[: match.end()].strip()
    return title.strip()


_AGENCY_NOISE = re.compile(r"^(?:关于)?|[《》“”\"]|(?:的)?$")


# Where the agency's name ends in a title: the year, 关于, or the report's subject (政府信息公开工作 …)
# followed by a year, 年度, 报告, a bracket or the end.
_AGENCY_END = re.compile(
    r"(?<!\d)(?:19|20)\d{2}(?!\d)年?|[〇零○一二三四五六七八九]{4}年|关于"
    r"|(?:政府)?(?:信息公开|政务公开)(?:工作)?(?=(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}|年度|的?(?:年度)?(?:报告|年报)|[(\[]|$)"
    r"|年度报告")
# A notice that publishes the report (关于印发《…年度报告》的通知): the title names the report after it.
_NOTICE = re.compile(r"关于(?:印发|公布|发布|公开|转发|报送)[《\"]?")
_LEADING_YEAR = re.compile(r"^(?:(?:19|20)\d{2}(?!\d)年?|[〇零○一二三四五六七八九]{4}年)度?")


def agency_from_title(title: str) -> str | None:
    """The agency a title names: what comes before its year or its subject (某某局关于2021年度…的年度报告 →
    某某局; 2021年某某区政府信息公开工作年度报告 → 某某区)."""
    text = _LEADING_YEAR.sub("", re.sub(r"\s+", "", normalise(title)))
    notice = _NOTICE.search(text)
    if notice:
        # 关于印发某某县人民政府2021年…年度报告的通知: the report's agency, else the notice's issuer
        # (某某县人民政府办公室关于印发2021年…的通知).
        inner = agency_from_title(text[notice.end():])
        if inner:
            return inner
        text = text[:notice.start()]
    if text.startswith("关于"):  # 关于某某县2019年度政府信息公开工作的年度报告
        text = _LEADING_YEAR.sub("", text[2:])
    match = _AGENCY_END.search(text)
    if match:
        text = text[: match.start()]
    text = _AGENCY_NOISE.sub("", text).strip("，,:：。 ")
    return text or None


_CHINESE_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})")


_WHOLE_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?")


def parse_date(text: str, *, whole: bool = False) -> datetime.date | None:
    """A date printed as ``2021-01-20``, ``2021/1/20``, ``2021.1.20``, ``2021年1月20日`` or
    ``2021-01-20 15:22``; ``None`` if there is none (or it is no calendar date).

    ``whole=True`` accepts only a text that is one such date and nothing else (a command-line
    argument); otherwise the first date in the text counts.
    """
    value = normalise(text).strip()
    if whole:
        match = _WHOLE_DATE.fullmatch(re.sub(r"\s+", "", value))
        return None if match is None else _calendar_date(match)
    for pattern in (_CHINESE_DATE, _ISO_DATE):
        match = pattern.search(value)
        if match:
            return _calendar_date(match)
    if not re.search(r"(?:19|20)\d{2}", value) or len(re.findall(r"\d+", value)) < 3:
        return None  # dateutil would fill a missing year or month from today
    try:
        parsed = date_parser.parse(value, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return parsed.date()


def _calendar_date(match: re.Match[str]) -> datetime.date | None:
    try:
        # (datetime checks days per month and leap years; the patterns allow no other year, month or
        # day forms: the same dates dateutil gives, at a fraction of its cost)
        return datetime.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


# The words that key a date or an agency on a page's lines (regular expressions: a look-behind keeps
# 采集时间 out), the sure ones first. Every date key holds one of _DATE_KEY_CHARS and every agency key
# one of _AGENCY_KEY_CHARS (tests/test_read_variants.py checks): a line that cannot hold one once
# normalised is neither normalised nor searched.
_DATE_KEY_WORDS = (("发布时间", PUBLISHED_LABEL, "公开日期", "发文日期", "成文日期", "印发日期"),
                   ("生成日期", "(?<!采集)日期", "(?<![采抓]集)时间"))
_AGENCY_KEY_WORDS = ("发布机构", "发文机关", "发布单位", "来源单位", "信息来源", "公开主体")
_DATE_KEY_CHARS = "期间"
_AGENCY_KEY_CHARS = "构关位源体"
_DATE_KEYS = tuple(re.compile(rf"(?:{'|'.join(words)})\s*[:：]?\s*(?P<value>[0-9][^\s]*(?:\s+[0-9:]+)?)")
                   for words in _DATE_KEY_WORDS)
_AGENCY_KEYS = re.compile(rf"(?:{'|'.join(_AGENCY_KEY_WORDS)})\s*[:：]?\s*(?P<value>[^\s:：]{{2,40}})")


def _may_hold(line: str, chars: str) -> bool:
    """Whether ``line``, normalised, can hold one of ``chars`` (CJK ideographs, which no ASCII
    character normalises to)."""
    return not line.isascii() and any(ch in line for ch in sources_of(chars))


_PUBLISHED_LINE = re.compile(rf"^\s*{PUBLISHED_LABEL}\s*[:：]\s*(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\s*$")


def is_published_line(line: str) -> bool:
    """``发布日期：2021-01-20`` and nothing else (the line :attr:`Report.published` is printed as)."""
    return bool(_PUBLISHED_LINE.match(line))


def published_from(lines: Sequence[str], meta: dict[str, str]) -> datetime.date | None:
    normalised = []  # (each line that may hold a key normalised once, as far as the first search needs)
    for line in lines:
        if not _may_hold(line, _DATE_KEY_CHARS):
            continue
        normalised.append(text := normalise(line))
        match = _DATE_KEYS[0].search(text)
        if match and (date := parse_date(match.group("value"))):
            return date
    for key in ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "article:published_time",
                "dc.date", "date"):
        value = meta.get(key)
        if value and (date := parse_date(value)):
            return date
    for line in normalised:
        match = _DATE_KEYS[1].search(line)
        if match and (date := parse_date(match.group("value"))):
            return date
    return None


_SIGNATURE = re.compile(
    r"^(?P<agency>[\u4e00-\u9fff()]{2,40}?(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|厅|署|院|中心|委|办))"
    r"\s*(?P<date>[\d\s年月日./-]*)$")


# A signature glued to the report's last sentence (lines joined when the page was copied):
# ``暂无其他需要报告的事项。中牟县人民政府``. Only a name that starts with a place and is no clause
# of the sentence (请联系…, 详见…) counts.
_GLUED_SIGNATURE = re.compile(r"[。！？!?；;]\s*(?P<name>[^。！？!?；;]{3,60})$")
_PLACE_START = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|州|盟|地区|县|区|旗)")
_CLAUSE_START = re.compile(r"^(?:请|如|由|向|经|据|按|对|为|在|将|已|是|和|与|及|并|我|本|该|各|全|详|见|可|咨询|联系)")


def signature(lines: Sequence[str]) -> tuple[str | None, datetime.date | None]:
    """The agency and date a report is signed with at its end (``某某县人民政府办公室`` then
    ``2021年1月28日``, or both on one line, or the name glued to the last sentence); ``lines`` are
    the document's last lines."""
    tail = [normalise(line).strip() for line in lines if line.strip()][-3:]
    if tail and _SIGNATURE.match(tail[-1]) is None:
        glued = _GLUED_SIGNATURE.search(tail[-1])
        name = "" if glued is None else glued.group("name").strip()
        if name and _PLACE_START.match(name) and not _CLAUSE_START.match(name) and _SIGNATURE.match(name):
            tail[-1] = name
    for i in range(len(tail) - 1, -1, -1):
        match = _SIGNATURE.match(tail[i])
        if match is None:
            continue
        if match.group("date"):
            date = parse_date(match.group("date"), whole=True)
            if date is None:
                continue
            return match.group("agency"), date
        after = tail[i + 1] if i + 1 < len(tail) else ""
        date = parse_date(after, whole=True) if after else None
        if date is not None or i == len(tail) - 1:
            return match.group("agency"), date
    return None, None


def agency_from_lines(lines: Iterable[str], meta: dict[str, str]) -> str | None:
    for line in lines:
        if not _may_hold(line, _AGENCY_KEY_CHARS):
            continue
        match = _AGENCY_KEYS.search(normalise(line))
        if match:
            return match.group("value")
    for key in ("contentsource", "author"):
        value = meta.get(key)
        if value and len(value) <= 40:
            return value
    return None

