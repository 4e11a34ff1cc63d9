"""The first minutes of a new coordinator (issue 18, items 7 and 8): `fzgen new` writes
nothing fake that could go online unnoticed, `fzgen hilfe` names the guide on this
machine, and `check` notes titles and summaries too long to read in a list."""

from __future__ import annotations

from pathlib import Path

from conftest import OFFER_YAML, PAGE_MD, site_tree, write_tree

ROOT = Path(__file__).resolve().parent.parent
SITE = "content/familienzentrum-lindenhof/site.yaml"


def notes_of(out: str, kind: str = "Hinweis") -> list[list[str]]:
    """The notes (or errors) of a report, each as its lines."""
    found: list[list[str]] = []
    for line in out.splitlines():
        if line.startswith(f"{kind}: "):
            found.append([line])
        elif line.startswith("  ") and found:
            found[-1].append(line)
    return found


# --- fzgen new: the name once, the town a placeholder that check notes ------------


def test_new_names_the_centre_once_and_leaves_the_town_to_fill_in(tmp_path, fzgen):
    result = fzgen(tmp_path, "new", "familienzentrum-lindenhof")
    assert result.code == 0, result.err
    site = (tmp_path / SITE).read_text(encoding="utf-8")
    assert "Familienzentrum Familienzentrum" not in site
    assert "\nname: Familienzentrum Lindenhof\n" in site
    assert "\nsozialraum: Lindenhof\n" in site
    assert "Lindenhof" not in site.split("\npartners:")[1]  # the slug is not the town
    assert "      city: Musterstadt\n" in site
    assert "Prüfen Sie den Namen des Familienzentrums (ein Ordnername hat keine Umlaute)" in (
        result.out
    )

    check = fzgen(tmp_path, "check")
    assert check.code == 0, check.err
    notes = notes_of(check.out)
    assert [
        "Hinweis: familienzentrum-lindenhof/site.yaml, Zeile 60, Spalte 13,"
        " Feld „legal → address → street“",
        "  Die Adresse „Beispielstraße 1, 12345 Musterstadt“ enthält noch Beispielwerte aus der"
        " Vorlage von „fzgen new“ und stünde so auf der Website.",
        "  Tragen Sie die echte Anschrift ein: Straße mit Hausnummer (street), Postleitzahl"
        " (postal_code) und Ort (city).",
    ] in notes
    assert [
        "Hinweis: familienzentrum-lindenhof/site.yaml, Zeile 37, Spalte 9,"
        " Feld „coordinator → name“",
        "  „Vorname Nachname“ ist ein Beispielwert aus der Vorlage von „fzgen new“ und stünde so"
        " auf der Website.",
        "  Tragen Sie hier Ihre eigene Angabe ein.",
    ] in notes
    places = [note[0].split(", Spalte")[0] for note in notes]
    assert places == [
        "Hinweis: familienzentrum-lindenhof/offers/elterncafe.yaml, Zeile 42",
        *(f"Hinweis: familienzentrum-lindenhof/site.yaml, Zeile {n}" for n in (32, 37, 39, 49)),
        *(f"Hinweis: familienzentrum-lindenhof/site.yaml, Zeile {n}" for n in (52, 58, 60, 63)),
        "Hinweis: familienzentrum-lindenhof/site.yaml, Zeile 64",
        "Hinweis: familienzentrum-lindenhof",  # the untranslated texts
    ]


def test_new_takes_the_name_and_town_as_typed(tmp_path, fzgen):
    result = fzgen(tmp_path, "new", "moelln", "--ort", "Mölln")
    assert result.code == 0, result.err
    site = (tmp_path / "content/moelln/site.yaml").read_text(encoding="utf-8")
    assert "\nname: Familienzentrum Mölln\n" in site and "\nsozialraum: Mölln\n" in site
    assert site.count("      city: Mölln\n") == 1 and site.count("    city: Mölln\n") == 2

    typed = "Familienzentrum Am Lindenhof: Haus #2"
    result = fzgen(tmp_path, "new", "lindenhof", "--name", typed, "--ort", "Bad Oldesloe")
    assert result.code == 0, result.err
    site = (tmp_path / "content/lindenhof/site.yaml").read_text(encoding="utf-8")
    assert '\nname: "Familienzentrum Am Lindenhof: Haus #2"\n' in site
    assert "\nsozialraum: 'Am Lindenhof: Haus #2'\n" in site or (
        '\nsozialraum: "Am Lindenhof: Haus #2"\n' in site
    )
    assert fzgen(tmp_path, "build", "--site", "lindenhof").code == 0
    home = (tmp_path / "output/lindenhof/de/index.html").read_text(encoding="utf-8")
    assert "Familienzentrum Am Lindenhof: Haus #2" in home


def test_a_site_with_every_example_value_replaced_has_no_notes(tmp_path, fzgen):
    assert fzgen(tmp_path, "new", "lindenhof", "--ort", "Glinde").code == 0
    folder = tmp_path / "content/lindenhof"
    replacements = {
        "Name des Trägers": "AWO Kreisverband Stormarn e.V.",
        "Vorname Nachname": "Erika Muster",
        "Name der Einrichtung": "Kita Sonne",
        "Beispielstraße 1": "Sonnenweg 3",
        "12345": "21509",
        "vorname.nachname@example.org": "erika.muster@awo-stormarn.de",
        "info@example.org": "info@awo-stormarn.de",
    }
    for name in ("site.yaml", "offers/elterncafe.yaml"):
        text = (folder / name).read_text(encoding="utf-8")
        for old, new in replacements.items():
            text = text.replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert [note[0] for note in notes_of(result.out)] == ["Hinweis: lindenhof"]  # translations


def test_the_example_offer_survives_new_partners(tmp_path, fzgen):
    assert fzgen(tmp_path, "new", "lindenhof").code == 0
    site_file = tmp_path / "content/lindenhof/site.yaml"
    site = site_file.read_text(encoding="utf-8")
    start, end = site.index("partners:\n"), site.index("\n# Angaben für Impressum")
    other = (
        "partners:\n"
        "  - id: gs-kurpark\n"
        "    name: Grundschule am Kurpark\n"
        "    kind: school\n"
        "    address:\n"
        "      street: Kurparkallee 2\n"
        "      postal_code: 23843\n"
        "      city: Bad Oldesloe\n"
    )
    site_file.write_text(site[:start] + other + site[end:], encoding="utf-8")
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err

    # An offer naming a partner that is gone says which, where, and what exists.
    offer_file = tmp_path / "content/lindenhof/offers/elterncafe.yaml"
    offer = offer_file.read_text(encoding="utf-8")
    start = offer.index("location:\n")
    end = offer.index("cost:")
    offer_file.write_text(offer[:start] + "location: kita-beispiel\n" + offer[end:], "utf-8")
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert notes_of(result.err, "Fehler")[0] == [
        "Fehler: lindenhof/offers/elterncafe.yaml, Zeile 41, Spalte 11, Feld „location“",
        "  Einen Partner mit der Kennung „kita-beispiel“ gibt es in site.yaml nicht.",
        "  Lösung: Bekannt sind: gs-kurpark. Oder geben Sie eine Adresse an (street, postal_code,"
        " city).",
    ]


# --- fzgen hilfe: the guide on this machine --------------------------------------


def test_hilfe_names_the_guide_that_exists_here(tmp_path, fzgen):
    result = fzgen(tmp_path, "hilfe")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Die Anleitung Schritt für Schritt")
    guide, fields = Path(lines[1].strip()), Path(lines[3].strip())
    assert guide.is_absolute() and guide.name == "anleitung.md"
    assert guide.read_text(encoding="utf-8").startswith(
        "# Die Website Ihres Familienzentrums pflegen\n"
    )
    assert fields.read_text(encoding="utf-8").startswith("# Inhalte für die Website schreiben\n")
    assert "  fzgen new musterstadt       eine neue Website" in result.out
    assert "  fzgen check                 alle Dateien prüfen, nichts verändern" in result.out


def test_new_points_at_hilfe_not_at_a_file_of_the_repository(tmp_path, fzgen):
    result = fzgen(tmp_path, "new", "glinde")
    assert result.code == 0, result.err
    assert "docs/anleitung.md" not in result.out
    assert result.out.splitlines()[-1] == (
        "Jedes Feld ist in den Dateien erklärt; die Anleitung und alle Befehle zeigt „fzgen hilfe“."
    )


# --- check: titles and summaries a list cannot show ------------------------------

OFFER = "test/offers/elterncafe.yaml"


def test_a_long_summary_and_title_are_noted_per_language(tmp_path, fzgen):
    long_summary = "Wir treffen uns " + "und reden über alles, was Familien bewegt, " * 6
    long_title = "Elterncafé für alle Eltern " + "mit Kindern " * 6
    offer = OFFER_YAML.replace(
        "title:\n  de: Elterncafé\n", f"title:\n  de: {long_title.strip()}\n"
    ).replace("summary: Offener Treff für Eltern\n", f"summary: {long_summary.strip()}\n")
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    notes = notes_of(result.out)
    title, summary = len(long_title.strip()), len(long_summary.strip())
    assert notes[0] == [
        f"Hinweis: {OFFER}, Zeile 2, Spalte 7, Feld „title → de“",
        f"  Der Titel ist {title} Zeichen lang; in den Listen und im Menü auf dem Handy sind etwa"
        " 80 gut lesbar.",
        "  Kürzen Sie ihn auf höchstens 80 Zeichen; Einzelheiten gehören in die Beschreibung"
        " („description“), die auf der Seite des Angebots steht.",
    ]
    assert notes[1] == [
        f"Hinweis: {OFFER}, Zeile 4, Spalte 10, Feld „summary“",
        f"  Die Kurzbeschreibung ist {summary} Zeichen lang; sie steht auf der Karte des Angebots"
        " in den Listen, und dort sind etwa 200 gut lesbar.",
        "  Fassen Sie sie in einem Satz mit höchstens 200 Zeichen zusammen; alles Weitere gehört"
        " in die Beschreibung („description“), die auf der Seite des Angebots steht.",
    ]
    assert result.out.splitlines()[-1].endswith("geprüft, 3 Hinweise.")  # + translations
    assert fzgen(tmp_path, "build").code == 0  # a note holds nothing up


def test_a_long_translation_is_noted_in_its_language_and_in_english(tmp_path, fzgen):
    offer = OFFER_YAML.replace("  tr: Ebeveyn Kafesi\n", f"  tr: {'Ebeveyn Kafesi ' * 7}\n")
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check", "--lang", "en")
    assert result.code == 0, result.err
    assert notes_of(result.out, "Note")[0][:2] == [
        f"Note: {OFFER}, line 3, column 7, field “title → tr”",
        "  The title has 104 characters; lists and the menu on a phone read well with about 80.",
    ]


def test_texts_at_the_limit_are_not_noted(tmp_path, fzgen):
    offer = OFFER_YAML.replace("  de: Elterncafé\n", f"  de: {'x' * 80}\n").replace(
        "summary: Offener Treff für Eltern\n", f"summary: {'y' * 200}\n"
    )
    page = PAGE_MD.replace("title: Über uns\n", f"title: {'z' * 80}\n")
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer, "pages/ueber-uns.md": page}))
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert [note[0] for note in notes_of(result.out)] == ["Hinweis: test"]  # translations


def test_a_long_page_title_is_noted_in_the_file_of_its_language(tmp_path, fzgen):
    title = "Über uns: wer wir sind, was wir tun und warum Familien bei uns immer willkommen sind"
    translated = "---\ntitle: Hakkımızda\n---\nMerhaba.\n"
    write_tree(
        tmp_path,
        site_tree(
            {
                "pages/ueber-uns.md": PAGE_MD.replace("title: Über uns", f'title: "{title}"'),
                "pages/ueber-uns.tr.md": translated.replace("Hakkımızda", "Hakkımızda " * 9),
            }
        ),
    )
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    notes = notes_of(result.out)
    assert notes[0] == [
        "Hinweis: test/pages/ueber-uns.md, Zeile 2, Spalte 8, Feld „title“",
        f"  Der Titel ist {len(title)} Zeichen lang; im Menü und als Überschrift sind etwa 80 gut"
        " lesbar.",
        "  Kürzen Sie ihn auf höchstens 80 Zeichen; Einzelheiten gehören in den Text unter dem"
        " zweiten „---“.",
    ]
    assert notes[1][0] == "Hinweis: test/pages/ueber-uns.tr.md, Zeile 2, Spalte 8, Feld „title“"
    assert notes[1][1].startswith("  Der Titel ist 98 Zeichen lang;")


def test_sample_content_has_no_long_texts_or_example_values(tmp_path, fzgen):
    result = fzgen(ROOT, "check")
    assert result.code == 0, result.err
    assert "Zeichen lang" not in result.out and "Beispiel" not in result.out


def test_the_template_shows_cancellations_and_closures_ready_to_uncomment(tmp_path, fzgen):
    """A coordinator who removes the # before the template's examples gets a valid
    cancellation and closure, not a puzzle."""
    assert fzgen(tmp_path, "new", "lindenhof").code == 0
    site = tmp_path / "content/lindenhof"
    for name in ("offers/elterncafe.yaml", "site.yaml"):
        path = site / name
        text = path.read_text(encoding="utf-8")
        for key in ("cancelled", "closures"):
            block = text.split(f"# {key}:\n", 1)
            if len(block) == 2:
                lines = block[1].split("\n")
                example = [line[2:] for line in lines[:3] if line.startswith("#  ")]
                text = block[0] + f"{key}:\n" + "\n".join([*example, *lines[len(example) :]])
        path.write_text(text, encoding="utf-8")
    assert "cancelled:\n  - date:" in (site / "offers/elterncafe.yaml").read_text(encoding="utf-8")
    assert "closures:\n  - from:" in (site / "site.yaml").read_text(encoding="utf-8")
    check = fzgen(tmp_path, "check")
    assert check.code == 0, check.err
