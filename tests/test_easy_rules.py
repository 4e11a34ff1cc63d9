"""The rules of Leichte Sprache a program can see: texts that must be noted, texts
that must pass (sentences as a Leichte-Sprache text of a Familienzentrum writes them)."""

from __future__ import annotations

import time

import pytest

from fzgen.content.easy_notes import markdown_notes, yaml_notes
from fzgen.content.easy_rules import RuleBreak, rule_breaks
from fzgen.errors import Diagnostic

#: Leichte Sprache as it should be: not one note.
GOOD_TEXT = """\
# Das Eltern·café

Das Eltern·café ist jeden Dienstag.
Es beginnt um 9:30 Uhr.
Das Treffen ist am 12.01.2027 von 9:30-11:00 Uhr.
Das Fest ist am 3. Mai 2027.
Im Jahr 2026 kamen viele Familien.
Sie können ohne Anmeldung kommen.
Sie möchten mitmachen?
Dann rufen Sie an: 04531 123 45 67.
Oder Sie schreiben eine E-Mail an info@example.org.
Das Programm finden Sie hier: [Programm](https://example.org/programm-2027-herbst.pdf).
Das Frühstück kostet 2,50 €.
Der Ausflug kostet 1200 Euro für die ganze Gruppe.
Die Adresse ist: Hauptstraße 5, 23843 Bad Oldesloe.
Die Post·leitzahl ist 23843.
Die Kita ist vom 23.12. bis 2.1. zu.
Wir haben am 24.12.2026 zu.
Telefon: 0 45 31 / 12 34 5
Oder: 0 4531 12345678
Es gibt 1000 Bücher.
Das Mittag·essen kostet 3,50 Euro.
Wir werden bald umziehen.
Es wird kalt.
Sie werden sehen: Es macht Spaß.
Sie bekommen ein Geschenk.
Wir werden zusammen spielen.
Wir werden Ihnen einen Platz geben.
Das wird bestimmt schön.
Die Kinder werden groß.
Wir gehen **nicht** in den Wald.
Die Erzieher*innen sind da.
Das Familien-Zentrum ist im Stadt·teil.
Es gibt Kaffee, Tee und Kuchen.

- Wir spielen.
- Wir singen.
- Wir essen um 12 Uhr.

Die Veranstaltungen sind im Garten.
Die Beratungs·stelle hilft bei Schwierigkeiten.
Die Mitarbeiterinnen helfen Ihnen.
Das Café ist geöffnet.
Max.
```
z. B. nicht usw. 50 %
```
Der Code ist `nicht_kein`.
"""


def test_good_leichte_sprache_passes() -> None:
    assert rule_breaks(GOOD_TEXT) == []


def _rules(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(found.line, found.rule, found.words) for found in rule_breaks(text)]


def test_a_sentence_over_15_words_is_noted_with_its_count_and_first_words() -> None:
    text = (
        "Kurz.\n"
        "Sie können mit Ihrem Kind jeden Dienstag und jeden Donnerstag in das Café "
        "kommen und dort mit anderen Eltern reden.\n"
        "Ein Satz. Noch ein Satz mit genau fünfzehn Wörtern für den Test hier heute morgen "
        "und da."
    )
    found = rule_breaks(text)
    assert found == [
        RuleBreak(1, "ls_sentence_long", ("Sie können mit Ihrem …",), 20),
    ]


def test_sentences_end_at_colons_question_marks_and_list_items() -> None:
    words = " ".join(["Wort"] * 10)
    text = f"{words}: {words}?\n- {words}\n- {words}"
    assert rule_breaks(text) == []
    assert _rules(f"{words} {words}")[0][:2] == (0, "ls_sentence_long")


def test_numbers_count_as_words_and_dashes_do_not() -> None:
    fifteen = "Wir treffen uns am 3. Mai um 10 Uhr – und dann essen wir zusammen Kuchen."
    assert rule_breaks(fifteen) == []
    assert _rules(fifteen.replace("Kuchen", "viel Kuchen"))[0][1] == "ls_sentence_long"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Bringen Sie z. B. Hausschuhe mit.", ("z. B.",)),
        ("Bringen Sie z.B. Hausschuhe mit.", ("z.B.",)),
        ("Es gibt Kaffee, Tee usw. für alle.", ("usw.",)),
        ("Es gibt ca. 20 Plätze bzw. Stühle.", ("ca.", "bzw.")),
        ("Wir spielen, d. h. wir haben Spaß.", ("d. h.",)),
        ("Tel. 0451 1234567", ("Tel.",)),
        ("Das Café ist Mo. bis Fr. geöffnet.", ("Mo.", "Fr.")),
        ("Es gibt max. 8 Plätze.", ("max.",)),
        ("Das ist i. d. R. so.", ("i. d. R.",)),
    ],
)
def test_abbreviations_are_noted(text: str, words: tuple[str, ...]) -> None:
    assert (0, "ls_abbreviation", words) in _rules(text)


@pytest.mark.parametrize(
    "text",
    ["Es beginnt um 9 Uhr.", "Das ist Max.", "Wir basteln etc-Karten.", "Das ist so."],
)
def test_words_ending_a_sentence_are_no_abbreviations(text: str) -> None:
    assert rule_breaks(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Wir haben keine Plätze mehr.", ("keine",)),
        ("Das Café ist am Montag nicht offen.", ("nicht",)),
        ("Nichts mitbringen.", ("Nichts",)),
        ("Niemand muss zahlen und nie ist es zu spät.", ("Niemand", "nie")),
    ],
)
def test_negations_are_noted(text: str, words: tuple[str, ...]) -> None:
    assert _rules(text) == [(0, "ls_negation", words)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Das Essen wird von den Eltern mitgebracht.", ("wird", "mitgebracht")),
        ("Das Fest ist abgesagt worden.", ("worden", "abgesagt")),
        ("Die Kinder werden informiert.", ("werden", "informiert")),
        ("Die Kinder werden von 8 bis 12 Uhr betreut.", ("werden", "betreut")),
        ("Im Garten wird gespielt.", ("wird", "gespielt")),
        ("Der Termin wird verschoben.", ("wird", "verschoben")),
        ("Die Kosten werden übernommen.", ("werden", "übernommen")),
    ],
)
def test_passive_is_noted(text: str, words: tuple[str, ...]) -> None:
    assert _rules(text) == [(0, "ls_passive", words)]


@pytest.mark.parametrize(
    "text",
    [
        "Wir werden spazieren gehen.",
        "Wer wird Mitglied und bekommt einen Ausweis?",
        "Es wird Zeit.",
        "Wir werden Sie informieren.",
        "Das Essen wird gut. Es gibt Gemüse aus dem Garten, das gekocht ist.",
    ],
)
def test_future_and_werden_as_a_verb_are_no_passive(text: str) -> None:
    assert rule_breaks(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Wegen des Wetters fällt das Fest aus.", ("Wegen", "des")),
        ("Das ist der Garten eines Nachbarn.", ("eines",)),
        ("Trotz Regen spielen wir draußen.", ("Trotz",)),
    ],
)
def test_genitive_is_noted(text: str, words: tuple[str, ...]) -> None:
    assert _rules(text) == [(0, "ls_genitive", words)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Wenn Sie Zeit hätten, würden wir uns freuen.", ("hätten", "würden")),
        ("Es wäre schön.", ("wäre",)),
        ("Sie sollten pünktlich sein.", ("sollten",)),
    ],
)
def test_subjunctive_is_noted_but_not_moechte(text: str, words: tuple[str, ...]) -> None:
    assert _rules(text) == [(0, "ls_subjunctive", words)]
    assert rule_breaks("Sie möchten mitmachen? Ich möchte mitmachen.") == []


@pytest.mark.parametrize(
    ("text", "rule", "words"),
    [
        ("50 % der Kinder kommen.", "ls_percent", ("%",)),
        ("50 Prozent der Kinder kommen.", "ls_percent", ("Prozent",)),
        ("Im Stadtteil leben 12000 Menschen.", "ls_large_number", ("12000",)),
        ("Im Stadtteil leben 12.000 Menschen.", "ls_large_number", ("12.000",)),
        ("Im Stadtteil leben 12 000 Menschen.", "ls_large_number", ("12 000",)),
        ("Das Haus hat zweitausend Bücher.", "ls_large_number", ("zweitausend",)),
        ("Die Stadt hat eine Million Bäume.", "ls_large_number", ("Million",)),
    ],
)
def test_percent_and_large_numbers_are_noted(text: str, rule: str, words: tuple[str, ...]) -> None:
    assert _rules(text) == [(0, rule, words)]


@pytest.mark.parametrize(
    "words",
    [
        ("Erziehungsberatung",),
        ("Kinderbetreuung",),
        ("Öffnungszeiten",),
        ("Hausaufgabenhilfe",),
        ("Beratungsstelle",),
    ],
)
def test_long_compound_words_without_separator_are_noted(words: tuple[str, ...]) -> None:
    assert _rules(f"Die {words[0]} ist hier.") == [(0, "ls_compound", words)]


def test_the_sites_own_names_are_no_compounds_to_take_apart() -> None:
    text = "Das Familienzentrum Sonnenschein ist im Stadtteil."
    assert _rules(text) == [(0, "ls_compound", ("Familienzentrum",))]
    assert rule_breaks(text, known_names={"Familienzentrum Sonnenschein"}) == []


def test_lines_are_counted_from_the_texts_start_with_one_note_per_rule_and_line() -> None:
    text = "Hallo.\n\nWir haben keine Zeit und nicht viel Geld.\nDas ist z. B. so."
    assert _rules(text) == [
        (2, "ls_negation", ("keine", "nicht")),
        (3, "ls_abbreviation", ("z. B.",)),
    ]


# --- Placing the notes in the files -------------------------------------------------

OFFER = """\
title:
  de: Elterncafé
  ls: Das Eltern·café
summary: {de: Treffen für Eltern, ls: Wir haben keine Zeit.}
description:
  de: |
    Ein Text.
  ls: |
    Das Eltern·café ist jeden Dienstag.

    Die Erziehungsberatung ist auch da.
    Das Essen wird mitgebracht.
place_note:
  ls: >
    Der Eingang ist
    nicht am Markt.
"""


def _places(notes: list[Diagnostic]) -> list[tuple[int | None, int | None, str, str]]:
    return [(n.line, n.column, n.code, n.params["words"]) for n in notes]


def test_notes_of_a_yaml_file_stand_at_the_line_of_the_words_concerned() -> None:
    notes = yaml_notes(OFFER, "s/offers/cafe.yaml", ())
    assert _places(notes) == [
        (4, 49, "ls_negation", "keine"),
        (11, 9, "ls_compound", "Erziehungsberatung"),
        (12, 15, "ls_passive", "wird\nmitgebracht"),
        (16, 5, "ls_negation", "nicht"),
    ]
    assert [n.field for n in notes][:2] == [("summary", "ls"), ("description", "ls")]
    assert {n.severity for n in notes} == {"warning"}


def test_notes_of_a_page_in_leichte_sprache_count_lines_from_the_files_start() -> None:
    page = "---\ntitle: Die Öffnungszeiten\n---\n\nDas Café ist offen.\nEs gibt ca. 20 Plätze.\n"
    notes = markdown_notes(page, "s/pages/zeiten.ls.md", ())
    assert _places(notes) == [
        (2, 12, "ls_compound", "Öffnungszeiten"),
        (6, 9, "ls_abbreviation", "ca."),
    ]
    assert [n.field for n in notes] == [("title",), ()]


def test_hostile_texts_are_read_in_time_and_without_a_crash() -> None:
    assert _rules("1" * 20_000) == [(0, "ls_large_number", ("1" * 20_000,))]
    started = time.perf_counter()
    for text in ("a. " * 20_000, "A" * 50_000, "[" * 20_000, "**nicht " * 20_000, "a@" * 20_000):
        rule_breaks(text)
    assert time.perf_counter() - started < 10  # quadratic, these took minutes
