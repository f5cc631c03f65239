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

DEFAULT_API_BASE = "https://discord.com/api/v10"
TOKEN_ENV = "DISCORD_TOKEN"
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
        if not value.strip() or value != value.strip() or len(value) > 5:
            raise ValueError("must be 1-5 visible characters, e.g. '!'")
        return value

    @field_validator("api_base")
    @classmethod
    def _api_base_is_http(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http:// for a local proxy)")
        return value.rstrip("/")


class ReloadSettings(_Section):
    """The `reload:` section: a large reload's limits, and when a reload waits for a confirm."""

    timeout_s: float = Field(default=120, gt=0)
    memory_mb: int = Field(default=3072, ge=256)
    hold_share: float = Field(default=0.2, gt=0, le=1)


class Settings(_Section):
    """Everything `factbot run` needs; `token` is filled from the environment, never the YAML."""

    knowledge: Path = Path("knowledge")
    cache_dir: Path | None = None  # None: $XDG_CACHE_HOME/factbot (see bot.store.paths)
    state_dir: Path | None = None  # None: $XDG_STATE_HOME/factbot
    reload: ReloadSettings = ReloadSettings()
    discord: DiscordSettings = DiscordSettings()
    token: SecretStr | None = Field(default=None, exclude=True, repr=False)


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
    token = _token(settings.discord.token_file, base, env)
    dirs = {
        key: base / value
        for key, value in (("cache_dir", settings.cache_dir), ("state_dir", settings.state_dir))
        if value is not None
    }
    return settings.model_copy(update={"knowledge": knowledge, "token": token, **dirs})


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


def _token(token_file: Path | None, base: Path, env: dict[str, str]) -> SecretStr | None:
    if env.get(TOKEN_ENV, "").strip():
        return SecretStr(env[TOKEN_ENV].strip())
    if token_file is None:
        return None
    path = token_file if token_file.is_absolute() else base / token_file
    named = HIDDEN if looks_like_token(str(token_file)) else str(path)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        hint = "; it must name a file holding the token, not the token" if named == HIDDEN else ""
        reason = f"cannot read ({exc.strerror}){hint}"
        raise ConfigError(f"discord.token_file {named}: {reason}") from None
    if not text:
        raise ConfigError(f"discord.token_file {named}: the file is empty")
    return SecretStr(text)


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
