"""The services a running console uses, built once by main.py (the composition root)."""

from __future__ import annotations

from dataclasses import dataclass

from console.access.service import AccessService
from console.admin.service import AdminService
from console.auth.service import AuthService
from console.catalog.service import CatalogService
from console.clock import Clock
from console.grants.service import GrantService
from console.identity import IdentityProvider
from console.passwords import PasswordHashing
from console.secrets import SecretStore
from console.storage.database import Database


@dataclass(frozen=True)
class Services:
    db: Database
    clock: Clock
    auth: AuthService
    admin: AdminService
    grants: GrantService
    access: AccessService
    catalog: CatalogService
    language: str | None = None  # "zh_CN", "en" or None (choose from config/system locale)
    is_demo: bool = False        # embedded demo database: the login dialog lists demo accounts

    @classmethod
    def build(cls, db: Database, clock: Clock, hashing: PasswordHashing,
              identity: IdentityProvider, *, admin: AdminService | None = None,
              secrets: SecretStore | None = None, language: str | None = None,
              is_demo: bool = False) -> Services:
        return cls(db=db, clock=clock, auth=AuthService(db, clock, hashing, identity),
                   admin=admin or AdminService(db, clock, hashing),
                   grants=GrantService(db, clock), access=AccessService(db, clock),
                   catalog=CatalogService(db, clock, secrets or SecretStore()),
                   language=language, is_demo=is_demo)
