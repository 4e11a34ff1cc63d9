"""Who may use the editor: whoever opened the address with the token, from this machine.

- Every request needs the token: the address printed at the start carries it
  once (`?token=…`); the answer sets it as a cookie (HttpOnly, SameSite=Strict)
  and sends the browser on to the same page without it.
- The Host header must name the editor itself (no DNS rebinding: a page of
  another site that made its name point at 127.0.0.1 gets nothing).
- A change (anything but GET and HEAD) must come from the editor's own pages:
  its Origin header names the editor's address (no request forged in another tab).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from tornado import web

#: The names this machine always answers to; `--host` adds one.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
#: Headers of every answer: nothing from elsewhere, not framed by other pages.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # "no-referrer" would make the browser send `Origin: null` with the forms.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}
#: Answers that change nothing.
SAFE_METHODS = frozenset({"GET", "HEAD"})


def url_host(host: str) -> str:
    """`host` as it stands in a URL and a Host header: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


@dataclass(frozen=True)
class Guard:
    """The token and the names of one editor server."""

    token: str
    port: int
    names: frozenset[str]

    @classmethod
    def create(cls, host: str, port: int) -> Guard:
        names = frozenset({*LOCAL_HOSTS, url_host(host).lower()})
        return cls(secrets.token_urlsafe(24), port, names)

    @property
    def cookie(self) -> str:
        # Cookies do not tell ports apart: one name per editor port.
        return f"fzgen_editor_{self.port}"

    def host_allowed(self, header: str) -> bool:
        """Whether a Host header names this editor: a known name and its own port."""
        header = header.lower()
        if header.endswith("]") or ":" not in header:
            name, port = header, "80"
        else:
            name, _, port = header.rpartition(":")
        return name in self.names and port == str(self.port)

    def token_matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def origin_allowed(self, origin: str | None, host: str) -> bool:
        """Whether a change comes from the editor's own pages (same scheme, name, port)."""
        return origin is not None and hmac.compare_digest(
            origin.lower().encode(), f"http://{host.lower()}".encode()
        )


class Refusal(Exception):
    """A request the guard refuses: its status and the message key."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def check_request(guard: Guard, handler: web.RequestHandler) -> str | None:
    """Refuse what the guard does not let through (raises Refusal); the address to send
    the browser to when it came with the token in the address, else None."""
    request = handler.request
    if not guard.host_allowed(request.host or ""):
        url = f"http://127.0.0.1:{guard.port}/_editor/"
        raise Refusal(403, "wrong_host", url=url)
    given = handler.get_query_argument("token", None)
    if given is not None and request.method in SAFE_METHODS:
        if not guard.token_matches(given):
            raise Refusal(403, "forbidden_token")
        handler.set_cookie(guard.cookie, guard.token, httponly=True, samesite="Strict", path="/")
        rest = {k: v[-1].decode() for k, v in request.query_arguments.items() if k != "token"}
        return request.path + ("?" + urlencode(rest) if rest else "")
    if not guard.token_matches(handler.get_cookie(guard.cookie)):
        raise Refusal(403, "forbidden_token")
    if request.method not in SAFE_METHODS:
        if not guard.origin_allowed(request.headers.get("Origin"), request.host):
            raise Refusal(403, "forbidden_origin")
        if request.headers.get("Sec-Fetch-Site", "same-origin") not in {"same-origin", "none"}:
            raise Refusal(403, "forbidden_origin")
    return None
