"""Logging to stderr: readable lines for people, or JSON lines (`--log-format json`)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime, tzinfo

from digest.clock import STAMP
from digest.text import printable

STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


ZONE: list[tzinfo | None] = [None]  # the configured zone, once a command has read it


def use_zone(tz: tzinfo) -> None:
    """Stamp log lines in the configured zone (the one digests and `status` speak)."""
    ZONE[0] = tz


class TextFormatter(logging.Formatter):
    """Log lines for people: what a site sent (in a message) cannot move the cursor or
    paint the terminal; tracebacks (from -vv debugging) are kept as they are. Each line's
    time carries its offset: the machine's zone until the config names one."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        when = datetime.fromtimestamp(record.created, UTC).astimezone(ZONE[0])
        return when.isoformat(sep=" ", timespec="seconds")

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return printable(super().formatMessage(record), limit=4000)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).strftime(STAMP + "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in STANDARD})
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(data, ensure_ascii=False, default=str)


def setup(verbosity: int, fmt: str = "text") -> None:
    """-q: errors only; default: warnings, plus one line per scheduled job; -v: info; -vv: debug."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(
        {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    )
    # APScheduler says "Added job", "Running job" at INFO for every job: noise below -vv.
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbosity >= 2 else logging.WARNING)
    # What the daemon and the site are doing, one line each, unless -q: jobs run, requests
    # served (Common Log Format), and readers' sign-ups, confirmations and departures.
    for name in ("wp-digest.web.access", "wp-digest.web.events"):
        logging.getLogger(name).setLevel(logging.WARNING if verbosity < 0 else logging.INFO)
    jobs = logging.getLogger("wp-digest.jobs")
    jobs.setLevel(logging.WARNING if verbosity < 0 else logging.INFO)
