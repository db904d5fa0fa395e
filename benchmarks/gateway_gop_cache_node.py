#!/usr/bin/python3
"""PROTOTYPE (benchmarks only, not the gateway): a keyframe (GOP) cache for the media
gateway's warm joins, run by the system python (python3-gi) from
benchmarks/gateway_gop_cache.py. One pull per camera (the hub: ``rtspsrc ! rtph264depay !
h264parse ! appsink``) keeps the access units since the last keyframe; each viewer gets its
own small media (``appsrc ! rtph264pay``) fed that cached GOP first (timestamped as it
leaves, so the burst goes at once), then the live frames. No credentials, no centre, H.264
only, no linger/stall handling: it measures the approach, console/gateway/gateway_server.py
is the node.

    /usr/bin/python3 benchmarks/gateway_gop_cache_node.py CAMERA_URL PORT
"""
from __future__ import annotations

import socket
import sys
import threading
from typing import Any

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

AU = "video/x-h264,stream-format=byte-stream,alignment=au"


def _bare(buf: Any) -> Any:
    """A copy of ``buf`` (its memory shared) without timestamps: the viewer's appsrc stamps
    it as it leaves."""
    copy = buf.copy()
    copy.pts = copy.dts = copy.duration = Gst.CLOCK_TIME_NONE
    return copy


class Hub:
    """One camera's pull and the frames since its last keyframe."""

    def __init__(self, url: str) -> None:
        self.lock = threading.Lock()
        self.caps: Any = None
        self.gop: list[Any] = []
        self.subs: list[Any] = []
        self.ready = threading.Event()
        self.pipeline = Gst.Pipeline.new(None)
        src = Gst.ElementFactory.make("rtspsrc", None)
        src.set_property("location", url)
        src.set_property("latency", 0)
        src.set_property("protocols", GstRtsp.RTSPLowerTrans.TCP)
        self.pipeline.add(src)
        src.connect("pad-added", self._on_pad)
        self.pipeline.set_state(Gst.State.PLAYING)

    def _on_pad(self, _src: Any, pad: Any) -> None:
        depay = Gst.ElementFactory.make("rtph264depay", None)
        parse = Gst.ElementFactory.make("h264parse", None)
        parse.set_property("config-interval", -1)   # SPS/PPS before every keyframe
        whole = Gst.ElementFactory.make("capsfilter", None)
        whole.set_property("caps", Gst.Caps.from_string(AU))
        sink = Gst.ElementFactory.make("appsink", None)
        sink.set_property("emit-signals", True)
        sink.set_property("sync", False)
        sink.set_property("async", False)
        sink.connect("new-sample", self._on_sample)
        for element in (depay, parse, whole, sink):
            self.pipeline.add(element)
            element.sync_state_with_parent()
        pad.link(depay.get_static_pad("sink"))
        depay.link(parse)
        parse.link(whole)
        whole.link(sink)

    def _on_sample(self, sink: Any) -> Any:
        sample = sink.emit("pull-sample")
        buf = sample.get_buffer()
        with self.lock:
            if self.caps is None:
                self.caps = sample.get_caps()
            if not buf.has_flags(Gst.BufferFlags.DELTA_UNIT):
                self.gop = [buf]
            elif self.gop:
                self.gop.append(buf)
            subs = list(self.subs)
        self.ready.set()
        for sub in subs:
            if sub.emit("push-buffer", _bare(buf)) != Gst.FlowReturn.OK:
                with self.lock:
                    if sub in self.subs:
                        self.subs.remove(sub)
        return Gst.FlowReturn.OK

    def subscribe(self, appsrc: Any) -> None:
        """The cached GOP into ``appsrc`` at once, then every live frame."""
        with self.lock:
            for buf in self.gop:
                appsrc.emit("push-buffer", _bare(buf))
            self.subs.append(appsrc)


class Viewer(GstRtspServer.RTSPMediaFactory):  # type: ignore[misc]
    """Each viewer its own media: ``appsrc ! rtph264pay`` fed by the camera's hub."""

    def __init__(self, camera: str, hubs: dict[str, Hub]) -> None:
        super().__init__()
        self._camera, self._hubs = camera, hubs
        self.set_shared(False)

    def do_create_element(self, url: Any) -> Any:
        hub = self._hubs.get(url.abspath)
        if hub is None:
            hub = self._hubs[url.abspath] = Hub(self._camera)
        hub.ready.wait(5.0)
        top = Gst.Bin.new(None)
        src = Gst.ElementFactory.make("appsrc", None)
        src.set_property("is-live", True)
        src.set_property("format", Gst.Format.TIME)
        src.set_property("do-timestamp", True)
        src.set_property("caps", hub.caps)
        src.set_property("max-bytes", 8_000_000)
        pay = Gst.ElementFactory.make("rtph264pay", "pay0")
        pay.set_property("config-interval", 0)
        pay.set_property("pt", 96)
        top.add(src)
        top.add(pay)
        src.link(pay)
        hub.subscribe(src)
        return top

    def do_media_configure(self, media: Any) -> None:
        pipeline = media.get_element().get_parent()
        if pipeline is not None:
            pipeline.set_latency(0)


def _no_delay(_server: Any, client: Any) -> None:
    client.get_connection().get_read_socket().set_option(
        socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def main() -> int:
    Gst.init(None)
    camera, port = sys.argv[1], sys.argv[2]
    server = GstRtspServer.RTSPServer()
    server.set_service(port)
    server.connect("client-connected", _no_delay)
    server.get_mount_points().add_factory("/c/1", Viewer(camera, {}))
    server.attach(None)
    print("ready", flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
