"""Bench C: the same story across sources (issue #31). Run: python bench/stories.py [--quick]

1. Quality, on the labelled set of real coverage (tests/labelled_stories.py): pairwise
   precision and recall of the model as shipped, beside the same model on words alone (no
   weight for time apart) and at neighbouring thresholds, all in one run.
2. Speed: a day of 500 posts from 20 sources (about 5 KB of text each, like the reference
   post), placed through the store against three days already placed; timed beside saving
   the same 500 posts through the crawl's save path (parse, file, save), on the same store,
   median of three fresh copies.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from labelled_stories import STORIES  # noqa: E402

from digest import store  # noqa: E402
from digest.classify import stories as model  # noqa: E402
from digest.config import Rules  # noqa: E402
from digest.crawl import records  # noqa: E402
from digest.store import filing, posts, stories  # noqa: E402


def quality(threshold: float | None = None, drift: float | None = None) -> tuple[float, float]:
    old = model.THRESHOLD, model.DRIFT
    model.THRESHOLD = old[0] if threshold is None else threshold
    model.DRIFT = old[1] if drift is None else drift
    try:
        units = [model.Unit(f"{e['site']}:{n}", e["site"], e["date"], e["title"], e["summary"])
                 for n, e in enumerate(STORIES)]  # fmt: skip
        truth = {u.key: e["story"] for u, e in zip(units, STORIES, strict=True)}
        placed = {j.key: j.story for j in model.assign(units)}
    finally:
        model.THRESHOLD, model.DRIFT = old
    tp = fp = fn = 0
    for a, b in itertools.combinations(units, 2):
        if a.source != b.source:
            said, true = placed[a.key] == placed[b.key], truth[a.key] == truth[b.key]
            tp, fp, fn = tp + (said and true), fp + (said and not true), fn + (true and not said)
    return tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)


def day_of_posts(day: str, n: int, sources: int, rng: random.Random) -> dict[str, list[dict]]:
    """n posts on `day` from `sources` sites: stories told by two to four of them, in
    their own words (a third of the words swapped), and stories told by one."""
    # The reference post's words and 20,000 more, drawn Zipf-like (a few words in every
    # post, most in few), so posts differ as a day's news does.
    reference = json.loads((ROOT / "tests/reference/nextias-post-71990.json").read_text())
    words = sorted(set(reference["content"]["rendered"].replace("<", " <").split()))
    vocab = [w for w in words if w.isalpha()] + [f"w{k}" for k in range(20000)]
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    out: dict[str, list[dict]] = {f"site{s:02d}": [] for s in range(sources)}
    made = 0
    while made < n:
        story = made
        seed = rng.choices(vocab, weights, k=700)
        tellers = rng.sample(sorted(out), min(rng.choice((1, 1, 2, 3, 4)), n - made))
        for name in tellers:
            told = [w if rng.random() > 0.33 else rng.choices(vocab, weights)[0] for w in seed]
            made += 1
            post_id = len(out[name]) + 1 + 1000 * int(day[8:10])
            out[name].append({
                "id": post_id, "date_gmt": f"{day}T{rng.randrange(0, 24):02d}:00:00",
                "modified_gmt": f"{day}T23:00:00", "slug": f"p{post_id}",
                "link": f"https://{name}.example/ca/p{post_id}",
                "title": {"rendered": " ".join(told[:9])},
                "content": {"rendered": "<p>Syllabus: GS3/Economy</p><p>"
                            + " ".join(told) + "</p>"},
                "excerpt": {"rendered": ""}, "categories": [1], "tags": [], "story": story,
            })  # fmt: skip
    return out


def save(db: store.Database, day: dict[str, list[dict]]) -> None:
    for name, api_posts in day.items():
        found, rejects = records.parse_page(api_posts, "posts", f"https://{name}.example/ca/",
                                            (f"{name}.example",))  # fmt: skip
        posts.save_page(db, name, found, rejects=rejects, on_change=filing.hook(db, name, Rules()))


def speed(tmp: Path, n: int, sources: int, rounds: int) -> tuple[float, float, int]:
    """(seconds to place the day, seconds to save it, units placed), medians."""
    rng = random.Random(31)
    base = tmp / "base.db"
    db = store.open_db(base)
    for day in ("2026-04-12", "2026-04-13", "2026-04-14"):
        save(db, day_of_posts(day, n, sources, rng))
    stories.place(db, "2026-04-12", "2026-04-15")
    db.close()
    new_day = day_of_posts("2026-04-15", n, sources, rng)
    placing, saving, apart, placed = [], [], [], 0
    for r in range(rounds):
        copy = tmp / f"copy{r}.db"
        shutil.copy(base, copy)
        db = store.open_db(copy)
        started = time.perf_counter()
        save(db, new_day)
        saving.append(time.perf_counter() - started)
        started = time.perf_counter()
        placed = stories.place(db, "2026-04-15", "2026-04-16")
        placing.append(time.perf_counter() - started)
        db.close()
        shutil.copy(base, copy)  # again, placed through the child as the daemon places
        db = store.open_db(copy)
        save(db, new_day)
        started = time.perf_counter()
        stories.place_for(db, "2026-04-15", "2026-04-16")
        apart.append(time.perf_counter() - started)
        joined = db.execute("SELECT count(*) FROM story_units u JOIN posts p USING (source, "
                            "post_id) WHERE p.date_gmt >= '2026-04-15' AND u.via IS NOT NULL"
                            ).fetchone()[0]  # fmt: skip
        db.close()
    planted = sum(len(v) for v in new_day.values()) - len({p["story"] for v in new_day.values()
                                                          for p in v})  # fmt: skip
    print(f"(units joined to another source's write-up: {joined}; retellings made: {planted})")
    print(f"(through a child process, as the daemon and the site place: "
          f"{statistics.median(apart):.2f} s)")  # fmt: skip
    return statistics.median(placing), statistics.median(saving), placed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round")
    args = parser.parse_args()
    model.assign([])  # scikit-learn loaded before any timing
    quality()
    shipped = quality()
    words = quality(drift=0.0)
    print("| C: labelled coverage, pairwise | precision | recall |")
    print("|---|---|---|")
    print(f"| as shipped (threshold {model.THRESHOLD}, drift {model.DRIFT}/day) | "
          f"**{shipped[0]:.3f}** | **{shipped[1]:.3f}** |")  # fmt: skip
    print(f"| words alone (no weight for time apart) | {words[0]:.3f} | {words[1]:.3f} |")
    for t in (0.15, 0.25):
        p, r = quality(threshold=t)
        print(f"| threshold {t} | {p:.3f} | {r:.3f} |")
    with tempfile.TemporaryDirectory(prefix="wp-digest-bench-c-") as folder:
        place_s, save_s, placed = speed(Path(folder), 500, 20, 1 if args.quick else 3)
    print()
    print(f"C: a day of 500 posts from 20 sources ({placed} units) placed in stories against "
          f"three days placed: {place_s:.2f} s; saving the same posts: {save_s:.2f} s; "
          f"placing / saving = **{place_s / save_s:.2f}**")  # fmt: skip


if __name__ == "__main__":
    main()
