"""`who [person]`: the right card for names, aliases and typos, and no invented people."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.types import Reply
from bot.search.normalise import fold
from tests.conftest import ask


def _facts(engine: Engine, reply: Reply) -> list[str]:
    return [i.fact_id for i in reply.items if i.fact_id]


@pytest.mark.parametrize(
    ("arg", "person"),
    [
        ("zulfikar ali bhutto", "zulfikar-ali-bhutto"),
        ("bhutto", "zulfikar-ali-bhutto"),
        ("bhuto", "zulfikar-ali-bhutto"),
        ("zulfi", "zulfikar-ali-bhutto"),
        ("ayyub", "ayub-khan"),
        ("president ayub", "ayub-khan"),
        ("musharaf", "pervez-musharraf"),
        ("kosigin", "alexei-kosygin"),
        ("Brezhnev", "leonid-brezhnev"),
        ("obama", "barack-obama"),
        ("nawaz", "nawaz-sharif"),
    ],
)
def test_who_finds_the_person(engine: Engine, arg: str, person: str) -> None:
    """The card comes first and names the right person."""
    reply = ask(engine, f"who {arg}")
    assert reply.items[0].fact_id == person


@pytest.mark.parametrize("arg", ["bhutto", "ayub khan", "kosygin", "musharraf"])
def test_who_lists_only_facts_involving_the_person(engine: Engine, arg: str) -> None:
    """Each fact after the card is tagged with the person or names them."""
    snap = engine.snapshot
    reply = ask(engine, f"who {arg}")
    person = reply.items[0].fact_id
    assert person is not None
    words = snap.person_words[person]
    listed = _facts(engine, reply)[1:]
    assert listed, "the card should list facts"
    for fact_id in listed:
        fact = snap.fb.facts[fact_id]
        named = words & set(fact.text.casefold().replace("'s", "").split())
        assert person in fact.people or fact.speaker == person or named, fact_id


def test_who_lists_facts_that_name_the_person_untagged(engine: Engine) -> None:
    """A fact whose text names someone (`Kosygin said …`) is on their card, tag or no tag."""
    snap = engine.snapshot
    untagged = [
        (pid, fact.id)
        for pid, words in snap.person_words.items()
        for fact in snap.fb.facts.values()
        if fact.kind not in ("person", "climate")  # a climate span is no one's deed
        and pid not in fact.people
        and fact.speaker != pid
        and words & set(fold(fact.text).split())
    ]
    assert untagged, "the fact base has facts naming someone without the tag"
    for pid, fact_id in untagged:
        reply = ask(engine, f"who {snap.people.display[pid]}")
        assert reply.items[0].fact_id == pid
        assert fact_id in _facts(engine, reply), (pid, fact_id)


@pytest.mark.parametrize("arg", ["gandhi", "putin", "imran khan", "jinnah", "modi", "xi"])
def test_who_invents_no_one(engine: Engine, arg: str) -> None:
    """A name the articles never mention gets a plain not-found and no facts."""
    reply = ask(engine, f"who {arg}")
    assert reply.kind == "not_found" and not reply.items


def test_who_with_an_ambiguous_name_offers_each_candidate(engine: Engine) -> None:
    """`who khan` names every Khan instead of picking one."""
    reply = ask(engine, "who khan")
    khans = [f.name for f in engine.snapshot.fb.facts.values() if f.name and "Khan" in f.name]
    assert len(khans) >= 2
    assert reply.kind == "not_found" and not reply.items
    assert sorted(reply.suggestions) == sorted(f"who {k}" for k in khans)


def test_who_alone_lists_everyone(engine: Engine) -> None:
    """No argument: every person in the base, by name, each under their name."""
    people = [f for f in engine.snapshot.fb.facts.values() if f.kind == "person"]
    items = ask(engine, "who").items
    by_name = sorted(people, key=lambda p: p.name or p.id)
    assert [i.fact_id for i in items] == [p.id for p in by_name]
    assert [i.heading for i in items] == [p.name for p in by_name]
