"""An error raised while a template compiles or renders, as a diagnostic with file and line.

Whose fault an error is decides what the user sees. A syntax error, an
undefined name, a missing template or a UI text no catalogue has is the
theme's: a diagnostic naming the template and line (exit 1). Any other
exception is the theme's when the nearest code it came through is a template
(`{{ 1 / 0 }}`, a Jinja filter given the wrong value), fzgen's own bug when
it is fzgen's code (exit 3, with a traceback under --debug).
"""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from fzgen.errors import Diagnostic, FzgenError, UsageError
from fzgen.theme.folder import ThemeFolder

#: fzgen's own code, whose errors are fzgen's bugs.
PACKAGE = Path(__file__).resolve().parent.parent
#: Longest detail of Jinja's (English) message repeated in a diagnostic.
DETAIL_LIMIT = 300


def theme_diagnostic(error: BaseException, theme: ThemeFolder) -> Diagnostic | None:
    """The diagnostic for an error raised by a template (its traceback rewritten by
    Jinja to show template lines), or None where it is not the theme's."""
    if isinstance(error, TemplateSyntaxError):  # also an unknown filter or test
        path = theme.shown(error.filename) if error.filename else str(error.name)
        return Diagnostic(path, "theme_syntax", error.lineno, params={"detail": _detail(error)})
    missing_text = isinstance(error, UsageError) and error.code == "ui_text_missing"
    if isinstance(error, FzgenError) and not missing_text:
        return None  # already worded, with its own place (a catalogue's, say)
    place = _template_place(error, theme)
    if place is None:
        return None
    path, line = place
    if isinstance(error, UsageError):
        params = {"key": error.params.get("key", ""), "path": error.params.get("path", "")}
        return Diagnostic(path, "theme_ui_text_missing", line, params=params)
    if isinstance(error, TemplateNotFound):
        return Diagnostic(path, "theme_template_missing", line, params={"name": str(error.name)})
    if isinstance(error, UndefinedError):
        return Diagnostic(path, "theme_undefined", line, params={"detail": _detail(error)})
    return Diagnostic(path, "theme_render", line, params={"detail": _detail(error)})


def missing_template(theme: ThemeFolder, name: str) -> Diagnostic:
    """A template fzgen renders pages with is not in the theme."""
    return Diagnostic(theme.shown(theme.templates), "theme_template_missing", params={"name": name})


def _template_place(error: BaseException, theme: ThemeFolder) -> tuple[str, int] | None:
    """The template and line the error came from: the nearest frame that is a template
    or fzgen's own code decides; libraries (Jinja, markupsafe) in between do not."""
    templates = theme.templates.resolve()
    # A missing UI text is raised in fzgen's catalogue, an undefined name in fzgen's
    # code may come from a template further up: for those only a template counts.
    template_only = isinstance(error, UsageError | TemplateError)
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.is_relative_to(templates):
            return theme.shown(path), frame.lineno or 1
        if path.is_relative_to(PACKAGE) and not template_only:
            return None
    return None


def _detail(error: BaseException) -> str:
    if isinstance(error, TemplateError):
        text = error.message or type(error).__name__
    else:
        text = f"{type(error).__name__}: {error}"
    return text if len(text) <= DETAIL_LIMIT else text[:DETAIL_LIMIT] + "…"
