"""The report as Markdown: headings and pipe tables that paste into a Word report
(through any Markdown preview or pandoc)."""

from __future__ import annotations

import re

from fzgen.report.tables import Section, SiteReport, Words
from fzgen.report.text import cell_text, plain

#: Characters that would make a text Markdown (emphasis, links, HTML, a cell's end):
#: written with a backslash, which CommonMark allows before any punctuation.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def escaped(text: str) -> str:
    """A text that Markdown shows as written."""
    return _SPECIAL.sub(r"\\\1", text)


def markdown_report(reports: list[SiteReport], words: Words) -> str:
    """Every site's report, one after the other."""
    parts = [site_markdown(report, words) for report in reports]
    return "\n\n".join(parts) + "\n"


def site_markdown(report: SiteReport, words: Words) -> str:
    """One site: a heading with name, year and day, then each table under its title."""
    title = words("title", name=report.name, year=report.year)
    lines = [f"# {escaped(plain(title, words.language))}", ""]
    lines.append(escaped(words("as_of", today=words.medium_date(report.today))))
    for section in report.sections:
        lines += ["", *section_markdown(section, words)]
    return "\n".join(lines)


def section_markdown(section: Section, words: Words) -> list[str]:
    """One table: title, note, the table (or a line saying there is nothing to count)."""
    lines = [f"## {escaped(section.title)}", ""]
    if section.note:
        lines += [escaped(plain(section.note, words.language)), ""]
    if not section.rows:
        return [*lines, escaped(words("nothing"))]
    numeric = [isinstance(value, int) for value in section.rows[0]]
    lines.append("| " + " | ".join(escaped(c) for c in section.columns) + " |")
    lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    for row in section.rows:
        texts = (escaped(cell_text(v, words.language, words.medium_date)) for v in row)
        lines.append("| " + " | ".join(texts) + " |")
    return lines
