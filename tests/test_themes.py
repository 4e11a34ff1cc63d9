"""A project's own theme: any Jinja anywhere, everything under static/ published, and
errors in templates named by file and line (exit 1), never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import site_tree, write_tree
from markupsafe import Markup, escape
from sitebuild import EPOCH, fixed_day, soup

from fzgen.build.live import LiveBuild
from fzgen.errors import ContentError
from fzgen.project import find_project
from fzgen.render.environment import make_environment, print_value
from fzgen.theme.catalogue import language_own_name

ROOT = Path(__file__).resolve().parent.parent
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-site project with its own copy of the default theme (themes/default wins)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_tree(tmp_path, site_tree())
    shutil.copytree(ROOT / "themes" / "default", tmp_path / "themes" / "default")
    return tmp_path


def templates(project: Path) -> Path:
    return project / "themes" / "default" / "templates"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# --- any Jinja in base.html, static files ------------------------------------------


def test_base_html_is_rendered_by_jinja_as_written(project, fzgen):
    base = templates(project) / "base.html"
    edit(base, "<title>{{ title }}", "<title>{{ title|upper }}")
    edit(
        base,
        "</head>",
        '{% if offer is defined %}<meta name="kind" content="offer {{ offer.slug }}">{% endif %}\n'
        '<link rel="icon" href="{{ root }}icons/fz.svg">\n</head>',
    )
    edit(
        base,
        '<p class="site-name">',
        '<p class="site-name"><img class="logo" src="{{ root }}logo.svg" alt="">',
    )
    static = project / "themes" / "default" / "static"
    write_tree(static, {"logo.svg": LOGO, "icons/fz.svg": LOGO, ".DS_Store": b"x", ".git/x": "y"})
    result = fzgen(project, "build")
    assert result.code == 0, result.err
    site = project / "output" / "test"
    offer = soup(site / "de/angebote/elterncafe/index.html")
    assert offer.title.get_text().startswith("ELTERNCAFÉ – ")
    assert offer.select_one('meta[name="kind"]')["content"] == "offer elterncafe"
    home = soup(site / "de/index.html")
    assert home.title.get_text().startswith("FAMILIENZENTRUM TESTHAUSEN")
    assert home.select_one('meta[name="kind"]') is None
    # Everything under static/ is published next to style.css, subfolders too.
    assert (site / "logo.svg").read_bytes() == LOGO
    assert (site / "icons/fz.svg").read_bytes() == LOGO
    # Stylesheets lose only their comments, indentation and blank lines.
    published = (site / "style.css").read_text(encoding="utf-8")
    assert "/*" not in published and published.count("{") == (static / "style.css").read_text(
        encoding="utf-8"
    ).count("{")
    assert not (site / ".DS_Store").exists() and not (site / ".git").exists()
    for page in (site / "de/index.html", site / "tr/angebote/elterncafe/index.html"):
        logo = soup(page).select_one("img.logo")["src"]
        assert (page.parent / logo).resolve() == (site / "logo.svg").resolve()


def test_a_theme_needs_the_offer_partials_only_where_it_shows_them(project, fzgen):
    for partial in ("offer_card.html", "programme_entry.html"):
        (templates(project) / "partials" / partial).unlink()
    edit(
        templates(project) / "offers.html", "{{ cards[offer.slug] }}", "<li>{{ offer.title }}</li>"
    )
    edit(templates(project) / "programme.html", "{{ programme_entries[entry.offer.slug] }}", "")
    result = fzgen(project, "build")
    assert result.code == 0, result.err
    page = soup(project / "output/test/de/angebote/index.html")
    assert page.select_one("ul.cards li").get_text() == "Elterncafé"


def test_the_preview_publishes_the_themes_static_files(project):
    write_tree(project / "themes" / "default" / "static", {"fonts/a.woff2": b"\0font"})
    live = LiveBuild(find_project(project / "content", project / "preview"))
    with fixed_day():
        live.full()
    assert (project / "preview/test/fonts/a.woff2").read_bytes() == b"\0font"


def test_the_fallback_notice_is_plain_jinja_in_base_html(project, fzgen):
    base = templates(project) / "base.html"
    edit(
        base,
        '{% if main_html is with_fallback %}<p class="fallback-page">',
        '{% if main_html is with_fallback %}<p class="fallback-page" data-own="yes">',
    )
    assert fzgen(project, "build").code == 0
    site = project / "output" / "test"
    # The offer has no English title: its page is partly German and says so, once.
    english = soup(site / "en/angebote/elterncafe/index.html")
    assert [p["data-own"] for p in english.select("main .fallback-page")] == ["yes"]
    # Only <main> counts: the German site name in the header makes no notice.
    privacy = soup(site / "en/datenschutz/index.html")
    assert privacy.select("header .fallback") != []
    assert privacy.select("main .fallback") == privacy.select(".fallback-page") == []


def test_printed_values_are_what_markupsafe_escapes():
    for value in ["", "plain", "a&b", "<i>", "'\"", "ä ü ß", 3, None, Markup("<b>"), 1.5]:
        assert print_value(value) == str(escape(value)), value

    class Html:
        def __html__(self) -> str:
            return "<em>ok</em>"

    assert print_value(Html()) == "<em>ok</em>"


# --- errors have positions -------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_syntax_error_in_base_html_names_file_and_line(project, fzgen, command):
    base = templates(project) / "base.html"
    edit(base, "<footer", "{% if lang %}\n<footer")
    edit(templates(project) / "page.html", "{{ body }}", "{{ body|nosuchfilter }}")
    result = fzgen(project, command)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err and "Interner Fehler" not in result.err
    assert "themes/default/templates/base.html, Zeile" in result.err
    line = line_of(templates(project) / "page.html", "nosuchfilter")
    assert f"themes/default/templates/page.html, Zeile {line}" in result.err
    assert "kein gültiges Jinja" in result.err
    assert not (project / "output").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_undefined_name_in_a_page_template_names_file_and_line(
    project, fzgen, monkeypatch, workers
):
    monkeypatch.setenv("FZGEN_WORKERS", workers)
    offer = templates(project) / "offer.html"
    edit(offer, "<h1>{{ offer.title }}</h1>", "<h1>{{ offer.title }}{{ nonexistent.x }}</h1>")
    result = fzgen(project, "build")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err and "Interner Fehler" not in result.err
    line = line_of(offer, "nonexistent")
    assert f"themes/default/templates/offer.html, Zeile {line}" in result.err
    assert "'nonexistent' is undefined" in result.err
    assert not (project / "output").exists()
    english = fzgen(project, "build", "--lang", "en")
    assert english.code == 1
    assert f"themes/default/templates/offer.html, line {line}" in english.err
    assert "does not exist here" in english.err


def test_check_renders_and_finds_an_error_in_a_template(project, fzgen):
    partial = templates(project) / "partials" / "offer_card.html"
    edit(partial, "<p>{{ offer.summary }}</p>", "<p>{{ offer.summary - 2 }}</p>")
    result = fzgen(project, "check")
    assert result.code == 1, result.err
    line = line_of(partial, "offer.summary - 2")
    assert f"themes/default/templates/partials/offer_card.html, Zeile {line}" in result.err


def test_a_failing_filter_and_a_missing_template_are_the_themes(project, fzgen):
    home = templates(project) / "home.html"
    edit(home, "<h1>{{ site_name }}</h1>", "<h1>{{ site_name|round }}</h1>")
    result = fzgen(project, "build")
    assert result.code == 1, result.err
    assert f"templates/home.html, Zeile {line_of(home, '|round')}" in result.err
    assert "TypeError" in result.err and "Traceback" not in result.err
    edit(home, "{{ site_name|round }}", '{% include "partials/nowhere.html" %}')
    result = fzgen(project, "build")
    assert result.code == 1, result.err
    assert "„partials/nowhere.html“ gibt es im Design nicht" in result.err
    (templates(project) / "network.html").unlink()
    edit(home, '{% include "partials/nowhere.html" %}', "")
    result = fzgen(project, "build")
    assert result.code == 1, result.err
    assert "„network.html“ gibt es im Design nicht" in result.err
    assert "themes/default/templates" in result.err


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_broken_project_catalogue_stops_the_run_though_no_site_reads_it(
    project, fzgen, monkeypatch, workers
):
    """It was read only where a build forked workers: one process ignored it."""
    monkeypatch.setenv("FZGEN_WORKERS", workers)
    write_tree(project, {"translations/fa.yaml": "nav:\n  home: [offen\n"})
    for command in ("check", "build"):
        result = fzgen(project, command)
        assert result.code == 1, result.err
        assert "translations/fa.yaml, Zeile 2" in result.err
    assert not (project / "output").exists()


def test_a_bug_of_fzgen_called_from_a_template_stays_an_internal_error(project, fzgen, monkeypatch):
    """The nearest code an error came through decides: here fzgen's own, so exit 3."""
    monkeypatch.setenv("FZGEN_WORKERS", "1")
    monkeypatch.setattr("fzgen.render.environment.mailto", language_own_name)
    result = fzgen(project, "build")
    assert result.code == 3, result.err
    assert "Interner Fehler" in result.err


def test_theme_errors_are_content_errors_for_the_preview(project):
    edit(templates(project) / "contact.html", '{{ t("contact.intro") }}', "{{ 1 // 0 }}")
    live = LiveBuild(find_project(project / "content", project / "preview"))
    with fixed_day(), pytest.raises(ContentError) as error:
        live.full()
    [diagnostic] = error.value.diagnostics
    assert diagnostic.path == "themes/default/templates/contact.html"
    assert diagnostic.code == "theme_render"
    assert diagnostic.line == line_of(templates(project) / "contact.html", "1 // 0")


def test_every_syntax_error_of_the_theme_at_once(project):
    edit(templates(project) / "home.html", "{% endblock %}", "")
    edit(templates(project) / "partials/macros.html", "{%- endmacro %}", "{%- endmacr %}")
    env = make_environment(find_project(project / "content", project / "output"))
    with pytest.raises(ContentError) as error:
        env.compile_theme()
    paths = sorted(d.path for d in error.value.diagnostics)
    assert paths == [
        "themes/default/templates/home.html",
        "themes/default/templates/partials/macros.html",
    ]
    assert all(d.code == "theme_syntax" and d.line for d in error.value.diagnostics)
