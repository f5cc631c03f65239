"""Checking and indexing in a child process gives exactly what doing it here gives."""

from __future__ import annotations

from pathlib import Path

from bot.factbase.load.loader import check, load
from bot.store.large.child import check_and_index_in_child
from bot.store.paths import cache_dir
from bot.store.snapshot import build_table


def test_the_child_hands_back_the_base_and_indexes_a_direct_build_gives(
    knowledge_copy: Path,
) -> None:
    """The base decoded from the child equals `load`, and its indexes equal a build from it."""
    fb, problems, table = check_and_index_in_child(knowledge_copy, None, cache_dir(knowledge_copy))
    assert problems == [] and fb == load(knowledge_copy)
    assert table is not None and table == build_table(fb)


def test_the_child_reports_the_same_problems_and_no_indexes(knowledge_copy: Path) -> None:
    """A broken file yields the very problems `factbot check` lists, file and line included."""
    (knowledge_copy / "events.yaml").write_text("events:\n  - id: broken\n", encoding="utf-8")
    _, problems, table = check_and_index_in_child(knowledge_copy, None, cache_dir(knowledge_copy))
    assert table is None
    assert problems and problems == check(knowledge_copy)[1]
    assert any("events.yaml" in p.file and "missing `date`" in str(p) for p in problems)


def test_a_child_names_a_problem_it_finds_in_one_entry(knowledge_copy: Path) -> None:
    """An unknown topic written into one entry comes back as that problem, not as indexes."""
    path = knowledge_copy / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[diplomacy]", "[nowhere]", 1))
    _, problems, table = check_and_index_in_child(knowledge_copy, None, cache_dir(knowledge_copy))
    assert table is None and any("nowhere" in str(p) for p in problems)
