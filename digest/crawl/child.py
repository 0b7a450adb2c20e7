"""The crawler process: `python -m digest.crawl.child`, started by digest.crawl.process.

Reads its job as JSON on stdin, runs every source's spider in one Scrapy reactor, and prints
the id of each `crawls` row it wrote, one JSON line each. Each source's spider is loaded
by name (digest.config.model.SOURCE_KINDS: "wordpress") from the `spiders` package that
SPIDER_MODULES names.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import sys

from digest import store
from digest.config import CrawlSettings
from digest.config.model import SOURCE_KINDS
from digest.store import posts


def die_with_parent() -> None:
    """Linux: when the process that started us dies, even by SIGKILL, we get SIGTERM (a
    graceful stop after the page in hand) instead of crawling on, orphaned."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if str(os.getppid()) != os.environ.get("WP_DIGEST_PARENT", str(os.getppid())):
        os.kill(os.getpid(), signal.SIGTERM)  # the parent died before we asked


def main() -> int:
    """Run every source's spider in one reactor; print the crawl ids written."""
    die_with_parent()
    from scrapy.crawler import CrawlerProcess

    from digest.crawl import settings as crawl_settings
    from digest.crawl.pipelines import StorePipeline

    job = json.load(sys.stdin)
    settings = crawl_settings.build(
        CrawlSettings(**job["crawl"]),
        job["database"],
        progress=job["progress"],
        verbosity=job["verbosity"],
    )
    settings["WP_DIGEST_SOURCES"] = {s["name"]: s for s in job["sources"]}
    db = store.open_db(job["database"])
    cursors = {s["name"]: posts.get_cursors(db, s["name"]) for s in job["sources"]}
    published = {s["name"]: posts.get_cursors(db, s["name"], "date") for s in job["sources"]}
    need_terms = {s["name"]: not posts.has_terms(db, s["name"]) for s in job["sources"]}
    db.close()
    process = CrawlerProcess(settings)
    if job["verbosity"] < 2:  # (after CrawlerProcess, which sets up Scrapy's logging)
        # A site that cannot be reached is reported by the spider in one line; Scrapy's
        # robots.txt middleware would log the same failure with a traceback.
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    crawlers = []
    for source in job["sources"]:
        crawler = process.create_crawler(SOURCE_KINDS[source.get("kind") or "wordpress"])
        crawlers.append(crawler)
        process.crawl(
            crawler,
            source=source,
            mode=job["mode"],
            cursors=cursors[source["name"]],
            published=published[source["name"]],
            after=job.get("after"),
            before=job.get("before"),
            fetch_terms=need_terms[source["name"]],
        )
    process.start()
    for crawler in crawlers:
        pipeline = crawler.get_item_pipeline(StorePipeline)
        if pipeline and pipeline.crawl_id is not None:
            print(json.dumps({"crawl_id": pipeline.crawl_id}), flush=True)
        elif pipeline and pipeline.broken:  # no crawl row could be written: say why here
            source = getattr(crawler.spider, "source", "?")
            print(json.dumps({"source": source, "error": pipeline.broken}), flush=True)
    return 0


if __name__ == "__main__":
    if os.environ.get("WP_DIGEST_PROFILE"):  # developers: profile the crawler process
        import cProfile

        cProfile.run("main()", os.environ["WP_DIGEST_PROFILE"])
        sys.exit(0)
    code = main()
    # Everything is saved and reported: skip the interpreter's teardown of what Scrapy and
    # Twisted loaded (about 0.2 s at the end of every crawl, for nothing).
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
