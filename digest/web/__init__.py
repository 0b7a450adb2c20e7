"""`wp-digest serve`: the readers' site, on Starlette served by uvicorn.

Starlette because the site is a handful of pages and forms: a small, well-kept ASGI toolkit
with no ORM or admin to carry, whose routing and form parsing are all we need, and which
renders with our own Jinja2 environment (the digest templates' styles). uvicorn because it
is the production server Starlette is built with and for, with proxy-header support for
running behind Caddy or nginx. SQLite is reached with short per-request connections in WAL
mode, so the daemon and `send` write beside it.
"""
