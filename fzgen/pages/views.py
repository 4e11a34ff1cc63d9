"""Prepared values for the templates: everything a page shows, in the reader's language.

Templates stay free of logic: they receive these frozen objects and print them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple
from urllib.parse import quote

from markupsafe import Markup

from fzgen.content.fields import FREE, Text
from fzgen.content.loader import OfferFile, SiteContent
from fzgen.content.model import Offer, OfferStatus
from fzgen.pages.facts import NEXT_DATES, ContactView, OfferFacts, offer_facts
from fzgen.pages.markup import Localizer
from fzgen.pages.notices import DateLine, Notice, NoticeWriter
from fzgen.pages.schedule import Occurrence, ScheduleLine, describe

#: Folder names of the pages every site has, the same in every language
#: (`fzgen.content.loader.RESERVED_PAGE_SLUGS` keeps free pages off them).
OFFERS, CHOOSE, NETWORK, CONTACT = "angebote", "auswahl", "netzwerk", "kontakt"
IMPRINT, PRIVACY, PROGRAMME = "impressum", "datenschutz", "programm"
ACCESSIBILITY = "barrierefreiheit"


@dataclass(frozen=True)
class Link:
    """A link within the site: `href` is relative to the site folder."""

    #: The address from the site folder (`de/angebote/`): write `{{ root }}{{ link.href }}`.
    href: str
    #: The link's text.
    label: Markup | str
    #: Whether it leads to the page it is shown on (or the section it belongs to).
    current: bool = False


@dataclass(frozen=True)
class Place:
    """Where an offer takes place, with a link to OpenStreetMap."""

    #: The partner's or the place's name; empty when the address has none.
    name: Markup
    #: Street and number.
    street: str
    #: The postal code.
    postal_code: str
    #: The town.
    city: str
    #: An OpenStreetMap search for the address.
    map_url: str

    @property
    def one_line(self) -> str:
        """The address on one line (for calendars)."""
        return f"{self.street}, {self.postal_code} {self.city}"


@dataclass(frozen=True)
class OfferView:
    """One offer, prepared for one language."""

    #: The offer's file name without `.yaml`: its folder under `angebote/`.
    slug: str
    #: The offer page's address from the site folder.
    href: str
    #: The title, marked where it falls back to the source language.
    title: Markup
    #: The title as plain text.
    title_text: str
    #: The one-line summary, marked where it falls back.
    summary: Markup
    #: The summary as plain text.
    summary_text: str
    #: The description (HTML from Markdown); empty when it has none.
    description: Markup
    #: The image's address from the site folder (`files/…`) or a full address.
    image: str | None
    #: The image's description, marked where it falls back.
    image_alt: Markup
    #: The image's description as plain text (for `alt`).
    image_alt_text: str
    #: Links to the filter pages of its categories.
    categories: tuple[Link, ...]
    #: Links to the filter pages of whom it is for.
    audience: tuple[Link, ...]
    #: Its schedule in words, one line per entry.
    schedule: tuple[ScheduleLine, ...]
    #: Its next dates (at most five, and every one of the coming 14 days), cancelled
    #: and changed ones marked; `{{ day }}` prints a date in words.
    next_dates: tuple[DateLine, ...]
    #: The first of `next_dates` that takes place (a changed one at its new time);
    #: none when no coming date takes place.
    next_date: DateLine | None
    #: The other `next_dates`, cancelled and changed ones marked: with `next_date`,
    #: each coming date once.
    more_dates: tuple[DateLine, ...]
    #: The schedule's lines without the single dates `next_dates` shows (so a
    #: single-date offer names its date once): rules, `by appointment`, other dates.
    rules: tuple[ScheduleLine, ...]
    #: Where it takes place; none when the content names no place.
    place: Place | None
    #: The room, marked where it falls back; empty when none is given.
    room: Markup
    #: What it costs, or "free"; empty when the content does not say.
    cost: Markup
    #: Whether it is free of charge (the cards' "free" badge).
    free: bool
    #: Whether one must register, in words; none when the content does not say.
    registration: str | None
    #: A note on registering; empty when none is given.
    registration_note: Markup
    #: Where to register by e-mail, when registering is required.
    registration_email: str | None
    #: Whether one must register beforehand (the cards' "registration" badge).
    registration_required: bool
    #: Whom to register with, when registering is required: `phone`, `phone_href` and
    #: `email` for a call and a mail button (the offer's contact, else the coordinator).
    registration_contact: ContactView | None
    #: Whether children are looked after, in words; none when the content does not say.
    childcare: str | None
    #: Whether the place is accessible, in words; none when the content does not say.
    accessible: str | None
    #: Links to the filter pages of the languages spoken there.
    languages: tuple[Link, ...]
    #: Whether an interpreter can be arranged.
    interpreter: bool
    #: Whom to ask about it.
    contact: ContactView
    #: The address of its calendar file; none when it has no dates.
    calendar_href: str | None
    #: The catalogue keys of the weekdays it takes place on (`tuesday`).
    weekdays: tuple[str, ...]
    #: The kinds of its schedule entries: `weekly`, `monthly`, `date`, `by_appointment`.
    kinds: frozenset[str]
    #: Its category keys.
    category_keys: frozenset[str]
    #: The key of its first category (where the printed programme lists it).
    first_category: str
    #: The keys of whom it is for.
    audience_keys: frozenset[str]
    #: The codes of the languages spoken there.
    language_codes: frozenset[str]
    #: Its cancelled and changed dates of the coming 14 days, earliest first.
    notices: tuple[Notice, ...]
    #: `active`, `paused` or `ended`, as the content file says.
    status: str
    #: "Paused" or "Ended" (also when all its dates lie in the past); empty while it takes place.
    status_label: str
    #: "This offer has ended." and the like, for its page; empty while it takes place.
    status_text: str
    #: The coordinator's note on its status, marked where it falls back; empty when none.
    status_note: Markup
    #: Whether the lists, filters, programme and home page show it: not when it has
    #: ended or all its dates lie in the past (its page stays, marked).
    listed: bool
    #: The offer as the content file says it, untranslated.
    source: Offer


class OfferDates(NamedTuple):
    """An offer's coming dates and schedule lines, as `OfferView` holds them."""

    next_dates: tuple[DateLine, ...]
    next_date: DateLine | None
    more_dates: tuple[DateLine, ...]
    rules: tuple[ScheduleLine, ...]


def language_href(language: str, path: str) -> str:
    """Site-relative address of a page in one language: `de/angebote/`."""
    return f"{language}/{path}" if path else f"{language}/"


class SiteViews:
    """Everything of one site, prepared for one reader language."""

    def __init__(
        self,
        site: SiteContent,
        loc: Localizer,
        today: dt.date,
        facts: dict[str, OfferFacts] | None = None,
    ) -> None:
        self.site = site
        self.loc = loc
        self.cat = loc.cat
        self.language = loc.language
        self.today = today
        # Dates and the like do not depend on the language: a renderer shares
        # them across languages.
        self.facts = {} if facts is None else facts
        self.writer = NoticeWriter(self.cat, self.text, loc.name, site.site)
        self.offers = tuple(self._offer(entry) for entry in site.published_offers)
        #: The offers the lists show (not those that have ended), in the site's order.
        self.listed = tuple(offer for offer in self.offers if offer.listed)

    def replace_offers(self, site: SiteContent, changed: set[str]) -> None:
        """Prepare the `changed` offers of `site` again (edited, added, removed); keep the rest."""
        self.site = site
        kept = {offer.slug: offer for offer in self.offers if offer.slug not in changed}
        self.offers = tuple(
            kept.get(entry.slug) or self._offer(entry) for entry in site.published_offers
        )
        self.listed = tuple(offer for offer in self.offers if offer.listed)

    def href(self, path: str) -> str:
        """Site-relative address of `path` in the reader's language."""
        return language_href(self.language, path)

    def occurrence_label(self, occurrence: Occurrence) -> str:
        """`Dienstag, 1. Dezember 2026, 09:30–11:00 Uhr` in the reader's language."""
        return self.writer.when(occurrence)

    def text(self, value: Text | None) -> Markup:
        return self.loc.inline(value)

    def _place(self, facts: OfferFacts) -> Place | None:
        if facts.address is None:
            return None
        address = facts.address
        if facts.partner_name is not None:
            name = self.loc.name(facts.partner_name)
        else:
            name = Markup("<bdi>{}</bdi>").format(address.name) if address.name else Markup("")
        return Place(name, address.street, address.postal_code, address.city, facts.map_url)

    def _yes_no(self, value: bool | None, key: str) -> str | None:
        if value is None:
            return None
        return self.cat(f"offer.{key}_{'yes' if value else 'no'}")

    def _facts(self, entry: OfferFile) -> OfferFacts:
        if entry.slug not in self.facts:
            self.facts[entry.slug] = offer_facts(entry, self.site, self.today)
        return self.facts[entry.slug]

    def _cost(self, offer: Offer) -> Markup:
        if offer.cost == FREE:
            return self.cat.markup("offer.free")
        if isinstance(offer.cost, Text):
            return self.text(offer.cost)
        return Markup("")

    def _registration(self, offer: Offer) -> str | None:
        if offer.registration is None:
            return None
        required = offer.registration.required
        return self.cat(
            "offer.registration_required" if required else "offer.registration_not_required"
        )

    def _links(self, folder: str, keys: Iterable[str], labels: Iterable[str]) -> tuple[Link, ...]:
        """Links to the filter pages of these keys (`auswahl/thema/eltern/`)."""
        return tuple(
            Link(self.href(f"{CHOOSE}/{folder}/{key}/"), label)
            for key, label in zip(keys, labels, strict=True)
        )

    def _dates(self, offer: Offer, facts: OfferFacts) -> OfferDates:
        """An offer's next dates, the first that takes place apart, and its other lines."""
        shown = facts.dates[:NEXT_DATES]
        lines = tuple(self.writer.date_line(o) for o in shown)
        first = next((i for i, o in enumerate(shown) if o.takes_place), None)
        days = {o.day for o in shown}
        rules = tuple(
            describe(e, self.cat) for e in offer.schedule if e.date is None or e.date not in days
        )
        if first is None:
            return OfferDates(lines, None, lines, rules)
        return OfferDates(lines, lines[first], lines[:first] + lines[first + 1 :], rules)

    def _offer(self, entry: OfferFile) -> OfferView:
        offer, slug, cat, loc = entry.offer, entry.slug, self.cat, self.loc
        facts = self._facts(entry)
        dates = self._dates(offer, facts)
        status_label, status_text = self.writer.status(offer.status, facts.past)
        categories = [c.value for c in offer.categories]
        audience = [a.value for a in offer.audience]
        return OfferView(
            slug=slug,
            href=self.href(f"{OFFERS}/{slug}/"),
            title=loc.title(offer.title),
            title_text=loc.plain(offer.title),
            summary=loc.title(offer.summary),
            summary_text=loc.plain(offer.summary),
            description=loc.block(offer.description),
            image=offer.image,
            image_alt=self.text(offer.image_alt),
            image_alt_text=loc.plain(offer.image_alt),
            categories=self._links("thema", categories, (cat(f"category.{c}") for c in categories)),
            audience=self._links("fuer", audience, (cat(f"audience.{a}") for a in audience)),
            schedule=tuple(describe(e, cat) for e in offer.schedule),
            next_dates=dates.next_dates,
            next_date=dates.next_date,
            more_dates=dates.more_dates,
            rules=dates.rules,
            place=self._place(facts),
            room=self.text(offer.room),
            cost=self._cost(offer),
            free=offer.cost == FREE,
            registration=self._registration(offer),
            registration_note=(
                self.text(offer.registration.note) if offer.registration else Markup("")
            ),
            registration_email=facts.registration_email,
            registration_required=bool(offer.registration and offer.registration.required),
            registration_contact=facts.registration_contact,
            childcare=self._yes_no(offer.childcare, "childcare"),
            accessible=self._yes_no(offer.accessible, "accessible"),
            languages=self._links(
                "sprache", offer.languages, (cat.language_name(c) for c in offer.languages)
            ),
            interpreter=offer.interpreter,
            contact=facts.contact,
            calendar_href=(
                self.href(f"{OFFERS}/{slug}/kalender.ics") if facts.has_calendar else None
            ),
            weekdays=facts.weekdays,
            kinds=facts.kinds,
            category_keys=facts.category_keys,
            first_category=categories[0],
            audience_keys=facts.audience_keys,
            language_codes=facts.language_codes,
            notices=tuple(self.writer.change_notice(o) for o in facts.changes),
            status=offer.status.value,
            status_label=status_label,
            status_text=status_text,
            status_note=self.text(offer.status_note),
            listed=offer.status != OfferStatus.ENDED and not facts.past,
            source=offer,
        )


@cache
def mailto(address: str) -> str:
    """A mailto: link (the address itself is validated when loading)."""
    return "mailto:" + quote(address, safe="@.+-_")
