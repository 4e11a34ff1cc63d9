"""The exception tree and the diagnostics a coordinator reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding in one content file, worded later by `fzgen.messages`."""

    path: str
    code: str
    line: int | None = None
    column: int | None = None
    field: tuple[str | int, ...] = ()
    found: str | None = None
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)
    severity: Severity = "error"
    #: How many more fields show this same finding at this same place (YAML aliases).
    repeats: int = 0

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, so reports read top to bottom."""
        return (self.path, self.line or 0, self.column or 0, self.code)

    def sameness_key(self) -> tuple[object, ...]:
        """What makes two findings one: the same problem with the same value at the
        same place of the same file. Only the field may differ, which happens when
        aliases (*name) put one written value into many fields."""
        params = tuple(sorted(self.params.items()))
        return (self.path, self.line, self.column, self.code, self.severity, self.found, params)


class FzgenError(Exception):
    """Base class of every error fzgen reports without a traceback."""


class ContentError(FzgenError):
    """The content has errors; the build writes nothing."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        distinct = _collapse(diagnostics)
        super().__init__(f"{len(distinct)} content error(s)")
        self.diagnostics = sorted(distinct, key=Diagnostic.sort_key)

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in a forked worker, it reaches the parent pickled: keep the diagnostics.
        return (ContentError, (self.diagnostics,))


def _collapse(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each finding once: a value referenced a thousand times through aliases is one
    error to fix (with the count of its other places), not a thousand."""
    first: dict[tuple[object, ...], Diagnostic] = {}
    fields: dict[tuple[object, ...], set[tuple[str | int, ...]]] = {}
    extra: dict[tuple[object, ...], int] = {}
    for diagnostic in diagnostics:
        # Without a line there is no place to share: only exact copies collapse.
        key = diagnostic.sameness_key() + (() if diagnostic.line else (diagnostic.field,))
        if key not in first:
            first[key], fields[key], extra[key] = diagnostic, {diagnostic.field}, 0
        elif diagnostic.field not in fields[key]:
            fields[key].add(diagnostic.field)
            extra[key] += 1 + diagnostic.repeats
    return [
        dataclasses.replace(diagnostic, repeats=diagnostic.repeats + extra[key])
        if extra[key]
        else diagnostic
        for key, diagnostic in first.items()
    ]


class UsageError(FzgenError):
    """The command was called wrongly (a folder is missing, a site is unknown)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in a forked worker, it reaches the parent pickled: keep the params.
        return (_usage_error, (self.code, dict(self.params)))


def _usage_error(code: str, params: dict[str, str]) -> UsageError:
    return UsageError(code, **params)
