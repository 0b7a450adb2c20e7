"""Where a post row is filed, as plain values: the classifier's decision, with the
operator's pins applied (`wp-digest file SOURCE:ID`, and `SOURCE:ID#N` for one item)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from digest.classify import infer
from digest.classify.decision import decide
from digest.classify.items import Item
from digest.config.model import Rules


@dataclass(frozen=True)
class Filing:
    """Where a post is filed, as plain values: the store decides how to keep them. A
    compilation's items are filed one by one; the post's papers are theirs."""

    papers: tuple[str, ...]
    subjects: tuple[str, ...]
    reason: str
    items: tuple[Item, ...] = ()


def file_post(
    row: Mapping[str, Any],
    rules: Rules,
    names: Mapping[int, str],
    pins: Mapping[int, tuple[list[str], str]] | None = None,
    item_pins: Mapping[tuple[int, int], tuple[list[str], str]] | None = None,
    model: infer.Model | None = None,
) -> Filing:
    """A post row's filing (categories and tags as lists of IDs). A post an operator
    pinned (`wp-digest file SOURCE:ID`) keeps the pinned papers, an item pinned
    (`SOURCE:ID#N`) its own; subjects still come from the post."""
    terms = list(row.get("categories") or []) + list(row.get("tags") or [])
    title, content = row.get("title") or "", row.get("content") or ""
    decision = decide(title, content, terms, rules, names, trace=False, model=model)
    post_id = row.get("post_id")
    found = []
    for item in decision.items:
        pin = (item_pins or {}).get((post_id, item.n))  # type: ignore[arg-type]
        if pin:
            item = replace(item, papers=tuple(pin[0]), reason=f"pinned: {pin[1]}")
        found.append(item)
    if found:  # the post's papers follow its items' (pinned ones included)
        decision.papers = list(dict.fromkeys(p for item in found for p in item.papers))
    pin = (pins or {}).get(post_id)  # type: ignore[arg-type]
    if pin:  # the operator files the whole post: it is shown whole, not item by item
        decision.papers, decision.reason, found = list(pin[0]), f"pinned: {pin[1]}", []
    return Filing(tuple(decision.papers), tuple(decision.subjects), decision.reason, tuple(found))
