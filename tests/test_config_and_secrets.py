"""Terminal configuration and secrets: a terminal holds no database password; the centre
keeps its own in its data directory, never in its configuration, output or logs."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from console.config import ConfigError, load_config
from console.secrets import database_secret_name, redact_url
from console.server.data_dir import DataDir
from console.server.host import open_centre
from console.storage.database import Database
from main import main


@pytest.mark.parametrize(("text", "message"), [
    ('database_url = "postgresql://u:hunter2@h/db"\n', "contains a password"),
    ('database_url = "mysql://u@h/db"\n', "scheme 'mysql' is not supported"),
    ('database_url = 5\n', "database_url must be a string"),
    ('databse_url = "sqlite:///x"\n', "unknown setting 'databse_url'"),
    ('language = "fr"\n', "language 'fr' is not one of zh_CN, en"),
    ('database_url = "sqlite:///x\n', "Illegal character"),
    ('network_caching_ms = "300"\n', "network_caching_ms must be a whole number"),
    ('network_caching_ms = 9000\n', "network_caching_ms 9000 is outside 0..5000"),
    ('rtsp_transport = "http"\n', "rtsp_transport 'http' is not one of tcp, udp"),
    ('video_decoder = "gst"\n', "video_decoder 'gst' is not one of auto, pyav, vlc"),
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
    path.write_text('database_url = "sqlite:///a.db"\nlanguage = "en"\n', encoding="utf-8")
    config = load_config(path, database_url="sqlite:///b.db", language="zh_CN")
    assert (config.database_url, config.language) == ("sqlite:///b.db", "zh_CN")


@pytest.mark.parametrize(("url", "expected"), [
    ("rtsp://admin:12345@10.1.1.1:554/Streaming/Channels/101",
     "rtsp://***@10.1.1.1:554/Streaming/Channels/101"),
    ("rtsp://10.1.1.1/live", "rtsp://10.1.1.1/live"),
    ("http://user@[fd00::1]:8080/x?y=1", "http://***@[fd00::1]:8080/x?y=1"),
])
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_database_password_is_the_centre_s(postgres_server, tmp_path: Path, capsys,
                                            monkeypatch, caplog) -> None:
    """A PostgreSQL role with a password: the URL has none; ``server init --password-stdin``
    keeps it in the centre's data directory, where the server finds it; the password appears
    in no output, no log line and no configuration file. A terminal has none to set."""
    from sqlalchemy import text

    admin_url = postgres_server.create_database("t_secret")
    with Database(admin_url).engine.begin() as conn:
        conn.execute(text("DROP ROLE IF EXISTS console_pw"))
        conn.execute(text("CREATE ROLE console_pw LOGIN PASSWORD 'S3cret#Db'"))
        conn.execute(text("GRANT ALL ON SCHEMA public TO console_pw"))
    # The test server trusts loopback, so prove the password is really sent by checking
    # what the driver is given.
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://").split("@", 1)[1]
    url = f"postgresql://console_pw@{plain}"
    data = DataDir(tmp_path / "centre")
    monkeypatch.setattr(sys, "stdin", io.StringIO("S3cret#Db\n"))
    caplog.set_level(logging.DEBUG)
    assert main(["server", "init", "--database-url", url, "--data-dir", str(data.root),
                 "--name", "127.0.0.1", "--password-stdin"]) == 0
    name = database_secret_name("console_pw", "127.0.0.1", postgres_server.port, "t_secret")
    assert data.secrets().get(name) == "S3cret#Db"
    centre = open_centre(data)
    assert centre.db.url.password == "S3cret#Db"
    assert "S3cret" not in centre.db.display_url
    centre.db.dispose()
    assert "S3cret" not in data.config.read_text(encoding="utf-8")
    assert main(["secret", "set-db-password"]) == 2          # not a terminal's any more
    everything = capsys.readouterr()
    assert "S3cret" not in everything.out + everything.err + caplog.text
    assert "the centre keeps its own in its data directory" in everything.err
