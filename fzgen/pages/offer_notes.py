"""Notes for `fzgen check` on offers the lists no longer show: those marked ended and
those whose dates all lie in the past. Their pages stay online, marked; the note tells
the coordinator why the offer is missing from the lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fzgen.content.loaded import Content, OfferFile
from fzgen.content.model import OfferStatus
from fzgen.content.yamlfile import parse_yaml
from fzgen.errors import Diagnostic
from fzgen.pages.dates import last_day


def offer_notes(content: Content, today: dt.date) -> tuple[Diagnostic, ...]:
    """One note per published offer that has ended or met for the last time before `today`."""
    notes: list[Diagnostic] = []
    for site in content.sites:
        for entry in site.published_offers:
            offer = entry.offer
            if offer.status == OfferStatus.ENDED:
                notes.append(_note(content.root, entry, "offer_ended", "status", {}))
            elif offer.status == OfferStatus.ACTIVE:
                last = last_day(offer, site.site)
                if last is not None and last < today:
                    params = {"date": last.isoformat()}
                    notes.append(_note(content.root, entry, "offer_past", "schedule", params))
    return tuple(notes)


def _note(
    root: Path, entry: OfferFile, code: str, field: str, params: dict[str, str]
) -> Diagnostic:
    """The note, at the line of `field` in the offer's file."""
    # The validated offer keeps no positions; the few files noted are read once more.
    line = column = None
    try:
        text = (root / entry.path).read_text(encoding="utf-8")
    except OSError:
        text = None
    if text is not None:
        document, _ = parse_yaml(text, entry.path)
        position = document.position((field,)) if document is not None else None
        if position is not None:
            line, column = position
    return Diagnostic(entry.path, code, line, column, (field,), params=params, severity="warning")
