"""Leichte Sprache (issue 23): `ls` in a site's languages makes pages under `ls/` that are
German to browsers, reached from every page and back, honest where a text has no
Leichte Sprache version, and labelled „Einfache Sprache“ until a text is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import build_tree, soup

SITE = SITE_YAML.replace(
    "name: Familienzentrum Testhausen\n",
    "name: {de: Familienzentrum Testhausen, ls: Familien·zentrum Testhausen}\n",
).replace(
    "languages: [de, en, tr]", "languages: [de, ls, en]\nbase_url: https://fz-test.example.org/"
)

CHECKED = "ls_checked: {by: Prüf-Gruppe <b>Lebenshilfe</b>, on: 2026-11-20}\n"

#: Title, summary and description in Leichte Sprache, one sentence per line.
EASY_OFFER = """\
title: {de: Elterncafé, ls: Eltern·café}
summary: {de: Offener Treff für Eltern, ls: Ein Treffen für Eltern.}
description:
  de: Bei Kaffee und Tee lernen Sie andere Eltern kennen.
  ls: |
    Im Eltern·café treffen sich Eltern.
    Es gibt Kaffee und Tee.
categories: [meeting]
schedule:
  - weekly: tuesday
    time: 09:30-11:00
location: kita-sonne
"""

#: Only the title in Leichte Sprache; the file says its texts are not checked.
HALF_OFFER = """\
title: {de: Babymassage, ls: Baby·massage}
summary: Kurs für Eltern mit Babys
description: Sanfte Berührungen tun Ihrem Baby gut.
categories: [baby]
schedule:
  - weekly: monday
    time: 10:00-11:00
location: kita-sonne
ls_checked: false
"""

EASY_PAGE = """\
---
title: Über uns
ls_checked: {by: Prüf-Gruppe Ahrensburg, on: 2026-10-01}
---
Wir sind das Familien·zentrum.
Wir helfen Familien.
"""


def _build(root: Path, site: str, files: dict[str, str | None] | None = None) -> Path:
    tree = site_tree(
        {
            "site.yaml": site,
            "offers/elterncafe.yaml": EASY_OFFER,
            "offers/babymassage.yaml": HALF_OFFER,
            **(files or {}),
        }
    )
    write_tree(root, tree)
    return build_tree(root / "content", root / "output") / "test"


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(
        tmp_path_factory.mktemp("easy"), SITE + CHECKED, {"pages/ueber-uns.ls.md": EASY_PAGE}
    )


@pytest.fixture(scope="module")
def unchecked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("plain"), SITE)


def test_pages_in_leichte_sprache_are_german_to_browsers(checked: Path):
    page = soup(checked / "ls" / "index.html")
    assert page.html["lang"] == "de"
    assert "easy" in page.html["class"]
    assert page.title.text.endswith("Familien·zentrum Testhausen")
    offer = soup(checked / "ls" / "angebote" / "elterncafe" / "index.html")
    assert offer.html["lang"] == "de"
    assert offer.h1.get_text(strip=True) == "Eltern·café"


def test_no_hreflang_names_leichte_sprache(checked: Path):
    for path in checked.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'hreflang="ls"' not in html, path
        assert 'lang="ls"' not in html, path
    page = soup(checked / "de" / "index.html")
    alternates = {link["hreflang"] for link in page.find_all("link", hreflang=True)}
    assert alternates == {"de", "en", "x-default"}


def test_sitemap_lists_the_pages_without_alternates(checked: Path):
    sitemap = soup(checked / "sitemap.xml")
    easy = [u for u in sitemap.find_all("url") if "/ls/" in u.loc.text]
    assert easy, "the Leichte Sprache pages are in the sitemap"
    assert all(not u.find_all("link") for u in easy)
    german = next(u for u in sitemap.find_all("url") if u.loc.text.endswith("/de/"))
    assert {link["hreflang"] for link in german.find_all("link")} == {"de", "en", "x-default"}


def test_every_page_of_every_language_leads_to_leichte_sprache_and_back(checked: Path):
    for language in ("de", "en"):
        for path in (checked / language).rglob("index.html"):
            link = soup(path).find("a", class_="easy-link")
            assert link is not None, path
            assert link["lang"] == "de"
            same = checked / "ls" / path.relative_to(checked / language)
            assert (path.parent / link["href"] / "index.html").resolve() == same.resolve()
            assert link.get_text(strip=True) == "Leichte Sprache"
    page = soup(checked / "ls" / "angebote" / "index.html")
    assert page.find("a", class_="easy-link") is None
    back = page.find("p", class_="easy-status").a
    assert back["href"] == "../../de/angebote/"
    assert back.get_text(strip=True) == "Diese Seite in Alltags-Sprache"


def test_the_switcher_names_it_in_german_without_hreflang(checked: Path):
    page = soup(checked / "en" / "index.html")
    entry = page.find("nav", class_="languages").find("a", string="Leichte Sprache")
    assert entry["lang"] == "de" and not entry.has_attr("hreflang")
    chooser = soup(checked / "index.html")
    item = chooser.find("a", href="ls/")
    assert item.parent["lang"] == "de" and not item.has_attr("hreflang")


def test_checked_texts_name_who_checked_them(checked: Path):
    status = soup(checked / "ls" / "index.html").find("p", class_="easy-status")
    text = status.get_text(" ", strip=True)
    assert text.startswith("Leichte Sprache")
    # The name is the coordinator's text: shown, never taken as HTML.
    assert "Geprüft von Prüf-Gruppe <b>Lebenshilfe</b> am 20. November 2026." in text
    assert status.find("b") is None


def test_a_file_that_says_false_is_einfache_sprache(checked: Path):
    status = soup(checked / "ls" / "angebote" / "babymassage" / "index.html").find(
        "p", class_="easy-status"
    )
    assert status.strong.text == "Einfache Sprache"
    assert "Geprüft" not in status.get_text()


def test_a_page_file_checks_its_own_text(unchecked: Path, tmp_path: Path):
    site = _build(tmp_path, SITE, {"pages/ueber-uns.ls.md": EASY_PAGE})
    status = soup(site / "ls" / "ueber-uns" / "index.html").find("p", class_="easy-status")
    assert status.strong.text == "Leichte Sprache"
    assert "Prüf-Gruppe Ahrensburg" in status.get_text()
    home = soup(site / "ls" / "index.html").find("p", class_="easy-status")
    assert home.strong.text == "Einfache Sprache"


def test_without_a_check_the_site_calls_it_einfache_sprache(unchecked: Path):
    link = soup(unchecked / "de" / "index.html").find("a", class_="easy-link")
    assert link.get_text(strip=True) == "Einfache Sprache"
    status = soup(unchecked / "ls" / "index.html").find("p", class_="easy-status")
    assert status.strong.text == "Einfache Sprache"


def test_standard_german_is_never_shown_as_leichte_sprache(checked: Path):
    page = soup(checked / "ls" / "angebote" / "babymassage" / "index.html")
    # The page says plainly that some of it is not in Leichte Sprache ...
    assert page.find("p", class_="fallback-page") is not None
    # ... the German description stands in a box with its note first ...
    box = page.find("div", class_="fallback-box")
    assert box.find("p", class_="fallback-note") is not None
    assert "Sanfte Berührungen" in box.find("div", class_="fallback").get_text()
    # ... and the link back to the standard German page is right at the top.
    assert page.find("p", class_="easy-status").a["href"] == "../../../de/angebote/babymassage/"
    translated = soup(checked / "ls" / "angebote" / "elterncafe" / "index.html")
    assert translated.find("p", class_="fallback-page") is None


def test_one_sentence_per_line_as_written(checked: Path):
    page = soup(checked / "ls" / "angebote" / "elterncafe" / "index.html")
    description = page.find(string=lambda s: "treffen sich Eltern" in s).parent
    assert description.find("br") is not None
    german = soup(checked / "de" / "ueber-uns" / "index.html")
    assert german.find("main").find("br") is None
    easy_page = soup(checked / "ls" / "ueber-uns" / "index.html")
    assert easy_page.find(string=lambda s: "Wir sind das Familien" in s).find_next("br")


@pytest.mark.parametrize(
    ("yaml", "message", "line"),
    [
        ("ls_checked: true\n", "sagt nicht, wer", 27),
        ("ls_checked: {on: 2026-11-01}\n", "fehlt, wer geprüft hat", 27),
        ("ls_checked: {by: Prüf-Gruppe, on: letzte Woche}\n", "„letzte Woche“ ist kein Datum", 27),
    ],
)
def test_a_wrong_check_is_named_with_file_and_line(fzgen, tmp_path, yaml, message, line):
    write_tree(
        tmp_path, site_tree({"site.yaml": SITE + yaml, "offers/elterncafe.yaml": EASY_OFFER})
    )
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert f"test/site.yaml, Zeile {line}" in result.err
    assert "Feld „ls_checked“" in result.err
    assert message in result.err


def test_the_check_date_may_be_written_the_german_way(fzgen, tmp_path):
    checked = "ls_checked: {by: Prüf-Gruppe, on: 20.11.2026}\n"
    write_tree(
        tmp_path, site_tree({"site.yaml": SITE + checked, "offers/elterncafe.yaml": EASY_OFFER})
    )
    assert fzgen(tmp_path, "build").code == 0
    home = soup(tmp_path / "output/test/ls/index.html").get_text(" ", strip=True)
    assert "20. November 2026" in home


def test_leichte_sprache_cannot_be_the_source(fzgen, tmp_path):
    site = SITE.replace("languages: [de, ls, en]", "languages: [ls, de]")
    write_tree(tmp_path, site_tree({"site.yaml": site, "offers/elterncafe.yaml": EASY_OFFER}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Leichte Sprache (ls) steht als erste Sprache" in result.err


def test_filters_programme_and_calendar_exist_in_leichte_sprache(checked: Path):
    offers = soup(checked / "ls" / "angebote" / "index.html")
    filters = [a["href"] for a in offers.select("a[href*='auswahl/']")]
    assert filters
    for href in filters:
        assert (checked / "ls" / "angebote" / href / "index.html").resolve().is_file(), href
    programme = soup(checked / "ls" / "programm" / "index.html")
    assert programme.html["lang"] == "de"
    assert "Eltern·café" in programme.get_text()


def test_the_home_page_explains_the_site_in_leichte_sprache(checked: Path):
    block = soup(checked / "ls" / "index.html").find("section", class_="easy-home")
    text = block.get_text(" ", strip=True)
    assert block.h2.get_text(strip=True) == "Informationen in Leichter Sprache"
    assert "Familien·zentrum Testhausen" in text and "Erika Muster" in text
    assert block.find("a", href="tel:+494531000000") is not None
    assert block.find("a", href="mailto:erika.muster@fz-test.example.org") is not None
    # Only the Leichte Sprache home page has it.
    assert soup(checked / "de" / "index.html").find("section", class_="easy-home") is None


def test_the_start_page_block_leads_to_the_accessibility_statement(tmp_path: Path):
    statement = """\
accessibility:
  status: partial
  known_limits: [{de: Die PDF-Flyer sind noch nicht barrierefrei.}]
  last_checked: 2026-11-01
"""
    site = _build(tmp_path, SITE + CHECKED + statement)
    block = soup(site / "ls" / "index.html").find("section", class_="easy-home")
    link = block.find("a", string="Erklärung zur Barriere·freiheit lesen")
    assert link["href"] == "../ls/barrierefreiheit/"
    assert (site / "ls" / "barrierefreiheit" / "index.html").is_file()


def test_the_404_page_keeps_leichte_sprache_one_sentence_per_line(checked: Path):
    sections = soup(checked / "404.html").find_all("section")
    easy = next(s for s in sections if "Diese Seite gibt es nicht." in s.get_text())
    assert easy.p.find("br") is not None
    german = sections[0]
    assert german.p.find("br") is None
