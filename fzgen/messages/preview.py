"""The words of the preview's error page, ready for its template."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fzgen.errors import Diagnostic
from fzgen.messages.catalogue import wording
from fzgen.messages.diagnostics import describe, fix_line, place


@dataclass(frozen=True)
class ErrorEntry:
    """One finding as the error page lists it."""

    place: str
    problem: str
    fix: str


@dataclass(frozen=True)
class ErrorPage:
    """Everything the preview's error page says, in one language."""

    language: str
    title: str
    heading: str
    summary: str
    entries: tuple[ErrorEntry, ...]
    #: A sentence instead of the list, when the build failed for another reason.
    failure: str | None = None


def error_page(
    diagnostics: Iterable[Diagnostic], failure: str | None = None, language: str = "de"
) -> ErrorPage:
    """The error page's words for these findings (or this failure), in `language`."""
    texts = wording(language).preview
    entries = []
    for diagnostic in diagnostics:
        problem, fix = describe(diagnostic, language)
        entries.append(
            ErrorEntry(place(diagnostic, language), problem, fix_line(diagnostic, fix, language))
        )
    count = len(entries)
    summary = texts["one_error"] if count == 1 else texts["errors"].format(count=count)
    return ErrorPage(
        language=language,
        title=texts["title"],
        heading=texts["heading"],
        summary=summary,
        entries=tuple(entries),
        failure=failure,
    )
