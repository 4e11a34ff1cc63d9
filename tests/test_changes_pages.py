"""What families see of cancellations, changes, closures and an offer's status: the
notices on the home page, the offer page and the cards, marked dates, and offers that
have ended leaving the lists while their pages stay (issue 19, items 2 and 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import build_tree, fixed_day, snapshot, soup

from fzgen.build.live import LiveBuild
from fzgen.build.pipeline import build
from fzgen.project import find_project

#: The test builds are made on Wednesday, 25 November 2026 (tests/sitebuild.py).
#: A closure within the coming 14 days, and the Christmas one further ahead.
CLOSURES = """\
closures:
  - from: 2026-12-07
    until: 2026-12-08
    reason: {de: Fortbildung des Teams, ar: تدريب الفريق}
  - from: 2026-12-21
    until: 2027-01-02
    reason: {de: Weihnachtsferien}
"""

SPRACHKURS = """\
title: {de: Deutschkurs, en: German course, tr: Almanca kursu, ar: دورة اللغة الألمانية}
summary: {de: Deutsch für den Alltag, en: German for every day, tr: Günlük Almanca, ar: الألمانية للحياة اليومية}
categories: [integration]
schedule:
  - weekly: thursday
    time: 15:00-16:30
location: kita-sonne
cancelled:
  - date: 2026-12-03
    reason: {de: Die Kursleiterin ist krank., en: The teacher is ill.}
changed:
  - date: 2026-11-26
    time: 16:00-17:30
    room: {de: Turnhalle}
    reason: {de: Der Kursraum wird gestrichen.}
"""

PAUSED = """\
title: {de: Krabbelgruppe, en: Toddler group, tr: Emekleme grubu, ar: مجموعة الحبو}
summary: {de: Für die Kleinsten, en: For the little ones, tr: Küçükler için, ar: للصغار}
categories: [baby]
schedule:
  - weekly: monday
    time: 10:00-11:30
status: paused
status_note: {de: Pause bis zum Frühjahr., en: Break until spring.}
"""

ENDED = """\
title: {de: Nähkurs, en: Sewing course, tr: Dikiş kursu, ar: دورة الخياطة}
summary: {de: Nähen lernen, en: Learn to sew, tr: Dikiş öğrenin, ar: تعلّم الخياطة}
categories: [learning]
schedule:
  - weekly: friday
    time: 09:00-11:00
status: ended
"""

PAST = """\
title: {de: Herbstfest, en: Autumn party, tr: Sonbahar şenliği, ar: حفلة الخريف}
summary: {de: Ein Fest für alle, en: A party for everyone, tr: Herkes için bir şenlik, ar: حفلة للجميع}
categories: [leisure]
schedule:
  - date: 2026-10-02
    time: 14:00-18:00
"""


def tree(**overrides: str | None) -> dict[str, str | bytes]:
    files: dict[str, str | bytes | None] = {
        "site.yaml": SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, en, tr, ar]")
        + CLOSURES,
        "offers/deutschkurs.yaml": SPRACHKURS,
        "offers/krabbelgruppe.yaml": PAUSED,
        "offers/naehkurs.yaml": ENDED,
        "offers/herbstfest.yaml": PAST,
    }
    files.update(overrides)
    return site_tree(files)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tree(tmp_path_factory.mktemp("changes"), tree())
    return build_tree(root / "content", root / "output") / "test"


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join(element.get_text().split())


def notices(page: Path) -> list[str]:
    """The home page's closures, then the changes of its offers (two sections)."""
    return [text_of(li) for li in soup(page).select("main section.notices li")]


# --- item 2: cancellations, changes and closures at the top -------------------------


def test_the_home_page_names_closures_and_changes_of_the_coming_days(output):
    page = soup(output / "de/index.html")
    section = page.select_one("main section.notices")
    assert section is not None
    heading = section.select_one("h2")
    assert section["aria-labelledby"] == heading["id"]
    assert heading.get_text() == "Aktuelle Hinweise"
    # Closures come first; the changes of single offers follow the contact, so that the
    # next date and the call button stay on a phone's first screen, before the coming days.
    assert page.select_one("main h1").find_next("section") is section
    changes = page.select_one("main section.notices-changes")
    assert changes.h2.get_text() == "Ausfälle und Änderungen"
    assert page.select_one("section.home-contact").find_next("section") is changes
    assert changes.find_next("section")["class"] == ["coming"]
    assert notices(output / "de/index.html") == [
        "Das Familienzentrum ist vom 7. Dezember 2026 bis 8. Dezember 2026 geschlossen. "
        "Fortbildung des Teams",
        "Deutschkurs: Geändert am Donnerstag, 26. November 2026: neue Uhrzeit 16:00–17:30 Uhr, "
        "Raum: Turnhalle. Der Kursraum wird gestrichen.",
        "Deutschkurs: Fällt aus am Donnerstag, 3. Dezember 2026. Die Kursleiterin ist krank.",
    ]
    # The Christmas closure begins in 26 days: not yet.
    assert "Weihnachtsferien" not in page.get_text()
    link = changes.select("li")[0].a
    assert link["href"].endswith("de/angebote/deutschkurs/")


def test_every_language_says_it_and_marks_an_untranslated_reason(output):
    english = notices(output / "en/index.html")
    assert "German course: Cancelled on Thursday, December 3, 2026. The teacher is ill." in english
    arabic = soup(output / "ar/index.html")
    assert arabic.html["dir"] == "rtl"
    section = arabic.select_one("main section.notices")
    assert "مركز العائلة مغلق" in text_of(section)
    assert "تدريب الفريق" in text_of(section)
    # The reason of the cancellation exists only in German: marked as a fallback.
    changes = arabic.select_one("main section.notices-changes")
    assert changes.h2.get_text() == "الإلغاءات والتغييرات"
    fallback = [b for b in changes.select("bdi.fallback") if "Kursleiterin" in b.get_text()]
    assert fallback and fallback[0]["lang"] == "de" and fallback[0]["dir"] == "ltr"
    assert arabic.select_one("main .fallback-page") is not None
    turkish = text_of(soup(output / "tr/index.html").select_one("section.notices-changes"))
    assert "3 Aralık 2026 Perşembe günü yapılmayacak." in turkish


def test_the_offer_page_puts_its_notices_after_the_facts_and_marks_its_dates(output):
    page = soup(output / "de/angebote/deutschkurs/index.html")
    section = page.select_one("main section.notices")
    # Cost, registration and languages first (a phone's first screen), then the notices,
    # at the top of the text beside the facts.
    assert page.select_one("main h1").find_next_sibling()["class"] == ["offer-layout"]
    assert page.select_one("section.offer-facts").find_next("section") is section
    assert page.select_one(".offer-text").find() is section
    assert [text_of(li) for li in section.select("li")] == [
        "Geändert am Donnerstag, 26. November 2026: neue Uhrzeit 16:00–17:30 Uhr, Raum: Turnhalle. "
        "Der Kursraum wird gestrichen.",
        "Fällt aus am Donnerstag, 3. Dezember 2026. Die Kursleiterin ist krank.",
    ]
    # The next date stands in the facts at the top, the others in the one list below.
    dates = [page.select_one(".fact-next dd"), *page.select("ul.dates-list li")]
    assert text_of(dates[0]).startswith("Geändert: Donnerstag, 26. November 2026, 16:00–17:30 Uhr")
    notes = [text_of(small) for small in dates[0].select("small")]
    assert notes == ["Raum: Turnhalle", "Der Kursraum wird gestrichen."]
    assert dates[0].time["datetime"] == "2026-11-26T16:00"
    cancelled = dates[1]
    assert "date-cancelled" in cancelled["class"]
    assert cancelled.find("del").get_text() == "Donnerstag, 3. Dezember 2026, 15:00–16:30 Uhr"
    assert text_of(cancelled).startswith("Fällt aus:")
    assert cancelled.time is None  # not a date one can come to
    assert dates[2].time["datetime"] == "2026-12-10T15:00"


def test_the_card_and_the_coming_days_show_it_too(output):
    cards = soup(output / "de/angebote/index.html").select(".card")
    card = next(c for c in cards if "Deutschkurs" in c.h3.get_text())
    assert [text_of(p) for p in card.select("p.notice")] == [
        "Geändert am Donnerstag, 26. November 2026: neue Uhrzeit 16:00–17:30 Uhr, Raum: Turnhalle. "
        "Der Kursraum wird gestrichen.",
        "Fällt aus am Donnerstag, 3. Dezember 2026. Die Kursleiterin ist krank.",
    ]
    home = soup(output / "de/index.html")
    coming = {text_of(li.select_one(".date")): li for li in home.select("ul.dates li")}
    assert "Fällt aus: Donnerstag, 3. Dezember 2026, 15:00–16:30 Uhr" in coming
    assert coming["Fällt aus: Donnerstag, 3. Dezember 2026, 15:00–16:30 Uhr"].find("del")
    assert "Geändert: Donnerstag, 26. November 2026, 16:00–17:30 Uhr" in coming
    # The closure's days are not among the coming dates: the Elterncafé's Tuesday 8
    # December falls out, the Tuesday before stays.
    cafe = [day for day, li in coming.items() if "Elterncafé" in li.get_text()]
    assert cafe == ["Dienstag, 1. Dezember 2026, 09:30–11:00 Uhr"]


def closure_notices(tmp_path: Path, epoch: str) -> list[str]:
    root = write_tree(tmp_path, tree())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        build(find_project(root / "content", root / "output"))
    return [n for n in notices(root / "output/test/de/index.html") if "Familienzentrum" in n]


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [
        # 10 December 2026: 11 days before Christmas closure begins.
        (
            "1796904000",
            [
                "Das Familienzentrum ist vom 21. Dezember 2026 bis 2. Januar 2027 geschlossen. "
                "Weihnachtsferien"
            ],
        ),
        # 23 December 2026: while it lasts.
        (
            "1798027200",
            [
                "Das Familienzentrum ist bis einschließlich Samstag, 2. Januar 2027 geschlossen. "
                "Weihnachtsferien"
            ],
        ),
        # 3 January 2027: over.
        ("1798977600", []),
    ],
)
def test_a_closure_shows_from_two_weeks_ahead_until_its_last_day(tmp_path, epoch, expected):
    assert closure_notices(tmp_path, epoch) == expected


# --- item 3: status, and offers that have ended ----------------------------------------


def test_a_paused_offer_is_marked_on_its_card_and_page(output):
    cards = soup(output / "de/angebote/index.html").select(".card")
    card = next(c for c in cards if "Krabbelgruppe" in c.h3.get_text())
    assert text_of(card.select_one("p.status")) == "Pausiert Pause bis zum Frühjahr."
    page = soup(output / "de/angebote/krabbelgruppe/index.html")
    status = page.select_one("main h1").find_next_sibling("p")
    assert text_of(status) == "Dieses Angebot pausiert zurzeit. Pause bis zum Frühjahr."
    arabic = soup(output / "ar/angebote/krabbelgruppe/index.html").select_one("p.status")
    assert "هذا النشاط متوقف مؤقتًا" in text_of(arabic)
    assert arabic.select_one("bdi.fallback")["lang"] == "de"  # the note is German only


def listed_slugs(page: Path) -> set[str]:
    return {
        a["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in soup(page).select("main a[href*='angebote/']")
        if a["href"].rstrip("/").rsplit("/", 1)[-1] not in {"angebote", "..", ""}
    }


def test_ended_and_past_offers_leave_the_lists_but_keep_their_pages(output):
    for language in ("de", "ar"):
        for page in (
            "angebote/index.html",
            "auswahl/themen/index.html",
            "programm/index.html",
            "index.html",
        ):
            shown = listed_slugs(output / language / page)
            assert "naehkurs" not in shown and "herbstfest" not in shown, (language, page)
        assert "krabbelgruppe" in listed_slugs(output / language / "angebote/index.html")
    # Nor do their filter pages remain.
    assert not (output / "de/auswahl/thema/learning").exists()
    assert not (output / "de/auswahl/tag/friday").exists()
    assert "Nähkurs" not in soup(output / "de/angebote/index.html").get_text()
    count = soup(output / "de/angebote/index.html").select_one("main p").get_text()
    assert count.startswith("3 Angebote")
    ended = soup(output / "de/angebote/naehkurs/index.html")
    assert text_of(ended.select_one("p.status")) == "Dieses Angebot ist beendet."
    past = soup(output / "de/angebote/herbstfest/index.html")
    assert text_of(past.select_one("p.status")) == (
        "Alle Termine dieses Angebots liegen in der Vergangenheit."
    )
    turkish = soup(output / "tr/angebote/naehkurs/index.html").select_one("p.status")
    assert text_of(turkish) == "Bu etkinlik sona erdi."


def test_check_notes_ended_and_past_offers(tmp_path, fzgen):
    write_tree(tmp_path, tree())
    with fixed_day():
        result = fzgen(tmp_path, "check")
    assert result.code == 0
    err = result.out
    assert "test/offers/naehkurs.yaml, Zeile 7" in err
    assert "Feld „status“" in err
    assert "test/offers/herbstfest.yaml, Zeile 5" in err
    assert "2026-10-02" in err
    assert "krabbelgruppe" not in err and "deutschkurs" not in err


def test_check_notes_a_single_date_inside_a_closure(tmp_path, fzgen):
    """A single date is chosen on purpose, so a closure over it is most likely a mistake."""
    fest = PAST.replace("  - date: 2026-10-02\n", "  - date: 2026-12-08\n  - date: 2027-01-16\n")
    write_tree(tmp_path, tree(**{"offers/herbstfest.yaml": fest}))
    with fixed_day():
        result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert (
        "Hinweis: test/offers/herbstfest.yaml, Zeile 5, Spalte 11, Feld „schedule → 1. Eintrag → date“\n"
        "  Der Einzeltermin am 2026-12-08 liegt in der Schließzeit des Familienzentrums"
        " (2026-12-07 bis 2026-12-08); er findet nicht statt.\n"
        "  Verlegen Sie den Termin auf einen anderen Tag oder kürzen Sie die Schließzeit in"
        " site.yaml („closures“).\n"
    ) in result.out
    assert "2027-01-16" not in result.out


def test_check_notes_in_english(tmp_path, fzgen):
    write_tree(tmp_path, tree())
    with fixed_day():
        result = fzgen(tmp_path, "check", "--lang", "en")
    assert "test/offers/naehkurs.yaml, line 7" in result.out
    assert "2026-10-02" in result.out


# --- the preview -----------------------------------------------------------------------


def test_the_preview_shows_a_new_cancellation_as_a_full_build_would(tmp_path):
    root = write_tree(tmp_path, tree())
    builder = LiveBuild(find_project(root / "content", root / "preview"))
    with fixed_day():
        builder.full()
    offer = root / "content/test/offers/elterncafe.yaml"
    offer.write_text(
        offer.read_text(encoding="utf-8")
        + "cancelled:\n  - date: 2026-12-01\n    reason: {de: Wasserschaden}\n",
        encoding="utf-8",
    )
    ended = root / "content/test/offers/deutschkurs.yaml"
    ended.write_text(ended.read_text(encoding="utf-8") + "status: ended\n", encoding="utf-8")
    with fixed_day():
        builder.update([offer, ended])
    fresh = build_tree(root / "content", root / "fresh")
    incremental, full = snapshot(root / "preview"), snapshot(fresh)
    assert incremental.keys() == full.keys()
    assert [path for path in full if incremental[path] != full[path]] == []
    home = notices(root / "preview/test/de/index.html")
    assert any("Elterncafé: Fällt aus am Dienstag, 1. Dezember 2026." in n for n in home)
    assert "deutschkurs" not in listed_slugs(root / "preview/test/de/angebote/index.html")
