"""What the sanitiser strips leaves valid, accessible HTML: no <img> without src
and alt, no <a> without href or content, lists of items, no block inside a paragraph."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from conftest import SITE_YAML, write_tree
from sitebuild import build_tree, soup

from fzgen.pages.markup import render_markdown

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools/browser/node_modules"
VNU = TOOLS / "vnu-jar/build/dist/vnu.jar"
AXE = TOOLS / "axe-core/axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")

#: Markdown and raw HTML whose hostile or broken parts nh3 strips, each with a
#: text that must still be seen once the element around it is gone.
HOSTILE = {
    '<img src="javascript:alert(1)">': None,
    "![](data:image/png;base64,iVBORw0KGgo=)": None,
    "![Karte des Sozialraums](data:image/png;base64,iVBORw0KGgo=)": "Karte des Sozialraums",
    "Siehe ![Plan](plan.png) unten.": "Siehe Plan unten.",
    '<img src="https://example.org/bild.png">': None,
    '<img src="https://example.org/bild.png" width="breit" height="-3" alt="Foto">': None,
    "[Klick](javascript:alert(1))": "Klick",
    "Mehr: <https://example.org> oder [hier](javascript:alert(1)).": "oder hier.",
    "[Referenz][r]\n\n[r]: vbscript:msgbox": "Referenz",
    "<javascript:alert(2)>": "javascript:alert(2)",
    "Leer: [](https://example.org).": "Leer: .",
    'Blank: <a href="https://example.org"> </a>.': "Blank:  .",
    '<a name="anker">Anker</a>': "Anker",
    "[![](javascript:x)](https://example.org)": None,
    "[![Logo](data:image/png;base64,iVBORw0KGgo=)](https://example.org)": "Logo",
    '<a href="https://example.org/a b">Leerzeichen</a>': "Leerzeichen",
    "<li>lose</li><li>Punkte</li>": "losePunkte",
    "<ul><div>kein Punkt</div>Text</ul>": "kein PunktText",
    "<p>Absatz<object><p>im Absatz</p></object>weiter</p>": "Absatzim Absatzweiter",
    "<p><strong>fett<button><ul><li>Liste</li></ul></button></strong></p>": "fettListe",
    '<a href="https://example.org/1">eins<object><a href="https://example.org/2">zwei</a>'
    "</object></a>": "einszwei",
    '<table><tr><script>x</script></tr><tr><td colspan="viele">Zelle</td></tr></table>': "Zelle",
    "<h2>Titel<object><h3>Unter</h3></object></h2>": "TitelUnter",
    '<ol start="drei"><li>Punkt</li></ol>': "Punkt",
    "| Was | Wann |\n|---|---|\n| <li>Tanzen</li> | [Mo](vbscript:x) |": "Tanzen",
}
BLOCKS = {"p", "ul", "ol", "li", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6", "table", "hr"}
PHRASING_ONLY = {
    *{"p", "pre", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "small"},
    *{"sub", "sup", "mark", "code", "abbr", "bdi"},
}


def problems(root: Tag) -> list[str]:
    """What a validator or a screen reader would stumble over below `root`."""
    found = []
    for tag in root.find_all(True):
        if tag.name == "img":
            if not tag.get("src"):
                found.append(f"img without src: {tag}")
            if tag.get("alt") is None and not tag.get("title", "").strip():
                found.append(f"img without alt: {tag}")
        if tag.name == "a":
            if tag.get("href") is None:
                found.append(f"a without href: {tag}")
            elif not tag.get_text().strip() and not tag.find("img"):
                found.append(f"empty link: {tag}")
            if tag.find_parent("a"):
                found.append(f"link inside a link: {tag}")
        for attribute in ("href", "src"):
            if " " in tag.get(attribute, ""):
                found.append(f"space in {attribute}: {tag}")
        for attribute in ("width", "height", "colspan", "rowspan", "start"):
            if not tag.get(attribute, "0").removeprefix("-").isdigit():
                found.append(f"{attribute} not a number: {tag}")
        if tag.name == "li" and tag.parent.name not in {"ul", "ol"}:
            found.append(f"li outside a list: {tag.parent}")
        if tag.name in {"ul", "ol"}:
            for child in tag.children:
                if isinstance(child, NavigableString) and child.strip():
                    found.append(f"text in {tag.name}: {child!r}")
                elif isinstance(child, Tag) and child.name != "li":
                    found.append(f"{child.name} in {tag.name}: {tag}")
        if tag.name in PHRASING_ONLY:
            for child in tag.find_all(BLOCKS, recursive=False):
                found.append(f"{child.name} inside {tag.name}: {tag}")
        if tag.name == "tr" and not tag.find(["td", "th"], recursive=False):
            found.append(f"row without cells: {tag}")
    return found


@pytest.mark.parametrize("source", list(HOSTILE))
def test_stripped_parts_leave_valid_elements(source: str) -> None:
    html = BeautifulSoup(render_markdown(source), "html.parser")
    assert problems(html) == [], render_markdown(source)
    if HOSTILE[source] is not None:
        assert HOSTILE[source] in html.get_text()


def test_what_stays_and_what_goes() -> None:
    assert render_markdown("![Karte](data:image/png;base64,AAAA)") == "<p>Karte</p>"
    assert render_markdown('<img src="javascript:x" alt="<b>">') == "&lt;b&gt;"
    assert render_markdown("[Klick](javascript:alert(1))") == "<p>Klick</p>"
    assert render_markdown("[](https://example.org)") == ""
    # An image without a description gets the empty one (as `![](…)` does),
    # unless its title describes it; invalid numbers are dropped.
    assert render_markdown('<img src="https://example.org/a.png" width="x">') == (
        '<img src="https://example.org/a.png" alt="">'
    )
    assert render_markdown('<img src="https://example.org/a.png" title="Plan">') == (
        '<img src="https://example.org/a.png" title="Plan">'
    )
    assert render_markdown("<p>a<object><p>b</p></object>c</p>") == "<p>a</p><p>b</p><p>c</p>"
    assert render_markdown("<li>a</li><li>b</li>") == "<ul><li>a</li><li>b</li></ul>"
    assert render_markdown('<a href="tel:04531 12 34">Telefon</a>') == (
        '<p><a href="tel:04531%2012%2034" rel="noopener noreferrer">Telefon</a></p>'
    )


@pytest.mark.parametrize(
    ("source", "html"),
    [
        (
            "Fragen an <info@example.org> &amp; <https://example.org/a?b=1&c=2>.",
            '<p>Fragen an <a href="mailto:info@example.org" rel="noopener noreferrer">'
            "info@example.org</a> &amp; "
            '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">'
            "https://example.org/a?b=1&amp;c=2</a>.</p>",
        ),
        (
            'Das <abbr title="Familienzentrum &quot;Nord&quot;">FZ</abbr> 1 &lt; 2',
            '<p>Das <abbr title="Familienzentrum &quot;Nord&quot;">FZ</abbr> 1 &lt; 2</p>',
        ),
        (
            "| a | b |\n|---|---|\n| [x](https://example.org) | <bdi>y</bdi> |",
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            '<td><a href="https://example.org" rel="noopener noreferrer">x</a></td>\n'
            "<td><bdi>y</bdi></td>\n</tr>\n</tbody>\n</table>",
        ),
        (
            '![Plan](https://example.org/plan.png "Titel")',
            '<p><img src="https://example.org/plan.png" alt="Plan" title="Titel"></p>',
        ),
        (
            '- [**fett**](https://example.org "Titel")\n- <a href="#oben">oben</a>',
            '<ul>\n<li><a href="https://example.org" title="Titel" rel="noopener noreferrer">'
            '<strong>fett</strong></a></li>\n<li><a href="#oben" rel="noopener noreferrer">'
            "oben</a></li>\n</ul>",
        ),
    ],
)
def test_valid_html_comes_out_as_nh3_wrote_it(source: str, html: str) -> None:
    assert render_markdown(source) == html


def test_deep_nesting_is_repaired_without_recursion() -> None:
    html = render_markdown("<blockquote>" * 3000 + '<img src="javascript:x">x')
    assert "<img" not in html
    assert html.count("<blockquote>") == html.count("</blockquote>") > 100


OFFER = """\
title: Probe
summary: Angebot mit kaputtem HTML
description: |
{description}
categories: [meeting]
location: kita-sonne
schedule:
  - weekly: di
    time: 09:30-11:00
"""
PAGE = """\
---
title: Probeseite
menu: 5
---
{body}
"""


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    body = "\n\n".join(HOSTILE)
    root = tmp_path_factory.mktemp("sanitise")
    description = "\n".join(f"  {line}" if line else "" for line in body.splitlines())
    write_tree(
        root,
        {
            "content/test/site.yaml": SITE_YAML,
            "content/test/offers/probe.yaml": OFFER.format(description=description),
            "content/test/pages/probe.md": PAGE.format(body=body),
        },
    )
    return build_tree(root / "content", root / "output")


PAGES = ["test/de/angebote/probe/index.html", "test/de/probe/index.html"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_stripped_parts_are_well_formed(output: Path, page: str) -> None:
    main = soup(output / page).select_one("main")
    assert problems(main) == []
    text = main.get_text()
    for shown in ("Karte des Sozialraums", "Klick", "Referenz", "Anker", "Zelle", "im Absatz"):
        assert shown in text
    hrefs = [a["href"] for a in main.find_all("a")] + [i["src"] for i in main.find_all("img")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]


def _needs(*tools: Path) -> None:
    missing = [str(tool) for tool in tools if not tool.exists()]
    if missing or shutil.which("java") is None:
        pytest.fail(f"needs java and {', '.join(missing)} (run `make test`)", pytrace=False)


@pytest.mark.browser
def test_nu_checker_finds_no_error(output: Path) -> None:
    _needs(VNU)
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json"]
        + [str(output / page) for page in PAGES],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').split('/')[-3]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert not errors, "\n".join(errors)


@pytest.mark.browser
def test_axe_finds_no_violation(output: Path) -> None:
    _needs(AXE, CHROMIUM)
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.add_init_script(script=AXE.read_text(encoding="utf-8"))
        page.goto((output / PAGES[0]).as_uri())
        violations = page.evaluate(
            """async () => (await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
                v => `${v.id} (${v.impact}): ` + v.nodes.map(n => n.html).join(' | '))"""
        )
        browser.close()
    assert violations == []
