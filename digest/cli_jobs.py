"""CLI commands that make and send digests and run the schedule: digest, send, demo, tick,
run. They register themselves on the group defined in digest.cli."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from digest import clock, config, lock, store
from digest.cli import DATE, State, cli, fail


@cli.command("digest")
@click.option(
    "--period",
    type=click.Choice(["daily", "weekly", "monthly"]),
    default="daily",
    show_default=True,
)
@click.option(
    "--date",
    "day",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="A day in the period (default: the last one).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Archive folder: write <label>.html/.txt, index.html and feed.xml there.",
)
@click.pass_obj
def digest_cmd(state: State, period: str, day: Any, out: Path | None) -> None:
    """Render the digest of a day, an ISO week or a month, grouped by syllabus paper.

    The period is a calendar day, a Monday-to-Sunday week or a month in the configured time
    zone; by default the last completed one. Daily and weekly digests list posts first
    published in the period and posts revised in it, marked "Updated"; with --out they are
    written as <label>.html and .txt. A monthly compilation holds the full text of every
    post published in the month, as <label>.html and a PDF book. Without --out the text
    version is printed. The folder also gets index.html and feed.xml.
    """
    from digest import archive, monthly, periods, queries, render  # when needed: startup

    cfg = state.config
    if day:
        chosen = periods.containing(period, day.date(), cfg.tz)
    else:
        chosen = periods.last_completed(period, clock.now(), cfg.tz)
    db = store.open_db(cfg.database)
    try:
        if period == "monthly":
            rows = queries.published_in(db, *chosen.bounds_utc())
        else:
            rows = queries.period_posts(db, *chosen.bounds_utc())
    finally:
        db.close()
    renderer = render.Renderer(cfg.digest)
    if period == "monthly":
        view = monthly.build(rows, chosen, cfg.digest)
    else:
        view = render.build(rows, chosen, cfg.digest)
    if out is None:
        click.echo(renderer.text(view), nl=False)
        return
    if period == "monthly":
        page = monthly.html(view, renderer)
        files = {".html": page, ".pdf": monthly.pdf(view, renderer)}
        paths = archive.publish_files(view, renderer, out, files)
    else:
        paths = list(archive.publish(view, renderer, out))
    if state.verbosity >= 0:
        click.echo(f"{chosen.label}: {view.total} posts -> {', '.join(map(str, paths))}")


@cli.command()
@click.option("--period", type=click.Choice(["daily", "weekly"]), help="Only these subscribers.")
@click.option("--dry-run", is_flag=True, help="Show who would get what; send and record nothing.")
@click.option("--to", "to", metavar="ADDR", help="Send a one-off preview to ADDR (no ledger).")
@click.pass_obj
def send(state: State, period: str | None, dry_run: bool, to: str | None) -> None:
    """Mail each subscriber the digest that is due, exactly once.

    A digest holds everything new or revised (in the subscriber's papers) not yet delivered
    to them, up to the end of the last completed day or week. Temporary failures are
    retried on later runs with backoff; the delivery ledger records every attempt.
    """
    from digest import deliver
    from digest.mail import ConfigProblem

    cfg = state.config
    db = store.open_db(cfg.database)
    now = clock.now()
    try:
        if to:
            if not config.EMAIL.match(to):
                raise click.BadParameter(f"not an email address: {to!r}", param_hint="--to")
            outcomes = [deliver.preview(cfg, db, now, to, period or "daily")]
        else:
            if not cfg.subscribers:
                raise click.UsageError("no [[subscriber]] in the config: nobody to send to")
            outcomes = deliver.send_due(cfg, db, now, period=period, dry_run=dry_run)
    except ConfigProblem as e:
        fail(str(e), 2)
    finally:
        db.close()
    failed = [o for o in outcomes if o.status in ("failed", "retrying")]
    for outcome in outcomes:
        if outcome in failed:
            click.echo(f"error: {outcome.line()}", err=True)
        elif state.verbosity >= 0:
            click.echo(outcome.line())
    if failed:
        sys.exit(1)


@cli.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default="wp-digest-demo",
    show_default=True,
    help="Folder for the demo's database, digests and outbox.",
)
@click.pass_obj
def demo_cmd(state: State, out: Path) -> None:
    """Run the whole pipeline offline on the bundled sample site, in seconds.

    Serves the sample site on loopback, crawls it, files posts by paper, renders the daily
    and weekly digests with an archive (index.html, feed.xml) and mails the latest one to a
    demo subscriber through the outbox.
    """
    from digest import demo

    try:
        lines = demo.run(state.config, out.resolve())
    except RuntimeError as e:
        fail(str(e), 1)
    for line in lines:
        click.echo(line)


def _locked(state: State, wait: bool) -> lock.InstanceLock:
    try:
        return lock.InstanceLock(state.config.database).acquire(wait=wait)
    except lock.Locked as e:
        fail(str(e), 1)
        raise  # unreachable: fail() exits


WAIT = click.option("--wait", is_flag=True, help="Wait for another instance instead of exiting.")


@cli.command()
@WAIT
@click.pass_obj
def tick(state: State, wait: bool) -> None:
    """Do once whatever is due now (crawl, send, retries), then exit: for cron.

    Due is worked out from the database (last crawl, digests already sent, retry times), so
    `*/15 * * * * wp-digest tick` catches up after downtime and never sends twice.
    """
    from digest import schedule

    cfg = state.config
    with _locked(state, wait):
        result = schedule.tick(cfg)
    if not result.ok:
        sys.exit(1)


@cli.command("run")
@WAIT
@click.pass_obj
def run_cmd(state: State, wait: bool) -> None:
    """Run as a daemon: crawl every [schedule] crawl_every, send digests at their times.

    Stops cleanly on SIGTERM or SIGINT (the current page is saved, no new job starts).
    """
    from digest import daemon

    cfg = state.config
    with _locked(state, wait):
        code = daemon.run(cfg)
    sys.exit(code)
