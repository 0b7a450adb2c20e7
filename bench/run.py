"""wp-digest benchmarks. Run: python bench/run.py [--quick] [--only P2,P4]

Every figure is a ratio against a baseline measured in the same run (absolute times on
shared machines are noise). Results are printed as a Markdown block for bench/RESULTS.md.

P1  requests to the posts collection by a crawl with nothing new (target: 2 per source/type:
    one by modified date, one by publication date)
P2  backfill of 10,000 posts: wp-digest / floor (urllib + json + sqlite3 executemany),
    same recorded responses, alternating, median of 5 (target <= 2.0)
P3  peak RSS of the crawler at 1,000 vs 10,000 posts (targets: ratio <= 1.3, <= 150 MB)
P4  rendering a weekly digest of 700 posts (HTML + text, sanitised, CSS inlined), and 7,000
    (target: <= 12x the time for 10x the posts)
P5  `wp-digest run` as a subprocess: RSS after 100 crawl cycles / after 10 (target <= 1.1),
    and idle RSS after a monthly send (target <= 80 MB)
P6  the monthly compilation of a 3,000-post month (HTML + PDF): time and peak memory, against
    the weekly digest of the same posts rendered in the same run
B   bytes of an incremental crawl's pages with _fields, versus without
S   send scaling: ms per reader of an ordinary morning's `send` (300 daily readers who had
    yesterday's digest) on stores of 2,000 and 20,000 posts (a busy site's 55 a day: five
    weeks and a year of history), through aiosmtpd's Sink (target: <= 2.0x for 10x the
    posts); with --big also 200,000 posts (ten years), projected to 10,000 readers
X   building the full-text index: 5,000 vs 50,000 queued posts, with FTS5's default
    automerge (4) and the store's (8): time for 10x the posts (target: near 10x)
F   fan-out: `send` to N daily subscribers (a mix of paper sets) through aiosmtpd's Sink,
    ms per message at 10, 100, 1,000 and 10,000, against a floor that sends the same number
    of ready-made messages (the same digest, as bytes) with plain smtplib over one
    connection (issue #18 asks <= 2.0)
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest import config as config_mod  # noqa: E402
from digest import periods, render, store  # noqa: E402
from digest.sample.site import WordPressServer, load_sample  # noqa: E402
from digest.store import queries  # noqa: E402

REFERENCE = ROOT / "tests" / "reference" / "nextias-post-71990.json"
PAPERS = [
    "GS1/History",
    "GS2/International Relations",
    "GS3/Economy",
    "GS4/Ethics",
    "Prelims/Polity",
]


def posts(n: int) -> list[dict]:
    """n posts in the shape (and size) of the real nextias reference post."""
    return list(reference_posts(n, datetime(2026, 1, 1, tzinfo=UTC), timedelta(minutes=7)))


def reference_posts(n: int, first: datetime, step: timedelta, first_id: int = 100000
                    ) -> Iterator[dict]:  # fmt: skip
    """n copies of the reference post, `step` apart from `first`, each with its own ID,
    title and syllabus line (the papers in turn); made one at a time."""
    if REFERENCE.exists():
        base = json.loads(REFERENCE.read_text())
    else:
        base = copy.deepcopy(load_sample()[0][-3])
    content = base["content"]["rendered"]
    for i in range(n):
        when = (first + step * i).strftime("%Y-%m-%dT%H:%M:%S")
        post = copy.deepcopy(base)
        post.update(id=first_id + i, date_gmt=when, modified_gmt=when, slug=f"post-{i}")
        post["title"] = {"rendered": f"{base['title']['rendered']} ({i})"}
        syllabus = f"Syllabus: {PAPERS[i % len(PAPERS)]}"
        post["content"] = {
            "rendered": content.replace("Syllabus: GS2/International Relations", syllabus),
            "protected": False,
        }
        yield post


def write_config(folder: Path, url: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wp-digest.toml"
    path.write_text(
        f'database = "bench.db"\n[[source]]\nname = "bench"\nurl = "{url}"\n'
        'link_hosts = ["www.nextias.com", "nextias.com", "sample.wp-digest.invalid"]\n'
        "[crawl]\nrequests_per_second = 10000\n"
    )
    return path


# wp-digest as installed: pip compiles a package's bytecode when it installs it, so the
# processes measured here may cache theirs too (some shells set PYTHONDONTWRITEBYTECODE,
# which would make every measured process compile the package from source again).
INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cli(cfg: Path, *args: str) -> tuple[float, int]:
    """Run the wp-digest CLI; (wall seconds, peak RSS in KB of its largest child)."""
    started = time.perf_counter()
    code = [sys.executable, "-c",
            "import resource, subprocess, sys;"
            "r = subprocess.run(sys.argv[1:]);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
            "sys.exit(r.returncode)",
            sys.executable, "-m", "digest", "-q", "--config", str(cfg), *args]  # fmt: skip
    result = subprocess.run(code, capture_output=True, text=True, cwd=ROOT, env=INSTALLED)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def floor(urls: list[str], db_path: Path, fts: bool = False) -> float:
    """The least work that does the same job: fetch, parse, insert (optionally with the
    full-text index wp-digest keeps, to show what that costs on its own)."""
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute(
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, date_gmt TEXT, modified_gmt TEXT, "
        "title TEXT, content TEXT, excerpt TEXT, link TEXT)"
    )
    if fts:
        db.execute(
            "CREATE VIRTUAL TABLE posts_fts USING fts5(title, content, content=posts, "
            "tokenize='porter')"
        )
        db.execute(
            "CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN INSERT INTO posts_fts "
            "(rowid, title, content) VALUES (new.id, new.title, new.content); END"
        )
    for url in urls:
        with urllib.request.urlopen(url) as response:
            data = json.loads(response.read())
        db.executemany(
            "INSERT OR REPLACE INTO posts VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(p["id"], p["date_gmt"], p["modified_gmt"], p["title"]["rendered"],
              p["content"]["rendered"], p["excerpt"]["rendered"], p["link"]) for p in data],
        )  # fmt: skip
        db.commit()
    db.close()
    return time.perf_counter() - started


def same_work_floor(urls: list[str], db_path: Path) -> float:
    """The least code that does wp-digest's work on a backfill: fetch, parse, content hash,
    classification, the row and a revision copy per post, and a full-text index over the
    plain text built once at the end (no Scrapy, no per-post lookups, no bookkeeping)."""
    import hashlib

    from digest.classify import classify
    from digest.text import words

    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute(
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, date_gmt TEXT, modified_gmt TEXT, "
        "title TEXT, content TEXT, excerpt TEXT, link TEXT, hash TEXT, papers TEXT, "
        "subjects TEXT)"
    )
    db.execute(
        "CREATE TABLE revisions (id INTEGER, revision INTEGER, title TEXT, content TEXT, "
        "excerpt TEXT, hash TEXT, PRIMARY KEY (id, revision))"
    )
    for url in urls:
        with urllib.request.urlopen(url) as response:
            data = json.loads(response.read())
        rows, revisions = [], []
        for p in data:
            title, content = p["title"]["rendered"], p["content"]["rendered"]
            excerpt = p["excerpt"]["rendered"]
            digest = hashlib.sha256(
                json.dumps([title, content, excerpt], ensure_ascii=False).encode()
            ).hexdigest()
            papers, subjects = classify(title, content, p.get("categories") or [])
            rows.append((p["id"], p["date_gmt"], p["modified_gmt"], title, content, excerpt,
                         p["link"], digest, json.dumps(papers), json.dumps(subjects)))  # fmt: skip
            revisions.append((p["id"], 1, title, content, excerpt, digest))
        db.executemany("INSERT OR REPLACE INTO posts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT OR REPLACE INTO revisions VALUES (?, ?, ?, ?, ?, ?)", revisions)
        db.commit()
    db.execute("CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, tokenize='porter')")
    db.executemany(
        "INSERT INTO posts_fts (rowid, title, body) VALUES (?, ?, ?)",
        ((i, words(t), words(c)) for i, t, c in db.execute("SELECT id, title, content FROM posts")),
    )
    db.commit()
    db.close()
    return time.perf_counter() - started


def p1(tmp: Path) -> dict:
    with WordPressServer(posts(300)) as site:
        cfg = write_config(tmp / "p1", site.url)
        cli(cfg, "crawl")
        site.log.clear()
        cli(cfg, "crawl")
        n = site.requests_to("wp/v2/posts")
        by_date = sum(1 for r in site.log if "wp/v2/posts" in r and "orderby=date" in r)
    return {
        "P1 requests to the posts collection, nothing new": f"{n} (target 2)",
        "P1 of which by publication date": by_date,
    }


def p2_p3(tmp: Path, n: int, runs: int) -> dict:
    with WordPressServer(posts(n)) as site:
        site.recording = {}
        cfg = write_config(tmp / "record", site.url)
        cli(cfg, "crawl")  # records every answer wp-digest needs
        site.replay, site.recording = site.recording, None
        urls = [f"http://{site.httpd.server_address[0]}:{site.httpd.server_address[1]}{p}"
                for p in site.replay if "wp/v2/posts" in p]  # fmt: skip
        ours, base, with_fts, same, rss = [], [], [], [], []
        for i in range(runs):  # alternating, so drift hits both alike
            cfg = write_config(tmp / f"p2-{n}-{i}", site.url)
            elapsed, peak = cli(cfg, "crawl")
            ours.append(elapsed)
            rss.append(peak)
            base.append(floor(urls, tmp / f"floor-{n}-{i}.db"))
            with_fts.append(floor(urls, tmp / f"floor-fts-{n}-{i}.db", fts=True))
            same.append(same_work_floor(urls, tmp / f"floor-same-{n}-{i}.db"))
        pages = len(urls)
    return {"n": n, "pages": pages, "ours": statistics.median(ours),
            "floor": statistics.median(base), "floor_fts": statistics.median(with_fts),
            "same": statistics.median(same),
            "rss_kb": max(rss)}  # fmt: skip


def p4(tmp: Path, n: int) -> float:
    with WordPressServer(posts(n)) as site:
        cfg = write_config(tmp / f"p4-{n}", site.url)
        cli(cfg, "crawl")
    conf = config_mod.load(str(cfg))
    db = store.open_db(conf.database)
    rows = queries.period_posts(db, "2000-01-01T00:00:00", "2100-01-01T00:00:00")
    period = periods.containing("weekly", date(2026, 1, 5), conf.tz)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        view = render.build(rows, period, conf.digest)
        renderer = render.Renderer(conf.digest)
        renderer.html(view)
        renderer.text(view)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def p6(tmp: Path, n: int) -> dict:
    """Render the month in a child process so its peak RSS is its own."""
    with WordPressServer(posts(n)) as site:
        cfg = write_config(tmp / f"p6-{n}", site.url)
        cli(cfg, "crawl")
    # posts() starts on 1 Jan 2026, 7 minutes apart: 3,000 posts fit in January.
    t_month, rss_month = cli(cfg, "digest", "--period", "monthly", "--date", "2026-01-15",
                             "--out", str(tmp / f"p6-out-{n}"))  # fmt: skip
    t_week, rss_week = cli(cfg, "digest", "--period", "weekly", "--date", "2026-01-07",
                           "--out", str(tmp / f"p6-week-{n}"))  # fmt: skip
    pdf = tmp / f"p6-out-{n}" / "monthly-2026-01.pdf"
    return {"month_s": t_month, "month_rss": rss_month, "week_s": t_week, "week_rss": rss_week,
            "pdf_mb": pdf.stat().st_size / 1024 / 1024}  # fmt: skip


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def p5(tmp: Path, cycles: int) -> dict:
    """`wp-digest run` as a subprocess, as deployed: crawl every second, a daily and a
    monthly reader; its RSS after 10 and `cycles` crawls, and idle after the monthly send."""
    import os
    import signal
    import sqlite3 as sql

    last_month = (datetime.now(UTC).replace(day=1) - timedelta(days=10)).replace(day=5)
    batch = posts(40)
    for i, post in enumerate(batch):
        when = (last_month + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%S")
        post.update(date_gmt=when, modified_gmt=when)
    with WordPressServer(batch) as site:
        cfg = write_config(tmp / "p5", site.url)
        cfg.write_text(
            cfg.read_text()
            + '[schedule]\ncrawl_every = "1s"\ncheck_every = "1s"\n'
            + '[[subscriber]]\nemail = "d@example.org"\n'
            + '[[subscriber]]\nemail = "m@example.org"\nperiod = "monthly"\n'
        )
        proc = subprocess.Popen([sys.executable, "-m", "digest", "-q", "--config", str(cfg), "run"],
                                cwd=ROOT)  # fmt: skip
        db_path = tmp / "p5" / "bench.db"

        def rss() -> int:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
            return 0

        def crawls() -> int:
            if not db_path.exists():
                return 0
            with sql.connect(db_path) as db:
                try:
                    return db.execute("SELECT count(*) FROM crawls").fetchone()[0]
                except sql.Error:
                    return 0

        readings: dict[str, int] = {}
        deadline = time.monotonic() + 40 * cycles
        try:
            while time.monotonic() < deadline and proc.poll() is None:
                done = crawls()
                if done >= 10 and "10" not in readings:
                    readings["10"] = rss()
                if done >= cycles:
                    readings[str(cycles)] = rss()
                    break
                time.sleep(0.2)
            with sql.connect(db_path) as db:
                sent = db.execute(
                    "SELECT count(*) FROM deliveries "
                    "WHERE label LIKE 'monthly-%' AND status = 'sent'"
                ).fetchone()[0]
            time.sleep(3)  # between jobs: idle
            readings["idle"] = rss()
            readings["monthly_sent"] = sent
        finally:
            os.kill(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
    return readings


def fields_bytes(tmp: Path) -> dict:
    with WordPressServer(posts(100)) as site:
        base = f"{site.url}wp-json/wp/v2/posts?per_page=100&orderby=modified&order=asc"
        from digest.crawl.wp import FIELDS

        with urllib.request.urlopen(base + "&_fields=" + FIELDS) as r:
            trimmed = len(r.read())
        with urllib.request.urlopen(base) as r:
            full = len(r.read())
    return {"trimmed": trimmed, "full": full}


def fanout(tmp: Path, counts: tuple[int, ...]) -> dict[int, tuple[float, float]]:
    """{N: (ms per message with wp-digest, ms per message for the floor)}."""
    import shutil
    import smtplib
    import socket
    from dataclasses import replace

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    from digest.mail import deliver
    from digest.mail.channel import EmailChannel

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Controller(Sink(), hostname="127.0.0.1", port=port)
    sink.start()
    out: dict[int, tuple[float, float]] = {}
    try:
        with WordPressServer(*load_sample()[:1], categories=load_sample()[1]) as site:
            cfg_path = write_config(tmp / "fanout", site.url)
            cli(cfg_path, "crawl")
        base = config_mod.load(str(cfg_path))
        mail = replace(base.mail, transport="smtp", host="127.0.0.1", port=port,
                       security="none", sender="d@example.org")  # fmt: skip
        sets = [(), ("GS2",), ("GS1", "GS3"), ("GS4", "Essay", "Prelims")]
        now = datetime(2026, 4, 16, 7, 5, tzinfo=UTC)
        for n in counts:
            db_path = tmp / f"fanout-{n}.db"
            shutil.copy(base.database, db_path)
            subs = tuple(
                config_mod.Subscriber(f"r{i}@example.org", "daily", sets[i % len(sets)])
                for i in range(n)
            )
            cfg = replace(base, database=db_path, mail=mail, subscribers=subs)
            db = store.open_db(db_path)
            started = time.perf_counter()
            outcomes = deliver.send_due(cfg, db, now)
            ours = time.perf_counter() - started
            db.close()
            sent = sum(o.status == "sent" for o in outcomes)
            # The floor: the same number of ready-made messages (a real digest of these
            # posts, rendered once, as bytes) handed to the same server over one connection.
            channel = EmailChannel(cfg, now)
            rows = queries.period_posts(store.open_db(db_path), *periods.last_completed(
                "daily", now, cfg.tz).bounds_utc())  # fmt: skip
            _, ready = channel.message("x@example.org", periods.last_completed(
                "daily", now, cfg.tz), rows, "<m@x>")  # fmt: skip
            started = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", port) as conn:
                for i in range(sent):
                    conn.sendmail("d@example.org", [f"r{i}@example.org"], ready.data)
            floor_s = time.perf_counter() - started
            out[n] = (ours * 1000 / max(sent, 1), floor_s * 1000 / max(sent, 1))
    finally:
        sink.stop()
    return out


def year_of_posts(n: int, end: datetime, per_day: int = 55) -> Iterator[dict]:
    """n posts at `per_day` a day (a busy site's rate: a year is about 20,000), the newest
    the day before `end`: stores of different sizes differ in history, not in a day's
    digest. Made one at a time (200,000 at once would take gigabytes)."""
    step = timedelta(days=1) / per_day
    return reference_posts(n, end - timedelta(days=1) - step * (n - 1), step, 200000)


def saved_store(path: Path, api_posts: Iterator[dict]) -> None:
    """A store built through the project's own save path (parse, file, save), a page of
    100 posts per transaction, as a crawl saves them."""
    import itertools

    from digest.config import Rules
    from digest.crawl import records
    from digest.store import filing, search
    from digest.store import posts as store_posts

    db = store.open_db(path)
    hook = filing.hook(db, "bench", Rules())
    while page := list(itertools.islice(api_posts, 100)):
        found, rejects = records.parse_page(page, "posts", "https://www.nextias.com/ca/",
                                            ("www.nextias.com", "nextias.com"))  # fmt: skip
        store_posts.save_page(db, "bench", found, rejects=rejects, on_change=hook)
    search.flush_index(db)
    db.close()


def send_scale(tmp: Path, sizes: tuple[int, ...], readers: int) -> dict[int, float]:
    """{posts stored: ms per reader of a daily `send`} for `readers` readers who had
    yesterday's digest, on stores of `sizes` posts (a day's posts the same at every size).
    Each store is prepared once; the send is then timed on fresh copies, the sizes in turn,
    three rounds, the median (so warm-up and a busy moment do not favour one size)."""
    import shutil
    import socket
    from dataclasses import replace

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    from digest.mail import deliver

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Controller(Sink(), hostname="127.0.0.1", port=port)
    sink.start()
    sets = [(), ("GS2",), ("GS1", "GS3"), ("GS4", "Essay", "Prelims")]
    subs = tuple(config_mod.Subscriber(f"r{i}@example.org", "daily", sets[i % len(sets)])
                 for i in range(readers))  # fmt: skip
    day = datetime(2026, 4, 16, 2, 0, tzinfo=UTC)  # 07:30 IST: yesterday's digest is due
    configs, times = {}, {n: [] for n in sizes}  # type: ignore[var-annotated]
    try:
        for n in sizes:
            cfg_path = write_config(tmp / f"scale-{n}", "https://www.nextias.com/ca/")
            base = config_mod.load(str(cfg_path))
            mail = replace(base.mail, transport="smtp", host="127.0.0.1", port=port,
                           security="none", sender="d@example.org")  # fmt: skip
            configs[n] = cfg = replace(base, mail=mail, subscribers=subs)
            # Saved before the readers joined (a revision the crawler first sees after a
            # reader joined is due to them whatever its date; the bench is not about that).
            os.environ["WP_DIGEST_NOW"] = (day - timedelta(days=3)).isoformat()
            saved_store(base.database, year_of_posts(n, day))
            db = store.open_db(base.database)
            # The readers joined two days before and had yesterday's digest: the send
            # measured is an ordinary morning's. (The program's clock follows the bench's.)
            for days in (2, 1):
                os.environ["WP_DIGEST_NOW"] = (day - timedelta(days=days)).isoformat()
                deliver.send_due(cfg, db, day - timedelta(days=days))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
        os.environ["WP_DIGEST_NOW"] = day.isoformat()
        for _ in range(3):
            for n in sizes:
                cfg = configs[n]
                work = cfg.database.with_name("work.db")
                shutil.copy(cfg.database, work)
                db = store.open_db(work)
                started = time.perf_counter()
                outcomes = deliver.send_due(replace(cfg, database=work), db, day)
                elapsed = time.perf_counter() - started
                db.close()
                if sum(o.status == "sent" for o in outcomes) != readers:
                    raise RuntimeError(f"scale {n}: {[o.line() for o in outcomes[:3]]}")
                times[n].append(elapsed * 1000 / readers)
                for stale in work.parent.glob("work.db*"):
                    stale.unlink()
    finally:
        os.environ.pop("WP_DIGEST_NOW", None)
        sink.stop()
    return {n: statistics.median(ms) for n, ms in times.items()}


def index_build(tmp: Path, sizes: tuple[int, int]) -> dict[str, dict[int, float]]:
    """{automerge setting: {posts: seconds}} of `flush_index` over a queue of `sizes` posts
    (the reference post's words shuffled, each post its own), FTS5's default merge (4)
    against the store's (8, schema 15), alternating, best of two."""
    import random

    from digest.store import search

    words = json.loads(REFERENCE.read_text())["content"]["rendered"].split()
    out: dict[str, dict[int, float]] = {"4 (FTS5 default)": {}, "8 (schema 15)": {}}
    for _ in range(2):
        for setting in out:
            for n in sizes:
                path = tmp / f"index-{n}.db"
                db = store.open_db(path)
                rng = random.Random(n)
                rows = []
                for i in range(n):
                    rng.shuffle(words)
                    rows.append(("b", i, "posts", 1, f"Title {i} {words[0]}", f"https://x/{i}",
                                 "2026-01-01T00:00:00", " ".join(words) + f" only{i}"))  # fmt: skip
                with db.conn:
                    db.conn.executemany(
                        "INSERT INTO posts (source, post_id, post_type, revision, title, link, "
                        "date_gmt, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)  # fmt: skip
                    db.conn.execute("INSERT INTO fts_pending (rowid) SELECT rowid FROM posts")
                    db.conn.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES "
                                    f"('automerge', {setting.split()[0]})")  # fmt: skip
                started = time.perf_counter()
                search.flush_index(db)
                elapsed = time.perf_counter() - started
                db.close()
                for stale in tmp.glob(f"index-{n}.db*"):
                    stale.unlink()
                out[setting][n] = min(out[setting].get(n, elapsed), elapsed)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    parser.add_argument("--only", default="P1,P2,P3,P4,P5,P6,B,F,S,X")
    parser.add_argument("--big", action="store_true", help="S also at 200,000 posts")
    args = parser.parse_args()
    # Each 10,000-post run leaves about 3 GB of databases: removed when the bench ends.
    with tempfile.TemporaryDirectory(prefix="wp-digest-bench-") as folder:
        print(report(args, Path(folder)))


def report(args: argparse.Namespace, tmp: Path) -> str:
    only = set(args.only.split(","))
    big, runs, cycles = (2000, 3, 20) if args.quick else (10000, 5, 100)
    lines = [
        f"Machine: {platform.node()} · {platform.machine()} · Python {platform.python_version()}"
        f" · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "| figure | measured | target | met |",
        "|---|---|---|---|",
    ]
    if "P1" in only:
        n, by_date = list(p1(tmp).values())
        met = "yes" if n.startswith("2 ") else "NO"
        lines.append(f"| P1 posts-collection requests, nothing new ({by_date} by publication "
                     f"date) | {n.split()[0]} | 2 | {met} |")  # fmt: skip
    if "P2" in only or "P3" in only:
        large = p2_p3(tmp, big, runs)
        ratio = large["ours"] / large["floor"]
        lines.append(
            f"| P2 backfill {large['n']} posts ({large['pages']} pages): wp-digest / floor | "
            f"{large['ours']:.2f} s / {large['floor']:.2f} s = **{ratio:.2f}** | (context: "
            f"the bare floor keeps no index, revisions or papers) | |"
        )
        same = large["ours"] / large["same"]
        lines.append(
            f"| P2 backfill against the same-work floor (hash, classification, revision copy, "
            f"FTS over plain text built at the end) | {large['ours']:.2f} s / "
            f"{large['same']:.2f} s = **{same:.2f}** | <= 1.6 | {'yes' if same <= 1.6 else 'NO'} |"
        )
        small = p2_p3(tmp, big // 10, 1)
        mem = large["rss_kb"] / small["rss_kb"]
        lines.append(
            f"| P3 crawler peak RSS {small['n']} vs {large['n']} posts | "
            f"{small['rss_kb'] / 1024:.0f} MB vs {large['rss_kb'] / 1024:.0f} MB = **{mem:.2f}** | "
            f"<= 1.3 and <= 150 MB | "
            f"{'yes' if mem <= 1.3 and large['rss_kb'] <= 150 * 1024 else 'NO'} |"
        )
    if "P4" in only:
        small_n, large_n = (70, 700) if args.quick else (700, 7000)
        t_small, t_large = p4(tmp, small_n), p4(tmp, large_n)
        lines.append(
            f"| P4 weekly digest render {small_n} vs {large_n} posts | {t_small:.2f} s vs "
            f"{t_large:.2f} s = **{t_large / t_small:.1f}x** | <= 12x | "
            f"{'yes' if t_large / t_small <= 12 else 'NO'} |"
        )
    if "P5" in only:
        r = p5(tmp, cycles)
        ratio = r[str(cycles)] / r["10"]
        lines.append(
            f"| P5 `wp-digest run` (a subprocess) RSS after {cycles} crawl cycles / after 10 | "
            f"{r[str(cycles)] / 1024:.1f} MB / {r['10'] / 1024:.1f} MB = **{ratio:.3f}** | "
            f"<= 1.1 | {'yes' if ratio <= 1.1 else 'NO'} |"
        )
        lines.append(
            f"| P5 idle RSS of `wp-digest run` after its sends ({r['monthly_sent']} monthly "
            f"digest with PDF sent) | {r['idle'] / 1024:.1f} MB | <= 80 MB | "
            f"{'yes' if r['idle'] <= 80 * 1024 else 'NO'} |"
        )
    if "P6" in only:
        n = 300 if args.quick else 3000
        r = p6(tmp, n)
        lines.append(
            f"| P6 monthly book of {n} posts (HTML + {r['pdf_mb']:.1f} MB PDF) | "
            f"{r['month_s']:.1f} s, peak {r['month_rss'] / 1024:.0f} MB (weekly digest of a "
            f"week: {r['week_s']:.1f} s, {r['week_rss'] / 1024:.0f} MB) | measured | |"
        )
    if "B" in only:
        b = fields_bytes(tmp)
        lines.append(
            f"| bytes of a 100-post page, `_fields` vs full objects | {b['trimmed']:,} vs "
            f"{b['full']:,} = **{b['trimmed'] / b['full']:.2f}** | smaller | "
            f"{'yes' if b['trimmed'] < b['full'] else 'NO'} |"
        )
    if "X" in only:
        sizes = (5000, 50000)
        for setting, seconds in index_build(tmp, sizes).items():
            growth = seconds[sizes[1]] / seconds[sizes[0]]
            lines.append(
                f"| X full-text index of {sizes[0]:,} vs {sizes[1]:,} queued posts, automerge "
                f"{setting} | {seconds[sizes[0]]:.2f} s vs {seconds[sizes[1]]:.2f} s = "
                f"**{growth:.1f}x** | near 10x | {'yes' if growth <= 11.5 else 'NO'} |"
            )
    if "S" in only:
        sizes = (2000, 20000) + ((200000,) if args.big else ())
        scale = send_scale(tmp, sizes, 100 if args.quick else 300)
        small = scale[sizes[0]]
        for n, ms in scale.items():
            line = (f"| S `send`, ms per reader, {n:,} posts stored | {ms:.1f} "
                    f"(**{ms / small:.2f}x** the {sizes[0]:,}-post store) |")  # fmt: skip
            if n == 20000:
                line += f" <= 2.0x | {'yes' if ms / small <= 2.0 else 'NO'} |"
            elif n == 200000:
                total = ms * 10000 / 1000 / 60
                line += (
                    f" 10,000 readers: {total:.1f} min (<= 5) | {'yes' if total <= 5 else 'NO'} |"
                )
            else:
                line += " baseline | |"
            lines.append(line)
    if "F" in only:
        for n, (ours, floor_ms) in fanout(
            tmp, (10, 100) if args.quick else (10, 100, 1000, 10000)
        ).items():
            ratio = ours / floor_ms
            lines.append(
                f"| F send to {n} daily subscribers, ms per message: wp-digest / smtplib floor | "
                f"{ours:.2f} / {floor_ms:.2f} = **{ratio:.1f}** | <= 2.0 | "
                f"{'yes' if ratio <= 2.0 else 'NO'} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
