"""Running the site with uvicorn: checks first (the secret, the database), then serve."""

from __future__ import annotations

import errno
import logging
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from digest import store
from digest.config import Config
from digest.errors import ConfigError
from digest.web.app import create_app

log = logging.getLogger("wp-digest.web")


def check(cfg: Config) -> str:
    """The signing key; ConfigError (exit 2) when the site cannot run safely."""
    if not cfg.web.base_url:
        raise ConfigError("[web] base_url is not set: the site needs its public URL for links")
    secret = cfg.web.secret()
    if secret is None:
        raise ConfigError(
            f"no signing key: the environment variable {cfg.web.secret_env} ([web] "
            "secret_env), [web] secret_file or the systemd credential wp-digest-secret must "
            "hold one, at least 16 characters (e.g. `openssl rand -hex 32`)"
        )
    return secret


def run(cfg: Config, host: str, port: int, verbosity: int) -> int:
    secret = check(cfg)
    store.open_db(cfg.database).close()  # create and migrate before the first request
    problem = _port_taken(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = create_app(cfg, secret)
    level = {-1: "error", 0: "warning", 1: "info"}.get(verbosity, "debug")
    log.info("serving %s on http://%s:%d/", cfg.web.base_url, host, port)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=level,
        proxy_headers=True,  # X-Forwarded-For, only from [web] trusted_proxies
        forwarded_allow_ips=list(cfg.web.trusted_proxies),
        server_header=False,
        access_log=False,  # digest.web.access writes one line per request, tokens masked
        date_header=True,
        timeout_graceful_shutdown=10,
        http=SlowHeadersClosed,
        timeout_keep_alive=5,  # seconds an idle connection stays open
        limit_concurrency=LIMIT_CONCURRENCY,  # more at once are answered 503 at once
        h11_max_incomplete_event_size=MAX_HEADERS,
    )
    return 0


def _port_taken(host: str, port: int) -> str | None:
    """One line when the address cannot be listened on (uvicorn would log a traceback-like
    error and linger), else None."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            what = "address in use" if e.errno == errno.EADDRINUSE else (e.strerror or str(e))
            return f"error: {what}: {host}:{port}"
    return None


HEADER_SECONDS = 10.0  # to send a request's headers, whole
LIMIT_CONCURRENCY = 200  # connections and tasks at once
MAX_HEADERS = 16 * 1024  # bytes of request line and headers


class SlowHeadersClosed(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with a deadline for each request's headers: a client
    that trickles them (slowloris) is disconnected after HEADER_SECONDS instead of holding
    a connection for as long as it likes. uvicorn has no such limit of its own."""

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._deadline()

    def _deadline(self) -> None:
        self.loop.call_later(HEADER_SECONDS, self._headers_due, self.cycle)

    def _headers_due(self, cycle: Any) -> None:
        """No new request began since the deadline was set, and none is being answered."""
        idle = cycle is None or cycle.response_complete
        if self.cycle is cycle and idle and not self.transport.is_closing():
            self.transport.close()
