"""The site's defences, in one place: security headers, body limits, CSRF, client address.

CSRF is a double-submit token: a random value in a SameSite=Strict, HttpOnly cookie and the
same value in a hidden form field, compared in constant time. The RFC 8058 one-click POST
carries no cookie by design and only unsubscribes, so it is the one form without it.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "wpd_csrf"
CSRF_FIELD = "csrf"
MAX_BODY = 16 * 1024  # bytes: every form here is a few hundred
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "interest-cohort=()",
}


class TooLarge(Exception):
    pass


class Defences:
    """ASGI middleware: security headers on every response; bodies over MAX_BODY refused."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await _plain(send, 413, "Request too large.")
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise TooLarge
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited, with_headers)
        except TooLarge:
            await _plain(send, 413, "Request too large.")


async def _plain(send: Send, status: int, text: str) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text.encode()})


def csrf_token(request: Request) -> str:
    """The token for this browser: its cookie's value, or a new one (set by `remember`)."""
    value = request.cookies.get(CSRF_COOKIE, "")
    return value if len(value) == 43 else secrets.token_urlsafe(32)


def remember(response: Any, token: str, secure: bool) -> None:
    response.set_cookie(
        CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/"
    )


def csrf_ok(request: Request, form: Any) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    field = str(form.get(CSRF_FIELD, ""))
    # Bytes: compare_digest refuses str with characters outside ASCII (a forged field).
    same = hmac.compare_digest(cookie.encode(), field.encode())
    return bool(cookie) and len(cookie) == 43 and same


def client(request: Request) -> str:
    """The client a rate limit counts: its address, or for IPv6 its /64 (one subscriber's
    network hands out a whole /64, so per-address limits would not limit anything).
    uvicorn puts X-Forwarded-For here only from `[web] trusted_proxies`; a value that is not
    an address is one shared client, "invalid"."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "invalid"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def mailbox(email: str) -> str:
    """The mailbox an address delivers to, for the per-mailbox limit: lower-case, without a
    `+tag` (victim+1@ and victim+2@ fill one inbox)."""
    local, _, domain = email.lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"
