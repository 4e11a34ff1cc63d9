"""docs/themes.md is what tools/theme_docs.py writes from the typed values, and it
covers every template of the default theme that a page is rendered from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fzgen.pages.values import TEMPLATE_VALUES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import theme_docs  # noqa: E402

TEMPLATES = ROOT / "themes" / "default" / "templates"
#: Templates that are not rendered from page values: the layout (its values are
#: the shared ones), the portal of all sites, and pieces other templates include.
NOT_PAGES = {
    "base.html",
    "portal.html",
    "partials/macros.html",
    "partials/contact_card.html",
    "partials/privacy_de.html",
    "partials/accessibility_de.html",
    "partials/icons.html",
}


def test_committed_theme_docs_are_up_to_date():
    text = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    assert text == theme_docs.generate(), "run `python tools/theme_docs.py`"


def test_every_template_a_page_is_rendered_from_is_documented():
    templates = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")}
    assert set(TEMPLATE_VALUES) == templates - NOT_PAGES
    text = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    for template in TEMPLATE_VALUES:
        assert f"`{template}`" in text


def test_every_field_of_the_default_templates_values_is_in_a_table():
    text = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    for field in ("intro", "coming", "groups", "filters", "partners", "body", "as_of", "base"):
        assert f"| `{field}` |" in text


def test_a_field_without_a_meaning_stops_the_generator(tmp_path, monkeypatch):
    module = tmp_path / "values.py"
    module.write_text(
        "from dataclasses import dataclass\n\n\n"
        "@dataclass(frozen=True)\n"
        "class NewValues:\n"
        '    """A new kind of page."""\n\n'
        "    #: Documented.\n"
        "    title: str\n"
        "    colour: str\n",
        encoding="utf-8",
    )
    classes = theme_docs.read_classes(module)
    assert [f.meaning for f in classes["NewValues"].fields] == ["Documented.", ""]
    assert theme_docs.undocumented(list(classes.values())) == ["NewValues.colour"]
    known = {**theme_docs.known_classes(), **classes}
    monkeypatch.setattr(theme_docs, "known_classes", lambda: known)
    monkeypatch.setattr(theme_docs, "template_values", lambda: {"NewValues": ["new.html"]})
    with pytest.raises(ValueError, match=r"NewValues\.colour"):
        theme_docs.generate()
