"""A consistent copy of the database while the daemon runs (`wp-digest backup PATH`).

SQLite's online backup API copies the pages of one read snapshot, so a crawl or a send
writing meanwhile neither blocks nor tears the copy. The copy is written beside its target
and renamed into place once checked, so a backup that fails half-way leaves no file that
looks like a backup.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from digest.store.schema import SCHEMA_VERSION


@dataclass(frozen=True)
class Copied:
    path: Path
    size: int  # bytes
    posts: int
    schema: int


class BackupError(Exception):
    """The copy could not be made or failed its check (SQLite's reason, in one line)."""


def backup(database: Path, target: Path) -> Copied:
    """Copy `database` to `target` (which must not exist) and check the copy; BackupError
    or OSError say why not."""
    try:
        return _copy(database, target)
    except sqlite3.Error as e:
        raise BackupError(str(e)) from e


def _copy(database: Path, target: Path) -> Copied:
    partial = target.with_name(f".{target.name}.partial")
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"the copy fails its integrity check: {verdict}")
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            (posts,) = copy.execute("SELECT count(*) FROM posts").fetchone()
            (schema,) = copy.execute("PRAGMA user_version").fetchone()
        finally:
            copy.close()
        os.chmod(partial, 0o600)  # deliveries name readers
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return Copied(target, target.stat().st_size, posts, schema or SCHEMA_VERSION)
