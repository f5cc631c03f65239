"""The `factbot` command: exit codes, one-line errors, and no adapter imported it does not need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import ROOT, SEEDS


def test_check_prints_counts_and_exits_0(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factbot check` on a valid base prints the counts by kind and exits 0."""
    assert main(["check", str(knowledge_copy), "--seeds", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "5 sources" in out and "15 people" in out
    climate = (knowledge_copy / "climate.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    assert f" {climate} climate spans," in out


def test_check_of_a_broken_base_lists_problems_and_exits_1(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken base prints file:line problems on stderr, no traceback, and exits 1."""
    (knowledge_copy / "events.yaml").write_text("events:\n  - id: [\n")
    assert main(["check", str(knowledge_copy), "--seeds", str(SEEDS)]) == 1
    err = capsys.readouterr().err
    assert "events.yaml:" in err and "not valid YAML" in err
    assert "Traceback" not in err


def test_factbot_check_runs_as_a_command() -> None:
    """`python -m bot check knowledge` validates the real fact base and reports counts by kind."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "check", "knowledge"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ") and "events" in done.stdout and "claims" in done.stdout


@pytest.mark.parametrize("command", ["run", "sync"])
def test_cli_exits_2_on_bad_config(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factbot run/sync` with a broken config prints one line and exits 2, no traceback."""
    path = tmp_path / "config.yaml"
    path.write_text("discord:\n  cooldown: {rate: -1}\n", encoding="utf-8")
    assert main([command, "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "discord.cooldown" in err
    assert "Traceback" not in err


def test_console_path_does_not_import_discord() -> None:
    """`factbot ask` must not pay for discord.py."""
    code = (
        "import sys; from bot.cli import main; main(['ask', 'about']); "
        "print('discord' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.strip().endswith("False")
    assert "About" in done.stdout or "about" in done.stdout.lower()


def test_check_of_a_huge_folder_stops_at_its_time_limit(knowledge_copy: Path) -> None:
    """`factbot check --timeout 1` on a 26 MB junk events.yaml stops in one line, exit 1."""
    with (knowledge_copy / "events.yaml").open("w", encoding="utf-8") as f:
        f.write("events:\n")
        for n in range(300_000):
            f.write(f'  - id: junk-{n}\n    date: "2001"\n    text: Junk {n}.\n    sources: [x]\n')
    done = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(knowledge_copy), "--timeout", "1"],
        capture_output=True, text=True, timeout=60, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "factbot: check stopped after 1 s; raise --timeout\n"
