"""The report as tables, the same for every format: one `Section` per subject, each with
its columns, rows and the figures of its chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fzgen.content.model import Audience, Category, OfferStatus, PartnerKind
from fzgen.messages import wording
from fzgen.report.attendance import Attendance
from fzgen.report.figures import Group, OfferFigures, SiteFigures, grouped, text_in
from fzgen.report.languages import LanguageFigures
from fzgen.theme.catalogue import Catalogue

Cell = str | int | dt.date
#: The offers' spoken languages that no offer names: counted under this key.
UNSTATED = ""


@dataclass(frozen=True)
class Section:
    """One table of the report, with the bars of its chart (label, value)."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: tuple[tuple[str, int], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class SiteReport:
    """One site's part of the report: its name, the year, the day, the tables."""

    slug: str
    name: str
    year: int
    today: dt.date
    sections: tuple[Section, ...] = field(default_factory=tuple)


class Words:
    """The report's wording in one language, and the labels of the sites' vocabularies."""

    def __init__(self, language: str, catalogue: Catalogue) -> None:
        self.language = language
        self.catalogue = catalogue
        self.texts = wording(language).report

    def __call__(self, key: str, **params: object) -> str:
        return self.texts[key].format(**params)

    def months(self) -> tuple[str, ...]:
        """The months' short names (`Jan`, `Feb`, …)."""
        return tuple(self.texts["months"].split("|"))

    def medium_date(self, day: dt.date) -> str:
        """A date in a table: `05.01.2027`, `Jan 5, 2027`."""
        return self.catalogue.date(day, "medium")

    def label(self, vocabulary: str, code: str) -> str:
        """A word of a closed list (`category.meeting`) as the site's catalogue says it."""
        return self.catalogue(f"{vocabulary}.{code}")

    def language_name(self, code: str) -> str:
        """A language's name, with its code: `Türkisch (tr)`."""
        if code == UNSTATED:
            return self("unstated")
        return f"{self.catalogue.language_name(code)} ({code})"


def site_report(
    figures: SiteFigures,
    languages: Sequence[LanguageFigures],
    attendance: Attendance | None,
    words: Words,
) -> SiteReport:
    """Every table of one site's report, in the order a Sachbericht reads them."""
    sections = [
        offers_section(figures, words),
        *group_sections(figures, words),
        special_section(figures, words),
        undated_section(figures, words),
        cancelled_section(figures, words),
        network_section(figures, words),
        languages_section(languages, words),
    ]
    if attendance is not None:
        sections.append(attendance_section(figures, attendance, words))
    name = text_in(figures.site.name, words.language)
    return SiteReport(figures.content.slug, name, figures.year, figures.today, tuple(sections))


def offers_section(figures: SiteFigures, words: Words) -> Section:
    """Every offer with dates: per month, in total, cancelled, still planned."""
    columns = (words("offer"), *words.months(), words("total"), words("cancelled"),
               words("planned"))  # fmt: skip
    rows: list[tuple[Cell, ...]] = [
        (offer.title, *offer.held, offer.total, sum(offer.cancelled), offer.planned)
        for offer in figures.dated
    ]
    per_month = figures.per_month()
    total = sum(per_month)
    cancelled = sum(sum(offer.cancelled) for offer in figures.dated)
    planned = sum(offer.planned for offer in figures.dated)
    rows.append((words("sum"), *per_month, total, cancelled, planned))
    chart = tuple(zip(words.months(), per_month, strict=True))
    note = words("offers_note", year=figures.year, today=words.catalogue.date(figures.today))
    return Section("dates", words("dates_title"), columns, tuple(rows), chart, note)


def group_section(
    key: str, groups: list[Group], label: Callable[[str], str], words: Words
) -> Section:
    """Offers and their dates under each key of a vocabulary."""
    columns = (words(f"{key}_column"), words("offers"), words("dates"), words("titles"))
    rows = tuple(
        (label(g.key), len(g.offers), g.dates, ", ".join(o.title for o in g.offers)) for g in groups
    )
    chart = tuple((label(g.key), len(g.offers)) for g in groups)
    return Section(key, words(f"{key}_title"), columns, rows, chart, words("groups_note"))


def group_sections(figures: SiteFigures, words: Words) -> list[Section]:
    """Offers by category, by audience and by the language they are held in."""
    offers = figures.in_year
    categories = {o.slug: [c.value for c in o.offer.categories] for o in offers}
    audiences = {o.slug: [a.value for a in o.offer.audience] for o in offers}
    spoken = {o.slug: list(o.offer.languages) or [UNSTATED] for o in offers}
    order = sorted({code for codes in spoken.values() for code in codes if code}, key=lambda c: (
        -sum(c in codes for codes in spoken.values()), c))  # fmt: skip
    return [
        group_section("category", grouped(offers, categories, [c.value for c in Category]),
                      lambda k: words.label("category", k), words),
        group_section("audience", grouped(offers, audiences, [a.value for a in Audience]),
                      lambda k: words.label("audience", k), words),
        group_section("language", grouped(offers, spoken, [*order, UNSTATED]),
                      words.language_name, words),
    ]  # fmt: skip


def special_section(figures: SiteFigures, words: Words) -> Section:
    """Low-threshold and integration offers (Durchführungshinweise 5 and 6), offers with
    an interpreter, with childcare."""
    kinds: dict[str, Callable[[OfferFigures], bool]] = {
        "low_threshold": lambda o: o.low_threshold,
        "integration": lambda o: o.integration,
        "interpreter": lambda o: bool(o.offer.interpreter),
        "childcare": lambda o: bool(o.offer.childcare),
    }
    columns = (words("kind"), words("offers"), words("dates"), words("titles"))
    rows, chart = [], []
    for key, test in kinds.items():
        chosen = [o for o in figures.in_year if test(o)]
        label = words(f"special_{key}")
        rows.append((label, len(chosen), sum(o.total for o in chosen),
                     ", ".join(o.title for o in chosen)))  # fmt: skip
        chart.append((label, len(chosen)))
    return Section("special", words("special_title"), columns, tuple(rows), tuple(chart),
                   words("special_note"))  # fmt: skip


def undated_section(figures: SiteFigures, words: Words) -> Section:
    """Offers by appointment, paused or ended: not, or not wholly, in the date counts."""
    rows = []
    for offer in figures.undated:
        reason = str(offer.offer.status)
        if offer.offer.status == OfferStatus.ACTIVE:
            reason = "appointment" if offer.by_appointment else "none"
        rows.append((offer.title, words(f"undated_{reason}"), offer.total))
    columns = (words("offer"), words("why"), words("dates"))
    return Section("undated", words("undated_title"), columns, tuple(rows), (),
                   words("undated_note"))  # fmt: skip


def cancelled_section(figures: SiteFigures, words: Words) -> Section:
    """Every cancelled date, and the days the whole centre was closed."""
    rows: list[tuple[Cell, ...]] = [
        (c.day, c.day, c.offer, c.reason or "") for c in figures.cancellations()
    ]
    rows += [(first, last, words("closed"), reason or "") for first, last, reason
             in figures.closures()]  # fmt: skip
    rows.sort(key=lambda row: (row[0], str(row[2])))
    columns = (words("from"), words("until"), words("offer"), words("reason"))
    cancelled = [sum(o.cancelled[m] for o in figures.offers) for m in range(12)]
    chart = tuple(zip(words.months(), cancelled, strict=True))
    return Section("cancelled", words("cancelled_title"), columns, tuple(rows), chart,
                   words("cancelled_note"))  # fmt: skip


def network_section(figures: SiteFigures, words: Words) -> Section:
    """The Verbund: each partner with its kind and the offers it hosts."""
    rows = []
    for kind in PartnerKind:
        for partner in (p for p in figures.site.partners if p.kind == kind):
            hosted = [o for o in figures.in_year if o.offer.location == partner.id]
            rows.append((text_in(partner.name, words.language), words.label("partner_kind", kind),
                         len(hosted), sum(o.total for o in hosted),
                         ", ".join(o.title for o in hosted)))  # fmt: skip
    columns = (words("partner"), words("kind"), words("offers"), words("dates"), words("titles"))
    chart = tuple(
        (words.label("partner_kind", kind), sum(1 for p in figures.site.partners if p.kind == kind))
        for kind in PartnerKind
        if any(p.kind == kind for p in figures.site.partners)
    )
    return Section("network", words("network_title"), columns, tuple(rows), chart,
                   words("network_note"))  # fmt: skip


def languages_section(languages: Sequence[LanguageFigures], words: Words) -> Section:
    """Each language of the site: texts translated, missing (with words), outdated."""
    columns = (words("site_language"), words("texts"), words("translated"), words("missing"),
               words("missing_words"), words("outdated"), words("percent"))  # fmt: skip
    rows = tuple(
        (words.language_name(f.language) + (words("source") if f.source else ""), f.total,
         f.translated, f.missing, f.missing_words, f.outdated, f.percent)
        for f in languages
    )  # fmt: skip
    chart = tuple((words.language_name(f.language), f.percent) for f in languages)
    return Section("languages", words("languages_title"), columns, rows, chart,
                   words("languages_note"))  # fmt: skip


def attendance_section(figures: SiteFigures, attendance: Attendance, words: Words) -> Section:
    """Participants per offer and month, from the coordinator's attendance list."""
    columns = (words("offer"), *words.months(), words("total"), words("counted_dates"))
    titles = {o.slug: o.title for o in figures.offers}
    rows: list[tuple[Cell, ...]] = [
        (titles[slug], *months, sum(months), attendance.dates.get(slug, 0))
        for slug, months in attendance.participants.items()
    ]
    per_month = attendance.per_month()
    rows.append((words("sum"), *per_month, sum(per_month), sum(attendance.dates.values())))
    chart = tuple(zip(words.months(), per_month, strict=True))
    note = words("attendance_note", file=attendance.path)
    return Section("attendance", words("attendance_title"), columns, tuple(rows), chart, note)
