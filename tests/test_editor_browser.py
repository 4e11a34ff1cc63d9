"""`fzgen edit` in real headless Chromium, driven through the accessible names a person hears.

One editor process and one browser serve the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from editor_client import Editor, start_editor
from test_browser import AXE, CHROMIUM, CHROMIUM_ARGS, WCAG_TAGS

pytestmark = pytest.mark.browser

playwright_sync = pytest.importorskip("playwright.sync_api")
if not (CHROMIUM.exists() and AXE.exists()):
    pytest.fail(
        "browser tests need /usr/bin/chromium and tools/browser (run `make test`)", pytrace=False
    )

_AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => `${v.id}: ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    root = tmp_path_factory.mktemp("editor-browser")
    site = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, ar, tr]")
    write_tree(root, site_tree({"site.yaml": site}))
    running = start_editor(root)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def page(editor: Editor) -> Iterator[object]:
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        # Through the browser's protocol: the editor's CSP refuses inline scripts.
        context.add_init_script(script=AXE.read_text(encoding="utf-8"))
        tab = context.new_page()
        tab.requests = []  # type: ignore[attr-defined]
        tab.on("request", lambda request: tab.requests.append(request.url))
        tab.goto(editor.url)
        yield tab
        browser.close()


def test_create_an_offer_in_german_and_arabic_and_see_it_built(page, editor, fzgen):
    page.get_by_role("link", name="Familienzentrum Testhausen").click()
    page.get_by_role("link", name="Neues Angebot").click()
    page.get_by_label("Titel (Deutsch)", exact=True).fill("Spielkreis")
    page.get_by_label("Titel (Arabisch)", exact=True).fill("حلقة اللعب")
    page.get_by_label("Kurzbeschreibung (Deutsch)", exact=True).fill("Spielen und Kennenlernen")
    page.get_by_label("Freizeit und Feste").check()
    page.get_by_label("Wöchentlich", exact=True).fill("mittwoch")
    page.get_by_label("Uhrzeit", exact=True).fill("15:00-16:30")
    page.locator("#f-location").select_option("kita-sonne")
    arabic = page.get_by_label("Titel (Arabisch)", exact=True)
    assert arabic.get_attribute("dir") == "rtl"
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Gespeichert.").wait_for()
    assert page.url.endswith("/_editor/test/angebote/spielkreis/?gespeichert=1")
    preview = page.frame_locator("iframe[title=Vorschau]")
    assert "Spielkreis" in preview.locator("h1").inner_text()
    page.goto(page.url.split("/_editor/")[0] + "/test/ar/angebote/spielkreis/")
    assert "حلقة اللعب" in page.locator("h1").inner_text()
    page.go_back()
    assert fzgen(editor.root, "build").code == 0
    built = editor.root / "output/test/ar/angebote/spielkreis/index.html"
    assert "حلقة اللعب" in built.read_text(encoding="utf-8")


def test_a_wrong_time_is_announced_at_the_time_field(page, editor):
    page.goto(page.url.split("/_editor/")[0] + "/_editor/test/angebote/elterncafe/")
    page.get_by_label("Uhrzeit", exact=True).fill("11:00-09:30")
    page.get_by_role("button", name="Speichern").click()
    time = page.get_by_label("Uhrzeit", exact=True)
    time.wait_for()
    assert time.get_attribute("aria-invalid") == "true"
    described = page.evaluate(
        """() => document.getElementById('f-schedule-0-time').getAttribute('aria-describedby')
            .split(' ').map(id => document.getElementById(id).textContent).join(' ')"""
    )
    assert "Bei „11:00-09:30“ liegt das Ende nicht nach dem Beginn." in described
    assert "Als Entwurf gespeichert" in page.content()


def test_errors_and_the_schedule_sentence_follow_the_typing(page, editor):
    page.goto(f"http://127.0.0.1:{editor.port}/_editor/test/angebote/spielkreis/")
    time = page.get_by_label("Uhrzeit", exact=True)
    time.fill("16:30-15:00")
    page.wait_for_selector("#f-schedule-0-time[aria-invalid=true]")
    assert (
        "liegt das Ende nicht nach dem Beginn"
        in page.locator("#f-schedule-0-time-error").inner_text()
    )
    time.fill("10:00-12:00")
    page.wait_for_selector("#f-schedule-0-time:not([aria-invalid])")
    sentence = page.locator(".sentence[data-entry='0']")
    assert "jeden Mittwoch, 10:00–12:00 Uhr" in sentence.inner_text().replace("\u2060", "")
    assert "time: 15:00-16:30" in (editor.root / "content/test/offers/spielkreis.yaml").read_text()


def test_a_change_on_disk_meanwhile_is_shown_as_a_conflict(page, editor):
    path = editor.root / "content/test/offers/spielkreis.yaml"
    page.goto(f"http://127.0.0.1:{editor.port}/_editor/test/angebote/spielkreis/")
    theirs = path.read_text(encoding="utf-8").replace("Spielkreis", "Spielkreis am Markt")
    path.write_text(theirs, encoding="utf-8")
    page.get_by_label("Titel (Deutsch)", exact=True).fill("Mein Spielkreis")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("heading", name="Die Datei wurde inzwischen geändert").wait_for()
    assert "Spielkreis am Markt" in page.locator(".versions").inner_text()
    assert path.read_text(encoding="utf-8") == theirs
    assert page.evaluate(_AXE_RUN, WCAG_TAGS) == []


def test_no_request_leaves_the_machine(page, editor):
    port = f"127.0.0.1:{editor.port}"
    assert [url for url in page.requests if not re.match(rf"http://{re.escape(port)}/", url)] == []


@pytest.mark.parametrize(
    "path",
    [
        "/_editor/",
        "/_editor/test/",
        "/_editor/test/angebote/",
        "/_editor/test/angebote/elterncafe/",
        "/_editor/test/neues-angebot/",
        "/_editor/test/einstellungen/",
        "/_editor/test/papierkorb/",
        "/_editor/test/inhaltsseiten/",
        "/_editor/test/inhaltsseiten/ueber-uns/",
        "/_editor/test/neue-inhaltsseite/",
        "/_editor/test/was-fehlt/",
    ],
)
def test_no_accessibility_violations(page, editor, path):
    page.goto(f"http://127.0.0.1:{editor.port}{path}")
    assert page.evaluate(_AXE_RUN, WCAG_TAGS) == []


def test_the_keyboard_reaches_the_skip_link_and_the_save_button(page, editor):
    page.goto(f"http://127.0.0.1:{editor.port}/_editor/test/angebote/elterncafe/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Speichern":
            break
    assert page.evaluate("document.activeElement.textContent") == "Speichern"


def test_the_time_pickers_and_the_typed_range_follow_each_other(page, editor):
    page.goto(f"http://127.0.0.1:{editor.port}/_editor/test/angebote/elterncafe/")
    typed = page.get_by_label("Uhrzeit", exact=True)
    typed.fill("9:30-11")
    assert page.get_by_label("Uhrzeit: Beginn", exact=True).input_value() == "09:30"
    assert page.get_by_label("Uhrzeit: Ende", exact=True).input_value() == "11:00"
    page.get_by_label("Uhrzeit: Ende", exact=True).fill("12:15")
    assert typed.input_value() == "09:30-12:15"
    assert page.locator("#f-schedule-0-time-start").get_attribute("type") == "time"
