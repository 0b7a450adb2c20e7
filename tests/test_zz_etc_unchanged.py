"""Collected last: the whole suite wrote nothing outside its temporary folders, /etc included
(the real-WordPress tests once installed a host config there and broke a real site)."""

from __future__ import annotations

from helpers import etc_snapshot


def test_suite_left_etc_unchanged(etc_at_start):
    now = etc_snapshot()
    changed = sorted(p for p in set(now) | set(etc_at_start) if now.get(p) != etc_at_start.get(p))
    assert changed == []
