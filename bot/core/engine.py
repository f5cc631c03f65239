"""The engine: Request in, Reply out, for every adapter; the one place failures are funnelled.

It serves from a single immutable Snapshot. `swap` replaces it with one attribute assignment, so
a reload built elsewhere (a worker thread) becomes visible atomically and a request that already
read `engine.snapshot` finishes on the base it started with.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.core.intent import Reading, read_bare, read_intent, tidy
from bot.core.parse import MAX_ADMIN_ARGS, MAX_ARGS, clean_text, echo
from bot.core.registry import Command, load_commands, registered
from bot.core.snapshot import Snapshot, build_snapshot
from bot.core.types import ArgKind, CommandSpec, Reply, Request
from bot.errors import BadArguments, NotAllowed, NotFound, UserError
from bot.factbase.model import FactBase
from bot.search.matcher import NameMatcher, allowed_edits, edit_distance, one_request

__all__ = ["Engine", "Snapshot", "build_snapshot"]

_log = logging.getLogger("factbot.engine")

MAX_CHOICES = 25  # Discord's limit for autocomplete choices
_QUESTION_COMMANDS = ("who", "search")  # their arguments may be a question in plain words
_APOLOGY = (
    "Sorry — something went wrong while answering that. It has been logged; please try again."
)


class Engine:
    """Answers requests from the current snapshot of the fact base."""

    def __init__(self, snapshot: Snapshot, knowledge: Path | None = None) -> None:
        self.snapshot = snapshot
        self.knowledge = knowledge
        self.started_at = datetime.now(UTC)
        # Fingerprints of the files the current snapshot was read from, when the engine read them
        # itself: the writer starts from this snapshot instead of loading the folder again.
        self.loaded_signatures: Mapping[str, tuple[int, int, int]] = {}
        self._table = load_commands()
        self._command_names = NameMatcher(
            ((name, c.spec.name) for name, c in self._table.items()),
            {c.spec.name: c.spec.name for c in self._table.values()},
        )

    @classmethod
    def from_factbase(cls, fb: FactBase, knowledge: Path | None = None) -> Engine:
        """Build an engine over an already loaded fact base."""
        return cls(build_snapshot(fb), knowledge)

    @classmethod
    def from_folder(cls, path: Path) -> Engine:
        """Load, validate and index a knowledge folder; raises KnowledgeError if it is invalid."""
        import gc

        from bot.core.snapcache import load_snapshot  # base and indexes, cached by content
        from bot.factbase.memory import paused_gc, release_freed_memory
        from bot.factbase.writer import signatures

        before = signatures(path)  # taken first, so a file changed mid-load reads as changed
        with paused_gc():  # millions of long-lived objects: collecting them midway is pure waste
            engine = cls(load_snapshot(path), path)
        gc.freeze()  # and keep them out of every later collection (no pauses while serving)
        release_freed_memory(len(engine.snapshot.fb.facts))
        engine.loaded_signatures = before
        return engine

    @property
    def loaded_at(self) -> datetime:
        """Tell when the fact base being served was indexed."""
        return self.snapshot.loaded_at

    @property
    def commands(self) -> tuple[CommandSpec, ...]:
        """Give every command's spec, in help order."""
        return tuple(c.spec for c in registered())

    def command(self, name: str) -> Command | None:
        """Find a command by its name or one of its aliases."""
        return self._table.get(name.casefold())

    def swap(self, snapshot: Snapshot) -> None:
        """Serve `snapshot` from now on; one assignment, so readers see old or new, never both."""
        self.snapshot = snapshot
        self.loaded_signatures = {}  # the writer published it and knows its files

    def handle(self, request: Request) -> Reply:
        """Answer a request; never raises — user errors become friendly replies."""
        try:
            with one_request():
                return self._dispatch(request)
        except NotFound as exc:
            return Reply(
                title=str(exc), suggestions=exc.suggestions, footer=exc.hint, kind="not_found"
            )
        except BadArguments as exc:
            return Reply(title=str(exc), intro=exc.usage, kind="usage")
        except NotAllowed as exc:
            return Reply(title=str(exc), kind="refused")
        except UserError as exc:
            return Reply(title=str(exc), kind="usage")
        except Exception:
            _log.exception("failed to answer %r", request)
            return Reply(title=_APOLOGY, kind="error")

    def _dispatch(self, request: Request) -> Reply:
        name = clean_text(request.command).casefold().rstrip(":,;.!?")
        command = self._table.get(name)
        # Admin commands carry whole entries (`fact add … text="…"`); the rest stay short.
        admin = command is not None and command.spec.admin
        args = clean_text(request.args, MAX_ADMIN_ARGS if admin else MAX_ARGS)
        reading = self._read(name, args, command)
        if reading is not None:
            reply = self._run(self._table[reading.command], reading.args, request)
            return _with_footer(reply, f"Read as `{echo(reading.line, 80)}`.")
        if command is None:
            return self._unknown(name, args, request)
        return self._run(command, args, request)

    def understands(self, line: str) -> bool:
        """Tell an adapter whether a line that starts with no command is a question we can read.

        Chat platforms share the prefix with other bots; only lines like `what does russia want`
        deserve an answer there, never `play despacito`.
        """
        return read_intent(self.snapshot, line) is not None

    def _read(self, name: str, args: str, command: Command | None) -> Reading | None:
        """Read a question in plain words (`what does russia want`) as the command it asks for.

        Only where the words cannot be a command already: a first word that is no command, a
        `who` question (`who was bhutto`), or a search phrased as a question.
        """
        if command is None:
            line = f"{name} {args}"
            return read_intent(self.snapshot, line) or read_bare(self.snapshot, line)
        spec = command.spec.name
        if spec not in _QUESTION_COMMANDS:
            return None
        reading = read_intent(self.snapshot, f"{name} {args}" if spec == "who" else args)
        if reading is None or (reading.command, reading.args) == (spec, tidy(args)):
            return None
        return reading

    def _run(self, command: Command, args: str, request: Request) -> Reply:
        """Check rights and arguments, then run the command's handler."""
        name = command.spec.name
        if command.spec.admin and not request.actor.is_admin:
            _log.warning("refused %s for %s (%s)", name, request.actor.name, request.actor.id)
            raise NotAllowed(f"`{name}` is for admins only.")
        cleaned = Request(name, args, request.actor)
        if command.spec.arg_required and not args:
            raise BadArguments(
                f"`{command.spec.name}` needs {_article(command.spec.arg_name)}.",
                usage_of(command.spec),
            )
        return command.handler(self, cleaned)

    def _unknown(self, name: str, args: str, request: Request) -> Reply:
        """Run a misspelt command (`timline`), else search for what was typed."""
        if not name:
            raise BadArguments("Type a command, e.g. `timeline 1970s`.", "Try `help`.")
        guess = self._guess_command(name)
        if guess is not None:
            reply = self._dispatch(Request(guess, args, request.actor))
            return _with_footer(reply, f"(read `{echo(name, 20)}` as `{guess}`)")
        words = f"{name} {args}".strip()
        reply = self._dispatch(Request("search", words, request.actor))
        note = (
            f"`{echo(name, 20)}` is not a command, so this is a search. `help` lists the commands."
        )
        return _with_footer(reply, note)

    def _guess_command(self, name: str) -> str | None:
        """Read a misspelt command name: within one or two edits (`hlep`), or a close match."""
        limit = allowed_edits(name)
        close = sorted((edit_distance(name, n, limit), n) for n in self._table)
        if close and close[0][0] <= limit:
            return self._table[close[0][1]].spec.name
        guess = self._command_names.best(name)
        return guess.id if guess is not None and guess.score >= 85 else None

    def complete(self, arg_kind: ArgKind, partial: str) -> list[tuple[str, str]]:
        """Offer up to 25 (label, value) choices for an argument being typed; never raises."""
        from bot.core.completion import choices

        try:
            return choices(self, arg_kind, clean_text(partial)[:100])[:MAX_CHOICES]
        except Exception:
            _log.exception("autocomplete failed for %s %r", arg_kind, partial)
            return []


def usage_of(spec: CommandSpec) -> str:
    """Give a command's usage line and first example, for usage replies."""
    example = f" — e.g. `{spec.examples[0]}`" if spec.examples else ""
    return f"Usage: `{spec.usage}`{example}"


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _with_footer(reply: Reply, note: str) -> Reply:
    footer = f"{reply.footer}\n{note}" if reply.footer else note
    return replace(reply, footer=footer)
