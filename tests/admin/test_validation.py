"""An invalid edit is refused with `factbot check`'s own message and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.load.loader import check
from tests.admin.conftest import engine_over, folder_bytes, say, shown
from tests.conftest import audit_log

SOURCES = """\
sources:
  - id: art
    title: An article
    author: unnamed
    seed: art.txt
    published: {certainty: unknown}
topics:
  - id: diplomacy
    name: Diplomacy
    text: Visits and talks.
"""
EVENTS = """\
# yaml-language-server: $schema=schema.json
# Hand-written notes that must survive every chat edit.
events:
  # the sixties
  - id: visit-1965
    date: "1965-04"   # month precision
    # the article says April
    text: Ayub Khan visited Moscow.
    sources: [art]
    evidence: visited Moscow in April 1965
    topics: [diplomacy]

  - id: talks-1966
    date: '1966-01'
    text: 'Talks were held in Tashkent.'
    sources: [art]
    evidence: talks in Tashkent
# end of file
"""
ARTICLE = "President Ayub Khan visited Moscow in April 1965; talks in Tashkent followed in 1966."


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Write a two-event base, with comments and mixed quoting, and its one article."""
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "sources.yaml").write_text(SOURCES)
    (folder / "events.yaml").write_text(EVENTS)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "art.txt").write_text(ARTICLE)
    return folder


@pytest.fixture
def engine(small: Path) -> Engine:
    """Give an engine over the small base, proving evidence against its article."""
    return engine_over(small, small.parent / "seeds")


INVALID = [
    # (case, command, the wrong line of events.yaml written by hand for `factbot check`)
    ("unknown topic", "fact edit visit-1965 topics=diplomcy", ("[diplomacy]", "[diplomcy]")),
    ("bad date", "fact edit visit-1965 date=1965-13", ('"1965-04"', '"1965-13"')),
    (
        "evidence not in the article",
        'fact edit visit-1965 evidence="flew to Moscow in April 1965"',
        ("visited Moscow in April 1965", "flew to Moscow in April 1965"),
    ),
    (
        "unknown source",
        "fact edit talks-1966 sources=artt",
        ("[art]\n    evidence: talks", "[artt]\n    evidence: talks"),
    ),
    (
        "unknown key",
        "fact edit talks-1966 colour=red",
        ("talks in Tashkent\n", "talks in Tashkent\n    colour: red\n"),
    ),
]


@pytest.mark.parametrize(("case", "command", "by_hand"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_edit_gives_check_message_and_changes_nothing(
    engine: Engine, small: Path, case: str, command: str, by_hand: tuple[str, str]
) -> None:
    """The reply lists exactly what `factbot check` says of the same change made by hand."""
    before = folder_bytes(small)
    reply = say(engine, command)
    assert folder_bytes(small) == before
    assert not audit_log(small).exists()
    # Make the same change by hand in a copy and ask `factbot check` about it.
    copy = small.parent / "by-hand"
    copy.mkdir()
    for name, data in before.items():
        (copy / name).write_bytes(data)
    events = copy / "events.yaml"
    events.write_text(events.read_text().replace(*by_hand, 1))
    _, problems = check(copy, small.parent / "seeds")
    expected = [str(p).replace(str(copy), small.name) for p in problems]
    assert [item.text for item in reply.items] == expected != []
    assert str(small.parent) not in shown(reply), "no server paths in a chat reply"


def test_duplicate_id_on_add_is_refused(engine: Engine, small: Path) -> None:
    """Adding an id that exists names where it is already defined."""
    before = folder_bytes(small)
    text = shown(
        say(
            engine,
            "fact add event id=talks-1966 date=1966 text=Again. sources=art "
            'evidence="talks in Tashkent"',
        )
    )
    assert "duplicate id `talks-1966` (first defined at" in text
    assert folder_bytes(small) == before


def test_comments_and_quoting_outside_the_change_survive(engine: Engine, small: Path) -> None:
    """Comments, odd quoting and the file's end stay byte for byte; only the edited key moves."""
    say(engine, 'fact edit visit-1965 text="Ayub Khan went to Moscow."')
    say(engine, "fact edit talks-1966 date=1966")
    assert (small / "events.yaml").read_text() == EVENTS.replace(
        "text: Ayub Khan visited Moscow.", "text: Ayub Khan went to Moscow."
    ).replace("date: '1966-01'", 'date: "1966"')


def test_adding_after_a_trailing_comment_keeps_it(engine: Engine, small: Path) -> None:
    """A new entry goes right after the last entry; the file's closing comment stays last."""
    reply = say(
        engine, 'fact add event date=1965 text="A visit." sources=art evidence="visited Moscow"'
    )
    assert reply.kind == "admin", shown(reply)
    text = (small / "events.yaml").read_text()
    assert text.endswith("    evidence: visited Moscow\n# end of file\n")
    assert text.startswith(EVENTS.removesuffix("# end of file\n"))


def test_windows_line_endings_are_kept(engine: Engine, small: Path) -> None:
    """A CRLF file stays CRLF, new lines included."""
    path = small / "events.yaml"
    path.write_bytes(EVENTS.replace("\n", "\r\n").encode())
    say(engine, "reload")
    say(engine, 'fact edit visit-1965 text="Ayub Khan went to Moscow."')
    data = path.read_bytes()
    assert b"text: Ayub Khan went to Moscow.\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
