"""The Erklärung zur Barrierefreiheit: `accessibility:` in site.yaml, the enforcement
bodies of the Länder, and what `check` says about the statement (missing, reviewed
too long ago, dated in the future, no enforcement body known)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Protocol

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from fzgen.content.contact_fields import check_email, check_phone, check_url
from fzgen.content.fields import DateField, Stripped, TextField, as_list, fail
from fzgen.content.words import similar_code, vocabulary_code
from fzgen.content.yamlfile import Document
from fzgen.errors import Diagnostic, Severity

#: The enforcement bodies by Land code, as data (see the file's head).
BODIES_FILE = Path(__file__).resolve().parent / "enforcement_bodies.yaml"
#: The law asks for a review of the statement once a year.
REVIEW_DAYS = 365


class AccessibilityStatus(StrEnum):
    """How far the site meets the accessibility requirements."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


def _status(value: Any) -> AccessibilityStatus:
    """`full`, `partial`, `none`, or the German words a coordinator types for them."""
    code = vocabulary_code("accessibility_status", value) if isinstance(value, str) else None
    if code is not None:
        return AccessibilityStatus(code)
    close = similar_code("accessibility_status", value) if isinstance(value, str) else None
    allowed = ", ".join(member.value for member in AccessibilityStatus)
    raise fail("vocabulary", value=value, allowed=allowed, suggestion=close or "")


StatusField = Annotated[
    AccessibilityStatus,
    PlainValidator(_status),
    WithJsonSchema({"enum": [m.value for m in AccessibilityStatus]}),
]
_Name = Annotated[str, Stripped, Field(min_length=1)]
_Email = Annotated[str, AfterValidator(check_email)]
_Phone = Annotated[str, AfterValidator(check_phone)]
_Url = Annotated[str, AfterValidator(check_url)]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", arbitrary_types_allowed=True, populate_by_name=True
    )


class Feedback(_Model):
    """Where readers report a barrier; the coordinator's e-mail and phone where not given."""

    email: _Email | None = None
    phone: _Phone | None = None


class Enforcement(_Model):
    """The body a reader turns to when the publisher does not answer: for a Land the
    table does not know, or in place of the table's entry."""

    name: _Name
    address: _Name | None = None
    email: _Email | None = None
    phone: _Phone | None = None
    url: _Url | None = None
    law: _Name | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Enforcement:
        if not (self.address or self.email or self.phone or self.url):
            raise fail("accessibility_enforcement_unreachable")
        return self


def _list_or_none(value: Any) -> Any:
    return [] if value is None else as_list(value)


class Accessibility(_Model):
    """The Erklärung zur Barrierefreiheit: the content of `accessibility:` in site.yaml."""

    status: StatusField
    #: What is not accessible yet, one text per point (a single text is a list of one).
    known_limits: Annotated[list[TextField], BeforeValidator(_list_or_none)] = []
    #: The day the site was last checked and the statement reviewed.
    last_checked: DateField
    feedback: Feedback | None = None
    enforcement: Enforcement | None = None

    @model_validator(mode="after")
    def _limits_named(self) -> Accessibility:
        if self.status is not AccessibilityStatus.FULL and not self.known_limits:
            raise fail("accessibility_limits_missing", status=self.status.value, at="status")
        return self


@dataclass(frozen=True)
class EnforcementBody:
    """An enforcement body as the statement shows it (from the table or site.yaml)."""

    name: str
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    #: When the phone is answered, in German (the table's words).
    phone_hours: str | None = None
    url: str | None = None
    #: The law the requirements come from, by its German name; None: not known.
    law: str | None = None


@functools.cache
def enforcement_bodies() -> dict[str, EnforcementBody]:
    """The table of enforcement bodies by Land code, read once."""
    data = yaml.safe_load(BODIES_FILE.read_text(encoding="utf-8")) or {}
    return {
        str(land): EnforcementBody(**{key: str(value) for key, value in entry.items()})
        for land, entry in data.items()
    }


def enforcement_body(accessibility: Accessibility, land: str | None) -> EnforcementBody | None:
    """The body of the statement: site.yaml's own, else the table's for the Land."""
    own = accessibility.enforcement
    if own is not None:
        return EnforcementBody(own.name, own.address, own.email, own.phone, None, own.url, own.law)
    return enforcement_bodies().get(land) if land else None


class SiteFields(Protocol):
    """The fields of site.yaml the statement depends on (`fzgen.content.model.Site`)."""

    @property
    def accessibility(self) -> Accessibility | None: ...
    @property
    def public_holidays(self) -> str | None: ...
    @property
    def base_url(self) -> str | None: ...


def accessibility_findings(
    site: SiteFields, document: Document, rel_path: str, today: dt.date
) -> list[Diagnostic]:
    """What `check` says about the statement: missing on a site with its address (a note;
    one still in the making is not reminded), reviewed more than a year ago (a note),
    dated after today or without a known enforcement body (errors)."""
    accessibility, land = site.accessibility, site.public_holidays

    def found(
        code: str, field: tuple[str | int, ...], severity: Severity, **params: str
    ) -> Diagnostic:
        line, column = document.position(field) or (None, None)
        value = params.get("value")
        return Diagnostic(rel_path, code, line, column, field, value, params, severity=severity)

    if accessibility is None:
        return [found("accessibility_missing", (), "warning")] if site.base_url else []
    findings: list[Diagnostic] = []
    checked, at = accessibility.last_checked, ("accessibility", "last_checked")
    if checked > today:
        findings.append(
            found("accessibility_checked_future", at, "error", value=checked.isoformat())
        )
    elif (today - checked).days > REVIEW_DAYS:
        old = found("accessibility_checked_old", at, "warning", value=checked.isoformat())
        findings.append(old)
    if enforcement_body(accessibility, land) is None:
        where = ("accessibility",)
        if land is None:
            findings.append(found("accessibility_enforcement_no_land", where, "error"))
        else:
            findings.append(found("accessibility_enforcement_unknown", where, "error", land=land))
    return findings
