"""The output folder: atomic swaps, foreign files kept, a killed build harmless."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import OFFER_YAML, site_tree, write_tree
from sitebuild import EPOCH, snapshot

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
