"""What the PDF renderer may fetch: nothing by default; with `images = true`, http(s) images
on public addresses only, bounded in size and time.

WeasyPrint follows every `<img>`, stylesheet and nested SVG `<image>` it meets, and would
read `file:` URLs and internal addresses (the machine's own services, a cloud's metadata
endpoint) as readily as public ones. A post's HTML is the site's, so every fetch goes
through here; a refused one is an image left out, never an error.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 10


def public_address(host: str, port: int) -> bool:
    """Whether every address `host` resolves to is a public (global) one."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a).is_global for a in addresses)


def check(url: str) -> None:
    """Raise ValueError unless `url` may be fetched for a rendered page."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not fetched (only http and https): {url[:200]}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if not public_address(parts.hostname, port):
        raise ValueError(f"not fetched (not a public address): {url[:200]}")


def fetcher(images: bool) -> Any:
    """A WeasyPrint URL fetcher: refuses everything, or (images) non-public and big ones."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # heavy: only for a PDF

    class Fetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(
                timeout=TIMEOUT, allowed_protocols={"http", "https"}, allow_redirects=False
            )

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not images:
                raise ValueError(f"not fetched (images are off): {url[:200]}")
            check(url)
            response = super().fetch(url, headers)
            body = response.read(MAX_BYTES + 1) if hasattr(response, "read") else b""
            if len(body) > MAX_BYTES:
                raise ValueError(f"not fetched (larger than {MAX_BYTES} bytes): {url[:200]}")
            return URLFetcherResponse(url, body=body, headers=getattr(response, "headers", None))

    return Fetcher()
