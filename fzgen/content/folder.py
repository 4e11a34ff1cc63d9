"""One site folder read safely: nothing outside it, no link followed, every problem
collected as a diagnostic with the file it concerns."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from fzgen.content.validation import validate
from fzgen.content.yamlfile import Document, parse_yaml
from fzgen.errors import Diagnostic

#: Larger files are not content a coordinator typed; refuse them before parsing.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: A file under `files/` larger than this (in MB, site.yaml `max_file_mb`) is refused:
#: families open the sites on slow mobile data.
DEFAULT_MAX_FILE_MB = 20
YAML_SUFFIXES = (".yaml", ".yml")


def is_ignored(name: str) -> bool:
    """Drafts and editor backups: names starting with `_` or `.`."""
    return name.startswith(("_", "."))


def unsafe_name_character(character: str) -> bool:
    """Characters no static host serves correctly in a file name: control and bidi
    characters, line breaks, backslashes."""
    return (
        character == "\\"
        or ord(character) < 0x20
        or 0x7F <= ord(character) < 0xA0
        or character in "\u061c\u200e\u200f\u2028\u2029"
        or "\u202a" <= character <= "\u202e"
        or "\u2066" <= character <= "\u2069"
    )


@dataclass
class SiteFolder:
    """The files of one site folder, read with every check; findings in `diagnostics`."""

    content_dir: Path
    site_dir: Path
    diagnostics: list[Diagnostic] = field(default_factory=list, kw_only=True)

    def error_count(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.content_dir).as_posix()

    def error(self, path: Path, code: str, line: int | None = None, **params: str) -> None:
        self.diagnostics.append(Diagnostic(self.rel(path), code, line, params=params))

    @cached_property
    def real_site_dir(self) -> str:
        return os.path.realpath(self.site_dir)

    def link_outside(self, path: Path) -> Path | None:
        """The link on the way from the site folder to `path` that leads out of the site
        folder, if any: nothing outside the site is ever read, whatever links point where."""
        real = os.path.realpath(path)
        if real == self.real_site_dir or real.startswith(self.real_site_dir + os.sep):
            return None
        current = self.site_dir
        for part in path.relative_to(self.site_dir).parts:
            current = current / part
            if current.is_symlink():
                return current
        return path

    def refuse_outside(self, path: Path) -> bool:
        """Report a link out of the site on the way to `path`; True if there is one."""
        link = self.link_outside(path)
        if link is None:
            return False
        try:
            target = os.readlink(link)
        except OSError:
            target = os.path.realpath(link)
        self.diagnostics.append(
            Diagnostic(
                self.rel(link), "link_outside", params={"name": self.rel(link), "target": target}
            )
        )
        return True

    def read_text(self, path: Path) -> str | None:
        if self.refuse_outside(path):
            return None
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                self.error(path, "file_too_big", limit=str(MAX_FILE_BYTES // 1024 // 1024))
                return None
            raw = path.read_bytes()
        except OSError as exc:
            self.error(path, "file_unreadable", detail=exc.strerror or type(exc).__name__)
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.error(path, "file_encoding", line, offset=str(exc.start + 1))
            return None

    def read_yaml(
        self, path: Path, text: str | None = None, line_offset: int = 0
    ) -> Document | None:
        if text is None:
            text = self.read_text(path)
        if text is None:
            return None
        document, problems = parse_yaml(text, self.rel(path), line_offset)
        self.diagnostics.extend(problems)
        # A note (text YAML reads as a comment) leaves the file usable; an error does not.
        return None if any(p.severity == "error" for p in problems) else document

    def validate(self, model: Any, document: Document, path: Path, context: dict[str, Any]) -> Any:
        value, problems = validate(model, document, self.rel(path), context)
        self.diagnostics.extend(problems)
        return value

    def entries(self, folder: Path) -> Iterator[Path]:
        if not folder.is_dir() or self.refuse_outside(folder):
            return
        for path in sorted(folder.iterdir()):
            if not is_ignored(path.name):
                yield path

    def list_files(self, limit_mb: int) -> Iterator[str]:
        """The site's own files below `files/`, never through a link (a link could point
        anywhere); each at most `limit_mb` MB."""
        root = self.site_dir / "files"
        if not root.is_dir() or self.refuse_outside(root):
            return
        found: list[Path] = []
        for folder, directories, names in os.walk(root):
            base = Path(folder)
            directories[:] = [d for d in directories if not is_ignored(d)]
            names = [n for n in names if not is_ignored(n)]
            for name in directories + names:
                path = base / name
                if path.is_symlink():
                    self.unexpected(path, "link_file")
                elif name in names:
                    found.append(path)
            directories[:] = [d for d in directories if not (base / d).is_symlink()]
        for path in sorted(found):
            if self.file_acceptable(path, limit_mb):
                yield "files/" + path.relative_to(root).as_posix()

    def file_acceptable(self, path: Path, limit_mb: int) -> bool:
        """A file under `files/` that a static host can serve: a plain name, a sane size."""
        name = path.relative_to(self.site_dir).as_posix()
        if any(unsafe_name_character(c) for c in name):
            self.error(path, "file_name_unsafe", name=name)
            return False
        try:
            size = path.stat().st_size
        except OSError as exc:
            self.error(path, "file_unreadable", detail=exc.strerror or type(exc).__name__)
            return False
        if size > limit_mb * 1024 * 1024:
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            self.error(path, "file_too_large", size=megabytes, limit=str(limit_mb))
            return False
        return True

    def unexpected(self, path: Path, hint: str) -> None:
        """Note that `path` is not used; `hint` names the reason (the catalogues' `hints:`)."""
        self.diagnostics.append(
            Diagnostic(
                self.rel(path),
                "file_unexpected",
                params={"name": path.name, "hint": hint},
                severity="warning",
            )
        )
