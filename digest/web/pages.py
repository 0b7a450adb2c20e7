"""The site's work behind the handlers: database reads and writes, mail, rendering.

Each method opens a short connection (WAL: readers never block the crawler or `send`,
writers wait on the busy timeout) and runs in a worker thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from digest import clock, periods, store, tokens
from digest.config import Config
from digest.mail import links
from digest.render import Renderer, publish
from digest.states import Reader as ReaderState
from digest.store import archive, queries, search, signups, subscribers
from digest.store.subscribers import Reader
from digest.web import guard, history, results
from digest.web.mailer import Mailer

log = logging.getLogger("wp-digest.web")
events = logging.getLogger("wp-digest.web.events")  # readers' events, by reference only
CACHE_SECONDS = 60.0
ARCHIVE_DAYS, ARCHIVE_WEEKS, ARCHIVE_MONTHS = 60, 26, 12
USED = (
    "Sorry, this link has been used already, or a newer sign-up replaced it. To subscribe, "
    "sign up again on the home page."
)
CACHE_ENTRIES = 256  # page parts kept (3–4 KB each, a digest page more)


class AlreadyConfirmed(Exception):
    def __init__(self, reader: Reader):
        super().__init__(reader.email)
        self.reader = reader


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
        # Page parts by key, least recently used first: bounded, since keys come from URLs.
        self._cache: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self.mailer: Mailer | None = None  # started with the app (see app.create_app)

    @contextlib.contextmanager
    def db(self) -> Iterator[store.Database]:
        with store.connection(self.cfg.database) as db:
            yield db

    def _cached(self, key: str, make: Any) -> Any:
        """A page part made at most once a minute: fifty readers arriving at once wait for
        one rendering instead of making fifty (each key has its own lock). At most
        CACHE_ENTRIES parts are kept, the least recently used going first."""
        hit = self._hit(key)
        if hit is not None:
            return hit
        with self._locks_lock:
            lock = self._locks.setdefault(key, threading.Lock())
        try:
            with lock:
                hit = self._hit(key)
                if hit is not None:
                    return hit
                value = make()
                with self._locks_lock:
                    self._cache[key] = (time.monotonic(), value)
                    self._cache.move_to_end(key)
                    while len(self._cache) > CACHE_ENTRIES:
                        self._cache.popitem(last=False)
                return value
        finally:
            with self._locks_lock:
                if key not in self._cache:
                    self._locks.pop(key, None)

    def _hit(self, key: str) -> Any:
        with self._locks_lock:
            hit = self._cache.get(key)
            if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
                self._cache.move_to_end(key)
                return hit[1]
        return None

    # Rendering
    nav = property(lambda self: {"site": self.cfg.digest.title, "signup": self.cfg.web.signup})

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
        return self._reader(purpose, token)[0]

    def _reader(self, purpose: str, token: str) -> tuple[Reader, str]:
        """The reader a link names, and what else it carries (a confirm link: the time of
        the sign-up it confirms)."""
        try:
            value = tokens.read(self.secret, purpose, token)
        except tokens.BadToken as e:
            raise Refused(400, f"Sorry, {e}.") from None
        ref, _, extra = value.partition("/")
        with self.db() as db:
            reader = subscribers.by_ref(db, ref)
        if reader is None:
            raise Refused(400, "Sorry, this link is not valid.")
        return reader, extra

    def confirmation(self, token: str) -> Reader:
        """The reader a confirm link names, if that link can still confirm (it works once,
        for the sign-up it was sent for)."""
        reader, asked = self._reader("confirm", token)
        with self.db() as db:
            still = reader.status == ReaderState.PENDING and signups.requested(db, reader.email)
        if reader.status == ReaderState.ACTIVE:
            raise AlreadyConfirmed(reader)
        if not asked or still != asked:
            raise Refused(400, USED)
        return reader

    def confirm(self, token: str) -> Reader:
        reader, asked = self._reader("confirm", token)
        with self.db() as db:
            outcome = signups.confirm(db, reader.ref, asked)
        if outcome == "already":
            raise AlreadyConfirmed(reader)
        if outcome != "confirmed":
            raise Refused(400, USED)
        events.info("confirmed: reader %s", reader.ref)
        return reader

    def sign_up(self, email: str, period: str, papers: list[str], client: str) -> None:
        """Record a pending sign-up and queue its confirmation mail, within the rate limits:
        per client (IPv6: per /64), per mailbox (without +tags) and in all. An active reader
        is not changed (a stranger cannot alter their subscription): they are mailed their
        manage link instead. The mail goes out from the background sender."""
        now = clock.now()
        web = self.cfg.web
        with self.db() as db:
            if not signups.rate_hit(db, f"client:{client}", web.signups_per_hour,
                                        timedelta(hours=1), now):  # fmt: skip
                raise Refused(429, "Too many sign-ups from your network. Try again in an hour.")
            if not signups.rate_hit(db, f"mailbox:{guard.mailbox(email)}",
                                        web.mails_per_day, timedelta(days=1), now):  # fmt: skip
                log.info("sign-up: confirmation mails to one mailbox are at today's limit")
                return  # answered like any other: no page tells what happened
            if not signups.rate_hit(db, "all:confirmations", web.confirmations_per_hour,
                                        timedelta(hours=1), now):  # fmt: skip
                log.warning("sign-up: confirmation mails are at the hourly limit of the site")
                raise Refused(429, "Too many sign-ups right now. Try again in an hour.")
            kind = signups.request(db, email, period, papers, now)
            reader = subscribers.get(db, email)
        assert reader is not None
        events.info("sign-up: reader %s (%s)", reader.ref, "known" if kind == "already" else "new")
        if self.mailer is not None:
            self.mailer.wake.set()

    def save_choice(self, email: str, period: str, papers: list[str]) -> None:
        with self.db() as db:
            subscribers.set_choice(db, email, period, papers)
            subscribers.set_status(db, email, ReaderState.ACTIVE)

    # Reading
    def archive_entries(self) -> list[dict[str, Any]]:
        return self._cached("archive", self._archive_entries)

    def _archive_entries(self) -> list[dict[str, Any]]:
        tz, now = self.cfg.tz, clock.now()
        since = clock.utc(now - timedelta(days=370))
        with self.db() as db:
            buckets = archive.published_since(db, since)
        days: dict[Any, int] = defaultdict(int)
        for stamp, count in buckets:
            days[periods.local_time(stamp, tz).date()] += count
        counts: dict[tuple[str, Any], int] = defaultdict(int)
        for day, count in days.items():
            for kind in periods.KINDS:
                counts[(kind, periods.containing(kind, day, tz).label)] += count
        limits = {"daily": ARCHIVE_DAYS, "weekly": ARCHIVE_WEEKS, "monthly": ARCHIVE_MONTHS}
        out = []
        for kind in periods.KINDS:
            labels = sorted({label for k, label in counts if k == kind}, reverse=True)
            ended = [x for x in labels if periods.from_label(x, tz).end() <= now]
            for label in ended[: limits[kind]]:  # never a period still to come (a post from
                period = periods.from_label(label, tz)  # 2099 must not push real days off)
                out.append({"label": label, "kind": kind, "title": period.title,
                            "file": f"digest/{label}", "total": counts[(kind, label)],
                            "counts": [], "updated": clock.utc(period.end()) + "Z"})  # fmt: skip
        return out

    def digest(self, label: str) -> str | None:
        """A digest's page, or None (404) for a label that is not one, or whose period ends
        before the first stored post or has not begun: a URL cannot make the site render
        (and cache) pages of empty years."""
        try:
            period = periods.from_label(label, self.cfg.tz)
            if period.label != label:
                return None
            start, end = period.bounds_utc()
        except (ValueError, OverflowError):  # year 9999's end, say
            return None
        first = self._cached("first", self._first)
        if first is None or end <= first or start > clock.now_utc():
            return None

        def make() -> str:
            with self.db() as db:
                view = publish.view_for(db, period, self.cfg.digest, self.cfg.ranking)
            return self.renderer.html(view, nav=self.nav)

        return self._cached(f"digest:{label}", make)

    def _first(self) -> str | None:
        with self.db() as db:
            return queries.first_and_last_published(db)[0]

    def feed(self) -> str:
        entries = [e for e in self.archive_entries() if e["kind"] == "daily"][:30]
        return self.renderer.html_env.get_template("feed.xml.j2").render(
            entries=entries, title=self.cfg.digest.title, base=self.cfg.web.base_url,
            updated=entries[0]["updated"] if entries else clock.utc(clock.now()) + "Z",
        )  # fmt: skip

    def search(self, query: str) -> list[tuple[str, list[dict[str, Any]]]]:
        """Results by paper, kept a minute like the other page parts: a popular word asked
        by many readers at once is looked up and summarised once, not once each."""
        key = "search:" + " ".join(w.lower() for w in search.WORD.findall(query))
        return self._cached(key, lambda: self._search(query))

    def _search(self, query: str) -> list[tuple[str, list[dict[str, Any]]]]:
        with self.db() as db:
            return results.grouped(search.search(db, query), query)

    def history(self, source: str, post_id: int, old: int | None, new: int | None):
        with self.db() as db:
            return history.page(db, self.cfg, source, post_id, old, new)

    def healthy(self) -> bool:
        try:
            with self.db() as db:
                return archive.healthy(db)
        except Exception:  # noqa: BLE001 - any failure is "unhealthy", said with a 503
            return False
