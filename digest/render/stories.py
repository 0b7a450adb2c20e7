"""One entry per story in a digest: the write-up from the source ranked first, the others as
"also covered by" under it, and nothing again of a story the reader already received.

Pure, over the rows a digest is made of (digest.store.rows): the story of each post and of
each item of a compilation comes with the row (digest.store.stories placed it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote

from digest.store.rows import Also, DigestRow, ItemRow
from digest.text import plain, safe_url


def item_link(row: DigestRow, item: ItemRow) -> str:
    """A link that lands on an item of a compilation: its heading's id on the site, or a
    text fragment of the heading."""
    link = safe_url(row.link) or ""
    if not link:
        return ""
    anchor = f"#{item.anchor}" if item.anchor else "#:~:text=" + quote(item.heading[:80])
    return safe_url(link + anchor) or link


@dataclass(frozen=True)
class _Unit:
    row: int
    item: int | None  # index into the row's items; None: the post itself
    post: DigestRow

    @property
    def entry(self) -> DigestRow | ItemRow:
        return self.post if self.item is None else self.post.items[self.item]

    def also(self) -> Also:
        if self.item is None:
            return Also(self.post.source, plain(self.post.title), safe_url(self.post.link) or "")
        item = self.post.items[self.item]
        return Also(self.post.source, plain(item.heading), item_link(self.post, item))


def one_per_story(
    rows: Sequence[DigestRow], ranking: Sequence[str] = (), received: Collection[str] = ()
) -> tuple[list[DigestRow], set[tuple[str, int]]]:
    """The rows with each story once: its entry from the source first in `ranking` (then
    the earliest), with "also covered by" the others and the papers of them all; entries of
    stories in `received` left out (an update of a post the reader had stays: it says what
    changed). Returns the rows and the posts left out entirely because the reader already
    had their story (they were not sent, so the ledger does not record them)."""
    rank = {name: i for i, name in enumerate(ranking)}
    groups: dict[str, list[_Unit]] = {}
    drop: set[tuple[int, int | None]] = set()
    seen_before: set[tuple[int, int | None]] = set()
    for r, row in enumerate(rows):
        for k in range(len(row.items)) if row.items else [None]:
            unit = _Unit(r, k, row)
            story = unit.entry.story
            if not story or row.updated:
                continue
            if story in received:
                seen_before.add((r, k))
                continue
            groups.setdefault(story, []).append(unit)
    drop |= seen_before
    heads: dict[tuple[int, int | None], tuple[tuple[Also, ...], tuple[str, ...]]] = {}
    for units in groups.values():
        if len(units) < 2:
            continue
        units.sort(key=lambda u: (rank.get(u.post.source, len(rank)), u.post.date_gmt,
                                  u.post.source, u.post.post_id, u.item or 0))  # fmt: skip
        head, rest = units[0], units[1:]
        union = list(head.entry.papers)
        for u in rest:
            drop.add((u.row, u.item))
            union += [p for p in u.entry.papers if p not in union]
        heads[(head.row, head.item)] = (tuple(u.also() for u in rest), tuple(union))
    out, unsent = [], set()
    for r, row in enumerate(rows):
        if not row.items:
            if (r, None) in seen_before:
                unsent.add((row.source, row.post_id))
            elif (r, None) not in drop:
                also, papers = heads.get((r, None), ((), row.papers))
                out.append(replace(row, also=also, papers=papers))
            continue
        items = []
        for k, item in enumerate(row.items):
            if (r, k) not in drop:
                also, papers = heads.get((r, k), ((), item.papers))
                items.append(replace(item, also=also, papers=papers))
        if items:
            out.append(replace(row, items=tuple(items)))
        elif all((r, k) in seen_before for k in range(len(row.items))):
            unsent.add((row.source, row.post_id))
    return out, unsent
