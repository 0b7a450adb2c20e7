"""The `cluster` command, and the lines `explain` shows about a post's stories."""

from __future__ import annotations

from typing import Any

import click

from digest import store
from digest.cli.base import POST, State, fail, find_post, item_of, require_database, say
from digest.clock import shown


def story_lines(db: store.Database, row: dict[str, Any], tz: Any) -> list[str]:
    """For each unit of a post (the post, or each item of a compilation): its story, the
    other write-ups in it and the similarity that joined each."""
    from digest.store import stories

    units = stories.of_post(db, row["source"], row["post_id"])
    if not units:
        return ["story: not placed yet (a crawl or a send places posts of the last 30 days)"]
    out = []
    for n, unit in sorted(units.items()):
        name = stories.key(row["source"], row["post_id"], n)
        members = stories.members(db, unit["story"])
        head = f"story of item {n}" if n else "story"
        if unit["alone"]:
            out.append(f"{head}: {name} stands alone (split by the operator)")
            continue
        if len(members) < 2:
            out.append(f"{head}: no other source's write-up found")
            continue
        out.append(f"{head}: {len(members)} write-ups ({unit['story']})")
        for m in members:
            how = (f"joined through {m['via']}, similarity {m['score']:.2f}" if m["via"]
                   else "the first")  # fmt: skip
            mark = "  <- this" if m["key"] == name else ""
            out.append(f"  {m['key']}  {shown(m['date_gmt'], tz)}  {m['title'][:70]!r}  "
                       f"{how}{mark}")  # fmt: skip
    return out


@click.command("cluster")
@POST
@click.option(
    "--split",
    is_flag=True,
    help="Take POST out of its story for good (kept across re-crawls, like pins).",
)
@click.pass_obj
def cluster(state: State, post: str, split: bool) -> None:
    """Show the story POST belongs to: the other sources' write-ups of the same event and
    the similarity that joined each. With --split, take POST out of it: it stands alone from
    then on, and digests show it as an entry of its own. POST is SOURCE:ID, the post's URL,
    or SOURCE:ID#N for item N of a compilation."""
    from digest.store import stories

    ref, item = item_of(post)
    cfg = state.config
    require_database(cfg)
    with store.session(cfg.database) as db:
        row = find_post(db, ref)
        name = stories.key(row["source"], row["post_id"], item or 0)
        if split:
            units = stories.of_post(db, row["source"], row["post_id"])
            if units and (item or 0) not in units:
                fail(f"{name}: no such unit (see wp-digest cluster {ref})", 2)
            left = stories.split(db, row["source"], row["post_id"], item or 0)
            say(state, f"{name}: taken out of {left}; it stands alone from now on" if left
                else f"{name}: was in no shared story; it will stand alone")  # fmt: skip
            return
        for line in story_lines(db, row, cfg.tz):
            say(state, line)
