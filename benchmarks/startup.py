"""Time `factbot ask "!timeline 1970s"` as a fresh process on the real fact base.

Also lists what the console path imports (`python -X importtime`): it must not import discord.py.
Prints one JSON object.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.measure import wall_time

ROOT = Path(__file__).resolve().parents[1]
ASK = ["ask", "!timeline 1970s", "--knowledge", str(ROOT / "knowledge")]


def _factbot() -> list[str]:
    """Prefer the installed `factbot` script next to this interpreter, as users run it."""
    script = Path(sys.executable).with_name("factbot")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bot"]


def imports() -> list[tuple[str, float]]:
    """Give (module, cumulative ms) for everything the ask path imports, slowest first."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", *ASK],
        capture_output=True,
        text=True,
        check=True,
    )
    found: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line[len("import time:") :].split("|")
            if cumulative.strip().isdigit():
                found.append((name.rstrip()[1:], int(cumulative) / 1000))
    return sorted(found, key=lambda nc: -nc[1])


TARGET_RATIO = 4.0  # a cold `factbot ask` costs at most four bare interpreter starts


def side_by_side(command: list[str], runs: int = 7) -> tuple[list[float], list[float]]:
    """Time the command and `python -c pass` alternately, so both see the same machine load."""
    bot: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        bot += wall_time(command, runs=1)
        bare += wall_time([sys.executable, "-c", "pass"], runs=1)
    return bot, bare


def compile_bytecode() -> None:
    """Compile the package as `make install` and `make run` do, so the runs load bytecode.

    Where PYTHONDONTWRITEBYTECODE is set Python never writes it itself, and every run would
    compile the package from source again (about 0.1 s more).
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "bot")], check=True)


def main() -> None:
    command = [*_factbot(), *ASK]
    compile_bytecode()
    wall_time(command, runs=1)  # fills the cache, as the first run after an edit does
    times, bare = side_by_side(command)
    ratio = statistics.median(times) / statistics.median(bare)
    modules = imports()  # names keep their indent: nested imports start with a space
    top = [(name, round(ms, 1)) for name, ms in modules if not name.startswith(" ")][:8]
    print(
        json.dumps(
            {
                "wall_s": round(statistics.median(times), 3),
                "python_pass_s": round(statistics.median(bare), 3),
                "ratio_to_python_pass": round(ratio, 2),
                "target_ratio": TARGET_RATIO,
                "target_met": ratio <= TARGET_RATIO,
                "runs_s": [round(t, 3) for t in times],
                "discord_imports": sum(name.strip().startswith("discord") for name, _ in modules),
                "modules": len(modules),
                "slowest_top_level_imports_ms": top,
            }
        )
    )


if __name__ == "__main__":
    main()
