"""The explorer's JSON API (kg/serve/api.py) and its WSGI app, over a real HTTP server."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from explorer_support import fixture_graph, serve, write_fixture
from http_support import call

from kg.serve.api import GraphView
from kg.serve.explorer import ExplorerApp


@pytest.fixture
def view() -> GraphView:
    return GraphView(fixture_graph())


@pytest.fixture
def base_url(tmp_path: Path):
    with serve(ExplorerApp(write_fixture(tmp_path))) as url:
        yield url


def test_search_puts_the_exact_name_first_and_finds_aliases(view: GraphView) -> None:
    hits = view.search("imagenet")
    assert hits[0]["id"] == "dataset:imagenet"
    alias = view.search("ILSVRC")
    assert [(h["id"], h["match"]) for h in alias] == [("dataset:imagenet", "ILSVRC")]
    assert view.search("resnet")[0]["name"] == "ResNet"
    assert view.search("   ") == []


def test_entity_panel_has_links_papers_with_evidence_and_results(view: GraphView) -> None:
    d = view.node("dataset:imagenet")
    assert d["aliases"] == ["ILSVRC", "ImageNet-1k"]
    assert "https://www.wikidata.org/wiki/Q24901201" in [link["url"] for link in d["links"]]
    assert "https://paperswithcode.com/dataset/imagenet" in [link["url"] for link in d["links"]]
    assert "https://huggingface.co/datasets/ILSVRC/imagenet-1k" in [link["url"] for link in d["links"]]
    marks = {p["id"]: [m["mark"] for m in p["mentions"]] for p in d["papers"]}
    assert marks == {"paper:arxiv:1512.03385": ["ImageNet"], "paper:0a1b2c3d4e5f": ["ILSVRC"],
                     "paper:9f8e7d6c5b4a": ["ImageNet"]}
    first = d["papers"][0]["mentions"][0]
    assert first["before"] + first["mark"] + first["after"] == (
        "On the ImageNet dataset we evaluate residual nets with a depth of up to 152 layers.")
    assert [r["name"] for r in d["results"]] == ["76.1% top-1 accuracy"]


def test_parent_and_variants(view: GraphView) -> None:
    assert [p["name"] for p in view.node("method:resnet-50")["parents"]] == ["ResNet"]
    assert [v["name"] for v in view.node("method:resnet")["variants"]] == ["ResNet-50"]


def test_paper_panel_marks_every_mention_in_the_abstract(view: GraphView) -> None:
    d = view.node("paper:arxiv:1512.03385")
    marked = [(s["text"], s["node"]) for s in d["abstract"] if "node" in s]
    assert marked == [("ResNet", "method:resnet"), ("ImageNet", "dataset:imagenet"),
                      ("ResNet-50", "method:resnet-50"), ("top-1 accuracy", "metric:top-1-accuracy")]
    assert "".join(s["text"] for s in d["abstract"]) == fixture_graph().nodes["paper:arxiv:1512.03385"]["abstract"]
    assert {m["relation"] for m in d["mentions"] if m["name"] == "ResNet"} == {"PROPOSES"}


def test_a_javascript_url_from_the_data_is_never_linked(view: GraphView) -> None:
    assert view.node("paper:0a1b2c3d4e5f")["links"] == []


def test_top_and_neighbors_return_the_links_among_the_nodes(view: GraphView) -> None:
    top = view.top({"Method", "Dataset"}, limit=2)
    assert [n["id"] for n in top["nodes"]] == ["dataset:imagenet", "method:resnet-50"]
    assert top["links"] == []  # ResNet-50 and ImageNet are not linked directly
    around = view.neighbors("method:resnet")
    assert {n["id"] for n in around["nodes"]} == {"method:resnet", "method:resnet-50", "dataset:imagenet",
                                                  "paper:arxiv:1512.03385"}
    assert {"source": "method:resnet-50", "target": "method:resnet", "relation": "VARIANT_OF"} in around["links"]


def test_http_api(base_url: str) -> None:
    status, headers, body = call(base_url + "api/search?q=ImageNet")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)[0]["id"] == "dataset:imagenet"
    status, _, body = call(base_url + "api/node?id=" + urllib.request.quote("paper:arxiv:1512.03385"))
    assert json.loads(body)["type"] == "Paper"
    assert json.loads(call(base_url + "api/graph?types=Paper&limit=10")[2])["nodes"][0]["type"] == "Paper"
    assert json.loads(call(base_url + "api/meta")[2])["types"]["Paper"] == 3
    assert call(base_url + "api/node?id=nope")[0] == 404
    assert call(base_url + "api/nothing")[0] == 404


def test_http_page_assets_and_read_only(base_url: str) -> None:
    status, headers, body = call(base_url)
    assert status == 200 and b'id="search"' in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, _, body = call(base_url + "static/vendor/vis-network.min.js")
    assert status == 200 and b"vis-network" in body[:400]
    assert call(base_url + "static/app.js")[0] == 200
    assert call(base_url + "static/../explorer.py")[0] == 404
    assert call(base_url + "api/search?q=x", method="POST")[0] == 405


def test_the_graph_is_read_again_after_a_rebuild(tmp_path: Path) -> None:
    import os

    from kg.graph.io import write_graph

    app = ExplorerApp(write_fixture(tmp_path))
    assert app.view().graph.number_of_nodes() == 9
    graph = fixture_graph()
    graph.remove_node("result:abc123def456")
    write_graph(graph, tmp_path / "graph.json")
    os.utime(tmp_path / "graph.json", (1, 1))  # a distinct mtime even on a coarse clock
    assert app.view().graph.number_of_nodes() == 8


def test_the_sparql_query_of_a_node_runs_on_the_rdf_export(tmp_path: Path, view: GraphView) -> None:
    import pyoxigraph

    from kg.export.rdf import DEFAULT_BASE
    from kg.export.rdf_io import write_rdf

    write_rdf(write_fixture(tmp_path), tmp_path / "graph.nt", "nt", DEFAULT_BASE)
    store = pyoxigraph.Store()
    store.load(path=str(tmp_path / "graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    rows = list(store.query(view.node("dataset:imagenet")["queries"]["sparql"]))
    objects = {row["o"].value for row in rows}
    assert "ImageNet" in objects and "ILSVRC" in objects
    assert any(row["o"].value.endswith("/dataset/imagenet") for row in rows)  # incoming links too



def test_through_kg_serve_the_panel_query_answers_on_the_sparql_endpoint(tmp_path: Path) -> None:
    from kg.serve.app import make_app

    with serve(make_app(write_fixture(tmp_path))) as url:
        status, _, page = call(url)
        assert status == 200 and b'id="search"' in page
        query = json.loads(call(url + "api/node?id=dataset:imagenet")[2])["queries"]["sparql"]
        status, _, body = call(url + "sparql", query, "application/sparql-results+json")
    assert status == 200
    assert "ILSVRC" in {row["o"]["value"] for row in json.loads(body)["results"]["bindings"]}
