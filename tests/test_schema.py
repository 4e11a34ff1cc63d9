"""JSON Schemas for editors: up to date, and the sample files pass them as an editor reads YAML."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from fzgen.content.schema import schema_files

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "content").glob("*/site.yaml")) + sorted(
    (ROOT / "content").glob("*/offers/[!_]*.yaml")
)


def as_editor_reads(text: str) -> Any:
    """YAML 1.2 as VS Code's YAML extension reads it; dates stay text."""
    data = YAML(typ="safe", pure=True).load(io.StringIO(text))

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return plain(data)


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_committed_schemas_are_up_to_date():
    for name, data in schema_files().items():
        assert (ROOT / "schemas" / name).read_bytes() == data, f"run `fzgen schema` ({name})"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(ROOT / "content").as_posix())
def test_sample_files_pass_their_schema(path):
    text = path.read_text(encoding="utf-8")
    name = "site.schema.json" if path.name == "site.yaml" else "offer.schema.json"
    assert text.startswith("# yaml-language-server: $schema=") and name in text.splitlines()[0]
    errors = sorted(validator(name).iter_errors(as_editor_reads(text)), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_schema_catches_a_typo_and_helps_in_german():
    offer = validator("offer.schema.json")
    errors = list(
        offer.iter_errors({"titel": "x", "summary": "y", "categories": ["meeting"], "schedule": []})
    )
    assert any("titel" in e.message for e in errors)
    schema = json.loads((ROOT / "schemas/offer.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["title"]["title"] == "Titel"
    assert "Markdown" in schema["properties"]["description"]["description"]


def test_schema_command_writes_the_files(tmp_path, fzgen):
    result = fzgen(tmp_path, "schema", "--output", "schemas")
    assert result.code == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(schema_files())


def _properties(schema: dict[str, Any], where: str) -> Any:
    """Every field of a schema with where it stands, nested models and inline mappings too."""
    for name, field in schema.get("properties", {}).items():
        yield f"{where}.{name}", field
        for option in field.get("anyOf", []):
            if option.get("type") == "object" and "properties" in option:
                yield from _properties(option, f"{where}.{name}")


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_field_has_a_title_and_help_from_the_catalogue(language):
    """The editor's labels and VS Code's hints come from here: a field without its own
    words showed pydantic's English name (`Ls Checked`, `Accent`) to coordinators."""
    missing = []
    for file, data in schema_files(language).items():
        schema = json.loads(data)
        parts = [(file, schema)] + [(f"{file}#{n}", d) for n, d in schema.get("$defs", {}).items()]
        for where, part in parts:
            for name, field in _properties(part, where):
                if not field.get("description") or not field.get("title"):
                    missing.append(name)
    assert missing == []
