"""The monthly PDF, laid out in a child process.

WeasyPrint (with Pango and HarfBuzz) adds well over 100 MB to a process and never gives it
back; the daemon runs for months and makes one book a month. So the book is laid out by
`python -m digest.render.pdfjob` and only its bytes come back: the daemon stays small, and
a crash in the layout engine costs one digest, not the daemon.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from digest import CHILD_FLAGS
from digest.config import DigestSettings
from digest.render.view import DigestView


def pdf(view: DigestView, settings: DigestSettings) -> bytes:
    """The PDF book of a monthly view (see digest.render.monthly.pdf)."""
    with tempfile.TemporaryDirectory(prefix="wp-digest-pdf-") as folder:
        job, out = Path(folder) / "job.pickle", Path(folder) / "book.pdf"
        job.write_bytes(pickle.dumps((view, settings)))
        result = subprocess.run(
            [sys.executable, *CHILD_FLAGS, "-m", "digest.render.pdfjob", str(job), str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if result.returncode == 0 and result.stderr:
            sys.stderr.write(result.stderr)  # its warnings (a script no font covers)
        if result.returncode != 0 or not out.exists():
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            raise RuntimeError(f"the PDF could not be made: {lines[-1] if lines else 'no output'}")
        return out.read_bytes()


def main(job: str, out: str) -> None:
    import logging

    from digest.render import monthly

    logging.basicConfig(format="%(levelname)s %(message)s", level=logging.WARNING)
    from digest.render.jinja import Renderer

    # Our own file, in a private temporary folder made by the parent just now.
    view, settings = pickle.loads(Path(job).read_bytes())  # noqa: S301
    Path(out).write_bytes(monthly.pdf(view, Renderer(settings)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
