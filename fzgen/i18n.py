"""UI catalogues (`translations/<lang>.yaml`) and translation coverage of content."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fzgen.errors import Diagnostic
from fzgen.fields import Text
from fzgen.load import SiteContent
from fzgen.yamlfile import parse_yaml


def catalogue_languages(translations_dir: Path) -> frozenset[str]:
    """The languages that have a UI catalogue."""
    if not translations_dir.is_dir():
        return frozenset()
    return frozenset(
        p.stem for p in translations_dir.glob("*.yaml") if not p.name.startswith((".", "_"))
    )


def load_catalogue(path: Path) -> tuple[dict[str, str], list[Diagnostic]]:
    """A catalogue as flat dotted keys (`category.meeting`) → text."""
    document, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    if document is None:
        return {}, problems
    flat: dict[str, str] = {}
    _flatten(document.data, "", flat)
    return flat, problems


def _flatten(value: Any, prefix: str, into: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _flatten(child, f"{prefix}{key}.", into)
    elif value is not None:
        into[prefix.rstrip(".")] = str(value)


@dataclass(frozen=True)
class MissingText:
    """A text of the content that has no translation into one language."""

    path: str
    field: tuple[str | int, ...]


def iter_texts(
    value: Any, field: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Every translatable Text inside a model, with its field path."""
    if isinstance(value, Text):
        yield field, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from iter_texts(getattr(value, name), (*field, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*field, index))


def missing_translations(site: SiteContent) -> Mapping[str, list[MissingText]]:
    """Per target language, the texts and pages that are not translated."""
    targets = site.languages[1:]
    site_file = f"{site.slug}/site.yaml"
    texts = [(site_file, f, t) for f, t in iter_texts(site.site)]
    for offer in site.published_offers:
        texts.extend((offer.path, f, t) for f, t in iter_texts(offer.offer))
    page_languages: dict[str, set[str]] = {}
    for page in site.pages:
        page_languages.setdefault(page.slug, set()).add(page.language)
    missing: dict[str, list[MissingText]] = {}
    for language in targets:
        found = [MissingText(path, f) for path, f, text in texts if text.get(language) is None]
        found.extend(
            MissingText(f"{site.slug}/pages/{slug}.md", ())
            for slug, languages in sorted(page_languages.items())
            if language not in languages
        )
        missing[language] = found
    return missing
