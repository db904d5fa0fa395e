"""The access service: what a logged-in person may see, and the usage register of every view.

One path for each command: check the live session and the right (console/grants/rules.py),
act, and audit — refusals included (R6, R11). ``recheck`` is how a running console learns
that a view it shows is no longer permitted (grant revoked or expired, camera's share type
changed, user's unit changed); it audits the forced close.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from console.access.model import (
    CameraDetails,
    CameraEntry,
    GatewayVerdict,
    PermittedCatalogue,
    SessionGone,
    ViewClosed,
    ViewRefused,
    ViewResult,
    ViewTicket,
)
from console.access.open_views import (
    add_view,
    close_view,
    expired_leases,
    lease_length,
    renew,
    ticket_of,
    view_of_session,
)
from console.access.stamps import STAMP_TTL, Stamper
from console.audit.writer import Actor, AuditTrail
from console.auth.service import (
    actor_for_session,
    live_session,
    live_session_facts,
    session_facts,
)
from console.catalog.credentials import load_camera_credentials, with_credentials
from console.clock import Clock
from console.codes import Action, Outcome, Reason, Right, ShareType
from console.gateway.routes import GatewayRoutes, ViewAddress
from console.gc_pause import collector_paused
from console.grants.rules import (
    CameraFacts,
    Decision,
    GrantFacts,
    Rights,
    Viewer,
    decide,
    permitted,
    state_at,
)
from console.grants.service import grant_facts, grants_of
from console.live.state import StreamKind, StreamSource
from console.platforms.streams import PLATFORM_STREAM_PREFIX
from console.privacy.service import masks_in
from console.secrets import SecretStorage, SecretStore, redact_url
from console.settings_store import (
    access_revision,
    access_state,
    database_key,
    kept_access_state,
    load_policy,
    peek_access_state,
)
from console.storage.database import Database
from console.storage.models import (
    AuditRecord,
    Camera,
    CameraGroupMember,
    ConsoleSession,
    Grant,
    OpenView,
    Project,
    Region,
    Unit,
    User,
)
from console.wall.outputs import OUTPUT_PREFIX, WALL_ROLES

log = logging.getLogger(__name__)

# how long a registered stream refusal stays the reason a tile is given (stream_refusal)
REFUSAL_FRESH = timedelta(seconds=60)


class AccessService:
    def __init__(self, db: Database, clock: Clock, secrets: SecretStorage | None = None, *,
                 stamper: Stamper | None = None,
                 gateway: GatewayRoutes | None = None) -> None:
        self._db = db
        # the media gateway the views' streams go through; None: the terminal is handed the
        # camera's own address and credentials (the direct path, ``direct_camera_streams``)
        self.gateway = gateway
        # a platform camera's stream (wvp://DEVICE/CHANNEL) as the RTSP address its media
        # server gives now (PlatformSyncService.play_url; set by the Centre); raises an
        # exception with a ``reason`` when the platform refuses or cannot be reached
        self.platform_streams: Callable[[str], str] | None = None
        # play/stop for such a stream once no gateway node pulls it (set by the Centre)
        self.platform_release: Callable[[str], None] | None = None
        self._codec_told: set[str] = set()    # views registered as UNSUPPORTED_CODEC
        self._clock = clock
        self._secrets = secrets or SecretStore()
        self._audit = AuditTrail(clock)
        self._stamper = stamper or Stamper.from_key_file(None)
        self._db_key = db.engine.url.render_as_string(hide_password=True)
        self._kept_revision: tuple[str, str] | None = None
        # gateway_valid's answers: view -> (access state revision, valid until)
        self._gateway_kept: dict[str, tuple[str, datetime | None]] = {}

    # -- the access state revision (what a recheck stamp is checked against) -------------------

    def kept_state(self) -> str:
        """The access state revision, read at most once a second (console/settings_store.py)."""
        return kept_access_state(self._db_key, self._read_state)

    def peek_state(self) -> str | None:
        """The revision read less than a second ago, or None: without touching the database
        (the event loop's answer to a stamped recheck)."""
        return peek_access_state(self._db_key)

    def _read_state(self) -> str:
        with self._db.read() as s:
            return access_state(s)

    def stamp_honoured(self, session_id: str, view_ids: list[str], stamp: str | None,
                       revision: str) -> bool:
        """Whether ``stamp`` answers a recheck of ``view_ids`` at ``revision``: nothing
        changed that could close one of them (console/access/stamps.py)."""
        return self._stamper.honoured(stamp, session_id, view_ids, revision, self._clock.now())

    # -- the permitted catalogue ---------------------------------------------------------------

    def revision(self) -> str:
        with self._db.read() as s:
            state = access_state(s)         # first: the revision is never older than it
            revision = access_revision(s)
        self._kept_revision = (state, revision)
        return revision

    def peek_revision(self) -> str | None:
        """The catalogue revision last read, if the access state revision this process read
        less than a second ago is still the one it was read under (every catalogue change
        makes a new access state too); else None. No database: every console asks for it
        every 2 s (console/views/permission_watch.py)."""
        state, kept = self.peek_state(), self._kept_revision
        return kept[1] if state is not None and kept is not None and kept[0] == state else None

    def snapshot(self, session_id: str) -> PermittedCatalogue:
        now = self._clock.now()
        with collector_paused(), self._db.transaction() as s:
            row = _session(s, session_id)
            viewer = Viewer(row.user_id, row.user.unit_id)
            revision = access_revision(s)
            grants = [grant_facts(g) for g in grants_of(s, viewer.user_id, viewer.unit_id)
                      if g.revoked_at is None and g.valid_to > now]
            units = {u.id: (u.code, u.name) for u in s.execute(
                select(Unit.id, Unit.code, Unit.name))}
            # Core execution: the ORM's row processing would double the load time.
            rows = s.connection().execute(_CATALOGUE_QUERY).all()
            members: dict[int, list[int]] = {}
            if any(g.scope_kind == "group" for g in grants):
                for group_id, camera_id in s.execute(
                        select(CameraGroupMember.group_id, CameraGroupMember.camera_id)):
                    members.setdefault(group_id, []).append(camera_id)
            regions = dict(s.execute(select(Region.code, Region.name)).all())
            return self._build(rows, units, regions, viewer, grants, members, now, revision)

    def whole_catalogue(self) -> PermittedCatalogue:
        """Every camera, with no right on any: what a grant's cameras are picked from (the
        grant dialogs; the route checks the role). Share type and owner unit are there so
        the dialog can say what an ordinary grant cannot open."""
        now = self._clock.now()
        with collector_paused(), self._db.transaction() as s:
            revision = access_revision(s)
            units = {u.id: (u.code, u.name) for u in s.execute(
                select(Unit.id, Unit.code, Unit.name))}
            rows = s.connection().execute(_CATALOGUE_QUERY).all()
            regions = dict(s.execute(select(Region.code, Region.name)).all())
        share = _SHARE_TYPES
        entries = [CameraEntry(
            id=r[0], code=r[1], name=r[2], location=r[3], region_code=r[4], category=r[5],
            camera_type=r[6], ptz_capable=r[7], home_preset=r[8], owner_unit_code=units[r[9]][0],
            owner_unit_name=units[r[9]][1], share_type=share[r[10]], online=r[11],
            rights=Rights.NONE, until={}) for r in rows]
        return PermittedCatalogue(entries=entries, region_names=regions, built_at=now,
                                  next_change=None, revision=revision)

    @staticmethod
    def _build(rows: Sequence[Any], units: dict[int, tuple[str, str]],
               regions: dict[str, str], viewer: Viewer,
               grants: list[GrantFacts], members: dict[int, list[int]], now: datetime,
               revision: str) -> PermittedCatalogue:
        share = _SHARE_TYPES
        facts = [CameraFacts(r[0], share[r[10]], r[9], r[4]) for r in rows]
        held = permitted(facts, viewer, grants, now, members=members)
        entries = []
        base_until: dict[Right, datetime | None] = {Right.LIVE: None}
        for r in rows:
            access = held.get(r[0])
            if access is None:
                continue
            if access.grants:
                live_grant = access.grant_for(Right.LIVE)
                until = {right: access.until(right) for right in access.rights.names()}
            else:
                live_grant, until = None, base_until
            needs_purpose = live_grant is not None and Rights.LIVE not in access.base
            unit_code, unit_name = units[r[9]]
            entries.append(CameraEntry(
                id=r[0], code=r[1], name=r[2], location=r[3], region_code=r[4], category=r[5],
                camera_type=r[6], ptz_capable=r[7], home_preset=r[8], owner_unit_code=unit_code,
                owner_unit_name=unit_name, share_type=share[r[10]], online=r[11],
                rights=access.rights, until=until,
                purpose=live_grant.purpose if live_grant is not None else "",
                needs_purpose=needs_purpose))
        return PermittedCatalogue(entries=entries, region_names=regions, built_at=now,
                                  next_change=_next_change(grants, now), revision=revision)

    def details(self, session_id: str, entry: CameraEntry) -> CameraEntry:
        """The entry with its details filled in (maintainer, contact, project, legal basis,
        position, last seen, warranty), read now. Only for a camera the session may see."""
        details = self.camera_details(session_id, entry.id)
        return entry if details is None else details.applied_to(entry)

    def may_see(self, session_id: str, code: str) -> bool:
        """Whether the session holds any right on camera ``code`` now (unknown: False)."""
        now = self._clock.now()
        with self._db.transaction() as s:
            session = _session(s, session_id)
            camera = s.execute(select(Camera).where(Camera.code == code)).scalar_one_or_none()
            viewer = Viewer(session.user_id, session.user.unit_id)
            return camera is not None and any(
                self._decide(s, viewer, camera, right, now).allowed for right in Right)

    def camera_details(self, session_id: str, camera_id: int) -> CameraDetails | None:
        """The details of one camera the session may see (None: unknown or no longer
        permitted — the next recheck or reload removes it from the tree)."""
        now = self._clock.now()
        with self._db.transaction() as s:
            session = _session(s, session_id)
            row = s.execute(
                select(Camera, Project.name).outerjoin(Project, Project.id == Camera.project_id)
                .where(Camera.id == camera_id)).first()
            if row is None:
                return None
            camera, project = row
            viewer = Viewer(session.user_id, session.user.unit_id)
            if not any(self._decide(s, viewer, camera, right, now).allowed for right in Right):
                return None
            return CameraDetails(maintainer=camera.maintainer, contact=camera.contact,
                                 project=project or "", legal_basis=camera.legal_basis,
                                 longitude=camera.longitude, latitude=camera.latitude,
                                 last_seen=camera.last_seen, warranty_end=camera.warranty_end,
                                 online=camera.online)

    # -- views (the usage register) ------------------------------------------------------------

    def open_view(self, session_id: str, code: str, purpose: str, *,
                  right: Right = Right.LIVE, output: str = "desk",
                  stream: StreamKind | None = None) -> ViewResult:
        """Open a view (checked, registered with its purpose). With ``stream``, the view's
        stream of that kind too, in the same transaction and registered as ``stream_source``
        registers it (VIEW_OPEN, then VIEW_STREAM), and the privacy masks this person must
        see over it (``masks``): one request instead of two for a tile.
        A view whose stream cannot be handed out (no address) is still opened, without it:
        ``stream_source`` then says why."""
        purpose = " ".join(purpose.split())[:300]
        with self._db.transaction() as s:
            row = live_session_facts(s, session_id)    # plain facts: no ORM objects
            if row is None:
                return ViewResult(False, Reason.SESSION_ENDED)
            actor, now = row.actor(), self._clock.now()
            camera = s.connection().execute(_CAMERA_BY_CODE, {"code": code}).first()
            params: dict[str, Any] = {"right": str(right), "output": output, "purpose": purpose}
            if camera is None:
                return self._refuse(s, actor, code, Reason.UNKNOWN_CAMERA, params)
            params["name"] = camera.name
            if row.locked_at is not None:
                return self._refuse(s, actor, code, Reason.SESSION_LOCKED, params)
            if output.startswith(OUTPUT_PREFIX) and row.role not in WALL_ROLES:
                return self._refuse(s, actor, code, Reason.NOT_PERMITTED, params)
            decision = self._decide(s, Viewer(row.user_id, row.unit_id), camera, right, now)
            if not decision.allowed:
                return self._refuse(s, actor, code, decision.reason, params)
            grant = decision.grant
            if grant is not None and not purpose:
                return self._refuse(s, actor, code, Reason.PURPOSE_REQUIRED, params)
            ticket = ViewTicket(
                id=uuid.uuid4().hex[:12], camera_id=camera.id, camera_code=camera.code,
                camera_name=camera.name, right=right, purpose=purpose, output=output,
                grant_id=grant.id if grant else None, until=decision.until, opened_at=now)
            params.update(view=ticket.id, grant=ticket.grant_id,
                          basis="grant" if grant else _basis(camera, row.unit_id))
            if grant is not None:
                params.update(approver=grant.approver, reference=grant.reference,
                              emergency=grant.emergency, until=grant.valid_to.isoformat())
            chosen = _stream_url(camera, stream, self.gateway is not None) \
                if stream is not None else None
            view = add_view(s, row.id, ticket, now + self._lease(s),
                            stream=chosen[0] if chosen is not None else None)
            self._audit.append(s, actor, Action.VIEW_OPEN, target=camera.code, params=params)
            if chosen is None:
                return ViewResult(True, Reason.OK, ticket)
            streamed = self._register_stream(s, row.id, row.ip, actor, view, camera, *chosen)
            masks = masks_in(s, row.role, camera.id)
        return ViewResult(True, Reason.OK, ticket, stream=self._source(streamed), masks=masks)

    def close_view(self, session_id: str, ticket: ViewTicket,
                   reason: Reason = Reason.VIEW_CLOSED, *, stream: StreamKind | None = None,
                   ) -> None:
        """Close a view of this session (registered once; a view the centre closed already,
        e.g. its lease ran out, stays as it was closed)."""
        with self._db.transaction() as s:
            row = session_facts(s, session_id)     # plain facts (ended or not)
            view = view_of_session(s, session_id, ticket.id)
            if row is None or view is None:
                return
            close_view(s, self._audit, row.actor(), view, reason, self._clock.now(), stream)

    def stream_source(self, session_id: str, ticket: ViewTicket,
                      kind: StreamKind) -> StreamSource:
        """The address to play for an open view, with the camera's credentials from the
        centre's secret store; registered (R11) as the stream the view now shows.

        Only for a live, unlocked session and an open view of that session whose right still
        holds: the view is read back from the centre's own record, never from the ticket. A
        camera without a sub stream plays its main stream (and the other way round); the
        source says which one it is.
        """
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                raise SessionGone(Reason.SESSION_ENDED)
            if row.locked_at is not None:
                raise ViewRefused(Reason.SESSION_LOCKED)
            view = view_of_session(s, session_id, ticket.id)
            if view is None:
                raise ViewRefused(Reason.VIEW_UNKNOWN)
            if view.closed_at is not None:
                raise ViewRefused(Reason(view.close_reason or Reason.VIEW_CLOSED))
            camera = s.get(Camera, view.camera_id)
            if camera is None:
                raise ViewRefused(Reason.UNKNOWN_CAMERA)
            now = self._clock.now()
            decision = self._decide(s, Viewer(row.user_id, row.user.unit_id), camera,
                                    Right(view.right), now)
            if not decision.allowed:
                raise ViewRefused(decision.reason)
            chosen = _stream_url(camera, kind, self.gateway is not None)
            if chosen is None:
                raise ViewRefused(Reason.NO_STREAM)   # a platform camera needs the gateway
            self._audit.lock(s)     # before the view's row (see open_views.close_view)
            view.stream = str(chosen[0])
            view.lease_until = now + self._lease(s)
            streamed = self._register_stream(s, row.id, row.ip, actor_for_session(row), view,
                                             camera, *chosen)
        return self._source(streamed)

    def _register_stream(self, s: Session, session_id: str, ip: str, actor: Actor,
                         view: OpenView, camera: CameraRow, kind: StreamKind, url: str,
                         ) -> _Streamed:
        """Register (R11) that ``view`` now shows ``camera``'s ``url`` (its ``kind`` stream);
        the view's row says so already. The chain head is locked before (or here)."""
        params = {"view": view.id, "stream": str(kind), "output": view.output,
                  "url": redact_url(url)}
        relayed = None
        if self.gateway is not None:
            relayed = self.gateway.address(view.id, session_id, ip, camera.id, str(kind))
            params["via"] = relayed.display_url
        self._audit.append(s, actor, Action.VIEW_STREAM, target=camera.code, params=params)
        return _Streamed(camera.code, kind, url, camera.has_credentials, relayed)

    def _source(self, streamed: _Streamed) -> StreamSource:
        """What the terminal plays (after the transaction: the secret store is no part of
        it)."""
        code, kind, url = streamed.code, streamed.kind, streamed.url
        if streamed.relayed is not None:
            # the view's own address at its gateway node, with credentials bound to this
            # view, session and terminal address: never the camera's address or credentials
            return StreamSource(camera_code=code, kind=kind, url=streamed.relayed.url,
                                display_url=streamed.relayed.display_url)
        # only a camera imported with credentials reads the secret store
        credentials = load_camera_credentials(self._secrets, code) \
            if streamed.needs_credentials else None
        return StreamSource(camera_code=code, kind=kind,
                            url=with_credentials(url, credentials),
                            display_url=redact_url(url))

    # -- the media gateway's questions (console/server/gateway_link.py) -------------------------

    def gateway_check(self, view_id: str, token: str, ip: str, camera_id: int, kind: str,
                      node: str = "") -> GatewayVerdict:
        """Whether a gateway node may relay ``camera_id`` to a client at ``ip`` presenting
        the credentials of ``view_id``; if so, the camera's upstream address and credentials
        (for the node only). Refusals are registered (a URL reused elsewhere, a closed
        view)."""
        if self.gateway is None or kind not in (StreamKind.MAIN, StreamKind.SUB):
            return GatewayVerdict(False, Reason.NOT_PERMITTED)
        with self._db.transaction() as s:
            view = s.get(OpenView, view_id)
            row = s.get(ConsoleSession, view.session_id) if view is not None else None
            if view is None or row is None:
                return GatewayVerdict(False, Reason.VIEW_UNKNOWN)
            actor, now = actor_for_session(row), self._clock.now()
            reason = self._gateway_refusal(s, view, row, token, ip, camera_id, kind, now,
                                           node)
            camera = s.get(Camera, view.camera_id)
            if reason is None and camera is not None:
                url = camera.main_stream if kind == StreamKind.MAIN else camera.sub_stream
                if not url:
                    reason = Reason.NO_STREAM
            if reason is not None or camera is None:
                reason = reason or Reason.UNKNOWN_CAMERA
                self._audit.append(s, actor, Action.VIEW_STREAM, target=view.camera_code,
                                   outcome=Outcome.DENIED, reason=reason,
                                   params={"view": view.id, "stream": kind, "ip": ip,
                                           "gateway": node[:40]})
                return GatewayVerdict(False, reason)
            code, needs_credentials = camera.code, camera.has_credentials
        if url.startswith(PLATFORM_STREAM_PREFIX):
            # asked of the platform outside any transaction: play/start can take 10 s
            try:
                if self.platform_streams is None:
                    raise ViewRefused(Reason.PLATFORM_NOT_CONFIGURED)
                url = self.platform_streams(url)
            except (ViewRefused, ValueError, RuntimeError) as exc:  # WvpError, CatalogError
                reason = Reason(getattr(exc, "reason", None) or Reason.PLATFORM_ERROR)
                with self._db.transaction() as s:
                    self._audit.append(s, actor, Action.VIEW_STREAM, target=code,
                                       outcome=Outcome.DENIED, reason=reason,
                                       params={"view": view_id, "stream": kind, "ip": ip,
                                               "gateway": node[:40]})
                return GatewayVerdict(False, reason)
            needs_credentials = False        # the platform's media server: no camera login
        credentials = load_camera_credentials(self._secrets, code) if needs_credentials \
            else None
        return GatewayVerdict(True, Reason.OK, url,
                              credentials.user if credentials else "",
                              credentials.password if credentials else "")

    def _gateway_refusal(self, s: Session, view: OpenView, row: ConsoleSession, token: str,
                         ip: str, camera_id: int, kind: str, now: datetime,
                         node: str) -> Reason | None:
        gateway = self.gateway
        if gateway is None:
            return Reason.NOT_PERMITTED
        if not gateway.verify(token, view.id, row.id, ip, camera_id, kind, node or None):
            if gateway.verify(token, view.id, row.id, row.ip, camera_id, kind, node or None):
                return Reason.WRONG_SOURCE_IP       # a copied URL, from another machine
            return Reason.NOT_AUTHENTICATED         # not the view's, or at another node
        return self._view_gone(s, view, row, now)[0]

    def _view_gone(self, s: Session, view: OpenView, row: ConsoleSession,
                   now: datetime, facts: dict[int, Any] | None = None,
                   ) -> tuple[Reason | None, datetime | None]:
        """Why an open view may no longer be shown (None: it may), and until when that
        answer holds by time alone (the lease, the grant's end, the viewer's next grant
        change; None: not by time)."""
        if view.closed_at is not None:
            return Reason(view.close_reason or Reason.VIEW_CLOSED), None
        if row.ended_at is not None:
            return Reason(row.end_reason or Reason.SESSION_ENDED), None
        if row.locked_at is not None:
            return Reason.SESSION_LOCKED, None
        if view.lease_until < now:
            return Reason.VIEW_LEASE_LOST, None
        if facts is None:
            facts = _many_facts(s, row, {view.camera_id})
        found = facts.get(view.camera_id)
        if found is None:
            return Reason.UNKNOWN_CAMERA, None
        decision = decide(found[0], found[1], Right(view.right), found[2], now)
        if not decision.allowed:
            return decision.reason, None
        moments = [m for m in (view.until, decision.until, _next_change(found[2], now))
                   if m is not None]
        return None, min(moments) if moments else None

    def gateway_valid(self, view_ids: list[str]) -> tuple[list[str], dict[str, str]]:
        """Which of a gateway node's views may still be shown (every half second per node):
        closed, session ended or locked, lease lost, right gone (a revoked grant counts at
        once, before any job closes the view). The others, with why.

        Two statements while nothing changed: the access state revision (every change of a
        grant, camera, group, user, binding, terminal or session state makes a new one) and
        the views' own rows (closed, lease); a view found valid under the same revision, and
        not past the moment its answer holds until, is not decided again."""
        valid: list[str] = []
        gone: dict[str, str] = {}
        ids = sorted(set(view_ids))[:2000]
        full: list[OpenView] = []
        with self._db.read() as s:
            revision = access_state(s)      # first: whatever is read after is as new
            now = self._clock.now()
            views = s.execute(select(OpenView).where(OpenView.id.in_(ids))).scalars().all()
            kept = self._gateway_kept
            for view in views:
                if view.closed_at is not None:
                    gone[view.id] = str(Reason(view.close_reason or Reason.VIEW_CLOSED))
                elif view.lease_until < now:
                    gone[view.id] = str(Reason.VIEW_LEASE_LOST)
                elif (known := kept.get(view.id)) is not None and known[0] == revision \
                        and (known[1] is None or now < known[1]):
                    valid.append(view.id)
                else:
                    full.append(view)
            by_session: dict[str, list[OpenView]] = {}
            for view in full:
                by_session.setdefault(view.session_id, []).append(view)
            for session_id, mine in by_session.items():
                row = s.get(ConsoleSession, session_id)
                if row is None:
                    continue
                facts = _many_facts(s, row, {v.camera_id for v in mine}) \
                    if row.ended_at is None else {}
                for view in mine:
                    reason, until = self._view_gone(s, view, row, now, facts)
                    if reason is None:
                        valid.append(view.id)
                        kept[view.id] = (revision, until)
                    else:
                        gone[view.id] = str(reason)
        for view_id in ids:
            if view_id not in valid and view_id not in gone:
                gone[view_id] = str(Reason.VIEW_UNKNOWN)
        for view_id in gone:
            self._gateway_kept.pop(view_id, None)
        if len(self._gateway_kept) > 100_000:       # views of nodes that went away
            self._gateway_kept.clear()
        return valid, gone

    def gateway_upstream(self, event: str, camera_id: int, kind: str, views: list[str],
                         codec: str = "", node: str = "") -> None:
        """What a gateway node says about a camera's pull. ``unsupported_codec``: the
        camera sends a codec the gateway does not relay (it relays H.264 and H.265 without
        transcoding); each waiting view's refusal is registered once with that reason, so
        its tile can say so (``stream_refusal``). ``released``: the node ended the pull
        (the last viewer left ``linger`` s ago); a platform camera's stream is stopped on
        the platform (play/stop)."""
        if kind not in (StreamKind.MAIN, StreamKind.SUB):
            return
        with self._db.transaction() as s:
            camera = s.get(Camera, camera_id)
            if camera is None:
                return
            url = camera.main_stream if kind == StreamKind.MAIN else camera.sub_stream
            if event == "unsupported_codec":
                for view_id in views[:100]:
                    view = s.get(OpenView, view_id)
                    if view is None or view.camera_id != camera_id \
                            or view.closed_at is not None or view_id in self._codec_told:
                        continue
                    row = s.get(ConsoleSession, view.session_id)
                    if row is None:
                        continue
                    self._codec_told.add(view_id)
                    self._audit.append(s, actor_for_session(row), Action.VIEW_STREAM,
                                       target=camera.code, outcome=Outcome.DENIED,
                                       reason=Reason.UNSUPPORTED_CODEC,
                                       params={"view": view_id, "stream": kind,
                                               "codec": codec[:40], "gateway": node[:40]})
                if len(self._codec_told) > 100_000:
                    self._codec_told.clear()
        if event == "released" and url and url.startswith(PLATFORM_STREAM_PREFIX) \
                and self.platform_release is not None:
            try:
                self.platform_release(url)
            except (ValueError, RuntimeError, OSError) as exc:  # WvpError, CatalogError
                log.info("play/stop of %s refused: %s", camera_id, exc)

    def stream_refusal(self, session_id: str, ticket: ViewTicket) -> Reason | None:
        """Why the gateway last refused this session's view its stream (the register's
        latest ``VIEW_STREAM`` refusal naming the view: ``PLATFORM_TIMEOUT``,
        ``PLATFORM_UNKNOWN_CHANNEL``, ``GRANT_REVOKED`` …), or None. A player only sees an
        RTSP status; the tile asks this to say what really happened. Only the view's own
        session may ask (another's view reads as unknown). A refusal older than
        ``REFUSAL_FRESH`` is not the reason any more (a view that failed, then played, then
        lost its network is not told the old reason): a lasting refusal is registered again
        at each of the player's attempts, which come at least every 30 s."""
        with self._db.transaction() as s:
            view = s.get(OpenView, ticket.id)
            if view is None or view.session_id != session_id:
                raise ViewRefused(Reason.VIEW_UNKNOWN)
            since = max(view.opened_at, self._clock.now() - REFUSAL_FRESH)
            records = s.execute(
                select(AuditRecord.reason, AuditRecord.params)
                .where(AuditRecord.target == view.camera_code,
                       AuditRecord.action == str(Action.VIEW_STREAM),
                       AuditRecord.outcome == str(Outcome.DENIED),
                       AuditRecord.at >= since)
                .order_by(AuditRecord.seq.desc()).limit(50)).all()
        for reason, params in records:
            if json.loads(params or "{}").get("view") == ticket.id:
                return Reason(reason) if reason in Reason.__members__.values() else None
        return None

    def recheck(self, session_id: str, tickets: list[ViewTicket]) -> list[ViewClosed]:
        """Close (and audit) every open view whose right is gone, renew the lease of the
        others; return those closed — by this recheck or earlier by the centre. (Every
        console sends this every few seconds: the views, their cameras, the cameras' groups
        and the viewer's grants are read once for all views, the leases renewed at once.)"""
        return self.recheck_stamped(session_id, tickets, None)[0]

    def recheck_stamped(self, session_id: str, tickets: list[ViewTicket], stamp: str | None,
                        ) -> tuple[list[ViewClosed], str | None]:
        """``recheck``, answered from ``stamp`` when it is honoured (nothing closed, no view
        read, no lease renewed: the heartbeat renews them); else in full, with a new stamp
        for the views still open (None when the session has ended)."""
        ids = [t.id for t in tickets]
        if stamp is not None and self.stamp_honoured(session_id, ids, stamp, self.kept_state()):
            return [], stamp
        if not tickets:
            return [], None
        with self._db.transaction() as s:
            # the revision first: whatever is read after it is at least as new
            revision = access_state(s)
            now = self._clock.now()
            lease_until = now + self._lease(s)
            moments = _still_permitted(s, session_id, tickets, revision, now)
            if moments is not None:
                # the common case, as plain rows: every view open and still permitted
                renewed = [t.id for t in tickets]
                renew(s, session_id, renewed, lease_until)
        if moments is not None:
            expires = min([now + STAMP_TTL, lease_until, *moments])
            return [], self._stamper.issue(session_id, renewed, revision, expires)
        return self._recheck_rows(session_id, tickets)

    def _recheck_rows(self, session_id: str, tickets: list[ViewTicket],
                      ) -> tuple[list[ViewClosed], str | None]:
        """The full recheck with the ORM rows, when something is to be closed or said."""
        closed: list[ViewClosed] = []
        with self._db.transaction() as s:
            revision = access_state(s)
            row = s.get(ConsoleSession, session_id)
            if row is None:
                return [], None
            actor, now = actor_for_session(row), self._clock.now()
            ended = row.ended_at is not None
            lease_until = now + self._lease(s)
            views = {v.id: v for v in s.execute(select(OpenView).where(
                OpenView.session_id == session_id,
                OpenView.id.in_({t.id for t in tickets}))).scalars()}
            facts = {} if ended else _many_facts(s, row, {
                v.camera_id for v in views.values() if v.closed_at is None})
            renewed: list[str] = []
            # no later than the leases renewed here: a view is closed for a lost lease only
            # after its lease ran out, so the job that closes it need not touch the revision
            expires = min(now + STAMP_TTL, lease_until)
            for ticket in tickets:
                view = views.get(ticket.id)
                if view is None:
                    closed.append(ViewClosed(ticket, Reason.VIEW_UNKNOWN))
                    continue
                if view.closed_at is not None:
                    closed.append(ViewClosed(ticket_of(view),
                                             Reason(view.close_reason or Reason.VIEW_CLOSED)))
                    continue
                if ended:
                    reason = Reason(row.end_reason or Reason.SESSION_ENDED)
                    close_view(s, self._audit, actor, view, reason, now)
                    closed.append(ViewClosed(ticket_of(view), reason))
                    continue
                camera = facts.get(view.camera_id)
                if camera is None:
                    decision = Decision(False, Reason.UNKNOWN_CAMERA)
                else:
                    decision = decide(camera[0], camera[1], Right(view.right), camera[2], now)
                if decision.allowed:
                    renewed.append(view.id)
                    # time alone changes rights: the stamp ends before any grant of the
                    # viewer starts or ends and before the view's own end
                    moments = [m for m in (view.until, decision.until,
                                           _next_change(camera[2], now) if camera else None)
                               if m is not None]
                    expires = min([expires, *moments])
                    continue
                reason, details = decision.reason, {}
                own = s.get(Grant, view.grant_id) if view.grant_id is not None else None
                if own is not None:
                    own_state = state_at(grant_facts(own), now)
                    if own_state != Reason.OK:
                        reason = own_state
                    details = _grant_details(own)
                close_view(s, self._audit, actor, view, reason, now)
                closed.append(ViewClosed(ticket_of(view), reason, details))
            renew(s, session_id, renewed, lease_until)
        if ended or not renewed:
            return closed, None
        return closed, self._stamper.issue(session_id, renewed, revision, expires)

    def renew(self, session_id: str, view_ids: list[str]) -> None:
        """Keep the views a terminal still shows open (its heartbeat)."""
        with self._db.transaction() as s:
            if live_session(s, session_id) is not None:
                renew(s, session_id, view_ids, self._clock.now() + self._lease(s))

    def close_lost_leases(self) -> int:
        """Close the views whose terminal stopped renewing them (the centre's scheduled
        job); each is closed and registered once however many servers run this."""
        now, count = self._clock.now(), 0
        with self._db.transaction() as s:
            for view in expired_leases(s, now):
                session = s.get(ConsoleSession, view.session_id)
                if session is None:
                    continue
                count += close_view(s, self._audit, actor_for_session(session), view,
                                    Reason.VIEW_LEASE_LOST, now)
        return count

    def close_ended_grant_views(self) -> int:
        """Close the views opened on a grant that has ended or was revoked (the centre's
        scheduled job, so that a revocation takes effect even when the terminal is away)."""
        now, count = self._clock.now(), 0
        with self._db.transaction() as s:
            rows = s.execute(select(OpenView, Grant).join(Grant, Grant.id == OpenView.grant_id)
                             .where(OpenView.closed_at.is_(None),
                                    (Grant.revoked_at.is_not(None)) | (Grant.valid_to <= now))
                             ).all()
            for view, grant in sorted(rows, key=lambda pair: pair[0].id):   # id order
                session = s.get(ConsoleSession, view.session_id)
                if session is None:
                    continue
                state = state_at(grant_facts(grant), now)
                count += close_view(s, self._audit, actor_for_session(session), view,
                                    state if state != Reason.OK else Reason.GRANT_EXPIRED, now)
        return count

    def _lease(self, s: Session) -> timedelta:
        return lease_length(load_policy(s).server_grace_seconds)

    # -- helpers -------------------------------------------------------------------------------

    def _decide(self, s: Session, viewer: Viewer, camera: CameraRow, right: Right,
                now: datetime) -> Decision:
        facts, grants = camera_access(s, viewer, camera)
        return decide(facts, viewer, right, grants, now)

    def _refuse(self, s: Session, actor: Actor, code: str, reason: Reason,
                params: dict[str, Any]) -> ViewResult:
        self._audit.append(s, actor, Action.VIEW_OPEN, target=code[:200],
                           outcome=Outcome.DENIED, reason=reason, params=params)
        return ViewResult(False, reason, details={"camera": params.get("name", code)})


class CameraRow(Protocol):
    """What deciding on a camera and handing out its stream reads of it: a ``Camera`` or a
    plain row of those columns (``_CAMERA_BY_CODE``: a view's open)."""

    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def share_type(self) -> str: ...
    @property
    def owner_unit_id(self) -> int: ...
    @property
    def region_code(self) -> str: ...
    @property
    def main_stream(self) -> str | None: ...
    @property
    def sub_stream(self) -> str | None: ...
    @property
    def has_credentials(self) -> bool: ...


# What the tree needs, nothing more (details come one camera at a time).
_CATALOGUE_QUERY = select(
    Camera.id, Camera.code, Camera.name, Camera.location, Camera.region_code,
    Camera.category, Camera.camera_type, Camera.ptz_capable, Camera.home_preset,
    Camera.owner_unit_id, Camera.share_type, Camera.online)


_SHARE_TYPES = {t.value: t for t in ShareType}

# statements built once: each view opened and stream asked for runs them
_CAMERA_BY_CODE = select(Camera.id, Camera.code, Camera.name, Camera.share_type,
                         Camera.owner_unit_id, Camera.region_code, Camera.main_stream,
                         Camera.sub_stream, Camera.has_credentials
                         ).where(Camera.code == bindparam("code"))
_GROUPS_OF = select(CameraGroupMember.group_id).where(
    CameraGroupMember.camera_id == bindparam("camera"))






def access_facts(s: Session, row: ConsoleSession,
                 camera: Camera) -> tuple[CameraFacts, Viewer, list[GrantFacts]]:
    """What the access rules need to decide about one camera for a session's viewer (also
    the PTZ service's priority)."""
    viewer = Viewer(row.user_id, row.user.unit_id)
    facts, grants = camera_access(s, viewer, camera)
    return facts, viewer, grants


def camera_access(s: Session, viewer: Viewer, camera: CameraRow,
                  ) -> tuple[CameraFacts, list[GrantFacts]]:
    """``access_facts`` for a viewer known already."""
    revision = access_state(s)              # before the facts: never newer than them
    facts = cameras_facts(s, {camera.id}, revision).get(camera.id)
    if facts is None:       # (a camera added in this transaction, not yet flushed)
        groups = frozenset(s.execute(_GROUPS_OF, {"camera": camera.id}).scalars())
        facts = CameraFacts(camera.id, ShareType(camera.share_type), camera.owner_unit_id,
                            camera.region_code, groups)
    return facts, viewer_grants(s, viewer, revision)


# What the rules need of each camera, kept by the access state revision it was read under
# (as the viewers' grants below): any change of a camera, a group or a group's members makes
# a new revision in the same transaction, so kept facts are exact while it holds. (Every
# view opened and every full recheck needs them; they change a few times a day.)
_kept_cameras: dict[tuple[str, int], tuple[str, CameraFacts]] = {}
_kept_cameras_lock = threading.Lock()


def cameras_facts(s: Session, camera_ids: set[int], revision: str) -> dict[int, CameraFacts]:
    """The facts of the cameras ``camera_ids`` that exist (``revision``: the access state
    revision this transaction read before)."""
    db = database_key(s)
    found: dict[int, CameraFacts] = {}
    with _kept_cameras_lock:
        for camera_id in camera_ids:
            kept = _kept_cameras.get((db, camera_id))
            if kept is not None and kept[0] == revision:
                found[camera_id] = kept[1]
    missing = sorted(camera_ids - found.keys())
    if not missing:
        return found
    connection = s.connection()
    s.flush()               # (plain statements below: the ORM's changes first, as it would)
    groups: dict[int, set[int]] = {}
    for camera_id, group_id in connection.execute(_GROUPS_OF_MANY, {"ids": missing}):
        groups.setdefault(camera_id, set()).add(group_id)
    read = {c.id: CameraFacts(c.id, ShareType(c.share_type), c.owner_unit_id, c.region_code,
                              frozenset(groups.get(c.id, ())))
            for c in connection.execute(_CAMERA_FACTS, {"ids": missing})}
    with _kept_cameras_lock:
        if len(_kept_cameras) > 100_000:
            _kept_cameras.clear()
        for camera_id, facts in read.items():
            _kept_cameras[(db, camera_id)] = (revision, facts)
    found.update(read)
    return found


# The grants of a viewer, kept by the access state revision they were read under: any change
# of a grant, a user or a unit makes a new revision, so a kept list is exact while it holds
# (one read of the revision instead of the grants as ORM rows, on every view opened, every
# stream asked for and every full recheck).
_kept_grants: dict[tuple[str, int, int], tuple[str, list[GrantFacts]]] = {}
_kept_grants_lock = threading.Lock()


def viewer_grants(s: Session, viewer: Viewer, revision: str | None = None
                  ) -> list[GrantFacts]:
    """Every grant naming the viewer or the viewer's unit (ended ones too), as facts.
    ``revision``: the access state revision this transaction read before (else read here)."""
    if revision is None:
        revision = access_state(s)          # before the grants: never newer than them
    key = (database_key(s), viewer.user_id, viewer.unit_id)
    with _kept_grants_lock:
        kept = _kept_grants.get(key)
    if kept is not None and kept[0] == revision:
        return kept[1]
    grants = [grant_facts(g) for g in grants_of(s, viewer.user_id, viewer.unit_id)]
    with _kept_grants_lock:
        if len(_kept_grants) > 10_000:
            _kept_grants.clear()
        _kept_grants[key] = (revision, grants)
    return grants


def _many_facts(s: Session, row: ConsoleSession, camera_ids: set[int]
                ) -> dict[int, tuple[CameraFacts, Viewer, list[GrantFacts]]]:
    """``access_facts`` for several cameras with one query each for the cameras, their
    groups and the viewer's grants."""
    if not camera_ids:
        return {}
    viewer = Viewer(row.user_id, row.user.unit_id)
    groups: dict[int, set[int]] = {}
    for camera_id, group_id in s.execute(select(
            CameraGroupMember.camera_id, CameraGroupMember.group_id).where(
            CameraGroupMember.camera_id.in_(camera_ids))):
        groups.setdefault(camera_id, set()).add(group_id)
    grants = viewer_grants(s, viewer)
    return {camera.id: (CameraFacts(camera.id, ShareType(camera.share_type),
                                    camera.owner_unit_id, camera.region_code,
                                    frozenset(groups.get(camera.id, ()))), viewer, grants)
            for camera in s.execute(select(Camera).where(Camera.id.in_(camera_ids))).scalars()}


# the full recheck's common case as plain rows (statements built once: every console
# rechecks every 2 s and its stamp ends at least with its views' leases)
_RECHECK_VIEWS = (select(OpenView.id, OpenView.camera_id, OpenView.right, OpenView.until,
                         OpenView.closed_at, ConsoleSession.ended_at, ConsoleSession.user_id,
                         User.unit_id)
                  .join(ConsoleSession, ConsoleSession.id == OpenView.session_id)
                  .join(User, User.id == ConsoleSession.user_id)
                  .where(OpenView.session_id == bindparam("session"),
                         OpenView.id.in_(bindparam("ids", expanding=True))))
_CAMERA_FACTS = (select(Camera.id, Camera.share_type, Camera.owner_unit_id,
                        Camera.region_code)
                 .where(Camera.id.in_(bindparam("ids", expanding=True))))
_GROUPS_OF_MANY = (select(CameraGroupMember.camera_id, CameraGroupMember.group_id)
                   .where(CameraGroupMember.camera_id.in_(bindparam("ids", expanding=True))))


def _still_permitted(s: Session, session_id: str, tickets: list[ViewTicket], revision: str,
                     now: datetime) -> list[datetime] | None:
    """When the session lives and every view of ``tickets`` is its own, open and still
    permitted: the moments before which the answer holds (each view's own end, its right's
    end, the next start or end of one of the viewer's grants). None: something is to be
    closed or said, which the full recheck (with the rows, audited) does. Plain rows: the
    views with their session and person in one statement, the cameras' and the viewer's
    facts as kept under ``revision``."""
    ids = sorted({t.id for t in tickets})
    views = s.connection().execute(_RECHECK_VIEWS, {"session": session_id, "ids": ids}).all()
    if len(views) != len(ids) or any(v.closed_at is not None or v.ended_at is not None
                                     for v in views):
        return None
    cameras = cameras_facts(s, {v.camera_id for v in views}, revision)
    viewer = Viewer(views[0].user_id, views[0].unit_id)
    grants = viewer_grants(s, viewer, revision)
    next_change = _next_change(grants, now)
    moments = [next_change] if next_change is not None else []
    for view in views:
        camera = cameras.get(view.camera_id)
        if camera is None:
            return None
        decision = decide(camera, viewer, Right(view.right), grants, now)
        if not decision.allowed:
            return None
        moments.extend(m for m in (view.until, decision.until) if m is not None)
    return moments


@dataclass(frozen=True, slots=True)
class _Streamed:
    """A stream registered for a view, to be handed out once the transaction is over."""

    code: str
    kind: StreamKind
    url: str
    needs_credentials: bool
    relayed: ViewAddress | None


def _stream_url(camera: CameraRow, kind: StreamKind, gateway: bool
                ) -> tuple[StreamKind, str] | None:
    """The stream of ``camera`` to play for ``kind`` (a camera without a sub stream plays its
    main stream and the other way round), or None: nothing a terminal can play (no address,
    or a platform camera without the gateway)."""
    urls = {StreamKind.MAIN: camera.main_stream, StreamKind.SUB: camera.sub_stream}
    if not urls[kind]:
        kind = StreamKind.MAIN if kind == StreamKind.SUB else StreamKind.SUB
    url = urls[kind]
    if not url or (not gateway and url.startswith(PLATFORM_STREAM_PREFIX)):
        return None
    return kind, url


def _session(s: Session, session_id: str) -> ConsoleSession:
    row = s.get(ConsoleSession, session_id)
    if row is None:
        raise SessionGone(Reason.SESSION_ENDED)
    if row.ended_at is not None:
        raise SessionGone(Reason(row.end_reason or Reason.SESSION_ENDED))
    return row


def _basis(camera: CameraRow, unit_id: int) -> str:
    """Why the viewer of unit ``unit_id`` may see ``camera`` without a grant."""
    return "owner" if camera.owner_unit_id == unit_id else "share_type"


def _grant_details(g: Grant) -> dict[str, Any]:
    return {"grant": g.id, "until": g.valid_to, "revoked_at": g.revoked_at,
            "revoke_reason": g.revoke_reason or "", "emergency": g.emergency}


def _next_change(grants: list[GrantFacts], now: datetime) -> datetime | None:
    moments = [t for g in grants for t in (g.valid_from, g.valid_to) if t > now]
    return min(moments) if moments else None
