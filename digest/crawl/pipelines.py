"""Scrapy item pipeline: each page item goes to the store in one transaction.

The pipeline also keeps the `crawls` row of its source: opened when the spider opens, closed
with the outcome when it closes. If a page cannot be saved, nothing after it is saved either,
so the cursor can never pass unsaved data.
"""

from __future__ import annotations

import sys
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from digest import clock, store
from digest.config import Rules, source_from_dict
from digest.crawl.items import ApiRootItem, PageItem, TermsItem
from digest.crawl.spider import SiteSpider
from digest.states import Crawl
from digest.store import crawls, filing, learning, posts, search


class StorePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.path = crawler.settings["WP_DIGEST_DB"]
        self.progress = crawler.settings.getbool("WP_DIGEST_PROGRESS")
        self.result = posts.SaveResult()
        self.pages = 0
        self.posts = 0
        self.total: int | None = None
        self.seen: set[int] = set()  # distinct post IDs read, for the progress bar
        self.bar: Any = None
        self.broken: str | None = None
        self.crawl_id: int | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    @property
    def spider(self) -> Any:
        return self.crawler.spider

    def open_spider(self) -> None:
        try:
            self._open()
        except Exception as e:  # noqa: BLE001 - a full disk, a locked or broken database
            # Raising here would end in Scrapy's tracebacks: record why, and stop the spider
            # as soon as it is open (the child reports `broken` for this source).
            self.broken = f"cannot start the crawl: {e}"
            self.crawler.signals.connect(self._stop_at_once, signal=signals.spider_opened)

    def _stop_at_once(self, spider: SiteSpider) -> None:
        spider.stop(self.broken or "cannot start the crawl")

    def _open(self) -> None:
        # Checkpoints (copying the write-ahead log into the database file, with an fsync)
        # are left to the process beside the crawl, whose indexer commits often.
        self.db = store.writer(store.open_db(self.path))
        search.flush_index(self.db)  # what a killed crawl left unindexed
        spider = self.spider
        self.started = clock.now_utc()
        self.crawl_id = crawls.start(
            self.db, spider.source, spider.mode, since=spider.after, until=spider.before
        )
        sources = self.crawler.settings.getdict("WP_DIGEST_SOURCES")
        known = sources.get(spider.source)
        self.rules = source_from_dict(known).classify if known else Rules()
        self.classify = filing.hook(self.db, spider.source, self.rules)
        # Posts stored before the schema had papers are filed now (a no-op otherwise).
        filing.refile(self.db, spider.source, self.rules, only_unfiled=True)

    def process_item(self, item: Any) -> Any:
        if self.broken:
            return item  # an earlier page failed: save nothing after it
        try:
            if isinstance(item, ApiRootItem):
                posts.save_source(self.db, item.source, item.url, item.api_root)
            elif isinstance(item, TermsItem):
                posts.save_terms(self.db, item.source, item.taxonomy, item.terms)
                self.classify = filing.hook(self.db, item.source, self.rules)
            elif isinstance(item, PageItem):
                self._save(item)
        except Exception as e:  # noqa: BLE001 - any failure must stop the walk, not just log
            self.broken = f"cannot save a page of {item.source}: {e}"
            self.spider.stop(self.broken)
        return item

    def _save(self, item: PageItem) -> None:
        result = posts.save_page(
            self.db,
            item.source,
            item.posts,
            post_type=item.post_type,
            cursor=item.cursor,
            cursor_field=item.cursor_field,
            rejects=item.rejects,
            on_change=self.classify,
        )
        self.result += result
        if item.posts:
            self.pages += 1
            self.posts += len(item.posts)
            self.seen.update(p["post_id"] for p in item.posts)
        if item.total is not None and self.total is None:
            self.total = item.total
        if self.progress:
            self._show_progress(item.source)

    def _show_progress(self, source: str) -> None:
        """Distinct posts read so far, of the total the first page announced: a keyset walk
        reads the posts of a boundary second twice, and the second walk (by publication
        date) mostly re-reads the first walk's, so neither is counted twice."""
        from tqdm import tqdm  # only on a terminal

        if self.bar is None:
            self.bar = tqdm(desc=source, unit=" posts", file=sys.stderr, ncols=80, leave=True)
        self.bar.total = max(self.total or 0, len(self.seen))
        self.bar.n = len(self.seen)
        self.bar.set_postfix_str(f"{self.pages} pages", refresh=False)
        self.bar.refresh()

    def spider_closed(self, spider: SiteSpider, reason: str) -> None:
        if self.crawl_id is None:
            return
        try:
            search.flush_index(self.db)  # searchable the moment the crawl is done
            learning.learn_since(self.db, self.started)  # what the marked new posts teach
        except Exception as e:  # noqa: BLE001 - the posts are saved; the next crawl indexes
            spider.error = getattr(spider, "error", None) or f"cannot index the posts: {e}"
        error = getattr(spider, "error", None)
        if error:
            outcome = Crawl.FAILED
        elif reason == "finished":
            outcome = Crawl.OK
        elif reason == "closespider_timeout":
            outcome = Crawl.FAILED
            error = (
                "stopped at the crawl's time budget ([crawl] max_minutes); what was read is "
                "saved and the next crawl goes on from there"
            )
        else:
            outcome = Crawl.INTERRUPTED
            error = f"crawl stopped before the end ({reason})"
        stats = self.crawler.stats
        crawls.finish(
            self.db,
            self.crawl_id,
            outcome=outcome,
            error=error,
            requests=stats.get_value("downloader/request_count", 0) if stats else 0,
            pages=self.pages,
            new_posts=self.result.new_posts,
            new_revisions=self.result.new_revisions,
            rejected=self.result.rejected,
        )
        if self.bar is not None:
            self.bar.close()
        self.db.close()
