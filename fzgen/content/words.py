"""German words where the format has English codes: the words coordinators type for the
closed vocabularies, for languages and for field names, and the codes they mean.

Every word is kept *folded* (`fold`): lower case, umlauts as ae/oe/ue, ß as ss, other
accents dropped, and nothing but letters and digits, so `Eltern-Café`, `elterncafe`
and `ELTERNCAFÉ` are one word. Pure lookups; the validators decide what to accept.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from babel import Locale

#: A word longer than this is not a typing slip of a word of a closed list (difflib
#: compares with the square of the length).
SIMILAR_UP_TO = 40

#: Umlauts decompose into the vowel and this mark, which German writes as `e` without them.
_DIAERESIS = "\u0308"


def _plain(text: str, diaeresis: str) -> str:
    """Accents dropped (a diaeresis written as `diaeresis`), only letters and digits kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).replace(_DIAERESIS, diaeresis)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def fold(text: str) -> str:
    """The form a word is compared in: `Großeltern` → `grosseltern`, `Café` → `cafe`."""
    return _plain(text, "e")


def fold_plain(text: str) -> str:
    """The other way umlauts are typed without the keys: `Türkisch` → `turkisch`."""
    return _plain(text, "")


# --- Closed vocabularies ------------------------------------------------------------
# The labels families see (translations/de.yaml, sections category, audience and
# partner_kind), each part of a label, and the singular/plural a coordinator types.

_VOCABULARIES: dict[str, dict[str, str]] = {
    "category": {
        "meeting": "treffpunkt treffpunkte treff treffs treffen elterncafe elterncafes "
        "cafe cafes begegnung begegnungen treffpunktundelterncafe",
        "baby": "babys babies kleinkind kleinkinder babyundkleinkind",
        "counselling": "counseling beratung beratungen",
        "integration": "integrationundsprache sprache sprachen",
        "health": "gesundheit bewegung gesundheitundbewegung",
        "learning": "kurs kurse bildung lernen kurseundbildung",
        "leisure": "freizeit fest feste feier feiern freizeitundfeste",
    },
    "audience": {
        "expecting": "werdendeeltern werdende schwangere schwangerschaft",
        "parents": "eltern elternteil elternteile muetter vaeter",
        "babies": "baby babys saeugling saeuglinge babys01jahr",
        "toddlers": "kleinkind kleinkinder kleinkinder13jahre",
        "children": "kind kinder kinder310jahre",
        "teens": "jugendliche jugendlicher jugend teenager",
        "families": "familie familien ganzefamilien",
        "grandparents": "grosseltern grosselternteil",
    },
    "partner_kind": {
        "kita": "kitas kindertagesstaette kindertagesstaetten",
        "school": "schule schulen",
        "counselling": "counseling beratungsstelle beratungsstellen beratung",
        "other": "weiterepartner weitere sonstige sonstiges andere anderes",
    },
    "status": {
        "active": "aktiv laeuft findetstatt normal",
        "paused": "pause pausiert ruht unterbrochen pausing",
        "ended": "beendet eingestellt vorbei abgeschlossen ende finished abgesagt cancelled",
    },
    "accessibility_status": {
        "full": "vollstaendig vollstaendigbarrierefrei vollstaendigvereinbar komplett voll "
        "barrierefrei erfuellt",
        "partial": "teilweise teilweisebarrierefrei teilweisevereinbar teils partiell",
        # The bare word is cut from the compound: as a literal, the wording test
        # (tests/test_wording.py) would take it for a German sentence.
        "none": "nichtbarrierefrei nichtvereinbar nein kein keine nichterfuellt "
        + "nichtbarrierefrei"[:5],
    },
}


@cache
def _vocabulary_index(vocabulary: str) -> Mapping[str, str]:
    words = _VOCABULARIES[vocabulary]
    index = {code: code for code in words}
    index.update((word, code) for code, names in words.items() for word in names.split())
    return MappingProxyType(index)


def vocabulary_code(vocabulary: str, value: str) -> str | None:
    """The code of `vocabulary` ("category", "audience", "partner_kind", ...) that `value`
    names, as code or German word in any case and spelling of umlauts; else None."""
    return _vocabulary_index(vocabulary).get(fold(value))


def similar_code(vocabulary: str, value: str) -> str | None:
    """The code whose code or German word is closest to `value`, if one is close."""
    return _closest(fold(value), _vocabulary_index(vocabulary))


def _closest(word: str, index: Mapping[str, str]) -> str | None:
    close = difflib.get_close_matches(word[:SIMILAR_UP_TO], list(index), n=1, cutoff=0.6)
    return index[close[0]] if close else None


# --- Languages -----------------------------------------------------------------------

#: Names of languages in use among families that CLDR does not give (or not as typed).
_LANGUAGE_ALIASES = {"farsi": "fa", "dari": "fa", "paschto": "ps", "kurmandschi": "ku"}


@cache
def language_codes() -> frozenset[str]:
    """ISO 639-1 codes that CLDR can name (two letters)."""
    return frozenset(str(code) for code in Locale("en").languages if len(str(code)) == 2)


@cache
def _language_index() -> Mapping[str, str]:
    """Folded German and English language names → code; a name two codes share is left out."""
    found: dict[str, set[str]] = {}
    for locale in (Locale("de"), Locale("en")):
        for code, name in locale.languages.items():
            if code in language_codes():
                for word in {fold(name), fold_plain(name)}:
                    found.setdefault(word, set()).add(code)
    index = {word: next(iter(codes)) for word, codes in found.items() if len(codes) == 1}
    index.update(_LANGUAGE_ALIASES)
    return MappingProxyType(index)


def language_of_name(value: str) -> str | None:
    """The code of a language named in German or English (`Türkisch`, `arabic`), or None."""
    index = _language_index()
    return index.get(fold(value)) or index.get(fold_plain(value))


def similar_language(value: str) -> str | None:
    """The code whose German or English name is closest to `value`, if one is close."""
    return _closest(fold(value), _language_index())


# --- Field names ---------------------------------------------------------------------
# German words for the fields, as a coordinator reaches for them; a word may name
# different fields in different places (`ort` is an offer's location, an address's city).

_FIELD_WORDS: dict[str, str] = {
    "titel": "title",
    "ueberschrift": "title",
    "kurzbeschreibung": "summary",
    "zusammenfassung": "summary",
    "kurztext": "summary",
    "beschreibung": "description",
    "kategorie": "categories",
    "kategorien": "categories",
    "thema": "categories",
    "themen": "categories",
    "zielgruppe": "audience",
    "zielgruppen": "audience",
    "fuerwen": "audience",
    "sprache": "languages",
    "sprachen": "languages",
    "dolmetscher": "interpreter",
    "dolmetschen": "interpreter",
    "dolmetscherin": "interpreter",
    "termin": "schedule",
    "termine": "schedule",
    "zeiten": "schedule",
    "ort": "location city",
    "adresse": "address location",
    "anschrift": "address location",
    "raum": "room",
    "kosten": "cost",
    "preis": "cost",
    "gebuehr": "cost",
    "anmeldung": "registration",
    "kinderbetreuung": "childcare",
    "betreuung": "childcare",
    "barrierefrei": "accessible accessibility",
    "barrierefreiheit": "accessibility",
    "erklaerungzurbarrierefreiheit": "accessibility",
    "einschraenkungen": "known_limits",
    "nichtbarrierefrei": "known_limits",
    "geprueft": "last_checked",
    "zuletztgeprueft": "last_checked",
    "rueckmeldung": "feedback",
    "schlichtungsstelle": "enforcement",
    "durchsetzung": "enforcement",
    "stufenlos": "accessible",
    "rollstuhlgerecht": "accessible",
    "kontakt": "contact",
    "ansprechpartner": "contact",
    "ansprechpartnerin": "contact",
    "ansprechperson": "contact",
    "bild": "image",
    "foto": "image",
    "bildbeschreibung": "image_alt",
    "alttext": "image_alt",
    "entwurf": "draft",
    "woechentlich": "weekly",
    "jedewoche": "weekly",
    "monatlich": "monthly",
    "datum": "date",
    "nachvereinbarung": "by_appointment",
    "zeit": "time",
    "uhrzeit": "time",
    "uhrzeiten": "time",
    "von": "from",
    "ab": "from",
    "beginn": "from",
    "bis": "until",
    "ende": "until",
    "ausser": "except",
    "ausnahmen": "except",
    "strasse": "street",
    "plz": "postal_code",
    "postleitzahl": "postal_code",
    "stadt": "city",
    "telefon": "phone",
    "tel": "phone",
    "telefonnummer": "phone",
    "mail": "email",
    "webseite": "url",
    "internetseite": "url",
    "homepage": "url",
    "art": "kind",
    "typ": "kind",
    "kennung": "id",
    "sprechzeiten": "office_hours",
    "rolle": "role",
    "funktion": "role",
    "koordination": "coordinator",
    "koordinator": "coordinator",
    "koordinatorin": "coordinator",
    "impressum": "legal",
    "traeger": "organisation",
    "einleitung": "intro",
    "pflicht": "required",
    "alle": "every",
    "rhythmus": "every",
    "turnus": "every",
    "intervall": "every",
    "abstand": "every",
    "abgesagt": "cancelled except",
    "absage": "cancelled",
    "absagen": "cancelled",
    "faelltaus": "cancelled except",
    "faellt": "cancelled",
    "ausgefallen": "cancelled except",
    "ausfall": "except cancelled",
    "ausfaelle": "cancelled except",
    "geaendert": "changed",
    "aenderung": "changed",
    "aenderungen": "changed",
    "verlegt": "changed",
    "verschoben": "changed",
    "zustand": "status",
    "statushinweis": "status_note",
    "schliesstage": "closures",
    "schliesszeiten": "closures",
    "schliessung": "closures",
    "schliessungen": "closures",
    "geschlossen": "closures",
    "ferien": "closures",
    "feiertage": "public_holidays",
    "bundesland": "public_holidays",
    "anfeiertagen": "on_holidays",
    "auchanfeiertagen": "on_holidays",
    "grund": "reason",
    "begruendung": "reason",
}


def field_of_word(word: str, allowed: Iterable[str]) -> str | None:
    """The field of `allowed` that a German word for a field names, if any."""
    names = _FIELD_WORDS.get(fold(word), "").split()
    allowed_names = set(allowed)
    return next((name for name in names if name in allowed_names), None)


def field_word(word: str) -> str | None:
    """The first field a German word for a field names, wherever it stands."""
    names = _FIELD_WORDS.get(fold(word), "").split()
    return names[0] if names else None


# --- Fields of a schedule entry written outside `schedule` -----------------------------

#: The fields of a schedule entry (`ScheduleEntry`): those that start one, with an example
#: value each, then those that go with them.
SCHEDULE_KINDS = {
    "weekly": "tuesday",
    "monthly": "first wednesday",
    "date": "2026-12-05",
    "by_appointment": "ja",
}
SCHEDULE_DETAILS = {
    "time": "09:30-11:00",
    "every": "2",
    "from": "2026-01-13",
    "until": "2026-07-14",
    "except": "[2026-03-31]",
}
_SCHEDULE_FIELDS = {fold(name): name for name in (*SCHEDULE_KINDS, *SCHEDULE_DETAILS)}
#: A value longer than this is not repeated as the example of the fixed line.
_EXAMPLE_UP_TO = 40


def schedule_field_outside(
    name: str, allowed: Iterable[str], value: object
) -> tuple[str, dict[str, str]] | None:
    """The message code and values for a schedule entry's field (or a German word for one)
    written where `schedule` itself may stand, as a line that lost its indentation."""
    allowed_names = set(allowed)
    field = _SCHEDULE_FIELDS.get(fold(name)) or field_word(name)
    if "schedule" not in allowed_names or field is None or field in allowed_names:
        return None
    if field in SCHEDULE_KINDS:
        code, example = "schedule_kind_outside", SCHEDULE_KINDS[field]
    elif field in SCHEDULE_DETAILS:
        code, example = "schedule_field_outside", SCHEDULE_DETAILS[field]
    else:
        return None
    if (
        isinstance(value, str)
        and value.strip()
        and len(value) <= _EXAMPLE_UP_TO
        and "\n" not in value
    ):
        example = value.strip()
    return code, {"name": name, "field": field, "example": example}


# --- The German Länder, for public holidays ---------------------------------------------

_LAENDER = {
    "BB": "brandenburg", "BE": "berlin", "BW": "badenwuerttemberg", "BY": "bayern bavaria",
    "HB": "bremen", "HE": "hessen hesse", "HH": "hamburg", "MV": "mecklenburgvorpommern",
    "NI": "niedersachsen lowersaxony", "NW": "nordrheinwestfalen nrw northrhinewestphalia",
    "RP": "rheinlandpfalz rhinelandpalatinate", "SH": "schleswigholstein", "SL": "saarland",
    "SN": "sachsen saxony", "ST": "sachsenanhalt saxonyanhalt", "TH": "thueringen thuringia",
}  # fmt: skip
_LAND_INDEX = {name: code for code, names in _LAENDER.items() for name in names.split()}


def holiday_land(value: str) -> str | None:
    """The code of a German Land named in German or English (`Schleswig-Holstein`), or None."""
    return _LAND_INDEX.get(fold(value))
