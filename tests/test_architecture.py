"""The data flows one way: load → pages/render → write, and only the pipeline writes."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fzgen"
#: Modules that hand rendered files to `fzgen.write`; nothing that renders may.
WRITERS = {"build", "live", "write"}
#: Stages that must not reach back to a later one.
NEVER = {
    "load": {"render", "pages", "layout", "workers", "write", "build", "live", "serve", "cli"},
    "pages": {"render", "write", "build", "live", "serve", "cli"},
    "layout": {"render", "write", "build", "live", "serve", "cli"},
    "render": {"workers", "write", "build", "live", "serve", "cli"},
    "workers": {"write", "build", "live", "serve", "cli"},
    "write": {"load", "render", "pages", "build", "live", "serve", "cli"},
    "build": {"live", "serve", "cli"},
    "live": {"serve", "cli"},
}


def imported_modules(path: Path) -> set[str]:
    """The fzgen modules a file imports (`fzgen.render` → `render`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fzgen."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("fzgen.")}
    return names


def test_only_the_pipeline_imports_the_writer():
    importers = {p.stem for p in PACKAGE.glob("*.py") if "write" in imported_modules(p)}
    assert importers <= WRITERS, importers - WRITERS


def test_no_stage_imports_a_later_one():
    found = {
        module: sorted(imported_modules(PACKAGE / f"{module}.py") & later)
        for module, later in NEVER.items()
    }
    assert {module: names for module, names in found.items() if names} == {}
