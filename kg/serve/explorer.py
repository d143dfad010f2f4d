"""The graph explorer as a WSGI application (PEP 3333): the page, its assets and a JSON API.

Filled in by the explorer work (issue 8); this first version only answers 404 so that
the ``kg serve`` dispatcher can import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path


class ExplorerApp:
    """WSGI callable serving the explorer of the graph built in ``outdir``."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = Path(outdir)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"not found\n"]
