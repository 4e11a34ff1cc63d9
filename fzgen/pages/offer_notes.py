"""Notes for `fzgen check` on offers the lists no longer show: those marked ended and
those whose dates all lie in the past. Their pages stay online, marked; the note tells
the coordinator why the offer is missing from the lists. And single dates that fall on a
closure of the centre, which do not take place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fzgen.content.loaded import Content, OfferFile
from fzgen.content.model import Closure, OfferStatus
from fzgen.content.yamlfile import parse_yaml
from fzgen.errors import Diagnostic
from fzgen.pages.dates import last_day


def offer_notes(content: Content, today: dt.date) -> tuple[Diagnostic, ...]:
    """One note per published offer that has ended or met for the last time before `today`,
    and one per single date (today or later) that a closure of the centre cancels."""
    notes: list[Diagnostic] = []
    for site in content.sites:
        for entry in site.published_offers:
            offer = entry.offer
            notes += _closed_dates(content.root, entry, site.site.closures, today)
            if offer.status == OfferStatus.ENDED:
                notes.append(_note(content.root, entry, "offer_ended", "status", {}))
            elif offer.status == OfferStatus.ACTIVE:
                last = last_day(offer, site.site)
                if last is not None and last < today:
                    params = {"date": last.isoformat()}
                    notes.append(_note(content.root, entry, "offer_past", "schedule", params))
    return tuple(notes)


def _closed_dates(
    root: Path, entry: OfferFile, closures: list[Closure], today: dt.date
) -> list[Diagnostic]:
    """A single `date:` on a day the centre is closed: families would look for it in vain.
    (Weekly and monthly rules skip closures as planned; a single date was chosen.)"""
    notes = []
    for index, item in enumerate(entry.offer.schedule):
        day = item.date
        if day is None or day < today:
            continue
        closure = next((c for c in closures if c.covers(day)), None)
        if closure is not None:
            params = {"date": day.isoformat(), "start": closure.from_.isoformat()}
            params["until"] = closure.last.isoformat()
            notes.append(_note(root, entry, "date_in_closure", ("schedule", index, "date"), params))
    return notes


def _note(
    root: Path,
    entry: OfferFile,
    code: str,
    field: str | tuple[str | int, ...],
    params: dict[str, str],
) -> Diagnostic:
    """The note, at the line of `field` in the offer's file."""
    path = (field,) if isinstance(field, str) else field
    # The validated offer keeps no positions; the few files noted are read once more.
    line = column = None
    try:
        text = (root / entry.path).read_text(encoding="utf-8")
    except OSError:
        text = None
    if text is not None:
        document, _ = parse_yaml(text, entry.path)
        position = document.position(path) if document is not None else None
        if position is not None:
            line, column = position
    return Diagnostic(entry.path, code, line, column, path, params=params, severity="warning")
