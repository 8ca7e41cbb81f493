"""Named crash points: where the crash tests kill a real run (`checkpoint("ingest.after_commit")`).

Why in production code: a promise like "a run killed anywhere resumes to exactly what one clean
run stores" can only be shown by killing the real process at the moments that matter — between
a server's "250" and the commit that records it, between a batch's commit and the next — and
those moments are inside functions, not between them. Each point is one line where it happens.

`HINDSIGHT_FAULT=<point>` (or `<point>@<n>`: the n-th time the point is reached, from 1) makes
the process SIGKILL itself there: no `finally`, no rollback, no flush, as with `kill -9` or a
power cut. With `HINDSIGHT_FAULT_ACTION=stop` it SIGSTOPs itself instead, so a test can act
while the run is frozen mid-stage (stop the database) and then let it go on (SIGCONT). With
the variable unset (always, outside tests) a checkpoint costs one comparison with None.
"""

from __future__ import annotations

import os
import signal

# Every point, in pipeline order; the crash test kills a run at each of them.
POINTS = (
    "seed.before_commit",
    "ingest.after_fetch",
    "ingest.before_health",
    "ingest.before_commit",
    "ingest.after_commit",
    "assess.after_rewind",
    "assess.mid_batch",
    "assess.before_commit",
    "assess.after_commit",
    "assess.before_statuses",
    "assess.mid_statuses",
    "assess.after_statuses",
    "digest.before_files",
    "digest.after_files",
    "digest.before_commit",
    "digest.after_commit",
    "send.before_smtp",
    "send.after_250",
    "send.after_commit",
    "run.before_finish",
)

ENV = "HINDSIGHT_FAULT"
ACTION_ENV = "HINDSIGHT_FAULT_ACTION"


def _target(value: str | None) -> tuple[str, int] | None:
    if not value:
        return None
    name, _, nth = value.partition("@")
    if name not in POINTS:
        raise ValueError(f"{ENV}={value!r}: no such checkpoint (see hindsight.faults.POINTS)")
    return name, int(nth or 1)


_armed = _target(os.environ.get(ENV))
_reached = 0  # times the armed point was reached (only one point is ever armed)


def checkpoint(name: str) -> None:
    """Die here (or freeze) when `HINDSIGHT_FAULT` names this point; otherwise do nothing."""
    global _reached
    if _armed is None or _armed[0] != name:
        return
    _reached += 1
    if _reached != _armed[1]:
        return
    if os.environ.get(ACTION_ENV) == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
        return
    os.kill(os.getpid(), signal.SIGKILL)
