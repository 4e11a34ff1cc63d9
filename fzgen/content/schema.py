"""JSON Schemas of the content files, generated from the models, with German help for editors.

VS Code's YAML extension reads `# yaml-language-server: $schema=…` at the top of a
file and then completes and checks fields while the coordinator types.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from fzgen.content.model import (
    Address,
    Coordinator,
    Legal,
    Offer,
    PageMeta,
    Partner,
    Person,
    Registration,
    ScheduleEntry,
    Site,
)

SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "site.schema.json": Site,
    "offer.schema.json": Offer,
    "page.schema.json": PageMeta,
}

_TEXT = "Text, oder je Sprache eine Zeile darunter (de: …, tr: …)."

#: (title, description, examples) per model and field, as a coordinator reads them.
FIELD_HELP: dict[type[BaseModel], dict[str, tuple[str, str, list[Any]]]] = {
    Site: {
        "name": ("Name", f"Name des Familienzentrums. {_TEXT}", ["Familienzentrum Bad Oldesloe"]),
        "sozialraum": (
            "Sozialraum",
            f"Das Gebiet, für das das Familienzentrum da ist. {_TEXT}",
            ["Bad Oldesloe Nord und Süd"],
        ),
        "intro": (
            "Einleitung",
            "Begrüßung auf der Startseite, Markdown erlaubt.",
            ["Wir sind ein Verbund aus Kitas, Schule und Beratung …"],
        ),
        "languages": (
            "Sprachen",
            "Sprachen der Website; die erste ist die Ausgangssprache.",
            [["de", "en", "tr", "ar", "uk"]],
        ),
        "base_url": (
            "Internetadresse",
            "Adresse der fertigen Website, für Sitemap und Kalender.",
            ["https://fz-bad-oldesloe.example.org/"],
        ),
        "organisation": (
            "Träger",
            "Der Träger des Familienzentrums.",
            ["AWO Kreisverband Stormarn e.V."],
        ),
        "coordinator": ("Koordinationskraft", "Ansprechperson für den Sozialraum.", []),
        "partners": (
            "Netzwerk",
            "Die Einrichtungen des Verbunds: Kitas, Schulen, Beratungsstellen.",
            [],
        ),
        "legal": ("Impressum", "Angaben für Impressum und Datenschutz.", []),
        "max_file_mb": (
            "Größte Datei",
            "Dateien unter files/ dürfen höchstens so viele Megabyte groß sein (Standard: 20).",
            [20],
        ),
    },
    Coordinator: {
        "name": ("Name", "Vor- und Nachname.", ["Maria Beispiel"]),
        "role": ("Funktion", f"Zum Beispiel Koordinationskraft. {_TEXT}", ["Koordinationskraft"]),
        "email": ("E-Mail", "E-Mail-Adresse für Anfragen.", ["maria.beispiel@example.org"]),
        "phone": ("Telefon", "Telefonnummer in beliebiger Schreibweise.", ["+49 4531 000000"]),
        "office_hours": ("Sprechzeiten", _TEXT, ["Di und Do 9–12 Uhr"]),
        "address": ("Adresse", "Büroadresse.", []),
    },
    Partner: {
        "id": (
            "Kennung",
            "Kurzname aus a–z, 0–9 und -, auf den Angebote mit location verweisen.",
            ["kita-sonnenschein"],
        ),
        "name": ("Name", _TEXT, ["AWO Kita Sonnenschein"]),
        "kind": ("Art", "kita, school, counselling oder other.", ["kita"]),
        "address": ("Adresse", "Anschrift der Einrichtung.", []),
        "url": (
            "Website",
            "Vollständige Adresse mit https://.",
            ["https://kita-sonnenschein.example.org/"],
        ),
        "phone": ("Telefon", "Telefonnummer.", ["04531 000000"]),
        "description": ("Beschreibung", f"Kurze Vorstellung, Markdown erlaubt. {_TEXT}", []),
    },
    Legal: {
        "publisher": (
            "Anbieter",
            "Wer die Website verantwortet.",
            ["AWO Kreisverband Stormarn e.V."],
        ),
        "address": ("Anschrift", "Anschrift des Anbieters.", []),
        "represented_by": ("Vertreten durch", _TEXT, ["Vorstand: Max Beispiel"]),
        "email": ("E-Mail", "E-Mail-Adresse des Anbieters.", ["info@example.org"]),
        "phone": ("Telefon", "Telefonnummer des Anbieters.", ["04531 000000"]),
        "register": (
            "Registereintrag",
            "Zum Beispiel das Vereinsregister.",
            ["Vereinsregister Amtsgericht Lübeck VR 0000"],
        ),
        "responsible_for_content": (
            "Verantwortlich für den Inhalt",
            "Nach § 18 Abs. 2 MStV.",
            ["Maria Beispiel"],
        ),
        "privacy_contact": (
            "Datenschutzbeauftragte Person",
            "Name und Kontakt.",
            ["datenschutz@example.org"],
        ),
    },
    Address: {
        "name": ("Gebäude", "Optional, zum Beispiel der Name des Hauses.", ["Haus der Familie"]),
        "street": ("Straße", "Straße und Hausnummer.", ["Musterstraße 1"]),
        "postal_code": ("Postleitzahl", "Fünf Ziffern.", ["23843"]),
        "city": ("Ort", "Ort.", ["Bad Oldesloe"]),
    },
    Offer: {
        "title": ("Titel", f"Name des Angebots. {_TEXT}", ["Elterncafé"]),
        "summary": (
            "Kurzbeschreibung",
            f"Eine Zeile. {_TEXT}",
            ["Offener Treff für Eltern mit Kindern bis 3 Jahre"],
        ),
        "description": ("Beschreibung", f"Ausführlich, Markdown erlaubt. {_TEXT}", []),
        "categories": (
            "Themen",
            "meeting, baby, counselling, integration, health, learning, leisure.",
            [["meeting", "integration"]],
        ),
        "audience": (
            "Für wen",
            "expecting, parents, babies, toddlers, children, teens, families, grandparents.",
            [["parents", "babies"]],
        ),
        "languages": (
            "Sprachen des Angebots",
            "In welchen Sprachen das Angebot stattfindet (Kürzel).",
            [["de", "tr", "ar"]],
        ),
        "interpreter": ("Dolmetschen", "ja, wenn auf Wunsch jemand dolmetschen kann.", ["ja"]),
        "schedule": (
            "Termine",
            "Ein oder mehrere Einträge: weekly, monthly, date oder by_appointment.",
            [],
        ),
        "location": (
            "Ort",
            "Kennung eines Partners aus site.yaml oder eine Adresse.",
            ["kita-sonnenschein"],
        ),
        "room": ("Raum", _TEXT, ["Bewegungsraum"]),
        "cost": (
            "Kosten",
            "free (kostenlos) oder ein Text wie „3 € pro Termin“.",
            ["free", "3 € pro Termin"],
        ),
        "registration": ("Anmeldung", "Weglassen, wenn keine Anmeldung nötig ist.", []),
        "childcare": ("Kinderbetreuung", "ja, wenn Kinder betreut werden.", ["ja"]),
        "accessible": ("Stufenloser Zugang", "ja oder nein.", ["ja"]),
        "contact": ("Kontakt", "Ansprechperson; ohne Angabe die Koordinationskraft.", []),
        "image": ("Bild", "Pfad im Ordner files/.", ["files/elterncafe.jpg"]),
        "image_alt": (
            "Bildbeschreibung",
            f"Was auf dem Bild zu sehen ist (für Menschen, die nicht sehen). {_TEXT}",
            ["Eltern sitzen an einem Tisch"],
        ),
        "draft": ("Entwurf", "ja: wird nicht veröffentlicht.", ["ja"]),
    },
    ScheduleEntry: {
        "weekly": (
            "Wöchentlich",
            "Ein Wochentag oder eine Liste: tuesday, Dienstag, di …",
            ["tuesday", ["dienstag", "donnerstag"]],
        ),
        "monthly": (
            "Monatlich",
            "first, second, third, fourth oder last und ein Wochentag.",
            ["last wednesday"],
        ),
        "date": ("Einzeltermin", "Datum als JJJJ-MM-TT oder TT.MM.JJJJ.", ["2026-12-05"]),
        "by_appointment": ("Nach Vereinbarung", "ja: keine festen Zeiten.", ["ja"]),
        "time": ("Uhrzeit", "Beginn und Ende als SS:MM-SS:MM.", ["09:30-11:00"]),
        "from": ("Ab", "Erster Tag (Datum).", ["2026-01-13"]),
        "until": ("Bis", "Letzter Tag (Datum).", ["2026-07-14"]),
        "except": ("Außer", "Tage ohne das Angebot (Liste von Daten).", [["2026-03-31"]]),
    },
    Registration: {
        "required": ("Anmeldung nötig", "ja oder nein.", ["ja"]),
        "note": ("Hinweis", _TEXT, ["Bitte bis Freitag anmelden"]),
        "email": (
            "E-Mail für die Anmeldung",
            "Ohne Angabe die der Koordinationskraft.",
            ["anmeldung@example.org"],
        ),
    },
    Person: {
        "name": ("Name", "Vor- und Nachname.", ["Maria Beispiel"]),
        "email": ("E-Mail", "E-Mail-Adresse.", ["maria.beispiel@example.org"]),
        "phone": ("Telefon", "Telefonnummer.", ["04531 000000"]),
    },
    PageMeta: {
        "title": ("Titel", "Seitentitel in der Sprache der Datei.", ["Über uns"]),
        "menu": ("Menüplatz", "Zahl: die Seite erscheint im Menü, kleinere Zahlen zuerst.", [20]),
        "draft": ("Entwurf", "ja: wird nicht veröffentlicht.", ["ja"]),
    },
}

#: YAML editors read `23843` and `045310000` as numbers: fine for these fields.
_NUMBER_OK = {"postal_code", "phone"}
#: Fields where one value may stand for a list of one (`weekly: tuesday`).
_ONE_OR_MANY: dict[type[BaseModel], set[str]] = {
    Offer: {"categories", "audience", "languages", "schedule"},
    ScheduleEntry: {"weekly", "except"},
}


def _one_or_many(field: dict[str, Any]) -> None:
    options = field.pop("anyOf", None) or [
        {k: field.pop(k) for k in ("type", "items", "minItems") if k in field}
    ]
    arrays = [option for option in options if option.get("type") == "array"]
    singles = [array["items"] for array in arrays if "items" in array]
    field["anyOf"] = singles + options


def _document(properties: dict[str, Any], model: type[BaseModel]) -> None:
    for name, (title, description, examples) in FIELD_HELP.get(model, {}).items():
        if name not in properties:
            continue
        field = properties[name]
        field["title"] = title
        field["description"] = description
        if examples:
            field["examples"] = examples
        if name in _ONE_OR_MANY.get(model, set()):
            _one_or_many(field)
        if name in _NUMBER_OK:
            field.pop("type", None)
            field.pop("anyOf", None)
            field["anyOf"] = [{"type": "string"}, {"type": "integer"}, {"type": "null"}]


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one content file, with German titles, help and examples."""
    schema = model.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    by_name = {cls.__name__: cls for cls in FIELD_HELP}
    for name, definition in definitions.items():
        if name in by_name:
            _document(definition.get("properties", {}), by_name[name])
            definition["description"] = definition.get("description", "")
    _document(schema.get("properties", {}), model)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_files() -> dict[str, bytes]:
    """Every schema file by name, as deterministic JSON."""
    return {
        name: (
            json.dumps(json_schema(model), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ).encode()
        for name, model in SCHEMA_FILES.items()
    }
