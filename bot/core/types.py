"""The platform-neutral vocabulary every adapter speaks: Request in, Reply out.

Nothing here knows about Discord, the console or Slack; adapters render a Reply their own way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import msgspec

if TYPE_CHECKING:
    from bot.core.chart import Chart

ReplyKind = Literal["answer", "not_found", "usage", "error", "refused", "admin"]
MAX_ACTIONS = 5  # one row of buttons on Discord; Slack allows 25 elements per actions block
ArgKind = Literal[
    "period", "party", "person", "topic", "source", "dispute", "command", "text", "none"
]


class Actor(msgspec.Struct, frozen=True):
    """Who is asking; adapters decide `is_admin` from their platform's rules."""

    id: str
    name: str
    is_admin: bool = False
    platform: str = "console"
    place: str = ""  # the server or workspace asked in; the usage log keeps only its hash
    channel: str = ""  # the channel (or DM) asked in: where a quiz round is shared
    # What the adapter is like, set by it, so the core words a quiz without naming platforms:
    # the console serves one person at a keyboard; chats serve many, pressing buttons.
    one_player: bool = False  # the only person there: "you", and the whole of any round
    buttons: bool = True  # a reply's actions are pressed, not typed as keys


class Request(msgspec.Struct, frozen=True):
    """One command as typed, without prefix: `command` is lower-cased, `args` is raw text."""

    command: str
    args: str
    actor: Actor


class Citation(msgspec.Struct, frozen=True):
    """Where an item comes from: the source id and a compact name (author or short title)."""

    source_id: str
    short: str


class Item(msgspec.Struct, frozen=True):
    """One sourced snippet of an answer."""

    text: str
    fact_id: str | None = None
    date: str | None = None
    citations: tuple[Citation, ...] = ()
    heading: str | None = None  # e.g. "According to Sabah Aslam", "Russia", a speaker's name
    # False for a fact stored while its article could not be read: shown "(unverified)".
    verified: bool = True
    note: str = ""  # one short line under the item, e.g. "Articles differ on this — `disputes …`"


class Action(msgspec.Struct, frozen=True):
    """A button a platform may offer under a reply: pressing it runs `line` as the presser.

    The line is an ordinary command (`gaps alias ruski = russia`), so the engine checks the
    presser's rights exactly as if they had typed it, and a platform without buttons shows it.
    """

    label: str
    line: str
    key: str = ""  # what a platform without buttons may type instead of pressing (`a`)


class Closing(msgspec.Struct, frozen=True):
    """The actions answer the reply in place, and close on their own after a while.

    A press's reply replaces this one (a quiz question becomes its answer); a "refused" reply
    is for the presser alone. After `seconds` with no press, `line` runs as the asker and its
    reply replaces this one (the answer is revealed).
    """

    seconds: float
    line: str
    shared: bool = False  # anyone may press (a round); otherwise only the asker's press counts
    # Words a platform without buttons also takes while the reply is open (`next`, `stop`):
    # not buttons, since pressing them would not answer the reply in place.
    keys: tuple[Action, ...] = ()


class Series(msgspec.Struct, frozen=True):
    """Numbers by day (or any labelled step) that a platform may draw as a chart.

    Text replies already say what matters; a chart, where a platform draws one, is extra.
    """

    title: str
    labels: tuple[str, ...]
    lines: tuple[tuple[str, tuple[int, ...]], ...]  # (name, one value per label)


class Reply(msgspec.Struct, frozen=True):
    """A complete answer; adapters page it to fit their platform's limits."""

    title: str
    items: Sequence[Item] = ()  # a tuple, or items rendered as they are read (core.items)
    intro: str = ""
    suggestions: tuple[str, ...] = ()  # runnable command lines without prefix: "who Yahya Khan"
    footer: str = ""
    kind: ReplyKind = "answer"
    extra: dict[str, str] = msgspec.field(
        default_factory=dict
    )  # small key/value facts, e.g. for `about`
    # Preformatted text (an entry as stored, a diff), shown verbatim after the intro: never
    # wrapped or re-indented, so what an admin copies is exactly what the file holds.
    block: str = ""
    block_syntax: str = ""  # a highlighting hint where the platform has one: "yaml", "diff"
    actions: tuple[Action, ...] = ()  # buttons, at most MAX_ACTIONS
    series: Series | None = None  # data for a chart beside the text
    closing: Closing | None = None  # the actions answer in place and time out (a quiz)
    # A picture's data (`timeline 1970s chart`, `climate`): an addition to a complete text answer.
    chart: Chart | None = None

    @property
    def suggestions_heading(self) -> str:
        """Head the suggestions: guesses after a miss, further reading after an answer.

        "Did you mean" under a complete answer (`interests shared` → `interests russia`) reads
        as if the bot doubted what was asked.
        """
        return "Did you mean:" if self.kind in ("not_found", "usage") else "See also:"


class FormField(msgspec.Struct, frozen=True):
    """One box of a fill-in form; a non-blank answer becomes `key="answer"` in the command."""

    key: str
    label: str
    hint: str = ""
    long: bool = False  # a paragraph box rather than one line
    required: bool = False
    max_length: int = 200
    raw: bool = False  # the answer is already `key=value …` text and is appended as typed


class Form(msgspec.Struct, frozen=True):
    """A form a platform may offer instead of typed `key=value` arguments (e.g. a Discord modal).

    It is offered when a command's arguments are `opens_on`, alone or followed by one word (the
    subject, e.g. the kind in `add quote`); the answers are appended to `opens_on subject`.
    """

    opens_on: str
    title: str
    fields: tuple[FormField, ...]
    default_subject: str = ""


class CommandSpec(msgspec.Struct, frozen=True):
    """One command of the contract; adapters build prefix, slash and help from this table."""

    name: str
    summary: str
    usage: str
    arg: ArgKind = "none"
    arg_name: str = "query"  # the slash-command option name, e.g. `period`, `party`
    arg_required: bool = False
    aliases: tuple[str, ...] = ()
    admin: bool = False
    examples: tuple[str, ...] = ()
    forms: tuple[Form, ...] = ()  # fill-in forms a platform may offer for some arguments
    blocking: bool = False  # reads or writes files: adapters run it off the event loop
    # A `chart` yes/no option where a platform has typed options (Discord's `/timeline`):
    # choosing it appends the word `chart` to the arguments, as a prefix command would type it.
    chart_option: bool = False
