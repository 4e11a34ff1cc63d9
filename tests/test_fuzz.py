"""Property-based tests: whatever a file holds, fzgen answers with success or clean errors."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import snapshot

from fzgen.commands.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_OFFERS = sorted((ROOT / "content").glob("*/offers/[!_]*.yaml"))
FIELD_NAMES = [
    "title", "summary", "description", "categories", "audience", "languages", "schedule",
    "weekly", "monthly", "date", "time", "from", "until", "except", "location", "cost",
    "registration", "required", "image", "image_alt", "draft", "de", "tr", "ar",
]  # fmt: skip

FUZZ = settings(
    max_examples=int(os.environ.get("FZGEN_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["ja", "no", "01234", "10:30", "09:30-11:00", "2026-02-30", "free", "~", "kita-sonne"]
    ),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates().map(str),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)), children, max_size=5
        ),
    ),
    max_leaves=25,
)


def run_check(files: dict[str, str | bytes]) -> tuple[int, str]:
    """`fzgen check` on a fresh tree; returns exit code and everything printed."""
    folder = Path(tempfile.mkdtemp(prefix="fzgen-fuzz-"))
    try:
        write_tree(folder, files)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "--content", str(folder / "content")])
        return code, out.getvalue() + err.getvalue()
    finally:
        shutil.rmtree(folder)


def assert_clean(code: int, output: str, path: str) -> None:
    assert code in (0, 1), output
    assert "Traceback" not in output and "Interner Fehler" not in output, output
    if code == 1:
        heads = [line for line in output.splitlines() if line.startswith("Fehler: ")]
        assert heads, output
        assert all(line.startswith("Fehler: test") for line in heads), output


@FUZZ
@given(document=documents, target=st.sampled_from(["offers/zufall.yaml", "site.yaml"]))
def test_random_yaml_documents_as_offer_or_site(document, target):
    text = yaml.safe_dump(document, allow_unicode=True)
    code, output = run_check(site_tree({target: text}))
    assert_clean(code, output, f"test/{target}")


@FUZZ
@given(text=st.text(max_size=300))
def test_random_text_as_page(text):
    code, output = run_check(site_tree({"pages/zufall.md": text}))
    assert_clean(code, output, "test/pages/zufall.md")


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A valid file with a few typing accidents: lines lost, doubled, characters changed."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "insert", "truncate", "indent"]))
        if action == "drop":
            del lines[index]
        elif action == "double":
            lines.insert(index, lines[index])
        elif action == "insert":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.text(max_size=5)) + line[at:]
        elif action == "truncate":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        else:
            lines[index] = draw(st.sampled_from([" ", "\t", "  - "])) + lines[index]
    return "".join(lines)


@FUZZ
@given(data=st.data())
def test_mutated_sample_offers(data):
    source = data.draw(st.sampled_from([*SAMPLE_OFFERS, None]))
    text = source.read_text(encoding="utf-8") if source else OFFER_YAML
    offer = data.draw(mutated(text))
    code, output = run_check(site_tree({"offers/zufall.yaml": offer}))
    assert_clean(code, output, "test/offers/zufall.yaml")


@FUZZ
@given(site=mutated(SITE_YAML))
def test_mutated_site_yaml(site):
    code, output = run_check(site_tree({"site.yaml": site}))
    assert_clean(code, output, "test/site.yaml")


# --- whole content trees through `fzgen build` -------------------------------------------

unicode_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
)


@st.composite
def content_trees(draw: st.DrawFn) -> dict[str, str | bytes]:
    """A site with a few offers and pages, valid or broken in random places."""
    files: dict[str, str | bytes] = {}
    site = SITE_YAML
    if draw(st.booleans()):
        site = draw(mutated(site))
    files["content/test/site.yaml"] = site
    for index in range(draw(st.integers(0, 3))):
        offer = draw(st.sampled_from([*SAMPLE_OFFERS, None]))
        text = (
            offer.read_text(encoding="utf-8").replace("location:", "# location:")
            if offer
            else OFFER_YAML
        )
        if draw(st.booleans()):
            text = text.replace(
                "Elterncafé", draw(unicode_text).replace("\n", " ").replace("'", "")
            )
        if draw(st.booleans()):
            text = draw(mutated(text))
        files[f"content/test/offers/angebot-{index}.yaml"] = text
    for index in range(draw(st.integers(0, 2))):
        body = draw(st.text(max_size=200))
        title = draw(unicode_text).replace("\n", " ").replace('"', "")
        files[f"content/test/pages/seite-{index}.md"] = f'---\ntitle: "{title}"\n---\n{body}'
    if draw(st.booleans()):
        files["content/test/pages/seite-0.tr.md"] = draw(st.text(max_size=80))
    return files


@FUZZ
@given(files=content_trees())
def test_random_trees_build_or_fail_cleanly(files):
    from bs4 import BeautifulSoup

    folder = Path(tempfile.mkdtemp(prefix="fzgen-fuzz-"))
    try:
        write_tree(folder, site_tree())
        output = folder / "output"
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert (
                main(["build", "--content", str(folder / "content"), "--output", str(output)]) == 0
            )
        before = snapshot(output)
        shutil.rmtree(folder / "content")
        write_tree(folder, files)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["build", "--content", str(folder / "content"), "--output", str(output)])
        printed = out.getvalue() + err.getvalue()
        assert_clean(code, printed, "test")
        if code == 1:
            assert snapshot(output) == before, "a failed build changed the output"
            return
        for page in output.rglob("*.html"):
            tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert tree.html is not None and tree.html.get("lang"), page
            assert tree.find("script", type=lambda t: t != "application/ld+json") is None, page
    finally:
        shutil.rmtree(folder)


# --- hostile catalogues, addresses and file names (issue 16) ------------------------------


def run_build(files: dict[str, str | bytes]) -> tuple[int, str, Path, Path]:
    """`fzgen build` of a fresh tree; the caller removes the folder."""
    folder = Path(tempfile.mkdtemp(prefix="fzgen-fuzz-"))
    write_tree(folder, files)
    out, err = io.StringIO(), io.StringIO()
    output = folder / "output"
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", "--content", str(folder / "content"), "--output", str(output)])
    return code, out.getvalue() + err.getvalue(), folder, output


catalogue_texts = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(
            ["{organisation}", "{", "}", "{{", "}}", "{organisation.__class__}", "{0}",
             "{organisation!r}", "{organisation:>9}", "{organisation[0]}", "{x}", "Text "]
        ),
        max_size=6,
    ).map("".join),
)  # fmt: skip


@FUZZ
@given(text=catalogue_texts)
def test_hostile_catalogue_texts_fill_only_plain_names(text):
    secret = "fuzz-secret-4711"
    os.environ["FZGEN_FUZZ_SECRET"] = secret
    quoted = text.replace("'", "''")
    catalogue = f"footer:\n  organisation: '{quoted}'\n"
    code, printed, folder, output = run_build({**site_tree(), "translations/de.yaml": catalogue})
    try:
        assert code in (0, 1), printed
        assert "Traceback" not in printed and "Interner Fehler" not in printed, printed
        if code == 1:
            assert "translations/de.yaml" in printed, printed
        else:
            assert secret.encode() not in b"".join(p.read_bytes() for p in output.rglob("*.html"))
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(
    url=st.one_of(
        st.text(max_size=40).map(lambda t: "https://fz.example.org/" + t),
        st.text(max_size=40),
    )
)
def test_any_base_url_is_refused_or_reaches_every_file_escaped(url):
    import xml.etree.ElementTree as ET

    site = SITE_YAML + f"base_url: {json.dumps(url)}\n"
    code, printed, folder, output = run_build(site_tree({"site.yaml": site}))
    try:
        assert code in (0, 1), printed
        assert "Traceback" not in printed and "Interner Fehler" not in printed, printed
        if code == 0:
            ET.parse(output / "test/sitemap.xml")
            robots = (output / "test/robots.txt").read_text().splitlines()
            assert len(robots) == 3 and robots[2].startswith("Sitemap: https://"), robots
            error_document = (output / "test/.htaccess").read_text().splitlines()[-1]
            assert error_document.startswith("ErrorDocument 404 /"), error_document
            assert " " not in error_document.removeprefix("ErrorDocument 404 ")
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(name=st.text(min_size=1, max_size=20).filter(lambda n: "/" not in n and "\x00" not in n))
def test_any_file_name_is_published_or_refused_cleanly(name):
    if name in {".", ".."} or len(name.encode()) > 200:
        return
    code, printed, folder, output = run_build(site_tree({f"files/{name}": b"%PDF"}))
    try:
        assert code in (0, 1), printed
        assert "Traceback" not in printed and "Interner Fehler" not in printed, printed
        manifest = output / ".fzgen-manifest"
        if code == 0 and manifest.exists() and not name.startswith(("_", ".")):
            assert (output / "test/files" / name).read_bytes() == b"%PDF"
    finally:
        shutil.rmtree(folder)
