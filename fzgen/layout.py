"""The theme's page layout (base.html), rendered once per language and menu state.

Every page of a language shares its header, menus and footer; only a few
values differ (the title, the address, the JSON-LD). The layout is rendered
with markers in their place and split around the main block; pages extend a
thin stand-in for base.html that prints the two halves with the markers filled
in. Themes stay as they are: base.html is written and read like any layout,
and the output is the same byte for byte as rendering it for every page.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import BaseLoader, Environment, FileSystemLoader
from markupsafe import Markup, escape

LAYOUT = "base.html"
#: The theme's own base.html, under a name no page extends.
LAYOUT_SOURCE = "fzgen-layout/base.html"
#: What pages extend instead: the rendered layout's halves around their block.
_STAND_IN = "{{ shell[0] }}{% block main %}{% endblock %}{{ shell[1] }}"
#: Renders the layout with a mark where the main block goes.
SPLITTER = '{% extends "' + LAYOUT_SOURCE + '" %}{% block main %}<!--fzgen-main-->{% endblock %}'
_MAIN_MARK = "<!--fzgen-main-->"
#: Stand for the page's own values while the layout is rendered (no character needs escaping).
PATH_MARK = "fzgen-page-path"
TITLE_MARK = "fzgen-page-title"
JSON_LD_MARK = "<!--fzgen-json-ld-->"


class LayoutLoader(BaseLoader):
    """The theme's templates, but base.html as pages extend it is the stand-in."""

    def __init__(self, theme: FileSystemLoader) -> None:
        self.theme = theme

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template == LAYOUT:
            return _STAND_IN, None, lambda: True
        if template == LAYOUT_SOURCE:
            return self.theme.get_source(environment, LAYOUT)
        return self.theme.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return list(self.theme.list_templates())


def split_layout(html: str) -> tuple[str, str]:
    """The rendered layout's parts before and after the main block."""
    before, _, after = html.partition(_MAIN_MARK)
    return before, after


def fill_layout(
    shell: tuple[str, str], path: str, title: str, json_ld: Markup
) -> tuple[Markup, Markup]:
    """The layout's halves with one page's address, title and JSON-LD."""
    before, after = shell
    before = (
        before.replace(PATH_MARK, path)
        .replace(TITLE_MARK, str(escape(title)))
        .replace(JSON_LD_MARK, str(json_ld))
    )
    return Markup(before), Markup(after.replace(PATH_MARK, path))
