"""The engine: Request in, Reply out, for every adapter; the one place failures become replies.

It is handed what it serves — a `Store` — and the command table, and finds nothing else on its
own. Each request reads `store.snapshot` once, so a reload or an edit published meanwhile (one
attribute assignment, in the store) is seen by the next request, never by half of this one.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from time import perf_counter

from msgspec.structs import replace

from bot.core.commands import ALL
from bot.core.completion import choices
from bot.core.intent import Reading, read_bare, read_intent, tidy
from bot.core.parse import MAX_ADMIN_ARGS, MAX_ARGS, clean_text, echo
from bot.core.quiz.pending import Quizzes
from bot.core.recording import usage_event
from bot.core.replies import APOLOGY, problems_reply
from bot.core.table import Command, CommandTable, Context
from bot.core.types import ArgKind, CommandSpec, Reply, Request
from bot.errors import (
    BadArguments,
    BrokenOnDisk,
    KnowledgeError,
    NotAllowed,
    NotFound,
    UserError,
)
from bot.search.matcher import one_request
from bot.search.noticed import noticing
from bot.store.snapshot import Snapshot
from bot.store.store import Store
from bot.usage.log import NoUsage, UsageLog

_log = logging.getLogger("factbot.engine")

_QUESTION_COMMANDS = ("who", "search")  # their arguments may be a question in plain words
BROKEN_ON_DISK = (
    "Nothing was changed: the knowledge files on disk already have problems. Fix these first."
)
WOULD_BREAK = "Not saved: the change would break the fact base. Nothing was written."


class Engine:
    """Answers requests from the store's current snapshot, with the commands it was given."""

    def __init__(
        self, store: Store, table: CommandTable | None = None, usage: UsageLog | None = None
    ) -> None:
        """Serve `store` with `table` (every command, by default), logging to `usage` if given."""
        self.store = store
        self.table = table if table is not None else CommandTable(ALL)
        self.usage = usage if usage is not None else NoUsage()
        self.started_at = datetime.now(UTC)
        self.quizzes = Quizzes()  # open questions and their random source; tests seed it

    @property
    def snapshot(self) -> Snapshot:
        """Give the snapshot being served now (the store swaps it on reloads and edits)."""
        return self.store.snapshot

    @property
    def commands(self) -> tuple[CommandSpec, ...]:
        """Give every command's spec, in help order."""
        return self.table.specs

    def resolve_command(self, typed: str, among: tuple[CommandSpec, ...]) -> CommandSpec | None:
        """Read a typed command name among some commands (see `CommandTable.resolve`)."""
        command = self.table.resolve(typed, among)
        return None if command is None else command.spec

    def handle(self, request: Request) -> Reply:
        """Answer a request and log how it went; never raises."""
        started = perf_counter()
        with noticing() as noticed:
            reply = self._answer(request)
        event = usage_event(request, reply, noticed, perf_counter() - started, self.table)
        self.usage.record(event)
        return reply

    def _answer(self, request: Request) -> Reply:
        """Answer a request; user errors become friendly replies."""
        try:
            with one_request():
                return self._dispatch(request)
        except BrokenOnDisk as exc:
            return problems_reply(exc.problems, BROKEN_ON_DISK, self.store.folder)
        except KnowledgeError as exc:
            return problems_reply(exc.problems, WOULD_BREAK, self.store.folder)
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
            return Reply(title=APOLOGY, kind="error")

    def _dispatch(self, request: Request) -> Reply:
        name = clean_text(request.command).casefold().rstrip(":,;.!?")
        command = self.table.get(name)
        # Admin commands carry whole entries (`fact add … text="…"`); the rest stay short.
        admin = command is not None and command.spec.admin
        args = clean_text(request.args, 2 * MAX_ADMIN_ARGS if admin else MAX_ARGS)
        if admin and len(args) > MAX_ADMIN_ARGS:  # cutting an entry's text would save half of it
            raise BadArguments(
                f"That line is too long: the limit is {MAX_ADMIN_ARGS:,} characters after "
                "the command.",
                "Shorten the text, or edit the YAML file by hand for a long entry.",
            )
        reading = self._read(name, args, command)
        if reading is not None:
            reply = self._run(self._command(reading.command), reading.args, request)
            if reading.command == "help" and reading.args:  # small talk: `hello`, `thanks`
                return reply
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
            # Ids are not secrets, and the command name is all of the message we record.
            _log.info("refused admin command %s for user %s", name, request.actor.id)
            raise NotAllowed(f"`{name}` is for admins only.")
        cleaned = Request(name, args, request.actor)
        if command.spec.arg_required and not args:
            raise BadArguments(
                f"`{command.spec.name}` needs {_article(command.spec.arg_name)}.",
                usage_of(command.spec),
            )
        context = Context(
            self.snapshot, self.store, self.table, self.started_at, self.usage, self.quizzes
        )
        return command.handler(context, cleaned)

    def _command(self, name: str) -> Command:
        command = self.table.get(name)
        assert command is not None, name  # the intent table names only real commands
        return command

    def _unknown(self, name: str, args: str, request: Request) -> Reply:
        """Run a misspelt command (`timline`), else search for what was typed."""
        if not name:
            raise BadArguments("Type a command, e.g. `timeline 1970s`.", "Try `help`.")
        guess = self.table.resolve(name)
        if guess is not None:
            reply = self._dispatch(Request(guess.spec.name, args, request.actor))
            return _with_footer(reply, f"(read `{echo(name, 20)}` as `{guess.spec.name}`)")
        words = f"{name} {args}".strip()
        reply = self._dispatch(Request("search", words, request.actor))
        note = (
            f"`{echo(name, 20)}` is not a command, so this is a search. `help` lists the commands."
        )
        return _with_footer(reply, note)

    def complete(self, arg_kind: ArgKind, partial: str) -> list[tuple[str, str]]:
        """Offer (label, value) choices for an argument being typed, best first; never raises.

        Adapters cut the list and the labels to their platform's limits.
        """
        try:
            return choices(self.snapshot, self.table, arg_kind, clean_text(partial)[:100])
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
