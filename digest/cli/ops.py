"""Commands an operator runs by hand around the pipeline: `backup` (and `posts`, `check`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from digest import clock
from digest.cli.base import State, fail, require_database, say


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing file at PATH.")
@click.pass_obj
def backup(state: State, path: Path, force: bool) -> None:
    """Copy the database to PATH, consistently, even while `run` or a crawl is writing.

    PATH may be a folder: the copy is then named wp-digest-YYYYMMDD-HHMMSS.db inside it.
    Restore by stopping wp-digest and copying the file back over the config's `database`.
    """
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
    except (sqlite3.Error, OSError) as e:
        fail(f"backup to {path} failed: {e}", 1)
    size = done.size / 1_000_000
    say(state, f"backed up {done.posts} posts (schema {done.schema}, {size:.1f} MB) to "
               f"{done.path}")  # fmt: skip


__all__ = ["backup"]
