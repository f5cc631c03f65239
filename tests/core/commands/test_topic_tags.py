"""The tag audit, through the front door: each theme shows the facts the articles file under it.

Each row is a theme as a student types it and words of a fact the articles put on that theme,
chosen by reading the articles (Challenges and Prospects on the 1958 offer of help with
agriculture and flood control, Tauhidi on the Iran nuclear deal, and so on), not from the
fact base's tags.
"""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask


def _shown(engine: Engine, line: str) -> str:
    """Give every item of a theme's reply, title first, as one text."""
    reply = ask(engine, line)
    return " ".join([reply.title, *(i.text for i in reply.items)])


@pytest.mark.parametrize(
    ("line", "fact"),
    [
        ("topic agriculture", "help with agriculture and flood control"),
        ("topic agriculture", "agriculture, including water management"),
        ("topic farming", "flood control"),
        ("topic floods", "flood control"),
        ("topic nuclear", "2005 India-US nuclear deal"),
        ("topic nuclear", "Iran nuclear deal"),
        ("topic defence", "Peace Mission 2018 exercise deserves credit"),
        ("topic defence", "In the 1971 war Moscow gave India its full military"),
        ("topic defence", "missile shield"),
        ("topic terrorism", "troop drawdown under Barack Obama"),
        ("topic terrorism", "Russia welcomed the American-led attack on Afghanistan"),
        ("topic strategic balance", "US and NATO forces pulled out of Afghanistan in 2014"),
        ("topic strategic balance", "Afghan-led reconciliation"),
        ("topic strategic balance", "contain Chinese influence in the Indo-Pacific"),
        ("topic india-pakistan wars", "Tashkent Declaration"),
        ("topic kashmir", "permanent UNSC member"),
        ("topic steel", "steel mill at Karachi"),
        ("topic sco", "In 2011 Russia supported Pakistan's demand"),
        ("topic energy", "Thar Coal Project"),
        ("topic trade", "$600 million to $1 billion"),
    ],
)
def test_theme_shows_the_fact_filed_under_it(engine: Engine, line: str, fact: str) -> None:
    """The theme lists the fact the articles discuss under it."""
    assert fact in _shown(engine, line)


@pytest.mark.parametrize(
    ("line", "fact"),
    [
        ("topic energy", "Little real groundwork has been done"),  # economic footing, not energy
        ("topic agriculture", "Arabian Sea's warm waters"),  # water, but not water management
    ],
)
def test_theme_leaves_out_what_is_not_about_it(engine: Engine, line: str, fact: str) -> None:
    """A fact is not filed under a theme it only brushes against."""
    assert fact not in _shown(engine, line)
