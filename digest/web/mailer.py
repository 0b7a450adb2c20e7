"""The site's background sender: confirmation mails off the request path, and housekeeping.

Requests queue mail in the database (digest.store.mailq) and wake this thread; it makes
each message (the reader's link is signed now) and hands it to the mail server with the
configured timeouts. A hung or slow mail server holds only this thread, never a page. Once
an hour it also expires stale sign-ups and rate-limit events.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from digest import clock, store, tokens
from digest.config import Config
from digest.mail import links, message, transport
from digest.states import Reader as ReaderState
from digest.store import mailq, signups, subscribers

log = logging.getLogger("wp-digest.web")
Server = transport.OutboxTransport | transport.SmtpTransport
PENDING_FOR = timedelta(seconds=tokens.CONFIRM_MAX_AGE) + timedelta(days=1)
EVENTS_FOR = timedelta(days=2)  # longer than any rate-limit window
HOUSEKEEPING_EVERY = 3600.0


def confirm_link(site: links.Links, ref: str, asked: str) -> str:
    """A confirmation link for the sign-up asked for at `asked`: it confirms that request
    only, once (digest.store.signups.confirm)."""
    return site.url("confirm", f"{ref}/{asked}")


class Mailer(threading.Thread):
    def __init__(self, cfg: Config, site: links.Links, poll: float = 30.0):
        super().__init__(name="wp-digest-mailer", daemon=True)
        self.cfg, self.site, self.poll = cfg, site, poll
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.last_housekeeping: float | None = None  # never yet: at the first round

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.once()
            except Exception:  # noqa: BLE001 - logged; the thread must outlive one bad round
                log.exception("the site's mail sender failed a round")
            self.wake.wait(self.poll)
            self.wake.clear()

    def once(self) -> int:
        """Send what is due; housekeeping when an hour has passed. Returns mails sent."""
        with store.session(self.cfg.database) as db:
            last = self.last_housekeeping
            if last is None or time.monotonic() - last >= HOUSEKEEPING_EVERY:
                self.last_housekeeping = time.monotonic()
                now = clock.now()
                expired = signups.expire(db, now, PENDING_FOR, EVENTS_FOR)
                mailq.purge(db, now)
                if expired:
                    log.info("expired %d sign-ups never confirmed", expired)
            queued = mailq.due(db, clock.now())
            if not queued:
                return 0
            sent = 0
            with transport.transport_for(self.cfg.mail) as server:
                for item in queued:
                    if self.stopping.is_set():
                        break
                    try:
                        sent += self._send(db, server, item)
                    except transport.ConnectFailure as e:  # the rest wait for the next round
                        mailq.failed(db, item, str(e), clock.now(), permanent=False)
                        log.warning("sign-up mail not sent: %s", e)
                        break
            return sent

    def _send(self, db: store.Database, server: Server, item: mailq.Queued) -> int:
        reader = subscribers.get(db, item.email)
        if reader is None:  # expired or removed meanwhile: nothing to say
            mailq.sent(db, item)
            return 0
        msg = self._message(db, reader, item.kind)
        if msg is None:  # confirmed or withdrawn meanwhile
            mailq.sent(db, item)
            return 0
        try:
            server.send(msg)
        except transport.PermanentFailure as e:
            mailq.failed(db, item, str(e), clock.now(), permanent=True)
            log.warning("sign-up mail to reader %s refused: %s", reader.ref, e)
            return 0
        except transport.ConnectFailure:
            raise
        except transport.TemporaryFailure as e:
            status = mailq.failed(db, item, str(e), clock.now(), permanent=False)
            log.warning("sign-up mail to reader %s not sent (%s): %s", reader.ref, status, e)
            return 0
        mailq.sent(db, item)
        return 1

    def _message(self, db: store.Database, reader: subscribers.Reader, kind: str):
        title = self.cfg.digest.title
        if kind == "already":
            subject = f"{title}: your subscription"
            body = (
                f"Someone (probably you) asked to subscribe {reader.email} to {title}. You "
                f"are subscribed already; to change what you get or to leave:\n\n"
                f"{self.site.url('manage', reader.ref)}\n"
            )
        else:
            asked = signups.requested(db, reader.email)
            if reader.status != ReaderState.PENDING or not asked:
                return None
            subject = f"{title}: confirm your subscription"
            body = (
                f"Someone (probably you) asked to subscribe {reader.email} to the {reader.period} "
                f"{title}. To confirm, open this link within two days:\n\n"
                f"{confirm_link(self.site, reader.ref, asked)}\n\n"
                "If it was not you, ignore this mail: nothing will be sent.\n"
            )
        return message.plain_message(self.cfg.mail, reader.email, subject, body, clock.now())
