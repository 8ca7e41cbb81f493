"""Fewer cyclic garbage collections while the assess stage judges.

Judging a batch allocates hundreds of thousands of small objects (claims, quantities, candidate
pairs, assessments, per-sentence readings) that live until the batch is stored. With Python's
default thresholds the cyclic collector runs every 700 allocations and, as the heap grows,
scans all of it again and again: 1.5 of 14 CPU seconds of a worst-case stage of 5,000 stories
(benchmarks/assess.py), most of it in full collections finding nothing, since these objects
hold no cycles. Collecting after every 50,000 allocations instead costs a fifth of that; the
little cyclic garbage a batch makes (database sessions) is still collected, a little later.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ALLOCATIONS", "fewer_collections", "set_for_judging"]

# Allocations between two young-generation collections while judging (the default is 700).
ALLOCATIONS = 50_000


def set_for_judging() -> None:
    """This process collects as a judging process should (a pool worker, for its whole life)."""
    young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(ALLOCATIONS, young), older, oldest)


# Stages running at once in threads (a flow's tasks) share the process's thresholds: the first
# to enter sets them, the last to leave restores what the process had.
_lock = threading.Lock()
_inside = 0
_before: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Judging thresholds inside the block, the process's own restored after it."""
    global _inside, _before
    with _lock:
        if _inside == 0:
            _before = gc.get_threshold()
            set_for_judging()
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_before)
