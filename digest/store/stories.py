"""Stories in the store: new posts and items placed into stories, what a story holds, the
operator's splits, and the stories a reader has already received.

A unit is a post (item 0) or the n-th item of a compilation (digest.classify.items): the
entries a digest shows. Placement (digest.classify.stories) is done once per unit and kept;
a re-crawl does not move it, and a split (`wp-digest cluster SOURCE:ID --split`) is kept in
its own table like a pin, so the next placement respects it.

The model needs scikit-learn, about 80 MB that a process keeps once loaded: the daemon and
the site must stay small for months, so they place through `place_for`, which runs
`place` in a short child process (`python -m digest.store.stories`), and only when there
is something to place.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from digest import CHILD_FLAGS, clock
from digest.classify.stories import WINDOW, Joined, Placed, Unit, assign
from digest.clock import now_utc, parse_utc, utc
from digest.store.db import Database, transaction
from digest.text import plain

log = logging.getLogger(__name__)
HORIZON = timedelta(days=30)  # by default, posts published this recently are placed


def key(source: str, post_id: int, item: int = 0) -> str:
    return f"{source}:{post_id}" + (f"#{item}" if item else "")


def _units(row: dict[str, Any]) -> Iterator[tuple[int, Unit]]:
    """(item number, unit) of a post row: its items when it is a compilation, else itself."""
    source, post_id, content = row["source"], row["post_id"], row["content"] or ""
    items = json.loads(row["items"] or "[]")
    if not items:
        yield 0, Unit(key(source, post_id), source, row["date_gmt"], plain(row["title"] or ""),
                      plain(content))  # fmt: skip
    for i in items:
        text = plain(content[i["start"] : i["end"]])
        yield i["n"], Unit(key(source, post_id, i["n"]), source, row["date_gmt"],
                           plain(i["heading"]), text)  # fmt: skip


_POST = "SELECT p.source, p.post_id, p.date_gmt, p.title, p.content, p.items FROM posts p "
# Posts published in [?, ?) with no unit in a story yet.
_UNPLACED = (
    "WHERE p.date_gmt >= ? AND p.date_gmt < ? AND NOT EXISTS (SELECT 1 FROM story_units u "
    "WHERE u.source = p.source AND u.post_id = p.post_id)"
)


def _bounds(start: str | None, end: str | None) -> list[str]:
    """[start, end) as given, by default the last HORIZON up to any time."""
    return [start or utc(clock.now() - HORIZON), end or "9999"]


def place(db: Database, start: str | None = None, end: str | None = None) -> int:
    """Place every unit of the posts published in [start, end) that has no story yet (by
    default, the last `HORIZON`), a day at a time against what is placed within `WINDOW`.
    Returns how many units were placed."""
    rows = db.query(_POST + _UNPLACED + " ORDER BY p.date_gmt", _bounds(start, end))
    days: dict[str, list[Unit]] = {}
    for row in rows:
        for _, unit in _units(row):
            days.setdefault(unit.when[:10], []).append(unit)
    placed = 0
    for units in days.values():
        joined = assign(units, _placed(db, units[0].when, units[-1].when))
        _record(db, joined)
        placed += len(joined)
    return placed


def unplaced(db: Database, start: str | None = None, end: str | None = None) -> bool:
    """Whether a post published in [start, end) (by default the last HORIZON) has no story."""
    return db.execute(_POST + _UNPLACED + " LIMIT 1", _bounds(start, end)).fetchone() is not None


def place_for(db: Database, start: str | None = None, end: str | None = None) -> int:
    """`place`, in a child process when there is anything to place (see the module's
    docstring). Returns how many units were placed. A failure is a warning naming the
    child's last line, and 0: the posts are saved, and every caller (a crawl, a send, a
    publication) goes on with each of them shown on its own until a later run places it."""
    if not unplaced(db, start, end):
        return 0
    path = db.execute("PRAGMA database_list").fetchone()[2]
    result = subprocess.run(
        [sys.executable, *CHILD_FLAGS, "-m", "digest.store.stories", path, start or "", end or ""],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        log.warning(
            "placing posts in stories failed: %s; until a later run places them, "
            "digests show those posts each on its own",
            lines[-1] if lines else "?",
        )
        return 0
    return int(result.stdout.strip() or 0)


def _placed(db: Database, first: str, last: str) -> list[Placed]:
    """The placed units published within WINDOW of [first, last], with their stories."""
    low, high = parse_utc(first), parse_utc(last)
    assert low and high
    window = [utc(low - WINDOW), utc(high + WINDOW)]
    rows = db.query(
        _POST + "WHERE p.date_gmt >= ? AND p.date_gmt <= ? AND EXISTS (SELECT 1 FROM "
        "story_units u WHERE u.source = p.source AND u.post_id = p.post_id)",
        window,
    )
    placed = {
        (r["source"], r["post_id"], r["item"]): r
        for r in db.query(
            _UNITS + "JOIN posts p ON p.source = u.source AND p.post_id = u.post_id "
            "WHERE p.date_gmt >= ? AND p.date_gmt <= ?",
            window,
        )
    }
    out = []
    for row in rows:
        for n, unit in _units(row):
            found = placed.get((row["source"], row["post_id"], n))
            if found:
                out.append(Placed(unit, found["story"], bool(found["alone"])))
    return out


def _record(db: Database, joined: Iterable[Joined]) -> None:
    at = now_utc()
    with transaction(db):
        for j in joined:
            source, post_id, item = parse_key(j.key)
            db.execute(
                "INSERT OR IGNORE INTO story_units (source, post_id, item, story, score, via, "
                "placed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [source, post_id, item, j.story, j.score, j.via, at],
            )


def parse_key(text: str) -> tuple[str, int, int]:
    """("source", post_id, item) from "source:post_id" or "source:post_id#n"."""
    ref, _, item = text.partition("#")
    source, _, post_id = ref.rpartition(":")
    return source, int(post_id), int(item or 0)


# Units with their stories, and whether the operator split them off.
_UNITS = (
    "SELECT u.source, u.post_id, u.item, u.story, u.score, u.via, EXISTS (SELECT 1 FROM "
    "story_splits s WHERE s.source = u.source AND s.post_id = u.post_id AND s.item = u.item) "
    "AS alone FROM story_units u "
)


def of_post(db: Database, source: str, post_id: int) -> dict[int, dict[str, Any]]:
    """A post's units by item number: story, score, via (what it joined through), alone."""
    rows = db.query(_UNITS + "WHERE u.source = ? AND u.post_id = ?", [source, post_id])
    return {r["item"]: r for r in rows}


def members(db: Database, story: str) -> list[dict[str, Any]]:
    """The units of a story, oldest first, with their post's title, link and date."""
    rows = db.query(
        "SELECT u.source, u.post_id, u.item, u.score, u.via, p.title, p.link, p.date_gmt, "
        "p.items FROM story_units u JOIN posts p ON p.source = u.source AND "
        "p.post_id = u.post_id WHERE u.story = ? ORDER BY p.date_gmt, u.source, u.post_id",
        [story],
    )
    out = []
    for r in rows:
        heading = next((i["heading"] for i in json.loads(r.pop("items") or "[]")
                        if i["n"] == r["item"]), None)  # fmt: skip
        out.append({**r, "title": plain(heading or r["title"] or ""),
                    "key": key(r["source"], r["post_id"], r["item"])})  # fmt: skip
    return out


def split(db: Database, source: str, post_id: int, item: int = 0) -> str | None:
    """Take a unit out of its story for good: it stands alone now and at every later
    placement. The rest of the story stays together (renamed after its first remaining
    unit, if it was named after this one). Returns the story it left, or None if it was
    not in one."""
    mine = key(source, post_id, item)
    with transaction(db):
        row = db.execute(
            "SELECT story FROM story_units WHERE source = ? AND post_id = ? AND item = ?",
            [source, post_id, item],
        ).fetchone()
        db.execute(
            "INSERT OR IGNORE INTO story_splits (source, post_id, item, at) VALUES (?, ?, ?, ?)",
            [source, post_id, item, now_utc()],
        )
        if row is None:
            return None
        story = row[0]
        db.execute(
            "UPDATE story_units SET story = ?, score = NULL, via = NULL WHERE source = ? "
            "AND post_id = ? AND item = ?",
            [mine, source, post_id, item],
        )
        others = [m for m in members(db, story) if m["key"] != mine]
        if story == mine and others:
            db.execute("UPDATE story_units SET story = ? WHERE story = ? AND NOT (source = ? "
                       "AND post_id = ? AND item = ?)",
                       [others[0]["key"], mine, source, post_id, item])  # fmt: skip
    return story if others else None


def received(db: Database, subscriber: str, stories: Iterable[str]) -> set[str]:
    """Those of `stories` of which the reader already got a post (a digest sent, or pending
    its retry, held it)."""
    wanted = sorted(set(stories))
    if not wanted:
        return set()
    rows = db.execute(
        f"SELECT DISTINCT u.story FROM story_units u WHERE u.story IN "
        f"({', '.join('?' for _ in wanted)}) AND EXISTS (SELECT 1 FROM deliveries d "
        "CROSS JOIN delivery_items i ON i.delivery_id = d.id AND i.source = u.source AND "
        "i.post_id = u.post_id WHERE d.subscriber = ? AND d.status IN ('sent', 'pending'))",
        [*wanted, subscriber],
    )
    return {r[0] for r in rows}


if __name__ == "__main__":  # place_for's child: DATABASE [START [END]]
    from digest.store import open_db

    database, first, until = (sys.argv[1:] + ["", ""])[:3]
    opened = open_db(database)
    try:
        print(place(opened, first or None, until or None))
    finally:
        opened.close()
