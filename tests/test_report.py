"""`fzgen report`: the year's figures of a site, counted by hand on small trees."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import write_tree

from fzgen.project import BUILTIN_TRANSLATIONS
from fzgen.report.markdown import markdown_report
from fzgen.report.tables import Section, SiteReport, Words
from fzgen.theme.catalogue import load_catalogues

SITE = """\
name: Familienzentrum Zählhausen
sozialraum: Zählhausen Mitte
languages: [de, en, tr]
organisation: Träger e.V.
coordinator:
  name: Erika Muster
  email: erika@fz.example.org
partners:
  - id: kita-sonne
    name: Kita Sonne
    kind: kita
    address: {street: Sonnenweg 1, postal_code: 23843, city: Zählhausen}
  - id: schule-nord
    name: Grundschule Nord
    kind: school
    address: {street: Schulweg 2, postal_code: 23843, city: Zählhausen}
  - id: beratung
    name: Beratungsstelle Mitte
    kind: counselling
    address: {street: Ratweg 3, postal_code: 23843, city: Zählhausen}
closures:
  - from: 2027-12-20
    until: 2028-01-02
    reason: Weihnachten
legal:
  publisher: Träger e.V.
  address: {street: Hauptstraße 1, postal_code: 23843, city: Zählhausen}
  represented_by: Vorstand
  email: info@traeger.example.org
"""

# Tuesdays of 2027: 4 4 5 4 4 5 4 5 4 4 5 4 (52). Less `except` 02.03. and 15.06., the
# cancelled 14.09. (counted apart) and the closure's 21.12. and 28.12.
TUESDAY = """\
title: {de: Elterncafé, tr: Ebeveyn Kafesi}
summary: Offener Treff für Eltern
categories: [meeting]
audience: [parents]
languages: [de, tr]
interpreter: ja
childcare: ja
location: kita-sonne
schedule:
  - weekly: tuesday
    time: 09:30-11:00
    except: [2027-03-02, 2027-06-15]
cancelled:
  - date: 2027-09-14
    reason: Krankheit
"""
TUESDAY_HELD = [4, 4, 4, 4, 4, 4, 4, 5, 3, 4, 5, 2]

# Mondays from 01.03. to 31.05.2027: 5 + 4 + 5, less Easter Monday (29.03.) and Whit
# Monday (17.05.), public holidays in Schleswig-Holstein.
MONDAY = """\
title: Deutschkurs
summary: Deutsch lernen
categories: [integration, learning]
audience: [parents]
languages: [de, ar]
location: schule-nord
schedule:
  - weekly: monday
    time: 15:00-16:30
    from: 2027-03-01
    until: 2027-05-31
"""
MONDAY_HELD = [0, 0, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0]

# Last Wednesdays of 2027: 27.01. 24.02. 31.03. 28.04. 26.05. 30.06. 28.07. 25.08. 29.09.
# 27.10. 24.11.; 29.12. falls into the closure.
MONTHLY = """\
title: Väterabend
summary: Ein Abend für Väter
categories: [counselling]
audience: [parents]
location: beratung
schedule:
  - monthly: last wednesday
    time: 19:00-21:00
"""
MONTHLY_HELD = [1] * 11 + [0]

SINGLE = """\
title: Sommerfest
summary: Ein Fest für alle
categories: [leisure]
audience: [families]
schedule:
  - date: 2027-07-03
    time: 14:00-18:00
"""

APPOINTMENT = """\
title: Schreibbaby-Sprechstunde
summary: Beratung bei viel Weinen
categories: [baby, counselling]
audience: [babies]
location: beratung
schedule:
  - by_appointment: ja
"""

DRAFT = """\
title: Entwurf
summary: Noch nicht fertig
categories: [leisure]
draft: ja
schedule:
  - weekly: friday
    time: 10:00-11:00
"""


def tree(tmp_path: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    files: dict[str, str | bytes] = {
        "site.yaml": SITE,
        "offers/elterncafe.yaml": TUESDAY,
        "offers/deutschkurs.yaml": MONDAY,
        "offers/vaeterabend.yaml": MONTHLY,
        "offers/sommerfest.yaml": SINGLE,
        "offers/schreibbaby.yaml": APPOINTMENT,
        "offers/entwurf.yaml": DRAFT,
        **(extra or {}),
    }
    return write_tree(tmp_path, {f"content/zaehl/{k}": v for k, v in files.items()})


def sections(data: bytes) -> dict[str, list[list[str]]]:
    """The CSV read back as a German Excel reads it: title row → the rows below it."""
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    found: dict[str, list[list[str]]] = {}
    current: list[list[str]] = []
    for before, row in zip([[], *rows], rows, strict=False):
        if not before and len(row) == 1:
            current = found.setdefault(row[0], [])
        elif row:
            current.append(row)
    return found


def report_csv(fzgen, tmp_path: Path, *args: str) -> dict[str, list[list[str]]]:
    result = fzgen(tmp_path, "report", "--year", "2027", "--output", "r.csv", *args)
    assert result.code == 0, result.err
    return sections((tmp_path / "r.csv").read_bytes())


def by_first(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in rows[1:]}


@pytest.fixture(autouse=True)
def report_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1811203200")  # 25.05.2027


def test_the_dates_of_each_offer_per_month_counted_by_hand(fzgen, tmp_path):
    table = report_csv(fzgen, tree(tmp_path))["Termine je Angebot und Monat"]
    assert table[0] == [
        "Angebot",
        "Jan",
        "Feb",
        "Mär",
        "Apr",
        "Mai",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Okt",
        "Nov",
        "Dez",
        "Termine",
        "ausgefallen",
        "davon geplant",
    ]
    rows = by_first(table)
    numbers = {title: [int(v) for v in values] for title, values in rows.items()}
    assert numbers["Elterncafé"][:12] == TUESDAY_HELD
    assert numbers["Elterncafé"][12:14] == [47, 1]
    assert numbers["Deutschkurs"][:14] == [*MONDAY_HELD, 12, 0]
    assert numbers["Väterabend"][:14] == [*MONTHLY_HELD, 11, 0]
    assert numbers["Sommerfest"][:14] == [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    # After 25.05.2027: Tuesdays from 01.06. (27), Mondays 31.05. (1), Wednesdays 26.05. on (7).
    assert [numbers[t][14] for t in ("Elterncafé", "Deutschkurs", "Väterabend")] == [27, 1, 7]
    assert "Schreibbaby-Sprechstunde" not in numbers and "Entwurf" not in numbers
    assert numbers["Summe"][12] == 47 + 12 + 11 + 1


def test_by_appointment_cancelled_dates_and_closures_stand_apart(fzgen, tmp_path):
    found = report_csv(fzgen, tree(tmp_path))
    assert by_first(found["Angebote ohne feste Termine"]) == {
        "Schreibbaby-Sprechstunde": ["nach Vereinbarung", "0"]
    }
    assert found["Ausgefallene Termine und Schließzeiten"][1:] == [
        ["14.09.2027", "14.09.2027", "Elterncafé", "Krankheit"],
        ["20.12.2027", "02.01.2028", "Schließzeit", "Weihnachten"],
    ]


def test_offers_by_category_audience_language_and_the_guideline(fzgen, tmp_path):
    found = report_csv(fzgen, tree(tmp_path))
    categories = by_first(found["Angebote nach Thema"])
    assert categories["Treffpunkt und Elterncafé"] == ["1", "47", "Elterncafé"]
    assert categories["Beratung"] == ["2", "11", "Schreibbaby-Sprechstunde, Väterabend"]
    assert by_first(found["Angebote nach Zielgruppe"])["Eltern"][:2] == ["3", "70"]
    languages = by_first(found["Angebote nach Sprache, in der sie stattfinden"])
    assert languages["Deutsch (de)"][:2] == ["2", "59"]
    assert languages["Arabisch (ar)"] == ["1", "12", "Deutschkurs"]
    assert languages["ohne Angabe"][:2] == ["3", "12"]
    special = by_first(
        found["Niedrigschwellige Angebote, Integration, Dolmetschen, Kinderbetreuung"]
    )
    assert special["niedrigschwellig (Durchführungshinweis 5)"] == [
        "2", "47", "Elterncafé, Schreibbaby-Sprechstunde"]  # fmt: skip
    assert special["Integration (Durchführungshinweis 6)"] == ["1", "12", "Deutschkurs"]
    assert special["mit Dolmetschen"][:2] == special["mit Kinderbetreuung"][:2] == ["1", "47"]


def test_the_network_partners_by_kind_with_the_offers_they_host(fzgen, tmp_path):
    network = report_csv(fzgen, tree(tmp_path))["Der Verbund – Partner und ihre Angebote"]
    assert network[1:] == [
        ["Kita Sonne", "Kita", "1", "47", "Elterncafé"],
        ["Grundschule Nord", "Schule", "1", "12", "Deutschkurs"],
        ["Beratungsstelle Mitte", "Beratungsstelle", "2", "11",
         "Schreibbaby-Sprechstunde, Väterabend"],
    ]  # fmt: skip


def test_translation_figures_agree_with_fzgen_status(fzgen, tmp_path):
    root = tree(tmp_path)
    status = json.loads(fzgen(root, "status", "--json").out)
    languages = by_first(
        report_csv(fzgen, root)["Sprachen der Website und Stand der Übersetzungen"]
    )
    for row in status:
        name = {"en": "Englisch (en)", "tr": "Türkisch (tr)"}[row["language"]]
        total, translated, missing, _, outdated, _ = languages[name]
        assert [int(total), int(translated), int(missing), int(outdated)] == [
            row["total"], row["translated"], len(row["missing"]), len(row["outdated"])]  # fmt: skip
    # Only the Turkish title of the Elterncafé is translated: English lacks its one word more.
    assert languages["Türkisch (tr)"][1] == "1" and languages["Englisch (en)"][1] == "0"
    assert int(languages["Englisch (en)"][3]) == int(languages["Türkisch (tr)"][3]) + 1


def test_the_csv_is_for_a_german_excel(fzgen, tmp_path):
    hostile = TUESDAY.replace("Elterncafé", '=HYPERLINK("http://x")', 1)
    root = tree(tmp_path, {"offers/elterncafe.yaml": hostile})
    assert fzgen(root, "report", "--year", "2027", "--output", "r.csv").code == 0
    data = (root / "r.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfFamilienzentrum Z\xc3\xa4hlhausen")
    assert b"\r\n" in data and b";" in data.split(b"\r\n")[0]
    assert "Stand: 25.05.2027" in data.decode("utf-8-sig")
    titles = [row[0] for row in sections(data)["Termine je Angebot und Monat"]]
    assert '\'=HYPERLINK("http://x")' in titles


def test_the_html_prints_on_a4_with_a_chart_per_section_and_nothing_from_outside(fzgen, tmp_path):
    hostile = TUESDAY.replace("Elterncafé", "<script>alert(1)</script> & <b>", 1)
    root = tree(tmp_path, {"offers/elterncafe.yaml": hostile})
    result = fzgen(root, "report", "--year", "2027", "--output", "bericht.html")
    assert result.code == 0, result.err
    page = (root / "bericht.html").read_text(encoding="utf-8")
    assert "@page { size: A4" in page
    assert "<h1>Familienzentrum Zählhausen – Jahresbericht 2027</h1>" in page
    assert "Stand: 25. Mai 2027" in page
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert re.findall(r"(?:src|href)=", page) == []
    assert set(re.findall(r"https?://[^\s\"']+", page)) == {"http://www.w3.org/2000/svg"}
    assert page.count("<section") == 9
    assert page.count("<svg") >= 7
    # The chart of the dates: twelve bars, the longest for August (Elterncafé 5 + 1).
    dates = page.split('<section id="dates">')[1].split("</svg>")[0]
    assert dates.count("<rect") == 12


def test_markdown_tables_show_texts_as_written(fzgen, tmp_path):
    hostile = TUESDAY.replace("Elterncafé", "'Café | *Treff* [a](b) <i>'", 1)
    result = fzgen(tree(tmp_path, {"offers/elterncafe.yaml": hostile}), "report", "--year", "2027")
    assert result.code == 0, result.err
    assert "| Café \\| \\*Treff\\* \\[a\\](b) \\<i\\> | 4 | 4 |" in result.out
    assert result.out.startswith("# Familienzentrum Zählhausen – Jahresbericht 2027\n")
    assert "|---|---:|---:|" in result.out


def test_english_with_lang_en(fzgen, tmp_path):
    result = fzgen(tree(tmp_path), "report", "--year", "2027", "--lang", "en")
    assert result.code == 0, result.err
    assert "## Dates per offer and month" in result.out
    assert "| Meeting point and parents' café | 1 | 47 | Elterncafé |" in result.out


ATTENDANCE_COMMA = """\
date,offer,participants
2027-01-05,elterncafe,12
2027-01-12,elterncafe,9
2027-03-01,deutschkurs,7
2027-06-01,schreibbaby,1
"""
ATTENDANCE_SEMICOLON = (
    "\ufeffDate;Offer;Participants\r\n05.01.2027;elterncafe;12\r\n12.01.2027;elterncafe;9\r\n"
    '01.03.2027;"deutschkurs";7\r\n;;\r\n1.6.2027;schreibbaby;1\r\n'
)


@pytest.mark.parametrize("text", [ATTENDANCE_COMMA, ATTENDANCE_SEMICOLON])
def test_attendance_summed_per_offer_and_month(fzgen, tmp_path, text):
    root = tree(tmp_path, {"attendance/2027.csv": text})
    rows = by_first(report_csv(fzgen, root)["Teilnahme je Angebot und Monat"])
    assert rows["Elterncafé"] == ["21", *["0"] * 11, "21", "2"]
    assert rows["Deutschkurs"] == ["0", "0", "7", *["0"] * 9, "7", "1"]
    assert rows["Schreibbaby-Sprechstunde"][5] == "1"
    assert rows["Summe"][12:] == ["29", "4"]


def test_no_attendance_list_no_attendance_section(fzgen, tmp_path):
    assert "Teilnahme je Angebot und Monat" not in report_csv(fzgen, tree(tmp_path))


BAD_ROWS = """\
date;offer;participants
05.01.2027;elterncaffe;12
14.09.2027;elterncafe;8
12.01.2027;elterncafe;zwölf
19.01.2027;elterncafe;-3
30.02.2027;elterncafe;3
05.01.2026;elterncafe;3
29.03.2027;deutschkurs;4
26.01.2027;elterncafe
"""


def test_bad_attendance_rows_name_file_line_and_column(fzgen, tmp_path):
    root = tree(tmp_path, {"attendance/2027.csv": BAD_ROWS})
    result = fzgen(root, "report", "--year", "2027", "--output", "r.csv")
    assert result.code == 1
    assert not (root / "r.csv").exists()
    where = "Fehler: zaehl/attendance/2027.csv, Zeile"
    expected = [
        f"{where} 2, Spalte 12, Feld „offer“\n  Ein Angebot „elterncaffe“ gibt es",
        f"{where} 3, Spalte 1, Feld „date“\n  Am 14.09.2027 fand „elterncafe“",
        f"{where} 4, Spalte 23, Feld „participants“\n  „zwölf“ ist keine Anzahl.",
        f"{where} 5, Spalte 23, Feld „participants“\n  „-3“ ist negativ",
        f"{where} 6, Spalte 1, Feld „date“\n  „30.02.2027“ ist kein Datum.",
        f"{where} 7, Spalte 1, Feld „date“\n  Der 05.01.2026 liegt nicht im Jahr 2027",
        f"{where} 8, Spalte 1, Feld „date“\n  Am 29.03.2027 fand „deutschkurs“",
        f"{where} 9, Spalte 22\n  Die Zeile hat 2 Spalten",
    ]
    for text in expected:
        assert text in result.err
    assert "Vorhanden: deutschkurs, elterncafe, schreibbaby, sommerfest, vaeterabend." in result.err


def test_an_attendance_list_without_its_header(fzgen, tmp_path):
    root = tree(
        tmp_path, {"attendance/2027.csv": "Datum;Angebot;Anzahl\n05.01.2027;elterncafe;3\n"}
    )
    result = fzgen(root, "report", "--year", "2027")
    assert result.code == 1
    assert "zaehl/attendance/2027.csv, Zeile 1, Spalte 1" in result.err
    assert (
        "„Datum;Angebot;Anzahl“; erwartet ist die Kopfzeile „date,offer,participants“" in result.err
    )


def test_the_build_publishes_no_attendance(fzgen, tmp_path):
    root = tree(
        tmp_path, {"attendance/2027.csv": "date,offer,participants\n2027-01-05,elterncafe,98765\n"}
    )
    assert fzgen(root, "build").code == 0
    written = [p for p in (root / "output").rglob("*") if p.is_file()]
    assert written and not [
        p for p in written if "attendance" in p.as_posix() or p.suffix == ".csv"
    ]
    assert not [p for p in written if b"98765" in p.read_bytes()]


def test_the_report_writes_nothing_unless_asked(fzgen, tmp_path):
    root = tree(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert fzgen(root, "report").code == 0
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    result = fzgen(root, "report", "--output", "content/zaehl/files/bericht.html")
    assert result.code == 2
    assert "liegt im Inhaltsordner" in result.err
    assert not (root / "content/zaehl/files/bericht.html").exists()


def test_every_site_without_site_and_the_year_of_the_day(fzgen, tmp_path):
    root = tree(tmp_path)
    write_tree(root, {"content/zweite/site.yaml": SITE.replace("Zählhausen", "Zweitdorf"),
                      "content/zweite/offers/fest.yaml": SINGLE})  # fmt: skip
    result = fzgen(root, "report", "--format", "md")
    assert result.code == 0, result.err
    assert "# Familienzentrum Zweitdorf – Jahresbericht 2027" in result.out
    assert "# Familienzentrum Zählhausen – Jahresbericht 2027" in result.out
    only = fzgen(root, "report", "--site", "zweite")
    assert "Zählhausen – Jahresbericht" not in only.out


def test_a_wrong_year_is_a_wrong_call(fzgen, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        fzgen(tree(tmp_path), "report", "--year", "27")
    assert stop.value.code == 2
    assert "„27“ ist kein Jahr von 2000 bis 2100" in capsys.readouterr().err


def test_hidden_characters_are_shown_not_sent_to_the_terminal():
    """Content checks refuse control characters; the report escapes them all the same."""
    catalogue = load_catalogues(BUILTIN_TRANSLATIONS, ["de"])["de"]
    section = Section("dates", "Termine", ("Angebot", "Jan"), (("A\x1b[2J\u202eB", 3),))
    report = SiteReport("x", "Zentrum\x07", 2027, dt.date(2027, 1, 1), (section,))
    text = markdown_report([report], Words("de", catalogue))
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "| A\\\\x1b\\[2J\\\\u202eB | 3 |" in text


def test_excel_rows_with_trailing_empty_cells_are_read(fzgen, tmp_path):
    text = "date;offer;participants;;\r\n05.01.2027;elterncafe;12;;\r\n;;;;\r\n"
    rows = by_first(report_csv(fzgen, tree(tmp_path, {"attendance/2027.csv": text}))[
        "Teilnahme je Angebot und Monat"])  # fmt: skip
    assert rows["Elterncafé"][0] == "12"


def test_an_attendance_list_linked_from_outside_is_not_read(fzgen, tmp_path):
    secret = write_tree(tmp_path, {"secret.csv": "date,offer,participants\n2027-01-05,x,1\n"})
    root = tree(tmp_path)
    (root / "content/zaehl/attendance").mkdir()
    (root / "content/zaehl/attendance/2027.csv").symlink_to(secret / "secret.csv")
    result = fzgen(root, "report", "--year", "2027")
    assert result.code == 1
    assert "zaehl/attendance/2027.csv" in result.err
    assert "Verknüpfung" in result.err or "außerhalb" in result.err
