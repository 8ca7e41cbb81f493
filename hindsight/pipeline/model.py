"""The model backend for a run, when the settings ask for it (`[judge] backend = "llm"`,
`[extract] backend = "llm"`).

Answers are cached in the run's database (`storage.llm_cache`), so a repeated run asks nothing it
asked before; each run gets a fresh budget of `[llm] max_calls_per_run` calls.
"""

from __future__ import annotations

from hindsight.llm.setup import Backend, open_backend
from hindsight.settings import Settings
from storage.db import Database
from storage.llm_cache import StoredAnswers

__all__ = ["model_backend"]


def model_backend(settings: Settings, db: Database, *, for_stage: str = "judge") -> Backend | None:
    """A started backend when `for_stage` ("judge" or "extract") is set to "llm", else None.

    For the judge, `assess_pending(..., judge_options={"asker": backend.asker})` uses it."""
    backend = settings.judge.backend if for_stage == "judge" else settings.extract.backend
    if backend != "llm":
        return None
    return open_backend(settings.llm, StoredAnswers(db))
