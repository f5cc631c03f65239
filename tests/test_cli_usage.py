"""`factbot stats` and `factbot gaps`: what operators see of the usage log from a shell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.paths import state_dir


def test_gaps_lists_a_miss_asked_with_factbot_ask(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A miss through `factbot ask` shows in `factbot gaps`, with its count."""
    assert main(["ask", "search zzyzx", "--knowledge", str(knowledge_copy)]) == 0
    capsys.readouterr()
    assert main(["gaps", "--knowledge", str(knowledge_copy)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Unanswered questions, last 30 days\n")
    assert "1×  1. “zzyzx” — nothing found, last just now." in out


def test_stats_counts_the_requests_of_earlier_processes(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two asks, then `factbot stats 7`: 2 requests, one answered, in the state directory."""
    main(["ask", "who bhutto", "--knowledge", str(knowledge_copy)])
    main(["ask", "who gandhi", "--knowledge", str(knowledge_copy)])
    capsys.readouterr()
    assert main(["stats", "7", "--knowledge", str(knowledge_copy)]) == 0
    out = capsys.readouterr().out
    assert "2 requests · 50% of 2 questions answered · 1 nothing found." in out
    assert (state_dir(knowledge_copy) / "usage.sqlite3").is_file()


def test_disabled_stats_record_nothing(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With `stats.enabled: false`, no usage file is made and `factbot stats` says it is off."""
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge: {knowledge_copy}\nstats: {{enabled: false}}\n")
    assert main(["stats", "--config", str(config)]) == 2
    assert "Usage statistics are off" in capsys.readouterr().out
    assert not (state_dir(knowledge_copy) / "usage.sqlite3").exists()


def test_stats_database_setting_is_read_beside_the_config(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stats.database: usage/bot.db` puts the log beside the config file."""
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge: {knowledge_copy}\nstats: {{database: usage/bot.db}}\n")
    assert main(["gaps", "--config", str(config)]) == 0
    assert (tmp_path / "usage" / "bot.db").is_file()
    assert (tmp_path / "usage" / "usage.salt").stat().st_mode & 0o077 == 0


def test_asks_in_processes_of_their_own_are_all_counted(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factbot ask` run as a process (which exits without teardown) still logs its request."""
    for line in ("who bhutto", "who gandhi"):
        done = subprocess.run(
            [sys.executable, "-m", "bot", "ask", line, "--knowledge", str(knowledge_copy)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert "The articles name no one called “gandhi”." in done.stdout
    assert main(["stats", "7", "--knowledge", str(knowledge_copy)]) == 0
    assert "2 requests · 50% of 2 questions answered · 1 nothing found." in capsys.readouterr().out
