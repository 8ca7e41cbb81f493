"""Which package may import which: the dependency between ingest and storage points one way."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def is_feeds(module: str) -> bool:
    return module == "hindsight.feeds" or module.startswith("hindsight.feeds.")


def test_storage_never_imports_the_feeds_package() -> None:
    files = sorted((REPO / "storage").rglob("*.py"))
    imports = {path.relative_to(REPO).as_posix(): imported_modules(path) for path in files}
    offenders = {name: sorted(filter(is_feeds, found)) for name, found in imports.items()}
    assert {name: found for name, found in offenders.items() if found} == {}
    # The walk sees what storage does import: the intents' plain types, from the neutral module.
    assert "hindsight.intents" in imports["storage/feeds.py"]


def test_the_intents_module_imports_only_the_standard_library() -> None:
    found = imported_modules(REPO / "hindsight" / "intents.py")
    ours = {m for m in found if m.split(".")[0] in {"hindsight", "storage", "flows", "reports"}}
    assert ours == set() and "dataclasses" in found
