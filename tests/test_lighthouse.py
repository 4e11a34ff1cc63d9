"""Lighthouse (mobile, simulated throttling) scores 100 in all four categories.

Home, offers list and an offer page of a sample site in German and Arabic, served over
http on 127.0.0.1 with the site's hosting headers and audited by the pinned Lighthouse
(tools/browser) in Debian's Chromium, one run after another (about 14 s each).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sitebuild import build_tree, served

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools/browser/node_modules/.bin/lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SITE = "bad-oldesloe"
#: Performance's timing metrics: the machine's load moves them, the page's bytes hardly.
TIMING = {
    "first-contentful-paint",
    "largest-contentful-paint",
    "speed-index",
    "total-blocking-time",
    "interactive",
    "max-potential-fid",
}

pytestmark = pytest.mark.browser

if not (CHROMIUM.exists() and LIGHTHOUSE.exists()):
    pytest.fail(
        "the Lighthouse test needs /usr/bin/chromium and tools/browser (run `make test`)",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    output = build_tree(ROOT / "content", tmp_path_factory.mktemp("lighthouse") / "output")
    # Each site is hosted at the root of its own address: robots.txt is /robots.txt.
    with served(output / SITE) as url:
        yield url


def first_offer(server_url: str) -> str:
    """The first offer the German offers list of the site links to."""
    with urllib.request.urlopen(f"{server_url}de/angebote/") as response:
        page = BeautifulSoup(response.read(), "html.parser")
    href = str(page.select_one("main .card a[href*='/angebote/']")["href"])  # type: ignore[index]
    return href.rstrip("/").rsplit("/", 1)[-1]


def lighthouse(url: str) -> dict[str, Any]:
    """One Lighthouse run of `url`: its JSON report (with `runtimeError` if the run broke)."""
    # The report goes to a file: Node may exit before a large report has drained
    # through a pipe, and stdout then ends mid-string.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.json"
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                f"--chrome-path={CHROMIUM}",
                "--chrome-flags=--headless=new --no-sandbox",
                "--only-categories=" + ",".join(CATEGORIES),
                "--output=json",
                f"--output-path={path}",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        try:
            report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"runtimeError": {"message": f"exit {done.returncode}: {done.stderr[-2000:]}"}}
    return report


def scores(report: dict[str, Any]) -> dict[str, float]:
    if report.get("runtimeError"):
        return {"error": report["runtimeError"]["message"][-300:]}  # type: ignore[dict-item]
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def shortfalls(report: dict[str, Any]) -> list[str]:
    """The audits that keep a category below 100: category, id, score and title."""
    found = []
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] == 1:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{name}: {audit['id']} ({audit['score']}): {audit['title']}")
    return found


def machine_bound(report: dict[str, Any]) -> bool:
    """True when the run broke or only a timing metric fell short: what a busy machine moves.

    Lighthouse measures main-thread tasks and multiplies them by four; where other work
    shares the cores, a task is cut up by waiting and comes out long. The page's bytes,
    markup and layout shift (the other audits) do not change from run to run.
    """
    if report.get("runtimeError"):
        return True
    short = {line.split(" ", 2)[1] for line in shortfalls(report)}
    return bool(short) and short <= TIMING


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("page", ["home", "offers", "offer"])
def test_lighthouse_scores_100_in_every_category(server, language, page):
    path = {"home": "", "offers": "angebote/", "offer": f"angebote/{first_offer(server)}/"}[page]
    url = f"{server}{language}/{path}"
    started = time.monotonic()
    report = lighthouse(url)
    runs = [scores(report)]
    # The best of up to five runs (Lighthouse CI's "optimistic"), for timing alone: in
    # the whole suite one run in a few comes out with 30-60 ms of extra blocking time.
    while machine_bound(report) and len(runs) < 5:
        report = lighthouse(url)
        runs.append(scores(report))
    print(f"\n{url}: {runs} in {time.monotonic() - started:.1f} s")
    assert not report.get("runtimeError"), runs
    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    assert runs[-1] == dict.fromkeys(CATEGORIES, 1), f"{url} ({load}): {runs}\n" + "\n".join(
        shortfalls(report)
    )
    requests = [item["url"] for item in report["audits"]["network-requests"]["details"]["items"]]
    foreign = [r for r in requests if not r.startswith((server, "data:"))]
    assert requests and not foreign, foreign
