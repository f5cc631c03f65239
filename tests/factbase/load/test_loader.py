"""The loader's check: every broken fact base gets a file:line message with a fix, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.factbase.load.loader import check
from tests.conftest import SEEDS

SOURCES = """\
sources:
  - id: art
    title: An article
    author: unnamed
    seed: art.txt
    published: {certainty: unknown}
"""
PEOPLE = """\
people:
  - id: ayub-khan
    name: Ayub Khan
    text: A president of Pakistan.
    sources: [art]
    evidence: President Ayub Khan
"""
EVENT = """\
events:
  - id: visit-1965
    date: "1965-04"
    text: Ayub Khan visited Moscow.
    sources: [art]
    evidence: visited Moscow in April 1965
    people: [ayub-khan]
"""
ARTICLE = "In the sixties President Ayub Khan visited Moscow in April 1965, a first."


def write_base(folder: Path, events: str = EVENT, **extra: str) -> Path:
    """Write a small valid fact base (plus extra files) and its one article."""
    folder.mkdir(exist_ok=True)
    (folder / "sources.yaml").write_text(SOURCES)
    (folder / "people.yaml").write_text(PEOPLE)
    (folder / "events.yaml").write_text(events)
    for name, text in extra.items():
        (folder / f"{name}.yaml").write_text(text)
    seeds = folder.parent / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "art.txt").write_text(ARTICLE)
    return folder


def test_small_valid_base_passes(tmp_path: Path) -> None:
    """The fixture base itself is valid, so each broken case below fails for its own reason."""
    folder = write_base(tmp_path / "kb")
    fb, problems = check(folder, tmp_path / "seeds")
    assert problems == []
    assert set(fb.facts) == {"ayub-khan", "visit-1965"}


BROKEN: list[tuple[str, str, str, int, str]] = [
    # (case, file name, events.yaml content, expected line, expected words in message)
    ("syntax error", "events", 'events:\n  - id: x\n    text: "unclosed\n', 3, "not valid YAML"),
    ("empty file", "events", "", 1, "the file is empty"),
    ("only comments", "events", "# nothing here\n", 1, "the file is empty"),
    ("not a mapping", "events", "- just\n- a list\n", 1, "must be a mapping of sections"),
    ("unknown section", "events", "evnts: []\n", 1, "unknown key `evnts`"),
    (
        "duplicate id",
        "events",
        EVENT + EVENT.replace("events:\n", ""),
        8,
        "duplicate id `visit-1965` (first defined at",
    ),
    (
        "dangling person",
        "events",
        EVENT.replace("[ayub-khan]", "[ayub-kahn]"),
        2,
        "unknown person `ayub-kahn`",
    ),
    ("bad date", "events", EVENT.replace('"1965-04"', '"1965-13"'), 3, "is not a date"),
    ("unknown source", "events", EVENT.replace("sources: [art]", "sources: [artt]"), 2, "artt"),
    ("wrong type", "events", EVENT.replace("sources: [art]", "sources: art"), 5, "expected array"),
    ("missing field", "events", EVENT.replace('    date: "1965-04"\n', ""), 2, "missing `date`"),
    ("bad id", "events", EVENT.replace("visit-1965", "Visit 1965"), 2, "is not a valid id"),
    (
        "evidence not in article",
        "events",
        EVENT.replace("visited Moscow in April 1965", "flew to Moscow"),
        2,
        "evidence not found in `art`",
    ),
    (
        "evidence for another source",
        "events",
        EVENT.replace("evidence: visited", "evidence:\n      other: visited"),
        2,
        "evidence for ['other'] ≠ sources ['art']",
    ),
]


@pytest.mark.parametrize(
    ("case", "name", "content", "line", "words"), BROKEN, ids=[c[0] for c in BROKEN]
)
def test_broken_base_names_file_and_line(
    tmp_path: Path, case: str, name: str, content: str, line: int, words: str
) -> None:
    """Each kind of breakage is reported at the right file and line, with a fix."""
    folder = write_base(tmp_path / "kb", events=content)
    _, problems = check(folder, tmp_path / "seeds")
    messages = [str(p) for p in problems]
    assert any(
        p.file.endswith(f"{name}.yaml") and p.line == line and words in str(p) for p in problems
    ), messages
    assert all(" — " in m for m in messages), "every problem says how to fix it"


def test_missing_key_names_the_entry_not_its_section(tmp_path: Path) -> None:
    """A key missing from an entry is reported against the entry, not as "field `events`"."""
    folder = write_base(tmp_path / "kb", events=EVENT.replace('    date: "1965-04"\n', ""))
    _, problems = check(folder, tmp_path / "seeds")
    assert [p.what for p in problems] == ["entry `visit-1965`: missing `date`"]


def test_typo_in_reference_suggests_the_real_id(tmp_path: Path) -> None:
    """A misspelt reference comes with the nearest existing id."""
    folder = write_base(tmp_path / "kb", events=EVENT.replace("[ayub-khan]", "[ayub-kahn]"))
    _, problems = check(folder, tmp_path / "seeds")
    assert any("did you mean `ayub-khan`" in str(p) for p in problems)


def test_all_problems_reported_in_one_run(tmp_path: Path) -> None:
    """Several independent mistakes are all listed, not just the first."""
    broken = EVENT.replace('"1965-04"', '"1965-13"').replace("[ayub-khan]", "[nobody]")
    folder = write_base(tmp_path / "kb", events=broken, extra="parties: [{id: x}]\n")
    _, problems = check(folder, tmp_path / "seeds")
    assert len(problems) >= 3


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    """A file that is not UTF-8 gets a clear message instead of a traceback."""
    folder = write_base(tmp_path / "kb")
    (folder / "bad.yaml").write_bytes(b"events:\n  - id: \xff\xfe\n")
    _, problems = check(folder, tmp_path / "seeds")
    assert [str(p) for p in problems] == [
        f"{folder / 'bad.yaml'}:1: the file is not UTF-8 text (byte 16) — save it as UTF-8"
    ]


def test_factbot_seeds_keeps_provenance_for_a_copied_base(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With $FACTBOT_SEEDS set, a copied fact base is still proved against its articles."""
    if not SEEDS.is_dir():
        pytest.skip(f"source articles not found at {SEEDS}")
    events = knowledge_copy / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(
        text.replace("evidence: first ever joint military", "evidence: first ever joint naval")
    )
    monkeypatch.setenv("FACTBOT_SEEDS", str(SEEDS))
    _, problems = check(knowledge_copy)
    assert any("evidence not found" in str(p) and "events.yaml" in p.file for p in problems)
