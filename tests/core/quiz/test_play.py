"""Playing a quiz through the console adapter: ask, answer by key, reveal, score, rounds, review."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.usage import quizbook
from bot.usage.database import DAY, UsageDatabase
from bot.usage.quizbook import Player, QuizBook
from tests.conftest import shown
from tests.core.quiz.play import ALICE, BOB, right_key, say


def test_quiz_1960s_asks_takes_a_key_reveals_the_fact_and_top_shows_the_score(
    played: Engine,
) -> None:
    """The issue's console walk-through: `quiz 1960s`, then the letter, then `quiz top`."""
    question = say(played, "quiz 1960s")
    assert question.title == "Quiz: 1960s" and len(question.items) == 4
    assert "____" in question.intro
    verdict = say(played, right_key(played, question), last=question)
    assert verdict.title.startswith("Right! ")  # the console's one person is "you", unnamed
    assert verdict.items[0].citations and verdict.items[0].date is not None
    assert "196" in (verdict.items[0].date or "")
    assert "Your score: 1 point of 1." in verdict.intro
    assert "1. you — 1 point of 1, best streak 1" in shown(say(played, "quiz top"))


def test_a_number_answers_too_and_a_wrong_one_says_the_right_answer(played: Engine) -> None:
    """`1`–`4` pick options; a wrong pick names the right option and resets the streak."""
    question = say(played, "quiz 1960s")
    wrong = "1" if right_key(played, question) != "a" else "2"
    verdict = say(played, wrong, last=question)
    assert verdict.title.startswith("Not quite. The answer: ")


def test_only_the_asker_s_answer_counts_on_a_solo_quiz(played: Engine) -> None:
    """Bob answering Alice's question is refused, and her question stays open."""
    question = say(played, "quiz", ALICE)
    qid = question.footer.rsplit("(", 1)[1].rstrip(")")
    refused = say(played, f"quiz answer {qid} a", BOB)
    assert refused.kind == "refused" and "Alice's" in refused.title
    assert played.quizzes.pending.get(qid) is not None


def test_a_round_lets_each_person_try_once_and_the_first_right_answer_scores(
    played: Engine,
) -> None:
    """Wrong tries are private and final per question; the first right answer closes it."""
    question = say(played, "quiz round 2", ALICE)
    assert question.title == "Round: question 1 of 2"
    right = right_key(played, question)
    wrong = "a" if right != "a" else "b"
    assert say(played, f"quiz answer {wrong}", BOB).kind == "refused"
    assert (
        say(played, f"quiz answer {right}", BOB).title == "You have had your try at this question."
    )
    assert say(played, f"quiz answer {right}", ALICE).title.startswith("Right, Alice!")
    assert say(played, "quiz next", BOB).title == "Round: question 2 of 2"
    standings = shown(say(played, "quiz stop", BOB))
    assert "Round over" in standings and "1. Alice — 1 point" in standings


def test_reveal_shows_the_answer_and_a_closed_question_takes_no_answer(played: Engine) -> None:
    """`quiz reveal` gives the answer; answering after that is told it has closed."""
    question = say(played, "quiz russia")
    qid = question.footer.rsplit("(", 1)[1].rstrip(")")
    assert say(played, f"quiz reveal {qid}").title.startswith("The answer: ")
    assert say(played, f"quiz answer {qid} a").title == "That question has closed already."


def test_a_scope_that_is_nothing_known_gets_suggestions(played: Engine) -> None:
    """`quiz zzzz` says what a scope can be instead of asking something random."""
    reply = say(played, "quiz zzzzqq")
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


def test_a_person_s_quiz_never_asks_who_with_that_person_as_the_answer(played: Engine) -> None:
    """`quiz bhutto` once showed "Quiz: Zulfikar Ali Bhutto" over "____ persuaded…  Who?"."""
    for _ in range(8):
        question = say(played, "quiz bhutto")
        entry = played.quizzes.pending.get(question.footer.rsplit("(", 1)[1].rstrip(")"))
        assert entry is not None
        assert entry.question.options[entry.question.correct] != "Zulfikar Ali Bhutto", shown(
            question
        )


def test_next_after_a_reveal_does_not_ask_the_same_question_again(played: Engine) -> None:
    """Kashmir holds one askable claim: `next` says so instead of asking it again."""
    first = say(played, "quiz kashmir")
    verdict = say(played, "quiz reveal", last=first)
    again = say(played, "next", last=verdict)
    assert again.kind == "usage"  # not a gap in the facts: `gaps` does not list it
    assert again.title.startswith("The only question about Kashmir is the one just asked.")


def test_a_scope_with_no_questions_and_an_unknown_one_read_as_english(played: Engine) -> None:
    """`quiz 2020s` and `quiz 3000s`: what the tester read, and what it should say."""
    assert say(played, "quiz 2020s").title == (
        "Nothing about the 2020s can be asked as a question yet."
    )
    assert say(played, "quiz 3000s").title == (
        "The articles know no period, party, topic or person called “3000s”."
    )
