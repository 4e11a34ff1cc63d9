"""The preview's incremental rebuild: after each kind of edit, the output equals a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import build_tree, fixed_day, snapshot, soup

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
        site / "site.yaml", "languages: [de, en, tr, ar, uk]", "languages: [de, en, tr, ar, uk, pl]"
    )
    update_and_compare(live, tmp_path, [site / "site.yaml"])
    assert (live.project.output_dir / SITE / "pl" / "angebote" / "index.html").is_file()
    page = site / "pages" / "ueber-uns.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNeu: ein Absatz.\n", encoding="utf-8")
    update_and_compare(live, tmp_path, [page])
    assert (
        "Neu: ein Absatz." in soup(live.project.output_dir / SITE / "de/ueber-uns/index.html").text
    )


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
