"""fzgen's compiled templates print the same bytes as Jinja's own compiler would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from jinja2 import Environment, UndefinedError
from markupsafe import Markup

from fzgen.build.pipeline import load
from fzgen.build.workers import portal_entry, render_content, render_portal
from fzgen.project import find_project
from fzgen.render.environment import make_environment, print_value

ROOT = Path(__file__).resolve().parent.parent


def rendered(environment: type[Environment] | None) -> dict[str, bytes]:
    project = find_project(ROOT / "content", ROOT / "output")
    content = load(project)
    env = (
        make_environment(project) if environment is None else make_environment(project, environment)
    )
    files: dict[str, bytes] = {}
    render_content(content, project, dt.date(2026, 11, 25), files.update, env=env, processes=1)
    files.update(render_portal([portal_entry(site) for site in content.sites], env))
    return files


def test_every_sample_file_is_the_same_as_with_jinjas_own_code_generator():
    ours, jinjas = rendered(None), rendered(Environment)
    assert ours.keys() == jinjas.keys()
    assert len([path for path in ours if path.endswith(".html")]) > 100
    assert [path for path in ours if ours[path] != jinjas[path]] == []


def test_printed_values_are_escaped_unless_prepared_as_html():
    env = make_environment(find_project(ROOT / "content", ROOT / "output"))
    template = env.from_string("{{ a }}|{{ b }}|{{ c }}|{{ f('<i>') }}|{{ f(x='&') }}")
    html = template.render(a="<script>", b=Markup("<b>ok</b>"), c=3, f=lambda x: x)
    assert html == "&lt;script&gt;|<b>ok</b>|3|&lt;i&gt;|&amp;"
    assert print_value("'\"&") == "&#39;&#34;&amp;"


def test_attributes_items_and_missing_names_as_jinja_has_them():
    env = make_environment(find_project(ROOT / "content", ROOT / "output"))
    template = env.from_string("{{ link.href }}|{{ links.offers }}|{{ links.offers.upper() }}")
    link = Markup("x")  # a str: `.href` is missing, and `links` is a dict
    html = template.render(link=type("Link", (), {"href": "a/"})(), links={"offers": "b/"})
    assert html == "a/|b/|B/"
    with pytest.raises(UndefinedError):
        env.from_string("{{ link.nowhere }}").render(link=link)
    with pytest.raises(UndefinedError):
        env.from_string("{{ nothing.at_all }}").render()
