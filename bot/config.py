"""Typed settings: a YAML file (see config.example.yaml) plus the environment.

The bot token is the one secret, so it never lives in the YAML: it comes from `DISCORD_TOKEN`, or
from an untracked file named by `discord.token_file`, and is held as a `SecretStr` so no repr, log
line or error message can show it. Relative paths are read from the config file's folder, so
`factbot run --config deploy/config.yaml` works from any working directory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)

from bot.errors import ConfigError
from bot.factbase.load.provenance import ARTICLES_ENV, SEEDS_ENV

DEFAULT_API_BASE = "https://discord.com/api/v10"
TOKEN_ENV = "DISCORD_TOKEN"
SLACK_API_BASE = "https://slack.com/api/"
SLACK_BOT_TOKEN_ENV = "SLACK_BOT_TOKEN"
SLACK_APP_TOKEN_ENV = "SLACK_APP_TOKEN"
KNOWLEDGE_ENV = "FACTBOT_KNOWLEDGE"
# What a secret looks like when it is pasted where it does not belong: a Discord token (three
# dot-separated base64 parts), a Slack token, or any long unbroken run of token characters.
_TOKEN_LIKE = re.compile(
    r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}|xox[a-z]-[\w-]+|xapp-[\w-]+|[\w.-]{32,}"
)
HIDDEN = "(a value that looks like a token, not shown)"


def looks_like_token(value: object) -> bool:
    """Tell whether a value may be a secret, so error messages leave it out."""
    return isinstance(value, str) and _TOKEN_LIKE.search(value) is not None


def shown(value: object) -> str:
    """Give a value for an error message: as written, unless it may be a secret."""
    return HIDDEN if looks_like_token(value) else repr(value)


def _snowflake(value: object) -> int:
    """Accept Discord ids written as YAML integers or as strings (quoted to survive JS tools)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("must be a Discord id (digits)")
    text = str(value).strip()
    if not text.isdigit() or not 0 < int(text) < 2**64:
        raise ValueError(f"{shown(value)} is not a Discord id (digits)")
    return int(text)


Snowflake = Annotated[int, BeforeValidator(_snowflake)]


def _slack_id(value: object) -> str:
    """Accept Slack ids (`U0123ABCD`, `C0123ABCD`): capitals and digits, as Slack shows them."""
    text = str(value).strip() if isinstance(value, str) else ""
    if not (2 <= len(text) <= 32 and text.isalnum() and text.upper() == text):
        raise ValueError(f"{value!r} is not a Slack id (e.g. U0123ABCD)")
    return text


SlackId = Annotated[str, BeforeValidator(_slack_id)]


def _http_base(value: str) -> str:
    """Accept an API root only over HTTP(S), without its trailing slash."""
    if not value.startswith(("https://", "http://")):
        raise ValueError("must start with https:// (or http:// for a local proxy)")
    return value.rstrip("/")


def _visible_prefix(value: str) -> str:
    """Refuse a prefix no one could type or see, or one long enough to be a word."""
    if not value.strip() or value != value.strip() or len(value) > 5:
        raise ValueError("must be 1-5 visible characters, e.g. '!'")
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cooldown(_Section):
    """At most `rate` commands per `per` seconds."""

    rate: int = Field(ge=1)
    per: float = Field(gt=0)


class CommandFamilies(_Section):
    """Which ways of asking are on, and which commands are switched off by name."""

    prefix: bool = True
    slash: bool = True
    admin: bool = True
    disabled: tuple[str, ...] = ()


class DiscordSettings(_Section):
    """The `discord:` section; key names are a contract with operators' configs."""

    prefix: str = "!"
    api_base: str = DEFAULT_API_BASE
    token_file: Path | None = None
    admin_user_ids: tuple[Snowflake, ...] = ()
    admin_role_ids: tuple[Snowflake, ...] = ()
    admin_channel: Snowflake | None = None  # reload failures and held reloads go here
    channels: tuple[Snowflake, ...] = ()
    cooldown: Cooldown = Cooldown(rate=5, per=30)
    channel_cooldown: Cooldown = Cooldown(rate=20, per=30)
    commands: CommandFamilies = CommandFamilies()
    page_size: int = Field(default=8, ge=1, le=25)
    page_timeout: float = Field(default=300, gt=0, le=840)  # interaction tokens last 15 min
    sharding: bool = False
    dms: Literal["answer", "refuse", "ignore"] = "answer"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("prefix")
    @classmethod
    def _prefix_is_visible(cls, value: str) -> str:
        return _visible_prefix(value)

    @field_validator("api_base")
    @classmethod
    def _api_base_is_http(cls, value: str) -> str:
        return _http_base(value)


class SlackSettings(_Section):
    """The `slack:` section; the two tokens come from the environment or untracked files."""

    api_base: str = SLACK_API_BASE
    bot_token_file: Path | None = None
    app_token_file: Path | None = None
    prefix: str = "!"
    slash_command: str = "/factbot"
    admin_user_ids: tuple[SlackId, ...] = ()
    channels: tuple[SlackId, ...] = ()
    cooldown: Cooldown = Cooldown(rate=5, per=30)
    channel_cooldown: Cooldown = Cooldown(rate=20, per=30)
    page_size: int = Field(default=8, ge=1, le=20)
    reply_in_thread: bool = True
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("prefix")
    @classmethod
    def _prefix_is_visible(cls, value: str) -> str:
        return _visible_prefix(value)

    @field_validator("slash_command")
    @classmethod
    def _slash_command_is_one_word(cls, value: str) -> str:
        name = value[1:]
        if (
            not value.startswith("/")
            or not name
            or not name.replace("-", "").replace("_", "").isalnum()
        ):
            raise ValueError("must be / and one word, e.g. /factbot")
        return value.lower()

    @field_validator("api_base")
    @classmethod
    def _api_base_is_http(cls, value: str) -> str:
        return _http_base(value) + "/"  # slack_sdk joins method names straight onto it


class SlackTokens(BaseModel):
    """The bot token (xoxb-, for the Web API) and the app token (xapp-, for Socket Mode)."""

    model_config = ConfigDict(frozen=True)

    bot: SecretStr = Field(repr=False)
    app: SecretStr = Field(repr=False)


class StatsSettings(_Section):
    """The `stats:` section: the usage log behind `stats` and `gaps` (see README, Usage data)."""

    enabled: bool = True
    retention_days: int = Field(default=90, ge=1, le=3650)
    database: Path | None = None  # None: usage.sqlite3 in the knowledge folder's state directory
    public: bool = False  # `stats` for everyone, not only admins


class ReloadSettings(_Section):
    """The `reload:` section: a large reload's limits, and when a reload waits for a confirm."""

    timeout_s: float = Field(default=120, gt=0)
    memory_mb: int = Field(default=3072, ge=256)
    hold_share: float = Field(default=0.2, gt=0, le=1)


class Settings(_Section):
    """Everything `factbot run` needs; `token` is filled from the environment, never the YAML."""

    knowledge: Path = Path("knowledge")
    # The five source articles, for checking evidence; None: $FACTBOT_ARTICLES, else the
    # development default (see bot.factbase.load.provenance.default_seeds_dir).
    articles: Path | None = None
    cache_dir: Path | None = None  # None: $XDG_CACHE_HOME/factbot (see bot.store.paths)
    state_dir: Path | None = None  # None: $XDG_STATE_HOME/factbot
    reload: ReloadSettings = ReloadSettings()
    discord: DiscordSettings = DiscordSettings()
    slack: SlackSettings = SlackSettings()
    stats: StatsSettings = StatsSettings()
    token: SecretStr | None = Field(default=None, exclude=True, repr=False)
    slack_tokens: SlackTokens | None = Field(default=None, exclude=True, repr=False)


def load_settings(path: Path | None, environ: dict[str, str] | None = None) -> Settings:
    """Read the config file (optional) and the environment; raise ConfigError in one line."""
    env = dict(os.environ if environ is None else environ)
    raw = _read_yaml(path) if path is not None else {}
    base = path.parent if path is not None else Path.cwd()
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_describe(path, exc)) from None
    knowledge = Path(env[KNOWLEDGE_ENV]) if env.get(KNOWLEDGE_ENV) else base / settings.knowledge
    articles_env = env.get(ARTICLES_ENV) or env.get(SEEDS_ENV)
    articles = (
        Path(articles_env)
        if articles_env
        else (base / settings.articles if settings.articles is not None else None)
    )
    token = _token(settings.discord.token_file, base, env)
    slack_tokens = _slack_tokens(settings.slack, base, env)
    dirs = {
        key: base / value
        for key, value in (("cache_dir", settings.cache_dir), ("state_dir", settings.state_dir))
        if value is not None
    }
    stats = settings.stats
    if stats.database is not None and not stats.database.is_absolute():
        stats = stats.model_copy(update={"database": base / stats.database})
    return settings.model_copy(
        update={
            "knowledge": knowledge,
            "articles": articles,
            "token": token,
            "slack_tokens": slack_tokens,
            "stats": stats,
            **dirs,
        }
    )


def require_token(settings: Settings) -> str:
    """Return the token for logging in, or explain where it should come from."""
    if settings.token is None:
        raise ConfigError(
            f"no Discord bot token: set {TOKEN_ENV} or name a file in discord.token_file"
        )
    return settings.token.get_secret_value()


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: not valid YAML") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with `knowledge` and `discord` keys")
    secret = _token_key(data)
    if secret is not None:
        raise ConfigError(
            f"{path}: {secret} must not be in the config file (it may end up in git); "
            f"set {TOKEN_ENV} or discord.token_file instead"
        )
    slack_section = data.get("slack")
    for key in ("token", "bot_token", "app_token"):
        if isinstance(slack_section, dict) and key in slack_section:
            raise ConfigError(
                f"{path}: slack.{key} must not be in the config file (it may end up in git); "
                f"set {SLACK_BOT_TOKEN_ENV} and {SLACK_APP_TOKEN_ENV}, or slack.bot_token_file "
                "and slack.app_token_file, instead"
            )
    return data


def _token_key(data: object, at: str = "") -> str | None:
    """Find a `token:` key at any depth: a secret in the YAML is refused, never ignored."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{at}.{key}" if at else str(key)
            if str(key).casefold() == "token":
                return here
            found = _token_key(value, here)
            if found is not None:
                return found
    elif isinstance(data, list):
        for n, item in enumerate(data):
            found = _token_key(item, f"{at}[{n}]")
            if found is not None:
                return found
    return None


def _token(
    token_file: Path | None,
    base: Path,
    env: dict[str, str],
    name: str = TOKEN_ENV,
    key: str = "discord.token_file",
) -> SecretStr | None:
    """Read a token from its environment variable, else from the untracked file named for it."""
    if env.get(name, "").strip():
        return SecretStr(env[name].strip())
    if token_file is None:
        return None
    path = token_file if token_file.is_absolute() else base / token_file
    named = HIDDEN if looks_like_token(str(token_file)) else str(path)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        hint = "; it must name a file holding the token, not the token" if named == HIDDEN else ""
        reason = f"cannot read ({exc.strerror}){hint}"
        raise ConfigError(f"{key} {named}: {reason}") from None
    if not text:
        raise ConfigError(f"{key} {named}: the file is empty")
    return SecretStr(text)


def _slack_tokens(slack: SlackSettings, base: Path, env: dict[str, str]) -> SlackTokens | None:
    """Give both Slack tokens, none, or say which one is missing: one alone cannot connect."""
    bot = _token(slack.bot_token_file, base, env, SLACK_BOT_TOKEN_ENV, "slack.bot_token_file")
    app = _token(slack.app_token_file, base, env, SLACK_APP_TOKEN_ENV, "slack.app_token_file")
    if bot is None and app is None:
        return None
    if bot is None or app is None:
        missing = SLACK_BOT_TOKEN_ENV if bot is None else SLACK_APP_TOKEN_ENV
        raise ConfigError(
            f"Slack needs two tokens and {missing} is missing: set {SLACK_BOT_TOKEN_ENV} "
            f"(xoxb-…) and {SLACK_APP_TOKEN_ENV} (xapp-…)"
        )
    for token, name, start in (
        (bot, SLACK_BOT_TOKEN_ENV, "xoxb-"),
        (app, SLACK_APP_TOKEN_ENV, "xapp-"),
    ):
        if not token.get_secret_value().startswith(start):
            raise ConfigError(f"{name} must start with {start} (see README, Slack)")
    return SlackTokens(bot=bot, app=app)


def _describe(path: Path | None, exc: ValidationError) -> str:
    """Turn pydantic's report into one line: file, dotted key, what is wrong."""
    parts = []
    for error in exc.errors(include_url=False, include_input=False):
        key = ".".join(str(p) for p in error["loc"]) or "(top level)"
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (see config.example.yaml)"
        parts.append(f"{key}: {message}")
    return f"{path or 'config'}: " + "; ".join(parts)
