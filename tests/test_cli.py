"""The command line: exit codes, error lists, a failed build that writes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree
from sitebuild import snapshot, soup

import fzgen.build.pipeline as build_module

ROOT = Path(__file__).resolve().parent.parent


def test_check_valid_content(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert "Alles in Ordnung: 1 Website, 1 Angebot, 1 Seite geprüft" in result.out
    assert not (tmp_path / "output").exists()


def test_check_notes_missing_translations(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "check")
    assert "Hinweis: test" in result.out
    assert "Englisch (en)" in result.out


def test_every_error_in_every_file_sorted_with_summary(tmp_path, fzgen):
    write_tree(
        tmp_path,
        site_tree(
            {
                "offers/b-zweites.yaml": OFFER_YAML.replace("tuesday", "blauer montag").replace(
                    "kita-sonne", "kita-mond"
                ),
                "offers/a-erstes.yaml": OFFER_YAML.replace("[meeting]", "[plaudern]"),
                "site.yaml": SITE_YAML.replace("info@awo-test.example.org", "info-at-awo"),
            }
        ),
    )
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    heads = [line for line in result.err.splitlines() if line.startswith("Fehler: ")]
    assert heads == [
        "Fehler: test/offers/a-erstes.yaml, Zeile 5, Spalte 14, Feld „categories → 1. Eintrag“",
        "Fehler: test/offers/b-zweites.yaml, Zeile 7, Spalte 13, Feld „schedule → 1. Eintrag → weekly“",
        "Fehler: test/offers/b-zweites.yaml, Zeile 9, Spalte 11, Feld „location“",
        "Fehler: test/site.yaml, Zeile 25, Spalte 10, Feld „legal → email“",
    ]
    assert result.err.splitlines()[-1].startswith("4 Fehler in 3 Dateien.")


def test_messages_in_english(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"offers/elterncafe.yaml": OFFER_YAML.replace("tuesday", "someday")})
    )
    result = fzgen(tmp_path, "check", "--lang", "en")
    assert result.code == 1
    assert (
        "Error: test/offers/elterncafe.yaml, line 7, column 13, field “schedule → entry 1 → weekly”"
        in result.err
    )
    assert "“someday” is not a weekday." in result.err
    assert "1 error in 1 file." in result.err


def test_failed_build_leaves_previous_output_untouched(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    assert fzgen(tmp_path, "build").code == 0
    before = snapshot(tmp_path / "output")
    assert before
    write_tree(
        tmp_path, site_tree({"offers/elterncafe.yaml": OFFER_YAML.replace("tuesday", "nie")})
    )
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    assert "Es wurde nichts geschrieben" in result.err
    assert snapshot(tmp_path / "output") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_errors_of_every_site_when_workers_load_them(tmp_path, fzgen, monkeypatch):
    """Forked workers load the sites of a large build: every site's errors still come
    back, sorted, and nothing is written."""
    monkeypatch.setenv("FZGEN_WORKERS", "2")
    broken = OFFER_YAML.replace("tuesday", "nie")
    for name in ("anna", "berta", "carla"):
        offer = broken if name != "berta" else OFFER_YAML
        write_tree(
            tmp_path,
            {
                k.replace("content/test/", f"content/{name}/"): v
                for k, v in site_tree({"offers/elterncafe.yaml": offer}).items()
            },
        )
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    heads = [line.split(",")[0] for line in result.err.splitlines() if line.startswith("Fehler")]
    assert heads == ["Fehler: anna/offers/elterncafe.yaml", "Fehler: carla/offers/elterncafe.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_build_writes_sites_and_portal(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "build", "--output", "public")
    assert result.code == 0, result.err
    assert (tmp_path / "public/index.html").is_file()
    for language in ("de", "en", "tr"):
        assert (tmp_path / f"public/test/{language}/index.html").is_file()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_build_one_site_keeps_the_others(tmp_path, fzgen, monkeypatch, workers):
    monkeypatch.setenv("FZGEN_WORKERS", workers)
    write_tree(tmp_path, site_tree())
    write_tree(
        tmp_path, {k.replace("content/test/", "content/zweite/"): v for k, v in site_tree().items()}
    )
    assert fzgen(tmp_path, "build").code == 0
    before = snapshot(tmp_path / "output")
    (tmp_path / "content/test/offers/elterncafe.yaml").write_text(
        OFFER_YAML.replace("Elterncafé", "Familiencafé")
    )
    assert fzgen(tmp_path, "build", "--site", "test").code == 0
    after = snapshot(tmp_path / "output")
    assert {k: v for k, v in after.items() if k.startswith("zweite/")} == {
        k: v for k, v in before.items() if k.startswith("zweite/")
    }
    assert "Familiencafé" in (tmp_path / "output/test/de/index.html").read_text()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["bauen"], "Aufruf fehlerhaft"),
        (["build", "--gibtsnicht"], "Aufruf fehlerhaft"),
        (["check", "--content", "nirgends"], "existiert nicht"),
        (
            ["build", "--site", "unbekannt"],
            "Eine Website „unbekannt“ gibt es nicht. Vorhanden: test",
        ),
        (["build", "--output", "content"], "darf nicht der Inhalts- oder Projektordner sein"),
        (["build", "--output", "."], "darf nicht der Inhalts- oder Projektordner sein"),
    ],
)
def test_usage_errors_exit_2(tmp_path, fzgen, capsys, args, fragment):
    write_tree(tmp_path, site_tree())
    try:
        result = fzgen(tmp_path, *args)
        code, err = result.code, result.err
    except SystemExit as exc:  # argparse leaves through SystemExit
        code, err = exc.code, capsys.readouterr().err
    assert code == 2
    assert fragment in err


def test_internal_error_is_one_line_without_traceback(tmp_path, fzgen, monkeypatch):
    write_tree(tmp_path, site_tree())

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(build_module, "run_job", broken)
    result = fzgen(tmp_path, "build")
    assert result.code == 3
    assert "Traceback" not in result.err
    assert result.err.strip().count("\n") == 0
    assert "Interner Fehler in fzgen" in result.err and "--debug" in result.err
    result = fzgen(tmp_path, "build", "--debug")
    assert "Traceback" in result.err


def test_console_script_end_to_end(tmp_path):
    """The installed `fzgen` command, as CI calls it."""
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": "title: [\n"}))
    fzgen_bin = Path(sys.executable).parent / "fzgen"
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [fzgen_bin, "build"], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Fehler: test/offers/elterncafe.yaml, Zeile 2" in done.stderr
    assert not (tmp_path / "output").exists()


def test_console_script_says_everything_before_it_exits(tmp_path):
    """The command skips the interpreter's teardown: what it printed must still arrive."""
    write_tree(tmp_path, site_tree({}))
    fzgen_bin = Path(sys.executable).parent / "fzgen"
    # Output into a pipe is buffered (unless PYTHONUNBUFFERED says otherwise).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [fzgen_bin, "build"], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Fertig:" in done.stdout
    assert (tmp_path / "output/test/de/index.html").is_file()


def test_new_site_builds_at_once(tmp_path, fzgen):
    result = fzgen(tmp_path, "new", "glinde")
    assert result.code == 0, result.err
    assert "So geht es weiter" in result.out and "content/glinde/site.yaml" in result.out
    site = (tmp_path / "content/glinde/site.yaml").read_text(encoding="utf-8")
    assert site.startswith("# yaml-language-server: $schema=../../schemas/site.schema.json")
    assert "name: Familienzentrum Glinde" in site
    assert (tmp_path / "schemas/offer.schema.json").is_file()
    assert fzgen(tmp_path, "build").code == 0
    assert (tmp_path / "output/glinde/de/angebote/elterncafe/index.html").is_file()


@pytest.mark.parametrize(
    ("slug", "fragment"),
    [("Bad Oldesloe", "geht nicht als Ordnername"), ("glinde", "gibt es schon")],
)
def test_new_refuses_bad_or_existing_names(tmp_path, fzgen, slug, fragment):
    fzgen(tmp_path, "new", "glinde")
    before = (tmp_path / "content/glinde/site.yaml").read_text(encoding="utf-8")
    result = fzgen(tmp_path, "new", slug)
    assert result.code == 2
    assert fragment in result.err
    assert (tmp_path / "content/glinde/site.yaml").read_text(encoding="utf-8") == before


def test_help_and_wrong_calls_speak_german(capsys):
    from fzgen.commands.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: fzgen") and "diese Hilfe zeigen und beenden" in out
    with pytest.raises(SystemExit) as done:
        main(["build", "--gibtsnicht"])
    assert done.value.code == 2
    assert "unbekannte Angaben: --gibtsnicht" in capsys.readouterr().err


def own_catalogues(project: Path, drop: str) -> None:
    """Copy fzgen's catalogues into the project, without the lines that contain `drop`."""
    for source in (ROOT / "translations").glob("*.yaml"):
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = "".join(line for line in lines if drop not in line)
        write_tree(project, {f"translations/{source.name}": kept})


def test_own_catalogues_lacking_a_newer_text_borrow_it_from_fzgens(tmp_path, fzgen):
    site = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, tr, ar]")
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    own_catalogues(tmp_path, "separator:")
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    card = soup(tmp_path / "output/test/ar/angebote/index.html").select_one("p.where")
    assert card.find("bdi").next_sibling == "، "


def test_own_catalogue_of_one_language_changes_only_its_texts(tmp_path, fzgen):
    write_tree(tmp_path, {**site_tree(), "translations/de.yaml": "nav:\n  home: Willkommen\n"})
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    output = tmp_path / "output/test"
    menu = [a.get_text() for a in soup(output / "de/index.html").select("nav.menu a")]
    assert menu[:2] == ["Willkommen", "Angebote"]
    assert soup(output / "tr/index.html").select("nav.menu a")[0].get_text() == "Ana sayfa"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_theme_asking_for_an_unknown_text_is_named_not_a_crash(
    tmp_path, fzgen, monkeypatch, workers
):
    monkeypatch.setenv("FZGEN_WORKERS", workers)
    write_tree(tmp_path, site_tree())
    theme = tmp_path / "themes" / "default"
    shutil.copytree(ROOT / "themes" / "default", theme)
    card = theme / "templates/partials/offer_card.html"
    card.write_text(card.read_text().replace('"offer.separator"', '"offer.trenner"'))
    result = fzgen(tmp_path, "build")
    assert result.code == 1  # the theme's error, named where it is
    assert "Traceback" not in result.err and "Interner Fehler" not in result.err
    lines = card.read_text().splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "offer.trenner" in text)
    assert f"themes/default/templates/partials/offer_card.html, Zeile {line}" in result.err
    assert "„offer.trenner“" in result.err
    assert f"„{tmp_path / 'translations'}/de.yaml“ ein" in result.err
    assert not (tmp_path / "output").exists()
