"""News items in translation work, as free pages are: counted by `status` and `check`,
exported to translators, and imported as `news/<name>.<lang>.md`. Expired items are
neither counted nor exported; drafts are (they are translated before they go online)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import EPOCH, build_tree, soup

#: Day of the tests: 2026-11-25 (sitebuild.EPOCH). The Herbstfest expired the day before.
NEWS = {
    "news/2026-11-20-sprechstunde.md": (
        "---\ntitle: Neue Sprechstunde\nuntil: 2027-02-28\n---\n"
        "Jeden **Mittwoch** von 9 bis 11 Uhr.\n"
    ),
    "news/2026-11-20-sprechstunde.ar.md": "---\ntitle: ساعة استشارة جديدة\n---\nكل أربعاء.\n",
    "news/2026-11-18-basar.md": "---\ntitle: Basar\n---\nKleider und Spielzeug.\n",
    "news/2026-10-01-herbstfest.md": "---\ntitle: Herbstfest\nuntil: 2026-11-24\n---\nWar schön.\n",
}
SPRECHSTUNDE = "news/2026-11-20-sprechstunde.md"
BASAR = "news/2026-11-18-basar.md"
HERBSTFEST = "news/2026-10-01-herbstfest.md"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def tree(tmp_path: Path, news: dict[str, str | bytes] | None = None) -> Path:
    site = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, tr, ar]")
    write_tree(tmp_path, site_tree({"site.yaml": site, **(NEWS if news is None else news)}))
    return tmp_path


def status_lines(tmp_path: Path, fzgen) -> list[str]:
    result = fzgen(tmp_path, "status")
    assert result.code == 0, result.err
    return result.out.splitlines()


def exported(tmp_path: Path, fzgen, fill: dict[str, str], language: str = "tr") -> Path:
    """The site's PO file for `language`, with `fill` (key → translation) written into it."""
    result = fzgen(tmp_path, "translations", "export", "--site", "test", "--to", language)
    assert result.code == 0, result.err
    po = tmp_path / f"test.{language}.po"
    catalog = read_po(po.open("rb"))
    for message in catalog:
        if message.context in fill:
            message.string = fill[message.context]
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)
    return po


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- status and check ------------------------------------------------------------------


def test_status_counts_the_current_news_items_missing_per_language(tmp_path, fzgen):
    without = status_lines(tree(tmp_path / "without", {}), fzgen)
    assert without == [
        "Website  Sprache  übersetzt  fehlt  veraltet",
        "test     tr       1/10       9      0",
        "test     ar       0/10       10     0",
    ]
    # Two current items, title and text each: four texts more; the Arabic translation
    # of the Sprechstunde counts as translated, the expired Herbstfest not at all.
    assert status_lines(tree(tmp_path / "with"), fzgen) == [
        "Website  Sprache  übersetzt  fehlt  veraltet",
        "test     tr       1/14       13     0",
        "test     ar       2/14       12     0",
    ]
    details = fzgen(tmp_path / "with", "status", "--details").out.splitlines()
    assert f"fehlt     test tr: {SPRECHSTUNDE}#title" in details
    assert f"fehlt     test tr: {SPRECHSTUNDE}#body" in details
    assert f"fehlt     test ar: {BASAR}#body" in details
    assert f"fehlt     test ar: {SPRECHSTUNDE}#title" not in details
    assert not any("herbstfest" in line for line in details)


def test_an_item_counts_until_its_last_day_and_a_draft_counts_too(tmp_path, fzgen, monkeypatch):
    tree(
        tmp_path, {**NEWS, "news/2026-12-01-advent.md": "---\ntitle: Advent\ndraft: ja\n---\nB.\n"}
    )
    rows = json.loads(fzgen(tmp_path, "status", "--json").out)
    turkish = next(row for row in rows if row["language"] == "tr")
    assert "news/2026-12-01-advent.md#title" in turkish["missing"]
    assert f"{HERBSTFEST}#title" not in turkish["missing"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) - 86400))  # 2026-11-24, its last day
    rows = json.loads(fzgen(tmp_path, "status", "--json").out)
    turkish = next(row for row in rows if row["language"] == "tr")
    assert f"{HERBSTFEST}#title" in turkish["missing"]


def test_checks_note_on_untranslated_texts_counts_the_news(tmp_path, fzgen):
    result = fzgen(tree(tmp_path), "check")
    assert result.code == 0, result.err
    assert "  Noch nicht übersetzte Texte: Türkisch (tr) 13, Arabisch (ar) 12." in result.out


# --- export ----------------------------------------------------------------------------


def test_export_gives_the_translator_title_and_text_of_current_news(tmp_path, fzgen):
    tree(tmp_path)
    catalog = read_po(exported(tmp_path, fzgen, {}).open("rb"))
    entries = {m.context: m for m in catalog if m.id}
    title = entries[f"{SPRECHSTUNDE}#title"]
    assert (title.id, title.string) == ("Neue Sprechstunde", "")
    assert title.locations == [(f"test/{SPRECHSTUNDE}", 1)]
    body = entries[f"{SPRECHSTUNDE}#body"]
    assert body.id == "Jeden **Mittwoch** von 9 bis 11 Uhr."
    assert "markdown-text" in body.flags
    assert body.auto_comments == ["Feld: Text der Neuigkeit"]
    assert entries[f"{BASAR}#title"].id == "Basar"
    assert not any("herbstfest" in key for key in entries)

    result = fzgen(tmp_path, "translations", "export", "--site", "test", "--to", "ar")
    assert result.code == 0, result.err
    arabic = {m.context: m for m in read_po((tmp_path / "test.ar.po").open("rb")) if m.id}
    assert arabic[f"{SPRECHSTUNDE}#title"].string == "ساعة استشارة جديدة"
    assert arabic[f"{SPRECHSTUNDE}#body"].string == "كل أربعاء."


# --- import ----------------------------------------------------------------------------

FILLED = {
    f"{SPRECHSTUNDE}#title": "Yeni danışma saati",
    f"{SPRECHSTUNDE}#body": "Her **çarşamba** saat 9 ile 11 arası.",
    f"{BASAR}#title": "Kermes",
}


def test_import_creates_the_news_translation_that_the_turkish_news_page_shows(tmp_path, fzgen):
    tree(tmp_path)
    po = exported(tmp_path, fzgen, FILLED)
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    assert result.out.splitlines()[:3] == [
        "2 Übersetzungen nach tr in die Dateien von „test“ geschrieben und geprüft.",
        "Nicht übernommen (Datei#Feld: Grund):",
        f"  {BASAR}#title: Der Text der Neuigkeit wurde nicht übernommen, und eine übersetzte"
        " Neuigkeit legt fzgen erst mit Titel und Text an; bis dahin zeigt die Website sie in"
        " der Ausgangssprache, mit Hinweis. Lassen Sie den Text übersetzen und importieren Sie"
        " erneut.",
    ]
    news = tmp_path / "content/test/news"
    # Day, `until` and `draft` stay the German file's: the translation has its title only.
    assert (news / "2026-11-20-sprechstunde.tr.md").read_text(encoding="utf-8") == (
        "---\ntitle: Yeni danışma saati\n---\nHer **çarşamba** saat 9 ile 11 arası.\n"
    )
    assert not (news / "2026-11-18-basar.tr.md").exists()
    status = json.loads(fzgen(tmp_path, "status", "--json").out)
    turkish = next(row for row in status if row["language"] == "tr")
    assert f"{SPRECHSTUNDE}#title" not in turkish["missing"]

    output = build_tree(tmp_path / "content", tmp_path / "output") / "test"
    page = soup(output / "tr/neuigkeiten/index.html")
    item = page.select_one('article[id="2026-11-20-sprechstunde"]')
    assert item.h2.get_text(strip=True) == "Yeni danışma saati"
    assert item.strong.get_text() == "çarşamba"
    assert "Neue Sprechstunde" not in item.get_text()
    # The untranslated Basar stays German, marked as such.
    basar = page.select_one('article[id="2026-11-18-basar"]')
    assert basar.h2.bdi["lang"] == "de"


def test_importing_the_same_file_twice_changes_nothing(tmp_path, fzgen):
    tree(tmp_path)
    po = exported(tmp_path, fzgen, FILLED)
    assert fzgen(tmp_path, "translations", "import", str(po)).code == 0
    first = snapshot(tmp_path / "content")
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    assert result.out.startswith("0 Übersetzungen nach tr"), result.out
    assert snapshot(tmp_path / "content") == first


def test_an_existing_news_translation_takes_a_new_title_alone(tmp_path, fzgen):
    tree(tmp_path)
    po = exported(tmp_path, fzgen, {f"{SPRECHSTUNDE}#title": "ساعات الاستشارة"}, "ar")
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.out.startswith("1 Übersetzung nach ar"), result.out
    file = tmp_path / "content/test/news/2026-11-20-sprechstunde.ar.md"
    assert file.read_text(encoding="utf-8") == "---\ntitle: ساعات الاستشارة\n---\nكل أربعاء.\n"


def test_a_new_translation_keeps_bom_and_windows_line_ends_and_quotes_what_yaml_needs(
    tmp_path, fzgen
):
    source = "\ufeff---\r\ntitle: Basar\r\ndraft: nein\r\n---\r\nKleider.\r\n".encode()
    tree(tmp_path, {BASAR: source})
    fill = {f"{BASAR}#title": 'Kermes: "her şey" <b>', f"{BASAR}#body": "Giysi.\n\nOyuncak."}
    result = fzgen(tmp_path, "translations", "import", str(exported(tmp_path, fzgen, fill)))
    assert result.code == 0, result.err
    written = (tmp_path / "content/test/news/2026-11-18-basar.tr.md").read_bytes()
    assert (
        written
        == (
            '\ufeff---\r\ntitle: "Kermes: \\"her şey\\" <b>"\r\n---\r\nGiysi.\r\n\r\nOyuncak.\r\n'
        ).encode()
    )
    output = build_tree(tmp_path / "content", tmp_path / "output") / "test"
    html = (output / "tr/neuigkeiten/index.html").read_text(encoding="utf-8")
    title = soup(output / "tr/neuigkeiten/index.html").select_one(
        'article[id="2026-11-18-basar"] h2'
    )
    assert title.get_text(strip=True) == 'Kermes: "her şey" <b>'
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_a_translation_made_before_the_item_expired_is_still_taken(tmp_path, fzgen, monkeypatch):
    tree(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) - 86400))  # its last day
    fill = {f"{HERBSTFEST}#title": "Sonbahar şenliği", f"{HERBSTFEST}#body": "Güzeldi."}
    po = exported(tmp_path, fzgen, fill)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    assert result.out.startswith("2 Übersetzungen nach tr"), result.out
    assert (tmp_path / "content/test/news/2026-10-01-herbstfest.tr.md").is_file()
