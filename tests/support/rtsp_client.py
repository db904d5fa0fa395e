"""A minimal RTSP client for the gateway tests: RTP over the RTSP connection (interleaved),
from a chosen loopback address (127.0.0.x stands for another machine), that reads until the
server ends the connection — a terminal that never closes its view by itself.

    client = RtspReader(url, source_ip="127.0.0.42").open()   # DESCRIBE, SETUP, PLAY
    client.status        # the first refusal's status code (401 ...) or 200
    client.wait_bytes(10_000); client.wait_closed(2.0)
"""

from __future__ import annotations

import base64
import contextlib
import socket
import threading
import time
from urllib.parse import urljoin, urlsplit


class RtspReader:
    def __init__(self, url: str, *, source_ip: str = "127.0.0.1", timeout: float = 5.0,
                 keep: bool = False) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "", parts.port or 554
        self.path = parts.path
        self.url = f"rtsp://{self.host}:{self.port}{parts.path}"
        self.auth = ""
        if parts.username is not None:
            raw = f"{parts.username}:{parts.password or ''}".encode()
            self.auth = "Basic " + base64.b64encode(raw).decode()
        self.source_ip, self.timeout = source_ip, timeout
        self.status = 0
        self.bytes = 0
        self.closed_at: float | None = None
        self.data = bytearray()      # what it read after PLAY, with ``keep``
        self._keep = keep
        self._sock: socket.socket | None = None
        self._cseq = 0
        self._buffer = b""
        self._thread: threading.Thread | None = None

    def open(self) -> RtspReader:
        sock = socket.create_connection((self.host, self.port), self.timeout,
                                         source_address=(self.source_ip, 0))
        self._sock = sock
        status, headers, body = self._request("DESCRIBE", self.url,
                                              {"Accept": "application/sdp"})
        if status != 200:
            self.status = status
            return self
        base = headers.get("content-base", self.url + "/")
        control = next((line.split(":", 1)[1].strip() for line in body.splitlines()
                        if line.startswith("a=control:") and "stream" in line), "stream=0")
        status, headers, _ = self._request(
            "SETUP", urljoin(base, control),
            {"Transport": "RTP/AVP/TCP;unicast;interleaved=0-1"})
        if status != 200:
            self.status = status
            return self
        session = headers.get("session", "").split(";")[0]
        status, _, _ = self._request("PLAY", base, {"Session": session, "Range": "npt=0-"})
        self.status = status
        if status == 200:
            self._thread = threading.Thread(target=self._read, daemon=True)
            self._thread.start()
        return self

    def _request(self, method: str, url: str, extra: dict[str, str]
                 ) -> tuple[int, dict[str, str], str]:
        assert self._sock is not None
        self._cseq += 1
        lines = [f"{method} {url} RTSP/1.0", f"CSeq: {self._cseq}",
                 "User-Agent: gateway-test"]
        if self.auth:
            lines.append(f"Authorization: {self.auth}")
        lines += [f"{k}: {v}" for k, v in extra.items()]
        self._sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while True:
            if self._buffer[:1] == b"$":      # RTP that came before the answer: skip it
                if len(self._buffer) >= 4:
                    size = 4 + int.from_bytes(self._buffer[2:4], "big")
                    if len(self._buffer) >= size:
                        self.bytes += size
                        self._buffer = self._buffer[size:]
                        continue
            elif b"\r\n\r\n" in self._buffer:
                break
            chunk = self._sock.recv(65536)
            if not chunk:
                return 0, {}, ""
            self._buffer += chunk
        head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        first, *rest = head.decode(errors="replace").split("\r\n")
        headers = {}
        for line in rest:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(self._buffer) < length:
            chunk = self._sock.recv(65536)
            if not chunk:
                break
            self._buffer += chunk
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        return int(first.split()[1]), headers, body.decode(errors="replace")

    def _read(self) -> None:
        assert self._sock is not None
        self._sock.settimeout(None)
        self.bytes += len(self._buffer)
        if self._keep:
            self.data += self._buffer
        try:
            while chunk := self._sock.recv(65536):
                self.bytes += len(chunk)
                if self._keep:
                    self.data += chunk
        except OSError:
            pass
        self.closed_at = time.monotonic()

    def wait_bytes(self, count: int, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.bytes >= count:
                return True
            time.sleep(0.02)
        return False

    def wait_closed(self, timeout: float) -> float | None:
        """Seconds until the server ended the connection (None: still open)."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.closed_at is not None:
                return max(0.0, self.closed_at - start)
            time.sleep(0.01)
        return None

    def close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)
            self._sock.close()
