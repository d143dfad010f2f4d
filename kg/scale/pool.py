"""Parallel extraction on one machine: a process pool over chunks of papers.

Measured against spaCy's ``nlp.pipe(n_process=N)`` (see docs/guide/performance.md): spaCy's
multiprocessing sends every processed Doc back to the parent with ``Doc.to_bytes``, which
fails on the extractor's ``user_data`` (E871, candidates are not msgpack-serialisable) and
would in any case ship whole Docs, where the pool sends back only the small Extractions.
Where ``fork`` is available the pipeline is built once in the parent and inherited by the
workers (copy-on-write), so no worker pays the model load.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

from kg.model import Extraction, Paper
from kg.scale.chunks import chunked
from kg.scale.spec import ExtractorSpec, extract_chunk


def extract_in_pool(
    papers: Sequence[Paper], spec: ExtractorSpec, workers: int, chunk_size: int
) -> Iterator[Extraction]:
    """Yield the Extractions of ``papers`` in order, extracted by ``workers`` processes."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        spec.pipeline()  # built here once; forked workers inherit it
    context = multiprocessing.get_context("fork" if fork else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for extractions in pool.map(extract_chunk, repeat(spec), chunked(papers, chunk_size)):
            yield from extractions
