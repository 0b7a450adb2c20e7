"""`wp-digest run`: the long-running daemon, on APScheduler 3.x.

Every trigger (the digest times, the crawl interval, a periodic check) calls the same
`schedule.tick.tick`, which works out from the store what is due; the scheduler only decides
*when to look*. One worker thread runs jobs one at a time. SIGTERM/SIGINT: take no new jobs,
let the crawler child finish its page (it gets SIGINT), skip remaining subscribers, exit 0.
"""

from __future__ import annotations

import logging
import signal
import threading

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from digest import clock, crawl
from digest.config import WEEKDAYS, Config
from digest.schedule import tick

log = logging.getLogger("wp-digest.jobs")


def run(cfg: Config) -> int:
    stop = threading.Event()
    scheduler = BlockingScheduler(
        timezone=cfg.tz,
        executors={"default": ThreadPoolExecutor(1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )

    def job() -> None:
        if stop.is_set():
            return
        try:
            tick.tick(cfg, stop=stop)
        except Exception:  # a failing job must not stop the daemon
            log.exception("tick failed", extra={"job": "tick"})

    s = cfg.schedule
    hour, minute, second = s.daily
    weekday, w_hour, w_minute, w_second = s.weekly
    tz = cfg.tz
    scheduler.add_job(
        job,
        IntervalTrigger(seconds=s.check_every, timezone=tz),
        id="check",
        next_run_time=clock.now(),
    )
    scheduler.add_job(job, IntervalTrigger(seconds=s.crawl_every, timezone=tz), id="crawl")
    scheduler.add_job(
        job, CronTrigger(hour=hour, minute=minute, second=second, timezone=tz), id="daily"
    )
    scheduler.add_job(
        job,
        CronTrigger(
            day_of_week=WEEKDAYS[weekday],
            hour=w_hour,
            minute=w_minute,
            second=w_second,
            timezone=tz,
        ),
        id="weekly",
    )

    def shutdown(signum: int, frame: object) -> None:
        if stop.is_set():
            return
        log.info("stopping (signal %d): finishing the current job", signum)
        stop.set()
        crawl.interrupt()
        # Not here: the handler runs inside the scheduler's own loop (same thread, its locks
        # re-entrant), and shutting it down mid-loop made it fail (JobLookupError, exit 1).
        # From another thread, shutdown waits for the loop to let go of its job stores.
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": False}, daemon=True).start()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    log.info("daemon started: %d sources, %d subscribers", len(cfg.sources), len(cfg.subscribers))
    scheduler.start()  # returns after shutdown()
    # Let a running job end (the crawler child was told to stop after its page).
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(timeout=20)
    log.info("daemon stopped")
    return 0
