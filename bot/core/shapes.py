"""Read what kind of answer a question asks for, and the words it is about.

`how much trade is there between the two countries` asks for an amount, about trade; `why did
relations sour` asks for a cause; `which leaders visited moscow` asks for every visit, not the
best one. The shape decides how a search orders what it found; the scaffolding (`how much … is
there`, `do the articles mention`, `between the two countries`) is dropped before matching, as
no fact is about those words.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

import msgspec

Shape = Literal["when", "quantity", "cause", "gather", "plain"]

# Leading words naming the shape, tried in order; the rest of the line is what it is about.
_LEADS: tuple[tuple[Shape, str], ...] = (
    ("when", r"when|what year|which year|what date|in what year|in which year"),
    (
        "quantity",
        r"how (?:much|many|big|large)|what (?:figure|amount|volume|number|sum|size)"
        r"|what (?:is|was|are|were) the (?:figure|amount|volume|number|size|value)",
    ),
    (
        "cause",
        r"why|what led to|what caused|what made|for what reason|what (?:is|was|were|are) the "
        r"(?:reasons?|causes?) (?:for|of|behind)|(?:the )?reasons? (?:for|behind)",
    ),
    (
        "gather",
        r"which|list(?: all)?(?: of)?|name(?: all)?|what (?:\w+ )?(?:are|were) (?=.*\bmention)"
        r"|(?:show|give) me (?:all|every)|all|every",
    ),
)
# Words and phrases of asking, not of the answer: no fact is about them.
_SCAFFOLDING = (
    r"(?:is|are|was|were) there",
    r"between (?:the two countries|both countries|the two sides|the two states"
    r"|pakistan and russia|russia and pakistan)",
    r"(?:do|does|did) (?:the |these |your )?(?:articles?|sources?)"
    r" (?:mention|discuss|say|list|name|cover)",
    r"(?:are|were|is|was) (?:mentioned|discussed|listed|named|recorded)(?: in the articles?)?",
    r"in the (?:articles?|sources?)",
    r"(?:mentioned|discussed|listed|recorded)",
)
# Single words of asking left over once the phrases are gone.
_ASKING = frozenset(
    [
        "much",
        "many",
        "there",
        "list",
        "mention",
        "mentions",
        "mentioned",
        "discuss",
        "discussed",
        "articles",
        "article",
    ]
)


class Question(msgspec.Struct, frozen=True):
    """A question's shape and the words it is about, scaffolding dropped."""

    shape: Shape
    about: str


@cache
def _lead() -> re.Pattern[str]:
    """Compile the shape words on first use: a one-shot `timeline 1970s` never needs them."""
    groups = "|".join(f"(?P<{shape}>{words})" for shape, words in _LEADS)
    return re.compile(rf"^\W*(?:{groups})\b\W*", re.IGNORECASE)


@cache
def _scaffolding() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(_SCAFFOLDING) + r")\b", re.IGNORECASE)


def read_question(text: str) -> Question:
    """Give the shape a line asks for and the words left to match."""
    found = _lead().match(text)
    shape: Shape = "plain"
    rest = text
    if found is not None:
        shape = next(s for s, _ in _LEADS if found.group(s) is not None)
        rest = text[found.end() :]
    rest = _scaffolding().sub(" ", rest)
    kept = [w for w in rest.split() if w.casefold().strip("?!.,") not in _ASKING]
    about = " ".join(kept).strip(" ?!.,")
    return Question(shape, about or text)
