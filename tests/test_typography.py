"""Typography of scripts (issue 20, item 5): digits per CLDR, consistent on a page;
phone numbers and e-mail left to right in right-to-left pages; times kept whole;
Arabic and Persian as large as Latin text, German passages left-aligned in them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale
from bs4 import BeautifulSoup, NavigableString
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import build_tree, soup

from fzgen.theme.numerals import digit_table, kept_together, local_digits

SITE = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, ar, fa]")
OFFER = """\
title: {de: Elternkurs, ar: دورة الآباء, fa: دوره والدین}
summary: {de: Acht Abende, ar: ثماني أمسيات, fa: هشت جلسه عصرگاهی}
categories: [learning]
schedule:
  - weekly: wednesday
    every: 2
    time: 18:00-19:30
    from: 2026-12-02
location: kita-sonne
contact:
  name: Dariush Karimi
  phone: 04102 000 0041
  email: elternkurs@fz-test.example.org
"""
LATIN_DIGIT = re.compile("[0-9]")
LATIN_LETTER = re.compile("[A-Za-z]")
PERSIAN_DIGIT = re.compile("[\u06f0-\u06f9]")
ARABIC_INDIC_DIGIT = re.compile("[\u0660-\u0669]")


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typography")
    tree = site_tree(
        {"site.yaml": SITE, "offers/elterncafe.yaml": OFFER, "pages/ueber-uns.md": None}
    )
    write_tree(root, tree)
    return build_tree(root / "content", root / "output") / "test"


def in_left_to_right(node: NavigableString) -> bool:
    """Whether the text stands in an element marked left to right (phone, e-mail, German)."""
    return any(parent.get("dir") == "ltr" for parent in node.parents)


def own_language_texts(page: BeautifulSoup) -> list[str]:
    """The texts of <body> in the page's own language: not inside a `lang` of another
    language or a left-to-right element, and not Latin-script data (an address)."""
    language = page.html["lang"]
    texts = []
    for node in page.body.find_all(string=True):
        if node.parent.name in ("script", "style"):
            continue
        marked = node.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"] != language:
            continue
        if in_left_to_right(node) or LATIN_LETTER.search(node):
            continue
        texts.append(str(node))
    return texts


PERSIAN_PAGES = ["fa/index.html", "fa/angebote/index.html", "fa/angebote/elterncafe/index.html"]


@pytest.mark.parametrize("path", PERSIAN_PAGES)
def test_persian_pages_write_their_numbers_in_persian_digits_only(output, path):
    texts = own_language_texts(soup(output / path))
    with_digits = [text for text in texts if PERSIAN_DIGIT.search(text)]
    assert with_digits, "dates, times or counts are on the page"
    mixed = [text for text in texts if LATIN_DIGIT.search(text) or ARABIC_INDIC_DIGIT.search(text)]
    assert mixed == []


def test_persian_dates_times_and_counts(output):
    page = soup(output / "fa/angebote/elterncafe/index.html").get_text()
    # The weekly rule "every 2 weeks", its time and the first date, all in Persian digits.
    assert "۱۸:۰۰\u00a0تا\u00a0۱۹:۳۰" in page  # one piece: the line never breaks inside
    assert "۲ دسامبر ۲۰۲۶" in page
    assert "هر ۲ هفته" in page
    offers = soup(output / "fa/angebote/index.html").get_text()
    assert "۱ " in offers and not re.search(r"\b1 ", offers.replace("\u200c", ""))


def test_arabic_keeps_the_latin_digits_cldr_gives_it(output):
    page = soup(output / "ar/angebote/elterncafe/index.html")
    texts = own_language_texts(page)
    assert not any(ARABIC_INDIC_DIGIT.search(text) or PERSIAN_DIGIT.search(text) for text in texts)
    assert "18:00–19:30" in page.get_text()


@pytest.mark.parametrize("language", ["ar", "fa"])
@pytest.mark.parametrize("path", ["", "kontakt/", "angebote/elterncafe/"])
def test_phone_numbers_and_e_mail_run_left_to_right_in_rtl_pages(output, language, path):
    page = soup(output / f"{language}/{path}index.html")
    assert page.html["dir"] == "rtl"
    links = page.select("main a[href^='tel:'], main a[href^='mailto:']")
    assert links
    for link in links:
        for text in link.find_all(string=re.compile(r"\d|@")):
            assert in_left_to_right(text), f"{text!r} in {path or 'home'}"
    numbers = [t for t in page.main.find_all(string=re.compile("04102 000 0041|4531 000000"))]
    assert numbers and all(in_left_to_right(t) for t in numbers)


def test_digit_tables_follow_cldr():
    assert local_digits("2026", digit_table(Locale("fa"))) == "۲۰۲۶"
    assert local_digits("2026", digit_table(Locale.parse("ar_EG"))) == "٢٠٢٦"
    for latin in ("de", "ar", "tr", "uk", "ru", "pl", "en"):
        assert digit_table(Locale.parse(latin)) is None
    assert kept_together("09:30–11:00 Uhr") == "09:30–11:00 Uhr"  # the text after it as it is
    assert kept_together("9:30 تا 11:00") == "9:30\u00a0تا\u00a011:00"
    assert kept_together("09:30\u2009–\u200911:00") == "09:30\u202f–\u202f11:00"


# --- in a browser -------------------------------------------------------------------

GERMAN_BOX = """\
title: {de: Babymassage, ar: تدليك الرضع, fa: ماساژ نوزاد}
summary: {de: Sanfte Berührung, ar: لمسة لطيفة, fa: لمس ملایم}
description: Wir massieren die Babys mit warmem Öl und singen dabei.
categories: [meeting]
room: Turnhalle
schedule:
  - weekly: monday
    time: 10:00-11:00
location: kita-sonne
"""


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Chromium is not installed")
    from test_browser import CHROMIUM_ARGS

    root = tmp_path_factory.mktemp("scripts")
    tree = site_tree(
        {"site.yaml": SITE, "offers/elterncafe.yaml": None, "offers/babymassage.yaml": GERMAN_BOX}
    )
    write_tree(root, tree)
    site = build_tree(root / "content", root / "output") / "test"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 640})

        def show(path: str):
            page.goto((site / path).as_uri())
            return page

        yield show
        browser.close()


@pytest.mark.browser
def test_arabic_and_persian_read_as_large_as_german(browser_page):
    sizes = {}
    for language in ("de", "ar", "fa"):
        page = browser_page(f"{language}/angebote/babymassage/index.html")
        sizes[language] = page.evaluate(
            "() => [getComputedStyle(document.querySelector('main')).fontSize,"
            " getComputedStyle(document.querySelector('main')).lineHeight].map(parseFloat)"
        )
    (de_size, de_line), (ar_size, ar_line), (fa_size, _) = sizes["de"], sizes["ar"], sizes["fa"]
    assert ar_size == fa_size >= de_size * 1.1
    assert ar_line / ar_size >= 1.75 > de_line / de_size


@pytest.mark.browser
def test_a_german_passage_in_arabic_is_left_aligned_after_its_note(browser_page):
    page = browser_page("ar/angebote/babymassage/index.html")
    box = page.evaluate(
        """() => {
          const note = document.querySelector('.fallback-box > .fallback-note');
          const text = document.querySelector('.fallback-box > .fallback p');
          const range = document.createRange();
          range.selectNodeContents(text);
          const line = range.getClientRects()[0];
          const inner = text.getBoundingClientRect();
          return {noteAbove: note.getBoundingClientRect().bottom <= inner.top,
                  startsLeft: line.left - inner.left < 2,
                  germanSize: parseFloat(getComputedStyle(text).fontSize),
                  bodySize: parseFloat(getComputedStyle(document.querySelector('main')).fontSize)};
        }"""
    )
    assert box["noteAbove"] and box["startsLeft"]
    assert box["germanSize"] < box["bodySize"]  # Latin text at Latin size again


@pytest.mark.browser
def test_a_german_fragment_shows_its_language_not_by_colour(browser_page):
    page = browser_page("ar/angebote/babymassage/index.html")
    marker = page.evaluate(
        """() => [...document.querySelectorAll('main bdi.fallback')]
             .filter(b => b.textContent === 'Turnhalle')
             .map(b => ['content', 'textTransform', 'borderTopStyle']
               .map(name => getComputedStyle(b, '::after')[name]))"""
    )
    # A framed "DE" after the word (its text hidden from screen readers: `/ ""`).
    assert marker == [['"de" / ""', "uppercase", "solid"]]
