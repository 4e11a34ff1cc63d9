"""What each language of a site still lacks: missing and outdated texts, and the words
the translators have before them (the same units and hashes as `fzgen status`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fzgen.content.coverage import Unit, read_hashes, site_units, source_hash
from fzgen.content.loader import load_site
from fzgen.theme.catalogue import catalogue_languages


@dataclass(frozen=True)
class Missing:
    """One text a language lacks (or has only from an older source): where it stands."""

    file: str
    field: str
    source: str
    outdated: bool

    @property
    def offer(self) -> str | None:
        """The offer's slug when the text is an offer's (its form can be opened)."""
        folder, _, name = self.file.partition("/")
        return name.removesuffix(".yaml") if folder == "offers" else None


@dataclass(frozen=True)
class LanguageGaps:
    """What one target language of a site still needs."""

    language: str
    texts: tuple[Missing, ...]
    words: int


def is_outdated(unit: Unit, language: str, hashes: Mapping[str, Mapping[str, str]]) -> bool:
    recorded = hashes.get(unit.key, {}).get(language)
    return recorded is not None and recorded != source_hash(unit.source)


def site_gaps(content_dir: Path, slug: str, translations_dir: Path) -> list[LanguageGaps] | None:
    """Per target language what is missing; None while the site has errors."""
    site, _ = load_site(content_dir, content_dir / slug, catalogue_languages(translations_dir))
    if site is None:
        return None
    units = list(site_units(site))
    hashes = read_hashes(content_dir / slug)
    gaps = []
    for language in site.languages[1:]:
        texts = tuple(
            Missing(u.file, ".".join(str(p) for p in u.field), u.source, language in u.translations)
            for u in units
            if language not in u.translations or is_outdated(u, language, hashes)
        )
        words = sum(len(text.source.split()) for text in texts)
        gaps.append(LanguageGaps(language, texts, words))
    return gaps


def outdated_inputs(
    site_dir: Path, file: str, values: Mapping[str, str], languages: list[str]
) -> set[str]:
    """The inputs of a form (`title.ar`) whose translation was made from an older source."""
    hashes = read_hashes(site_dir)
    source = languages[0]
    found = set()
    for name, text in values.items():
        field, _, language = name.rpartition(".")
        if language not in languages[1:] or not text.strip():
            continue
        recorded = hashes.get(f"{file}#{field}", {}).get(language)
        original = values.get(f"{field}.{source}", "")
        if recorded is not None and original and recorded != source_hash(original):
            found.add(name)
    return found
