"""The readers' site's search results: rows of the full-text search grouped by paper, with
an excerpt each, and for a compilation the item that holds the words."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from digest.classify import is_marker
from digest.papers import PAPERS
from digest.store import search
from digest.text import excerpt, plain, safe_url
from digest.web import history


def grouped(rows: list[dict[str, Any]], query: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Search results (digest.store.search) by paper, each with its excerpt: for a
    compilation, the item the words are in."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    words = [w.lower() for w in search.WORD.findall(query)]
    for row in rows:
        item = _matching_item(row, words)
        if item is not None:  # a compilation: the item the words are in
            body = row["content"][item["start"] : item["end"]]
            anchor = item.get("anchor") or ""
            link = safe_url(row["link"] + (f"#{anchor}" if anchor else ""))
            groups[item["papers"][0]].append({
                "title": plain(item["heading"]) or "(untitled)",
                "from": plain(row["title"]),
                "link": link, "source": row["source"], "date": row["date_gmt"][:10],
                "subjects": item.get("subjects") or [], "history": history.link(row),
                "excerpt": excerpt(body, 220, skip=is_marker),
            })  # fmt: skip
            continue
        groups[row["papers"][0]].append({
            "title": plain(row["title"]) or "(untitled)", "from": None,
            "link": safe_url(row["link"]), "source": row["source"],
            "date": row["date_gmt"][:10], "subjects": row["subjects"],
            "excerpt": excerpt(row["content"], 220, skip=is_marker),
            "history": history.link(row),
        })  # fmt: skip
    return [(paper, groups[paper]) for paper in PAPERS if paper in groups]


def _matching_item(row: dict[str, Any], words: list[str]) -> dict[str, Any] | None:
    """The item of a compilation that holds the searched words (most of them), if any."""
    best, score = None, 0
    for item in row.get("items") or []:
        text = plain(item["heading"] + " " + row["content"][item["start"] : item["end"]])
        found = sum(w in text.lower() for w in words)
        if found > score:
            best, score = item, found
    return best
