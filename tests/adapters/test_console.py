"""`factbot ask` and `factbot chat` as a user runs them: a real process, real output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE


def factbot(
    *args: str, stdin: str = "", knowledge: Path = KNOWLEDGE
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter, the way a user's shell does."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args, "--knowledge", str(knowledge)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("!timeline 1970s", "Timeline: 1970s"),
        ("!interests rusia", "Russia's interests"),
        ("!who bhuto", "Zulfikar Ali Bhutto"),
        ("!search tashkent declaraton", "Tashkent"),
    ],
)
def test_ask_answers_with_sources(line: str, expected: str) -> None:
    """The issue's four examples answer, exit 0, and cite a source on every item."""
    done = factbot("ask", line)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout and "— " in done.stdout
    assert "Traceback" not in done.stderr


def test_ask_json_prints_the_reply() -> None:
    """`--format json` prints a Reply: title, items with citations."""
    done = factbot("ask", "timeline 1965", "--format", "json")
    reply = json.loads(done.stdout)
    assert reply["title"] == "Timeline: 1965"
    assert all(item["citations"] for item in reply["items"] if item["fact_id"])


@pytest.mark.parametrize("line", ["", "!", "   "])
def test_ask_with_no_command_exits_2_with_usage(line: str) -> None:
    """A malformed invocation gets usage on stderr and exit code 2."""
    done = factbot("ask", line)
    assert done.returncode == 2 and "usage" in done.stderr.lower()


def test_ask_on_a_broken_fact_base_lists_problems_and_exits_1(knowledge_copy: Path) -> None:
    """An invalid knowledge folder: file:line problems, exit 1, no traceback."""
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text().replace('date: "1958"', 'date: "someday"'))
    done = factbot("ask", "timeline", knowledge=knowledge_copy)
    assert done.returncode == 1
    assert "events.yaml:" in done.stderr and "someday" in done.stderr
    assert "Traceback" not in done.stderr


def test_chat_without_a_terminal_answers_each_line() -> None:
    """Piped input: each command answered in turn, with or without `!`, until `quit`."""
    done = factbot("chat", stdin="!timeline 1980s\nwho kosygin\n\nquit\nsources\n")
    assert done.returncode == 0, done.stderr
    assert "Timeline: 1980s" in done.stdout and "Alexei Kosygin" in done.stdout
    assert "Sources" not in done.stdout


def test_chat_reads_a_stray_byte_under_strict_utf8() -> None:
    """`who \\xff bhutto` piped in under strict UTF-8 is answered, not a UnicodeDecodeError."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--knowledge", str(KNOWLEDGE)],
        input=b"who \xff bhutto\n",
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert "Zulfikar Ali Bhutto" in done.stdout.decode("utf-8")
