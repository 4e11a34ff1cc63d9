"""Compare a UI catalogue with translations/de.yaml: keys, placeholders, plural forms."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
PLURAL = {"zero", "one", "two", "few", "many", "other"}


def flatten(value: object, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict) and not (value and set(value) <= PLURAL):
        out: dict[str, object] = {}
        for key, child in value.items():
            out.update(flatten(child, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): value}


def placeholders(value: object) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    return {p for text in texts for p in re.findall(r"\{(\w+)\}", str(text))}


def check(language: str) -> list[str]:
    reference = flatten(yaml.safe_load((ROOT / "translations/de.yaml").read_text()))
    if language not in ("de", "ls"):
        # Texts only pages in Leichte Sprache show.
        reference = {k: v for k, v in reference.items() if not k.startswith("easy.")}
    catalogue = flatten(yaml.safe_load((ROOT / f"translations/{language}.yaml").read_text()))
    problems = [f"missing key {k}" for k in reference if k not in catalogue]
    problems += [f"extra key {k}" for k in catalogue if k not in reference]
    # Leichte Sprache (`ls`) is German to CLDR.
    tags = set(Locale.parse("de" if language == "ls" else language).plural_form.tags) | {"other"}
    for key, value in catalogue.items():
        if key not in reference:
            continue
        if isinstance(reference[key], dict):
            if not isinstance(value, dict) or set(value) != tags:
                problems.append(f"{key}: plural forms must be exactly {sorted(tags)}")
        if placeholders(value) != placeholders(reference[key]):
            problems.append(f"{key}: placeholders {placeholders(value)} != {placeholders(reference[key])}")
        if not value:
            problems.append(f"{key}: empty")
    return problems


if __name__ == "__main__":
    failed = False
    for code in sys.argv[1:]:
        found = check(code)
        failed |= bool(found)
        print(f"{code}: " + ("ok" if not found else "\n  ".join(["problems:", *found])))
    sys.exit(1 if failed else 0)
