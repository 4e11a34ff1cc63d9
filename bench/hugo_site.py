"""The bench's second Hugo project: the same site fzgen builds, file for file.

`bench.generate_hugo` makes a minimal Hugo site (offer pages and section lists
only). fzgen's sites hold more: per site and language a contact page, the
programme, the imprint, the network page, filter pages by topic, audience,
language and weekday, a calendar file per offer and a sitemap. Here Hugo gets
the same: the filters are per-site taxonomies, the calendars Hugo's built-in
`calendar` output format, the rest leaf pages with a small theme of its own
(bench/hugo-same-theme). Both rows stand in the table, so nothing is hidden.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["meeting", "baby", "counselling", "learning"]
#: Per schedule of bench.SCHEDULES: the weekdays (the `tag` filter), the rule in
#: words and the RRULE of its calendar file.
SCHEDULE_FACTS = [
    (["tuesday", "thursday"], "dienstags und donnerstags, 9:30–11:00", "FREQ=WEEKLY;BYDAY=TU,TH"),
    (["wednesday"], "am letzten Mittwoch im Monat, 15:00–16:30", "FREQ=MONTHLY;BYDAY=-1WE"),
    (["saturday"], "Samstag, 12. Dezember 2026, 14:00–17:00", ""),
    ([], "nach Vereinbarung", ""),
    (["monday"], "montags, 10:00–11:30", "FREQ=WEEKLY;BYDAY=MO"),
]
LEAVES = {"kontakt": "Kontakt", "programm": "Programm", "impressum": "Impressum",
          "netzwerk": "Netzwerk"}  # fmt: skip
FILTERS = ("thema", "fuer", "sprache", "tag")


def generate_hugo_same(
    folder: Path,
    sites: int,
    offers: int,
    languages: list[str],
    body: Callable[[random.Random], str],
) -> None:
    """`sites` sections with `offers` offers in `languages`, as fzgen's bench content."""
    rng = random.Random(sites * 1000 + offers)
    folder.mkdir(parents=True)
    taxonomies = "\n".join(
        f"  {kind}-fz{number:02d} = '{kind}-fz{number:02d}'"
        for number in range(sites)
        for kind in FILTERS
    )
    names = "\n".join(
        f"[languages.{lang}]\n  weight = {i + 1}\n  label = '{lang}'"
        for i, lang in enumerate(languages)
    )
    (folder / "hugo.toml").write_text(
        "baseURL = 'https://example.org/'\ntitle = 'Familienzentrum'\n"
        "defaultContentLanguage = 'de'\ndefaultContentLanguageInSubdir = true\n"
        "disableKinds = ['RSS']\n[taxonomies]\n" + taxonomies + "\n" + names + "\n",
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "bench" / "hugo-same-theme" / "layouts", folder / "layouts")
    for number in range(sites):
        section = folder / "content" / f"fz-{number:02d}"
        section.mkdir(parents=True)
        for lang in languages:
            (section / f"_index.{lang}.md").write_text(
                f"---\ntitle: 'Angebote {number}'\n---\n", encoding="utf-8"
            )
            for slug, title in LEAVES.items():
                layout = "layout: programm\n" if slug == "programm" else ""
                (section / f"{slug}.{lang}.md").write_text(
                    f"---\ntitle: '{title}'\nmenu: true\n{layout}---\nText.\n", encoding="utf-8"
                )
        for index in range(offers):
            _offer(section, number, index, languages, rng, body)


def _offer(
    section: Path,
    number: int,
    index: int,
    languages: list[str],
    rng: random.Random,
    body: Callable[[random.Random], str],
) -> None:
    translated = [lang for lang in languages[1:] if rng.random() < 0.7]
    text = body(rng)
    category = rng.choice(CATEGORIES)
    spoken = rng.choice(languages[1:])
    days, when, rrule = SCHEDULE_FACTS[index % len(SCHEDULE_FACTS)]
    site = f"fz{number:02d}"
    outputs = "outputs: [html, calendar]\n" if rrule or days else ""
    for lang in languages:
        title = f"Angebot {index} ({lang})" if lang in translated else f"Angebot {index}"
        (section / f"angebot-{index:04d}.{lang}.md").write_text(
            f"---\ntitle: '{title}'\nsummary: 'Ein offenes Angebot für Familien Nummer {index}'\n"
            f"when: '{when}'\nrrule: '{rrule}'\n{outputs}"
            f"thema-{site}: [{category}]\nfuer-{site}: [parents, children]\n"
            f"sprache-{site}: [de, {spoken}]\ntag-{site}: [{', '.join(days)}]\n---\n{text}\n",
            encoding="utf-8",
        )
