"""Offers as the lists show them (cards, programme entries): each rendered once per page depth.

An offer's card appears on many list pages of a language; rendered by Jinja
with the language's layout values, the offer and the `root` of the pages it
appears on, it is the same HTML on each, so it is rendered once per depth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Template
from markupsafe import Markup

from fzgen.pages.views import OfferView, SiteViews

#: The partials an offer is shown with in the lists.
CARD, PROGRAMME_ENTRY = "partials/offer_card.html", "partials/programme_entry.html"


class Fragments(dict[str, Markup]):
    """One partial (a card, a programme entry) per offer slug, rendered on first use.

    The partial is loaded on first use too: a theme whose pages never show
    `cards` need not have `partials/offer_card.html`.
    """

    def __init__(
        self, load: Callable[[], Template], views: SiteViews, context: Mapping[str, Any]
    ) -> None:
        super().__init__()
        self.load = load
        self._template: Template | None = None
        self.views = views
        #: What the partial receives besides `offer`: the layout values and `root`.
        self.context = context
        self._offers: tuple[OfferView, ...] = ()
        self._by_slug: dict[str, OfferView] = {}

    def __missing__(self, slug: str) -> Markup:
        offers = self.views.offers
        if self._offers is not offers:  # first use, or the views' offers were replaced
            self._offers, self._by_slug = offers, {o.slug: o for o in offers}
        self[slug] = self._render(self._by_slug[slug])
        return self[slug]

    def render_all(self) -> None:
        """Render every offer's partial now (the preview, after a build in workers)."""
        for offer in self.views.offers:
            if offer.slug not in self:
                self[offer.slug] = self._render(offer)

    def _render(self, offer: OfferView) -> Markup:
        if self._template is None:
            self._template = self.load()
        return Markup(self._template.render(self.context, offer=offer))


def partial_of(load: Callable[[str], Template], name: str) -> Callable[[], Template]:
    """`load(name)`, called when first needed."""
    return lambda: load(name)


class SiteFragments:
    """The fragments of one site, by partial, language and depth."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str, str], Fragments] = {}

    def get(
        self,
        partial: str,
        load: Callable[[str], Template],
        views: SiteViews,
        layout: Mapping[str, Any],
        root: str,
    ) -> Fragments:
        """The offers of `views` rendered with the template `partial` (`load` gets it)
        for pages at `root`."""
        key = (partial, views.language, root)
        fragments = self._made.get(key)
        if fragments is None:
            fragments = Fragments(partial_of(load, partial), views, {**layout, "root": root})
            self._made[key] = fragments
        return fragments

    def forget(self, slugs: set[str]) -> None:
        """Drop the fragments of these offers (edited, added or removed)."""
        for fragments in self._made.values():
            for slug in slugs:
                fragments.pop(slug, None)
