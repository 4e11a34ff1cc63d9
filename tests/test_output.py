"""The output folder: atomic swaps, foreign files kept, a killed build harmless."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import OFFER_YAML, site_tree, write_tree
from sitebuild import EPOCH, snapshot

from fzgen.output import write
from fzgen.output.write import Staging, read_manifest, recover, write_output

ROOT = Path(__file__).resolve().parent.parent


def test_foreign_files_are_kept_and_obsolete_pages_removed(tmp_path, fzgen):
    write_tree(
        tmp_path, site_tree({"offers/zweites.yaml": OFFER_YAML.replace("Elterncafé", "Zweites")})
    )
    assert fzgen(tmp_path, "build").code == 0
    output = tmp_path / "output"
    (output / "CNAME").write_text("fz-test.example.org\n")
    (output / "test/google-verification.html").write_text("verification")
    (tmp_path / "content/test/offers/zweites.yaml").unlink()
    assert fzgen(tmp_path, "build").code == 0
    assert (output / "CNAME").read_text() == "fz-test.example.org\n"
    assert (output / "test/google-verification.html").is_file()
    assert not (output / "test/de/angebote/zweites").exists()
    assert fzgen(tmp_path, "build", "--clean").code == 0
    assert not (output / "CNAME").exists()
    assert (output / "test/de/angebote/elterncafe/index.html").is_file()


def test_output_may_not_hold_the_content(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    result = fzgen(tmp_path, "build", "--output", str(tmp_path))
    assert result.code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_killed_build_leaves_previous_output_intact(tmp_path):
    """SIGKILL at many moments of a build: the output is always the old or the new one, whole."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    fzgen = [str(Path(sys.executable).parent / "fzgen"), "build"]

    def run_build() -> None:
        subprocess.run(fzgen, cwd=tmp_path, env=env, check=True, capture_output=True)

    run_build()
    output = tmp_path / "output"
    offer = content / "bad-oldesloe/offers/elterncafe.yaml"
    original = offer.read_text(encoding="utf-8")
    start = time.monotonic()
    offer.write_text(
        original.replace("de: Elterncafé", "de: Elterncafé am Markt"), encoding="utf-8"
    )
    run_build()
    duration = time.monotonic() - start
    versions = {"old": None, "new": snapshot(output)}
    offer.write_text(original, encoding="utf-8")
    run_build()
    versions["old"] = snapshot(output)
    assert versions["old"] != versions["new"]

    current = "old"
    for step in range(1, 9):
        target = "new" if current == "old" else "old"
        offer.write_text(
            original.replace("de: Elterncafé", "de: Elterncafé am Markt")
            if target == "new"
            else original,
            encoding="utf-8",
        )
        process = subprocess.Popen(
            fzgen, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * step / 9)
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = snapshot(output)
        assert state in (versions["old"], versions["new"]), (
            f"kill {step}: output is neither old nor new"
        )
        current = "new" if state == versions["new"] else "old"
        with open(output / "bad-oldesloe/de/index.html", encoding="utf-8") as page:
            assert "</html>" in page.read()
    run_build()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.fzgen-")]
    assert leftovers == []


def test_manifest_holds_a_name_with_a_line_break(tmp_path, fzgen):
    """A published name with a line break once split into two manifest lines, and the
    next build deleted the user's CNAME. Now the name is one entry, whatever it holds.

    The first output is made by the write layer, as a build writes a site's
    `files/`: `check` refuses such names, the manifest must be safe all the same."""
    write_tree(tmp_path, site_tree())
    output = tmp_path / "output"
    poisoned = "test/files/notiz\nCNAME"
    write_output({"index.html": b"alt", poisoned: b"Notiz"}, output)
    (output / "CNAME").write_text("fz-test.example.org\n")
    assert read_manifest(output) == {"index.html", poisoned}
    assert fzgen(tmp_path, "build").code == 0
    assert (output / "CNAME").read_text() == "fz-test.example.org\n"
    assert not (output / poisoned).exists()
    assert "CNAME" not in read_manifest(output)
    assert (output / ".fzgen-manifest").read_text().startswith("[")


def test_manifest_of_an_older_version_is_read_once(tmp_path, fzgen):
    """One path a line, as older versions wrote it: what it lists goes, the rest stays,
    and the next manifest is JSON."""
    write_tree(tmp_path, site_tree())
    output = tmp_path / "output"
    write_tree(output, {"test/alt.html": "alt", "CNAME": "fz-test.example.org\n"})
    (output / ".fzgen-manifest").write_text("index.html\ntest/alt.html\n")
    assert fzgen(tmp_path, "build").code == 0
    assert not (output / "test/alt.html").exists()
    assert (output / "CNAME").is_file()
    assert json.loads((output / ".fzgen-manifest").read_text()) == sorted(read_manifest(output))


@pytest.mark.parametrize(
    "name",
    ["a\nb", "a\rb", 'zitat "x" y', "ümlaut/ß.html", "kaputt-\udcff.txt", "[x]", "\u2028"],
)
def test_manifest_keeps_any_name(tmp_path, name):
    write_output({name: b"x", "index.html": b"y"}, tmp_path / "output")
    assert read_manifest(tmp_path / "output") == {name, "index.html"}


def test_unreadable_manifest_deletes_nothing(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    output = tmp_path / "output"
    write_tree(output, {"CNAME": "x", ".fzgen-manifest": '["CNAME", kaputt'})
    assert fzgen(tmp_path, "build").code == 0
    assert (output / "CNAME").is_file()


def test_second_build_into_a_busy_output_is_refused(tmp_path, fzgen, monkeypatch):
    """While another build holds the output's lock, a build writes nothing and says why;
    the other build's staging folder is left alone."""
    monkeypatch.setattr(write, "LOCK_GRACE_SECONDS", 0.1)
    write_tree(tmp_path, site_tree())
    assert fzgen(tmp_path, "build").code == 0
    before = snapshot(tmp_path / "output")
    other = Staging(tmp_path / "output")
    try:
        other.write({"index.html": b"halb"})
        result = fzgen(tmp_path, "build")
        assert result.code == 2
        assert result.err == (
            f"In den Ausgabeordner „{tmp_path / 'output'}“ schreibt gerade ein anderer "
            "fzgen-Build. Dieser Build schreibt nichts; starten Sie ihn noch einmal, wenn der "
            "andere fertig ist.\n"
        )
        assert (other.folder / "index.html").read_bytes() == b"halb"
        assert fzgen(tmp_path, "build", "--lang", "en").err.startswith("Another fzgen build")
    finally:
        other.discard()
    assert snapshot(tmp_path / "output") == before
    assert fzgen(tmp_path, "build").code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_staging_folder_of_a_running_process_is_not_recovered(tmp_path):
    output = tmp_path / "output"
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        live = tmp_path / f".output.fzgen-staging-{sleeper.pid}"
        live.mkdir()
        dead = tmp_path / ".output.fzgen-staging-999999999"
        dead.mkdir()
        recover(output)
        assert live.is_dir()
        assert not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    recover(output)
    assert not live.exists()


def test_incomplete_output_is_not_swapped_in(tmp_path, fzgen, monkeypatch):
    """A file of the manifest gone from the staging folder (here: never written): an
    error, exit 3, and the previous output stays as it was."""
    write_tree(tmp_path, site_tree())
    assert fzgen(tmp_path, "build").code == 0
    before = snapshot(tmp_path / "output")
    write_files = write.write_files

    def losing(root, files, folders=None, in_place=False):
        kept = {k: v for k, v in files.items() if not k.endswith("de/index.html")}
        write_files(root, kept, folders, in_place)

    monkeypatch.setattr(write, "write_files", losing)
    result = fzgen(tmp_path, "build")
    assert result.code == 3
    assert "IncompleteOutput" in result.err
    assert "missing in the new output (first: 'test/de/index.html')" in result.err
    assert "Fertig" not in result.out
    assert snapshot(tmp_path / "output") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]
