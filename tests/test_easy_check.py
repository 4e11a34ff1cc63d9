"""`fzgen check` notes texts in Leichte Sprache that break a rule a program can see, with
file, line and rule, in German (English with --lang en); the check still passes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import SITE_YAML, Result, site_tree, write_tree

SITE = SITE_YAML.replace(
    "intro: Wir sind ein Verbund aus Kitas und Beratung.\n",
    "intro:\n  de: Wir sind ein Verbund aus Kitas und Beratung.\n"
    "  ls: Wir sind ein Verbund aus Kitas und einer Beratungsstelle.\n",
).replace("languages: [de, en, tr]", "languages: [de, ls, en]")

#: Lines 1-13: a title and summary that pass, a description breaking several rules.
OFFER = """\
title: {de: Elterncafé, ls: Eltern·café}
summary: {de: Offener Treff für Eltern, ls: Ein Treffen für Eltern.}
description:
  de: Bei Kaffee und Tee lernen Sie andere Eltern kennen.
  ls: |
    Im Eltern·café treffen sich Eltern.
    Das Essen wird von den Eltern mitgebracht.

    Sie brauchen keine Anmeldung.
    Bitte bringen Sie z. B. Haus·schuhe mit.
    Im Eltern·café können Sie mit anderen Müttern und Vätern aus dem Stadt·teil über alles reden, was Sie bewegt.
    Die Kinderbetreuung ist kostenlos.
    50 % der Familien kommen jede Woche.
categories: [meeting]
schedule:
  - weekly: tuesday
    time: 09:30-11:00
location: kita-sonne
"""

PAGE = """\
---
title: Über uns
---
Wir sind das Familien·zentrum.

Wir würden uns freuen.
"""


NEWS = "---\ntitle: Sommerfest\n---\nDas Fest ist im Garten.\n"
NEWS_LS = "---\ntitle: Das Sommer·fest\n---\nDas Fest ist im Garten.\nEs ist nicht teuer.\n"


def _notes(out: str) -> list[tuple[str, str, str]]:
    """(file, line, first line of the message) of every note."""
    found = re.findall(r"^Hinweis: (\S+), Zeile (\d+), Spalte \d+[^\n]*\n  ([^\n]+)", out, re.M)
    return [(path, line, text) for path, line, text in found]


def test_check_names_file_line_and_rule_of_each_break_and_passes(
    tmp_path: Path, fzgen: Callable[..., Result]
) -> None:
    files: dict[str, str | bytes | None] = {
        "site.yaml": SITE,
        "offers/elterncafe.yaml": OFFER,
        "pages/ueber-uns.ls.md": PAGE,
    }
    files |= {"news/2026-11-20-fest.md": NEWS, "news/2026-11-20-fest.ls.md": NEWS_LS}
    write_tree(tmp_path, site_tree(files))
    result = fzgen(tmp_path, "check")
    assert result.code == 0, result.err
    offer = "test/offers/elterncafe.yaml"
    assert _notes(result.out) == [
        (
            "test/site.yaml",
            "5",
            "Leichte Sprache – lange Wörter trennen: „Beratungsstelle“. Lange zusammengesetzte "
            "Wörter sind schwer zu lesen.",
        ),
        (
            "test/offers/elterncafe.yaml",
            "7",
            "Leichte Sprache – kein Passiv: „wird“ und „mitgebracht“. Im Passiv steht nicht, "
            "wer etwas tut.",
        ),
        (
            offer,
            "9",
            "Leichte Sprache – Verneinungen vermeiden: „keine“. Eine Verneinung wird leicht "
            "überlesen, dann versteht man das Gegenteil.",
        ),
        (
            offer,
            "10",
            "Leichte Sprache – keine Abkürzungen: „z. B.“. Viele Leserinnen und Leser kennen "
            "sie nicht.",
        ),
        (
            offer,
            "11",
            "Leichte Sprache: Satz mit 18 Wörtern („Im Eltern·café können Sie …“) – in Leichter "
            "Sprache hat ein Satz höchstens 15.",
        ),
        (
            offer,
            "12",
            "Leichte Sprache – lange Wörter trennen: „Kinderbetreuung“. Lange zusammengesetzte "
            "Wörter sind schwer zu lesen.",
        ),
        (
            offer,
            "13",
            "Leichte Sprache – keine Prozentangaben: „%“. Prozente verstehen viele Leserinnen "
            "und Leser nicht.",
        ),
        (
            "test/pages/ueber-uns.ls.md",
            "6",
            "Leichte Sprache – keine Möglichkeitsform (Konjunktiv): „würden“. Sie ist schwer zu "
            "verstehen.",
        ),
        (
            "test/news/2026-11-20-fest.ls.md",
            "5",
            "Leichte Sprache – Verneinungen vermeiden: „nicht“. Eine Verneinung wird leicht "
            "überlesen, dann versteht man das Gegenteil.",
        ),
    ]
    assert "Feld „description → ls“" in result.out
    assert "Alles in Ordnung" in result.out


def test_notes_in_english_and_only_for_sites_with_leichte_sprache(
    tmp_path: Path, fzgen: Callable[..., Result]
) -> None:
    write_tree(tmp_path, site_tree({"site.yaml": SITE, "offers/elterncafe.yaml": OFFER}))
    result = fzgen(tmp_path, "check", "--lang", "en")
    assert result.code == 0, result.err
    assert "Easy Read (Leichte Sprache) – no passive: “wird” and “mitgebracht”." in result.out
    assert "test/offers/elterncafe.yaml, line 7" in result.out

    without = tmp_path / "without"
    site = SITE.replace("languages: [de, ls, en]", "languages: [de, en]")
    site = site.replace("  ls: Wir sind ein Verbund aus Kitas und einer Beratungsstelle.\n", "")
    offer = OFFER.replace("ls: |", "en: |").replace(", ls: ", ", en: ")
    write_tree(without, site_tree({"site.yaml": site, "offers/elterncafe.yaml": offer}))
    result = fzgen(without, "check")
    assert result.code == 0, result.err
    assert "Leichte Sprache" not in result.out
