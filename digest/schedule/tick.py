"""Doing once what is due now: shared by `wp-digest tick` (cron) and `run` (daemon).

What is due (digest.schedule.due) follows from the store: the last crawl's start (table
`crawls`), the send runs already made for each digest time (table `runs`) and the retry
times of pending deliveries (the ledger). The ledger makes sure of "never twice".
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime

from digest import clock, crawl, periods, store
from digest.clock import utc
from digest.config import Config
from digest.errors import ConfigError
from digest.mail import deliver
from digest.mail.readers import sync_readers
from digest.schedule import watch
from digest.schedule.due import digest_times, due
from digest.states import Crawl, Send
from digest.store import Database, runs
from digest.text import plural

log = logging.getLogger("wp-digest.jobs")


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
        kinds = {r.period for r in sync_readers(cfg, db, now=now)}
        if cfg.digest.archive:  # the archive gets every day's and week's digest
            kinds |= {"daily", "weekly"}
        todo = due(now, cfg.tz, cfg.schedule, kinds=kinds, **runs.schedule_state(db))

        def stopping() -> bool:  # SIGTERM: the job in hand finishes, no new one starts
            return stop is not None and stop.is_set()

        if todo.crawl and cfg.crawled() and not stopping():
            result.ok &= _crawl(cfg, result)
        if cfg.mail.bounces and (todo.crawl or todo.sends) and not stopping():
            result.ok &= _bounces(cfg, db, result)  # before sending: skip who bounced
        as_of = digest_times(cfg, now)
        for kind, at in todo.sends:
            if stopping():
                return result
            result.ok &= _send(cfg, db, now, result, f"send-{kind}", at, kind, as_of, stop)
            if cfg.digest.archive and kind != "monthly" and not stopping():
                _publish(cfg, db, kind, at, result)
        if todo.retry and not todo.sends and not stopping():
            result.ok &= _send(cfg, db, now, result, "retry", None, None, as_of, stop)
        if not stopping():  # once a day: drift, failing crawls and deliveries
            ok, line = watch.watch(cfg, db, now)
            if line:
                _log(ok, line, job="watch")
                result.jobs.append(line)
            result.ok &= ok
    finally:
        db.close()
    return result


def _publish(cfg: Config, db: Database, kind: str, at: datetime, result) -> None:
    """Keep the archive folder (a static site) up to date with the period just ended."""
    from digest.render import publish

    period = periods.last_completed(kind, at, cfg.tz)
    assert cfg.digest.archive is not None
    view, _ = publish.publish(db, period, cfg.digest, cfg.digest.archive, cfg.ranking)
    line = f"archive: {period.label}, {plural(view.total, 'post')}"
    _log(True, line, job="archive", label=period.label)
    result.jobs.append(line)


def _bounces(cfg: Config, db: Database, result: TickResult) -> bool:
    from digest.mail import bouncebox

    try:
        lines = bouncebox.process(cfg, db)
    except (bouncebox.BoxError, ConfigError) as e:
        _log(False, f"bounces: {e}", job="bounces")
        return False
    for line in lines:
        log.info("bounces: %s", line, extra={"job": "bounces"})
    if lines:
        result.jobs.append(f"bounces: {len(lines)}")
    return True


def _crawl(cfg: Config, result: TickResult) -> bool:
    outcomes = crawl.run(cfg, cfg.crawled())
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
        run_id = runs.start(db, job, utc(at), utc(now))
    try:
        outcomes = deliver.send_due(cfg, db, now, period=kind, as_of=as_of, stop=stop)
        error = None
    except ConfigError as e:
        outcomes, error = [], str(e)
    sent = sum(1 for o in outcomes if o.status == Send.SENT)
    failed = [o for o in outcomes if o.status in (Send.FAILED, Send.RETRYING)]
    ok = not failed and error is None
    line = f"{job}: {sent} sent, {len(failed)} failed" + (f": {error}" if error else "")
    if run_id is not None:
        runs.finish(db, run_id, Crawl.OK if ok else Crawl.FAILED, line)
    _log(ok, line, job=job, sent=sent, failed=len(failed))
    for outcome in failed:
        log.warning("%s: %s", job, outcome.line(), extra={"job": job})
    result.jobs.append(line)
    return ok


def _log(ok: bool, line: str, **fields) -> None:
    log.log(logging.INFO if ok else logging.WARNING, line, extra=fields)
