"""What coordinators type and YAML reads differently (issue 18, items 1 and 5): text
lost to a `#` or to quotes from Word or a phone is noted with the line to write
instead; syntax errors name the line where the mistake is, in German, with the fix;
every count in a sentence of the command line takes the right plural form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import OFFER_YAML, PAGE_MD, site_tree, write_tree

from fzgen.content.yamlfile import parse_yaml
from fzgen.messages import LANGUAGES, cli_text, shown, wording

ROOT = Path(__file__).resolve().parent.parent
OFFER = "test/offers/elterncafe.yaml"


def check(tmp_path: Path, fzgen, offer: str, *args: str):  # type: ignore[no-untyped-def]
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    return fzgen(tmp_path, "check", *args)


def block(report: str, head: str) -> list[str]:
    """The lines of the finding whose first line is `head` (up to the next finding)."""
    lines = report.splitlines()
    assert head in lines, f"{head!r} not in:\n{report}"
    start = lines.index(head)
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
    )
    return lines[start:end]


def file_notes(out: str) -> list[str]:
    """The notes about a file (not the translation notes of the site)."""
    return [line for line in out.splitlines() if line.startswith("Hinweis: test/")]


# --- item 1: text YAML cuts off ------------------------------------------------


def test_word_quotes_around_a_hash_are_noted_with_the_line_to_write(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML + "room: “Raum #4”\n")
    assert result.code == 0, result.err
    assert block(result.out, f"Hinweis: {OFFER}, Zeile 10, Spalte 13, Feld „room“") == [
        f"Hinweis: {OFFER}, Zeile 10, Spalte 13, Feld „room“",
        "  Gelesen wird nur „“Raum“: typografische Anführungszeichen (“ ” „ « ») zählen in YAML"
        " nicht als Anführungszeichen, und ab „ #“ ist der Rest der Zeile ein Kommentar, „#4”“"
        " fehlt also auf der Website.",
        '  Schreiben Sie gerade Anführungszeichen (", auf der Tastatur Umschalt+2):',
        '      room: "Raum #4"',
    ]


def test_the_line_shown_puts_the_whole_text_on_the_page(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": OFFER_YAML + 'room: "Raum #4"\n'}))
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    assert file_notes(result.out) == []
    page = (tmp_path / "output/test/de/angebote/elterncafe/index.html").read_text("utf-8")
    assert "Raum #4" in page


def test_a_hash_after_text_is_noted(tmp_path, fzgen):
    offer = OFFER_YAML.replace("summary: Offener Treff für Eltern", "summary: Treff #4 für Eltern")
    result = check(tmp_path, fzgen, offer)
    assert result.code == 0, result.err
    assert block(result.out, f"Hinweis: {OFFER}, Zeile 4, Spalte 16, Feld „summary“") == [
        f"Hinweis: {OFFER}, Zeile 4, Spalte 16, Feld „summary“",
        "  Gelesen wird nur „Treff“: ab „ #“ ist der Rest der Zeile für YAML ein Kommentar,"
        " „#4 für Eltern“ fehlt also auf der Website.",
        "  Ist „#4 für Eltern“ eine Notiz für Sie, schreiben Sie sie in eine eigene Zeile darüber."
        " Gehört es zum Text, setzen Sie den ganzen Text in gerade Anführungszeichen:",
        '      summary: "Treff #4 für Eltern"',
    ]


@pytest.mark.parametrize(
    ("typed", "line", "field", "fixed"),
    [
        ("  de: Elterncafé #2\n", 2, "title → de", 'de: "Elterncafé #2"'),
        ("room: raum #4\n", 10, "room", 'room: "raum #4"'),
        ("room: #4\n", 10, "room", 'room: "#4"'),
        ("room: Raum 4 #Neubau\r\n", 10, "room", 'room: "Raum 4 #Neubau"'),
        ("room: !Neubau Raum 4\n", 10, "room", 'room: "!Neubau Raum 4"'),
    ],
)
def test_each_way_of_losing_text_is_noted(tmp_path, fzgen, typed, line, field, fixed):
    offer = OFFER_YAML + typed if line == 10 else OFFER_YAML.replace("  de: Elterncafé\n", typed)
    result = check(tmp_path, fzgen, offer)
    assert result.code == 0, result.err
    notes = file_notes(result.out)
    assert len(notes) == 1 and notes[0].startswith(f"Hinweis: {OFFER}, Zeile {line}, Spalte ")
    assert notes[0].endswith(f"Feld „{field}“")
    assert f"      {fixed}" in result.out.splitlines()


def test_phone_quotes_around_a_whole_value_are_noted(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML + "cost: „3 € pro Termin“\n")
    assert result.code == 0, result.err
    assert block(result.out, f"Hinweis: {OFFER}, Zeile 10, Spalte 7, Feld „cost“") == [
        f"Hinweis: {OFFER}, Zeile 10, Spalte 7, Feld „cost“",
        "  Die Website zeigt „„3 € pro Termin““ mit den Anführungszeichen: typografische"
        " Anführungszeichen zählen in YAML nicht als Anführungszeichen um einen Text.",
        "  Sollen sie auf der Website stehen, schreiben Sie cost: '„3 € pro Termin“'. Sonst"
        ' schreiben Sie gerade Anführungszeichen (", auf der Tastatur Umschalt+2):',
        '      cost: "3 € pro Termin"',
    ]


@pytest.mark.parametrize(
    "typed",
    [
        "# Eine Notiz in einer eigenen Zeile\n",
        "cost: '„3 € pro Termin“'\n",
        'room: "Raum #4"  # im Neubau\n',
        "room: Raum 4\n",
        "title:\n  de: „Handy, Tablet & Co.“ – Elternabend\n",
        "room: Raum 4, Plan unter https://example.org/haus#oben\n",
    ],
)
def test_quoted_values_and_real_comments_are_not_noted(tmp_path, fzgen, typed):
    if typed.startswith("title:"):
        offer = typed + OFFER_YAML.split("  tr: Ebeveyn Kafesi\n")[1]
    else:
        offer = OFFER_YAML + typed
    result = check(tmp_path, fzgen, offer)
    assert result.code == 0, result.err
    assert file_notes(result.out) == []


def test_comments_after_complete_values_are_not_noted(tmp_path, fzgen):
    offer = """\
title:
  de: Elterncafé  # so heißt es seit 2024
summary: Offener Treff für Eltern
categories:
  - meeting  # Treffpunkt
schedule:
  - monthly: letzter Mittwoch  # im Monat
    time: 10-12
  - weekly: tuesday # jede Woche
    time: 09:30-11:00  # vormittags
    except: [2026-12-15]  # Weihnachtsfeier
  - date: 2026-05-01 # Feiertag
    time: 10-12
location: kita-sonne   # die Kita
contact:
  name: Erika Muster  # Leitung
  email: erika@example.org # dienstlich
  phone: +49 4531 000000 # Zentrale
"""
    result = check(tmp_path, fzgen, offer)
    assert result.code == 0, result.err
    assert file_notes(result.out) == []


def test_a_comment_after_a_sentence_is_noted(tmp_path, fzgen):
    offer = OFFER_YAML.replace("für Eltern", "für Eltern  # mit Kindern bis 3")
    result = check(tmp_path, fzgen, offer)
    assert result.code == 0, result.err
    assert file_notes(result.out) == [f"Hinweis: {OFFER}, Zeile 4, Spalte 36, Feld „summary“"]
    assert '      summary: "Offener Treff für Eltern  # mit Kindern bis 3"' in result.out


def test_a_page_title_with_a_hash_is_noted_at_its_line_in_the_markdown_file(tmp_path, fzgen):
    page = PAGE_MD.replace("title: Über uns", "title: Kurs #2 für Eltern")
    write_tree(tmp_path, site_tree({"pages/ueber-uns.md": page}))
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert file_notes(result.out) == [
        "Hinweis: test/pages/ueber-uns.md, Zeile 2, Spalte 13, Feld „title“"
    ]
    assert '      title: "Kurs #2 für Eltern"' in result.out.splitlines()


def test_a_value_used_through_many_aliases_is_noted_once():
    text = "a: &r Raum #4\n" + "".join(f"b{i}: *r\n" for i in range(1000))
    document, problems = parse_yaml(text, "x.yaml")
    assert document is not None and document.data["b999"] == "Raum"
    assert [(p.code, p.line, p.column, p.severity) for p in problems] == [
        ("yaml_comment_cut", 1, 12, "warning")
    ]


def test_sample_content_and_the_new_site_template_have_no_lost_text():
    files = [
        *(ROOT / "content").rglob("*.yaml"),
        *(ROOT / "fzgen/templates/new").rglob("*.yaml"),
        *(ROOT / "translations").glob("*.yaml"),
    ]
    assert len(files) > 20
    notes = [
        (path.name, p.line, p.code)
        for path in files
        for p in parse_yaml(path.read_text(encoding="utf-8-sig"), path.name)[1]
    ]
    assert notes == []


# --- item 1: typographic quotes that break the file ----------------------------


def test_typographic_quotes_around_a_colon_say_they_do_not_count(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML + "room: „Raum: Foyer“\n")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"Fehler: {OFFER}, Zeile 10, Spalte 7",
        "  „„Raum: Foyer““ steht in typografischen Anführungszeichen; die zählen in YAML nicht als"
        " Anführungszeichen, darum liest YAML den Doppelpunkt im Text als Beginn eines weiteren"
        " Feldes.",
        '  Lösung: Schreiben Sie gerade Anführungszeichen (", auf der Tastatur Umschalt+2):',
        '      room: "Raum: Foyer"',
        "1 Fehler in 1 Datei. Bitte korrigieren Sie die genannten Stellen und starten Sie erneut.",
    ]


def test_typographic_quotes_in_english(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML + "room: „Raum: Foyer“\n", "--lang", "en")
    assert result.code == 1
    assert result.err.splitlines()[1:4] == [
        "  “„Raum: Foyer“” stands in typographic quotes; YAML does not count them as quotes, so"
        " it reads the colon in the text as the start of another field.",
        '  Fix: Write straight quotes ("):',
        '      room: "Raum: Foyer"',
    ]


# --- item 5: syntax errors on the line of the mistake --------------------------


def test_a_missing_colon_is_reported_on_its_own_line_in_german(tmp_path, fzgen):
    offer = OFFER_YAML.replace("summary: Offener", "summary Offener")
    result = check(tmp_path, fzgen, offer)
    assert result.code == 1
    assert result.err.splitlines()[:4] == [
        f"Fehler: {OFFER}, Zeile 4, Spalte 8",
        "  In der Zeile „summary Offener Treff für Eltern“ fehlt nach dem Feldnamen „summary“"
        " der Doppelpunkt.",
        "  Lösung: Schreiben Sie direkt hinter den Feldnamen einen Doppelpunkt und dann ein"
        " Leerzeichen:",
        "      summary: Offener Treff für Eltern",
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "fixed"),
    [
        ("    time: 09:30", "    time 09:30", 8, "time: 09:30-11:00"),
        ("  - weekly: tuesday", "  - weekly tuesday", 7, "weekly: tuesday"),
        ("  de: Elterncafé", "  de Elterncafé", 2, "de: Elterncafé"),
        ("title:\n", "title\n", 1, "title:"),
        ("location: kita-sonne", "location kita-sonne", 9, "location: kita-sonne"),
    ],
)
def test_a_missing_colon_anywhere_names_its_line(tmp_path, fzgen, old, new, line, fixed):
    result = check(tmp_path, fzgen, OFFER_YAML.replace(old, new, 1))
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(f"Fehler: {OFFER}, Zeile {line}, Spalte "), result.err
    assert "der Doppelpunkt." in lines[1]
    assert lines[3] == f"      {fixed}"


@pytest.mark.parametrize(
    ("old", "new", "head", "problem", "fixed"),
    [
        (
            "summary: Offener",
            "summary:Offener",
            "Zeile 4, Spalte 9",
            "  In der Zeile „summary:Offener Treff für Eltern“ fehlt nach „summary:“ das"
            " Leerzeichen; ohne es ist die Zeile kein Feld.",
            "summary: Offener Treff für Eltern",
        ),
        (
            "summary: Offener Treff für Eltern",
            "summary: Treffpunkt: für Eltern",
            "Zeile 4, Spalte 20",
            "  Im Text „Treffpunkt: für Eltern“ steht ein Doppelpunkt mit Leerzeichen; YAML liest"
            " ihn als Beginn eines weiteren Feldes.",
            'summary: "Treffpunkt: für Eltern"',
        ),
        (
            "categories: [meeting]",
            "categories:\n  - meeting\n  baby",
            "Zeile 7, Spalte 3",
            "  Die Zeile „baby“ steht in einer Liste, ihr fehlt aber der Bindestrich am Anfang.",
            "- baby",
        ),
        (
            "summary: Offener Treff für Eltern",
            'summary: "Offener Treff für Eltern',
            "Zeile 4, Spalte 10",
            '  Das Anführungszeichen (") am Anfang von „summary: "Offener Treff für Eltern“ wird'
            " nicht geschlossen; YAML liest darum den ganzen Rest der Datei als Text.",
            'summary: "Offener Treff für Eltern"',
        ),
        (
            "summary: Offener Treff für Eltern",
            "summary: @Eltern-Treff",
            "Zeile 4, Spalte 10",
            "  Ein Text darf in YAML nicht mit „@“ beginnen („@Eltern-Treff“).",
            'summary: "@Eltern-Treff"',
        ),
        (
            "summary: Offener Treff für Eltern",
            'summary: "Offener" Treff',
            "Zeile 4, Spalte 20",
            '  In „"Offener" Treff“ endet der Wert mit dem zweiten Anführungszeichen ("); der Text'
            " danach gehört nicht mehr dazu.",
            "summary: '\"Offener\" Treff'",
        ),
        (
            "summary: Offener Treff für Eltern",
            "summary: 'Kinder's Café'",
            "Zeile 4, Spalte 18",
            "  In „'Kinder's Café'“ endet der Wert mit dem zweiten Anführungszeichen ('); der Text"
            " danach gehört nicht mehr dazu.",
            'summary: "Kinder\'s Café"',
        ),
        (
            "summary: Offener Treff für Eltern",
            'summary: "Offener Treff”',
            "Zeile 4, Spalte 10",
            '  Das Anführungszeichen (") am Anfang von „summary: "Offener Treff”“ wird nicht'
            " geschlossen; YAML liest darum den ganzen Rest der Datei als Text.",
            'summary: "Offener Treff"',
        ),
        (
            "summary: Offener",
            "Summary Offener",
            "Zeile 4, Spalte 8",
            "  In der Zeile „Summary Offener Treff für Eltern“ fehlt nach dem Feldnamen „summary“"
            " der Doppelpunkt.",
            "summary: Offener Treff für Eltern",
        ),
        (
            "  - weekly: tuesday",
            "  -weekly: tuesday",
            "Zeile 7, Spalte 4",
            "  In „-weekly: tuesday“ fehlt nach dem Bindestrich das Leerzeichen; ohne es ist die Zeile"
            " kein Eintrag der Liste.",
            "- weekly: tuesday",
        ),
    ],
)
def test_syntax_errors_say_what_was_typed_and_what_to_write(
    tmp_path, fzgen, old, new, head, problem, fixed
):
    result = check(tmp_path, fzgen, OFFER_YAML.replace(old, new))
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0] == f"Fehler: {OFFER}, {head}"
    assert lines[1] == problem
    assert lines[3] == f"      {fixed}"
    assert "YAML (" not in result.err  # no words of the parser


def test_a_field_out_of_line_names_the_columns_it_could_start_in(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML.replace("  tr: Ebeveyn", " tr: Ebeveyn"))
    assert result.code == 1
    assert result.err.splitlines()[:3] == [
        f"Fehler: {OFFER}, Zeile 3, Spalte 2",
        "  Die Zeile „tr: Ebeveyn Kafesi“ beginnt in einer anderen Spalte als die Felder darüber;"
        " Felder derselben Gruppe stehen genau untereinander.",
        "  Lösung: Rücken Sie „tr:“ so weit ein wie das Feld, zu dem es gehört, wie „de:“ mit 2"
        " Leerzeichen oder ganz links wie „title:“.",
    ]


def test_a_value_invalid_only_through_word_quotes_says_so(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML.replace("time: 09:30-11:00", "time: “09:30-11:00”"))
    assert result.code == 1
    assert result.err.splitlines()[:4] == [
        f"Fehler: {OFFER}, Zeile 8, Spalte 11, Feld „schedule → 1. Eintrag → time“",
        "  „“09:30-11:00”“ ist so kein gültiger Wert: typografische Anführungszeichen zählen in"
        " YAML nicht als Anführungszeichen, sie gehören hier zum Wert.",
        '  Lösung: Schreiben Sie gerade Anführungszeichen (", auf der Tastatur Umschalt+2) oder'
        " keine:",
        '      time: "09:30-11:00"',
    ]


# --- item 5: fixes that point at the right thing -------------------------------


def test_a_schedule_written_as_a_sentence_gets_a_schedule_as_example(tmp_path, fzgen):
    offer = OFFER_YAML.replace(
        "schedule:\n  - weekly: tuesday\n    time: 09:30-11:00\n",
        "schedule: jeden Dienstag 9:30-11:00\n",
    )
    result = check(tmp_path, fzgen, offer)
    assert result.code == 1
    assert result.err.splitlines()[:7] == [
        f"Fehler: {OFFER}, Zeile 6, Spalte 11, Feld „schedule“",
        "  Die Termine werden als eingerückte Felder erwartet, gefunden: einzelner Wert.",
        "  Lösung: Schreiben Sie je Termin einen Eintrag mit „- “ und die Uhrzeit darunter, z. B."
        " für jeden Dienstag von 9:30 bis 11 Uhr:",
        "      schedule:",
        "        - weekly: tuesday",
        "          time: 09:30-11:00",
        "1 Fehler in 1 Datei. Bitte korrigieren Sie die genannten Stellen und starten Sie erneut.",
    ]


def test_a_schedule_entry_written_as_text_gets_the_same_example(tmp_path, fzgen):
    offer = OFFER_YAML.replace(
        "  - weekly: tuesday\n    time: 09:30-11:00\n", "  - dienstags 9:30 bis 11 Uhr\n"
    )
    result = check(tmp_path, fzgen, offer)
    assert result.code == 1
    assert f"Fehler: {OFFER}, Zeile 7, Spalte 5, Feld „schedule → 1. Eintrag“" in result.err
    assert "        - weekly: tuesday" in result.err.splitlines()


def test_the_time_hint_shows_an_example_not_letters(tmp_path, fzgen):
    result = check(tmp_path, fzgen, OFFER_YAML.replace("09:30-11:00", "halb zehn"))
    assert result.code == 1
    assert (
        "  Lösung: Schreiben Sie Beginn und Ende mit Bindestrich dazwischen, z. B. 09:30-11:00"
        " oder 9-11." in result.err.splitlines()
    )
    assert "SS:MM" not in result.err


def test_the_date_hint_names_both_ways_to_write_a_date(tmp_path, fzgen):
    offer = OFFER_YAML.replace("  - weekly: tuesday", "  - date: 31.3.26")
    result = check(tmp_path, fzgen, offer)
    assert result.code == 1
    assert (
        "  Lösung: Schreiben Sie das Datum als TT.MM.JJJJ oder JJJJ-MM-TT, z. B. 31.03.2026 oder"
        " 2026-03-31." in result.err.splitlines()
    )


# --- item 5: counts in the right plural form ------------------------------------


def test_one_of_each_is_said_in_the_singular(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    german = fzgen(tmp_path, "check")
    assert german.out.splitlines()[-1] == (
        "Alles in Ordnung: 1 Website, 1 Angebot, 1 Seite geprüft, 1 Hinweis."
    )
    english = fzgen(tmp_path, "check", "--lang", "en")
    assert english.out.splitlines()[-1] == "All good: 1 site, 1 offer, 1 page checked, 1 note."
    built = fzgen(tmp_path, "build")
    assert re.fullmatch(
        r"Fertig: \d+ Dateien für 1 Website nach „output“ geschrieben, 1 Hinweis\.",
        built.out.splitlines()[-1],
    )


def test_errors_are_counted_in_the_right_form(tmp_path, fzgen):
    one = check(tmp_path, fzgen, OFFER_YAML.replace("tuesday", "someday"))
    assert one.err.splitlines()[-1] == (
        "1 Fehler in 1 Datei. Bitte korrigieren Sie die genannten Stellen und starten Sie erneut."
    )
    two = check(
        tmp_path, fzgen, OFFER_YAML.replace("tuesday", "someday").replace("[meeting]", "[x]")
    )
    assert two.err.splitlines()[-1].startswith("2 Fehler in 1 Datei. ")
    english = check(tmp_path, fzgen, OFFER_YAML.replace("tuesday", "someday"), "--lang", "en")
    assert english.err.splitlines()[-1] == (
        "1 error in 1 file. Please correct the places named above and run again."
    )


@pytest.mark.parametrize(
    ("key", "params", "german", "english"),
    [
        ("po_imported", {"count": 1}, "1 Übersetzung nach tr ", "1 translation into tr "),
        ("po_imported", {"count": 2}, "2 Übersetzungen nach tr ", "2 translations into tr "),
        ("po_skipped", {"count": 1}, "1 Eintrag nicht übernommen", "1 entry not taken"),
        ("confirmed", {"count": 1}, "1 vorhandene Übersetzung von", "1 existing translation of"),
        ("schema_written", {"count": 1}, "1 Schema nach", "1 schema written"),
        ("preview_built", {"files": 1}, "Vorschau aktualisiert (1 Datei).", "(1 file)."),
        ("preview_errors", {"errors": 1}, "1 Fehler in den Inhalten", "1 error in the content"),
        ("po_refused", {"errors": 1}, "hätten die Inhalte 1 Fehler (oben", "have 1 error (above"),
        ("new_done", {"files": 1}, "(1 Datei in „x“)", "(1 file in “x”)"),
        ("notes", {"count": 0}, ", 0 Hinweise", ", 0 notes"),
    ],
)
def test_every_count_of_the_command_line_takes_its_plural_form(key, params, german, english):
    texts = {"language": "tr", "site": "x", "folder": "x", "slug": "x", "file": "x"}
    assert german in cli_text(key, "de", **texts, **params)
    assert english in cli_text(key, "en", **texts, **params)


def test_a_cut_echo_counts_its_characters_in_the_right_form():
    assert shown("x" * 121, "en").endswith("x… (1 character cut)")
    assert shown("x" * 122, "en").endswith("x… (2 characters cut)")
    assert shown("x" * 1120, "de").endswith("x… (1.000 Zeichen gekürzt)")


def test_no_sentence_of_the_command_line_counts_with_brackets():
    for language in LANGUAGES:
        bracketed = [
            text for text in wording(language).cli.values() if re.search(r"\w\(\w+\)", text)
        ]
        assert bracketed == []


def test_every_noun_has_its_forms_in_every_language():
    german = wording("de").plurals
    for language in LANGUAGES:
        plurals = wording(language).plurals
        assert set(plurals) == set(german)
        for forms in plurals.values():
            assert {"one", "other"} <= set(forms)
            assert all("{count}" in text for text in forms.values())
