"""The report as one printable HTML file: inline CSS for A4, an inline SVG chart per
table, no script and nothing loaded from anywhere (its policy forbids it too)."""

from __future__ import annotations

from html import escape

from fzgen.report.chart import bar_chart
from fzgen.report.tables import Section, SiteReport, Words
from fzgen.report.text import cell_text, plain

STYLE = """\
@page { size: A4; margin: 15mm 12mm; }
body { font: 10pt/1.35 "Segoe UI", Arial, sans-serif; color: #111; margin: 0 auto;
  max-width: 186mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
.as-of, .note { color: #444; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 0 0 2mm; }
th, td { border: 0.2mm solid #999; padding: 0.6mm 1mm; text-align: left;
  vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.chart { width: 120mm; height: auto; display: block; margin: 1mm 0 3mm; }
.chart rect { fill: #3a6ea5; }
.chart text { font: 11px Arial, sans-serif; fill: #111; }
section { break-inside: auto; }
.site + .site { break-before: page; }
"""
#: Nothing may be loaded or run: styles and images only from the file itself.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def html_report(reports: list[SiteReport], words: Words) -> str:
    """Every site's report in one self-contained HTML document."""
    title = words("document_title", year=reports[0].year) if reports else ""
    head = (
        f'<!DOCTYPE html>\n<html lang="{words.language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        f"<title>{escape(plain(title, words.language))}</title>\n<style>\n{STYLE}</style>\n"
        "</head>\n<body>\n"
    )
    body = "".join(site_html(report, words) for report in reports)
    return head + body + "</body>\n</html>\n"


def site_html(report: SiteReport, words: Words) -> str:
    """One site: its name, the year and the day on top, then every table with its chart."""
    language = words.language
    title = words("title", name=report.name, year=report.year)
    as_of = words("as_of", today=words.catalogue.date(report.today, "long"))
    parts = [
        '<article class="site">\n',
        f"<h1>{escape(plain(title, language))}</h1>\n",
        f'<p class="as-of">{escape(as_of)}</p>\n',
    ]
    parts += [section_html(section, words) for section in report.sections]
    parts.append("</article>\n")
    return "".join(parts)


def section_html(section: Section, words: Words) -> str:
    """One table under its title, its note and its chart."""
    language = words.language
    parts = [f'<section id="{escape(section.key)}">\n<h2>{escape(section.title)}</h2>\n']
    if section.note:
        parts.append(f'<p class="note">{escape(plain(section.note, language))}</p>\n')
    bars = [(plain(label, language), value) for label, value in section.chart]
    parts.append(bar_chart(bars, section.title))
    if not section.rows:
        parts.append(f"<p>{escape(words('nothing'))}</p>\n</section>\n")
        return "".join(parts)
    header = "".join(f"<th>{escape(column)}</th>" for column in section.columns)
    parts.append(f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n")
    for row in section.rows:
        cells = "".join(
            f'<td class="n">{value}</td>'
            if isinstance(value, int)
            else f"<td>{escape(cell_text(value, language, words.medium_date))}</td>"
            for value in row
        )
        parts.append(f"<tr>{cells}</tr>\n")
    parts.append("</tbody>\n</table>\n</section>\n")
    return "".join(parts)
