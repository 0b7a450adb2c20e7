"""One part of the monthly book laid out and written once, for counting instructions.

Time on a shared 2-core machine wanders by a quarter between runs of the same code; the
number of instructions a process executes does not (within about 0.5 %). Count them with
valgrind (Debian's `valgrind`), then the same process without the part (`--skip`): the
part costs the difference. Compare two checkouts, each installed in its own venv.

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        python bench/part.py --posts 20 [--skip] [--css "li { list-style: none }"]

bench/RESULTS.md ("P6 bullets") has the figures this measured.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import reference_posts, saved_store  # noqa: E402

from digest import periods, store  # noqa: E402
from digest.config import DigestSettings  # noqa: E402
from digest.render import monthly  # noqa: E402
from digest.render.jinja import Renderer  # noqa: E402
from digest.store import queries  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20, help="posts in the part")
    parser.add_argument("--skip", action="store_true", help="everything but the part")
    parser.add_argument("--css", default="", help="CSS added to the part's (an experiment)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "part.db"
        first = datetime(2026, 1, 1, tzinfo=UTC)
        saved_store(path, reference_posts(args.posts, first, timedelta(minutes=7)))
        db = store.open_db(path)
        month = periods.containing("monthly", first.date(), ZoneInfo("Asia/Kolkata"))
        settings = DigestSettings()
        view = monthly.build(queries.published_in(db, *month.bounds_utc()), month, settings)
        monthly.PART_POSTS = args.posts
        [part] = monthly._parts(view)
        if args.skip:
            return
        renderer = Renderer(settings)
        bulleted = getattr(monthly, "_bulleted", lambda part: part)  # before: no such step
        document = monthly._layout(renderer, view, "monthly-part.html.j2",
                                   monthly.PART_CSS + args.css, part=bulleted(part))  # fmt: skip
        print(len(document.pages), "pages,", len(document.write_pdf()), "bytes")


if __name__ == "__main__":
    main()
