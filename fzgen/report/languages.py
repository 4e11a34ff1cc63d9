"""How far each language of a site is translated: `fzgen status`'s figures, with the
words still missing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fzgen.content.coverage import LanguageStatus, site_units
from fzgen.content.loaded import SiteContent


@dataclass(frozen=True)
class LanguageFigures:
    """One language of a site: its texts, translated, missing (and their words), outdated."""

    language: str
    source: bool
    total: int
    translated: int
    missing: int
    missing_words: int
    outdated: int

    @property
    def percent(self) -> int:
        """Translated texts in whole percent (the source language: 100)."""
        return 100 if self.source or not self.total else self.translated * 100 // self.total


def words(text: str) -> int:
    """The words of a text as a translation office counts them (separated by spaces)."""
    return len(text.split())


def language_figures(site: SiteContent, rows: Sequence[LanguageStatus]) -> list[LanguageFigures]:
    """Every language of `site`, the source first; the others from `fzgen status`'s rows."""
    units = {unit.key: unit for unit in site_units(site)}
    source = site.languages[0]
    total = len(units)
    found = [LanguageFigures(source, True, total, total, 0, 0, 0)]
    for row in rows:
        if row.site != site.slug:
            continue
        missing_words = sum(words(units[key].source) for key in row.missing if key in units)
        found.append(
            LanguageFigures(
                row.language,
                False,
                row.total,
                row.translated,
                len(row.missing),
                missing_words,
                len(row.outdated),
            )
        )
    return found
