"""Pure helpers for the WordPress REST API: URLs, discovery headers, and post validation.

Kept free of Scrapy and SQL so they can be tested directly and reused by any client.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urljoin

from digest.clock import STAMP, shift

__all__ = ["BadResponse", "api_link", "parse_posts", "parse_time", "route_url", "shift"]

API_REL = "https://api.w.org/"
PER_PAGE = 100
# What the store keeps; asking only for these keeps incremental crawls small.
FIELDS = "id,type,link,slug,date_gmt,modified_gmt,title,content,excerpt,categories,tags"


class BadResponse(ValueError):
    """The API answered with something that is not what WordPress sends."""


def api_link(link_header: str, base: str) -> str | None:
    """The API root advertised by `Link: <...>; rel="https://api.w.org/"`, if any."""
    for part in link_header.split(","):
        match = re.match(r"\s*<([^>]*)>\s*;(.*)", part)
        if match and re.search(r'rel\s*=\s*"?' + re.escape(API_REL) + r'"?', match.group(2)):
            return urljoin(base, match.group(1).strip())
    return None


def route_url(api_root: str, route: str, params: dict[str, Any] | None = None) -> str:
    """URL of `route` (e.g. "wp/v2/posts") under an API root, pretty or `?rest_route=`."""
    query = urlencode(params or {})
    if "rest_route=" in api_root:
        base = api_root.split("?", 1)[0]
        url = f"{base}?rest_route=/{route}"
        return f"{url}&{query}" if query else url
    if not api_root.endswith("/"):
        api_root += "/"
    return f"{api_root}{route}" + (f"?{query}" if query else "")


def parse_time(value: Any, what: str) -> str:
    """Validate a WordPress GMT timestamp and return it as YYYY-MM-DDTHH:MM:SS."""
    if not isinstance(value, str):
        raise BadResponse(f"{what} is not a date-time: {value!r}")
    text = value.strip().replace(" ", "T")
    if text.endswith("Z"):
        text = text[:-1]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise BadResponse(f"{what} is not a date-time: {value!r}") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed.strftime(STAMP)


def _rendered(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if isinstance(value, dict):
        value = value.get("rendered")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadResponse(f"post {obj.get('id')}: {key} is not text")
    return value


def _ids(obj: dict[str, Any], key: str) -> list[int]:
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
        raise BadResponse(f"post {obj.get('id')}: {key} is not a list of term IDs")
    return value


def parse_post(obj: Any, post_type: str) -> dict[str, Any]:
    """Turn one REST post object into the store's shape, or raise BadResponse."""
    if not isinstance(obj, dict):
        raise BadResponse(f"expected a post object, got {type(obj).__name__}")
    post_id = obj.get("id")
    if not isinstance(post_id, int) or isinstance(post_id, bool) or post_id <= 0:
        raise BadResponse(f"post has no valid id: {post_id!r}")
    history = (obj.get("_links") or {}).get("version-history") or [{}]
    count = history[0].get("count") if isinstance(history[0], dict) else None
    return {
        "post_id": post_id,
        "post_type": post_type,
        "title": _rendered(obj, "title"),
        "content": _rendered(obj, "content"),
        "excerpt": _rendered(obj, "excerpt"),
        "link": obj.get("link") if isinstance(obj.get("link"), str) else None,
        "slug": obj.get("slug") if isinstance(obj.get("slug"), str) else None,
        "date_gmt": parse_time(obj.get("date_gmt"), f"post {post_id}: date_gmt"),
        "modified_gmt": parse_time(obj.get("modified_gmt"), f"post {post_id}: modified_gmt"),
        "categories": _ids(obj, "categories"),
        "tags": _ids(obj, "tags"),
        "version_count": count if isinstance(count, int) else None,
    }


def parse_posts(data: Any, post_type: str) -> list[dict[str, Any]]:
    if not isinstance(data, list):
        raise BadResponse(f"expected a JSON list of posts, got {type(data).__name__}")
    return [parse_post(obj, post_type) for obj in data]
