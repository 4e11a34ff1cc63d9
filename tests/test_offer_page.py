"""The offer page as a family uses it (issue 20, item 2): the facts at the top, each
with an icon and its label, call and mail buttons where one must register, each date
once, then the description; on a phone the facts a family decides by are on the first
screen, on a wide screen they stand beside the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import build_tree, soup

SITE = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, ar]")

LONG_DE = "\n".join(
    f"    Absatz {n}: Wir lesen vor, singen und spielen mit den Kindern, und die Eltern "
    "kommen beim Tee miteinander ins Gespräch.\n"
    for n in range(1, 16)
)
LONG_AR = "\n".join(
    f"    الفقرة {n}: نقرأ القصص ونغني ونلعب مع الأطفال، ويتحدث الآباء والأمهات معًا "
    "أثناء شرب الشاي.\n"
    for n in range(1, 16)
)

#: Weekly, free, registration with the coordinator, every fact set, a long description.
VORLESEN = f"""\
title: {{de: Vorlesestunde für Familien, ar: ساعة القراءة للعائلات}}
summary: {{de: Geschichten für Kinder ab 3 Jahren, ar: قصص للأطفال من عمر 3 سنوات}}
categories: [meeting]
languages: [de, ar, tr]
cost: free
registration:
  required: ja
  note: {{de: Höchstens acht Familien., ar: ثماني عائلات كحد أقصى.}}
childcare: ja
accessible: ja
interpreter: ja
room: {{de: Bewegungsraum, ar: غرفة الحركة}}
schedule:
  - weekly: tuesday
    time: 09:30-11:00
    except: [2026-12-15]
location: kita-sonne
description:
  de: |
{LONG_DE}
  ar: |
{LONG_AR}
"""

#: One date, no registration, a cost in words.
SOMMERFEST = """\
title: {de: Sommerfest, ar: حفلة الصيف}
summary: {de: Ein Fest für alle, ar: حفلة للجميع}
categories: [meeting]
cost: {de: 2 € pro Familie, ar: 2 يورو لكل عائلة}
registration: nein
schedule:
  - date: 2026-12-05
    time: 15:00-18:00
location: kita-sonne
"""

#: Registration with a person of its own and an address for registering by e-mail.
KURS = """\
title: {de: Erste Hilfe am Kind, ar: الإسعافات الأولية للأطفال}
summary: {de: Ein Kurs für Eltern, ar: دورة للآباء والأمهات}
categories: [meeting]
registration:
  required: ja
  email: anmeldung@fz-test.example.org
contact:
  name: Jana Beispiel
  phone: 04531 12345
schedule:
  - weekly: thursday
    time: 18:00-20:00
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offer-page")
    offers = {
        "site.yaml": SITE,
        "offers/elterncafe.yaml": None,
        "offers/vorlesen.yaml": VORLESEN,
        "offers/sommerfest.yaml": SOMMERFEST,
        "offers/kurs.yaml": KURS,
    }
    write_tree(root, site_tree(offers))
    return build_tree(root / "content", root / "output") / "test"


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join(element.get_text().split())


def facts(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The facts box as label → its `<dd>`."""
    return {text_of(fact.dt): fact.dd for fact in page.select("section.offer-facts .fact")}


def test_the_facts_come_first_each_with_an_icon_and_a_label(site):
    page = soup(site / "de/angebote/vorlesen/index.html")
    box = page.select_one("main section.offer-facts")
    assert box.find_next("p", class_="lead") is not None  # the summary and text follow
    assert "Absatz 1:" in text_of(box.find_next("p", string=lambda s: s and "Absatz 1" in s))
    shown = facts(page)
    assert list(shown) == [
        "Wann",
        "Nächster Termin",
        "Kosten",
        "Gesprochene Sprachen",
        "Anmeldung",
        "Wo",
        "Dolmetschen",
        "Kinderbetreuung",
        "Zugang",
    ]
    for dt in box.select("dt"):
        icon = dt.find("svg")
        assert icon["aria-hidden"] == "true" and icon.find_next_sibling(string=True).strip()
    assert text_of(shown["Wann"]) == "jeden Dienstag, 09:30–11:00 Uhr"
    assert text_of(shown["Nächster Termin"]) == "Dienstag, 1. Dezember 2026, 09:30–11:00 Uhr"
    assert shown["Nächster Termin"].time["datetime"] == "2026-12-01T09:30"
    assert text_of(shown["Kosten"]) == "kostenlos"
    assert text_of(shown["Gesprochene Sprachen"]) == "Deutsch, Arabisch, Türkisch"
    where = shown["Wo"]
    for br in where.find_all("br"):
        br.replace_with("\n")
    assert where.get_text().splitlines()[:3] == [
        "Kita Sonne",
        "Raum: Bewegungsraum",
        "Sonnenweg 1, 23843\u00a0Bad Oldesloe",  # postal code and town stay on one line
    ]
    assert where.find("a")["href"].startswith("https://www.openstreetmap.org/search?")
    assert text_of(shown["Kinderbetreuung"]) == "Kinder werden während des Angebots betreut."
    assert text_of(shown["Zugang"]) == "Stufenloser Zugang"
    assert "auf Wunsch" in text_of(shown["Dolmetschen"])


def test_where_one_must_register_it_offers_a_call_and_a_mail(site):
    page = soup(site / "de/angebote/vorlesen/index.html")
    registration = facts(page)["Anmeldung"]
    assert [line.strip() for line in registration.find_all(string=True)][:2] == [
        "Bitte melden Sie sich vorher an.",
        "Höchstens acht Familien.",
    ]
    call = registration.select_one("a.button[href^='tel:']")
    assert call["href"] == "tel:+494531000000"  # the coordinator's, the offer names nobody
    assert text_of(call) == "Anrufen +49 4531 000000"
    assert call.bdi["dir"] == "ltr"
    mail = registration.select_one("a.button[href^='mailto:']")
    assert mail["href"] == "mailto:erika.muster@fz-test.example.org"
    assert text_of(mail) == "E-Mail schreiben"
    # An offer's own person takes the call; registering by e-mail goes where it says.
    own = facts(soup(site / "de/angebote/kurs/index.html"))["Anmeldung"]
    assert own.select_one("a[href^='tel:']")["href"] == "tel:0453112345"
    assert own.select_one("a[href^='mailto:']")["href"] == "mailto:anmeldung@fz-test.example.org"
    # Where nobody needs to register, nothing to press.
    free_entry = facts(soup(site / "de/angebote/sommerfest/index.html"))["Anmeldung"]
    assert text_of(free_entry) == "Keine Anmeldung nötig – kommen Sie einfach vorbei."
    assert free_entry.find("a") is None


def test_a_single_date_offer_names_its_date_once(site):
    page = soup(site / "de/angebote/sommerfest/index.html")
    main = page.select_one("main")
    assert text_of(main).count("5. Dezember 2026") == 1
    assert list(facts(page)) == ["Nächster Termin", "Kosten", "Anmeldung", "Wo"]
    assert text_of(facts(page)["Kosten"]) == "2 € pro Familie"
    assert main.find("h2", string="Weitere Termine") is None
    assert main.select_one("a[href$='kalender.ics']") is not None


def test_a_weekly_offer_lists_each_coming_date_once(site):
    page = soup(site / "de/angebote/vorlesen/index.html")
    further = page.find("h2", string="Weitere Termine").find_next("ul")
    dates = [li.time["datetime"] for li in further.select("li")]
    assert dates == ["2026-12-08T09:30", "2026-12-22T09:30", "2026-12-29T09:30", "2027-01-05T09:30"]
    assert text_of(page.select_one("main")).count("1. Dezember 2026") == 1
    # The day the rule skips is said under the dates, not in the facts at the top.
    skipped = further.find_next("p", class_="except")
    assert text_of(skipped) == "nicht am 15. Dezember 2026"
    assert "15. Dezember" not in text_of(page.select_one("section.offer-facts"))


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_calendar_file_is_offered_with_its_ending_left_to_right(site, language):
    page = soup(site / f"{language}/angebote/vorlesen/index.html")
    link = page.select_one("main a[href$='kalender.ics']")
    assert link.get("download") is not None and link.find("svg")["aria-hidden"] == "true"
    ending = link.find_parent("p").select_one("bdi[dir='ltr']")
    assert ending.get_text() == "(.ics)"


def test_the_arabic_page_labels_its_facts_in_arabic(site):
    page = soup(site / "ar/angebote/vorlesen/index.html")
    labels = list(facts(page))
    assert labels[:5] == ["الموعد", "الموعد القادم", "التكلفة", "اللغات المستخدمة", "التسجيل"]
    registration = facts(page)["التسجيل"]
    assert text_of(registration.select_one("a[href^='tel:']")).startswith("اتصال")
    assert page.select_one("main .fallback-page") is None  # everything here is Arabic


# --- in Chromium --------------------------------------------------------------------


@pytest.fixture(scope="module")
def show(site: Path):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Chromium is not installed")
    from test_browser import CHROMIUM_ARGS

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)

        def open_page(path: str, width: int, height: int):  # type: ignore[no-untyped-def]
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto((site / path).as_uri())
            return page

        yield open_page
        browser.close()


def box_of(page, selector: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


@pytest.mark.browser
@pytest.mark.parametrize("language", ["de", "ar"])
def test_cost_registration_and_languages_are_on_the_first_screen_of_a_phone(show, language):
    page = show(f"{language}/angebote/vorlesen/index.html", 360, 640)
    assert page.evaluate("document.documentElement.scrollHeight") > 2000  # a long page
    facts = page.locator("section.offer-facts .fact")
    labels = {"de": ("Kosten", "Gesprochene Sprachen", "Anmeldung")}.get(
        language, ("التكلفة", "اللغات المستخدمة", "التسجيل")
    )
    for label in labels:
        fact = facts.filter(has=page.locator("dt", has_text=label))
        for part in ("dt", "dd"):
            box = fact.locator(part).bounding_box()
            assert box is not None
            assert box["y"] >= 0 and box["y"] + min(box["height"], 60) <= 640, (label, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (label, box)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["de", "ar"])
def test_on_a_wide_screen_the_facts_stand_beside_the_text(show, language):
    page = show(f"{language}/angebote/vorlesen/index.html", 1280, 900)
    facts, text = box_of(page, "section.offer-facts"), box_of(page, ".offer-text")
    assert abs(facts["y"] - text["y"]) < 40  # side by side, not one below the other
    if language == "ar":
        assert text["x"] + text["width"] <= facts["x"]  # mirrored: the facts on the right
    else:
        assert facts["x"] + facts["width"] <= text["x"]
    # A readable line: the text column holds about 70 characters, not the whole width.
    third = "الفقرة 3:" if language == "ar" else "Absatz 3:"
    paragraph = page.locator(".offer-text p", has_text=third).bounding_box()
    assert 400 <= paragraph["width"] <= 44 * 16
    page.close()
