"""What a user trial of the quiz found (issue 17 follow-up), checked through what a user reads.

Keys typed in the console right after a question, a solo player stuck in a round, console
wording (no buttons, "you" rather than the OS user's name), and quiz lines kept out of `gaps`.
"""

from __future__ import annotations

from bot.core.engine import Engine
from bot.usage.log import Usage
from tests.conftest import shown
from tests.core.quiz.play import ALICE, BOB, qid_of, right_key, say, wrong_key


def test_stop_typed_right_after_a_question_stops_the_quiz(played: Engine) -> None:
    """`stop` once ran a search ("Read “stop” as “step”")."""
    question = say(played, "quiz 1960s")
    stopped = say(played, "stop", last=question)
    assert stopped.title == "Quiz stopped."
    assert say(played, "quiz answer a").title.startswith("No question is open")


def test_next_typed_right_after_a_question_skips_to_another(played: Engine) -> None:
    """`next` shows what the skipped answer was and asks a different fact."""
    question = say(played, "quiz 1960s")
    entry = played.quizzes.pending.get(qid_of(question))
    assert entry is not None
    following = say(played, "next", last=question)
    assert following.title == "Quiz: 1960s"
    assert f"Skipped: the answer was {entry.question.answer}." in following.footer
    assert following.intro != question.intro
    assert played.quizzes.pending.get(qid_of(question)) is None


def test_reveal_typed_right_after_a_question_shows_the_answer(played: Engine) -> None:
    """`reveal` is a key too, as the console footer says."""
    question = say(played, "quiz russia")
    assert say(played, "reveal", last=question).title.startswith("The answer: ")


def test_a_lone_letter_with_no_question_open_says_so(played: Engine) -> None:
    """`a` once said "too common a word to search for"."""
    for key in ("a", "3"):
        reply = say(played, key)
        assert reply.title == "No question is open for you here: start one with `quiz`."


def test_a_letter_still_answers_after_another_command_in_between(played: Engine) -> None:
    """Asking `help` between the question and the answer does not turn `b` into a search."""
    question = say(played, "quiz 1960s")
    key = right_key(played, question)
    between = say(played, "help quiz", last=question)
    assert say(played, key, last=between).title.startswith("Right! ")


def test_a_solo_round_moves_on_after_its_one_player_tries(played: Engine) -> None:
    """Once stuck: "Question 2 is still open: answer it first" / "You have had your try"."""
    question = say(played, "quiz round 3")
    verdict = say(played, wrong_key(played, question), last=question)
    assert verdict.title.startswith("Not quite. The answer: ")
    assert "Question 1 of 3 done." in verdict.intro
    second = say(played, "next", last=verdict)
    assert second.title == "Round: question 2 of 3"
    say(played, right_key(played, second), last=second)
    assert "1. you — 1 point" in shown(say(played, "quiz stop"))


def test_in_a_channel_the_first_question_waits_for_everyone(played: Engine) -> None:
    """Nobody knows yet who plays; later, the answer shows once every player has tried."""
    first = say(played, "quiz round 3", ALICE)
    assert say(played, f"quiz answer {wrong_key(played, first)}", BOB).kind == "refused"
    tried = say(played, f"quiz answer {wrong_key(played, first)}", BOB)
    assert "`quiz reveal` shows the answer" in tried.intro
    assert "`quiz reveal`" in say(played, "quiz next", BOB).title
    assert say(played, f"quiz answer {wrong_key(played, first)}", ALICE).kind == "refused"
    assert say(played, "quiz reveal", ALICE).title.startswith("The answer: ")
    second = say(played, "quiz next", ALICE)
    assert say(played, f"quiz answer {wrong_key(played, second)}", ALICE).kind == "refused"
    verdict = say(played, f"quiz answer {wrong_key(played, second)}", BOB)
    assert verdict.title.startswith("Not quite, Bob. The answer: ")
    assert "Question 2 of 3 done." in verdict.intro


def test_the_console_footer_names_keys_and_chat_footers_name_buttons(played: Engine) -> None:
    """No "Press A–D … buttons close after 90 s" where there are no buttons."""
    console = say(played, "quiz 1960s").footer
    assert "utton" not in console and "Press" not in console
    assert "Type a–d (or 1–4)" in console and "`reveal`" in console and "`stop`" in console
    discord = say(played, "quiz 1960s", ALICE).footer
    assert "Press A–D" in discord and "buttons close after 90 s" in discord


def test_the_console_player_is_you_and_chat_players_keep_their_names(played: Engine) -> None:
    """Not "Not quite, root." / "root: 0 points of 7"; Discord still says "Right, Alice!"."""
    question = say(played, "quiz 1960s")
    verdict = say(played, wrong_key(played, question), last=question)
    assert verdict.title.startswith("Not quite. The answer: ")
    assert verdict.intro.startswith("Your score: 0 points of 1.")
    top = shown(say(played, "quiz top"))
    assert "1. you — 0 points of 1" in top and "me" not in top.split()
    assert "best streak 0" not in top
    question = say(played, "quiz 1960s", ALICE)
    verdict = say(played, f"quiz answer {right_key(played, question)}", ALICE)
    assert verdict.title.startswith("Right, Alice! ")
    assert verdict.intro.startswith("Alice: 1 point of 1.")


def test_stop_with_nothing_open_says_nothing_was_open(played: Engine) -> None:
    """Not "Quiz stopped." when no quiz was on."""
    assert say(played, "quiz stop").title == "No quiz was open, so there was nothing to stop."


def test_quiz_keys_typed_in_the_console_are_not_gaps(played: Engine) -> None:
    """`reveal`, `stop`, `next`, `a` are quiz lines, open question or not: never gaps."""
    question = say(played, "quiz 1960s")
    after = say(played, "next", last=question)
    after = say(played, "reveal", last=after)
    after = say(played, "stop", last=after)
    for line in ("reveal", "stop", "next", "a", "zzqx frobnicate"):
        after = say(played, line, last=after)
    assert isinstance(played.usage, Usage)
    played.usage.flush()
    gaps = shown(say(played, "gaps"))
    assert "“zzqx frobnicate” — nothing found" in gaps  # a real miss is listed
    for word in ("reveal", "stop", "next", "step", "“a”"):
        assert word not in gaps.casefold(), gaps
