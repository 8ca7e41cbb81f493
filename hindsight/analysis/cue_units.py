"""The naive cue rule of issue #9, as one definition shared by the extractor and the evaluation.

Split each non-empty line of the article into sentences (after `.`, `!`, `?` or a closing quote,
before a capital, quote or bracket), so list items and headings are units of their own, and take
every unit of at least four words holding a future cue (will, expect…, could, "by 2025", ...).

The evaluation scores this rule as the floor to beat; the extractor uses the same units as its
recall floor (`predictions.extract_predictions`): a cued unit none of its findings covers is a
candidate it keeps unless a general grammatical rejection applies. One definition, so the floor
the extractor guarantees is the floor it is measured against.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hindsight.analysis.sentences import Span

__all__ = ["CUE_RE", "MIN_WORDS", "cue_spans", "cue_units"]

MIN_WORDS = 4
_SPLIT_RE = re.compile(r"(?<=[.!?\"”’])\s+(?=[A-Z\"“‘'(\[])")
CUE_RE = re.compile(
    r"\b(?:will|won['’]t|would|shall|expect\w*|forecast\w*|project\w*|predict\w*|anticipat\w*"
    r"|likely|unlikely|could|may|might|should|plan\w*|aim\w*|going\s+to|set\s+to|poised"
    r"|by\s+(?:the\s+end\s+of\s+)?20\d\d|in\s+20\d\d|next\s+(?:year|decade)|soon|eventually"
    r"|suspect\w*|doubt\w*|bet)\b",
    re.I,
)


def cue_spans(text: str) -> Iterator[Span]:
    """(start, end) in `text` of every unit the naive rule takes, in reading order."""
    start = 0
    for body in text.splitlines(keepends=True):
        line_start, start = start, start + len(body)
        stripped = body.strip()
        if not stripped:
            continue
        offset = line_start + body.index(stripped)
        cursor = 0
        for gap in [*_SPLIT_RE.finditer(stripped), None]:
            end = gap.start() if gap else len(stripped)
            unit = stripped[cursor:end]
            if len(unit.split()) >= MIN_WORDS and CUE_RE.search(unit):
                yield offset + cursor, offset + end
            cursor = gap.end() if gap else len(stripped)


def cue_units(text: str) -> list[str]:
    """The texts of `cue_spans`: what the naive filter calls predictions."""
    return [text[lo:hi] for lo, hi in cue_spans(text)]
