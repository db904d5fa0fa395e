"""Terminal configuration and secrets: a terminal holds no database password; the centre
keeps its own in its data directory, never in its configuration, output or logs."""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path

import pytest

from console.config import ConfigError, TerminalConfig, load_config
from console.secrets import database_secret_name, redact_url
from console.server.data_dir import DataDir
from console.server.host import open_centre
from main import main


@pytest.mark.parametrize(("text", "message"), [
    ('database_url = "postgresql://u:hunter2@h/db"\n',
     "database_url is not a terminal setting any more: the centre server holds the database"),
    ('platform_host = "10.20.0.10"\n', "platform_host is not a terminal setting any more"),
    ('langauge = "en"\n', "unknown setting 'langauge'"),
    ('language = "fr"\n', "language 'fr' is not one of zh_CN, en"),
    ('language = "en\n', "Illegal character"),
    ('language = 5\n', "language must be a string"),
    ('network_caching_ms = "300"\n', "network_caching_ms must be a whole number"),
    ('network_caching_ms = 9000\n', "network_caching_ms 9000 is outside 0..5000"),
    ('rtsp_transport = "http"\n', "rtsp_transport 'http' is not one of tcp, udp"),
    ('video_decoder = "gst"\n', "video_decoder 'gst' is not one of auto, pyav, vlc"),
    ('video_decoding = "fork"\n', "video_decoding 'fork' is not one of process, thread"),
])
def test_bad_config_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "console.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    assert "hunter2" not in str(info.value)
    assert str(info.value).startswith(f"config file {path}: ")


def test_live_tuning_comes_from_the_terminal_config(tmp_path: Path) -> None:
    path = tmp_path / "console.toml"
    path.write_text('network_caching_ms = 150\nrtsp_transport = "udp"\nvideo_decoder = "vlc"\n',
                    encoding="utf-8")
    tuning = load_config(path).tuning
    assert (tuning.network_caching_ms, tuning.rtsp_transport, tuning.decoder) == (
        150, "udp", "vlc")
    example = Path(__file__).resolve().parent.parent / "packaging" / "console.example.toml"
    assert load_config(example).tuning.network_caching_ms == 300
    # decoding: in a process per stream unless the file says "thread" (the in-process path)
    assert load_config(example).tuning.decoding == "process"
    assert TerminalConfig().tuning.decoding == "process"
    path.write_text('video_decoding = "thread"\n', encoding="utf-8")
    assert load_config(path).tuning.decoding == "thread"


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_config_cli_error_exit_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "console.toml"
    path.write_text('database_url = "postgresql://u:hunter2@h/db"\n', encoding="utf-8")
    assert main(["audit", "verify", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "hunter2" not in err and err.count("\n") == 1


def test_command_line_overrides_config(tmp_path: Path) -> None:
    path = tmp_path / "console.toml"
    path.write_text('language = "en"\n', encoding="utf-8")
    assert load_config(path).language == "en"
    assert load_config(path, language="zh_CN").language == "zh_CN"


@pytest.mark.parametrize(("url", "expected"), [
    ("rtsp://admin:12345@10.1.1.1:554/Streaming/Channels/101",
     "rtsp://***@10.1.1.1:554/Streaming/Channels/101"),
    ("rtsp://10.1.1.1/live", "rtsp://10.1.1.1/live"),
    ("http://user@[fd00::1]:8080/x?y=1", "http://***@[fd00::1]:8080/x?y=1"),
])
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_database_passwords_are_the_centre_s(postgres_server, tmp_path: Path, capsys,
                                             monkeypatch, caplog) -> None:
    """On PostgreSQL ``server init`` is given a superuser (its password on standard input,
    used once, kept nowhere) and makes the owner and runtime roles with random passwords,
    kept only in the centre's data directory, where the server finds the runtime one. No
    password appears in any output, log line or configuration file. A terminal has none to
    set."""
    admin_url = postgres_server.create_database("t_secret")
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    data = DataDir(tmp_path / "centre")
    monkeypatch.setattr(sys, "stdin", io.StringIO("S3cret#Admin\n"))
    caplog.set_level(logging.DEBUG)
    assert main(["server", "init", "--database-url", plain, "--data-dir", str(data.root),
                 "--name", "127.0.0.1", "--password-stdin"]) == 0
    runtime = database_secret_name("t_secret_runtime", "127.0.0.1", postgres_server.port,
                                   "t_secret")
    owner = database_secret_name("t_secret_owner", "127.0.0.1", postgres_server.port,
                                 "t_secret")
    stored = json.loads((data.root / "secrets.json").read_text(encoding="utf-8"))
    assert set(stored) == {runtime, owner}                 # the superuser's is not kept
    assert "S3cret#Admin" not in json.dumps(stored)
    centre = open_centre(data)
    assert centre.db.url.username == "t_secret_runtime"
    assert centre.db.url.password == stored[runtime]
    assert stored[runtime] not in centre.db.display_url
    centre.db.dispose()
    config = data.config.read_text(encoding="utf-8")
    assert assert_no_secret(config, ["S3cret#Admin", *stored.values()])
    assert main(["secret", "set-db-password"]) == 2          # not a terminal's any more
    everything = capsys.readouterr()
    assert assert_no_secret(everything.out + everything.err + caplog.text,
                            ["S3cret#Admin", *stored.values()])
    assert "the centre keeps its own in its data directory" in everything.err


def assert_no_secret(text: str, secrets: list[str]) -> bool:
    found = [s[:3] + "…" for s in secrets if s and s in text]
    assert not found, found
    return True
