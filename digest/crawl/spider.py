"""What every wp-digest spider shares: requests that see every status, redirects followed only
on the site's own host, and failures that end the source with one line, not a traceback.

A spider for another kind of source subclasses `SiteSpider` and yields the items of
digest.crawl.items; the pipeline does the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from twisted.python.failure import Failure

from digest.crawl.responses import describe, server_time

MAX_REDIRECTS = 5


def same_origin(url: str, other: str) -> bool:
    """Same scheme, host and port: where a site's links and redirects may take the crawler."""
    a, b = urlsplit(url), urlsplit(other)
    try:
        return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)
    except ValueError:  # a port that is not a number
        return False


class SiteSpider(scrapy.Spider):
    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.error: str | None = None  # why this source failed, in one line
        self.server_now: str | None = None  # the server's clock at its first answer

    def _request(self, url: str, callback: Any, hops: int = 0, **kwargs: Any) -> scrapy.Request:
        """Every request goes through `_dispatch`, which sees every status (no HttpError
        filtering) and follows redirects only within the same host."""
        return scrapy.Request(
            url,
            callback=self._dispatch,
            errback=self.on_error,
            cb_kwargs={"then": callback.__name__, "kwargs": kwargs, "hops": hops},
            meta={"handle_httpstatus_all": True},
            dont_filter=True,
        )

    def _dispatch(
        self, response: Response, then: str, kwargs: dict[str, Any], hops: int
    ) -> Iterator[Any]:
        if self.server_now is None:
            self.server_now = server_time(response)
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(response.url, location.decode("latin-1"))
            if not same_origin(target, response.url):
                self.fail(f"redirected to another host, not followed: {response.url} -> {target}")
            if hops >= MAX_REDIRECTS:
                self.fail(f"too many redirects from {response.url}")
            yield self._request(target, getattr(self, then), hops=hops + 1, **kwargs)
            return
        yield from getattr(self, then)(response, **kwargs)

    def fail(self, message: str) -> None:
        """Stop this source with a one-line error; what was saved before stays saved."""
        if self.error is None:
            self.error = message
        raise CloseSpider("error")

    def on_error(self, failure: Failure) -> None:
        """A request that failed for good (after retries). Handled here, so Scrapy logs no
        traceback: the error is recorded and the spider closed."""
        request = failure.request  # type: ignore[attr-defined]
        tries = request.meta.get("retry_times", 0) + 1
        if failure.check(IgnoreRequest):
            reason = str(failure.value) or "request ignored"
            if "robots.txt" in reason:
                reason = "disallowed by the site's robots.txt"
            message = f"{reason}: {request.url}"
        else:
            message = f"cannot fetch {request.url} after {tries} tries: {describe(failure)}"
        self.stop(message)

    def stop(self, message: str) -> None:
        """Record the error and close the spider from outside a callback (errbacks, the
        pipeline), where raising CloseSpider would be logged as an unhandled error."""
        if self.error is None:
            self.error = message
        engine = self.crawler.engine
        if hasattr(engine, "close_spider_async"):  # Scrapy >= 2.14
            deferred_from_coro(engine.close_spider_async(reason="error"))
        else:
            engine.close_spider(self, "error")
