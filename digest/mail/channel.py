"""The seam between the ledger and a way of reaching readers: a channel makes one reader's
digest and hands it over; the ledger (digest.mail.deliver) decides what is due, records
every attempt and retries. E-mail is the one channel today.

A channel raises `BuildFailed` when the digest cannot be made (retried like a temporary
failure), `TemporaryFailure` (or `ConnectFailure`, which ends the run's attempts) when it
could not be handed over now, and `PermanentFailure` when this reader's address refuses it.
A second channel is one module with a class like `EmailChannel` and one line in CHANNELS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from digest import periods, render
from digest.config import Config
from digest.mail import links
from digest.mail.message import Prepared, Skeleton, subject, verp
from digest.mail.monthly import monthly_pdf
from digest.mail.transport import PermanentFailure, TemporaryFailure, transport_for
from digest.render.view import DigestView
from digest.store.rows import DigestRow
from digest.store.subscribers import Reader


class BuildFailed(Exception):
    """The digest could not be made (a template, a font, a page too deep to render)."""


class Channel(Protocol):
    def __enter__(self) -> Channel: ...

    def __exit__(self, *exc: object) -> None: ...

    def view(
        self, period: periods.Period, rows: list[DigestRow], papers: tuple[str, ...] = ()
    ) -> DigestView:
        """What the digest of `rows` shows a reader of `papers` (its counts), made once for
        every reader due the same; BuildFailed when it cannot be made."""
        ...

    def deliver(
        self, reader: Reader, period: periods.Period, rows: list[DigestRow], message_id: str
    ) -> DigestView:
        """Make `reader`'s digest of `rows` and hand it over; the view it showed."""
        ...


class EmailChannel:
    """Digests as e-mail: one MIME skeleton per distinct digest, shared by every reader due
    the same rows; per reader only the envelope and their own links."""

    def __init__(self, cfg: Config, now: datetime, *, personal_links: bool = True):
        self.cfg, self.now = cfg, now
        self.renderer = render.Renderer(cfg.digest)
        self.transport = transport_for(cfg.mail)
        self.links = links.Links.of(cfg) if personal_links else None
        self.rendered: dict[tuple, tuple[DigestView, Skeleton, float]] = {}

    def __enter__(self) -> EmailChannel:
        self.transport.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.transport.__exit__(*exc)

    def view(
        self, period: periods.Period, rows: list[DigestRow], papers: tuple[str, ...] = ()
    ) -> DigestView:
        try:
            return self.prepared(period, rows, False, papers)[0]
        except Exception as e:  # noqa: BLE001 - whatever broke, this digest fails alone
            raise BuildFailed(f"{type(e).__name__}: {e}") from e

    def deliver(
        self, reader: Reader | str, period: periods.Period, rows: list[DigestRow], message_id: str
    ) -> DigestView:
        view, msg = self.message(reader, period, rows, message_id)
        try:
            self.transport.send(msg)
        except PermanentFailure as e:
            if e.code != 552:
                raise
            # Too large for the server: once more, as excerpts with links.
            view, msg = self.message(reader, period, rows, message_id, small=True)
            self.transport.send(msg)
        return view

    def message(
        self,
        to: Reader | str,
        period: periods.Period,
        rows: list[DigestRow],
        message_id: str,
        *,
        small: bool = False,
    ) -> tuple[DigestView, Prepared]:
        """The digest mail; over `[mail] max_message_mb` (or `small`, after a 552), its
        posts are excerpts with links and nothing is attached."""
        papers = to.papers if isinstance(to, Reader) else ()
        try:
            view, skeleton, size = self.prepared(period, rows, small, papers)
        except Exception as e:  # noqa: BLE001 - whatever broke, this digest fails alone
            raise BuildFailed(f"{type(e).__name__}: {e}") from e
        if not small and size > self.cfg.mail.max_message_mb * 1024 * 1024:
            return self.message(to, period, rows, message_id, small=True)
        manage = unsubscribe = None
        if self.links and isinstance(to, Reader):  # the reader's own links, in one place
            manage = self.links.url("manage", to.ref)
            unsubscribe = self.links.unsubscribe_uris(to.ref)
        address = to.email if isinstance(to, Reader) else to
        bounces = self.cfg.mail.bounce_address
        envelope = verp(bounces, to.ref) if bounces and isinstance(to, Reader) and to.ref else None
        return view, skeleton.message(address, message_id, manage, unsubscribe, envelope)

    def prepared(
        self,
        period: periods.Period,
        rows: list[DigestRow],
        small: bool,
        papers: tuple[str, ...] = (),
    ) -> tuple[DigestView, Skeleton, float]:
        """(view, skeleton, size on the wire), made once per distinct digest: the rows are
        frozen, so equal rows (posts, revisions, how each is marked) for readers of the same
        papers (a compilation shows them their items only) share one rendering."""
        key = (period.label, small, tuple(rows), papers if any(r.items for r in rows) else ())
        if key not in self.rendered:
            self.rendered[key] = self._render(period, rows, small, key[3])
        return self.rendered[key]

    def _render(
        self, period: periods.Period, rows: list[DigestRow], small: bool, papers: tuple[str, ...]
    ):
        settings = self.cfg.digest
        if small:
            settings = replace(settings, content="excerpt", images=False)
        view = render.build(rows, period, settings, now=self.now, papers=papers)
        if settings.base_url and settings.archive:
            view.archive_link = settings.base_url + "index.html"
        personal = links.slot() if self.links else None
        if personal:
            view.manage_link = personal
        attachments: tuple[tuple[str, bytes], ...] = ()
        if period.kind == "monthly" and not small:
            attachments, view.notice = monthly_pdf(self.cfg, self.renderer, rows, period)
        elif small:
            view.notice = "This digest was too large to mail whole: posts are excerpts."
        renderer = render.Renderer(settings) if small else self.renderer
        text, html = renderer.text(view), renderer.html(view)
        skeleton = Skeleton(
            settings=self.cfg.mail,
            subject=subject(self.cfg, period, view.total),
            text=text,
            html=html,
            date=self.now,
            attachments=attachments,
            personal=personal,
        )
        # On the wire: base64 grows every part by about 37 % (with line ends).
        raw = len(text.encode()) + len(html.encode()) + sum(len(d) for _, d in attachments)
        return view, skeleton, raw * 1.37


# The registry of channels, by name.
CHANNELS: dict[str, Callable[..., Any]] = {"email": EmailChannel}

__all__ = ["CHANNELS", "BuildFailed", "Channel", "EmailChannel", "TemporaryFailure"]
