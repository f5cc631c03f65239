"""Check parsed files against the JSON Schema and explain each failure in editor terms."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from bot.errors import Problem
from bot.factbase.load.files import DEFAULT_SCHEMA, SCHEMA_NAME, schema_path
from bot.factbase.load.yamlfile import LineDict, LineList

if TYPE_CHECKING:  # jsonschema costs ~45 ms to import: only a YAML load or an edit needs it
    from jsonschema import Draft202012Validator, ValidationError

__all__ = [
    "DEFAULT_SCHEMA",
    "SCHEMA_NAME",
    "explain",
    "schema_path",
    "schema_problems",
    "validator_for",
]


@lru_cache(maxsize=4)
def validator_for(path: Path) -> Draft202012Validator:
    """Compile a schema once per process; validation runs on every load and edit."""
    from jsonschema import Draft202012Validator

    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


_FAST: dict[int, Callable[[Any], Any]] = {}


def _passes_fast_check(validator: Draft202012Validator, data: LineDict) -> bool:
    """Tell whether the compiled fast validator accepts the file outright.

    fastjsonschema turns the schema into Python code and checks a 10k-entry file in ~0.3 s where
    jsonschema takes ~2 s. It only decides "valid"; any doubt (a failure, or a schema it cannot
    compile) falls back to jsonschema, whose errors `explain` turns into editor messages.
    """
    check = _FAST.get(id(validator))
    if check is None:
        schema: Any = copy.deepcopy(validator.schema)  # compile() rewrites its argument in place
        try:
            check = fastjsonschema.compile(schema)
        except fastjsonschema.JsonSchemaDefinitionException:
            check = _never_fast
        _FAST[id(validator)] = check
    try:
        check(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _never_fast(data: Any) -> Any:
    raise fastjsonschema.JsonSchemaException("not compiled")


def schema_problems(
    validator: Draft202012Validator, data: LineDict, file: str
) -> Iterator[tuple[tuple[Any, ...], Problem]]:
    """Yield (path to the failing entry, problem) for every schema violation in one file."""
    if _passes_fast_check(validator, data):
        return
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        line = line_at(data, path)
        what, fix = explain(error)
        yield path[:2], Problem(file, line, what, fix)


def line_at(data: Any, path: tuple[Any, ...]) -> int:
    """Find the line of the deepest node along a JSON path that still knows its line."""
    line = getattr(data, "line", 1)
    node: Any = data
    for step in path:
        if isinstance(node, LineDict) and isinstance(step, str) and step in node:
            line = node.key_lines.get(step, line)
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
        else:
            break
        node = node[step]
    return line


def _where(error: ValidationError) -> str:
    """Name the entry and field an error is about, e.g. "entry `x`, field `date`"."""
    entry_id = None
    node: Any = error.instance
    for parent in _parents(error):
        if isinstance(parent, dict) and isinstance(parent.get("id"), str):
            entry_id = parent["id"]
            break
    path = list(error.absolute_path)
    # Within an entry (`events[3].date`) the field is a key below the entry's index, never the
    # section's own name: a key missing from the entry is about the entry, not field `events`.
    entry_at = next((i for i, step in enumerate(path) if isinstance(step, int)), None)
    inside = path if entry_at is None else path[entry_at + 1 :]
    field = next((p for p in reversed(inside) if isinstance(p, str)), None)
    parts = []
    if entry_id is not None:
        parts.append(f"entry `{entry_id}`")
    if field is not None and not (isinstance(node, dict) and field in ("id",)):
        parts.append(f"field `{field}`")
    return ", ".join(parts) or "the file"


def _parents(error: ValidationError) -> Iterator[Any]:
    """Walk from the error's own instance up to the document root."""
    root: Any = error
    while root.parent is not None:
        root = root.parent
    nodes: list[Any] = []
    node: Any = root.instance
    nodes.append(node)
    for step in error.absolute_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        nodes.append(node)
    yield from reversed(nodes)


def explain(error: ValidationError) -> tuple[str, str]:
    """Turn a jsonschema error into (what is wrong, how to fix it)."""
    where = _where(error)
    kind = error.validator
    if kind == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else "?"
        return f"{where}: missing `{missing}`", f"add `{missing}:` to this entry"
    if kind == "additionalProperties":
        known = _schema_keys(error)
        instance: Any = error.instance
        extra = ", ".join(sorted(set(instance) - set(known)))
        allowed = ", ".join(known)
        return (
            f"{where}: unknown key `{extra}`",
            f"remove it or fix its spelling (allowed: {allowed})",
        )
    if kind == "type":
        want: Any = error.validator_value
        want_text = " or ".join(want) if isinstance(want, list) else str(want)
        got = type(error.instance).__name__
        return f"{where}: expected {want_text}, got {got} `{_short(error.instance)}`", (
            f"write a {want_text} here"
        )
    if kind == "pattern":
        return f"{where}: `{_short(error.instance)}` is not a valid id", (
            "use lowercase letters, digits and single hyphens, e.g. `ayub-khan-visits-moscow`"
        )
    if kind == "enum":
        values: Any = error.validator_value
        options = ", ".join(str(v) for v in values)
        return f"{where}: `{_short(error.instance)}` is not allowed", f"use one of: {options}"
    if kind in ("minItems", "minLength", "minProperties"):
        return f"{where}: is empty or too short", "give it a value"
    if kind == "maxLength":
        return f"{where}: is too long", "shorten it (evidence at most ~15 words, text ~2 sentences)"
    if kind == "uniqueItems":
        return f"{where}: lists the same id twice", "remove the repeated id"
    if kind == "oneOf":
        return f"{where}: has the wrong shape", (
            "write one quoted phrase, or a map from source id to phrase"
        )
    return f"{where}: {error.message}", "see knowledge/schema.json for the expected shape"


def _schema_keys(error: ValidationError) -> list[str]:
    """List the keys the failing schema allows, for an "allowed: …" hint."""
    schema: Any = error.schema
    return list(schema.get("properties", {})) if isinstance(schema, dict) else []


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"
