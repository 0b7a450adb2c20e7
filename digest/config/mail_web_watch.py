"""Readers of the service tables: [mail] (and its operator), [web] and [watch]."""

from __future__ import annotations

import ipaddress
import re
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from digest.config.model import MailSettings, WatchSettings, WebSettings
from digest.config.toml_table import Table
from digest.config.values import EMAIL, LOOPBACK, check_text, check_url, parse_duration


def mail(raw: Any, file: str, base: Path, state: Path) -> MailSettings:
    t = Table(raw, "mail", file)
    d = MailSettings()
    host = t.parsed("host", check_text, d.host) or None
    transport = t.get("transport", str, "smtp" if host else "outbox")
    if transport not in ("smtp", "outbox"):
        raise t.err("transport", f'expected "smtp" or "outbox", got {transport!r}')
    if transport == "smtp" and not host:
        raise t.err("host", 'transport "smtp" needs a host')
    security = t.get("security", str, d.security)
    if security not in ("ssl", "starttls", "none"):
        raise t.err("security", f'expected "ssl", "starttls" or "none", got {security!r}')
    if transport == "smtp" and security == "none" and host not in LOOPBACK:
        raise t.err("security", f'"none" (no TLS) is allowed only for loopback hosts, not {host}')
    port = t.get("port", int, {"ssl": 465, "starttls": 587, "none": 25}[security])
    if not 0 < port < 65536:
        raise t.err("port", f"not a port number: {port}")
    # Every value that ends up in a header or an SMTP command is one line: CR/LF in one
    # would let the file forge headers (a Bcc:) or commands.
    sender = t.parsed("from", check_text, d.sender)
    if not EMAIL.match(parseaddr(sender)[1]):
        raise t.err("from", f"not an email address: {sender!r}")
    unsubscribe = t.parsed("unsubscribe", check_text, d.unsubscribe)
    if unsubscribe and not unsubscribe.startswith(("mailto:", "https://")):
        raise t.err("unsubscribe", "expected a mailto: or https:// URL")
    ca_path = t.path("ca_file", d.ca_file, base)
    if ca_path and not ca_path.is_file():
        raise t.err("ca_file", f"no such file: {ca_path}")
    if "password" in t.data:
        raise t.err(
            "password",
            "passwords never go in the file: set password_env to the "
            "name of an environment variable that holds it",
        )
    settings = MailSettings(
        transport=transport,
        host=host,
        port=port,
        security=security,
        username=t.parsed("username", check_text, d.username) or None,
        password_env=t.get("password_env", str, d.password_env),
        password_file=_secret_file(t, "password_file", base),
        sender=sender,
        outbox=t.path("outbox", d.outbox, state) or state / d.outbox,
        unsubscribe=unsubscribe,
        send_empty=t.get("send_empty", bool, d.send_empty),
        attachment_max_mb=t.number("attachment_max_mb", d.attachment_max_mb),
        ca_file=ca_path,
        timeout=t.number("timeout", d.timeout),
        list_id=t.parsed("list_id", check_text, d.list_id),
        max_message_mb=t.number("max_message_mb", d.max_message_mb),
        operator=_operator(t, d.operator),
        suspend_after=t.get("suspend_after", int, d.suspend_after),
        bounce_address=_bounce_address(t, d.bounce_address),
        bounces=_bounce_box(t, base),
        bounces_password_env=t.get("bounces_password_env", str, d.bounces_password_env),
        bounces_password_file=_secret_file(t, "bounces_password_file", base),
        soft_bounce_limit=int(t.number("soft_bounce_limit", d.soft_bounce_limit)),
        soft_bounce_days=int(t.number("soft_bounce_days", d.soft_bounce_days)),
    )
    t.done()
    return settings


def _bounce_address(t: Table, default: str | None) -> str | None:
    """Where bounces go: each digest's envelope sender is LOCAL+REF@DOMAIN of it (VERP)."""
    value = t.parsed("bounce_address", check_text, default) or None
    if value and (not EMAIL.match(value) or "+" in value.partition("@")[0]):
        raise t.err("bounce_address", f"expected an address without +tag, got {value!r}")
    return value


def _bounce_box(t: Table, base: Path) -> str | None:
    """The bounce mailbox: imaps://USER@HOST[:PORT]/FOLDER, or a Maildir folder (its path,
    relative to the config's folder)."""
    value = t.parsed("bounces", check_text, None) or None
    if value is None or value.startswith("imaps://"):
        if value and not re.match(r"^imaps://[^@/\s]+@[^/\s]+(/\S*)?$", value):
            raise t.err("bounces", f"expected imaps://USER@HOST/FOLDER, got {value!r}")
        return value
    if "://" in value:
        raise t.err("bounces", "only imaps:// (IMAP over TLS) or a Maildir folder")
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else base / path)


def _operator(t: Table, default: str | None) -> str | None:
    operator = t.parsed("operator", check_text, default) or None
    if operator and not EMAIL.match(operator):
        raise t.err("operator", f"not an email address: {operator!r}")
    return operator


def web(raw: Any, file: str, base: Path) -> WebSettings:
    t = Table(raw, "web", file)
    d = WebSettings()
    base_url = t.get("base_url", str, d.base_url)
    if base_url:
        try:
            base_url = check_url(base_url)
        except ValueError as e:
            raise t.err("base_url", str(e)) from None
        base_url = base_url.rstrip("/") + "/"
    mailto = t.parsed("mailto", check_text, d.mailto) or None
    if mailto and not EMAIL.match(mailto.removeprefix("mailto:")):
        raise t.err("mailto", f"not an email address: {mailto!r}")
    port = t.get("port", int, d.port)
    if not 0 < port < 65536:
        raise t.err("port", f"not a port number: {port}")
    settings = WebSettings(
        base_url=base_url,
        secret_env=t.get("secret_env", str, d.secret_env),
        secret_file=_secret_file(t, "secret_file", base),
        signup=t.get("signup", bool, d.signup),
        host=t.get("host", str, d.host),
        port=port,
        mailto=mailto.removeprefix("mailto:") if mailto else None,
        signups_per_hour=t.get("signups_per_hour", int, d.signups_per_hour),
        mails_per_day=t.get("mails_per_day", int, d.mails_per_day),
        confirmations_per_hour=t.get("confirmations_per_hour", int, d.confirmations_per_hour),
        trusted_proxies=_proxies(t, d.trusted_proxies),
    )
    t.done()
    return settings


def _secret_file(t: Table, key: str, base: Path) -> Path | None:
    """A file that holds a secret (relative to the config's folder); it must exist."""
    path = t.path(key, None, base)
    if path is not None and not path.is_file():
        raise t.err(key, f"no such file: {path}")
    return path


def _proxies(t: Table, default: tuple[str, ...]) -> tuple[str, ...]:
    values = t.get("trusted_proxies", list, list(default))
    for value in values:
        try:
            ipaddress.ip_address(value)
        except (TypeError, ValueError):
            raise t.err("trusted_proxies", f"not an IP address: {value!r}") from None
    return tuple(values)


def watch(raw: Any, file: str) -> WatchSettings:
    t = Table(raw, "watch", file)
    d = WatchSettings()
    recent = t.get("recent_posts", int, d.recent_posts)
    if recent < 5:
        raise t.err("recent_posts", f"must be at least 5, got {recent}")
    jump = t.number("jump", d.jump)
    if jump >= 1:
        raise t.err("jump", f"a share between 0 and 1, got {jump:g}")
    failures = t.get("delivery_failures", int, d.delivery_failures)
    if failures < 1:
        raise t.err("delivery_failures", f"must be at least 1, got {failures}")
    settings = WatchSettings(
        recent_posts=recent,
        jump=jump,
        crawl_failing_for=t.parsed("crawl_failing_for", parse_duration, d.crawl_failing_for),
        delivery_failures=failures,
    )
    t.done()
    return settings
