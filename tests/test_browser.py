"""Quality gates in real headless Chromium: accessibility, privacy, validity, weight, layout.

One build of the sample sites and one browser serve the whole module.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import (
    build_tree,
    hosting_headers,
    html_pages,
    served,
    with_css_and_icons,
    with_stylesheets,
)

from fzgen.content.loader import Content, load_content
from fzgen.theme.catalogue import catalogue_languages

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools/browser/node_modules"
AXE = TOOLS / "axe-core/axe.min.js"
VNU = TOOLS / "vnu-jar/build/dist/vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_BUDGET = 30 * 1024
HOME_GZIP_BUDGET = 14 * 1024

pytestmark = pytest.mark.browser

playwright_sync = pytest.importorskip("playwright.sync_api")
if not (CHROMIUM.exists() and AXE.exists() and VNU.exists()):
    pytest.fail(
        "browser tests need /usr/bin/chromium and tools/browser (run `make test`)", pytrace=False
    )


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content", catalogue_languages(ROOT / "translations"))


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tree(ROOT / "content", tmp_path_factory.mktemp("browser") / "output")


@pytest.fixture(scope="module")
def server(output: Path) -> Iterator[str]:
    assert any(name == "Content-Security-Policy" for name, _ in hosting_headers(output))
    with served(output) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def phone(browser):  # type: ignore[no-untyped-def]
    """A phone-sized page (390×844) that records every request it makes."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def page_types(content: Content) -> list[str]:
    """Every page type in every language of every sample site (output-relative paths)."""
    paths = ["index.html"]
    for site in content.sites:
        offer = site.published_offers[0].slug
        appointment = next(
            o.slug for o in site.published_offers if any(e.by_appointment for e in o.offer.schedule)
        )
        free = next(p.slug for p in site.pages)
        category = site.published_offers[0].offer.categories[0].value
        audience = next(a.value for o in site.published_offers for a in o.offer.audience)
        held_in = site.published_offers[0].offer.languages[0]
        day = next(
            d.name.lower()
            for o in site.published_offers
            for e in o.offer.schedule
            for d in (e.weekly or [])
        )
        for language in site.languages:
            for path in [
                "", "angebote/", "auswahl/themen/", f"auswahl/thema/{category}/", f"auswahl/fuer/{audience}/",
                f"auswahl/tag/{day}/", f"auswahl/sprache/{held_in}/", f"angebote/{offer}/",
                f"angebote/{appointment}/", "netzwerk/", "kontakt/", f"{free}/", "impressum/", "datenschutz/",
                "programm/",
            ]:  # fmt: skip
                paths.append(f"{site.slug}/{language}/{path}")
            if site.site.accessibility is not None:
                paths.append(f"{site.slug}/{language}/barrierefreiheit/")
        paths += [f"{site.slug}/", f"{site.slug}/404.html"]
    return paths


#: Runs before each page's own content (through the browser's protocol, not subject to CSP).
_WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""
_VISIT = """async (tags) => {
    // preload false: axe would otherwise fetch each stylesheet and insert it as an inline
    // <style> (refused by the pages' CSP, so reported as a violation of the page).
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], preload: false});
    return {
        csp: window.__csp,
        violations: result.violations.map(v => `${v.id} (${v.impact}): ` +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')),
        cookie: document.cookie,
        width: document.documentElement.scrollWidth,
    };
}"""


async def _visit_all(
    server: str, paths: list[str], workers: int = 2
) -> dict[str, dict[str, object]]:
    """Visit `paths` on phone-sized pages, `workers` at a time (one per core)."""
    from playwright.async_api import async_playwright

    axe = AXE.read_text(encoding="utf-8")
    found: dict[str, dict[str, object]] = {}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        context = await browser.new_context(viewport={"width": 390, "height": 844})
        # Injected through the protocol: the pages' strict CSP would refuse a script tag.
        await context.add_init_script(script=_WATCH_CSP + axe)

        async def worker() -> None:
            page = await context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            while not queue.empty():
                path = queue.get_nowait()
                requests.clear()
                await page.goto(server + path, wait_until="load")
                seen = list(requests)
                found[path] = await page.evaluate(_VISIT, WCAG_TAGS)
                found[path]["requests"] = seen

        await asyncio.gather(*(worker() for _ in range(workers)))
        found["(browser)"] = {"cookies": await context.cookies()}
        await browser.close()
    return found


@pytest.fixture(scope="module")
def visits(server, content) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    """Every page type visited once on a phone: axe violations, requests, cookie, width."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["visits"] = asyncio.run(_visit_all(server, page_types(content)))
        except BaseException as exc:  # handed to the test thread below
            result["error"] = exc

    # Its own thread and event loop, so it cannot meet the sync API of the other tests.
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["visits"]  # type: ignore[return-value]


def test_accessibility_every_page_type_every_language(visits):
    failures = [f"{path}: {v}" for path, seen in visits.items() for v in seen.get("violations", [])]
    assert len(visits) > 200
    assert not failures, "\n".join(failures[:40])


def test_no_request_to_other_hosts_and_no_cookies(visits, server):
    requests = [url for seen in visits.values() for url in seen.get("requests", [])]
    foreign = [url for url in requests if not url.startswith(server)]
    assert requests and not foreign, foreign[:10]
    assert all(seen.get("cookie", "") == "" for seen in visits.values())
    assert visits["(browser)"]["cookies"] == []


def test_no_content_security_policy_violation(visits):
    violations = [f"{path}: {v}" for path, seen in visits.items() for v in seen.get("csp", [])]
    assert not violations, violations[:10]


def test_no_page_scrolls_sideways_on_a_phone(visits):
    wide = [
        f"{path}: {seen['width']}px" for path, seen in visits.items() if seen.get("width", 0) > 390
    ]
    assert not wide, wide


@pytest.mark.parametrize(
    ("site", "language"), [("bad-oldesloe", "ar"), ("ahrensburg", "fa"), ("reinbek", "fa")]
)
def test_right_to_left_layout(phone, server, site, language):
    phone.goto(f"{server}{site}/{language}/angebote/")
    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    name = phone.eval_on_selector(".site-name a", "a => a.getBoundingClientRect().right")
    assert name > 390 - 40, "the site's name starts at the right edge"
    menu, languages = (
        phone.eval_on_selector(
            f"details.{fold} summary",
            "s => { const r = s.getBoundingClientRect(); return [r.left, r.right, r.top]; }",
        )
        for fold in ("fold-menu", "fold-languages")
    )
    assert menu[2] == languages[2] and languages[1] <= menu[0], (
        "the language button stands left of the menu button"
    )
    phone.click("details.fold-menu summary")
    first = phone.eval_on_selector("nav.menu a", "a => a.getBoundingClientRect().right")
    assert first > 390 - 40, "the menu's entries start at the right edge"
    heading = phone.eval_on_selector("main h1", "h => h.getBoundingClientRect().right")
    assert heading > 390 - 40


def test_left_to_right_layout_for_comparison(phone, server):
    phone.goto(f"{server}bad-oldesloe/de/angebote/")
    assert phone.evaluate("getComputedStyle(document.body).direction") == "ltr"
    phone.click("details.fold-menu summary")
    first = phone.eval_on_selector("nav.menu a", "a => a.getBoundingClientRect().left")
    assert first < 40


@pytest.mark.parametrize("language", ["de", "ar"])
def test_skip_link_and_visible_focus_with_the_keyboard(phone, server, language):
    phone.goto(f"{server}bad-oldesloe/{language}/angebote/")
    phone.keyboard.press("Tab")
    focused = phone.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();
                   return {cls: e.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                           visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 0}; }"""
    )
    assert focused["cls"] == "skip" and focused["visible"]
    assert focused["outline"] != "none" and focused["width"] >= 2
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
    phone.keyboard.press("Tab")
    style = phone.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2


def test_filters_work_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server}bad-oldesloe/de/angebote/")
    page.click("details.filters summary")
    page.click("details.filters a[href$='sprache/tr/']")
    assert page.url.endswith("/bad-oldesloe/de/auswahl/sprache/tr/")
    assert page.locator("main .card").count() >= 1
    context.close()


def test_nu_html_checker_finds_no_errors(output):
    pages = [str(p) for p in html_pages(output)]
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').split('/output/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert not errors, "\n".join(errors[:30])
    assert len(pages) > 500


def test_weight_budgets(output, content):
    sizes = []
    for page in html_pages(output):
        sizes.append((with_stylesheets(page), page.relative_to(output).as_posix()))
    sizes.sort(reverse=True)
    report = "\n".join(f"{size / 1024:.1f} KB  {path}" for size, path in sizes[:5])
    print("\nheaviest pages with their CSS:\n" + report)
    assert sizes[0][0] < PAGE_BUDGET, report
    homes = sorted(output.glob("*/*/index.html"))
    assert len(homes) == sum(len(site.languages) for site in content.sites)
    for home in homes:
        # Each file as a host sends it, gzip at level 9 (gzip.compress's default).
        files = with_css_and_icons(home)
        zipped = sum(len(gzip.compress(f.read_bytes(), compresslevel=9)) for f in files)
        assert zipped <= HOME_GZIP_BUDGET, (home.relative_to(output), zipped, files)


def test_the_icons_of_a_page_arrive_in_one_request(browser, server):
    """Seven icons in one file: one request on slow data and one SVG document to draw (seven
    separate files cost six more requests and about 70 ms of the main thread in the lab)."""
    for path in ["bad-oldesloe/de/", "bad-oldesloe/ar/angebote/", "bad-oldesloe/ls/"]:
        context = browser.new_context(viewport={"width": 360, "height": 640})
        page = context.new_page()
        page.goto(server + path, wait_until="networkidle")
        images = page.evaluate(
            "() => performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(n => n.includes('/icons/'))"
        )
        icons = page.evaluate(
            """() => [...document.querySelectorAll('summary, a, li, p, div')]
                .map(e => getComputedStyle(e, '::before').maskImage)
                .filter(m => m && m !== 'none')"""
        )
        context.close()
        assert len(icons) >= 3 and len(set(icons)) == 1, (path, set(icons))
        assert images == [f"{server}bad-oldesloe/icons/icons.svg"], (path, images)


def test_no_javascript_on_any_page(output):
    for page in html_pages(output):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.replace('<script type="application/ld+json">', ""), page
