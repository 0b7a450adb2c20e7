"""Commands about where posts are filed: `explain` a decision, `file` (pin) a post."""

from __future__ import annotations

import click

from digest import config, store
from digest.cli.base import POST, State, fail, find_post, item_of, require_database, say
from digest.clock import shown
from digest.papers import parse_paper


def _pinned(reason: str, tz) -> str:
    """A pin's "by operator at <UTC stamp>" with the time in the configured zone."""
    head = "by operator at "
    return head + shown(reason[len(head) :], tz) if reason.startswith(head) else reason


@click.command()
@POST
@click.pass_obj
def explain(state: State, post: str) -> None:
    """Say why POST is filed under its papers: which line matched which rule, or why it fell
    through to categories/tags or "Other". POST is SOURCE:ID or the post's URL."""
    from digest.classify import decide
    from digest.store import learning, pins, posts

    cfg = state.config
    require_database(cfg)
    with store.session(cfg.database) as db:
        row = find_post(db, post)
        source = cfg.source(row["source"])
        rules = source.classify if source else config.Rules()
        names = posts.term_names(db, row["source"])
        pinned = pins.pins(db, row["source"]).get(row["post_id"])
        item_pins = pins.item_pins(db, row["source"])
        model = learning.load(db)
        from digest.cli.stories import story_lines

        told = story_lines(db, row, cfg.tz)
    terms = row["categories"] + row["tags"]
    decision = decide(row["title"], row["content"], terms, rules, names, model=model)
    say(state, f"{row['source']}:{row['post_id']} {row['link']}")
    for step in decision.steps:
        say(state, f"  {step}")
    for item in decision.items:
        pin = item_pins.get((row["post_id"], item.n))
        if pin:
            say(
                state,
                f"  item {item.n}: pinned under {', '.join(pin[0])} ({_pinned(pin[1], cfg.tz)})",
            )
    say(state, f"classifier: {', '.join(decision.papers)}; {decision.reason}")
    if pinned:
        say(state, f"pinned: {', '.join(pinned[0])} ({_pinned(pinned[1], cfg.tz)}); the classifier "
                   "is overridden")  # fmt: skip
    stored = row["papers"] or ["(not filed yet)"]
    say(state, f"stored: {', '.join(stored)}; subjects: {'; '.join(row['subjects']) or '-'}")
    if not pinned and row["papers"] and row["papers"] != decision.papers:
        say(state, "stored papers differ from the rules now: run `wp-digest reclassify`")
    for line in told:
        say(state, line)


def _file_item(state: State, db, row: dict, item: int, chosen: list[str], clear: bool) -> None:
    import json

    from digest.store import filing, pins, queries

    cfg = state.config
    name = f"{row['source']}:{row['post_id']}#{item}"
    numbers = [i["n"] for i in json.loads(row.get("items") or "[]")]
    if item not in numbers and not clear:
        have = f"items {numbers[0]}–{numbers[-1]}" if numbers else "no items"
        fail(f"{name}: the post has {have} (see wp-digest explain)", 2)
    if clear:
        if not pins.unpin_item(db, row["source"], row["post_id"], item):
            say(state, f"{name}: was not pinned")
            return
    else:
        pins.pin_item(db, row["source"], row["post_id"], item, chosen)
    source = cfg.source(row["source"])
    filing.refile(db, row["source"], source.classify if source else config.Rules())
    now = ", ".join(queries.find_post(db, f"{row['source']}:{row['post_id']}")["papers"])  # type: ignore[index]
    what = "pin dropped" if clear else f"pinned under {', '.join(chosen)}"
    say(state, f"{name}: {what}; the post is now under {now}")


def _paper(value: str) -> str:
    try:
        return parse_paper(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="PAPERS") from None


@click.command("file")
@POST
@click.argument("papers", nargs=-1, metavar="[PAPER]...")
@click.option("--clear", is_flag=True, help="Drop the pin; the classifier files POST again.")
@click.pass_obj
def file_cmd(state: State, post: str, papers: tuple[str, ...], clear: bool) -> None:
    """Pin POST under PAPER(s) (GS1 GS2 GS3 GS4 Essay Prelims Other), whatever the
    classifier says; the pin outlives re-crawls and `reclassify`. POST is SOURCE:ID or URL;
    SOURCE:ID#N pins item N of a compilation (`explain` lists them) and leaves the others."""
    from digest.store import filing, pins, queries

    if clear == bool(papers):
        raise click.UsageError("give PAPER(s) to pin, or --clear (not both)")
    chosen = list(dict.fromkeys(_paper(p) for p in papers))
    post, item = item_of(post)
    cfg = state.config
    require_database(cfg)
    with store.session(cfg.database) as db:
        row = find_post(db, post)
        name = f"{row['source']}:{row['post_id']}"
        if item is not None:
            _file_item(state, db, row, item, chosen, clear)
            return
        if clear:
            if not pins.unpin(db, row["source"], row["post_id"]):
                say(state, f"{name}: was not pinned")
                return
            source = cfg.source(row["source"])
            filing.refile(db, row["source"], source.classify if source else config.Rules())
            now = ", ".join(queries.find_post(db, name)["papers"])  # type: ignore[index]
            say(state, f"{name}: pin dropped; filed by the classifier under {now}")
            return
        pins.pin(db, row["source"], row["post_id"], chosen)
    say(state, f"{name}: pinned under {', '.join(chosen)}")
