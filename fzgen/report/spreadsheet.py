"""The report as CSV for a German Excel: semicolons, UTF-8 with a byte order mark
(else Excel reads the umlauts as Windows-1252), dates as TT.MM.JJJJ, numbers plain.

One file holds every table one below the other, as a coordinator pastes them into
a workbook: a row with the site and the day, then per table a row with its title,
the row of column names and its rows, and an empty row before the next.
"""

from __future__ import annotations

import csv
import io

from fzgen.report.tables import SiteReport, Words
from fzgen.report.text import cell_text, german_date

BOM = "\ufeff"
#: A cell starting so is a formula to Excel: a title like `=HYPERLINK(…)` would run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object, language: str) -> str:
    """A cell Excel shows as written: a text that would start a formula gets a `'`."""
    text = cell_text(value, language, german_date)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_report(reports: list[SiteReport], words: Words) -> bytes:
    """Every site's tables as one CSV file (bytes: UTF-8 with BOM, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    language = words.language
    for index, report in enumerate(reports):
        if index:
            writer.writerow([])
        title = words("title", name=report.name, year=report.year)
        as_of = words("as_of", today=german_date(report.today))
        writer.writerow([safe_cell(title, language), safe_cell(as_of, language)])
        for section in report.sections:
            writer.writerow([])
            writer.writerow([safe_cell(section.title, language)])
            writer.writerow([safe_cell(c, language) for c in section.columns])
            for row in section.rows:
                writer.writerow([safe_cell(v, language) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")
