"""Build time against content size: offers per site, number of sites, one huge description.

Prints one line per case; the ratio column shows time per offer (or site) relative
to the smallest case, which stays flat when the build grows linearly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FZGEN = str(Path(sys.executable).parent / "fzgen")
SAMPLE = ROOT / "content" / "bad-oldesloe"


def site_with_offers(target: Path, offers: int) -> None:
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("offers"))
    texts = [p.read_text(encoding="utf-8") for p in sorted((SAMPLE / "offers").glob("[!_]*.yaml"))]
    (target / "offers").mkdir()
    for index in range(offers):
        text = texts[index % len(texts)].replace("draft: true", "draft: false")
        (target / "offers" / f"angebot-{index:05d}.yaml").write_text(text, encoding="utf-8")


def timed_build(folder: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (MiB) of one `fzgen build` in a child process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795564800"}
    start = time.perf_counter()
    process = subprocess.Popen([FZGEN, "build"], cwd=folder, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build failed in {folder}")
    return elapsed, usage.ru_maxrss // 1024


def row(case: str, pages: int, seconds: float, unit: float, base: float, peak: int) -> None:
    ratio = f"{unit:8.1f} ({unit / base:.2f}x)"
    print(f"{case:<30}{pages:6d}   {seconds:7.1f}   {ratio:<16} {peak:6d}")


def main() -> None:
    print("case                          pages    seconds  per unit (ms)  peak MiB")
    base = None
    for offers in (250, 500, 1000, 2000):
        with tempfile.TemporaryDirectory() as tmp:
            site_with_offers(Path(tmp) / "content" / "gross", offers)
            seconds, peak = timed_build(Path(tmp))
            pages = sum(1 for _ in (Path(tmp) / "output").rglob("*.html"))
        unit = seconds / offers * 1000
        base = base or unit
        row(f"1 site, {offers} offers", pages, seconds, unit, base, peak)
    base = None
    for sites in (10, 25, 50):
        with tempfile.TemporaryDirectory() as tmp:
            for index in range(sites):
                shutil.copytree(SAMPLE, Path(tmp) / "content" / f"fz-{index:02d}")
            seconds, peak = timed_build(Path(tmp))
            pages = sum(1 for _ in (Path(tmp) / "output").rglob("*.html"))
        unit = seconds / sites * 1000
        base = base or unit
        row(f"{sites} sites", pages, seconds, unit, base, peak)
    with tempfile.TemporaryDirectory() as tmp:
        site_with_offers(Path(tmp) / "content" / "gross", 8)
        offer = Path(tmp) / "content/gross/offers/angebot-00000.yaml"
        paragraph = "Ein Absatz mit **fettem** Text und einem [Link](https://example.org/). " * 12
        huge = "\n\n".join([paragraph] * (5 * 1024 * 1024 // (len(paragraph) + 2)))
        text = offer.read_text(encoding="utf-8")
        head, _, tail = text.partition("categories:")
        description = "description: |\n" + "".join(f"  {line}\n" for line in huge.splitlines())
        lines = [line for line in head.splitlines(keepends=True)]
        offer.write_text(
            "".join(lines).split("description:")[0] + description + "categories:" + tail,
            encoding="utf-8",
        )
        size = offer.stat().st_size / 1024 / 1024
        seconds, peak = timed_build(Path(tmp))
        print(
            f"1 offer with a {size:.1f} MB description      {seconds:7.1f} s              {peak:6d}"
        )


if __name__ == "__main__":
    main()
