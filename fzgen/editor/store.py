"""The files of one site as the editor reads and writes them; never a path outside the site.

- An offer is `offers/<slug>.yaml`. A version with errors is saved beside it as
  `offers/_<slug>.entwurf.yaml`: names starting with `_` are never published, so
  the site keeps the last valid version until the draft is valid.
- A deleted offer moves into `.papierkorb/` of the site folder (never published),
  with the time in its name, and can be put back from there.
- site.yaml is edited the same way (its draft: `_site.entwurf.yaml`).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fzgen.content.fields import SLUG_PATTERN
from fzgen.content.folder import YAML_SUFFIXES, SiteFolder, is_ignored
from fzgen.content.yamlfile import parse_yaml

TRASH = ".papierkorb"
DRAFT_SUFFIX = ".entwurf.yaml"
#: Comment lines of fzgen's offer template: a new offer starts with them.
TEMPLATE = "offers/elterncafe.yaml"


class NotAllowed(ValueError):
    """A name that does not stand for a file of the site (a step up, a link out, no slug)."""


def is_slug(name: str) -> bool:
    return bool(SLUG_PATTERN.fullmatch(name))


@dataclass(frozen=True)
class Version:
    """A file as the form was filled from it: its bytes (empty: no file yet), whether
    they are the draft's, and what fzgen's reader makes of them."""

    raw: bytes
    draft: bool
    data: dict[str, Any]


def read_data(raw: bytes) -> dict[str, Any]:
    """The values of a YAML file as fzgen's reader sees them (every scalar a string);
    an empty mapping when it cannot be read."""
    if not raw:
        return {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}
    document, _ = parse_yaml(text, "-")
    return document.data if document is not None and isinstance(document.data, dict) else {}


def write_atomically(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it (a hidden name the
    loader ignores), then renamed over it."""
    handle, temporary = tempfile.mkstemp(prefix=".fzgen-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class SiteFiles:
    """One site folder below the content folder, opened by its slug."""

    def __init__(self, content_dir: Path, slug: str) -> None:
        if not is_slug(slug):
            raise NotAllowed(slug)
        self.slug = slug
        self.folder = SiteFolder(content_dir, content_dir / slug)
        self.site_dir = self.folder.site_dir
        if self.site_dir.is_symlink() or not (self.site_dir / "site.yaml").is_file():
            raise NotAllowed(slug)

    def path(self, kind: str, slug: str, draft: bool = False) -> Path:
        """The file of an offer (or of site.yaml: `kind` "site"), checked to lie inside."""
        if kind == "site":
            name = "_site" + DRAFT_SUFFIX if draft else "site.yaml"
            path = self.site_dir / name
        else:
            if not is_slug(slug):
                raise NotAllowed(slug)
            name = f"_{slug}{DRAFT_SUFFIX}" if draft else f"{slug}.yaml"
            path = self.site_dir / "offers" / name
            short = path.with_suffix(".yml")
            if not draft and not path.exists() and short.is_file():
                path = short  # the loader reads `.yml` as well
        return self.inside(path)

    def inside(self, path: Path) -> Path:
        """`path` when no link on the way leads out of the site folder (an `offers/` or
        `files/` that is a link elsewhere is never written into); else NotAllowed."""
        if self.folder.link_outside(path) is not None:
            raise NotAllowed(path.name)
        return path

    def site_data(self) -> dict[str, Any]:
        return read_data(self.read_bytes(self.path("site", "")))

    @staticmethod
    def read_bytes(path: Path) -> bytes:
        try:
            return path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        except OSError:
            return b""

    def version(self, kind: str, slug: str) -> Version:
        """What the form shows: the draft if there is one, else the file."""
        draft = self.read_bytes(self.path(kind, slug, draft=True))
        if draft:
            return Version(draft, True, read_data(draft))
        raw = self.read_bytes(self.path(kind, slug))
        return Version(raw, False, read_data(raw))

    def offers(self) -> list[tuple[str, bool]]:
        """Every offer's slug, and whether it has a draft (an offer with errors from its
        start exists only as a draft)."""
        folder = self.inside(self.site_dir / "offers")
        found: dict[str, bool] = {}
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            name = path.name
            if name.startswith("_") and name.endswith(DRAFT_SUFFIX):
                slug = name[1 : -len(DRAFT_SUFFIX)]
                if is_slug(slug):
                    found[slug] = True
            elif not is_ignored(name) and path.suffix in YAML_SUFFIXES and is_slug(path.stem):
                found.setdefault(path.stem, False)
        return sorted(found.items())

    def save(self, kind: str, slug: str, data: bytes, valid: bool) -> Path:
        """Write the file when `valid` (and drop its draft), else only the draft."""
        target = self.path(kind, slug, draft=not valid)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        if valid:
            self.path(kind, slug, draft=True).unlink(missing_ok=True)
        return target

    def trash(self, slug: str) -> list[Path]:
        """Move an offer and its draft into the Papierkorb; the paths it took."""
        bin_dir = self.inside(self.site_dir / TRASH)
        bin_dir.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        moved = []
        for draft in (False, True):
            source = self.path("offer", slug, draft)
            if source.is_file() and not source.is_symlink():
                kind = "entwurf" if draft else "angebot"
                os.replace(source, bin_dir / f"{slug}.{stamp}.{kind}.yaml")
                moved.append(source)
        return moved

    def trashed(self) -> list[str]:
        """The names of the offers in the Papierkorb, newest first."""
        bin_dir = self.inside(self.site_dir / TRASH)
        names = [p.name for p in bin_dir.glob("*.yaml")] if bin_dir.is_dir() else []
        return sorted(names, key=lambda n: n.split(".")[1:2], reverse=True)

    def restore(self, name: str) -> tuple[str, Path]:
        """Put an offer back from the Papierkorb (under a new slug if its name is taken)."""
        parts = name.split(".")
        if name not in self.trashed() or len(parts) != 4 or not is_slug(parts[0]):
            raise NotAllowed(name)
        slug, draft = parts[0], parts[2] == "entwurf"
        number = 1
        while self.path("offer", slug).exists() or self.path("offer", slug, True).exists():
            number += 1
            slug = f"{parts[0]}-{number}"
        target = self.path("offer", slug, draft)
        target.parent.mkdir(exist_ok=True)
        os.replace(self.site_dir / TRASH / name, target)
        return slug, target


def template_header() -> str:
    """The comment lines fzgen's offer template starts with, for a new offer."""
    template = resources.files("fzgen") / "templates" / "new" / TEMPLATE
    lines = template.read_text(encoding="utf-8").split("\n")
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        if "yaml-language-server" not in line:
            header.append(line)
    return "\n".join(header) + "\n\n"


def site_slugs(content_dir: Path) -> list[str]:
    """The site folders the editor offers (folders with a site.yaml, not links)."""
    if not content_dir.is_dir():
        return []
    return [
        p.name
        for p in sorted(content_dir.iterdir())
        if is_slug(p.name) and not p.is_symlink() and (p / "site.yaml").is_file()
    ]
