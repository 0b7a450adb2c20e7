"""Retries that wait: exponential backoff, and `Retry-After` honoured.

Scrapy's own RetryMiddleware retries at once and ignores Retry-After (scrapy#3849). A busy
WordPress host behind a CDN answers 429/503 precisely to make clients wait, so this subclass
waits before handing the retry back, without blocking other sites' requests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import reactor, task


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff = settings.getfloat("WP_DIGEST_BACKOFF", 2.0)
        self.max_wait = settings.getfloat("WP_DIGEST_MAX_WAIT", 300.0)

    async def process_response(  # type: ignore[override] # Scrapy 2.13+: async, no spider
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        delay = self.delay(request, response)
        if delay > self.max_wait:
            request.meta["gave_up"] = f"Retry-After {delay:.0f} s is longer than we wait"
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await self._sleep(delay)
        return retry

    async def process_exception(  # type: ignore[override] # as process_response
        self, request: Request, exception: Exception
    ) -> Request | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        await self._sleep(self.delay(request, None))
        return retry

    def delay(self, request: Request, response: Response | None) -> float:
        """Seconds to wait before the next try: backoff * 2^n, or longer if the server asks."""
        delay = self.backoff * 2 ** request.meta.get("retry_times", 0)
        header = response.headers.get(b"Retry-After") if response is not None else None
        if header:
            delay = max(delay, retry_after_seconds(header.decode("latin-1")))
        return delay

    @staticmethod
    async def _sleep(seconds: float) -> None:
        if seconds > 0:
            await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))


def retry_after_seconds(value: str) -> float:
    """Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
