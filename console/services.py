"""The services a running console uses, built once by main.py (the composition root)."""

from __future__ import annotations

from dataclasses import dataclass

from console.admin.service import AdminService
from console.auth.service import AuthService
from console.clock import Clock
from console.storage.database import Database


@dataclass(frozen=True)
class Services:
    db: Database
    clock: Clock
    auth: AuthService
    admin: AdminService
    language: str | None = None  # "zh_CN", "en" or None (choose from config/system locale)
    is_demo: bool = False        # embedded demo database: the login dialog lists demo accounts
