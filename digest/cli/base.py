"""The command group, its options and the helpers every command shares.

Exit codes: 0 ok, 1 a runtime failure (a source or a delivery failed), 2 usage or config error.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from digest import __version__, config, logs
from digest.config import Config
from digest.errors import ConfigError, StoreUnavailable
from digest.text import printable

DATE = click.DateTime(formats=["%Y-%m-%d"])


def date_option(*names: str, help: str) -> Any:
    return click.option(*names, type=DATE, metavar="YYYY-MM-DD", help=help)


class State:
    """What the group options decided; the config is loaded only when a command needs it."""

    def __init__(self, config_path: str | None, db: str | None, verbosity: int):
        self.config_path, self.db, self.verbosity = config_path, db, verbosity
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        """The configuration of a command that works on program state. It needs a config
        file or --db: a command run in the wrong folder must not grow a database there."""
        if self.db is None and config.find(self.config_path) is None:
            raise ConfigError(
                f"no {config.DEFAULT_NAME} here: run `wp-digest init` to write one, or give "
                f"--config PATH (or ${config.CONFIG_ENV}), or --db PATH"
            )
        return self.settings

    @property
    def settings(self) -> Config:
        """The configuration, or the defaults when there is no file (demo, init)."""
        if self._config is None:
            cfg = config.load(self.config_path)
            if self.db:
                cfg = replace(cfg, database=Path(self.db).resolve())
            self._config = cfg
            logs.use_zone(cfg.tz)
        return self._config


def require_database(cfg: Config) -> None:
    """Commands that only read state say so when there is none yet, instead of creating an
    empty database wherever the path resolves (as root, next to a config in /etc)."""
    if not Path(cfg.database).exists():
        fail(f"no database yet at {cfg.database} (the config's `database`, under its "
             "state folder): nothing was crawled with this config; run `wp-digest crawl`",
             2)  # fmt: skip


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {printable(message)}", err=True)
    sys.exit(code)


def say(state: State, line: str) -> None:
    """A line of normal output; -q keeps it quiet. Lines can carry what sites sent (titles,
    error bodies), so they are made printable first."""
    if state.verbosity >= 0:
        click.echo(printable(line))


def report(state: State, lines: list[tuple[str, bool]]) -> bool:
    """One line per source or subscriber: good ones on stdout, failures on stderr."""
    for line, ok in lines:
        if ok:
            say(state, line)
        else:
            click.echo(f"error: {printable(line)}", err=True)
    return all(ok for _, ok in lines)


class Group(click.Group):
    """Turns a ConfigError anywhere into one line on stderr and exit status 2, and a
    database that cannot be opened (a full disk) into one line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as e:
            fail(str(e), 2)
        except StoreUnavailable as e:
            fail(str(e), 1)


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
def cli(ctx: click.Context, config_path: str | None, db: str | None, **opts: Any) -> None:
    """Crawl WordPress current-affairs sites and mail digests grouped by UPSC syllabus paper."""
    verbosity = -1 if opts["quiet"] else opts["verbose"]
    logs.setup(verbosity, opts["log_format"])
    ctx.obj = State(config_path, db, verbosity)


POST = click.argument("post", metavar="POST")


def find_post(db: Any, ref: str) -> dict:
    """A stored post by SOURCE:ID or its URL, or a usage error (exit 2) naming the ref."""
    from digest.store import queries

    row = queries.find_post(db, ref) if len(ref) <= 2000 else None
    if row is None:
        shown = ref if len(ref) <= 80 else ref[:77] + "..."
        fail(f"no stored post {shown!r} (give SOURCE:ID, e.g. nextias:71990, or the post's URL)", 2)
    return row


def item_of(post: str) -> tuple[str, int | None]:
    """ "nextias:71990#3" -> ("nextias:71990", 3); a URL's own #fragment is no item."""
    ref, sep, number = post.rpartition("#")
    if not sep or "://" in post or not number:
        return post, None
    if not (number.isascii() and number.isdigit() and 0 < int(number) < 1000):
        fail(f"no item {number!r}: give SOURCE:ID#N with N as `explain` lists it", 2)
    return ref, int(number)
