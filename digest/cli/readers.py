"""Commands about readers: `subscribers list|add|remove|import|export`, and `serve`."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from digest import config, store
from digest.cli.base import State, fail, require_database, say
from digest.papers import parse_papers
from digest.periods import KINDS
from digest.states import Origin
from digest.states import Reader as ReaderState

PERIOD = click.Choice(KINDS)
FIELDS = ("email", "status", "period", "papers", "origin", "created", "confirmed", "left")


@click.group("subscribers")
def subscribers_group() -> None:
    """Readers in the database: list, add, remove, import or export them as CSV.

    [[subscriber]] entries of the config are synced in as operator-managed readers; readers
    who sign up on `wp-digest serve` are added after they confirm.
    """


def _papers(values: tuple[str, ...] | list[str]) -> list[str]:
    try:
        return parse_papers(values)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _session(state: State, *, reading: bool = False):
    from digest.mail.readers import sync_readers

    cfg = state.config
    if reading:
        require_database(cfg)
    db = store.open_db(cfg.database)
    sync_readers(cfg, db)  # the config's readers first, so every command sees them
    return db


@subscribers_group.command("list")
@click.option("--status", type=click.Choice([s.value for s in ReaderState]))
@click.pass_obj
def list_cmd(state: State, status: str | None) -> None:
    """One line per reader: address, state, period, papers, where they came from, and their
    latest bounce or complaint."""
    from digest.store import bounces, subscribers

    db = _session(state, reading=True)
    try:
        for r in subscribers.listed(db, status):
            papers = " ".join(r.papers) or "all papers"
            line = f"{r.email}  {r.status}  {r.period}  {papers}  ({r.origin})"
            last = bounces.last_of(db, r.email)
            if last:  # the latest bounce or complaint, with its code
                line += f"  last {last['kind']} {last['status'] or ''} {last['at'][:10]}".rstrip()
            say(state, line)
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
        new = subscribers.put(db, email, period, _papers(papers), Origin.CLI, ReaderState.ACTIVE)
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
        if not subscribers.set_status(
            db, email, ReaderState.UNSUBSCRIBED, "removed by the operator"
        ):
            fail(f"no subscriber {email!r}", 2)
    finally:
        db.close()
    say(state, f"{email.lower()}: unsubscribed")


@subscribers_group.command("reactivate")
@click.argument("email")
@click.pass_obj
def reactivate_cmd(state: State, email: str) -> None:
    """Make a suspended EMAIL active again (after its mailbox was fixed). A reader who left
    or complained is not brought back this way: they subscribe again on the site."""
    from digest.store import subscribers

    db = _session(state)
    try:
        reader = subscribers.get(db, email)
        if reader is None:
            fail(f"no subscriber {email!r}", 2)
        if reader.status != ReaderState.SUSPENDED:
            fail(f"{email.lower()} is {reader.status}, not suspended: only a suspended "
                 "address is reactivated (a reader who left subscribes again)", 2)  # fmt: skip
        subscribers.set_status(db, email, ReaderState.ACTIVE)
    finally:
        db.close()
    say(state, f"{email.lower()}: active again")


@subscribers_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--status",
    type=click.Choice([s.value for s in ReaderState if s != ReaderState.PENDING]),
    help="Set every listed reader to this state (pending readers are never made active).",
)
@click.pass_obj
def import_cmd(state: State, path: Path, status: str | None) -> None:
    """Add readers from a CSV with an `email` column (and optional `period`, `papers`
    separated by spaces, and the other columns of `export`). All rows are checked before
    any is written.

    A reader's state and origin are kept: a new reader takes the file's `status` (default
    active) and `origin` (default cli); a known reader keeps theirs unless --status says
    otherwise. Nobody is ever confirmed by an import: pending readers stay pending.
    """
    from digest.store import subscribers

    rows = [_import_row(path, line, row) for line, row in _csv_rows(path)]
    db = _session(state)
    try:
        new = subscribers.restore(db, rows, status)
    finally:
        db.close()
    say(state, f"{path}: {len(rows)} reader{'s' if len(rows) != 1 else ''}, {new} new")


MAX_FIELD = 1000  # characters: an address, a period and papers fit many times over


def _csv_rows(path: Path):
    """(line, row) of a CSV, or one line naming the file, the line and what is wrong."""
    line = 1
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            doubled = sorted({h for h in header if header.count(h) > 1 and h})
            if doubled:
                fail(f"{path}:1: the column {doubled[0]!r} appears twice", 2)
            if "email" not in header:
                fail(f"{path}: no `email` column", 2)
            for line, values in enumerate(reader, 2):  # noqa: B007 - reported on error
                if any(len(v) > MAX_FIELD for v in values):
                    fail(f"{path}:{line}: a field longer than {MAX_FIELD} characters", 2)
                yield line, dict(zip(header, values, strict=False))
    except UnicodeDecodeError as e:
        fail(f"{path}:{line + 1}: not UTF-8 text (byte {e.start} of the file)", 2)
    except csv.Error as e:
        fail(f"{path}:{line + 1}: not a CSV row ({e})", 2)


def _cell(value: str | None) -> str:
    """A cell as written by `export`: its formula guard (a leading ') taken off."""
    value = (value or "").strip()
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA else value


def _import_row(path: Path, line: int, row: dict[str, str]) -> dict[str, object]:
    from digest.store import subscribers

    email = _cell(row.get("email"))
    period = _cell(row.get("period")) or "daily"
    if not config.EMAIL.match(email):
        fail(f"{path}:{line}: not an email address: {email!r}", 2)
    if period not in KINDS:
        fail(f"{path}:{line}: period must be daily, weekly or monthly: {period!r}", 2)
    try:
        papers = _papers(_cell(row.get("papers")).split())
    except click.BadParameter as e:
        fail(f"{path}:{line}: {e.message}", 2)
    status = _cell(row.get("status")) or ReaderState.ACTIVE
    if status not in subscribers.STATES:
        fail(f"{path}:{line}: status must be one of {', '.join(subscribers.STATES)}: {status!r}", 2)
    origin = _cell(row.get("origin")) or Origin.CLI
    if origin not in subscribers.ORIGINS:
        choices = ", ".join(subscribers.ORIGINS)
        fail(f"{path}:{line}: origin must be one of {choices}: {origin!r}", 2)
    stamps = {}
    for key in ("created", "confirmed", "left"):
        value = _cell(row.get(key))
        if value and not subscribers.is_stamp(value):
            fail(f"{path}:{line}: {key} is not a UTC time (YYYY-MM-DDTHH:MM:SS): {value!r}", 2)
        stamps[key] = value or None
    return {"email": email.lower(), "period": period, "papers": papers, "status": status,
            "origin": origin, **stamps}  # fmt: skip


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _guard(value: object) -> object:
    """A cell a spreadsheet would run as a formula gets a leading ' (OWASP's advice)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA) else value


@subscribers_group.command("export")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@click.pass_obj
def export_cmd(state: State, path: str) -> None:
    """Write every reader as CSV to PATH (default: standard output). Cells that a
    spreadsheet would run as a formula (=, +, -, @) start with ' ; `import` takes it off."""
    import json

    from digest.store import subscribers

    db = _session(state, reading=True)
    try:
        rows = subscribers.export_rows(db)
    finally:
        db.close()
    out = sys.stdout if path == "-" else open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115
    try:
        writer = csv.DictWriter(out, FIELDS)
        writer.writeheader()
        for row in rows:
            row = {**row, "papers": " ".join(json.loads(row["papers"] or "[]"))}
            writer.writerow({k: _guard(v) for k, v in row.items()})
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
