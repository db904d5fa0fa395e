"""Keep camera credentials out of the texts a player shows (state details, diagnostics):
decoder error messages often quote the URL they were given, user:password included."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@'\"]*@")


def scrub_credentials(text: str, secret_url: str, display_url: str) -> str:
    """``text`` with ``secret_url`` replaced by ``display_url``, any other ``scheme://user:
    pass@`` reduced to ``scheme://***@`` and the URL's password itself masked."""
    if secret_url:
        text = text.replace(secret_url, display_url)
    text = _USERINFO.sub(r"\g<scheme>***@", text)
    try:
        parts = urlsplit(secret_url)
        secrets = [parts.password, unquote(parts.password or "")]
    except ValueError:
        secrets = []
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
