"""The embedded default (./run-console.sh) relays its views through its own gateway node:
the console is handed the gateway's address on loopback, never a demo camera's, and the
picture plays through it in the console's own player backend (PyAV)."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.demo.accounts import DEMO_PASSWORD
from console.demo.streams import DEMO_PREFIX
from console.embedded import start_embedded
from console.identity import LOOPBACK
from console.live.state import StreamKind
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth


@pytest.mark.timeout(400)
def test_the_embedded_centre_relays_views_through_its_gateway(tmp_path: Path) -> None:
    pytest.importorskip("av")
    from console.player.pyav_backend import PyAvBackend
    from tests.support.recording_sink import RecordingSink

    link = start_embedded(tmp_path)
    try:
        session = RemoteAuth(link.client, LOOPBACK).login("duty01", DEMO_PASSWORD).session
        assert session is not None
        access = RemoteAccess(link.client)
        catalogue = access.snapshot(session.session_id)
        entry = next(e for e in catalogue.entries if e.online and not e.needs_purpose)
        result = access.open_view(session.session_id, entry.code, "")
        assert result.ok and result.ticket is not None, result
        source, _ = access.stream_with_masks(session.session_id, result.ticket,
                                             StreamKind.SUB)
        assert DEMO_PREFIX not in source.url and ":8554" not in source.url
        assert f"/v/{result.ticket.id}/c/" in source.url
        assert source.url.startswith(f"rtsp://{result.ticket.id}:")
        assert "@127.0.0.1:" in source.url
        backend, sink = PyAvBackend(), RecordingSink()
        backend.start(source, 320, 180, sink)
        try:
            assert sink.wait_pictures(3, timeout=15), sink.reports
            assert sink.latest_array()[..., :3].std() > 10      # a picture, not a blank
        finally:
            backend.stop()
        assert backend.join(2)
    finally:
        link.stop()
