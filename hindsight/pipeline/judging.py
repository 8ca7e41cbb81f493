"""Claim extraction and judging of news items spread over worker processes.

The assess stage's cost is pure computation (regular expressions per sentence, one judgement per
candidate pair), so a batch is cut into ordered chunks that worker processes extract and judge
while the parent keeps what must stay sequential: learning names oldest first, and storing.

Workers are started once per run with the predictions, their subjects and the run's judge (any
`Judge`: it is pickled with its reading of the predictions, so every process reads them alike),
so a chunk carries only its news items and the subjects as learned at each item. Pure logic:
no database, no Prefect; results come back as domain dataclasses.

Where the chunks run is the caller's choice: by default a local process pool started here, or any
`concurrent.futures.Executor` the caller already has (a Dask cluster's `Client.get_executor()`
spreads them over several machines). Workers of an executor not started here cannot be given the
engine up front, so each chunk carries it pickled once per run, and a worker unpickles it only
the first time it sees that run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from hindsight.analysis.candidates import PredictionIndex
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import Judge
from hindsight.analysis.related import Judgement, judge_claims, judge_items
from hindsight.domain import Assessment, Claim, NewsItem, Prediction, Subject
from hindsight.pipeline.collector import set_for_judging
from hindsight.workers import pool_context, watch_parent

__all__ = ["EngineSpec", "Judged", "JudgingPool", "free_cores", "judge_chunk", "start_pool"]

# An item with the subjects as learned when it was read (oldest first, in the parent).
Task = tuple[NewsItem, list[Subject]]


@dataclass(frozen=True)
class Judged:
    """What one news item yields: its claims, their decisive assessments and related ones."""

    claims: list[Claim]
    assessments: list[Assessment]


@dataclass
class _Engine:
    """The per-process judge and index, built once from what the parent sent."""

    predictions: list[Prediction]
    subjects: list[Subject]
    judge: Judge
    index: PredictionIndex


@dataclass(frozen=True)
class EngineSpec:
    """What a worker builds its engine from, pickled once per run; `token` names the run's."""

    token: str
    payload: bytes

    @classmethod
    def of(cls, predictions: list[Prediction], subjects: list[Subject], judge: Judge) -> EngineSpec:
        payload = pickle.dumps((predictions, subjects, judge), pickle.HIGHEST_PROTOCOL)
        return cls(hashlib.sha256(payload).hexdigest(), payload)


# Per thread: a worker of a shared executor (a Dask worker) may judge several chunks at once, and
# judging a chunk moves the engine's subjects along as it goes.
_local = threading.local()


def _init_worker(
    predictions: list[Prediction],
    subjects: list[Subject],
    judge: Judge,
    token: str = "",
    parent: int | None = None,
) -> None:
    """The worker's index, and the parent's judge (with its reading of the predictions).

    The judge is told `subjects` too: a chunk replaces both only when its items' subjects
    differ from the engine's, so the two must start alike (the parent's judge may have learned
    more names than the index was read with). A local pool's worker ends with its `parent`.
    """
    if parent is not None:
        watch_parent(parent)
        set_for_judging()  # this process only judges: few cyclic collections (`collector`)
    judge.subjects = subjects
    _local.engine = _Engine(predictions, subjects, judge, PredictionIndex(predictions, subjects))
    _local.token = token


def _warm_up() -> None:
    """Nothing: submitted once so workers start (and import) while the parent reads."""


def judge_chunk(
    tasks: Sequence[Task], spec: EngineSpec | None = None, related: int | None = None
) -> list[Judged]:
    """Extract and judge `tasks` in order, each item with the subjects learned before it.

    `spec` comes with chunks sent to an executor this module did not start; a worker builds
    the engine from it once per run. Related items are made only for pairs that can be among
    the `related` newest of their prediction (`judge_items`): the batch keeps no others.
    """
    if spec is not None and getattr(_local, "token", None) != spec.token:
        predictions, subjects, judge = pickle.loads(spec.payload)
        _init_worker(predictions, subjects, judge, spec.token)
    engine: _Engine | None = getattr(_local, "engine", None)
    assert engine is not None, "judge_chunk runs in a worker started by start_pool"
    read: list[list[Claim]] = []
    judged: list[tuple[datetime | None, Judgement]] = []
    for item, subjects in tasks:
        if subjects != engine.subjects:
            engine.subjects = subjects
            engine.judge.subjects = subjects
        claims = extract_claims(item, subjects)
        read.append(claims)
        judged.append((item.published, judge_claims(engine.judge, claims, engine.index)))
    assessments = judge_items(judged, engine.judge.name, related)
    return [Judged(c, a) for c, a in zip(read, assessments, strict=True)]


@dataclass
class JudgingPool:
    """Workers judging ordered chunks of a batch; results in the order given.

    `spec` is set when the executor's workers were not started with the engine; `owned` when
    this pool started the executor and so shuts it down.
    """

    executor: Executor
    workers: int
    spec: EngineSpec | None = None
    owned: bool = True

    def submit(
        self, tasks: Sequence[Task], related: int | None = None
    ) -> Callable[[], list[Judged]]:
        """Start judging `tasks`; the returned call waits for the results, in order. With
        `related`, only pairs that can be among that many newest related items of their
        prediction come back as related (`judge_chunk`).

        Two chunks per worker even out unequal items. The parent stores the previous batch
        meanwhile.
        """
        size = max(1, -(-len(tasks) // (2 * self.workers)))
        futures = [
            self.executor.submit(judge_chunk, tasks[i : i + size], self.spec, related)
            for i in range(0, len(tasks), size)
        ]
        return lambda: [judged for future in futures for judged in future.result()]

    def judge(self, tasks: Sequence[Task]) -> list[Judged]:
        """Results of `tasks`, in order."""
        return self.submit(tasks)()

    def close(self) -> None:
        """Shut the workers down if this pool started them; a caller's executor stays up."""
        if self.owned:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _busy_times() -> tuple[int, int] | None:
    """(idle, total) clock ticks of every core since boot, from Linux's /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(t) for t in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return ticks[3] + (ticks[4] if len(ticks) > 4 else 0), sum(ticks)


@dataclass(frozen=True)
class _Reading:
    """The cores' clock ticks (`_busy_times`), with when and how much CPU the reading thread
    had used by then."""

    ticks: tuple[int, int]
    at: float
    cpu: float


def _read_cores() -> _Reading | None:
    ticks = _busy_times()
    return None if ticks is None else _Reading(ticks, time.monotonic(), time.thread_time())


# Per thread: the last reading `free_cores` took, and the longest a reading is the start of the
# next one's interval (older, it says little of what the cores do now).
_readings = threading.local()
_FRESH = 5.0


def free_cores(sample: float = 0.05) -> float:
    """How many cores nothing else is using now: the idle share of every core, plus the share
    this thread used, over the time since this thread last asked (at least `sample` and at most
    `_FRESH` seconds ago), else over `sample` seconds slept (Linux); elsewhere the cores less
    the last minute's load average.

    Workers only shorten a stage when cores are idle: on a machine whose cores are busy (two
    shared cores, other jobs), two workers beside the stage cost 30-50 % more CPU than judging
    in-process, for a longer wall time (measured with benchmarks/assess.py, 5,000 stories).
    The stage asks before each batch until workers start: on a busy machine, sleeping to ask
    was 0.5 s of a 5,000-document run; the time spent judging the batch in between is as good
    a sample, its own work counted as its own, not another job's.
    """
    cores = os.cpu_count() or 1
    now = _read_cores()
    if now is not None:
        last: _Reading | None = getattr(_readings, "last", None)
        if last is None or not sample <= now.at - last.at <= _FRESH:
            time.sleep(sample)
            last, now = now, _read_cores()
        _readings.last = now
        if now is not None and last is not None and now.ticks[1] > last.ticks[1]:
            idle = (now.ticks[0] - last.ticks[0]) / (now.ticks[1] - last.ticks[1])
            own = (now.cpu - last.cpu) / (now.at - last.at)
            return min(float(cores), cores * idle + own)
    try:
        return max(0.0, cores - os.getloadavg()[0])
    except (AttributeError, OSError):
        return float(cores)


def start_pool(
    predictions: list[Prediction],
    subjects: list[Subject],
    judge: Judge,
    workers: int | None = None,
    executor: Executor | None = None,
) -> JudgingPool | None:
    """Workers to judge on: the caller's `executor`, or a local pool of processes.

    `workers` is how many chunks the executor runs at once (default: one per local core). With no
    executor given, None when only one process would run. Workers fork from the run's fork
    server (`workers.pool_context`), which has imported this module once for every pool.
    """
    count = workers or os.cpu_count() or 1
    if executor is not None:
        spec = EngineSpec.of(predictions, subjects, judge)
        return JudgingPool(executor, count, spec=spec, owned=False)
    if count < 2:
        return None
    executor = ProcessPoolExecutor(
        max_workers=count,
        mp_context=pool_context(),
        initializer=_init_worker,
        initargs=(predictions, subjects, judge, "", os.getpid()),
    )
    for _ in range(count):
        executor.submit(_warm_up)
    return JudgingPool(executor, count)
