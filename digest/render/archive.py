"""The digest archive: a folder of rendered digests with index.html and an Atom feed.

digest.render.publish writes the digests; this module keeps the folder's index.

A small manifest (archive.json) remembers what each file is, so the index and the feed are
rebuilt whole from it after every write, and the folder can be served as a static site.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from digest import clock
from digest.files import atomic_write
from digest.render.jinja import Renderer
from digest.render.view import DigestView

MANIFEST = "archive.json"


def _load(out: Path) -> list[dict[str, Any]]:
    path = out / MANIFEST
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return []  # a damaged manifest is rebuilt from what is written next
    entries = [e for e in entries if isinstance(e, dict) and (out / e.get("file", "")).exists()]
    for entry in entries:
        entry.setdefault("others", [])
    return entries


def record(
    view: DigestView,
    renderer: Renderer,
    out: Path,
    paths: list[Path],
    *,
    now: datetime | None = None,
) -> None:
    """Add (or replace) the digest's entry in the manifest, then rebuild index and feed."""
    stamp = clock.utc(now or clock.now()) + "Z"
    entries = [e for e in _load(out) if e["label"] != view.label]
    entries.append(
        {
            "label": view.label,
            "kind": view.kind,
            "title": view.title,
            "file": paths[0].name,
            "others": [[p.suffix.lstrip(".").upper(), p.name] for p in paths[1:]],
            "total": view.total,
            "counts": view.counts,
            "updated": stamp,
        }
    )
    entries.sort(key=lambda e: (e["label"].split("-", 1)[1], e["kind"]), reverse=True)
    atomic_write(out / MANIFEST, json.dumps(entries, indent=1, ensure_ascii=False))
    base = renderer.settings.base_url
    title = renderer.settings.title
    atomic_write(out / "index.html", renderer.page("index.html.j2", entries=entries, title=title))
    feed = renderer.html_env.get_template("feed.xml.j2").render(
        entries=entries, title=title, base=base, updated=stamp
    )
    atomic_write(out / "feed.xml", feed)
