"""Model + theme → pages in memory. Never writes."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from fzgen.fields import Text
from fzgen.load import Content, SiteContent
from fzgen.project import Project


def make_environment(project: Project) -> Environment:
    """The one Jinja environment of a run: autoescaped, strict about undefined names."""
    return Environment(
        loader=FileSystemLoader(project.theme_dir / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def localise(text: Text | None, language: str) -> str:
    """The text in `language`, else in the source language."""
    if text is None:
        return ""
    return text.get(language) or text.original


def render_site(site: SiteContent, env: Environment) -> dict[str, bytes]:
    """Every file of one site."""
    files: dict[str, bytes] = {}
    template = env.get_template("home.html")
    for language in site.languages:
        html = template.render(site=site, language=language, t=localise)
        files[f"{site.slug}/{language}/index.html"] = html.encode()
    return files


def render_content(
    content: Content, project: Project, only_site: str | None = None
) -> dict[str, bytes]:
    """Every file of the output folder (only one site's and the portal with `only_site`)."""
    env = make_environment(project)
    files: dict[str, bytes] = {}
    for site in content.sites:
        if only_site is None or site.slug == only_site:
            files.update(render_site(site, env))
    files["index.html"] = (
        env.get_template("portal.html").render(content=content, t=localise).encode()
    )
    return files
