"""The config loader: one typed object, and one-line errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run

from digest import config


def load_text(tmp_path: Path, text: str) -> config.Config:
    path = tmp_path / "wp-digest.toml"
    path.write_text(text, encoding="utf-8")
    return config.load(str(path))


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WP_DIGEST_CONFIG", raising=False)
    cfg = config.load(None)
    assert cfg.path is None and cfg.sources == ()
    assert cfg.timezone == "Asia/Kolkata"
    assert cfg.crawl.requests_per_second == 1.0
    assert cfg.crawl.user_agent.startswith("wp-digest/")


def test_full_file(tmp_path):
    cfg = load_text(
        tmp_path,
        """
timezone = "Europe/London"
database = "data/state.db"
[[source]]
name = "nextias"
url = "https://www.nextias.com/ca"
post_types = ["posts", "current_affairs"]
categories = [21]
[crawl]
requests_per_second = 0.5
user_agent = "tester"
""",
    )
    assert cfg.database == tmp_path / "data" / "state.db"  # relative to the file
    [src] = cfg.sources
    assert src.url == "https://www.nextias.com/ca/"  # a trailing slash is added
    assert src.post_types == ("posts", "current_affairs") and src.categories == (21,)
    assert cfg.crawl.requests_per_second == 0.5 and cfg.crawl.user_agent == "tester"
    assert str(cfg.tz) == "Europe/London"


def test_lookup_order(tmp_path, monkeypatch):
    (tmp_path / "a.toml").write_text('timezone = "UTC"\n')
    (tmp_path / "wp-digest.toml").write_text('timezone = "Asia/Tokyo"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WP_DIGEST_CONFIG", raising=False)
    assert config.load(None).timezone == "Asia/Tokyo"
    monkeypatch.setenv("WP_DIGEST_CONFIG", str(tmp_path / "a.toml"))
    assert config.load(None).timezone == "UTC"
    assert config.load(str(tmp_path / "wp-digest.toml")).timezone == "Asia/Tokyo"


@pytest.mark.parametrize(
    "text, message",
    [
        ("timezon = 'UTC'", "timezon: unknown key (did you mean 'timezone'?)"),
        ("timezone = 'Mars/Base'", "timezone: unknown time zone 'Mars/Base'"),
        ("timezone = 5", "timezone: expected str, got int 5"),
        ("[crawl]\nrequests_per_secnd = 2", "crawl.requests_per_secnd: unknown key (did you mean"),
        ("[crawl]\nrequests_per_second = 0", "crawl.requests_per_second: must be greater than 0"),
        ("[crawl]\nrequests_per_second = true", "expected int or float, got bool"),
        ("[crawl]\nretries = -1", "crawl.retries: must be 0 or more"),
        ("[[source]]\nurl = 'https://x.org/'", "source[0].name: every [[source]] needs a name"),
        ("[[source]]\nname = 'x'\nurl = 'ftp://x.org/'", "source 'x'.url: not an http(s) URL"),
        (
            "[[source]]\nname = 'x'\nurl = 'https://x.org/'\ncategory = [1]",
            "did you mean 'categories'",
        ),
        ("[[source]]\nname = 'x'\nurl = 'https://x.org/'\ncategories = ['a']", "term IDs"),
        (
            "[[source]]\nname = 'x'\nurl = 'https://x.org/'\n[[source]]\nname = 'x'\nurl = 'https://y.org/'",
            "source 'x': defined more than once",
        ),
        ("timezone = ", "invalid TOML"),
    ],
)
def test_errors_name_file_and_key(tmp_path, text, message):
    with pytest.raises(config.ConfigError) as err:
        load_text(tmp_path, text)
    line = str(err.value)
    assert "\n" not in line
    assert line.startswith(str(tmp_path / "wp-digest.toml") + ": ")
    assert message in line


def test_missing_explicit_file(tmp_path):
    with pytest.raises(config.ConfigError, match="cannot read config"):
        config.load(str(tmp_path / "nope.toml"))


def test_arrays_of_tables_name_unknown_and_missing_keys(tmp_path):
    path = tmp_path / "c.toml"
    missing = "it is missing"
    for text, message in [
        ('[[subscriber]]\nemial = "a@b.org"',
         "subscriber[0].emial: unknown key (did you mean 'email'?)"),
        ("[[subscriber]]\nperiod = 'daily'",
         f"subscriber[0].email: every [[subscriber]] needs an email address; {missing}"),
        ('[[source]]\nname = "x"\nulr = "https://x.org/"',
         "source[0].ulr: unknown key (did you mean 'url'?)"),
        ('[[source]]\nname = "x"',
         f"source 'x'.url: every [[source]] needs the site's URL; {missing}"),
    ]:  # fmt: skip
        path.write_text(text)
        with pytest.raises(config.ConfigError) as caught:
            config.load(str(path))
        assert str(caught.value) == f"{path.resolve()}: {message}"


def test_state_paths_resolve_against_the_state_folder(tmp_path, monkeypatch):
    etc, state = tmp_path / "etc", tmp_path / "state"
    etc.mkdir()
    state.mkdir()
    (etc / "templates").mkdir()
    path = etc / "wp-digest.toml"
    path.write_text('[digest]\ntemplates = "templates"\narchive = "archive"\n')
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    cfg = config.load(str(path))
    assert cfg.database == etc / "wp-digest.db" and cfg.mail.outbox == etc / "outbox"
    monkeypatch.setenv("STATE_DIRECTORY", f"{state}:/elsewhere")  # systemd's StateDirectory=
    cfg = config.load(str(path))
    assert cfg.database == state / "wp-digest.db"
    assert cfg.mail.outbox == state / "outbox" and cfg.digest.archive == state / "archive"
    assert cfg.digest.templates == etc / "templates"  # an input, beside the config
    path.write_text(f'state_dir = "{tmp_path / "mine"}"\ndatabase = "x.db"\n')
    assert config.load(str(path)).database == tmp_path / "mine" / "x.db"


def test_secrets_from_the_environment_a_file_or_systemd_credentials(tmp_path, monkeypatch):
    """Cron jobs have no environment of their own: the SMTP password and the signing key
    can come from files (mode 600) or from systemd's LoadCredential= as well (#30)."""
    monkeypatch.delenv("WP_DIGEST_SMTP_PASSWORD", raising=False)
    monkeypatch.delenv("WP_DIGEST_SECRET", raising=False)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    (tmp_path / "smtp.pw").write_text("from-the-file\n")
    (tmp_path / "site.key").write_text("k" * 32 + "\n")
    cfg_path = tmp_path / "wp-digest.toml"
    cfg_path.write_text(
        '[mail]\nhost = "smtp.example.org"\nusername = "u"\npassword_file = "smtp.pw"\n'
        '[web]\nbase_url = "https://example.org/"\nsecret_file = "site.key"\n'
    )
    cfg = config.load(str(cfg_path))
    assert cfg.mail.password() == "from-the-file" and cfg.web.secret() == "k" * 32
    monkeypatch.setenv("WP_DIGEST_SMTP_PASSWORD", "from-the-environment")
    assert cfg.mail.password() == "from-the-environment"  # the environment wins
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "smtp-password").write_text("from-systemd")
    monkeypatch.delenv("WP_DIGEST_SMTP_PASSWORD")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    bare = config.load(str(_write(tmp_path, '[mail]\nhost = "smtp.example.org"\nusername = "u"\n')))
    assert bare.mail.password() == "from-systemd"
    (creds / "smtp-password").unlink()
    assert "no password was found" in (bare.mail.missing_password() or "")
    cfg_path.write_text('[mail]\nhost = "h.example.org"\npassword_file = "nope"\n')
    result = run(cfg_path, "status")
    assert result.exit_code == 2 and "mail.password_file: no such file" in result.stderr


def _write(tmp_path, text):
    path = tmp_path / "other.toml"
    path.write_text(text)
    return path


TABLES = {"source", "crawl", "digest", "mail", "subscriber", "schedule", "watch", "web"}


def _table_of(where: str) -> str:
    """A reader's `where` ("source 'x'.classify", "crawl", …) as the reference names it."""
    if not where:
        return ""
    if where.endswith(".classify"):
        return "[source.classify]"
    name = where.split(" ")[0].split("[")[0]
    return f"[[{name}]]" if name in ("source", "subscriber") else f"[{name}]"


def test_every_key_the_reader_accepts_is_documented_and_nothing_else(tmp_path):
    """#30: the configuration reference is generated from digest.config.reference; a key
    the reader takes but the reference lacks (or the reverse) fails here."""
    from digest.config import reference
    from digest.config.toml_table import Table

    text = (
        'timezone = "Asia/Kolkata"\n[crawl]\n[digest]\n[mail]\n[schedule]\n[watch]\n[web]\n'
        '[[source]]\nname = "x"\nurl = "https://example.org/"\n[source.classify]\n'
        '[[subscriber]]\nemail = "a@example.org"\n'
    )
    path = tmp_path / "wp-digest.toml"
    path.write_text(text, encoding="utf-8")
    Table.known_keys = []
    try:
        config.load(str(path))
        seen = list(Table.known_keys)
    finally:
        Table.known_keys = None
    accepted = {(_table_of(where), key) for where, keys in seen for key in keys}
    accepted -= {("", table) for table in TABLES}  # tables, documented by their keys
    assert {t for t, _ in accepted} == {t for t, _ in reference.KEYS}  # every table was read
    assert accepted - set(reference.KEYS) == set(), "undocumented: add them to reference.KEYS"
    assert set(reference.KEYS) - accepted == set(), "documented, but the reader refuses them"


def test_readme_configuration_reference_is_generated(tmp_path):
    from digest import readme

    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme.config_reference() in text, "README is stale: run python -m digest.readme"
    table = readme.config_reference()
    for key in ("`[web] trusted_proxies`", "`[watch] jump`", "`[mail] operator`",
                "`[mail] suspend_after`", "`[web] signups_per_hour`"):  # fmt: skip
        assert key in table, key
    # defaults come from the model: change one there and the README would be stale
    assert (
        "| `[crawl] timeout` | `30` |" in table
        and '| `[schedule] weekly` | `"mon 07:30"` |' in table
    )
