"""Send each subscriber the digest that is due, exactly once, recording everything in the ledger.

For each subscriber: first retry their pending deliveries whose backoff has passed (same
posts, same Message-ID), then, if no delivery exists yet for the last completed period,
make one of every revision not yet taken care of, up to the end of that period.

A delivery is stored as pending, with its Message-ID, before the message is handed to the
server, and marked sent only after the server accepted it. If the process dies in between,
the next run sends it again with the same Message-ID: a possible duplicate that mail clients
fold by Message-ID, never a lost digest (at-least-once).
"""

from __future__ import annotations

import threading
from contextlib import nullcontext
from datetime import datetime

from digest import clock, periods, render
from digest.clock import utc
from digest.config import Config
from digest.errors import ConfigError
from digest.mail.channel import CHANNELS, BuildFailed, Channel, EmailChannel
from digest.mail.message import new_message_id
from digest.mail.outcome import Outcome
from digest.mail.readers import sync_readers
from digest.mail.transport import (
    ConnectFailure,
    PermanentFailure,
    TemporaryFailure,
)
from digest.render.stories import one_per_story
from digest.states import Delivery, Send
from digest.store import Database, ledger, queries, stories, subscribers
from digest.store.lock import InstanceLock
from digest.store.rows import DigestRow
from digest.store.subscribers import Reader


class Sender:
    """The ledger's side of a send: what is due for whom, every attempt recorded, retries.
    How a digest reaches a reader is the channel's business (digest.mail.channel)."""

    def __init__(
        self,
        cfg: Config,
        db: Database,
        now: datetime,
        dry_run: bool,
        as_of: dict[str, datetime] | None = None,
        channel: Channel | None = None,
    ):
        self.cfg, self.db, self.now, self.dry_run = cfg, db, now, dry_run
        self.as_of = as_of or {}
        self.channel: Channel = channel or CHANNELS["email"](cfg, now)
        self.broken: str | None = None  # why the channel cannot be reached in this run
        self.post_rows: ledger.Cache = {}  # each post read and marked once per send

    def attempt(
        self, delivery_id: int, sub: Reader, period: periods.Period, rows: list[DigestRow]
    ) -> Outcome:
        row = ledger.get(self.db, delivery_id)
        outcome = Outcome(sub.email, period.label, Send.SENT, len(rows))
        try:
            view = self.channel.view(period, rows, sub.papers)
            outcome.posts, outcome.counts = view.total, view.counts
            if self.broken:
                raise TemporaryFailure(self.broken)
            view = self.channel.deliver(sub, period, rows, row.message_id)
        except BuildFailed as e:
            # Retried with the same backoff and cap as a temporary delivery failure: the
            # cause (a template, a font, a bug) may be fixed before the next try.
            outcome.status = Send.FAILED
            problem = f"could not make the digest: {e}"
            return self._failed(outcome, delivery_id, problem[:500], permanent=False)
        except ConnectFailure as e:
            self.broken = str(e)
            return self._failed(outcome, delivery_id, str(e), permanent=False)
        except TemporaryFailure as e:
            return self._failed(outcome, delivery_id, str(e), permanent=False)
        except PermanentFailure as e:
            return self._refused(outcome, delivery_id, str(e))
        outcome.posts, outcome.counts = view.total, view.counts
        ledger.mark_sent(self.db, delivery_id, self.now)
        subscribers.delivered(self.db, sub.email)
        return outcome

    def since(self, sub: Reader) -> tuple[str, str]:
        """(start, joined) of a reader's digests: their first covers the period before the
        one they joined in (confirmed, or were added), and what the crawler first sees after
        they joined is theirs whatever date the site gave it (a back-dated post)."""
        joined = clock.parse_utc(sub.joined) or self.now
        if sub.started:  # recorded by an older version at its first send
            return sub.started, sub.joined or utc(joined)
        local = joined.astimezone(self.cfg.tz).date()
        before = periods.containing(sub.period, local, self.cfg.tz).previous()
        return before.bounds_utc()[0], utc(joined)

    def _refused(self, outcome: Outcome, delivery_id: int, error: str) -> Outcome:
        """A permanent failure (5xx): counted against the address, which is suspended after
        `[mail] suspend_after` in a row and skipped from then on."""
        outcome = self._failed(outcome, delivery_id, error, permanent=True)
        limit = self.cfg.mail.suspend_after
        if subscribers.delivery_failed(self.db, outcome.subscriber, error, limit):
            outcome.error = f"{error}; address suspended after {limit} failures in a row"
        return outcome

    def _failed(self, outcome: Outcome, delivery_id: int, error: str, *, permanent: bool):
        status = ledger.mark_failed(self.db, delivery_id, error, self.now, permanent=permanent)
        outcome.status = Send.FAILED if status == Delivery.FAILED else Send.RETRYING
        outcome.error = error
        return outcome

    def retry_rows(self, delivery_id: int) -> list[DigestRow]:
        """The posts of a stored delivery, rendered as they are now."""
        items = ledger.items_of(self.db, delivery_id)
        first: dict[tuple[str, int], int] = {}
        for source, post_id, revision in items:
            key = (source, post_id)
            first[key] = min(first.get(key, revision), revision)
        rows = []
        for (source, post_id), revision in first.items():
            for row in queries.post_rows(self.db, source, post_id):
                rows.append(queries.mark_updated(self.db, row, revision))
        return one_per_story(rows, self.cfg.ranking)[0]

    def one_per_story(
        self, sub: Reader, rows: list[DigestRow], items: list[tuple[str, int, int]]
    ) -> tuple[list[DigestRow], list[tuple[str, int, int]]]:
        """Each story once (digest.render.stories), and nothing of a story this reader has
        had: what is left out that way is not recorded as sent to them."""
        told = {r.story for r in rows} | {i.story for r in rows for i in r.items}
        had = stories.received(self.db, sub.email, told - {""})
        rows, unsent = one_per_story(rows, self.cfg.ranking, had)
        return rows, [i for i in items if (i[0], i[1]) not in unsent]

    def serve(self, sub: Reader) -> list[Outcome]:
        tz = self.cfg.tz
        # The digest belongs to the last period completed at its digest time (the scheduler
        # passes that time), so a retry at 03:00 does not send today's digest early.
        last = periods.last_completed(sub.period, self.as_of.get(sub.period, self.now), tz)
        start, cutoff = last.bounds_utc()
        out = []
        for pending in ledger.pending(self.db, sub.email):
            period = periods.from_label(pending.label, tz)
            if pending.next_attempt and pending.next_attempt > utc(self.now):
                out.append(
                    Outcome(
                        sub.email,
                        pending.label,
                        Send.WAITING,
                        pending.posts,
                        error=f"next try after {pending.next_attempt} UTC",
                    )
                )
                continue
            if not self.dry_run:
                rows = self.retry_rows(pending.id)
                out.append(self.attempt(pending.id, sub, period, rows))
        if ledger.delivery(self.db, sub.email, last.label) is not None:
            return out
        since = self.since(sub)
        new = not ledger.has_deliveries(self.db, sub.email)
        rows, items = ledger.due_posts(
            self.db, sub.email, since, cutoff, sub.papers, cache=self.post_rows
        )
        rows, items = self.one_per_story(sub, rows, items)
        if not rows and not self.cfg.mail.send_empty:
            note = None
            if new:
                note = (
                    f"a new subscriber: digests start with {last.label}, which has nothing in "
                    f"their papers; for earlier posts: wp-digest digest --period {sub.period} "
                    f"--date YYYY-MM-DD, or wp-digest send --to {sub.email}"
                )
            out.append(Outcome(sub.email, last.label, Send.NOTHING, error=note))
            return out
        if self.dry_run:
            view = render.build(rows, last, self.cfg.digest, now=self.now, papers=sub.papers)
            out.append(Outcome(sub.email, last.label, Send.WOULD_SEND, view.total, view.counts))
            return out
        delivery_id = ledger.create(
            self.db,
            subscriber=sub.email,
            period=sub.period,
            label=last.label,
            items=items,
            posts=len(rows),
            message_id=new_message_id(self.cfg.mail),
            cutoff=cutoff,
        )
        out.append(self.attempt(delivery_id, sub, last, rows))
        return out


def check(cfg: Config) -> None:
    """Problems that make sending pointless, found before anything is recorded."""
    problem = cfg.mail.missing_password()
    if problem:
        raise ConfigError(problem)
    if cfg.web.base_url and not cfg.web.secret():
        raise ConfigError(
            f"[web] base_url is set but no signing key (16 characters or more) was found in "
            f"the environment variable {cfg.web.secret_env}, [web] secret_file or the systemd "
            "credential wp-digest-secret: digests would go out without their unsubscribe links"
        )


def send_due(
    cfg: Config,
    db: Database,
    now: datetime,
    *,
    period: str | None = None,
    dry_run: bool = False,
    as_of: dict[str, datetime] | None = None,
    stop: threading.Event | None = None,
) -> list[Outcome]:
    if not dry_run:
        check(cfg)
    sender = Sender(cfg, db, now, dry_run, as_of)
    stories.place_for(db)  # every post a reader may get is in its story before any is sent
    outcomes: list[Outcome] = []
    # One sender at a time per database: a second one waits, then finds the work done.
    guard = nullcontext() if dry_run else InstanceLock(cfg.database, "send").acquire(wait=True)
    with guard, sender.channel:
        for sub in sync_readers(cfg, db, record=not dry_run, now=now):
            if stop is not None and stop.is_set():
                break  # shutting down: the rest go out on the next run
            if period is None or sub.period == period:
                try:
                    outcomes += sender.serve(sub)
                except Exception as e:  # noqa: BLE001 - recorded, reported; the others go on
                    problem = f"{type(e).__name__}: {e}"[:500]
                    outcomes.append(Outcome(sub.email, None, Send.FAILED, error=problem))
    return outcomes


def preview(cfg: Config, db: Database, now: datetime, to: str, kind: str) -> Outcome:
    """A one-off copy of the last completed period's full digest to `to`; no ledger, and
    no reader's own links (it is a copy for anyone)."""
    check(cfg)
    channel = EmailChannel(cfg, now, personal_links=False)
    last = periods.last_completed(kind, now, cfg.tz)
    start, end = last.bounds_utc()
    stories.place_for(db, start, end)
    rows = one_per_story(queries.period_posts(db, start, end), cfg.ranking)[0]
    outcome = Outcome(to, last.label, Send.SENT, len(rows))
    with channel:
        try:
            view = channel.deliver(to, last, rows, new_message_id(cfg.mail))
            outcome.posts, outcome.counts = view.total, view.counts
        except (BuildFailed, TemporaryFailure, PermanentFailure) as e:
            outcome.status, outcome.error = Send.FAILED, str(e)
    return outcome
