"""``kg serve --store DIR``: the SPARQL store on disk, reused by the next start while the build is
unchanged, loaded afresh when it changed; small graphs stay in memory by default.

Every test starts the real ``kg serve`` command (bench/load.py's ``kg_serve``) and asks it over HTTP.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import networkx as nx

from bench.load import kg_serve
from kg.graph.io import write_graph
from kg.serve.store import DEFAULT_STORE_DIR
from tests.test_rdf import small_graph

TITLES = "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t WHERE { ?p dcterms:title ?t } ORDER BY ?t"
FIRST = "ResNet: deep residual learning"


def titles(url: str) -> list[str]:
    request = urllib.request.Request(
        url, data=urlencode({"query": TITLES}).encode(), headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return [row["t"]["value"] for row in json.loads(response.read())["results"]["bindings"]]


def stores(directory: Path) -> list[Path]:
    """The complete stores in a store directory (loads in progress are hidden)."""
    return sorted(p for p in directory.iterdir() if not p.name.startswith("."))


def files(store: Path) -> dict[str, int]:
    """Each data file of a store and when it was last written."""
    return {p.name: p.stat().st_mtime_ns for p in store.glob("*.sst")}


def build(tmp_path: Path, graph: nx.MultiDiGraph) -> Path:
    outdir = tmp_path / "out"
    write_graph(graph, outdir / "graph.json")
    return outdir


def test_serves_from_an_on_disk_store(tmp_path: Path) -> None:
    outdir, store_dir = build(tmp_path, small_graph()), tmp_path / "store"
    with kg_serve(outdir, ["--store", str(store_dir)]) as url:
        assert titles(url) == [FIRST]
    [store] = stores(store_dir)
    assert files(store), "the store holds no data files"
    assert not (outdir / DEFAULT_STORE_DIR).exists()


def test_a_second_start_reuses_the_store(tmp_path: Path) -> None:
    outdir, store_dir = build(tmp_path, small_graph()), tmp_path / "store"
    with kg_serve(outdir, ["--store", str(store_dir)]) as url:
        titles(url)
    [store] = stores(store_dir)
    inode, written = store.stat().st_ino, files(store)
    with kg_serve(outdir, ["--store", str(store_dir)]) as url:
        assert titles(url) == [FIRST]
    assert stores(store_dir) == [store]
    assert store.stat().st_ino == inode and files(store) == written


def test_a_changed_build_is_not_served_stale(tmp_path: Path) -> None:
    graph = small_graph()
    outdir, store_dir = build(tmp_path, graph), tmp_path / "store"
    with kg_serve(outdir, ["--store", str(store_dir)]) as url:
        assert titles(url) == [FIRST]
    [old] = stores(store_dir)
    graph.add_node("paper:arxiv:2010.11929", type="Paper", name="An image is worth 16x16 words",
                   title="An image is worth 16x16 words", abstract="We apply a Transformer to patches.")
    write_graph(graph, outdir / "graph.json")
    with kg_serve(outdir, ["--store", str(store_dir)]) as url:
        assert titles(url) == ["An image is worth 16x16 words", FIRST]
    [new] = stores(store_dir)
    assert new != old, "the store of the old build is still there"


def test_a_small_graph_is_served_from_memory_by_default(tmp_path: Path) -> None:
    outdir = build(tmp_path, small_graph())
    with kg_serve(outdir) as url:
        assert titles(url) == [FIRST]
    assert sorted(p.name for p in outdir.iterdir()) == ["graph.json"]
