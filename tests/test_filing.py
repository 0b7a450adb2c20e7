"""Classification inside the crawl, reclassify, and status per paper, end to end."""

from __future__ import annotations

import json
from collections import Counter

from helpers import open_state, run, write_config
from test_classify import SAMPLE_EXPECTED

from digest.papers import PAPERS


def papers(db, post_id, source="sample"):
    row = db["posts"].get((source, post_id))
    return json.loads(row["papers"]), json.loads(row["subjects"])


def test_crawl_files_every_sample_post(conf, site):
    assert run(conf, "crawl").exit_code == 0
    db = open_state(conf)
    got = {r["post_id"]: json.loads(r["papers"]) for r in db["posts"].rows}
    assert got == SAMPLE_EXPECTED
    assert papers(db, 70107) == (
        ["GS1", "GS2"],
        ["Urbanization, challenges and remedies", "Governance"],
    )
    assert papers(db, 70106) == (["GS1"], ["Art & Culture"])
    # 70119 has no marker: its category "Environment" (fetched from /wp/v2/categories) files it.
    assert papers(db, 70119) == (["GS3"], ["Environment"])
    names = {r["term_id"]: r["name"] for r in db["terms"].rows}
    assert names[30] == "Environment"


def test_term_names_are_fetched_once(conf, site):
    assert run(conf, "crawl").exit_code == 0
    assert site.requests_to("wp/v2/categories") == 1 and site.requests_to("wp/v2/tags") == 1
    site.log.clear()
    assert run(conf, "crawl").exit_code == 0
    assert site.requests_to("wp/v2/categories") == 0 and site.requests_to("wp/v2/tags") == 0


def test_new_revision_is_reclassified(conf, site):
    assert run(conf, "crawl").exit_code == 0
    site.edit(70101, "2026-05-01T00:00:00", content="<p>Syllabus: GS3/Economy</p><p>x</p>")
    assert run(conf, "crawl").exit_code == 0
    db = open_state(conf)
    assert papers(db, 70101) == (["GS3"], ["Economy"])
    assert db["posts"].get(("sample", 70101))["revision"] == 2


def test_reclassify_after_rules_change(tmp_path, site):
    cfg = write_config(tmp_path, {"sample": site.url})
    assert run(cfg, "crawl").exit_code == 0
    db = open_state(cfg)
    assert papers(db, 70119)[0] == ["GS3"]
    revisions = db["post_revisions"].count
    # The user decides this site's "Environment" category is Prelims material, and
    # "Places" subjects belong to GS3 here.
    rules = '[source.classify]\nsubjects = {"places" = "GS3"}\ncategories = {"30" = "Prelims"}\n'
    cfg.write_text(cfg.read_text().replace("\n[crawl]", "\n" + rules + "[crawl]"))
    result = run(cfg, "reclassify")
    assert result.exit_code == 0, result.output
    assert "sample: 26 posts, 1 changed" in result.stdout
    assert papers(db, 70119) == (["Prelims"], ["Environment"])
    # A paper the post names itself wins over the subject table: "GS1/Places" stays GS1.
    assert papers(db, 70104)[0] == ["GS1"]
    assert db["post_revisions"].count == revisions  # no revisions made
    again = run(cfg, "reclassify", "sample")
    assert "sample: 26 posts, 0 changed" in again.stdout
    assert run(cfg, "reclassify", "nosuch").exit_code == 2


def test_bad_override_is_a_config_error(tmp_path, site):
    cfg = write_config(tmp_path, {"sample": site.url})
    text = cfg.read_text().replace(
        "\n[crawl]", '\n[source.classify]\ncategories = {"30" = "GS5"}\n[crawl]'
    )
    cfg.write_text(text)
    result = run(cfg, "reclassify")
    assert result.exit_code == 2
    assert "source 'sample'.classify.categories.30: 'GS5' is not a paper" in result.stderr


def test_status_counts_per_paper(conf, site):
    assert run(conf, "crawl").exit_code == 0
    result = run(conf, "status")
    # Each post once, under its first paper, as digests list it; its other papers apart.
    first = Counter(ps[0] for ps in SAMPLE_EXPECTED.values())
    also = Counter(p for ps in SAMPLE_EXPECTED.values() for p in ps[1:])
    assert first + also == {"GS1": 8, "GS2": 6, "GS3": 8, "GS4": 2, "Essay": 1, "Prelims": 2}
    line = ", ".join(f"{p} {first[p]}" for p in PAPERS if first[p])
    assert f"papers (as digests list them, by first paper): {line}" in result.stdout
    assert "also in: " + ", ".join(f"{p} {also[p]}" for p in PAPERS if also[p]) in result.stdout
    data = json.loads(run(conf, "status", "--json").stdout)
    assert data["sources"][0]["papers"] == first and data["sources"][0]["also_in"] == also
