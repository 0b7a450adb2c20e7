"""Readers in the store (digest.store.subscribers): states, origins, when they joined."""

from __future__ import annotations

from helpers import pin_clock
from stores import new_store

from digest.store import subscribers
from digest.store.subscribers import Reader


def test_joining_is_when_a_reader_becomes_active(tmp_path, monkeypatch):
    db = new_store(tmp_path)
    pin_clock(monkeypatch, "2026-04-01T08:00:00+00:00")
    subscribers.put(db, "a@example.org", "daily", [], "cli", "active")
    subscribers.put(db, "p@example.org", "daily", [], "web", "pending")
    assert subscribers.get(db, "a@example.org").joined == "2026-04-01T08:00:00"
    assert subscribers.get(db, "p@example.org").joined is None  # not yet: not confirmed
    pin_clock(monkeypatch, "2026-04-02T08:00:00+00:00")
    subscribers.put(db, "a@example.org", "weekly", ["GS2"], "cli", "active")  # a change
    assert subscribers.get(db, "a@example.org").joined == "2026-04-01T08:00:00"
    subscribers.set_status(db, "a@example.org", "suspended")
    pin_clock(monkeypatch, "2026-04-05T08:00:00+00:00")
    subscribers.set_status(db, "a@example.org", "active")  # back: joins again
    assert subscribers.get(db, "a@example.org").joined == "2026-04-05T08:00:00"


def test_config_readers_are_synced_in_and_out(tmp_path, monkeypatch):
    db = new_store(tmp_path)
    subscribers.sync(db, [Reader("c@example.org", origin="config")], "2026-04-01T00:00:00")
    reader = subscribers.get(db, "c@example.org")
    assert (reader.status, reader.origin, reader.joined) == ("active", "config",
                                                            "2026-04-01T00:00:00")  # fmt: skip
    subscribers.sync(db, [Reader("c@example.org", "weekly", ("GS1",), origin="config")])
    assert subscribers.get(db, "c@example.org").period == "weekly"
    subscribers.sync(db, [])  # removed from the file: unsubscribed, history kept
    assert subscribers.get(db, "c@example.org").status == "unsubscribed"
    assert subscribers.counts(db) == {"pending": 0, "active": 0, "unsubscribed": 1,
                                      "suspended": 0}  # fmt: skip


def test_permanent_failures_suspend_after_the_limit_and_a_delivery_resets(tmp_path):
    db = new_store(tmp_path)
    subscribers.put(db, "x@example.org", "daily", [], "cli", "active")
    assert not subscribers.delivery_failed(db, "x@example.org", "550 no", 2)
    subscribers.delivered(db, "x@example.org")
    assert not subscribers.delivery_failed(db, "x@example.org", "550 no", 2)
    assert subscribers.delivery_failed(db, "x@example.org", "550 no", 2)
    assert subscribers.get(db, "x@example.org").status == "suspended"
