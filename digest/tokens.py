"""Signed tokens for readers' links: confirm, manage, unsubscribe.

A token carries the reader's opaque reference (never the address; the link needs nothing
else, since RFC 8058's POST has no cookies) and is signed with HMAC (itsdangerous) under the
operator's secret, salted with its purpose, so a manage token cannot confirm and a forged
one is refused. Confirmation tokens expire.
"""

from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

PURPOSES = ("confirm", "manage", "unsubscribe")
CONFIRM_MAX_AGE = 2 * 86400  # seconds a confirmation link stays good


class BadToken(Exception):
    """A token that is forged, for another purpose, or expired; the text says which."""


def _serializer(secret: str, purpose: str) -> URLSafeTimedSerializer:
    assert purpose in PURPOSES
    return URLSafeTimedSerializer(secret, salt=f"wp-digest/{purpose}")


def make(secret: str, purpose: str, ref: str) -> str:
    return _serializer(secret, purpose).dumps(ref)


def read(secret: str, purpose: str, token: str) -> str:
    """The reference a token was made for; BadToken otherwise."""
    if not token or len(token) > 400:
        raise BadToken("this link is not valid")
    max_age = CONFIRM_MAX_AGE if purpose == "confirm" else None
    try:
        ref = _serializer(secret, purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise BadToken("this link has expired") from None
    except BadSignature:
        raise BadToken("this link is not valid") from None
    if not isinstance(ref, str):
        raise BadToken("this link is not valid")
    return ref
