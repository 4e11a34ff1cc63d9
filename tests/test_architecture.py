"""The data flows one way, and the folder shows it: content → theme → pages → render →
output, the pipeline (build) on top of them, the commands on top of all.

Read from the code: every `import` of an fzgen module, also those only made for
type checking, is an arrow; only the arrows below are allowed, and no module
reaches itself through them.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fzgen"
#: The stages in order, and what each may import besides itself.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "messages": {"errors"},
    "project": {"errors"},
    "content": {"errors", "messages", "project"},
    "theme": {"errors", "messages", "project", "content"},
    "pages": {"errors", "messages", "project", "content", "theme"},
    "render": {"errors", "messages", "project", "content", "theme", "pages"},
    "output": {"errors", "messages", "render"},
    "build": {"errors", "messages", "project", "content", "theme", "pages", "render", "output"},
    "report": {"errors", "messages", "project", "content", "theme", "pages"},
    "commands": {
        "errors", "messages", "project", "content", "theme", "pages", "render", "output", "build",
        "report", "editor",
    },
    "editor": {
        "errors", "messages", "project", "content", "theme", "pages", "render", "output", "build",
        "report",
    },
}  # fmt: skip
#: Stages whose modules write files; only `output` writes into the output folder.
WRITERS = {"output"}
#: Module size a newcomer can read in one go (lines), and function size (lines).
MODULE_LINES, FUNCTION_LINES = 420, 60


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """The fzgen modules a file imports, as dotted names (`fzgen.content.loader`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fzgen"):
            if node.module == "fzgen":  # `from fzgen import __version__`
                continue
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("fzgen.")}
    return names


def stage(module: str) -> str:
    return module.split(".")[1]


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def test_every_module_belongs_to_a_stage():
    assert {stage(m) for m in MODULES if m != "fzgen"} <= set(ALLOWED)


def test_only_the_allowed_arrows_between_stages():
    wrong = {
        module: sorted(
            target
            for target in imported_modules(path)
            if stage(target) not in {stage(module), *ALLOWED[stage(module)]}
        )
        for module, path in MODULES.items()
        if module != "fzgen"
    }
    assert {module: targets for module, targets in wrong.items() if targets} == {}


def test_no_module_reaches_itself():
    graph = {module: imported_modules(path) & set(MODULES) for module, path in MODULES.items()}
    cycles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            module, trail = stack.pop()
            for target in graph[module]:
                if target == start:
                    cycles.append(" → ".join((*trail, target)))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, (*trail, target)))
    assert cycles == []


def test_only_the_output_stage_imports_the_writer():
    importers = {
        stage(module)
        for module, path in MODULES.items()
        if "fzgen.output.write" in imported_modules(path) and module != "fzgen.output.write"
    }
    assert importers <= WRITERS | {"build", "commands"}, importers


def test_modules_and_functions_stay_readable():
    too_long = []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MODULE_LINES:
            too_long.append(f"{module}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    too_long.append(f"{module}.{node.name}: {length} lines")
    assert too_long == []
