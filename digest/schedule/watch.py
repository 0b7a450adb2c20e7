"""The daily watch: drift in filing, crawls failing for long, deliveries failing.

Once a local day (the first tick after midnight), the warnings of digest.store.health are
logged and, with `[mail] operator` set, mailed. The day counts as done only when the mail
was accepted, so a mail server that is down gets the warning again at the next tick.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from digest.clock import utc
from digest.config import Config
from digest.mail import message, transport
from digest.states import Crawl
from digest.store import Database, health, posts, runs

log = logging.getLogger("wp-digest.watch")
JOB = "watch"


def day_of(now: datetime, cfg: Config) -> str:
    """The watch's slot: the start of the local day, in UTC."""
    local = now.astimezone(cfg.tz)
    return utc(datetime.combine(local.date(), time(0), cfg.tz))


def watch(cfg: Config, db: Database, now: datetime) -> tuple[bool, str | None]:
    """Run the watch if today's has not run. (ok, a summary line or None when not due)."""
    slot = day_of(now, cfg)
    if runs.done(db, JOB, slot):
        return True, None
    warnings = health.warnings(db, posts.stored_sources(db), now, cfg.watch)
    for line in warnings:
        log.warning("watch: %s", line, extra={"job": JOB})
    run_id = runs.start(db, JOB, slot, utc(now))
    mailed = ""
    if warnings and cfg.mail.operator:
        msg = message.operator_message(cfg.mail, warnings, message.new_message_id(cfg.mail), now)
        try:
            with transport.transport_for(cfg.mail) as sender:
                sender.send(msg)
        except (transport.TemporaryFailure, transport.PermanentFailure) as e:
            line = f"watch: {len(warnings)} warnings; mail to the operator failed: {e}"
            runs.abandon(db, run_id)  # not done: the next tick tries again
            return False, line
        mailed = f", mailed to {cfg.mail.operator}"
    line = f"watch: {len(warnings)} warnings{mailed}"
    runs.finish(db, run_id, Crawl.OK, line)
    return True, line
