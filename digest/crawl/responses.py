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


class BadJson(ValueError):
    """A body that is not JSON wp-digest can read; the message says why, in words."""


def load_json(body: bytes) -> Any:
    """A response body as JSON, or BadJson naming what is wrong: not UTF-8, not JSON (with
    where), a number too long to convert, or nesting too deep for the parser. The one JSON
    reader for what a site sends: nothing it sends can raise anything else here."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadJson(f"the body is not UTF-8 (byte {e.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BadJson(f"invalid JSON ({e.msg} at byte {e.pos})") from None
    except ValueError as e:  # Python's limit on the digits of an integer
        raise BadJson(f"invalid JSON ({str(e).split(';')[0]})") from None
    except RecursionError:
        raise BadJson("invalid JSON (nested too deeply to read)") from None


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
        data = load_json(response.body)
    except BadJson:
        return None
    return data.get("code") if isinstance(data, dict) else None


def api_index(response: Response) -> dict[str, Any] | None:
    """The REST API's index document, if this response is one (the site URL was the API)."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    return index_document(response.status, content_type, response.body)


def index_document(status: int, content_type: str, body: bytes) -> dict[str, Any] | None:
    """The REST API's index document in an answer (any HTTP client's), or None."""
    if status != 200 or "json" not in content_type:
        return None
    try:
        data = load_json(body)
    except BadJson:
        return None
    if isinstance(data, dict) and ("routes" in data or "namespaces" in data):
        return data
    return None


PAST_END = object()  # a page past the last one (WordPress answers 400 for it)


def page_json(response: Response, page: int) -> Any:
    """A page of the posts collection as JSON, PAST_END, or BadJson saying in one line what
    came instead (an HTTP error, another content type, a body that is not JSON)."""
    status = response.status
    if status == 400 and page > 1 and error_code(response) == "rest_post_invalid_page_number":
        return PAST_END
    if status != 200:
        code = error_code(response)
        detail = f" ({code})" if code else ""
        tries = response.meta.get("retry_times", 0) + 1
        gave_up = response.meta.get("gave_up")
        if gave_up:
            detail += f" ({gave_up})"
        raise BadJson(f"HTTP {status}{detail} from {response.url} after {tries} tries")
    ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    if "json" not in ctype:
        raise BadJson(f"expected JSON, got {ctype or 'no content type'} at {response.url}")
    try:
        return load_json(response.body)
    except BadJson as e:
        raise BadJson(f"{e} at {response.url}") from None
