"""What each template receives besides the layout's values: one frozen dataclass per template.

Templates print these values and hold no logic. The `#:` comment above a field
is its meaning for theme authors: `tools/theme_docs.py` writes docs/themes.md
from them, so a field added here is documented by running it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, NamedTuple

from markupsafe import Markup

from fzgen.content.accessibility import EnforcementBody
from fzgen.content.model import Address
from fzgen.pages.news import NewsItemView
from fzgen.pages.notices import DateLine, Notice
from fzgen.pages.programme import FlyerDay, FlyerEntry
from fzgen.pages.views import Link, OfferView
from fzgen.theme.catalogue import Catalogue

#: The field names of each kind of values (dataclasses.fields() walks the class each time).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True)
class PageValues:
    """The values one page's template receives (a frozen dataclass of one page kind)."""

    def context(self) -> dict[str, Any]:
        """The fields as Jinja variables: a shallow dict, the values themselves kept."""
        names = _FIELD_NAMES.get(type(self))
        if names is None:
            names = _FIELD_NAMES[type(self)] = tuple(field.name for field in fields(self))
        return {name: getattr(self, name) for name in names}


class OfferGroup(NamedTuple):
    """Offers under one heading; a template may unpack it: `{% for heading, offers in groups %}`."""

    #: A weekday, "single dates", "by appointment" or a category; none on a filter page.
    heading: str | None
    #: The offers of the group, in the site's order.
    offers: tuple[OfferView, ...]


class ComingDate(NamedTuple):
    """One date of the coming days: `{% for when, offer in coming %}`."""

    #: The day and time: `{{ when }}` prints them in words; `when.status` is
    #: `cancelled` for a date that does not take place, `changed` for one at another time.
    when: DateLine
    #: The offer that takes place then.
    offer: OfferView


class OfferNotice(NamedTuple):
    """A cancelled or changed date of one offer: `{% for notice, offer in changes %}`."""

    #: What happens on that date, and why.
    notice: Notice
    #: The offer it concerns.
    offer: OfferView


class FilterGroup(NamedTuple):
    """One kind of filter in the filter menu: `{% for heading, choices in filters %}`."""

    #: "Topic", "For whom", "Weekday" or "Language" in the page's language.
    heading: str
    #: One link per filter page of this kind that lists at least one offer.
    links: tuple[Link, ...]


@dataclass(frozen=True)
class PartnerView:
    """A member institution of the network, prepared for one language."""

    #: Its name, marked where it falls back to the source language.
    name: Markup
    #: What kind of institution it is, in words.
    kind: str
    #: Its postal address (`name`, `street`, `postal_code`, `city`).
    address: Address
    #: An OpenStreetMap search for the address.
    map_url: str
    #: Its website.
    url: str | None
    #: Its phone number as written in the content.
    phone: str | None
    #: Its description (HTML from Markdown); empty when it has none.
    description: Markup


@dataclass(frozen=True)
class HomeValues(PageValues):
    """The home page of a language."""

    #: The site's introduction (HTML from Markdown).
    intro: Markup
    #: Every date of the next 14 days, earliest first.
    coming: tuple[ComingDate, ...]
    #: schema.org data of the centre as a complete `<script>` element.
    json_ld: Markup
    #: The newest current news items (at most three), newest first; empty when there are none.
    news: tuple[NewsItemView, ...] = ()
    #: Days the centre is closed, from 14 days before they begin until their last day.
    closures: tuple[Notice, ...] = ()
    #: The cancelled and changed dates of the coming 14 days, earliest first.
    changes: tuple[OfferNotice, ...] = ()
    #: The next date that takes place (`when`, `offer`), also after the 14 days; none
    #: when no listed offer has one. The home page shows it first, with its place.
    next_date: ComingDate | None = None


@dataclass(frozen=True)
class NewsValues(PageValues):
    """The news page of a language: every current news item."""

    #: The current news items, newest first; empty when none is current.
    news: tuple[NewsItemView, ...]


@dataclass(frozen=True)
class OfferListValues(PageValues):
    """A list of offers: all by weekday, all by category, or those of one filter value."""

    #: The offers in groups, each under its heading; empty groups are left out.
    groups: tuple[OfferGroup, ...]
    #: The filter menu, the same on every list page of a language.
    filters: tuple[FilterGroup, ...]
    #: How many offers the page lists.
    count: int
    #: Which list this is: by "weekday" (all offers), by "category", or a "filter" page.
    view: Literal["weekday", "category", "filter"]


@dataclass(frozen=True)
class OfferPageValues(PageValues):
    """The page of one offer."""

    #: The offer.
    offer: OfferView
    #: schema.org data of the offer (an Event or a Service) as a complete `<script>` element.
    json_ld: Markup


@dataclass(frozen=True)
class NetworkValues(PageValues):
    """The network's page: the partner institutions."""

    #: The partners in the order of site.yaml.
    partners: tuple[PartnerView, ...]


@dataclass(frozen=True)
class ContactValues(PageValues):
    """The contact page: it shows the coordinator, a layout value."""


@dataclass(frozen=True)
class FreePageValues(PageValues):
    """A page the coordinator wrote in Markdown (`pages/<slug>.md`)."""

    #: The page's text (HTML from Markdown), with a note where it is in another language.
    body: Markup
    #: The language the title and text are written in (the source's where untranslated).
    title_lang: str
    #: That language's direction, `ltr` or `rtl`.
    title_dir: str


@dataclass(frozen=True)
class ImprintValues(PageValues):
    """The imprint: it shows `legal`, a layout value."""


@dataclass(frozen=True)
class PrivacyValues(PageValues):
    """The privacy notice: it shows `legal`, a layout value."""


@dataclass(frozen=True)
class AccessibilityValues(PageValues):
    """The Erklärung zur Barrierefreiheit: in the page's language, and the binding German
    text (`partials/accessibility_de.html`)."""

    #: How far the site meets the requirements: `full`, `partial` or `none`.
    status: str
    #: The site's name in German (plain text), for the binding text.
    site_name_de: str
    #: The site's address (base_url); none when site.yaml names none.
    site_address: str | None
    #: What is not accessible, in the page's language (HTML, marked where it falls back).
    limits: tuple[Markup, ...]
    #: The same as written in German (plain text), for the binding text.
    limits_de: tuple[str, ...]
    #: The day the site was last checked, in words of the page's language.
    last_checked: str
    #: The same day in German words.
    last_checked_de: str
    #: Where to report a barrier: an e-mail address (the coordinator's unless site.yaml names one).
    feedback_email: str | None
    #: And a phone number (the coordinator's unless site.yaml names one); none when neither has one.
    feedback_phone: str | None
    #: The body of the enforcement procedure (`name`, `address`, `email`, `phone`,
    #: `phone_hours` in German, `url`), from the theme's table for the Land or site.yaml.
    enforcement: EnforcementBody
    #: The law the requirements come from, by its German name as it reads after "nach";
    #: none when neither the table nor site.yaml names it (the templates name the EU directive).
    law: str | None


@dataclass(frozen=True)
class ProgrammeValues(PageValues):
    """The printable programme, a flyer for one A4 page: the week, then the dated events."""

    #: The offers in groups, one per category (every offer once, under its first).
    groups: tuple[OfferGroup, ...]
    #: "As of <date>", the day the site was built, in words.
    as_of: str
    #: Monday to Sunday, each day with its regular offers by time (`day.entries`, each a
    #: `FlyerEntry`: `when`, `rhythm`, `status`, `offer`); a day without offers has none.
    week: tuple[FlyerDay, ...]
    #: The coming dates of single-date offers, earliest first (`FlyerEntry`, `when` in words).
    events: tuple[FlyerEntry, ...]
    #: The offers by appointment (`FlyerEntry`).
    by_appointment: tuple[FlyerEntry, ...]
    #: The full address of the site in this language; none without `base_url`.
    web_address: str | None
    #: The QR code of `web_address` as inline SVG (hidden from screen readers); empty without it.
    qr_code: Markup
    #: The programme as an A4 PDF, from the site folder; none unless built with `--pdf`.
    pdf_href: str | None


@dataclass(frozen=True)
class OfferEntryValues(PageValues):
    """An offer as the lists show it: a card, an entry of the printed programme.

    Rendered once per offer, language and page depth and reused on every list:
    besides `offer` they receive the values a language's pages share
    (`LayoutValues`) and `root`, not those of the page they are shown on.
    """

    #: The offer.
    offer: OfferView


@dataclass(frozen=True)
class LanguageChoice:
    """One language of a site, for the pages that speak all of them at once."""

    #: The language's code (`de`, `ar`, `ls`): its folder.
    code: str
    #: The language's name in itself (`Deutsch`, `العربية`).
    name: str
    #: Its direction, `ltr` or `rtl`.
    dir: str
    #: Its catalogue: `language.t("key")` is a UI text in this language.
    t: Catalogue
    #: The site's name in this language (plain text).
    site_name: str
    #: Its `lang` attribute: the code, `de` for Leichte Sprache.
    lang: str = ""
    #: Its `hreflang`: the code; empty for Leichte Sprache, which BCP 47 does not know.
    hreflang: str = ""


@dataclass(frozen=True)
class ChooserValues(PageValues):
    """The pages in every language at once at the site's top: the chooser and the 404 page.

    They do not extend `base.html` and receive these values only.
    """

    #: The site's languages, the source language first.
    languages: tuple[LanguageChoice, ...]
    #: The source language.
    source: LanguageChoice
    #: The site's name in the source language (plain text).
    site_name: str
    #: The site's address from the host's root (`/ahrensburg/`): a 404 page is served anywhere.
    base: str
    #: The site's accent colour (`#rrggbb`), set by `site.css`; None: the theme's own.
    accent: str | None = None
    #: The site's logo (`files/logo.svg`), shown beside the name; None: the name alone.
    logo: str | None = None


#: Which values each template receives, for the theme authors' documentation.
TEMPLATE_VALUES: dict[str, type[PageValues]] = {
    "home.html": HomeValues,
    "news.html": NewsValues,
    "offers.html": OfferListValues,
    "offer.html": OfferPageValues,
    "network.html": NetworkValues,
    "contact.html": ContactValues,
    "page.html": FreePageValues,
    "imprint.html": ImprintValues,
    "privacy.html": PrivacyValues,
    "accessibility.html": AccessibilityValues,
    "programme.html": ProgrammeValues,
    "partials/offer_card.html": OfferEntryValues,
    "partials/programme_entry.html": OfferEntryValues,
    "chooser.html": ChooserValues,
    "404.html": ChooserValues,
}
