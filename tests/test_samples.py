"""The sample content in content/ is valid and covers the whole format."""

from __future__ import annotations

from pathlib import Path

from fzgen.content.loader import load_content
from fzgen.content.model import Audience, Category, PartnerKind
from fzgen.theme.catalogue import catalogue_languages

ROOT = Path(__file__).resolve().parent.parent


def load_samples():  # type: ignore[no-untyped-def]
    return load_content(ROOT / "content", catalogue_languages(ROOT / "translations"))


def test_samples_check_with_only_translation_notes(fzgen):
    result = fzgen(ROOT, "check")
    assert result.code == 0, result.err
    assert result.err == ""
    notes = [line for line in result.out.splitlines() if line.startswith("Hinweis: ")]
    assert len(notes) == 4
    assert result.out.count("Noch nicht übersetzte Texte") == 3
    # Reinbek shows what a site without an accessibility statement is told.
    assert "Hinweis: reinbek/site.yaml, Zeile 4, Spalte 1" in notes
    assert "aber keine Erklärung zur Barrierefreiheit" in result.out


def test_samples_cover_the_format():
    content = load_samples()
    assert len(content.sites) >= 3
    languages = {code for site in content.sites for code in site.languages}
    assert len(languages) >= 5 and {"ar", "fa"} <= languages
    offers = [o.offer for site in content.sites for o in site.offers]
    kinds = {entry.kind for offer in offers for entry in offer.schedule}
    assert kinds == {"weekly", "monthly", "date", "by_appointment"}
    entries = [entry for offer in offers for entry in offer.schedule]
    assert any(e.weekly and len(e.weekly) > 1 for e in entries)
    assert {r.ordinal for e in entries for r in e.monthly or []} == {1, 2, 3, 4, -1}
    assert any(e.every > 1 for e in entries)
    assert any(o.cancelled for o in offers) and any(o.changed for o in offers)
    assert any(s.site.closures for s in content.sites)
    assert any(e.from_ for e in entries) and any(e.until for e in entries)
    assert any(e.except_ for e in entries)
    assert {c for o in offers for c in o.categories} == set(Category)
    assert {a for o in offers for a in o.audience} == set(Audience)
    assert {p.kind for s in content.sites for p in s.site.partners} == set(PartnerKind)
    assert any(isinstance(o.location, str) for o in offers)
    assert any(o.location is not None and not isinstance(o.location, str) for o in offers)
    assert any(o.cost == "free" for o in offers) and any(
        o.cost not in (None, "free") for o in offers
    )
    assert any(o.image for o in offers) and any(o.draft for o in offers)
    assert any(o.registration and o.registration.email for o in offers)
    assert any(o.contact for o in offers) and any(o.interpreter for o in offers)


def test_samples_use_fictional_contacts():
    for path in (ROOT / "content").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for word in text.replace("<", " ").replace(">", " ").split():
            if "@" in word:
                assert word.rstrip(".,;\"')").endswith("example.org"), (path, word)
