"""Calling fzgen: the version, a mistyped command, options before or after the command,
help in German, and `translations export --to` (issue 18, item 7)."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest
from conftest import site_tree, write_tree

import fzgen.build.pipeline as pipeline
from fzgen.commands.cli import main


def wrong_call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run fzgen with arguments argparse refuses: the exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as done:
        main(list(args))
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


def test_version_is_the_installed_one(capsys):
    code, out, _ = wrong_call(capsys, "--version")
    assert code == 0
    assert out == f"fzgen {metadata.version('fzgen')}\n"


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["chek"], "Unbekannter Befehl „chek“. Meinten Sie check?"),
        (["biuld", "--site", "test"], "Unbekannter Befehl „biuld“. Meinten Sie build?"),
        (["--debug", "statsu"], "Unbekannter Befehl „statsu“. Meinten Sie status?"),
        (["translations", "exprot"], "Unbekannte Aktion „exprot“. Meinten Sie export?"),
    ],
)
def test_a_mistyped_command_names_the_one_meant(capsys, args, sentence):
    code, out, err = wrong_call(capsys, *args)
    assert code == 2
    assert out == ""
    assert err == f"Aufruf fehlerhaft: {sentence}\nHilfe: fzgen --help\n"


def test_a_command_like_no_other_lists_the_commands(capsys):
    code, _, err = wrong_call(capsys, "bauen")
    assert code == 2
    assert err.startswith(
        "Aufruf fehlerhaft: Unbekannter Befehl „bauen“. Möglich sind: check, build,"
    )
    code, _, err = wrong_call(capsys, "--lang", "en", "chek")
    assert err.startswith("Wrong call: Unknown command “chek”. Did you mean check?")


def test_debug_and_lang_before_or_after_the_command(tmp_path, fzgen, monkeypatch):
    write_tree(tmp_path, site_tree())
    for args in (["--lang", "en", "check"], ["check", "--lang", "en"], ["--lang=en", "check"]):
        result = fzgen(tmp_path, *args)
        assert result.code == 0
        assert "All good: 1 site, 1 offer, 1 page checked, 1 note." in result.out

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(pipeline, "run_job", broken)
    for args in (["--debug", "build"], ["build", "--debug"], ["--debug", "--lang", "en", "build"]):
        result = fzgen(tmp_path, *args)
        assert result.code == 3
        assert "Traceback" in result.err
    result = fzgen(tmp_path, "build")
    assert result.code == 3 and "Traceback" not in result.err
    # Given before the command, a value is not undone by the command's defaults.
    result = fzgen(tmp_path, "--lang", "en", "build")
    assert result.err.startswith("Internal error in fzgen")


def test_content_folder_before_the_command(tmp_path, fzgen):
    write_tree(tmp_path / "projekt", site_tree())
    result = fzgen(tmp_path, "--content", "projekt/content", "check")
    assert result.code == 0, result.err


def test_help_names_values_in_german(capsys):
    code, out, _ = wrong_call(capsys, "build", "--help")
    assert code == 0
    assert out.startswith("Aufruf: fzgen build [-h] [--content ORDNER] [--lang SPRACHE] [--debug]")
    for option in ("--output ORDNER", "--site WEBSITE", "Optionen:"):
        assert option in out
    _, out, _ = wrong_call(capsys, "translations", "export", "--help")
    assert "--site WEBSITE" in out and "--to SPRACHE" in out and "--output DATEI" in out
    _, out, _ = wrong_call(capsys, "translations", "import", "--help")
    assert "Befehle und Angaben:\n  PO-DATEI" in out
    _, out, _ = wrong_call(capsys, "serve", "--help")
    assert "--port PORT" in out and "--host ADRESSE" in out
    _, out, _ = wrong_call(capsys, "--help")
    assert out.startswith("Aufruf: fzgen [-h] [--content ORDNER] [--lang SPRACHE] [--debug]")
    code, _, err = wrong_call(capsys, "translations", "import")
    assert code == 2 and "diese Angaben fehlen: PO-DATEI" in err


def test_help_in_english_names_values_in_english(capsys):
    _, out, _ = wrong_call(capsys, "build", "--help", "--lang", "en")
    assert out.startswith("usage: fzgen build [-h] [--content FOLDER] [--lang LANGUAGE] [--debug]")
    assert "--site SITE" in out


def test_export_takes_the_target_language_with_to(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "translations", "export", "--site", "test", "--to", "tr")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.startswith("Geschrieben: test.tr.po.")
    assert b'"Language: tr\\n"' in (tmp_path / "test.tr.po").read_bytes()


def test_export_with_the_old_lang_works_and_says_it_is_now_to(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "translations", "export", "--site", "test", "--lang", "tr")
    assert result.code == 0
    assert result.err == (
        "Hinweis: Die Zielsprache heißt jetzt --to; --lang ist die Sprache der Meldungen (de oder"
        " en). Schreiben Sie künftig „--to tr“: --lang als Zielsprache geht nur noch in dieser"
        " Version.\n"
    )
    assert (tmp_path / "test.tr.po").is_file()


def test_export_with_to_takes_lang_as_the_message_language(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(
        tmp_path, "translations", "export", "--site", "test", "--to", "tr", "--lang", "en"
    )
    assert result.code == 0
    assert result.out.startswith("Written: test.tr.po.")
    result = fzgen(
        tmp_path, "translations", "export", "--site", "test", "--to", "tr", "--lang", "ar"
    )
    assert result.code == 2
    assert result.err.startswith(
        "--lang ist die Sprache der Meldungen (de oder en), nicht „ar“; die Zielsprache steht bei"
        " --to (tr). Lassen Sie --lang weg."
    )


def test_export_without_a_target_language_asks_for_to(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "translations", "export", "--site", "test")
    assert result.code == 2
    assert result.err == (
        "In welche Sprache? Geben Sie die Zielsprache mit --to an, z. B. --to tr.\n"
    )
    result = fzgen(tmp_path, "translations", "export", "--site", "test", "--to", "ar")
    assert result.code == 2
    assert "Beispiel: --to tr" in result.err


def test_commands_other_than_serve_do_not_load_the_preview_server():
    """The server's libraries cost every build about 50 ms of start-up."""
    code = "import sys, fzgen.commands.cli; print(sorted({'livereload', 'tornado'} & set(sys.modules)))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
