"""`help` and `about`: generated from the command table and the fact base."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask, text_of


def test_help_lists_every_public_command(engine: Engine) -> None:
    """`help` shows each command's usage line, and no admin command."""
    text = text_of(engine, "help")
    public = [spec for spec in engine.commands if not spec.admin]
    assert len(public) >= 8
    for spec in public:
        assert spec.usage in text
    assert "fact add" not in text


def test_help_for_a_misspelt_command(engine: Engine) -> None:
    """`help timline` explains timeline."""
    reply = ask(engine, "help timline")
    assert reply.title == "Help: timeline"
    assert "timeline" in text_of(engine, "help timline")


def test_about_counts_people_as_people(engine: Engine) -> None:
    """`about` says `15 people`, never `15 persons`."""
    text = text_of(engine, "about")
    assert "15 people" in text and "persons" not in text


GREETED = [
    ("hello", "Hello!"),
    ("Hi there!", "Hello!"),
    ("hey bot", "Hello!"),
    ("Good morning", "Hello!"),
    ("thanks", "You're welcome!"),
    ("thank you so much", "You're welcome!"),
]


@pytest.mark.parametrize(("said", "title"), GREETED)
def test_small_talk_gets_a_friendly_word_and_things_to_try(
    engine: Engine, said: str, title: str
) -> None:
    """A greeting is greeted, never searched for (`hello` → "did you mean search held")."""
    reply = ask(engine, said)
    assert (reply.kind, reply.title) == ("answer", title)
    assert "help" in reply.intro and reply.suggestions
    assert not [s for s in reply.suggestions if s.startswith("search")]
    assert reply.suggestions_heading == "See also:"
    assert "Read as" not in reply.footer


def test_a_greeting_before_a_question_is_dropped(engine: Engine) -> None:
    """`hello, what is cpec` answers what CPEC is."""
    assert ask(engine, "hello, what is cpec").title == ask(engine, "what is cpec").title


def test_suggestions_after_an_answer_are_not_guesses(engine: Engine) -> None:
    """`interests shared` offers each side's list as "See also", a miss offers "Did you mean"."""
    answered = ask(engine, "interests shared")
    missed = ask(engine, "who gandalf")
    assert answered.suggestions and answered.suggestions_heading == "See also:"
    assert missed.kind == "not_found" and missed.suggestions_heading == "Did you mean:"
