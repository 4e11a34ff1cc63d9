"""What an offer shows the same way in every language: its dates, place, contact and keys.

Made once per site and offer and shared by the views of every language
(`fzgen.pages.views.SiteViews`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fzgen.content.fields import Text
from fzgen.content.loader import OfferFile, SiteContent
from fzgen.content.model import Address, Coordinator, Offer, OfferStatus, Site
from fzgen.pages.calendar import has_dates
from fzgen.pages.dates import Occurrence, changes_ahead, last_day, next_occurrences
from fzgen.pages.schedule import schedule_data, weekday_key

#: How far ahead "next dates" look, and how many an offer page lists.
HORIZON_DAYS, NEXT_DATES = 365, 5
#: How many days ahead the home page lists dates.
COMING_DAYS = 14


@dataclass(frozen=True)
class ContactView:
    """A person to contact, with ready links."""

    #: The person's name (the coordinator's where the offer names nobody).
    name: str
    #: The phone number as written in the content.
    phone: str | None
    #: The number as a `tel:` link.
    phone_href: str | None
    #: The e-mail address (`{{ address|mailto }}` makes the link).
    email: str | None


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


@dataclass(frozen=True)
class OfferFacts:
    """What an offer shows the same way in every language: made once per site and offer."""

    dates: list[Occurrence]
    weekdays: tuple[str, ...]
    kinds: frozenset[str]
    category_keys: frozenset[str]
    audience_keys: frozenset[str]
    language_codes: frozenset[str]
    has_calendar: bool
    #: Where it takes place; `partner_name` is set when the place is a partner's.
    address: Address | None
    partner_name: Text | None
    map_url: str
    contact: ContactView
    registration_email: str | None
    #: Whom to register with (phone and e-mail), when registering is required.
    registration_contact: ContactView | None
    #: The dated entries as schema.org Schedules, for the offer page's JSON-LD.
    schedules: dict[str, Any]
    #: Its cancelled and changed dates of the coming days, earliest first.
    changes: tuple[Occurrence, ...]
    #: Whether it meets no more: its last date lies before the day of the build.
    past: bool


def offer_facts(entry: OfferFile, site: SiteContent, today: dt.date) -> OfferFacts:
    """The language-independent part of an offer's views."""
    offer = entry.offer
    weekdays = sorted(
        {day.value for e in offer.schedule for day in (e.weekly or [])}
        | {rule.weekday.value for e in offer.schedule for rule in (e.monthly or [])}
    )
    address: Address | None = None
    partner_name: Text | None = None
    location = offer.location
    if isinstance(location, str):
        partner = site.site.partner(location)
        if partner is not None:
            address, partner_name = partner.address, partner.name
    elif location is not None:
        address = location
    coordinator, person = site.site.coordinator, offer.contact
    if person is None:
        contact = ContactView(
            coordinator.name, coordinator.phone, phone_href(coordinator.phone), coordinator.email
        )
    else:
        contact = ContactView(
            person.name or "", person.phone, phone_href(person.phone), person.email
        )
    signup = registration_contact(offer, coordinator)
    dates = next_occurrences(
        offer, site.site, entry.slug, today, HORIZON_DAYS, NEXT_DATES, COMING_DAYS
    )
    return OfferFacts(
        dates=dates,
        weekdays=tuple(weekday_key(d) for d in weekdays),
        kinds=frozenset(e.kind for e in offer.schedule),
        category_keys=frozenset(c.value for c in offer.categories),
        audience_keys=frozenset(a.value for a in offer.audience),
        language_codes=frozenset(offer.languages),
        has_calendar=has_dates(offer.schedule),
        address=address,
        partner_name=partner_name,
        map_url=map_url(address) if address else "",
        contact=contact,
        registration_email=signup.email if signup else None,
        registration_contact=signup,
        schedules=schedule_data(offer, site.site, today, HORIZON_DAYS),
        changes=tuple(changes_ahead(offer, site.site, today, COMING_DAYS, entry.slug)),
        past=is_past(offer, site.site, today, dates),
    )


def registration_contact(offer: Offer, coordinator: Coordinator) -> ContactView | None:
    """Whom to register with for an offer that asks for it: the registration's e-mail,
    else its contact's; its contact's phone; the coordinator's where it names none."""
    registration, person = offer.registration, offer.contact
    if registration is None or not registration.required:
        return None
    if person is not None and (person.phone or person.email):
        name, phone, email = person.name or "", person.phone, person.email
    else:
        name, phone, email = coordinator.name, coordinator.phone, coordinator.email
    return ContactView(name, phone, phone_href(phone), registration.email or email)


def is_past(offer: Offer, site: Site, today: dt.date, dates: list[Occurrence]) -> bool:
    """Whether an offer that takes place has met for the last time before `today`."""
    if offer.status != OfferStatus.ACTIVE or any(o.takes_place for o in dates):
        return False  # a coming date is the common case: no need to look back
    last = last_day(offer, site)
    return last is not None and last < today
