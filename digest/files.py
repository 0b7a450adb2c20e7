"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
from pathlib import Path

# What wp-digest writes is for its owner and, at most, a group (a web server serving the
# archive, say): mail names its reader, and nothing here is for everyone on the machine.
FILE_MODE, FOLDER_MODE = 0o640, 0o750


def atomic_write(path: Path, body: str | bytes, mode: int = FILE_MODE) -> Path:
    """Write `body` beside `path`, then rename it into place (atomic on POSIX). On failure
    (a full disk) the temporary file is removed and the error raised."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(body if isinstance(body, bytes) else body.encode("utf-8"))
        os.chmod(tmp, mode)  # whatever the umask
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def make_folder(path: Path) -> Path:
    """A folder the user asked for (an archive, an outbox), created group-readable at most."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return path
