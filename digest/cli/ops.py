"""Commands an operator runs by hand around the pipeline: `backup`, `posts`, and `demo`."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from digest import clock, periods, store
from digest.cli.base import State, date_option, fail, require_database, say
from digest.papers import PAPERS, parse_paper
from digest.text import plain


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing file at PATH.")
@click.pass_obj
def backup(state: State, path: Path, force: bool) -> None:
    """Copy the database to PATH, consistently, even while `run` or a crawl is writing.

    PATH may be a folder: the copy is then named wp-digest-YYYYMMDD-HHMMSS.db inside it.
    Restore by stopping wp-digest and copying the file back over the config's `database`.
    """
    from digest.store.backup import BackupError
    from digest.store.backup import backup as copy_database

    cfg = state.config
    require_database(cfg)
    if path.is_dir():
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        path = path / f"wp-digest-{stamp}.db"
    if path.resolve() == Path(cfg.database).resolve():
        fail(f"{path} is the database itself; give another path", 2)
    if path.exists() and not force:
        fail(f"{path} exists; give another path, or --force to replace it", 2)
    if not path.parent.is_dir():
        fail(f"{path}: the folder {path.parent} does not exist", 2)
    try:
        done = copy_database(Path(cfg.database), path)
    except (BackupError, OSError) as e:
        fail(f"backup to {path} failed: {e}", 1)
    size = done.size / 1_000_000
    say(state, f"backed up {done.posts} posts (schema {done.schema}, {size:.1f} MB) to "
               f"{done.path}")  # fmt: skip


def _day_bounds(day: datetime | None, tz: Any) -> tuple[str, str] | None:
    """A local day as UTC stamps [start, end) (the store's `date_gmt` format)."""
    return periods.containing("daily", day.date(), tz).bounds_utc() if day else None


def _papers(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    try:
        return [parse_paper(v) for v in values]
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@click.command()
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Only this source "
              "(repeatable).")  # fmt: skip
@click.option("--paper", "papers", multiple=True, metavar="PAPER", callback=_papers,
              help=f"Only posts under this paper (repeatable; {', '.join(PAPERS)}).")  # fmt: skip
@date_option("--since", help="Only posts published on or after this day (configured zone).")
@date_option("--until", help="Only posts published on or before this day (configured zone).")
@click.option("--search", "words", metavar="WORDS", help="Only posts with all these words.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000),
              help="At most this many posts, newest first.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON array, for scripts.")
@click.pass_obj
def posts(state: State, sources: tuple[str, ...], papers: list[str], since: Any, until: Any,
          words: str | None, limit: int, as_json: bool) -> None:  # fmt: skip
    """List stored posts, newest first: SOURCE:ID (what `explain` and `file` take), the
    publication time in the configured zone, the papers and the title."""
    from digest.store import listing
    from digest.store.posts import stored_sources

    cfg = state.config
    require_database(cfg)
    if since and until and since > until:
        raise click.BadParameter("--since is after --until", param_hint="--since")
    tz = cfg.tz
    with store.connection(cfg.database) as db:
        known = sorted({s.name for s in cfg.sources} | set(stored_sources(db)))
        for name in sources:
            if name not in known:
                raise click.BadParameter(
                    f"no source {name!r} (known: {', '.join(known) or 'none'})",
                    param_hint="--source",
                )
        first, last = _day_bounds(since, tz), _day_bounds(until, tz)
        rows = listing.list_posts(
            db, sources=list(sources), papers=papers, since=first and first[0],
            until=last and last[1], words=words, limit=limit,
        )  # fmt: skip
    for row in rows:
        row["title"] = plain(row["title"] or "")
        row["ref"] = f"{row['source']}:{row['post_id']}"
        published = datetime.fromisoformat(row["date_gmt"]).replace(tzinfo=UTC)
        row["published"] = published.astimezone(tz).isoformat(timespec="minutes")
    if as_json:
        keys = ("ref", "source", "post_id", "revision", "published", "papers", "title", "link")
        click.echo(json.dumps([{k: r[k] for k in keys} for r in rows], ensure_ascii=False))
        return
    if not rows:
        say(state, "no stored post matches")
        return
    width = max(len(r["ref"]) for r in rows)
    for r in rows:
        when = r["published"].replace("T", " ")
        say(state, f"{r['ref']:<{width}}  {when}  {','.join(r['papers']):<9}  {r['title']}")


@click.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default="wp-digest-demo",
    show_default=True,
    help="Folder for the demo's database, digests and outbox.",
)
@click.option("--serve", is_flag=True, help="Then serve the readers' site on loopback.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Its port (default: any free)."
)
@click.pass_obj
def demo_cmd(state: State, out: Path, serve: bool, port: int) -> None:
    """Run the whole pipeline offline on the bundled sample site, in seconds.

    Serves the sample site on loopback, crawls it, files posts by paper, renders the daily
    and weekly digests with an archive (index.html, feed.xml) and mails the latest one to a
    demo subscriber through the outbox. With --serve, the readers' site (archive, digests,
    search, sign-up) then runs over the demo's data at the URL it prints, until Ctrl-C.
    """
    from digest.sample import demo

    try:
        lines = demo.run(state.settings, out.resolve())
    except RuntimeError as e:
        fail(str(e), 1)
    click.echo("\n".join(lines))
    if serve:
        from digest.web import server

        cfg, port = demo.site_config(state.settings, out.resolve(), port)
        click.echo(f"\nThe readers' site: {cfg.web.base_url} (sign-up mail goes to "
                   f"{cfg.mail.outbox}/; Ctrl-C stops it)", nl=True)  # fmt: skip
        sys.exit(server.run(cfg, "127.0.0.1", port, state.verbosity))


@click.command("bounces")
@click.pass_obj
def bounces_cmd(state: State) -> None:
    """Read the bounce mailbox ([mail] bounces) now: a hard bounce suspends the address, soft
    bounces do after [mail] soft_bounce_limit in soft_bounce_days, a complaint unsubscribes.
    One line per report about a reader; `run` and `tick` do this before they send."""
    from digest.mail import bouncebox

    cfg = state.config
    with store.session(cfg.database) as db:
        try:
            lines = bouncebox.process(cfg, db)
        except bouncebox.BoxError as e:
            fail(str(e), 1)
    for line in lines:
        say(state, line)
    if not lines:
        say(state, "no new bounces")


__all__ = ["backup", "bounces_cmd", "demo_cmd", "posts"]
