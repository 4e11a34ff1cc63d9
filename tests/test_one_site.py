"""One coordinator, one site: `--site` keeps other sites' notes and errors out of check,
status and build, and a broken site does not stop the others' build or preview
(issue 18, item 6)."""

from __future__ import annotations

import json

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import snapshot
from test_serve import start_serve, wait_for

#: The other site's site.yaml with a YAML syntax error (a missing colon, line 2).
BROKEN_SYNTAX = SITE_YAML.replace("sozialraum: Testhausen Nord", "sozialraum Testhausen Nord")
#: The other site's site.yaml with a field that does not validate.
BROKEN_FIELD = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, en, xx]")

SKIPPED = (
    "Hinweis: Die Website „zweite“ wurde übersprungen, sie hat Fehler (fzgen check --site"
    " zweite zeigt sie); ihre bisherige Ausgabe bleibt unverändert.\n"
)


def two_sites(second: str = SITE_YAML) -> dict[str, str | bytes]:
    """`test` and `zweite`, whose site.yaml is `second`."""
    files = site_tree()
    files.update({k.replace("content/test/", "content/zweite/"): v for k, v in site_tree().items()})
    files["content/zweite/site.yaml"] = second
    return files


@pytest.mark.parametrize("second", [BROKEN_SYNTAX, BROKEN_FIELD])
def test_check_site_shows_only_that_site(tmp_path, fzgen, second):
    write_tree(tmp_path, two_sites(second))
    everything = fzgen(tmp_path, "check")
    assert everything.code == 1
    assert "zweite/site.yaml" in everything.err
    result = fzgen(tmp_path, "check", "--site", "test")
    assert result.code == 0, result.err
    assert result.err == ""
    assert "zweite" not in result.out
    assert result.out.endswith(
        "Alles in Ordnung: 1 Website, 1 Angebot, 1 Seite geprüft, 1 Hinweis.\n"
    )


def test_check_site_leaves_out_the_notes_of_other_sites(tmp_path, fzgen):
    write_tree(tmp_path, two_sites())
    assert "Hinweis: zweite" in fzgen(tmp_path, "check").out
    result = fzgen(tmp_path, "check", "--site", "test")
    assert result.code == 0
    assert "Hinweis: test" in result.out and "zweite" not in result.out


def test_check_site_still_reports_that_sites_errors(tmp_path, fzgen):
    write_tree(tmp_path, two_sites(BROKEN_FIELD))
    result = fzgen(tmp_path, "check", "--site", "zweite")
    assert result.code == 1
    assert "Fehler: zweite/site.yaml, Zeile 4" in result.err
    assert "test/" not in result.err


def test_status_site_shows_only_that_site(tmp_path, fzgen):
    write_tree(tmp_path, two_sites(BROKEN_SYNTAX))
    assert fzgen(tmp_path, "status").code == 1
    result = fzgen(tmp_path, "status", "--site", "test", "--json")
    assert result.code == 0, result.err
    assert {row["site"] for row in json.loads(result.out)} == {"test"}
    table = fzgen(tmp_path, "status", "--site", "test").out.splitlines()
    assert table[0].split() == ["Website", "Sprache", "übersetzt", "fehlt", "veraltet"]
    assert [row.split()[:2] for row in table[1:]] == [["test", "en"], ["test", "tr"]]


@pytest.mark.parametrize("command", ["check", "status", "build"])
def test_an_unknown_site_names_the_sites_there_are(tmp_path, fzgen, command):
    write_tree(tmp_path, two_sites(BROKEN_SYNTAX))
    result = fzgen(tmp_path, command, "--site", "dritte")
    assert result.code == 2
    assert result.err == "Eine Website „dritte“ gibt es nicht. Vorhanden: test, zweite.\n"


@pytest.mark.parametrize("second", [BROKEN_SYNTAX, BROKEN_FIELD])
def test_a_broken_other_site_does_not_stop_building_this_one(tmp_path, fzgen, second):
    write_tree(tmp_path, two_sites())
    assert fzgen(tmp_path, "build").code == 0
    before = snapshot(tmp_path / "output")
    write_tree(tmp_path, {"content/zweite/site.yaml": second})
    (tmp_path / "content/test/offers/elterncafe.yaml").write_text(
        (tmp_path / "content/test/offers/elterncafe.yaml")
        .read_text()
        .replace("Elterncafé", "Familiencafé")
    )
    assert fzgen(tmp_path, "build").code == 1  # the whole content: nothing written
    result = fzgen(tmp_path, "build", "--site", "test")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.endswith(SKIPPED)
    assert "Fertig:" in result.out and "für 1 Website" in result.out
    after = snapshot(tmp_path / "output")
    assert "Familiencafé" in (tmp_path / "output/test/de/index.html").read_text()
    # The other site and the portal that lists both stay as they were.
    unchanged = [p for p in before if not p.startswith("test/") and p != ".fzgen-manifest.json"]
    assert {p: after[p] for p in unchanged} == {p: before[p] for p in unchanged}
    assert "zweite" in (tmp_path / "output/index.html").read_text()


def test_a_first_build_of_one_site_beside_a_broken_one(tmp_path, fzgen):
    write_tree(tmp_path, two_sites(BROKEN_SYNTAX))
    result = fzgen(tmp_path, "build", "--site", "test")
    assert result.code == 0, result.err
    assert result.out.endswith(SKIPPED)
    assert (tmp_path / "output/test/de/index.html").is_file()
    assert not (tmp_path / "output/zweite").exists()
    assert 'href="test/' in (tmp_path / "output/index.html").read_text()


def test_building_a_broken_site_alone_names_only_its_errors(tmp_path, fzgen):
    files = two_sites(BROKEN_FIELD)
    files["content/test/site.yaml"] = BROKEN_SYNTAX
    write_tree(tmp_path, files)
    result = fzgen(tmp_path, "build", "--site", "zweite")
    assert result.code == 1
    assert "zweite/site.yaml" in result.err and "test/site.yaml" not in result.err
    assert not (tmp_path / "output").exists()


def test_the_preview_shows_the_healthy_sites_and_the_broken_ones_errors(tmp_path):
    write_tree(tmp_path, two_sites(BROKEN_FIELD))
    url, process = start_serve(tmp_path)
    try:
        _, body = wait_for(url + "test/de/", lambda s, b: s == 200)
        assert "Elterncafé" in body
        _, body = wait_for(url + "zweite/de/", lambda s, b: s == 500)
        assert "zweite/site.yaml" in body and "xx" in body
        _, body = wait_for(url, lambda s, b: s == 200)
        assert 'href="test/' in body
        write_tree(tmp_path, {"content/zweite/site.yaml": SITE_YAML})
        wait_for(url + "zweite/de/", lambda s, b: s == 200)
        wait_for(url + "test/de/", lambda s, b: s == 200)
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    assert (
        "Hinweis: Die Website „zweite“ hat Fehler; die Vorschau zeigt sie auf deren Seiten, die"
        " anderen Websites zeigt sie wie gewohnt.\n" in out
    )
    assert "Traceback" not in err
