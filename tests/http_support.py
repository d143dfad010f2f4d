"""Test support for the HTTP servers: run one on a thread, and ask it with plain urllib.

``call`` returns an HTTP error as an answer (status, headers, body) rather than raising, so a
test asserts on a 403 or a 413 as on a 200.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import BaseServer
from urllib.parse import urlencode


@contextmanager
def running(server: BaseServer) -> Iterator[str]:
    """Serve ``server`` (bound to 127.0.0.1) on a daemon thread; yields ``http://127.0.0.1:PORT``."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def call(
    url: str, query: str | None = None, accept: str = "*/*", data: bytes | None = None, ctype: str = "",
    method: str | None = None, timeout: float = 60,
) -> tuple[int, dict[str, str], bytes]:
    """One request: ``query`` goes in the URL's ``query`` parameter, ``data`` in the body."""
    if query is not None:
        url += "?" + urlencode({"query": query})
    headers = {"Accept": accept, **({"Content-Type": ctype} if ctype else {})}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()
