"""The package as pip installs it: theme, catalogues and templates inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_theme_catalogues_and_templates(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    names = set(zipfile.ZipFile(next(tmp_path.glob("fzgen-*.whl"))).namelist())
    languages = {p.stem for p in (ROOT / "translations").glob("*.yaml")}
    assert {f"fzgen/catalogues/{code}.yaml" for code in languages} <= names
    templates = {
        p.relative_to(ROOT / "themes").as_posix()
        for p in (ROOT / "themes").rglob("*")
        if p.is_file()
    }
    assert {f"fzgen/themes/{path}" for path in templates} <= names
    assert {"fzgen/preview/error.html", "fzgen/templates/new/site.yaml"} <= names
    assert "fzgen/content/enforcement_bodies.yaml" in names  # the statement's table
    assert {"fzgen/messages/de.yaml", "fzgen/messages/en.yaml"} <= names
    editor = {"fzgen/editor/server.py", "fzgen/editor/templates/form.html", "fzgen/report/html.py"}
    assert editor | {"fzgen/editor/static/editor.css", "fzgen/editor/static/editor.js"} <= names
    guides = {"fzgen/docs/anleitung.md", "fzgen/docs/inhalte.md"}  # `fzgen hilfe` names them
    assert guides | {"fzgen/templates/examples.yaml"} <= names


def test_ci_templates_check_and_build():
    import yaml

    github = yaml.safe_load((ROOT / "docs/ci/github-actions.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((ROOT / "docs/ci/gitlab-ci.yml").read_text(encoding="utf-8"))
    github_steps = [
        step.get("run", "") for job in github["jobs"].values() for step in job.get("steps", [])
    ]
    assert any("fzgen check" in run for run in github_steps)
    assert any("fzgen build" in run for run in github_steps)
    assert any("fzgen check" in line for line in gitlab["pruefen"]["script"])
    assert any("fzgen build --output public" in line for line in gitlab["pages"]["script"])
    assert [p.rstrip("/") for p in gitlab["pages"]["artifacts"]["paths"]] == ["public"]
