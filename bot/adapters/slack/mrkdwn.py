"""Make engine text safe for Slack's mrkdwn: nothing echoed may ping, link or format.

Slack reads `<…>` as mentions and links (`<!channel>`, `<@U123>`, `<!subteam^S1>`), so `&`, `<`
and `>` are escaped in every text we send — that alone defuses every mention. Formatting marks
(`*bold*`, `_italic_`, `~strike~`, `` `code` ``) in fact texts and echoed input are broken with a
zero-width space before them, so they show as typed. The engine's own `code spans` (commands,
echoed input) stay code spans: inside them only `&`, `<`, `>` need escaping.
"""

from __future__ import annotations

import re

_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
_MARKS = re.compile(r"([*_~`])")
ZWSP = "\u200b"


def escape_entities(text: str) -> str:
    """Escape the three characters Slack reads as markup: `&` first, so nothing is doubled."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape(text: str) -> str:
    """Escape mentions and formatting outside `code spans`; code spans stay code."""
    parts = _CODE_SPAN.split(text)
    return "".join(
        escape_entities(part) if i % 2 else _MARKS.sub(ZWSP + r"\1", escape_entities(part))
        for i, part in enumerate(parts)
    )


def code(text: str) -> str:
    """Show `text` as inline code; a backtick in it cannot end the span early."""
    return f"`{escape_entities(text.replace('`', 'ˋ'))}`" if text else ""


def bold(text: str) -> str:
    """Show already-escaped text in bold."""
    return f"*{text}*" if text else ""
