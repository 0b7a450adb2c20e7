"""Run a crawl of some sources and report what it did.

Each crawl runs Scrapy in a child process (`python -m digest.crawl.child`). Twisted's reactor cannot
be restarted, and a long-lived daemon must crawl again and again; a child per crawl also
returns all of Scrapy's memory to the system when it exits. The child reads its job as JSON
on stdin and prints the ids of the `crawls` rows it wrote; the parent reads those rows.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from digest import CHILD_FLAGS, clock, store
from digest.config import Config, Source
from digest.states import Crawl
from digest.store import crawls, search, stories
from digest.store.search import Indexer

log = logging.getLogger(__name__)


@dataclass
class CrawlResult:
    source: str
    outcome: str
    error: str | None = None
    new_posts: int = 0
    new_revisions: int = 0
    pages: int = 0
    requests: int = 0
    rejected: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome == Crawl.OK

    def line(self) -> str:
        if self.error:
            return f"{self.source}: {self.error}"
        rejected = f", {self.rejected} rejected (see status)" if self.rejected else ""
        return (
            f"{self.source}: {self.new_posts} new, {self.new_revisions} updated{rejected} "
            f"({self.pages} pages, {self.requests} requests)"
        )


ACTIVE: set[subprocess.Popen] = set()  # crawler children running now


def interrupt() -> None:
    """Ask running crawls to stop after the page in hand (Scrapy's graceful SIGINT)."""
    for proc in list(ACTIVE):
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)


def range_bounds(since: date | None, until: date | None, tz: ZoneInfo) -> tuple[str, str | None]:
    """Exclusive GMT bounds for posts published from `since` to `until` inclusive, local dates.

    WordPress compares `after`/`before` strictly, so the lower bound is one second before
    local midnight and the upper bound is the next local midnight.
    """
    after = "1970-01-01T00:00:00"
    if since:
        after = clock.utc(datetime.combine(since, time(0), tz) - timedelta(seconds=1))
    before = None
    if until:
        before = clock.utc(datetime.combine(until + timedelta(days=1), time(0), tz))
    return after, before


def run(
    config: Config,
    sources: list[Source],
    *,
    since: date | None = None,
    until: date | None = None,
    progress: bool = False,
    verbosity: int = 0,
) -> list[CrawlResult]:
    """Crawl `sources` into the configured database; one CrawlResult per source."""
    job: dict[str, Any] = {
        "database": str(config.database),
        "crawl": asdict(config.crawl),
        "sources": [asdict(s) for s in sources],
        "mode": "incremental",
        "progress": progress,
        "verbosity": verbosity,
    }
    if since or until:
        job["mode"] = "range"
        job["after"], job["before"] = range_bounds(since, until, config.tz)
    with store.session(config.database) as db:  # create/migrate once, before any child writes
        crawls.mark_abandoned(db)
    proc = subprocess.Popen(
        [sys.executable, *CHILD_FLAGS, "-m", "digest.crawl.child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "WP_DIGEST_PARENT": str(os.getpid())},
    )
    ACTIVE.add(proc)
    indexer = Indexer(config.database)  # the crawler's new posts, indexed on another core
    indexer.start()
    # The child's progress and log lines go to our stderr as they come (whatever that is now).
    relay = threading.Thread(target=_relay, args=(proc.stderr, sys.stderr), daemon=True)
    relay.start()
    try:
        assert proc.stdin and proc.stdout
        proc.stdin.write(json.dumps(job).encode())
        proc.stdin.close()
        out = proc.stdout.read().decode()
        proc.wait()
        relay.join(timeout=5)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): let the child finish its page and stop cleanly.
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        raise
    finally:
        indexer.stop()
        ACTIVE.discard(proc)
    _place(config, since, until)
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    ids = [line["crawl_id"] for line in lines if "crawl_id" in line]
    errors = {line["source"]: line["error"] for line in lines if "error" in line}
    return _outcomes(config, sources, ids, proc.returncode, errors)


def _place(config: Config, since: date | None, until: date | None) -> None:
    """The new posts into their stories now, so `explain` and the site show them at once
    (a send places whatever is left before it picks posts)."""
    start, end = range_bounds(since, until, config.tz) if since or until else (None, None)
    with store.session(config.database) as db:
        placed = stories.place_for(db, start, end)
    if placed:
        log.info("placed %d posts and items in stories", placed)


def _relay(source: Any, sink: Any) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    while chunk := os.read(source.fileno(), 4096):
        sink.write(decoder.decode(chunk))
        sink.flush()


def _outcomes(
    config: Config, sources: list[Source], ids: list[int], code: int, errors: dict[str, str]
) -> list[CrawlResult]:
    found = {name: CrawlResult(name, Crawl.FAILED, error) for name, error in errors.items()}
    try:
        db = store.open_db(config.database)
    except Exception:  # noqa: BLE001 - the errors above say why (a full disk, say)
        return [found.get(s.name) or CrawlResult(s.name, Crawl.FAILED, "database unavailable")
                for s in sources]  # fmt: skip
    try:
        search.flush_index(db)  # a crawler that died before its end left posts to index
        for row in crawls.rows(db, ids):
            found[row["source"]] = CrawlResult(
                source=row["source"],
                outcome=row["outcome"],
                error=row["error"],
                new_posts=row["new_posts"] or 0,
                new_revisions=row["new_revisions"] or 0,
                pages=row["pages"] or 0,
                requests=row["requests"] or 0,
                rejected=row.get("rejected") or 0,
            )
    finally:
        db.close()
    missing = f"the crawler process exited with status {code} before finishing"
    return [found.get(s.name) or CrawlResult(s.name, Crawl.FAILED, missing) for s in sources]
