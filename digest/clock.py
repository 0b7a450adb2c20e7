"""The one clock of wp-digest.

`WP_DIGEST_NOW` (an ISO date-time with offset, e.g. 2026-04-16T07:00:00+05:30) pins it,
so tests, demos and "what would be sent on Tuesday?" all run against a chosen time. Every
timestamp the program writes comes from here, so they stay consistent with each other.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

ENV = "WP_DIGEST_NOW"


def now() -> datetime:
    pinned = os.environ.get(ENV)
    if pinned:
        when = datetime.fromisoformat(pinned)
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return datetime.now(UTC)
