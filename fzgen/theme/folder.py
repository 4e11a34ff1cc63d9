"""A theme's folder: `templates/` for Jinja, `static/` published into each site as it is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TEMPLATES, STATIC = "templates", "static"


@dataclass(frozen=True)
class ThemeFolder:
    """Where a theme's files are, and how messages name them."""

    root: Path
    #: The project folder: messages name a project theme's files relative to it.
    project: Path

    @property
    def templates(self) -> Path:
        """The folder of the theme's Jinja templates."""
        return self.root / TEMPLATES

    def shown(self, path: Path | str) -> str:
        """A theme file as messages name it: relative to the project
        (`themes/eigen/templates/base.html`), fzgen's own theme's by its full path."""
        path = Path(path)
        if path.is_relative_to(self.project):
            return path.relative_to(self.project).as_posix()
        return str(path)

    def static_files(self) -> dict[str, Path]:
        """Every file under the theme's `static/`, by its path relative to that folder
        (`style.css`, `icons/icons.svg`), in sorted order.

        Hidden files and folders (`.DS_Store`, `.git/`) and links are left out: a
        link could publish a file from anywhere on the machine. So is a name with a
        backslash, which no web server serves as a path.
        """
        root = self.root / STATIC
        found: dict[str, Path] = {}
        for folder, subfolders, names in os.walk(root):
            here = Path(folder)
            subfolders[:] = [
                name for name in subfolders if _published(name) and not (here / name).is_symlink()
            ]
            for name in names:
                path = here / name
                if _published(name) and not path.is_symlink() and path.is_file():
                    found[path.relative_to(root).as_posix()] = path
        return dict(sorted(found.items()))


def _published(name: str) -> bool:
    return not name.startswith(".") and "\\" not in name
