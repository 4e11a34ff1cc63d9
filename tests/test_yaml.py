"""YAML is read as the coordinator wrote it, and broken files are errors that name the file."""

from __future__ import annotations

import time

from conftest import OFFER_YAML, site_tree, write_tree
from test_rules import assert_reported

from fzgen.content.yamlfile import parse_yaml

OFFER = "test/offers/elterncafe.yaml"


def check(tmp_path, fzgen, offer: str | bytes):  # type: ignore[no-untyped-def]
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    return fzgen(tmp_path, "check")


def test_scalars_stay_as_written():
    document, problems = parse_yaml("a: 01234\nb: 10:30\nc: no\nd: 1e3\ne: 0x1F\nf:\n", "x.yaml")
    assert not problems
    assert document is not None
    assert document.data == {
        "a": "01234",
        "b": "10:30",
        "c": "no",
        "d": "1e3",
        "e": "0x1F",
        "f": None,
    }


def test_unquoted_time_is_a_time_not_minutes(tmp_path, fzgen):
    """PyYAML's YAML 1.1 reads 10:30 as 630 (base 60)."""
    result = check(tmp_path, fzgen, OFFER_YAML.replace("09:30-11:00", "10:30-12:00"))
    assert result.code == 0, result.err


def test_duplicate_key(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML + "summary: Noch einmal\n")
    assert result.code == 1
    assert_reported(result.err, OFFER, 10, "summary", "„summary“ steht zweimal")


def test_unknown_field_suggests_closest(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML.replace("summary:", "sumary:"))
    assert result.code == 1
    assert_reported(result.err, OFFER, 4, "sumary", "Meinten Sie „summary“?")
    result = check(tmp_path, fzgen, "titel: Elterncafé\n" + OFFER_YAML.split("\n", 3)[3])
    assert_reported(result.err, OFFER, 1, "titel", "Meinten Sie „title“?")


def test_unknown_nested_field_suggests_from_its_own_group(tmp_path, fzgen):
    offer = OFFER_YAML.replace(
        "    time: 09:30-11:00", "    time: 09:30-11:00\n    untill: 2026-07-01"
    )
    result = check(tmp_path, fzgen, offer)
    assert_reported(result.err, OFFER, 9, "schedule → 1. Eintrag → untill", "Meinten Sie „until“?")


def test_alias_bomb_is_refused_quickly(tmp_path, fzgen):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += f"{name}: &{name} [{','.join(['*' + prev] * 9)}]\n"
    start = time.perf_counter()
    result = check(tmp_path, fzgen, bomb)
    elapsed = time.perf_counter() - start
    assert result.code == 1
    assert "200.000 Werte" in result.err
    assert elapsed < 10  # a generous bound: the bomb would expand to 387 million values


def test_recursive_alias(tmp_path, fzgen):
    result = check(tmp_path, fzgen, "title: &t [a, *t]\n")
    assert result.code == 1
    assert "zeigt auf sich selbst" in result.err


def test_not_utf8(tmp_path, fzgen):
    result = check(tmp_path, fzgen, "title: Elterncaf\xe9\n".encode("latin-1"))
    assert result.code == 1
    assert_reported(result.err, OFFER, 1, None, "nicht als UTF-8 gespeichert")


def test_utf8_bom_is_fine(tmp_path, fzgen):
    result = check(tmp_path, fzgen, b"\xef\xbb\xbf" + OFFER_YAML.encode())
    assert result.code == 0, result.err


def test_empty_file(tmp_path, fzgen):
    result = check(tmp_path, fzgen, "")
    assert result.code == 1
    assert "Fehler: test/offers/elterncafe.yaml" in result.err
    assert "Die Datei ist leer." in result.err


def test_comment_only_file_is_empty(tmp_path, fzgen):
    result = check(tmp_path, fzgen, "# nur ein Kommentar\n")
    assert "Die Datei ist leer." in result.err


def test_top_level_list(tmp_path, fzgen):
    result = check(tmp_path, fzgen, "- title: Elterncafé\n")
    assert result.code == 1
    assert_reported(result.err, OFFER, 1, None, "enthält eine Liste statt Feldern")


def test_top_level_text(tmp_path, fzgen):
    result = check(tmp_path, fzgen, "Elterncafé am Dienstag\n")
    assert_reported(result.err, OFFER, 1, None, "enthält nur einen einzelnen Wert statt Feldern")


def test_syntax_error_names_line(tmp_path, fzgen):
    result = check(
        tmp_path, fzgen, OFFER_YAML.replace("categories: [meeting]", "categories: [meeting")
    )
    assert result.code == 1
    assert_reported(result.err, OFFER, 5, None, "Die Klammer „[“ in „categories: [meeting“")


def test_tab_indentation(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML.replace("  de: Elterncafé", "\tde: Elterncafé"))
    assert result.code == 1
    assert_reported(result.err, OFFER, 2, None, "Tabulator")
