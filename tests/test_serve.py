"""`kg serve` against a real server on loopback: SPARQL 1.1 Protocol, formats, limits, CORS, the form."""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
import rdflib
from http_support import call, running

from kg.graph.io import write_graph
from kg.serve.app import make_http_server
from kg.serve.sparql import HttpError, Limits, QueryRunner, negotiate
from kg.serve.sparql_form import Example, render_form
from tests.test_rdf import small_graph

COUNT_PAPERS = "PREFIX kg: <https://kg.example.org/ontology#> SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }"
LABELS = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label } ORDER BY ?label"
)
# A 27-million-row cross product counted inside Oxigraph (about 2 s): stuck in one solution.
NUMBERS = " ".join(map(str, range(300)))
STUCK = (
    f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {NUMBERS} }} VALUES ?b {{ {NUMBERS} }} VALUES ?c {{ {NUMBERS} }} }}"
)
# The same cross product streamed row by row: the worker stops it at the deadline.
STREAMED = f"SELECT * WHERE {{ VALUES ?a {{ {NUMBERS} }} VALUES ?b {{ {NUMBERS} }} VALUES ?c {{ {NUMBERS} }} }}"


def start(outdir: Path, limits: Limits) -> Iterator[str]:
    with running(make_http_server(outdir, "127.0.0.1", 0, limits)) as root:
        yield root + "/sparql"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    outdir = tmp_path_factory.mktemp("serve")
    write_graph(small_graph(), outdir / "graph.json")
    yield from start(outdir, Limits(timeout=0.5, max_results=3, max_request_bytes=4096, cors="*"))


def test_select_json_get(endpoint: str) -> None:
    status, headers, body = call(endpoint, COUNT_PAPERS, "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"


def test_select_xml_csv_tsv_agree(endpoint: str) -> None:
    _, _, xml = call(endpoint, COUNT_PAPERS, "application/sparql-results+xml")
    _, _, tsv = call(endpoint, COUNT_PAPERS, "text/tab-separated-values")
    status, headers, text = call(endpoint, COUNT_PAPERS, "text/csv")
    assert status == 200 and headers["Content-Type"] == "text/csv"
    assert list(csv.reader(io.StringIO(text.decode()))) == [["n"], ["1"]]
    for body, fmt in ((xml, ox.QueryResultsFormat.XML), (tsv, ox.QueryResultsFormat.TSV)):
        rows = list(ox.parse_query_results(body, format=fmt))
        assert rows[0]["n"] == ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def test_post_direct_and_form_encoded(endpoint: str) -> None:
    direct = call(endpoint, data=COUNT_PAPERS.encode(), ctype="application/sparql-query", accept="text/csv")
    form = call(
        endpoint,
        data=urlencode({"query": COUNT_PAPERS}).encode(),
        accept="text/csv",
        ctype="application/x-www-form-urlencoded",
    )
    assert direct[0] == form[0] == 200 and direct[2] == form[2] == b"n\r\n1\r\n"


def test_ask(endpoint: str) -> None:
    status, _, body = call(endpoint, "ASK { ?s ?p ?o }", "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe(endpoint: str, accept: str, fmt: str) -> None:
    query = "DESCRIBE <https://kg.example.org/method/resnet> "
    status, headers, body = call(endpoint, query, accept)
    assert status == 200 and headers["Content-Type"] == accept
    graph = rdflib.Graph().parse(data=body, format=fmt)
    labels = {str(o) for o in graph.objects(None, rdflib.SKOS.prefLabel)}
    assert labels == {"ResNet"}
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?s = <https://kg.example.org/method/resnet>) }"
    assert len(rdflib.Graph().parse(data=call(endpoint, construct, accept)[2], format=fmt)) == len(graph)


def test_result_cap(endpoint: str) -> None:
    status, headers, body = call(endpoint, LABELS, "application/json")
    assert status == 200 and headers["X-Result-Truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 3


def test_malformed_query_gets_parser_message(endpoint: str) -> None:
    status, _, body = call(endpoint, "SELECT ?x WHERE { ?x ?y }")
    assert status == 400 and body.startswith(b"malformed query: error at 1:")


@pytest.mark.parametrize(
    ("data", "ctype", "params"),
    [
        (b"INSERT DATA { <http://a> <http://b> <http://c> }", "application/sparql-update", None),
        (urlencode({"update": "CLEAR ALL"}).encode(), "application/x-www-form-urlencoded", None),
        (None, "", {"query": "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }"}),
    ],
)
def test_updates_are_refused(endpoint: str, data: bytes | None, ctype: str, params: dict | None) -> None:
    url = endpoint + ("?" + urlencode(params) if params else "")
    status, _, body = call(url, data=data, ctype=ctype)
    assert status == 403 and b"read-only" in body
    assert call(endpoint, "ASK { ?s ?p ?o }", "text/csv")[2] == b"true"  # data still there


def test_slow_query_times_out_and_server_stays_up(endpoint: str) -> None:
    began = time.monotonic()
    status, _, body = call(endpoint, STUCK)
    assert status == 503 and b"timed out after 0.5 s" in body
    assert time.monotonic() - began < 1.5
    assert call(endpoint, COUNT_PAPERS, "text/csv")[0] == 200  # while the stuck query still runs


def test_streamed_query_stops_at_the_deadline() -> None:
    runner = QueryRunner(ox.Store(), Limits(timeout=0.3, max_results=10**9, max_concurrent=1))
    with pytest.raises(HttpError) as err:
        runner.run(STREAMED, "text/csv", {})
    assert err.value.status == 503
    # the worker gave its slot back promptly (well before the 27M rows were produced)
    assert runner.slots.acquire(timeout=2.0)


def test_request_size_cap(endpoint: str) -> None:
    big = COUNT_PAPERS + " #" + "x" * 5000
    status, _, body = call(endpoint, data=big.encode(), ctype="application/sparql-query")
    assert status == 413 and b"over the cap" in body


def test_cors_header_and_preflight(endpoint: str) -> None:
    assert call(endpoint, COUNT_PAPERS)[1]["Access-Control-Allow-Origin"] == "*"
    request = urllib.request.Request(endpoint, method="OPTIONS")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_html_form_lists_examples_escaped(endpoint: str) -> None:
    status, headers, body = call(endpoint, accept="text/html,application/xhtml+xml")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and "Limits: 0.5 s per query" in page
    examples = sorted(Path(__file__).resolve().parents[1].joinpath("queries").glob("*.rq"))
    for example in examples:
        assert f">{example.stem}</option>" in page
    assert call(endpoint, accept="application/json")[0] == 400  # no query, not a browser


def test_form_escapes_example_text() -> None:
    hostile = Example('x"><script>alert(1)</script>', "</p><b>", "SELECT * { ?s ?p '</textarea><script>' }")
    page = render_form([hostile], "<limits>").decode()
    assert "<script>alert" not in page and "</textarea><script>" not in page and "<b>" not in page
    assert "&lt;/textarea&gt;&lt;script&gt;" in page and "&lt;limits&gt;" in page


def test_twenty_concurrent_clients(endpoint: str) -> None:
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: call(endpoint, COUNT_PAPERS, "text/csv"), range(20)))
    assert [(s, b) for s, _, b in answers] == [(200, b"n\r\n1\r\n")] * 20


def test_root_goes_to_the_explorer_or_404(endpoint: str) -> None:
    status, _, _ = call(endpoint.removesuffix("/sparql") + "/no-such-page")
    assert status == 404


def test_negotiate_prefers_weights_then_exact_types() -> None:
    offered = ["application/sparql-results+json", "text/csv"]
    assert negotiate("text/csv;q=0.9, application/sparql-results+json;q=0.5", offered) == "text/csv"
    assert negotiate("*/*;q=0.1, text/csv", offered) == "text/csv"
    assert negotiate("text/html", offered) == "application/sparql-results+json"


@pytest.mark.slow
def test_seed_graph_endpoint(seed_graph_dir: Path) -> None:
    for url in start(seed_graph_dir, Limits(timeout=30)):
        status, _, body = call(url, COUNT_PAPERS, "text/csv")
        assert status == 200 and int(body.split()[1]) > 0
