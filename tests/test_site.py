"""The built sample sites, read back as a family's browser would: pages, links, languages."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sitebuild import build_tree, html_pages, resolve, soup, with_stylesheets

from fzgen.build.workers import plan
from fzgen.content.loader import load_content
from fzgen.errors import ContentError
from fzgen.theme.catalogue import catalogue_languages, language_own_name

ROOT = Path(__file__).resolve().parent.parent

#: The namespaces of a sitemap with language alternates (sitemaps.org, Google's hreflang).
SITEMAP = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture(scope="session")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tree(ROOT / "content", tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def content():  # type: ignore[no-untyped-def]
    return load_content(ROOT / "content", catalogue_languages(ROOT / "translations"))


def page_paths(site) -> list[str]:  # type: ignore[no-untyped-def]
    """Language-independent paths of every page a site must have."""
    paths = [
        "",
        "angebote/",
        "auswahl/themen/",
        "netzwerk/",
        "kontakt/",
        "impressum/",
        "datenschutz/",
        "programm/",
    ]
    if site.site.accessibility is not None:
        paths.append("barrierefreiheit/")
    paths += [f"angebote/{o.slug}/" for o in site.published_offers]
    paths += sorted({f"{p.slug}/" for p in site.pages})
    return paths


def test_every_page_in_every_language(output, content):
    for site in content.sites:
        for language in site.languages:
            for path in page_paths(site):
                assert (output / site.slug / language / path / "index.html").is_file(), (
                    site.slug,
                    language,
                    path,
                )
        for name in ("index.html", "404.html", "sitemap.xml", "robots.txt", "style.css"):
            assert (output / site.slug / name).is_file()


def test_drafts_are_not_published(output):
    assert not (output / "bad-oldesloe/de/angebote/familienfruehstueck").exists()
    assert "familienfruehstueck" not in (output / "bad-oldesloe/sitemap.xml").read_text()


def test_portal_lists_every_site(output, content):
    page = soup(output / "index.html")
    links = {a["href"] for a in page.select("h2 a")}
    assert links == {f"{s.slug}/{s.languages[0]}/" for s in content.sites}
    # Without an icon of its own, a browser asks for /favicon.ico: a 404 in its console.
    icon = page.select_one('link[rel="icon"]')
    assert icon is not None and (output / icon["href"]).is_file()
    description = page.select_one('meta[name="description"]')["content"]
    names = [a.get_text() for a in page.select("h2 a")]
    assert len(names) == len(content.sites) and all(name in description for name in names)


def test_lang_and_dir_on_every_page(output, content):
    for site in content.sites:
        for language in site.languages:
            for path in (output / site.slug / language).rglob("*.html"):
                html = soup(path).html
                # Leichte Sprache (`ls`) is German to browsers and screen readers.
                assert html["lang"] == ("de" if language == "ls" else language), path
                assert html["dir"] == ("rtl" if language in {"ar", "fa"} else "ltr"), path


def test_every_internal_link_resolves(output):
    broken = []
    for page in html_pages(output):
        if page.name == "404.html":
            continue  # its links are absolute from the site's address
        tree = soup(page)
        for element in tree.select("[href], [src]"):
            link = element.get("href") or element.get("src")
            target = resolve(page, link, output)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(output)} → {link}")
    assert not broken, "\n".join(broken[:20])


def test_switcher_leads_to_the_same_page_in_each_language(output, content):
    site = content.site("reinbek")
    for path in ["", "angebote/", "angebote/sommerfest/", "kontakt/"]:
        page = soup(output / "reinbek/uk" / path / "index.html")
        switcher = page.select("nav.languages a")
        assert [a["hreflang"] for a in switcher] == site.languages
        for link in switcher:
            assert link["lang"] == link["hreflang"]
            assert link.get_text() == language_own_name(link["hreflang"])
            target = resolve(output / "reinbek/uk" / path / "index.html", link["href"], output)
            assert target == (output / "reinbek" / link["hreflang"] / path / "index.html").resolve()
        assert page.select_one('nav.languages a[aria-current="page"]')["hreflang"] == "uk"
        alternates = {a["hreflang"]: a["href"] for a in page.select('link[rel="alternate"]')}
        assert set(alternates) == {*site.languages, "x-default"}
        assert alternates["tr"] == f"https://fz-reinbek.example.org/tr/{path}"
        assert (
            page.select_one('link[rel="canonical"]')["href"]
            == f"https://fz-reinbek.example.org/uk/{path}"
        )


def test_language_names_in_own_script(output):
    names = [
        a.get_text() for a in soup(output / "bad-oldesloe/de/index.html").select("nav.languages a")
    ]
    assert names == ["Deutsch", "Leichte Sprache", "English", "Türkçe", "العربية", "Українська"]


def test_fallback_marked_with_source_language_and_notice(output, content):
    # The Hebammensprechstunde has no Ukrainian text at all.
    offer = next(
        o.offer for o in content.site("bad-oldesloe").offers if o.slug == "hebammensprechstunde"
    )
    assert offer.title.get("uk") is None
    page = soup(output / "bad-oldesloe/uk/angebote/hebammensprechstunde/index.html")
    title = page.select_one("h1 .fallback")
    assert title["lang"] == "de" and title["dir"] == "ltr"
    assert title.get_text() == offer.title.original
    notice = page.select_one("main .fallback-page")
    assert notice is not None and "Українська" in notice.get_text()
    assert page.select_one("main .fallback-note") is not None  # before the German description


def test_fallback_in_right_to_left_page(output):
    page = soup(output / "bad-oldesloe/ar/angebote/adventsfest/index.html")
    block = page.select_one("div.fallback")
    assert block["lang"] == "de" and block["dir"] == "ltr"
    assert page.select_one(".fallback-note").find_parent(attrs={"lang": "de"}) is None


def test_translated_page_has_no_fallback_notice(output):
    page = soup(output / "bad-oldesloe/tr/ueber-uns/index.html")
    assert page.select_one(".fallback-page") is None
    assert page.select_one("main [lang='de']") is None


def test_page_only_in_source_language(output):
    page = soup(output / "bad-oldesloe/ar/fuer-fachkraefte/index.html")
    assert page.select_one("h1 [lang='de']") is not None
    assert page.select_one("main div.fallback")["lang"] == "de"
    assert page.select_one("main .fallback-note") is not None


def test_menu_in_order_with_free_pages(output):
    labels = [
        a.get_text() for a in soup(output / "bad-oldesloe/de/index.html").select("nav.menu a")
    ]
    assert labels == ["Start", "Angebote", "Netzwerk", "Über uns", "Für Fachkräfte", "Kontakt"]


def test_offer_page_facts(output):
    page = soup(output / "bad-oldesloe/de/angebote/deutsch-cafe-muetter/index.html")
    text = page.get_text(" ", strip=True)
    assert "Leyla Karaca" in text
    assert "jeden Dienstag und Donnerstag, 15:00–16:30 Uhr" in text
    assert "vom 1. September 2026 bis 15. Juli 2027" in text
    map_link = page.find(
        "a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/search?")
    )
    assert map_link is not None
    assert page.find("a", href="mailto:deutsch-cafe@fz-bad-oldesloe.example.org") is not None
    coordinator = soup(output / "bad-oldesloe/de/angebote/elterncafe/index.html")
    assert coordinator.find("a", href="tel:+494531000000") is not None
    assert page.select_one('a[href$="kalender.ics"]') is not None


def test_by_appointment_in_words_and_without_calendar(output):
    page = soup(output / "bad-oldesloe/de/angebote/schreibbaby-sprechstunde/index.html")
    assert "nach Vereinbarung" in page.get_text()
    assert "jeden zweiten Montag im Monat" in page.get_text()


def test_schedule_words_in_other_languages(output):
    text = soup(output / "bad-oldesloe/tr/angebote/deutsch-cafe-muetter/index.html").get_text()
    assert "her Salı ve Perşembe" in text
    text = soup(output / "bad-oldesloe/en/angebote/vorlesestunde/index.html").get_text()
    assert "on the last Friday of every month" in text


def test_offers_grouped_and_filterable_without_script(output, content):
    site = content.site("bad-oldesloe")
    overview = soup(output / "bad-oldesloe/de/angebote/index.html")
    headings = [h.get_text() for h in overview.select("main section > h2")]
    assert headings[:2] == ["Montag", "Dienstag"] and "Nach Vereinbarung" in headings
    assert overview.find("script") is None
    filters = {a["href"].split("auswahl/")[1] for a in overview.select(".filters a")}
    assert {"thema/meeting/", "fuer/parents/", "tag/tuesday/", "sprache/tr/"} <= filters
    turkish = soup(output / "bad-oldesloe/de/auswahl/sprache/tr/index.html")
    shown = {a["href"].rstrip("/").split("/")[-1] for a in turkish.select(".card h3 a")}
    expected = {o.slug for o in site.published_offers if "tr" in o.offer.languages}
    assert shown == expected and shown
    by_category = soup(output / "bad-oldesloe/de/auswahl/themen/index.html")
    assert "Beratung" in [h.get_text() for h in by_category.select("main section > h2")]


def test_json_ld(output):
    home = soup(output / "bad-oldesloe/de/index.html")
    data = json.loads(home.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Organization"
    assert data["contactPoint"]["availableLanguage"] == ["de", "en", "tr", "ar", "uk"]
    offer = soup(output / "bad-oldesloe/de/angebote/deutsch-cafe-muetter/index.html")
    event = json.loads(offer.select_one('script[type="application/ld+json"]').string)
    assert event["@type"] == "Event"
    schedule = event["eventSchedule"][0]
    assert schedule["repeatFrequency"] == "P1W"
    assert schedule["byDay"] == ["https://schema.org/Tuesday", "https://schema.org/Thursday"]


def test_sitemap_and_robots(output, content):
    # Read as a sitemap reader does: XML with its namespaces. BeautifulSoup's
    # "xml" parser gives no tag the name xhtml:link on lxml 6.2 (it did on 6.1).
    sitemap = ElementTree.parse(output / "reinbek/sitemap.xml").getroot()
    assert sitemap.tag == f"{{{SITEMAP['sm']}}}urlset"
    locs = [loc.text for loc in sitemap.findall("sm:url/sm:loc", SITEMAP)]
    site = content.site("reinbek")
    pages = {
        "https://fz-reinbek.example.org/"
        + p.parent.relative_to(output / "reinbek").as_posix()
        + "/"
        for language in site.languages
        for p in (output / "reinbek" / language).rglob("index.html")
    }
    assert sorted(locs) == sorted(pages)
    assert "https://fz-reinbek.example.org/fa/angebote/sommerfest/" in locs
    first = sitemap.find("sm:url", SITEMAP)
    assert first is not None
    assert {link.get("hreflang") for link in first.findall("xhtml:link", SITEMAP)} == {
        *site.languages,
        "x-default",
    }
    assert (
        "Sitemap: https://fz-reinbek.example.org/sitemap.xml"
        in (output / "reinbek/robots.txt").read_text()
    )


def test_files_are_copied_and_linked(output):
    assert (output / "bad-oldesloe/files/programm-flyer.pdf").is_file()
    page = soup(output / "bad-oldesloe/de/angebote/elterncafe/index.html")
    image = page.select_one("article img")
    # The offer's picture is shown in a size made of it (tests/test_photo.py).
    assert image["src"].startswith("../../../files/elterncafe-") and image["alt"]
    assert (output / "bad-oldesloe/de/angebote/elterncafe" / image["src"]).resolve().is_file()
    assert (output / "bad-oldesloe/files/elterncafe.png").is_file()


def test_weight_of_heaviest_page_with_css(output):
    """A page with the stylesheets it links (style.css, and offer.css or programme.css)."""
    sizes = sorted(((with_stylesheets(p), p) for p in html_pages(output)), reverse=True)
    heaviest, path = sizes[0]
    assert heaviest < 30 * 1024, f"{path}: {heaviest} bytes"


def test_rebuild_in_two_processes_is_byte_identical(output, tmp_path, monkeypatch):
    """The session's build ran in one process; this one forks two workers."""
    monkeypatch.setenv("FZGEN_WORKERS", "2")
    again = build_tree(ROOT / "content", tmp_path / "again")
    first = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_workers_get_whole_sites_first_and_the_last_sites_in_parts():
    # (site, part, parts): part k renders the site's languages [k::parts].
    assert plan(3, workers=2) == [(0, 0, 1), (1, 0, 2), (1, 1, 2), (2, 0, 2), (2, 1, 2)]
    # One site on two cores: its languages are shared out between them.
    assert plan(1, workers=2) == [(0, 0, 2), (0, 1, 2)]
    assert plan(3, workers=1) == [(0, 0, 1), (1, 0, 1), (2, 0, 1)]
    # With --site, the other sites are only checked: one task each, first.
    assert plan(3, workers=2, only=[1]) == [(0, 0, 1), (2, 0, 1), (1, 0, 2), (1, 1, 2)]


def test_the_cycle_collector_runs_again_after_a_build_that_failed(tmp_path):
    """Builds pause the collector (see `collector_paused`); the preview lives on after one."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site_yaml = next(content.glob("*/site.yaml"))
    site_yaml.write_text("name: [nicht, geschlossen\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_tree(content, tmp_path / "output")
    assert gc.isenabled()
    assert not (tmp_path / "output").exists()


def test_place_and_room_separated_as_the_language_writes_it(output):
    for language, comma, room in (("de", ", ", "Foyer der Kita"), ("ar", "، ", "بهو الحضانة")):
        cards = soup(output / f"bad-oldesloe/{language}/angebote/index.html").select("p.where")
        named = [p for p in cards if len(p.find_all("bdi", recursive=False)) == 2]
        assert named and all(p.find("bdi").next_sibling == comma for p in named), language
        # The flyer names the place (the partner) and the room, with the language's comma.
        flyer = soup(output / f"bad-oldesloe/{language}/programm/index.html")
        places = [
            li.get_text() for li in flyer.select("ul.flyer-facts li") if room in li.get_text()
        ]
        assert places and all(place.endswith(f"{comma}{room}") for place in places), language
        page = soup(output / f"bad-oldesloe/{language}/angebote/deutsch-cafe-muetter/index.html")
        lists = [dd for dd in page.select("dl dd") if len(dd.find_all("a")) > 1]
        assert lists and all(a.next_sibling == comma for dd in lists for a in dd("a")[:-1])
