"""German words where the format has English codes (issue 18, item 4): the words of the
closed lists build the same site as their codes; language names, German field names and
schedule lines that lost their indentation are answered with what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree
from pydantic import TypeAdapter, ValidationError
from sitebuild import build_tree, snapshot, soup
from test_rules import OFFER, assert_reported, check_offer, offer_with

from fzgen.content.model import AudienceField, CategoryField, PartnerKindField, ScheduleEntry
from fzgen.content.words import SCHEDULE_DETAILS, SCHEDULE_KINDS

ROOT = Path(__file__).resolve().parent.parent

CODED_OFFER = """\
title: Elterncafé
summary: Offener Treff
categories: [meeting, counselling, leisure]
audience: [toddlers, grandparents, expecting]
languages: [de, tr, fa, uk]
childcare: ja
accessible: nein
cost: free
location: kita-sonne
schedule:
  - weekly: [tuesday, thursday]
    time: 09:30-11:00
    except: [2026-12-01, 2026-12-03]
"""

GERMAN_OFFER = """\
title: Elterncafé
summary: Offener Treff
categories: Treffpunkt, Beratung, Freizeit und Feste
audience: [Kleinkinder, Grosseltern, Schwangere]
languages: [Deutsch, Türkisch, Farsi, ukrainisch]
childcare: Ja.
accessible: Nein.
cost: kostenfrei
location: kita-sonne
schedule:
  - weekly: Dienstag, Donnerstag
    time: 09:30-11:00
    except: 01.12.2026, 03.12.2026
"""


def test_german_words_build_the_same_site_as_the_codes(tmp_path):
    """Written as a coordinator says it, the site is byte for byte the one of the codes."""
    outputs = []
    for name, offer, kind in [
        ("codes", CODED_OFFER, "kind: kita"),
        ("german", GERMAN_OFFER, "kind: Kindertagesstätte"),
    ]:
        tree = site_tree({"offers/elterncafe.yaml": offer, "site.yaml": SITE_YAML.replace(
            "kind: kita", kind)})  # fmt: skip
        write_tree(tmp_path / name, tree)
        outputs.append(build_tree(tmp_path / name / "content", tmp_path / name / "output"))
    codes, german = outputs
    assert snapshot(german) == snapshot(codes)
    page = soup(german / "test/de/angebote/elterncafe/index.html").get_text(" ")
    for shown in ["Treffpunkt und Elterncafé", "Großeltern", "Türkisch", "Persisch"]:
        assert shown in page


def catalogue_labels(section: str) -> dict[str, str]:
    catalogue = yaml.safe_load((ROOT / "translations/de.yaml").read_text(encoding="utf-8"))
    return dict(catalogue[section])


@pytest.mark.parametrize(
    ("section", "field"),
    [("category", CategoryField), ("audience", AudienceField), ("partner_kind", PartnerKindField)],
)
def test_every_label_families_read_is_understood_as_its_code(section, field):
    """Each label of translations/de.yaml, whole or in its parts, lower case or without
    umlauts, means the code it labels."""
    adapter = TypeAdapter(field)
    for code, label in catalogue_labels(section).items():
        whole = label.split(" (")[0]
        spellings = {label, whole, *whole.split(" und "), label.lower(), label.upper()}
        spellings |= {s.replace("ß", "ss").replace("ä", "ae") for s in spellings}
        for spelling in spellings:
            assert adapter.validate_python(spelling) == code, (section, spelling)


def test_a_word_of_no_list_is_still_refused():
    with pytest.raises(ValidationError):
        TypeAdapter(CategoryField).validate_python("Kochen")


@pytest.mark.parametrize(
    ("line", "text", "suggestion"),
    [
        (3, offer_with().replace("[meeting]", "[Treffpukt]"), "meeting"),
        (5, offer_with(audience="[Großelten]"), "grandparents"),
        (5, offer_with(audience="Kleinkindr"), "toddlers"),
    ],
)
def test_a_misspelt_german_word_suggests_the_code(tmp_path, fzgen, line, text, suggestion):
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert_reported(result.err, OFFER, line, None, f"Meinten Sie „{suggestion}“?")


def test_a_misspelt_partner_kind_suggests_the_code(tmp_path, fzgen):
    site = SITE_YAML.replace("kind: kita", "kind: Beratungstelle")
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "check")
    assert_reported(
        result.err,
        "test/site.yaml",
        13,
        "partners → 1. Eintrag → kind",
        "Meinten Sie „counselling“?",
    )


# --- languages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"), [("Türkisch", "tr"), ("englisch", "en"), ("arabisch", "ar")]
)
def test_a_language_name_as_key_of_a_text_names_the_code(tmp_path, fzgen, name, code):
    """The key's own line, and the code to write instead."""
    text = OFFER_YAML.replace("  tr: Ebeveyn Kafesi", f"  {name}: Ebeveyn Kafesi")
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert_reported(
        result.err, OFFER, 3, "title", f"Meinten Sie „{code}“? Schreiben Sie das Kürzel „{code}“"
    )
    assert "sondern der Name einer Sprache" in result.err


def test_language_names_in_site_yaml_name_the_codes_and_nothing_else(tmp_path, fzgen):
    """The offers are read as if site.yaml had the codes: no second error follows from it."""
    site = SITE_YAML.replace("[de, en, tr]", "[Deutsch, en, türkisch]")
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert_reported(result.err, "test/site.yaml", 4, "languages → 1. Eintrag", "Meinten Sie „de“?")
    assert_reported(result.err, "test/site.yaml", 4, "languages → 3. Eintrag", "Meinten Sie „tr“?")
    assert "test/offers" not in result.err


def test_languages_of_an_offer_by_name(tmp_path, fzgen):
    names = (
        "[deutsch, Englisch, arabisch, Türkisch, ukrainisch, russisch, persisch, farsi, polnisch]"
    )
    assert check_offer(tmp_path, fzgen, offer_with(languages=names)).code == 0


def test_a_misspelt_language_suggests_the_code(tmp_path, fzgen):
    result = check_offer(tmp_path, fzgen, offer_with(languages="[de, englsh]"))
    assert_reported(
        result.err, OFFER, 5, "languages → 2. Eintrag", "Meinten Sie „en“? Sprachkürzel"
    )


# --- field names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "field", "suggestion"),
    [
        (offer_with(kinderbetreuung="ja"), 5, "kinderbetreuung", "childcare"),
        (offer_with(Barrierefrei="ja"), 5, "Barrierefrei", "accessible"),
        (offer_with(Kosten="free"), 5, "Kosten", "cost"),
        (
            offer_with(schedule="  - weekly: di\n    Uhrzeit: 9-11\n"),
            7,
            "schedule → 1. Eintrag → Uhrzeit",
            "time",
        ),
    ],
)
def test_a_german_field_name_suggests_the_field(tmp_path, fzgen, text, line, field, suggestion):
    result = check_offer(tmp_path, fzgen, text)
    assert_reported(result.err, OFFER, line, field, f"Meinten Sie „{suggestion}“?")


# --- schedule lines that lost their indentation ----------------------------------------


def test_time_at_column_one_belongs_under_schedule(tmp_path, fzgen):
    """Not "Meinten Sie title?": the line belongs to the entry above it."""
    text = offer_with(schedule="  - weekly: tuesday\ntime: 09:30-11:00\n")
    result = check_offer(tmp_path, fzgen, text)
    assert result.code == 1
    assert_reported(result.err, OFFER, 7, "time", "„time“ gehört zu einem Termin unter „schedule:“")
    assert "die Zeile „    time: 09:30-11:00“" in result.err
    assert "title" not in "\n".join(line for line in result.err.splitlines() if "Zeile 7" in line)
    assert "Meinten Sie „title“" not in result.err


def test_a_whole_entry_at_column_one_belongs_under_schedule(tmp_path, fzgen):
    text = offer_with(schedule="weekly: Dienstag\nUhrzeit: 9-11\nUntil: 2026-07-14\n")
    result = check_offer(tmp_path, fzgen, text)
    assert_reported(result.err, OFFER, 6, "weekly", "„  - weekly: Dienstag“")
    assert_reported(result.err, OFFER, 7, "Uhrzeit", "„    time: 9-11“")
    assert_reported(result.err, OFFER, 8, "Until", "„    until: 2026-07-14“")


def test_the_schedule_fields_known_outside_are_those_of_an_entry():
    aliases = {field.alias or name for name, field in ScheduleEntry.model_fields.items()}
    assert aliases == set(SCHEDULE_KINDS) | set(SCHEDULE_DETAILS)


def test_the_answers_in_english(tmp_path, fzgen):
    text = OFFER_YAML.replace("  tr: Ebeveyn", "  Turkish: Ebeveyn") + "time: 09:30-11:00\n"
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": text}))
    result = fzgen(tmp_path, "check", "--lang", "en")
    assert "“Turkish” is not a language code but the name of a language." in result.err
    assert "Did you mean “tr”?" in result.err
    assert "“time” belongs to an entry under “schedule:”" in result.err


# --- yes/no ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["wahr", "falsch", "Ja.", "keine", "Jawohl"])
def test_more_german_yes_and_no(tmp_path, fzgen, value):
    result = check_offer(tmp_path, fzgen, offer_with(childcare=value, interpreter=value))
    assert result.code == 0, result.err
