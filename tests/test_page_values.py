"""Each page's values are a frozen dataclass of its template's kind, made only when
the page is rendered; the pages in every language at once get typed values too."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from fzgen.content.loader import SiteContent, load_content
from fzgen.pages import outline as outline_module
from fzgen.pages.listing import filter_values
from fzgen.pages.markup import Localizer
from fzgen.pages.outline import SiteOutline, chooser_values
from fzgen.pages.values import TEMPLATE_VALUES, OfferListValues
from fzgen.pages.views import SiteViews
from fzgen.theme.catalogue import catalogue_languages, load_catalogues

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TRANSLATIONS = ROOT / "translations"
TEMPLATES = ROOT / "themes" / "default" / "templates"
#: The day the test builds are made on (SOURCE_DATE_EPOCH 1795564800).
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def sites() -> tuple[SiteContent, ...]:
    return load_content(CONTENT, catalogue_languages(TRANSLATIONS)).sites


def outlines(site: SiteContent) -> tuple[SiteOutline, dict[str, SiteViews]]:
    catalogues = load_catalogues(TRANSLATIONS, site.languages)
    source = catalogues[site.languages[0]]
    views = {
        code: SiteViews(site, Localizer(catalogues[code], source), TODAY) for code in site.languages
    }
    return SiteOutline(site, catalogues, TODAY, "https://example.org/x/"), views


def test_every_page_gets_the_frozen_values_of_its_template(sites):
    seen: set[str] = set()
    for site in sites:
        outline, views = outlines(site)
        for language, language_views in views.items():
            for page in outline.pages(language_views):
                values = page.values()
                assert type(values) is TEMPLATE_VALUES[page.template], (language, page.path)
                names = [field.name for field in dataclasses.fields(values)]
                assert list(page.context()) == names
                if names:
                    with pytest.raises(dataclasses.FrozenInstanceError):
                        setattr(values, names[0], None)
                seen.add(page.template)
    page_templates = {t for t in TEMPLATE_VALUES if "/" not in t}
    assert seen == page_templates - {"chooser.html", "404.html"}


def test_listing_the_pages_makes_no_values(sites, monkeypatch):
    """The preview lists every page to find what an edit touches: no Markdown, no
    JSON-LD, no groups are made for that."""
    site = sites[0]
    outline, views = outlines(site)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("made while only listing the pages")

    for name in ("json_ld", "offer_json_ld", "organisation_data", "by_weekday", "by_category"):
        monkeypatch.setattr(outline_module, name, forbidden)
    monkeypatch.setattr(Localizer, "block", forbidden)
    monkeypatch.setattr(Localizer, "markdown_in", forbidden)
    for language_views in views.values():
        paths = [page.path for page in outline.pages(language_views)]
        assert "" in paths and "angebote/" in paths


def test_a_filter_page_lists_exactly_the_offers_with_its_value(sites):
    site = sites[0]
    outline, views = outlines(site)
    source = views[site.languages[0]]
    filters = {p.path: p for p in outline.pages(source) if p.path.startswith("auswahl/fuer/")}
    assert filters
    for value in filter_values(source):
        if value.kind != "fuer":
            continue
        page_values = filters[value.path].values()
        assert isinstance(page_values, OfferListValues) and page_values.view == "filter"
        (group,) = page_values.groups
        listed = {offer.slug for offer in group.offers}
        assert listed == {o.slug for o in source.offers if value.value in o.audience_keys}
        assert page_values.count == len(listed) > 0


@pytest.mark.parametrize("template", ["chooser.html", "404.html"])
def test_the_pages_in_every_language_render_from_typed_values(sites, tmp_path, template):
    """chooser.html and 404.html from `chooser_values` are the pages a build writes."""
    from sitebuild import build_tree

    output = build_tree(CONTENT, tmp_path / "out")
    # Jinja as fzgen sets it up (fzgen/render/environment.py), strict about names.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    for site in sites:
        catalogues = load_catalogues(TRANSLATIONS, site.languages)
        base_url = (site.site.base_url or "").rstrip("/") + "/" if site.site.base_url else None
        values = chooser_values(site, catalogues, base_url)
        html = env.get_template(template).render(values.context())
        name = "index.html" if template == "chooser.html" else template
        assert html.encode() == (output / site.slug / name).read_bytes()
