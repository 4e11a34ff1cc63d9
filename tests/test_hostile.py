"""Hostile text in every field: escaped, isolated, unable to break the page around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_tree
from sitebuild import build_tree, html_pages, soup

BIDI = "\u202e\u2066\u200f"
PROBE = (
    f"A{BIDI}gnp.exe \u200b\ufeff 👩‍👧 مرحبا Привет "
    + "Donaudampfschifffahrtsgesellschaftskapitän" * 6
    + ' <b>fett</b><script>alert(1)</script> [x](javascript:alert(2)) " onclick="alert(3)'
)
Q = PROBE.replace("'", "''")  # inside single-quoted YAML


def hostile_tree() -> dict[str, str]:
    site = f"""\
name: '{Q}'
sozialraum: '{Q}'
intro: '{Q}'
languages: [de, ar]
organisation: '{Q}'
coordinator:
  name: '{Q}'
  role: '{Q}'
  email: koordination@fz-test.example.org
  phone: "+49 4531 000000"
  office_hours: '{Q}'
  address: {{name: '{Q}', street: '{Q}', postal_code: "23843", city: '{Q}'}}
partners:
  - id: kita
    name: '{Q}'
    kind: kita
    address: {{name: '{Q}', street: '{Q}', postal_code: "23843", city: '{Q}'}}
    description: '{Q}'
legal:
  publisher: '{Q}'
  address: {{street: '{Q}', postal_code: "23843", city: '{Q}'}}
  represented_by: '{Q}'
  email: info@fz-test.example.org
  register: '{Q}'
  responsible_for_content: '{Q}'
  privacy_contact: '{Q}'
"""
    offer = f"""\
title: {{de: '{Q}', ar: '{Q}'}}
summary: '{Q}'
description: '{Q}'
categories: [meeting]
schedule:
  - weekly: di
    time: 09:30-11:00
location: kita
room: '{Q}'
cost: '{Q}'
registration: {{required: ja, note: '{Q}'}}
contact: {{name: '{Q}', phone: "04531 000000"}}
image_alt: '{Q}'
image: files/bild.png
"""
    page = f"---\ntitle: '{Q}'\nmenu: 1\n---\n{PROBE}\n"
    return {
        "content/test/site.yaml": site,
        "content/test/offers/probe.yaml": offer,
        "content/test/pages/probe.md": page,
        "content/test/pages/probe.ar.md": page,
        "content/test/files/bild.png": "",
    }


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_tree(folder, hostile_tree())
    return build_tree(folder / "content", folder / "output")


def test_every_field_is_escaped(output):
    for path in html_pages(output):
        page = soup(path)
        for tag in page.find_all(True):
            assert tag.name != "script" or tag.get("type") == "application/ld+json", path
            assert not any(name.startswith("on") for name in tag.attrs), (path, tag.name)
            for name in ("href", "src"):
                assert not str(tag.get(name, "")).lower().startswith("javascript:"), path
        assert "<b>fett</b>" in page.get_text() or path.name == "404.html"


def test_bidi_controls_stay_inside_an_isolating_element(output):
    """No text with a right-to-left override can reorder the page around it."""
    unisolated = []
    for path in html_pages(output):
        page = soup(path)
        for text in page.body.find_all(string=lambda s: "\u202e" in s):
            isolated = any(
                parent.name == "bdi"
                or (parent.has_attr("dir") and parent.name not in {"html", "body"})
                for parent in text.parents
            )
            if not isolated:
                unisolated.append(f"{path.relative_to(output)}: <{text.parent.name}>")
    assert not unisolated, unisolated[:10]


def test_long_words_and_emoji_do_not_widen_the_page(output):
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("needs Debian's chromium (installed by make test)")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=args)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for language in ("de", "ar"):
            for sub in ("", "angebote/probe/", "kontakt/", "impressum/", "netzwerk/", "probe/"):
                page.goto((output / f"test/{language}/{sub}index.html").as_uri())
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 390, (language, sub, width)
        browser.close()
