"""A TOML table being read: it knows where it is, checks each value's type, and rejects keys
nobody asked for with a suggestion, so every mistake is one line naming the file and key."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from digest.errors import ConfigError


class Table:
    """A TOML table being read: knows where it is, rejects keys nobody asked for."""

    # When a list, every table read appends (where, the keys it knows): how the reference's
    # test learns every key the reader accepts (digest.config.reference).
    known_keys: list[tuple[str, frozenset[str]]] | None = None

    def __init__(self, data: Any, where: str, file: str):
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: {where or 'top level'}: expected a table")
        self.data, self.where, self.file = data, where, file
        self.seen: set[str] = set()

    def err(self, key: str, msg: str) -> ConfigError:
        name = f"{self.where}.{key}" if self.where else key
        return ConfigError(f"{self.file}: {name}: {msg}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        self.seen.add(key)
        if key not in self.data:
            return default
        value = self.data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # TOML booleans are ints in Python; never accept one where a number is meant.
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            names = " or ".join(k.__name__ for k in kinds)
            raise self.err(key, f"expected {names}, got {type(value).__name__} {value!r}")
        return value

    def parsed(self, key: str, parse: Callable[[str], Any], default: Any) -> Any:
        """A string value run through `parse`; its ValueError becomes this key's error.
        Without the key, `default` (already in parsed form)."""
        value = self.get(key, str, None)
        if value is None:
            return default
        try:
            return parse(value)
        except ValueError as e:
            raise self.err(key, str(e)) from None

    def path(self, key: str, default: Path | None, base: Path) -> Path | None:
        """A file or folder name, relative to the config file's folder; None when unset."""
        value = self.get(key, str, None)
        path = Path(value).expanduser() if value else default
        if path is None:
            return None
        return path if path.is_absolute() else base / path

    def number(self, key: str, default: float, minimum: float = 0.0) -> float:
        value = float(self.get(key, (int, float), default))
        if value <= minimum:
            raise self.err(key, f"must be greater than {minimum:g}, got {value:g}")
        return value

    def str_list(self, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.get(key, list, list(default))
        if not value or not all(isinstance(v, str) and v for v in value):
            raise self.err(key, "expected a non-empty list of strings")
        return tuple(value)

    def expect(self, *keys: str) -> None:
        """Reject unknown keys before reading any (a typo in a required key, such as
        `emial`, is then named as the typo, not as a missing key)."""
        self.seen |= set(keys)
        self.done()

    def done(self, extra_known: tuple[str, ...] = ()) -> None:
        known = self.seen | set(extra_known)
        if Table.known_keys is not None:
            Table.known_keys.append((self.where, frozenset(known)))
        for key in self.data:
            if key not in known:
                hint = difflib.get_close_matches(key, sorted(known), n=1)
                tip = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise self.err(key, f"unknown key{tip}")
