"""What a family sees in the first three seconds (issue 20, items 1, 3, 6, 7, 8, 10):
the header, the next date and the call button on a 360×640 phone, cards, the 404 page,
the meta description and the favicon. One build of the sample sites serves the module.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import site_tree, write_tree
from sitebuild import build_tree

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 640}
INTRO = 'Wir sind **für Familien** da <script>x</script> & "helfen" gern. ' + "Mehr Text. " * 30


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tree(ROOT / "content", tmp_path_factory.mktemp("first") / "output")


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on a free port, for as long as the block runs."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(output: Path) -> Iterator[str]:
    with served(output) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def box(page, selector: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }",
    )


# --- item 1: the first screen ----------------------------------------------------


#: Every language of every sample site.
SAMPLE_HOMES = [
    f"{site}/{language}/"
    for site, languages in (
        ("bad-oldesloe", "de en tr ar uk"),
        ("reinbek", "de en ar uk tr fa"),
        ("ahrensburg", "de en fa ru pl"),
    )
    for language in languages.split()
]
#: What the first screen leaves free below the call button: the fold is never tight.
SPARE = 40
#: The boxes of an inline element, one per line (and per run of one direction).
RECTS = "e => [...e.getClientRects()].map(r => ({top: r.top, bottom: r.bottom}))"


@pytest.mark.parametrize("page", SAMPLE_HOMES)
def test_the_home_page_shows_the_next_date_and_a_call_button_at_once(phone, server, page):
    phone.goto(server + page)
    assert box(phone, ".site-header")["height"] <= 640 / 4
    for part in (".next-when", ".next-title a", ".next-where"):
        shown = box(phone, part)
        assert shown["top"] > 0 and shown["bottom"] <= 640 - SPARE, (part, shown)
    assert phone.locator(".next-when time").inner_text().strip()
    # The coordinator's full-width button, not the round one in the header.
    call = box(phone, ".home-contact a.call")
    assert call["bottom"] <= 640 - SPARE and call["right"] - call["left"] >= 360 - 2 * 16 - 1
    href = phone.locator(".home-contact a.call").get_attribute("href")
    assert href == "tel:+494531000000" or page.startswith(("reinbek", "ahr"))


#: Pages with time ranges in running text, in the two languages written right to left.
RIGHT_TO_LEFT = [
    f"{site}/{language}/{path}"
    for site, language in (("bad-oldesloe", "ar"), ("reinbek", "ar"), ("reinbek", "fa"))
    for path in ("", "angebote/", "programm/")
] + ["bad-oldesloe/ar/angebote/deutsch-cafe-muetter/", "ahrensburg/fa/angebote/"]


@pytest.mark.parametrize("page", RIGHT_TO_LEFT)
def test_a_time_range_is_never_split_over_two_lines_on_a_phone(phone, server, page):
    phone.goto(server + page)
    # One box per run of one direction (Persian: digits, تا, digits), all on one line.
    ranges = phone.eval_on_selector_all(
        "main .nobr",
        "es => es.map(e => [e.textContent,"
        " new Set([...e.getClientRects()].map(r => Math.round(r.bottom))).size])",
    )
    assert ranges, "every time range stands in its own element"
    for text, lines in ranges:
        assert re.fullmatch(r"\d\d?:\d\d\W+\d\d?:\d\d( Uhr)?|[۰-۹:]+\xa0تا\xa0[۰-۹:]+", text), text
        assert lines == 1, text


def test_the_full_width_call_button_comes_first_then_the_e_mail(phone, server):
    phone.goto(server + "reinbek/de/")
    button = box(phone, ".home-contact a.call")
    mail = box(phone, ".home-contact .mail a")
    assert button["bottom"] <= 640 and button["right"] - button["left"] >= 360 - 2 * 16 - 1
    assert mail["top"] >= button["bottom"] and mail["bottom"] <= 640
    assert phone.locator(".home-contact .mail a").get_attribute("href").startswith("mailto:")


def test_changed_dates_follow_the_call_button_and_come_before_the_news(output):
    # Closures of the whole centre would stand first (tests/test_changes_pages.py); the
    # changes of single offers follow the contact: the first screen stays the next date's.
    home = soup(output / "bad-oldesloe/de/index.html")
    order = [s.get("class", [""])[-1] for s in home.select("main .home > section")]
    assert order[:3] == ["next", "home-contact", "notices-changes"]
    assert order.index("home-news") < order.index("coming")


@pytest.mark.parametrize(
    ("page", "name"), [("bad-oldesloe/de/", "Deutsch"), ("bad-oldesloe/ar/", "العربية")]
)
def test_one_language_button_opens_every_language_without_script(phone, server, page, name):
    phone.goto(server + page + "angebote/")
    summary = phone.locator("details.fold-languages summary")
    assert summary.locator(f"span[lang='{page.split('/')[1]}']").inner_text() == name
    links = phone.locator("nav.languages a")
    assert not links.first.is_visible()
    summary.click()
    assert links.count() == 6 and links.first.is_visible()
    # Leichte Sprache is German to BCP 47: listed, without an hreflang of its own.
    assert [links.nth(i).get_attribute("hreflang") for i in range(6)] == [
        "de",
        None,
        "en",
        "tr",
        "ar",
        "uk",
    ]
    assert links.nth(1).inner_text() == "Leichte Sprache"
    phone.locator("nav.languages a[hreflang='uk']").click()
    assert phone.url.endswith("/bad-oldesloe/uk/angebote/")


def test_the_menu_folds_away_on_phones_and_stands_open_on_desktop(browser, server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "bad-oldesloe/de/netzwerk/")
    menu = page.locator("nav.menu a").first
    assert not menu.is_visible()
    page.locator("details.fold-menu summary").click()
    assert menu.is_visible() and box(page, "nav.menu a")["height"] >= 44
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "bad-oldesloe/de/netzwerk/")
    assert page.locator("nav.menu a").first.is_visible()
    assert not page.locator("details.fold-menu summary").is_visible()
    assert box(page, ".site-header")["height"] < 120
    context.close()


LONG_OFFER = """\
title:
  de: Deutsch-Café für Mütter und Väter mit Kinderbetreuung im Familienzentrum
  ar: مقهى اللغة الألمانية للأمهات والآباء مع رعاية الأطفال في مركز العائلة
summary:
  de: Deutsch sprechen üben, ganz ohne Prüfung
  ar: تدرّبوا على التحدّث بالألمانية دون امتحانات
categories: [meeting]
languages: [de, tr, ar, uk]
schedule:
  - weekly: [tuesday, thursday]
    time: 09:30-11:00
    from: 2026-09-01
    until: 2027-07-15
cancelled:
  - date: 2026-12-01
    reason:
      de: Die Sprachpatinnen sind auf einer Fortbildung und können nicht kommen.
      ar: المتطوّعات في دورة تدريبية ولا يستطعن الحضور.
location: kita-sonne
cost: free
registration:
  required: true
"""


@pytest.mark.parametrize("language", ["de", "ar"])
def test_an_offer_with_a_cancellation_keeps_its_facts_on_the_first_screen(
    tmp_path, browser, language
):
    site_yaml = str(site_tree()["content/test/site.yaml"]).replace("[de, en, tr]", "[de, ar]")
    files = site_tree({"site.yaml": site_yaml, "offers/elterncafe.yaml": LONG_OFFER})
    output = build_tree(write_tree(tmp_path, files) / "content", tmp_path / "output")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    with served(output) as address:
        page.goto(f"{address}test/{language}/angebote/elterncafe/")
        assert box(page, "main h1")["height"] > 60  # the long title takes two lines or more
        # When, next date, cost and languages, and the registration with its call button
        # (the e-mail button may follow below): on the first screen, the notice after them.
        facts = page.eval_on_selector_all(
            ".offer-facts .fact",
            "es => es.map(e => [e.className, e.getBoundingClientRect().bottom])",
        )
        names = ["fact", "fact fact-next", "fact", "fact", "fact fact-registration"]
        assert [name for name, _bottom in facts][:5] == names
        assert all(bottom <= 640 for _name, bottom in facts[:4]), facts
        assert box(page, ".fact-registration a.button[href^='tel:']")["bottom"] <= 640
        notice = box(page, "section.notices")
        assert notice["top"] > box(page, ".fact-registration")["bottom"]
        assert "Fällt aus" in page.locator("section.notices").inner_text() or language == "ar"
        # Postal code and town move to the next line together.
        town = page.locator(".fact .town")
        assert town.inner_text() == "23843\xa0Bad Oldesloe"
        assert len({round(r["bottom"]) for r in town.evaluate(RECTS)}) == 1
    context.close()


# --- item 6: not by colour alone ----------------------------------------------------


def test_the_current_page_and_language_are_marked_by_shape(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "bad-oldesloe/de/netzwerk/")
    style = (
        "e => { const s = getComputedStyle(e); return [s.borderBottomWidth, s.borderBottomColor]; }"
    )
    current = page.eval_on_selector("nav.menu a[aria-current='page']", style)
    other = page.eval_on_selector("nav.menu a:not([aria-current])", style)
    assert float(current[0].rstrip("px")) >= 3 and current[1] != "rgba(0, 0, 0, 0)"
    assert other[1] == "rgba(0, 0, 0, 0)" or float(other[0].rstrip("px")) == 0
    page.locator("details.fold-languages summary").click()
    mark = page.eval_on_selector(
        "nav.languages a[aria-current='page']", "e => getComputedStyle(e, '::after').content"
    )
    assert "✓" in mark
    context.close()


# --- item 3: cards ------------------------------------------------------------------


def test_a_card_is_one_link_with_badges(phone, server, output):
    cards = soup(output / "bad-oldesloe/de/angebote/index.html").select("li.card")
    assert all(len(card.select("a")) == 1 for card in cards)
    badges = [li.get_text() for card in cards for li in card.select(".badges li")]
    assert "kostenlos" in badges and "Anmeldung nötig" in badges
    assert any("Deutsch" in text and "Türkisch" in text for text in badges)
    phone.goto(server + "bad-oldesloe/de/angebote/")
    phone.locator("li.card").first.scroll_into_view_if_needed()
    card = box(phone, "li.card")
    assert card["height"] >= 44
    # A tap on the card's corner, far from its title, opens the offer.
    href = phone.locator("li.card h3 a").first.get_attribute("href")
    with phone.expect_navigation():
        phone.mouse.click(card["right"] - 6, card["bottom"] - 6)
    assert phone.url.rstrip("/").endswith(href.strip("./").rstrip("/"))


# --- item 7: desktop ----------------------------------------------------------------


@pytest.mark.parametrize(("language", "rtl"), [("de", False), ("ar", True)])
def test_on_desktop_the_contact_stands_beside_the_dates(browser, server, language, rtl):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}bad-oldesloe/{language}/")
    contact, dates = box(page, ".home-contact"), box(page, ".next")
    assert contact["top"] < dates["bottom"]
    if rtl:
        assert contact["right"] <= dates["left"]
    else:
        assert contact["left"] >= dates["right"]
    context.close()


# --- item 10: meta description and favicon --------------------------------------------


def test_meta_description_from_the_intro_per_language_and_a_favicon(tmp_path, fzgen):
    site_yaml = site_tree()["content/test/site.yaml"]
    assert isinstance(site_yaml, str)
    site_yaml = site_yaml.replace(
        "intro: Wir sind ein Verbund aus Kitas und Beratung.",
        f"intro:\n  de: '{INTRO}'\n  en: Short English intro.",
    )
    write_tree(tmp_path, site_tree({"site.yaml": site_yaml}))
    assert fzgen(tmp_path, "build").code == 0
    site = tmp_path / "output/test"
    german = soup(site / "de/angebote/index.html").select_one('meta[name="description"]')["content"]
    assert german.startswith('Wir sind für Familien da <script>x</script> & "helfen" gern.')
    assert len(german) <= 155 and german.endswith("…")
    raw = (site / "de/index.html").read_text(encoding="utf-8")
    assert "<script>x" not in raw and "&lt;script&gt;x" in raw
    english = soup(site / "en/index.html").select_one('meta[name="description"]')["content"]
    assert english == "Short English intro."
    for page in (
        site / "de/index.html",
        site / "tr/angebote/elterncafe/index.html",
        site / "index.html",
    ):
        icon = soup(page).select_one('link[rel="icon"]')["href"]
        assert (page.parent / icon).resolve() == (site / "favicon.svg").resolve()
    assert (site / "favicon.svg").read_bytes().startswith(b"<svg")


# --- item 8: the 404 page -------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "folder"),
    [
        ("https://fz-test.example.org/", "/"),
        ("https://example.org/familien/test/", "/familien/test/"),
    ],
)
def test_the_404_page_has_the_site_and_works_at_a_root_and_under_a_path(
    tmp_path, fzgen, base_url, folder
):
    site_yaml = site_tree()["content/test/site.yaml"]
    assert isinstance(site_yaml, str)
    write_tree(tmp_path, site_tree({"site.yaml": f"{site_yaml}base_url: {base_url}\n"}))
    assert fzgen(tmp_path, "build").code == 0
    site = tmp_path / "output/test"
    page = soup(site / "404.html")
    assert page.select_one(".site-header .site-name").get_text() == "Familienzentrum Testhausen"
    # Served for a missing address deep in the site, every link and the stylesheet still
    # lead to files of the site folder.
    missing = urljoin(base_url, "de/angebote/gibt-es-nicht/")
    addresses = [e["href"] for e in page.select("a[href], link[href]")]
    assert len(addresses) >= 5
    for address in addresses:
        path = urlsplit(urljoin(missing, address)).path
        assert path.startswith(folder), address
        target = site / path[len(folder) :]
        assert (target / "index.html" if path.endswith("/") else target).exists(), address
