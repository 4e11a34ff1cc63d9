"""News: `news/<date>-<name>.md` on the home page, a news page and an Atom feed per language;
expired, future and draft items left out; bad front matter answered with file and field."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import build_tree, soup

from fzgen.content.loader import load_content
from fzgen.theme.catalogue import catalogue_languages

ATOM = "{http://www.w3.org/2005/Atom}"
ROOT = Path(__file__).resolve().parent.parent
#: The test builds are made on 2026-11-25 (sitebuild.EPOCH).
NEWS = {
    "news/2026-11-20-sprechstunde.md": (
        "---\ntitle: Neue Sprechstunde\nuntil: 2027-02-28\n---\n"
        "Jeden **Mittwoch** im [Büro](files/plan.pdf).\n"
    ),
    "news/2026-11-20-sprechstunde.tr.md": "---\ntitle: Yeni danışma saati\n---\nHer çarşamba.\n",
    "news/2026-11-18-basar.md": "---\ntitle: Basar\n---\nKleider und Spielzeug.\n",
    "news/2026-11-10-kekse.md": "---\ntitle: Kekse backen\n---\nIm Advent.\n",
    "news/laterne.md": "---\ntitle: Laternenumzug\ndate: 2026-11-01\n---\nUm 17 Uhr.\n",
    "news/2026-10-01-vorbei.md": "---\ntitle: Herbstfest\nuntil: 2026-11-24\n---\nWar schön.\n",
    "news/2026-12-24-spaeter.md": "---\ntitle: Weihnachtsgruß\n---\nFrohe Feiern.\n",
    "news/2026-11-21-entwurf.md": "---\ntitle: Noch geheim\ndraft: ja\n---\nEntwurf.\n",
    "files/plan.pdf": b"%PDF-1.4\n",
}


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("news")
    site = SITE_YAML.replace("languages:", "base_url: https://fz.example.org/\nlanguages:")
    write_tree(root, site_tree({"site.yaml": site, **NEWS}))
    return build_tree(root / "content", root / "output") / "test"


def titles(page: Path) -> list[str]:
    return [h.get_text(strip=True) for h in soup(page).select("main article h2")]


def test_the_news_page_lists_current_items_newest_first_with_their_day(output):
    page = soup(output / "de/neuigkeiten/index.html")
    assert [a.h2.get_text(strip=True) for a in page.select("article")] == [
        "Neue Sprechstunde",
        "Basar",
        "Kekse backen",
        "Laternenumzug",
    ]
    first = page.select_one('article[id="2026-11-20-sprechstunde"]')
    assert first.time["datetime"] == "2026-11-20"
    assert first.time.get_text() == "20. November 2026"
    assert first.strong.get_text() == "Mittwoch"
    # A link to the site's own file leads up to the site folder.
    assert first.select_one("a")["href"] == "../../files/plan.pdf"


def test_expired_future_and_draft_items_are_left_out(output):
    text = (output / "de/neuigkeiten/index.html").read_text(encoding="utf-8")
    feed = (output / "de/neuigkeiten.atom").read_text(encoding="utf-8")
    for gone in ("Herbstfest", "Weihnachtsgruß", "Noch geheim"):
        assert gone not in text and gone not in feed


def test_the_home_page_shows_the_three_newest_with_dates_in_the_language(output):
    home = soup(output / "de/index.html")
    section = home.find("section", attrs={"aria-labelledby": "news-heading"})
    items = section.select("li")
    assert [li.a.get_text() for li in items] == ["Neue Sprechstunde", "Basar", "Kekse backen"]
    assert items[0].time.get_text() == "20. November 2026"
    assert items[0].a["href"] == "../de/neuigkeiten/#2026-11-20-sprechstunde"
    assert section.find("a", string="Alle Neuigkeiten")["href"] == "../de/neuigkeiten/"
    turkish = soup(output / "tr/index.html").select("section[aria-labelledby=news-heading] li")
    assert turkish[0].a.get_text() == "Yeni danışma saati"
    assert turkish[0].time.get_text() == "20 Kasım 2026"


def test_an_untranslated_item_is_shown_in_german_marked_as_fallback(output):
    page = soup(output / "en/neuigkeiten/index.html")
    basar = page.select_one('article[id="2026-11-18-basar"]')
    assert basar.h2.bdi["class"] == ["fallback"] and basar.h2.bdi["lang"] == "de"
    assert (
        basar.select_one("p.fallback-note").get_text() == "This text is only available in German."
    )
    assert basar.select_one("div.fallback")["lang"] == "de"
    translated = soup(output / "tr/neuigkeiten/index.html").select_one("article h2 bdi")
    assert translated.get_text() == "Yeni danışma saati" and not translated.get("class")


def test_every_page_links_the_feed_of_its_language(output):
    for page in ("de/index.html", "de/kontakt/index.html", "tr/angebote/index.html"):
        link = soup(output / page).find("link", type="application/atom+xml")
        language = page[:2]
        assert link["rel"] == ["alternate"]
        assert (output / page).parent.joinpath(link["href"]).resolve() == (
            output / language / "neuigkeiten.atom"
        ).resolve()


def test_the_feed_is_valid_atom_with_every_required_element(output):
    feed = ElementTree.parse(output / "de/neuigkeiten.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert feed.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00+01:00"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "self": "https://fz.example.org/de/neuigkeiten.atom",
        "alternate": "https://fz.example.org/de/neuigkeiten/",
    }
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Neue Sprechstunde",
        "Basar",
        "Kekse backen",
        "Laternenumzug",
    ]
    first = entries[0]
    for required in ("id", "title", "updated", "link", "content"):
        assert first.find(f"{ATOM}{required}") is not None, required
    assert first.find(f"{ATOM}link").get("href") == (
        "https://fz.example.org/de/neuigkeiten/#2026-11-20-sprechstunde"
    )
    content = first.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<strong>Mittwoch</strong>" in content.text
    assert 'href="https://fz.example.org/files/plan.pdf"' in content.text
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    turkish = ElementTree.parse(output / "tr/neuigkeiten.atom").getroot()
    assert turkish.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "Yeni danışma saati"


def test_news_pages_are_in_the_sitemap(output):
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for language in ("de", "en", "tr"):
        assert f"<loc>https://fz.example.org/{language}/neuigkeiten/</loc>" in sitemap


def test_hostile_title_and_text_are_escaped_in_page_and_feed(tmp_path):
    hostile = '<script>&"'
    news = (
        f"---\ntitle: '{hostile}'\n---\n"
        "<script>alert(1)</script><img src=x onerror=alert(1)>\x0b\n\nEin **fettes** Wort.\n"
    )
    write_tree(tmp_path, site_tree({"news/2026-11-20-boese.md": news}))
    output = build_tree(tmp_path / "content", tmp_path / "output") / "test"
    feed = ElementTree.parse(output / "de/neuigkeiten.atom").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == hostile
    content = entry.findtext(f"{ATOM}content")
    assert (
        "<script" not in content
        and "onerror" not in content
        and "<strong>fettes</strong>" in content
    )
    page = (output / "de/neuigkeiten/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;&amp;" in page and "<script>alert" not in page
    assert soup(output / "de/neuigkeiten/index.html").select_one("article h2").get_text() == hostile
    # Without a base_url the feed's addresses lead from the feed itself.
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "../de/neuigkeiten.atom", "alternate": "../de/neuigkeiten/"}


def test_a_site_without_news_has_no_news_page_feed_or_link(tmp_path):
    write_tree(tmp_path, site_tree())
    output = build_tree(tmp_path / "content", tmp_path / "output") / "test"
    assert not (output / "de/neuigkeiten").exists()
    assert not (output / "de/neuigkeiten.atom").exists()
    home = soup(output / "de/index.html")
    assert home.find("link", type="application/atom+xml") is None
    assert home.find(id="news-heading") is None


def test_only_expired_news_keep_the_page_and_feed_saying_there_is_none(tmp_path):
    old = "---\ntitle: Herbstfest\nuntil: 2026-10-31\n---\nWar schön.\n"
    write_tree(tmp_path, site_tree({"news/2026-10-01-herbstfest.md": old}))
    output = build_tree(tmp_path / "content", tmp_path / "output") / "test"
    page = soup(output / "de/neuigkeiten/index.html")
    assert "Zurzeit gibt es keine Neuigkeiten." in page.main.get_text()
    feed = ElementTree.parse(output / "de/neuigkeiten.atom").getroot()
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == "2026-11-25T00:00:00+01:00"
    assert soup(output / "de/index.html").find(id="news-heading") is None


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "news/sprechstunde.md",
            "---\ntitle: Sprechstunde\n---\nText.\n",
            [
                "test/news/sprechstunde.md, Zeile 2, Spalte 1, Feld „date“",
                "Die Neuigkeit „sprechstunde.md“ hat kein Datum.",
                "„2027-01-10-sprechstunde.md“",
            ],
        ),
        (
            "news/2027-01-10-sprechstunde.md",
            "---\ntitle: Sprechstunde\nuntil: 2027-01-01\n---\nText.\n",
            [
                "test/news/2027-01-10-sprechstunde.md, Zeile 3, Spalte 8, Feld „until“",
                "nur bis 2027-01-01 zu sehen sein, ist aber auf den 2027-01-10 datiert",
            ],
        ),
        (
            "news/2027-01-10-sprechstunde.md",
            "---\ntitle: Sprechstunde\ndate: 2027-01-12\n---\nText.\n",
            ["Feld „date“", "Im Kopfbereich steht das Datum 2027-01-12"],
        ),
        (
            "news/2027-13-01-sprechstunde.md",
            "---\ntitle: Sprechstunde\n---\nText.\n",
            ["test/news/2027-13-01-sprechstunde.md", "den es im Kalender nicht gibt"],
        ),
        (
            "news/2027-01-10-sprechstunde.tr.md",
            "---\ntitle: Danışma\n---\nText.\n",
            ["Zur Übersetzung „2027-01-10-sprechstunde.tr.md“ fehlt die Seite"],
        ),
        (
            "news/2027-01-10-sprechstunde.md",
            "---\ntitle: Sprechstunde\ndate: 2027-02-30\n---\nText.\n",
            ["Zeile 3", "Feld „date“", "2027-02-30"],
        ),
    ],
    ids=["no date", "until before", "two dates", "no such day", "no source", "bad date"],
)
def test_bad_news_get_a_german_message_with_file_line_and_field(
    tmp_path, fzgen, name, text, expected
):
    write_tree(tmp_path, site_tree({name: text}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    for part in expected:
        assert part in result.err, result.err


def test_a_translation_may_not_set_the_day(tmp_path, fzgen):
    write_tree(
        tmp_path,
        site_tree(
            {
                "news/2027-01-10-a.md": "---\ntitle: A\n---\nText.\n",
                "news/2027-01-10-a.tr.md": "---\ntitle: A\nuntil: 2027-02-01\n---\nMetin.\n",
            }
        ),
    )
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "test/news/2027-01-10-a.tr.md, Zeile 3" in result.err and "„until“" in result.err


def test_the_sample_news_are_current_translated_and_one_expired():
    content = load_content(ROOT / "content", catalogue_languages(ROOT / "translations"))
    site = content.site("bad-oldesloe")
    assert site is not None
    day = dt.date(2026, 11, 25)
    sources = [item for item in site.news if item.language == "de"]
    assert any(item.shown_on(day) for item in sources)
    assert any(not item.shown_on(day) for item in sources)
    assert {item.language for item in site.news} >= {"de", "ar"}


def test_hosts_are_told_the_feed_type(output):
    """A host that does not know `.atom` would send the feed as a download."""
    headers = (output / "_headers").read_text(encoding="utf-8")
    assert "/*.atom\n  Content-Type: application/atom+xml; charset=utf-8\n" in headers
    htaccess = (output / ".htaccess").read_text(encoding="utf-8").splitlines()
    assert "AddType application/atom+xml .atom" in htaccess
