"""A read-only SPARQL 1.1 Protocol endpoint (W3C SPARQL 1.1 Protocol) over a pyoxigraph store, as WSGI.

* Queries come by GET ``?query=``, by POST ``application/sparql-query`` or form-encoded;
  ``default-graph-uri`` / ``named-graph-uri`` select the dataset. Updates are refused (403):
  an ``update`` parameter, an ``application/sparql-update`` body, or update text sent as a
  query. The store is only ever queried, never updated, so read-only does not rest on
  spotting updates. Federated queries (``SERVICE``) are refused too (403): Oxigraph would
  fetch the named URL, letting any caller make the server send requests (SSRF). The keyword
  is looked for after SPARQL's ``\\u`` escapes are decoded (§19.2) and outside strings, IRIs
  and comments, so a title that says "service" can still be searched for.
* Results are content-negotiated from ``Accept``: SELECT / ASK as SPARQL JSON, XML, CSV or
  TSV; CONSTRUCT / DESCRIBE as Turtle, JSON-LD, N-Triples or RDF/XML (pyoxigraph's writers).
* Limits: a request-size cap (413), a result cap (rows or triples; the response then says
  ``X-Result-Truncated: true``) and a deadline per query (503). Oxigraph cannot cancel a
  running query (it does release the GIL while evaluating), so each query runs in its own
  worker thread while the request thread waits until the deadline; results are pulled
  lazily and the worker gives up at the deadline between two solutions. A query stuck
  inside one solution (a huge sort or aggregate) keeps its worker slot until it returns;
  the number of slots (``max_concurrent``) caps how many can pile up, and when all are
  taken new queries get 503 rather than queueing without bound.
* A browser asking for ``text/html`` with no query gets a query form listing the example
  queries (:mod:`kg.serve.sparql_form`).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http import HTTPStatus
from itertools import takewhile
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox

from kg.serve.sparql_form import Example, render_form

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
UPDATE_KEYWORDS = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|BASE\s*<[^>]*>|PREFIX\s*[\w.-]*:\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)

# Strings, IRIs and comments (skipped), or the SERVICE keyword (SPARQL 1.1 grammar §19.8).
_SERVICE_SCAN = re.compile(
    "|".join([
        r'"""(?:[^"\\]|\\.|"(?!""))*"""',
        r"'''(?:[^'\\]|\\.|'(?!''))*'''",
        r'"(?:[^"\\\n\r]|\\.)*"',
        r"'(?:[^'\\\n\r]|\\.)*'",
        r'<[^<>"{}|^`\\\x00-\x20]*>',
        r"#[^\n\r]*",
        r"(?<![\w:?$])SERVICE\b",
    ]),
    re.IGNORECASE,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _codepoint(match: re.Match[str]) -> str:
    value = int(match.group(1) or match.group(2), 16)
    return chr(value) if value <= 0x10FFFF else match.group(0)


def calls_service(query: str) -> bool:
    """Whether ``query`` holds a SERVICE clause (a federated query)."""
    text = _CODEPOINT.sub(_codepoint, query)
    return any(m.group(0).upper() == "SERVICE" for m in _SERVICE_SCAN.finditer(text))


@dataclass(frozen=True)
class Limits:
    """What one query may cost, and who may call from a browser."""

    timeout: float = 10.0  # seconds per query
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT / DESCRIBE)
    max_request_bytes: int = 1 << 20
    max_concurrent: int = 8  # queries running at once (worker slots)
    cors: str | None = None  # Access-Control-Allow-Origin value, e.g. "*"


class HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Response:
    body: bytes
    content_type: str
    truncated: bool = False


def negotiate(accept: str, offered: Iterable[str]) -> str:
    """The offered media type the ``Accept`` header (RFC 9110 12.5.1) prefers; the first offered if none."""
    offered = list(offered)
    best, best_q = offered[0], 0.0
    for item in accept.split(","):
        media, *params = (p.strip() for p in item.split(";"))
        q = next((float(p[2:]) for p in params if p.startswith("q=") and _is_float(p[2:])), 1.0)
        for candidate in offered:
            family = candidate.split("/")[0]
            if media.lower() in (candidate, f"{family}/*", "*/*") and q > best_q:
                # an exact type beats a wildcard of the same weight
                best, best_q = candidate, q + (0.0001 if media.lower() == candidate else 0.0)
    return best


def _is_float(text: str) -> bool:
    return bool(re.fullmatch(r"[01](\.\d{0,3})?", text))


def _term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, object]:
    """A term in the SPARQL 1.1 Query Results JSON format (with the RDF-star ``triple`` type)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: _term_json(getattr(term, p)) for p in parts}}
    out: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


class QueryRunner:
    """Runs queries on ``store`` in a bounded pool, each with a deadline and a result cap."""

    def __init__(self, store: ox.Store, limits: Limits) -> None:
        self.store = store
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_concurrent)

    def run(self, query: str, accept: str, dataset: dict[str, list[ox.NamedNode]]) -> Response:
        deadline = time.monotonic() + self.limits.timeout
        if not self.slots.acquire(timeout=self.limits.timeout):
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again later\n")
        future: Future[Response] = Future()
        # A daemon thread, not a pool worker: a query Oxigraph cannot stop must not keep
        # the process from exiting. The semaphore bounds how many such threads exist.
        worker = threading.Thread(target=self._job, args=(future, query, accept, dataset, deadline), daemon=True)
        worker.start()
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except (FutureTimeout, TimeoutError) as err:
            raise HttpError(
                HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {self.limits.timeout:g} s\n"
            ) from err
        except SyntaxError as err:
            if UPDATE_KEYWORDS.match(query):
                raise HttpError(HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL Update is not allowed\n") from err
            raise HttpError(HTTPStatus.BAD_REQUEST, f"malformed query: {err}\n") from err
        except (OSError, ValueError, TypeError) as err:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"query failed: {err}\n") from err

    def _job(
        self,
        future: Future[Response],
        query: str,
        accept: str,
        dataset: dict[str, list[ox.NamedNode]],
        deadline: float,
    ) -> None:
        try:
            future.set_result(self._execute(query, accept, dataset, deadline))
        except BaseException as err:  # handed to the request thread, without the traceback: its frames
            # hold Oxigraph's result iterator, which must be freed on this thread (pyo3 "unsendable")
            future.set_exception(err.with_traceback(None))
        finally:
            self.slots.release()

    def _execute(self, query: str, accept: str, dataset: dict[str, list[ox.NamedNode]], deadline: float) -> Response:
        results = self.store.query(query, **dataset)
        if isinstance(results, ox.QueryBoolean):
            media = negotiate(accept, RESULT_TYPES)
            return Response(results.serialize(format=RESULT_TYPES[media]), media)
        if isinstance(results, ox.QuerySolutions):
            return self._solutions(results, accept, deadline)
        return self._triples(results, accept, deadline)

    def _take(self, items: Iterable, deadline: float) -> tuple[list, bool]:
        """Up to ``max_results`` items, pulled lazily; raises TimeoutError past the deadline."""
        taken = []
        for item in items:
            if time.monotonic() > deadline:
                raise TimeoutError
            if len(taken) == self.limits.max_results:
                return taken, True
            taken.append(item)
        return taken, False

    def _solutions(self, results: ox.QuerySolutions, accept: str, deadline: float) -> Response:
        names = [v.value for v in results.variables]
        rows, truncated = self._take(results, deadline)
        bindings = [{n: _term_json(row[n]) for n in names if row[n] is not None} for row in rows]
        text = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
        media = negotiate(accept, RESULT_TYPES)
        fmt = RESULT_TYPES[media]
        body = text.encode("utf-8")
        if fmt != ox.QueryResultsFormat.JSON:
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
        return Response(body, media, truncated)

    def _triples(self, results: ox.QueryTriples, accept: str, deadline: float) -> Response:
        triples, truncated = self._take(results, deadline)
        media = negotiate(accept, GRAPH_TYPES)
        return Response(ox.serialize(triples, format=GRAPH_TYPES[media]), media, truncated)


class SparqlApp:
    """WSGI application of the endpoint (mount it at ``/sparql``)."""

    def __init__(self, store: ox.Store, limits: Limits, examples: list[Example]) -> None:
        self.limits = limits
        self.runner = QueryRunner(store, limits)
        self.examples = examples

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            response = self.handle(environ)
        except HttpError as err:
            response = Response(err.message.encode("utf-8"), "text/plain; charset=utf-8")
            return self._send(start_response, err.status, response, environ)
        return self._send(start_response, HTTPStatus.OK, response, environ)

    def _send(self, start_response: Callable, status: HTTPStatus, response: Response, environ: dict) -> list[bytes]:
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            ("Vary", "Accept"),
        ]
        if response.truncated:
            headers.append(("X-Result-Truncated", "true"))
        if self.limits.cors:
            headers += [
                ("Access-Control-Allow-Origin", self.limits.cors),
                ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Content-Type, Accept"),
            ]
        start_response(f"{status.value} {status.phrase}", headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [response.body]

    def handle(self, environ: dict) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        accept = environ.get("HTTP_ACCEPT", "") or "*/*"
        if method == "OPTIONS":
            return Response(b"", "text/plain; charset=utf-8")
        if method in ("GET", "HEAD"):
            raw = environ.get("QUERY_STRING", "")
            if len(raw) > self.limits.max_request_bytes:
                raise HttpError(HTTPStatus.REQUEST_URI_TOO_LONG, "query string over the request-size cap\n")
            params = parse_qs(raw)
        elif method == "POST":
            params = self._post_params(environ)
        else:
            raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} not allowed: use GET or POST\n")
        if "update" in params:
            raise HttpError(HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL Update is not allowed\n")
        queries = params.get("query", [])
        if not queries:
            if method != "POST" and "text/html" in accept:
                note = (
                    f"Limits: {self.limits.timeout:g} s per query, {self.limits.max_results} results, "
                    f"{self.limits.max_request_bytes} bytes per request."
                )
                return Response(render_form(self.examples, note), "text/html; charset=utf-8")
            raise HttpError(HTTPStatus.BAD_REQUEST, "missing query: send ?query=... or POST one\n")
        if len(queries) > 1:
            raise HttpError(HTTPStatus.BAD_REQUEST, "more than one query parameter\n")
        dataset = {
            key: [ox.NamedNode(iri) for iri in params[param]]
            for param, key in (("default-graph-uri", "default_graph"), ("named-graph-uri", "named_graphs"))
            if param in params
        }
        if calls_service(queries[0]):
            raise HttpError(HTTPStatus.FORBIDDEN, "federated queries (SERVICE) are not allowed\n")
        try:
            return self.runner.run(queries[0], accept, dataset)
        except ValueError as err:  # an invalid graph IRI
            raise HttpError(HTTPStatus.BAD_REQUEST, f"{err}\n") from err

    def _post_params(self, environ: dict) -> dict[str, list[str]]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError as err:
            raise HttpError(HTTPStatus.BAD_REQUEST, "bad Content-Length\n") from err
        if length > self.limits.max_request_bytes:
            raise HttpError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request body of {length} bytes is over the cap of {self.limits.max_request_bytes}\n",
            )
        try:
            body = environ["wsgi.input"].read(length).decode("utf-8", errors="replace") if length else ""
        except TimeoutError as err:  # the client stalled (kg.serve.app.QuietHandler.timeout)
            raise HttpError(HTTPStatus.REQUEST_TIMEOUT, "request body not received in time\n") from err
        media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if media == "application/sparql-query":
            params = parse_qs(environ.get("QUERY_STRING", ""))
            params["query"] = [body]
            return params
        if media == "application/x-www-form-urlencoded":
            return parse_qs(body)
        if media == "application/sparql-update":
            raise HttpError(HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL Update is not allowed\n")
        raise HttpError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "POST application/sparql-query or application/x-www-form-urlencoded\n",
        )


def load_examples(directory: Path) -> list[Example]:
    """The example queries: every ``*.rq`` in ``directory``, with its header comment."""
    examples = []
    for path in sorted(directory.glob("*.rq")) if directory.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        header = takewhile(lambda line: line.startswith("#"), text.splitlines())
        examples.append(Example(path.stem, " ".join(line.lstrip("#").strip() for line in header), text))
    return examples
