"""The graph explorer as a WSGI application (PEP 3333): the page, its assets and a JSON API.

Routes (GET or HEAD only; the explorer never writes):

* ``/``: the page (``kg/serve/static/index.html``); ``/static/<file>``: its script and style;
  ``/static/vendor/vis-network.min.js``: the vis-network build shipped by the ``pyvis`` package
  (installed as a dependency, so the page needs no CDN and works offline);
* ``/api/meta``, ``/api/search?q=``, ``/api/graph?types=&limit=``, ``/api/neighbors?id=&types=&limit=``,
  ``/api/node?id=``: JSON from :class:`kg.serve.api.GraphView`.

The graph is read from ``OUTDIR/graph.json`` and read again when that file changes, so a
rebuild shows up on the next request.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from kg.serve.api import GraphView

STATIC = Path(__file__).parent / "static"
PAGE_FILES = {"app.js": "text/javascript", "app.css": "text/css"}
# A strict policy: only this origin's scripts run, so no injected markup could execute.
CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


def vis_network_js() -> Path:
    """The minified vis-network build inside the installed ``pyvis`` package."""
    import pyvis

    return Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"


def _types(params: dict[str, list[str]]) -> set[str] | None:
    value = params.get("types", [""])[0]
    return {t for t in value.split(",") if t} or None


def _int(params: dict[str, list[str]], name: str, default: int, most: int) -> int:
    try:
        return max(1, min(int(params.get(name, [default])[0]), most))
    except ValueError:
        return default


class ExplorerApp:
    """WSGI callable serving the explorer of the graph built in ``outdir``."""

    def __init__(self, outdir: Path) -> None:
        self.path = Path(outdir) / "graph.json"
        self._lock = threading.Lock()
        self._mtime = -1.0
        self._view: GraphView | None = None

    def view(self) -> GraphView:
        """The graph, read again if graph.json changed since the last request."""
        from kg.graph.io import read_graph

        with self._lock:
            mtime = self.path.stat().st_mtime
            if self._view is None or mtime != self._mtime:
                self._view, self._mtime = GraphView(read_graph(self.path)), mtime
            return self._view

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        if method not in ("GET", "HEAD"):
            status, headers, body = self._text(HTTPStatus.METHOD_NOT_ALLOWED, "read-only\n")
            headers.append(("Allow", "GET, HEAD"))
        elif path.startswith("/api/"):
            status, headers, body = self._api(path[len("/api/"):], parse_qs(environ.get("QUERY_STRING", "")))
        else:
            status, headers, body = self._static(path)
        headers += [("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff")]
        start_response(f"{status.value} {status.phrase}", headers)
        return [b"" if method == "HEAD" else body]

    @staticmethod
    def _text(status: HTTPStatus, text: str) -> tuple[HTTPStatus, list[tuple[str, str]], bytes]:
        return status, [("Content-Type", "text/plain; charset=utf-8")], text.encode("utf-8")

    def _static(self, path: str) -> tuple[HTTPStatus, list[tuple[str, str]], bytes]:
        if path in ("/", "/index.html"):
            file, kind = STATIC / "index.html", "text/html"
            extra = [("Content-Security-Policy", CSP)]
        elif path == "/static/vendor/vis-network.min.js":
            file, kind, extra = vis_network_js(), "text/javascript", []
        elif path.startswith("/static/") and path[len("/static/"):] in PAGE_FILES:
            name = path[len("/static/"):]
            file, kind, extra = STATIC / name, PAGE_FILES[name], []
        else:
            return self._text(HTTPStatus.NOT_FOUND, "not found\n")
        return HTTPStatus.OK, [("Content-Type", f"{kind}; charset=utf-8"), *extra], file.read_bytes()

    def _api(self, route: str, params: dict[str, list[str]]) -> tuple[HTTPStatus, list[tuple[str, str]], bytes]:
        try:
            view = self.view()
        except FileNotFoundError:
            return self._json(HTTPStatus.NOT_FOUND, {"error": f"no graph at {self.path}: run kg build first"})
        node = params.get("id", [""])[0]
        if route in ("node", "neighbors") and node not in view.graph:
            return self._json(HTTPStatus.NOT_FOUND, {"error": f"no node {node!r}"})
        if route == "meta":
            data: Any = view.meta()
        elif route == "search":
            data = view.search(params.get("q", [""])[0], _int(params, "limit", 20, 200))
        elif route == "graph":
            data = view.top(_types(params), _int(params, "limit", 300, 100_000))
        elif route == "neighbors":
            data = view.neighbors(node, _types(params), _int(params, "limit", 200, 10_000))
        elif route == "node":
            data = view.node(node)
        else:
            return self._json(HTTPStatus.NOT_FOUND, {"error": f"no API route {route!r}"})
        return self._json(HTTPStatus.OK, data)

    @staticmethod
    def _json(status: HTTPStatus, data: Any) -> tuple[HTTPStatus, list[tuple[str, str]], bytes]:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return status, [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-cache")], body
