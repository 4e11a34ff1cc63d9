"""Every sentence fzgen says to a person, in German (the default) and English.

The wording lives in data files, one per language (`de.yaml`, `en.yaml`), looked
up by key; the modules here only fill in values and echo them safely:

- `catalogue`: reads the data files (`wording(language)`),
- `echo`: what a user wrote, safe to repeat (`shown`),
- `diagnostics`: a finding as problem, fix and place (`format_diagnostic`),
- `sentences`: the command line, the system's refusals, help, generated comments,
- `arguments`: argparse's own English in the user's language,
- `preview`: the preview's error page.
"""

from __future__ import annotations

from fzgen.messages.arguments import argparse_text
from fzgen.messages.catalogue import LANGUAGES, FieldHelp, Wording, WordingError, wording
from fzgen.messages.diagnostics import (
    describe,
    field_label,
    fix_line,
    format_diagnostic,
    is_diagnostic_code,
    kind_of,
    place,
)
from fzgen.messages.echo import ECHO_LIMIT, LIST_LIMIT, shown
from fzgen.messages.preview import ErrorEntry, ErrorPage, error_page
from fzgen.messages.sentences import (
    cli_text,
    editor_text,
    file_text,
    help_text,
    os_reason,
    preview_text,
)

__all__ = [
    "ECHO_LIMIT",
    "LANGUAGES",
    "LIST_LIMIT",
    "ErrorEntry",
    "ErrorPage",
    "FieldHelp",
    "Wording",
    "WordingError",
    "argparse_text",
    "cli_text",
    "describe",
    "editor_text",
    "error_page",
    "field_label",
    "file_text",
    "fix_line",
    "format_diagnostic",
    "help_text",
    "is_diagnostic_code",
    "kind_of",
    "os_reason",
    "place",
    "preview_text",
    "shown",
    "wording",
]
