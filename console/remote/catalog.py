"""Catalogue import and export through the centre (R4): the files travel, the centre checks,
writes and registers; an export comes back as the file's bytes (never a credential)."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from pathlib import Path

from console.catalog.errors import CatalogFileError
from console.catalog.summary import ExportSummary, ImportSummary, SyncSummary
from console.files import write_private
from console.remote.client import CentreClient, parse

SYNC_TIMEOUT_S = 600.0        # the centre reads the whole platform (10 s per slow request)


class RemoteCatalog:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def import_files(self, session_id: str, paths: Sequence[Path], *,
                     dry_run: bool = False) -> ImportSummary:
        files = []
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CatalogFileError(path.name, f"cannot be read: {exc.strerror}") from None
            files.append({"name": path.name,
                          "content_base64": base64.b64encode(data).decode("ascii")})
        answer = self._client.post("/catalog/import", session=session_id,
                                   json={"files": files, "dry_run": dry_run}, timeout=300)
        return parse(ImportSummary, answer)

    def sync(self, session_id: str, *, dry_run: bool = False) -> SyncSummary:
        """The centre synchronises its catalogue from the city platform now (all or
        nothing; ``dry_run``: says what it would change), as ``main.py catalog sync``."""
        answer = self._client.post("/catalog/sync", session=session_id,
                                   json={"dry_run": dry_run}, timeout=SYNC_TIMEOUT_S)
        return parse(SyncSummary, answer)

    def export(self, session_id: str, path: Path, kind: str | None = None) -> ExportSummary:
        params = {"name": path.name, **({"kind": kind} if kind else {})}
        response = self._client.call("GET", "/catalog/export", session=session_id,
                                     params=params, raw=True, timeout=300)
        try:
            write_private(path, response.content, 0o644)
        except OSError as exc:
            raise CatalogFileError(path.name, f"cannot be written: {exc.strerror}") from None
        rows = response.headers.get("X-Export-Rows", "{}")
        return ExportSummary(path.name, {str(k): int(v) for k, v in json.loads(rows).items()})
