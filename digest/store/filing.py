"""Filing stored posts under their papers: the classifier (pure, digest.classify) applied
through the store, which encodes what it returns.

The crawl's pipeline files each post as it is saved; `refile` does it again for stored
posts, after a source's [source.classify] rules changed (`wp-digest reclassify`) or for
posts stored before the schema had papers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from digest.classify import Filing, file_post
from digest.config import Rules
from digest.store import learning, pins, posts
from digest.store.db import Database


def hook(db: Database, source: str, rules: Rules) -> posts.PostHook:
    """What the store calls on a post it writes: the classifier with the source's rules and
    the names of its category and tag terms, and the papers an operator pinned."""
    names = posts.term_names(db, source)
    pinned = pins.pins(db, source)
    items_pinned = pins.item_pins(db, source)
    model = learning.load(db)  # what marked posts taught, as of now

    def columns(row: Mapping[str, Any]) -> dict[str, str | None]:
        return encode(file_post(row, rules, names, pinned, items_pinned, model))

    return columns


def encode(filing: Filing) -> dict[str, str | None]:
    """A filing as the `posts` columns that keep it (a compilation's items as JSON)."""
    items = [
        {"n": i.n, "heading": i.heading, "anchor": i.anchor, "start": i.start, "end": i.end,
         "papers": list(i.papers), "subjects": list(i.subjects), "reason": i.reason}
        for i in filing.items
    ]  # fmt: skip
    return {
        "papers": json.dumps(list(filing.papers)),
        "subjects": json.dumps(list(filing.subjects), ensure_ascii=False),
        "filing": filing.reason,
        "items": json.dumps(items, ensure_ascii=False) if items else None,
    }


def refile(
    db: Database, source: str, rules: Rules, *, only_unfiled: bool = False
) -> tuple[int, int]:
    """Classify a source's stored posts again; no revision is made. (posts seen, changed)"""
    return posts.reclassify(db, source, hook(db, source, rules), only_unfiled=only_unfiled)
