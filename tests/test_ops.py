"""Operator commands (digest/cli/ops.py): `backup`, `posts`, `check`. Fast: real SQLite files
in tmp_path, the CLI in-process."""

from __future__ import annotations

import sqlite3
import threading

from helpers import make_post, run
from stores import new_store, outbox_config, saved

from digest import store


def post(n: int) -> dict:
    return make_post(n, f"2026-04-{1 + n % 28:02d}T06:00:00", f"Post {n}")


def _config_with_posts(tmp_path, n: int = 3):
    outbox_config(tmp_path)
    db = new_store(tmp_path, [post(i) for i in range(1, n + 1)])
    return tmp_path / "wp-digest.toml", db


def test_backup_copies_a_consistent_database_while_it_is_written(tmp_path):
    cfg, db = _config_with_posts(tmp_path)
    stop = threading.Event()

    db.close()
    written = []

    def writer() -> None:  # a crawl saving pages while the backup runs
        own = store.open_db(tmp_path / "state.db")
        n = 100
        while not stop.is_set():
            saved(own, [post(n)])
            written.append(n)
            n += 1
        own.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = run(cfg, "backup", str(tmp_path / "copy.db"))
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    assert "backed up " in result.output and "copy.db" in result.output
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (posts,) = copy.execute("SELECT count(*) FROM posts").fetchone()
    (revisions,) = copy.execute("SELECT count(DISTINCT post_id) FROM post_revisions").fetchone()
    assert (
        written and posts >= 3 and posts == revisions
    )  # one snapshot: no post without its revision
    assert (tmp_path / "copy.db").stat().st_mode & 0o077 == 0
    assert not list(tmp_path.glob(".copy.db.partial"))


def test_backup_refuses_to_overwrite_and_names_a_folder_target(tmp_path):
    cfg, _ = _config_with_posts(tmp_path)
    (tmp_path / "old.db").write_text("keep me")
    refused = run(cfg, "backup", str(tmp_path / "old.db"))
    assert refused.exit_code == 2 and "exists" in refused.output
    assert (tmp_path / "old.db").read_text() == "keep me"
    itself = run(cfg, "backup", str(tmp_path / "state.db"))
    assert itself.exit_code == 2 and "the database itself" in itself.output
    folder = tmp_path / "backups"
    folder.mkdir()
    assert run(cfg, "backup", str(folder)).exit_code == 0
    (made,) = folder.glob("wp-digest-*.db")
    assert sqlite3.connect(made).execute("SELECT count(*) FROM posts").fetchone() == (3,)


def test_backup_without_a_database_says_so(tmp_path):
    outbox_config(tmp_path)
    result = run(tmp_path / "wp-digest.toml", "backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 2 and "no database yet" in result.output
