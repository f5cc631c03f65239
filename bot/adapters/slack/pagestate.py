"""What a page button carries: enough to rebuild its page, so a restart breaks no old button.

The value holds the request (command and arguments as the engine read them), who asked, how
they asked (for how suggestions are written) and the page to show. A click re-asks the engine
and renders that page; nothing is kept in memory between the answer and the click.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal, get_args

from bot.adapters.slack.render import BUTTON_VALUE_LIMIT

Style = Literal["prefix", "slash"]
ARGS_ROOM = 300  # a question is at most 200; four page buttons must fit in one message


@dataclass(frozen=True, slots=True)
class PageState:
    """One page of one asker's answer."""

    command: str
    args: str
    owner: str
    style: Style
    page: int = 0

    def at(self, page: int) -> str:
        """Encode the state showing `page`, as a button value."""
        value = {"c": self.command, "a": self.args[:ARGS_ROOM], "o": self.owner,
                 "s": self.style, "p": page}  # fmt: skip
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return text if len(text) <= BUTTON_VALUE_LIMIT else json.dumps({**value, "a": ""})


def decode(value: str) -> PageState | None:
    """Read a button value back; None for anything we did not write (or an older format)."""
    try:
        data = json.loads(value)
        state = PageState(str(data["c"]), str(data["a"]), str(data["o"]), data["s"], int(data["p"]))
    except (ValueError, KeyError, TypeError):
        return None
    return state if state.style in get_args(Style) and state.page >= 0 else None
