"""The latest-picture holder between a decoder thread and the GUI (console.player.frame_buffer)
and what the machine can decode with (console.player.capabilities)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from console.player.capabilities import LIVE555_PLUGIN, detect, has_live555, vlc_plugin_dirs
from console.player.frame_buffer import FrameBuffer, Picture


def picture(value: int = 0) -> Picture:
    data = np.full((4, 6, 4), value, np.uint8)
    return Picture(data, 6, 4, 24)


def test_notifications_are_coalesced_until_the_gui_has_seen_one():
    frames = FrameBuffer()
    assert frames.publish(picture()) is True      # ask for a repaint
    assert frames.publish(picture()) is False     # one is queued already
    assert frames.publish(picture()) is False
    frames.clear_pending()                        # the GUI got it
    assert frames.publish(picture()) is True
    assert frames.frames == 4


def test_frame_time_comes_from_the_clock():
    now = [10.0]
    frames = FrameBuffer(clock=lambda: now[0])
    assert frames.last_frame_at is None
    frames.publish(picture())
    now[0] = 12.5
    frames.publish(picture())
    assert frames.last_frame_at == 12.5


def test_the_picture_on_screen_and_the_latest_are_not_recycled():
    frames = FrameBuffer()
    first, second, third = picture(1), picture(2), picture(3)
    frames.publish(first)
    assert frames.take() is first
    frames.publish(second)
    assert frames.is_in_use(first.data)           # still painted from
    assert frames.is_in_use(second.data)          # the latest
    assert not frames.is_in_use(third.data)
    assert frames.take() is second
    assert not frames.is_in_use(first.data)       # released by the next take
    frames.clear()
    assert frames.take() is None


def test_publishing_from_many_threads_counts_every_picture():
    frames = FrameBuffer()

    def publish_many():
        for _ in range(2000):
            frames.publish(picture())

    threads = [threading.Thread(target=publish_many) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert frames.frames == 8000


def test_live555_is_found_in_the_plugin_dirs(tmp_path):
    plugins = tmp_path / "vlc" / "plugins"
    (plugins / "access").mkdir(parents=True)
    library = tmp_path / "libvlc.so.5"
    assert not has_live555(vlc_plugin_dirs(library, environ={}))
    (plugins / "access" / LIVE555_PLUGIN).touch()
    assert has_live555(vlc_plugin_dirs(library, environ={}))


def test_vlc_plugin_path_is_honoured(tmp_path):
    extra = tmp_path / "extra"
    (extra / "demux").mkdir(parents=True)
    (extra / "demux" / LIVE555_PLUGIN).touch()
    dirs = vlc_plugin_dirs(Path("/nowhere/libvlc.so.5"), environ={"VLC_PLUGIN_PATH": str(extra)})
    assert dirs[0] == extra
    assert has_live555(dirs)


def test_this_machine_can_decode_with_pyav():
    caps = detect()
    assert caps.pyav and caps.pyav_version
    assert caps is detect()  # probed once
    if caps.libvlc:
        assert caps.libvlc_version
        assert caps.libvlc_rtsp == has_live555([Path(d) for d in caps.vlc_plugin_dirs])
