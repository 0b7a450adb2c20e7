"""A reader's own links in a digest: the manage page in the footer, List-Unsubscribe.

Digests are rendered once per distinct content and shared by every reader due the same
posts; the footer then holds PLACEHOLDER, replaced per message by the reader's manage URL
(a string replace: per reader only the envelope and the links are made).
"""

from __future__ import annotations

from dataclasses import dataclass

from digest import tokens
from digest.config import Config

PLACEHOLDER = "https://reader.invalid/manage"


@dataclass(frozen=True)
class Links:
    base_url: str
    secret: str
    mailto: str | None = None

    @classmethod
    def of(cls, cfg: Config) -> Links | None:
        """Links when `[web] base_url` is set and its secret is in the environment."""
        secret = cfg.web.secret()
        if not cfg.web.base_url or not secret:
            return None
        return cls(cfg.web.base_url, secret, cfg.web.mailto)

    def url(self, purpose: str, ref: str) -> str:
        return f"{self.base_url}{purpose}/{tokens.make(self.secret, purpose, ref)}"

    def unsubscribe_uris(self, ref: str) -> tuple[str, ...]:
        uris = (self.url("unsubscribe", ref),)
        return uris + ((f"mailto:{self.mailto}?subject=unsubscribe",) if self.mailto else ())
