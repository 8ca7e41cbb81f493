"""Case-insensitive regexes that run at case-sensitive speed.

Python's `re.IGNORECASE` folds every character it compares and gives up the literal-prefix scan,
which makes the cue lexicons of claims and judging several times slower than the same patterns
on lower-cased text. `Caseless` compiles a pattern with its literals lower-cased (escapes such as
`\\S` and `\\W` keep their case) and searches the lower-cased text instead. Lower-casing keeps
offsets whenever it keeps the length (always for ASCII); when it does not, the original
IGNORECASE pattern is used, so matches and spans are always those of the pattern as written.
"""

from __future__ import annotations

import re

__all__ = ["Caseless", "fold_pattern"]


def fold_pattern(pattern: str) -> str:
    """`pattern` with every literal lower-cased; escape sequences are kept as written."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "(" and pattern.startswith("(?P<", i):
            name_end = pattern.index(">", i)
            out.append(pattern[i : name_end + 1])  # group names keep their case
            i = name_end + 1
            continue
        out.append(char.lower())
        i += 1
    return "".join(out)


class Caseless:
    """A case-insensitive pattern searched on lower-cased text (see the module docstring)."""

    __slots__ = ("ignorecase", "lowered", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.lowered = re.compile(fold_pattern(pattern), flags & ~re.IGNORECASE)
        self.ignorecase = re.compile(pattern, flags | re.IGNORECASE)

    def search(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        """Like `re.Pattern.search` with IGNORECASE; `lower` is `text.lower()` if already made.

        Matches are found in the lower-cased text: `group()` returns lower-cased text, while
        `span()` indexes the original.
        """
        lower = text.lower() if lower is None else lower
        if len(lower) != len(text):
            return self.ignorecase.search(text)
        return self.lowered.search(lower)

    def finditer(self, text: str, lower: str | None = None) -> list[re.Match[str]]:
        lower = text.lower() if lower is None else lower
        if len(lower) != len(text):
            return list(self.ignorecase.finditer(text))
        return list(self.lowered.finditer(lower))
