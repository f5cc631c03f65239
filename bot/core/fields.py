"""The `key=value …` arguments of admin commands: read as typed, and written from a form.

Read: `text="two words" people=a,b evidence.src="…"`. Values with spaces are quoted with "…"
(or the curly “…” phones type); list keys take comma-separated ids; an empty value (`dispute=`)
removes an optional key on `fact edit`.

Written: platforms that can show a form (Discord's modals) ask `form_for`; the answers come back
through `form_line` as the very line an admin could have typed, so the engine checks and runs a
form's submission exactly like a typed command — one path, one set of rules.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from bot.core.types import CommandSpec, Form
from bot.errors import BadArguments

_PAIR = re.compile(
    r"""\s*(?P<key>[A-Za-z_][\w-]*(?:\.[\w-]+)?)\s*=\s*
    (?:"(?P<quoted>(?:[^"\\]|\\.)*)"|“(?P<curly>[^”]*)”|(?P<bare>[^\s"“]*))""",
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\(.)")
HINT = 'Write key=value pairs, with "…" around values that contain spaces.'


def parse_fields(text: str, list_keys: Collection[str]) -> dict[str, Any | None]:
    """Turn the arguments into values; `None` marks a key to remove."""
    raw = _pairs(text)
    fields: dict[str, Any | None] = {}
    per_source: dict[str, str] = {}
    for key, value in raw:
        if "." in key:
            head, _, source = key.partition(".")
            if head != "evidence":
                raise BadArguments(f"Only evidence takes a per-source key, not `{key}`.", HINT)
            per_source[source] = value
        elif key in fields:
            raise BadArguments(f"`{key}` is given twice.", HINT)
        elif not value:
            fields[key] = None
        elif key in list_keys:
            fields[key] = [item.strip() for item in value.split(",") if item.strip()]
        else:
            fields[key] = value
    if per_source:
        if fields.get("evidence") is not None:
            raise BadArguments("Give `evidence=` or `evidence.<source>=`, not both.", HINT)
        fields["evidence"] = per_source
    return fields


def _pairs(text: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _PAIR.match(text, position)
        if match is None or match.end() == position:
            stuck = text[position:].strip()
            shown = stuck if len(stuck) <= 30 else stuck[:29] + "…"
            raise BadArguments(f"I could not read `{shown}`.", HINT)
        quoted = match["quoted"]
        value = _ESCAPE.sub(r"\1", quoted) if quoted is not None else match["curly"]
        value = value if value is not None else match["bare"]
        pairs.append((match["key"].casefold(), (value or "").strip()))
        position = match.end()
    return pairs


_WORD = re.compile(r"^[a-z][a-z-]*$")


def form_for(spec: CommandSpec, args: str) -> tuple[Form, str] | None:
    """Give the form these arguments open and its subject, or None to run them as typed."""
    action, _, rest = args.strip().partition(" ")
    subject = rest.strip().casefold()
    for form in spec.forms:
        if action.casefold() != form.opens_on:
            continue
        if not subject:
            return form, form.default_subject
        if _WORD.match(subject):
            return form, subject
    return None


def form_line(form: Form, subject: str, answers: Mapping[str, str]) -> str:
    """Write the answers as `key="value"` arguments after the form's action and subject."""
    parts = [form.opens_on, subject] if subject else [form.opens_on]
    for field in form.fields:
        answer = " ".join(answers.get(field.key, "").split())  # one line, as typed in a chat
        if not answer:
            continue
        parts.append(answer if field.raw else f"{field.key}={quote(answer)}")
    return " ".join(parts)


def quote(value: str) -> str:
    """Quote a value so `parse_fields` reads it back unchanged."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
