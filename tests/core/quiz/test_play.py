"""Playing a quiz through the console adapter: ask, answer by key, reveal, score, rounds, review."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.adapters.console import answer, keyed
from bot.core.engine import Engine
from bot.core.quiz.pending import Quizzes
from bot.core.types import Actor, Reply
from bot.store.store import Store
from bot.usage import quizbook
from bot.usage.database import DAY, UsageDatabase
from bot.usage.log import Usage
from bot.usage.quizbook import Player, QuizBook
from tests.conftest import KNOWLEDGE, shown

ME = Actor(id="console:me", name="me", platform="console", channel="c")
ALICE = Actor(id="u-alice", name="Alice", platform="discord", place="g", channel="c1")
BOB = Actor(id="u-bob", name="Bob", platform="discord", place="g", channel="c1")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    usage = Usage(tmp_path / "usage.sqlite3", retention_days=90, interval=0.02)
    engine = Engine(Store.open(KNOWLEDGE), usage=usage)
    engine.quizzes = Quizzes(seed=3)
    yield engine
    usage.close()


def say(engine: Engine, line: str, actor: Actor = ME, last: Reply | None = None) -> Reply:
    reply = answer(engine, keyed(line, last), actor)
    assert reply is not None
    return reply


def right_key(engine: Engine, question: Reply) -> str:
    entry = engine.quizzes.pending.get(question.footer.rsplit("(", 1)[1].rstrip(")"))
    assert entry is not None
    return "abcd"[entry.question.correct]


def test_quiz_1960s_asks_takes_a_key_reveals_the_fact_and_top_shows_the_score(
    engine: Engine,
) -> None:
    """The issue's console walk-through: `quiz 1960s`, then the letter, then `quiz top`."""
    question = say(engine, "quiz 1960s")
    assert question.title == "Quiz: 1960s" and len(question.items) == 4
    assert "____" in question.intro
    verdict = say(engine, right_key(engine, question), last=question)
    assert verdict.title.startswith("Right! ")  # the console's one person is "you", unnamed
    assert verdict.items[0].citations and verdict.items[0].date is not None
    assert "196" in (verdict.items[0].date or "")
    assert "Your score: 1 point of 1." in verdict.intro
    assert "1. you — 1 point of 1, best streak 1" in shown(say(engine, "quiz top"))


def test_a_number_answers_too_and_a_wrong_one_says_the_right_answer(engine: Engine) -> None:
    """`1`–`4` pick options; a wrong pick names the right option and resets the streak."""
    question = say(engine, "quiz 1960s")
    wrong = "1" if right_key(engine, question) != "a" else "2"
    verdict = say(engine, wrong, last=question)
    assert verdict.title.startswith("Not quite. The answer: ")


def test_only_the_asker_s_answer_counts_on_a_solo_quiz(engine: Engine) -> None:
    """Bob answering Alice's question is refused, and her question stays open."""
    question = say(engine, "quiz", ALICE)
    qid = question.footer.rsplit("(", 1)[1].rstrip(")")
    refused = say(engine, f"quiz answer {qid} a", BOB)
    assert refused.kind == "refused" and "Alice's" in refused.title
    assert engine.quizzes.pending.get(qid) is not None


def test_a_round_lets_each_person_try_once_and_the_first_right_answer_scores(
    engine: Engine,
) -> None:
    """Wrong tries are private and final per question; the first right answer closes it."""
    question = say(engine, "quiz round 2", ALICE)
    assert question.title == "Round: question 1 of 2"
    right = right_key(engine, question)
    wrong = "a" if right != "a" else "b"
    assert say(engine, f"quiz answer {wrong}", BOB).kind == "refused"
    assert (
        say(engine, f"quiz answer {right}", BOB).title == "You have had your try at this question."
    )
    assert say(engine, f"quiz answer {right}", ALICE).title.startswith("Right, Alice!")
    assert say(engine, "quiz next", BOB).title == "Round: question 2 of 2"
    standings = shown(say(engine, "quiz stop", BOB))
    assert "Round over" in standings and "1. Alice — 1 point" in standings


def test_reveal_shows_the_answer_and_a_closed_question_takes_no_answer(engine: Engine) -> None:
    """`quiz reveal` gives the answer; answering after that is told it has closed."""
    question = say(engine, "quiz russia")
    qid = question.footer.rsplit("(", 1)[1].rstrip(")")
    assert say(engine, f"quiz reveal {qid}").title.startswith("The answer: ")
    assert say(engine, f"quiz answer {qid} a").title == "That question has closed already."


def test_a_scope_that_is_nothing_known_gets_suggestions(engine: Engine) -> None:
    """`quiz zzzz` says what a scope can be instead of asking something random."""
    reply = say(engine, "quiz zzzzqq")
    assert reply.kind == "not_found" and "quiz 1960s" in reply.footer


def test_missed_questions_come_back_tomorrow_then_in_3_days_then_a_week(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review spacing, with the book's clock moved day by day."""
    book = QuizBook(UsageDatabase(tmp_path / "u.sqlite3"), tmp_path / "salt")
    alice = Player("discord", "g", "u-alice", "Alice")
    start = 100 * DAY + 3600.0

    def on(day: int) -> None:
        monkeypatch.setattr(quizbook, "now", lambda: start + day * DAY)

    on(0)
    book.record(alice, "tashkent-declaration-1966", "when", right=False)
    assert book.due(alice, start)[0] == []
    assert book.due(alice, start + DAY)[0] == [("tashkent-declaration-1966", "when")]
    for day, gap in ((1, 3), (4, 7)):
        on(day)
        book.record(alice, "tashkent-declaration-1966", "when", right=True)
        assert book.due(alice, start + (day + gap - 1) * DAY)[0] == []
        assert book.due(alice, start + (day + gap) * DAY)[0] != []
    on(11)
    book.record(alice, "tashkent-declaration-1966", "when", right=True)
    assert book.due(alice, start + 60 * DAY) == ([], 0)


def test_a_person_s_quiz_never_asks_who_with_that_person_as_the_answer(engine: Engine) -> None:
    """`quiz bhutto` once showed "Quiz: Zulfikar Ali Bhutto" over "____ persuaded…  Who?"."""
    for _ in range(8):
        question = say(engine, "quiz bhutto")
        entry = engine.quizzes.pending.get(question.footer.rsplit("(", 1)[1].rstrip(")"))
        assert entry is not None
        assert entry.question.options[entry.question.correct] != "Zulfikar Ali Bhutto", shown(
            question
        )


def test_next_after_a_reveal_does_not_ask_the_same_question_again(engine: Engine) -> None:
    """Kashmir holds one askable claim: `next` says so instead of asking it again."""
    first = say(engine, "quiz kashmir")
    verdict = say(engine, "quiz reveal", last=first)
    again = say(engine, "next", last=verdict)
    assert again.kind == "usage"  # not a gap in the facts: `gaps` does not list it
    assert again.title.startswith("The only question about Kashmir is the one just asked.")


def test_a_scope_with_no_questions_and_an_unknown_one_read_as_english(engine: Engine) -> None:
    """`quiz 2020s` and `quiz 3000s`: what the tester read, and what it should say."""
    assert say(engine, "quiz 2020s").title == (
        "Nothing about the 2020s can be asked as a question yet."
    )
    assert say(engine, "quiz 3000s").title == (
        "The articles know no period, party, topic or person called “3000s”."
    )
