"""Rhythms, cancellations, changes, status, closures and public holidays: the spellings a
coordinator tries, the messages for bad input, and the dates that follow (issue 19)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import build_tree, soup
from test_rules import OFFER, assert_reported, check_offer, offer_with

from fzgen.content.model import Offer, Site
from fzgen.content.yamlfile import parse_yaml
from fzgen.pages.dates import changes_ahead, closures_ahead, last_day, offer_dates

TODAY = dt.date(2026, 11, 25)
THURSDAY_EVERY_TWO = (
    "  - weekly: thursday\n    every: 2\n    from: 2026-11-26\n    time: 15:00-16:30\n"
)


def model(model_type, text: str):  # type: ignore[no-untyped-def]
    document, _ = parse_yaml(text, "test.yaml")
    assert document is not None
    return model_type.model_validate(document.data)


def offer(schedule: str, extra: str = ""):  # type: ignore[no-untyped-def]
    return model(Offer, offer_with(schedule) + extra)


def days(found) -> list[str]:  # type: ignore[no-untyped-def]
    return [o.day.isoformat() for o in found]


SITE = model(Site, SITE_YAML)


# --- spellings a coordinator tries -------------------------------------------------


@pytest.mark.parametrize(
    "every", ["2", "alle 2 Wochen", "alle 14 Tage", "14-tägig", "zweiwöchentlich", "every 2 weeks"]
)
def test_a_rhythm_written_in_words_counts_weeks_from_from(every):
    schedule = THURSDAY_EVERY_TWO.replace("every: 2", f"every: {every}")
    found = offer_dates(offer(schedule), SITE, TODAY, dt.date(2027, 1, 31))
    assert days(found)[:4] == ["2026-11-26", "2026-12-10", "2026-12-24", "2027-01-07"]


@pytest.mark.parametrize(
    "monthly",
    ["[first thursday, third thursday]", "1. und 3. Donnerstag", "erster und dritter Donnerstag"],
)
def test_several_monthly_ordinals(monthly):
    schedule = f"  - monthly: {monthly}\n    time: 15:00-17:00\n"
    found = offer_dates(offer(schedule), SITE, dt.date(2027, 1, 1), dt.date(2027, 2, 28))
    assert days(found) == ["2027-01-07", "2027-01-21", "2027-02-04", "2027-02-18"]


def test_a_rhythm_typed_as_weekday_is_answered_with_the_lines_to_write(tmp_path, fzgen):
    schedule = "  - weekly: jeden zweiten Donnerstag\n    time: 15:00-16:30\n"
    result = check_offer(tmp_path, fzgen, offer_with(schedule))
    assert result.code == 1
    assert_reported(result.err, OFFER, 6, "schedule → 1. Eintrag → weekly", "weekly: thursday")
    assert "every: 2" in result.err and "from: 2027-01-07" in result.err


def test_german_weekday_adverbs_are_weekdays(tmp_path, fzgen):
    result = check_offer(
        tmp_path, fzgen, offer_with("  - weekly: donnerstags\n    time: 15:00-16:30\n")
    )
    assert result.code == 0, result.err


@pytest.mark.parametrize("word", ["abgesagt", "fällt aus", "ausgefallen"])
def test_a_german_word_for_cancelled_names_the_field(tmp_path, fzgen, word):
    text = offer_with() + f"{word}:\n  - 2026-12-01\n"
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert "„cancelled“" in result.err, result.err


def test_status_in_german(tmp_path, fzgen):
    text = offer_with() + "status: beendet\nstatus_note: Der Kurs ist vorbei.\n"
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": text}))
    assert model(Offer, text).status == "ended"


# --- bad input: file, line, field ------------------------------------------------------


def test_every_zero(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, offer_with(THURSDAY_EVERY_TWO.replace("2\n", "0\n", 1)))
    assert result.code == 1
    assert_reported(result.err, OFFER, 7, "schedule → 1. Eintrag → every", "ergibt keinen Termin")


def test_every_needs_from(tmp_path, fzgen):
    schedule = "  - weekly: thursday\n    every: 2\n    time: 15:00-16:30\n"
    result = check_offer(tmp_path, fzgen, offer_with(schedule))
    assert result.code == 1
    assert_reported(result.err, OFFER, 7, "schedule → 1. Eintrag → every", "„from“")


def test_a_cancellation_on_a_day_the_offer_does_not_meet(tmp_path, fzgen):
    text = offer_with(THURSDAY_EVERY_TWO) + "cancelled:\n  - date: 2026-12-03\n    reason: krank\n"
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert_reported(
        result.err, OFFER, 11, "cancelled → 1. Eintrag → date", "Am 2026-12-03 findet das Angebot"
    )


def test_a_change_on_a_day_the_offer_does_not_meet(tmp_path, fzgen):
    text = offer_with(THURSDAY_EVERY_TWO) + "changed:\n  - date: 2026-12-10\n    room: Halle\n"
    assert check_offer(tmp_path, fzgen, text).code == 0
    text = text.replace("2026-12-10", "2026-12-17")
    result = check_offer(tmp_path, fzgen, text)
    assert_reported(result.err, OFFER, 11, "changed → 1. Eintrag → date", "laut „schedule“")


def test_a_change_without_a_change(tmp_path, fzgen):
    text = offer_with(THURSDAY_EVERY_TWO) + "changed:\n  - date: 2026-12-10\n    reason: Fest\n"
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert_reported(result.err, OFFER, 11, "changed → 1. Eintrag", "keine Änderung")


def test_a_change_to_an_unknown_partner(tmp_path, fzgen):
    text = (
        offer_with(THURSDAY_EVERY_TWO) + "changed:\n  - date: 2026-12-10\n    location: kita-mond\n"
    )
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert_reported(result.err, OFFER, 12, "changed → 1. Eintrag → location", "kita-mond")


def test_a_closure_that_ends_before_it_starts(tmp_path, fzgen):
    site = SITE_YAML + "closures:\n  - from: 2027-01-02\n    until: 2026-12-21\n"
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    line = site.count("\n")
    assert_reported(
        result.err, "test/site.yaml", line, "closures → 1. Eintrag → until", "vor ihrem Beginn"
    )


def test_an_unknown_land(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML + "public_holidays: Bayern\n"}))
    assert fzgen(tmp_path, "check").code == 0
    write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML + "public_holidays: XY\n"}))
    result = fzgen(tmp_path, "check")
    line = SITE_YAML.count("\n") + 1
    assert_reported(result.err, "test/site.yaml", line, "public_holidays", "kein Bundesland")


# --- the dates that follow ---------------------------------------------------------------


def test_closures_and_public_holidays_take_dates_out():
    site = model(Site, SITE_YAML + "closures:\n  - from: 2026-12-21\n    until: 2027-01-02\n")
    weekly = offer("  - weekly: [thursday, friday]\n    time: 09:00-10:00\n")
    found = days(offer_dates(weekly, site, dt.date(2026, 12, 17), dt.date(2027, 1, 8)))
    assert found == ["2026-12-17", "2026-12-18", "2027-01-07", "2027-01-08"]
    # Ascension Day in Schleswig-Holstein; in Bavaria Corpus Christi falls out too
    may = days(offer_dates(weekly, site, dt.date(2027, 5, 6), dt.date(2027, 5, 7)))
    assert may == ["2027-05-07"]
    on_holidays = offer("  - weekly: thursday\n    time: 09:00-10:00\n", "on_holidays: ja\n")
    assert days(offer_dates(on_holidays, site, dt.date(2027, 5, 6), dt.date(2027, 5, 6)))
    corpus_christi = dt.date(2027, 5, 27)
    bavaria = model(Site, SITE_YAML + "public_holidays: BY\n")
    assert days(offer_dates(weekly, SITE, corpus_christi, corpus_christi))
    assert not days(offer_dates(weekly, bavaria, corpus_christi, corpus_christi))
    no_holidays = model(Site, SITE_YAML + "public_holidays: nein\n")
    assert days(offer_dates(weekly, no_holidays, dt.date(2027, 5, 6), dt.date(2027, 5, 6)))


def test_cancelled_and_changed_dates_are_marked_in_the_coming_days():
    extra = (
        "cancelled:\n  - date: 2026-12-10\n    reason: {de: Krank., ar: مريضة.}\n"
        "changed:\n  - date: 2026-11-26\n    time: 16:00-17:30\n    room: Turnhalle\n"
    )
    course = offer(THURSDAY_EVERY_TWO, extra)
    ahead = changes_ahead(course, SITE, TODAY, 15)
    assert days(ahead) == ["2026-11-26", "2026-12-10"]
    changed, cancelled = ahead
    assert changed.time is not None and changed.time.start == dt.time(16, 0)
    assert changed.regular_time is not None and changed.regular_time.start == dt.time(15, 0)
    assert cancelled.cancelled is not None and cancelled.cancelled.reason is not None
    assert cancelled.cancelled.reason.get("ar") == "مريضة." and not cancelled.takes_place
    assert changes_ahead(course, SITE, TODAY, 14) == [changed]  # up to 9 December


def test_closures_ahead_and_the_last_day():
    site = model(
        Site,
        SITE_YAML
        + "closures:\n  - from: 2026-12-21\n    until: 2027-01-02\n  - date: 2026-11-20\n",
    )
    assert [c.from_.isoformat() for c in closures_ahead(site, TODAY, 14)] == []
    assert [c.from_.isoformat() for c in closures_ahead(site, dt.date(2026, 12, 10), 14)] == [
        "2026-12-21"
    ]
    assert len(closures_ahead(site, dt.date(2027, 1, 2), 14)) == 1
    bounded = offer("  - weekly: monday\n    time: 09:00-10:00\n    until: 2026-12-31\n")
    assert last_day(bounded, site) == dt.date(2026, 12, 14)  # 21 and 28 are closed
    assert last_day(offer("  - weekly: monday\n    time: 09:00-10:00\n"), site) is None
    cancelled_last = offer(
        "  - date: 2026-12-01\n    time: 09:00-10:00\n", "cancelled: [2026-12-01]\n"
    )
    assert last_day(cancelled_last, site) is None


def test_a_paused_offer_has_no_dates():
    paused = offer(THURSDAY_EVERY_TWO, "status: pausiert\nstatus_note: Pause bis zum Frühjahr.\n")
    assert list(offer_dates(paused, SITE, TODAY, dt.date(2027, 3, 1))) == []


# --- the offer page: the rule in words and schema.org --------------------------------


def test_the_rule_in_words_and_as_schema_org(tmp_path):
    text = offer_with(THURSDAY_EVERY_TWO + "  - monthly: 1. und 3. Montag\n    time: 10:00-11:00\n")
    text += "cancelled:\n  - date: 2026-12-10\n    reason: Krank.\n"
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": text}))
    output = build_tree(tmp_path / "content", tmp_path / "output")
    page = soup(output / "test/de/angebote/elterncafe/index.html")
    when = page.find("ul", class_="when").get_text(" ", strip=True)
    assert "alle 2 Wochen am Donnerstag" in when
    assert "jeden ersten und dritten Montag im Monat" in when
    english = soup(output / "test/en/angebote/elterncafe/index.html")
    assert "every 2 weeks on Thursday" in english.find("ul", class_="when").get_text(" ")
    data = json.loads(page.find("script", type="application/ld+json").string)
    schedules = data["eventSchedule"]
    assert schedules[0]["repeatFrequency"] == "P2W"
    assert [s["byMonthWeek"] for s in schedules[1:]] == [1, 3]
    assert "2026-12-10" in schedules[0]["exceptDate"]
    assert data["subEvent"] == [
        {
            "@type": "Event",
            "eventStatus": "https://schema.org/EventCancelled",
            "startDate": "2026-12-10T15:00",
        }
    ]


def test_every_written_beside_schedule_is_a_line_that_lost_its_indentation(tmp_path, fzgen):
    text = offer_with(THURSDAY_EVERY_TWO.replace("    every: 2\n", "")) + "every: 2\n"
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert_reported(result.err, OFFER, 9, "every", "gehört zu einem Termin unter „schedule:“")
    assert "„    every: 2“" in result.err


def test_a_german_word_for_cancelled_inside_an_entry_names_except(tmp_path, fzgen):
    schedule = "  - weekly: tuesday\n    time: 09:30-11:00\n    abgesagt: [2026-12-01]\n"
    result = check_offer(tmp_path, fzgen, offer_with(schedule))
    assert result.code == 1
    assert "„except“" in result.err, result.err
