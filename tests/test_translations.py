"""Translation status and the translator round trip through a PO file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import PAGE_MD, SITE_YAML, write_tree

from fzgen.content.loader import load_content
from fzgen.theme.catalogue import catalogue_languages

ROOT = Path(__file__).resolve().parent.parent
OFFER = """\
# Elterncafé – gepflegt von Erika
title:
  de: Elterncafé   # der Name bleibt kurz
  tr: Ebeveyn Kafesi
summary: Offener Treff für Eltern
description: |
  Bei Kaffee und Tee lernen Sie andere Eltern kennen.

  - Spielecke für die Kinder
categories: [meeting]
schedule:
  - weekly: tuesday
    time: 09:30-11:00   # unquoted, as typed
location: kita-sonne
"""


def tree(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        {
            "content/test/site.yaml": SITE_YAML,
            "content/test/offers/elterncafe.yaml": OFFER,
            "content/test/pages/ueber-uns.md": PAGE_MD,
        },
    )
    return tmp_path


def texts(folder: Path) -> dict[tuple[str, str], dict[str, str]]:
    """Every Text of the content as {(file, field): {language: text}}."""
    from fzgen.content.coverage import site_units

    content = load_content(folder / "content", catalogue_languages(ROOT / "translations"))
    units = site_units(content.sites[0])
    return {
        (u.file, ".".join(map(str, u.field))): {
            k: v.strip() for k, v in {"_": u.source, **u.translations}.items()
        }
        for u in units
    }


def test_status_table_and_json(tmp_path, fzgen):
    tree(tmp_path)
    result = fzgen(tmp_path, "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["Website", "Sprache", "übersetzt", "fehlt", "veraltet"]
    assert lines[2].split() == ["test", "tr", "1/11", "10", "0"]
    data = json.loads(fzgen(tmp_path, "status", "--json").out)
    turkish = next(row for row in data if row["language"] == "tr")
    assert "offers/elterncafe.yaml#summary" in turkish["missing"]
    assert "offers/elterncafe.yaml#title" not in turkish["missing"]


def test_changed_source_marks_translation_outdated(tmp_path, fzgen):
    tree(tmp_path)
    assert fzgen(tmp_path, "translations", "confirm", "--site", "test").code == 0
    offer = tmp_path / "content/test/offers/elterncafe.yaml"
    offer.write_text(OFFER.replace("de: Elterncafé", "de: Familiencafé"), encoding="utf-8")
    data = json.loads(fzgen(tmp_path, "status", "--json").out)
    turkish = next(row for row in data if row["language"] == "tr")
    assert turkish["outdated"] == ["offers/elterncafe.yaml#title"]
    assert (
        "veraltet  test tr: offers/elterncafe.yaml#title"
        in fzgen(tmp_path, "status", "--details").out
    )
    po = tmp_path / "test.tr.po"
    fzgen(tmp_path, "translations", "export", "--site", "test", "--lang", "tr", "--output", str(po))
    entry = next(m for m in read_po(po.open("rb")) if m.context == "offers/elterncafe.yaml#title")
    assert entry.fuzzy and entry.string == "Ebeveyn Kafesi"


def test_export_lists_every_text_with_its_place(tmp_path, fzgen):
    tree(tmp_path)
    result = fzgen(tmp_path, "translations", "export", "--site", "test", "--lang", "tr")
    assert result.code == 0, result.err
    catalog = read_po((tmp_path / "test.tr.po").open("rb"))
    entries = {m.context: m for m in catalog if m.id}
    assert len(entries) == 11
    title = entries["offers/elterncafe.yaml#title"]
    assert (title.id, title.string) == ("Elterncafé", "Ebeveyn Kafesi")
    assert title.locations == [("test/offers/elterncafe.yaml", 3)]
    assert entries["pages/ueber-uns.md#body"].id.startswith("Wir sind **für Familien** da.")


def test_round_trip_changes_exactly_the_new_translations(tmp_path, fzgen):
    tree(tmp_path)
    before = texts(tmp_path)
    offer_file = tmp_path / "content/test/offers/elterncafe.yaml"
    old_offer = offer_file.read_text(encoding="utf-8")
    fzgen(tmp_path, "translations", "export", "--site", "test", "--lang", "tr")
    po = tmp_path / "test.tr.po"
    catalog = read_po(po.open("rb"))
    filled = {}
    for message in catalog:
        if message.id and not message.string:
            message.string = f"TR {message.id}"
            filled[message.context] = message.string
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)

    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    assert "10 Übersetzungen nach tr" in result.out
    assert fzgen(tmp_path, "check").code == 0

    after = texts(tmp_path)
    for (file, field), versions in before.items():
        key = f"{file}#{field or 'body'}"
        expected = dict(versions)
        if key in filled:
            expected["tr"] = filled[key].strip()
        assert after[(file, field)] == expected, key
    new_offer = offer_file.read_text(encoding="utf-8")
    for line in old_offer.splitlines():  # comments, key order and formatting stay
        if (
            line.lstrip().startswith("#")
            or "# " in line
            or line.startswith(("categories", "schedule", "  - weekly"))
        ):
            assert line in new_offer.splitlines(), line
    assert (
        (tmp_path / "content/test/pages/ueber-uns.tr.md")
        .read_text(encoding="utf-8")
        .startswith("---\ntitle: TR Über uns\nmenu: 10\n---\nTR Wir sind")
    )
    status = json.loads(fzgen(tmp_path, "status", "--json").out)
    turkish = next(row for row in status if row["language"] == "tr")
    assert turkish["missing"] == [] and turkish["outdated"] == []


def test_import_refuses_a_language_the_site_does_not_have(tmp_path, fzgen):
    tree(tmp_path)
    fzgen(tmp_path, "translations", "export", "--site", "test", "--lang", "tr")
    po = tmp_path / "test.tr.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("Language: tr", "Language: fa"), encoding="utf-8"
    )
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 2
    assert "Übersetzen lässt sich in: en, tr" in result.err


FUZZY = (
    "  offers/elterncafe.yaml#summary: Als unfertig markiert (fuzzy, in Poedit „Needs Work“)."
    " Stimmt die Übersetzung, entfernen Sie die Markierung und importieren Sie erneut."
)
TITLE_ONLY = (
    "  pages/ueber-uns.md#title: Der Seitentext wurde nicht übernommen, und eine übersetzte Seite"
    " legt fzgen erst mit Titel und Text an; bis dahin zeigt die Website die Seite in der"
    " Ausgangssprache, mit Hinweis. Lassen Sie den Seitentext übersetzen und importieren Sie erneut."
)


def test_page_title_alone_makes_no_page_and_each_skipped_entry_says_why(tmp_path, fzgen):
    tree(tmp_path)
    fzgen(tmp_path, "translations", "export", "--site", "test", "--lang", "tr")
    po = tmp_path / "test.tr.po"
    catalog = read_po(po.open("rb"))
    for message in catalog:
        if message.context == "pages/ueber-uns.md#title":
            message.string = "Hakkımızda"
        if message.context == "offers/elterncafe.yaml#summary":
            message.string = "Ebeveynler için açık buluşma"
            message.flags.add("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:4] == [
        "0 Übersetzungen nach tr in die Dateien von „test“ geschrieben und geprüft.",
        "Nicht übernommen (Datei#Feld: Grund):",
        FUZZY,
        TITLE_ONLY,
    ]
    # Then every entry the translator left empty, by name; the title that was already
    # translated (and is unchanged) is not among them.
    assert "  pages/ueber-uns.md#body: Noch nicht übersetzt (leer)." in lines[4:]
    assert all(line.endswith(": Noch nicht übersetzt (leer).") for line in lines[4:])
    assert len(lines) == 4 + 8
    assert not any("elterncafe.yaml#title" in line for line in lines)
    assert not (tmp_path / "content/test/pages/ueber-uns.tr.md").exists()

    # With the body translated too, the page is made, title and body.
    catalog = read_po(po.open("rb"))
    for message in catalog:
        if message.context == "pages/ueber-uns.md#body":
            message.string = "Aileler için **buradayız**."
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.out.startswith("2 Übersetzungen nach tr"), result.out
    page = tmp_path / "content/test/pages/ueber-uns.tr.md"
    assert page.read_text(encoding="utf-8") == (
        "---\ntitle: Hakkımızda\nmenu: 10\n---\nAileler için **buradayız**.\n"
    )


def test_page_body_alone_makes_no_page_either(tmp_path, fzgen):
    tree(tmp_path)
    po = exported(tmp_path, fzgen, {"pages/ueber-uns.md#body": "Aileler için buradayız."})
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    assert (
        "  pages/ueber-uns.md#body: Der Titel dieser Seite wurde nicht übernommen, und eine"
        " übersetzte Seite legt fzgen erst mit Titel und Text an. Lassen Sie den Titel übersetzen"
        " und importieren Sie erneut."
    ) in result.out.splitlines()
    assert "  pages/ueber-uns.md#title: Noch nicht übersetzt (leer)." in result.out.splitlines()
    assert not (tmp_path / "content/test/pages/ueber-uns.tr.md").exists()


def test_existing_translated_page_takes_a_new_title_alone(tmp_path, fzgen):
    tree(tmp_path)
    page = tmp_path / "content/test/pages/ueber-uns.tr.md"
    page.write_text("---\ntitle: Hakkımızda\nmenu: 10\n---\nBuradayız.\n", encoding="utf-8")
    po = exported(tmp_path, fzgen, {"pages/ueber-uns.md#title": "Biz kimiz"})
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.out.startswith("1 Übersetzung nach tr"), result.out
    assert page.read_text(encoding="utf-8") == "---\ntitle: Biz kimiz\nmenu: 10\n---\nBuradayız.\n"


def test_entries_whose_text_changed_or_went_away_since_the_export_are_named(tmp_path, fzgen):
    tree(tmp_path)
    po = exported(
        tmp_path,
        fzgen,
        {
            "offers/elterncafe.yaml#summary": "Ebeveynler için açık buluşma",
            "site.yaml#sozialraum": "Testhausen Kuzey",
        },
    )
    offer = tmp_path / "content/test/offers/elterncafe.yaml"
    offer.write_text(
        OFFER.replace("Offener Treff für Eltern", "Treff für Eltern"), encoding="utf-8"
    )
    catalog = read_po(po.open("rb"))
    catalog.add("Hallo", "Merhaba", context="offers/alt.yaml#title")
    catalog.add("Tschüss", "Hoşça kal")  # no msgctxt: not from `translations export`
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)
    line = next(m.lineno for m in read_po(po.open("rb")) if m.id == "Tschüss")
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:5] == [
        "1 Übersetzung nach tr in die Dateien von „test“ geschrieben und geprüft.",
        "Nicht übernommen (Datei#Feld: Grund):",
        "  offers/elterncafe.yaml#summary: Der Ausgangstext wurde seit dem Export geändert; die"
        " Übersetzung passt vielleicht nicht mehr. Exportieren Sie neu und lassen Sie den Eintrag"
        " noch einmal übersetzen.",
        "  offers/alt.yaml#title: Diesen Text gibt es nicht mehr: Datei oder Feld wurden seit dem"
        " Export umbenannt oder gelöscht. Exportieren Sie neu.",
        f"  Zeile {line} der PO-Datei: Der Eintrag nennt keine Stelle (msgctxt fehlt), stammt also"
        " nicht aus „fzgen translations export“.",
    ]
    assert "Treff für Eltern\n" in offer.read_text(encoding="utf-8")
    assert "tr: Ebeveynler" not in offer.read_text(encoding="utf-8")


def test_skipped_entries_in_english():
    from fzgen.commands.po import Imported, Skipped, skipped_lines

    imported = Imported(
        "test",
        "tr",
        (),
        (Skipped("pages/ueber-uns.md#title", "page_title", 20), Skipped(None, "no_place", 31)),
    )
    assert skipped_lines(imported, "en") == [
        "Not taken (file#field: reason):",
        "  pages/ueber-uns.md#title: The page body was not taken, and fzgen creates a translated"
        " page only with its title and body; until then the site shows the page in the source"
        " language, with a notice. Have the body translated and import again.",
        "  line 31 of the PO file: The entry names no place (msgctxt is missing), so it was not"
        " written by “fzgen translations export”.",
    ]
    assert skipped_lines(Imported("test", "tr", ("site.yaml#name",), ()), "en") == []


def test_text_behind_an_alias_is_left_alone_and_explained(tmp_path, fzgen):
    tree(tmp_path)
    offer = tmp_path / "content/test/offers/elterncafe.yaml"
    text = OFFER.replace(
        "summary: Offener Treff für Eltern", "summary: &kurz Offener Treff für Eltern"
    )
    offer.write_text(text + "room: *kurz\n", encoding="utf-8")
    po = exported(
        tmp_path,
        fzgen,
        {"offers/elterncafe.yaml#room": "Oda", "offers/elterncafe.yaml#summary": "Açık buluşma"},
    )
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    assert (
        "  offers/elterncafe.yaml#room: Diese Stelle der Datei kann fzgen nicht sicher ändern (etwa"
        " ein YAML-Anker mit & oder *). Tragen Sie die Übersetzung selbst ein: unter dem Feld eine"
        " Zeile je Sprache, z. B. „  tr: …“."
    ) in result.out.splitlines()
    written = offer.read_text(encoding="utf-8")
    assert "summary:\n  de: &kurz Offener Treff für Eltern\n  tr: Açık buluşma\n" in written
    assert written.endswith("room: *kurz\n")


# --- import: validated before anything is written ---------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones too) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def exported(tmp_path: Path, fzgen, fill: dict[str, str]) -> Path:
    """The site's Turkish PO file, with `fill` (key → translation) written into it."""
    assert fzgen(tmp_path, "translations", "export", "--site", "test", "--lang", "tr").code == 0
    po = tmp_path / "test.tr.po"
    catalog = read_po(po.open("rb"))
    for message in catalog:
        if message.context in fill:
            message.string = fill[message.context]
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)
    return po


def test_import_that_would_break_the_content_writes_nothing(tmp_path, fzgen):
    tree(tmp_path)
    po = exported(
        tmp_path,
        fzgen,
        {
            "offers/elterncafe.yaml#summary": "Açık buluşma\nebeveynler için",
            "pages/ueber-uns.md#title": "Hakkımızda",
            "pages/ueber-uns.md#body": "Aileler için **buradayız**.",
        },
    )
    before = snapshot(tmp_path / "content")
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 1, result.err
    assert snapshot(tmp_path / "content") == before  # not even the new page or the hashes
    assert "Fehler: test/offers/elterncafe.yaml" in result.err
    assert "Feld „summary“" in result.err and "hat mehrere Zeilen" in result.err
    assert "Es wurde nichts geschrieben" in result.err
    line = next(
        m.lineno for m in read_po(po.open("rb")) if m.context == "offers/elterncafe.yaml#summary"
    )
    assert f"„offers/elterncafe.yaml#summary“, Zeile {line} der PO-Datei" in result.err
    assert "pages/ueber-uns.md" not in result.err  # a valid entry is not blamed
    assert "Interner Fehler" not in result.err and "Traceback" not in result.err
    assert fzgen(tmp_path, "check").code == 0


def test_successful_import_writes_each_file_whole_and_leaves_no_temporary_files(tmp_path, fzgen):
    tree(tmp_path)
    offer = tmp_path / "content/test/offers/elterncafe.yaml"
    offer.chmod(0o640)
    po = exported(tmp_path, fzgen, {"offers/elterncafe.yaml#summary": "Açık buluşma"})
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    assert "1 Übersetzung nach tr" in result.out
    assert "  tr: Açık buluşma\n" in offer.read_text(encoding="utf-8")
    assert offer.stat().st_mode & 0o777 == 0o640  # replaced, but with its permissions
    leftovers = [p.name for p in (tmp_path / "content").rglob(".*")]
    assert leftovers == []  # no copy of the site, no temporary file
    assert fzgen(tmp_path, "check").code == 0


def test_import_keeps_hostile_text_exactly_or_refuses_it(tmp_path, fzgen):
    """Text in a PO file comes from outside: whatever it holds, the content stays valid,
    and what is written reads back as it was translated."""
    tree(tmp_path)
    hostile = {
        "offers/elterncafe.yaml#summary": 'Kafe: "açık" # değil \x1b[31m\u202e',
        "offers/elterncafe.yaml#description": "Satır\u2028bir\n\n---\n- liste\n\x00",
        "pages/ueber-uns.md#title": 'Hakkımızda\\n "tırnak"\u0085',
        "pages/ueber-uns.md#body": "---\ntitle: ele geçirildi\n---\nMetin",
    }
    po = exported(tmp_path, fzgen, hostile)
    before = snapshot(tmp_path / "content")
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err and "Interner Fehler" not in result.err
    if result.code == 1:
        assert snapshot(tmp_path / "content") == before
        return
    assert fzgen(tmp_path, "check").code == 0
    after = texts(tmp_path)
    for key, text in hostile.items():
        file, field = key.split("#")
        assert after[(file, "" if field == "body" else field)]["tr"] == text.strip(), key


#: Files given to `translations import` by mistake: (name, how to make it from the
#: exported PO text, what the one message says).
NOT_A_SITES_PO = {
    "yaml": ("elterncafe.yaml", lambda po: OFFER.encode(), "ist eine Inhaltsdatei, keine PO-Datei"),
    "markdown": (
        "ueber-uns.md",
        lambda po: PAGE_MD.encode(),
        "ist eine Inhaltsdatei, keine PO-Datei",
    ),
    "not-po": ("notes.po", lambda po: OFFER.encode(), "ist keine PO-Datei (Zeile 2"),
    "latin-1": (
        "latin.tr.po",
        lambda po: po.encode("latin-1", errors="replace"),
        "ist nicht als UTF-8 gespeichert (Zeile 1 ist unlesbar)",
    ),
    "other-project": (
        "other.po",
        lambda po: po.replace("fzgen test", "Other Project").encode(),
        "nennt keine Website",
    ),
    "unknown-site": (
        "elsewhere.po",
        lambda po: po.replace("fzgen test", "fzgen elsewhere").encode(),
        "gehört zur Website „elsewhere“, die es in diesem Inhaltsordner nicht gibt",
    ),
    "no-language": (
        "nolang.po",
        lambda po: po.replace('"Language: tr\\n"\n', "").encode(),
        "nennt in der Kopfzeile „Language“ keine Sprache",
    ),
    "bad-language": (
        "badlang.po",
        lambda po: po.replace("Language: tr", "Language: !!").encode(),
        "Die Kopfzeilen von „badlang.po“ lassen sich nicht lesen",
    ),
}


@pytest.mark.parametrize("case", NOT_A_SITES_PO, ids=list(NOT_A_SITES_PO))
def test_import_of_a_file_that_is_no_po_file_of_a_site_says_so_in_one_sentence(
    tmp_path, fzgen, case
):
    tree(tmp_path)
    exported(tmp_path, fzgen, {})
    name, make, expected = NOT_A_SITES_PO[case]
    (tmp_path / name).write_bytes(make((tmp_path / "test.tr.po").read_text(encoding="utf-8")))
    before = snapshot(tmp_path / "content")
    result = fzgen(tmp_path, "translations", "import", name)
    assert result.code == 2, result.err
    assert f"„{name}“" in result.err and expected in result.err, result.err
    assert "es wurde nichts geändert" in result.err
    assert len(result.err.splitlines()) == 1, result.err  # no traceback, no warnings
    assert result.out == ""  # Babel printed its English warnings to stdout
    assert snapshot(tmp_path / "content") == before
