"""Handing a message to a transport: an SMTP server, or an outbox folder of .eml files.

Transports raise `TemporaryFailure` (try again later: 4xx, connection trouble) or
`PermanentFailure` (5xx for this recipient); the caller records either in the ledger.
The SMTP password is read from the environment at connect time and never put in a message,
an exception or a log line.
"""

from __future__ import annotations

import hashlib
import re
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

from digest.config import MailSettings
from digest.errors import ConfigError
from digest.files import atomic_write, make_folder
from digest.mail.message import Prepared

Message = EmailMessage | Prepared


class TemporaryFailure(Exception):
    """Worth retrying later (4xx replies, refused or dropped connections, timeouts)."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code  # the server's reply code, when it gave one


class PermanentFailure(Exception):
    """Will not work by retrying (5xx for this recipient)."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


class ConnectFailure(TemporaryFailure):
    """No connection to the server at all (down, TLS failure, login refused): stop the run."""


class OutboxTransport:
    """Writes each message as an .eml file; writing it is "accepted"."""

    def __init__(self, settings: MailSettings):
        self.folder = Path(settings.outbox)

    def __enter__(self) -> OutboxTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def send(self, msg: Message) -> None:
        try:
            make_folder(self.folder)
            to, message_id, data = _parts(msg)
            key = hashlib.sha256(message_id.encode()).hexdigest()[:12]
            # The file name never takes a path from the address: letters, digits, . - _ only.
            rcpt = re.sub(r"[^A-Za-z0-9._-]", "_", to.replace("@", "_at_"))
            atomic_write(self.folder / f"{rcpt.strip('.')[:80]}-{key}.eml", data, 0o600)
        except OSError as e:
            raise TemporaryFailure(f"cannot write to outbox {self.folder}: {e.strerror}") from None


class SmtpTransport:
    """One connection for all the messages of a run, opened on first use."""

    def __init__(self, settings: MailSettings):
        self.settings = settings
        self.conn: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.quit()
            except (smtplib.SMTPException, OSError):
                self.conn.close()
            self.conn = None

    def _context(self) -> ssl.SSLContext:
        cafile = str(self.settings.ca_file) if self.settings.ca_file else None
        return ssl.create_default_context(cafile=cafile)  # verification stays on

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        where = f"{s.host}:{s.port}"
        problem = s.missing_password()
        if problem:
            raise ConfigError(problem)
        password = s.password()
        try:
            if s.security == "ssl":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host or "", s.port, timeout=s.timeout, context=self._context()
                )
            else:
                conn = smtplib.SMTP(s.host or "", s.port, timeout=s.timeout)
                if s.security == "starttls":
                    conn.starttls(context=self._context())
            if s.username and password is not None:
                conn.login(s.username, password)
        except smtplib.SMTPAuthenticationError as e:
            msg = f"SMTP login to {where} as {s.username} refused ({e.smtp_code})"
            raise ConnectFailure(msg) from None
        except smtplib.SMTPNotSupportedError:
            raise ConnectFailure(f"{where} does not offer STARTTLS") from None
        except ssl.SSLError as e:
            raise ConnectFailure(f"TLS with {where} failed: {e.reason or e}") from None
        except smtplib.SMTPResponseException as e:
            raise ConnectFailure(f"{where} answered {e.smtp_code} on connect") from None
        except (OSError, smtplib.SMTPException) as e:
            raise ConnectFailure(f"cannot connect to {where}: {_reason(e)}") from None
        return conn

    def check(self) -> str:
        """Connect, start TLS and log in as a send does, then quit: nothing is sent.
        Raises ConnectFailure (or ConfigError for a missing password) saying why not."""
        self.conn = self._connect()
        self.close()
        s = self.settings
        tls = {"ssl": "TLS", "starttls": "STARTTLS"}.get(s.security, "no TLS (loopback)")
        login = f"logged in as {s.username}" if s.username else "no login configured"
        return f"{s.host}:{s.port}, {tls}, {login}"

    def send(self, msg: Message) -> None:
        if self.conn is None:
            self.conn = self._connect()
        try:
            if isinstance(msg, Prepared):  # ready bytes: nothing to serialise per reader
                rcpt = msg.to
                refused = self.conn.sendmail(msg.sender, [rcpt], msg.data)
            else:
                rcpt = parseaddr(str(msg["To"]))[1]
                refused = self.conn.send_message(msg)
        except smtplib.SMTPRecipientsRefused as e:
            code, reply = e.recipients.get(rcpt, (550, b""))
            raise _failure(code, f"{rcpt} refused: {code} {_text(reply)}") from None
        except smtplib.SMTPResponseException as e:
            self._drop_if_closed(e.smtp_code)
            raise _failure(e.smtp_code, f"{e.smtp_code} {_text(e.smtp_error)}") from None
        except (smtplib.SMTPServerDisconnected, OSError) as e:
            self.conn = None
            raise TemporaryFailure(f"connection lost: {_reason(e)}") from None
        if refused:
            code, reply = refused.get(rcpt, (550, b""))
            raise _failure(code, f"{rcpt} refused: {code} {_text(reply)}")

    def _drop_if_closed(self, code: int) -> None:
        if code == 421:  # the server is closing the connection
            if self.conn is not None:
                self.conn.close()
            self.conn = None
        elif self.conn is not None:
            try:
                self.conn.rset()
            except (smtplib.SMTPException, OSError):
                self.conn.close()
                self.conn = None


def _failure(code: int, message: str) -> Exception:
    if 500 <= code < 600:
        return PermanentFailure(message, code)
    return TemporaryFailure(message, code)


def _text(reply: bytes | str) -> str:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return " ".join(reply.split())


def _reason(e: BaseException) -> str:
    if isinstance(e, socket.timeout):
        return "timed out"
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


def _parts(msg: Message) -> tuple[str, str, bytes]:
    """(recipient, Message-ID, bytes) of either kind of message."""
    if isinstance(msg, Prepared):
        return msg.to, msg.message_id, msg.data
    return parseaddr(str(msg["To"]))[1], str(msg["Message-ID"]), msg.as_bytes()


def transport_for(settings: MailSettings) -> OutboxTransport | SmtpTransport:
    return SmtpTransport(settings) if settings.transport == "smtp" else OutboxTransport(settings)
