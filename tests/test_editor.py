"""`fzgen edit` over plain HTTP: who may use it, what saving writes, drafts, conflicts, the bin.

One editor process serves the module; each test works on its own offer file.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree
from editor_client import Editor, multipart, start_editor

OFFERS = "content/test/offers"


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    root = tmp_path_factory.mktemp("editor")
    site = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, ar, tr]")
    write_tree(root, site_tree({"site.yaml": site}))
    running = start_editor(root)
    yield running
    running.stop()


def offer(editor: Editor, slug: str, data: str | bytes = OFFER_YAML) -> Path:
    path = editor.root / OFFERS / f"{slug}.yaml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


# --- who may use it -------------------------------------------------------------------


def test_the_address_is_local_with_a_token(editor):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/_editor/\?token=[\w-]{20,}", editor.url)


def test_the_token_in_the_address_becomes_a_strict_cookie(editor):
    token = editor.url.split("token=")[1]
    answer = editor.get(f"/_editor/?token={token}", cookie=False)
    assert answer.status == 302 and answer.headers["Location"] == "/_editor/"
    cookie = answer.headers["Set-Cookie"]
    assert token in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


@pytest.mark.parametrize("path", ["/_editor/", "/_editor/test/angebote/", "/test/de/"])
def test_without_the_token_nothing_is_shown(editor, path):
    answer = editor.get(path, cookie=False)
    assert answer.status == 403
    assert "Kein Zugang" in answer.body and "Familienzentrum" not in answer.body


def test_a_wrong_token_is_refused(editor):
    answer = editor.get("/_editor/?token=falsch", cookie=False)
    assert answer.status == 403 and "Set-Cookie" not in answer.headers
    answer = editor.get("/_editor/", headers={"Cookie": f"{editor.cookie.split('=')[0]}=falsch"})
    assert answer.status == 403


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1"])
def test_a_foreign_host_is_refused(editor, host):
    answer = editor.get("/_editor/", headers={"Host": host.format(port=editor.port)})
    assert answer.status == 403
    assert "nur unter seiner eigenen Adresse" in answer.body
    answer = editor.get("/test/de/", headers={"Host": host.format(port=editor.port)})
    assert answer.status == 403


@pytest.mark.parametrize("origin", ["http://evil.example", None, "null"])
def test_a_write_from_another_origin_is_refused(editor, origin):
    path = offer(editor, "fremd")
    before = path.read_bytes()
    page = editor.get("/_editor/test/angebote/fremd/")
    digest = re.search(r'name="_digest" value="(\w+)"', page.body).group(1)
    fields = [("_digest", digest), ("title.de", "Gekapert"), ("_action", "save")]
    answer = editor.post("/_editor/test/angebote/fremd/", fields, origin=origin)
    assert answer.status == 403 and "Abgelehnt" in answer.body
    assert editor.post("/_editor/test/angebote/fremd/loeschen", [], origin=origin).status == 403
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "path",
    [
        "/_editor/test/angebote/..%2Fsite/",
        "/_editor/..%2F..%2Fetc/angebote/",
        "/_editor/static/..%2Fhandlers.py",
        "/_editor/test/angebote/gibt-es-nicht/",
        "/_editor/gibt-es-nicht/",
        "/..%2F..%2Fetc/passwd",
    ],
)
def test_no_path_outside_the_content_is_served(editor, path):
    answer = editor.get(path)
    assert answer.status == 404
    assert "root:" not in answer.body and "def " not in answer.body


def test_pages_load_nothing_from_elsewhere(editor):
    answer = editor.get("/_editor/test/angebote/elterncafe/")
    assert answer.status == 200
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert not re.search(r'(?:src|href)="(?:https?:)?//', answer.body)


# --- the forms --------------------------------------------------------------------------


def test_site_list_and_site_links_carry_their_names(editor):
    sites = editor.get("/_editor/").body
    assert '<a href="/_editor/test/">Familienzentrum Testhausen</a>' in sites
    site = editor.get("/_editor/test/").body
    for name in ("Angebote", "Seiten", "Einstellungen", "Neues Angebot"):
        assert f">{name}</a>" in site


def test_each_language_has_its_labelled_input_right_to_left_for_arabic(editor):
    page = editor.get("/_editor/test/angebote/elterncafe/").body
    for language in ("Deutsch", "Arabisch", "Türkisch"):
        assert f">Titel ({language})</label>" in page
    arabic = re.search(r'<input [^>]*name="title\.ar"[^>]*>', page).group(0)
    assert 'dir="rtl"' in arabic
    assert 'name="title.tr" value="Ebeveyn Kafesi" dir="ltr"' in page
    assert ">Speichern</button>" in page


def test_closed_lists_are_choices_and_the_schedule_reads_as_a_sentence(editor):
    page = editor.get("/_editor/test/angebote/elterncafe/").body
    assert re.search(r'name="categories" value="meeting" checked', page)
    assert "Treffpunkt und Elterncafé" in page
    assert re.search(r'<option value="kita-sonne" selected>Kita Sonne</option>', page)
    # A word joiner may keep the time range on one line.
    assert "Auf der Website: jeden Dienstag, 09:30–11:00 Uhr" in page.replace("\u2060", "")


# --- saving ----------------------------------------------------------------------------


def test_saving_keeps_comments_order_quotes_bom_and_line_ends(editor):
    original = (
        "\ufeff# Unser Café\r\n"
        "title: 'Elterncafé'   # so heißt es\r\n"
        'summary: "Offener Treff für Eltern"\r\n'
        "\r\n"
        "# Themen\r\n"
        "categories: [meeting]\r\n"
        "schedule:\r\n"
        "- weekly: tuesday\r\n"
        "  time: 09:30-11:00  # vormittags\r\n"
        "location: kita-sonne\r\n"
    )
    path = offer(editor, "kommentare", original.encode("utf-8"))
    answer = editor.submit("/_editor/test/angebote/kommentare/", {"title.ar": "مقهى الآباء"})
    assert "Gespeichert." in answer.body
    # The comment stays on the field's line; the rest of the file is kept byte for byte.
    expected = original.replace(
        "title: 'Elterncafé'   # so heißt es\r\n",
        "title:                # so heißt es\r\n  de: Elterncafé\r\n  ar: مقهى الآباء\r\n",
    )
    assert path.read_bytes().decode("utf-8") == expected


def test_an_unchanged_form_writes_nothing(editor):
    # Boxes come back in the list's order (meeting before leisure): not a change.
    data = OFFER_YAML.replace("[meeting]", "[leisure, meeting]\naudience: [parents, babies]")
    path = offer(editor, "unveraendert", "# Kommentar\n" + data)
    before = path.stat().st_mtime_ns, path.read_bytes()
    answer = editor.submit("/_editor/test/angebote/unveraendert/", {})
    assert "Nichts geändert." in answer.body
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_a_wrong_time_is_shown_at_the_time_field_and_saved_only_as_draft(editor, fzgen):
    path = offer(editor, "falsche-zeit")
    answer = editor.submit(
        "/_editor/test/angebote/falsche-zeit/", {"schedule.0.time": "11:00-09:30"}
    )
    time_input = re.search(r'<input [^>]*name="schedule\.0\.time"[^>]*>', answer.body).group(0)
    assert 'aria-invalid="true"' in time_input
    assert 'aria-describedby="f-schedule-0-time-help f-schedule-0-time-error"' in time_input
    error = re.search(r'<div class="error" id="f-schedule-0-time-error">(.*?)</div>', answer.body)
    assert "Bei „11:00-09:30“ liegt das Ende nicht nach dem Beginn." in error.group(1)
    assert "Lösung: Das Ende muss später sein als der Beginn" in error.group(1)
    assert "Als Entwurf gespeichert" in answer.body
    assert path.read_text(encoding="utf-8") == OFFER_YAML
    draft = path.with_name("_falsche-zeit.entwurf.yaml")
    assert "time: 11:00-09:30" in draft.read_text(encoding="utf-8")
    assert fzgen(editor.root, "check").code == 0
    fixed = editor.submit(
        "/_editor/test/angebote/falsche-zeit/", {"schedule.0.time": "10:00-12:00"}
    )
    assert "Gespeichert." in fixed.body
    assert not draft.exists() and "time: 10:00-12:00" in path.read_text(encoding="utf-8")


def test_a_change_on_disk_since_the_form_was_opened_is_not_overwritten(editor):
    path = offer(editor, "konflikt")
    page = editor.get("/_editor/test/angebote/konflikt/")
    theirs = OFFER_YAML.replace("Elterncafé", "Elterncafé am Markt")
    path.write_text(theirs, encoding="utf-8")
    fields = [(n, "Mein Café" if n == "title.de" else v) for n, v in form_fields_of(page.body)]
    answer = editor.post("/_editor/test/angebote/konflikt/", [*fields, ("_action", "save")])
    assert answer.status == 200
    assert "Die Datei wurde inzwischen geändert" in answer.body
    assert "Elterncafé am Markt" in answer.body and "Mein Café" in answer.body
    assert path.read_text(encoding="utf-8") == theirs
    # Saving again from the conflict page keeps the coordinator's version, knowingly.
    again = [(n, v) for n, v in form_fields_of(answer.body)] + [("_action", "save")]
    assert editor.post("/_editor/test/angebote/konflikt/", again).status == 302
    assert "de: Mein Café" in path.read_text(encoding="utf-8")


def test_deleting_moves_into_the_papierkorb_and_restoring_brings_it_back(editor):
    path = offer(editor, "weg-damit", "# bleibt\n" + OFFER_YAML)
    answer = editor.post("/_editor/test/angebote/weg-damit/loeschen", [])
    assert answer.status == 302
    assert not path.exists()
    binned = list((editor.root / "content/test/.papierkorb").glob("weg-damit.*.yaml"))
    assert len(binned) == 1 and binned[0].read_text(encoding="utf-8").startswith("# bleibt\n")
    page = editor.get("/_editor/test/papierkorb/").body
    assert binned[0].name in page
    restored = editor.post("/_editor/test/papierkorb/", [("name", binned[0].name)])
    assert restored.status == 302
    assert path.read_text(encoding="utf-8") == "# bleibt\n" + OFFER_YAML


def test_a_new_offer_starts_from_the_template_and_is_built(editor, fzgen):
    fields = {
        "_slug": "",
        "title.de": "Spielgruppe Süd",
        "title.ar": "مجموعة اللعب",
        "summary.de": "Spielen und Kennenlernen",
        "categories": "leisure",
        "schedule.0.weekly": "mittwoch",
        "schedule.0.time": "15:00-16:30",
        "location": "kita-sonne",
    }
    answer = editor.post(
        "/_editor/test/neues-angebot/", [*fields.items(), ("_digest", ""), ("_action", "save")]
    )
    assert answer.status == 302, answer.body
    assert answer.headers["Location"].startswith("/_editor/test/angebote/spielgruppe-sued/")
    text = (editor.root / OFFERS / "spielgruppe-sued.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Ein Angebot = eine Datei.")
    assert "  ar: مجموعة اللعب\n" in text
    result = fzgen(editor.root, "build")
    assert result.code == 0, result.err
    built = editor.root / "output/test/ar/angebote/spielgruppe-sued/index.html"
    assert "مجموعة اللعب" in built.read_text(encoding="utf-8")


def test_a_taken_file_name_is_said_at_the_field(editor):
    fields = [("_slug", "elterncafe"), ("title.de", "Noch eins"), ("_action", "save")]
    answer = editor.post("/_editor/test/neues-angebot/", fields)
    assert answer.status == 200
    assert "Ein Angebot mit dem Dateinamen „elterncafe“ gibt es schon." in answer.body
    assert 'id="f-slug" name="_slug" value="elterncafe"' in answer.body


def form_fields_of(page: str) -> list[tuple[str, str]]:
    from editor_client import form_fields

    return form_fields(page)


def test_a_file_the_form_cannot_read_is_never_overwritten(editor):
    broken = OFFER_YAML.replace("summary: Offener", "summary Offener")
    path = offer(editor, "kaputt", broken)
    page = editor.get("/_editor/test/angebote/kaputt/").body
    assert "Doppelpunkt" in page or "Zeile 4" in page
    fields = [("_digest", ""), ("title.de", "Neu"), ("_action", "save")]
    digest = re.search(r'name="_digest" value="(\w+)"', page).group(1)
    fields[0] = ("_digest", digest)
    answer = editor.post("/_editor/test/angebote/kaputt/", fields)
    assert answer.status == 200
    assert (
        "Diese Datei kann das Formular nicht lesen, daher wurde nichts gespeichert." in answer.body
    )
    assert path.read_text(encoding="utf-8") == broken
    path.unlink()  # the other tests want a site without errors


def test_settings_are_site_yaml_as_a_form(editor):
    path = editor.root / "content/test/site.yaml"
    before = path.read_text(encoding="utf-8")
    answer = editor.submit("/_editor/test/einstellungen/", {"coordinator.phone": "+49 4531 111111"})
    assert "Gespeichert." in answer.body
    assert path.read_text(encoding="utf-8") == before.replace("+49 4531 000000", "+49 4531 111111")
    page = editor.get("/_editor/test/einstellungen/").body
    assert ">Name (Arabisch)</label>" in page
    assert '<option value="kita" selected>Kita</option>' in page


def test_what_is_missing_per_language_with_the_words_to_translate(editor):
    offer(editor, "uebersetzen", OFFER_YAML.replace("  tr: Ebeveyn Kafesi\n", ""))
    page = editor.get("/_editor/test/was-fehlt/").body
    arabic = page[page.index(">Arabisch</h2>") : page.index(">Türkisch</h2>")]
    assert (
        '<a href="/_editor/test/angebote/uebersetzen/">offers/uebersetzen.yaml</a> · title'
        in arabic
    )
    assert "Wörter zu übersetzen:" in arabic


def test_a_translation_of_an_older_source_is_marked_outdated(editor):
    offer(editor, "veraltet")
    hashes = editor.root / "content/test/_translations.yaml"
    hashes.write_text('"offers/veraltet.yaml#title":\n  tr: 000000000000\n', encoding="utf-8")
    try:
        page = editor.get("/_editor/test/angebote/veraltet/").body
    finally:
        hashes.unlink()
    turkish = page[page.index('name="title.tr"') : page.index('name="summary.de"')]
    assert "veraltet (der deutsche Text hat sich seitdem geändert)" in turkish


def test_a_free_page_in_all_languages_side_by_side(editor):
    folder = editor.root / "content/test/pages"
    source = folder / "ueber-uns.md"
    source.write_text(
        "---\n# Menü: kleinere Zahlen zuerst\ntitle: Über uns\nmenu: 10\n---\nWir sind **für Familien** da.\n",
        encoding="utf-8",
    )
    page = editor.get("/_editor/test/inhaltsseiten/").body
    assert '<a href="/_editor/test/inhaltsseiten/ueber-uns/">Über uns</a>' in page
    form = editor.get("/_editor/test/inhaltsseiten/ueber-uns/").body
    assert ">Titel (Arabisch)</label>" in form and ">Text (Deutsch)</label>" in form
    answer = editor.submit(
        "/_editor/test/inhaltsseiten/ueber-uns/",
        {
            "title.ar": "من نحن",
            "body.ar": "نحن هنا للعائلات.",
            "body.de": "Wir sind **für alle** da.",
        },
    )
    assert "Gespeichert." in answer.body
    assert source.read_text(encoding="utf-8") == (
        "---\n# Menü: kleinere Zahlen zuerst\ntitle: Über uns\nmenu: 10\n---\nWir sind **für alle** da.\n"
    )
    assert (folder / "ueber-uns.ar.md").read_text(encoding="utf-8") == (
        "---\ntitle: من نحن\nmenu: 10\n---\nنحن هنا للعائلات.\n"
    )


def test_a_page_with_errors_is_kept_as_a_draft_until_it_is_valid(editor, fzgen):
    folder = editor.root / "content/test/pages"
    source = folder / "ohne-titel.md"
    source.write_text("---\ntitle: Anfahrt\n---\nText.\n", encoding="utf-8")
    answer = editor.submit(
        "/_editor/test/inhaltsseiten/ohne-titel/", {"title.de": "", "body.de": "Neuer Text.\n"}
    )
    assert "Als Entwurf gespeichert" in answer.body
    title = re.search(r'<input [^>]*name="title\.de"[^>]*>', answer.body).group(0)
    assert 'aria-invalid="true"' in title
    # The site keeps the page as it was; the form shows the draft.
    assert source.read_text(encoding="utf-8") == "---\ntitle: Anfahrt\n---\nText.\n"
    draft = folder / "_ohne-titel.entwurf.md"
    assert "Neuer Text." in draft.read_text(encoding="utf-8")
    assert "Sie sehen einen Entwurf mit Fehlern" in answer.body and "Neuer Text." in answer.body
    listing = editor.get("/_editor/test/inhaltsseiten/").body
    assert re.search(r'ohne-titel/">Anfahrt</a> <span class="badge">Entwurf mit Fehlern', listing)
    assert fzgen(editor.root, "check").code == 0  # the draft is not published, not checked
    answer = editor.submit(
        "/_editor/test/inhaltsseiten/ohne-titel/", {"title.de": "Anfahrt", "title.ar": "الطريق"}
    )
    assert "Gespeichert." in answer.body
    assert not draft.exists()
    assert source.read_text(encoding="utf-8") == "---\ntitle: Anfahrt\n---\nNeuer Text.\n"
    assert "title: الطريق" in (folder / "ohne-titel.ar.md").read_text(encoding="utf-8")


def test_a_new_page_with_errors_exists_only_as_a_draft(editor):
    folder = editor.root / "content/test/pages"
    answer = editor.submit(
        "/_editor/test/neue-inhaltsseite/",
        {"_slug": "kurse", "title.de": "", "body.de": "Unsere Kurse.", "title.ar": "دورات"},
    )
    assert "Als Entwurf gespeichert" in answer.body
    assert not (folder / "kurse.md").exists()
    assert "Unsere Kurse." in (folder / "_kurse.entwurf.md").read_text(encoding="utf-8")
    assert "دورات" in (folder / "_kurse.ar.entwurf.md").read_text(encoding="utf-8")
    taken = editor.submit("/_editor/test/neue-inhaltsseite/", {"_slug": "kurse", "title.de": "X"})
    assert "kurse" in taken.body and 'id="f-slug-error"' in taken.body


def test_the_live_check_of_a_new_page_saves_nothing(editor):
    page = editor.get("/_editor/test/neue-inhaltsseite/").body
    fields = [*form_fields_of(page), ("_slug", "live-seite"), ("_action", "live")]
    fields = [(n, "Live" if n == "title.de" else v) for n, v in fields]
    answer = editor.post("/_editor/test/neue-inhaltsseite/", fields)
    assert answer.status == 200 and "errors" in json.loads(answer.body)
    assert list((editor.root / "content/test/pages").glob("*live-seite*")) == []


def test_deleting_a_page_moves_all_its_files_into_the_papierkorb_and_back(editor, fzgen):
    folder = editor.root / "content/test/pages"
    files = {
        "spielplatz.md": "---\n# Kommentar\ntitle: Spielplatz\n---\nDraußen.\n",
        "spielplatz.ar.md": "---\ntitle: الملعب\n---\nفي الخارج.\n",
        "_spielplatz.entwurf.md": "---\ntitle: ''\n---\nEntwurf.\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    page = editor.get("/_editor/test/inhaltsseiten/spielplatz/").body
    assert 'action="/_editor/test/inhaltsseiten/spielplatz/loeschen"' in page
    answer = editor.post("/_editor/test/inhaltsseiten/spielplatz/loeschen", [])
    assert answer.status == 302
    listing = editor.get(answer.headers["Location"]).body
    assert "„spielplatz“ liegt jetzt im Papierkorb" in listing and "spielplatz/" not in listing
    assert not [p for p in folder.iterdir() if "spielplatz" in p.name]
    assert fzgen(editor.root, "build").code == 0
    assert not (editor.root / "output/test/de/spielplatz").exists()
    trash = editor.get("/_editor/test/papierkorb/").body
    name = re.search(r'value="(spielplatz\.[0-9-]+\.inhaltsseite)"', trash).group(1)
    (folder / "spielplatz.md").write_text("---\ntitle: Neu\n---\nNeu.\n", encoding="utf-8")
    answer = editor.post("/_editor/test/papierkorb/", [("name", name)])
    assert answer.headers["Location"] == "/_editor/test/inhaltsseiten/?zurueck=spielplatz-2"
    # Put back under a free name, every file byte for byte (the draft still a draft).
    for old, text in files.items():
        assert (folder / old.replace("spielplatz", "spielplatz-2")).read_text(
            encoding="utf-8"
        ) == text
    assert name not in editor.get("/_editor/test/papierkorb/").body


def test_the_live_check_answers_errors_by_input_and_saves_nothing(editor):
    path = offer(editor, "live")
    page = editor.get("/_editor/test/angebote/live/").body
    fields = [(n, "11:00-09:30" if n == "schedule.0.time" else v) for n, v in form_fields_of(page)]
    answer = editor.post("/_editor/test/angebote/live/", [*fields, ("_action", "live")])
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("application/json")
    found = json.loads(answer.body)
    assert found["errors"]["f-schedule-0-time"][0].startswith("Bei „11:00-09:30“ liegt das Ende")
    assert found["sentences"] == [""]
    assert path.read_text(encoding="utf-8") == OFFER_YAML
    assert not path.with_name("_live.entwurf.yaml").exists()


def photo_with_gps(kind: str = "JPEG") -> bytes:
    """A small photo whose EXIF says where it was taken (and that it lies on its side)."""
    from PIL import Image

    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn right to stand upright
    exif[0x010F] = "Kamera GmbH"
    exif.get_ifd(0x8825).update({1: "N", 2: (53.0, 48.0, 30.0), 3: "E", 4: (10.0, 22.0, 5.0)})
    out = io.BytesIO()
    image.save(out, kind, exif=exif.tobytes())
    return out.getvalue()


def upload(editor: Editor, slug: str, files: list[tuple[str, str, bytes]], alts: dict[str, str]):
    content_type, body = multipart([(f"alt.{k}", v) for k, v in alts.items()], files)
    headers = {"Content-Type": content_type, "Origin": f"http://127.0.0.1:{editor.port}"}
    return editor.request("POST", f"/_editor/test/angebote/{slug}/bild", headers, body)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_an_uploaded_picture_loses_its_gps_position_and_is_named_in_the_offer(editor, kind):
    from PIL import Image

    path = offer(editor, f"bild-{kind.lower()}", "# mit Bild\n" + OFFER_YAML)
    alts = {"de": "Eltern am Tisch", "ar": "آباء على الطاولة"}
    answer = upload(editor, path.stem, [("bild", "Foto vom Café.HEIC", photo_with_gps(kind))], alts)
    assert answer.status == 302, answer.body
    suffix = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[kind]
    text = path.read_text(encoding="utf-8")
    reference = re.search(r"^image: (files/foto-vom-cafe(?:-\d+)?\." + suffix + ")$", text, re.M)
    assert reference, text
    assert "image_alt:\n  de: Eltern am Tisch\n  ar: آباء على الطاولة\n" in text
    assert text.startswith("# mit Bild\n")
    stored = Image.open(editor.root / "content/test" / reference.group(1))
    assert stored.format == kind and stored.size == (20, 40)  # turned upright
    assert dict(stored.getexif()) == {}
    raw = (editor.root / "content/test" / reference.group(1)).read_bytes()
    assert b"Kamera GmbH" not in raw and b"Exif" not in raw


def test_an_upload_that_is_no_picture_or_lacks_its_description_is_refused(editor):
    path = offer(editor, "kein-bild")
    files = editor.root / "content/test/files"
    before = sorted(files.iterdir()) if files.is_dir() else []
    script = [("bild", "bild.jpg", b"<script>alert(1)</script>")]
    answer = upload(editor, "kein-bild", script, {"de": "Ein Bild"})
    assert answer.status == 200
    assert "Diese Datei ist kein Bild im Format JPEG, PNG oder WebP." in answer.body
    photo = [("bild", "foto.jpg", photo_with_gps())]
    answer = upload(editor, "kein-bild", photo, {"de": "", "ar": "صورة"})
    assert "Bitte beschreiben Sie, was auf dem Bild zu sehen ist" in answer.body
    assert path.read_text(encoding="utf-8") == OFFER_YAML
    assert (sorted(files.iterdir()) if files.is_dir() else []) == before


def test_a_picture_over_the_sites_limit_is_refused_before_it_is_read():
    from fzgen.editor.images import ImageRefused, clean_image

    with pytest.raises(ImageRefused) as refused:
        clean_image(photo_with_gps() + b"\0" * (1024 * 1024), 1)
    assert refused.value.key == "upload_too_big"


def test_folders_that_are_links_out_of_the_site_are_never_written(tmp_path):
    outside = tmp_path / "anderswo"
    outside.mkdir()
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": None, "pages/ueber-uns.md": None}))
    site = tmp_path / "content/test"
    for name in ("offers", "pages", "files", ".papierkorb"):
        (site / name).symlink_to(outside, target_is_directory=True)
    (outside / "geheim.yaml").write_text(OFFER_YAML, encoding="utf-8")
    (outside / "geheim.md").write_text("---\ntitle: Geheim\n---\nGeheim.\n", encoding="utf-8")
    running = start_editor(tmp_path)
    try:
        assert running.get("/_editor/test/angebote/").status == 404
        assert running.get("/_editor/test/angebote/geheim/").status == 404
        assert running.get("/_editor/test/inhaltsseiten/geheim/").status == 404
        assert running.get("/_editor/test/papierkorb/").status == 404
        fields = [("_slug", "neu"), ("title.de", "Neu"), ("_action", "save")]
        assert running.post("/_editor/test/neues-angebot/", fields).status == 404
        assert running.post("/_editor/test/angebote/geheim/loeschen", []).status == 404
    finally:
        running.stop()
    assert sorted(p.name for p in outside.iterdir()) == ["geheim.md", "geheim.yaml"]


def test_a_new_page_starts_with_comments_and_gets_its_translation_file(editor):
    fields = [
        ("_slug", ""),
        ("title.de", "Anfahrt & Öffnungszeiten"),
        ("body.de", "Mit dem Bus **Linie 3**."),
        ("title.tr", "Ulaşım"),
        ("body.tr", "Otobüs 3."),
        ("menu", "40"),
        ("_action", "save"),
    ]
    answer = editor.post("/_editor/test/neue-inhaltsseite/", fields)
    assert answer.status == 302, answer.body
    assert answer.headers["Location"].startswith(
        "/_editor/test/inhaltsseiten/anfahrt-oeffnungszeiten/"
    )
    folder = editor.root / "content/test/pages"
    source = (folder / "anfahrt-oeffnungszeiten.md").read_text(encoding="utf-8")
    assert source == (
        "---\n# title: Titel der Seite in der Sprache dieser Datei.\n"
        "# menu: Platz im Menü (kleinere Zahlen zuerst); ohne menu steht die Seite nicht im Menü.\n"
        "title: Anfahrt & Öffnungszeiten\nmenu: 40\n---\nMit dem Bus **Linie 3**.\n"
    )
    turkish = (folder / "anfahrt-oeffnungszeiten.tr.md").read_text(encoding="utf-8")
    assert turkish == "---\ntitle: Ulaşım\nmenu: 40\n---\nOtobüs 3.\n"
    taken = editor.post("/_editor/test/neue-inhaltsseite/", [("_slug", "impressum"), *fields[1:]])
    assert "„impressum“ ist schon für eine Seite von fzgen vergeben." in taken.body


def test_an_offer_written_as_yml_is_edited_in_place(editor):
    path = editor.root / OFFERS / "kurz.yml"
    path.write_text(OFFER_YAML, encoding="utf-8")
    try:
        assert ">Elterncafé</a>" in editor.get("/_editor/test/angebote/").body
        answer = editor.submit("/_editor/test/angebote/kurz/", {"room.de": "Bewegungsraum"})
        assert "Gespeichert." in answer.body
        assert path.read_text(encoding="utf-8") == OFFER_YAML + "room: Bewegungsraum\n"
        assert not path.with_suffix(".yaml").exists()
    finally:
        path.unlink()


def test_languages_named_in_words_are_the_codes_the_loader_reads(tmp_path):
    site = SITE_YAML.replace("languages: [de, en, tr]", "languages: [Deutsch, Arabisch]")
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    running = start_editor(tmp_path)
    try:
        page = running.get("/_editor/test/angebote/elterncafe/").body
    finally:
        running.stop()
    assert ">Titel (Arabisch)</label>" in page and 'name="title.ar"' in page


def test_markdown_texts_show_a_preview_that_is_as_harmless_as_the_site(editor):
    hostile = "Wir **helfen**.\n\n<script>alert(1)</script><img src=x onerror=alert(1)>"
    offer(
        editor,
        "markdown",
        OFFER_YAML
        + "description: |\n"
        + "".join(f"  {line}\n" if line else "\n" for line in hostile.split("\n")),
    )
    page = editor.get("/_editor/test/angebote/markdown/").body
    preview = re.search(
        r'<div id="f-description-de-preview" class="rendered">(.*?)</div>', page, re.S
    )
    assert "<strong>helfen</strong>" in preview.group(1)
    assert "<script" not in preview.group(1) and "onerror" not in preview.group(1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the text itself, in its text area
    assert "<script>alert" not in page
    fields = [
        (n, "# Titel\n\n- eins" if n == "description.de" else v) for n, v in form_fields_of(page)
    ]
    answer = editor.post("/_editor/test/angebote/markdown/", [*fields, ("_action", "live")])
    previews = json.loads(answer.body)["previews"]
    assert previews["f-description-de"] == "<h2>Titel</h2>\n<ul>\n<li>eins</li>\n</ul>"


def test_fields_the_form_did_not_change_keep_every_byte(editor):
    original = (
        "---\n"
        "# Kopf\n"
        "title:    Elterncafé\n"
        "summary: Offener Treff\n"
        "  für Eltern\n"
        "categories:   [ meeting ]\n"
        "schedule:\n"
        "    -   weekly: tuesday\n"
        "        time: 09:30-11:00\n"
        "location:    kita-sonne   # im Foyer\n"
        "cost: free"
    )
    path = offer(editor, "bytes", original)
    answer = editor.submit("/_editor/test/angebote/bytes/", {"title.ar": "مقهى"})
    assert "Gespeichert." in answer.body
    assert path.read_text(encoding="utf-8") == original.replace(
        "title:    Elterncafé\n", "title:\n  de: Elterncafé\n  ar: مقهى\n"
    )


def test_text_areas_sent_with_crlf_as_browsers_do_change_nothing(editor):
    text = OFFER_YAML + "description: |\n  Zeile eins\n\n  Zeile zwei\n"
    path = offer(editor, "crlf", text)
    page = editor.get("/_editor/test/angebote/crlf/").body
    fields = [(n, v.replace("\n", "\r\n")) for n, v in form_fields_of(page)]
    answer = editor.post("/_editor/test/angebote/crlf/", [*fields, ("_action", "save")])
    assert "Nichts geändert." in answer.body
    assert path.read_text(encoding="utf-8") == text


def test_a_one_line_field_holding_line_breaks_keeps_them(editor):
    text = OFFER_YAML + "room: |\n  Haus A\n  Raum 2\n"
    path = offer(editor, "zeilen", text)
    page = editor.get("/_editor/test/angebote/zeilen/").body
    assert re.search(
        r'<textarea id="f-room-de" name="room.de" rows="2"[^>]*>\nHaus A\nRaum 2\n</textarea>', page
    )
    answer = editor.submit("/_editor/test/angebote/zeilen/", {})
    assert "Nichts geändert." in answer.body
    assert path.read_text(encoding="utf-8") == text


def test_a_text_starting_with_an_empty_line_keeps_it_in_the_browser(editor):
    text = OFFER_YAML + "description: |\n\n  Nach einer Leerzeile.\n"
    path = offer(editor, "leerzeile", text)
    answer = editor.submit("/_editor/test/angebote/leerzeile/", {})
    assert "Nichts geändert." in answer.body
    assert path.read_text(encoding="utf-8") == text


# --- dates and times -------------------------------------------------------------------

TYPED_DATES = OFFER_YAML.replace(
    "    time: 09:30-11:00\n",
    "    time: 9:30-11\n    from: 12.01.2027\n    until: 2027-06-30\n",
)


def test_dates_have_the_date_picker_and_times_start_and_end_pickers(editor):
    offer(editor, "picker", TYPED_DATES)
    page = editor.get("/_editor/test/angebote/picker/").body
    # The picker shows the day the coordinator typed in German order.
    assert re.search(
        r'<input type="date" id="f-schedule-0-from" name="schedule.0.from" value="2027-01-12"', page
    )
    assert re.search(r'<input type="date" id="f-schedule-0-until" [^>]*value="2027-06-30"', page)
    # The time range stays typed as written, with a picker for its start and its end.
    assert re.search(
        r'<input type="text" id="f-schedule-0-time" name="schedule.0.time" value="9:30-11"', page
    )
    assert re.search(r'<label for="f-schedule-0-time-start">Uhrzeit: Beginn</label>', page)
    assert re.search(r'<input type="time" id="f-schedule-0-time-start" [^>]*value="09:30"', page)
    assert re.search(r'<label for="f-schedule-0-time-end">Uhrzeit: Ende</label>', page)
    assert re.search(r'<input type="time" id="f-schedule-0-time-end" [^>]*value="11:00"', page)


def test_dates_and_times_as_typed_stay_byte_for_byte_when_the_pickers_send_them(editor):
    # The browser sends 2027-01-12 and 09:30/11:00 for what the file writes 12.01.2027 and 9:30-11.
    path = offer(editor, "typed", TYPED_DATES)
    answer = editor.submit("/_editor/test/angebote/typed/", {"title.ar": "مقهى"})
    assert "Gespeichert." in answer.body
    assert path.read_text(encoding="utf-8") == TYPED_DATES.replace(
        "  tr: Ebeveyn Kafesi\n", "  tr: Ebeveyn Kafesi\n  ar: مقهى\n"
    )


def test_a_date_typed_in_german_and_a_short_time_posted_by_hand_are_saved(editor):
    path = offer(editor, "hand", OFFER_YAML)
    answer = editor.submit(
        "/_editor/test/angebote/hand/",
        {"schedule.0.from": "12.01.2027", "schedule.0.time": "9:30-11"},
    )
    assert "Gespeichert." in answer.body
    text = path.read_text(encoding="utf-8")
    assert "time: 9:30-11\n" in text and "from: 12.01.2027\n" in text


def test_times_picked_without_the_script_are_saved_as_a_range(editor):
    path = offer(editor, "gepickt", TYPED_DATES)
    answer = editor.submit(
        "/_editor/test/angebote/gepickt/",
        {
            "schedule.0.time.start": "10:00",
            "schedule.0.time.end": "12:15",
            "schedule.0.until": "2027-07-31",
        },
    )
    assert "Gespeichert." in answer.body
    text = path.read_text(encoding="utf-8")
    assert "time: 10:00-12:15\n" in text and "until: 2027-07-31\n" in text
    assert "from: 12.01.2027\n" in text


def test_a_date_that_is_no_date_is_shown_as_typed_with_its_error(editor):
    offer(editor, "kein-datum", TYPED_DATES.replace("12.01.2027", "31.02.2027"))
    page = editor.get("/_editor/test/angebote/kein-datum/").body
    date_input = re.search(r'<input [^>]*name="schedule\.0\.from"[^>]*>', page).group(0)
    assert 'type="text"' in date_input and 'value="31.02.2027"' in date_input
    assert 'aria-invalid="true"' in date_input


def test_the_leichte_sprache_check_is_asked_as_who_and_when(editor):
    # It was one "Ls Checked" box per language, where nothing a coordinator typed was valid.
    path = offer(editor, "geprueft", OFFER_YAML + "ls_checked: false  # noch nicht geprüft\n")
    page = editor.get("/_editor/test/angebote/geprueft/").body
    assert "Ls Checked" not in page and "Leichte Sprache geprüft" in page
    assert re.search(r'<label for="f-ls-checked-by">Geprüft von <span', page)
    assert re.search(r'<input type="date" id="f-ls-checked-on" name="ls_checked.on" value=""', page)
    # Left empty, the file's "not checked yet" and its comment stay as written.
    saved = editor.submit("/_editor/test/angebote/geprueft/", {"title.ar": "مقهى"})
    assert "Gespeichert." in saved.body
    assert "ls_checked: false  # noch nicht geprüft\n" in path.read_text(encoding="utf-8")
    # Who and when, from the date picker, become the check.
    changes = {"ls_checked.by": "Prüf-Gruppe Lebenshilfe", "ls_checked.on": "2026-11-20"}
    assert "Gespeichert." in editor.submit("/_editor/test/angebote/geprueft/", changes).body
    text = path.read_text(encoding="utf-8")
    # The comment the coordinator wrote stays too.
    assert (
        "ls_checked:        # noch nicht geprüft\n  by: Prüf-Gruppe Lebenshilfe\n  on: 2026-11-20\n"
        in text
    )
    settings = editor.get("/_editor/test/einstellungen/").body
    assert "Akzentfarbe" in settings and '<label for="f-ls-checked-by">Geprüft von <' in settings
