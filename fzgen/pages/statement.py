"""The values of the Erklärung zur Barrierefreiheit, in the reader's language and in German."""

from __future__ import annotations

from babel.dates import format_date

from fzgen.content.accessibility import Accessibility, enforcement_body
from fzgen.content.loader import SiteContent
from fzgen.pages.values import AccessibilityValues
from fzgen.pages.views import SiteViews


def accessibility_values(
    site: SiteContent, accessibility: Accessibility, views: SiteViews, base_url: str | None
) -> AccessibilityValues:
    """What the statement's page shows (the loader made sure an enforcement body is known)."""
    own = site.site
    body = enforcement_body(accessibility, own.public_holidays)
    if body is None:
        raise ValueError(own.public_holidays)
    feedback = accessibility.feedback
    email = (feedback.email if feedback else None) or own.coordinator.email
    phone = (feedback.phone if feedback else None) or own.coordinator.phone
    checked = accessibility.last_checked
    return AccessibilityValues(
        status=accessibility.status.value,
        site_name_de=own.name.get("de") or own.name.original,
        site_address=base_url,
        limits=tuple(views.loc.title(limit) for limit in accessibility.known_limits),
        limits_de=tuple(limit.get("de") or limit.original for limit in accessibility.known_limits),
        last_checked=views.cat.date(checked),
        last_checked_de=str(format_date(checked, "long", locale="de")),
        feedback_email=email,
        feedback_phone=phone,
        enforcement=body,
        law=body.law,
    )
