"""L: `wp-digest serve` under load. Run: python bench/load.py [--posts 50000] [--users 50]

A database of N posts (copies of the real nextias post, filed by the classifier), the site
served by `wp-digest serve` (uvicorn, a subprocess), and locust (a real load generator)
driving U concurrent clients at the archive, digest pages and search for 30 seconds, while
a crawl of new posts and a send to 200 readers write to the same database. Prints p50/p95
per page kind and checks that nothing reported "database is locked".
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import posts, write_config  # noqa: E402

from digest import config, store  # noqa: E402
from digest.crawl.records import parse_post  # noqa: E402
from digest.sample.site import WordPressServer  # noqa: E402
from digest.store import filing, search, subscribers  # noqa: E402
from digest.store import posts as store_posts  # noqa: E402

LOCUSTFILE = """
import random
from locust import FastHttpUser, task, between

WORDS = ["india", "policy", "relations", "economy", "court", "climate", "bilateral", "growth"]


class Reader(FastHttpUser):
    wait_time = between(0.05, 0.2)

    @task(3)
    def archive(self):
        self.client.get("/", name="/ (archive)")

    @task(3)
    def search(self):
        self.client.get("/search?q=" + random.choice(WORDS), name="/search")

    @task(2)
    def digest(self):
        self.client.get(f"/digest/daily-2026-01-{random.randint(1, 28):02d}", name="/digest")
"""


def fill(db_path: Path, n: int) -> None:
    """N posts through the store's own save path (rows, revisions, filing, index)."""
    db = store.open_db(db_path)
    hook = filing.hook(db, "bench", config.Rules())
    batch = posts(n)
    for i in range(0, n, 100):
        page = [
            parse_post(p, "posts", "https://www.nextias.com/ca/")[0] for p in batch[i : i + 100]
        ]
        store_posts.save_page(db, "bench", page, on_change=hook)
    search.flush_index(db)
    for i in range(200):
        subscribers.put(db, f"r{i}@example.org", "daily", [], "cli", "active")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wp-digest-load-") as folder:  # about 1 GB
        run(args, Path(folder))


def run(args: argparse.Namespace, tmp: Path) -> None:
    with WordPressServer(posts(300)[-200:]) as site:  # new posts for the crawl beside
        cfg = write_config(tmp, site.url)
        cfg.write_text(
            cfg.read_text()
            + '[web]\nbase_url = "http://127.0.0.1:8399/"\n[mail]\ntransport = "outbox"\n'
        )
        started = time.perf_counter()
        fill(tmp / "bench.db", args.posts)
        print(f"filled {args.posts} posts in {time.perf_counter() - started:.0f} s", flush=True)
        env = {**os.environ, "WP_DIGEST_SECRET": "load-test-secret-0123456789"}
        serve = subprocess.Popen(
            [sys.executable, "-m", "digest", "--config", str(cfg), "serve", "--port", "8399"],
            # To a file: a pipe nobody reads fills with the request log and stops the server.
            env=env, stdout=(tmp / "serve.log").open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:8399/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        (tmp / "locustfile.py").write_text(LOCUSTFILE)
        load = subprocess.Popen(
            ["locust", "-f", str(tmp / "locustfile.py"), "--headless", "-u", str(args.users),
             "-r", str(args.users), "-t", f"{args.seconds}s", "--host", "http://127.0.0.1:8399",
             "--csv", str(tmp / "stats"), "--only-summary"],
            stdout=(tmp / "locust.log").open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        time.sleep(5)
        beside = []
        for command in (["crawl"], ["send"]):
            result = subprocess.run(
                [sys.executable, "-m", "digest", "-q", "--config", str(cfg), *command],
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            beside.append((command[0], result.returncode, result.stderr.strip()[-300:]))
        load.wait(timeout=args.seconds + 120)
        serve.terminate()
        serve.wait(timeout=30)
        load_out, serve_out = (tmp / "locust.log").read_text(), (tmp / "serve.log").read_text()
    rows = list(csv.DictReader((tmp / "stats_stats.csv").open()))
    print(f"\n{args.users} clients, {args.seconds} s, {args.posts:,} posts stored\n")
    print("| page | requests | failures | p50 ms | p95 ms | req/s |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
              f"{row['50%']} | {row['95%']} | {float(row['Requests/s']):.0f} |")  # fmt: skip
    for name, code, err in beside:
        print(f"{name} beside the load: exit {code}{' ' + err if err else ''}")
    locked = "locked" in serve_out + load_out + " ".join(e for _, _, e in beside)
    print(f'"database is locked" anywhere: {"YES" if locked else "no"}')


if __name__ == "__main__":
    main()
