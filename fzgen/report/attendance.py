"""The attendance a coordinator keeps in `<site>/attendance/<year>.csv`: counts only.

    date,offer,participants
    2027-01-05,elterncafe,12
    12.01.2027;elterncafe;9

Comma or semicolon (German Excel saves with semicolons), dates as `YYYY-MM-DD` or
`TT.MM.JJJJ`, the offer as its file name without `.yaml`. Every bad row is a
finding with file, line and column; the file is read through the site folder's
guard (no link out of the site is followed) and never published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fzgen.content.folder import SiteFolder
from fzgen.errors import Diagnostic
from fzgen.report.figures import OfferFigures

HEADER = ("date", "offer", "participants")
FOLDER = "attendance"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_GERMAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass(frozen=True)
class Attendance:
    """The participants counted per offer (slug) and month, and on how many dates."""

    path: str
    participants: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    dates: Mapping[str, int] = field(default_factory=dict)

    def total(self, slug: str) -> int:
        """Everyone counted at the offer over the year."""
        return sum(self.participants.get(slug, ()))

    def per_month(self) -> tuple[int, ...]:
        """Everyone counted at any offer, per month."""
        return tuple(sum(months[m] for months in self.participants.values()) for m in range(12))


def attendance_path(content_dir: Path, site: str, year: int) -> Path:
    """Where the attendance of `site` in `year` is kept."""
    return content_dir / site / FOLDER / f"{year}.csv"


def read_attendance(
    content_dir: Path, site: str, year: int, offers: Sequence[OfferFigures]
) -> tuple[Attendance | None, list[Diagnostic]]:
    """The site's attendance of `year` if it keeps one, and the findings about its rows."""
    path = attendance_path(content_dir, site, year)
    if not path.is_file() and not path.is_symlink():
        return None, []
    folder = SiteFolder(content_dir, content_dir / site)
    text = folder.read_text(path)
    if text is None:
        return None, folder.diagnostics
    return parse_attendance(text, folder.rel(path), year, offers)


def cells(line: str, delimiter: str) -> list[tuple[int, str]]:
    """The cells of one line with the column (1-based) each starts at; quotes as Excel
    writes them (`"a;b"`, `""` inside)."""
    found: list[tuple[int, str]] = []
    start, value, quoted, index = 0, [], False, 0
    while index < len(line):
        character = line[index]
        if quoted:
            if character == '"' and line[index + 1 : index + 2] == '"':
                value.append('"')
                index += 1
            elif character == '"':
                quoted = False
            else:
                value.append(character)
        elif character == '"':
            quoted = True
        elif character == delimiter:
            found.append((start + 1, "".join(value)))
            start, value = index + 1, []
        else:
            value.append(character)
        index += 1
    found.append((start + 1, "".join(value)))
    return found


def parse_date(text: str) -> dt.date | None:
    """`2027-01-05` or `05.01.2027` (also `5.1.2027`); None if it is neither or no day."""
    text = text.strip()
    iso, german = _ISO.fullmatch(text), _GERMAN.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if german:
            return dt.date(int(german[3]), int(german[2]), int(german[1]))
    except ValueError:
        return None
    return None


@dataclass
class _Reader:
    path: str
    year: int
    offers: Mapping[str, OfferFigures]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    participants: dict[str, list[int]] = field(default_factory=dict)
    dates: dict[str, set[dt.date]] = field(default_factory=dict)

    def problem(self, line: int, column: int, name: str, code: str, **params: str) -> None:
        where = (name,) if name else ()
        self.diagnostics.append(Diagnostic(self.path, code, line, column, where, params=params))

    def header(self, line: str) -> str | None:
        """The delimiter the header uses, if the header is the expected one."""
        for delimiter in (";", ","):
            names = [value.strip().lower() for _, value in cells(line, delimiter)]
            while len(names) > len(HEADER) and not names[-1]:
                names.pop()
            if tuple(names) == HEADER:
                return delimiter
        self.diagnostics.append(
            Diagnostic(self.path, "attendance_header", 1, 1, found=line.strip(),
                       params={"header": ",".join(HEADER)})
        )  # fmt: skip
        return None

    def row(self, number: int, line: str, delimiter: str) -> None:
        found = cells(line, delimiter)
        while len(found) > len(HEADER) and not found[-1][1].strip():
            found.pop()  # Excel ends rows with empty cells when another row is longer
        if len(found) != len(HEADER):
            column = found[len(HEADER)][0] if len(found) > len(HEADER) else len(line) + 1
            self.problem(number, column, "", "attendance_columns", count=str(len(found)))
            return
        (date_at, date_text), (offer_at, slug), (count_at, count_text) = found
        slug, day = slug.strip(), parse_date(date_text)
        offer = self.offers.get(slug)
        count = self.count(number, count_at, count_text)
        if offer is None:
            known = ", ".join(sorted(self.offers))
            self.problem(number, offer_at, "offer", "attendance_offer", value=slug, known=known)
        if day is None:
            self.problem(number, date_at, "date", "attendance_date", value=date_text.strip())
        elif day.year != self.year:
            self.problem(number, date_at, "date", "attendance_year", value=date_text.strip(),
                         year=str(self.year))  # fmt: skip
        elif offer is not None and not met_on(offer, day):
            self.problem(number, date_at, "date", "attendance_not_met", value=date_text.strip(),
                         offer=slug)  # fmt: skip
        elif offer is not None and count is not None:
            self.participants.setdefault(slug, [0] * 12)[day.month - 1] += count
            self.dates.setdefault(slug, set()).add(day)

    def count(self, number: int, column: int, text: str) -> int | None:
        value = text.strip()
        if re.fullmatch(r"\d{1,6}", value):
            return int(value)
        code = "attendance_negative" if re.fullmatch(r"-\s*\d+", value) else "attendance_number"
        self.problem(number, column, "participants", code, value=value)
        return None


def met_on(offer: OfferFigures, day: dt.date) -> bool:
    """Whether the offer met on `day`: one of its dates, or any day where its dates are
    arranged one by one (by appointment) or not known (paused, ended)."""
    return day in offer.days or offer.by_appointment or not offer.dated


def parse_attendance(
    text: str, path: str, year: int, offers: Sequence[OfferFigures]
) -> tuple[Attendance | None, list[Diagnostic]]:
    """The attendance in `text` (the file `path`), and a finding for every bad row."""
    reader = _Reader(path, year, {offer.slug: offer for offer in offers})
    lines = text.splitlines()
    delimiter = reader.header(lines[0]) if lines else None
    if delimiter is None:
        if not lines:
            reader.problem(1, 1, "", "attendance_header", header=",".join(HEADER))
        return None, reader.diagnostics
    for number, line in enumerate(lines[1:], start=2):
        if line.strip(" \t" + delimiter):
            reader.row(number, line, delimiter)
    if reader.diagnostics:
        return None, reader.diagnostics
    participants = {slug: tuple(months) for slug, months in sorted(reader.participants.items())}
    dates = {slug: len(days) for slug, days in reader.dates.items()}
    return Attendance(path, participants, dates), []
