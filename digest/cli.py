"""The `wp-digest` command line: thin commands that wire config, crawl, store and render.

Exit codes: 0 ok, 1 a runtime failure (a source or a delivery failed), 2 usage or config error.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import click

from digest import __version__, config, crawl, logs, store
from digest.classify import PAPERS, Rules, classify_row

DATE = click.DateTime(formats=["%Y-%m-%d"])


class State:
    """What the group options decided; the config is loaded only when a command needs it."""

    def __init__(self, config_path: str | None, db: str | None, verbosity: int):
        self.config_path, self.db, self.verbosity = config_path, db, verbosity
        self._config: config.Config | None = None

    @property
    def config(self) -> config.Config:
        if self._config is None:
            cfg = config.load(self.config_path)
            if self.db:
                cfg = replace(cfg, database=Path(self.db).resolve())
            self._config = cfg
        return self._config


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


class Group(click.Group):
    """Turns a ConfigError anywhere into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except config.ConfigError as e:
            fail(str(e), 2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    help="Config file (default: $WP_DIGEST_CONFIG, then ./wp-digest.toml).",
)
@click.option("--db", metavar="PATH", help="SQLite database (overrides the config's `database`).")
@click.option("-v", "--verbose", count=True, help="More output (repeat for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Log lines on stderr for people, or JSON lines for machines.",
)
@click.version_option(__version__, prog_name="wp-digest")
@click.pass_context
def cli(
    ctx: click.Context,
    config_path: str | None,
    db: str | None,
    verbose: int,
    quiet: bool,
    log_format: str,
):
    """Crawl WordPress current-affairs sites and mail digests grouped by UPSC syllabus paper."""
    verbosity = -1 if quiet else verbose
    logs.setup(verbosity, log_format)
    ctx.obj = State(config_path, db, verbosity)


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_obj
def init(state: State, force: bool) -> None:
    """Write a commented starter wp-digest.toml (or the --config path)."""
    path = Path(state.config_path or config.DEFAULT_NAME)
    if path.exists() and not force:
        fail(f"{path} already exists (use --force to overwrite)", 2)
    text = resources.files("digest").joinpath("starter.toml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}; edit it, then run: wp-digest crawl")


def resolve_sources(cfg: config.Config, names: tuple[str, ...]) -> list[config.Source]:
    """Configured names or ad hoc site URLs; none given means every configured source."""
    if not names:
        if not cfg.sources:
            raise click.UsageError(
                "no sources: give a site URL, or add [[source]] tables to wp-digest.toml "
                "(wp-digest init writes a starter file)"
            )
        return list(cfg.sources)
    out = []
    for name in names:
        source = cfg.source(name)
        if source is None and "://" in name:
            try:
                source = config.source_from_url(name)
            except ValueError as e:
                raise click.BadParameter(str(e), param_hint="SOURCE") from None
        if source is None:
            known = ", ".join(s.name for s in cfg.sources) or "none configured"
            raise click.BadParameter(
                f"unknown source {name!r} (known: {known})", param_hint="SOURCE"
            )
        out.append(source)
    return out


@cli.command("crawl")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--since",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Re-crawl posts published on or after this date.",
)
@click.option(
    "--until",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Re-crawl posts published on or before this date.",
)
@click.option("--sample", is_flag=True, help="Crawl the bundled sample site, served on loopback.")
@click.pass_obj
def crawl_cmd(state: State, sources: tuple[str, ...], since: Any, until: Any, sample: bool) -> None:
    """Fetch new and edited posts (or a date range) from WordPress sites into the database.

    SOURCE is a configured source name or a site URL. Without SOURCE, every configured source
    is crawled. --since/--until (YYYY-MM-DD, in the configured time zone) re-crawl the posts
    published in that inclusive range without moving the incremental cursor.
    """
    cfg = state.config
    since_d: date | None = since.date() if since else None
    until_d: date | None = until.date() if until else None
    if since_d and until_d and since_d > until_d:
        raise click.BadParameter("--since is after --until", param_hint="--since")
    server = None
    if sample:
        from digest.samplesite import WordPressServer, load_sample

        posts, categories = load_sample()
        server = WordPressServer(posts, categories=categories).start()
        cfg = replace(cfg, crawl=replace(cfg.crawl, requests_per_second=100.0))
        chosen = [config.Source(name="sample", url=server.url)]
    else:
        chosen = resolve_sources(cfg, sources)
    progress = state.verbosity >= 0 and (sys.stdout.isatty() or state.verbosity > 0)
    try:
        outcomes = crawl.run(
            cfg, chosen, since=since_d, until=until_d, progress=progress, verbosity=state.verbosity
        )
    finally:
        if server:
            server.stop()
    for outcome in outcomes:
        if outcome.ok:
            if state.verbosity >= 0:
                click.echo(outcome.line())
        else:
            click.echo(f"error: {outcome.line()}", err=True)
    if not all(o.ok for o in outcomes):
        sys.exit(1)


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.pass_obj
def reclassify(state: State, sources: tuple[str, ...]) -> None:
    """Recompute papers and subjects of stored posts after the rules changed.

    No re-crawl and no new revisions. SOURCE names a source in the database; without SOURCE,
    every source in the database. Rules come from each source's [source.classify] table.
    """
    cfg = state.config
    db = store.open_db(cfg.database)
    try:
        stored = [r[0] for r in db.execute("SELECT DISTINCT source FROM posts ORDER BY 1")]
        for name in sources:
            if name not in stored:
                raise click.BadParameter(f"no posts stored for {name!r}", param_hint="SOURCE")
        for name in sources or stored:
            source = cfg.source(name)
            rules = source.classify if source else Rules()
            names = store.term_names(db, name)
            hook = functools.partial(classify_row, rules=rules, names=names)
            seen, changed = store.reclassify(db, name, hook)
            if state.verbosity >= 0:
                click.echo(f"{name}: {seen} posts, {changed} changed")
    finally:
        db.close()


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def status(state: State, as_json: bool) -> None:
    """Per source: posts stored, revisions, the last crawl and its outcome, the cursor."""
    from digest import ledger, queries

    cfg = state.config
    db = store.open_db(cfg.database)
    try:
        report = {
            "database": str(cfg.database),
            "sources": queries.status(db),
            "subscribers": ledger.report(db, [s.email for s in cfg.subscribers]),
        }
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"database: {report['database']}")
    if not report["sources"]:
        click.echo("nothing crawled yet")
    for src in report["sources"]:
        click.echo(f"{src['source']}: {src['posts']} posts, {src['revisions']} revisions")
        if src["papers"]:
            counts = [f"{p} {src['papers'][p]}" for p in PAPERS if p in src["papers"]]
            click.echo("  papers: " + ", ".join(counts))
        last = src["last_crawl"]
        if last:
            when = last["finished"] or last["started"]
            line = f"  last crawl: {when} UTC, {last['mode']}, {last['outcome']}"
            if last["outcome"] == "ok":
                line += f" ({last['new_posts']} new, {last['new_revisions']} updated)"
            click.echo(line)
            if last["error"]:
                click.echo(f"  error: {last['error']}")
        for post_type, cursor in sorted(src["cursors"].items()):
            click.echo(f"  cursor {post_type}: modified after {cursor} UTC")
    for sub in report["subscribers"]:
        last = sub["last_sent"]
        sent = f"last sent {last['label']} at {last['sent_at']} UTC" if last else "nothing sent yet"
        click.echo(f"{sub['subscriber']}: {sent}")
        for item in sub["pending"]:
            click.echo(
                f"  pending {item['label']}: {item['attempts']} tries, next after "
                f"{item['next_attempt']} UTC"
            )
        for item in sub["failed"]:
            click.echo(f"  failed {item['label']} after {item['attempts']} tries")
        if sub["last_error"]:
            click.echo(f"  last error: {sub['last_error']}")


# The digest, mail and scheduling commands live in cli_jobs; importing it registers them.
from digest import cli_jobs  # noqa: E402, F401


def main() -> None:
    cli(prog_name="wp-digest")
