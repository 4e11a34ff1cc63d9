"""What every command shares: exit codes, the argument parser, printing notes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol

from fzgen.errors import Diagnostic
from fzgen.messages import argparse_text, cli_text, format_diagnostic, help_text

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


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


class Parser(argparse.ArgumentParser):
    """argparse, speaking the user's language; a wrong call is a usage error (exit 2)."""

    #: Set by `cli.main` before parsing, from the arguments.
    language = "de"

    def format_help(self) -> str:
        return argparse_text(super().format_help(), self.language)

    def format_usage(self) -> str:
        return argparse_text(super().format_usage(), self.language)

    def error(self, message: str) -> NoReturn:
        detail = argparse_text(message, self.language)
        self.exit(EXIT_USAGE, cli_text("usage", self.language, detail=detail) + "\n")


def help_for(key: str) -> str:
    """The help of a command or option (`build.output`) in this call's language."""
    return help_text(key, Parser.language)


def content_options(with_language: bool = True) -> Parser:
    """The options most commands take: --content, --lang (message language), --debug."""
    options = Parser(add_help=False)
    options.add_argument("--content", type=Path, default=Path("content"), help=help_for("content"))
    if with_language:
        options.add_argument("--lang", choices=["de", "en"], default="de", help=help_for("lang"))
    else:
        options.set_defaults(lang="de")
    options.add_argument("--debug", action="store_true", help=help_for("debug"))
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
