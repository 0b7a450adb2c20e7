"""The digest archive: a folder of rendered digests with index.html and an Atom feed.

A small manifest (archive.json) remembers what each file is, so the index and the feed are
rebuilt whole from it after every write, and the folder can be served as a static site.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from digest import clock
from digest.render import DigestView, Renderer, write

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


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def publish(
    view: DigestView, renderer: Renderer, out: Path, *, now: datetime | None = None
) -> tuple[Path, Path]:
    """Write a digest (HTML and text) into the archive folder; refresh index.html, feed.xml."""
    html_path, text_path = write(view, renderer, out)
    record(view, renderer, out, [html_path, text_path], now=now)
    return html_path, text_path


def publish_files(
    view: DigestView,
    renderer: Renderer,
    out: Path,
    files: dict[str, str | bytes],
    *,
    now: datetime | None = None,
) -> list[Path]:
    """Write other renderings of a digest (e.g. the monthly HTML book and its PDF)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for suffix, body in files.items():
        path = out / f"{view.label}{suffix}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        tmp.replace(path)
        paths.append(path)
    record(view, renderer, out, paths, now=now)
    return paths


def record(
    view: DigestView,
    renderer: Renderer,
    out: Path,
    paths: list[Path],
    *,
    now: datetime | None = None,
) -> None:
    """Add (or replace) the digest's entry in the manifest, then rebuild index and feed."""
    stamp = (now or clock.now()).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
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
    _atomic(out / MANIFEST, json.dumps(entries, indent=1, ensure_ascii=False))
    base = renderer.settings.base_url
    title = renderer.settings.title
    _atomic(out / "index.html", renderer.page("index.html.j2", entries=entries, title=title))
    feed = renderer.html_env.get_template("feed.xml.j2").render(
        entries=entries, title=title, base=base, updated=stamp
    )
    _atomic(out / "feed.xml", feed)
