"""What the store's queries return: typed, frozen rows, never dicts that callers change.

A `DigestRow` is one post as a digest shows it (its latest revision, and for one reader
whether it comes back updated). It is frozen and hashable: two readers may share one
rendering exactly when their rows are equal, so a field added here is part of that
decision without anyone remembering a list (digest.mail.deliver).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Also:
    """Another source's write-up of the same story, shown under the entry a reader gets."""

    source: str
    title: str
    link: str


@dataclass(frozen=True)
class ItemRow:
    """One item of a compilation: its heading, where its HTML is in the post's content, and
    where it is filed."""

    n: int
    heading: str
    anchor: str  # the heading's id on the site, or ""
    start: int
    end: int
    papers: tuple[str, ...]
    subjects: tuple[str, ...]
    reason: str
    story: str = ""  # the story it belongs to (digest.store.stories), if placed
    also: tuple[Also, ...] = ()


@dataclass(frozen=True)
class DigestRow:
    source: str
    post_id: int
    revision: int
    title: str
    link: str
    date_gmt: str
    modified_gmt: str
    excerpt: str
    content: str
    papers: tuple[str, ...]
    subjects: tuple[str, ...]
    categories: tuple[int, ...]
    updated: bool = False  # comes back to this reader in a later revision
    changes: tuple[str, ...] = ()  # what that revision changed: title, content, excerpt
    items: tuple[ItemRow, ...] = ()  # a compilation's items, each filed on its own
    # Since the version this reader received: sentences added ("+") and removed ("-"), and
    # the title it had then when it changed (digest.changes).
    diff: tuple[tuple[str, str], ...] = ()
    old_title: str = ""
    old_papers: tuple[str, ...] = ()  # the papers it was under then, when they changed
    story: str = ""  # the story it belongs to (digest.store.stories), if placed
    also: tuple[Also, ...] = ()  # the same story from other sources, in this digest

    @classmethod
    def of(cls, row: dict[str, Any]) -> DigestRow:
        """From a `posts` row (JSON columns decoded here, once); `stories`, when the query
        has it, maps item numbers (0: the post) to their stories."""
        stories = json.loads(row.get("stories") or "{}")
        return cls(
            source=row["source"],
            post_id=row["post_id"],
            revision=row["revision"],
            title=row["title"] or "",
            link=row["link"] or "",
            date_gmt=row["date_gmt"],
            modified_gmt=row["modified_gmt"] or row["date_gmt"],
            excerpt=row["excerpt"] or "",
            content=row["content"] or "",
            papers=tuple(json.loads(row.get("papers") or '["Other"]')),
            subjects=tuple(json.loads(row.get("subjects") or "[]")),
            categories=tuple(json.loads(row.get("categories") or "[]")),
            story=stories.get("0", ""),
            items=tuple(
                ItemRow(
                    n=i["n"],
                    heading=i["heading"],
                    anchor=i.get("anchor") or "",
                    start=i["start"],
                    end=i["end"],
                    papers=tuple(i["papers"]),
                    subjects=tuple(i.get("subjects") or ()),
                    reason=i.get("reason") or "",
                    story=stories.get(str(i["n"]), ""),
                )
                for i in json.loads(row.get("items") or "[]")
            ),  # fmt: skip
        )

    def marked(self, updated: bool, changes: tuple[str, ...] = ()) -> DigestRow:
        """The same post, marked (or not) as coming back updated."""
        return replace(self, updated=updated, changes=changes if updated else ())


@dataclass(frozen=True)
class Delivery:
    """A digest for one reader, as the ledger records it."""

    id: int
    subscriber: str
    period: str
    label: str
    status: str
    attempts: int
    message_id: str
    posts: int
    created: str
    sent_at: str | None = None
    last_error: str | None = None
    next_attempt: str | None = None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Delivery:
        return cls(**{k: row.get(k) for k in cls.__dataclass_fields__})  # type: ignore[arg-type]
