"""Corpus web pages converted as users convert them: printed to PDF, then to text or Markdown.

``tests/data/converted`` holds what common tools make of three corpus pages (see its README): PDF
from wkhtmltopdf or LibreOffice; text from ``pdftotext`` (with and without ``-layout``), PyMuPDF,
pdfplumber and pdfminer.six; Markdown from pymupdf4llm and Pandoc. The hand-checked figures of the
page are the truth. A reader may leave a cell null where the converted text no longer determines
it, but never reads a wrong number, and never reads a number where the page has none. The floors
pin how many cells each conversion gives back today, so that a change that loses some shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure import read
from tests.conftest import CORPUS, expected_for
from tests.test_read_corpus import _values, compare_cells

CONVERTED = Path(__file__).parent / "data" / "converted"

# Expected numbers read back exactly, at least (of 198 / 200 / 75).
FLOORS = {
    "pingtan-2019-html.libreoffice-pdfplumber.txt": 191,
    "pingtan-2019-html.libreoffice-pdftotext-layout.txt": 198,
    "pingtan-2019-html.wkhtmltopdf-pdftotext-layout.txt": 198,
    "pingtan-2019-html.wkhtmltopdf-pymupdf.txt": 198,
    "pingtan-2022-html.libreoffice-pdftotext-layout.txt": 200,
    "pingtan-2022-html.libreoffice-pdftotext.txt": 101,  # blank-free, but printed column by column in places
    "pingtan-2022-html.wkhtmltopdf-pdftotext-layout.txt": 200,
    "pingtan-2022-html.wkhtmltopdf-pdfminer.txt": 3,  # text boxes: whole columns of figures apart
    "pingtan-2022-html.wkhtmltopdf-pdftotext.txt": 12,  # cells printed column by column
    "pingtan-2022-html.wkhtmltopdf-pymupdf4llm.md": 200,
    "shuyang-fgw-2023-html.pandoc-docx-markdown.md": 75,
    # Blank cells (null, not 0) in every row of section 三: the rows on the table's first page are
    # placed under its wrapped headers; the page after it (other column positions, no header) stays
    # undetermined.
    "shuyang-fgw-2023-html.wkhtmltopdf-pdftotext-layout.txt": 35,
    "pingtan-2019-html.w3m-dump.txt": 198,
    "pingtan-2022-html.w3m-dump.txt": 200,
    "shuyang-fgw-2023-html.w3m-dump.txt": 75,
    "pingtan-2019-html.lynx-dump.txt": 198,
    "pingtan-2022-html.lynx-dump.txt": 200,
    # lynx prints a cell's paragraphs one per line and no blank cell: rows with blank cells stay
    # undetermined
    "shuyang-fgw-2023-html.lynx-dump.txt": 25,
}


def converted() -> list[Path]:
    return sorted(p for p in CONVERTED.iterdir() if p.name != "README.md")


def test_every_converted_file_has_a_floor() -> None:
    assert sorted(FLOORS) == [p.name for p in converted()]


@pytest.mark.parametrize("path", converted(), ids=lambda p: p.name)
def test_converted_report_reads_no_wrong_number(path: Path) -> None:
    page = path.name.split(".")[0]
    expected = expected_for(CORPUS / f"{page}.html")
    report = read(path)
    assert report.format is not None and report.format.value == expected["format"]
    assert report.year == expected["year"]
    wrong, _, exact = compare_cells(expected, _values(report, expected.get("units", {})))
    assert wrong == []
    assert exact >= FLOORS[path.name]
