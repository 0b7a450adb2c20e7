"""`wp-digest check`'s look at a source: robots.txt, the REST API root, one page of posts.

Not a crawl: three or four requests with the crawler's user agent, timeout and size limit,
made through the standard library (starting Scrapy for four requests would take longer than
the requests). TLS is verified, redirects stay on http(s), nothing is saved. What a site
sends is read by the crawler's own readers (digest.crawl.records, .responses), so a page
that passes here is a page the crawl can store.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from digest.config import CrawlSettings, Source
from digest.crawl import records, wp
from digest.crawl.responses import BadJson, index_document, load_json
from digest.crawl.spider import same_origin
from digest.text import plain


@dataclass(frozen=True)
class Finding:
    """One line of `check`: what was checked, whether it passed, and what was seen."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message
    body: bytes


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp:)."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(f"redirect to {newurl.split(':')[0]}: refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, crawl: CrawlSettings) -> Reply:
    """GET `url` as the crawler would; any HTTP status is a reply, a network failure is
    OSError (urllib.error.URLError is one) with the reason."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise urllib.error.URLError(f"not an http(s) URL: {url}")
    opener = urllib.request.build_opener(_HttpOnly)  # default TLS context: verified
    request = urllib.request.Request(
        url, headers={"User-Agent": crawl.user_agent, "Accept": "application/json, */*;q=0.5"}
    )
    limit = crawl.max_response_mb * 1024 * 1024
    try:
        with opener.open(request, timeout=crawl.timeout) as response:
            body = response.read(limit + 1)
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as e:
        body, status, headers = e.read(limit + 1), e.code, e.headers
    if len(body) > limit:
        raise OSError(
            f"{url}: the answer is over [crawl] max_response_mb ({crawl.max_response_mb})"
        )
    return Reply(status, headers, body)


def _reason(e: OSError) -> str:
    reason = getattr(e, "reason", None) or e.strerror or str(e)
    return str(reason)


def robots(source: Source, crawl: CrawlSettings, url: str) -> Finding:
    """Whether the site's robots.txt lets our user agent read `url` (as Scrapy decides it)."""
    name = f"{source.name} robots.txt"
    if not crawl.obey_robots:
        return Finding(name, True, "not consulted ([crawl] obey_robots = false)")
    parts = urlsplit(source.url)
    where = f"{parts.scheme}://{parts.netloc}/robots.txt"
    try:
        reply = fetch(where, crawl)
    except OSError as e:
        return Finding(name, False, f"{where}: {_reason(e)}")
    if reply.status >= 400:  # none: everything allowed (5xx: Scrapy too reads it so)
        return Finding(name, True, f"{where}: HTTP {reply.status}, nothing disallowed")
    parser = RobotFileParser()
    parser.parse(reply.body.decode("utf-8", "replace").splitlines())
    if parser.can_fetch(crawl.user_agent, url):
        return Finding(name, True, f"allows {crawl.user_agent.split('/')[0]} to read the API")
    return Finding(name, False, f"{where} disallows {url} for our user agent: the crawl skips it")


def _api_index(reply: Reply) -> bool:
    content_type = reply.headers.get("Content-Type") or ""
    return index_document(reply.status, content_type, reply.body) is not None


def api_root(source: Source, crawl: CrawlSettings) -> tuple[str | None, Finding]:
    """Find the API root as the spider does: the discovery header, the URL itself, then
    /wp-json/ and ?rest_route=/."""
    name = f"{source.name} REST API"
    try:
        reply = fetch(source.url, crawl)
        for value in reply.headers.get_all("Link") or []:
            root = wp.api_link(value, source.url)
            if root and same_origin(root, source.url):
                return root, Finding(name, True, f"{root} (from the site's Link header)")
        if _api_index(reply):
            return source.url, Finding(name, True, f"{source.url} (the URL is the API root)")
        for root in (urljoin(source.url, "wp-json/"), urljoin(source.url, "?rest_route=/")):
            if _api_index(fetch(root, crawl)):
                return root, Finding(name, True, root)
    except OSError as e:
        return None, Finding(name, False, f"{source.url}: {_reason(e)}")
    return None, Finding(name, False, f"no WordPress REST API found at {source.url}")


def one_page(source: Source, crawl: CrawlSettings, root: str) -> Finding:
    """The newest post of the source's first post type, read as the crawler reads it."""
    post_type = source.post_types[0]
    name = f"{source.name} posts"
    url = wp.route_url(root, f"wp/v2/{post_type}", {"per_page": 1, "_fields": wp.FIELDS})
    try:
        reply = fetch(url, crawl)
    except OSError as e:
        return Finding(name, False, f"{url}: {_reason(e)}")
    if reply.status != 200:
        return Finding(name, False, f"{url}: HTTP {reply.status}")
    try:
        found, rejects = records.parse_page(load_json(reply.body), post_type, source.url,
                                            source.link_hosts)  # fmt: skip
    except (BadJson, records.Rejected) as e:
        return Finding(name, False, f"{url}: {e}")
    total = reply.headers.get("X-WP-Total")
    count = f"{int(total):,} {post_type} on the site; " if total and total.isdigit() else ""
    if found:
        newest: dict[str, Any] = found[0]
        return Finding(name, True, f"{count}newest read: {newest['date_gmt']} UTC, "
                                   f"{plain(newest['title'])[:60]!r}")  # fmt: skip
    if rejects:
        return Finding(name, False, f"{url}: {rejects[0]['reason']}")
    return Finding(name, True, f"{count}none published yet")


def probe(source: Source, crawl: CrawlSettings) -> list[Finding]:
    """API root, robots.txt, one page: what a crawl of this source needs."""
    root, found = api_root(source, crawl)
    if root is None:
        return [found]
    posts_url = wp.route_url(root, f"wp/v2/{source.post_types[0]}")
    return [found, robots(source, crawl, posts_url), one_page(source, crawl, root)]
