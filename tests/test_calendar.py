"""Calendar files parsed back with icalendar: the rules a family's phone will follow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import SITE_YAML, write_tree
from icalendar import Calendar
from sitebuild import build_tree, soup

BERLIN = ZoneInfo("Europe/Berlin")
OFFER = """\
title: Elterncafé
summary: Offener Treff
categories: [meeting]
location: kita-sonne
schedule:
  - weekly: [di, do]
    time: 09:30-11:00
    from: 2027-01-12
    until: 2027-07-15
    except: [2027-03-30, 2027-04-01]
  - monthly: last wednesday
    time: 15:00-16:30
  - date: 2026-12-05
    time: 14:00-17:00
  - by_appointment: ja
"""
APPOINTMENT_ONLY = OFFER.split("schedule:")[0] + "schedule:\n  - by_appointment: ja\n"


def build(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        {
            "content/test/site.yaml": SITE_YAML,
            "content/test/offers/elterncafe.yaml": OFFER,
            "content/test/offers/beratung.yaml": APPOINTMENT_ONLY.replace("Elterncafé", "Beratung"),
        },
    )
    return build_tree(tmp_path / "content", tmp_path / "output")


def events(path: Path) -> list:  # type: ignore[type-arg]
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_offer_calendar_rules(tmp_path):
    output = build(tmp_path)
    ics = output / "test/de/angebote/elterncafe/kalender.ics"
    calendar = Calendar.from_ical(ics.read_bytes())
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    weekly, monthly, single = events(ics)
    assert weekly["DTSTART"].dt == dt.datetime(2027, 1, 12, 9, 30, tzinfo=BERLIN)
    assert weekly["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert weekly["DTEND"].dt == dt.datetime(2027, 1, 12, 11, 0, tzinfo=BERLIN)
    rule = weekly["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU", "TH"]
    assert rule["UNTIL"][0] == dt.datetime(2027, 7, 15, 11, 0, tzinfo=BERLIN).astimezone(dt.UTC)
    exdates = [
        d.dt
        for x in (
            [weekly["EXDATE"]] if not isinstance(weekly["EXDATE"], list) else weekly["EXDATE"]
        )
        for d in x.dts
    ]
    assert exdates == [
        dt.datetime(2027, 3, 30, 9, 30, tzinfo=BERLIN),
        dt.datetime(2027, 4, 1, 9, 30, tzinfo=BERLIN),
        dt.datetime(2027, 5, 6, 9, 30, tzinfo=BERLIN),  # Ascension Day in Schleswig-Holstein
    ]
    assert monthly["RRULE"]["FREQ"] == ["MONTHLY"] and monthly["RRULE"]["BYDAY"] == ["-1WE"]
    assert monthly["DTSTART"].dt == dt.datetime(
        2026, 11, 25, 15, 0, tzinfo=BERLIN
    )  # last Wednesday
    assert "RRULE" not in single
    assert single["DTSTART"].dt == dt.datetime(2026, 12, 5, 14, 0, tzinfo=BERLIN)
    assert str(weekly["SUMMARY"]) == "Elterncafé"
    assert "23843 Bad Oldesloe" in str(weekly["LOCATION"])


def test_calendar_in_reader_language(tmp_path):
    output = build(tmp_path)
    # The title has no Turkish translation: the Turkish calendar keeps the source text.
    assert (
        str(events(output / "test/tr/angebote/elterncafe/kalender.ics")[0]["SUMMARY"])
        == "Elterncafé"
    )


def test_site_calendar_has_every_dated_entry(tmp_path):
    output = build(tmp_path)
    assert len(events(output / "test/de/kalender.ics")) == 3


def test_by_appointment_gets_no_calendar(tmp_path):
    output = build(tmp_path)
    assert not (output / "test/de/angebote/beratung/kalender.ics").exists()
    page = soup(output / "test/de/angebote/beratung/index.html")
    assert page.select_one('a[href$=".ics"]') is None
    assert "nach Vereinbarung" in page.get_text()
    dated = soup(output / "test/de/angebote/elterncafe/index.html")
    assert dated.select_one('a[href$="kalender.ics"]').get_text() == "In den Kalender eintragen"


def test_next_dates_merge_every_entry_in_order(tmp_path):
    """Two entries on the same Tuesday at different times, and Fridays: the offer page
    lists the next five dates in order, the home page every date of the next 14 days."""
    offer = OFFER.split("schedule:")[0] + (
        "schedule:\n"
        "  - weekly: di\n    time: 15:00-16:00\n"
        "  - weekly: [di, fr]\n    time: 09:30-11:00\n"
    )
    write_tree(
        tmp_path,
        {"content/test/site.yaml": SITE_YAML, "content/test/offers/elterncafe.yaml": offer},
    )
    output = build_tree(tmp_path / "content", tmp_path / "output")  # "today": 25 Nov 2026
    page = soup(output / "test/de/angebote/elterncafe/index.html")
    # The first in the facts at the top, the others in the list of further dates.
    listed = [e.get_text() for e in page.select(".fact-next dd, ul.dates-list li")]
    assert listed == [
        "Freitag, 27. November 2026, 09:30–11:00 Uhr",
        "Dienstag, 1. Dezember 2026, 09:30–11:00 Uhr",
        "Dienstag, 1. Dezember 2026, 15:00–16:00 Uhr",
        "Freitag, 4. Dezember 2026, 09:30–11:00 Uhr",
        "Dienstag, 8. Dezember 2026, 09:30–11:00 Uhr",
    ]
    home = soup(output / "test/de/index.html")
    coming = [li.select_one(".date").get_text() for li in home.select("ul.dates li")]
    assert coming == [*listed, "Dienstag, 8. Dezember 2026, 15:00–16:00 Uhr"]


def test_short_lines_skip_the_fold_with_the_same_bytes():
    """Lines around the 75-octet fold limit, with letters of two and three octets."""
    from icalendar import vText, vUri
    from icalendar.parser import Contentline, Parameters

    from fzgen.pages.calendar import _line

    for length in range(60, 90):
        for value in ("a" * length, "ä" * (length // 2), "€" * (length // 3), "x;y,z\\" * 12):
            for prop in (vText(value), vUri("https://example.org/" + value)):
                folded = Contentline.from_parts("SUMMARY", Parameters(), prop).to_ical()
                assert _line("SUMMARY", prop) == bytes(folded) + b"\r\n", (length, value)
