"""The wording of every diagnostic, in German (default) and English.

Each code has a problem sentence and a fix sentence per language. Placeholders
come from the diagnostic's params plus `found` (what was written) and `field`.
"""

from __future__ import annotations

import errno
import unicodedata
from collections.abc import Mapping

from babel import Locale
from babel.numbers import format_decimal

from fzgen.errors import Diagnostic

Wording = Mapping[str, tuple[str, str]]

MESSAGES: dict[str, Wording] = {
    # --- Files and YAML -------------------------------------------------------
    "yaml_syntax": {
        "de": (
            "Die Datei ist kein gültiges YAML ({detail}).",
            "Prüfen Sie die Zeile und die darüber: Einrückung mit Leerzeichen, nach jedem "
            "Feldnamen ein Doppelpunkt und ein Leerzeichen; Text mit Doppelpunkt oder "
            "# in Anführungszeichen setzen.",
        ),
        "en": (
            "The file is not valid YAML ({detail}).",
            "Check this line and the one above: indent with spaces, a colon and a space after "
            "every field name; put text containing a colon or # in quotes.",
        ),
    },
    "yaml_tab": {
        "de": (
            "Die Zeile ist mit einem Tabulator eingerückt.",
            "Rücken Sie nur mit Leerzeichen ein (zwei pro Ebene).",
        ),
        "en": ("The line is indented with a tab.", "Indent with spaces only (two per level)."),
    },
    "yaml_duplicate_key": {
        "de": (
            "Das Feld „{key}“ steht zweimal in derselben Gruppe.",
            "Löschen Sie eines der beiden oder führen Sie sie zusammen.",
        ),
        "en": (
            "The field “{key}” appears twice in the same group.",
            "Delete one of them or merge them.",
        ),
    },
    "yaml_recursive_alias": {
        "de": (
            "Ein Verweis (*name) zeigt auf sich selbst.",
            "Schreiben Sie den Wert aus, statt auf ihn zu verweisen.",
        ),
        "en": ("An alias (*name) refers to itself.", "Write the value out instead."),
    },
    "yaml_control_character": {
        "de": (
            "Hier steht ein unsichtbares Steuerzeichen ({character}), das in Texten nicht "
            "vorkommen darf (oft beim Kopieren aus Word oder PDF mitgekommen).",
            "Löschen Sie die Stelle und tippen Sie den Text dort neu.",
        ),
        "en": (
            "There is an invisible control character ({character}) here, which texts may not "
            "hold (often copied along from Word or a PDF).",
            "Delete that spot and type the text again.",
        ),
    },
    "yaml_key_case": {
        "de": (
            "„{key}“ steht in derselben Gruppe schon als „{other}“; Feldnamen und Sprachkürzel "
            "werden klein geschrieben.",
            "Führen Sie beide zusammen und schreiben Sie den Namen klein, z. B. „de:“.",
        ),
        "en": (
            "“{key}” appears in the same group already as “{other}”; field names and language "
            "codes are written in lowercase.",
            "Merge both and write the name in lowercase, e.g. “de:”.",
        ),
    },
    "yaml_complex_key": {
        "de": ("Ein Feldname ist kein einfacher Text.", "Feldnamen sind einzelne Wörter."),
        "en": ("A field name is not plain text.", "Field names are single words."),
    },
    "yaml_too_large": {
        "de": (
            "Die Verweise (&name / *name) dieser Datei ergeben über 200.000 Werte.",
            "Schreiben Sie die Werte aus; Verweise sind für Inhalte nicht nötig.",
        ),
        "en": (
            "The aliases (&name / *name) of this file expand to over 200,000 values.",
            "Write the values out; content needs no aliases.",
        ),
    },
    "yaml_too_deep": {
        "de": ("Die Datei ist zu tief verschachtelt.", "Verwenden Sie die Felder wie beschrieben."),
        "en": ("The file is nested too deeply.", "Use the fields as documented."),
    },
    "file_empty": {
        "de": (
            "Die Datei ist leer.",
            "Füllen Sie die Pflichtfelder aus oder löschen Sie die Datei.",
        ),
        "en": ("The file is empty.", "Fill in the required fields or delete the file."),
    },
    "file_not_mapping": {
        "de": (
            "Die Datei enthält {kind_de} statt Feldern.",
            "Jede Zeile oben in der Datei beginnt mit einem Feldnamen, z. B. „title: Elterncafé“.",
        ),
        "en": (
            "The file holds a {kind} instead of fields.",
            "Each top-level line starts with a field name, e.g. “title: Parents' café”.",
        ),
    },
    "file_encoding": {
        "de": (
            "Die Datei ist nicht als UTF-8 gespeichert (Zeichen Nr. {offset} ist unlesbar).",
            "Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“.",
        ),
        "en": (
            "The file is not saved as UTF-8 (byte {offset} cannot be read).",
            "Save the file in your editor with the encoding “UTF-8”.",
        ),
    },
    "file_unreadable": {
        "de": ("Die Datei kann nicht gelesen werden ({detail}).", "Prüfen Sie die Dateirechte."),
        "en": ("The file cannot be read ({detail}).", "Check the file permissions."),
    },
    "link_outside": {
        "de": (
            "„{name}“ ist eine Verknüpfung nach „{target}“, außerhalb des Ordners der Website; "
            "fzgen liest nichts außerhalb der Website.",
            "Kopieren Sie die Dateien in den Ordner der Website und löschen Sie die Verknüpfung.",
        ),
        "en": (
            "“{name}” is a link to “{target}”, outside the site's folder; fzgen reads nothing "
            "outside the site.",
            "Copy the files into the site's folder and delete the link.",
        ),
    },
    "file_name_unsafe": {
        "de": (
            "Der Dateiname „{name}“ enthält ein Steuerzeichen, einen Zeilenumbruch oder einen "
            "umgekehrten Schrägstrich (\\); so ein Name lässt sich im Internet nicht abrufen.",
            "Benennen Sie die Datei um: Buchstaben, Ziffern, Bindestriche und Punkte genügen.",
        ),
        "en": (
            "The file name “{name}” contains a control character, a line break or a backslash "
            "(\\); no web server serves such a name.",
            "Rename the file: letters, digits, hyphens and dots are enough.",
        ),
    },
    "file_too_large": {
        "de": (
            "Die Datei ist {size} MB groß; erlaubt sind {limit} MB, denn viele Familien sind mit "
            "wenig mobilem Datenvolumen unterwegs.",
            "Verkleinern Sie die Datei (PDF komprimieren, Bild verkleinern) oder erhöhen Sie die "
            "Grenze in site.yaml, z. B. „max_file_mb: 50“.",
        ),
        "en": (
            "The file is {size} MB; {limit} MB are allowed, since many families have little "
            "mobile data.",
            "Make the file smaller (compress the PDF, scale the image) or raise the limit in "
            "site.yaml, e.g. “max_file_mb: 50”.",
        ),
    },
    "ui_placeholder": {
        "de": (
            "Der Oberflächentext „{key}“ enthält „{placeholder}“; Platzhalter sind nur einfache "
            "Namen in geschweiften Klammern.",
            "Schreiben Sie den Platzhalter wie im deutschen Text, z. B. {{name}}; eine "
            "geschweifte Klammer als Zeichen wird verdoppelt: {{{{ oder }}}}.",
        ),
        "en": (
            "The interface text “{key}” contains “{placeholder}”; placeholders are plain names "
            "in curly braces only.",
            "Write the placeholder as in the German text, e.g. {{name}}; a literal brace is "
            "doubled: {{{{ or }}}}.",
        ),
    },
    "ui_placeholder_unknown": {
        "de": (
            "Der Oberflächentext „{key}“ verwendet den Platzhalter „{placeholder}“, den es für "
            "diesen Text nicht gibt.",
            "Möglich sind hier: {allowed}. Schreiben Sie den Platzhalter wie im deutschen Text "
            "oder lassen Sie ihn weg.",
        ),
        "en": (
            "The interface text “{key}” uses the placeholder “{placeholder}”, which this text "
            "does not have.",
            "Possible here: {allowed}. Write it as in the German text or leave it out.",
        ),
    },
    "catalogue_not_mapping": {
        "de": (
            "Der Sprachkatalog ist keine Gruppe von Texten.",
            "Ein Katalog besteht aus Zeilen „name: Text“, gruppiert wie in de.yaml.",
        ),
        "en": (
            "The language catalogue is not a group of texts.",
            "A catalogue consists of lines “name: text”, grouped as in de.yaml.",
        ),
    },
    "file_name": {
        "de": (
            "Der Dateiname „{name}“ ist nicht erlaubt.",
            "Verwenden Sie nur Kleinbuchstaben a–z, Ziffern und Bindestriche, ohne Umlaute "
            "und Leerzeichen, z. B. „eltern-cafe{suffix}“.",
        ),
        "en": (
            "The file name “{name}” is not allowed.",
            "Use only lowercase a–z, digits and hyphens, no spaces, e.g. “parents-cafe{suffix}”.",
        ),
    },
    "file_unexpected": {
        "de": (
            "Die Datei „{name}“ gehört hier nicht hin und wird nicht verwendet.",
            "{hint}",
        ),
        "en": ("The file “{name}” does not belong here and is not used.", "{hint}"),
    },
    "site_yaml_missing": {
        "de": (
            "Im Ordner der Website fehlt die Datei site.yaml.",
            "Legen Sie site.yaml an (Vorlage: fzgen new) oder benennen Sie den Ordner mit "
            "„_“ am Anfang um, damit er übersprungen wird.",
        ),
        "en": (
            "The site folder has no site.yaml.",
            "Create site.yaml (template: fzgen new) or prefix the folder name with “_” to skip it.",
        ),
    },
    "no_sites": {
        "de": (
            "Im Inhaltsordner ist keine Website.",
            "Legen Sie eine an mit „fzgen new <name>“.",
        ),
        "en": ("The content folder holds no site.", "Create one with “fzgen new <name>”."),
    },
    "front_matter_missing": {
        "de": (
            "Die Seite beginnt nicht mit einem Kopfbereich zwischen zwei Zeilen „---“.",
            "Schreiben Sie ganz oben: ---, dann „title: Seitentitel“, dann wieder ---.",
        ),
        "en": (
            "The page does not start with a header between two “---” lines.",
            "Start the file with ---, then “title: Page title”, then --- again.",
        ),
    },
    "front_matter_unclosed": {
        "de": (
            "Der Kopfbereich der Seite wird nicht mit „---“ geschlossen.",
            "Setzen Sie nach den Feldern des Kopfbereichs eine Zeile mit „---“.",
        ),
        "en": ("The page header is not closed with “---”.", "Add a line “---” after the header."),
    },
    "offer_slug_repeated": {
        "de": (
            "Das Angebot „{name}“ gibt es zweimal (als .yaml und als .yml).",
            "Löschen Sie eine der beiden Dateien oder benennen Sie eine um.",
        ),
        "en": (
            "The offer “{name}” exists twice (.yaml and .yml).",
            "Delete or rename one of them.",
        ),
    },
    "page_slug_reserved": {
        "de": (
            "Der Seitenname „{name}“ ist schon für eine feste Seite der Website vergeben.",
            "Wählen Sie einen anderen Dateinamen. Vergeben sind: {reserved}.",
        ),
        "en": (
            "The page name “{name}” is taken by a built-in page of the site.",
            "Choose another file name. Taken: {reserved}.",
        ),
    },
    "page_source_missing": {
        "de": (
            "Zur Übersetzung „{name}“ fehlt die Seite in der Ausgangssprache ({source}).",
            "Legen Sie „{expected}“ an oder prüfen Sie die Schreibweise des Dateinamens.",
        ),
        "en": (
            "The translation “{name}” has no page in the source language ({source}).",
            "Create “{expected}” or check the spelling of the file name.",
        ),
    },
    "page_language_unknown": {
        "de": (
            "Die Sprache „{language}“ im Dateinamen ist keine Sprache dieser Website.",
            "Erlaubt sind: {languages}. Ergänzen Sie „languages“ in site.yaml oder "
            "benennen Sie die Datei um.",
        ),
        "en": (
            "The language “{language}” in the file name is not a language of this site.",
            "Allowed: {languages}. Add it to “languages” in site.yaml or rename the file.",
        ),
    },
    "page_source_language_suffix": {
        "de": (
            "„{name}“ trägt die Ausgangssprache im Namen.",
            "Seiten in der Ausgangssprache heißen ohne Sprachkürzel, also „{expected}“.",
        ),
        "en": (
            "“{name}” carries the source language in its name.",
            "Pages in the source language have no language suffix: “{expected}”.",
        ),
    },
    # --- Fields ---------------------------------------------------------------
    "missing": {
        "de": ("Das Pflichtfeld „{name}“ fehlt.", "Ergänzen Sie „{name}: …“{where}."),
        "en": ("The required field “{name}” is missing.", "Add “{name}: …”{where}."),
    },
    "unknown_field": {
        "de": ("Das Feld „{name}“ gibt es hier nicht.", "{suggestion}"),
        "en": ("There is no field “{name}” here.", "{suggestion}"),
    },
    "expected_text": {
        "de": ("Hier wird ein Text erwartet, gefunden: {found_kind}.", "Schreiben Sie einen Text."),
        "en": ("Text is expected here, found: {found_kind}.", "Write a text."),
    },
    "expected_list": {
        "de": (
            "Hier wird eine Liste erwartet, gefunden: {found_kind}.",
            "Schreiben Sie die Werte in eckige Klammern, z. B. [de, tr], oder je Zeile „- wert“.",
        ),
        "en": (
            "A list is expected here, found: {found_kind}.",
            "Write the values in brackets, e.g. [de, tr], or one “- value” per line.",
        ),
    },
    "expected_mapping": {
        "de": (
            "Hier werden eingerückte Felder erwartet, gefunden: {found_kind}.",
            "Schreiben Sie die Felder eingerückt darunter, z. B. „  name: …“.",
        ),
        "en": (
            "Indented fields are expected here, found: {found_kind}.",
            "Write the fields indented below, e.g. “  name: …”.",
        ),
    },
    "expected_number": {
        "de": ("„{found}“ ist keine ganze Zahl.", "Schreiben Sie eine Zahl, z. B. 10."),
        "en": ("“{found}” is not a whole number.", "Write a number, e.g. 10."),
    },
    "too_short": {
        "de": ("Die Liste ist leer.", "Tragen Sie mindestens einen Wert ein."),
        "en": ("The list is empty.", "Enter at least one value."),
    },
    "invalid": {
        "de": ("Der Wert ist ungültig ({detail}).", "Prüfen Sie den Wert."),
        "en": ("The value is invalid ({detail}).", "Check the value."),
    },
    "slug": {
        "de": (
            "„{value}“ ist als Kennung nicht erlaubt.",
            "Verwenden Sie nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. kita-sonnenschein.",
        ),
        "en": (
            "“{value}” is not allowed as an id.",
            "Use only lowercase a–z, digits and hyphens, e.g. kita-sunshine.",
        ),
    },
    "language_code": {
        "de": (
            "„{value}“ ist kein Sprachkürzel.",
            "Verwenden Sie das zweibuchstabige Kürzel nach ISO 639-1, z. B. de, en, tr, ar, uk, fa.",
        ),
        "en": (
            "“{value}” is not a language code.",
            "Use the two-letter ISO 639-1 code, e.g. de, en, tr, ar, uk, fa.",
        ),
    },
    "language_repeated": {
        "de": (
            "Die Sprache „{language}“ steht mehrfach in der Liste.",
            "Nennen Sie jede Sprache einmal.",
        ),
        "en": ("The language “{language}” is listed more than once.", "List each language once."),
    },
    "language_no_catalogue": {
        "de": (
            "Für die Sprache „{language}“ gibt es keine Übersetzung der Website-Texte.",
            "Verfügbar sind: {available}. Für eine neue Sprache muss translations/{language}.yaml "
            "angelegt werden (Vorlage: translations/de.yaml).",
        ),
        "en": (
            "There is no catalogue of the site's interface texts for “{language}”.",
            "Available: {available}. A new language needs translations/{language}.yaml "
            "(template: translations/de.yaml).",
        ),
    },
    "yes_no": {
        "de": (
            "„{found}“ ist weder ja noch nein.",
            "Schreiben Sie ja oder nein (oder true/false, yes/no).",
        ),
        "en": ("“{found}” is neither yes nor no.", "Write yes or no (or true/false, ja/nein)."),
    },
    "text_empty": {
        "de": ("Der Text ist leer.", "Schreiben Sie einen Text oder lassen Sie das Feld weg."),
        "en": ("The text is empty.", "Write a text or leave the field out."),
    },
    "text_type": {
        "de": (
            "Hier wird ein Text erwartet, gefunden: {found_kind}.",
            "Schreiben Sie den Text direkt hinter den Doppelpunkt, oder je Sprache eine Zeile "
            "darunter, z. B. „  de: Elterncafé“.",
        ),
        "en": (
            "Text is expected here, found: {found_kind}.",
            "Write the text after the colon, or one indented line per language, e.g. “  en: Café”.",
        ),
    },
    "text_language": {
        "de": (
            "Die Sprache „{language}“ ist keine Sprache dieser Website.",
            "Erlaubt sind: {languages}. Ergänzen Sie „languages“ in site.yaml oder "
            "entfernen Sie diese Übersetzung.",
        ),
        "en": (
            "The language “{language}” is not a language of this site.",
            "Allowed: {languages}. Add it to “languages” in site.yaml or remove this translation.",
        ),
    },
    "text_value_type": {
        "de": (
            "Die Übersetzung „{language}“ ist kein Text.",
            "Schreiben Sie den Text hinter „{language}:“.",
        ),
        "en": ("The “{language}” translation is not text.", "Write the text after “{language}:”."),
    },
    "text_value_empty": {
        "de": (
            "Die Übersetzung „{language}“ ist leer.",
            "Schreiben Sie den Text oder löschen Sie die Zeile „{language}:“.",
        ),
        "en": ("The “{language}” translation is empty.", "Write it or delete the line."),
    },
    "text_source_missing": {
        "de": (
            "Der Text in der Ausgangssprache ({source}) fehlt.",
            "Ergänzen Sie eine Zeile „{source}: …“: sie ist die Vorlage aller Übersetzungen.",
        ),
        "en": (
            "The text in the source language ({source}) is missing.",
            "Add a line “{source}: …”: every translation is based on it.",
        ),
    },
    "email": {
        "de": (
            "„{value}“ ist keine gültige E-Mail-Adresse.",
            "Schreiben Sie sie wie name@beispiel.de.",
        ),
        "en": ("“{value}” is not a valid e-mail address.", "Write it like name@example.org."),
    },
    "phone": {
        "de": (
            "„{value}“ ist keine Telefonnummer.",
            "Erlaubt sind Ziffern, Leerzeichen, +, -, / und Klammern, z. B. +49 4531 000000.",
        ),
        "en": (
            "“{value}” is not a phone number.",
            "Use digits, spaces, +, -, / and brackets, e.g. +49 4531 000000.",
        ),
    },
    "postal_code": {
        "de": (
            "„{value}“ ist keine Postleitzahl.",
            "Eine Postleitzahl hat genau fünf Ziffern, z. B. 23843.",
        ),
        "en": (
            "“{value}” is not a postal code.",
            "A postal code has exactly five digits, e.g. 23843.",
        ),
    },
    "url": {
        "de": (
            "„{value}“ ist keine vollständige Internetadresse.",
            "Schreiben Sie sie mit https:// am Anfang, z. B. https://www.beispiel.de/.",
        ),
        "en": ("“{value}” is not a complete web address.", "Start it with https://."),
    },
    "url_characters": {
        "de": (
            "„{value}“ enthält Zeichen, die in einer Internetadresse nicht vorkommen dürfen "
            "(Leerzeichen, Zeilenumbrüche, Anführungszeichen, spitze Klammern, Umlaute).",
            "Kopieren Sie die Adresse aus der Adresszeile des Browsers, z. B. "
            "https://www.beispiel.de/seite/.",
        ),
        "en": (
            "“{value}” contains characters a web address may not hold (blanks, line breaks, "
            "quotes, angle brackets, umlauts).",
            "Copy the address from the browser's address bar, e.g. https://www.example.org/page/.",
        ),
    },
    "base_url_query": {
        "de": (
            "„{value}“ enthält „?“ oder „#“; die Adresse der Website ist nur Server und Ordner.",
            "Lassen Sie alles ab „?“ oder „#“ weg, z. B. https://fz-beispiel.de/.",
        ),
        "en": (
            "“{value}” contains “?” or “#”; the site's address is only server and folder.",
            "Leave out everything from “?” or “#” on, e.g. https://fz-example.org/.",
        ),
    },
    "file_reference": {
        "de": (
            "„{value}“ ist kein Pfad im Ordner files/.",
            "Legen Sie die Datei in den Ordner files/ der Website und schreiben Sie z. B. "
            "files/elterncafe.jpg.",
        ),
        "en": (
            "“{value}” is not a path in the files/ folder.",
            "Put the file into the site's files/ folder and write e.g. files/cafe.jpg.",
        ),
    },
    "file_not_found": {
        "de": (
            "Die Datei „{value}“ gibt es nicht.",
            "Legen Sie sie in den Ordner files/ der Website oder prüfen Sie die Schreibweise "
            "(Groß- und Kleinschreibung zählt).",
        ),
        "en": (
            "The file “{value}” does not exist.",
            "Put it into the site's files/ folder or check the spelling (case matters).",
        ),
    },
    "weekday": {
        "de": (
            "„{value}“ ist kein Wochentag.",
            "Schreiben Sie den Wochentag aus oder kurz, z. B. dienstag, di, tuesday.",
        ),
        "en": ("“{value}” is not a weekday.", "Write the weekday, e.g. tuesday, tue, Dienstag."),
    },
    "weekly_empty": {
        "de": ("Die Liste der Wochentage ist leer.", "Nennen Sie mindestens einen Wochentag."),
        "en": ("The list of weekdays is empty.", "Name at least one weekday."),
    },
    "monthly": {
        "de": (
            "„{value}“ ist keine monatliche Regel.",
            "Schreiben Sie „first“, „second“, „third“, „fourth“ oder „last“ und einen Wochentag, "
            "z. B. „last wednesday“ (auch: „letzter Mittwoch“).",
        ),
        "en": (
            "“{value}” is not a monthly rule.",
            "Write first, second, third, fourth or last and a weekday, e.g. “last wednesday”.",
        ),
    },
    "time_format": {
        "de": (
            "„{value}“ ist keine Uhrzeit von–bis.",
            "Schreiben Sie Beginn und Ende als SS:MM-SS:MM, z. B. 09:30-11:00.",
        ),
        "en": (
            "“{value}” is not a time range.",
            "Write start and end as HH:MM-HH:MM, e.g. 09:30-11:00.",
        ),
    },
    "time_order": {
        "de": (
            "Bei „{value}“ liegt das Ende nicht nach dem Beginn.",
            "Das Ende muss später sein als der Beginn, z. B. 09:30-11:00.",
        ),
        "en": (
            "In “{value}” the end is not after the start.",
            "The end must be later, e.g. 09:30-11:00.",
        ),
    },
    "time_missing": {
        "de": (
            "Bei einem Termin „{kind}“ fehlt die Uhrzeit.",
            "Ergänzen Sie z. B. „time: 09:30-11:00“.",
        ),
        "en": ("A “{kind}” entry has no time.", "Add e.g. “time: 09:30-11:00”."),
    },
    "date_format": {
        "de": (
            "„{value}“ ist kein Datum.",
            "Schreiben Sie das Datum als JJJJ-MM-TT, z. B. 2026-03-31.",
        ),
        "en": ("“{value}” is not a date.", "Write the date as YYYY-MM-DD, e.g. 2026-03-31."),
    },
    "date_invalid": {
        "de": ("Den Tag „{value}“ gibt es im Kalender nicht.", "Prüfen Sie Tag und Monat."),
        "en": ("The day “{value}” does not exist.", "Check day and month."),
    },
    "date_year": {
        "de": (
            "Das Jahr von „{value}“ liegt nicht zwischen {earliest} und {latest}.",
            "Prüfen Sie die Jahreszahl, z. B. 2027-03-31 oder 31.03.2027.",
        ),
        "en": (
            "The year of “{value}” is not between {earliest} and {latest}.",
            "Check the year, e.g. 2027-03-31.",
        ),
    },
    "until_before_from": {
        "de": (
            "Das Enddatum {until} liegt vor dem Anfangsdatum {start}.",
            "„until“ muss am oder nach „from“ liegen.",
        ),
        "en": (
            "The end date {until} is before the start date {start}.",
            "“until” must not be before “from”.",
        ),
    },
    "schedule_kind": {
        "de": (
            "Ein Termin braucht genau eine Art, gefunden: {kinds_or_none}.",
            "Jeder Eintrag unter „schedule“ hat genau eines von: weekly, monthly, date, "
            "by_appointment. Mehrere Arten schreiben Sie als eigene Einträge, je mit „- “.",
        ),
        "en": (
            "A schedule entry needs exactly one kind, found: {kinds_or_none}.",
            "Each entry has exactly one of weekly, monthly, date, by_appointment; "
            "write several as separate “- ” entries.",
        ),
    },
    "by_appointment_false": {
        "de": (
            "„by_appointment“ steht auf nein.",
            "Schreiben Sie „by_appointment: ja“ oder lassen Sie den Eintrag weg.",
        ),
        "en": ("“by_appointment” is set to no.", "Write “by_appointment: yes” or drop the entry."),
    },
    "by_appointment_extra": {
        "de": (
            "Ein Termin nach Vereinbarung hat keine Uhrzeit und keine Daten.",
            "Entfernen Sie time, from, until und except aus diesem Eintrag.",
        ),
        "en": (
            "An entry by appointment has no time or dates.",
            "Remove time, from, until and except.",
        ),
    },
    "date_range_extra": {
        "de": (
            "Ein einzelner Termin („date“) hat kein from, until oder except.",
            "Entfernen Sie diese Felder oder machen Sie einen wöchentlichen Termin daraus.",
        ),
        "en": ("A single date has no from, until or except.", "Remove those fields."),
    },
    "vocabulary": {
        "de": (
            "„{value}“ ist hier kein erlaubter Wert.",
            "Erlaubt sind: {allowed}.{suggestion_sentence}",
        ),
        "en": (
            "“{value}” is not an allowed value here.",
            "Allowed: {allowed}.{suggestion_sentence}",
        ),
    },
    "partner_id_repeated": {
        "de": (
            "Die Kennung „{id}“ haben mehrere Partner.",
            "Jeder Partner braucht eine eigene „id“.",
        ),
        "en": ("Several partners have the id “{id}”.", "Each partner needs its own “id”."),
    },
    "partner_unknown": {
        "de": (
            "Einen Partner mit der Kennung „{value}“ gibt es in site.yaml nicht.",
            "Bekannt sind: {known}. Oder geben Sie eine Adresse an (street, postal_code, city).",
        ),
        "en": (
            "There is no partner with the id “{value}” in site.yaml.",
            "Known: {known}. Or give an address (street, postal_code, city).",
        ),
    },
    "location_type": {
        "de": (
            "Der Ort ist weder eine Partner-Kennung noch eine Adresse.",
            "Schreiben Sie die „id“ eines Partners oder darunter street, postal_code und city.",
        ),
        "en": (
            "The location is neither a partner id nor an address.",
            "Write a partner's “id”, or street, postal_code and city below.",
        ),
    },
    "contact_unreachable": {
        "de": ("Der Kontakt hat weder E-Mail noch Telefon.", "Ergänzen Sie „email“ oder „phone“."),
        "en": ("The contact has neither e-mail nor phone.", "Add “email” or “phone”."),
    },
    "summary_lines": {
        "de": (
            "Die Kurzbeschreibung ({language}) hat mehrere Zeilen.",
            "Fassen Sie sie in einer Zeile zusammen; Längeres gehört in „description“.",
        ),
        "en": (
            "The summary ({language}) has several lines.",
            "Keep it to one line; use “description”.",
        ),
    },
    "image_alt_missing": {
        "de": (
            "Zum Bild fehlt die Bildbeschreibung „image_alt“.",
            "Beschreiben Sie in einem Satz, was zu sehen ist; Menschen, die nicht sehen "
            "können, bekommen diesen Text vorgelesen.",
        ),
        "en": (
            "The image has no description “image_alt”.",
            "Say in one sentence what it shows; screen readers read it aloud.",
        ),
    },
    # --- Hints ------------------------------------------------------------------
    "translation_missing": {
        "de": (
            "Noch nicht übersetzte Texte: {counts}.",
            "Sie erscheinen auf diesen Sprachversionen in der Ausgangssprache, mit einem Hinweis.",
        ),
        "en": (
            "Texts not yet translated: {counts}.",
            "These language versions show them in the source language, with a notice.",
        ),
    },
}

_KINDS = {
    "list": ("Liste", "list"),
    "text": ("einzelner Wert", "single value"),
    "mapping": ("Gruppe von Feldern", "group of fields"),
    "nothing": ("nichts", "nothing"),
}

_LABELS = {
    "de": {
        "line": "Zeile",
        "column": "Spalte",
        "field": "Feld",
        "error": "Fehler",
        "warning": "Hinweis",
        "fix": "Lösung",
        "entry": "{n}. Eintrag",
        "where": " in „{parent}“",
        "cut": "… ({count} Zeichen gekürzt)",
        "repeats": "Ebenso an {count} weiteren Stellen, die mit *name auf diesen Wert verweisen.",
    },
    "en": {
        "line": "line",
        "column": "column",
        "field": "field",
        "error": "Error",
        "warning": "Note",
        "fix": "Fix",
        "entry": "entry {n}",
        "where": " in “{parent}”",
        "cut": "… ({count} characters cut)",
        "repeats": "Likewise in {count} more places that refer to this value with *name.",
    },
}


def kind_of(value: object) -> str:
    """A coordinator's word for the shape of a value: list, mapping, text, nothing."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


#: How many characters of a value a message echoes; the rest is cut with a note.
ECHO_LIMIT = 120
#: Lists fzgen composes (allowed values, known ids, languages) may be longer.
LIST_LIMIT = 400
_LIST_PARAMS = frozenset(
    {"allowed", "available", "counts", "detail", "kinds", "known", "languages", "reserved"}
)
#: Invisible characters that are part of ordinary text and cannot hide or reorder
#: anything: the joiners of Persian words and of emoji sequences.
_JOINERS = frozenset("\u200c\u200d")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Unicode categories echoed as escapes: Cc control (C0, DEL, C1), Cf format
# (bidi controls, zero-width characters, tags), Zl/Zp line and paragraph
# separators, Cs lone surrogates (undecodable bytes of a file name).
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def shown(value: object, language: str = "de", limit: int = ECHO_LIMIT) -> str:
    """A value the user wrote, safe to echo: control, bidi and other invisible
    characters as escapes (`\\x1b`, `\\u202e`, `\\n`), cut after `limit` characters."""
    text = str(value)
    if len(text) <= limit and text.isprintable():
        return text
    pieces: list[str] = []
    width = 0
    for index, character in enumerate(text):
        piece = _visible(character)
        if width + len(piece) > limit:
            count = format_decimal(len(text) - index, locale=language)
            return "".join(pieces) + _LABELS[language]["cut"].format(count=count)
        pieces.append(piece)
        width += len(piece)
    return "".join(pieces)


def _visible(character: str) -> str:
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    if character in _JOINERS or unicodedata.category(character) not in _INVISIBLE:
        return character
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def field_label(field: tuple[str | int, ...], language: str) -> str:
    """`schedule → 2. Eintrag → time`: list positions counted from one, names echoed safely."""
    entry = _LABELS[language]["entry"]
    return " → ".join(
        entry.format(n=p + 1) if isinstance(p, int) else shown(p, language) for p in field
    )


def _params(diagnostic: Diagnostic, language: str) -> dict[str, str]:
    raw = dict(diagnostic.params)
    raw.setdefault("found", diagnostic.found or "")
    # Every value is echoed safely first; what is derived below is looked up in
    # the raw values and built from the safe ones.
    params = {
        key: shown(value, language, LIST_LIMIT if key in _LIST_PARAMS else ECHO_LIMIT)
        for key, value in raw.items()
    }
    german = language == "de"
    if raw.get("found_kind") in _KINDS:
        params["found_kind"] = _KINDS[raw["found_kind"]][0 if german else 1]
    if diagnostic.code == "file_not_mapping":
        is_list = raw.get("kind") == "list"
        params["kind_de"] = "eine Liste" if is_list else "nur einen einzelnen Wert"
        params["kind"] = "list" if is_list else "single value"
    if "language" in params:
        params["language_name"] = Locale(language).languages.get(
            raw["language"], params["language"]
        )
    if diagnostic.code == "translation_missing":
        names = Locale(language).languages
        counts = ", ".join(
            f"{names.get(code, code)} ({code}) {count}"
            for code, count in (
                item.split("=") for item in raw.get("counts", "").split(",") if item
            )
        )
        params["counts"] = shown(counts, language, LIST_LIMIT)
    if diagnostic.code == "missing":
        parent = diagnostic.field[:-1]
        params["where"] = (
            _LABELS[language]["where"].format(parent=field_label(parent, language))
            if parent
            else ""
        )
    if diagnostic.code == "schedule_kind":
        params["kinds_or_none"] = params.get("kinds") or _KINDS["nothing"][0 if german else 1]
    if diagnostic.code == "vocabulary":
        suggestion = params.get("suggestion")
        params["suggestion_sentence"] = (
            (f" Meinten Sie „{suggestion}“?" if german else f" Did you mean “{suggestion}”?")
            if suggestion
            else ""
        )
    if diagnostic.code == "unknown_field":
        suggestion, allowed = params.get("suggestion", ""), params.get("allowed", "")
        if german:
            params["suggestion"] = (
                f"Meinten Sie „{suggestion}“? " if suggestion else ""
            ) + f"Möglich sind hier: {allowed}."
        else:
            params["suggestion"] = (
                f"Did you mean “{suggestion}”? " if suggestion else ""
            ) + f"Possible here: {allowed}."
    return params


def describe(diagnostic: Diagnostic, language: str = "de") -> tuple[str, str]:
    """The problem sentence and the fix sentence of one diagnostic."""
    wording = MESSAGES.get(diagnostic.code, MESSAGES["invalid"])[language]
    params = _params(diagnostic, language)
    problem, fix = (template.format_map(_Defaulting(params)) for template in wording)
    return problem, fix


def format_diagnostic(diagnostic: Diagnostic, language: str = "de") -> str:
    """A diagnostic as the lines a coordinator reads in the terminal."""
    labels = _LABELS[language]
    where = [shown(diagnostic.path, language)]
    if diagnostic.line is not None:
        where.append(f"{labels['line']} {diagnostic.line}")
        if diagnostic.column is not None:
            where.append(f"{labels['column']} {diagnostic.column}")
    head = ", ".join(where)
    if diagnostic.field:
        quote = ("„", "“") if language == "de" else ("“", "”")
        head += f", {labels['field']} {quote[0]}{field_label(diagnostic.field, language)}{quote[1]}"
    kind = labels["error"] if diagnostic.severity == "error" else labels["warning"]
    problem, fix = describe(diagnostic, language)
    lines = [f"{kind}: {head}", f"  {problem}"]
    if diagnostic.repeats:
        lines.append("  " + labels["repeats"].format(count=diagnostic.repeats))
    if fix and diagnostic.severity == "error":
        lines.append(f"  {labels['fix']}: {fix}")
    elif fix:
        lines.append(f"  {fix}")
    return "\n".join(lines)


class _Defaulting(dict[str, str]):
    """Leaves a placeholder that a diagnostic does not fill visibly empty, never raises."""

    def __missing__(self, key: str) -> str:
        return ""


#: Why the operating system refused, by errno, for the `environment` sentence.
OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("der Datenträger ist voll", "the disk is full"),
    errno.EDQUOT: ("Ihr Speicherplatz ist aufgebraucht", "your disk quota is used up"),
    errno.EACCES: (
        "keine Berechtigung (Dateirechte prüfen)",
        "permission denied (check the rights)",
    ),
    errno.EPERM: (
        "keine Berechtigung (Dateirechte prüfen)",
        "permission denied (check the rights)",
    ),
    errno.EROFS: ("der Datenträger ist schreibgeschützt", "the disk is read-only"),
    errno.ENAMETOOLONG: ("der Pfad ist zu lang", "the path is too long"),
    errno.ENOTDIR: (
        "ein Teil des Pfads ist eine Datei, kein Ordner",
        "part of the path is a file, not a folder",
    ),
    errno.EISDIR: ("das ist ein Ordner, keine Datei", "this is a folder, not a file"),
    errno.ENOENT: ("gibt es nicht (mehr)", "does not exist (any more)"),
    errno.EIO: ("Lesefehler des Datenträgers", "input/output error of the disk"),
    errno.EMFILE: ("zu viele offene Dateien", "too many open files"),
    errno.ELOOP: ("Verknüpfungen zeigen im Kreis", "links point in a circle"),
    errno.EXDEV: ("liegt auf einem anderen Datenträger", "lies on another disk"),
}


def os_reason(error: OSError, language: str) -> str:
    """Why the system refused, in the user's language."""
    known = OS_REASONS.get(error.errno or 0)
    if known:
        return known[0 if language == "de" else 1]
    return error.strerror or type(error).__name__


#: Sentences of the command line itself, by key and language.
CLI_TEXT: dict[str, dict[str, str]] = {
    "content_missing": {
        "de": "Der Inhaltsordner „{path}“ existiert nicht. Geben Sie ihn mit --content an "
        "oder wechseln Sie in den Projektordner.",
        "en": "The content folder “{path}” does not exist. Name it with --content or change "
        "into the project folder.",
    },
    "site_unknown": {
        "de": "Eine Website „{site}“ gibt es nicht. Vorhanden: {available}.",
        "en": "There is no site “{site}”. Available: {available}.",
    },
    "output_system": {
        "de": "Der Ausgabeordner „{path}“ liegt in einem Ordner des Betriebssystems. Wählen Sie "
        "mit --output einen eigenen Ordner, z. B. --output output.",
        "en": "The output folder “{path}” lies in a folder of the operating system. Choose a "
        "folder of its own with --output, e.g. --output output.",
    },
    "output_is_file": {
        "de": "„{path}“ ist eine Datei, kein Ordner. Wählen Sie mit --output einen Ordner "
        "oder benennen Sie die Datei um; sie bleibt unverändert.",
        "en": "“{path}” is a file, not a folder. Choose a folder with --output or rename the "
        "file; it is left as it is.",
    },
    "output_below_file": {
        "de": "Der Ausgabeordner „{path}“ kann nicht angelegt werden: „{file}“ ist eine Datei. "
        "Wählen Sie mit --output einen anderen Ort.",
        "en": "The output folder “{path}” cannot be made: “{file}” is a file. Choose another "
        "place with --output.",
    },
    "source_date_epoch": {
        "de": "SOURCE_DATE_EPOCH ist „{value}“; erwartet sind Sekunden seit 1970 als ganze Zahl "
        "bis zum Jahr 2999, z. B. 1767225600 für den 1. Januar 2026. Korrigieren Sie die "
        "Variable oder entfernen Sie sie, dann gilt der heutige Tag.",
        "en": "SOURCE_DATE_EPOCH is “{value}”; expected are seconds since 1970 as a whole number "
        "up to the year 2999, e.g. 1767225600 for 1 January 2026. Correct the variable or "
        "remove it, then today counts.",
    },
    "environment": {
        "de": "„{path}“: {reason}. Das liegt am Rechner, nicht an fzgen oder Ihren Inhalten.",
        "en": "“{path}”: {reason}. This is a matter of the computer, not of fzgen or your content.",
    },
    "output_unsafe": {
        "de": "Der Ausgabeordner „{path}“ darf nicht der Inhalts- oder Projektordner sein, "
        "ihn nicht enthalten und nicht in ihm liegen. Wählen Sie mit --output einen eigenen "
        "Ordner, z. B. --output output.",
        "en": "The output folder “{path}” must not be, contain or lie inside the content or "
        "project folder. Choose a folder of its own with --output, e.g. --output output.",
    },
    "ui_text_missing": {
        "de": "Das Design verwendet den Oberflächentext „{key}“, den es in keinem "
        "Sprachkatalog gibt. Tragen Sie ihn in „{path}/de.yaml“ ein (übersetzt auch in die "
        "Dateien der anderen Sprachen) oder korrigieren Sie den Namen in der Vorlage des Designs.",
        "en": "The theme uses the interface text “{key}”, which no language catalogue has. "
        "Add it to “{path}/de.yaml” (translated, to the other languages' files too) or "
        "correct the name in the theme's template.",
    },
    "usage": {
        "de": "Aufruf fehlerhaft: {detail}\nHilfe: fzgen --help",
        "en": "Wrong call: {detail}\nHelp: fzgen --help",
    },
    "internal": {
        "de": "Interner Fehler in fzgen (nicht in Ihren Inhalten): {detail}. "
        "Mit --debug sehen Sie die Einzelheiten für einen Fehlerbericht.",
        "en": "Internal error in fzgen (not in your content): {detail}. "
        "Run with --debug to see the details for a bug report.",
    },
    "errors_summary": {
        "de": "{errors} Fehler in {files} Datei(en). Bitte beheben Sie sie und starten Sie erneut.",
        "en": "{errors} error(s) in {files} file(s). Please fix them and run again.",
    },
    "nothing_written": {
        "de": "Es wurde nichts geschrieben; die bisherige Ausgabe ist unverändert.",
        "en": "Nothing was written; the previous output is unchanged.",
    },
    "interrupted": {
        "de": "Abgebrochen: es wurde nichts geschrieben; die bisherige Ausgabe ist unverändert.",
        "en": "Interrupted: nothing was written; the previous output is unchanged.",
    },
    "output_busy": {
        "de": "In den Ausgabeordner „{path}“ schreibt gerade ein anderer fzgen-Build. "
        "Dieser Build schreibt nichts; starten Sie ihn noch einmal, wenn der andere fertig ist.",
        "en": "Another fzgen build is writing into the output folder “{path}”. "
        "This build writes nothing; run it again once the other one has finished.",
    },
    "check_ok": {
        "de": "Alles in Ordnung: {sites} Website(s), {offers} Angebote, {pages} Seiten geprüft{notes}.",
        "en": "All good: {sites} site(s), {offers} offers, {pages} pages checked{notes}.",
    },
    "build_ok": {
        "de": "Fertig: {files} Dateien für {sites} Website(s) nach „{output}“ geschrieben{notes}.",
        "en": "Done: {files} files for {sites} site(s) written to “{output}”{notes}.",
    },
    "notes": {"de": ", {count} Hinweis(e)", "en": ", {count} note(s)"},
    "new_bad_slug": {
        "de": "„{slug}“ geht nicht als Ordnername: nur Kleinbuchstaben a–z, Ziffern und "
        "Bindestriche, z. B. bad-oldesloe.",
        "en": "“{slug}” cannot be a folder name: only lowercase a–z, digits and hyphens, "
        "e.g. bad-oldesloe.",
    },
    "new_exists": {
        "de": "„{path}“ gibt es schon. Wählen Sie einen anderen Namen; vorhandene Inhalte "
        "werden nie überschrieben.",
        "en": "“{path}” exists already. Choose another name; existing content is never "
        "overwritten.",
    },
    "new_done": {
        "de": "Die Website „{slug}“ ist angelegt ({files} Dateien in „{folder}“) und geprüft.\n"
        "So geht es weiter:\n"
        "  1. Öffnen Sie {folder}/site.yaml und tragen Sie Name, Sozialraum und Ihre Kontaktdaten ein.\n"
        "  2. Passen Sie das Beispiel-Angebot in {folder}/offers/ an oder kopieren Sie es für neue Angebote.\n"
        "  3. Starten Sie die Vorschau mit „fzgen serve“ und öffnen Sie http://127.0.0.1:8000/{slug}/ im Browser.\n"
        "Jedes Feld ist in den Dateien erklärt; mehr in docs/anleitung.md.",
        "en": "The site “{slug}” is created ({files} files in “{folder}”) and checked.\n"
        "Next:\n"
        "  1. Open {folder}/site.yaml and fill in name, Sozialraum and your contact details.\n"
        "  2. Adapt the sample offer in {folder}/offers/ or copy it for new offers.\n"
        "  3. Start the preview with “fzgen serve” and open http://127.0.0.1:8000/{slug}/.\n"
        "Every field is explained in the files; more in docs/anleitung.md.",
    },
    "status_header": {
        "de": "Website|Sprache|übersetzt|fehlt|veraltet",
        "en": "Site|Language|translated|missing|outdated",
    },
    "status_missing": {
        "de": "fehlt     {site} {language}: {key}",
        "en": "missing   {site} {language}: {key}",
    },
    "status_outdated": {
        "de": "veraltet  {site} {language}: {key}",
        "en": "outdated  {site} {language}: {key}",
    },
    "translation_language": {
        "de": "Übersetzen lässt sich in: {languages} (nicht „{language}“). Beispiel: --lang tr",
        "en": "Translations are possible into: {languages} (not “{language}”). Example: --lang tr",
    },
    "po_written": {
        "de": "Geschrieben: {file}. Diese Datei geht an die Übersetzerin oder das Übersetzungsbüro "
        "(jedes Programm für PO-Dateien, z. B. Poedit); zurück kommt sie mit „fzgen translations import“.",
        "en": "Written: {file}. Send it to the translator (any PO editor, e.g. Poedit); "
        "bring it back with “fzgen translations import”.",
    },
    "po_missing": {
        "de": "Die Datei „{file}“ gibt es nicht.",
        "en": "The file “{file}” does not exist.",
    },
    "po_unreadable": {
        "de": "Die Datei „{file}“ lässt sich nicht lesen ({detail}). Prüfen Sie, ob Sie sie "
        "lesen dürfen, und importieren Sie erneut; es wurde nichts geändert.",
        "en": "The file “{file}” cannot be read ({detail}). Check that you may read it and "
        "import again; nothing was changed.",
    },
    "po_encoding": {
        "de": "„{file}“ ist nicht als UTF-8 gespeichert (Zeile {line} ist unlesbar). Speichern "
        "Sie die Datei in Ihrem Übersetzungsprogramm (z. B. Poedit) mit der Kodierung UTF-8 "
        "und importieren Sie sie erneut; es wurde nichts geändert.",
        "en": "“{file}” is not saved as UTF-8 (line {line} cannot be read). Save it in your "
        "translation program (e.g. Poedit) with the encoding UTF-8 and import it again; "
        "nothing was changed.",
    },
    "po_invalid": {
        "de": "„{file}“ ist keine PO-Datei (Zeile {line} lässt sich nicht lesen). Geben Sie die "
        "übersetzte .po-Datei an, die mit „fzgen translations export“ entstanden ist; es "
        "wurde nichts geändert.",
        "en": "“{file}” is not a PO file (line {line} cannot be read). Name the translated .po "
        "file that “fzgen translations export” wrote; nothing was changed.",
    },
    "po_header": {
        "de": "Die Kopfzeilen von „{file}“ lassen sich nicht lesen (etwa „Language“, "
        "„Plural-Forms“ oder ein Datum). Korrigieren Sie sie in Ihrem Übersetzungsprogramm, "
        "z. B. „Language: tr“, oder exportieren Sie neu; es wurde nichts geändert.",
        "en": "The header of “{file}” cannot be read (such as “Language”, “Plural-Forms” or a "
        "date). Correct it in your translation program, e.g. “Language: tr”, or export "
        "again; nothing was changed.",
    },
    "po_site_missing": {
        "de": "„{file}“ nennt keine Website: in der Kopfzeile „Project-Id-Version“ fehlt "
        "„fzgen <Website>“. Importieren Sie nur PO-Dateien, die mit „fzgen translations "
        "export“ entstanden sind; es wurde nichts geändert.",
        "en": "“{file}” names no site: its header “Project-Id-Version” lacks “fzgen <site>”. "
        "Import only PO files written by “fzgen translations export”; nothing was changed.",
    },
    "po_site_unknown": {
        "de": "„{file}“ gehört zur Website „{site}“, die es in diesem Inhaltsordner nicht gibt "
        "(vorhanden: {available}). Starten Sie den Import im Projektordner dieser Website "
        "oder nennen Sie ihren Inhaltsordner mit --content; es wurde nichts geändert.",
        "en": "“{file}” belongs to the site “{site}”, which this content folder does not have "
        "(available: {available}). Import it in that site's project folder or name its "
        "content folder with --content; nothing was changed.",
    },
    "po_language_missing": {
        "de": "„{file}“ nennt in der Kopfzeile „Language“ keine Sprache, die fzgen kennt. "
        "Tragen Sie dort die Zielsprache ein, z. B. „Language: tr“, oder exportieren Sie "
        "neu; es wurde nichts geändert.",
        "en": "“{file}” names no language fzgen knows in its header “Language”. Write the "
        "target language there, e.g. “Language: tr”, or export again; nothing was changed.",
    },
    "po_language": {
        "de": "„{file}“ ist eine Übersetzung nach „{language}“, die Website „{site}“ hat diese "
        "Sprache aber nicht. Übersetzen lässt sich in: {languages}. Prüfen Sie die Kopfzeile "
        "„Language“ der Datei oder ergänzen Sie die Sprache unter „languages“ in site.yaml; "
        "es wurde nichts geändert.",
        "en": "“{file}” is a translation into “{language}”, but the site “{site}” does not "
        "have this language. Translations are possible into: {languages}. Check the file's "
        "header “Language” or add the language to “languages” in site.yaml; nothing was "
        "changed.",
    },
    "po_refused": {
        "de": "Mit den Übersetzungen aus „{file}“ hätten die Inhalte {errors} Fehler (oben; "
        "die Zeilen sind die der Dateien nach dem Import). Es wurde nichts geschrieben, alle "
        "Dateien sind unverändert. Korrigieren Sie diese Einträge der PO-Datei und "
        "importieren Sie erneut:",
        "en": "With the translations from “{file}” the content would have {errors} error(s) "
        "(above; the lines are those of the files after the import). Nothing was written, "
        "every file is unchanged. Correct these entries of the PO file and import again:",
    },
    "po_entry": {
        "de": "  – „{key}“, Zeile {line} der PO-Datei",
        "en": "  – “{key}”, line {line} of the PO file",
    },
    "po_write_failed": {
        "de": "Die Übersetzungen ließen sich nicht in „{folder}“ schreiben ({detail}). Prüfen "
        "Sie den freien Speicherplatz und ob Sie dort schreiben dürfen, und importieren Sie "
        "erneut.",
        "en": "The translations could not be written to “{folder}” ({detail}). Check the free "
        "space and that you may write there, and import again.",
    },
    "po_imported": {
        "de": "{count} Übersetzungen nach {language} in die Dateien von „{site}“ geschrieben und geprüft.",
        "en": "{count} translations into {language} written into the files of “{site}” and checked.",
    },
    "po_skipped": {
        "de": "{count} Einträge nicht übernommen: noch als unfertig markiert (fuzzy), leer beim "
        "Seitentext, oder der deutsche Text hat sich seit dem Export geändert. Exportieren Sie "
        "neu und geben Sie sie noch einmal zur Übersetzung.",
        "en": "{count} entries not taken: still marked fuzzy, an empty page body, or the source "
        "text changed since the export. Export again and have them translated.",
    },
    "confirmed": {
        "de": "{count} vorhandene Übersetzungen von „{site}“ als aktuell vermerkt.",
        "en": "{count} existing translations of “{site}” recorded as current.",
    },
    "schema_written": {
        "de": "{count} Schemas nach „{folder}“ geschrieben. Inhaltsdateien verweisen darauf mit "
        "„# yaml-language-server: $schema=…“ in der ersten Zeile.",
        "en": "{count} schemas written to “{folder}”. Content files point to them with "
        "“# yaml-language-server: $schema=…” on their first line.",
    },
    "preview_ready": {
        "de": "Vorschau läuft: {url} – im Browser öffnen. Änderungen erscheinen beim Speichern. "
        "Beenden mit Strg+C.",
        "en": "Preview running: {url} – open it in a browser. Changes appear when you save. "
        "Stop with Ctrl+C.",
    },
    "preview_built": {
        "de": "Vorschau aktualisiert ({files} Dateien).",
        "en": "Preview updated ({files} files).",
    },
    "preview_errors": {
        "de": "{errors} Fehler: die Vorschau zeigt sie an, bis sie behoben sind.",
        "en": "{errors} error(s): the preview shows them until they are fixed.",
    },
    "port_busy": {
        "de": "Die Vorschau kann Port {port} nicht öffnen ({detail}). Läuft sie schon? "
        "Sonst wählen Sie einen anderen mit --port, z. B. --port 8001.",
        "en": "The preview cannot open port {port} ({detail}). Is it already running? "
        "Otherwise choose another with --port, e.g. --port 8001.",
    },
    "port_range": {
        "de": "Ein Port ist eine Zahl von 1 bis 65535, nicht „{value}“. Zum Beispiel: --port 8001",
        "en": "A port is a number from 1 to 65535, not “{value}”. For example: --port 8001",
    },
    "preview_wrong_host": {
        "de": "Diese Vorschau antwortet nur unter ihrer eigenen Adresse: {url}",
        "en": "This preview answers only at its own address: {url}",
    },
}


def cli_text(key: str, lang: str, /, **params: object) -> str:
    """A sentence of the command line in the user's language, its values echoed safely."""
    safe = {
        name: value
        if isinstance(value, int | float)
        else shown(value, lang, LIST_LIMIT if name in _LIST_PARAMS else ECHO_LIMIT)
        for name, value in params.items()
    }
    return CLI_TEXT[key][lang].format(**safe)
