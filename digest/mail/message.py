"""Building messages: pure, no I/O. A digest is built once as a Skeleton and made per
reader from it; confirmations and the operator's warnings are plain text."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from digest.config import Config, MailSettings
from digest.periods import Period


def subject(cfg: Config, period: Period, posts: int) -> str:
    return f"{cfg.digest.title} · {period.title} · {posts} post{'s' if posts != 1 else ''}"


def list_id(settings: MailSettings) -> str:
    if settings.list_id:
        return settings.list_id
    domain = parseaddr(settings.sender)[1].rpartition("@")[2] or "localhost"
    return f"UPSC digest <digest.{domain}>"


def new_message_id(settings: MailSettings) -> str:
    domain = parseaddr(settings.sender)[1].rpartition("@")[2] or "localhost"
    return make_msgid("wp-digest", domain=domain)


def plain_message(
    settings: MailSettings,
    to: str,
    subject: str,
    text: str,
    date: datetime,
    message_id: str | None = None,
) -> EmailMessage:
    """A plain-text mail to one person: a reader's confirmation, the operator's warnings."""
    msg = _headers(settings, to, subject, date, message_id or new_message_id(settings))
    msg.set_content(text, charset="utf-8")
    return msg


def _headers(
    settings: MailSettings, to: str, subject: str, date: datetime, message_id: str
) -> EmailMessage:
    """A message with the headers every mail of wp-digest carries."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = settings.sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    return msg


def operator_message(
    settings: MailSettings, warnings: list[str], message_id: str, date: datetime
) -> EmailMessage:
    """The watch's mail to `[mail] operator`: plain text, one warning a line."""
    assert settings.operator
    count = len(warnings)
    body = "\n".join(f"- {line}" for line in warnings)
    return plain_message(
        settings,
        settings.operator,
        f"wp-digest: {count} warning{'s' if count != 1 else ''}",
        f"wp-digest's daily watch found:\n\n{body}\n\n"
        "`wp-digest status` shows the same; `wp-digest explain SOURCE:ID` says why a post "
        "is filed where it is.\n",
        date,
        message_id,
    )


# Fan-out: one MIME skeleton per distinct digest, serialised once; per reader only the
# envelope headers and (when the footer carries their manage link) the base64 of the two
# bodies are made. base64 because it is made in C and keeps a link unbroken by line wraps.
_TO = "wpd-to@reader.invalid"
_ID = "<wpd-message-id@reader.invalid>"
_UNSUB = "https://wpd-unsubscribe.invalid/"
_TEXT = "WPDIGEST-TEXT-BODY"
_HTML = "WPDIGEST-HTML-BODY"


def verp(bounce_address: str, ref: str) -> str:
    """The envelope sender that names a reader (VERP): bounces+REF@example.org. A bounce
    comes back to it, so it says whose digest bounced without trusting the bounce's text."""
    local, _, domain = bounce_address.partition("@")
    return f"{local}+{ref}@{domain}"


def verp_ref(address: str, bounce_address: str) -> str | None:
    """The reader's reference in an address made by `verp`, or None."""
    local, _, domain = bounce_address.lower().partition("@")
    name, _, host = address.strip().strip("<>").lower().partition("@")
    if host != domain or not name.startswith(local + "+"):
        return None
    ref = name[len(local) + 1 :]
    return ref if ref.isalnum() and len(ref) <= 64 else None


@dataclass(frozen=True)
class Prepared:
    """A message ready for the wire: the envelope and the bytes (CRLF line ends)."""

    sender: str
    to: str
    message_id: str
    data: bytes


def _b64(text: str) -> bytes:
    """A text body in base64 lines (CRLF between them), the text with a final newline."""
    text = text.replace("\r\n", "\n")
    text = text if text.endswith("\n") else text + "\n"
    return base64.encodebytes(text.encode("utf-8")).replace(b"\n", b"\r\n")


class Skeleton:
    """A digest's message for every reader who is due the same posts."""

    def __init__(self, *, settings: MailSettings, subject: str, text: str, html: str,
                 date: datetime, attachments: tuple[tuple[str, bytes], ...] = (),
                 personal: str | None = None) -> None:  # fmt: skip
        """`personal`: the slot (digest.mail.links.slot) the template put in the bodies,
        which each reader's own URL fills."""
        self.personal = personal
        # The bodies cut at the template's slots, once: per reader only the joins.
        self.text = text.split(personal) if personal else [text]
        self.html = html.split(personal) if personal else [html]
        self.sender = parseaddr(settings.sender)[1]
        msg = _headers(settings, _TO, subject, date, _ID)
        msg["List-Id"] = list_id(settings)
        if settings.unsubscribe or personal:
            msg["List-Unsubscribe"] = f"<{_UNSUB}>"
        msg.set_content(_TEXT, charset="utf-8", cte="base64")
        msg.add_alternative(_HTML, subtype="html", charset="utf-8", cte="base64")
        for filename, data in attachments:
            msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
        raw = msg.as_bytes()
        # The marks as the email package encoded them (with policy.SMTP, a CRLF inside).
        self.body_marks = tuple(
            base64.encodebytes(f"{m}\r\n".encode()).replace(b"\n", b"\r\n") for m in (_TEXT, _HTML)
        )
        assert all(mark in raw for mark in self.body_marks)
        self.raw = raw
        self.fixed = None if personal else self._bodies(text, html)
        if personal is not None and (len(self.text) < 2 or len(self.html) < 2):
            self.fixed = self._bodies(text, html)  # a template without the footer link
        self.default_unsub = settings.unsubscribe

    def _bodies(self, text: str, html: str) -> bytes:
        raw = self.raw
        for mark, body in zip(self.body_marks, (text, html), strict=True):
            raw = raw.replace(mark, _b64(body), 1)
        return raw

    def message(self, to: str, message_id: str, manage: str | None = None,
                unsubscribe: tuple[str, ...] | None = None,
                envelope: str | None = None) -> Prepared:  # fmt: skip
        """The bytes for one reader (an ASCII address: the config and the site accept no
        other), with their own manage link and List-Unsubscribe URIs."""
        if self.fixed is not None:
            raw = self.fixed
        else:
            # Without a reader (a preview to any address) the slot keeps no link at all.
            link = manage or ""
            raw = self._bodies(link.join(self.text), link.join(self.html))
        head, sep, rest = raw.partition(b"\r\n\r\n")
        head = head.replace(_TO.encode(), to.encode(), 1)
        head = head.replace(_ID.encode(), message_id.encode(), 1)
        uris = unsubscribe or ((self.default_unsub,) if self.default_unsub else ())
        if uris:
            value = ", ".join(f"<{u}>" for u in uris)
            extra = b""
            if uris[0].startswith(("https://", "http://")):
                extra = b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click"
            head = head.replace(f"<{_UNSUB}>".encode(), value.encode() + extra, 1)
        return Prepared(envelope or self.sender, to, message_id, head + sep + rest)
