"""One wp-digest instance per database: an advisory lock file beside it, there while held.

`run` holds it for its lifetime, `tick` while it works. A second lock, `<db>.send.lock`, is
held by whoever is sending (a manual `send`, a tick, the daemon), so two senders never pick
up the same pending digest. The kernel releases a lock when its process dies, so a crash
never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from digest.errors import ConfigError


class Locked(Exception):
    pass


class InstanceLock:
    def __init__(self, database: Path, purpose: str = ""):
        self.path = Path(f"{database}{'.' + purpose if purpose else ''}.lock")
        self.fd: int | None = None

    def acquire(self, *, wait: bool = False, waiting: Callable[[str], None] | None = None
                ) -> InstanceLock:  # fmt: skip
        """Take the lock; with `wait`, block until its holder lets go, first telling
        `waiting` who that is (`run --wait` says "waiting for pid 1234 to finish…")."""
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as e:
                message = f"{self.path}: cannot create the lock file: {e.strerror}"
                raise ConfigError(message) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 64).decode(errors="replace").strip() or "?"
                if not wait:
                    os.close(fd)
                    raise Locked(
                        f"another wp-digest (pid {holder}) is working on "
                        f"{self.path.name[:-5]}; try again later, or use --wait"
                    ) from None
                if waiting is not None:
                    waiting(holder)
                fcntl.flock(fd, fcntl.LOCK_EX)
            # The holder before us removes the file when it lets go; a lock on a removed
            # file is no lock, so take it again on the file that is there now.
            try:
                if os.fstat(fd).st_ino == os.stat(self.path).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd
        return self

    def release(self) -> None:
        """Let go, leaving no lock file behind (removed while still held, so a process that
        opens the old file sees it is gone and takes the new one)."""
        if self.fd is not None:
            self.path.unlink(missing_ok=True)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
