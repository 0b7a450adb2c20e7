"""Reading Scrapy responses and failures from a WordPress site: headers, error codes, clocks.

Helpers of the spider (spiders/wordpress.py) that need Scrapy's types but no spider state.
"""

from __future__ import annotations

import json
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.http import Response
from twisted.python.failure import Failure

from digest import clock
from digest.clock import STAMP
from digest.crawl import wp


def server_time(response: Response) -> str:
    """The server's clock when it answered (its `Date` header), else ours, as a UTC stamp."""
    value = response.headers.get(b"Date")
    try:
        when = parsedate_to_datetime(value.decode("latin-1")) if value else None
    except (TypeError, ValueError):
        when = None
    if when is None:
        return clock.now_utc()
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime(STAMP)


def not_after_now(stamp: str, response: Response) -> str:
    """Keep the cursor a second behind the server's clock.

    A post saved later in the very second the server answered would otherwise sort at or
    before the cursor and never be seen; and a post dated in the future must not carry the
    cursor past posts that are still to come.
    """
    return min(stamp, wp.shift(server_time(response), -1))


def describe(failure: Failure) -> str:
    """A short reason for a download failure, in words rather than exception names."""
    value = failure.value
    text = str(value).strip()
    if "larger than download max size" in text:
        return "the response is larger than max_response_mb allows"
    if "took longer than" in text:
        return "timed out after " + text.split("took longer than ", 1)[1].rstrip(".")
    if "DataLoss" in type(value).__name__ or "DataLoss" in text:
        return "the connection was lost in the middle of the response"
    first = text.splitlines()[0] if text else ""
    return first or type(value).__name__


def is_term(term: dict[str, Any]) -> bool:
    return isinstance(term.get("id"), int) and isinstance(term.get("name"), str)


def int_header(response: Response, name: bytes) -> int | None:
    value = response.headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def error_code(response: Response) -> str | None:
    try:
        data = json.loads(response.body)
    except ValueError:
        return None
    return data.get("code") if isinstance(data, dict) else None


def api_index(response: Response) -> dict[str, Any] | None:
    """The REST API's index document, if this response is one (the site URL was the API)."""
    if response.status != 200 or b"json" not in (response.headers.get(b"Content-Type") or b""):
        return None
    try:
        data = json.loads(response.body)
    except ValueError:
        return None
    if isinstance(data, dict) and ("routes" in data or "namespaces" in data):
        return data
    return None
