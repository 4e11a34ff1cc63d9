"""`fzgen report`: a year's figures of a site for the Jahresprogramm and the Sachbericht,
as Markdown, CSV (German Excel) or printable HTML; on the terminal or into one file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from fzgen.build.pipeline import validate
from fzgen.commands.common import EXIT_OK, Commands, Parser, help_for
from fzgen.content.coverage import status
from fzgen.content.loader import Content
from fzgen.errors import ContentError, Diagnostic, UsageError
from fzgen.messages import cli_text
from fzgen.project import Project, reference_date
from fzgen.report.attendance import read_attendance
from fzgen.report.figures import count_site
from fzgen.report.html import html_report
from fzgen.report.languages import language_figures
from fzgen.report.markdown import markdown_report
from fzgen.report.spreadsheet import csv_report
from fzgen.report.tables import SiteReport, Words, site_report
from fzgen.theme.catalogue import load_catalogues

FORMATS = ("md", "csv", "html")
SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".html": "html", ".htm": "html"}
#: Years a report can be about (a schedule's dates are real calendar dates).
YEARS = range(2000, 2101)


def add_parser(commands: Commands, options: Parser) -> None:
    """The `report` command's arguments."""
    parser = commands.add_parser("report", parents=[options], help=help_for("report"))
    parser.add_argument("--site", help=help_for("report.site"))
    parser.add_argument("--year", type=year, help=help_for("report.year"))
    parser.add_argument("--format", choices=FORMATS, help=help_for("report.format"))
    parser.add_argument("--output", type=Path, metavar=help_for("metavar.output_file"),
                        help=help_for("report.output"))  # fmt: skip


def year(text: str) -> int:
    """A year from the command line: four digits, 2000 to 2100."""
    value = int(text) if text.strip().isdigit() else 0
    if value not in YEARS:
        raise argparse.ArgumentTypeError(cli_text("report_year", Parser.language, value=text))
    return value


def run(project: Project, args: argparse.Namespace) -> int:
    """Count, lay out in the chosen format, and print or write the report."""
    today = reference_date()
    chosen_year = args.year or today.year
    form = args.format or SUFFIXES.get(args.output.suffix.lower() if args.output else "", "md")
    if args.output is not None:
        refuse_content_folder(project, args.output)
    content = validate(project, args.site)[0]
    language = args.lang
    catalogue = load_catalogues(project.translations_dir, [language])[language]
    words = Words(language, catalogue)
    reports = site_reports(content, chosen_year, today, words)
    data = render(form, reports, words)
    if args.output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return EXIT_OK
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    sites = len(reports)
    print(cli_text("report_written", language, file=str(args.output), sites=sites,
                   year=str(chosen_year)))  # fmt: skip
    return EXIT_OK


def refuse_content_folder(project: Project, output: Path) -> None:
    """A report never goes into the content folder: below `files/` it would be published."""
    target = output.resolve()
    if target.is_relative_to(project.content_dir):
        raise UsageError("report_in_content", path=str(output))


def site_reports(content: Content, year: int, today: dt.date, words: Words) -> list[SiteReport]:
    """Each site's tables, after its attendance list is read; every bad row stops it."""
    rows = status(content)
    reports, problems = [], []
    for site in content.sites:
        figures = count_site(site, year, today, words.language)
        attendance, found = read_attendance(content.root, site.slug, year, figures.offers)
        problems += found
        languages = language_figures(site, rows)
        reports.append(site_report(figures, languages, attendance, words))
    errors: list[Diagnostic] = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return reports


def render(form: str, reports: list[SiteReport], words: Words) -> str | bytes:
    """The report in `form`: Markdown and HTML as text, CSV as bytes (with its BOM)."""
    if form == "csv":
        return csv_report(reports, words)
    if form == "html":
        return html_report(reports, words)
    return markdown_report(reports, words)
