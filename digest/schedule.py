"""What is due at time T, and doing it once: shared by `wp-digest tick` (cron) and `run` (daemon).

"Due" is computed from the store, never from a scheduler's memory: the last crawl's start
(table `crawls`), the send runs already made for each digest time (table `runs`) and the
retry times of pending deliveries (the ledger). A daemon that was down at 07:00 therefore
sends the daily digest when it comes back, once; the ledger makes sure of "never twice".
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlite_utils

from digest import clock, crawl, deliver, ledger, store
from digest.config import Config, ScheduleSettings

log = logging.getLogger("wp-digest.jobs")
STAMP = "%Y-%m-%dT%H:%M:%S"


def latest_occurrence(kind: str, now: datetime, tz: ZoneInfo, schedule: ScheduleSettings):
    """The most recent daily (or weekly) digest time at or before `now`, as an aware datetime.

    Local wall-clock times, so 07:00 stays 07:00 across a DST change.
    """
    local = now.astimezone(tz)
    if kind == "monthly":
        mday, hour, minute, second = schedule.monthly
        at = time(hour, minute, second)
        candidate = datetime.combine(local.date().replace(day=mday), at, tz)
        if candidate > now:
            previous = local.date().replace(day=1) - timedelta(days=1)
            candidate = datetime.combine(previous.replace(day=mday), at, tz)
        return candidate
    if kind == "daily":
        hour, minute, second = schedule.daily
        day = local.date()
        step = timedelta(days=1)
    else:
        weekday, hour, minute, second = schedule.weekly
        day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
        step = timedelta(days=7)
    at = time(hour, minute, second)
    candidate = datetime.combine(day, at, tz)
    if candidate > now:
        candidate = datetime.combine(day - step, at, tz)
    return candidate


@dataclass
class Due:
    crawl: bool = False
    sends: list[tuple[str, datetime]] = field(default_factory=list)  # (kind, digest time)
    retry: bool = False

    @property
    def anything(self) -> bool:
        return self.crawl or bool(self.sends) or self.retry


def due(
    now: datetime,
    tz: ZoneInfo,
    schedule: ScheduleSettings,
    *,
    last_crawl: datetime | None,
    sent_for: set[tuple[str, str]],
    kinds: set[str],
    next_retry: datetime | None,
) -> Due:
    """Pure: what to do at `now`, given what the store says has been done.

    `sent_for` holds (job, digest time in UTC) of send runs already made; `kinds` the
    periods subscribers use; `next_retry` the earliest retry time of a pending delivery.
    """
    result = Due()
    for kind in sorted(kinds):
        at = latest_occurrence(kind, now, tz, schedule)
        if (f"send-{kind}", ledger.utc(at)) not in sent_for:
            result.sends.append((kind, at))
    every = timedelta(seconds=schedule.crawl_every)
    result.crawl = bool(result.sends) or last_crawl is None or now - last_crawl >= every
    result.retry = next_retry is not None and next_retry <= now
    return result


def _parse(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    return datetime.strptime(stamp[:19], STAMP).replace(tzinfo=ZoneInfo("UTC"))


def state(db: sqlite_utils.Database) -> dict:
    """What the store says has been done; the arguments of `due` besides the clock."""
    last = db.execute("SELECT max(started) FROM crawls WHERE mode = 'incremental'").fetchone()[0]
    sent = {(j, s) for j, s in db.execute("SELECT job, scheduled_for FROM runs WHERE finished")}
    retry = db.execute(
        "SELECT min(next_attempt) FROM deliveries WHERE status = 'pending'"
    ).fetchone()[0]
    return {"last_crawl": _parse(last), "sent_for": sent, "next_retry": _parse(retry)}


@dataclass
class TickResult:
    ok: bool = True
    jobs: list[str] = field(default_factory=list)


def tick(
    cfg: Config, *, now: datetime | None = None, stop: threading.Event | None = None
) -> TickResult:
    """Do once whatever is due now: crawl (first, when sending), then send. One log line a job."""
    now = now or clock.now()
    result = TickResult()
    db = store.open_db(cfg.database)
    try:
        kinds = {s.period for s in cfg.subscribers}
        if cfg.digest.archive:  # the archive gets every day's and week's digest
            kinds |= {"daily", "weekly"}
        todo = due(now, cfg.tz, cfg.schedule, kinds=kinds, **state(db))
        if todo.crawl and cfg.sources:
            result.ok &= _crawl(cfg, result)
        if stop is not None and stop.is_set():
            return result
        as_of = {k: latest_occurrence(k, now, cfg.tz, cfg.schedule) for k in kinds}
        for kind, at in todo.sends:
            result.ok &= _send(cfg, db, now, result, f"send-{kind}", at, kind, as_of, stop)
            if cfg.digest.archive and kind != "monthly":
                _publish(cfg, db, kind, at, result)
        if todo.retry and not todo.sends:
            result.ok &= _send(cfg, db, now, result, "retry", None, None, as_of, stop)
    finally:
        db.close()
    return result


def _publish(cfg: Config, db: sqlite_utils.Database, kind: str, at: datetime, result) -> None:
    """Keep the archive folder (a static site) up to date with the period just ended."""
    from digest import archive, periods, queries, render

    period = periods.last_completed(kind, at, cfg.tz)
    rows = queries.period_posts(db, *period.bounds_utc())
    renderer = render.Renderer(cfg.digest)
    view = render.build(rows, period, cfg.digest)
    assert cfg.digest.archive is not None
    archive.publish(view, renderer, cfg.digest.archive)
    line = f"archive: {period.label}, {view.total} posts"
    _log(True, line, job="archive", label=period.label)
    result.jobs.append(line)


def _crawl(cfg: Config, result: TickResult) -> bool:
    outcomes = crawl.run(cfg, list(cfg.sources))
    new = sum(o.new_posts for o in outcomes)
    updated = sum(o.new_revisions for o in outcomes)
    failed = [o for o in outcomes if not o.ok]
    line = f"crawl: {len(outcomes)} sources, {new} new, {updated} updated, {len(failed)} failed"
    _log(not failed, line, job="crawl", new=new, updated=updated, failed=len(failed))
    for outcome in failed:
        log.warning("crawl: %s", outcome.line(), extra={"job": "crawl", "source": outcome.source})
    result.jobs.append(line)
    return not failed


def _send(cfg, db, now, result, job, at, kind, as_of, stop) -> bool:
    run_id = None
    if at is not None:
        runs = db["runs"]  # one Table object: last_rowid belongs to it
        runs.insert({"job": job, "scheduled_for": ledger.utc(at), "started": ledger.utc(now)})
        run_id = runs.last_rowid
    try:
        outcomes = deliver.send_due(cfg, db, now, period=kind, as_of=as_of, stop=stop)
        error = None
    except deliver.ConfigProblem as e:
        outcomes, error = [], str(e)
    sent = sum(1 for o in outcomes if o.status == "sent")
    failed = [o for o in outcomes if o.status in ("failed", "retrying")]
    ok = not failed and error is None
    line = f"{job}: {sent} sent, {len(failed)} failed" + (f": {error}" if error else "")
    if run_id is not None:
        db["runs"].update(
            run_id,
            {
                "finished": ledger.utc(clock.now()),
                "outcome": "ok" if ok else "failed",
                "summary": line,
            },
        )
    _log(ok, line, job=job, sent=sent, failed=len(failed))
    for outcome in failed:
        log.warning("%s: %s", job, outcome.line(), extra={"job": job})
    result.jobs.append(line)
    return ok


def _log(ok: bool, line: str, **fields) -> None:
    log.log(logging.INFO if ok else logging.WARNING, line, extra=fields)
