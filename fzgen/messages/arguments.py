"""argparse's own English (help headings, error templates) in the user's language.

argparse has no translation hook for these phrases; they are replaced after it
has formatted them, through its public methods only. The patterns match
argparse's English; the catalogues (`argparse:` section) say what each becomes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from fzgen.messages.catalogue import wording

#: argparse's phrases by catalogue key; named groups are the placeholders.
PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.MULTILINE)
    for name, pattern in {
        "usage": r"^usage: ",
        "positional": r"^positional arguments:",
        "options": r"^options:",
        "help": r"show this help message and exit",
        "version": r"show program's version number and exit",
        "argument": r"^argument (?P<argument>\S+): ",
        "unrecognized": r"^unrecognized arguments: ",
        "required": r"^the following arguments are required: ",
        "expected_one": r"expected one argument",
        "invalid_value": r"invalid \w+ value: '(?P<value>.*)'",
        "invalid_choice": r"invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)",
        "ambiguous": r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
    }.items()
}


def argparse_text(text: str, language: str) -> str:
    """argparse's English phrases in `text` said in `language` (English stays as it is)."""
    phrases = wording(language).argparse
    for name, pattern in PATTERNS.items():
        template = phrases.get(name)
        if template is not None:
            text = pattern.sub(_filled(template), text)
    return text


def _filled(template: str) -> Callable[[re.Match[str]], str]:
    return lambda match: template.format(**match.groupdict())


#: argparse's sentence for a value that is not among an argument's choices.
_INVALID_CHOICE = re.compile(
    r"^argument (?P<argument>\S+): invalid choice: '?(?P<value>.*?)'?"
    r" \(choose from (?P<choices>.*)\)$"
)


@dataclass(frozen=True)
class InvalidChoice:
    """A value argparse refused because it is not among the argument's choices."""

    argument: str
    value: str
    choices: tuple[str, ...]

    def closest(self) -> str | None:
        """The choice the user most likely meant (`chek` → `check`), if one is close."""
        found = difflib.get_close_matches(self.value, self.choices, n=1, cutoff=0.6)
        return found[0] if found else None


def invalid_choice(message: str) -> InvalidChoice | None:
    """argparse's English error `message` as an InvalidChoice, where it is one."""
    match = _INVALID_CHOICE.match(message)
    if match is None:
        return None
    choices = tuple(choice.strip().strip("'") for choice in match["choices"].split(","))
    return InvalidChoice(match["argument"], match["value"], choices)
