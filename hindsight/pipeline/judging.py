"""Claim extraction and judging of news items spread over worker processes.

The assess stage's cost is pure computation (regular expressions per sentence, one judgement per
candidate pair), so a batch is cut into ordered chunks that worker processes extract and judge
while the parent keeps what must stay sequential: learning names oldest first, and storing.

Workers are started once per run with the predictions, their subjects and the run's judge (any
`Judge`: it is pickled with its reading of the predictions, so every process reads them alike),
so a chunk carries only its news items and the subjects as learned at each item. Pure logic:
no database, no Prefect; results come back as domain dataclasses.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass

from hindsight.analysis.candidates import PredictionIndex
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import Judge
from hindsight.domain import Assessment, Claim, NewsItem, Prediction, Subject

__all__ = ["Judged", "JudgingPool", "judge_chunk", "start_pool"]

# An item with the subjects as learned when it was read (oldest first, in the parent).
Task = tuple[NewsItem, list[Subject]]


@dataclass(frozen=True)
class Judged:
    """What one news item yields: its claims and their non-trivial assessments."""

    claims: list[Claim]
    assessments: list[Assessment]


@dataclass
class _Engine:
    """The per-process judge and index, built once from what the parent sent."""

    predictions: list[Prediction]
    subjects: list[Subject]
    judge: Judge
    index: PredictionIndex


_engine: _Engine | None = None


def _init_worker(predictions: list[Prediction], subjects: list[Subject], judge: Judge) -> None:
    """The worker's index, and the parent's judge (with its reading of the predictions)."""
    global _engine
    _engine = _Engine(predictions, subjects, judge, PredictionIndex(predictions, subjects))


def _warm_up() -> None:
    """Nothing: submitted once so workers start (and import) while the parent reads."""


def judge_chunk(tasks: Sequence[Task]) -> list[Judged]:
    """Extract and judge `tasks` in order, each item with the subjects learned before it."""
    engine = _engine
    assert engine is not None, "judge_chunk runs in a worker started by start_pool"
    out = []
    for item, subjects in tasks:
        if subjects != engine.subjects:
            engine.subjects = subjects
            engine.judge.subjects = subjects
        claims = extract_claims(item, subjects)
        assessments = engine.judge.assess_claims(claims, engine.index)
        out.append(Judged(claims, assessments))
    return out


@dataclass
class JudgingPool:
    """Worker processes judging ordered chunks of a batch; results in the order given."""

    executor: Executor
    workers: int

    def submit(self, tasks: Sequence[Task]) -> Callable[[], list[Judged]]:
        """Start judging `tasks`; the returned call waits for the results, in order.

        Two chunks per worker even out unequal items. The parent stores the previous batch
        meanwhile.
        """
        size = max(1, -(-len(tasks) // (2 * self.workers)))
        futures = [
            self.executor.submit(judge_chunk, tasks[i : i + size])
            for i in range(0, len(tasks), size)
        ]
        return lambda: [judged for future in futures for judged in future.result()]

    def judge(self, tasks: Sequence[Task]) -> list[Judged]:
        """Results of `tasks`, in order."""
        return self.submit(tasks)()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def start_pool(
    predictions: list[Prediction],
    subjects: list[Subject],
    judge: Judge,
    workers: int | None = None,
) -> JudgingPool | None:
    """A pool of `workers` processes (default: one per core), or None when only one would run.

    Forkserver, not fork: the parent holds database connections and threads that a forked child
    must not inherit.
    """
    count = workers or os.cpu_count() or 1
    if count < 2:
        return None
    executor = ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=_init_worker,
        initargs=(predictions, subjects, judge),
    )
    for _ in range(count):
        executor.submit(_warm_up)
    return JudgingPool(executor, count)
