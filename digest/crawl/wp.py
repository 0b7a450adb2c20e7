"""Pure helpers for the WordPress REST API: URLs and discovery headers (posts themselves are
validated in digest.crawl.records).

Kept free of Scrapy and SQL so they can be tested directly and reused by any client.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode, urljoin

from digest.clock import shift

__all__ = ["api_link", "route_url", "shift"]

API_REL = "https://api.w.org/"
PER_PAGE = 100
# What the store keeps; asking only for these keeps incremental crawls small.
FIELDS = "id,type,link,slug,date_gmt,modified_gmt,title,content,excerpt,categories,tags"


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
