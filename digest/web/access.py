"""One line per request, in the Common Log Format web servers write (and log tools read):

    203.0.113.9 - - [01/Dec/2026:22:30:05 +0530] "GET /manage/[token] HTTP/1.1" 200 5120

The capability tokens in confirm, manage and unsubscribe links are replaced by `[token]`
(whoever reads the log must not be able to act as the reader), query strings are left out
(searches are the readers' own business), and nothing a client sent is printed unescaped.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime, tzinfo

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("wp-digest.web.access")
TOKEN_PATH = re.compile(r"^/(confirm|manage|unsubscribe)/[^/]+")
UNSAFE = re.compile(r'[^\x21-\x7e]|["\\]')


def shown_path(path: str) -> str:
    """The path as logged: tokens masked, anything outside printable ASCII escaped."""
    masked = TOKEN_PATH.sub(lambda m: f"/{m.group(1)}/[token]", path)[:512]
    return UNSAFE.sub(lambda m: "".join(f"\\x{b:02x}" for b in m.group().encode()), masked)


class AccessLog:
    """ASGI middleware: after each HTTP response, its Common Log Format line (at INFO on
    `wp-digest.web.access`; `serve` shows it unless -q)."""

    def __init__(self, app: ASGIApp, tz: tzinfo | None = None):
        self.app, self.tz = app, tz  # the configured zone, as the rest of the log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, size = 500, 0  # what is logged if the app fails before it answers

        async def counting(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            log.info("%s", line(scope, status, size, time.time(), self.tz))


def line(scope: Scope, status: int, size: int, when: float, tz: tzinfo | None = None) -> str:
    client = (scope.get("client") or ("-",))[0]
    stamp = datetime.fromtimestamp(when).astimezone(tz).strftime("%d/%b/%Y:%H:%M:%S %z")
    query = "?..." if scope.get("query_string") else ""
    method = UNSAFE.sub("?", scope.get("method", "-"))[:16]
    version = UNSAFE.sub("?", scope.get("http_version", "1.1"))[:8]
    request = f"{method} {shown_path(scope.get('path', ''))}{query} HTTP/{version}"
    return f'{client} - - [{stamp}] "{request}" {status} {size or "-"}'
