"""An invalid edit is refused with `factbot check`'s own message and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.load.loader import check
from tests.conftest import audit_log, folder_bytes, say, shown

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
    small_engine: Engine, small: Path, case: str, command: str, by_hand: tuple[str, str]
) -> None:
    """The reply lists exactly what `factbot check` says of the same change made by hand."""
    before = folder_bytes(small)
    reply = say(small_engine, command)
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
    assert expected != []
    assert [item.text for item in reply.items] == expected
    assert str(small.parent) not in shown(reply), "no server paths in a chat reply"


def test_duplicate_id_on_add_is_refused(small_engine: Engine, small: Path) -> None:
    """Adding an id that exists names where it is already defined."""
    before = folder_bytes(small)
    text = shown(
        say(
            small_engine,
            "fact add event id=talks-1966 date=1966 text=Again. sources=art "
            'evidence="talks in Tashkent"',
        )
    )
    assert "duplicate id `talks-1966` (first defined at" in text
    assert folder_bytes(small) == before
