"""The `fzgen` command: arguments, the verb to run, exit codes, and errors as people read them."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from fzgen import __version__
from fzgen.commands import (
    build,
    check,
    edit,
    hilfe,
    new,
    preview,
    report,
    schema,
    status,
    translations,
)
from fzgen.commands.common import (
    EXIT_CONTENT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    content_options,
    help_for,
    message_language,
    print_errors,
)
from fzgen.errors import ContentError, FzgenError, UsageError
from fzgen.messages import cli_text, os_reason
from fzgen.project import find_project

#: The verbs, in the order `fzgen --help` lists them; each module has `add_parser` and `run`.
VERBS: dict[str, ModuleType] = {
    "check": check,
    "build": build,
    "new": new,
    "status": status,
    "translations": translations,
    "report": report,
    "schema": schema,
    "serve": preview,
    "edit": edit,
    "hilfe": hilfe,
}


def parser() -> argparse.ArgumentParser:
    """The whole command line: common options, then one sub-command per verb.

    The common options (--content, --lang, --debug) may stand before the
    command or after it: `fzgen --debug build` and `fzgen build --debug`.
    """
    main_parser = Parser(
        prog="fzgen", description=help_for("fzgen"), parents=[content_options(defaults=True)]
    )
    main_parser.add_argument("--version", action="version", version=f"fzgen {version()}")
    commands = main_parser.add_subparsers(
        dest="command", required=True, metavar=help_for("command"), parser_class=Parser
    )
    options = content_options()
    for verb in VERBS.values():
        verb.add_parser(commands, options)
    return main_parser


def version() -> str:
    """fzgen's version as installed (the package's metadata), else the source's."""
    try:
        return metadata.version("fzgen")
    except metadata.PackageNotFoundError:
        return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `fzgen` command."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    Parser.language = message_language(arguments)
    args = parser().parse_args(arguments)
    try:
        output = args.output if args.command == "build" else Path("output")
        return int(VERBS[args.command].run(find_project(args.content, output), args))
    except Exception as exc:
        return report_failure(exc, args)
    except KeyboardInterrupt:
        # The build has ended its workers and removed its staging folder by now.
        if args.command == "build":
            print(cli_text("interrupted", args.lang), file=sys.stderr)
        return EXIT_INTERRUPTED


def report_failure(error: Exception, args: argparse.Namespace) -> int:
    """Tell what went wrong in the user's words; the exit code that says what kind it was."""
    language = args.lang
    if isinstance(error, ContentError):
        print_errors(error.diagnostics, language)
        files = len({d.path for d in error.diagnostics})
        errors = len(error.diagnostics)
        print(cli_text("errors_summary", language, errors=errors, files=files), file=sys.stderr)
        if args.command == "build":
            print(cli_text("nothing_written", language), file=sys.stderr)
        return EXIT_CONTENT
    if isinstance(error, UsageError):
        print(cli_text(error.code, language, **error.params), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(error, BrokenPipeError):  # output piped into `head` and the like
        return EXIT_OK
    if args.debug:
        traceback.print_exception(error)
    if isinstance(error, OSError) and not isinstance(error, FzgenError):
        # The machine refused (a full disk, no rights, a path too long): not a bug of
        # fzgen. A build that fails so has discarded its staging folder.
        print(environment_error(error, args), file=sys.stderr)
        if args.command == "build":
            print(cli_text("nothing_written", language), file=sys.stderr)
        return EXIT_USAGE
    detail = f"{type(error).__name__}: {error}"
    print(cli_text("internal", language, detail=detail), file=sys.stderr)
    return EXIT_INTERNAL


def environment_error(error: OSError, args: argparse.Namespace) -> str:
    """The sentence for an error of the operating system, naming the path."""
    path = error.filename
    if path is None:  # writing into an open file (a full disk) names no path
        path = args.output if args.command == "build" else args.content
    reason = os_reason(error, args.lang)
    return cli_text("environment", args.lang, path=os.fsdecode(path), reason=reason)


def run() -> NoReturn:
    """The `fzgen` console script: `main`, then exit at once.

    When the command is done, nothing is left to clean up (files are written
    and swapped in, worker processes have ended), so the interpreter's
    teardown, which frees every object of the build one by one (0.1 s at
    10,000 pages), is skipped; only the output streams are flushed.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader of our output went away: nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
