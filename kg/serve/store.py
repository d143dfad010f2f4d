"""The Oxigraph store behind ``kg serve``: in memory, or on disk and kept from one start to the next.

An in-memory store is loaded afresh at every start and answers fastest, but holds every triple
in RAM. An on-disk store (RocksDB, ``pyoxigraph.Store(path)``) lives under a store directory as
``<store dir>/<key>/``, where the key hashes everything the RDF of a build depends on: the bytes
of graph.json, the build's time and version (report.json), the base IRI, the mapping's code and
the pyoxigraph version. A start that finds its key opens that store read-only at once; any other
start bulk-loads a new store into a temporary directory beside it and renames it into place only
when it is complete (an interrupted load never leaves a store under a key), then removes the
stores of other builds from the directory. One store directory serves one build at a time.

Either way the N-Triples are streamed to a temporary file and bulk-loaded from there, so a large
graph never exists as one string in memory.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.export import rdf, rdf_io
from kg.export.rdf import DEFAULT_BASE, BuildInfo

log = logging.getLogger("kg.serve")
# graph.json larger than this (about 7 million triples, several GB of RAM in memory): on disk by default.
DISK_ABOVE_BYTES = 256 * 2**20
DEFAULT_STORE_DIR = ".sparql-store"  # under the build directory
KEY = re.compile(r"[0-9a-f]{32}")


def graph_file(outdir: Path) -> Path:
    outdir = Path(outdir)
    return outdir / "graph.json" if outdir.is_dir() else outdir


def store_key(outdir: Path, base: str = DEFAULT_BASE) -> str:
    """A hash of everything the RDF of the build in ``outdir`` depends on."""
    h = hashlib.sha256()
    for part in (ox.__version__, base, repr(BuildInfo.of(outdir))):
        h.update(part.encode() + b"\0")
    for module in (rdf, rdf_io):
        h.update(Path(module.__file__).read_bytes() + b"\0")
    with graph_file(outdir).open("rb") as fh:
        h.update(hashlib.file_digest(fh, "sha256").digest())
    return h.hexdigest()[:32]


def bulk_load(store: ox.Store, outdir: Path, base: str, scratch: Path | None = None) -> None:
    """Load the RDF of the build in ``outdir`` into ``store`` through an N-Triples file in ``scratch``."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".nt", dir=scratch) as fh:
        fh.writelines(rdf_io.nt_lines(rdf_io.mapper(outdir, base).triples()))
        fh.flush()
        store.bulk_load(path=fh.name, format=ox.RdfFormat.N_TRIPLES)


def memory_store(outdir: Path, base: str = DEFAULT_BASE) -> ox.Store:
    """An in-memory store holding the RDF of the build in ``outdir``."""
    store = ox.Store()
    bulk_load(store, outdir, base)
    return store


def disk_store(outdir: Path, directory: Path, base: str = DEFAULT_BASE) -> ox.Store:
    """The on-disk store of the build in ``outdir`` under ``directory``, loaded unless it is there
    already; opened read-only."""
    directory.mkdir(parents=True, exist_ok=True)
    key = store_key(outdir, base)
    target = directory / key
    if target.is_dir():
        log.info("SPARQL store: reusing %s", target)
    else:
        started = time.perf_counter()
        loading = Path(tempfile.mkdtemp(prefix=".loading-", dir=directory))
        try:
            store = ox.Store(str(loading))
            bulk_load(store, outdir, base, scratch=directory)
            store.flush()
            del store  # closes the database before it moves
            loading.rename(target)
            log.info("SPARQL store: loaded %s in %.1f s", target, time.perf_counter() - started)
        except OSError:
            if not target.is_dir():
                raise
            log.info("SPARQL store: %s was loaded by another process meanwhile", target)
        finally:
            shutil.rmtree(loading, ignore_errors=True)
    for stale in directory.iterdir():
        if stale.is_dir() and KEY.fullmatch(stale.name) and stale.name != key:
            shutil.rmtree(stale, ignore_errors=True)
    return ox.Store.read_only(str(target))


def open_store(
    outdir: Path, base: str = DEFAULT_BASE, directory: Path | None = None, in_memory: bool = False
) -> ox.Store:
    """The store ``kg serve`` queries: in memory when asked; else on disk under ``directory``, or
    when graph.json is larger than :data:`DISK_ABOVE_BYTES` under ``OUTDIR/.sparql-store``; else
    in memory."""
    if not in_memory and directory is None and graph_file(outdir).stat().st_size > DISK_ABOVE_BYTES:
        directory = graph_file(outdir).parent / DEFAULT_STORE_DIR
    if in_memory or directory is None:
        return memory_store(outdir, base)
    return disk_store(outdir, directory, base)
