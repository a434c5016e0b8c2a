"""Bytes → text, and which layout a text is in.

Decoding order (readers issue): a byte-order mark; then the charset the document declares (HTML
``<meta charset>``/``http-equiv``, XML declaration), with gb2312/gbk/cp936 read as gb18030 (its
superset); then strict UTF-8; then gb18030. The HTML parser always receives ``str``: lxml cuts
GBK bytes short without a word.
"""

from __future__ import annotations

import codecs
import enum
import re

from govdisclosure.errors import DecodeError

__all__ = ["Layout", "decode", "detect_layout"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_DECLARED = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?\s*|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([a-zA-Z0-9_\-]{2,30})""",
    re.IGNORECASE,
)

_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb_2312", "gb-2312", "x-gbk", "gb18030", "euc-cn", "ms936", "936"}


class Layout(enum.Enum):
    """How a document's text is laid out."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


def _canonical(name: str) -> str | None:
    lowered = name.strip().lower()
    if lowered in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return None


def decode(data: bytes, *, source: str | None = None, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding used)``. Raises :class:`DecodeError` for binary junk."""
    if encoding is not None:
        enc = _canonical(encoding)
        if enc is None:
            raise DecodeError(f"unknown encoding {encoding!r}", source=source)
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {enc}: {exc.reason} at byte {exc.start}", source=source) from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                break
    match = _DECLARED.search(data[:4096])
    if match:
        enc = _canonical(match.group(1).decode("ascii"))
        if enc is not None:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass  # the declaration lies; fall through to detection
    if b"\x00" in data[:8192]:
        for enc in ("utf-16", "utf-32"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text, enc
        raise DecodeError("binary data, not a text document", source=source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"neither UTF-8 nor GB18030 text (bad byte at offset {exc.start})", source=source) from None
    return text, "gb18030"


_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|div|p|span)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"<(?:table|tr|td|p|div|br|span)\b[^>]*>", re.IGNORECASE)
_HTML_BLOCKS = re.compile(r"<(?:table|tr|td|p|div)\b[^>]*>", re.IGNORECASE)
_MD_TABLE = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def detect_layout(text: str) -> Layout:
    """HTML if the text starts like a page or is full of table/paragraph tags; Markdown if it has
    pipe tables or ``#`` headings; plain text otherwise."""
    head = text[:2048]
    if _HTML_START.match(head):
        return Layout.HTML
    sample = text[:200_000]
    # (Each pattern needs a character most plain text lacks: look for it before running the pattern.)
    pipes = "|" in sample
    tags = "<" in sample
    pipe_table = pipes and "---" in sample and _MD_RULE.search(sample) is not None \
        and _MD_TABLE.search(sample) is not None
    if pipe_table and (not tags or len(_HTML_BLOCKS.findall(sample)) < 5):
        return Layout.MARKDOWN  # pipe tables whose cells hold <br> or <sup> (PDF→Markdown converters)
    if tags and len(_HTML_TAGS.findall(sample)) >= 5:
        return Layout.HTML
    if pipe_table:
        return Layout.MARKDOWN
    if "#" in sample and _MD_HEADING.search(sample):
        if pipes and _MD_TABLE.search(sample):
            return Layout.MARKDOWN
        if len(_MD_HEADING.findall(sample)) >= 2:
            return Layout.MARKDOWN  # "# title" and "## 一、总体情况": Markdown without tables
    if pipes and len(_MD_TABLE.findall(sample)) >= 3:
        return Layout.MARKDOWN  # pipe tables without a separator row (some converters omit it)
    return Layout.TEXT
