"""Fill-in forms: which one a command's arguments open, and the command line its answers make.

Platforms that can show a form (Discord's modals) ask `form_for`; the answers come back through
`form_line` as the very line an admin could have typed, so the engine checks and runs a form's
submission exactly like a typed command — one path, one set of rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.core.types import CommandSpec, Form

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
    """Quote a value so `fieldargs.parse_fields` reads it back unchanged."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
