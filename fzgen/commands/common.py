"""What every command shares: exit codes, the argument parser, printing notes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol

from fzgen.errors import Diagnostic
from fzgen.messages import argparse_text, cli_text, format_diagnostic, help_text, wording
from fzgen.messages.arguments import invalid_choice

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

    def add_argument(self, *names: str, **kwargs: Any) -> argparse.Action:
        """An argument as argparse makes it, its value named in the user's language
        (`--site WEBSITE`) where the catalogue has a word for it (`help: metavar.site`)."""
        if "metavar" not in kwargs and kwargs.get("action", "store") == "store":
            metavar = wording(self.language).help.get(f"metavar.{argument_name(names)}")
            if metavar is not None:
                kwargs["metavar"] = metavar
        return super().add_argument(*names, **kwargs)

    def format_help(self) -> str:
        return argparse_text(super().format_help(), self.language)

    def format_usage(self) -> str:
        return argparse_text(super().format_usage(), self.language)

    def error(self, message: str) -> NoReturn:
        detail = unknown_command(message, self.language) or argparse_text(message, self.language)
        self.exit(EXIT_USAGE, cli_text("usage", self.language, detail=detail) + "\n")


def argument_name(names: Sequence[str]) -> str:
    """An argument's name without dashes: `--site` → `site`, a positional `file` → `file`."""
    long = next((name for name in names if name.startswith("--")), names[0])
    return long.lstrip("-").replace("-", "_")


def unknown_command(message: str, language: str) -> str | None:
    """The sentence for a command or action fzgen does not have (`fzgen chek`), with
    the one most likely meant, if argparse's `message` says so; else None."""
    choice = invalid_choice(message)
    if choice is None:
        return None
    kinds = {
        help_for("command"): "unknown_command",
        help_for("translations.action"): "unknown_action",
    }
    key = kinds.get(choice.argument)
    if key is None:
        return None
    closest = choice.closest()
    if closest is None:
        return cli_text(
            f"{key}_choices", language, value=choice.value, choices=", ".join(choice.choices)
        )
    return cli_text(key, language, value=choice.value, suggestion=closest)


def help_for(key: str) -> str:
    """The help of a command or option (`build.output`) in this call's language."""
    return help_text(key, Parser.language)


def content_options(with_language: bool = True, defaults: bool = False) -> Parser:
    """The options most commands take: --content, --lang (message language), --debug.

    `fzgen` itself takes them too, before the command: there they have their
    defaults; after it they have none (`defaults=False`), so that what was given
    before the command stays (argparse lets a sub-command's defaults win).
    """
    options = Parser(add_help=False)
    default: Any = {
        "content": Path("content") if defaults else argparse.SUPPRESS,
        "lang": "de" if defaults else argparse.SUPPRESS,
        "debug": False if defaults else argparse.SUPPRESS,
    }
    options.add_argument(
        "--content", type=Path, default=default["content"], help=help_for("content")
    )
    if with_language:
        options.add_argument(
            "--lang", choices=["de", "en"], default=default["lang"], help=help_for("lang")
        )
    options.add_argument(
        "--debug", action="store_true", default=default["debug"], help=help_for("debug")
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
