"""The one Jinja environment of a run, and what its templates compile to."""

from __future__ import annotations

from collections.abc import MutableMapping
from keyword import iskeyword
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Call, Expr, Getattr, Node
from markupsafe import Markup, escape

from fzgen.pages.views import mailto, phone_href
from fzgen.project import Project
from fzgen.render.layout import LayoutLoader

try:  # markupsafe's C escaping of a str, without wrapping the result in a new Markup
    from markupsafe import _escape_inner as escape_text  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a markupsafe without it

    def escape_text(text: str, /) -> str:
        return str(escape(text))


def print_value(value: object) -> str:
    """What `{{ value }}` prints: prepared HTML (Markup) as it is, anything else escaped.

    Jinja's own `escape(value)` makes a new copy of every Markup in Python code,
    and wraps every escaped str in a new Markup: the page only joins them.
    """
    kind = type(value)
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is str:
        return escape_text(value)  # type: ignore[arg-type]
    return escape(value)


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator with shortcuts in the code templates compile to.

    - `{{ value }}` calls `print_value` instead of `escape`.
    - A call like `t("offer.when")` calls the function itself. Jinja routes it
      through `Context.call`, which looks for `@pass_context` and its kind on
      every call: about ten times the cost of the call. Nothing fzgen hands to
      its templates takes the context, and neither do Jinja's own globals
      (tests/test_templating.py renders every page both ways).
    - `offer.title` reads the attribute with Python's getattr where there is
      one; Jinja's environment.getattr (attribute, then item) only where not.
    - A block, and a parent template, hand their output up as one string.
    """

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is None:
            self.write("environment.print_value(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def writeline(self, x: str, node: Node | None = None, extra: int = 0) -> None:
        # A block's and a parent template's pieces pass through every generator
        # around them; joined where they are made, each level passes one string.
        for nested in ("context.blocks[", "parent_template.root_render_func("):
            if x.startswith(f"yield from {nested}"):
                x = f"yield concat({x.removeprefix('yield from ')})"
        super().writeline(x, node, extra)

    def visit_Getattr(self, node: Getattr, frame: Frame) -> None:
        if self.environment.is_async or self.environment.sandboxed:
            super().visit_Getattr(node, frame)
            return
        # The object is evaluated once, into `owner`, for the fallback.
        value, owner = self.temporary_identifier(), self.temporary_identifier()
        self.write(f"({value} if ({value} := getattr(({owner} := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing ")
        self.write(f"else environment.getattr({owner}, {node.attr!r}))")

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
            super().visit_Call(node, frame, forward_caller)
            return
        self.visit(node.node, frame)
        self.write("(")
        for position, argument in enumerate([*node.args, *node.kwargs]):
            if position:
                self.write(", ")
            self.visit(argument, frame)
        self.write(")")


class _Environment(Environment):
    """Jinja's environment, with each template's globals in a plain dict.

    Jinja layers a template's globals over the environment's in a ChainMap and
    copies them into every render's context: iterating a ChainMap is Python
    code, and a build renders tens of thousands of templates and partials. Our
    globals never change once a template is loaded (Jinja asks for that too),
    so a dict made when the template is loaded holds the same.
    """

    code_generator_class = _CodeGenerator
    print_value = staticmethod(print_value)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def make_environment(
    project: Project, environment: type[Environment] = _Environment
) -> Environment:
    """The one Jinja environment of a run: autoescaped, strict about undefined names.

    `environment` is for tests: Jinja's own class renders the same pages.
    """
    env = environment(
        loader=LayoutLoader(FileSystemLoader(project.theme_dir / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates do not change during a run: no stat() per get_template,
        # and a plain dict for a cache (Jinja's LRU cache takes a lock per look-up).
        auto_reload=False,
        cache_size=-1,
    )
    env.filters["mailto"] = mailto
    env.filters["tel"] = phone_href
    return env
