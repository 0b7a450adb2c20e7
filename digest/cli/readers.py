"""Commands about readers: `subscribers list|add|remove|import|export`, and `serve`."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from digest import config, store
from digest.cli.base import State, fail, say
from digest.papers import PAPERS

PERIOD = click.Choice(["daily", "weekly", "monthly"])
FIELDS = ("email", "status", "period", "papers", "origin", "created", "confirmed", "left")


@click.group("subscribers")
def subscribers_group() -> None:
    """Readers in the database: list, add, remove, import or export them as CSV.

    [[subscriber]] entries of the config are synced in as operator-managed readers; readers
    who sign up on `wp-digest serve` are added after they confirm.
    """


def _papers(values: tuple[str, ...] | list[str]) -> list[str]:
    out = []
    for value in values:
        match = [p for p in PAPERS if p.lower() == value.strip().replace(" ", "").lower()]
        if not match:
            raise click.BadParameter(f"{value!r} is not a paper (one of {', '.join(PAPERS)})")
        out.append(match[0])
    return list(dict.fromkeys(out))


def _session(state: State):
    from digest.mail.readers import readers

    cfg = state.config
    db = store.open_db(cfg.database)
    readers(cfg, db)  # the config's readers first, so every command sees them
    return db


@subscribers_group.command("list")
@click.option("--status", type=click.Choice(["pending", "active", "unsubscribed", "suspended"]))
@click.pass_obj
def list_cmd(state: State, status: str | None) -> None:
    """One line per reader: address, state, period, papers, where they came from."""
    from digest.store import subscribers

    db = _session(state)
    try:
        for r in subscribers.listed(db, status):
            papers = " ".join(r.papers) or "all papers"
            say(state, f"{r.email}  {r.status}  {r.period}  {papers}  ({r.origin})")
    finally:
        db.close()


@subscribers_group.command("add")
@click.argument("email")
@click.option("--period", type=PERIOD, default="daily", show_default=True)
@click.option("--paper", "papers", multiple=True, metavar="PAPER", help="Repeat; none: all.")
@click.pass_obj
def add_cmd(state: State, email: str, period: str, papers: tuple[str, ...]) -> None:
    """Add EMAIL as an active reader (or update and re-activate one)."""
    from digest.store import subscribers

    if not config.EMAIL.match(email):
        raise click.BadParameter(f"not an email address: {email!r}", param_hint="EMAIL")
    db = _session(state)
    try:
        new = subscribers.put(db, email, period, _papers(papers), "cli", "active")
    finally:
        db.close()
    say(state, f"{email.lower()}: {'added' if new else 'updated'}, {period}")


@subscribers_group.command("remove")
@click.argument("email")
@click.pass_obj
def remove_cmd(state: State, email: str) -> None:
    """Unsubscribe EMAIL (their history is kept; `add` brings them back)."""
    from digest.store import subscribers

    db = _session(state)
    try:
        if not subscribers.set_status(db, email, "unsubscribed", "removed by the operator"):
            fail(f"no subscriber {email!r}", 2)
    finally:
        db.close()
    say(state, f"{email.lower()}: unsubscribed")


@subscribers_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_cmd(state: State, path: Path) -> None:
    """Add readers from a CSV with an `email` column (and optional `period`, `papers`
    separated by spaces). All rows are checked before any is written."""
    from digest.store import subscribers

    rows = []
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if "email" not in (reader.fieldnames or []):
            fail(f"{path}: no `email` column", 2)
        for line, row in enumerate(reader, 2):
            email = (row.get("email") or "").strip()
            period = (row.get("period") or "daily").strip()
            if not config.EMAIL.match(email):
                fail(f"{path}:{line}: not an email address: {email!r}", 2)
            if period not in ("daily", "weekly", "monthly"):
                fail(f"{path}:{line}: period must be daily, weekly or monthly: {period!r}", 2)
            try:
                papers = _papers((row.get("papers") or "").split())
            except click.BadParameter as e:
                fail(f"{path}:{line}: {e.message}", 2)
            rows.append((email, period, papers))
    db = _session(state)
    try:
        new = sum(subscribers.put(db, e, p, ps, "cli", "active") for e, p, ps in rows)
    finally:
        db.close()
    say(state, f"{path}: {len(rows)} readers, {new} new")


@subscribers_group.command("export")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@click.pass_obj
def export_cmd(state: State, path: str) -> None:
    """Write every reader as CSV to PATH (default: standard output)."""
    import json

    from digest.store import subscribers

    db = _session(state)
    try:
        rows = subscribers.export_rows(db)
    finally:
        db.close()
    out = sys.stdout if path == "-" else open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115
    try:
        writer = csv.DictWriter(out, FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "papers": " ".join(json.loads(row["papers"] or "[]"))})
    finally:
        if out is not sys.stdout:
            out.close()


@click.command()
@click.option("--host", help="Address to listen on (default: [web] host).")
@click.option("--port", type=int, help="Port (default: [web] port).")
@click.pass_obj
def serve(state: State, host: str | None, port: int | None) -> None:
    """Serve the readers' site: archive, sign-up (double opt-in), manage, one-click
    unsubscribe, search, feed. Run it behind a reverse proxy that terminates TLS."""
    from digest.web import server

    cfg = state.config
    code = server.run(cfg, host or cfg.web.host, port or cfg.web.port, state.verbosity)
    sys.exit(code)
