"""`wp-digest check` (#30 item 5): one line per check, against a real sample site on
loopback and a real SMTP server (aiosmtpd) with STARTTLS and login; nothing changes."""

from __future__ import annotations

import json

import pytest
from helpers import run, write_config
from smtp_server import SmtpServer, free_port, make_ca

from digest.sample.site import WordPressServer, load_sample

PASSWORD = "s3cret-P@ss-9f2c"
SECRET = "a-signing-secret-of-some-length"


def _config(tmp_path, sites: dict[str, str], port: int, ca_file, extra: str = ""):
    mail = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "starttls"\n'
        f'username = "digest"\nca_file = "{ca_file}"\nfrom = "Digest <digest@example.org>"\n'
        f'\n[web]\nbase_url = "https://digest.example.org/"\n{extra}'
    )
    return write_config(tmp_path, sites, mail)


@pytest.fixture
def tls_smtp(tmp_path):
    ca_file, context = make_ca(tmp_path)
    server = SmtpServer(tls=context, users={"digest": PASSWORD}).start()
    yield server, ca_file
    server.stop()


def lines_of(output: str) -> dict[str, str]:
    """{check name: the whole line} of check's output."""
    out = {}
    for line in output.splitlines():
        if line.startswith(("ok  ", "FAIL")):
            out[line[6:].split(": ", 1)[0]] = line
    return out


def test_check_passes_on_a_working_setup_and_changes_nothing(tmp_path, site, tls_smtp,
                                                             monkeypatch):  # fmt: skip
    server, ca_file = tls_smtp
    monkeypatch.setenv("WP_DIGEST_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("WP_DIGEST_SECRET", SECRET)
    cfg = _config(tmp_path, {"sample": site.url}, server.port, ca_file)
    result = run(cfg, "check")
    assert result.exit_code == 0, result.output
    found = lines_of(result.stdout)
    assert all(line.startswith("ok  ") for line in found.values()), result.stdout
    assert set(found) == {"config", "state", "mail", "web", "monthly book", "sample REST API",
                          "sample robots.txt", "sample posts"}  # fmt: skip
    assert f"127.0.0.1:{server.port}, STARTTLS, logged in as digest; nothing sent" in found["mail"]
    assert "does not exist yet" in found["state"]
    assert site.url + "wp-json/" in found["sample REST API"]
    assert "posts on the site; newest read: 2026-" in found["sample posts"]
    # one connection (EHLO before and after STARTTLS), logged in, nothing sent
    assert server.handler.connections == 2 and server.messages == []
    assert not (tmp_path / "state.db").exists()  # nothing created
    assert PASSWORD not in result.output and SECRET not in result.output


@pytest.mark.slow  # three sites and an SMTP server
def test_check_names_each_failure_and_exits_1(tmp_path, tls_smtp, monkeypatch):
    server, ca_file = tls_smtp
    monkeypatch.setenv("WP_DIGEST_SMTP_PASSWORD", "not-the-password")
    monkeypatch.delenv("WP_DIGEST_SECRET", raising=False)
    posts = load_sample()[0][:3]
    with (
        WordPressServer(posts, prefix="/ca/", robots="User-agent: *\nDisallow: /\n") as closed,
        WordPressServer(posts, prefix="/ca/", discovery=False, pretty=False) as plain,
    ):
        sites = {"closed": closed.url, "plain": plain.url,
                 "gone": f"http://127.0.0.1:{free_port()}/"}  # fmt: skip
        cfg = _config(tmp_path, sites, server.port, ca_file)
        result = run(cfg, "check", "--json")
    assert result.exit_code == 1, result.output
    rows = {row["check"]: row for row in json.loads(result.stdout)}
    failed = {name for name, row in rows.items() if not row["ok"]}
    assert failed == {"mail", "web secret", "closed robots.txt", "gone REST API"}, rows
    assert (
        "SMTP login to 127.0.0.1" in rows["mail"]["detail"] and "refused" in rows["mail"]["detail"]
    )
    assert "WP_DIGEST_SECRET" in rows["web secret"]["detail"]
    assert "disallows" in rows["closed robots.txt"]["detail"]
    assert "?rest_route=/" in rows["plain REST API"]["detail"]  # found by the last fallback
    assert rows["plain posts"]["ok"]
    assert "gone posts" not in rows  # nothing more is tried without an API
    text = run(cfg, "check", "--offline")
    assert text.exit_code == 1  # the secret is still missing
    assert "error: 1 of " in text.stderr and "web secret" in text.stderr


def test_check_offline_needs_no_server_and_reports_the_database(tmp_path, monkeypatch):
    from stores import new_store

    monkeypatch.setenv("WP_DIGEST_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("WP_DIGEST_SECRET", SECRET)
    (tmp_path / "ca.pem").write_text("not read offline\n")
    cfg = _config(tmp_path, {"one": "https://example.org/ca/"}, 25, tmp_path / "ca.pem")
    from helpers import make_post

    new_store(tmp_path, [make_post(1, "2026-04-01T00:00:00", "दैनिक समसामयिकी")]).close()
    result = run(cfg, "check", "--offline")
    assert result.exit_code == 0, result.output
    found = lines_of(result.stdout)
    assert "1 post, schema " in found["state"]
    assert "not tried (--offline)" in found["mail"] and "not tried" in found["one"]
    assert "Devanagari" in found["monthly book"]  # the stored titles' script is covered


def test_check_with_an_invalid_config_exits_2(tmp_path):
    cfg = tmp_path / "wp-digest.toml"
    cfg.write_text('[mail]\nport = "twenty-five"\n', encoding="utf-8")
    result = run(cfg, "check")
    assert result.exit_code == 2 and "port" in result.stderr
