"""Fill-in forms as Slack modals: `/factbot fact add` opens one, like Discord's form.

The engine describes the form (`bot.core.types.Form`); this builds the `views.open` view and
reads a submitted view back into answers. What the answers run as, and where the result goes,
rides in the view's `private_metadata`, so a submission needs nothing kept in memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.adapters.textfit import clamp
from bot.core.types import Form

CALLBACK_ID = "factbot-form"
TITLE_LIMIT = 24  # Slack's limits for a modal's title, an input's label and its placeholder
LABEL_LIMIT = 2000
PLACEHOLDER_LIMIT = 150
INPUT_LIMIT = 3000


@dataclass(frozen=True, slots=True)
class Submitted:
    """A submitted form: the command and arguments that opened it, the answers, where to post."""

    command: str
    args: str
    channel: str
    answers: dict[str, str]


def form_view(form: Form, subject: str, command: str, args: str, channel: str) -> dict[str, Any]:
    """Build the modal for `views.open`; each field an input block, optional unless required."""
    meta = {"c": command, "a": args[:1000], "ch": channel}
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain(clamp(f"{form.title} {subject}".strip(), TITLE_LIMIT)),
        "submit": _plain("Save"),
        "close": _plain("Cancel"),
        "private_metadata": json.dumps(meta, separators=(",", ":")),
        "blocks": [
            {
                "type": "input",
                "block_id": field.key,
                "optional": not field.required,
                "label": _plain(clamp(field.label, LABEL_LIMIT)),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": field.long,
                    "max_length": min(field.max_length, INPUT_LIMIT),
                    **({"placeholder": _plain(clamp(field.hint, PLACEHOLDER_LIMIT))}
                       if field.hint else {}),
                },
            }
            for field in form.fields
        ],
    }  # fmt: skip


def submitted(view: dict[str, Any]) -> Submitted | None:
    """Read a submitted view back; None if it is not one of our forms."""
    if view.get("callback_id") != CALLBACK_ID:
        return None
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
        command, args, channel = str(meta["c"]), str(meta["a"]), str(meta["ch"])
    except (ValueError, KeyError, TypeError):
        return None
    values = (view.get("state") or {}).get("values") or {}
    answers = {
        key: str((inputs.get("value") or {}).get("value") or "")
        for key, inputs in values.items()
        if isinstance(inputs, dict)
    }
    return Submitted(command, args, channel, answers)


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}
