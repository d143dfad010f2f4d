"""Hostile strings through every export: Cypher and CSV metacharacters, IRI breakers, HTML/JS, RTL.

One graph holds them twice: papers built by the real pipeline from a JSON Lines file of
hostile titles and abstracts (so ingest cleaning and the extractor see them), and hand-made
entities (docs/schema.md) whose raw names, aliases and mention surfaces are the hostile
strings, newlines and tabs included. Each export is read back with an independent parser and
compared with graph.json: the Neo4j CSV (csv module), the Cypher script (run on the embedded
engine), every RDF format (rdflib, and Oxigraph for the line formats), the explorer's JSON
API and the SPARQL/Cypher queries its panel shows, and the static HTML page (no element or
script from the data). Earlier tests cover one nasty name per export (tests/test_neo4j_export.py,
tests/test_cypher_engine.py, tests/test_rdf.py, tests/test_export_html.py); these cover the list.
"""

from __future__ import annotations

import csv
import json
import threading
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from explorer_support import fixture_graph as explorer_graph
from rdflib.namespace import DCTERMS, SKOS
from test_export_html import Scripts

from kg.export.cypher_script import write_script
from kg.export.html import render_html
from kg.export.neo4j_csv import ARRAY_DELIMITER, write_csv
from kg.export.rdf import DEFAULT_BASE
from kg.export.rdf_io import FORMATS, SUFFIXES, write_rdf
from kg.graph.ids import entity_id
from kg.graph.io import read_graph, write_graph
from kg.pipeline import build
from kg.serve.app import make_http_server
from kg.serve.sparql import Limits

HOSTILE = [
    "O'Brien \"Net\" `x` \\ }) DETACH DELETE n //",  # Cypher string, name and comment breakers
    "'}) MATCH (n) DETACH DELETE n; //",
    'a,b "c",, d\r\ne\tf',  # CSV: delimiters, quotes, CRLF and tab inside a field
    "<http://evil.example/> spaces {x} |y| ^z `w` \\u0022",  # characters that are illegal in IRIs
    '"""triple""" \'\'\'q\'\'\' ]]> <!-- c --> &amp; &lt;',  # Turtle long strings, XML CDATA/comments/entities
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(document.cookie)</script>",
    "javascript:alert(1) ${jndi:ldap://x} {{7*7}}",
    "注意力 Сеть عربى \u202eRTL override\u202c \u200fmark é\u0301 \U0001f600",
]
ENTITY_TYPES = ("Method", "Dataset", "Metric", "Task")


def hostile_records() -> Iterator[dict[str, str]]:
    for i, text in enumerate(HOSTILE):
        yield {"title": f"{text} improves ResNet-50 (paper {i})",
               "abstract": f"We propose {text} and evaluate ResNet-50 on ImageNet, reaching 76.1% top-1 accuracy. "
                           f"Quoted again: {text}."}
    yield {"title": "NUL\x00 and BEL\x07 in a title", "abstract": "Control characters\x1f are removed at ingest."}


def add_hostile_entities(graph: nx.MultiDiGraph) -> list[str]:
    """One hand-made entity per hostile string (raw, uncleaned), each used by a pipeline paper."""
    papers = sorted(n for n, t in graph.nodes(data="type") if t == "Paper")
    nodes = []
    for i, name in enumerate(HOSTILE):
        type_ = ENTITY_TYPES[i % 4]
        node = entity_id(type_, name)
        aliases = sorted({name, f"{name} v2", "plain"})
        graph.add_node(node, type=type_, name=name, aliases=aliases, alias_reasons=["kb"] * len(aliases),
                       paper_count=1, description=f"about {name}")
        paper = graph.nodes[papers[i % len(papers)]]
        graph.add_edge(papers[i % len(papers)], node, key="USES", relation="USES", surface=[name, name],
                       field=["title", "abstract"], start=[0, 0], end=[len(name), len(name)],
                       sentence=[paper["title"], name], reason="hostile")
        nodes.append(node)
    weird = 'method:<raw id> "with" spaces\nand newline'  # an id that no slug would make
    graph.add_node(weird, type="Method", name=HOSTILE[0], aliases=[HOSTILE[0]], alias_reasons=["kb"], paper_count=0)
    return [*nodes, weird]


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    corpus = out / "hostile.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in hostile_records()), encoding="utf-8")
    report = build([str(corpus)], out)
    assert (report.read, report.kept, report.rejected) == (len(HOSTILE) + 1, len(HOSTILE) + 1, 0)
    graph = read_graph(out)
    add_hostile_entities(graph)
    write_graph(graph, out / "graph.json")
    return out


@pytest.fixture(scope="module")
def graph(graph_dir: Path) -> nx.MultiDiGraph:
    return read_graph(graph_dir)


def hostile_nodes(graph: nx.MultiDiGraph) -> list[str]:
    return [n for n, d in graph.nodes(data=True) if d.get("name") in HOSTILE or d.get("reason") == "hostile"]


def test_ingest_keeps_hostile_text_as_text_and_drops_only_controls_and_html_tags(graph: nx.MultiDiGraph) -> None:
    titles = {d["title"] for _, d in graph.nodes(data=True) if d["type"] == "Paper"}
    assert "<script>alert(1)</script> improves ResNet-50 (paper 5)" in titles  # not an HTML element name: kept
    assert "improves ResNet-50 (paper 6)" in titles  # <img ...> is HTML markup: stripped
    assert 'a,b "c",, d e f improves ResNet-50 (paper 2)' in titles  # CR, LF and tab are whitespace
    assert "NUL and BEL in a title" in titles
    assert not any(c in t for t in titles for c in "\x00\x07\x1f\r\n\t")
    assert len(hostile_nodes(graph)) == len(HOSTILE) + 1
    methods = {d["name"] for _, d in graph.nodes(data=True) if d["type"] == "Method"}
    assert "ResNet-50" in methods  # the extractor still works next to the hostile text


def node_texts(data: dict[str, Any]) -> dict[str, Any]:
    """The string properties every export must carry intact."""
    keys = ("name", "title", "abstract", "description") + (("aliases",) if data["type"] in ENTITY_TYPES else ())
    return {k: data[k] for k in keys if k in data}


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_neo4j_csv_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_csv(graph, tmp_path)
    rows = {r["id:ID"]: r for path in tmp_path.glob("*.nodes.csv") for r in read_csv_rows(path)}
    assert set(rows) == set(graph.nodes)
    for node, data in graph.nodes(data=True):
        for key, value in node_texts(data).items():
            column = "aliases:string[]" if key == "aliases" else key
            cell = rows[node][column]
            if key == "aliases":  # an empty array is an empty cell
                assert (cell.split(ARRAY_DELIMITER) if cell else []) == value, node
            else:
                assert cell == value, (node, key)
    uses = {(r[":START_ID"], r[":END_ID"]): r for r in read_csv_rows(tmp_path / "USES.rels.csv")}
    for source, target, data in graph.edges(data=True):
        if data.get("reason") == "hostile":
            assert uses[source, target]["surface:string[]"].split(ARRAY_DELIMITER) == data["surface"]


@pytest.fixture(scope="module")
def engine(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The embedded engine with the graph loaded by running the exported Cypher script."""
    from kg.cypher.engine import FalkorExecutor
    from kg.cypher.server import FalkorServer

    script = tmp_path_factory.mktemp("cypher") / "graph.cypher"
    write_script(graph, script, batch_size=3)
    with FalkorServer() as server:
        executor = FalkorExecutor(server.db, "hostile")
        executor.run_script(script.read_text(encoding="utf-8"))
        yield executor


def test_cypher_script_round_trip_on_the_embedded_engine(graph: nx.MultiDiGraph, engine: Any) -> None:
    _, rows = engine.read("MATCH (n) RETURN n.id, properties(n)", {})
    loaded = {node: props for node, props in rows}
    assert set(loaded) == set(graph.nodes)
    for node, data in graph.nodes(data=True):
        assert {k: loaded[node].get(k) for k in node_texts(data)} == node_texts(data), node
    _, rows = engine.read("MATCH (a)-[r:USES]->(b) WHERE r.reason = 'hostile' RETURN a.id, b.id, r.surface", {})
    expected = [[s, t, d["surface"]] for s, t, d in graph.edges(data=True) if d.get("reason") == "hostile"]
    assert sorted(rows) == sorted(expected)


def test_explorer_cypher_queries_run_as_queries_not_as_injected_code(graph: nx.MultiDiGraph, engine: Any) -> None:
    from kg.serve.api import GraphView

    view = GraphView(graph)
    for node in hostile_nodes(graph):
        _, rows = engine.read(view.node(node)["queries"]["cypher"], {})
        assert len(rows) == graph.degree(node), node
    _, count = engine.read("MATCH (n) RETURN count(n)", {})
    assert count == [[graph.number_of_nodes()]]  # nothing was deleted


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_rdf_format_round_trips_the_literals(graph_dir: Path, graph: nx.MultiDiGraph, fmt: str) -> None:
    path = graph_dir / f"graph{SUFFIXES[fmt]}"
    write_rdf(graph_dir, path, fmt, DEFAULT_BASE)
    parsed = rdflib.Dataset(default_union=True) if fmt == "nq" else rdflib.Graph()
    parsed.parse(path, format={"nt": "nt", "nq": "nquads"}.get(fmt, FORMATS[fmt]))
    iri = {str(o): s for s, o in parsed.subject_objects(DCTERMS.identifier)}
    assert set(graph.nodes) <= set(iri)
    for node, data in graph.nodes(data=True):
        subject = iri[node]
        if data["type"] == "Paper":
            assert str(parsed.value(subject, DCTERMS.title)) == data["title"]
        elif data["type"] in ENTITY_TYPES:
            assert str(parsed.value(subject, SKOS.prefLabel)) == data["name"], node
            alt = {str(o) for o in parsed.objects(subject, SKOS.altLabel)}
            assert alt == set(data["aliases"]) - {data["name"]}, node
    if fmt in ("nt", "nq", "turtle", "xml"):  # a strict parser agrees on the number of triples
        strict = list(ox.parse(path=str(path), format={
            "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
            "xml": ox.RdfFormat.RDF_XML}[fmt]))
        assert len(strict) == len(parsed)


@pytest.fixture(scope="module")
def site(graph_dir: Path) -> Iterator[str]:
    server = make_http_server(graph_dir, "127.0.0.1", 0, Limits(timeout=20))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def get(url: str, accept: str = "application/json") -> Any:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=30) as response:
        return json.loads(response.read())


def test_explorer_api_returns_hostile_names_intact(site: str, graph: nx.MultiDiGraph) -> None:
    for node in hostile_nodes(graph):
        data = graph.nodes[node]
        detail = get(f"{site}/api/node?id={quote(node)}")
        assert detail["name"] == data["name"]
        if data["type"] in ENTITY_TYPES:
            assert sorted(detail["aliases"]) == sorted(a for a in data["aliases"] if a != data["name"])
        found = get(f"{site}/api/search?" + urlencode({"q": data["name"], "limit": 200}))
        assert node in {hit["id"] for hit in found}, node


def test_explorer_sparql_queries_run_on_the_endpoint(site: str, graph: nx.MultiDiGraph) -> None:
    for node in hostile_nodes(graph):
        query = get(f"{site}/api/node?id={quote(node)}")["queries"]["sparql"]
        answer = get(f"{site}/sparql?" + urlencode({"query": query}), "application/sparql-results+json")
        names = {b["o"]["value"] for b in answer["results"]["bindings"] if b["p"]["value"].endswith("prefLabel")}
        assert graph.nodes[node]["type"] == "Paper" or graph.nodes[node]["name"] in names, node


class Tags(HTMLParser):
    """Every start tag with its attribute names, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))


def test_static_html_export_holds_no_markup_from_the_data(graph: nx.MultiDiGraph) -> None:
    page, plain = render_html(graph), render_html(explorer_graph())
    hostile, benign = Tags(), Tags()
    hostile.feed(page)
    benign.feed(plain)
    assert hostile.tags == benign.tags  # the data added no element and no attribute (no onerror, no script)
    scripts = Scripts()
    scripts.feed(page)
    (data,) = [text for attrs, text in scripts.scripts if attrs.get("id") == "kg-data"]
    assert "<" not in data and "alert(1)" in data
    details = json.loads(data)["details"]
    for node in hostile_nodes(graph):
        assert details[node]["name"] == graph.nodes[node]["name"]
