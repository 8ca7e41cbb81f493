"""The one error a seed reader raises, so the CLI can print it as a single line and exit."""

from __future__ import annotations


class SeedError(ValueError):
    """A seed cannot be read; the message is one line telling the analyst what to do."""
