"""The layout is part of the build: import-linter contracts, no import cycles, small modules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 310  # the guide's "modules under ~300 lines"
LIMITS = {
    "digest/sample/build.py": 400,  # the sample posts themselves, as Python data
}


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports")
    assert lint, "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_between_modules_or_packages():
    graph = grimp.build_graph("digest", "spiders")
    modules = {m: graph.find_modules_directly_imported_by(m) & graph.modules for m in graph.modules}
    assert _cycles(modules) == []

    def package(module: str) -> str:  # digest.store.posts -> digest.store
        parts = module.split(".")
        return ".".join(parts[:2]) if parts[0] == "digest" else parts[0]

    packages: dict[str, set[str]] = {}
    for module, imported in modules.items():
        for other in imported:
            if package(other) != package(module):
                packages.setdefault(package(module), set()).add(package(other))
    assert _cycles(packages) == []


def test_modules_stay_small():
    too_long = {}
    for path in sorted([*ROOT.glob("digest/**/*.py"), *ROOT.glob("spiders/*.py")]):
        name = str(path.relative_to(ROOT))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMITS.get(name, MAX_LINES):
            too_long[name] = lines
    assert too_long == {}


def test_the_architecture_page_names_every_package_of_the_contract():
    """docs/ARCHITECTURE.md is true: every layer and module of the import-linter contracts,
    and every package under digest/, is named on it."""
    import tomllib

    page = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    named = set()
    for contract in config["tool"]["importlinter"]["contracts"]:
        for layer in contract.get("layers", []):
            named |= {m.strip() for m in layer.split(":")}
        named |= set(contract.get("source_modules", []))
    named |= {
        f"digest.{p.name}" for p in (ROOT / "digest").iterdir() if (p / "__init__.py").exists()
    }
    missing = sorted(m for m in named if f"`{m}`" not in page)
    assert missing == [], f"docs/ARCHITECTURE.md does not name: {missing}"
    for path in sorted((ROOT / "digest").glob("*/*.py")):
        if path.name != "__init__.py":
            assert f"`{path.name}`" in page or f"`{path.stem}`" in page, path


def test_every_test_the_reliability_table_names_exists():
    """docs/RELIABILITY.md names a test for each fault: each must exist where it says (a
    `::name` alone belongs to the file named before it in the same row)."""
    import ast
    import re

    tests = {}
    for path in (ROOT / "tests").glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tests[path.name] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    missing = []
    for row in (ROOT / "docs" / "RELIABILITY.md").read_text(encoding="utf-8").splitlines():
        current = None
        for file, name in re.findall(r"`(test_\w+\.py)?::(test_\w+)", row):
            current = file or current
            if current is None or name not in tests.get(current, set()):
                missing.append(f"{current}::{name}")
    assert missing == []


def test_no_layer_above_the_store_speaks_sql():
    """The store is a boundary of behaviour, not only of imports: outside digest/store no
    module runs SQL on the connection the store hands out (execute, query, a table, the raw
    connection), so every read and write has a name in the store."""
    import re

    speaks = re.compile(r"\b(db|self\.db|database)\.(execute|query|conn|table|executescript)\b|"
                        r"\bdb\[")  # fmt: skip
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted([*ROOT.glob("digest/**/*.py"), *ROOT.glob("spiders/*.py")])
        if "digest/store/" not in path.as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if speaks.search(line)
    ]
    assert found == []
