"""`factbot ask … --chart FILE`: the PNG written where asked, its path printed, JSON with data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.charts.pngcheck import assert_picture


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep rendered charts (and the fact base cache) out of the user's cache."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def test_ask_timeline_chart_writes_the_png_and_says_where(
    tmp_path: Path, own_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text answer is printed whole, then the path of a valid picture."""
    out_file = tmp_path / "t.png"
    assert main(["ask", "!timeline 1960s chart", "--chart", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert "Timeline: 1960s" in out and "Tashkent" in out
    assert out.rstrip().endswith(f"Chart written to {out_file}")
    assert_picture(out_file.read_bytes())
    cached = list((own_cache / "factbot" / "charts").glob("*.png"))
    assert [p.read_bytes() for p in cached] == [out_file.read_bytes()]


def test_ask_climate_json_carries_the_chart_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format json` stays one JSON document; the chart's marks name their fact ids."""
    out_file = tmp_path / "c.png"
    assert main(["ask", "climate", "--format", "json", "--chart", str(out_file)]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    ids = {i["fact_id"] for i in data["items"] if i["fact_id"]}
    assert {m["fact_id"] for m in data["chart"]["marks"]} == ids
    assert {m["tone"] for m in data["chart"]["marks"]} <= {
        "warm",
        "cordial",
        "mixed",
        "cool",
        "hostile",
    }
    assert f"Chart written to {out_file}" in captured.err
    assert_picture(out_file.read_bytes())


def test_ask_chart_without_a_chart_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`who bhutto --chart` answers as ever, writes nothing, says why, and exits 1 for scripts."""
    out_file = tmp_path / "none.png"
    assert main(["ask", "who bhutto", "--chart", str(out_file)]) == 1
    captured = capsys.readouterr()
    assert "Zulfikar Ali Bhutto" in captured.out and "No chart for this answer" in captured.err
    assert not out_file.exists()


def test_the_chart_flag_alone_asks_for_the_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ask "timeline 1970s" --chart F`: the flag asks for the picture; no `chart` word needed."""
    out_file = tmp_path / "t.png"
    assert main(["ask", "timeline 1970s", "--chart", str(out_file)]) == 0
    assert f"Chart written to {out_file}" in capsys.readouterr().out
    assert_picture(out_file.read_bytes())


def test_a_chart_that_cannot_be_written_fails_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unwritable `--chart` path: the answer still prints, the error says why, exit 1."""
    out_file = tmp_path / "no-such-folder" / "t.png"
    assert main(["ask", "timeline 1970s chart", "--chart", str(out_file)]) == 1
    captured = capsys.readouterr()
    assert "Timeline: 1970s" in captured.out and "could not write the chart" in captured.err


def test_ask_without_chart_never_imports_matplotlib() -> None:
    """A plain one-shot answer does not pay for matplotlib (a cold import takes seconds)."""
    code = (
        "import sys; from bot.cli import main; main(['ask', 'timeline 1970s chart']); "
        "print('matplotlib' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.strip().endswith("False")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path, own_cache: Path) -> None:
    """`factbot ask "timeline cold war chart" --chart F | head -1`: the PNG, and no traceback."""
    out_file = tmp_path / "cw.png"
    asking = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "timeline cold war chart", "--chart", str(out_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "XDG_CACHE_HOME": str(own_cache)},
    )
    assert asking.stdout is not None and asking.stderr is not None
    first = asking.stdout.readline()
    asking.stdout.close()  # as `head -1` does
    errors = asking.stderr.read().decode()
    asking.wait(timeout=60)
    asking.stderr.close()
    assert first.startswith(b"Timeline: the Cold War")
    assert "Traceback" not in errors and "BrokenPipeError" not in errors
    assert_picture(out_file.read_bytes())
