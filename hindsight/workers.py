"""Worker processes end with the run that started them.

A pool's workers are forked from multiprocessing's fork server, not from the run, and wait on
their task queue for ever. When the run dies without a word (kill -9, the OOM killer), nothing
tells them: they stay behind, and so does the fork server, which lives while any worker holds
its pipe — about 70 MB a pool, on every crash. So each worker watches the run's process and
exits when it is gone: on Linux through a pidfd (no polling, immune to a reused pid), elsewhere
by asking every second whether the pid still exists.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from multiprocessing.context import BaseContext

__all__ = ["pool_context", "watch_parent"]

# What every pool's workers import: the fork server, shared by all pools of a run and started
# with the first, imports them once and each worker forks with them loaded. "__main__" too:
# else every worker re-imports the program's main module (the CLI, with the database stack).
_PRELOAD = ["__main__", "hindsight.feeds.dedupe", "hindsight.pipeline.judging"]


def pool_context() -> BaseContext:
    """The start method for worker pools: the fork server where there is one (never "fork":
    a run has threads and database connections a forked child must not inherit), else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)  # no effect once the server runs: same list
    return context


def watch_parent(pid: int) -> None:
    """In a worker: end this process as soon as process `pid` (the run) has ended."""
    try:
        fd: int | None = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(0)  # the run died while this worker was starting
    except (AttributeError, OSError):
        fd = None  # not Linux, or an old kernel: poll instead
    threading.Thread(target=_watch, args=(pid, fd), name="watch-run", daemon=True).start()


def _watch(pid: int, fd: int | None) -> None:
    if fd is not None:
        select.select([fd], [], [])  # readable once the process has exited
        os._exit(0)
    while True:
        time.sleep(1.0)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            continue  # exists (ours or not): keep watching
