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

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, so reports read top to bottom."""
        return (self.path, self.line or 0, self.column or 0, self.code)


class FzgenError(Exception):
    """Base class of every error fzgen reports without a traceback."""


class ContentError(FzgenError):
    """The content has errors; the build writes nothing."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} content error(s)")
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)


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
