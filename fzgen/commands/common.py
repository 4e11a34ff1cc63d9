"""What every command shares: exit codes, the argument parser, printing notes."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol

from fzgen.errors import Diagnostic
from fzgen.messages import cli_text, format_diagnostic

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

#: argparse's own English sentences (its help headings and error templates), as
#: regular expressions, and the German they become. Translated after argparse
#: has formatted them, through its public methods only.
ARGPARSE_GERMAN: tuple[tuple[str, str], ...] = (
    (r"^usage: ", "Aufruf: "),
    (r"\npositional arguments:", "\nBefehle und Angaben:"),
    (r"\noptions:", "\nOptionen:"),
    (r"show this help message and exit", "diese Hilfe zeigen und beenden"),
    (r"show program's version number and exit", "die Version von fzgen zeigen und beenden"),
    (r"^argument (\S+): ", r"Angabe \1: "),
    (r"^unrecognized arguments: ", "unbekannte Angaben: "),
    (r"^the following arguments are required: ", "diese Angaben fehlen: "),
    (r"expected one argument", "hier fehlt ein Wert"),
    (r"invalid \w+ value: '(.*)'", r"ungültiger Wert: „\1“"),
    (r"invalid choice: '(.*)' \(choose from (.*)\)", r"„\1“ gibt es nicht (möglich: \2)"),
    (r"^ambiguous option: (\S+) could match (.*)", r"\1 ist nicht eindeutig: \2"),
)


class Commands(Protocol):
    """What `add_subparsers` returns, as the verb modules use it."""

    def add_parser(self, name: str, **kwargs: Any) -> Parser:
        """A new sub-command."""
        ...


def message_language(argv: Sequence[str]) -> str:
    """The language of messages the call asks for: `--lang en` or German."""
    arguments = list(argv)
    for index, argument in enumerate(arguments):
        if argument == "--lang=en" or (
            argument == "--lang" and arguments[index + 1 :][:1] == ["en"]
        ):
            return "en"
    return "de"


def german(text: str) -> str:
    """argparse's English sentences in `text` put into German."""
    for pattern, replacement in ARGPARSE_GERMAN:
        text = re.sub(pattern, replacement, text, flags=re.MULTILINE)
    return text


class Parser(argparse.ArgumentParser):
    """argparse, speaking the user's language; a wrong call is a usage error (exit 2)."""

    #: Set by `cli.main` before parsing, from the arguments.
    language = "de"

    def format_help(self) -> str:
        text = super().format_help()
        return german(text) if self.language == "de" else text

    def format_usage(self) -> str:
        text = super().format_usage()
        return german(text) if self.language == "de" else text

    def error(self, message: str) -> NoReturn:
        detail = german(message) if self.language == "de" else message
        self.exit(EXIT_USAGE, cli_text("usage", self.language, detail=detail) + "\n")


def content_options(with_language: bool = True) -> Parser:
    """The options most commands take: --content, --lang (message language), --debug."""
    options = Parser(add_help=False)
    options.add_argument(
        "--content", type=Path, default=Path("content"), help="Inhaltsordner (Standard: content/)"
    )
    if with_language:
        options.add_argument(
            "--lang", choices=["de", "en"], default="de", help="Sprache der Meldungen (de oder en)"
        )
    else:
        options.set_defaults(lang="de")
    options.add_argument(
        "--debug", action="store_true", help="bei internen Fehlern alle Details zeigen"
    )
    return options


def print_notes(notes: Sequence[Diagnostic], language: str) -> str:
    """Print the notes; the end of the closing sentence that counts them."""
    for note in notes:
        print(format_diagnostic(note, language))
    return cli_text("notes", language, count=len(notes)) if notes else ""


def print_errors(diagnostics: Sequence[Diagnostic], language: str) -> None:
    """Print errors to stderr, each as a coordinator reads it."""
    for diagnostic in diagnostics:
        print(format_diagnostic(diagnostic, language), file=sys.stderr)
