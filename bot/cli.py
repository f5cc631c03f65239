"""The `factbot` command: check, ask, chat, run, sync, stats, gaps.

Adapters are imported only by the subcommand that needs them, so `factbot ask` never pays for
importing discord.py.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

DEFAULT_KNOWLEDGE = Path("knowledge")


def _knowledge_default() -> Path:
    """Pick the fact base: $FACTBOT_KNOWLEDGE, else ./knowledge, else the project's own."""
    env = os.environ.get("FACTBOT_KNOWLEDGE")
    if env:
        return Path(env)
    if DEFAULT_KNOWLEDGE.is_dir():
        return DEFAULT_KNOWLEDGE
    return Path(__file__).resolve().parents[1] / "knowledge"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factbot",
        description="Sourced answers about Pakistan-Russia relations.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate a fact base folder")
    check.add_argument("folder", nargs="?", type=Path, help="knowledge folder (default: knowledge)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) when an article is missing or unpinned, not just warn",
    )
    _articles_option(check)
    check.add_argument(
        "--timeout", type=float, default=600, help="give up after this many seconds (600)"
    )
    check.add_argument(
        "--memory-mb", type=int, default=4096, help="give up past this much memory (4096)"
    )

    ask = sub.add_parser("ask", help="answer one command and exit, e.g. factbot ask '!who bhutto'")
    ask.add_argument("line", help="the command, with or without the ! prefix")
    ask.add_argument("--format", choices=("text", "json"), default="text")
    ask.add_argument(
        "--chart",
        type=Path,
        metavar="FILE",
        help="write the answer's chart (timeline … chart, climate) to FILE as a PNG",
    )
    ask.add_argument("--knowledge", type=Path, help="knowledge folder")
    _articles_option(ask)

    chat = sub.add_parser("chat", help="interactive console chat (no Discord needed)")
    chat.add_argument("--knowledge", type=Path, help="knowledge folder")
    _articles_option(chat)

    run = sub.add_parser(
        "run", help="run the bot on Discord and/or Slack, whichever tokens are set"
    )
    run.add_argument("--config", type=Path, help="config file (see config.example.yaml)")
    _articles_option(run)

    sync = sub.add_parser("sync", help="register slash commands with Discord and exit")
    sync.add_argument("--config", type=Path, help="config file")
    sync.add_argument(
        "--guild", type=int, help="sync to one guild only (instant) instead of globally"
    )
    for name, summary in (
        ("stats", "how the bot is used: requests, answer rate, top questions, speed"),
        ("gaps", "questions the fact base could not answer; `gaps alias N` fixes one"),
    ):
        report = sub.add_parser(name, help=summary)
        report.add_argument("args", nargs="*", help="days (default 30), as in the chat command")
        report.add_argument("--config", type=Path, help="config file (for the stats: section)")
        report.add_argument("--knowledge", type=Path, help="knowledge folder")
    return parser


def _articles_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--articles",
        "--seeds",
        dest="articles",
        type=Path,
        help="folder of the source articles, to check evidence against "
        "(default: $FACTBOT_ARTICLES, else ../shared/seeds beside the checkout)",
    )


class _TookTooLong(Exception):
    pass


def _check(
    folder: Path | None, articles: Path | None, strict: bool, timeout: float, memory_mb: int
) -> int:
    """Check a folder within bounds: a huge junk file ends in one line, not hours at 4 GB."""
    import signal

    from bot.store.large.limits import cap_memory

    def give_up(signum: int, frame: object) -> None:
        raise _TookTooLong()

    uncap = cap_memory(memory_mb)
    signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return _check_now(folder, articles, strict)
    except _TookTooLong:
        print(f"factbot: check stopped after {timeout:g} s; raise --timeout", file=sys.stderr)
    except MemoryError:
        print(f"factbot: check needed more than {memory_mb} MB; raise --memory-mb", file=sys.stderr)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        uncap()
    return 1


def _check_now(folder: Path | None, articles: Path | None, strict: bool) -> int:
    from bot.core.replies import counts_line
    from bot.factbase.load.loader import check
    from bot.factbase.load.provenance import articles_notice, default_seeds_dir

    folder = folder or _knowledge_default()
    fb, problems = check(folder, articles)
    notice = articles_notice(fb.sources, articles or default_seeds_dir(folder))
    for line in notice:
        print(line, file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} found.", file=sys.stderr)
        return 1
    if notice and strict:
        print("--strict: failing because the articles could not all be verified.", file=sys.stderr)
        return 1
    counts = fb.counts()
    unverified = " (evidence NOT checked: see above)" if notice else ""
    print(f"OK: {sum(counts.values())} entries — {counts_line(counts)}{unverified}")
    return 0


def entry() -> NoReturn:
    """Run the `factbot` process: `main`, then exit; a one-shot `ask` skips GC and teardown.

    By the time `ask` returns it has closed the usage log, edits are fsynced and renamed into
    place, and only stdout and stderr remain to flush. Tearing down every module and object the
    interpreter holds would then only free memory the system takes back anyway: ~10 ms of a
    ~0.1 s answer, for a command scripts run in loops.
    """
    argv = sys.argv[1:]
    one_shot = argv[:1] == ["ask"]
    if one_shot:  # nothing it builds outlives it: collecting cycles would only slow it (~4%)
        gc.disable()
    code = main(argv)
    if one_shot:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; exit code 0 on success, 1 on a failed check, 2 on bad usage."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args.folder, args.articles, args.strict, args.timeout, args.memory_mb)
    if args.command in ("ask", "chat"):
        from bot.adapters import console

        knowledge = args.knowledge or _knowledge_default()
        if args.command == "ask":
            return console.ask(args.line, knowledge, args.format, args.articles, args.chart)
        return console.chat(knowledge, args.articles)
    if args.command in ("stats", "gaps"):
        from bot.adapters import console

        knowledge = args.knowledge or (None if args.config else _knowledge_default())
        return console.report(args.command, " ".join(args.args), knowledge, args.config)
    if args.command == "run":
        from bot.adapters import runner

        return runner.run(args.config, args.articles)
    from bot.adapters.discord import runner as discord_runner

    return discord_runner.sync(args.config, args.guild)
