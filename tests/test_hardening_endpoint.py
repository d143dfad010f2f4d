"""The endpoint under abuse and load: ``kg serve``'s limits from its command line, updates and
federated queries refused, stalled clients dropped, and a bounded loopback load test.

tests/test_serve.py checks each limit on an in-process server built with :class:`Limits`;
these run the real ``kg serve`` command (bench/load.py starts it) so the options, the
defaults (127.0.0.1, no CORS) and the limits are checked as a user gets them.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from http_support import call

from bench.load import SMALL_QUERIES, kg_serve, run_load
from kg.graph.io import write_graph
from kg.serve.app import QuietHandler, make_http_server
from kg.serve.sparql import Limits
from tests.test_rdf import small_graph

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NUMBERS = " ".join(map(str, range(400)))
# A 64-million-row cross product counted inside Oxigraph: seconds inside one solution.
VALUES = " ".join(f"VALUES ?{v} {{ {NUMBERS} }}" for v in "abc")
STUCK = f"SELECT (COUNT(*) AS ?n) WHERE {{ {VALUES} }}"


def triples(url: str) -> int:
    status, _, body = call(url, COUNT)
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("endpoint")
    write_graph(small_graph(), out / "graph.json")
    return out


@pytest.fixture(scope="module")
def served(small_dir: Path) -> Iterator[str]:
    """``kg serve`` with tight limits, started as a user would."""
    options = ["--timeout", "0.5", "--max-results", "2", "--max-request-bytes", "8000", "--max-concurrent", "2"]
    with kg_serve(small_dir, options) as url:
        yield url


def test_defaults_bind_loopback_without_cors(small_dir: Path) -> None:
    with kg_serve(small_dir) as url:
        assert urlparse(url).hostname == "127.0.0.1"
        status, headers, _ = call(url, COUNT)
        assert status == 200 and "Access-Control-Allow-Origin" not in headers


def test_result_cap_from_the_command_line(served: str) -> None:
    status, headers, body = call(served, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers["X-Result-Truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 2


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_request_size_cap_from_the_command_line(served: str, method: str) -> None:
    query = COUNT + " #" + "x" * 9000
    if method == "GET":
        status, _, body = call(served, query)
        assert status == 414
    else:
        status, _, body = call(served, data=query.encode(), ctype="application/sparql-query")
        assert status == 413 and b"over the cap of 8000" in body
    assert call(served, COUNT)[0] == 200


def test_timeout_and_concurrency_cap_from_the_command_line(served: str) -> None:
    with ThreadPoolExecutor(2) as pool:
        stuck = [pool.submit(call, served, STUCK) for _ in range(2)]
        time.sleep(0.2)  # both slots are taken by queries Oxigraph cannot interrupt
        status, _, body = call(served, COUNT)
        assert status == 503 and b"too many queries running" in body
        assert [f.result()[0] for f in stuck] == [503, 503]
        assert all(b"timed out after 0.5 s" in f.result()[2] for f in stuck)
    deadline = time.monotonic() + 120
    while call(served, COUNT)[0] != 200:  # the slots come back when the stuck queries end
        assert time.monotonic() < deadline
        time.sleep(0.5)


@pytest.mark.parametrize(
    ("query", "data", "ctype"),
    [
        ("LOAD <file:///etc/passwd>", None, ""),
        ("# comment\nprefix x: <http://x/>\ninsert data { x:a x:b x:c }", None, ""),
        ("CLEAR DEFAULT", None, ""),
        ("DROP ALL", None, ""),
        (None, urlencode({"query": COUNT, "update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
        (None, b"DELETE WHERE { ?s ?p ?o }", "application/sparql-update"),
    ],
    ids=["load-file", "insert-after-prefix", "clear", "drop", "form-with-update", "update-body"],
)
def test_every_form_of_update_is_refused(served: str, query: str | None, data: bytes | None, ctype: str) -> None:
    before = triples(served)
    status, _, body = call(served, query, data=data, ctype=ctype)
    assert status == 403 and b"read-only" in body
    assert triples(served) == before


@pytest.fixture(scope="module")
def outside() -> Iterator[tuple[str, list[str]]]:
    """A web server standing for an internal service; records every request it gets."""
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/internal", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * {{ service silent<{url}>{{?s ?p ?o}} }}",
    "SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",  # SPARQL decodes \\u escapes before parsing
    "PREFIX x: <http://x/> SELECT * {{ ?s ?p ?o FILTER(?s<?o)SERVICE<{url}>{{?a ?b ?c}} }}",
])
def test_federated_queries_are_refused_and_never_sent(
    served: str, outside: tuple[str, list[str]], template: str
) -> None:
    url, hits = outside
    status, _, body = call(served, template.format(url=url))
    assert status == 403 and b"SERVICE" in body
    assert hits == []


def test_the_word_service_in_data_is_still_searchable(served: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'SERVICE')) } # SERVICE"
    assert call(served, query)[0] == 200


def test_a_stalled_client_is_disconnected(small_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuietHandler, "timeout", 0.5)
    server = make_http_server(small_dir, "127.0.0.1", 0, Limits())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as stalled:
            stalled.sendall(b"POST /sparql HTTP/1.1\r\nContent-Length: 100\r\n\r\nSELECT")  # 94 bytes never come
            began = time.monotonic()
            while stalled.recv(4096):  # until the server closes the connection
                pass
            assert time.monotonic() - began < 5  # closed by the server, not by our 10 s timeout
        assert call(f"http://127.0.0.1:{server.server_port}/sparql", COUNT)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_bounded_load_on_a_real_kg_serve_has_no_errors(examples_graph_dir: Path) -> None:
    """200 queries from 20 clients (more than the 8 query slots): every one answered, none refused.
    The queries are bench/load.py's small ones, so the figure does not depend on the cost of
    whatever example queries are in queries/ (``python -m bench.load`` runs those too)."""
    with kg_serve(examples_graph_dir) as url:
        result = run_load(url, SMALL_QUERIES, total=200, clients=20)
    print(result.summary())
    assert dict(result.errors) == {}
    assert len(result.latencies) == result.requests == 200


def test_a_timed_out_query_frees_its_results_on_its_own_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyoxigraph results may only be dropped by the thread that made them; else they leak with an error."""
    import gc
    import sys

    import pyoxigraph as ox

    from kg.serve.sparql import HttpError, QueryRunner

    unraisable: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: unraisable.append(repr(info.exc_value)))
    runner = QueryRunner(ox.Store(), Limits(timeout=0.3, max_concurrent=1))
    with pytest.raises(HttpError):
        runner.run(STUCK, "text/csv", {})
    assert runner.slots.acquire(timeout=120)  # the worker has finished
    collector = threading.Thread(target=gc.collect)
    collector.start()
    collector.join()
    assert unraisable == []
