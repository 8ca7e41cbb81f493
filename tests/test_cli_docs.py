"""The documentation is the contract: every command and option of `hindsight` is documented in
the README or `docs/`, and every command and option documented there exists.

Walks the command tree Typer builds (what `hindsight --help` prints), so a command added
without docs, or docs left behind by a renamed option, fail here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from hindsight.cli import app

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _tree(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, command) for every group and command, the root first."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _tree(sub, (*path, name))


ROOT = typer.main.get_command(app)
COMMANDS = {path: command for path, command in _tree(ROOT)}
LEAVES = {path: c for path, c in COMMANDS.items() if not hasattr(c, "commands")}


def long_options(command: Any) -> set[str]:
    return {
        name
        for param in command.params
        if param.param_type_name == "option"
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("--") and name != "--help"
    }


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _code(text: str) -> Iterator[str]:
    """The code of a Markdown page, a line at a time: fenced blocks and `inline spans`."""
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            yield line
        else:
            yield from re.findall(r"`([^`]+)`", line)


# `hindsight` as a command word: not `hindsight.toml`, `hindsight-weekly` or `HINDSIGHT_HOME`.
INVOCATION = re.compile(r"(?<![\w.-])hindsight(?![\w.-])((?: +[a-z][a-z-]*)*)(.*)")


def _invocations() -> Iterator[tuple[str, tuple[str, ...], str]]:
    """(where, command words, rest of the line) for every `hindsight ...` in the docs' code."""
    for page in DOCS:
        for line in _code(_text(page)):
            for match in INVOCATION.finditer(line):
                words = tuple(match.group(1).split())
                yield f"{page.name}: {line.strip()}", words, match.group(2)


def _resolve(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The longest command path the words name, and the words after it (its arguments)."""
    path: tuple[str, ...] = ()
    for word in words:
        if (*path, word) in COMMANDS and hasattr(COMMANDS[path], "commands"):
            path = (*path, word)
        else:
            break
    return path, words[len(path) :]


def _documentation(path: tuple[str, ...]) -> str:
    """Everything the docs say about one command: lines invoking it, and its own sections."""
    name = " ".join(("hindsight", *path))
    said = []
    for page in DOCS:
        lines = _text(page).splitlines()
        for i, line in enumerate(lines):
            invoked = re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", line)
            if invoked and not line.startswith("#"):
                said.append(line)
            if invoked and line.startswith("#"):  # a section: up to the next heading
                end = next(
                    (j for j in range(i + 1, len(lines)) if lines[j].startswith("#")), len(lines)
                )
                said.extend(lines[i:end])
    return "\n".join(said)


def test_the_tree_is_walked() -> None:
    assert ("predictions", "show") in LEAVES and ("seed", "show") in LEAVES
    assert "--changed-since" in long_options(LEAVES[("predictions", "list")])


@pytest.mark.parametrize("path", sorted(LEAVES), ids=" ".join)
def test_every_command_and_option_is_documented(path: tuple[str, ...]) -> None:
    said = _documentation(path)
    assert said, f"`hindsight {' '.join(path)}` appears nowhere in the README or docs/"
    missing = [
        option
        for option in sorted(long_options(LEAVES[path]))
        if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", said)
    ]
    assert not missing, f"`hindsight {' '.join(path)}` options not documented: {missing}"


def test_every_documented_command_and_option_exists() -> None:
    wrong = []
    for where, words, rest in _invocations():
        path, arguments = _resolve(words)
        command = COMMANDS[path]
        if hasattr(command, "commands") and arguments:
            wrong.append(f"{where}: no command `{' '.join((*path, arguments[0]))}`")
            continue
        # Options written after the command, up to a pipe, redirection, comment or next command.
        options = re.findall(r"(?<![\w-])--[a-z][a-z-]*", re.split(r"[|>#;&]", rest)[0])
        if hasattr(command, "commands"):
            continue  # `hindsight --help`, `hindsight seed --help`
        unknown = sorted(set(options) - long_options(command) - {"--help"})
        if unknown:
            wrong.append(f"{where}: `hindsight {' '.join(path)}` has no {unknown}")
    assert not wrong, "\n".join(wrong)


def test_the_checks_would_catch_a_stray_command() -> None:
    """The reverse check reads the forms the docs use, so a made-up command is caught."""
    assert _resolve(("predictions", "frobnicate", "ID")) == (("predictions",), ("frobnicate", "ID"))
    assert _resolve(("seed", "show", "ID")) == (("seed", "show"), ("ID",))
    found = INVOCATION.search("x .venv/bin/hindsight predictions list [--json] # all")
    assert found and found.group(1).split() == ["predictions", "list"]
    assert not INVOCATION.search("see hindsight.toml and 'track/hindsight-weekly'")
