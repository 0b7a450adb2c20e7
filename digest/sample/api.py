"""The WordPress REST API's semantics over a dict of posts, for the sample site.

What wp-digest relies on, as WordPress does it: strict `after`/`before`/`modified_after`/
`modified_before` compared in the site's local time (values without an offset are local),
400 past the last page and for per_page > 100, X-WP-Total/X-WP-TotalPages, `_fields`, only
published posts visible, ties in no particular order.
"""

from __future__ import annotations

import math
import random
import re
import threading
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from digest.clock import STAMP as WP_TIME

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")
ORDER_KEYS = {"date": "date", "modified": "modified", "id": "id", "title": "title", "slug": "slug"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "data": {"status": self.status}}


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ApiError(400, "rest_invalid_param", f"Invalid parameter(s): {name}") from None


def _compare(a: str, op: str, b: str) -> bool:
    return a > b if op == ">" else a < b


class RestApi:
    """The collection and term endpoints; the server (digest.sample.site) holds the state."""

    tz: ZoneInfo
    posts: dict[int, dict[str, Any]]
    lock: threading.RLock
    rng: random.Random
    url: Any  # a property of the server that serves it

    def local(self, gmt: str) -> str:
        when = datetime.strptime(gmt, WP_TIME).replace(tzinfo=ZoneInfo("UTC"))
        return when.astimezone(self.tz).strftime(WP_TIME)

    def parse_date(self, value: str, name: str) -> str:
        """rest_parse_date: RFC 3339 date-time; no offset means site-local. Returns local."""
        if not RFC3339.match(value):
            raise ApiError(400, "rest_invalid_param", f"Invalid parameter(s): {name}")
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if when.tzinfo is not None:
            when = when.astimezone(self.tz)
        return when.strftime(WP_TIME)

    def render(self, post: dict[str, Any], fields: list[str] | None) -> dict[str, Any]:
        out = dict(post)
        out["date"] = self.local(post["date_gmt"])
        out["modified"] = self.local(post["modified_gmt"])
        for key in ("title", "content", "excerpt"):
            value = out.get(key)
            if isinstance(value, str):
                out[key] = {"rendered": value}
        out.setdefault("categories", [])
        out.setdefault("tags", [])
        out.setdefault("type", "post")
        base = self.url.rstrip("/")
        out["_links"] = {
            "self": [{"href": f"{base}/wp-json/wp/v2/posts/{post['id']}"}],
            "version-history": [{"count": post.get("_revisions", 1)}],
        }
        out.pop("_revisions", None)
        if fields:
            out = {k: v for k, v in out.items() if k in fields or k == "id"}
        return out

    def collection(self, params: dict[str, str]) -> tuple[list[Any], dict[str, str]]:
        per_page = _int(params.get("per_page", "10"), "per_page")
        page = _int(params.get("page", "1"), "page")
        if not 1 <= per_page <= 100 or page < 1:
            bad = "per_page" if not 1 <= per_page <= 100 else "page"
            raise ApiError(400, "rest_invalid_param", f"Invalid parameter(s): {bad}")
        orderby = params.get("orderby", "date")
        if orderby not in ORDER_KEYS:
            raise ApiError(400, "rest_invalid_param", "Invalid parameter(s): orderby")
        bounds = []
        for name, column, op in (
            ("after", "date", ">"),
            ("before", "date", "<"),
            ("modified_after", "modified", ">"),
            ("modified_before", "modified", "<"),
        ):
            if name in params:
                bounds.append((column, op, self.parse_date(params[name], name)))
        cats = {int(c) for c in params["categories"].split(",")} if "categories" in params else None
        with self.lock:
            rows = [self.render(p, None) for p in self.posts.values() if p["status"] == "publish"]
        rows = [r for r in rows if all(_compare(r[c], op, v) for c, op, v in bounds)]
        if cats is not None:
            rows = [r for r in rows if cats & set(r["categories"])]
        key = ORDER_KEYS[orderby]
        self.rng.shuffle(rows)  # ties come back in no particular order
        sort = (lambda r: r["title"]["rendered"]) if key == "title" else (lambda r: r[key])
        rows.sort(key=sort, reverse=params.get("order", "desc") == "desc")
        total = len(rows)
        pages = math.ceil(total / per_page)
        if page > pages and total > 0:
            raise ApiError(
                400,
                "rest_post_invalid_page_number",
                "The page number requested is larger than the number of pages available.",
            )
        fields = params["_fields"].split(",") if "_fields" in params else None
        chunk = rows[(page - 1) * per_page : page * per_page]
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        return [self.render(self.posts[r["id"]], fields) for r in chunk], headers

    def terms(self, items: list[dict[str, Any]], params: dict[str, str]) -> tuple[list, dict]:
        per_page = _int(params.get("per_page", "10"), "per_page")
        page = _int(params.get("page", "1"), "page")
        total = len(items)
        pages = max(1, math.ceil(total / per_page))
        if page > pages:
            raise ApiError(400, "rest_term_invalid_page_number", "Invalid page.")
        chunk = items[(page - 1) * per_page : page * per_page]
        return chunk, {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
