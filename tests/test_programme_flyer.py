"""The printable programme is a flyer: the week from Monday to Sunday with time, place,
languages, cost and whom to call to register, then the dated events; at the top the
centre, the coordinator and a QR code of the site's address; as a PDF with --pdf."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import segno
from bs4 import BeautifulSoup
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree

#: 2026-11-25, the day the sample builds are made for.
EPOCH = "1795564800"
BASE = "https://fz-test.example.org/"

SPRACHCAFE = """\
title:
  de: Sprachcafé
  ar: مقهى اللغة
summary: Deutsch üben bei Kaffee und Tee
categories: [integration]
languages: [de, ar]
schedule:
  - weekly: [monday, thursday]
    every: 2
    from: 2026-11-02
    time: 15:00-16:30
location: kita-sonne
cost: free
registration:
  required: yes
contact:
  name: Aylin Demir
  phone: "04531 000 0077"
"""

FEST = """\
title: Sommerfest
summary: Ein Fest für alle Familien
categories: [meeting]
schedule:
  - date: 2026-12-12
    time: 14:00-17:00
location: kita-sonne
"""

SITE = SITE_YAML.replace("languages: [de, en, tr]", f"languages: [de, ar]\nbase_url: {BASE}")
ELTERNCAFE = OFFER_YAML.replace("  tr: Ebeveyn Kafesi", "  ar: مقهى الأهل")


def flyer_tree() -> dict[str, str | bytes]:
    return site_tree(
        {
            "site.yaml": SITE,
            "offers/elterncafe.yaml": ELTERNCAFE,
            "offers/sprachcafe.yaml": SPRACHCAFE,
            "offers/sommerfest.yaml": FEST,
        }
    )


@pytest.fixture
def built(tmp_path, fzgen, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_tree(tmp_path, flyer_tree())
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    return tmp_path / "output" / "test"


def page(built: Path, language: str) -> BeautifulSoup:
    html = (built / language / "programm" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_the_week_lists_each_day_from_monday_with_time_place_languages_cost_and_phone(built):
    soup = page(built, "de")
    week = soup.select_one(".flyer-week")
    days = [day.h3.get_text() for day in week.select(".day")]
    assert days == ["Montag", "Dienstag", "Donnerstag"]  # days without offers left out
    monday = week.select(".day")[0]
    text = " ".join(monday.get_text(" ").split())
    assert "15:00–16:30" in text and "alle 2 Wochen" in text
    assert "Sprachcafé" in text and "Kita Sonne" in text
    assert "Deutsch" in text and "Arabisch" in text and "kostenlos" in text
    phone = monday.select_one(".flyer-register a")
    assert phone["href"] == "tel:045310000077"
    assert "Anmeldung" in phone.parent.get_text()
    tuesday = " ".join(week.select(".day")[1].get_text(" ").split())
    assert "09:30–11:00" in tuesday and "Elterncafé" in tuesday
    assert "Anmeldung" not in tuesday  # no registration asked for


def test_dated_events_follow_the_week_with_their_day(built):
    soup = page(built, "de")
    events = soup.select_one(".flyer-events")
    order = [section["class"][0] for section in soup.select(".flyer-week, .flyer-events")]
    assert order == ["flyer-week", "flyer-events"]
    text = " ".join(events.get_text(" ").split())
    assert "12. Dezember 2026" in text and "Sommerfest" in text
    assert "Sommerfest" not in soup.select_one(".flyer-week").get_text()


def test_the_top_names_the_centre_coordinator_and_site_address(built):
    for language in ("de", "ar"):
        head = page(built, language).select_one(".flyer-head")
        assert head.select_one('a[href="tel:+494531000000"]') is not None
        assert head.select_one('a[href="mailto:erika.muster@fz-test.example.org"]') is not None
        assert head.select_one(f'a[href="{BASE}{language}/"]') is not None


def qr_matrix(svg) -> list[list[bool]]:
    """The modules of segno's inline SVG: rows of horizontal runs (`M x y.5h n m dx dy …`)."""
    size = int(svg["viewbox"].split()[2])
    matrix = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, numbers in re.findall(r"([Mmh])([-\d. ]+)", svg.path["d"]):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            for column in range(int(x), int(x + values[0])):
                matrix[int(y)][column] = True
            x += values[0]
    return matrix


def test_the_qr_code_holds_the_site_address_in_the_page_language(built):
    for language in ("de", "ar"):
        svg = page(built, language).select_one("svg.qr-code")
        assert svg["aria-hidden"] == "true"  # the address stands beside it as text
        expected = segno.make(f"{BASE}{language}/", error="m")
        rows = [[bool(bit) for bit in row] for row in expected.matrix_iter(border=2)]
        assert qr_matrix(svg) == rows


def test_without_pdf_the_page_links_no_pdf(built):
    assert page(built, "de").select_one('a[href$=".pdf"]') is None
    assert not list(built.rglob("*.pdf"))


def test_pdf_without_weasyprint_builds_the_sites_and_says_how_to_add_it(
    tmp_path, fzgen, monkeypatch
):
    monkeypatch.setattr("fzgen.commands.build.pdf_available", lambda: False)
    write_tree(tmp_path, flyer_tree())
    result = fzgen(tmp_path, "build", "--pdf")
    assert result.code == 0
    assert "WeasyPrint" in result.err and 'pip install "fzgen[pdf]"' in result.err
    assert (tmp_path / "output/test/de/programm/index.html").is_file()
    assert not list((tmp_path / "output").rglob("*.pdf"))


needs_weasyprint = pytest.mark.skipif(
    importlib.util.find_spec("weasyprint") is None or shutil.which("pdftotext") is None,
    reason="WeasyPrint (pip install 'fzgen[pdf]') and pdftotext (poppler-utils) make and read PDFs",
)


@needs_weasyprint
def test_pdf_is_one_a4_page_per_language_linked_from_the_programme(tmp_path, fzgen, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_tree(tmp_path, flyer_tree())
    assert fzgen(tmp_path, "build", "--pdf").code == 0
    for language in ("de", "ar"):
        folder = tmp_path / "output/test" / language / "programm"
        pdf = folder / f"programm-test-{language}.pdf"
        link = page(tmp_path / "output/test", language).select_one('a[href$=".pdf"]')
        assert link["href"] == f"../../{language}/programm/{pdf.name}"
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        assert re.search(r"Pages:\s+1\b", info)
        assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        assert "+49 4531 000000" in text
        assert "Familienzentrum Testhausen" in text  # the name has no translation
        assert "Sprachcafé" in text or "مقهى اللغة" in text
    arabic = subprocess.run(
        ["pdftotext", tmp_path / "output/test/ar/programm/programm-test-ar.pdf", "-"],
        capture_output=True,
        text=True,
    ).stdout
    # Shaped Arabic comes back as Arabic letters (pdftotext splits the lam-alef ligature,
    # so words without one): Thursday, and the offer's title.
    assert "الخميس" in arabic and "مقهى اللغة" in arabic
