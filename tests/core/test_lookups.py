"""`interests`, `who`, `topic`, `quote`, `source`: exact, alias, typo and empty arguments."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.types import Reply
from bot.search.normalise import fold
from tests.core.conftest import ask, text_of


def _facts(engine: Engine, reply: Reply) -> list[str]:
    return [i.fact_id for i in reply.items if i.fact_id]


@pytest.mark.parametrize(
    ("arg", "party"),
    [
        ("russia", "russia"),
        ("Russia", "russia"),
        ("rusia", "russia"),
        ("moscow", "russia"),
        ("ussr", "russia"),
        ("soviet union", "russia"),
        ("kremlin", "russia"),
        ("pakistan", "pakistan"),
        ("pakstan", "pakistan"),
        ("islamabad", "pakistan"),
        ("shared", "shared"),
        ("both", "shared"),
        ("convergence", "shared"),
    ],
)
def test_interests_of_a_party(engine: Engine, arg: str, party: str) -> None:
    """Every interest the base lists for that party, and only those."""
    fb = engine.snapshot.fb
    expected = [f.id for f in fb.facts.values() if f.kind == "interest" and f.party == party]
    assert _facts(engine, ask(engine, f"interests {arg}")) == expected


def test_interests_without_a_party_explains_usage(engine: Engine) -> None:
    """No argument: a usage reply naming the choices."""
    reply = ask(engine, "interests")
    assert reply.kind == "usage" and "russia" in reply.intro


@pytest.mark.parametrize("arg", ["china", "afghanistan", "united states"])
def test_interests_of_another_country_lists_those_involving_it(engine: Engine, arg: str) -> None:
    """A country with no interests of its own gets the interests that involve it."""
    reply = ask(engine, f"interests {arg}")
    match = engine.snapshot.parties.best(arg)
    assert match is not None
    facts = engine.snapshot.fb.facts
    assert all(match.id in facts[i].parties for i in _facts(engine, reply))


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
    for fact_id in _facts(engine, reply)[1:]:
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
        if fact.kind != "person"
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
    assert sorted(reply.suggestions) == sorted(f"who {k}" for k in khans)


def test_who_alone_lists_everyone(engine: Engine) -> None:
    """No argument: every person in the base, by name, each under their name."""
    people = [f for f in engine.snapshot.fb.facts.values() if f.kind == "person"]
    items = ask(engine, "who").items
    by_name = sorted(people, key=lambda p: p.name or p.id)
    assert [i.fact_id for i in items] == [p.id for p in by_name]
    assert [i.heading for i in items] == [p.name for p in by_name]


def test_quote_alone_lists_every_quotation_oldest_first(engine: Engine) -> None:
    """No argument: every quotation, dated ones oldest first, undated ones after them."""
    facts = engine.snapshot.fb.facts
    items = ask(engine, "quote").items
    quotes = [facts[i.fact_id or ""] for i in items]
    assert len(quotes) == sum(f.kind == "quote" for f in facts.values())
    order = [(q.date is None, q.date.start if q.date else None) for q in quotes]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("arg", "entry"),
    [
        ("energy", "energy"),
        ("enrgy", "energy"),
        ("gas", "energy"),
        ("defence", "defence"),
        ("defense", "defence"),
        ("sco", "sco"),
        ("shanghai cooperation organization", "sco"),
        ("cpec", "cpec"),
        ("afghanistan", "afghanistan"),
        ("india", "india"),
        ("china", "china"),
        ("united states", "united-states"),
        ("usa", "united-states"),
    ],
)
def test_topic_lists_facts_filed_under_it(engine: Engine, arg: str, entry: str) -> None:
    """Every fact shown is filed under the theme, or concerns the country."""
    facts = engine.snapshot.fb.facts
    reply = ask(engine, f"topic {arg}")
    shown = [i.fact_id for i in reply.items if i.fact_id and i.heading is None]
    assert shown
    assert all(entry in facts[i].topics or entry in facts[i].parties for i in shown)


@pytest.mark.parametrize("line", ["topic", "topics"])
def test_topics_lists_every_theme_with_its_count(engine: Engine, line: str) -> None:
    """Each theme appears with the number of facts filed under it."""
    text = text_of(engine, line)
    fb = engine.snapshot.fb
    for topic in fb.topics.values():
        count = sum(topic.id in f.topics for f in fb.facts.values())
        assert f"{topic.name}: {count} fact" in text


@pytest.mark.parametrize("arg", ["cricket", "space race", "zzzz"])
def test_unknown_topic_is_not_invented(engine: Engine, arg: str) -> None:
    """An unknown theme is reported as such, without facts."""
    reply = ask(engine, f"topic {arg}")
    assert reply.kind == "not_found" and not reply.items


@pytest.mark.parametrize(
    ("arg", "check"),
    [
        ("", lambda f: True),
        ("kosygin", lambda f: f.speaker == "alexei-kosygin"),
        ("kosigin", lambda f: f.speaker == "alexei-kosygin"),
        ("zero-sum", lambda f: "zero-sum" in f.text),
        ("neighbour", lambda f: "neighbour" in f.text),
    ],
)
def test_quote_filters_by_speaker_or_word(engine: Engine, arg: str, check: object) -> None:
    """Quotes shown are quotations that match the filter, with their speaker named."""
    facts = engine.snapshot.fb.facts
    reply = ask(engine, f"quote {arg}")
    assert reply.items
    for item in reply.items:
        fact = facts[item.fact_id or ""]
        assert fact.kind == "quote" and check(fact)  # type: ignore[operator]
        assert engine.snapshot.fb.name_of(fact.speaker or "") in item.text


def test_quote_of_someone_never_quoted_is_not_found(engine: Engine) -> None:
    """No quotation is invented for a stranger."""
    assert ask(engine, "quote putin").kind == "not_found"


@pytest.mark.parametrize(
    ("arg", "source"),
    [
        ("aslam-joint-exercise", "aslam-joint-exercise"),
        ("aslam", "aslam-joint-exercise"),
        ("Sabah Aslam", "aslam-joint-exercise"),
        ("tauhidi", "tauhidi-strategic-realignment"),
        ("daily times", "tauhidi-strategic-realignment"),
        ("abasi", "abbasi-changing-dynamics"),
        ("challenges and prospects", "challenges-and-prospects"),
    ],
)
def test_source_shows_the_whole_citation(engine: Engine, arg: str, source: str) -> None:
    """Title, author, publication date and its certainty are all there."""
    s = engine.snapshot.fb.sources[source]
    text = text_of(engine, f"source {arg}")
    assert s.title in text
    assert (s.published or "no date") in text
    assert {"stated": "as printed", "unknown": "not known", "inferred": "inferred"}[
        s.date_certainty
    ] in text


def test_unknown_source_points_to_the_list(engine: Engine) -> None:
    """No matching article: not found, suggesting real sources or the list."""
    reply = ask(engine, "source nytimes")
    assert reply.kind == "not_found" and reply.suggestions
