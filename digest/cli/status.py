"""`status` for people: the store's report (digest.store.status) as lines of text.

The report itself is data (what `status --json` prints); how it reads is decided here.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from digest.clock import shown
from digest.mail.bounces import NAMES
from digest.papers import PAPERS
from digest.states import Crawl
from digest.text import plural, printable


def lines(report: dict[str, Any], tz: tzinfo) -> list[str]:
    """The report for people, one fact a line; times in the configured zone (`tz`)."""
    out = [f"database: {report['database']}"]
    out += [f"warning: {line}" for line in report["warnings"]]
    if not report["sources"]:
        out.append("nothing crawled yet")
    for src in report["sources"]:
        posts, revisions = plural(src["posts"], "post"), plural(src["revisions"], "revision")
        out.append(f"{src['source']}: {posts}, {revisions}")
        if src.get("paused"):
            since = src["last_crawl"] and (
                src["last_crawl"]["finished"] or src["last_crawl"]["started"]
            )
            out.append(
                "  paused (`paused = true` in the config): "
                + (f"not crawled since {shown(since, tz)}" if since else "never crawled")
            )
        if src["papers"]:
            counts = [f"{p} {src['papers'][p]}" for p in PAPERS if p in src["papers"]]
            out.append("  papers (as digests list them, by first paper): " + ", ".join(counts))
        if src["also_in"]:
            also = [f"{p} {src['also_in'][p]}" for p in PAPERS if p in src["also_in"]]
            out.append("  also in: " + ", ".join(also))
        if src.get("inferred"):
            out.append(
                f"  inferred from their words (no marker): {plural(src['inferred'], 'post')}"
            )
        if src.get("compilations"):
            out.append(f"  compilations filed item by item: {plural(src['compilations'], 'post')}")
        for reason, count in src["other_reasons"].items():
            out.append(f"  Other, {plural(count, 'post')}: {reason}")
        if src["pinned"]:
            out.append(
                f"  pinned by the operator: {plural(src['pinned'], 'post')} (wp-digest file)"
            )
        last = src["last_crawl"]
        if last:
            when = last["finished"] or last["started"]
            line = f"  last crawl: {shown(when, tz)}, {last['mode']}, {last['outcome']}"
            if last["outcome"] == Crawl.OK:
                line += f" ({last['new_posts']} new, {last['new_revisions']} updated)"
            out.append(line)
            if last["error"]:
                out.append(f"  error: {last['error']}")
        out += cursor_lines(src["cursors"], src["published_cursors"], tz)
        if src["rejects"]["rejected"] or src["rejects"]["fixed"]:
            r = src["rejects"]
            out.append(
                f"  quarantine: {r['rejected']} posts not stored, {r['fixed']} stored with a "
                f"fix; last: {r['last']}"
            )
    states = ", ".join(f"{n} {state}" for state, n in report["readers"].items())
    out.append(f"subscribers: {states}")
    if report["bounces_7_days"]:
        kinds = report["bounces_7_days"]
        out.append("  in the last 7 days: " + ", ".join(
            plural(kinds[k], name) for k, name in NAMES.items() if k in kinds))  # fmt: skip
    for sent in report["sent"]:
        out.append(f"  {sent['label']} went to {plural(sent['readers'], 'reader')}, the last "
                   f"at {shown(sent['sent_at'], tz)}")  # fmt: skip
    if not report["every_reader"]:
        out.append("  (readers with a digest pending or failed below; all: `wp-digest "
                   "subscribers list`)")  # fmt: skip
    for address in report["suspended"]:
        out.append(f"{address}: suspended after repeated permanent failures; skipped")
    for sub in report["subscribers"]:
        last = sub["last_sent"]
        sent = (
            f"last sent {last['label']} at {shown(last['sent_at'], tz)}"
            if last
            else "nothing sent yet"
        )
        out.append(f"{sub['subscriber']}: {sent}")
        for item in sub["pending"]:
            out.append(
                f"  pending {item['label']}: {item['attempts']} tries, next after "
                f"{shown(item['next_attempt'], tz)}"
            )
        for item in sub["failed"]:
            out.append(f"  failed {item['label']} after {item['attempts']} tries")
        if sub["last_error"]:
            out.append(f"  last error: {sub['last_error']}")
    return out


def cursor_lines(modified: dict[str, str], published: dict[str, str], tz: tzinfo) -> list[str]:
    """Where each post type's incremental walks stand: by modified date, by publication."""
    out = []
    for post_type in sorted(set(modified) | set(published)):
        parts = (
            [f"modified after {shown(modified[post_type], tz)}"] if post_type in modified else []
        )
        if post_type in published:
            parts.append(f"published after {shown(published[post_type], tz)}")
        out.append(f"  cursor {post_type}: {', '.join(parts)}")
    return out


def printable_tree(value: Any) -> Any:
    """Every string in a JSON-able tree made printable (digest.text.printable)."""
    if isinstance(value, str):
        return printable(value, 10_000)
    if isinstance(value, dict):
        return {printable_tree(k): printable_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_tree(v) for v in value]
    return value
