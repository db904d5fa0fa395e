#!/usr/bin/python3
"""One media gateway node: relays camera streams to the views the centre opened
(GStreamer gst-rtsp-server; run by the SYSTEM python, which has python3-gi — the venv has no
gi; imports nothing from ``console``):

    /usr/bin/python3 console/gateway/gateway_server.py --port PORT --centre http://127.0.0.1:N
        [--address 0.0.0.0] [--linger 10] [--watch-parent]

The first line on stdin is the key of the centre's gateway link (never in argv, a file or a
log). Prints ``ready PORT`` once listening; diagnostics go to stderr, without credentials.

A terminal plays ``rtsp://VIEW:TOKEN@HOST:PORT/v/VIEW/c/CAMERA/KIND`` (the centre hands it
out with the view). The path is mapped to the camera's mount ``/c/CAMERA/KIND`` (one shared
media per camera and stream: one upstream pull, whoever watches). On the first request of a
connection the gateway asks the centre (``POST /gateway/check``: view, token, the client's
IP, camera, kind); the centre answers with the camera's upstream address and credentials, or
a refusal. Every ``--poll`` seconds it asks the centre which of its views are still valid
(``POST /gateway/valid``) and drops the clients of the others (their RTSP sessions removed,
their connections closed); when the centre cannot be reached for ``--fail-after`` seconds it
drops every client (fail closed). The upstream pull of a camera ends ``--linger`` seconds
after its last viewer left.

The relay does not transcode: ``rtspsrc`` (H.264 or H.265, chosen from the camera's SDP)
``! rtph26Xdepay ! h26Xparse ! rtph26Xpay``; video only.

RTSP requests are handled on the one main loop (no client thread pool): a check with the
centre holds the node's request handling for its few milliseconds (streaming runs in the
pipelines' own threads and goes on), and simultaneous first clients of a new shared media
never race (gst-rtsp-server 1.22 aborts on an assertion when they do; see
console/demo/rtsp_spec.py). Measured: 15 rounds of 4 simultaneous first viewers, no abort.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hmac
import http.client
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

EXIT_NO_GSTREAMER = 2
EXIT_PORT_IN_USE = 3
EXIT_NO_KEY = 4

VIEWER_ROLE = "viewer"
STALL_S = 5.0       # a pull with no frame from its camera this long is ended
MAX_IDLE_MOUNTS = 5000
PATH = re.compile(r"^(?:/v/([0-9A-Za-z_-]{1,40}))?/c/([0-9]{1,10})/(main|sub)(/.*)?$")
# a view's first check may wait for the city platform's play/start (console/platforms/wvp.py:
# its 10 s playTimeout + 5 s); a node that gave up sooner refused views that would have played
CHECK_TIMEOUT_S = 20.0
KEY = re.compile(r"^/c/([0-9]{1,10})/(main|sub)$")      # a camera stream's shared mount
CODECS = {  # SDP encoding name -> depayloader, parser, payloader, the parser's output
    # Whole access units out of the parser, so that it inserts the parameter sets once per
    # keyframe (not before each of its slices: tests/test_gateway_pictures.py).
    "H264": ("rtph264depay", "h264parse", "rtph264pay", "video/x-h264,alignment=au"),
    "H265": ("rtph265depay", "h265parse", "rtph265pay", "video/x-h265,alignment=au"),
}


def log(message: str) -> None:
    print(f"gateway: {message}", file=sys.stderr, flush=True)


class _Absent:
    """Stands for gst-rtsp-server's classes where python3-gi is missing (the module still
    imports, e.g. in the venv; ``main`` then exits with EXIT_NO_GSTREAMER)."""

    RTSPAuth = RTSPMountPoints = RTSPMediaFactory = object


GST_MISSING = ""
try:
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtsp", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtsp, GstRtspServer
except (ImportError, ValueError) as _exc:
    GST_MISSING = str(_exc)
    GLib = Gst = GstRtsp = None
    GstRtspServer = _Absent


class CentreLink:
    """The centre's gateway link: JSON over loopback HTTP with the link key."""

    def __init__(self, url: str, key: str, timeout: float = 3.0) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError("the centre link is http://HOST:PORT")
        self.host, self.port = parts.hostname, parts.port or 80
        self._key, self._timeout = key, timeout
        self._local = threading.local()

    def post(self, path: str, body: dict[str, Any],
             timeout: float | None = None) -> dict[str, Any]:
        """``timeout``: this call's (default the link's); a call that timed out is not
        sent again (the centre may still be doing it)."""
        data = json.dumps(body).encode()
        wait = timeout or self._timeout
        for attempt in (0, 1):   # a kept connection the centre closed: once more, fresh
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=wait)
                self._local.conn = conn
            conn.timeout = wait
            if conn.sock is not None:
                conn.sock.settimeout(wait)
            try:
                conn.request("POST", path, data, {"Content-Type": "application/json",
                                                  "Authorization": f"Bearer {self._key}"})
                reply = conn.getresponse()
                payload = reply.read()
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                self._local.conn = None
                if attempt or isinstance(exc, TimeoutError):
                    raise
                continue
            if reply.status != 200:
                raise OSError(f"centre link answered {reply.status}")
            answer: dict[str, Any] = json.loads(payload)
            return answer
        raise OSError("unreachable")  # pragma: no cover


@dataclass
class View:
    """A view this node serves: its credentials (as checked by the centre) and clients."""

    token: str
    ip: str
    key: str                       # the camera mount: /c/CAMERA/KIND
    clients: list[Any] = field(default_factory=list)


class Gateway:
    def __init__(self, link: CentreLink, linger: float, gop_cache: bool = False) -> None:
        self.link, self.linger, self.gop_cache = link, linger, gop_cache
        self.hubs: dict[str, Hub] = {}                  # key -> pull with its GOP cache
        # (view, mount) -> what the centre accepted: a view may play its main and its sub
        # stream (a tile maximised), each with credentials of its own
        self.views: dict[tuple[str, str], View] = {}
        self.upstreams: dict[str, dict[str, str]] = {}   # mount key -> url, user, password
        self.lock = threading.Lock()
        self.server = GstRtspServer.RTSPServer()
        self.mounts = Mounts(self)
        self.server.set_mount_points(self.mounts)
        self.auth = Auth(self)
        self.server.set_auth(self.auth)
        self.server.connect("client-connected", _no_delay)
        self.viewer = GstRtspServer.RTSPToken()
        self.viewer.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, VIEWER_ROLE)
        self.factories: dict[str, Relay] = {}
        self.medias: dict[str, Any] = {}               # key -> prepared media (held)
        self.idle_since: dict[str, float] = {}
        self.last_frame: dict[str, float] = {}          # key -> when its last packet went
        self.payloaders: dict[str, tuple[Any, int]] = {}  # key -> payloader, packets seen

    # -- mounts ---------------------------------------------------------------------------

    def ensure_mount(self, key: str) -> None:
        with self.lock:
            if key in self.factories:
                return
            factory = Relay(self, key)
            self.factories[key] = factory
        self.mounts.add_factory(key, factory)

    # -- credentials ------------------------------------------------------------------------

    def authenticate(self, ctx: Any) -> bool:
        match = PATH.match(ctx.uri.abspath or "")
        if match is None:
            log(f"refused: not a view's address ({ctx.uri.abspath!r})")
            return False
        camera, kind = match[2], match[3]
        key = f"/c/{camera}/{kind}"
        ip = ctx.conn.get_ip()
        # the view's own URL, or (SETUP, PLAY) the mount's control URL the server answered
        # its DESCRIBE with: the credentials name the view
        view_id, token = _basic_credentials(ctx.request)
        if match[1] is not None and match[1] != view_id:
            token = None
        if token is None:
            log(f"view {view_id}: no credentials")
            return False           # 401 with a Basic challenge: the player sends them
        with self.lock:
            known = self.views.get((view_id, key))
        if known is not None and not (hmac.compare_digest(known.token, token)
                                      and known.ip == ip):
            known = None     # not what the centre accepted: the centre decides (and registers)
        if known is None:
            try:
                answer = self.link.post("/gateway/check", {
                    "view": view_id, "token": token, "ip": ip, "camera": int(camera),
                    "kind": kind}, timeout=CHECK_TIMEOUT_S)
            except (OSError, ValueError) as exc:
                log(f"view {view_id}: the centre cannot be reached ({exc}); refused")
                return False
            if not answer.get("ok"):
                log(f"view {view_id} from {ip}: refused by the centre "
                    f"({answer.get('reason', '?')})")
                return False
            with self.lock:
                known = self.views.get((view_id, key))
                if known is None or known.token != token or known.ip != ip:
                    clients = known.clients if known is not None else []  # still dropped
                    known = self.views[(view_id, key)] = View(token, ip, key, clients)
                self.upstreams[key] = {"url": str(answer["url"]),
                                       "user": str(answer.get("user") or ""),
                                       "password": str(answer.get("password") or "")}
        client = ctx.client
        with self.lock:
            if client not in known.clients:
                known.clients.append(client)
                client.connect("closed", self._on_client_closed, (view_id, key))
        ctx.set_token(self.viewer)
        return True

    def _on_client_closed(self, client: Any, entry: tuple[str, str]) -> None:
        with self.lock:
            view = self.views.get(entry)
            if view is not None and client in view.clients:
                view.clients.remove(client)

    # -- the centre's verdicts --------------------------------------------------------------

    def drop(self, view_id: str, reason: str) -> bool:
        """Forget ``view_id`` and end its clients (main loop)."""
        with self.lock:
            gone = [self.views.pop(e) for e in [e for e in self.views if e[0] == view_id]]
        if not gone:
            return False
        clients = [c for view in gone for c in view.clients]
        for client in clients:
            client.close()      # its connection and the media it was managing
        log(f"view {view_id}: dropped {len(clients)} client(s) ({reason})")
        print(f"dropped {view_id} {reason}", flush=True)
        return False

    def poll(self, interval: float, fail_after: float, stop: threading.Event) -> None:
        """(a thread) Which views are still valid; drop the others. Fail closed."""
        last_ok = time.monotonic()
        while not stop.wait(interval):
            with self.lock:
                ids = sorted({view_id for view_id, _ in self.views})
            if not ids:
                last_ok = time.monotonic()
                continue
            try:
                answer = self.link.post("/gateway/valid", {"views": ids})
            except (OSError, ValueError) as exc:
                if time.monotonic() - last_ok > fail_after:
                    log(f"the centre cannot be reached ({exc}): dropping every view")
                    for view_id in ids:
                        GLib.idle_add(self.drop, view_id, "centre-unreachable")
                continue
            last_ok = time.monotonic()
            valid = set(answer.get("valid", []))
            reasons = answer.get("closed", {})
            for view_id in ids:
                if view_id not in valid:
                    GLib.idle_add(self.drop, view_id, str(reasons.get(view_id, "closed")))

    # -- upstream pulls ---------------------------------------------------------------------

    def tell(self, event: str, key: str, codec: str = "") -> None:
        """Tell the centre a camera pull's news (off the main loop: the centre may ask the
        platform): ``unsupported_codec`` with the views waiting for it, ``released``."""
        match = KEY.match(key)
        if match is None:
            return
        with self.lock:
            views = sorted({view_id for view_id, k in self.views if k == key})
        body = {"event": event, "camera": int(match[1]), "kind": match[2], "views": views,
                "codec": codec}

        def post() -> None:
            try:
                self.link.post("/gateway/upstream", body)
            except (OSError, ValueError) as exc:
                log(f"{key}: the centre was not told of {event} ({exc})")

        threading.Thread(target=post, daemon=True).start()

    def hold(self, key: str, media: Any) -> None:
        """Keep a camera's pull prepared after its last viewer, for ``linger`` seconds."""
        old = self.medias.get(key)
        if old is media:
            return
        if old is not None:
            old.unprepare()
        media.prepare(None)     # our own reference: the pull lives until we release it
        self.medias[key] = media

    def sweep(self) -> bool:
        """(every second, main loop) Release the pulls nobody watched for ``linger`` s, and
        end a pull that failed or stalled (no frame from the camera for ``STALL_S``): its
        viewers' connections are closed, so their players reconnect and a new pull starts
        (a shared media that died would otherwise be handed to every new viewer)."""
        now = time.monotonic()
        with self.lock:
            watched = {v.key for v in self.views.values() if v.clients}
        for key, (pay, seen) in list(self.payloaders.items()):
            sent = pay.get_property("stats").get_value("seqnum")
            if sent != seen:
                self.payloaders[key] = (pay, sent)
                self.last_frame[key] = now
        for key in list(self.hubs):
            hub = self.hubs[key]
            stalled = now - hub.last_frame > STALL_S
            if hub.failed or stalled or (key not in watched and now - hub.idle_since(now)
                                         >= self.linger):
                self.hubs.pop(key)
                if hub.failed or stalled:
                    with self.lock:
                        clients = [c for v in self.views.values() if v.key == key
                                   for c in v.clients]
                    for client in clients:
                        client.close()
                    log(f"{key}: upstream {'failed' if hub.failed else 'stalled'}; "
                        f"{len(clients)} client(s) closed to reconnect")
                else:
                    log(f"{key}: upstream released ({self.linger:g} s without a viewer)")
                    self.tell("released", key)
                hub.stop()
            elif key in watched:
                hub.watched()
        for key in list(self.medias):
            media = self.medias[key]
            failed = media.get_status() == GstRtspServer.RTSPMediaStatus.ERROR
            stalled = now - self.last_frame.get(key, now) > STALL_S
            if failed or stalled:
                self.medias.pop(key)
                self.idle_since.pop(key, None)
                self.last_frame.pop(key, None)
                self.payloaders.pop(key, None)
                with self.lock:
                    clients = [c for v in self.views.values() if v.key == key
                               for c in v.clients]
                for client in clients:
                    client.close()
                media.unprepare()
                log(f"{key}: upstream {'failed' if failed else 'stalled'}; "
                    f"{len(clients)} client(s) closed to reconnect")
                continue
            if key in watched:
                self.idle_since.pop(key, None)
                continue
            since = self.idle_since.setdefault(key, now)
            if now - since >= self.linger:
                media = self.medias.pop(key)
                self.idle_since.pop(key, None)
                self.payloaders.pop(key, None)
                self.last_frame.pop(key, None)
                media.unprepare()
                log(f"{key}: upstream released ({self.linger:g} s without a viewer)")
                self.tell("released", key)
        self._prune_mounts()
        return True

    def _prune_mounts(self) -> None:
        """Mounts are made on a request's path before its credentials are checked: forget
        those with no pull and no view once there are many (an address scan)."""
        if len(self.factories) <= MAX_IDLE_MOUNTS:
            return
        with self.lock:
            used = {v.key for v in self.views.values()} | set(self.medias) | set(self.hubs)
            idle = [k for k in self.factories if k not in used]
            for key in idle:
                del self.factories[key]
        for key in idle:
            self.mounts.remove_factory(key)


def _basic_credentials(request: Any) -> tuple[str, str | None]:
    """(user, password) of a Basic Authorization header; ("", None) without one."""
    found, value = request.get_header(GstRtsp.RTSPHeaderField.AUTHORIZATION, 0)
    if found != GstRtsp.RTSPResult.OK or not value:
        return "", None
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic":
        return "", None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return "", None
    user, _, password = decoded.partition(":")
    return (user, password) if user and password else ("", None)


def _no_delay(_server: Any, client: Any) -> None:
    """TCP_NODELAY on a client's connection: the RTP packets that follow the PLAY response
    leave at once (with Nagle's algorithm they waited for the player's delayed ACK of the
    response, ~40 ms on Linux, before the first picture)."""
    try:
        client.get_connection().get_read_socket().set_option(
            socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (GLib.Error, AttributeError) as exc:
        log(f"TCP_NODELAY not set ({exc})")


def _not_seekable(_pad: Any, info: Any) -> Any:
    """(pad probe) Answer a seeking query "not seekable"; drop seek events."""
    query = info.get_query()
    if query is not None and query.type == Gst.QueryType.SEEKING:
        query.set_seeking(Gst.Format.TIME, False, 0, -1)
        return Gst.PadProbeReturn.HANDLED
    event = info.get_event()
    if event is not None and event.type == Gst.EventType.SEEK:
        return Gst.PadProbeReturn.DROP
    return Gst.PadProbeReturn.OK


class Auth(GstRtspServer.RTSPAuth):  # type: ignore[misc]
    def __init__(self, gateway: Gateway) -> None:
        super().__init__()
        self._gateway = gateway

    def do_authenticate(self, ctx: Any) -> bool:
        try:
            return self._gateway.authenticate(ctx)
        except Exception as exc:
            log(f"authentication failed: {type(exc).__name__}: {exc}")
            return False


class Mounts(GstRtspServer.RTSPMountPoints):  # type: ignore[misc]
    """``/v/VIEW/c/CAMERA/KIND[/...]`` -> ``/c/CAMERA/KIND[/...]`` (the shared mount)."""

    def __init__(self, gateway: Gateway) -> None:
        super().__init__()
        self._gateway = gateway

    def do_make_path(self, url: Any) -> str | None:
        match = PATH.match(url.abspath or "")
        if match is None:
            return None
        key = f"/c/{match[2]}/{match[3]}"
        self._gateway.ensure_mount(key)
        return key + (match[4] or "")


class Relay(GstRtspServer.RTSPMediaFactory):  # type: ignore[misc]
    """One camera stream: pulled once (shared media keyed by the mount, not by the view's
    URL), depayloaded and payloaded again, never decoded."""

    def __init__(self, gateway: Gateway, key: str) -> None:
        super().__init__()
        self._gateway, self._key = gateway, key
        self.set_shared(not gateway.gop_cache)
        self.set_suspend_mode(GstRtspServer.RTSPSuspendMode.NONE)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role(VIEWER_ROLE, "media.factory.access", True)
        permissions.add_permission_for_role(VIEWER_ROLE, "media.factory.construct", True)
        self.set_permissions(permissions)

    def do_gen_key(self, url: Any) -> str:
        return self._key

    def do_create_element(self, url: Any) -> Any:
        with self._gateway.lock:
            upstream = dict(self._gateway.upstreams.get(self._key) or {})
        if not upstream:
            return None
        if self._gateway.gop_cache:
            return self._viewer_element(upstream)
        top = Gst.Bin.new(None)
        dyn = Gst.Bin.new("dynpay0")
        top.add(dyn)
        src = Gst.ElementFactory.make("rtspsrc", None)
        src.set_property("location", upstream["url"])
        if upstream["user"]:
            src.set_property("user-id", upstream["user"])
            src.set_property("user-pw", upstream["password"])
        src.set_property("latency", 0)
        src.set_property("protocols", GstRtsp.RTSPLowerTrans.TCP)
        src.set_property("timeout", 5_000_000)
        dyn.add(src)
        linked: list[bool] = [False]
        key, gateway = self._key, self._gateway

        def on_pad(_src: Any, pad: Any) -> None:
            caps = pad.get_current_caps() or pad.query_caps(None)
            s = caps.get_structure(0)
            if linked[0] or s.get_string("media") != "video":
                return
            names = CODECS.get((s.get_string("encoding-name") or "").upper())
            if names is None:
                log(f"{key}: unsupported codec {s.get_string('encoding-name')!r}")
                gateway.tell("unsupported_codec", key,
                             codec=str(s.get_string("encoding-name") or "?"))
                return
            depay, parse, pay = (Gst.ElementFactory.make(n, None) for n in names[:3])
            whole = Gst.ElementFactory.make("capsfilter", None)
            whole.set_property("caps", Gst.Caps.from_string(names[3]))
            # the parameter sets before every keyframe, inserted once per picture by the
            # parser; the payloader's own insertion puts them before every IDR slice, and a
            # player then splits a keyframe of several slices into pictures of one slice
            parse.set_property("config-interval", -1)
            pay.set_property("config-interval", 0)
            pay.set_property("pt", 96)
            for element in (depay, parse, whole, pay):
                dyn.add(element)
                element.sync_state_with_parent()
            pad.link(depay.get_static_pad("sink"))
            depay.link(parse)
            parse.link(whole)
            whole.link(pay)
            # watched once a second through its packet count (no Python call per packet)
            self._gateway.payloaders[key] = (pay, -1)
            self._gateway.last_frame[key] = time.monotonic()
            # a live relay: never seekable, so a viewer's PLAY (FFmpeg sends "Range:
            # npt=0.000-") never seeks the shared pull, which would flush every viewer and
            # make the camera start again (a camera serving a recording would oblige)
            pay.get_static_pad("src").add_probe(
                Gst.PadProbeType.QUERY_UPSTREAM | Gst.PadProbeType.EVENT_UPSTREAM,
                _not_seekable)
            ghost = Gst.GhostPad.new("src_0", pay.get_static_pad("src"))
            ghost.set_active(True)
            dyn.add_pad(ghost)
            linked[0] = True
            dyn.no_more_pads()

        src.connect("pad-added", on_pad)
        return top

    def _viewer_element(self, upstream: dict[str, str]) -> Any:
        """(GOP cache) This viewer's own ``appsrc ! rtph26Xpay``, fed by the camera's hub:
        the frames since its last keyframe at once, then live."""
        hub = self._gateway.hubs.get(self._key)
        if hub is None or hub.failed:
            if hub is not None:
                hub.stop()           # a failed pull: a new one (its viewers reconnect)
            hub = self._gateway.hubs[self._key] = Hub(self._key, upstream)
        top = Gst.Bin.new(None)
        if not hub.ready.wait(HUB_READY_S) or hub.caps is None:
            if hub.codec_refused:
                self._gateway.tell("unsupported_codec", self._key, codec=hub.codec_refused)
            # no picture (an unsupported codec, a camera that fails): a media that fails
            # to prepare, so the viewer is answered 503 at once, as with the shared relay
            failing = Gst.ElementFactory.make("appsrc", None)
            pay = Gst.ElementFactory.make("rtph264pay", "pay0")
            top.add(failing)
            top.add(pay)
            failing.link(pay)
            threading.Timer(0.01, lambda: failing.post_message(Gst.Message.new_error(
                failing, GLib.Error("no picture from the camera"), ""))).start()
            return top
        src = Gst.ElementFactory.make("appsrc", None)
        src.set_property("is-live", True)
        src.set_property("format", Gst.Format.TIME)
        src.set_property("do-timestamp", True)    # the cached frames leave at once
        src.set_property("caps", hub.caps)
        src.set_property("max-bytes", 16_000_000)
        pay = Gst.ElementFactory.make(hub.payloader, "pay0")
        pay.set_property("config-interval", 0)
        pay.set_property("pt", 96)
        top.add(src)
        top.add(pay)
        src.link(pay)
        hub.subscribe(src)
        return top

    def do_media_configure(self, media: Any) -> None:
        if not self._gateway.gop_cache:
            media.connect("prepared", lambda m: GLib.idle_add(self._hold, m))
        pipeline = media.get_element().get_parent()
        if pipeline is not None:
            pipeline.set_latency(0)

    def _hold(self, media: Any) -> bool:
        self._gateway.hold(self._key, media)
        return False


HUB_READY_S = 5.0
MAX_GOP_FRAMES = 300


def _bare(buf: Any) -> Any:
    """A copy of ``buf`` (its memory shared) without timestamps: a viewer's appsrc stamps
    it as it leaves, so a cached GOP goes out at once."""
    copy = buf.copy()
    copy.pts = copy.dts = copy.duration = Gst.CLOCK_TIME_NONE
    return copy


class Hub:
    """(``--gop-cache``) One camera stream's pull, whoever watches it, keeping the access
    units since its last keyframe (parameter sets inserted by the parser); each viewer's
    own media is fed that cached GOP first, then every live frame."""

    def __init__(self, key: str, upstream: dict[str, str]) -> None:
        self.key = key
        self.lock = threading.Lock()
        self.caps: Any = None
        self.payloader = ""
        self.gop: list[Any] = []
        self.subs: list[Any] = []
        self.ready = threading.Event()
        self.failed = False
        self.codec_refused = ""     # the camera's codec, when it is not one relayed
        self.last_frame = time.monotonic()
        self._idle_since: float | None = None
        self.pipeline = Gst.Pipeline.new(None)
        src = Gst.ElementFactory.make("rtspsrc", None)
        src.set_property("location", upstream["url"])
        if upstream["user"]:
            src.set_property("user-id", upstream["user"])
            src.set_property("user-pw", upstream["password"])
        src.set_property("latency", 0)
        src.set_property("protocols", GstRtsp.RTSPLowerTrans.TCP)
        src.set_property("timeout", 5_000_000)
        self.pipeline.add(src)
        src.connect("pad-added", self._on_pad)
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message::error", self._on_error)
        self.pipeline.set_state(Gst.State.PLAYING)

    def _on_error(self, _bus: Any, message: Any) -> None:
        error, _debug = message.parse_error()
        log(f"{self.key}: upstream error ({error.message})")
        self.failed = True
        self.ready.set()

    def _on_pad(self, _src: Any, pad: Any) -> None:
        caps = pad.get_current_caps() or pad.query_caps(None)
        s = caps.get_structure(0)
        if self.payloader or s.get_string("media") != "video":
            return
        names = CODECS.get((s.get_string("encoding-name") or "").upper())
        if names is None:
            log(f"{self.key}: unsupported codec {s.get_string('encoding-name')!r}")
            self.codec_refused = str(s.get_string("encoding-name") or "?")
            self.failed = True
            self.ready.set()
            return
        self.payloader = names[2]
        depay, parse = (Gst.ElementFactory.make(n, None) for n in names[:2])
        parse.set_property("config-interval", -1)   # parameter sets before each keyframe
        whole = Gst.ElementFactory.make("capsfilter", None)
        whole.set_property("caps", Gst.Caps.from_string(names[3]))
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
        self.last_frame = time.monotonic()
        with self.lock:
            if self.caps is None:
                self.caps = sample.get_caps()
            if not buf.has_flags(Gst.BufferFlags.DELTA_UNIT):
                self.gop = [buf]
            elif self.gop and len(self.gop) < MAX_GOP_FRAMES:
                self.gop.append(buf)
            subs = list(self.subs)
        self.ready.set()
        for sub in subs:
            if sub.emit("push-buffer", _bare(buf)) != Gst.FlowReturn.OK:
                self.unsubscribe(sub)
        return Gst.FlowReturn.OK

    def subscribe(self, appsrc: Any) -> None:
        with self.lock:
            for buf in self.gop:
                appsrc.emit("push-buffer", _bare(buf))
            self.subs.append(appsrc)

    def unsubscribe(self, appsrc: Any) -> None:
        with self.lock:
            if appsrc in self.subs:
                self.subs.remove(appsrc)

    def idle_since(self, now: float) -> float:
        if self._idle_since is None:
            self._idle_since = now
        return self._idle_since

    def watched(self) -> None:
        self._idle_since = None

    def stop(self) -> None:
        with self.lock:
            self.subs.clear()
            self.gop.clear()
        self.pipeline.get_bus().remove_signal_watch()
        self.pipeline.set_state(Gst.State.NULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="media gateway node")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--centre", required=True, help="http://127.0.0.1:PORT (the link)")
    parser.add_argument("--linger", type=float, default=10.0)
    parser.add_argument("--poll", type=float, default=0.5)
    parser.add_argument("--fail-after", type=float, default=2.0)
    parser.add_argument("--watch-parent", action="store_true")
    parser.add_argument("--gop-cache", action="store_true",
                        help="each viewer its own media fed the camera's frames since its "
                             "last keyframe first (a warm join starts at once)")
    args = parser.parse_args(argv)
    if GST_MISSING:
        log(f"GStreamer RTSP server unavailable ({GST_MISSING})")
        return EXIT_NO_GSTREAMER
    Gst.init(None)
    key = sys.stdin.readline().strip()
    if not key:
        log("no link key on stdin")
        return EXIT_NO_KEY
    gateway = Gateway(CentreLink(args.centre, key), args.linger, args.gop_cache)
    gateway.server.set_address(args.address)
    gateway.server.set_service(str(args.port))
    try:
        source = gateway.server.create_source(None)
    except GLib.Error as exc:
        log(f"cannot listen on {args.address}:{args.port}: {exc.message}")
        return EXIT_PORT_IN_USE
    source.attach(None)
    stop = threading.Event()
    threading.Thread(target=gateway.poll, args=(args.poll, args.fail_after, stop),
                     daemon=True, name="gateway-poll").start()
    GLib.timeout_add(1000, gateway.sweep)

    def session_cleanup() -> bool:
        gateway.server.get_session_pool().cleanup()
        return True

    GLib.timeout_add(2000, session_cleanup)
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, lambda: loop.quit() or False)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, lambda: loop.quit() or False)
    if args.watch_parent:
        parent = os.getppid()

        def parent_alive() -> bool:
            if os.getppid() != parent:
                loop.quit()
                return False
            return True

        GLib.timeout_add_seconds(1, parent_alive)
    print(f"ready {args.port}", flush=True)
    loop.run()
    stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
