"""Hostile trees, catalogues and settings: nothing outside the site is read, no text reaches
fzgen's internals, every file that is not HTML is escaped for what it is."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree
from sitebuild import soup

SECRET = "geheim-1234567890"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with a secret and a valid offer and page in it."""
    folder = tmp_path / "outside"
    write_tree(
        folder,
        {
            "secret.txt": SECRET,
            "fremd.yaml": OFFER_YAML.replace("Elterncafé", SECRET),
            "fremd.md": f"---\ntitle: {SECRET}\n---\n{SECRET}\n",
        },
    )
    return folder


def output_bytes(output: Path) -> bytes:
    if not output.exists():
        return b""
    return b"".join(p.read_bytes() for p in output.rglob("*") if p.is_file())


@pytest.mark.parametrize("folder", ["files", "offers", "pages"])
def test_a_folder_linked_outside_the_site_is_refused_and_named(tmp_path, fzgen, outside, folder):
    tree = site_tree({"offers/elterncafe.yaml": None, "pages/ueber-uns.md": None})
    write_tree(tmp_path, tree)
    site = tmp_path / "content/test"
    os.symlink(outside, site / folder)
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    assert f"test/{folder}" in result.err
    assert "Verknüpfung" in result.err and "außerhalb" in result.err
    assert SECRET.encode() not in output_bytes(tmp_path / "output")
    assert fzgen(tmp_path, "check").code == 1


def test_a_link_further_down_in_files_is_not_followed(tmp_path, fzgen, outside):
    write_tree(tmp_path, site_tree({"files/flyer/ok.pdf": b"%PDF"}))
    os.symlink(outside, tmp_path / "content/test/files/flyer/mehr")
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    assert "test/files/flyer/mehr" in result.out
    assert (tmp_path / "output/test/files/flyer/ok.pdf").read_bytes() == b"%PDF"
    assert SECRET.encode() not in output_bytes(tmp_path / "output")


def test_a_site_yaml_linked_outside_is_refused(tmp_path, fzgen, outside):
    write_tree(tmp_path, site_tree({"site.yaml": None}))
    (outside / "site.yaml").write_text(SITE_YAML.replace("Testhausen Nord", SECRET))
    os.symlink(outside / "site.yaml", tmp_path / "content/test/site.yaml")
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    assert "test/site.yaml" in result.err and "außerhalb" in result.err
    assert SECRET.encode() not in output_bytes(tmp_path / "output")


def test_a_link_inside_the_site_is_fine(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"offers/elterncafe.yaml": None, "_angebote/a.yaml": OFFER_YAML})
    )
    os.symlink("_angebote", tmp_path / "content/test/offers")
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    assert (tmp_path / "output/test/de/angebote/a/index.html").is_file()


# --- files/: names and sizes ---------------------------------------------------------


@pytest.mark.parametrize("name", ["a\nb.pdf", "a\\b.pdf", "flyer\u202efdp.exe", "tab\there.pdf"])
def test_names_no_host_serves_are_refused_at_check(tmp_path, fzgen, name):
    write_tree(tmp_path, site_tree({f"files/{name}": b"%PDF"}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1, result.out
    assert "Dateiname" in result.err and "Umbenennen" not in result.err
    assert "Interner Fehler" not in result.err


def test_large_files_are_refused_with_the_limit_and_the_fix(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    big = tmp_path / "content/test/files/film.mp4"
    big.parent.mkdir()
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written to the disk
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: test/files/film.mp4" in result.err
    assert "21,0 MB" in result.err and "20 MB" in result.err
    assert "max_file_mb: 50" in result.err


def test_the_size_limit_is_set_in_site_yaml_and_big_files_are_copied_exactly(tmp_path, fzgen):
    write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML + "max_file_mb: 30\n"}))
    big = tmp_path / "content/test/files/film.mp4"
    big.parent.mkdir()
    data = os.urandom(64 * 1024) * 8 * 44  # 22.5 MB
    big.write_bytes(data)
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    assert (tmp_path / "output/test/files/film.mp4").read_bytes() == data


# --- base_url ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        'https://fz.example.org/"><script>alert(1)</script>',
        "https://fz.example.org/<x>/",
        "https://fz.example.org/a b/",
        "https://fz.example.org/\\nDisallow:/",
        "https://fz.example.org/'x'/",
        "https://fz.example.org/?a=1",
        "https://user@fz.example.org/",
        "javascript:alert(1)",
    ],
)
def test_bad_base_urls_are_refused(tmp_path, fzgen, url):
    typed = json.dumps(url.replace("\\n", "\n"))  # a double-quoted YAML string
    site = SITE_YAML + f"base_url: {typed}\n"
    write_tree(tmp_path, site_tree({"site.yaml": site}))
    result = fzgen(tmp_path, "build")
    assert result.code == 1, result.out
    assert "test/site.yaml" in result.err and "base_url" in result.err
    assert not (tmp_path / "output").exists()


def test_base_url_reaches_sitemap_robots_and_htaccess_escaped(tmp_path, fzgen):
    url = "https://fz-lübeck.example.org/a&b/"
    write_tree(tmp_path, site_tree({"site.yaml": SITE_YAML + f"base_url: {url}\n"}))
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    site = tmp_path / "output/test"
    sitemap = ET.parse(site / "sitemap.xml").getroot()  # well-formed XML
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text or "" for loc in sitemap.findall("sm:url/sm:loc", namespace)]
    assert locs and all(loc.startswith("https://xn--fz-lbeck-95a.example.org/a&b/") for loc in locs)
    robots = (site / "robots.txt").read_text().splitlines()
    assert robots[-1] == "Sitemap: https://xn--fz-lbeck-95a.example.org/a&b/sitemap.xml"
    assert len(robots) == 3
    htaccess = (site / ".htaccess").read_text()
    assert "ErrorDocument 404 /a%26b/404.html\n" in htaccess


def test_policy_lets_checkers_read_robots_txt_but_runs_no_script(tmp_path, fzgen):
    # PageSpeed Insights and Lighthouse fetch /robots.txt from inside the page: refused by
    # connect-src, they call it invalid (SEO 92). No script runs that could use the leave.
    write_tree(tmp_path, site_tree())
    assert fzgen(tmp_path, "build").code == 0
    site = tmp_path / "output/test"
    policy = next(
        line.split(": ", 1)[1]
        for line in (site / "_headers").read_text().splitlines()
        if "Content-Security-Policy" in line
    )
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["connect-src"] == "'self'" and directives["default-src"] == "'none'"
    assert "script-src" not in directives  # falls back to default-src 'none'
    assert f'"{policy}"' in (site / ".htaccess").read_text()


# --- marks inside the layout ----------------------------------------------------------


def test_content_cannot_spell_the_layouts_marks(tmp_path, fzgen):
    name = "FZ fzgen-page-title fzgen-page-path fzgen-root:/x"
    site = SITE_YAML.replace("name: Familienzentrum Testhausen", f"name: '{name}'")
    summary = "summary: 'fzgen-root:/files/a <!--fzgen-main--> fzgen-page-title'"
    offer = OFFER_YAML.replace("summary: Offener Treff für Eltern", summary)
    write_tree(tmp_path, site_tree({"site.yaml": site, "offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    page = soup(tmp_path / "output/test/de/angebote/elterncafe/index.html")
    assert name in page.get_text()
    assert "fzgen-root:/files/a <!--fzgen-main--> fzgen-page-title" in page.get_text()
    home = (tmp_path / "output/test/de/index.html").read_text()
    assert home.count(name) >= 1


# --- catalogues: plain placeholders only -----------------------------------------------


def project_catalogue(tmp_path: Path, text: str) -> None:
    write_tree(tmp_path, {**site_tree(), "translations/de.yaml": text})


@pytest.mark.parametrize(
    "placeholder",
    [
        "{organisation.__class__.__init__.__globals__}",
        "{organisation[0]}",
        "{organisation!r}",
        "{organisation:>99999999}",
        "{0}",
        "{",
    ],
)
def test_catalogue_placeholders_cannot_reach_attributes(tmp_path, fzgen, monkeypatch, placeholder):
    monkeypatch.setenv("FZGEN_SECRET_TOKEN", SECRET)
    key = "footer:\n  organisation: 'Ein Angebot von " + placeholder + "'\n"
    project_catalogue(tmp_path, key)
    result = fzgen(tmp_path, "build")
    assert result.code == 1, result.out
    assert "translations/de.yaml, Zeile 2" in result.err
    assert "Platzhalter" in result.err
    assert "Interner Fehler" not in result.err and "Traceback" not in result.err
    assert SECRET.encode() not in output_bytes(tmp_path / "output")


def test_an_unknown_placeholder_names_file_line_and_the_ones_allowed(tmp_path, fzgen):
    project_catalogue(tmp_path, "footer:\n  organisation: 'Ein Angebot von {wer}'\n")
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    assert "Fehler: translations/de.yaml, Zeile 2" in result.err
    assert "„{wer}“" in result.err and "{organisation}" in result.err
    assert "Interner Fehler" not in result.err


def test_a_broken_project_catalogue_is_an_error_with_its_line(tmp_path, fzgen):
    project_catalogue(tmp_path, "home:\n  coming_days: Bald\n   kaputt: [\n")
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    assert "translations/de.yaml" in result.err and "Zeile" in result.err


def test_braces_and_plain_placeholders_still_work(tmp_path, fzgen):
    project_catalogue(tmp_path, "footer:\n  organisation: '{{Träger}}: {organisation}'\n")
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    home = (tmp_path / "output/test/de/index.html").read_text()
    assert "<p>{Träger}: <bdi>AWO Kreisverband Stormarn e.V.</bdi></p>" in home


# --- the machine's errors are not fzgen's bugs -------------------------------------------


def built_once(tmp_path: Path, fzgen) -> dict[str, bytes]:
    write_tree(tmp_path, site_tree())
    assert fzgen(tmp_path, "build").code == 0
    output = tmp_path / "output"
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }


def assert_german_environment_message(result, *words: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert "Interner Fehler" not in result.err and "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def test_an_output_that_is_a_file_is_refused_and_kept(tmp_path, fzgen):
    write_tree(tmp_path, {**site_tree(), "ausgabe.txt": "meine Notizen"})
    result = fzgen(tmp_path, "build", "--output", "ausgabe.txt")
    assert_german_environment_message(result, "ausgabe.txt", "ist eine Datei")
    assert (tmp_path / "ausgabe.txt").read_text() == "meine Notizen"
    result = fzgen(tmp_path, "build", "--output", "ausgabe.txt/site")
    assert_german_environment_message(result, "ausgabe.txt", "ist eine Datei")
    assert (tmp_path / "ausgabe.txt").read_text() == "meine Notizen"


@pytest.mark.parametrize("output", ["content/output", "content/test/output", "/proc/fzgen"])
def test_outputs_inside_the_content_or_the_system_are_refused(tmp_path, fzgen, output):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "build", "--output", output)
    assert_german_environment_message(result, "Ausgabeordner", "--output")
    assert not (tmp_path / "content/output").exists()


def test_a_path_too_long_is_a_clear_message(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "build", "--output", "a" * 300)
    assert_german_environment_message(result, "der Pfad ist zu lang", "nichts geschrieben")


def test_a_full_disk_leaves_the_previous_output_as_it_was(tmp_path, fzgen, monkeypatch):
    before = built_once(tmp_path, fzgen)
    real_write = os.write

    def full(handle: int, data: bytes) -> int:
        if handle > 2:
            raise OSError(28, "No space left on device")
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", full)
    monkeypatch.setenv("FZGEN_WORKERS", "1")
    result = fzgen(tmp_path, "build")
    monkeypatch.undo()
    assert_german_environment_message(result, "der Datenträger ist voll", "output")
    output = tmp_path / "output"
    after = {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }
    assert after == before
    assert not [
        p for p in tmp_path.iterdir() if p.name.startswith(".output") and "staging" in p.name
    ]


def test_an_unreadable_folder_is_named(tmp_path, fzgen, monkeypatch):
    write_tree(tmp_path, site_tree())
    offers = tmp_path / "content/test/offers"
    real_iterdir = Path.iterdir

    def refuse(self: Path):
        if self == offers:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    result = fzgen(tmp_path, "check")
    assert_german_environment_message(result, "content/test/offers", "keine Berechtigung")


@pytest.mark.parametrize("epoch", ["99999999999999", "gestern", "-5"])
def test_source_date_epoch_out_of_range_stops_check_and_build_alike(
    tmp_path, fzgen, monkeypatch, epoch
):
    """Every command that counts by the day (dates, news, translation figures) reads it
    the same way: none of them quietly takes today instead."""
    write_tree(tmp_path, site_tree())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    export = ("translations", "export", "--site", "test", "--to", "en", "--output", "x.po")
    for command in (("check",), ("build",), ("status",), export):
        result = fzgen(tmp_path, *command)
        assert_german_environment_message(result, "SOURCE_DATE_EPOCH", epoch)
    assert not (tmp_path / "output").exists()
    assert not (tmp_path / "x.po").exists()


def test_dates_far_away_are_content_errors_not_crashes(tmp_path, fzgen):
    offer = OFFER_YAML.replace(
        "    time: 09:30-11:00", "    time: 09:30-11:00\n    from: 9999-12-25"
    )
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    for command in ("check", "build"):
        result = fzgen(tmp_path, command)
        assert result.code == 1, result.err
        assert "Fehler: test/offers/elterncafe.yaml, Zeile 9" in result.err
        assert "Jahr" in result.err and "Interner Fehler" not in result.err


def test_a_raw_control_character_is_reported_with_line_and_column(tmp_path, fzgen):
    offer = OFFER_YAML.replace("summary: Offener Treff", "summary: Offener\x01Treff")
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Fehler: test/offers/elterncafe.yaml, Zeile 4, Spalte 17" in result.err
    assert "Steuerzeichen (U+0001)" in result.err


def test_language_keys_that_differ_only_in_case_are_an_error(tmp_path, fzgen):
    offer = OFFER_YAML.replace("  tr: Ebeveyn Kafesi", "  DE: Zweiter Titel")
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": offer}))
    result = fzgen(tmp_path, "check")
    assert result.code == 1
    assert "Zeile 3" in result.err and "„DE“" in result.err and "„de“" in result.err
