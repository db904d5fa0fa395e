"""The terminal's one connection to the centre: HTTPS with mutual TLS through ``requests``.

Every call goes through ``CentreClient.call``: it adds the terminal's MAC and version and the
session's bearer token, turns the centre's refusal body back into the exception the services
raised on the centre (console/api/errors.py), and keeps the link state that makes the
console fail closed: any answer from the centre (even a refusal) counts as contact; a
connection error, a timeout or a TLS failure does not.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import TypeAdapter
from requests.adapters import HTTPAdapter

import console
from console.access.model import SessionGone, ViewRefused
from console.api.errors import (
    KIND_CATALOG_FILE,
    KIND_CATALOG_IMPORT,
    KIND_SESSION_GONE,
    KIND_VIEW_REFUSED,
    CentreUnreachable,
    Refused,
    Unreachable,
    revive_details,
)
from console.api.wire import API_PREFIX
from console.catalog.errors import CatalogFileError, CatalogImportError, RowError
from console.codes import Reason

T = TypeVar("T")

CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 20.0
_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def parse(kind: type[T], data: Any) -> T:
    """``data`` (JSON) as the core type ``kind`` (a data class, a list of them, …)."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    result: T = adapter.validate_python(data)
    return result


def dump(value: Any) -> Any:
    """A core value as JSON data."""
    kind = type(value)
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter.dump_python(value, mode="json")


@dataclass
class LinkState:
    """When the centre last answered, and the last failure to reach it."""

    last_contact: float = field(default_factory=time.monotonic)
    last_error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def answered(self) -> None:
        with self._lock:
            self.last_contact = time.monotonic()
            self.last_error = ""

    def failed(self, error: str) -> None:
        with self._lock:
            self.last_error = error[:300]

    def silent_for(self) -> float:
        """Seconds since the centre last answered."""
        with self._lock:
            return time.monotonic() - self.last_contact


class _SourceAddressAdapter(HTTPAdapter):
    """Connections leave from one local address (a multi-homed terminal uses the one that is
    registered; the tests use 127.0.0.x to stand for other machines)."""

    def __init__(self, source_ip: str) -> None:
        self._source = (source_ip, 0)
        super().__init__(pool_connections=4, pool_maxsize=8)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = self._source
        super().init_poolmanager(*args, **kwargs)


class CentreClient:
    def __init__(self, base_url: str, *, mac: str, cert: tuple[Path, Path] | None = None,
                 ca: Path | None = None, source_ip: str | None = None,
                 http: requests.Session | None = None,
                 version: str = console.__version__) -> None:
        self.base_url = base_url.rstrip("/")
        self.mac = mac
        self.version = version
        self.link = LinkState()
        self.tokens: dict[str, str] = {}      # session id → bearer token
        self.current_session: str | None = None
        self._tokens_lock = threading.Lock()
        http = http or requests.Session()
        # requests lets REQUESTS_CA_BUNDLE override ``verify`` and the environment choose a
        # proxy: the centre's CA and a direct connection are not the environment's to change
        http.trust_env = False
        if cert is not None:
            http.cert = (str(cert[0]), str(cert[1]))
        if ca is not None:
            http.verify = str(ca)
        if source_ip is not None:
            http.mount("https://", _SourceAddressAdapter(source_ip))
        self.http = http

    @property
    def address(self) -> str:
        """host:port of the centre, as an installer would check it."""
        return urlsplit(self.base_url).netloc

    # -- sessions' tokens --------------------------------------------------------------------

    def remember(self, session_id: str, token: str) -> None:
        with self._tokens_lock:
            self.tokens[session_id] = token
            self.current_session = session_id

    def forget(self, session_id: str) -> None:
        with self._tokens_lock:
            self.tokens.pop(session_id, None)
            if self.current_session == session_id:
                self.current_session = None

    def token_of(self, session_id: str | None) -> str | None:
        with self._tokens_lock:
            key = session_id if session_id is not None else self.current_session
            return self.tokens.get(key) if key is not None else None

    # -- calls -------------------------------------------------------------------------------

    def call(self, method: str, path: str, *, session: str | None = None,
             json: Any = None, params: dict[str, Any] | None = None,
             files: dict[str, Any] | None = None, timeout: float | None = None,
             raw: bool = False, needs_session: bool = True) -> Any:
        """One request; the parsed JSON answer (None for 204). ``session``: whose token to
        send (None: the current session's); ``raw``: the ``requests.Response`` itself.
        Raises the refusal's exception, or ``CentreUnreachable``."""
        headers = {"X-Terminal-Mac": self.mac, "X-Terminal-Version": self.version}
        token = self.token_of(session) if needs_session else None
        if needs_session and token is None:
            raise SessionGone(Reason.SESSION_ENDED)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = self.http.request(
                method, f"{self.base_url}{API_PREFIX}{path}", json=json, params=params,
                files=files, headers=headers,
                timeout=(CONNECT_TIMEOUT_S, timeout or READ_TIMEOUT_S))
        except requests.RequestException as exc:
            self.link.failed(str(exc))
            raise CentreUnreachable(f"centre {self.base_url} unreachable: {_short(exc)}",
                                    cause=cause_of(exc), address=self.address) from None
        self.link.answered()
        if response.status_code == 204:
            return None
        if response.ok:
            if raw:
                return response
            try:
                return response.json()
            except ValueError:
                raise CentreUnreachable(f"centre {self.base_url}: not a JSON answer",
                                        cause=Unreachable.NOT_API,
                                        address=self.address) from None
        raise refusal_of(response)

    def get(self, path: str, **kw: Any) -> Any:
        return self.call("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> Any:
        return self.call("POST", path, **kw)

    def close(self) -> None:
        self.http.close()


def refusal_of(response: requests.Response) -> Exception:
    """The exception a refusal body stands for."""
    try:
        body = response.json()
        reason = Reason(body["reason"])
    except (ValueError, KeyError, TypeError):
        return Refused(Reason.SERVER_ERROR, f"centre answered {response.status_code} "
                       f"{response.reason}", status=response.status_code)
    kind = str(body.get("kind") or "")
    details = revive_details(body.get("details") or {})
    if kind == KIND_SESSION_GONE:
        return SessionGone(reason)
    if kind == KIND_VIEW_REFUSED:
        return ViewRefused(reason)
    if kind == KIND_CATALOG_IMPORT:
        return CatalogImportError([RowError(*row) for row in details.get("errors", [])])
    if kind == KIND_CATALOG_FILE:
        params = details.get("params")
        return CatalogFileError(str(details.get("file", "")), str(details.get("detail", "")),
                                str(details.get("code") or ""),
                                params if isinstance(params, dict) else None)
    return Refused(reason, str(body.get("message") or ""), field=str(body.get("field") or ""),
                   status=response.status_code, kind=kind, details=details)


def cause_of(exc: requests.RequestException) -> Unreachable:
    """Why a request did not reach the centre, from ``requests``' exception and the
    exceptions it wraps (urllib3's, then the socket's)."""
    if isinstance(exc, requests.exceptions.SSLError):
        return Unreachable.TLS
    if isinstance(exc, requests.exceptions.Timeout):
        return Unreachable.TIMEOUT
    if isinstance(exc, requests.exceptions.InvalidJSONError | requests.exceptions.InvalidURL
                  | requests.exceptions.InvalidSchema | requests.exceptions.MissingSchema):
        return Unreachable.NOT_API
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return Unreachable.REFUSED
        if isinstance(current, TimeoutError):
            return Unreachable.TIMEOUT
        if isinstance(current, ssl.SSLError):
            return Unreachable.TLS
        todo.extend(arg for arg in current.args if isinstance(arg, BaseException))
        for attr in ("reason", "__cause__", "__context__"):
            inner = getattr(current, attr, None)
            if isinstance(inner, BaseException):
                todo.append(inner)
    return Unreachable.NETWORK


def _short(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Caused by ", "] "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return text[:200]


def guarded(call: Callable[[], T], default: T) -> T:
    """``call()``, or ``default`` when the centre cannot be reached."""
    try:
        return call()
    except CentreUnreachable:
        return default
