"""A post's history on the readers' site: its stored revisions, and what changed between
any two (sentences added and removed, the title), from digest.changes."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from digest.changes import sentence_diff
from digest.clock import shown
from digest.config import Config
from digest.store import Database, queries, stories
from digest.text import plain, safe_url

SHOWN = 200  # sentences of a diff shown on the page


def link(row: dict[str, Any]) -> str | None:
    """The history page of a stored post that has more than one revision."""
    if (row.get("revision") or 1) < 2:
        return None
    return f"/post/{quote(row['source'], safe='')}/{row['post_id']}/revisions"


def page(db: Database, cfg: Config, source: str, post_id: int, old: int | None,
         new: int | None) -> dict[str, Any] | None:  # fmt: skip
    """What the page shows, or None (404): no such post, one revision only, or a revision
    it does not have."""
    revisions = queries.revisions_of(db, source, post_id)
    numbers = [r[0] for r in revisions]
    if len(revisions) < 2:
        return None
    new = numbers[-1] if new is None else new
    old = (numbers[numbers.index(new) - 1] if new in numbers[1:] else None) if old is None else old
    if old is None or old not in numbers or new not in numbers or old >= new:
        return None
    before = queries.revision_text(db, source, post_id, old)
    after = queries.revision_text(db, source, post_id, new)
    assert before is not None and after is not None  # both are in `numbers`
    listed = [{"n": number, "title": plain(title), "when": shown(modified, cfg.tz)}
              for number, modified, title in revisions]  # fmt: skip
    return {
        "title": plain(after[0]) or "(untitled)",
        "source": source,
        "revisions": listed,
        "old": old,
        "new": new,
        "old_title": plain(before[0]) if plain(before[0]) != plain(after[0]) else "",
        "papers": (before[2], after[2]) if before[2] != after[2] else None,
        "diff": sentence_diff(before[1], after[1], limit=SHOWN),
        "base": f"/post/{quote(source, safe='')}/{post_id}/revisions",
        "also": also(db, source, post_id),
    }


def also(db: Database, source: str, post_id: int) -> list[tuple[str, str, str]]:
    """(source, title, link) of the other write-ups in the post's story."""
    unit = stories.of_post(db, source, post_id).get(0)
    if unit is None or unit["alone"]:
        return []
    mine = stories.key(source, post_id)
    return [(m["source"], m["title"], safe_url(m["link"]) or "")
            for m in stories.members(db, unit["story"]) if m["key"] != mine]  # fmt: skip
