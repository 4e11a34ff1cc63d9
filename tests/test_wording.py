"""Wording in one place per language: every sentence for people comes from the message
catalogues (fzgen/messages/de.yaml and en.yaml), German by default, English with --lang en."""

from __future__ import annotations

import ast
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OFFER_YAML, site_tree, write_tree
from test_serve import fetch, free_port, wait_for

from fzgen.messages import LANGUAGES, wording
from fzgen.messages.catalogue import TEXT_SECTIONS

PACKAGE = Path(__file__).resolve().parent.parent / "fzgen"
#: German letters and quotes, or a German word that no code, path or English text uses.
GERMAN = re.compile(
    r"[äöüÄÖÜß„‚]"
    r"|\b(?i:der|die|das|und|oder|nicht|ist|sind|sie|mit|für|ein|eine|einen|wird|werden|gibt"
    r"|bitte|datei|dateien|fehler|ordner|feld|zeile|seite|seiten|angabe|angaben"
    r"|hinweis|vorschau)\b"
)
#: An English or German sentence: a capitalised word, two more words, a full stop.
SENTENCE = re.compile(r"(?:^|[\s(])[A-ZÄÖÜ][a-zäöüß]+(?:[ ,;:–-]+[\w'’/.-]+){2,}[.!?](?:\s|$)")
# English words a sentence for people would hold and an identifier, a path or a
# log key would not.
ENGLISH = re.compile(
    r"\b(?:the|The|is|are|not|please|Please|cannot|could|should|your|Your|file|folder"
    r"|error|errors|Error|found|missing|invalid)\b"
)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def texts(language: str) -> dict[str, str]:
    """Every sentence of a language, by `section → key` (diagnostics as problem and fix)."""
    words = wording(language)
    found = {
        f"{section} → {key}": text
        for section in TEXT_SECTIONS
        if section != "argparse"  # argparse speaks English itself
        for key, text in getattr(words, section).items()
    }
    for code, (problem, fix) in words.diagnostics.items():
        found[f"diagnostics → {code} → problem"] = problem
        found[f"diagnostics → {code} → fix"] = fix
    for model, fields in words.schema.items():
        for name, help in fields.items():
            found[f"schema → {model} → {name} → title"] = help.title
            found[f"schema → {model} → {name} → description"] = help.description
    return found


def test_every_language_has_every_sentence_with_the_same_placeholders():
    german = texts("de")
    for language in LANGUAGES[1:]:
        other = texts(language)
        assert sorted(set(german) ^ set(other)) == []
        differing = {
            key: (placeholders(german[key]), placeholders(other[key]))
            for key in german
            if placeholders(german[key]) != placeholders(other[key])
        }
        assert differing == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sentence_can_be_filled_in(language):
    failing = []
    for key, text in texts(language).items():
        try:
            text.format(**dict.fromkeys(placeholders(text), "x"))
        except (ValueError, IndexError, KeyError):
            failing.append(key)
    assert failing == []


def test_english_sentences_are_not_german():
    german = {key: text for key, text in texts("en").items() if GERMAN.search(text)}
    # Names of German things (Sozialraum, Familienzentren, example weekdays,
    # `ja/nein`) are allowed where the English sentence explains them.
    allowed = {"Sozialraum", "Familienzentren", "Dienstag", "ja/nein"}
    assert {
        key: text for key, text in german.items() if not any(word in text for word in allowed)
    } == {}


def string_literals(path: Path) -> list[tuple[int, str]]:
    """The strings (and bytes) written in a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings:
            if isinstance(node.value, bytes):
                found.append((node.lineno, node.value.decode("utf-8", "replace")))
            elif isinstance(node.value, str):
                found.append((node.lineno, node.value))
    return found


def is_sentence_for_people(text: str) -> bool:
    return bool(GERMAN.search(text)) or bool(SENTENCE.search(text) and ENGLISH.search(text))


def test_no_sentence_for_people_outside_the_message_catalogues():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text[:70]!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "messages" not in path.relative_to(PACKAGE).parts
        for line, text in string_literals(path)
        if is_sentence_for_people(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "Nicht gefunden.",
        "Verknüpfungen werden nicht veröffentlicht; legen Sie die Datei hier ab.",
        "ungültiger Wert: „\\1“",
        "The file cannot be read.",
        "Angebote sind .yaml-Dateien.",
        "Feld: {field}",
    ],
)
def test_the_scan_finds_sentences(text):
    assert is_sentence_for_people(text)


@pytest.mark.parametrize(
    "text",
    [
        "files/",
        "fzgen-preview-",
        "text/calendar; charset=utf-8",
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'",
        "offers/elterncafe.yaml",
        "%(prog)s",
        "utf-8-sig",
        "a.b.c",
        "Sozialraum",
    ],
)
def test_the_scan_leaves_code_alone(text):
    assert not is_sentence_for_people(text)


def hint_tree(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        site_tree({"offers/notizen.txt": "x", "pages/entwurf.txt": "x", "files/plan.pdf": "x"}),
    )
    (tmp_path / "content/test/files/verweis.pdf").symlink_to(
        tmp_path / "content/test/files/plan.pdf"
    )
    return tmp_path


def test_hints_about_unused_files_are_german_by_default(tmp_path, fzgen):
    result = fzgen(hint_tree(tmp_path), "check")
    assert result.code == 0, result.err
    assert "Hinweis: test/offers/notizen.txt\n" in result.out
    assert "  Angebote sind .yaml-Dateien.\n" in result.out
    assert "  Seiten sind .md-Dateien.\n" in result.out
    assert (
        "  Verknüpfungen werden nicht veröffentlicht; legen Sie die Datei hier ab.\n" in result.out
    )


def test_check_with_lang_en_says_everything_in_english(tmp_path, fzgen):
    result = fzgen(hint_tree(tmp_path), "check", "--lang", "en")
    assert result.code == 0, result.err
    assert "Note: test/offers/notizen.txt\n" in result.out
    assert "  Offers are .yaml files.\n" in result.out
    assert "  Pages are .md files.\n" in result.out
    assert "  Links are not published; put the file itself here.\n" in result.out
    assert result.out.splitlines()[-1].startswith("All good: 1 site, 1 offer, 1 page checked")
    assert not GERMAN.search(result.out.replace("notizen", "").replace("entwurf", ""))


def test_a_content_file_over_8_mb_is_refused_in_the_chosen_language(tmp_path, fzgen):
    big = OFFER_YAML + "#" * (8 * 1024 * 1024)
    write_tree(tmp_path, site_tree({"offers/gross.yaml": big}))
    german = fzgen(tmp_path, "check")
    assert german.code == 1
    assert "Die Datei kann nicht gelesen werden (größer als 8 MB)." in german.err
    english = fzgen(tmp_path, "check", "--lang", "en")
    assert english.code == 1
    assert "The file cannot be read (larger than 8 MB)." in english.err
    assert "Content files are texts of a few kilobytes" in english.err


def test_help_with_lang_en_is_english(capsys):
    from fzgen.commands.cli import main

    with pytest.raises(SystemExit) as done:
        main(["build", "--lang", "en", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: fzgen build")
    assert "--output FOLDER   output folder (default: output/)" in out
    assert not GERMAN.search(out)


def test_schema_help_in_the_chosen_language(tmp_path, fzgen):
    assert fzgen(tmp_path, "schema", "--output", "de").code == 0
    assert fzgen(tmp_path, "schema", "--output", "en", "--lang", "en").code == 0
    german = json.loads((tmp_path / "de/offer.schema.json").read_text(encoding="utf-8"))
    english = json.loads((tmp_path / "en/offer.schema.json").read_text(encoding="utf-8"))
    assert german["properties"]["accessible"]["title"] == "Stufenloser Zugang"
    assert english["properties"]["accessible"]["title"] == "Step-free access"
    assert set(german["properties"]) == set(english["properties"])


def test_preview_answers_in_english_with_lang_en(tmp_path):
    write_tree(tmp_path, site_tree())
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "fzgen"), "serve", "--lang", "en", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "test/de/", lambda s, b: s == 200)
        status, body = fetch(url + "test/de/gibt-es-nicht/")
        assert status == 404
        assert "<p>Not found.</p>" in body and ">To the overview</a>" in body
        offer = tmp_path / "content/test/offers/elterncafe.yaml"
        offer.write_text(OFFER_YAML.replace("tuesday", "zwiebeltag"), encoding="utf-8")
        _, body = wait_for(url + "test/de/", lambda s, b: s == 500)
        assert '<html lang="en"' in body
        assert "The site cannot be built right now" in body
        assert "The content has an error." in body
        assert "test/offers/elterncafe.yaml, line 7, column 13" in body
        assert "“zwiebeltag” is not a weekday." in body
        assert not GERMAN.search(body.replace("zwiebeltag", "").replace("Dienstag", ""))
    finally:
        process.terminate()
        process.wait(timeout=10)
