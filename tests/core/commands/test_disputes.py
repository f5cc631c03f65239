"""`disputes`: every recorded disagreement with its sourced views, and the pointer line."""

from __future__ import annotations

import pytest
import yaml

from bot.adapters.terminal import render
from bot.core.engine import Engine
from tests.conftest import KNOWLEDGE, ask, text_of


def _yaml(name: str) -> list[dict[str, object]]:
    data = yaml.safe_load((KNOWLEDGE / name).read_text("utf-8"))
    return next(iter(data.values()))


QUESTIONS = {str(d["id"]): str(d["question"]) for d in _yaml("disputes.yaml")}
FACT_FILES = ("events.yaml", "claims.yaml", "interests.yaml", "people.yaml", "quotes.yaml")
DISPUTE_OF = {str(e["id"]): e.get("dispute") for f in FACT_FILES for e in _yaml(f)}


def test_disputes_lists_every_recorded_disagreement(engine: Engine) -> None:
    """Each question in disputes.yaml is a heading of `disputes`, at least nine of them."""
    reply = ask(engine, "disputes")
    headings = {i.heading for i in reply.items}
    assert len(QUESTIONS) >= 9
    assert {f"{n}. {q}" for n, q in enumerate(QUESTIONS.values(), 1)} == headings


def test_every_dispute_shows_views_from_two_articles(engine: Engine) -> None:
    """Under each question the views cite at least two different articles."""
    reply = ask(engine, "disputes")
    for number, question in enumerate(QUESTIONS.values(), 1):
        views = [i for i in reply.items if i.heading == f"{number}. {question}"]
        cited = {c.source_id for view in views for c in view.citations}
        assert len(views) >= 2 and len(cited) >= 2, question


def test_a_word_picks_out_one_disagreement(engine: Engine) -> None:
    """`disputes steel` shows only the steel-mill question."""
    reply = ask(engine, "disputes steel")
    assert {i.heading for i in reply.items} == {f"1. {QUESTIONS['steel-mill-count']}"}


def test_a_word_no_dispute_mentions_is_not_found(engine: Engine) -> None:
    """`disputes xylophone` says nothing matches and offers the full list."""
    reply = ask(engine, "disputes xylophone")
    assert reply.kind == "not_found"
    assert "disputes" in reply.suggestions


@pytest.mark.parametrize("alias", ["disagree", "conflicts"])
def test_aliases_answer_like_disputes(engine: Engine, alias: str) -> None:
    """`disagree` and `conflicts` give the same answer as `disputes`."""
    assert text_of(engine, alias) == text_of(engine, "disputes")


@pytest.mark.parametrize(
    ("question", "same_as"),
    [
        ("where do the articles disagree", "disputes"),
        ("what do the sources disagree about", "disputes"),
        ("is there disagreement about the thaw", "disputes thaw"),
        ("do the articles contradict each other", "disputes"),
    ],
)
def test_plain_questions_ask_for_disputes(engine: Engine, question: str, same_as: str) -> None:
    """Plain phrasings about disagreement get the `disputes` answer."""
    assert ask(engine, question).items == ask(engine, same_as).items


def test_articles_differ_line_marks_exactly_the_disputed_facts(engine: Engine) -> None:
    """In a timeline, "Articles differ on this" follows a fact iff it is tagged with a dispute.

    The views shown side by side after the timeline ("According to …") need no pointer.
    """
    reply = ask(engine, "timeline 1940-2020")
    items = [i for i in reply.items if i.fact_id and not (i.heading or "").startswith("Accord")]
    disputed = [i for i in items if DISPUTE_OF.get(i.fact_id or "")]
    assert disputed and len(disputed) < len(items)
    for item in items:
        dispute = DISPUTE_OF.get(item.fact_id or "")
        expected = f"Articles differ on this — `disputes {dispute}`" if dispute else ""
        assert item.note == expected, item.fact_id


def test_the_console_prints_the_line_under_the_fact(engine: Engine) -> None:
    """The console shows the pointer line right after a disputed fact."""
    text = render(ask(engine, "search first ever joint military exercise"), width=200)
    assert "Articles differ on this — `disputes first-joint-exercise`" in text


@pytest.mark.parametrize("typed", ["🙂", "???", "—"])
def test_a_filter_without_words_is_not_read_as_every_dispute(engine: Engine, typed: str) -> None:
    """`disputes 🙂` says it holds no word, rather than titling all ten “on 🙂”."""
    reply = ask(engine, f"disputes {typed}")
    assert reply.kind == "not_found" and not reply.items
    assert "holds no word" in reply.title
