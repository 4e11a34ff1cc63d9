"""UI catalogues: every language has every key, the right plural forms, and what the theme uses."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel import Locale

from fzgen.content.easy import locale_code
from fzgen.content.model import Audience, Category, PartnerKind
from fzgen.pages.schedule import ORDINAL_KEYS, WEEKDAY_KEYS
from fzgen.theme.catalogue import load_catalogue, load_catalogues

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl", "ls"]
#: Texts only pages in Leichte Sprache show: German (their template) and `ls` have them.
EASY_ONLY = "easy."


def entries(language: str) -> dict:  # type: ignore[type-arg]
    found, problems = load_catalogue(ROOT / "translations" / f"{language}.yaml")
    assert not problems
    return found.entries


def placeholders(entry: object) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {name for text in texts for name in re.findall(r"\{(\w+)\}", str(text))}


def test_shipped_languages():
    assert sorted(p.stem for p in (ROOT / "translations").glob("*.yaml")) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_exactly_the_keys_of_german(language):
    german, catalogue = entries("de"), entries(language)
    if language not in ("de", "ls"):
        german = {key: entry for key, entry in german.items() if not key.startswith(EASY_ONLY)}
    assert sorted(catalogue) == sorted(german)
    for key, entry in catalogue.items():
        assert entry, key
        assert placeholders(entry) == placeholders(german[key]), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_follow_cldr(language):
    tags = set(Locale.parse(locale_code(language)).plural_form.tags) | {"other"}
    for key, entry in entries(language).items():
        if isinstance(entry, dict):
            assert set(entry) == tags, key


def used_keys() -> set[str]:
    """Keys the theme and the code name literally."""
    keys = set()
    for template in (ROOT / "themes/default/templates").rglob("*.html"):
        keys |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", template.read_text()))
        keys |= set(re.findall(r"""plural\(\s*["']([\w.]+)["']""", template.read_text()))
    for module in (ROOT / "fzgen").glob("*.py"):
        keys |= set(
            re.findall(r"""\bcat(?:\.markup|\.plural)?\(\s*["']([\w.]+)["']""", module.read_text())
        )
    return keys


def test_theme_and_code_use_only_existing_keys():
    german = entries("de")
    used = used_keys()
    assert len(used) > 50
    assert sorted(used - set(german)) == []


def test_composed_keys_exist():
    """Keys built from vocabularies and weekdays at run time."""
    german = entries("de")
    composed = {f"category.{c.value}" for c in Category}
    composed |= {f"audience.{a.value}" for a in Audience}
    composed |= {f"partner_kind.{k.value}" for k in PartnerKind}
    for day in WEEKDAY_KEYS:
        composed |= {
            f"weekday.{day}",
            f"weekday_weekly.{day}",
            f"weekday_monthly.{day}",
            f"weekday_gender.{day}",
        }
    composed |= {f"ordinal.{o}.{g}" for o in ORDINAL_KEYS.values() for g in "mfn"}
    assert sorted(composed - set(german)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_weekday_genders_are_m_f_or_n(language):
    catalogue = entries(language)
    assert {catalogue[f"weekday_gender.{day}"] for day in WEEKDAY_KEYS} <= {"m", "f", "n"}


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_a_date_ending_in_an_abbreviation_ends_the_sentence_once(language):
    """`3 грудня 2026 р.` closes the sentence itself: no page says `р..`."""
    cat = load_catalogues(ROOT / "translations", [language])[language]
    day = cat.date(dt.date(2026, 12, 3), "full")
    assert day.endswith(".")
    for text in (cat("notice.cancelled", date=day), str(cat.markup("notice.cancelled", date=day))):
        assert text.endswith(day) and ".." not in text
    german = load_catalogues(ROOT / "translations", ["de"])["de"]
    assert german("notice.cancelled", date="Donnerstag, 3. Dezember 2026").endswith("2026.")
