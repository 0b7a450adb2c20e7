"""The site's work behind the handlers: database reads and writes, mail, rendering.

Each method opens a short connection (WAL: readers never block the crawler or `send`,
writers wait on the busy timeout) and runs in a worker thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from digest import clock, periods, store, tokens
from digest.classify import is_marker
from digest.config import Config
from digest.mail import links, message, transport
from digest.papers import PAPERS
from digest.render import Renderer, publish
from digest.store import site, subscribers
from digest.store.subscribers import Reader
from digest.text import excerpt, plain, safe_url
from digest.web import guard

log = logging.getLogger("wp-digest.web")
CACHE_SECONDS = 60.0
ARCHIVE_DAYS, ARCHIVE_WEEKS, ARCHIVE_MONTHS = 60, 26, 12


class Refused(Exception):
    """A request refused with a status and a sentence for the reader."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class Pages:
    def __init__(self, cfg: Config, secret: str):
        self.cfg, self.secret = cfg, secret
        self.renderer = Renderer(cfg.digest)
        self.links = links.Links(cfg.web.base_url, secret, cfg.web.mailto)
        self.secure = cfg.web.base_url.startswith("https://")
        self.css = self.renderer.asset("web.css")
        self._cache: dict[str, tuple[float, Any]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()

    @contextlib.contextmanager
    def db(self) -> Iterator[store.Database]:
        db = store.db.connect(self.cfg.database)
        try:
            yield db
        finally:
            db.close()

    def _cached(self, key: str, make: Any) -> Any:
        """A page part made at most once a minute: fifty readers arriving at once wait for
        one rendering instead of making fifty (each key has its own lock)."""
        hit = self._cache.get(key)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return hit[1]
        with self._locks_lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            hit = self._cache.get(key)
            if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
                return hit[1]
            value = make()
            self._cache[key] = (time.monotonic(), value)
            return value

    # Rendering
    def render(self, request: Request, template: str, status: int = 200, **context: Any):
        token = guard.csrf_token(request)
        html = self.renderer.page(
            template, csrf=token, site=self.cfg.digest.title, signup=self.cfg.web.signup,
            **context,
        )  # fmt: skip
        response = HTMLResponse(html, status)
        guard.remember(response, token, self.secure)
        return response

    def message(self, request: Request, title: str, text: str, *, status: int = 200,
                link: tuple[str, str] | None = None) -> HTMLResponse:  # fmt: skip
        return self.render(request, "web-message.html.j2", status, heading=title, text=text,
                           link=link)  # fmt: skip

    # Readers
    def reader(self, purpose: str, token: str) -> Reader:
        try:
            ref = tokens.read(self.secret, purpose, token)
        except tokens.BadToken as e:
            raise Refused(400, f"Sorry, {e}.") from None
        with self.db() as db:
            reader = subscribers.by_ref(db, ref)
        if reader is None:
            raise Refused(400, "Sorry, this link is not valid.")
        return reader

    def sign_up(self, email: str, period: str, papers: list[str], client: str) -> None:
        """Record a pending sign-up and mail the confirmation, within the rate limits. An
        active reader is not changed (a stranger cannot alter their subscription): they get
        their manage link instead."""
        now = clock.now()
        web = self.cfg.web
        with self.db() as db:
            if not subscribers.rate_hit(db, f"client:{client}", web.signups_per_hour,
                                        timedelta(hours=1), now):  # fmt: skip
                raise Refused(429, "Too many sign-ups from your network. Try again in an hour.")
            if not subscribers.rate_hit(db, f"email:{email.lower()}", web.mails_per_day,
                                        timedelta(days=1), now):  # fmt: skip
                log.info("sign-up: confirmation mails to one address are at today's limit")
                return  # answered like any other: no page tells what happened
            reader = subscribers.get(db, email)
            if reader is None or reader.status != "active":
                subscribers.put(db, email, period, papers, "web", "pending")
                reader = subscribers.get(db, email)
                active = False
            else:
                active = True
        assert reader is not None
        self._mail_reader(reader, active)

    def _mail_reader(self, reader: Reader, active: bool) -> None:
        title = self.cfg.digest.title
        if active:
            subject = f"{title}: your subscription"
            body = (
                f"Someone (probably you) asked to subscribe {reader.email} to {title}. You "
                f"are subscribed already; to change what you get or to leave:\n\n"
                f"{self.links.url('manage', reader.ref)}\n"
            )
        else:
            subject = f"{title}: confirm your subscription"
            body = (
                f"Someone (probably you) asked to subscribe {reader.email} to the {reader.period} "
                f"{title}. To confirm, open this link within two days:\n\n"
                f"{self.links.url('confirm', reader.ref)}\n\n"
                "If it was not you, ignore this mail: nothing will be sent.\n"
            )
        msg = message.plain_message(self.cfg.mail, reader.email, subject, body, clock.now())
        try:
            with transport.transport_for(self.cfg.mail) as sender:
                sender.send(msg)
        except (transport.TemporaryFailure, transport.PermanentFailure) as e:
            log.warning("sign-up mail not sent: %s", e)

    def save_choice(self, email: str, period: str, papers: list[str]) -> None:
        with self.db() as db:
            subscribers.set_choice(db, email, period, papers)
            subscribers.set_status(db, email, "active")

    # Reading
    def archive_entries(self) -> list[dict[str, Any]]:
        return self._cached("archive", self._archive_entries)

    def _archive_entries(self) -> list[dict[str, Any]]:
        tz, now = self.cfg.tz, clock.now()
        since = clock.utc(now - timedelta(days=370))
        with self.db() as db:
            buckets = site.published_since(db, since)
        days: dict[Any, int] = defaultdict(int)
        for stamp, count in buckets:
            days[periods.local_time(stamp, tz).date()] += count
        counts: dict[tuple[str, Any], int] = defaultdict(int)
        for day, count in days.items():
            for kind in ("daily", "weekly", "monthly"):
                counts[(kind, periods.containing(kind, day, tz).label)] += count
        limits = {"daily": ARCHIVE_DAYS, "weekly": ARCHIVE_WEEKS, "monthly": ARCHIVE_MONTHS}
        out = []
        for kind in ("daily", "weekly", "monthly"):
            labels = sorted({label for k, label in counts if k == kind}, reverse=True)
            for label in labels[: limits[kind]]:
                period = periods.from_label(label, tz)
                out.append({"label": label, "kind": kind, "title": period.title,
                            "file": f"digest/{label}", "total": counts[(kind, label)],
                            "counts": [], "updated": clock.utc(period.end()) + "Z"})  # fmt: skip
        return out

    def digest(self, label: str) -> str | None:
        try:
            period = periods.from_label(label, self.cfg.tz)
        except ValueError:
            return None
        if period.label != label:
            return None

        def make() -> str:
            with self.db() as db:
                view = publish.view_for(db, period, self.cfg.digest)
            return self.renderer.html(view)

        return self._cached(f"digest:{label}", make)

    def feed(self) -> str:
        entries = [e for e in self.archive_entries() if e["kind"] == "daily"][:30]
        return self.renderer.html_env.get_template("feed.xml.j2").render(
            entries=entries, title=self.cfg.digest.title, base=self.cfg.web.base_url,
            updated=entries[0]["updated"] if entries else clock.utc(clock.now()) + "Z",
        )  # fmt: skip

    def search(self, query: str) -> list[tuple[str, list[dict[str, Any]]]]:
        with self.db() as db:
            rows = site.search(db, query)
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            groups[row["papers"][0]].append(
                {
                    "title": plain(row["title"]) or "(untitled)",
                    "link": safe_url(row["link"]),
                    "source": row["source"],
                    "date": row["date_gmt"][:10],
                    "subjects": row["subjects"],
                    "excerpt": excerpt(row["content"], 220, skip=is_marker),
                }
            )
        return [(paper, groups[paper]) for paper in PAPERS if paper in groups]

    def healthy(self) -> bool:
        try:
            with self.db() as db:
                return site.healthy(db)
        except Exception:  # noqa: BLE001 - any failure is "unhealthy", said with a 503
            return False
