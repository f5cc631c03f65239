"""Fifty admins at once: `factbot ask '!fact add …'` in 50 processes, every edit must land.

    python -m benchmarks.concurrent_edits          # 50 processes on a copy of knowledge/
    python -m benchmarks.concurrent_edits 20

Target (issue 14): all 50 edits persist (50 new entries in events.yaml, 50 confirmed audit
records, a valid base) within 60 s on this 2-core machine. Each process is a real CLI start:
Python, the fact base from its caches, the edit lock, the re-check and the atomic write.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.factbase.load.loader import check

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 60.0


def add_line(n: int) -> str:
    """Give a valid `fact add` whose id names the process."""
    return (
        f'!fact add event id=crowd-edit-{n} date=2001 text="Crowd edit number {n}." '
        'sources=challenges-and-prospects evidence="since Pakistan\'s emergence in 1947"'
    )


def run(processes: int) -> dict[str, float]:
    """Start every process at once on a fresh copy; time until the last one exits."""
    with tempfile.TemporaryDirectory(prefix="factbot-bench-crowd-") as tmp:
        folder = Path(tmp) / "knowledge"
        shutil.copytree(ROOT / "knowledge", folder, ignore=shutil.ignore_patterns(".*"))
        env = {**os.environ, "XDG_CACHE_HOME": f"{tmp}/cache", "XDG_STATE_HOME": f"{tmp}/state"}
        command = [sys.executable, "-m", "bot", "ask", "--knowledge", str(folder)]
        subprocess.run([*command, "!about"], env=env, capture_output=True, check=True)  # caches
        started = time.perf_counter()
        running = [
            subprocess.Popen([*command, add_line(n)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
            for n in range(processes)
        ]  # fmt: skip
        codes = [p.wait() for p in running]
        seconds = time.perf_counter() - started
        for p in running:
            assert p.stdout is not None and p.stderr is not None
            p.stdout.close()
            p.stderr.close()
        text = (folder / "events.yaml").read_text(encoding="utf-8")
        saved = sum(f"  - id: crowd-edit-{n}\n" in text for n in range(processes))
        audit = next(Path(tmp, "state").rglob("audit.jsonl")).read_text(encoding="utf-8")
        logged = [json.loads(line) for line in audit.splitlines()]
        _, problems = check(folder)
    return {
        "processes": processes,
        "seconds": round(seconds, 2),
        "exited_0": sum(code == 0 for code in codes),
        "saved": saved,
        "audit_records": sum("action" in entry for entry in logged),
        "confirmed": sum("done" in entry for entry in logged),
        "problems": len(problems),
    }


def main(argv: list[str]) -> None:
    """Print the run as JSON and say whether the target was met."""
    result = run(int(argv[0]) if argv else 50)
    print(json.dumps(result))
    met = result["saved"] == result["processes"] and result["seconds"] <= TARGET_S
    print(f"target (all saved in ≤ {TARGET_S:.0f} s): {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main(sys.argv[1:])
