"""The pipeline's commands: init, crawl, reclassify, status, digest, send, demo, tick, run."""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from digest import clock, config, crawl, store
from digest.cli.base import State, cli, date_option, fail, report, require_database, say
from digest.periods import KINDS
from digest.states import Send
from digest.text import plural, printable


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_obj
def init(state: State, force: bool) -> None:
    """Write a commented starter wp-digest.toml (or the --config path)."""
    path = Path(state.config_path or config.DEFAULT_NAME)
    if path.exists() and not force:
        fail(f"{path} already exists (use --force to overwrite)", 2)
    from digest.config import starter

    path.write_text(starter.text(), encoding="utf-8")
    click.echo(f"wrote {path}; edit it, then run: wp-digest crawl")


def resolve_sources(cfg: config.Config, names: tuple[str, ...]) -> list[config.Source]:
    try:
        return config.pick_sources(cfg, names)
    except ValueError as e:
        if not names:
            raise click.UsageError(str(e)) from None
        raise click.BadParameter(str(e), param_hint="SOURCE") from None


@cli.command("crawl")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@date_option("--since", help="Re-crawl posts published on or after this date.")
@date_option("--until", help="Re-crawl posts published on or before this date.")
@click.option("--sample", is_flag=True, help="Crawl the bundled sample site, served on loopback.")
@click.pass_obj
def crawl_cmd(state: State, sources: tuple[str, ...], since: Any, until: Any, sample: bool) -> None:
    """Fetch new and edited posts (or a date range) from WordPress sites into the database.

    SOURCE is a configured source name or a site URL. Without SOURCE, every configured source
    is crawled. --since/--until (YYYY-MM-DD, in the configured time zone) re-crawl the posts
    published in that inclusive range without moving the incremental cursors.
    """
    cfg = state.config
    since_d: date | None = since.date() if since else None
    until_d: date | None = until.date() if until else None
    if since_d and until_d and since_d > until_d:
        raise click.BadParameter("--since is after --until", param_hint="--since")
    # A progress bar on a terminal only, and only without log lines to mix into.
    progress = state.verbosity == 0 and sys.stderr.isatty()
    with contextlib.ExitStack() as stack:
        if sample:
            from digest.sample.site import SAMPLE_HOST, serve_sample

            site = stack.enter_context(serve_sample())
            cfg = replace(cfg, crawl=replace(cfg.crawl, requests_per_second=100.0))
            chosen = [config.Source("sample", site.url, link_hosts=(SAMPLE_HOST,))]
        else:
            chosen = resolve_sources(cfg, sources)
        outcomes = crawl.run(
            cfg, chosen, since=since_d, until=until_d, progress=progress, verbosity=state.verbosity
        )
    ok = report(state, [(o.line(), o.ok) for o in outcomes])
    if since_d or until_d:  # a range re-crawl leaves the incremental cursors where they were
        from digest.cli.status import cursor_lines
        from digest.store import status as status_report

        with store.session(cfg.database) as db:
            for source in chosen:
                say(state, f"{source.name}: cursors unchanged")
                for line in cursor_lines(*status_report.cursors(db, source.name), cfg.tz):
                    say(state, line)
    sys.exit(0 if ok else 1)


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.pass_obj
def reclassify(state: State, sources: tuple[str, ...]) -> None:
    """Recompute papers and subjects of stored posts after the rules changed.

    No re-crawl and no new revisions. SOURCE names a source in the database; without SOURCE,
    every source in the database. Rules come from each source's [source.classify] table.
    """
    from digest.store import filing, learning, posts

    cfg = state.config
    with store.session(cfg.database) as db:
        stored = posts.stored_sources(db)
        for name in sources:
            if name not in stored:
                raise click.BadParameter(f"no posts stored for {name!r}", param_hint="SOURCE")
        chosen = sources or stored

        def refile_all() -> list[tuple[str, int, int]]:
            out = []
            for name in chosen:
                source = cfg.source(name)
                rules = source.classify if source else config.Rules()
                out.append((name, *filing.refile(db, name, rules)))
            return out

        before = {name: changed for name, _, changed in refile_all()}  # markers, new rules
        taught = learning.rebuild(db)  # what every marked post teaches, from scratch
        for name, seen, changed in refile_all():  # then posts without a marker, again
            say(state, f"{name}: {plural(seen, 'post')}, {before[name] + changed} changed")
        say(state, f"inferred filing learned from {taught} marked posts")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def status(state: State, as_json: bool) -> None:
    """Per source: posts stored, revisions, the last crawl and its outcome, the cursor."""
    from digest.cli.status import printable_tree
    from digest.store import status as status_report

    cfg = state.config
    require_database(cfg)
    with store.session(cfg.database) as db:
        from digest.mail.readers import sync_readers

        sync_readers(cfg, db)  # the config's [[subscriber]] entries, synced in
        paused = tuple(s.name for s in cfg.sources if s.paused)
        report = status_report.report(db, str(cfg.database), cfg.watch, clock.now(), paused)
    if as_json:  # the same printable-text rule as the terminal: a server's error text
        click.echo(json.dumps(printable_tree(report), indent=2, ensure_ascii=False))  # is in it
        return
    from digest.cli.status import lines

    for line in lines(report, cfg.tz):
        click.echo(printable(line))


@cli.command("digest")
@click.option(
    "--period",
    type=click.Choice(KINDS),
    default="daily",
    show_default=True,
)
@date_option("--date", "day", help="A day in the period (default: the last one).")
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
    from digest import periods
    from digest.render import Renderer, publish  # when needed: startup time

    cfg = state.config
    if day:
        chosen = periods.containing(period, day.date(), cfg.tz)
    else:
        chosen = periods.last_completed(period, clock.now(), cfg.tz)
    with store.session(cfg.database) as db:
        publish.place_stories(db, chosen)
        view = publish.view_for(db, chosen, cfg.digest, cfg.ranking)
    renderer = Renderer(cfg.digest)
    if out is None:
        click.echo(renderer.text(view), nl=False)
        return
    paths = publish.write(view, renderer, out)
    say(state, f"{chosen.label}: {plural(view.total, 'post')} -> {', '.join(map(str, paths))}")


@cli.command()
@click.option("--period", type=click.Choice(KINDS), help="Only these subscribers.")
@click.option("--dry-run", is_flag=True, help="Show who would get what; send and record nothing.")
@click.option("--to", "to", metavar="ADDR", help="Send a one-off preview to ADDR (no ledger).")
@click.pass_obj
def send(state: State, period: str | None, dry_run: bool, to: str | None) -> None:
    """Mail each subscriber the digest that is due, exactly once.

    A digest holds everything new or revised (in the subscriber's papers) not yet delivered
    to them, up to the end of the last completed day or week. Temporary failures are
    retried on later runs with backoff; the delivery ledger records every attempt.
    """
    from digest.mail import deliver
    from digest.mail.readers import sync_readers
    from digest.schedule.due import digest_times

    cfg = state.config
    now = clock.now()
    with store.session(cfg.database) as db:
        if to:
            if not config.EMAIL.match(to):
                raise click.BadParameter(f"not an email address: {to!r}", param_hint="--to")
            outcomes = [deliver.preview(cfg, db, now, to, period or "daily")]
        else:
            if not sync_readers(cfg, db, record=False):
                say(
                    state,
                    "nobody to send to: no active subscribers ([[subscriber]] in the "
                    "config, `wp-digest subscribers add`, or sign-ups on `wp-digest serve`)",
                )
                return
            # The digest each period's subscribers are due is the one `tick` would send now.
            as_of = digest_times(cfg, now)
            outcomes = deliver.send_due(cfg, db, now, period=period, dry_run=dry_run, as_of=as_of)
    ok = report(state, [(o.line(), o.status not in (Send.FAILED, Send.RETRYING)) for o in outcomes])
    if any(o.status == Send.SENT for o in outcomes):  # where "sent" went, in so many words
        mail = cfg.mail
        where = (f"sent via {mail.host}:{mail.port}" if mail.transport == "smtp"
                 else f"written to {mail.outbox}/ (transport \"outbox\": no mail left this "
                      "machine)")  # fmt: skip
        say(state, f"mail {where}")
    if not ok:
        sys.exit(1)


def _locked(state: State, wait: bool) -> Any:
    from digest.store import lock

    def waiting(holder: str) -> None:
        click.echo(f"waiting for pid {holder} to finish…", err=True)

    try:
        return lock.InstanceLock(state.config.database).acquire(wait=wait, waiting=waiting)
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
    from digest.schedule import tick as jobs

    cfg = state.config
    with _locked(state, wait):
        result = jobs.tick(cfg)
    if not result.ok:
        sys.exit(1)


@cli.command("run")
@WAIT
@click.pass_obj
def run_cmd(state: State, wait: bool) -> None:
    """Run as a daemon: crawl every [schedule] crawl_every, send digests at their times.

    Stops cleanly on SIGTERM or SIGINT (the current page is saved, no new job starts).
    """
    from digest.schedule import daemon

    cfg = state.config
    with _locked(state, wait):
        code = daemon.run(cfg)
    sys.exit(code)
