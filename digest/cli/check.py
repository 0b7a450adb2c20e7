"""`wp-digest check`: everything a deployment needs, tried once, one line per check.

Nothing is changed: no mail is sent, no post saved, no database created. Each check lives
with its stage (the source probe in digest.crawl.probe, the SMTP login in the transport,
fonts in digest.render.fonts); this module only runs them and prints what they found.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click

from digest import store
from digest.cli.base import State
from digest.config import Config
from digest.crawl.probe import Finding
from digest.errors import ConfigError
from digest.text import plural, printable


def _writable(folder: Path) -> bool:
    """A folder we may create files in, or one we may create (its nearest existing parent)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def state_checks(cfg: Config) -> tuple[list[Finding], list[str]]:
    """The state folder and the database (read, never created); the stored titles."""
    database = Path(cfg.database)
    if not _writable(database.parent):
        return [Finding("state", False, f"{database.parent} is not writable by this user")], []
    if not database.exists():
        detail = f"{database} does not exist yet: the first crawl creates it"
        return [Finding("state", True, detail)], []
    from digest.store import listing

    try:
        with store.connection(database) as db:
            posts, version, current = listing.summary(db)
            titles = listing.recent_titles(db)
    except Exception as e:  # noqa: BLE001 - any reason the database cannot be read is the finding
        return [Finding("state", False, f"{database}: cannot read it ({e})")], []
    if version > current:
        newer = f"{database}: schema {version} is newer than this wp-digest ({current})"
        return [Finding("state", False, newer + ": upgrade wp-digest")], titles
    upgrade = "" if version == current else f"; the next write migrates it to {current}"
    detail = f"{database}: {plural(posts, 'post')}, schema {version}{upgrade}"
    return [Finding("state", True, detail)], titles


def mail_checks(cfg: Config, offline: bool) -> list[Finding]:
    m = cfg.mail
    if m.transport == "outbox":
        ok = _writable(Path(m.outbox))
        detail = f"no [mail] host: digests are written to {m.outbox}/, nothing is sent"
        return [Finding("mail", ok, detail if ok else f"{m.outbox} is not writable")]
    out = []
    if "@localhost" in m.sender:
        why = f"{m.sender}: most servers refuse it; set [mail] from to an address of yours"
        out.append(Finding("mail from", False, why))
    if missing := m.missing_password():
        return [*out, Finding("mail login", False, missing)]
    if offline:
        return [*out, Finding("mail", True, f"{m.host}:{m.port} not tried (--offline)")]
    from digest.mail.transport import ConnectFailure, SmtpTransport

    try:
        out.append(Finding("mail", True, SmtpTransport(m).check() + "; nothing sent"))
    except (ConnectFailure, ConfigError) as e:
        out.append(Finding("mail", False, str(e)))
    if m.bounces:
        from digest.mail import bouncebox

        try:
            out.append(Finding("bounce mailbox", True, bouncebox.check(cfg)))
        except (bouncebox.BoxError, ConfigError) as e:
            out.append(Finding("bounce mailbox", False, str(e)))
    return out


def web_checks(cfg: Config) -> list[Finding]:
    w = cfg.web
    if not w.base_url:
        return [Finding("web", True, "[web] base_url not set: digests carry no manage links")]
    if w.secret() is None:
        return [Finding("web secret", False, f"no signing secret of 16+ characters in "
                        f"${w.secret_env}, [web] secret_file, or the systemd credential "
                        "wp-digest-secret: `serve` and manage links need it")]  # fmt: skip
    return [Finding("web", True, f"{w.base_url}; signing secret present")]


def source_checks(cfg: Config, offline: bool) -> list[Finding]:
    from digest.crawl.probe import probe

    if not cfg.sources:
        return [Finding("sources", False, "no [[source]] in the config: nothing to crawl")]
    todo = [s for s in cfg.sources if not s.paused and not offline]
    skipped = [
        Finding(s.name, True, "paused: not checked" if s.paused else "not tried (--offline)")
        for s in cfg.sources
        if s not in todo
    ]
    with ThreadPoolExecutor(max_workers=min(8, len(todo) or 1)) as pool:  # sites differ
        found = list(pool.map(lambda s: probe(s, cfg.crawl), todo))
    return skipped + [f for fs in found for f in fs]


@click.command()
@click.option("--offline", is_flag=True, help="Skip what needs the network (SMTP, sources).")
@click.option("--json", "as_json", is_flag=True, help="The findings as one JSON array.")
@click.pass_obj
def check(state: State, offline: bool, as_json: bool) -> None:
    """Check the setup without changing anything: the config, the state folder and database,
    mail (connect, TLS and login; no mail is sent), the readers' site's base URL and secret,
    fonts for the monthly book, and each source's REST API, robots.txt and one page of
    posts. One line per check; exit status 1 when any fails, 2 when the config is invalid."""
    from digest.render.fonts import book_ready

    cfg = state.config  # an invalid config stops here: one line, exit 2
    counts = f"{plural(len(cfg.sources), 'source')}, {plural(len(cfg.subscribers), 'subscriber')}"
    findings = [Finding("config", True, f"{cfg.path or '(defaults)'}: {counts}")]
    state_found, titles = state_checks(cfg)
    findings += state_found
    findings += mail_checks(cfg, offline)
    findings += web_checks(cfg)
    findings.append(Finding("monthly book", *book_ready(titles)))
    findings += source_checks(cfg, offline)
    if as_json:
        rows = [{"check": f.name, "ok": f.ok, "detail": f.detail} for f in findings]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(printable(f"{'ok  ' if f.ok else 'FAIL'}  {f.name}: {f.detail}"))
    failed = [f.name for f in findings if not f.ok]
    if failed and not as_json:
        click.echo(f"error: {len(failed)} of {len(findings)} checks failed: {', '.join(failed)}",
                   err=True)  # fmt: skip
    sys.exit(1 if failed else 0)


__all__ = ["check"]
