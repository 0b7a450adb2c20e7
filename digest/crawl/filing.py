"""Filing stored posts under their papers: the classifier (pure) applied through the store.

The pipeline files each post as it is saved; `refile` does it again for stored posts, after
a source's [source.classify] rules changed (`wp-digest reclassify`) or for posts stored
before the schema had papers.
"""

from __future__ import annotations

import functools

from digest.classify import classify_row
from digest.config import Rules
from digest.store import Database, pins, posts


def hook(db: Database, source: str, rules: Rules) -> posts.PostHook:
    """What the store calls on a post it writes: the classifier with the source's rules and
    the names of its category and tag terms, and the papers an operator pinned."""
    names = posts.term_names(db, source)
    return functools.partial(classify_row, rules=rules, names=names, pins=pins.pins(db, source))


def refile(
    db: Database, source: str, rules: Rules, *, only_unfiled: bool = False
) -> tuple[int, int]:
    """Classify a source's stored posts again; no revision is made. (posts seen, changed)"""
    return posts.reclassify(db, source, hook(db, source, rules), only_unfiled=only_unfiled)
