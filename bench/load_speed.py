"""Time loading and validating one site with N offers (default 1,000): median of 5 runs."""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fzgen.content.loader import load_content
from fzgen.theme.catalogue import catalogue_languages

ROOT = Path(__file__).resolve().parent.parent


def make_content(folder: Path, offers: int) -> Path:
    """One sample site (Bad Oldesloe) with its offers repeated up to `offers` files."""
    site = folder / "content" / "bench"
    shutil.copytree(ROOT / "content" / "bad-oldesloe", site)
    samples = [p.read_text(encoding="utf-8") for p in sorted((site / "offers").glob("[!_]*.yaml"))]
    shutil.rmtree(site / "offers")
    (site / "offers").mkdir()
    for index in range(offers):
        text = samples[index % len(samples)]
        (site / "offers" / f"angebot-{index:05d}.yaml").write_text(text, encoding="utf-8")
    return folder / "content"


def main() -> None:
    offers = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        content = make_content(Path(tmp), offers)
        languages = catalogue_languages(ROOT / "translations")
        times = []
        for _ in range(5):
            start = time.perf_counter()
            loaded = load_content(content, languages)
            times.append(time.perf_counter() - start)
        count = len(loaded.sites[0].offers)
    print(
        f"load+validate {count} offers: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
