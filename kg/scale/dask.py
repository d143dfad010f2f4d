"""Extraction on a Dask distributed cluster (https://distributed.dask.org).

The papers are cut into partitions; each partition is a task that runs
:func:`kg.scale.spec.extract_chunk` on a worker, which builds the pipeline once per worker
process. Results come back in input order, so the linker, run here over the whole corpus,
gives the same graph as a local build. At most ``2 × workers`` partitions are in flight,
so results are consumed as they arrive instead of piling up on the cluster.

``address`` is a scheduler address (``tcp://host:8786``) or ``local`` for a
:class:`~dask.distributed.LocalCluster` of worker processes on this machine. Workers of a
real cluster need the same ``kg`` version and configuration (``config/``, KB files) as the
client.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from kg.model import Extraction, Paper
from kg.scale.chunks import chunked
from kg.scale.spec import ExtractorSpec, extract_chunk


def connect(address: str, workers: int) -> tuple[Any, Any]:
    """A (client, cluster) pair; ``cluster`` is None for a remote scheduler."""
    from dask.distributed import Client, LocalCluster

    if address != "local":
        return Client(address), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def extract_on_dask(
    papers: Sequence[Paper], spec: ExtractorSpec, address: str, workers: int, chunk_size: int
) -> Iterator[Extraction]:
    """Yield the Extractions of ``papers`` in order, extracted on the cluster at ``address``."""
    client, cluster = connect(address, workers)
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        pending: deque[Any] = deque()
        for chunk in chunked(papers, chunk_size):
            pending.append(client.submit(extract_chunk, spec, chunk, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
