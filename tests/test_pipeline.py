"""One pipeline: `check` loads and renders as a build does, only writing nothing, so it
finds what only rendering finds (a theme's errors, a broken catalogue); one run names
the errors of the content and of the theme together."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import OFFER_YAML, site_tree, write_tree

ROOT = Path(__file__).resolve().parent.parent


def own_theme(root: Path) -> Path:
    """The project's own copy of the default theme; its templates folder."""
    shutil.copytree(ROOT / "themes" / "default", root / "themes" / "default")
    return root / "themes" / "default" / "templates"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_check_renders_so_a_template_error_fails_it(tmp_path, fzgen, monkeypatch, workers):
    """A name the template does not get shows only when the page renders: `check`
    renders every page (in two workers too) and writes nothing."""
    monkeypatch.setenv("FZGEN_WORKERS", workers)
    write_tree(tmp_path, site_tree())
    templates = own_theme(tmp_path)
    replace_in(templates / "contact.html", "{% block main %}", "{% block main %}{{ nirgends.x }}")
    result = fzgen(tmp_path, "check")
    assert result.code == 1, result.out + result.err
    assert "themes/default/templates/contact.html, Zeile 2" in result.err
    assert "Traceback" not in result.err and "Interner Fehler" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "themes"]


def test_check_finds_a_broken_project_catalogue(tmp_path, fzgen):
    write_tree(tmp_path, {**site_tree(), "translations/de.yaml": "nav:\n  home: [Start\n"})
    result = fzgen(tmp_path, "check")
    assert result.code == 1, result.out + result.err
    assert "Fehler: translations/de.yaml, Zeile 2" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("command", ["check", "build"])
def test_one_run_names_the_errors_of_content_and_theme(tmp_path, fzgen, command):
    broken_offer = OFFER_YAML.replace("tuesday", "zwiebeltag")
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": broken_offer}))
    templates = own_theme(tmp_path)
    replace_in(templates / "page.html", "{% block main %}", "{% block main %}{% if %}")
    result = fzgen(tmp_path, command)
    assert result.code == 1, result.out + result.err
    assert "test/offers/elterncafe.yaml, Zeile 7" in result.err
    assert "themes/default/templates/page.html, Zeile" in result.err
    assert not (tmp_path / "output").exists()


def test_check_of_valid_content_with_a_valid_own_theme_passes(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    own_theme(tmp_path)
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert "Alles in Ordnung: 1 Website," in result.out
