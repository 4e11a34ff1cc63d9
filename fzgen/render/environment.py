"""The one Jinja environment of a run: the theme's templates, compiled once; errors with places."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from keyword import iskeyword
from pathlib import Path
from types import CodeType
from typing import Any, NoReturn

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    meta,
    select_autoescape,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Call
from markupsafe import Markup, escape

from fzgen.errors import ContentError, Diagnostic
from fzgen.pages.facts import phone_href
from fzgen.pages.markup import FALLBACK_CLASS
from fzgen.pages.views import mailto
from fzgen.project import Project
from fzgen.render.theme_errors import missing_template, theme_diagnostic
from fzgen.theme.folder import ThemeFolder

#: What a title, summary, description or body in the source language carries
#: (`fzgen.pages.markup`); a fragment's `class="fallback fragment"` and a name do not.
FALLBACK_ATTRIBUTE = f'class="{FALLBACK_CLASS}"'


def with_fallback(html: object) -> bool:
    """`{% if main_html is with_fallback %}`: the HTML shows a title, summary, description
    or body in the source language (short fragments and proper names do not count)."""
    return FALLBACK_ATTRIBUTE in (html if isinstance(html, str) else str(html))


def print_value(value: object) -> str:
    """What `{{ value }}` prints: the same as markupsafe's escape, without making a new
    Markup of every value (prepared HTML as it is, text escaped)."""
    if type(value) is Markup:
        return value
    # Five `in` tests on a short text are faster than one regular expression.
    if type(value) is str and not (
        "&" in value or "<" in value or ">" in value or '"' in value or "'" in value
    ):
        return value
    return escape(value)


class FastCodeGenerator(CodeGenerator):
    """Jinja's code generator with one shortcut, on its public visitor method.

    A call like `t("offer.when")` calls the function itself. Jinja routes it
    through `Context.call`, which looks for `@pass_context` and its kind on every
    call: about ten times the cost of the call; without this, rendering takes
    about 12 % longer (measured on the bench content).
    Nothing fzgen hands to its templates takes the context, and neither do
    Jinja's own globals; a call with `*args`, `**kwargs`, a keyword named like a
    Python keyword or a `{% call %}` goes Jinja's way (tests/test_templating.py
    renders every page both ways).
    """

    def visit_Call(self, node: Call, frame: Frame, forward_caller: bool = False) -> None:
        plain = not (
            forward_caller
            or node.dyn_args
            or node.dyn_kwargs
            or self.environment.is_async
            or self.environment.sandboxed
            or any(iskeyword(keyword.key) for keyword in node.kwargs)
        )
        if not plain:
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.visit(node.node, frame)
        self.write("(")
        for position, argument in enumerate([*node.args, *node.kwargs]):
            if position:
                self.write(", ")
            self.visit(argument, frame)
        self.write(")")


class ThemeTemplate(Template):
    """A template whose `{{ value }}` prints through `print_value`.

    Jinja's compiled code prints each value through the name `escape` of the
    template's module (markupsafe.escape, a Python function that wraps every
    result in a new Markup); with it, rendering takes about 23 % longer. The name
    is replaced where it is markupsafe's escape; were it ever named otherwise,
    pages would print the same, only slower.
    """

    @classmethod
    def from_code(
        cls,
        environment: Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        namespace = getattr(template.root_render_func, "__globals__", None)
        if isinstance(namespace, dict) and namespace.get("escape") is escape:
            namespace["escape"] = print_value
        return template


class ThemeEnvironment(Environment):
    """Jinja's environment for one theme; an error in a template becomes a diagnostic
    naming the template's file and line (a ContentError), not a traceback."""

    code_generator_class: type[CodeGenerator] = FastCodeGenerator
    template_class = ThemeTemplate

    def __init__(self, theme: ThemeFolder) -> None:
        super().__init__(
            loader=FileSystemLoader(theme.templates),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates do not change during a run: no stat() per get_template,
            # and a plain dict for a cache (Jinja's LRU cache takes a lock per look-up).
            auto_reload=False,
            cache_size=-1,
        )
        self.theme = theme
        self.filters["mailto"] = mailto
        self.filters["tel"] = phone_href
        self.tests["with_fallback"] = with_fallback
        self._compiled = False
        self._reads: dict[str, frozenset[str]] = {}

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        # Jinja layers a template's globals over the environment's in a ChainMap
        # and copies them into every render's context; iterating a ChainMap is
        # Python code (rendering takes about 10 % longer). Our globals never change
        # once a template is loaded (Jinja asks for that too): a plain dict holds the same.
        return {**self.globals, **(d or {})}

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """Jinja's traceback rewriting, then a template's error made a ContentError
        with the template's file and line; fzgen's own errors pass unchanged."""
        try:
            super().handle_exception(source)
        except Exception as error:
            diagnostic = theme_diagnostic(error, self.theme)
            if diagnostic is None:
                raise
            raise ContentError([diagnostic]) from None

    def compile_theme(self) -> None:
        """Compile every template of the theme now, once: each syntax error is reported
        with its file and line before a page is rendered (ContentError)."""
        if self._compiled:
            return
        found: list[Diagnostic] = []
        for name in self.list_templates(filter_func=lambda name: name.endswith(".html")):
            try:
                self.get_template(name)
            except ContentError as error:
                found += error.diagnostics
        if found:
            raise ContentError(found)
        self._compiled = True

    def reads(self, name: str) -> frozenset[str]:
        """The names template `name` itself reads from its context (not those of the
        templates it extends or includes); made once per template."""
        names = self._reads.get(name)
        if names is None:
            source = self.template(name).filename
            text = Path(source).read_text(encoding="utf-8") if source else ""
            names = frozenset(meta.find_undeclared_variables(self.parse(text)))
            self._reads[name] = names
        return names

    def template(self, name: str) -> Template:
        """A template by name; one the theme lacks is a ContentError naming it."""
        try:
            return self.get_template(name)
        except TemplateNotFound:
            raise ContentError([missing_template(self.theme, name)]) from None


def make_environment(project: Project, plain: bool = False) -> ThemeEnvironment:
    """The one Jinja environment of a run: autoescaped, strict about undefined names.

    `plain` is for tests: without fzgen's shortcuts, Jinja renders the same pages.
    """
    theme = ThemeFolder(project.theme_dir, project.content_dir.parent)
    return PlainThemeEnvironment(theme) if plain else ThemeEnvironment(theme)


class PlainThemeEnvironment(ThemeEnvironment):
    """The same environment without fzgen's shortcuts: Jinja's own code generator,
    templates and globals (the tests compare what both render)."""

    code_generator_class = CodeGenerator
    template_class = Template

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return Environment.make_globals(self, d)
