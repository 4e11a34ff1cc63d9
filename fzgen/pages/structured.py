"""schema.org data (JSON-LD): the centre as an organisation, each offer as an event or service."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from fzgen.content.easy import EASY
from fzgen.content.loader import SiteContent
from fzgen.content.model import Address
from fzgen.pages.views import OfferView, SiteViews

#: One encoder for the run: json.dumps makes a new one for every call with options.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_ld(data: dict[str, Any]) -> Markup:
    """A <script type="application/ld+json"> whose content cannot close the element."""
    return _script(_json(data))


def _json(value: object) -> str:
    """JSON (keys sorted) that cannot close a script element or start a comment."""
    text = _ENCODER.encode(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script(text: str) -> Markup:
    return Markup(f'<script type="application/ld+json">{text}</script>')


def offer_json_ld(
    offer: OfferView,
    site: SiteContent,
    views: SiteViews,
    base_url: str | None,
    made: dict[tuple[str, ...], str],
) -> Markup:
    """`json_ld(offer_data(...))`, with what does not depend on the page's address
    serialised once (in `made`) for all languages where the offer reads the same.

    Only the url differs between the languages of an untranslated offer, and
    with sorted keys "url" comes last: the rest is taken from `made`.
    """
    key = (
        offer.slug,
        offer.title_text,
        offer.summary_text,
        views.loc.plain(site.site.name),
        views.loc.plain(views.facts[offer.slug].partner_name),
    )
    if key not in made:
        data = offer_data(offer, site, views, None)
        assert max(data) < "url", "the url must be the last key"
        made[key] = _json(data)[:-1]  # without the closing brace
    url = f',"url":{_json(f"{base_url}{offer.href}")}' if base_url else ""
    return _script(f"{made[key]}{url}}}")


def postal_address(address: Address) -> dict[str, str]:
    """A schema.org PostalAddress (always in Germany)."""
    return {
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "postalCode": address.postal_code,
        "addressLocality": address.city,
        "addressCountry": "DE",
    }


def organisation_data(site: SiteContent, views: SiteViews, base_url: str | None) -> dict[str, Any]:
    """The Familienzentrum with its coordinator as a ContactPoint in the site's languages."""
    coordinator = site.site.coordinator
    contact: dict[str, Any] = {
        "@type": "ContactPoint",
        "contactType": views.cat("contact.coordinator"),
        "name": coordinator.name,
        "email": coordinator.email,
        # Leichte Sprache is German (BCP 47 has no tag for it).
        "availableLanguage": [code for code in site.languages if code != EASY],
    }
    if coordinator.phone:
        contact["telephone"] = coordinator.phone
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": views.loc.plain(site.site.name),
        "areaServed": views.loc.plain(site.site.sozialraum),
        "parentOrganization": {
            "@type": "Organization",
            "name": views.loc.plain(site.site.organisation),
        },
        "contactPoint": contact,
        "member": [
            {
                "@type": "Organization",
                "name": views.loc.plain(p.name),
                "address": postal_address(p.address),
            }
            for p in site.site.partners
        ],
    }
    if coordinator.address:
        data["address"] = postal_address(coordinator.address)
    if base_url:
        data["url"] = f"{base_url}{views.href('')}"
    return data


def offer_data(
    offer: OfferView, site: SiteContent, views: SiteViews, base_url: str | None
) -> dict[str, Any]:
    """An offer as an Event with its schedules, or as a Service when only by appointment."""
    entry = offer.source
    facts = views.facts[offer.slug]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event" if facts.schedules else "Service",
        "name": offer.title_text,
        "description": offer.summary_text,
        "inLanguage": sorted(offer.language_codes),
        "organizer": {"@type": "Organization", "name": views.loc.plain(site.site.name)},
    }
    if base_url:
        data["url"] = f"{base_url}{offer.href}"
    if offer.place:
        data["location"] = {
            "@type": "Place",
            "name": views.loc.plain(facts.partner_name) or offer.place.one_line,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": offer.place.street,
                "postalCode": offer.place.postal_code,
                "addressLocality": offer.place.city,
                "addressCountry": "DE",
            },
        }
    if entry.cost == "free":
        data["isAccessibleForFree"] = True
    data.update(facts.schedules)
    return data
