"""Where the assess stage judges when `[dask]` is configured: a Dask cluster's executor.

The assess stage takes any `concurrent.futures.Executor` (`hindsight.pipeline.judging`); this
module only builds the Dask one. The Prefect flow gets its cluster from prefect-dask's
`DaskTaskRunner` with the same options (`flows/assess.py`); a run without Prefect starts it here.
No Prefect here; Dask is imported only when configured (the `dask` extra).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from typing import Any

from hindsight.settings import DaskConfig

__all__ = ["DaskMissing", "dask_executor", "local_cluster_options"]


class DaskMissing(RuntimeError):
    """`[dask]` is configured but the `dask` extra is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "[dask] is configured but Dask is not installed: pip install 'hindsight[dask]'"
        )


def local_cluster_options(config: DaskConfig) -> dict[str, Any]:
    """A `LocalCluster` for judging: one single-threaded process per worker, loopback only.

    Judging is pure Python, so threads in one process would share one core; the dashboard takes
    a free port, never a fixed one another process may hold.
    """
    return {
        "n_workers": config.workers or os.cpu_count() or 1,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        "dashboard_address": "127.0.0.1:0",
    }


@contextmanager
def dask_executor(config: DaskConfig) -> Iterator[tuple[Executor | None, int | None]]:
    """The configured cluster's executor and how many chunks it runs at once; (None, None)
    when Dask is not configured. A LocalCluster started here stops when the block ends."""
    if not config.active:
        yield None, None
        return
    try:
        import distributed
    except ImportError:
        raise DaskMissing() from None
    with ExitStack() as stack:
        if config.address:
            client = stack.enter_context(distributed.Client(config.address))
        else:
            cluster = stack.enter_context(distributed.LocalCluster(**local_cluster_options(config)))
            client = stack.enter_context(distributed.Client(cluster))
        yield client.get_executor(), sum(client.nthreads().values())
