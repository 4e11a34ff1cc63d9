"""Messages echo what a coordinator wrote, but never as terminal commands, hidden
text or megabytes: control and bidi characters shown as escapes, long values cut,
one finding reached through many aliases reported once."""

from __future__ import annotations

from conftest import OFFER_YAML, site_tree, write_tree

from fzgen.errors import ContentError, Diagnostic
from fzgen.messages import cli_text, format_diagnostic, shown

ESC = "\x1b"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_escape_codes_in_a_value_are_shown_not_obeyed(tmp_path, fzgen):
    offer = OFFER_YAML.replace("weekly: tuesday", 'weekly: "\\e[2J\\e[32mAlles in Ordnung"')
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert ESC not in result.err
    assert "„\\x1b[2J\\x1b[32mAlles in Ordnung“ ist kein Wochentag." in result.err
    assert "Fehler: test/offers/elterncafe.yaml, Zeile 7, Spalte 13" in result.err


def test_control_and_bidi_characters_in_a_value_are_all_escaped(tmp_path, fzgen):
    value = "mo\x07\x7f\x85\u2028" + BIDI + "\u200b\ufeff"
    offer = OFFER_YAML.replace(
        "weekly: tuesday", 'weekly: "' + value.encode("unicode_escape").decode() + '"'
    )
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    for character in value[2:]:
        assert character not in result.err, hex(ord(character))
    assert "„mo\\x07\\x7f\\x85\\u2028\\u202a" in result.err
    assert "\\u061c\\u200b\\ufeff“ ist kein Wochentag." in result.err


def test_file_names_with_a_line_break_or_bidi_override_are_shown_escaped(tmp_path, fzgen):
    write_tree(
        tmp_path,
        site_tree({"offers/eltern\u202ecafe.yaml": OFFER_YAML, "offers/a\nb.yaml": OFFER_YAML}),
    )
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "\u202e" not in result.err
    assert "test/offers/eltern\\u202ecafe.yaml" in result.err
    assert "test/offers/a\\nb.yaml" in result.err
    # Every line of the report is one of fzgen's: a head, an indented sentence, the sum.
    for line in result.err.splitlines():
        assert line.startswith(("Fehler: ", "  ", "2 Fehler")), line


def test_alias_bomb_gives_one_short_error_naming_file_and_line(tmp_path, fzgen):
    big = "x" * 100_000
    entries = "".join(
        f"  - weekly: {'*a' if i else '&a ' + big}\n    time: 09:30-11:00\n" for i in range(1000)
    )
    offer = OFFER_YAML.split("schedule:")[0] + "schedule:\n" + entries + "location: kita-sonne\n"
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert len(result.err.encode()) < 100_000
    assert (
        "Fehler: test/offers/elterncafe.yaml, Zeile 7, Spalte 13, "
        "Feld „schedule → 1. Eintrag → weekly“" in result.err
    )
    assert "„" + "x" * 100 in result.err
    assert "… (99.880 Zeichen gekürzt)“ ist kein Wochentag." in result.err
    assert "Ebenso an 999 weiteren Stellen, die mit *name auf diesen Wert verweisen." in result.err
    assert result.err.splitlines()[-1].startswith("1 Fehler in 1 Datei.")


def test_alias_bomb_in_a_field_name_stays_short(tmp_path, fzgen):
    # 4 kB, not 100: fzgen.content.validation looks for a similar field name with difflib,
    # which takes seconds for 1,000 long names. Still 12 MB of text in the old report.
    big = "k" * 4_000
    # A key over 1,024 characters must be written explicitly, after "? ".
    keys = ["    ? &a " + big + "\n    : 1\n"] + ["    *a : 1\n"] * 999
    entries = "".join(f"  - weekly: tuesday\n    time: 09:30-11:00\n{key}" for key in keys)
    offer = OFFER_YAML.split("schedule:")[0] + "schedule:\n" + entries + "location: kita-sonne\n"
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert len(result.err.encode()) < 100_000
    assert (
        "Fehler: test/offers/elterncafe.yaml, Zeile 9, Spalte 7, Feld „schedule → 1. Eintrag → kkk"
        in result.err
    )
    assert "Ebenso an 999 weiteren Stellen" in result.err


def test_ordinary_error_keeps_its_german_wording(tmp_path, fzgen):
    offer = OFFER_YAML.replace("09:30-11:00", "11:00-09:30")
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert result.err.splitlines() == [
        "Fehler: test/offers/elterncafe.yaml, Zeile 8, Spalte 11, "
        "Feld „schedule → 1. Eintrag → time“",
        "  Bei „11:00-09:30“ liegt das Ende nicht nach dem Beginn.",
        "  Lösung: Das Ende muss später sein als der Beginn, z. B. 09:30-11:00.",
        "1 Fehler in 1 Datei. Bitte korrigieren Sie die genannten Stellen und starten Sie erneut.",
    ]


def test_identical_findings_collapse_and_distinct_ones_stay():
    same = Diagnostic("s/a.yaml", "weekday", 3, 5, ("schedule", 0, "weekly"), "nie")
    alias = Diagnostic("s/a.yaml", "weekday", 3, 5, ("schedule", 1, "weekly"), "nie")
    elsewhere = Diagnostic("s/a.yaml", "weekday", 9, 5, ("schedule", 2, "weekly"), "nie")
    error = ContentError([same, same, alias, elsewhere])
    assert [(d.line, d.field, d.repeats) for d in error.diagnostics] == [
        (3, ("schedule", 0, "weekly"), 1),
        (9, ("schedule", 2, "weekly"), 0),
    ]
    # Collected again (a worker's error re-raised in the parent), the count stays.
    assert ContentError(error.diagnostics).diagnostics == error.diagnostics


def test_shown_escapes_and_cuts():
    assert shown("Elterncafé") == "Elterncafé"
    assert shown("a\nb\tc\r") == "a\\nb\\tc\\r"
    assert shown("\x1b[31m") == "\\x1b[31m"
    assert shown("\U000e0041") == "\\U000e0041"  # a tag character: invisible text
    assert shown("x" * 200, "en") == "x" * 120 + "… (80 characters cut)"
    # The joiners inside Persian words and emoji sequences stay as written.
    assert shown("می\u200cخواهم 👨\u200d👩") == "می\u200cخواهم 👨\u200d👩"


def test_english_and_cli_sentences_escape_too():
    diagnostic = Diagnostic(
        "s/\u202eb.yaml", "weekday", 1, 1, ("x\ny",), params={"value": "\x1b[2J"}
    )
    text = format_diagnostic(diagnostic, "en")
    assert text.splitlines() == [
        "Error: s/\\u202eb.yaml, line 1, column 1, field “x\\ny”",
        "  “\\x1b[2J” is not a weekday.",
        "  Fix: Write the weekday, e.g. tuesday, tue, Dienstag.",
    ]
    sentence = cli_text("site_unknown", "de", site="a\x1b]0;owned\x07", available="test")
    assert sentence == "Eine Website „a\\x1b]0;owned\\x07“ gibt es nicht. Vorhanden: test."
    assert cli_text("notes", "de", count=3) == ", 3 Hinweise"
