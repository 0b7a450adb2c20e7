"""Building a digest message: pure, no I/O, so golden files can pin it down."""

from __future__ import annotations

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


def build_message(
    *,
    settings: MailSettings,
    to: str,
    subject: str,
    text: str,
    html: str,
    message_id: str,
    date: datetime,
    attachments: tuple[tuple[str, bytes], ...] = (),
    unsubscribe: tuple[str, ...] | None = None,
) -> EmailMessage:
    """multipart/alternative (text, then HTML), one recipient, UTF-8 throughout; with
    attachments (the monthly PDF) the whole is multipart/mixed. `unsubscribe`: the reader's
    own List-Unsubscribe URIs (https first, for RFC 8058), else `[mail] unsubscribe`."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = settings.sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg["List-Id"] = list_id(settings)
    uris = unsubscribe or ((settings.unsubscribe,) if settings.unsubscribe else ())
    if uris:
        msg["List-Unsubscribe"] = ", ".join(f"<{uri}>" for uri in uris)
        if uris[0].startswith(("https://", "http://")):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text, charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    for filename, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    return msg


def operator_message(
    settings: MailSettings, warnings: list[str], message_id: str, date: datetime
) -> EmailMessage:
    """The watch's mail to `[mail] operator`: plain text, one warning a line."""
    assert settings.operator
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = settings.sender
    msg["To"] = settings.operator
    count = len(warnings)
    msg["Subject"] = f"wp-digest: {count} warning{'s' if count != 1 else ''}"
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    body = "\n".join(f"- {line}" for line in warnings)
    msg.set_content(
        f"wp-digest's daily watch found:\n\n{body}\n\n"
        "`wp-digest status` shows the same; `wp-digest explain SOURCE:ID` says why a post "
        "is filed where it is.\n",
        charset="utf-8",
    )
    return msg


def reader_message(
    settings: MailSettings, to: str, subject: str, text: str, date: datetime
) -> EmailMessage:
    """A mail to one reader about their subscription (the confirmation link)."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = settings.sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = new_message_id(settings)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text, charset="utf-8")
    return msg
