"""What happened to one reader's digest in a send: one line for people, and a status."""

from __future__ import annotations

from dataclasses import dataclass, field

from digest.states import Send
from digest.text import plural


@dataclass
class Outcome:
    subscriber: str
    label: str | None
    status: Send
    posts: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)
    error: str | None = None

    def line(self) -> str:
        counts = ", ".join(f"{p} {n}" for p, n in self.counts)
        posts = plural(self.posts, "post")
        what = f"{self.label}, {posts}" + (f" ({counts})" if counts else "")
        if self.label is None:
            return f"{self.subscriber}: {self.status}: {self.error}"
        if self.status == Send.NOTHING:
            return f"{self.subscriber}: nothing new" + (f" ({self.error})" if self.error else "")
        if self.error:
            return f"{self.subscriber}: {what}: {self.status}: {self.error}"
        return f"{self.subscriber}: {what}: {self.status}"
