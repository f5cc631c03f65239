"""The console adapter: `factbot ask` answers one command, `factbot chat` holds a conversation.

The local user owns the files, so they are an admin here. Nothing in this path imports discord.
"""

from __future__ import annotations

import getpass
import io
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.adapters.serving import build_engine, default_engine
from bot.adapters.terminal import render, render_json
from bot.core.commands.timeline import CHART_LABEL
from bot.core.engine import Engine
from bot.core.notices import reload_notice
from bot.core.parse import split_line
from bot.core.types import Actor, Reply, ReplyKind, Request
from bot.errors import ConfigError, KnowledgeError
from bot.store.paths import cache_root, state_root

if TYPE_CHECKING:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import History

    from bot.config import Settings
    from bot.store.store import ReloadResult

MAX_WIDTH = 100  # beyond this, lines get hard to read even on a wide terminal
EXIT_CODES: dict[ReplyKind, int] = {
    "answer": 0,
    "admin": 0,
    "not_found": 0,
    "usage": 2,
    "refused": 1,
    "error": 1,
}
USAGE = 'usage: factbot ask "<command>"   e.g. factbot ask "!timeline 1970s"; `help` lists commands'
LEAVE = {"quit", "exit", "bye", "q"}
ANSWER_KEYS = frozenset("abcd1234")  # a quiz answer typed alone, as README promises
# The quiz's words typed alone: no command has these names, and as searches they only made
# nonsense ("Read “stop” as “step”") and false gaps.
QUIZ_WORDS = {
    "reveal": "quiz reveal",
    "next": "quiz next",
    "skip": "quiz next",
    "stop": "quiz stop",
}


def console_actor() -> Actor:
    """Name the local user; they are an admin of their own files."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "console"
    return Actor(
        id=f"console:{name}",
        name=name,
        is_admin=True,
        platform="console",
        one_player=True,
        buttons=False,
    )


def load_engine(
    knowledge: Path,
    err: TextIO = sys.stderr,
    settings: Settings | None = None,
    articles: Path | None = None,
) -> Engine | None:
    """Load the fact base, or print each problem (file:line: what — fix) and give None."""
    try:
        if settings is None:  # no config: the defaults, without importing pydantic
            return default_engine(knowledge, articles)
        update: dict[str, object] = {"knowledge": knowledge}
        if articles is not None:
            update["articles"] = articles
        return build_engine(settings.model_copy(update=update))
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        noun = "problem" if len(exc.problems) == 1 else "problems"
        print(f"{len(exc.problems)} {noun} in {knowledge}; fix them and try again.", file=err)
        return None


def answer(engine: Engine, line: str, actor: Actor) -> Reply | None:
    """Answer one typed line; None when the line holds no command."""
    parsed = split_line(line)
    if parsed is None:
        return None
    command, args = parsed
    return engine.handle(Request(command, args, actor))


def ask(
    line: str,
    knowledge: Path,
    fmt: str,
    articles: Path | None = None,
    chart: Path | None = None,
) -> int:
    """Print the answer to one command; exit 0 answered, 1 failed, 2 malformed.

    With `chart`, the answer's picture is written there too, and its path printed after the
    answer (on standard error with `--format json`, so the JSON stays one document).
    """
    parsed = split_line(line)
    if parsed is None or not parsed[0]:  # nothing but prefixes: the invocation is malformed
        print(USAGE, file=sys.stderr)
        return 2
    engine = load_engine(knowledge, articles=articles)
    if engine is None:
        return 1
    engine.store.one_shot = True
    engine.store.on_wait = _say_waiting
    try:
        reply = answer(engine, line, console_actor())
        drawn = _chart_action(reply) if chart is not None and reply else None
        if drawn is not None:  # `--chart` asks for the picture: `timeline 1970s` → `… chart`
            reply = answer(engine, drawn, console_actor())
    finally:
        engine.usage.close()
    assert reply is not None  # the line was checked above
    _print(render_json(reply) if fmt == "json" else _render(reply))
    code = EXIT_CODES.get(reply.kind, 1)
    if chart is not None and not _write_chart(
        reply, chart, sys.stderr if fmt == "json" else sys.stdout
    ):
        return code or 1
    return code


def _chart_action(reply: Reply) -> str | None:
    """Give the line of the reply's own chart button, if it has one and no chart yet."""
    if reply.chart is not None:
        return None
    return next((a.line for a in reply.actions if a.label == CHART_LABEL), None)


def _write_chart(reply: Reply, path: Path, out: TextIO) -> bool:
    """Draw the reply's chart into `path` (here: one picture costs less than a worker).

    Tell whether it was written: a script that asked for a file must see a failure in the exit
    status, not only on standard error.
    """
    if reply.chart is None:
        print("No chart for this answer: try `timeline 1970s chart` or `climate`.", file=sys.stderr)
        return False
    from bot.charts.service import ChartRenderer, charts_dir  # matplotlib only when asked

    png = ChartRenderer(charts_dir(cache_root()), in_process=True).png_now(reply.chart)
    try:
        path.write_bytes(png)
    except OSError as exc:
        print(f"factbot: could not write the chart to {path}: {exc.strerror}", file=sys.stderr)
        return False
    _print(f"Chart written to {path}", out)
    return True


def report(command: str, args: str, knowledge: Path | None, config: Path | None) -> int:
    """Print `stats` or `gaps` for an operator, exactly as an admin sees them in the chat."""
    try:
        from bot.config import load_settings  # operators' reports read the config file

        settings = load_settings(config)
    except ConfigError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return 2
    engine = load_engine(knowledge or settings.knowledge, settings=settings)
    if engine is None:
        return 1
    try:
        reply = engine.handle(Request(command, args, console_actor()))
    finally:
        engine.usage.close()
    _print(_render(reply))
    return EXIT_CODES.get(reply.kind, 1)


def _say_waiting() -> None:
    """Tell the admin why nothing happens yet; the edit goes through when its turn comes."""
    print("Waiting for other edits to finish; yours will be saved next…", file=sys.stderr)


def _print(text: str, out: TextIO | None = None) -> bool:
    """Print; tell whether the reader is still there (`factbot ask … | head` closes early)."""
    out = sys.stdout if out is None else out
    try:
        print(text, file=out, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return False
    return True


def chat(knowledge: Path, articles: Path | None = None) -> int:
    """Hold an interactive session, or answer piped lines one by one when stdin is no TTY."""
    engine = load_engine(knowledge, articles=articles)
    if engine is None:
        return 1
    if engine.store.unverified_sources():
        print(
            f"(the articles are not at {engine.store.seeds}: evidence is not checked;"
            " `kb check` says more)",
            file=sys.stderr,
        )
    actor = console_actor()
    try:
        if not sys.stdin.isatty():
            return _answer_lines(engine, _forgiving(sys.stdin), actor)
        return _interactive(engine, actor)
    finally:
        engine.usage.close()


def _forgiving(stream: TextIO) -> TextIO:
    """Read undecodable bytes as U+FFFD instead of dying on them.

    Under `PYTHONIOENCODING=utf-8:strict` (common with a UTF-8 locale) one stray byte in a piped
    line would otherwise end the whole session in a UnicodeDecodeError.
    """
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


def keyed(line: str, last: Reply | None) -> str:
    """Read a key typed after a reply with keyed actions (`b`, `2`, `next`) as its line.

    The console has no buttons: after a quiz question, `b` or `2` is the answer B, and `reveal`,
    `next` and `stop` do what they say; after the verdict `next` asks the next question. A lone
    `a`–`d`, `1`–`4`, `reveal`, `next` or `stop` is always a quiz line (with nothing open, the
    quiz says so), never a search for a one-letter word. Anything else is an ordinary command.
    """
    typed = line.strip().lstrip("!/").casefold()
    if last is not None:
        keys = last.closing.keys if last.closing is not None else ()
        for number, action in enumerate((a for a in (*last.actions, *keys) if a.key), 1):
            if typed == action.key or (len(action.key) == 1 and typed == str(number)):
                return action.line
    if typed in ANSWER_KEYS:
        return f"quiz answer {typed}"
    return QUIZ_WORDS.get(typed, line)


def _keeps_keys(reply: Reply, last: Reply | None) -> Reply | None:
    """Give the reply whose keys the next line may use: this one, unless it only refused.

    A refusal ("you have had your try") or a typo in between must not make `reveal` a search.
    """
    if reply.actions or reply.closing is not None or reply.kind == "answer":
        return reply
    return last


def _answer_lines(engine: Engine, lines: Iterable[str], actor: Actor) -> int:
    last: Reply | None = None
    for line in lines:
        if line.strip().lstrip("!/").casefold() in LEAVE:
            break
        reply = answer(engine, keyed(line, last), actor)
        if reply is None:
            continue
        last = _keeps_keys(reply, last)
        if not _print(f"> {line.strip()}\n{_render(reply)}\n"):
            break
    return 0


def _interactive(engine: Engine, actor: Actor) -> int:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import WordCompleter
    from prompt_toolkit.patch_stdout import patch_stdout

    from bot.store.watch import watch_in_thread

    names = sorted(
        {p + n for s in engine.commands for n in (s.name, *s.aliases) for p in ("", "!")}
    )
    session: PromptSession[str] = PromptSession(
        history=_history(), completer=WordCompleter(names, sentence=True)
    )
    print(_render(engine.handle(Request("help", "", actor))))
    print("\nType a command (with or without !), `quit` or Ctrl-D to leave.\n")
    # Files saved in an editor go live while the chat is open; notes print above the prompt.
    with patch_stdout(raw=True):
        stop_watching = watch_in_thread(engine.store, _report_reload)
        try:
            return _prompt_loop(engine, session, actor)
        finally:
            stop_watching()


def _prompt_loop(engine: Engine, session: PromptSession[str], actor: Actor) -> int:
    last: Reply | None = None
    while True:
        try:
            line = session.prompt("factbot> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return 0
        if line.strip().lstrip("!/").casefold() in LEAVE:
            return 0
        reply = answer(engine, keyed(line, last), actor)
        if reply is not None:
            last = _keeps_keys(reply, last)
            print(_render(reply), end="\n\n")


def _report_reload(result: ReloadResult) -> None:
    """Say what a file change did: reloaded, or kept the last good base and why."""
    if result.swapped:
        changes = f": {result.changes.summary()}" if result.changes is not None else ""
        print(f"(knowledge files changed: reloaded{changes})")
    elif result.held or result.failed:
        print(f"({reload_notice(result)})")
    elif result.problems:  # each problem is logged; `kb check` lists them again on demand
        print("(knowledge files changed but have problems: still answering from the last good")
        print(" version; `kb check` lists them)")


def _history() -> History:
    """Keep the prompt history across sessions when the state folder is writable."""
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    folder = state_root()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return FileHistory(str(folder / "history"))
    except OSError:
        return InMemoryHistory()


def _render(reply: Reply) -> str:
    width = min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH)
    return render(reply, width=width, color=sys.stdout.isatty())
