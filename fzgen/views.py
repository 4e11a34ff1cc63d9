"""Prepared values for the templates: everything a page shows, in the reader's language.

Templates stay free of logic: they receive these frozen objects and print them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from markupsafe import Markup

from fzgen.fields import FREE, Text
from fzgen.ical import has_dates
from fzgen.load import OfferFile, SiteContent
from fzgen.markup import Localizer
from fzgen.model import Address, Offer, Person
from fzgen.schedule import Occurrence, ScheduleLine, describe, next_occurrences, weekday_key

#: Folder names of the pages every site has, the same in every language
#: (`fzgen.load.RESERVED_PAGE_SLUGS` keeps free pages off them).
OFFERS, CHOOSE, NETWORK, CONTACT = "angebote", "auswahl", "netzwerk", "kontakt"
IMPRINT, PRIVACY, PROGRAMME = "impressum", "datenschutz", "programm"
#: How far ahead "next dates" look, and how many an offer page lists.
HORIZON_DAYS, NEXT_DATES = 365, 5


@dataclass(frozen=True)
class Link:
    """A link within the site: `href` is relative to the site folder."""

    href: str
    label: Markup | str
    current: bool = False


@dataclass(frozen=True)
class Place:
    """Where an offer takes place, with a link to OpenStreetMap."""

    name: Markup
    street: str
    postal_code: str
    city: str
    map_url: str

    @property
    def one_line(self) -> str:
        """The address on one line (for calendars)."""
        return f"{self.street}, {self.postal_code} {self.city}"


@dataclass(frozen=True)
class ContactView:
    """A person to contact, with ready links."""

    name: str
    phone: str | None
    phone_href: str | None
    email: str | None


@dataclass(frozen=True)
class OfferView:
    """One offer, prepared for one language."""

    slug: str
    href: str
    title: Markup
    title_text: str
    summary: Markup
    summary_text: str
    description: Markup
    image: str | None
    image_alt: Markup
    image_alt_text: str
    categories: tuple[Link, ...]
    audience: tuple[Link, ...]
    schedule: tuple[ScheduleLine, ...]
    next_dates: tuple[str, ...]
    place: Place | None
    room: Markup
    cost: Markup
    registration: str | None
    registration_note: Markup
    registration_email: str | None
    childcare: str | None
    accessible: str | None
    languages: tuple[Link, ...]
    interpreter: bool
    contact: ContactView
    calendar_href: str | None
    weekdays: tuple[str, ...]
    kinds: frozenset[str]
    category_keys: frozenset[str]
    first_category: str
    audience_keys: frozenset[str]
    language_codes: frozenset[str]
    source: Offer


def phone_href(phone: str | None) -> str | None:
    """`tel:` link of a phone number written in any human format."""
    if not phone:
        return None
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return f"tel:{digits}"


def map_url(address: Address) -> str:
    """An OpenStreetMap search for the address: a link, never an embedded map."""
    query = urlencode({"query": f"{address.street}, {address.postal_code} {address.city}"})
    return f"https://www.openstreetmap.org/search?{query}"


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
        dates: dict[str, list[Occurrence]] | None = None,
    ) -> None:
        self.site = site
        self.loc = loc
        self.cat = loc.cat
        self.language = loc.language
        self.today = today
        # Dates do not depend on the language: a renderer shares them across languages.
        self.dates = {} if dates is None else dates
        self.offers = tuple(self._offer(entry) for entry in site.published_offers)

    def replace_offers(self, site: SiteContent, changed: set[str]) -> None:
        """Prepare the `changed` offers of `site` again (edited, added, removed); keep the rest."""
        self.site = site
        kept = {offer.slug: offer for offer in self.offers if offer.slug not in changed}
        self.offers = tuple(
            kept.get(entry.slug) or self._offer(entry) for entry in site.published_offers
        )

    def href(self, path: str) -> str:
        """Site-relative address of `path` in the reader's language."""
        return language_href(self.language, path)

    def occurrence_label(self, occurrence: Occurrence) -> str:
        """`Dienstag, 1. Dezember 2026, 09:30–11:00 Uhr` in the reader's language."""
        day = self.cat.date(occurrence.day, "full")
        if occurrence.time is None:
            return day
        time = self.cat.time_range(occurrence.time.start, occurrence.time.end)
        return self.cat("schedule.with_time", when=day, time=time)

    def text(self, value: Text | None) -> Markup:
        return self.loc.inline(value)

    def _place(self, offer: Offer) -> Place | None:
        location = offer.location
        if isinstance(location, str):
            partner = self.site.site.partner(location)
            if partner is None:
                return None
            address, name = partner.address, self.text(partner.name)
        elif location is not None:
            address, name = location, Markup("<bdi>{}</bdi>").format(location.name or "")
        else:
            return None
        return Place(name, address.street, address.postal_code, address.city, map_url(address))

    def _contact(self, person: Person | None) -> ContactView:
        coordinator = self.site.site.coordinator
        if person is None:
            return ContactView(
                coordinator.name,
                coordinator.phone,
                phone_href(coordinator.phone),
                coordinator.email,
            )
        return ContactView(person.name or "", person.phone, phone_href(person.phone), person.email)

    def _yes_no(self, value: bool | None, key: str) -> str | None:
        if value is None:
            return None
        return self.cat(f"offer.{key}_{'yes' if value else 'no'}")

    def _offer(self, entry: OfferFile) -> OfferView:
        offer, slug, cat = entry.offer, entry.slug, self.cat
        if slug not in self.dates:
            self.dates[slug] = next_occurrences(offer.schedule, slug, self.today, HORIZON_DAYS)
        occurrences = self.dates[slug][:NEXT_DATES]
        next_dates = tuple(self.occurrence_label(o) for o in occurrences)
        weekdays = sorted(
            {day.value for e in offer.schedule for day in (e.weekly or [])}
            | {e.monthly.weekday.value for e in offer.schedule if e.monthly}
        )
        registration = offer.registration
        cost: Markup
        if offer.cost == FREE:
            cost = Markup("{}").format(cat("offer.free"))
        elif isinstance(offer.cost, Text):
            cost = self.text(offer.cost)
        else:
            cost = Markup("")
        return OfferView(
            slug=slug,
            href=self.href(f"{OFFERS}/{slug}/"),
            title=self.text(offer.title),
            title_text=self.loc.plain(offer.title),
            summary=self.text(offer.summary),
            summary_text=self.loc.plain(offer.summary),
            description=self.loc.block(offer.description),
            image=offer.image,
            image_alt=self.text(offer.image_alt),
            image_alt_text=self.loc.plain(offer.image_alt),
            categories=tuple(
                Link(self.href(f"{CHOOSE}/thema/{c.value}/"), cat(f"category.{c.value}"))
                for c in offer.categories
            ),
            audience=tuple(
                Link(self.href(f"{CHOOSE}/fuer/{a.value}/"), cat(f"audience.{a.value}"))
                for a in offer.audience
            ),
            schedule=tuple(describe(e, cat) for e in offer.schedule),
            next_dates=next_dates,
            place=self._place(offer),
            room=self.text(offer.room),
            cost=cost,
            registration=(
                None
                if registration is None
                else cat(
                    "offer.registration_required"
                    if registration.required
                    else "offer.registration_not_required"
                )
            ),
            registration_note=self.text(registration.note) if registration else Markup(""),
            registration_email=(
                (registration.email or self.site.site.coordinator.email)
                if registration and registration.required
                else None
            ),
            childcare=self._yes_no(offer.childcare, "childcare"),
            accessible=self._yes_no(offer.accessible, "accessible"),
            languages=tuple(
                Link(self.href(f"{CHOOSE}/sprache/{code}/"), cat.language_name(code))
                for code in offer.languages
            ),
            interpreter=offer.interpreter,
            contact=self._contact(offer.contact),
            calendar_href=self.href(f"{OFFERS}/{slug}/kalender.ics")
            if has_dates(offer.schedule)
            else None,
            weekdays=tuple(weekday_key(d) for d in weekdays),
            kinds=frozenset(e.kind for e in offer.schedule),
            category_keys=frozenset(c.value for c in offer.categories),
            first_category=offer.categories[0].value,
            audience_keys=frozenset(a.value for a in offer.audience),
            language_codes=frozenset(offer.languages),
            source=offer,
        )


def mailto(address: str) -> str:
    """A mailto: link (the address itself is validated when loading)."""
    return "mailto:" + quote(address, safe="@.+-_")
