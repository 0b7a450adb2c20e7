"""The one boundary for what a site sends: a REST post object in, a checked record out.

Everything a WordPress site sends is hostile until it passes here. Types and ranges are
checked (positive integer IDs, dates with their offsets within a sane window, lists of term
IDs); text loses C0/C1 control characters (but tab and newline), bidi overrides and lone
surrogates; sizes and the nesting of HTML are bounded; the link must be an http(s) URL on
the source's own host, or the post gets the site's `?p=ID` address instead. A post that
cannot be made valid is rejected with a reason and a bounded excerpt of what came, for the
quarantine table: the rest of its page is saved as usual.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from digest.clock import STAMP
from digest.text import CONTROL_CHARACTERS, MAX_DEPTH, bound_nesting

MAX_TITLE = 1_000  # characters; longer titles are cut
MAX_CONTENT = 2_000_000  # characters of HTML; a longer post is rejected (no mail could hold it)
EXCERPT = 500  # characters of the raw object kept with a rejected post
EARLIEST, LATEST = datetime(1995, 1, 1), datetime(2100, 1, 1)
EARLIEST_TEXT, LATEST_TEXT = EARLIEST.strftime(STAMP), LATEST.strftime(STAMP)
# The control characters of digest.text, but tab and newline, which text may keep.
UNSAFE = re.compile("[" + CONTROL_CHARACTERS.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f") + "]")
# One scan finds both what UNSAFE removes and lone surrogates (most text has neither).
SUSPECT = re.compile(UNSAFE.pattern[:-1] + "\ud800-\udfff]")
ASCII_UNSAFE = dict.fromkeys([*range(0, 9), *range(11, 32), 127])  # str.translate: C-fast
BAD_IN_LINK = re.compile(f"[\\s{CONTROL_CHARACTERS}]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


class Rejected(ValueError):
    """This post cannot be stored; the message says why."""


def clean_text(value: str) -> str:
    """Text with unsafe characters removed and lone surrogates replaced."""
    if not value.isascii():  # only non-ASCII text can hold a surrogate or a bidi control
        if SUSPECT.search(value) is None:
            return value
        return UNSAFE.sub("", SURROGATE.sub("\ufffd", value))
    return value.translate(ASCII_UNSAFE)


def parse_time(value: Any, what: str) -> str:
    """A WordPress timestamp (GMT, or with an offset) as a UTC stamp, within the window."""
    if not isinstance(value, str):
        raise Rejected(f"{what} is not a date-time: {_show(value)}")
    text = value.strip().replace(" ", "T")
    if text.endswith("Z"):
        text = text[:-1]
    if len(text) == 19 and text[10] == "T" and EARLIEST_TEXT <= text < LATEST_TEXT:
        # WordPress' own GMT form is the store's: checked, not rewritten.
        try:
            if datetime.fromisoformat(text).tzinfo is None:
                return text
        except ValueError:
            pass  # rejected below
    try:
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise Rejected(f"{what} is not a date-time: {_show(value)}") from None
    if not EARLIEST <= parsed < LATEST:
        raise Rejected(f"{what} is out of range: {_show(value)}")
    return parsed.strftime(STAMP)


def _rendered(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if isinstance(value, dict):
        value = value.get("rendered")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Rejected(f"{key} is not text")
    return clean_text(value)


def _ids(obj: dict[str, Any], key: str) -> list[int]:
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 < v < 2**53 for v in value
    ):
        raise Rejected(f"{key} is not a list of term IDs")
    return value


@functools.lru_cache(maxsize=64)
def _site_host(site_url: str) -> str:
    return (urlsplit(site_url).hostname or "").removeprefix("www.")


def safe_link(
    value: Any, site_url: str, post_id: int, hosts: tuple[str, ...] = ()
) -> tuple[str, str | None]:
    """(link, problem): the post's own link if it is an http(s) URL on the site's host (or
    one of `hosts`), else the site's `?p=ID` address and why the link was not used."""
    fallback = f"{site_url.split('?', 1)[0]}?p={post_id}"
    if not isinstance(value, str) or not value:
        return fallback, "no link"
    if BAD_IN_LINK.search(value):
        return fallback, f"link has spaces or control characters: {_show(value)}"
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").removeprefix("www.")
        same = host == _site_host(site_url) or parts.hostname in hosts
    except ValueError:
        return fallback, f"link is not a URL: {_show(value)}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return fallback, f"link is not an absolute http(s) URL: {_show(value)}"
    if not same:
        return fallback, f"link points to another host: {_show(value)}"
    return value, None


def parse_post(
    obj: Any, post_type: str, site_url: str, hosts: tuple[str, ...] = ()
) -> tuple[dict[str, Any], str | None]:
    """One REST post object as the store's record, and a problem worth recording (a
    replaced link), or raise Rejected."""
    if not isinstance(obj, dict):
        raise Rejected(f"expected a post object, got {type(obj).__name__}")
    post_id = obj.get("id")
    if not isinstance(post_id, int) or isinstance(post_id, bool) or not 0 < post_id < 2**53:
        raise Rejected(f"post has no valid id: {_show(post_id)}")
    try:
        content = _rendered(obj, "content")
        if len(content) > MAX_CONTENT:
            raise Rejected(f"content is {len(content):,} characters, over {MAX_CONTENT:,}")
        content, unwrapped = bound_nesting(content)
        history = obj.get("_links")
        history = history.get("version-history") if isinstance(history, dict) else None
        first = history[0] if isinstance(history, list) and history else None
        count = first.get("count") if isinstance(first, dict) else None
        link, problem = safe_link(obj.get("link"), site_url, post_id, hosts)
        slug = obj.get("slug")
        record = {
            "post_id": post_id,
            "post_type": post_type,
            "title": _rendered(obj, "title")[:MAX_TITLE],
            "content": content,
            "excerpt": _rendered(obj, "excerpt")[:MAX_CONTENT],
            "link": link,
            "slug": clean_text(slug)[:200] if isinstance(slug, str) else None,
            "date_gmt": parse_time(obj.get("date_gmt"), "date_gmt"),
            "modified_gmt": parse_time(obj.get("modified_gmt"), "modified_gmt"),
            "categories": _ids(obj, "categories"),
            "tags": _ids(obj, "tags"),
            "version_count": count if isinstance(count, int) and count >= 0 else None,
        }
    except Rejected as e:
        raise Rejected(f"post {post_id}: {e}") from None
    if unwrapped:
        nesting = f"content nested deeper than {MAX_DEPTH} levels: {unwrapped:,} tags unwrapped"
        problem = f"{problem}; {nesting}" if problem else nesting
    return record, (f"post {post_id}: {problem}" if problem else None)


def parse_page(
    data: Any, post_type: str, site_url: str, hosts: tuple[str, ...] = ()
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A page of the posts collection: (records, rejects). A rejected post becomes a row for
    the quarantine: post ID where known, the reason, a bounded excerpt of what came; a post
    kept with a replaced link is recorded there too, marked kept."""
    if not isinstance(data, list):
        raise Rejected(f"expected a JSON list of posts, got {type(data).__name__}")
    records, rejects = [], []
    for obj in data:
        post_id = obj.get("id") if isinstance(obj, dict) else None
        if not isinstance(post_id, int) or isinstance(post_id, bool) or not 0 < post_id < 2**53:
            post_id = None  # the quarantine takes any value the site sends: its reason says it
        try:
            record, problem = parse_post(obj, post_type, site_url, hosts)
        except Rejected as e:
            rejects.append(_reject(post_id, str(e), obj, kept=False))
            continue
        records.append(record)
        if problem:
            rejects.append(_reject(post_id, problem, obj, kept=True))
    return records, rejects


def _reject(post_id: int | None, reason: str, obj: Any, *, kept: bool) -> dict[str, Any]:
    try:
        raw = json.dumps(obj, ensure_ascii=True, default=str)[:EXCERPT]
    except (RecursionError, ValueError):
        raw = "(not shown: nested too deeply)"
    return {"post_id": post_id, "reason": clean_text(reason)[:500], "excerpt": raw, "kept": kept}


def _show(value: Any) -> str:
    """A value from the site, fit for one line of a message: bounded, no controls."""
    text = clean_text(repr(value))
    return text if len(text) <= 80 else text[:77] + "..."
