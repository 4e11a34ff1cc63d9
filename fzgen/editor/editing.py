"""One form's way from the file to the browser and back: open, check, save, or say why not.

Nothing here speaks HTTP; `fzgen.editor.handlers` turns the results into pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError

from fzgen.editor.checking import check_text, partner_ids, placed, schedule_sentences, site_context
from fzgen.editor.fields import Field, form_fields
from fzgen.editor.forms import FormView, choice_labels, language_names, slug_from
from fzgen.editor.missing import outdated_inputs
from fzgen.editor.saving import changed_text, digest
from fzgen.editor.store import SiteFiles, Version, is_slug, read_data, template_header
from fzgen.editor.values import Flat, add_entry, flatten, form_values, nest
from fzgen.messages import editor_text
from fzgen.theme.catalogue import Catalogue

#: The name a new offer is checked under while its own is not chosen yet.
PLACEHOLDER_SLUG = "neues-angebot"
#: Inputs of the form that are not fields of the file.
CONTROLS = frozenset({"_digest", "_action", "_add", "_slug"})


@dataclass(frozen=True)
class Conflict:
    """A file changed on disk since the form was opened: both versions, as text."""

    disk: str
    mine: str


@dataclass
class Result:
    """What a submitted form came to."""

    view: FormView
    digest: str
    notices: list[str] = field(default_factory=list)
    conflict: Conflict | None = None
    #: The file written (then the page moves on): the file itself, or its draft.
    saved: Path | None = None
    draft: bool = False
    slug: str = ""
    slug_error: str = ""


def text_of(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").lstrip("\ufeff")


def source_text(value: object) -> str:
    """A text field's source-language text (a plain text, or the first of a mapping)."""
    if isinstance(value, dict):
        return str(next(iter(value.values()), "")) if value else ""
    return "" if value is None else str(value)


class Editing:
    """The form of one file of a site: an offer (`kind` "offer") or site.yaml ("site")."""

    def __init__(
        self, files: SiteFiles, kind: str, slug: str, catalogue: Catalogue | None, language: str
    ) -> None:
        self.files, self.kind, self.slug = files, kind, slug
        self.catalogue, self.language = catalogue, language
        self.fields: tuple[Field, ...] = form_fields(kind, language)
        self.site_data = files.site_data()

    def t(self, key: str, **params: object) -> str:
        return editor_text(key, self.language, **params)

    def languages(self, site_data: object | None = None) -> list[str]:
        codes = site_context(self.site_data if site_data is None else site_data)["languages"]
        return list(codes or ["de"])

    def view(self, values: Flat, data: object, errors: Sequence[Any] = ()) -> FormView:
        """The form with `values`, the schedule sentences of `data`, `errors` at their inputs."""
        languages = self.languages(data if self.kind == "site" else None)
        partners = self.site_data.get("partners")
        view = FormView(
            self.fields,
            values,
            languages,
            language_names(languages, self.language),
            partners=[
                (pid, source_text(p.get("name")) or pid)
                for pid, p in zip(
                    partner_ids(self.site_data), _partner_entries(partners), strict=False
                )
            ],
            labels=choice_labels(self.fields, self.catalogue),
        )
        view.at, view.general = placed(errors, view.input_names(), languages[0], self.language)
        file = "site.yaml" if self.kind == "site" else f"offers/{self.slug}.yaml"
        view.outdated = outdated_inputs(self.files.site_dir, file, values, languages)
        if self.catalogue is not None and self.kind == "offer":
            context = site_context(self.site_data)
            view.sentences = schedule_sentences(data, context, self.catalogue)
        return view

    def open(self) -> tuple[FormView, Version]:
        """The form filled from the file (its draft, if it has one)."""
        new = self.kind == "offer" and not self.slug
        version = Version(b"", False, {}) if new else self.files.version(self.kind, self.slug)
        values = flatten(self.fields, version.data, self.languages())
        if self.kind == "offer" and not version.raw:
            values = add_entry(values, "schedule")
        _, errors = self.check(version.raw)
        return self.view(values, version.data, errors), version

    def check(self, raw: bytes) -> tuple[Any, list[Any]]:
        """The document of a file's bytes and its errors (none for a file not written yet)."""
        if not raw:
            return None, []
        path = self.files.path(self.kind, self.slug)
        site_data = read_data(raw) if self.kind == "site" else self.site_data
        return check_text(self.kind, text_of(raw), path, self.files.folder, site_data)

    def unreadable(self, values: Flat, version: Version) -> Result | None:
        """The answer when the file itself cannot be read as YAML: its error, nothing saved
        (a form cannot keep what it cannot read)."""
        document, errors = self.check(version.raw)
        if document is not None or not version.raw:
            return None
        result = Result(self.view(values, version.data, errors), digest(version.raw))
        result.notices.append(self.t("unreadable"))
        return result

    def submit(self, arguments: Mapping[str, Sequence[str]], new: bool = False) -> Result:
        """Check, and save when asked: as the file when valid, else as its draft."""
        sent = {k: v for k, v in arguments.items() if k not in CONTROLS}
        values = form_values(self.fields, sent)
        control = {k: (arguments.get(k) or [""])[0] for k in CONTROLS}
        if control["_add"]:
            values = add_entry(values, control["_add"])
            return Result(self.view(values, read_data(b"")), control["_digest"])
        checking = control["_action"] in {"check", "live"}
        if new:
            slug_error = self.choose_slug(control["_slug"], values)
            if slug_error and checking:
                self.slug = PLACEHOLDER_SLUG  # only the file name is wrong: check the rest
            elif slug_error:
                return Result(
                    self.view(values, {}), control["_digest"], slug=self.slug, slug_error=slug_error
                )
        base = Version(b"", False, {}) if new else self.files.version(self.kind, self.slug)
        refused = self.unreadable(values, base)
        if refused is not None:
            return refused
        raw, after = self.changed(base, values)
        if raw is None:
            result = Result(self.view(values, base.data), digest(base.raw))
            result.notices.append(self.t("unreadable"))
            return result
        document, errors = self.check(raw)
        data = document.data if document is not None else after
        result = Result(self.view(values, data, errors), digest(base.raw), slug=self.slug)
        if checking:
            result.digest = control["_digest"]
            result.notices.append(self.t("checked_ok") if not errors else self.t("errors_heading"))
            return result
        if not new and digest(base.raw) != control["_digest"]:
            result.conflict = Conflict(text_of(base.raw), text_of(raw))
            return result
        if raw == base.raw and not base.draft and not new:
            result.notices.append(self.t("no_changes"))
            return result
        result.saved = self.files.save(self.kind, self.slug, raw, valid=not errors)
        result.draft = bool(errors)
        return result

    def changed(self, base: Version, values: Flat) -> tuple[bytes | None, dict[str, Any]]:
        """The file's bytes with the form's values (the same bytes when nothing changed),
        or None when ruamel.yaml cannot read the file to keep its comments; the new data."""
        languages = self.languages()
        before = nest(self.fields, flatten(self.fields, base.data, languages), languages, base.data)
        after = nest(self.fields, values, languages, base.data)
        if before == after and base.raw:
            return base.raw, after
        header = template_header() if self.kind == "offer" else ""
        try:
            return changed_text(base.raw, before, after, header), after
        except YAMLError:  # a duplicate key, say: fzgen's reader says which
            return None, after

    def choose_slug(self, typed: str, values: Flat) -> str:
        """Take the file name of a new offer (typed, or from the German title); the
        reason it cannot be taken, or nothing."""
        slug = typed.strip() or slug_from(values.get(f"title.{self.languages()[0]}", ""))
        self.slug = slug
        if not is_slug(slug):
            return self.t("slug_invalid", slug=slug)
        if self.files.path("offer", slug).exists() or self.files.path("offer", slug, True).exists():
            return self.t("slug_taken", slug=slug)
        return ""


def _partner_entries(partners: object) -> list[dict[str, Any]]:
    entries = partners if isinstance(partners, list) else []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
