"""Scaling the build: parallel and Dask extraction, the Extraction cache, peak memory.

:func:`run_extraction` picks where papers are extracted: in this process (streaming, one
Extraction at a time), on a local process pool (``--workers N``, :mod:`kg.scale.pool`) or on
a Dask cluster (``--dask ADDRESS``, :mod:`kg.scale.dask`). Every route yields Extractions in
input order, so the linker sees the same corpus and the graph is the same.
"""

from __future__ import annotations

import os
import resource
import sys
from collections.abc import Iterator, Sequence

from kg.model import Extraction, Paper
from kg.scale.cache import ExtractionCache
from kg.scale.chunks import chunk_size
from kg.scale.spec import ExtractorSpec

__all__ = ["ExtractionCache", "ExtractorSpec", "peak_rss_mb", "run_extraction"]


def run_extraction(
    papers: Sequence[Paper], spec: ExtractorSpec, workers: int = 1, dask: str | None = None
) -> Iterator[Extraction]:
    """The Extractions of ``papers``, in order."""
    if dask:
        from kg.scale.dask import extract_on_dask

        n = workers if workers > 1 or dask != "local" else os.cpu_count() or 1
        yield from own_papers(papers, extract_on_dask(papers, spec, dask, n, chunk_size(len(papers), n)))
    elif workers > 1 and len(papers) > 1:
        from kg.scale.pool import extract_in_pool

        yield from own_papers(papers, extract_in_pool(papers, spec, workers, chunk_size(len(papers), workers)))
    elif papers:
        from kg.extract import Extractor

        yield from Extractor(spec.pipeline()).extract(papers)


def own_papers(papers: Sequence[Paper], extractions: Iterator[Extraction]) -> Iterator[Extraction]:
    """Each Extraction a worker sent back, pointing at this process's Paper instead of the worker's
    copy, so the build holds every title and abstract once."""
    for paper, extraction in zip(papers, extractions, strict=True):
        extraction.paper = paper
        yield extraction


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its largest waited-for child), in MB."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
