"""Running the site with uvicorn: checks first (the secret, the database), then serve."""

from __future__ import annotations

import logging

import uvicorn

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
            f"the environment variable {cfg.web.secret_env} ([web] secret_env) must hold the "
            "signing key, at least 16 characters (e.g. `openssl rand -hex 32`)"
        )
    return secret


def run(cfg: Config, host: str, port: int, verbosity: int) -> int:
    secret = check(cfg)
    store.open_db(cfg.database).close()  # create and migrate before the first request
    app = create_app(cfg, secret)
    level = {-1: "error", 0: "warning", 1: "info"}.get(verbosity, "debug")
    log.warning("serving %s on http://%s:%d/", cfg.web.base_url, host, port)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=level,
        proxy_headers=True,  # X-Forwarded-For from the reverse proxy (trusted: loopback)
        server_header=False,
        date_header=True,
        timeout_graceful_shutdown=10,
    )
    return 0
