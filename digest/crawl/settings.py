"""Scrapy settings for wp-digest's crawls.

`build()` derives a crawl's settings from the user's [crawl] table (digest.config.model holds
the defaults; nothing here restates them). The module-level names are the same settings for
the defaults, which is what `scrapy.cfg` points the `scrapy` command at.
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import default_settings as scrapy_defaults

from digest.config import CrawlSettings

# What is not the user's to choose.
FIXED: dict[str, Any] = {
    "BOT_NAME": "wp-digest",
    "SPIDER_MODULES": ["spiders"],
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "AUTOTHROTTLE_ENABLED": False,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "DEFAULT_REQUEST_HEADERS": {"Accept": "application/json, text/html;q=0.9, */*;q=0.5"},
    "RETRY_HTTP_CODES": [408, 429, 500, 502, 503, 504, 522, 524],
    "RETRY_GIVE_UP_LOG_LEVEL": "INFO",  # the spider reports the failure itself, in one line
    "DOWNLOAD_WARNSIZE": 0,
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "digest.crawl.middlewares.BackoffRetryMiddleware": 550,
    },
    "ITEM_PIPELINES": {"digest.crawl.pipelines.StorePipeline": 300},
    # http(s) only: no file:, data:, ftp: or s3: fetches, whatever a site's links say (and
    # loading those handlers was a quarter of a crawl's start-up).
    "DOWNLOAD_HANDLERS": {"file": None, "data": None, "ftp": None, "s3": None},
    "EXTENSIONS": {"scrapy.extensions.memusage.MemoryUsage": None},
}
# "At most N per second" must hold for every request, not on average: no random jitter.
if "DOWNLOAD_DELAY_JITTER" in vars(scrapy_defaults):
    FIXED["DOWNLOAD_DELAY_JITTER"] = 0
else:  # Scrapy < 2.19
    FIXED["RANDOMIZE_DOWNLOAD_DELAY"] = False


def build(crawl: CrawlSettings, database: str, *, progress: bool, verbosity: int) -> dict[str, Any]:
    return {
        **FIXED,
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "DOWNLOAD_DELAY": 1.0 / crawl.requests_per_second,
        "DOWNLOAD_TIMEOUT": crawl.timeout,
        "DOWNLOAD_MAXSIZE": crawl.max_response_mb * 1024 * 1024,
        "RETRY_TIMES": crawl.retries,
        "WP_DIGEST_BACKOFF": crawl.backoff,
        "WP_DIGEST_DB": database,
        "WP_DIGEST_PROGRESS": progress,
        "WP_DIGEST_MAX_PAGES": crawl.max_pages,
        "CLOSESPIDER_TIMEOUT": crawl.max_minutes * 60,
        # Failures are reported by the spider itself, in one line per source.
        "LOG_LEVEL": {0: "ERROR", 1: "INFO"}.get(
            verbosity, "DEBUG" if verbosity > 1 else "CRITICAL"
        ),
    }


globals().update(build(CrawlSettings(), "wp-digest.db", progress=False, verbosity=0))
