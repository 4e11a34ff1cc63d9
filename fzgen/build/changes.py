"""What the preview does when a file changes: one rule per kind of input, in one table.

The preview (`fzgen.build.live`) keeps the loaded sites, their renderers with
the dependency graph from pages to offers, and a digest of every file under a
site's `files/`. Each changed path is sorted into a kind of input; the kind's
rule says what of the kept state is stale and what is made again. Whatever
the rules make is byte-identical to a full build (tests/test_live.py).
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from fzgen.project import Project

#: The folder of a site whose files are published as they are.
SITE_FILES = "files"
#: The folder of a site's news items.
NEWS = "news"
#: The folders of a theme: Jinja templates, and files published into every site.
TEMPLATES, STATIC = "templates", "static"


class Input(enum.Enum):
    """The kinds of input a preview watches."""

    #: A site's site.yaml, offer, page or _translations.yaml.
    CONTENT = "content file"
    #: A file under a site's `files/`.
    SITE_FILE = "site file"
    #: A news item under a site's `news/`.
    NEWS = "news item"
    #: A template of the theme.
    TEMPLATE = "template"
    #: A UI catalogue of the project (`translations/`).
    CATALOGUE = "catalogue"
    #: A file under the theme's `static/`.
    THEME_STATIC = "theme static file"
    #: Anything else: a new or removed site, a file beside the sites, another theme file.
    OTHER = "other"


class Rule(enum.Enum):
    """What the preview makes again for a change."""

    #: Load the site again (unchanged offers come from the loader's cache); render the
    #: pages whose dependencies include a changed offer, or the whole site where its
    #: site.yaml, a page or the list of its files changed.
    RENDER_DEPENDENTS = "render dependents"
    #: Load the site again; render the pages that show news (each language's home and
    #: news page) and the news feeds, or the whole site where it gained its first or lost
    #: its last published news item (every page links the feed then).
    RENDER_NEWS = "render the news"
    #: Copy the file again where its bytes differ from the copied ones (by digest, not
    #: by name); a new or removed file changes the site's list of files (see above).
    COPY_IF_CHANGED = "copy if its content changed"
    #: Load and render everything again, with a new Jinja environment.
    RENDER_ALL = "render everything"
    #: Copy the file again into every site that publishes it; remove it where it went.
    COPY_INTO_SITES = "copy into every site"


#: The one place that says which rule each kind of input follows.
RULES: Mapping[Input, Rule] = MappingProxyType(
    {
        Input.CONTENT: Rule.RENDER_DEPENDENTS,
        Input.SITE_FILE: Rule.COPY_IF_CHANGED,
        Input.NEWS: Rule.RENDER_NEWS,
        Input.TEMPLATE: Rule.RENDER_ALL,
        Input.CATALOGUE: Rule.RENDER_ALL,
        Input.THEME_STATIC: Rule.COPY_INTO_SITES,
        Input.OTHER: Rule.RENDER_ALL,
    }
)


@dataclass(frozen=True)
class Change:
    """One changed path, sorted."""

    input: Input
    #: The site it belongs to (content and site files), else "".
    site: str = ""
    #: Its path inside the site (`files/flyer.pdf`) or inside `static/` (`icons/icons.svg`).
    name: str = ""

    @property
    def rule(self) -> Rule:
        """What the preview makes again for it."""
        return RULES[self.input]


def classify(path: Path, project: Project, sites: Collection[str]) -> Change | None:
    """The kind of input `path` is, for a project whose content has these sites; None
    for what no build reads (hidden files and `_` files beside the sites)."""
    path = path.resolve()
    content = project.content_dir.resolve()
    if path.is_relative_to(content):
        parts = path.relative_to(content).parts
        if parts and parts[0].startswith((".", "_")):
            return None
        if len(parts) < 2 or parts[0] not in sites:
            return Change(Input.OTHER)
        kinds = {SITE_FILES: Input.SITE_FILE, NEWS: Input.NEWS}
        kind = kinds.get(parts[1], Input.CONTENT)
        return Change(kind, parts[0], "/".join(parts[1:]))
    theme = project.theme_dir.resolve()
    if path.is_relative_to(theme / STATIC):
        return Change(Input.THEME_STATIC, name=path.relative_to(theme / STATIC).as_posix())
    if path.is_relative_to(theme / TEMPLATES):
        return Change(Input.TEMPLATE)
    if path.is_relative_to(project.translations_dir.resolve()):
        return Change(Input.CATALOGUE)
    return Change(Input.OTHER)


def digest(path: Path) -> bytes:
    """A file's content as a digest: a file replaced by another of the same name differs."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()
