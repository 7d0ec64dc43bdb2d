"""MkDocs hook: file-format reference pages generated from the models tailor validates with.

A page writes ``<!-- tailor:model tailor.model:Article -->`` and gets, at build time, one
table per model (the named one and every model it uses) listing each field's type, whether
it is required or its default, its constraints and its description. The reference is
therefore the model itself, never a copy that drifts from it.
"""

from __future__ import annotations

import importlib
import json
import re
from typing import Any

MARKER = re.compile(r"<!--\s*tailor:model\s+([\w.]+):(\w+)\s*-->")
_CONSTRAINTS = {
    "minLength": "at least {} character(s)",
    "maxLength": "at most {} characters",
    "minItems": "at least {} item(s)",
    "maxItems": "at most {} items",
    "minimum": "≥ {}",
    "maximum": "≤ {}",
    "exclusiveMinimum": "> {}",
    "exclusiveMaximum": "< {}",
    "pattern": "matches `{}`",
}


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "const" in prop:
        return f"`{json.dumps(prop['const'])}`"
    if "enum" in prop:
        return " \\| ".join(f"`{json.dumps(v)}`" for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_type(p) for p in prop["anyOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}))}"
    if kind == "object" and "additionalProperties" in prop:
        return f"mapping to {_type(prop['additionalProperties'])}"
    if kind == "object" and "patternProperties" in prop:
        (key, value), *_ = prop["patternProperties"].items()
        return f"mapping of keys matching `{key}` to {_type(value)}"
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return str(kind)


def _constraints(prop: dict[str, Any]) -> list[str]:
    found = [text.format(prop[key]) for key, text in _CONSTRAINTS.items() if key in prop]
    for option in prop.get("anyOf", []):
        found.extend(_constraints(option))
    return found


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop:
        return "optional (empty when absent)"
    shown = json.dumps(prop["default"], ensure_ascii=False)
    if len(shown) > 60:  # the standard disclaimer: name it rather than print it in a cell
        return f"default: {shown[:40]}…"
    return f"default `{shown}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(name: str, schema: dict[str, Any]) -> str:
    lines = [f"### {name}", ""]
    if schema.get("description"):
        lines += [_cell(schema["description"]), ""]
    if schema.get("type") == "string" and "enum" in schema:
        lines += ["One of: " + ", ".join(f"`{v}`" for v in schema["enum"]), ""]
        return "\n".join(lines)
    required = set(schema.get("required", []))
    lines += ["| field | type | required / default | notes |", "|---|---|---|---|"]
    for field, prop in schema.get("properties", {}).items():
        need = "**required**" if field in required else _default(prop)
        notes = "; ".join([*_constraints(prop), *([prop["description"]] if "description" in prop else [])])
        lines.append(f"| `{field}` | {_type(prop)} | {_cell(need)} | {_cell(notes)} |")
    if schema.get("additionalProperties") is False:
        lines += ["", "Any other field is an error."]
    return "\n".join(lines) + "\n"


def model_reference(module: str, name: str) -> str:
    """Markdown for ``module:name`` (a pydantic model) and every model it refers to."""
    model = getattr(importlib.import_module(module), name)
    schema = model.model_json_schema(by_alias=True)
    defs = schema.pop("$defs", {})
    parts = [_table(schema.get("title", name), schema)]
    parts += [_table(def_name, defs[def_name]) for def_name in defs]
    return "\n".join(parts)


def on_page_markdown(markdown: str, **_: Any) -> str:
    return MARKER.sub(lambda m: model_reference(m.group(1), m.group(2)), markdown)
