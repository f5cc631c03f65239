"""A quiz question: the fact's own text with one element hidden, and four options."""

from __future__ import annotations

from typing import Literal

import msgspec

from bot.core.types import Citation
from bot.search.dates import DateSpan
from bot.search.normalise import fold

Kind = Literal["when", "who", "whose", "which"]
KINDS: tuple[Kind, ...] = ("when", "who", "whose", "which")
LETTERS = "abcd"
BLANK = "____"
STEMS: dict[Kind, str] = {
    "when": "When? Pick the date the blank hides.",
    "who": "Who? Pick the person the blank hides.",
    "whose": "Whose interest is this, as the articles state it?",
    "which": "Which article makes this claim?",
}


class Frame(msgspec.Struct, frozen=True):
    """What the asker knows before the question: the scope they named, and its dates.

    `quiz bhutto` must not ask "who?" with Bhutto as the answer, and `quiz 1970s` must not offer
    dates outside the 1970s beside the one inside: either would answer the question for them.
    """

    label: str = ""
    span: DateSpan | None = None


class Question(msgspec.Struct, frozen=True):
    """One question; `options[correct]` is the answer, and the fact proves it."""

    kind: Kind
    prompt: str  # the fact's text, the hidden element replaced by BLANK
    options: tuple[str, str, str, str]
    correct: int
    fact_id: str
    citations: tuple[Citation, ...]
    according_to: str = ""  # "According to Sabah Aslam": the fact is one side of a dispute

    @property
    def stem(self) -> str:
        """Say what is asked."""
        return STEMS[self.kind]

    @property
    def text(self) -> str:
        """Give the prompt as shown, with "according to …" in front when it is one view."""
        return f"{self.according_to}: {self.prompt}" if self.according_to else self.prompt

    @property
    def answer(self) -> str:
        """Give the correct option with its letter, e.g. "C) 1965"."""
        return f"{LETTERS[self.correct].upper()}) {self.options[self.correct]}"


def reveals(question: Question, text: str) -> bool:
    """Tell whether `text` names the right option but not all the others (so it gives it away)."""
    shown = f" {fold(text)} "
    named = [f" {fold(o)} " in shown for o in question.options]
    return named[question.correct] and not all(named)


def choice_of(text: str) -> int | None:
    """Read an answer as typed or pressed: `a`–`d`, `1`–`4`, `B)`, `(c)`; None otherwise."""
    key = "".join(c for c in text if c not in "()[].) ").casefold()
    if len(key) != 1:
        return None
    if key in LETTERS:
        return LETTERS.index(key)
    if key in "1234":
        return int(key) - 1
    return None
