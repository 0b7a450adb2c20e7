"""Who is sent digests: the active readers, after the config's [[subscriber]] are synced."""

from __future__ import annotations

from datetime import datetime

from digest.clock import utc
from digest.config import Config
from digest.states import Origin
from digest.store import Database, subscribers
from digest.store.subscribers import Reader


def sync_readers(
    cfg: Config, db: Database, *, record: bool = True, now: datetime | None = None
) -> list[Reader]:
    """The active readers, after bringing in the config's [[subscriber]] entries (a new one
    joins at `now`, the time of the send or tick, default the clock's)."""
    configured = [
        Reader(s.email, s.period, s.papers, origin=Origin.CONFIG) for s in cfg.subscribers
    ]
    if record:
        subscribers.sync(db, configured, utc(now) if now else None)
        return subscribers.active(db)
    known = {r.email: r for r in subscribers.active(db)}  # a dry run writes nothing
    for reader in configured:
        if subscribers.get(db, reader.email) is None:
            known.setdefault(reader.email.lower(), reader)
    return list(known.values())
