"""Scrapy settings for wp-digest's crawls.

`build()` derives a crawl's settings from the user's [crawl] table (digest.config.model holds
the defaults; nothing here restates them). The module-level names are the same settings for
the defaults, which is what `scrapy.cfg` points the `scrapy` command at.
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import default_settings as scrapy_defaults

from digest.config import CrawlSettings

UNUSED = {
    f"scrapy.{name}"
    for name in (
        "extensions.telnet.TelnetConsole",
        "extensions.memusage.MemoryUsage",
        "extensions.memdebug.MemoryDebugger",
        "extensions.feedexport.FeedExporter",
        "extensions.spiderstate.SpiderState",
        "extensions.throttle.AutoThrottle",
        "extensions.remote_control.RemoteControl",
        "downloadermiddlewares.retry.RetryMiddleware",  # BackoffRetryMiddleware instead
        "downloadermiddlewares.cookies.CookiesMiddleware",
        "downloadermiddlewares.httpcache.HttpCacheMiddleware",
    )
}


def _without(components: dict[str, int], names: set[str]) -> dict[str, int]:
    return {name: order for name, order in components.items() if name not in names}


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
    # The stock retry is left out of the base list (UNUSED): this one takes its place.
    "DOWNLOADER_MIDDLEWARES": {"digest.crawl.middlewares.BackoffRetryMiddleware": 550},
    "ITEM_PIPELINES": {"digest.crawl.pipelines.StorePipeline": 300},
    # http(s) only: no file:, data:, ftp: or s3: fetches, whatever a site's links say (and
    # loading those handlers was a quarter of a crawl's start-up).
    "DOWNLOAD_HANDLERS": {"file": None, "data": None, "ftp": None, "s3": None},
    # Our callbacks return nothing; Scrapy's check re-parses a callback's source for every
    # response when the callback is a bound method (its cache is keyed on the method object).
    "WARN_ON_GENERATOR_RETURN_VALUE": False,
    # Components a crawl never uses are left out of the base lists: Scrapy imports every
    # listed one, disabled or not (about a tenth of a crawl's start-up). Among them, Scrapy
    # 2.19's remote control: an HTTP server that runs Python code sent to it.
    "EXTENSIONS_BASE": _without(scrapy_defaults.EXTENSIONS_BASE, UNUSED),
    "DOWNLOADER_MIDDLEWARES_BASE": _without(scrapy_defaults.DOWNLOADER_MIDDLEWARES_BASE, UNUSED),
    "REMOTE_CONTROL_ENABLED": False,
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
