"""Sentences outside the diagnostics: the command line, the operating system's refusals,
argparse help, the preview's answers, comments in generated files."""

from __future__ import annotations

import errno

from fzgen.messages.catalogue import wording
from fzgen.messages.echo import shown_params
from fzgen.messages.plurals import counted_numbers


def cli_text(key: str, lang: str, /, **params: object) -> str:
    """A sentence of the command line in the user's language, its values echoed safely,
    its numbers with their nouns in the right plural form (`1 Datei`, `2 Dateien`)."""
    texts = {name: value for name, value in params.items() if not isinstance(value, int | float)}
    numbers = {name: value for name, value in params.items() if isinstance(value, int | float)}
    counted = counted_numbers(key, numbers, lang)
    return wording(lang).cli[key].format(**shown_params(texts, lang), **counted)


def os_reason(error: OSError, language: str) -> str:
    """Why the system refused, in the user's language."""
    name = errno.errorcode.get(error.errno or 0, "")
    known = wording(language).os_reasons.get(name)
    if known:
        return known
    return error.strerror or type(error).__name__


def help_text(key: str, language: str) -> str:
    """argparse help of a command or option (`help.check`), in the user's language."""
    return wording(language).help[key]


def preview_text(key: str, language: str, /, **params: object) -> str:
    """A sentence of the preview server (`Nicht gefunden.`), its values echoed safely."""
    return wording(language).preview[key].format(**shown_params(params, language))


def file_text(key: str, language: str = "de", /, **params: object) -> str:
    """A comment fzgen writes into a file it generates (a header), in `language`."""
    return wording(language).files[key].format(**params)


def editor_text(key: str, language: str = "de", /, **params: object) -> str:
    """A text of the editor in the browser (`Speichern`), its values echoed safely."""
    return wording(language).editor[key].format(**shown_params(params, language))
