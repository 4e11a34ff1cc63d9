"""Content is escaped or sanitised: no script, event handler or dangerous URL survives."""

from __future__ import annotations

from pathlib import Path

from conftest import SITE_YAML, write_tree
from sitebuild import build_tree, html_pages, snapshot, soup

PROBE = '<script>alert(1)</script><img src=x onerror=alert(2)>" onmouseover="alert(3)'
OFFER = f"""\
title: '{PROBE.replace("'", "''")}'
summary: '{PROBE.replace("'", "''")}'
description: |
  Text <script>alert(4)</script> und <b onclick="alert(5)">fett</b>.

  [Klick](javascript:alert(6)) [Daten](data:text/html;base64,PHNjcmlwdD4=)
  ![Bild](data:image/png;base64,iVBORw0KGgo=) <iframe src="https://evil.example.org"></iframe>
  <a href="JaVaScRiPt:alert(7)">x</a> <svg onload=alert(8)></svg>
  [Flyer](files/flyer.pdf)
categories: [meeting]
room: '<b>Raum</b>'
cost: '<i>3 €</i>'
location: kita-sonne
schedule:
  - weekly: di
    time: 09:30-11:00
"""
PAGE = """---
title: '<script>alert(9)</script>'
menu: 5
---
# Überschrift
<script>alert(10)</script><style>body{display:none}</style>
<a href="vbscript:msgbox">x</a>
"""


def build(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        {
            "content/test/site.yaml": SITE_YAML.replace(
                "name: Familienzentrum Testhausen", "name: 'FZ <script>alert(0)</script>'"
            ),
            "content/test/offers/probe.yaml": OFFER,
            "content/test/pages/probe.md": PAGE,
            "content/test/files/flyer.pdf": b"%PDF-1.4",
        },
    )
    return build_tree(tmp_path / "content", tmp_path / "output")


#: What the theme's own icons (`partials/icons.html`) are drawn with.
ICON_SHAPES = {"path", "rect", "circle"}


def is_theme_icon(svg) -> bool:  # type: ignore[no-untyped-def]
    """One of the theme's icons: hidden from screen readers, drawn with lines only."""
    shapes = {child.name for child in svg.find_all(True)}
    return (
        "icon" in svg.get("class", [])
        and svg.get("aria-hidden") == "true"
        and shapes <= ICON_SHAPES
    )


def test_no_script_handlers_or_dangerous_urls(tmp_path):
    output = build(tmp_path)
    for path in html_pages(output):
        page = soup(path)
        scripts = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
        assert not scripts, path
        for tag in page.find_all(True):
            if tag.name == "svg" and is_theme_icon(tag):
                continue
            assert tag.name not in {"iframe", "svg", "style", "object", "embed"}, (path, tag.name)
            for attribute, value in tag.attrs.items():
                assert not attribute.lower().startswith("on"), (path, tag)
                if attribute in {"href", "src"}:
                    assert (
                        not value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
                    ), (path, tag)


def test_probe_text_is_shown_as_text(tmp_path):
    output = build(tmp_path)
    page = soup(output / "test/de/angebote/probe/index.html")
    assert page.select_one("h1").get_text() == PROBE
    assert page.select_one("title").get_text().startswith(PROBE)
    assert "<b>Raum</b>" in page.get_text()
    description = page.select_one("article")
    assert description.find("b", string="fett") is not None
    assert description.find("a", string="Flyer")["href"] == "../../../files/flyer.pdf"


def test_json_ld_cannot_close_its_script(tmp_path):
    output = build(tmp_path)
    raw = (output / "test/de/angebote/probe/index.html").read_text()
    start = raw.index('<script type="application/ld+json">')
    body = raw[start : raw.index("</script>", start)]
    assert "<" not in body[len('<script type="application/ld+json">') :]


def test_two_builds_are_byte_identical(tmp_path):
    first = build(tmp_path / "a")
    second = build(tmp_path / "b")
    assert snapshot(first) == snapshot(second)
