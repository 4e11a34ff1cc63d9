"""One test per rule of the content format: a small broken tree, the message a coordinator reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree

OFFER = "test/offers/elterncafe.yaml"


def offer_with(
    schedule: str = "  - weekly: tuesday\n    time: 09:30-11:00\n", **fields: str
) -> str:
    """An offer YAML whose first lines are fixed, so line numbers in tests are stable.

    Line 1 title, 2 summary, 3 categories, 4 location, then extra fields in the
    order given, then `schedule:` and its entries.
    """
    lines = [
        "title: Elterncafé",
        "summary: Offener Treff",
        "categories: [meeting]",
        "location: kita-sonne",
    ]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\nschedule:\n" + schedule


def errors_of(err: str) -> list[str]:
    """The head lines of each reported error."""
    return [line for line in err.splitlines() if line.startswith("Fehler: ")]


def assert_reported(err: str, path: str, line: int, field: str | None, fragment: str) -> None:
    """An error about `path` at `line` (and `field`) whose text contains `fragment`."""
    blocks = re.split(r"\n(?=Fehler: |Hinweis: )", err)
    head = re.compile(rf"Fehler: {re.escape(path)}, Zeile {line}(,|$)", re.MULTILINE)
    matching = [b for b in blocks if head.match(b)]
    assert matching, f"no error at {path}:{line} in:\n{err}"
    if field is not None:
        matching = [b for b in matching if f"Feld „{field}“" in b.splitlines()[0]]
        assert matching, f"no error for field {field} at {path}:{line} in:\n{err}"
    assert any(fragment in b for b in matching), f"{fragment!r} not in:\n{err}"


def check_offer(tmp_path: Path, fzgen, text: str):  # type: ignore[no-untyped-def]
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": text}))
    return fzgen(tmp_path, "check")


# --- texts ---------------------------------------------------------------------


def test_text_mapping_needs_source_language(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, OFFER_YAML.replace("  de: Elterncafé\n", ""))
    assert result.code == 1
    assert_reported(result.err, OFFER, 2, "title", "Ausgangssprache (de) fehlt")


def test_text_language_must_be_a_site_language(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, OFFER_YAML.replace("  tr: Ebeveyn", "  ar: Ebeveyn"))
    assert result.code == 1
    assert_reported(result.err, OFFER, 2, "title", "„ar“ ist keine Sprache dieser Website")


def test_summary_is_one_line(tmp_path, fzgen):
    text = offer_with().replace("summary: Offener Treff", "summary: |\n  Zeile eins\n  Zeile zwei")
    result = check_offer(tmp_path, fzgen, text)
    assert_reported(result.err, OFFER, 2, "summary", "mehrere Zeilen")


# --- slugs and files ------------------------------------------------------------


def test_offer_file_name_must_be_a_slug(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"offers/Eltern Café.yaml": OFFER_YAML}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: test/offers/Eltern Café.yaml" in result.err
    assert "nur Kleinbuchstaben" in result.err


def test_site_folder_name_must_be_a_slug(tmp_path, fzgen):
    files = {k.replace("content/test/", "content/Bad Oldesloe/"): v for k, v in site_tree().items()}
    write_tree(tmp_path, files)
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: Bad Oldesloe" in result.err


def test_partner_id_must_be_a_slug(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"site.yaml": SITE_YAML.replace("id: kita-sonne", "id: Kita Sonne")})
    )
    result = fzgen(tmp_path, "check")
    assert_reported(result.err, "test/site.yaml", 11, "partners → 1. Eintrag → id", "Kennung")


def test_files_starting_with_underscore_or_dot_are_ignored(tmp_path, fzgen):
    broken = "title: [kaputt\n"
    write_tree(
        tmp_path,
        site_tree(
            {"offers/_entwurf.yaml": broken, "offers/.backup.yaml": broken, "pages/_alt.md": "x"}
        ),
    )
    write_tree(tmp_path, {"content/_vorlage/site.yaml": broken})
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err


def test_site_without_site_yaml(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"site.yaml": None}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: test\n" in result.err + "\n" or "Fehler: test" in result.err
    assert "site.yaml" in result.err


# --- schedules ------------------------------------------------------------------


@pytest.mark.parametrize("day", ["tuesday", "Dienstag", "di", "DI.", "Tue", "TUESDAY", "tues"])
def test_weekdays_in_english_and_german(tmp_path, fzgen, day):
    result = check_offer(tmp_path, fzgen, offer_with(f"  - weekly: {day}\n    time: 09:30-11:00\n"))
    assert result.code == 0, result.err


def test_unknown_weekday(tmp_path, fzgen):
    result = check_offer(
        tmp_path, fzgen, offer_with("  - weekly: [montag, dinstag]\n    time: 09:30-11:00\n")
    )
    assert result.code == 1
    assert_reported(
        result.err,
        OFFER,
        6,
        "schedule → 1. Eintrag → weekly → 2. Eintrag",
        "„dinstag“ ist kein Wochentag",
    )


@pytest.mark.parametrize("value", ["9:30-11", "10.15-11.45", "09:30 – 11:00", "9.30 bis 11 Uhr"])
def test_forgiving_time_ranges(tmp_path, fzgen, value):
    result = check_offer(tmp_path, fzgen, offer_with(f"  - weekly: mo\n    time: {value}\n"))
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("9.30 Uhr", "keine Uhrzeit von–bis"),
        ("25:00-26:00", "keine Uhrzeit"),
        ("11:00-09:30", "Ende nicht nach dem Beginn"),
    ],
)
def test_bad_time_range(tmp_path, fzgen, value, fragment):
    result = check_offer(tmp_path, fzgen, offer_with(f"  - weekly: mo\n    time: {value}\n"))
    assert result.code == 1
    assert_reported(result.err, OFFER, 7, "schedule → 1. Eintrag → time", fragment)


def test_weekly_needs_a_time(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, offer_with("  - weekly: mo\n"))
    assert_reported(result.err, OFFER, 6, "schedule → 1. Eintrag", "fehlt die Uhrzeit")


def test_from_after_until(tmp_path, fzgen):
    schedule = (
        "  - weekly: mo\n    time: 09:00-10:00\n    from: 2026-05-01\n    until: 2026-04-01\n"
    )
    result = check_offer(tmp_path, fzgen, offer_with(schedule))
    assert result.code == 1
    assert_reported(result.err, OFFER, 9, "schedule → 1. Eintrag → until", "vor dem Anfangsdatum")


def test_dates_iso_and_german(tmp_path, fzgen):
    schedule = (
        "  - weekly: mo\n    time: 09:00-10:00\n    from: 01.02.2026\n    until: 2026-06-30\n"
        "    except: [2026-03-02, 13.04.2026]\n"
    )
    assert check_offer(tmp_path, fzgen, offer_with(schedule)).code == 0


def test_impossible_date(tmp_path, fzgen):
    result = check_offer(
        tmp_path, fzgen, offer_with("  - date: 2026-02-30\n    time: 10:00-12:00\n")
    )
    assert_reported(
        result.err, OFFER, 6, "schedule → 1. Eintrag → date", "gibt es im Kalender nicht"
    )


@pytest.mark.parametrize(
    "rule",
    [
        "first monday",
        "second tuesday",
        "third wednesday",
        "fourth thursday",
        "last friday",
        "letzter Mittwoch",
    ],
)
def test_monthly_ordinals(tmp_path, fzgen, rule):
    result = check_offer(
        tmp_path, fzgen, offer_with(f"  - monthly: {rule}\n    time: 15:00-16:30\n")
    )
    assert result.code == 0, result.err


@pytest.mark.parametrize("rule", ["fifth monday", "first", "every monday"])
def test_bad_monthly_rule(tmp_path, fzgen, rule):
    result = check_offer(
        tmp_path, fzgen, offer_with(f"  - monthly: {rule}\n    time: 15:00-16:30\n")
    )
    assert_reported(
        result.err, OFFER, 6, "schedule → 1. Eintrag → monthly", "keine monatliche Regel"
    )


def test_schedule_entry_needs_exactly_one_kind(tmp_path, fzgen):
    schedule = "  - weekly: mo\n    date: 2026-05-01\n    time: 09:00-10:00\n"
    result = check_offer(tmp_path, fzgen, offer_with(schedule))
    assert_reported(result.err, OFFER, 6, "schedule → 1. Eintrag", "genau eine Art")


def test_by_appointment(tmp_path, fzgen):
    assert check_offer(tmp_path, fzgen, offer_with("  - by_appointment: ja\n")).code == 0
    result = check_offer(
        tmp_path, fzgen, offer_with("  - by_appointment: ja\n    time: 09:00-10:00\n")
    )
    assert_reported(result.err, OFFER, 6, "schedule → 1. Eintrag", "keine Uhrzeit")


# --- references and vocabularies ---------------------------------------------------


def test_partner_ids_unique(tmp_path, fzgen):
    partner = SITE_YAML.split("partners:\n", 1)[1].split("legal:", 1)[0]
    site = SITE_YAML.replace("partners:\n", "partners:\n" + partner)
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert_reported(
        result.err,
        "test/site.yaml",
        18,
        "partners → 2. Eintrag → id",
        "„kita-sonne“ haben mehrere Partner",
    )


def test_location_must_name_a_partner(tmp_path, fzgen):
    result = check_offer(
        tmp_path, fzgen, offer_with().replace("location: kita-sonne", "location: kita-mond")
    )
    assert result.code == 1
    assert_reported(result.err, OFFER, 4, "location", "Bekannt sind: kita-sonne")


def test_a_broken_site_yaml_is_the_one_error_not_every_offer_at_a_partner(tmp_path, fzgen):
    """Partners cannot be known while site.yaml does not parse: calling every offer's
    partner unknown would bury the one line to fix."""
    write_tree(tmp_path, site_tree({"site.yaml": "name: [kaputt\n"}))  # its offer names kita-sonne
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    places = [line for line in result.err.splitlines() if line.startswith("Fehler:")]
    assert places == ["Fehler: test/site.yaml, Zeile 1, Spalte 7"]
    assert "1 Fehler in 1 Datei." in result.err


def test_location_as_address(tmp_path, fzgen):
    address = "\n  street: Am Markt 2\n  postal_code: 01234\n  city: Glinde"
    text = offer_with().replace("location: kita-sonne", "location:" + address)
    assert check_offer(tmp_path, fzgen, text).code == 0
    result = check_offer(tmp_path, fzgen, text.replace("01234", "1234"))
    assert_reported(result.err, OFFER, 6, "location → postal_code", "genau fünf Ziffern")


@pytest.mark.parametrize(
    ("field", "value", "suggestion"),
    [("categories", "[meting]", "meeting"), ("audience", "[toddler]", "toddlers")],
)
def test_vocabulary_with_suggestion(tmp_path, fzgen, field, value, suggestion):
    text = (
        offer_with(**{field: value})
        if field != "categories"
        else offer_with().replace("[meeting]", value)
    )
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert f"Meinten Sie „{suggestion}“?" in result.err
    assert "Erlaubt sind:" in result.err


def test_partner_kind_vocabulary(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"site.yaml": SITE_YAML.replace("kind: kita", "kind: kindergarten")})
    )
    result = fzgen(tmp_path, "check")
    assert_reported(
        result.err,
        "test/site.yaml",
        13,
        "partners → 1. Eintrag → kind",
        "kita, school, counselling, other",
    )


def test_categories_required_and_not_empty(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, offer_with().replace("[meeting]", "[]"))
    assert_reported(result.err, OFFER, 3, "categories", "Liste ist leer")


# --- contact data ------------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["erika.muster(at)example.org", "erika@", "erika muster@example.org"]
)
def test_invalid_email(tmp_path, fzgen, email):
    site = SITE_YAML.replace("erika.muster@fz-test.example.org", email)
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "check")
    assert_reported(
        result.err, "test/site.yaml", 8, "coordinator → email", "keine gültige E-Mail-Adresse"
    )


def test_postal_code_keeps_leading_zero(tmp_path, fzgen):
    """PyYAML alone reads 01234 as the octal number 668."""
    site = SITE_YAML.replace(
        "postal_code: 23843\n    city: Bad Oldesloe\nlegal",
        "postal_code: 01234\n    city: Dresden\nlegal",
    )
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err


def test_invalid_phone(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML.replace('"+49 4531 000000"', "ruf an")}))
    result = fzgen(tmp_path, "check")
    assert_reported(result.err, "test/site.yaml", 9, "coordinator → phone", "keine Telefonnummer")


def test_image_requires_alt_text(tmp_path, fzgen):
    write_tree(tmp_path, {"content/test/files/cafe.png": b"\x89PNG"})
    result = check_offer(tmp_path, fzgen, offer_with(image="files/cafe.png"))
    assert result.code == 1
    assert_reported(result.err, OFFER, 5, "image_alt", "Bildbeschreibung")


def test_image_must_exist(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, offer_with(image="files/fehlt.png", image_alt="Ein Café"))
    assert_reported(result.err, OFFER, 5, "image", "„files/fehlt.png“ gibt es nicht")


@pytest.mark.parametrize("value", ["true", "false", "ja", "Nein", "YES", "no"])
def test_yes_no_fields(tmp_path, fzgen, value):
    result = check_offer(
        tmp_path, fzgen, offer_with(childcare=value, interpreter=value, accessible=value)
    )
    assert result.code == 0, result.err


def test_yes_no_rejects_other_words(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, offer_with(childcare="vielleicht"))
    assert_reported(result.err, OFFER, 5, "childcare", "weder ja noch nein")


def test_cost_free_or_text(tmp_path, fzgen):
    assert check_offer(tmp_path, fzgen, offer_with(cost="free")).code == 0
    assert check_offer(tmp_path, fzgen, offer_with(cost='"3 € pro Termin"')).code == 0


def test_registration_email(tmp_path, fzgen):
    text = offer_with(registration="\n  required: ja\n  email: anmeldung-at-example.org")
    result = check_offer(tmp_path, fzgen, text)
    assert_reported(result.err, OFFER, 7, "registration → email", "keine gültige E-Mail-Adresse")


def test_contact_needs_email_or_phone(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, offer_with(contact="\n  name: Frau Beispiel"))
    assert_reported(result.err, OFFER, 6, "contact", "weder E-Mail noch Telefon")


# --- languages ----------------------------------------------------------------------


def test_language_without_catalogue(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"site.yaml": SITE_YAML.replace("[de, en, tr]", "[de, en, ku]")})
    )
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert_reported(
        result.err, "test/site.yaml", 4, "languages → 3. Eintrag", "translations/ku.yaml"
    )


def test_unknown_language_code(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"site.yaml": SITE_YAML.replace("[de, en, tr]", "[de, english]")})
    )
    result = fzgen(tmp_path, "check")
    assert_reported(result.err, "test/site.yaml", 4, "languages → 2. Eintrag", "kein Sprachkürzel")


def test_offer_language_no_stays_norwegian(tmp_path, fzgen):
    """YAML 1.1 would read `no` as false."""
    result = check_offer(tmp_path, fzgen, offer_with(languages="[de, no]"))
    assert result.code == 0, result.err


# --- pages ----------------------------------------------------------------------------


def test_page_needs_title(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"pages/ueber-uns.md": "---\nmenu: 10\n---\nText\n"}))
    result = fzgen(tmp_path, "check")
    assert_reported(result.err, "test/pages/ueber-uns.md", 2, None, "Pflichtfeld „title“ fehlt")


def test_page_needs_front_matter(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"pages/ueber-uns.md": "# Über uns\n"}))
    result = fzgen(tmp_path, "check")
    assert_reported(result.err, "test/pages/ueber-uns.md", 1, None, "Kopfbereich")


def test_page_menu_must_be_a_number(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"pages/ueber-uns.md": "---\ntitle: Über uns\nmenu: zehn\n---\n"})
    )
    result = fzgen(tmp_path, "check")
    assert_reported(result.err, "test/pages/ueber-uns.md", 3, "menu", "keine ganze Zahl")


def test_translation_without_source_page(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"pages/anfahrt.tr.md": "---\ntitle: Yol tarifi\n---\n"}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: test/pages/anfahrt.tr.md" in result.err
    assert "„anfahrt.md“" in result.err


def test_page_may_not_take_a_built_in_name(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"pages/kontakt.md": "---\ntitle: Kontakt\n---\n"}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: test/pages/kontakt.md" in result.err
    assert "schon für eine feste Seite" in result.err


def test_offer_twice_as_yaml_and_yml(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"offers/elterncafe.yml": OFFER_YAML}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: test/offers/elterncafe.yml" in result.err


def test_stray_file_is_a_note_and_the_site_still_counts(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"offers/flyer.docx": b"PK", "pages/bild.jpg": b"x"}))
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    assert "Hinweis: test/offers/flyer.docx" in result.out
    assert "Hinweis: test/pages/bild.jpg" in result.out
    assert "1 Website, 1 Angebot, 1 Seite geprüft, 3 Hinweise." in result.out


def test_missing_catalogue_reported_even_with_other_site_errors(tmp_path, fzgen):
    site = SITE_YAML.replace("[de, en, tr]", "[de, en, ku]").replace(
        "erika.muster@", "erika.muster-at-"
    )
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "check")
    assert "translations/ku.yaml" in result.err
    assert "keine gültige E-Mail-Adresse" in result.err


def test_translation_in_language_the_site_lacks(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"pages/ueber-uns.ar.md": "---\ntitle: من نحن\n---\n"}))
    result = fzgen(tmp_path, "check")
    assert "Fehler: test/pages/ueber-uns.ar.md" in result.err
    assert "„ar“ im Dateinamen" in result.err


def test_draft_offer_is_not_published(tmp_path, fzgen):
    draft = offer_with(draft="ja").replace("Elterncafé", "Geheimer Entwurf")
    write_tree(tmp_path, site_tree({"offers/entwurf.yaml": draft}))
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    html = (tmp_path / "output/test/de/index.html").read_text()
    assert "Elterncafé" in html
    assert "Geheimer Entwurf" not in html
