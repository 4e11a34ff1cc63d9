"""Translation status and the translator round trip through a PO file."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from conftest import PAGE_MD, SITE_YAML, write_tree

from fzgen.i18n import catalogue_languages
from fzgen.load import load_content

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
    from fzgen.translations import site_units

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
        .startswith('---\ntitle: "TR Über uns"\nmenu: 10\n---\nTR Wir sind')
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


def test_page_title_alone_does_not_make_a_translated_page(tmp_path, fzgen):
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
    assert "0 Übersetzungen" in result.out and "2 Einträge nicht übernommen" in result.out
    assert not (tmp_path / "content/test/pages/ueber-uns.tr.md").exists()
