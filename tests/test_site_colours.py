"""A site's own accent colour (site.yaml `accent`): a stylesheet every page links,
and a German error with file, line and field when it is malformed or too light."""

from __future__ import annotations

from pathlib import Path

import pytest

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
