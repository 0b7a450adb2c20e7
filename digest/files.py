"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

from pathlib import Path


def atomic_write(path: Path, body: str | bytes) -> Path:
    """Write `body` beside `path`, then rename it into place (atomic on POSIX)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    tmp.replace(path)
    return path
