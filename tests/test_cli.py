"""The command line: help everywhere, exit codes, init, status."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner
from helpers import run

from digest import config
from digest.cli import cli


def commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output and len(cli.commands[name].help or "") > 20


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "wp-digest, version" in result.output


def test_config_error_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[crawl]\nrequests_per_secnd = 1\n")
    result = run(bad, "status")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {bad}: crawl.requests_per_secnd: unknown key (did you mean 'requests_per_second'?)"
    )


def test_usage_errors_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WP_DIGEST_CONFIG", raising=False)
    db = ("--db", str(tmp_path / "x.db"))
    assert run(None, *db, "crawl").exit_code == 2  # no sources at all
    result = run(None, *db, "crawl", "nosuch")
    assert result.exit_code == 2 and "unknown source 'nosuch'" in result.output
    assert run(None, *db, "crawl", "ftp://x.org/").exit_code == 2
    assert run(None, *db, "crawl", "https://x.org/", "--since", "2026-13-01").exit_code == 2
    since, until = ("--since", "2026-04-02"), ("--until", "2026-04-01")
    assert run(None, *db, "crawl", "https://x.org/", *since, *until).exit_code == 2
    assert run(None, "frobnicate").exit_code == 2


def test_commands_with_state_need_a_config_or_db_and_create_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WP_DIGEST_CONFIG", raising=False)
    for command in (["status"], ["tick"], ["crawl", "https://x.org/"], ["send"], ["digest"]):
        result = run(None, *command)
        assert result.exit_code == 2, command
        assert result.output.count("\n") == 1 and "wp-digest init" in result.output, command
    assert list(tmp_path.iterdir()) == []  # no database, no lock file
    cfg = tmp_path / "c.toml"
    cfg.write_text('database = "no/such/folder/x.db"\n')
    result = run(cfg, "status")
    assert result.exit_code == 2 and "no database yet at " in result.output
    assert "no/such/folder/x.db" in result.output and result.output.count("\n") == 1
    assert not (tmp_path / "no").exists()
    for command in (
        ["explain", "a:1"],
        ["file", "a:1", "GS2"],
        ["subscribers", "list"],
        ["subscribers", "export"],
    ):  # read-only: they create nothing either
        result = run(cfg, *command)
        assert result.exit_code == 2 and "no database yet at " in result.output, command
    assert not (tmp_path / "no").exists()


def test_init_writes_a_valid_starter_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(None, "init")
    assert result.exit_code == 0
    text = (tmp_path / "wp-digest.toml").read_text()
    assert "[[source]]" in text and "# " in text
    assert run(None, "init").exit_code == 2  # refuses to overwrite
    assert run(None, "init", "--force").exit_code == 0
    # Every table, with the defaults of the typed config (stated once, there), and it works.
    for table in ("[[source]]", "[crawl]", "[digest]", "[mail]", "[[subscriber]]", "[schedule]"):
        assert f"\n{table}" in text, table
    from digest.config import model

    loaded = config.load(str(tmp_path / "wp-digest.toml"))
    assert loaded.crawl == model.CrawlSettings()
    assert loaded.schedule == model.ScheduleSettings()
    assert loaded.digest == model.DigestSettings()
    defaults = model.MailSettings()
    assert replace(loaded.mail, outbox=defaults.outbox) == defaults
    assert loaded.timezone == model.Config(path=None).timezone
    assert [s.email for s in loaded.subscribers] == ["reader@example.org"]
    status = run(tmp_path / "wp-digest.toml", "status")  # nothing crawled yet: no database
    assert status.exit_code == 2 and "no database yet at " in status.output
    assert not (tmp_path / "wp-digest.db").exists()
    # transport is left to its default: filling in host sends by SMTP, not to the outbox.
    assert loaded.mail.transport == "outbox" and "\n# transport" in text
    (tmp_path / "wp-digest.toml").write_text(text.replace('# host = "smtp.example.org"',
                                                         'host = "smtp.example.org"'))  # fmt: skip
    assert config.load(str(tmp_path / "wp-digest.toml")).mail.transport == "smtp"
    (tmp_path / "wp-digest.toml").write_text(text)

    cfg = config.load(str(tmp_path / "wp-digest.toml"))
    assert cfg.sources[0].name == "nextias"


def test_status_text_and_json(conf, site):
    assert run(conf, "crawl").exit_code == 0
    result = run(conf, "status")
    assert result.exit_code == 0
    assert "sample: 26 posts, 26 revisions" in result.stdout
    assert "incremental, ok (26 new, 0 updated)" in result.stdout
    assert "cursor posts: modified after 2026-04-22 11:30 IST (UTC+05:30)" in result.stdout
    data = json.loads(run(conf, "status", "--json").stdout)
    [src] = data["sources"]
    assert src["posts"] == 26 and src["last_crawl"]["outcome"] == "ok"
    assert src["cursors"] == {"posts": "2026-04-22T06:00:00"}


def test_sample_crawl(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(None, "--db", "s.db", "crawl", "--sample")
    assert result.exit_code == 0, result.output
    assert "sample: 26 new, 0 updated" in result.stdout


def test_verbose_shows_log_lines_and_no_progress_bar(conf, site):
    """-v: Scrapy's log lines, and no progress bar mashed into them (the bar is for a
    terminal at the default verbosity: test_crawl.py)."""
    result = run(conf, "-v", "crawl")
    assert result.exit_code == 0
    assert "[scrapy.core.engine] INFO: Spider closed (finished)" in result.stderr
    assert "\r" not in result.stderr and "26/26" not in result.stderr
    quiet = run(conf, "-q", "crawl")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_no_remote_control_server_during_a_crawl(conf, site):
    """Scrapy 2.19 starts, by default, an HTTP server in the crawler that runs Python code
    sent to it (its token in a file under the user's home): a crawl of ours opens none."""
    result = run(conf, "-v", "crawl")
    assert result.exit_code == 0
    assert "Enabled extensions" in result.stderr  # the log that would name it is there
    assert "RemoteControl" not in result.stderr and "Remote control" not in result.stderr


def test_readme_command_reference_is_the_help():
    from pathlib import Path

    from digest import readme

    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme.reference() in text, "README is stale: run python -m digest.readme"


def test_reliability_report_names_real_tests():
    """Every test named in docs/RELIABILITY.md exists."""
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).parent
    text = (root.parent / "docs" / "RELIABILITY.md").read_text(encoding="utf-8")
    names = set()
    for path in root.glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {
            f"{path.name}::{n.name}" for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
        }
    cited = re.findall(r"`(test_\w+\.py)::(\w+)", text)
    assert len(cited) > 30
    for file, name in cited:
        assert f"{file}::{name.rstrip('*')}" in names or name.endswith("*"), (file, name)
