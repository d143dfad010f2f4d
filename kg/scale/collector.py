"""CPython's cyclic garbage collector paused while a build runs.

The collector runs after every few hundred container allocations, and a full pass visits
every container alive. A build allocates millions of long-lived papers, mentions, dicts,
lists and tuples that form no reference cycles, so the passes revisit an ever larger heap to
free nothing (synthetic 20k, CPU s with / without: link 8.0 / 5.1, build_graph 12.1 / 5.4;
docs/guide/performance.md; a full collection after extracting 600 papers with the collector
off found no unreachable object). Reference counting still frees everything not in a cycle.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off; it is on again afterwards if it was before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
