"""Fast, network-free stores for tests: REST posts saved the way the crawler saves them
(the one boundary, digest.crawl.records, then the store with the classifier), without a
server or a child process; and configs that mail into an outbox folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from digest import config, store
from digest.crawl import records
from digest.store import Database, filing, posts

SITE = "https://example.org/ca/"


def saved(db: Database, api_posts: list[dict[str, Any]], source: str = "wp") -> None:
    """Save REST-shaped posts (helpers.make_post) as one crawled page."""
    found, rejects = records.parse_page(api_posts, "posts", SITE, ("example.org",))
    hook = filing.hook(db, source, config.Rules())
    posts.save_page(db, source, found, rejects=rejects, on_change=hook)


def new_store(tmp_path: Path, api_posts: list[dict[str, Any]] = ()) -> Database:  # type: ignore[assignment]
    db = store.open_db(tmp_path / "state.db")
    if api_posts:
        saved(db, list(api_posts))
    return db


def outbox_config(tmp_path: Path, readers: str = "", **top: str) -> config.Config:
    """A config whose mail goes to tmp_path/outbox; `readers` is TOML for [[subscriber]]s."""
    extra = "".join(f'{k} = "{v}"\n' for k, v in top.items())
    text = (
        f'timezone = "Asia/Kolkata"\ndatabase = "state.db"\n{extra}'
        f'\n[mail]\ntransport = "outbox"\noutbox = "outbox"\nfrom = "d@example.org"\n{readers}'
    )
    path = tmp_path / "wp-digest.toml"
    path.write_text(text, encoding="utf-8")
    return config.load(str(path))
