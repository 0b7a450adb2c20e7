"""A reader's own links in a digest: the manage page in the footer, List-Unsubscribe.

Digests are rendered once per distinct content and shared by every reader due the same
posts; the footer then holds a slot, filled per message with the reader's manage URL.
The slot is a fresh random URL for each rendering, so it marks only the places the template
put it: a post cannot contain it (it did not exist when the post was written), and text in
a post that looks like a slot stays as it is. A fixed placeholder would hand every reader's
own link to any post that quoted it (an `<img src>` would send it to the post's server).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from digest import tokens
from digest.config import Config


def slot() -> str:
    """A new, unguessable stand-in for a reader's manage URL in one rendering."""
    return f"https://reader.invalid/{secrets.token_urlsafe(18)}/manage"


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
