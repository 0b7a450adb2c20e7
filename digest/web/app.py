"""The readers' site: archive, sign-up, confirm, manage, unsubscribe, search, feed, health.

Handlers parse and check input, then run the database and mail work in a thread
(`run_in_threadpool`), so one slow SMTP server does not stall other readers. Every error is
a small page with a 4xx status, never a traceback. No page says whether an address is
subscribed: the sign-up form answers the same for every address.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Match, Route

from digest.config import EMAIL, Config
from digest.papers import PAPERS, parse_papers
from digest.periods import KINDS
from digest.states import Reader as ReaderState
from digest.store import subscribers
from digest.web import guard
from digest.web.access import AccessLog
from digest.web.mailer import Mailer
from digest.web.pages import AlreadyConfirmed, Pages, Refused, events

log = logging.getLogger("wp-digest.web")
PERIODS = KINDS
CHOOSABLE = tuple(p for p in PAPERS if p != "Other")
MAX_EMAIL = 254
MAX_QUERY = 200


def create_app(cfg: Config, secret: str) -> Starlette:
    pages = Pages(cfg, secret)

    def refuse(request: Request, exc: Exception) -> Response:
        if isinstance(exc, Refused):
            return pages.message(request, "Sorry", exc.message, status=exc.status)
        if isinstance(exc, HTTPException) and exc.status_code == 404:
            moved = _without_slash(request)
            if moved:  # from [web] base_url, never from the request's Host header
                return RedirectResponse(cfg.web.base_url + moved, 308)
        if isinstance(exc, HTTPException):
            text = {404: "There is no such page.", 405: "That is not allowed here."}
            message = text.get(exc.status_code, "The request could not be handled.")
            return pages.message(request, "Sorry", message, status=exc.status_code)
        log.error("error serving %s", request.url.path, exc_info=exc)
        return pages.message(request, "Sorry", "Something went wrong on our side.", status=500)

    async def home(request: Request) -> Response:
        entries = await run_in_threadpool(pages.archive_entries)
        return pages.render(request, "web-index.html.j2", entries=entries, periods=PERIODS,
                            papers=CHOOSABLE)  # fmt: skip

    async def subscribe(request: Request) -> Response:
        if not cfg.web.signup:
            raise HTTPException(404)
        form = await _form(request)
        email = str(form.get("email", "")).strip()
        period, papers = _choice(form)
        if len(email) > MAX_EMAIL or not EMAIL.match(email):
            # The form again, as the reader filled it in, saying what is wrong.
            entries = await run_in_threadpool(pages.archive_entries)
            return pages.render(request, "web-index.html.j2", 400, entries=entries,
                                periods=PERIODS, papers=CHOOSABLE, email=email[:MAX_EMAIL],
                                period=period, chosen=papers,
                                error="That does not look like an e-mail address.")  # fmt: skip
        client = guard.client(request)
        await run_in_threadpool(pages.sign_up, email, period, papers, client)
        return pages.message(
            request,
            "Check your inbox",
            f"If {email} can receive mail, a message with a confirmation link is on its way. "
            "Your subscription starts when you open it.",
        )

    async def confirm(request: Request) -> Response:
        token = request.path_params["token"]
        try:
            if request.method == "POST":
                await _form(request)
                reader = await run_in_threadpool(pages.confirm, token)
                return pages.message(
                    request,
                    "You are subscribed",
                    f"Your {reader.period} digest will arrive at {reader.email}.",
                    link=(pages.links.url("manage", reader.ref), "Change what you get"),
                )
            reader = await run_in_threadpool(pages.confirmation, token)
        except AlreadyConfirmed as already:
            reader = already.reader
            return pages.message(
                request,
                "Already confirmed",
                f"{reader.email} gets the {reader.period} digest.",
                link=(pages.links.url("manage", reader.ref), "Change what you get"),
            )
        return pages.render(request, "web-confirm.html.j2", reader=reader)

    async def manage(request: Request) -> Response:
        token = request.path_params["token"]
        reader = await run_in_threadpool(pages.reader, "manage", token)
        saved = None
        if request.method == "POST":
            form = await _form(request)
            action = form.get("action")
            if action == "leave":
                await run_in_threadpool(
                    subscribers_set, pages, reader.email, ReaderState.UNSUBSCRIBED
                )
                events.info("unsubscribed: reader %s (manage page)", reader.ref)
                saved = "You have left. You will get no more digests."
            elif action in ("save", "resubscribe"):
                period, papers = _choice(form)
                await run_in_threadpool(pages.save_choice, reader.email, period, papers)
                events.info("%s: reader %s (%s; %s)", action, reader.ref, period,
                            ", ".join(papers) or "all papers")  # fmt: skip
                saved = "Saved."
            else:
                raise Refused(400, "Unknown action.")
            reader = await run_in_threadpool(pages.reader, "manage", token)
        return pages.render(request, "web-manage.html.j2", reader=reader, saved=saved,
                            periods=PERIODS, papers=CHOOSABLE)  # fmt: skip

    async def unsubscribe(request: Request) -> Response:
        token = request.path_params["token"]
        reader = await run_in_threadpool(pages.reader, "unsubscribe", token)
        if request.method == "POST":  # RFC 8058: no cookie, no CSRF token; it only unsubscribes
            await request.body()
            await run_in_threadpool(subscribers_set, pages, reader.email, ReaderState.UNSUBSCRIBED)
            events.info("unsubscribed: reader %s (one-click)", reader.ref)
            return pages.message(request, "Unsubscribed",
                                 f"{reader.email} will get no more digests.",
                                 link=(pages.links.url("manage", reader.ref),
                                       "Changed your mind? Subscribe again"))  # fmt: skip
        return pages.render(request, "web-unsubscribe.html.j2", reader=reader)

    async def search(request: Request) -> Response:
        query = request.query_params.get("q", "")
        if len(query) > MAX_QUERY:
            raise Refused(400, f"Please search with at most {MAX_QUERY} characters.")
        groups = await run_in_threadpool(pages.search, query) if query.strip() else []
        return pages.render(request, "web-search.html.j2", q=query, groups=groups)

    async def digest_page(request: Request) -> Response:
        html = await run_in_threadpool(pages.digest, request.path_params["label"])
        if html is None:
            raise HTTPException(404)
        return HTMLResponse(html)

    async def revisions(request: Request) -> Response:
        source = request.path_params["source"]
        try:
            post_id = int(request.path_params["post_id"])
            old, new = (_revision(request.query_params.get(k)) for k in ("from", "to"))
        except ValueError:
            raise HTTPException(404) from None
        if len(source) > 100 or not 0 < post_id < 2**53:
            raise HTTPException(404)
        history = await run_in_threadpool(pages.history, source, post_id, old, new)
        if history is None:
            raise HTTPException(404)
        return pages.render(request, "web-revisions.html.j2", h=history)

    async def feed(request: Request) -> Response:
        xml = await run_in_threadpool(pages.feed)
        return Response(xml, media_type="application/atom+xml")

    async def style(request: Request) -> Response:
        return Response(pages.css, media_type="text/css",
                        headers={"cache-control": "public, max-age=3600"})  # fmt: skip

    async def healthz(request: Request) -> Response:
        ok = await run_in_threadpool(pages.healthy)
        return PlainTextResponse("ok" if ok else "database unavailable", 200 if ok else 503)

    async def _form(request: Request) -> Any:
        form = await request.form(max_files=0, max_fields=20)
        if not guard.csrf_ok(request, form):
            raise Refused(403, "This form has expired. Reload the page and try again.")
        return form

    def _without_slash(request: Request) -> str | None:
        """A known page asked for with a trailing slash: its path, without the slash."""
        path = request.url.path
        if path == "/" or not path.endswith("/"):
            return None
        bare = path.rstrip("/")
        scope = {**request.scope, "path": bare}
        for route in routes:
            if route.matches(scope)[0] == Match.FULL:
                return bare.lstrip("/")
        return None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """The background sender lives as long as the site."""
        mailer = Mailer(cfg, pages.links)
        pages.mailer = mailer
        mailer.start()
        try:
            yield
        finally:
            mailer.stop()
            mailer.join(timeout=5)

    routes = [
        Route("/", home),
        Route("/subscribe", subscribe, methods=["POST"]),
        Route("/confirm/{token}", confirm, methods=["GET", "POST"]),
        Route("/manage/{token}", manage, methods=["GET", "POST"]),
        Route("/unsubscribe/{token}", unsubscribe, methods=["GET", "POST"]),
        Route("/search", search),
        Route("/digest/{label}", digest_page),
        Route("/post/{source}/{post_id}/revisions", revisions),
        Route("/feed.xml", feed),
        Route("/style.css", style),
        Route("/healthz", healthz),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(AccessLog, tz=cfg.tz), Middleware(guard.Defences)],
        exception_handlers={Exception: refuse, HTTPException: refuse, Refused: refuse},
    )
    app.router.redirect_slashes = False  # Starlette's would echo the Host header
    return app


def _revision(value: str | None) -> int | None:
    """A revision number from the query string (ValueError: not one)."""
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 6):
        raise ValueError(value)
    return int(value)


def _choice(form: Any) -> tuple[str, list[str]]:
    period = str(form.get("period", "daily"))
    if period not in PERIODS:
        raise Refused(400, "Choose daily, weekly or monthly.")
    values = [str(p) for p in form.getlist("papers")]
    try:
        papers = parse_papers(values)
    except ValueError:
        raise Refused(400, "Choose papers from the list.") from None
    if any(p not in CHOOSABLE for p in papers) or len(values) > len(CHOOSABLE):
        raise Refused(400, "Choose papers from the list.")
    return period, list(dict.fromkeys(papers))


def subscribers_set(pages: Pages, email: str, status: str) -> None:
    with pages.db() as db:
        subscribers.set_status(db, email, status, "left through their link" if status ==
                               ReaderState.UNSUBSCRIBED else None)  # fmt: skip
