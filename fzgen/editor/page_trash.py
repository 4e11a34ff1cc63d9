"""Free pages in the list, in the Papierkorb and back: all files of a page at once.

A page is `pages/<slug>.md`, its translations `pages/<slug>.<lang>.md` and the
drafts of both (`_<slug>.entwurf.md`, `_<slug>.<lang>.entwurf.md`). Deleting moves
them together into a folder `.papierkorb/<slug>.<time>.inhaltsseite/` of the site folder
(never published); restoring moves them back, under a new slug if the old one is
taken meanwhile.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from fzgen.editor.store import TRASH, NotAllowed, SiteFiles, is_slug

#: How a page's folder in the Papierkorb ends.
PAGE_MARK = "inhaltsseite"
_DRAFT_END = ".entwurf.md"


def page_of(name: str) -> tuple[str, bool] | None:
    """The slug of the page a file of `pages/` belongs to, and whether it is a draft."""
    draft = name.startswith("_") and name.endswith(_DRAFT_END)
    if draft:
        stem = name[1 : -len(_DRAFT_END)]
    elif name.endswith(".md") and not name.startswith(("_", ".")):
        stem = name[: -len(".md")]
    else:
        return None
    slug, _, language = stem.partition(".")
    return (slug, draft) if is_slug(slug) and "." not in language else None


def _pages_folder(files: SiteFiles) -> Path:
    return files.inside(files.site_dir / "pages")


def page_slugs(files: SiteFiles) -> list[tuple[str, bool]]:
    """Every page's slug and whether it has a draft (a page with errors from its start
    exists only as drafts)."""
    folder = _pages_folder(files)
    found: dict[str, bool] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        belongs = page_of(path.name)
        if belongs is not None and path.is_file() and not path.is_symlink():
            slug, draft = belongs
            found[slug] = found.get(slug, False) or draft
    return sorted(found.items())


def trash_page(files: SiteFiles, slug: str) -> list[Path]:
    """Move every file of the page into the Papierkorb; the paths they had."""
    if not is_slug(slug):
        raise NotAllowed(slug)
    folder = _pages_folder(files)
    own = [
        path
        for path in (sorted(folder.iterdir()) if folder.is_dir() else [])
        if (page_of(path.name) or ("", False))[0] == slug
        and path.is_file()
        and not path.is_symlink()
    ]
    if not own:
        return []
    bin_dir = files.inside(files.site_dir / TRASH)
    bin_dir.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target = bin_dir / f"{slug}.{stamp}.{PAGE_MARK}"
    target.mkdir()
    for path in own:
        os.replace(path, target / path.name)
    return own


def trashed_pages(files: SiteFiles) -> list[str]:
    """The names of the pages in the Papierkorb, newest first."""
    bin_dir = files.inside(files.site_dir / TRASH)
    names = (
        [p.name for p in bin_dir.glob(f"*.{PAGE_MARK}") if p.is_dir() and not p.is_symlink()]
        if bin_dir.is_dir()
        else []
    )
    return sorted(names, key=lambda n: n.split(".")[1:2], reverse=True)


def restore_page(files: SiteFiles, name: str) -> tuple[str, list[Path]]:
    """Put a page back from the Papierkorb: its slug (a new one if taken) and its files."""
    parts = name.split(".")
    if name not in trashed_pages(files) or len(parts) != 3 or not is_slug(parts[0]):
        raise NotAllowed(name)
    folder = _pages_folder(files)
    taken = {slug for slug, _ in page_slugs(files)}
    slug, number = parts[0], 1
    while slug in taken:
        number += 1
        slug = f"{parts[0]}-{number}"
    folder.mkdir(exist_ok=True)
    source = files.site_dir / TRASH / name
    restored = []
    for path in sorted(source.iterdir()):
        belongs = page_of(path.name)
        if belongs is None or belongs[0] != parts[0] or path.is_symlink():
            continue
        start = "_" if belongs[1] else ""
        target = folder / (start + slug + path.name[len(start) + len(parts[0]) :])
        os.replace(path, target)
        restored.append(target)
    if not any(source.iterdir()):
        source.rmdir()
    return slug, restored
