"""Query strings that say only what an endpoint understands: a parameter it does not know
(``?actr=lisi`` for ``actor``) is refused with 400 naming it, rather than ignored — a filter
mistyped must not quietly answer with everything."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from console.api.errors import Refused
from console.codes import Reason


def only_query(*names: str) -> Callable[[Request], None]:
    """A dependency refusing any query parameter but ``names``."""
    known = frozenset(names)

    def check(request: Request) -> None:
        for name in request.query_params:
            if name not in known:
                raise Refused(Reason.INVALID_INPUT, "not a parameter of this request",
                              field=name[:40] or "query")

    return check
