"""Every calendar file, expanded by an independent iCalendar reader, gives exactly the
dates the offer's page lists: rhythms, several monthly ordinals, cancellations,
changes, closures and public holidays (issue 19, item 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import recurring_ical_events
from babel.dates import format_date
from conftest import SITE_YAML, write_tree
from icalendar import Calendar
from sitebuild import build_tree, soup

from fzgen.content.model import Offer, Site
from fzgen.content.yamlfile import parse_yaml
from fzgen.pages.dates import offer_dates

TODAY = dt.date(2026, 11, 25)  # the fixed day of test builds
HORIZON = TODAY + dt.timedelta(days=365)

SITE = (
    SITE_YAML
    + """\
closures:
  - from: 2026-12-21
    until: 2027-01-02
    reason: {de: Weihnachtsferien, en: Christmas holidays}
  - date: 2027-04-09
"""
)

OFFERS = {
    # every other Thursday: the Christmas closure takes one date, a cancellation another
    "deutschkurs": """\
title: Deutschkurs
summary: Deutsch lernen in kleiner Runde
categories: [learning]
location: kita-sonne
schedule:
  - weekly: donnerstag
    every: alle 14 Tage
    from: 2026-11-26
    time: 15:00-16:30
cancelled:
  - date: 2026-12-10
    reason: {de: Die Kursleiterin ist krank., en: The teacher is ill.}
changed:
  - date: 2027-01-07
    time: 16:00-17:30
    room: {de: Turnhalle}
""",
    # first and third Thursday: Ascension Day (6 May 2027) falls out
    "spieltreff": """\
title: Spieltreff
summary: Spielen am Nachmittag
categories: [meeting]
location: kita-sonne
schedule:
  - monthly: 1. und 3. Donnerstag
    time: 15:00-17:00
  - weekly: [mo, fr]
    time: 09:00-10:00
    until: 2027-06-30
    except: [2027-01-04]
""",
    # meets on holidays, but not in closures; one date moves to a partner
    "sonntagscafe": """\
title: Sonntagscafé
summary: Kaffee am Sonntag
categories: [meeting]
schedule:
  - weekly: sunday
    time: 14:00-16:00
    from: 2026-12-06
on_holidays: ja
changed:
  - date: 2026-12-13
    location: kita-sonne
""",
    # two weekdays every third week, counted from a Thursday; the last Friday moves
    "lernwerkstatt": """\
title: Lernwerkstatt
summary: Lernen mit Eltern
categories: [learning]
location: kita-sonne
schedule:
  - weekly: [di, do]
    every: 3
    from: 2026-11-26
    time: 16:00-17:00
  - monthly: letzter Freitag
    time: 10:00-11:00
changed:
  - date: 2027-01-29
    time: 11:00-12:00
""",
    # single dates: one cancelled, one changed, one on a public holiday (taking place)
    "feste": """\
title: Feste
summary: Feiern im Jahreslauf
categories: [leisure]
location: kita-sonne
schedule:
  - date: 2026-12-05
    time: 14:00-17:00
  - date: 2026-12-12
    time: 14:00-17:00
  - date: 2027-05-01
    time: 11:00-15:00
cancelled: [2026-12-12]
changed:
  - date: 2026-12-05
    time: 15:00-18:00
""",
}


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ics")
    files = {"content/test/site.yaml": SITE}
    files.update({f"content/test/offers/{slug}.yaml": text for slug, text in OFFERS.items()})
    write_tree(root, files)
    return build_tree(root / "content", root / "output")


def expanded(path: Path) -> list[tuple[dt.date, dt.time | None]]:
    """The dates an independent reader expands the file to, from the build day a year on."""
    calendar = Calendar.from_ical(path.read_bytes())
    found = []
    for event in recurring_ical_events.of(calendar).between(TODAY, HORIZON + dt.timedelta(days=1)):
        start = event["DTSTART"].dt
        if isinstance(start, dt.datetime):
            found.append((start.date(), start.time().replace(tzinfo=None)))
        else:
            found.append((start, None))
    return sorted(found, key=lambda d: (d[0], d[1] or dt.time(0)))


def model(model_type, text: str):  # type: ignore[no-untyped-def]
    document, _ = parse_yaml(text, "test.yaml")
    assert document is not None
    return model_type.model_validate(document.data)


def engine(slug: str, text: str | None = None) -> list[tuple[dt.date, dt.time | None]]:
    """The dates fzgen's own expansion gives (those that take place)."""
    site, offer = model(Site, SITE), model(Offer, text or OFFERS[slug])
    return [
        (o.day, o.time.start if o.time else None)
        for o in offer_dates(offer, site, TODAY, HORIZON)
        if o.takes_place
    ]


@pytest.mark.parametrize("slug", sorted(OFFERS))
def test_an_independent_reader_expands_each_file_to_fzgens_dates(output, slug):
    for language in ("de", "en", "tr"):
        path = output / f"test/{language}/angebote/{slug}/kalender.ics"
        assert expanded(path) == engine(slug), language


@pytest.mark.parametrize("slug", sorted(OFFERS))
def test_the_offer_page_lists_the_dates_the_calendar_has(output, slug):
    page = soup(output / f"test/de/angebote/{slug}/index.html")
    # The next date stands in the facts box, the others in the list of dates below.
    next_date = page.select_one(".fact-next dd")
    more = page.select_one("ul.dates-list")
    listed = " ".join(e.get_text(" ", strip=True) for e in (next_date, more) if e is not None)
    dates = [day for day, _ in expanded(output / f"test/de/angebote/{slug}/kalender.ics")]
    for day in dates[:4]:
        assert format_date(day, "full", locale="de") in listed, (slug, day)
    cancelled = [c.date for c in model(Offer, OFFERS[slug]).cancelled]
    for day in cancelled:
        if day <= dates[:4][-1]:
            assert day not in dates  # the calendar leaves it out, the page says it falls out
            assert format_date(day, "full", locale="de") in listed


def test_the_rules_as_written_in_the_file(output):
    text = (output / "test/de/angebote/deutschkurs/kalender.ics").read_text()
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=MO" in text
    assert "EXDATE;TZID=Europe/Berlin:20261210T150000,20261224T150000" in text
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20270107T150000" in text
    override = next(e for e in text.split("BEGIN:VEVENT") if "RECURRENCE-ID" in e)
    assert "DTSTART;TZID=Europe/Berlin:20270107T160000" in override
    assert "LOCATION:Turnhalle\\, Sonnenweg 1\\, 23843 Bad Oldesloe" in override
    monthly = (output / "test/de/angebote/spieltreff/kalender.ics").read_text()
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TH,3TH" in monthly
    assert "20270506T150000" in monthly.split("BYDAY=1TH,3TH")[1].split("END:VEVENT")[0]


def test_a_cancelled_single_date_has_no_event(output):
    events = Calendar.from_ical((output / "test/de/angebote/feste/kalender.ics").read_bytes()).walk(
        "VEVENT"
    )
    starts = sorted(str(e["DTSTART"].dt) for e in events)
    assert starts == ["2026-12-05 15:00:00+01:00", "2027-05-01 11:00:00+02:00"]


def test_the_site_calendar_holds_every_offers_dates(output):
    combined = expanded(output / "test/de/kalender.ics")
    assert combined == sorted(
        (d for slug in OFFERS for d in engine(slug)), key=lambda d: (d[0], d[1] or dt.time(0))
    )


def test_a_rule_running_for_centuries_keeps_its_file_small(tmp_path):
    offer = OFFERS["spieltreff"].replace("until: 2027-06-30", "until: 2199-12-31")
    write_tree(
        tmp_path,
        {"content/test/site.yaml": SITE, "content/test/offers/spieltreff.yaml": offer},
    )
    output = build_tree(tmp_path / "content", tmp_path / "output")
    ics = output / "test/de/angebote/spieltreff/kalender.ics"
    assert ics.stat().st_size < 20_000
    assert expanded(ics) == engine("spieltreff", offer)
