"""The session code a watermark shows leads back to the session's records."""

from __future__ import annotations

from main import main
from tests.conftest import PASSWORD, T42, World


def test_audit_show_by_the_session_code_of_a_watermark(world: World, capsys) -> None:
    url = world.db.url.render_as_string(hide_password=False)
    result = world.auth(T42).login("zhangsan", PASSWORD)
    assert result.ok and result.session is not None
    code = result.session.code
    capsys.readouterr()
    assert main(["audit", "show", "--session", code.lower(), "--database-url", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("\tzhangsan\t" in line for line in lines)
    assert any("\tLOGIN\t" in line and code in line for line in lines)
    assert main(["audit", "show", "--session", "ZZZZZZ", "--database-url", url]) == 1
    assert "no session with code 'ZZZZZZ'" in capsys.readouterr().err
