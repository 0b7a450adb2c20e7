"""Every state a record of wp-digest can be in, one enum each.

They are `StrEnum`s: the value is what the database stores and what `--json` prints, and a
member equals its value, so SQL written with the literal ('sent') and Python comparing with
the member (`Delivery.SENT`) agree. A new state is added here, and mypy finds the places
that must handle it.
"""

from __future__ import annotations

from enum import StrEnum


class Reader(StrEnum):
    """A reader's subscription (table `subscribers`)."""

    PENDING = "pending"  # signed up on the site, not confirmed yet
    ACTIVE = "active"
    UNSUBSCRIBED = "unsubscribed"
    SUSPENDED = "suspended"  # too many permanent delivery failures


class Delivery(StrEnum):
    """One digest for one reader (table `deliveries`)."""

    PENDING = "pending"  # recorded before sending; retried until sent or given up
    SENT = "sent"
    FAILED = "failed"  # given up: its posts go to the next digest


class Send(StrEnum):
    """What a send run did for one reader (digest.mail.outcome)."""

    SENT = "sent"
    RETRYING = "retrying"
    FAILED = "failed"
    WAITING = "waiting"  # a retry whose backoff has not passed
    NOTHING = "nothing"  # nothing new in the reader's papers
    WOULD_SEND = "would-send"  # a dry run


class Crawl(StrEnum):
    """A crawl of one source (table `crawls`), and a scheduled job (table `runs`)."""

    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"
    INTERRUPTED = "interrupted"  # stopped between pages (SIGTERM, Ctrl-C), whole pages kept


class Queued(StrEnum):
    """A mail the readers' site owes (table `mail_queue`)."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Origin(StrEnum):
    """Where a reader came from."""

    CONFIG = "config"  # a [[subscriber]] of the config file
    CLI = "cli"  # `wp-digest subscribers add|import`
    WEB = "web"  # signed up on the readers' site
