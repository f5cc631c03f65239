"""Settings from YAML + environment: defaults, ids, the token's sources, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import DiscordSettings, Settings, SlackSettings, load_settings, require_token
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "config.example.yaml"
SECRET = "MTIz.secret-token-value"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_states_the_defaults() -> None:
    """config.example.yaml loads to exactly the built-in defaults."""
    loaded = load_settings(EXAMPLE, environ={})
    assert loaded.discord == DiscordSettings()
    assert loaded.slack == SlackSettings()
    assert loaded.knowledge == ROOT / "knowledge"


def test_example_config_documents_every_key() -> None:
    """Every settings key appears in config.example.yaml."""
    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert set(raw) == set(Settings.model_fields) - {"token", "slack_tokens"}
    assert set(raw["discord"]) == set(DiscordSettings.model_fields)
    assert set(raw["slack"]) == set(SlackSettings.model_fields)


@pytest.mark.parametrize(
    "written", ["[123456789012345678]", "['123456789012345678']", '["123456789012345678"]']
)
def test_ids_may_be_integers_or_strings(tmp_path: Path, written: str) -> None:
    """An id written as a YAML int or string reads as the same int."""
    path = write(tmp_path, f"discord:\n  admin_user_ids: {written}\n  channels: {written}\n")
    settings = load_settings(path, environ={})
    assert settings.discord.admin_user_ids == (123456789012345678,)
    assert settings.discord.channels == (123456789012345678,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("discord:\n  admin_user_ids: [abc]\n", "discord.admin_user_ids.0"),
        ("discord:\n  admin_role_ids: [true]\n", "discord.admin_role_ids.0"),
        ("discord:\n  cooldown: {rate: 0, per: 30}\n", "discord.cooldown.rate"),
        ("discord:\n  page_size: 40\n", "discord.page_size"),
        ("discord:\n  dms: maybe\n", "discord.dms"),
        ("discord:\n  prefix: ''\n", "discord.prefix"),
        ("discord:\n  api_base: discord.com\n", "discord.api_base"),
        ("discord:\n  prefx: '?'\n", "discord.prefx: unknown key"),
        ("discord: [\n", "config.yaml:2: not valid YAML"),
        ("- a\n- b\n", "expected a mapping"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path: Path, text: str, expected: str) -> None:
    """Each mistake is reported on one line naming the file and the key."""
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text), environ={})
    message = str(caught.value)
    assert expected in message
    assert str(tmp_path) in message
    assert "\n" not in message


def test_token_in_yaml_is_refused_without_echoing_it(tmp_path: Path) -> None:
    """A token written into the YAML is an error that points to DISCORD_TOKEN, not shown."""
    path = write(tmp_path, f"discord:\n  token: {SECRET}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert "DISCORD_TOKEN" in str(caught.value)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("env", "file_text", "expected"),
    [
        ({"DISCORD_TOKEN": SECRET}, None, SECRET),
        ({}, f"{SECRET}\n", SECRET),
        ({"DISCORD_TOKEN": SECRET}, "from-file", SECRET),
    ],
)
def test_token_comes_from_env_or_token_file(
    tmp_path: Path, env: dict[str, str], file_text: str | None, expected: str
) -> None:
    """DISCORD_TOKEN wins; otherwise the token file next to the config is read."""
    if file_text is not None:
        (tmp_path / "bot.token").write_text(file_text, encoding="utf-8")
    path = write(tmp_path, "discord:\n  token_file: bot.token\n")
    assert require_token(load_settings(path, environ=env)) == expected


def test_token_never_shows_in_repr() -> None:
    """Printing or logging the settings masks the token."""
    settings = load_settings(None, environ={"DISCORD_TOKEN": SECRET})
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings.model_dump())


def test_missing_token_is_explained() -> None:
    """With no token anywhere, the error says where to put one."""
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        require_token(load_settings(None, environ={}))


REAL_LOOKING = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.mark.parametrize(
    "text",
    [
        f"token: {SECRET}\n",
        f"knowledge: knowledge\nextra:\n  nested:\n    - token: {SECRET}\n",
        f"discord:\n  commands:\n    Token: {SECRET}\n",
    ],
    ids=["top level", "nested in a list", "any case"],
)
def test_token_key_anywhere_is_refused(tmp_path: Path, text: str) -> None:
    """A `token:` key at any depth stops the bot with a pointer to DISCORD_TOKEN, unechoed."""
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text), environ={})
    assert "must not be in the config file" in str(caught.value)
    assert "DISCORD_TOKEN" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_token_pasted_as_token_file_is_not_echoed(tmp_path: Path) -> None:
    """A token pasted into `discord.token_file` is refused without showing it."""
    path = write(tmp_path, f"discord:\n  token_file: {REAL_LOOKING}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert REAL_LOOKING not in str(caught.value)
    assert "looks like a token, not shown" in str(caught.value)
    assert "not the token" in str(caught.value)


def test_token_pasted_as_an_admin_id_is_not_echoed(tmp_path: Path) -> None:
    """A token pasted into `admin_user_ids` is refused as no Discord id, without showing it."""
    path = write(tmp_path, f"discord:\n  admin_user_ids: ['{REAL_LOOKING}']\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    message = str(caught.value)
    assert REAL_LOOKING not in message and REAL_LOOKING[:20] not in message
    assert "discord.admin_user_ids.0" in message and "is not a Discord id" in message


def test_a_mistyped_id_is_still_shown(tmp_path: Path) -> None:
    """A short wrong id is echoed, so the operator sees which one is wrong."""
    path = write(tmp_path, "discord:\n  admin_user_ids: ['12a4']\n")
    with pytest.raises(ConfigError, match="'12a4' is not a Discord id"):
        load_settings(path, environ={})
