"""Shared helpers: small content trees written inline, and fzgen run in-process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from fzgen.commands.cli import main

SITE_YAML = """\
name: Familienzentrum Testhausen
sozialraum: Testhausen Nord
intro: Wir sind ein Verbund aus Kitas und Beratung.
languages: [de, en, tr]
organisation: AWO Kreisverband Stormarn e.V.
coordinator:
  name: Erika Muster
  email: erika.muster@fz-test.example.org
  phone: "+49 4531 000000"
partners:
  - id: kita-sonne
    name: Kita Sonne
    kind: kita
    address:
      street: Sonnenweg 1
      postal_code: 23843
      city: Bad Oldesloe
legal:
  publisher: AWO Kreisverband Stormarn e.V.
  address:
    street: Musterstraße 1
    postal_code: 23843
    city: Bad Oldesloe
  represented_by: Vorstand Max Beispiel
  email: info@awo-test.example.org
"""

OFFER_YAML = """\
title:
  de: Elterncafé
  tr: Ebeveyn Kafesi
summary: Offener Treff für Eltern
categories: [meeting]
schedule:
  - weekly: tuesday
    time: 09:30-11:00
location: kita-sonne
"""

PAGE_MD = """\
---
title: Über uns
menu: 10
---
Wir sind **für Familien** da.
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path → text or bytes) below `root`; return `root`."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def site_tree(overrides: dict[str, str | bytes | None] | None = None) -> dict[str, str | bytes]:
    """A valid one-site tree under `content/test/`; `overrides` replace or (None) drop files."""
    files: dict[str, str | bytes | None] = {
        "site.yaml": SITE_YAML,
        "offers/elterncafe.yaml": OFFER_YAML,
        "pages/ueber-uns.md": PAGE_MD,
        **(overrides or {}),
    }
    return {f"content/test/{k}": v for k, v in files.items() if v is not None}


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def fzgen(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `fzgen` in-process with the given arguments in a folder."""

    def run(cwd: Path, *args: str) -> Result:
        monkeypatch.chdir(cwd)
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
