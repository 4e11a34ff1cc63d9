"""What base.html receives: the values every page of a language shares, and those of one page.

Every page template extends the theme's base.html and is rendered by Jinja as
written; these values are its context besides the page's own (`fzgen.pages.values`).
The `#:` comment above a field is its meaning for theme authors (docs/themes.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

from markupsafe import Markup

from fzgen.content.model import Coordinator, Legal
from fzgen.pages.views import Link
from fzgen.render.images import ResponsiveImage


@dataclass(frozen=True)
class SiteLinks:
    """Addresses of the pages every site has, relative to the site folder:
    `{{ root }}{{ links.offers }}`."""

    #: The home page of the language (`de/`).
    home: str
    #: The list of all offers by weekday.
    offers: str
    #: The offers by topic.
    by_category: str
    #: The contact page.
    contact: str
    #: The imprint.
    imprint: str
    #: The privacy notice.
    privacy: str
    #: The printable programme.
    programme: str
    #: The calendar file of all offers (`kalender.ics`).
    calendar: str
    #: The news page; none when the site has no news.
    news: str | None = None
    #: The news as an Atom feed (`neuigkeiten.atom`); none when the site has no news.
    news_feed: str | None = None
    #: The Erklärung zur Barrierefreiheit; none when site.yaml has no `accessibility`.
    accessibility: str | None = None


class SwitcherEntry(NamedTuple):
    """One entry of the language switcher: the same page in another language."""

    #: The language code (`de`, `ar`).
    code: str
    #: The language's name in itself (`Deutsch`, `العربية`).
    name: str
    #: The page in that language, relative to the site folder.
    href: str
    #: Whether it is the language of the page shown.
    current: bool
    #: Its `lang` attribute: the code, `de` for Leichte Sprache (`ls`).
    lang: str
    #: Its `hreflang`: the code; empty for Leichte Sprache, which BCP 47 does not know.
    hreflang: str


class EasyEntry(NamedTuple):
    """The way between a page and its Leichte Sprache version (`ls` in the site's languages)."""

    #: The page in Leichte Sprache, or from there the page in standard German.
    href: str
    #: The link's text: „Leichte Sprache“, „Einfache Sprache“ while unchecked, or the
    #: way back to standard German.
    label: str


class EasyStatus(NamedTuple):
    """On a page in Leichte Sprache: whether its texts were checked, and by whom."""

    #: „Leichte Sprache“ when checked, else „Einfache Sprache“.
    label: str
    #: Who checked the texts (`checked.by`) and when (`checked_on`); none when unchecked.
    checked_by: str | None
    #: The day of the check in words (`1. November 2026`); none when unchecked.
    checked_on: str | None
    #: The same page in standard German, relative to the site folder.
    standard: str


class Alternate(NamedTuple):
    """The same page in one language, for `<link rel="alternate">`:
    `{% for code, href in alternates %}`."""

    #: The language code.
    code: str
    #: The page's full address where the site has a base_url, else relative to the page.
    href: str


@dataclass(frozen=True)
class LayoutValues:
    """What every page of one language shows the same way: made once per language.

    Every template can also test HTML with `is with_fallback`: whether it holds a
    title, summary, description or body shown in the source language (names of
    places, partners and people, and short fragments, do not count). The default
    base.html captures the page's
    main part first, `{% set main_html %}{% block main %}{% endblock %}{% endset %}`,
    shows `fallback_notice` above it where `main_html is with_fallback`, then prints
    `{{ main_html }}`; a theme may place the notice anywhere, or leave it out.
    """

    #: A UI text of the language as HTML: `{{ t("nav.skip") }}`, `{{ t("key", name=value) }}`.
    t: Callable[..., Markup]
    #: The plural form of a UI text for a number: `{{ plural("offers.count", count) }}`.
    plural: Callable[[str, int], str]
    #: The page's language code (`de`, `ar`, `ls` for Leichte Sprache): its folder.
    lang: str
    #: The page's `lang` attribute: the code, `de` for Leichte Sprache.
    html_lang: str
    #: Its writing direction: `ltr` or `rtl`.
    dir: str
    #: The site's name as HTML, marked where it falls back to the source language.
    site_name: Markup
    #: The site's name as plain text (for `<title>`).
    site_name_text: str
    #: The district (Sozialraum) the Familienzentrum serves, as HTML.
    sozialraum: Markup
    #: The coordinator (`name`, `email`, `phone`, `address`) as the content has them.
    coordinator: Coordinator
    #: The coordinator's role, as HTML; empty when none is given.
    coordinator_role: Markup
    #: The coordinator's office hours, as HTML; empty when none are given.
    office_hours: Markup
    #: The organisation running the Familienzentrum (Träger), as HTML.
    organisation: Markup
    #: The imprint's details (`publisher`, `address`, `email`, `phone`, ...) as written.
    legal: Legal
    #: Who represents the publisher, as HTML.
    legal_represented_by: Markup
    #: Addresses of the pages every site has.
    links: SiteLinks
    #: The page-wide notice that some of the page is in the source language (plain text).
    fallback_notice: str
    #: The site's intro in this language as plain text of at most 155 characters, for
    #: `<meta name="description">` (Jinja escapes it); its name and Sozialraum without an intro.
    description: str = ""
    #: The site's accent colour (`#rrggbb`) when site.yaml names one, else None; then
    #: `site.css` beside style.css sets it as `--accent`: `{% if accent %}` links it.
    accent: str | None = None
    #: The site's logo (`files/logo.svg`) when site.yaml names one, else None:
    #: `<img src="{{ root }}{{ logo }}" alt="">` beside the name, inside the same link.
    logo: str | None = None
    #: The site's photo when site.yaml names one, else None: its sizes, `src`, `width`,
    #: `height` and `alt` (plain text) and `srcset(root)`, for an `<img>` with `sizes`.
    photo: ResponsiveImage | None = None
    #: The offers' photos (JPEG, PNG, WebP) by their reference (`offer.image`): sizes,
    #: `src`, `width`, `height` and `srcset(root)` as `photo` has them, the description is
    #: `offer.image_alt_text`; an image missing here (an SVG) is published as it is.
    pictures: Mapping[str, ResponsiveImage] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        """The fields as Jinja variables: a shallow dict, the values themselves kept."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


@dataclass(frozen=True)
class PageLayout:
    """What base.html shows differently on each page: its address, title and menus' state."""

    #: The way up from the page to the site folder (`../../`): `{{ root }}style.css`.
    root: str
    #: The page's title as plain text.
    title: str
    #: The page's address relative to the language folder (`angebote/`); empty on the home page.
    path: str
    #: The main menu, the entry of the page's section with `current` set.
    nav: tuple[Link, ...]
    #: The language switcher: this page in every language of the site.
    switcher: tuple[SwitcherEntry, ...]
    #: This page in every language, for `<link rel="alternate" hreflang>`.
    alternates: tuple[Alternate, ...]
    #: The page's own address, for `<link rel="canonical">`.
    canonical: str
    #: The page in the source language, for `hreflang="x-default"`.
    x_default: str
    #: schema.org data as a `<script>` element; empty unless the page's own values bring it.
    json_ld: Markup
    #: Each offer's `partials/offer_card.html`, by slug, rendered for pages at this depth
    #: with the layout values, `root` and `offer`: `{{ cards[offer.slug] }}`.
    cards: Mapping[str, Markup]
    #: Each offer's `partials/programme_entry.html`, by slug, rendered the same way.
    programme_entries: Mapping[str, Markup]
    #: The link to this page in Leichte Sprache, on the other languages' pages of a
    #: site that has it; else none.
    easy: EasyEntry | None = None
    #: On a page in Leichte Sprache: its label and check; else none.
    easy_status: EasyStatus | None = None

    def context(self) -> dict[str, Any]:
        """The fields as Jinja variables: a shallow dict, the values themselves kept."""
        return {field.name: getattr(self, field.name) for field in fields(self)}
