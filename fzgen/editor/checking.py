"""An edited file checked in memory with fzgen's own rules, each error at its form field."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fzgen.content.fields import SLUG_PATTERN, known_language_codes
from fzgen.content.folder import SiteFolder
from fzgen.content.model import Offer, ScheduleEntry, Site
from fzgen.content.words import language_of_name
from fzgen.content.yamlfile import Document
from fzgen.editor.values import as_entries
from fzgen.errors import Diagnostic
from fzgen.messages import describe, fix_line, place
from fzgen.pages.schedule import describe as describe_schedule
from fzgen.theme.catalogue import Catalogue

MODELS: dict[str, Any] = {"offer": Offer, "site": Site}


@dataclass(frozen=True)
class Finding:
    """One error as the form shows it: the problem, the fix, and where `fzgen check` puts it."""

    problem: str
    fix: str
    place: str


def site_context(site_data: object) -> dict[str, Any]:
    """Source and site languages from site.yaml's data, as the loader reads them."""
    raw = site_data.get("languages") if isinstance(site_data, dict) else None
    codes = [str(c).strip().lower() for c in raw] if isinstance(raw, list) else []
    # `deutsch` stands for `de`, as the loader reads it.
    codes = [c if c in known_language_codes() else language_of_name(c) or "" for c in codes]
    codes = [c for c in dict.fromkeys(codes) if c]
    return {"source_language": codes[0] if codes else "de", "languages": codes or None}


def partner_ids(site_data: object) -> list[str]:
    """The partner ids site.yaml names, read leniently."""
    raw = site_data.get("partners") if isinstance(site_data, dict) else None
    entries = raw if isinstance(raw, list) else []
    return [str(e["id"]) for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def check_text(
    kind: str, text: str, path: Path, folder: SiteFolder, site_data: object
) -> tuple[Document | None, list[Diagnostic]]:
    """The document of an edited text and every error `fzgen check` would report on it."""
    folder.diagnostics = []
    document = folder.read_yaml(path, text)
    if document is not None:
        folder.validate(MODELS[kind], document, path, site_context(site_data))
        if kind == "offer":
            _check_location(document, folder.rel(path), partner_ids(site_data), folder.diagnostics)
    return document, [d for d in folder.diagnostics if d.severity == "error"]


def _check_location(
    document: Document, rel: str, known: list[str], found: list[Diagnostic]
) -> None:
    place = document.data.get("location")
    if not isinstance(place, str) or not SLUG_PATTERN.fullmatch(place.strip()):
        return
    if place.strip() not in known:
        line, column = document.position(("location",)) or (None, None)
        params = {"value": place, "known": ", ".join(known) or "–"}
        found.append(Diagnostic(rel, "partner_unknown", line, column, ("location",), place, params))


def finding(diagnostic: Diagnostic, language: str = "de") -> Finding:
    """A diagnostic in the wording of `fzgen check`."""
    problem, fix = describe(diagnostic, language)
    return Finding(problem, fix_line(diagnostic, fix, language), place(diagnostic, language))


def input_for(field: tuple[str | int, ...], names: Collection[str], source: str) -> str | None:
    """The input an error at `field` belongs to: the field's own, its source-language
    input, or the first input of the nearest group the form has."""
    steps = [str(step) for step in field]
    while steps:
        name = ".".join(steps)
        if name in names:
            return name
        if f"{name}.{source}" in names:
            return f"{name}.{source}"
        first = next((n for n in names if n.startswith(name + ".")), None)
        if first is not None:
            return first
        steps.pop()
    return None


def placed(
    errors: Sequence[Diagnostic], names: Collection[str], source: str, language: str = "de"
) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """The findings by input name, and those no input stands for."""
    at: dict[str, list[Finding]] = {}
    general: list[Finding] = []
    for error in errors:
        name = input_for(error.field, names, source) if error.field else None
        (at.setdefault(name, []) if name else general).append(finding(error, language))
    return at, general


def schedule_sentences(
    data: object, context: dict[str, Any], catalogue: Catalogue
) -> list[str | None]:
    """Each schedule entry in words (`jeden Dienstag, 09:30–11:00 Uhr`), None where the
    entry has an error."""
    entries = as_entries(data.get("schedule") if isinstance(data, dict) else None)
    sentences: list[str | None] = []
    for entry in entries:
        try:
            parsed = ScheduleEntry.model_validate(entry, context=dict(context))
        except (ValidationError, ValueError):
            sentences.append(None)
            continue
        sentences.append(describe_schedule(parsed, catalogue).text)
    return sentences
