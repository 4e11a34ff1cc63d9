"""fzgen's compiled templates print the same bytes as Jinja's own compiler would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from fzgen.build.pipeline import load
from fzgen.build.workers import portal_entry, render_content, render_portal
from fzgen.project import find_project
from fzgen.render.environment import make_environment

ROOT = Path(__file__).resolve().parent.parent


def rendered(plain: bool) -> dict[str, bytes]:
    project = find_project(ROOT / "content", ROOT / "output")
    content = load(project)
    env = make_environment(project, plain=plain)
    files: dict[str, bytes] = {}
    render_content(content, project, dt.date(2026, 11, 25), files.update, env=env, processes=1)
    files.update(render_portal([portal_entry(site) for site in content.sites], env))
    return files


def test_every_sample_file_is_the_same_as_with_jinjas_own_code_generator():
    ours, jinjas = rendered(plain=False), rendered(plain=True)
    assert ours.keys() == jinjas.keys()
    assert len([path for path in ours if path.endswith(".html")]) > 100
    assert [path for path in ours if ours[path] != jinjas[path]] == []


def test_printed_values_are_escaped_unless_prepared_as_html():
    env = make_environment(find_project(ROOT / "content", ROOT / "output"))
    template = env.from_string("{{ a }}|{{ b }}|{{ c }}|{{ f('<i>') }}|{{ f(x='&') }}")
    html = template.render(a="<script>", b=Markup("<b>ok</b>"), c=3, f=lambda x: x)
    assert html == "&lt;script&gt;|<b>ok</b>|3|&lt;i&gt;|&amp;"
    assert env.from_string("{{ a }}").render(a="'\"&") == "&#39;&#34;&amp;"


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


def test_calls_with_unpacked_arguments_go_jinjas_way():
    """They once crashed the code generator (its visit_Call takes forward_caller by name)."""
    project = find_project(ROOT / "content", ROOT / "output")
    source = "{{ f(*a) }}|{{ f(**k) }}|{{ f(1, *a, y=2, **k) }}|{{ f(class=1) }}"
    values = {"f": lambda *a, **k: f"{a}{sorted(k.items())}", "a": [3, 4], "k": {"z": "<"}}
    ours = make_environment(project).from_string(source).render(values)
    assert ours == make_environment(project, plain=True).from_string(source).render(values)
    assert ours.startswith("(3, 4)[]|()[(&#39;z&#39;, &#39;&lt;&#39;)]|")
