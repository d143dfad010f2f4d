"""`kg serve`: one WSGI application for the whole site, and the threaded HTTP server that runs it.

``/sparql`` goes to the SPARQL endpoint (:mod:`kg.serve.sparql`) over an Oxigraph store holding
the graph's RDF (:mod:`kg.serve.store`: in memory or on disk); every other path goes to
the explorer (``kg.serve.explorer.ExplorerApp``) when it is installed, else answers 404.
The server is the standard library's (:mod:`wsgiref` with one thread per request).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pyoxigraph as ox

from kg.export.rdf import DEFAULT_BASE
from kg.serve.sparql import Limits, SparqlApp, load_examples
from kg.serve.store import open_store

log = logging.getLogger("kg.serve")
QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
SPARQL_PATH = "/sparql"

Wsgi = Callable[[dict, Callable], Iterable[bytes]]


def not_found(environ: dict, start_response: Callable) -> Iterable[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return [f"not found; the SPARQL endpoint is at {SPARQL_PATH}\n".encode()]


def explorer_app(outdir: Path) -> Wsgi:
    """The explorer, or a 404 application when ``kg.serve.explorer`` is not installed."""
    try:
        from kg.serve.explorer import ExplorerApp
    except ImportError:
        return not_found
    return ExplorerApp(outdir)


class Dispatcher:
    """Routes ``/sparql`` to the endpoint and everything else to the explorer."""

    def __init__(self, sparql: Wsgi, site: Wsgi) -> None:
        self.sparql = sparql
        self.site = site

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path in (SPARQL_PATH, SPARQL_PATH + "/"):
            return self.sparql(environ, start_response)
        return self.site(environ, start_response)


def make_app(
    outdir: Path,
    limits: Limits | None = None,
    base: str = DEFAULT_BASE,
    queries: Path = QUERIES_DIR,
    store: ox.Store | None = None,
) -> Wsgi:
    """The site over ``store``, by default the one :func:`kg.serve.store.open_store` chooses."""
    limits = limits or Limits()
    store = store if store is not None else open_store(outdir, base)
    sparql = SparqlApp(store, limits, load_examples(queries))
    return Dispatcher(sparql, explorer_app(Path(outdir)))


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class QuietHandler(WSGIRequestHandler):
    """Request lines go to the ``kg.serve`` logger instead of stderr; a client that stalls for
    ``timeout`` seconds mid-request (or while reading the answer) is disconnected, so idle
    connections cannot pile up threads."""

    timeout = 30.0

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)


def make_http_server(
    outdir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    limits: Limits | None = None,
    base: str = DEFAULT_BASE,
    store: ox.Store | None = None,
) -> ThreadingWSGIServer:
    """The server, bound (``port`` 0 picks a free port: see ``server.server_port``) but not yet serving."""
    app = make_app(outdir, limits, base, store=store)
    return make_server(host, port, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler)


def serve(
    outdir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    limits: Limits | None = None,
    base: str = DEFAULT_BASE,
    store: ox.Store | None = None,
) -> None:
    """Serve until interrupted, printing the explorer and SPARQL URLs."""
    server = make_http_server(outdir, host, port, limits, base, store)
    root = f"http://{host}:{server.server_port}"
    print(f"explorer: {root}/\nSPARQL:   {root}{SPARQL_PATH}", file=sys.stdout, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
