"""Running a centre server instance from its data directory: the database opened with the
password from the server's own secret store, the services, the API, and the scheduled work
that must happen whether or not any terminal is connected (sessions that stopped beating,
view leases, grant ends, PTZ cameras to send home)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from console.audit.checkpoints import CheckpointSigner
from console.clock import Clock, SystemClock
from console.gateway.routes import GatewayNode
from console.policy import Policy
from console.ptz.connect import job_driver
from console.ptz.sweeper import Sweeper
from console.secrets import SecretError, SecretStorage, database_secret_name
from console.server.audit import checkpoint_job
from console.server.centre import Centre
from console.server.data_dir import DataDir
from console.server.jobs import Job, JobRunner
from console.server.setup import load_keys
from console.settings_store import load_policy
from console.storage.database import Database, parse_database_url

log = logging.getLogger(__name__)

STALE_SESSIONS_S = 5.0
VIEW_LEASES_S = 2.0
GRANT_ENDS_S = 5.0


def open_database(url: str, secrets: SecretStorage) -> Database:
    """The database at ``url``; a PostgreSQL password comes from the server's secrets."""
    parsed = parse_database_url(url)
    password = None
    if parsed.get_backend_name() == "postgresql" and parsed.password is None:
        try:
            password = secrets.get(database_secret_name(parsed.username, parsed.host,
                                                        parsed.port, parsed.database))
        except SecretError as exc:
            raise SecretError(f"database password: {exc}") from None
    return Database(parsed, password=password)


def open_centre(data: DataDir, database_url: str | None = None, *,
                clock: Clock | None = None,
                gateway_nodes: tuple[GatewayNode, ...] | None = None) -> Centre:
    """The centre of ``data``; its views go through ``gateway_nodes`` (default: those of
    server.toml; none: the direct path)."""
    keys = load_keys(data)
    config = data.read_config()
    url = database_url or config.database_url
    secrets = data.secrets()
    nodes = config.nodes() if gateway_nodes is None else gateway_nodes
    return Centre.build(open_database(url, secrets), clock or SystemClock(), secrets, keys.ca,
                        data_dir=data, gateway_nodes=nodes)


def centre_jobs(data: DataDir, centre: Centre, *, diagnosis: bool = True) -> list[Job]:
    """The jobs of a server instance beyond the rules' own: the signed audit checkpoints
    (with the key from the data directory) and, with ``diagnosis``, the automatic video
    diagnosis rounds (their budget is the policy's ``diagnosis_cameras_per_minute``)."""
    signer = CheckpointSigner(load_keys(data).signing)
    jobs = [checkpoint_job(centre.db, centre.clock, signer)]
    if diagnosis:
        jobs.append(diagnosis_job(centre))
    return jobs


DIAGNOSIS_JOB = "video_diagnosis"


def diagnosis_job(centre: Centre) -> Job:
    """A diagnosis round every ``round_s``, claimed like every job (one instance a round);
    the round itself runs on the diagnosis worker thread, never on the job thread."""
    return Job(DIAGNOSIS_JOB, lambda: centre.diagnosis.round_s, centre.diagnosis.start_round)


@dataclass
class CentreWork:
    """The scheduled work of one instance (claimed through the database: done once across
    instances)."""

    centre: Centre
    sweeper: Sweeper
    runner: JobRunner
    extra: list[Job] = field(default_factory=list)
    # The city platform's sync and status poll run in a thread of their own: a slow or
    # large platform (10 s timeouts, thousands of channels) must not hold up view leases,
    # session ends and PTZ sweeps. When no platform is set up each round returns at once.
    platform_runner: JobRunner | None = None

    @classmethod
    def build(cls, centre: Centre, extra: list[Job] | None = None) -> CentreWork:
        sweeper = Sweeper(centre.ptz, job_driver(centre.secrets), centre.instance,
                          picture_check=centre.home_pictures.check)

        def policy() -> Policy:
            with centre.db.read() as s:     # a read: no write transaction (nor its lock)
                return load_policy(s)

        def ptz_interval() -> float:
            return float(policy().ptz_sweep_seconds)

        def grant_ends() -> None:
            centre.grants.note_ended_grants(centre.instance)
            centre.access.close_ended_grant_views()

        jobs = [
            Job("stale_sessions", lambda: STALE_SESSIONS_S, centre.auth.end_stale_sessions,
                settle=lambda: float(policy().session_stale_seconds)),
            Job("view_leases", lambda: VIEW_LEASES_S, centre.access.close_lost_leases,
                settle=lambda: float(policy().server_grace_seconds)),
            Job("grant_ends", lambda: GRANT_ENDS_S, grant_ends),
            Job("ptz_sweep", ptz_interval, sweeper.sweep_once,
                settle=lambda: float(policy().ptz_stale_seconds)),
            *(extra or []),
        ]
        platform_jobs = [
            Job("platform_sync", lambda: 60.0 * policy().platform_sync_minutes,
                lambda: centre.platform.scheduled_sync(centre.instance)),
            Job("platform_status", lambda: float(policy().platform_status_seconds),
                centre.platform.poll_online),
        ]
        return cls(centre, sweeper, JobRunner(centre.db, centre.clock, centre.instance, jobs),
                   platform_runner=JobRunner(centre.db, centre.clock, centre.instance,
                                             platform_jobs, thread_name="centre-platform"))

    def start(self) -> None:
        self.runner.start()
        if self.platform_runner is not None:
            self.platform_runner.start()

    def stop(self) -> None:
        self.runner.stop()
        if self.platform_runner is not None:
            self.platform_runner.stop()
        self.sweeper.stop()
