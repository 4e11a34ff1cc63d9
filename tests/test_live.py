"""The preview's incremental rebuild: after each kind of change (content, a site's file,
template, catalogue, theme static file), the output equals a full build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sitebuild import build_tree, fixed_day, snapshot, soup

from fzgen.build.changes import RULES, Input, Rule, classify
from fzgen.build.live import LiveBuild
from fzgen.errors import ContentError
from fzgen.output.write import read_manifest
from fzgen.project import find_project

ROOT = Path(__file__).resolve().parent.parent
SITE = "bad-oldesloe"
MANIFEST = ".fzgen-manifest"


@pytest.fixture
def live(tmp_path: Path) -> LiveBuild:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    builder = LiveBuild(find_project(tmp_path / "content", tmp_path / "preview"))
    with fixed_day():
        builder.full()
    return builder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def update_and_compare(live: LiveBuild, tmp_path: Path, changed: list[Path]) -> int:
    """Apply the change incrementally, build the same content from scratch, compare bytes."""
    with fixed_day():
        report = live.update(changed)
    fresh = build_tree(tmp_path / "content", tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}")
    incremental, full = snapshot(live.project.output_dir), snapshot(fresh)
    assert incremental.keys() == full.keys()
    assert [path for path in full if incremental[path] != full[path]] == []
    return report.files_written


def test_offer_edits_rewrite_only_what_shows_the_offer(live, tmp_path):
    offer = tmp_path / "content" / SITE / "offers" / "babymassage.yaml"
    output = live.project.output_dir / SITE
    untouched = [output / "de/kontakt/index.html", output / "tr/angebote/vorlesestunde/index.html"]
    stamps = [path.stat().st_mtime_ns for path in untouched]
    total = len(snapshot(live.project.output_dir))
    edit(offer, "de: Babymassage", "de: Babymassage am Morgen")
    written = update_and_compare(live, tmp_path, [offer])
    assert 0 < written < total / 4
    assert "Babymassage am Morgen" in soup(output / "de/angebote/babymassage/index.html").h1.text
    assert "Babymassage am Morgen" in soup(output / "de/angebote/index.html").text
    # Pages that do not show the offer were not written again.
    assert [path.stat().st_mtime_ns for path in untouched] == stamps


def test_category_language_and_schedule_changes_move_the_offer_between_lists(live, tmp_path):
    offer = tmp_path / "content" / SITE / "offers" / "babymassage.yaml"
    edit(offer, "categories: [baby, health]", "categories: [leisure]")
    edit(offer, "languages: [de, en]", "languages: [de, en, pl]")  # a new language filter
    update_and_compare(live, tmp_path, [offer])
    output = live.project.output_dir / SITE
    assert (output / "de/auswahl/sprache/pl/index.html").is_file()
    leisure = soup(output / "tr/auswahl/thema/leisure/index.html").get_text()
    assert "Bebek masajı" in leisure
    assert "Bebek masajı" not in soup(output / "tr/auswahl/thema/health/index.html").get_text()


def test_added_removed_and_draft_offers(live, tmp_path):
    offers = tmp_path / "content" / SITE / "offers"
    shutil.copy(offers / "vorlesestunde.yaml", offers / "vorlesestunde-zwei.yaml")
    (offers / "hebammensprechstunde.yaml").unlink()
    edit(offers / "adventsfest.yaml", "categories:", "draft: true\ncategories:")
    changed = [
        offers / "vorlesestunde-zwei.yaml",
        offers / "hebammensprechstunde.yaml",
        offers / "adventsfest.yaml",
    ]
    update_and_compare(live, tmp_path, changed)
    output = live.project.output_dir / SITE
    assert (output / "ar/angebote/vorlesestunde-zwei/index.html").is_file()
    assert not (output / "ar/angebote/hebammensprechstunde").exists()
    assert not (output / "de/angebote/adventsfest").exists()
    manifest = read_manifest(live.project.output_dir)
    assert f"{SITE}/de/angebote/vorlesestunde-zwei/index.html" in manifest
    assert f"{SITE}/de/angebote/hebammensprechstunde/index.html" not in manifest


def test_site_yaml_and_page_edits_render_that_site_again(live, tmp_path):
    site = tmp_path / "content" / SITE
    edit(
        site / "site.yaml",
        "languages: [de, ls, en, tr, ar, uk]",
        "languages: [de, ls, en, tr, ar, uk, pl]",
    )
    update_and_compare(live, tmp_path, [site / "site.yaml"])
    assert (live.project.output_dir / SITE / "pl" / "angebote" / "index.html").is_file()
    page = site / "pages" / "ueber-uns.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNeu: ein Absatz.\n", encoding="utf-8")
    update_and_compare(live, tmp_path, [page])
    assert (
        "Neu: ein Absatz." in soup(live.project.output_dir / SITE / "de/ueber-uns/index.html").text
    )


def test_news_edits_render_the_news_pages_and_feeds_only(live, tmp_path):
    news = tmp_path / "content" / SITE / "news"
    output = live.project.output_dir / SITE
    untouched = [output / "de/kontakt/index.html", output / "de/angebote/index.html"]
    stamps = [path.stat().st_mtime_ns for path in untouched]
    item = news / "2026-11-16-kleiderboerse.md"
    edit(item, "title: Winterkleidung gesucht", "title: Warme Winterkleidung gesucht")
    update_and_compare(live, tmp_path, [item])
    assert "Warme Winterkleidung gesucht" in soup(output / "de/neuigkeiten/index.html").text
    assert "Warme Winterkleidung gesucht" in (output / "en/neuigkeiten.atom").read_text("utf-8")
    assert [path.stat().st_mtime_ns for path in untouched] == stamps
    added = news / "2026-11-24-vorlesen.md"
    added.write_text("---\ntitle: Vorlesen im Advent\n---\nJeden Freitag.\n", encoding="utf-8")
    update_and_compare(live, tmp_path, [added])
    assert "Vorlesen im Advent" in soup(output / "tr/index.html").text
    item.unlink()
    update_and_compare(live, tmp_path, [item])
    # Without any news item the news page, the feeds and every page's link to them go.
    gone = sorted(news.iterdir())
    for path in gone:
        path.unlink()
    update_and_compare(live, tmp_path, gone)
    assert not (output / "de/neuigkeiten.atom").exists()
    assert "atom" not in (output / "de/kontakt/index.html").read_text("utf-8")


def test_an_unchanged_save_writes_nothing(live, tmp_path):
    offer = tmp_path / "content" / SITE / "offers" / "elterncafe.yaml"
    offer.write_text(offer.read_text(encoding="utf-8"), encoding="utf-8")
    with fixed_day():
        assert live.update([offer]).files_written == 0


def test_an_error_leaves_the_output_and_the_next_fix_builds(live, tmp_path):
    offer = tmp_path / "content" / SITE / "offers" / "elterncafe.yaml"
    before = snapshot(live.project.output_dir)
    edit(offer, "categories: [meeting, baby, integration]", "categories: [kaffee]")
    with fixed_day(), pytest.raises(ContentError) as error:
        live.update([offer])
    assert error.value.diagnostics[0].path == f"{SITE}/offers/elterncafe.yaml"
    assert snapshot(live.project.output_dir) == before
    edit(offer, "categories: [kaffee]", "categories: [meeting]")
    update_and_compare(live, tmp_path, [offer])


def test_theme_or_new_site_changes_build_everything(live, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(content / "reinbek", content / "reinbek-sued")
    with fixed_day():
        report = live.update([content / "reinbek-sued" / "site.yaml"])
    assert report.files_written == len(snapshot(live.project.output_dir)) - 1  # less the manifest
    assert (live.project.output_dir / "reinbek-sued" / "de" / "index.html").is_file()


def test_after_a_build_in_two_workers_the_prepared_graph_gives_the_same_result(
    tmp_path, monkeypatch
):
    """Large previews build in forked workers, then prepare the graph without rendering."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.setenv("FZGEN_WORKERS", "2")
    live = LiveBuild(find_project(tmp_path / "content", tmp_path / "preview"))
    with fixed_day():
        live.full()
    monkeypatch.delenv("FZGEN_WORKERS")
    assert live.renderers[SITE].graph["de"]["angebote/babymassage/"] == {"offer:babymassage"}
    offers = tmp_path / "content" / SITE / "offers"
    edit(offers / "babymassage.yaml", "languages: [de, en]", "languages: [de, en, pl]")
    (offers / "vorlesestunde.yaml").unlink()
    update_and_compare(live, tmp_path, [offers / "babymassage.yaml", offers / "vorlesestunde.yaml"])


# --- one rule per kind of input (fzgen.build.changes.RULES) -------------------------


@pytest.fixture
def themed(tmp_path: Path) -> LiveBuild:
    """A preview of the samples with the project's own copy of the default theme."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "themes" / "default", tmp_path / "themes" / "default")
    builder = LiveBuild(find_project(tmp_path / "content", tmp_path / "preview"))
    with fixed_day():
        builder.full()
    return builder


def stamps(output: Path) -> dict[str, int]:
    """When each file of the output was last written."""
    return {p.relative_to(output).as_posix(): p.stat().st_mtime_ns for p in output.rglob("*.html")}


def test_every_kind_of_input_has_one_rule():
    assert set(RULES) == set(Input)
    assert RULES[Input.CONTENT] is Rule.RENDER_DEPENDENTS
    assert RULES[Input.SITE_FILE] is Rule.COPY_IF_CHANGED
    assert RULES[Input.NEWS] is Rule.RENDER_NEWS
    assert RULES[Input.TEMPLATE] is RULES[Input.CATALOGUE] is Rule.RENDER_ALL
    assert RULES[Input.THEME_STATIC] is Rule.COPY_INTO_SITES


def test_changed_paths_are_sorted_into_their_kind(tmp_path):
    project = find_project(tmp_path / "content", tmp_path / "preview")
    sites = {SITE}

    def kind(path: Path) -> tuple[Input, str, str] | None:
        change = classify(path, project, sites)
        return None if change is None else (change.input, change.site, change.name)

    content, theme = tmp_path / "content", project.theme_dir
    assert kind(content / SITE / "offers/elterncafe.yaml") == (
        Input.CONTENT,
        SITE,
        "offers/elterncafe.yaml",
    )
    assert kind(content / SITE / "files/a/flyer.pdf") == (
        Input.SITE_FILE,
        SITE,
        "files/a/flyer.pdf",
    )
    assert kind(content / SITE / "news/2027-01-10-a.md") == (
        Input.NEWS,
        SITE,
        "news/2027-01-10-a.md",
    )
    assert kind(theme / "templates/base.html") == (Input.TEMPLATE, "", "")
    assert kind(theme / "static/icons/menu.svg") == (Input.THEME_STATIC, "", "icons/menu.svg")
    assert kind(tmp_path / "translations/tr.yaml") == (Input.CATALOGUE, "", "")
    assert kind(content / "neu/site.yaml") == (Input.OTHER, "", "")
    assert kind(content / ".git/index") is None


def test_a_file_replaced_with_other_bytes_is_published_anew(live, tmp_path):
    """Same name, same size, same time stamp: only the bytes differ, and they count."""
    flyer = tmp_path / "content" / SITE / "files" / "programm-flyer.pdf"
    before = flyer.read_bytes()
    times = flyer.stat()
    output = live.project.output_dir
    pages = stamps(output)
    after = before.replace(b"%PDF", b"%pdf", 1)
    assert len(after) == len(before) and after != before
    flyer.write_bytes(after)
    os.utime(flyer, ns=(times.st_atime_ns, times.st_mtime_ns))
    written = update_and_compare(live, tmp_path, [flyer])
    assert (output / SITE / "files/programm-flyer.pdf").read_bytes() == after
    assert written == 1 + 3  # the file, and the portal (index.html, _headers, .htaccess)
    assert stamps(output) == {**pages, "index.html": stamps(output)["index.html"]}


def test_a_file_saved_unchanged_is_not_copied(live, tmp_path):
    flyer = tmp_path / "content" / SITE / "files" / "programm-flyer.pdf"
    flyer.write_bytes(flyer.read_bytes())
    with fixed_day():
        assert live.update([flyer]).files_written == 0


def test_a_new_or_removed_file_renders_its_site_again(live, tmp_path):
    files = tmp_path / "content" / SITE / "files"
    (files / "elternbrief.pdf").write_bytes(b"%PDF-1.4 Elternbrief\n")
    update_and_compare(live, tmp_path, [files / "elternbrief.pdf"])
    assert (live.project.output_dir / SITE / "files/elternbrief.pdf").is_file()
    (files / "elternbrief.pdf").unlink()
    update_and_compare(live, tmp_path, [files / "elternbrief.pdf"])
    assert not (live.project.output_dir / SITE / "files/elternbrief.pdf").exists()


def test_a_template_change_renders_everything(themed, tmp_path):
    base = tmp_path / "themes/default/templates/base.html"
    edit(base, "</body>", "<p class=neu>Neu im Layout</p>\n</body>")
    written = update_and_compare(themed, tmp_path, [base])
    assert written == len(snapshot(themed.project.output_dir)) - 1  # less the manifest
    assert "Neu im Layout" in soup(themed.project.output_dir / SITE / "de/kontakt/index.html").text


def test_a_catalogue_change_renders_everything(live, tmp_path):
    catalogue = tmp_path / "translations" / "de.yaml"
    catalogue.parent.mkdir()
    catalogue.write_text("nav:\n  home: Willkommen\n", encoding="utf-8")
    update_and_compare(live, tmp_path, [catalogue])
    menu = soup(live.project.output_dir / SITE / "de/kontakt/index.html").select("nav.menu a")
    assert menu[0].get_text() == "Willkommen"


def test_theme_static_files_are_copied_again_into_every_site(themed, tmp_path):
    static = tmp_path / "themes/default/static"
    output = themed.project.output_dir
    pages = stamps(output)
    edit(static / "style.css", "body", "body { outline: 0 }\nbody")
    written = update_and_compare(themed, tmp_path, [static / "style.css"])
    assert written == 3 + 3  # style.css of three sites, and the portal
    assert "outline: 0" in (output / SITE / "style.css").read_text(encoding="utf-8")
    assert {k: v for k, v in stamps(output).items() if k != "index.html"} == {
        k: v for k, v in pages.items() if k != "index.html"
    }
    (static / "bilder").mkdir()
    (static / "bilder/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    update_and_compare(themed, tmp_path, [static / "bilder/logo.svg"])
    assert (output / SITE / "bilder/logo.svg").is_file()
    (static / "bilder/logo.svg").unlink()
    update_and_compare(themed, tmp_path, [static / "bilder/logo.svg"])
    assert not (output / SITE / "bilder").exists()


def test_changes_that_met_an_error_are_made_with_the_fix(live, tmp_path):
    """A flyer saved while an offer has an error is published once the offer is fixed."""
    site = tmp_path / "content" / SITE
    offer, flyer = site / "offers/elterncafe.yaml", site / "files/programm-flyer.pdf"
    edit(offer, "categories: [meeting, baby, integration]", "categories: [kaffee]")
    flyer.write_bytes(b"%PDF-1.4 neu\n")
    with fixed_day(), pytest.raises(ContentError):
        live.update([offer, flyer])
    edit(offer, "categories: [kaffee]", "categories: [meeting]")
    update_and_compare(live, tmp_path, [offer])
    assert (live.project.output_dir / SITE / "files/programm-flyer.pdf").read_bytes() == (
        b"%PDF-1.4 neu\n"
    )


def test_leichte_sprache_edits_show_in_the_preview_as_in_a_build(live, tmp_path):
    offer = tmp_path / "content" / SITE / "offers" / "babymassage.yaml"
    edit(offer, "ls: Baby·massage", "ls: Baby·massage am Morgen")
    edit(offer, "ls_checked: false", "ls_checked: {by: Prüf-Gruppe Oldesloe, on: 2026-11-30}")
    update_and_compare(live, tmp_path, [offer])
    page = soup(live.project.output_dir / SITE / "ls/angebote/babymassage/index.html")
    assert page.h1.get_text(strip=True) == "Baby·massage am Morgen"
    assert page.find("p", class_="easy-status").strong.text == "Leichte Sprache"
