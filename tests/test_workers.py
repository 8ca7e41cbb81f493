"""A pool's worker processes end with the run that started them, even when it is killed -9.

The crash tests check this for the feed parser's pool through the real CLI (no process of a
killed run is left). The judging pool starts only for a thousand items or more, so here a child
process starts it directly, reports its workers and kills itself; the workers must follow.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import os, signal
from hindsight.analysis.judge import make_judge
from hindsight.domain import Subject
from hindsight.pipeline.judging import start_pool

subjects = [Subject(name="Norvik")]
pool = start_pool([], subjects, make_judge("rules", subjects, []), workers=2)
pool.executor.submit(int).result()  # the workers have started
print(" ".join(str(pid) for pid in pool.executor._processes), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_judging_workers_end_when_their_run_is_killed(tmp_path: Path) -> None:
    # Output to a file, not a pipe: a worker left behind would hold a pipe open for ever.
    # Stderr apart: once the parent is gone, multiprocessing's resource tracker may warn there
    # about the pool's semaphores, and that warning is not the workers' list.
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD],
            stdout=stdout,
            stderr=stderr,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
        )
        assert child.wait(timeout=300) == -9, err.read_text()[-2000:]
    workers = [int(pid) for pid in out.read_text().split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)]
