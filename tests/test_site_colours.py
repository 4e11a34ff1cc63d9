"""A site's own accent colour (site.yaml `accent`): a stylesheet every page links,
and a German error with file, line and field when it is malformed or too light."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SITE_YAML, site_tree, write_tree

OUT = Path("output/test")


def _site(tmp_path: Path, accent_line: str) -> Path:
    return write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML + accent_line}))


def test_a_good_colour_is_the_sites_accent_on_every_page(tmp_path, fzgen):
    root = _site(tmp_path, 'accent: "#0B6E4F"\n')
    result = fzgen(root, "build")
    assert result.code == 0, result.err
    css = (root / OUT / "site.css").read_bytes()
    assert css == b":root { --accent: #0b6e4f; }\n"
    pages = sorted((root / OUT).rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert 'site.css">' in head, page
        # After the theme's stylesheets, so its --accent wins.
        assert head.index("site.css") > head.index("style.css"), page
        assert '<meta name="theme-color" content="#0b6e4f">' in head, page
        assert "<style" not in html and " style=" not in html, page
    home = (root / OUT / "de" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../site.css">' in home
    assert '<link rel="stylesheet" href="/test/site.css">' in (root / OUT / "404.html").read_text()


def test_without_a_colour_there_is_no_site_css(tmp_path, fzgen):
    root = _site(tmp_path, "")
    assert fzgen(root, "build").code == 0
    assert not (root / OUT / "site.css").exists()
    home = (root / OUT / "de" / "index.html").read_text(encoding="utf-8")
    assert "site.css" not in home and "theme-color" not in home


def test_a_too_light_colour_is_refused_with_ratio_and_a_darker_one(tmp_path, fzgen):
    root = _site(tmp_path, 'accent: "#77aadd"\n')
    result = fzgen(root, "check")
    assert result.code == 1
    assert (
        "Fehler: test/site.yaml, Zeile 26, Spalte 9, Feld „accent“\n"
        "  Die Akzentfarbe „#77aadd“ ist zu hell: Kontrast 2,4:1 zur weißen Schrift auf Knöpfen"
        " und zum weißen Seitenhintergrund, 2,1:1 zum hellen Hintergrund von Kopfzeile und"
        " Kästen. Nötig sind mindestens 4,5:1 (WCAG AA).\n"
        '  Lösung: Wählen Sie die Farbe dunkler, z. B. accent: "#4f7092" (Kontrast 4,6:1).\n'
    ) in result.err


def test_a_ratio_just_below_the_minimum_is_not_rounded_up(tmp_path, fzgen):
    # #7a7a7a has 4.29:1 against white and less against the boxes: never "4,5:1".
    root = _site(tmp_path, 'accent: "#7a7a7a"\n')
    result = fzgen(root, "check")
    assert result.code == 1
    assert "Kontrast 4,2:1 zur weißen Schrift" in result.err


@pytest.mark.parametrize("value", ['"0b6e4f"', '"#0b6e4"', '"grün"', '"#0b6e4f; x"', "12"])
def test_a_value_that_is_not_rrggbb_is_refused(tmp_path, fzgen, value):
    root = _site(tmp_path, f"accent: {value}\n")
    result = fzgen(root, "check")
    assert result.code == 1
    assert "Fehler: test/site.yaml, Zeile 26, Spalte 9, Feld „accent“" in result.err
    assert "ist keine Farbe in der Form #rrggbb." in result.err
    assert 'z. B. accent: "#0b6e4f"' in result.err


def test_an_unquoted_colour_is_not_silently_dropped(tmp_path, fzgen):
    root = _site(tmp_path, "accent: #0b6e4f\n")
    result = fzgen(root, "check")
    assert result.code == 1
    assert "Feld „accent“" in result.err
    assert 'accent: "#0b6e4f"' in result.err


LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">'
    b'<circle cx="20" cy="20" r="18" fill="#a3123a"/></svg>'
)


def test_the_logo_stands_beside_the_name_in_every_header(tmp_path, fzgen):
    root = write_tree(
        tmp_path,
        site_tree({"site.yaml": SITE_YAML + "logo: files/logo.svg\n", "files/logo.svg": LOGO}),
    )
    result = fzgen(root, "build")
    assert result.code == 0, result.err
    assert (root / OUT / "files" / "logo.svg").read_bytes() == LOGO
    home = (root / OUT / "de" / "index.html").read_text(encoding="utf-8")
    # Inside the link that names the site: the name is its text, the image adds no second one.
    link = BeautifulSoup(home, "html.parser").select_one(".site-header .site-name a")
    assert link is not None and link.get_text() == "Familienzentrum Testhausen"
    logo = link.select_one("img.site-logo")
    assert logo is not None and logo["src"] == "../files/logo.svg" and logo["alt"] == ""
    for page in (root / OUT).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if '<header class="site-header">' in html:
            assert 'class="site-logo"' in html and 'files/logo.svg" alt=""' in html, page
    not_found = (root / OUT / "404.html").read_text(encoding="utf-8")
    assert '<img class="site-logo" src="/test/files/logo.svg" alt="" height="32">' in not_found


def test_a_missing_logo_file_is_named_with_line_and_field(tmp_path, fzgen):
    root = write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML + "logo: files/logo.svg\n"}))
    result = fzgen(root, "check")
    assert result.code == 1
    assert (
        "Fehler: test/site.yaml, Zeile 26, Spalte 7, Feld „logo“\n"
        "  Die Datei „files/logo.svg“ gibt es nicht.\n"
    ) in result.err


@pytest.mark.parametrize("value", ["files/logo.pdf", "logo.svg", "../logo.svg"])
def test_a_logo_that_is_no_image_under_files_is_refused(tmp_path, fzgen, value):
    root = write_tree(
        tmp_path,
        site_tree({"site.yaml": SITE_YAML + f"logo: {value}\n", "files/logo.pdf": b"%PDF-1.4"}),
    )
    result = fzgen(root, "check")
    assert result.code == 1
    assert "Fehler: test/site.yaml, Zeile 26, Spalte 7, Feld „logo“" in result.err


CHROMIUM = Path("/usr/bin/chromium")
#: A wide logo: shown 32 px high, at most 6rem wide.
WIDE_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 40">'
    b'<rect width="400" height="40" fill="#0b6e4f"/></svg>'
)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_logo_keeps_the_header_within_a_quarter_of_a_phone_screen(tmp_path, fzgen, language):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    site = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, en, tr, ar]")
    root = write_tree(
        tmp_path,
        site_tree({"site.yaml": site + "logo: files/logo.svg\n", "files/logo.svg": WIDE_LOGO}),
    )
    assert fzgen(root, "build").code == 0
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 360, "height": 640}, java_script_enabled=False)
        page.goto((root / OUT / language / "index.html").as_uri())
        header = page.locator(".site-header").bounding_box()
        logo = page.locator(".site-logo").bounding_box()
        browser.close()
    assert header is not None and header["height"] <= 640 / 4
    assert logo is not None and logo["height"] == 32 and logo["width"] <= 96


def test_the_new_sites_example_colour_passes_when_uncommented(tmp_path, fzgen):
    assert fzgen(tmp_path, "new", "lindenhof").code == 0
    site_yaml = tmp_path / "content" / "lindenhof" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    assert '\n# accent: "#0b6e4f"\n' in text and "\n# logo: files/logo.svg\n" in text
    site_yaml.write_text(text.replace('# accent: "#', 'accent: "#'), encoding="utf-8")
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
