"""The WordPress REST spider: discovery, keyset paging, and parsing into page items.

No SQL here. The spider yields one `PageItem` per API page; the pipeline saves each page in
one transaction with the cursor it carries.

Paging is by keyset, not page number. WordPress compares `modified_after` strictly and stores
times to the second, and any number of posts can share one second. So after a full page whose
newest post is at second T:
- if the page also holds older posts, every post before T has been seen: the cursor becomes
  T - 1 s and the next query starts there (the posts at T come again; saving them is a no-op);
- if all 100 share T, that one second is paged through by ID on its own, and the cursor
  becomes T only when a pass saw the second's total unchanged (posts can only leave a past
  second, by being edited, and then they reappear later in the walk).
The cursor means: every post modified at or before it has been saved. A second walk pages
by publication date the same way, with its own cursor, for posts that go live without a new
modified date (scheduled posts). Requests, redirects and errors: digest.crawl.spider.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from digest.crawl import records, wp
from digest.crawl.items import TAXONOMIES, ApiRootItem, PageItem, TermsItem, Walk
from digest.crawl.responses import (
    PAST_END,
    BadJson,
    api_index,
    int_header,
    is_term,
    load_json,
    not_after_now,
    page_json,
)
from digest.crawl.spider import SiteSpider, same_origin

TIE_RESTARTS = 5
MAX_TERM_PAGES = 50  # 5,000 category or tag names


class WordPressSpider(SiteSpider):
    name = "wordpress"

    def __init__(
        self,
        source: dict[str, Any],
        mode: str = "incremental",
        cursors: dict[str, str] | None = None,
        published: dict[str, str] | None = None,
        after: str | None = None,
        before: str | None = None,
        fetch_terms: bool = False,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.source = source["name"]
        self.site_url: str = source["url"]
        self.post_types: list[str] = list(source.get("post_types") or ["posts"])
        self.categories: tuple[int, ...] = tuple(source.get("categories") or ())
        self.link_hosts: tuple[str, ...] = tuple(source.get("link_hosts") or ())
        self.mode = mode
        self.cursors = cursors or {}
        self.published = published or {}
        self.after, self.before = after, before
        self.fetch_terms = fetch_terms
        self.allowed_domains = [urlsplit(self.site_url).hostname or ""]
        self.api_root: str | None = None
        self.pages_read = 0

    # --- discovery --------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        yield self._request(self.site_url, self.parse_site)

    def parse_site(self, response: Response) -> Iterator[Any]:
        for value in response.headers.getlist(b"Link"):
            root = wp.api_link(value.decode("latin-1"), response.url)
            if root and not same_origin(root, self.site_url):
                self.logger.warning("API link to another site ignored: %s", root)
                root = None
            if root:
                yield from self._begin(root)
                return
        if api_index(response) is not None:  # the URL given was the API root itself
            yield from self._begin(response.url)
            return
        if response.status >= 500:
            self.fail(f"HTTP {response.status} from {response.url}")
        root = self.site_url + "wp-json/"
        yield self._request(root, self.parse_probe, root=root)

    def parse_probe(self, response: Response, root: str) -> Iterator[Any]:
        """Fallbacks when the site sent no discovery header: /wp-json/, then ?rest_route=."""
        if api_index(response) is not None:
            yield from self._begin(root)
        elif "rest_route=" not in root:
            root = self.site_url + "?rest_route=/"
            yield self._request(root, self.parse_probe, root=root)
        else:
            self.fail(f"no WordPress REST API found at {self.site_url}")

    def _begin(self, api_root: str) -> Iterator[Any]:
        self.api_root = api_root
        yield ApiRootItem(self.source, self.site_url, api_root)
        if self.fetch_terms:
            yield self._terms_request(TAXONOMIES[0], 1)
        else:
            yield from self._walks()

    # --- term names (once per source) -------------------------------------------------------

    def _terms_request(self, taxonomy: str, page: int) -> scrapy.Request:
        assert self.api_root
        params = {"per_page": 100, "page": page, "_fields": "id,name,slug"}
        url = wp.route_url(self.api_root, f"wp/v2/{taxonomy}", params)
        request = self._request(url, self.parse_terms, taxonomy=taxonomy, page=page)
        request.errback = lambda failure: self._after_terms(taxonomy, 1, 1)
        return request

    def parse_terms(self, response: Response, taxonomy: str, page: int) -> Iterator[Any]:
        """Names help classify posts without a marker; a site that hides them is no failure."""
        try:
            data = load_json(response.body) if response.status == 200 else None
        except BadJson:
            data = None
        if not isinstance(data, list):
            self.logger.info("no %s at %s (HTTP %s)", taxonomy, response.url, response.status)
            data = []
        terms = [t for t in data if isinstance(t, dict) and is_term(t)]
        if terms:
            yield TermsItem(self.source, taxonomy, terms)
        # X-WP-TotalPages is the site's word: never more than MAX_TERM_PAGES of names.
        pages = min(int_header(response, b"X-WP-TotalPages") or 1, MAX_TERM_PAGES) if terms else 1
        yield from self._after_terms(taxonomy, page, pages)

    def _after_terms(self, taxonomy: str, page: int, pages: int) -> Iterator[Any]:
        if page < pages:
            yield self._terms_request(taxonomy, page + 1)
        elif taxonomy != TAXONOMIES[-1]:
            yield self._terms_request(TAXONOMIES[TAXONOMIES.index(taxonomy) + 1], 1)
        else:
            yield from self._walks()

    def _walks(self) -> Iterator[Any]:
        """A range re-crawl walks by publication date between its bounds. An incremental
        crawl walks by modified date (new and edited posts) and by publication date too: a
        scheduled post goes live without a new modified date, so only the second walk sees
        it. Without a publication cursor yet, that walk starts where the modified one did
        (or, on a first crawl, which reads everything anyway, at the server's clock)."""
        for post_type in self.post_types:
            if self.mode == "range":
                yield self._page_request(Walk(post_type, "date", self.after, self.before))
                continue
            modified = self.cursors.get(post_type)
            assert self.server_now is not None
            published = self.published.get(post_type) or modified
            published = published or wp.shift(self.server_now, -1)
            by_date = Walk(post_type, "date", published, None, True, published)
            yield self._page_request(
                Walk(post_type, "modified", modified, None, True, modified, by_date)
            )

    def _cursor(self, walk: Walk, stamp: str | None, response: Response) -> str | None:
        """The cursor a page of an incremental walk justifies: never behind the one saved
        before (the walk's floor, which rises with it), never past the server's clock."""
        if not walk.persist:
            return None
        found = [c for c in (walk.floor, stamp and not_after_now(stamp, response)) if c]
        return max(found) if found else None

    # --- the collection walk ----------------------------------------------------------------

    def _page_request(self, walk: Walk) -> scrapy.Request:
        assert self.api_root
        url = wp.route_url(self.api_root, f"wp/v2/{walk.post_type}", walk.params(self.categories))
        return self._request(url, self.parse_page, walk=walk)

    def parse_page(self, response: Response, walk: Walk) -> Iterator[Any]:
        body = self._json(response, walk)
        if body is PAST_END:
            yield from self._tie_changed(walk)
            return
        try:
            posts, rejects = records.parse_page(
                body, walk.post_type, self.site_url, self.link_hosts
            )
        except records.Rejected as e:
            self.fail(f"{e} at {response.url}")
        self.pages_read += 1
        budget = self.crawler.settings.getint("WP_DIGEST_MAX_PAGES")
        if self.pages_read > budget:
            self.fail(
                f"stopped after {budget} pages, the crawl's budget ([crawl] max_pages); "
                "what was read is saved and the next crawl goes on from there"
            )
        total = int_header(response, b"X-WP-Total")
        full = len(body) >= wp.PER_PAGE
        item = PageItem(
            self.source,
            walk.post_type,
            posts,
            total=total,
            cursor_field=walk.field,
            rejects=rejects,
        )
        if walk.tie:
            yield from self._tie_page(walk, item, response, full)
        else:
            yield from self._main_page(walk, item, response, full)

    def _main_page(self, walk: Walk, item: PageItem, response: Response, full: bool) -> Iterator:
        stamps = [p[walk.field + "_gmt"] for p in item.posts]
        if walk.lower and any(stamp <= walk.lower for stamp in stamps):
            # Every page must move the keyset on: a server that ignores the bound (or serves
            # one page again and again) would otherwise keep the crawl going for ever.
            bound = "modified_after" if walk.field == "modified" else "after"
            self.fail(
                f"the server ignores {bound} (posts at or before {walk.lower}) at {response.url}"
            )
        if not full:
            item.cursor = self._cursor(walk, max(stamps) if stamps else None, response)
            yield item
            yield from self._end(walk)
            return
        if not stamps:
            self.fail(f"a full page without one valid post at {response.url}")
        newest, oldest = max(stamps), min(stamps)
        if oldest < newest:
            lower = wp.shift(newest, -1)
            item.cursor = self._cursor(walk, lower, response)
            yield item
            yield self._page_request(replace(walk, lower=lower, floor=item.cursor))
        else:
            yield item
            yield self._page_request(replace(walk, tie=newest, page=1))

    def _tie_page(self, walk: Walk, item: PageItem, response: Response, full: bool) -> Iterator:
        total = item.total
        if total is None:
            self.fail(f"no X-WP-Total header at {response.url}")
        ids = {p["post_id"] for p in item.posts}
        if walk.page > 1 and (not ids or ids & walk.tie_ids):
            # The second holds a fixed set of posts: page n must bring ones not read yet. A
            # server (or a cache) that ignores `page` would be asked for every page it claims.
            self.fail(
                f"the server ignores page= (page {walk.page} of the posts at {walk.tie} "
                f"repeats posts already read) at {response.url}"
            )
        yield item
        if walk.tie_total is not None and total != walk.tie_total:
            yield from self._tie_changed(walk)
            return
        pages = int_header(response, b"X-WP-TotalPages") or 1
        if walk.page < pages and full:
            following = replace(walk, page=walk.page + 1, tie_total=total)
            yield self._page_request(replace(following, tie_ids=walk.tie_ids | ids))
            return
        # The second is complete: move the cursor to it and carry on after it.
        assert walk.tie is not None
        cursor = self._cursor(walk, walk.tie, response)
        yield PageItem(self.source, walk.post_type, [], cursor=cursor, cursor_field=walk.field)
        after = replace(walk, lower=walk.tie, floor=cursor, tie=None, page=1)
        after = replace(after, tie_total=None, restarts=0, tie_ids=frozenset())
        yield self._page_request(after)

    def _tie_changed(self, walk: Walk) -> Iterator[Any]:
        """Posts left the second while it was being paged: page it again from the start."""
        if not walk.tie or walk.restarts >= TIE_RESTARTS:
            if walk.tie:
                self.fail(f"posts at {walk.tie} kept changing while being read")
            yield from self._end(walk)  # a past-the-end answer to the main walk: nothing more
            return
        again = replace(walk, page=1, tie_total=None, restarts=walk.restarts + 1)
        yield self._page_request(replace(again, tie_ids=frozenset()))

    def _end(self, walk: Walk) -> Iterator[Any]:
        """A walk has read everything: the next one (by date after by modified) starts."""
        if walk.then is not None:
            yield self._page_request(walk.then)

    def _json(self, response: Response, walk: Walk) -> Any:
        try:
            return page_json(response, walk.page)
        except BadJson as e:
            self.fail(str(e))
