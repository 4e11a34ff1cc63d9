"""The Erklärung zur Barrierefreiheit: `accessibility:` in site.yaml becomes a page in every
language, linked from every footer and listed in the sitemap; the German text is binding;
`check` names what is missing or wrong with file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import EPOCH, build_tree, fixed_day, snapshot

from fzgen.build.live import LiveBuild
from fzgen.project import find_project

ROOT = Path(__file__).resolve().parent.parent
OUT = Path("output/test")
#: site.yaml of the tests with Arabic as a language and an address for the sitemap.
BASE = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, en, tr, ar]").replace(
    "organisation:", "base_url: https://fz-test.example.org/\norganisation:"
)
#: The first line after BASE, where the appended block starts.
BLOCK_LINE = BASE.count("\n") + 1
STATEMENT = """\
accessibility:
  status: teilweise
  known_limits:
    - de: Die PDF-Flyer sind noch nicht barrierefrei.
      ar: منشورات PDF ليست متاحة بعد.
  last_checked: 2026-11-01
  feedback: {email: barrierefrei@example.org, phone: "+49 4531 000001"}
"""


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # 2026-11-25


def _site(tmp_path: Path, block: str = STATEMENT) -> Path:
    return write_tree(tmp_path, site_tree({"site.yaml": BASE + block}))


def _page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / OUT / path).read_text(encoding="utf-8"), "html.parser")


def _text(element: Any) -> str:
    return " ".join(str(element.get_text(" ")).split())


def test_the_german_statement_has_every_part_with_links(tmp_path, fzgen):
    root = _site(tmp_path)
    result = fzgen(root, "build")
    assert result.code == 0, result.err
    page = _page(root, "de/barrierefreiheit/index.html")
    main = page.select_one("main")
    assert page.html["lang"] == "de"
    assert page.title and page.title.get_text().startswith("Erklärung zur Barrierefreiheit")
    assert [_text(h) for h in main.select("h2")] == [
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung zur Barrierefreiheit",
        "Feedback und Kontaktangaben",
        "Durchsetzungsverfahren",
    ]
    text = _text(main)
    assert "AWO Kreisverband Stormarn e.V. ist bemüht" in text
    assert "„Familienzentrum Testhausen“ unter https://fz-test.example.org/" in text
    assert "Diese Website ist teilweise mit den Anforderungen" in text
    # Soft hyphens let the long word break on a phone.
    assert (
        "§ 13 des Landesbehinderten\xadgleichstellungs\xadgesetzes Schleswig-Holstein (LBGG)"
        in text
    )
    assert "EN 301 549" in text and "WCAG) 2.1, Stufe AA" in text
    assert [_text(li) for li in main.select("ul li")] == [
        "Die PDF-Flyer sind noch nicht barrierefrei."
    ]
    assert "zuletzt am 1. November 2026 geprüft" in text
    links = {a["href"] for a in main.select("a")}
    assert {"mailto:barrierefrei@example.org", "tel:+494531000001"} <= links
    # Schleswig-Holstein (the default Land): the theme's table fills in the body.
    assert "Schlichtungsstelle bei der Landesbeauftragten" in text
    assert "Karolinenweg 1, 24105 Kiel" in text and "(dienstags 10–12 Uhr)" in text
    assert {"mailto:schlichtung@landtag.ltsh.de", "tel:04319881272"} <= links
    # German is the binding text itself: no second copy, no note.
    assert not main.select(".legal-text") and not main.select(".fallback-note")


def test_the_arabic_statement_is_translated_with_the_binding_german_text(tmp_path, fzgen):
    root = _site(tmp_path)
    assert fzgen(root, "build").code == 0
    page = _page(root, "ar/barrierefreiheit/index.html")
    main = page.select_one("main")
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert _text(main.select_one("h1")) == "بيان إمكانية الوصول"
    assert "منشورات PDF ليست متاحة بعد." in _text(main.select_one("ul"))
    assert "1 نوفمبر 2026" in _text(main)
    assert main.select_one('a[href="mailto:barrierefrei@example.org"]')["dir"] == "ltr"
    assert main.select_one('a[href="tel:+494531000001"]')["dir"] == "ltr"
    note = main.select_one(".fallback-note")
    assert _text(note) == "النسخة الألمانية هي وحدها الملزمة قانونيًا."
    box = main.select_one("div.legal-text")
    assert (box["lang"], box["dir"]) == ("de", "ltr")
    assert note.find_next("div") is box  # the note stands right before the German text
    assert _text(box.select_one("h2")) == "Erklärung zur Barrierefreiheit"
    assert "Die PDF-Flyer sind noch nicht barrierefrei." in _text(box)
    assert "zuletzt am 1. November 2026 geprüft" in _text(box)
    # The law's and the body's German names are marked as German inside the Arabic text.
    assert main.select_one('span[lang="de"]') is not None
    german = [_text(dd) for dd in main.select('dd[lang="de"]')]
    assert german[0] == "AWO Kreisverband Stormarn e.V."  # the publisher, not in a sentence
    assert german[1].startswith("Schlichtungsstelle bei der Landesbeauftragten")


def test_every_page_links_the_statement_in_its_footer(tmp_path, fzgen):
    root = _site(tmp_path)
    assert fzgen(root, "build").code == 0
    pages = [p for p in sorted((root / OUT).rglob("index.html")) if p.parent != root / OUT]
    assert len(pages) > 20
    labels = {
        "de": "Barrierefreiheit",
        "en": "Accessibility",
        "tr": "Erişilebilirlik",
        "ar": "إمكانية الوصول",
    }
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        language = path.relative_to(root / OUT).parts[0]
        link = page.select_one("footer a[href$='barrierefreiheit/']")
        assert link is not None and _text(link) == labels[language], path
        assert (path.parent / link["href"] / "index.html").resolve().is_file(), path


def test_the_sitemap_lists_the_statement_with_its_languages(tmp_path, fzgen):
    root = _site(tmp_path)
    assert fzgen(root, "build").code == 0
    sitemap = BeautifulSoup((root / OUT / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    url = "https://fz-test.example.org/ar/barrierefreiheit/"
    entry = next(u for u in sitemap.find_all("url") if u.find("loc").get_text() == url)
    alternates = {link["hreflang"]: link["href"] for link in entry.find_all("link")}
    assert alternates == {
        "de": "https://fz-test.example.org/de/barrierefreiheit/",
        "en": "https://fz-test.example.org/en/barrierefreiheit/",
        "tr": "https://fz-test.example.org/tr/barrierefreiheit/",
        "ar": url,
        "x-default": "https://fz-test.example.org/de/barrierefreiheit/",
    }


def test_without_the_block_there_is_no_page_no_link_and_check_says_so(tmp_path, fzgen):
    root = _site(tmp_path, "")
    result = fzgen(root, "build")
    assert result.code == 0, result.err
    assert not (root / OUT / "de" / "barrierefreiheit").exists()
    assert "barrierefreiheit" not in (root / OUT / "sitemap.xml").read_text(encoding="utf-8")
    for path in (root / OUT).rglob("*.html"):
        assert "barrierefreiheit/" not in path.read_text(encoding="utf-8"), path
    result = fzgen(root, "check")
    assert result.code == 0
    assert (
        "Hinweis: test/site.yaml, Zeile 1, Spalte 1\n"
        "  Die Website hat eine Internetadresse (base_url), aber keine Erklärung zur"
        " Barrierefreiheit; es gibt darum keine Seite „Barrierefreiheit“ und keinen Link darauf.\n"
        "  Öffentliche Stellen müssen sie veröffentlichen. Ergänzen Sie in site.yaml einen Block wie diesen:\n"
        "      accessibility:\n"
        "        status: teilweise\n"
    ) in result.out


@pytest.mark.parametrize(
    ("word", "sentence"),
    [
        ("vollständig", "Diese Website ist vollständig mit"),
        ("Teilweise", "Diese Website ist teilweise mit"),
        ("nicht", "Diese Website ist nicht mit"),
    ],
)
def test_status_words_a_coordinator_types(tmp_path, fzgen, word, sentence):
    block = STATEMENT.replace("status: teilweise", f"status: {word}")
    root = _site(tmp_path, block)
    assert fzgen(root, "build").code == 0
    assert sentence in _text(_page(root, "de/barrierefreiheit/index.html").select_one("main"))


def test_an_unknown_status_word_is_refused_with_the_allowed_ones(tmp_path, fzgen):
    root = _site(tmp_path, STATEMENT.replace("status: teilweise", "status: teilweis"))
    result = fzgen(root, "check")
    assert result.code == 1
    assert (
        f"Fehler: test/site.yaml, Zeile {BLOCK_LINE + 1}, Spalte 11,"
        " Feld „accessibility → status“\n"
        "  „teilweis“ ist hier kein erlaubter Wert.\n"
        "  Lösung: Erlaubt sind: full, partial, none. Meinten Sie „partial“?\n"
    ) in result.err


def test_partial_without_known_limits_asks_for_them(tmp_path, fzgen):
    block = "accessibility:\n  status: partial\n  last_checked: 2026-11-01\n"
    result = fzgen(_site(tmp_path, block), "check")
    assert result.code == 1
    assert (
        f"Fehler: test/site.yaml, Zeile {BLOCK_LINE + 1}, Spalte 11,"
        " Feld „accessibility → status“\n"
        "  Bei „status: partial“ muss die Erklärung nennen, was nicht barrierefrei ist;"
        " „known_limits“ fehlt.\n"
        "  Lösung: Ergänzen Sie unter „accessibility“ eine Zeile je Einschränkung,"
        " zum Beispiel:\n"
    ) in result.err


def test_full_needs_no_known_limits_and_feedback_goes_to_the_coordinator(tmp_path, fzgen):
    block = "accessibility:\n  status: vollständig\n  last_checked: 01.11.2026\n"
    root = _site(tmp_path, block)
    assert fzgen(root, "build").code == 0
    main = _page(root, "de/barrierefreiheit/index.html").select_one("main")
    assert "Nicht barrierefreie Inhalte" not in _text(main)
    links = {a["href"] for a in main.select("a")}
    assert {"mailto:erika.muster@fz-test.example.org", "tel:+494531000000"} <= links


def test_a_date_in_the_future_is_an_error(tmp_path, fzgen):
    root = _site(tmp_path, STATEMENT.replace("2026-11-01", "2026-12-24"))
    result = fzgen(root, "build")
    assert result.code == 1
    assert (
        f"Fehler: test/site.yaml, Zeile {BLOCK_LINE + 5}, Spalte 17,"
        " Feld „accessibility → last_checked“\n"
        "  Das Datum „2026-12-24“ liegt in der Zukunft; „last_checked“ ist der Tag, an dem die"
        " Website zuletzt geprüft wurde.\n"
    ) in result.err
    assert not (root / "output").exists()


def test_a_check_more_than_a_year_ago_is_noted(tmp_path, fzgen):
    root = _site(tmp_path, STATEMENT.replace("2026-11-01", "2025-11-01"))
    result = fzgen(root, "check")
    assert result.code == 0, result.err
    assert (
        f"Hinweis: test/site.yaml, Zeile {BLOCK_LINE + 5}, Spalte 17,"
        " Feld „accessibility → last_checked“\n"
        "  Die Erklärung zur Barrierefreiheit wurde zuletzt am 2025-11-01 geprüft, vor mehr"
        " als einem Jahr.\n"
    ) in result.out
    fresh = fzgen(_site(tmp_path / "fresh", STATEMENT.replace("2026-11-01", "2025-11-25")), "check")
    assert "vor mehr als einem Jahr" not in fresh.out


def test_a_land_without_a_known_body_needs_enforcement_in_site_yaml(tmp_path, fzgen):
    root = _site(tmp_path, "public_holidays: BY\n" + STATEMENT)
    result = fzgen(root, "check")
    assert result.code == 1
    assert (
        f"Fehler: test/site.yaml, Zeile {BLOCK_LINE + 2}, Spalte 3, Feld „accessibility“\n"
        "  Für das Bundesland „BY“ kennt fzgen die Stelle für das Durchsetzungsverfahren"
        " (Schlichtungsstelle) nicht.\n"
        "  Lösung: Ergänzen Sie unter „accessibility“ die Stelle Ihres Landes, zum Beispiel:\n"
    ) in result.err
    none = fzgen(_site(tmp_path / "none", "public_holidays: nein\n" + STATEMENT), "check")
    assert none.code == 1
    assert "Bei „public_holidays: nein“ weiß fzgen nicht, in welchem Bundesland" in none.err


def test_the_enforcement_override_is_shown_in_place_of_the_table(tmp_path, fzgen):
    override = (
        "  enforcement:\n"
        "    name: Schlichtungsstelle <BGG> Bayern\n"
        "    address: Winzererstraße 9, 80797 München\n"
        "    url: https://schlichtung.example.org/\n"
        "    law: dem Bayerischen Behindertengleichstellungsgesetz\n"
    )
    root = _site(tmp_path, "public_holidays: BY\n" + STATEMENT + override)
    result = fzgen(root, "build")
    assert result.code == 0, result.err
    raw = (root / OUT / "de/barrierefreiheit/index.html").read_text(encoding="utf-8")
    assert "Schlichtungsstelle &lt;BGG&gt; Bayern" in raw and "<BGG>" not in raw
    main = _page(root, "de/barrierefreiheit/index.html").select_one("main")
    text = _text(main)
    assert "Winzererstraße 9, 80797 München" in text
    assert "nach dem Bayerischen Behindertengleichstellungsgesetz vereinbar" in text
    assert "Karolinenweg" not in text and "LBGG" not in text
    assert main.select_one('a[href="https://schlichtung.example.org/"]') is not None


def test_an_override_nobody_can_reach_is_refused(tmp_path, fzgen):
    block = STATEMENT + "  enforcement:\n    name: Schlichtungsstelle\n"
    result = fzgen(_site(tmp_path, block), "check")
    assert result.code == 1
    assert "Feld „accessibility → enforcement“" in result.err
    assert "hat weder Anschrift noch E-Mail, Telefon oder Internetadresse" in result.err


def test_a_free_page_may_not_take_the_statements_name(tmp_path, fzgen):
    root = write_tree(
        tmp_path, site_tree({"site.yaml": BASE + STATEMENT, "pages/barrierefreiheit.md": "x"})
    )
    result = fzgen(root, "check")
    assert result.code == 1
    assert "„barrierefreiheit“ ist schon für eine feste Seite" in result.err


def test_a_site_without_its_address_yet_is_not_reminded(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML}))
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert "Barrierefreiheit" not in result.out


def test_the_new_sites_commented_statement_publishes_when_uncommented(tmp_path, fzgen):
    assert fzgen(tmp_path, "new", "lindenhof").code == 0
    site_yaml = tmp_path / "content" / "lindenhof" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = lines.index("# accessibility:")
    end = lines.index("", start)  # the block ends at the next empty line
    lines[start:end] = [line.removeprefix("# ") for line in lines[start:end]]
    site_yaml.write_text("\n".join(lines), encoding="utf-8")
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    assert "keine Erklärung zur Barrierefreiheit" not in result.out
    page = tmp_path / "output" / "lindenhof" / "de" / "barrierefreiheit" / "index.html"
    assert "Die PDF-Flyer sind noch nicht barrierefrei." in page.read_text(encoding="utf-8")


def test_the_preview_adds_the_page_and_its_links_as_a_full_build_does(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    live = LiveBuild(find_project(tmp_path / "content", tmp_path / "preview"))
    with fixed_day():
        live.full()
    site_yaml = tmp_path / "content" / "reinbek" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + STATEMENT, encoding="utf-8")
    with fixed_day():
        live.update([site_yaml])
    fresh = build_tree(tmp_path / "content", tmp_path / "fresh")
    incremental, full = snapshot(live.project.output_dir), snapshot(fresh)
    assert incremental == full
    reinbek = live.project.output_dir / "reinbek"
    assert (reinbek / "ar" / "barrierefreiheit" / "index.html").is_file()
    assert "de/barrierefreiheit/" in (reinbek / "sitemap.xml").read_text(encoding="utf-8")
    assert 'href="../../de/barrierefreiheit/"' in (reinbek / "de/kontakt/index.html").read_text()
