"""A WordPress-like REST server on loopback, for tests, the demo and benchmarks.

It implements the parts of the WordPress REST API wp-digest relies on, with WordPress'
semantics as documented in tests/reference/wordpress-rest.md: discovery by `Link` header,
`/wp-json/` and `?rest_route=`; strict `after`/`before`/`modified_after`/`modified_before`
compared in the site's local time (values without an offset are local); 400 past the last
page and for per_page > 100; X-WP-Total/X-WP-TotalPages and Link headers; `_fields`; only
published posts visible. Posts that share a timestamp come back in a random order, as MySQL
is free to return them, so the crawler cannot lean on a tie order.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from digest.sample.api import ApiError, RestApi

# A fault hook gets (route, params) and returns None to answer normally, (status, headers,
# body) to answer that instead, or a callable that is given the request handler to misbehave
# at the socket level (reset the connection mid-body, hang, ...).
Fault = Callable[[str, dict[str, str]], Any]


def load_sample() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The bundled sample site: realistic UPSC current-affairs posts and their categories."""
    root = resources.files("digest.sample")
    posts = json.loads(root.joinpath("posts.json").read_text(encoding="utf-8"))
    terms = json.loads(root.joinpath("categories.json").read_text(encoding="utf-8"))
    return posts, terms


SAMPLE_HOST = "sample.wp-digest.invalid"  # where the bundled posts' links point


def serve_sample(**options: Any) -> WordPressServer:
    """The bundled sample site, ready to serve: `with serve_sample() as site: site.url`."""
    posts, categories = load_sample()
    return WordPressServer(posts, categories=categories, **options)


class WordPressServer(RestApi):
    """Holds posts and serves them; tests mutate posts through its methods while it runs."""

    def __init__(
        self,
        posts: list[dict[str, Any]] | None = None,
        *,
        categories: list[dict[str, Any]] | None = None,
        timezone: str = "Asia/Kolkata",
        prefix: str = "/",
        pretty: bool = True,
        discovery: bool = True,
        robots: str = "User-agent: *\nDisallow: /wp-admin/\n",
        seed: int = 0,
        clock: Callable[[], float] | None = None,
    ):
        self.tz = ZoneInfo(timezone)
        # The server's own clock (its `Date` header, which the crawler's cursor trusts): real
        # time unless a test gives one, so crawl tests need not depend on the hour they run.
        self.clock = clock or time.time
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.pretty, self.discovery, self.robots = pretty, discovery, robots
        self.posts: dict[int, dict[str, Any]] = {}
        self.categories = list(categories or [])
        self.tags: list[dict[str, Any]] = []
        self.log: list[str] = []  # every request's path and query, in order
        self.seen: list[tuple[float, str]] = []  # (monotonic time, User-Agent) per request
        self.fault: Fault | None = None
        # Benchmarks: record every answer by request path, then serve them again verbatim
        # (so the server's own work is the same, and small, for every client measured).
        self.recording: dict[str, tuple[int, dict[str, str], bytes]] | None = None
        self.replay: dict[str, tuple[int, dict[str, str], bytes]] | None = None
        self.on_request: Callable[[str, dict[str, str]], None] | None = None
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.httpd: ThreadingHTTPServer | None = None
        for post in posts or []:
            self.put(post)

    # --- content ---------------------------------------------------------------------------

    def put(self, post: dict[str, Any]) -> None:
        """Add or replace a post given in REST shape (only *_gmt dates are needed)."""
        with self.lock:
            post = json.loads(json.dumps(post))
            post.setdefault("status", "publish")
            post.setdefault("modified_gmt", post["date_gmt"])
            self.posts[post["id"]] = post

    def edit(self, post_id: int, modified_gmt: str, **fields: Any) -> None:
        """Change a post as WordPress would on update: new fields and a new modified date."""
        with self.lock:
            post = self.posts[post_id]
            for key, value in fields.items():
                if key in ("title", "content", "excerpt"):
                    post[key] = {"rendered": value}
                else:
                    post[key] = value
            post["modified_gmt"] = modified_gmt

    def publish(self, post_id: int) -> None:
        """What WordPress' cron does to a scheduled post when its time comes
        (wp_publish_post): the status changes, the dates do not."""
        with self.lock:
            self.posts[post_id]["status"] = "publish"

    def requests_to(self, route: str) -> int:
        return sum(1 for line in self.log if route in line)

    # --- serving ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}{self.prefix}"

    def start(self, port: int = 0) -> WordPressServer:
        server = self

        class Handler(_Handler):
            site = server

        self.httpd = _QuietServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self) -> WordPressServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-response (as crawlers do on oversized answers) is
        normal here, not worth a traceback."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    site: WordPressServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by design
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The `Date` header, from the site's clock."""
        return formatdate(self.site.clock() if timestamp is None else timestamp, usegmt=True)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        site = self.site
        parts = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        with site.lock:
            site.log.append(self.path)
            site.seen.append((time.monotonic(), self.headers.get("User-Agent", "")))
        if site.replay is not None and self.path in site.replay:
            self._send(*site.replay[self.path])
            return
        route = self._route(parts.path, params)
        if site.on_request:
            site.on_request(route or parts.path, params)
        if site.fault:
            answer = site.fault(route or parts.path, params)
            if callable(answer):
                answer(self)
                self.close_connection = True
                return
            if answer is not None:
                self._send(*answer)
                return
        if parts.path == "/robots.txt":
            self._send(200, {"Content-Type": "text/plain"}, site.robots.encode())
        elif route is None:
            self._send(404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>")
        elif route == "page":
            self._home()
        else:
            self._api(route, params)

    def _route(self, path: str, params: dict[str, str]) -> str | None:
        site = self.site
        if path == site.prefix or path == site.prefix + "index.php":
            if "rest_route" in params:
                return params.pop("rest_route").strip("/") or "/"
            return "page"
        api = site.prefix + "wp-json"
        if site.pretty and (path == api or path.startswith(api + "/")):
            return path[len(api) :].strip("/") or "/"
        return None

    def _home(self) -> None:
        site = self.site
        headers = {"Content-Type": "text/html; charset=UTF-8"}
        body = "<html><head><title>Sample current affairs</title>"
        if site.discovery:
            api = f"{site.url}wp-json/" if site.pretty else f"{site.url}?rest_route=/"
            headers["Link"] = f'<{api}>; rel="https://api.w.org/"'
            body += f'<link rel="https://api.w.org/" href="{api}" />'
        body += "</head><body><h1>Current affairs</h1></body></html>"
        self._send(200, headers, body.encode())

    def _api(self, route: str, params: dict[str, str]) -> None:
        site = self.site
        try:
            if route == "/":
                data: Any = {"name": "Sample", "namespaces": ["wp/v2"], "routes": {}}
                headers: dict[str, str] = {}
            elif route == "wp/v2/posts":
                data, headers = site.collection(params)
                headers["Link"] = self._links(params, int(headers["X-WP-TotalPages"]))
            elif route == "wp/v2/categories":
                data, headers = site.terms(site.categories, params)
            elif route == "wp/v2/tags":
                data, headers = site.terms(site.tags, params)
            elif route == "wp/v2/types":
                data = {"post": {"slug": "post", "rest_base": "posts"}}
                headers = {}
            else:
                raise ApiError(404, "rest_no_route", "No route was found matching the URL.")
        except ApiError as e:
            data, headers = e.body(), {}
            self._json(e.status, data, headers)
            return
        self._json(200, data, headers)

    def _links(self, params: dict[str, str], pages: int) -> str:
        page = int(params.get("page", "1"))
        base = f"{self.site.url}wp-json/wp/v2/posts"
        links = []
        for rel, number in (("prev", page - 1), ("next", page + 1)):
            if 1 <= number <= pages:
                query = "&".join(f"{k}={v}" for k, v in {**params, "page": number}.items())
                links.append(f'<{base}?{query}>; rel="{rel}"')
        return ", ".join(links)

    def _json(self, status: int, data: Any, headers: dict[str, str]) -> None:
        body = json.dumps(data).encode()
        self._send(status, {"Content-Type": "application/json; charset=UTF-8", **headers}, body)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        if self.site.recording is not None:
            self.site.recording[self.path] = (status, headers, body)
        self.send_response(status)
        for key, value in headers.items():
            if value:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
