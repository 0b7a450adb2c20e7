"""What a message in the bounce mailbox says: a hard or soft bounce, a complaint, or nothing.

Delivery status notifications (RFC 3464) are read field by field; the many servers that
still send their own formats are read by GNU Mailman's `flufl.bounce`; abuse reports from
feedback loops are ARF (RFC 5965); auto-replies (RFC 3834, vacation messages) are not
bounces. The reader is named by the VERP address the report came back to
(digest.mail.message.verp), which a server cannot garble, else by the failed recipient.
Everything here is text a stranger sent: nothing it holds can raise past `read`.
"""

from __future__ import annotations

import email
import logging
import re
from dataclasses import dataclass
from email import policy
from email.message import Message

from digest.mail.message import verp_ref
from digest.text import printable

HARD, SOFT, COMPLAINT, IGNORED, UNREADABLE = "hard", "soft", "complaint", "ignored", "unreadable"
NAMES = {HARD: "hard bounce", SOFT: "soft bounce", COMPLAINT: "complaint"}  # as lines say them
STATUS = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})")
AUTO_SUBJECT = re.compile(r"^\s*(auto(matic)?[ -]?reply|out of (the )?office|vacation)", re.I)
# flufl.bounce logs a traceback for every detector a malformed message trips up; the one
# line this module reports for such a message is enough.
logging.getLogger("flufl.bounce").setLevel(logging.CRITICAL)
TO_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To")


@dataclass(frozen=True)
class Report:
    """One message of the bounce mailbox, understood."""

    kind: str  # HARD, SOFT, COMPLAINT, IGNORED (not a bounce) or UNREADABLE
    ref: str | None  # the reader's reference, from the VERP address
    address: str | None  # the recipient the report names
    status: str  # "5.1.1", "4.2.2", "abuse", or ""
    diagnostic: str
    message_id: str  # the report's own, to read each report once


def read(raw: bytes, bounce_address: str | None) -> Report:
    """Understand one message; a message that cannot be parsed is UNREADABLE, never an
    exception."""
    try:
        msg = email.message_from_bytes(raw, policy=policy.compat32)
        return _read(msg, raw, bounce_address)
    except Exception as e:  # noqa: BLE001 - a stranger's bytes: any failure is "unreadable"
        return Report(UNREADABLE, None, None, "", printable(f"{type(e).__name__}: {e}", 200),
                      "")  # fmt: skip


def _read(msg: Message, raw: bytes, bounce_address: str | None) -> Report:
    message_id = printable(str(msg.get("Message-ID") or ""), 300)
    ref = _ref(msg, bounce_address) if bounce_address else None
    kind = _report_type(msg)
    if kind == "feedback-report":
        return _complaint(msg, ref, message_id)
    if kind == "delivery-status":
        found = _dsn(msg, ref, message_id)
        if found is not None:
            return found
    # Servers mark their bounces "auto-replied" too (Postfix, Exim, Gmail): only a message
    # that is no bounce in any format is taken for an auto-reply.
    found = _nonstandard(msg, ref, message_id)
    if found.kind != IGNORED:
        return found
    auto = str(msg.get("Auto-Submitted") or "").strip().lower()
    if (
        auto.startswith("auto-replied")
        or msg.get("X-Autoreply")
        or AUTO_SUBJECT.match(str(msg.get("Subject") or ""))
    ):
        return Report(IGNORED, ref, None, "", "an auto-reply, not a bounce", message_id)
    return found


def _report_type(msg: Message) -> str:
    if msg.get_content_type() != "multipart/report":
        return ""
    return str(msg.get_param("report-type") or "").lower()


def _ref(msg: Message, bounce_address: str) -> str | None:
    for name in TO_HEADERS:
        for value in msg.get_all(name) or []:
            for _, address in email.utils.getaddresses([str(value)]):
                ref = verp_ref(address, bounce_address)
                if ref:
                    return ref
    return None


def _fields(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status or feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    text = part.get_payload(decode=True)
    if not isinstance(text, bytes):
        return []
    blocks = re.split(rb"\r?\n\r?\n", text.strip())
    return [email.message_from_bytes(b, policy=policy.compat32) for b in blocks if b.strip()]


def _dsn(msg: Message, ref: str | None, message_id: str) -> Report | None:
    """RFC 3464: the first recipient whose action is "failed" (a "delayed" one is a warning
    that the server still tries: not a bounce)."""
    for part in msg.walk():
        if part.get_content_type() not in (
            "message/delivery-status",
            "message/global-delivery-status",
        ):
            continue
        for block in _fields(part)[1:] or _fields(part):
            action = str(block.get("Action") or "").strip().lower()
            status = STATUS.match(str(block.get("Status") or ""))
            if action == "delayed":
                return Report(IGNORED, ref, None, "", "a delay warning: the server still tries",
                              message_id)  # fmt: skip
            if action != "failed" or not status:
                continue
            code = ".".join(status.groups())
            address = _address(block.get("Final-Recipient") or block.get("Original-Recipient"))
            diagnostic = printable(" ".join(str(block.get("Diagnostic-Code") or "").split()), 300)
            kind = HARD if code.startswith("5") else SOFT
            return Report(kind, ref, address, code, diagnostic, message_id)
    return None


def _complaint(msg: Message, ref: str | None, message_id: str) -> Report:
    """RFC 5965: an abuse report from a feedback loop names the original recipient."""
    address, feedback = None, "abuse"
    for part in msg.walk():
        if part.get_content_type() == "message/feedback-report":
            for block in _fields(part):
                feedback = str(block.get("Feedback-Type") or feedback).strip().lower()
                address = address or _address(block.get("Original-Rcpt-To"))
    return Report(COMPLAINT, ref, address, feedback, "a complaint (feedback loop)", message_id)


def _nonstandard(msg: Message, ref: str | None, message_id: str) -> Report:
    """Bounces in the servers' own formats, as flufl.bounce recognises them."""
    from flufl.bounce import all_failures

    temporary, permanent = all_failures(msg)
    subject = printable(str(msg.get("Subject") or ""), 200)
    for kind, found in ((HARD, permanent), (SOFT, temporary)):
        if found:
            address = sorted(a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a)
                             for a in found)[0]  # fmt: skip
            return Report(kind, ref, address.lower(), "", subject, message_id)
    return Report(IGNORED, ref, None, "", f"not a bounce: {subject!r}", message_id)


def _address(value: object) -> str | None:
    """The address of a `rfc822; user@example.org` field."""
    text = str(value or "").partition(";")[2] or str(value or "")
    text = text.strip().strip("<>").lower()
    return text if "@" in text and len(text) <= 254 and " " not in text else None
