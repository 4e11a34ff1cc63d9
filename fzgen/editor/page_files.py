"""Free pages as one form: `pages/<slug>.md` and its translations `pages/<slug>.<lang>.md`.

Each language is its own file with its own front matter (between `---` lines) and
Markdown text; the form shows them side by side. Saving changes the front matter
through the comment-keeping round trip and the text only where it changed. A page
with errors is saved as drafts beside its files (`pages/_<slug>.entwurf.md`,
`pages/_<slug>.<lang>.entwurf.md`; names starting with `_` are never published):
the site keeps the last valid version until every draft of the page is valid.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fzgen.content.model import PageMeta
from fzgen.editor.checking import Finding, placed
from fzgen.editor.fields import Field, form_fields
from fzgen.editor.saving import changed_text, split_file
from fzgen.editor.store import DRAFT_SUFFIX, SiteFiles, is_slug, read_data, write_atomically
from fzgen.editor.values import Flat, shown_yes_no
from fzgen.errors import Diagnostic
from fzgen.messages import editor_text


@dataclass(frozen=True)
class PageFile:
    """One language's file of a page, split: BOM, line end, front matter, text."""

    path: Path
    raw: bytes
    front: str
    body: str

    @property
    def meta(self) -> dict[str, Any]:
        return read_data(self.front.encode("utf-8"))


def split_page(path: Path, raw: bytes) -> PageFile:
    """A page file's front matter and text (both with `\\n` line ends)."""
    if not raw:
        return PageFile(path, raw, "", "")
    _, _, text = split_file(raw)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return PageFile(path, raw, "", text)
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), None)
    if end is None:
        return PageFile(path, raw, "\n".join(lines[1:]), "")
    return PageFile(path, raw, "\n".join(lines[1:end]) + "\n", "\n".join(lines[end + 1 :]))


def page_text(page: PageFile, front: bytes, body: str) -> bytes:
    """The whole file again: its BOM and line ends kept."""
    bom, newline, _ = split_file(page.raw) if page.raw else ("", "\n", "")
    front_text = front.decode("utf-8")
    text = "---\n" + front_text + ("" if front_text.endswith("\n") else "\n") + "---\n" + body
    return (bom + text.replace("\n", newline)).encode("utf-8")


def page_fields(language: str) -> tuple[Field, ...]:
    """The form of a page: title and text per language, menu place and draft once."""
    meta = {f.name: f for f in form_fields("page", language)}
    body = Field(
        "body", editor_text("page_body", language), editor_text("page_body_help", language),
        "markdown", required=True,
    )  # fmt: skip
    # Each language's file has its own title: one input per language, like a text field.
    title = replace(meta["title"], kind="text")
    return (title, body, meta["menu"], meta["draft"])


class PageSet:
    """The files of one free page in every language of the site."""

    def __init__(self, files: SiteFiles, slug: str, languages: Sequence[str]) -> None:
        if not is_slug(slug):
            raise ValueError(slug)
        self.files, self.slug, self.languages = files, slug, list(languages)
        folder = files.inside(files.site_dir / "pages")
        #: What the form shows per language: the draft where there is one, else the file.
        self.pages: dict[str, PageFile] = {}
        self.drafts: dict[str, bytes] = {}
        self.draft_paths: dict[str, Path] = {}
        for index, language in enumerate(self.languages):
            stem = slug if index == 0 else f"{slug}.{language}"
            path = files.inside(folder / f"{stem}.md")
            self.draft_paths[language] = files.inside(folder / draft_name(stem))
            draft = files.read_bytes(self.draft_paths[language])
            if draft:
                self.drafts[language] = draft
            self.pages[language] = split_page(path, draft or files.read_bytes(path))

    @property
    def exists(self) -> bool:
        return bool(self.pages[self.languages[0]].raw)

    def pending(self, texts: Mapping[str, bytes]) -> dict[str, bytes]:
        """What saving publishes: the form's changed files and the drafts kept before."""
        return {**self.drafts, **texts}

    def digest(self) -> str:
        """One fingerprint of all the page's files."""
        return hashlib.sha256(b"".join(p.raw + b"\0" for p in self.pages.values())).hexdigest()

    def values(self) -> Flat:
        values: Flat = {}
        for language, page in self.pages.items():
            values[f"title.{language}"] = str(page.meta.get("title") or "")
            values[f"body.{language}"] = page.body
        source = self.pages[self.languages[0]].meta
        values["menu"] = str(source.get("menu") or "")
        values["draft"] = shown_yes_no(source.get("draft"))
        return values

    def changed(self, values: Mapping[str, str], header: str = "") -> dict[str, bytes]:
        """The files whose text the form changes (new translations among them), by language;
        `header` (comment lines) starts the front matter of a new page."""
        result: dict[str, bytes] = {}
        for language, page in self.pages.items():
            title = values.get(f"title.{language}", "").strip()
            body = values.get(f"body.{language}", "").replace("\r\n", "\n")
            if not page.raw and not title and not body.strip():
                continue
            before = {k: str(v) for k, v in page.meta.items() if k in {"title", "menu", "draft"}}
            after = {k: v for k, v in before.items() if k != "title"}
            if title:
                after["title"] = title
            for name in ("menu", "draft"):
                typed = values.get(name, "").strip()
                shown = before.get(name, "") if name == "menu" else shown_yes_no(before.get(name))
                if language == self.languages[0] and typed != (shown or ""):
                    after.pop(name, None)
                    if typed:
                        after[name] = typed
            if not page.raw and values.get("menu", "").strip():
                after["menu"] = values["menu"].strip()
            if not body.endswith("\n") and body:
                body += "\n"
            new = not page.raw and language == self.languages[0]
            front = (
                changed_text(page.front.encode("utf-8"), before, after, header if new else "")
                if before != after
                else page.front.encode("utf-8")
            )
            text = page_text(page, front, body if body.strip() != page.body.strip() else page.body)
            if text != page.raw:
                result[language] = text
        return result

    def check(
        self, texts: Mapping[str, bytes], language: str
    ) -> tuple[dict[str, list[Finding]], list[Finding]]:
        """The errors of the changed files, at the inputs of their language."""
        folder = self.files.folder
        names = [f"{n}.{code}" for n in ("title", "body") for code in self.languages] + [
            "menu",
            "draft",
        ]
        at: dict[str, list[Finding]] = {}
        general: list[Finding] = []
        for code, raw in texts.items():
            page = split_page(self.pages[code].path, raw)
            folder.diagnostics = []
            document = folder.read_yaml(page.path, page.front or "\n", line_offset=1)
            if document is not None:
                folder.validate(PageMeta, document, page.path, {})
            errors = [
                _in_language(d, code, self.languages[0])
                for d in folder.diagnostics
                if d.severity == "error"
            ]
            found_at, found_general = placed(errors, names, code, language)
            for name, findings in found_at.items():
                at.setdefault(name, []).extend(findings)
            general += found_general
        return at, general

    def save(self, texts: Mapping[str, bytes], valid: bool = True) -> list[Path]:
        """Write the changed files (with the drafts kept before) and drop the drafts when
        `valid`; else write the changed files only as drafts."""
        written = []
        for code, raw in (self.pending(texts) if valid else texts).items():
            path = self.pages[code].path if valid else self.draft_paths[code]
            path.parent.mkdir(exist_ok=True)
            write_atomically(path, raw)
            written.append(path)
        if valid:
            for code in self.drafts:
                self.draft_paths[code].unlink(missing_ok=True)
        return written


def draft_name(stem: str) -> str:
    """The draft of a page file `<stem>.md`: `_<stem>.entwurf.md` (never published)."""
    return f"_{stem}{DRAFT_SUFFIX.removesuffix('.yaml')}.md"


def _in_language(diagnostic: Diagnostic, language: str, source: str) -> Diagnostic:
    """A page error's field as the form names it: `title.ar`; menu and draft once."""
    field = diagnostic.field
    if field and field[0] == "title":
        field = ("title", language)
    elif field and language != source:
        field = ()
    return Diagnostic(
        diagnostic.path, diagnostic.code, diagnostic.line, diagnostic.column, field,
        diagnostic.found, diagnostic.params, diagnostic.severity, diagnostic.repeats,
    )  # fmt: skip
