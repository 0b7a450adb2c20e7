"""The bounce mailbox: IMAP over TLS or a local Maildir, read by `wp-digest bounces` and by
the daemon before it sends.

Each message is read, acted on (digest.store.bounces) and then marked so it is not read
again: in IMAP with the keyword `WpDigestDone` (and seen); in a Maildir moved to its
`.Processed` folder. Nothing is deleted, and a message that cannot be understood is kept
and marked like the others, its reason logged once.
"""

from __future__ import annotations

import imaplib
import logging
import mailbox
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest.config import Config
from digest.errors import ConfigError
from digest.mail import bounces
from digest.store import Database
from digest.store import bounces as recorded

log = logging.getLogger("wp-digest.bounces")
DONE = "WpDigestDone"
MAX_MESSAGE = 10 * 1024 * 1024  # bytes of one report that are read


class BoxError(Exception):
    """The mailbox could not be reached or read (one line: where, and why)."""


@contextmanager
def _imap(cfg: Config) -> Iterator[tuple[imaplib.IMAP4_SSL, str]]:
    url = urlsplit(cfg.mail.bounces or "")
    user, host = unquote(url.username or ""), url.hostname or ""
    folder = unquote(url.path.lstrip("/")) or "INBOX"
    password = cfg.mail.bounces_password()
    if not password:
        raise ConfigError(
            f"[mail] bounces is an IMAP mailbox but no password was found: the environment "
            f"variable {cfg.mail.bounces_password_env}, [mail] bounces_password_file, or the "
            "systemd credential bounces-password"
        )
    cafile = str(cfg.mail.ca_file) if cfg.mail.ca_file else None
    context = ssl.create_default_context(cafile=cafile)  # verification stays on
    where = f"{host}:{url.port or 993}"
    try:
        conn = imaplib.IMAP4_SSL(host, url.port or 993, ssl_context=context,
                                 timeout=cfg.mail.timeout)  # fmt: skip
        conn.login(user, password)
        status, _ = conn.select(_quoted(folder))
        if status != "OK":
            raise BoxError(f"{where}: no folder {folder!r}")
    except (OSError, imaplib.IMAP4.error) as e:
        raise BoxError(f"bounce mailbox {where}: {e}") from None
    try:
        yield conn, where
    finally:
        try:
            conn.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _imap_messages(cfg: Config) -> Iterator[tuple[bytes, object]]:
    with _imap(cfg) as (conn, where):
        try:
            _, found = conn.uid("SEARCH", "UNKEYWORD", DONE)
            for uid in (found[0] or b"").decode().split():
                _, data = conn.uid("FETCH", uid, f"(BODY.PEEK[]<0.{MAX_MESSAGE}>)")
                raw = next((p[1] for p in data if isinstance(p, tuple)), b"")
                yield raw, uid
                conn.uid("STORE", uid, "+FLAGS", f"({DONE} \\Seen)")
        except (OSError, imaplib.IMAP4.error) as e:
            raise BoxError(f"bounce mailbox {where}: {e}") from None


def _maildir_messages(path: Path) -> Iterator[tuple[bytes, object]]:
    if not (path / "cur").is_dir() and not (path / "new").is_dir():
        raise BoxError(f"bounce mailbox {path}: not a Maildir (no cur/ or new/ in it)")
    box = mailbox.Maildir(path, factory=None, create=False)
    done = box.add_folder("Processed") if "Processed" not in box.list_folders() else (
        box.get_folder("Processed"))  # fmt: skip
    for key in list(box.iterkeys()):
        try:
            with box.get_file(key) as f:
                raw = f.read()
        except (OSError, KeyError):
            continue
        yield raw[:MAX_MESSAGE], key
        done.add(raw)  # moved, byte for byte: into .Processed, then out of the inbox
        box.discard(key)


def messages(cfg: Config) -> Iterator[tuple[bytes, object]]:
    """(bytes, id) of each message not read before; marked read once the caller goes on."""
    where = cfg.mail.bounces
    if not where:
        raise ConfigError("no bounce mailbox: set [mail] bounces (imaps://USER@HOST/INBOX "
                          "or a Maildir folder)")  # fmt: skip
    if where.startswith("imaps://"):
        return _imap_messages(cfg)
    return _maildir_messages(Path(where))


def check(cfg: Config) -> str:
    """For `wp-digest check`: reach the mailbox (log in and open the folder, or find the
    Maildir) and count what waits in it; BoxError or ConfigError say why not."""
    where = cfg.mail.bounces or ""
    if where.startswith("imaps://"):
        with _imap(cfg) as (conn, at):
            _, found = conn.uid("SEARCH", "UNKEYWORD", DONE)
            waiting = len((found[0] or b"").split())
        return f"{at}: logged in, {waiting} message(s) not read yet"
    path = Path(where)
    if not (path / "cur").is_dir() and not (path / "new").is_dir():
        raise BoxError(f"bounce mailbox {path}: not a Maildir (no cur/ or new/ in it)")
    return f"{path}: a Maildir, {len(mailbox.Maildir(path, create=False))} message(s) not read yet"


def process(cfg: Config, db: Database) -> list[str]:
    """Read the bounce mailbox once; a line per report that named a reader of ours or could
    not be read. Raises BoxError when the mailbox cannot be reached."""
    lines = []
    m = cfg.mail
    for raw, _ in messages(cfg):
        report = bounces.read(raw, m.bounce_address)
        if report.kind == bounces.UNREADABLE:
            log.warning("bounce mailbox: a message could not be read (%s); kept", report.diagnostic)
            lines.append(f"unreadable message kept: {report.diagnostic}")
            continue
        if report.kind == bounces.IGNORED or recorded.seen(db, report.message_id):
            continue
        email, done = recorded.record(
            db, ref=report.ref, address=report.address, kind=report.kind, status=report.status,
            diagnostic=report.diagnostic, report_id=report.message_id,
            limit=m.soft_bounce_limit, days=m.soft_bounce_days,
        )  # fmt: skip
        status = f" ({report.status})" if report.status else ""
        lines.append(f"{email or report.address or '?'}: {bounces.NAMES[report.kind]}{status}: "
                     f"{done}")  # fmt: skip
    return lines
