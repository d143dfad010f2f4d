"""Faults: ``kill -9`` of a real ``kg build``, a full disk, transient failures in a live Neo4j load.

A killed build must leave the previous build's outputs byte-identical and its extraction cache
valid (and a re-run must complete); a write that fails for lack of space (``ENOSPC`` from the writer, or the kernel's
file-size limit in a real process) must give an error naming the file and leave no partial
or temporary files. The embedded-engine variant of the Neo4j retry test is in
tests/test_cypher_engine.py; the live one here runs when ``NEO4J_URI`` is set.
"""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bench.synthetic import write_corpus
from kg.cli import main
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUTPUTS = ("graph.json", "report.json", "rejects.jsonl")
TEMP = re.compile(r"\..+\.tmp(-journal)?")


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` (the cache included) by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def temp_files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if TEMP.fullmatch(p.name))


def kg_process(*args: str, **popen: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, **popen)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes], timeout: float = 300) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, "the build ended before the fault could be injected"
        assert time.monotonic() < end, "timed out waiting for the build to reach the fault point"
        time.sleep(0.005)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 synthetic papers: a build long enough (several seconds) to be killed mid-run."""
    return write_corpus(tmp_path_factory.mktemp("corpus") / "big.jsonl", 1500)


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["extracting", "writing graph.json"])
def test_kill_9_mid_build_leaves_the_previous_build_and_a_rerun_completes(
    big_corpus: Path, tmp_path: Path, moment: str
) -> None:
    out = tmp_path / "out"
    build([str(EXAMPLES)], out)
    before = snapshot(out)
    proc = kg_process("build", str(big_corpus), "-o", str(out))
    try:
        if moment == "extracting":  # the new cache table is being filled
            wait_for(lambda: (out / ".cache" / ".extractions.sqlite.tmp").exists(), proc)
            time.sleep(1.0)
        else:
            wait_for(lambda: any(out.glob(".graph.json.*.tmp")), proc)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    after = snapshot(out)
    leftovers = [name for name in after if name not in before]
    assert all(TEMP.fullmatch(Path(name).name) for name in leftovers), leftovers  # hidden temp files at most
    assert {name: after[name] for name in OUTPUTS} == {name: before[name] for name in OUTPUTS}  # byte-identical
    # The cache is committed when extraction ends: it holds the old build's or the new build's
    # Extractions, both valid (entries are keyed by content), never a torn table.
    with closing(sqlite3.connect(out / ".cache" / "extractions.sqlite")) as cache:
        assert cache.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert cache.execute("SELECT count(*) FROM extraction").fetchone()[0] in (27, 1500)
    stale = temp_files(out)
    rerun = subprocess.run([sys.executable, "-m", "kg", "build", str(big_corpus), "-o", str(out)], cwd=ROOT,
                           capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["read"], report["kept"]) == (1500, 1500)
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sum(n["type"] == "Paper" for n in graph["nodes"]) == 1500
    assert set(temp_files(out)) <= set(stale)  # the re-run leaves no temp file of its own


def disk_full(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """Make ``os.fsync`` fail with ENOSPC, as on a full disk, after ``after`` successful calls."""
    real, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("after", [0, 1, 2], ids=["rejects", "report", "graph"])
def test_full_disk_during_the_build_leaves_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    out = tmp_path / "out"
    build([str(EXAMPLES / "abstracts.jsonl")], out)
    before = snapshot(out)
    disk_full(monkeypatch, after)
    with pytest.raises(OSError) as failure:
        build([str(EXAMPLES)], out)
    assert failure.value.errno == errno.ENOSPC and failure.value.filename
    assert Path(failure.value.filename).parent == out
    assert snapshot(out) == before and temp_files(out) == []


def test_full_disk_through_the_cli_is_one_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build([str(EXAMPLES / "abstracts.jsonl")], out)
    before = snapshot(out)
    disk_full(monkeypatch)
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and str(out) in result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before and temp_files(out) == []


def limit_file_size(limit: int) -> Callable[[], None]:
    """For ``preexec_fn``: files larger than ``limit`` bytes fail with EFBIG (the process is not killed)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize(
    "command",
    [
        ["build", str(EXAMPLES), "-o", "{out}"],  # fails in the extraction cache (SQLite)
        ["build", str(EXAMPLES), "--no-cache", "-o", "{out}"],  # fails in graph.json
        ["export", "rdf", "{graph}", "-o", "{out}/graph.ttl"],
        ["export", "neo4j-csv", "{graph}", "-o", "{out}"],
        ["export", "cypher", "{graph}", "-o", "{out}/graph.cypher"],
        ["export", "html", "{graph}", "-o", "{out}/graph.html"],
        ["export", "graphml", "{graph}", "-o", "{out}/graph.graphml"],
    ],
    ids=["build", "build --no-cache", "rdf", "neo4j-csv", "cypher", "html", "graphml"],
)
def test_a_real_process_out_of_space_fails_clearly_and_leaves_no_partial_file(
    tmp_path: Path, examples_graph_dir: Path, command: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(out=out, graph=examples_graph_dir) for a in command]
    proc = subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, preexec_fn=limit_file_size(20_000))
    assert proc.returncode == 1, proc.stderr
    assert re.fullmatch(f"Error: {re.escape(str(out))}/\\S+: (File too large|disk I/O error)\n", proc.stderr)
    assert [p.name for p in out.rglob("*") if p.is_file() and p.stat().st_size] == []  # nothing partial


class Flaky:
    """Any executor whose ``fail_on``-th write writes half its rows, then fails with ``error``."""

    def __init__(self, executor: Any, fail_on: int, error: Exception) -> None:
        self.executor, self.fail_on, self.error, self.writes = executor, fail_on, error, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.executor, name)

    def write(self, cypher: str, params: dict[str, Any]) -> Any:
        self.writes += 1
        if self.writes == self.fail_on:
            rows = params["rows"]
            self.executor.write(cypher, {"rows": rows[: len(rows) // 2]})
            raise self.error
        return self.executor.write(cypher, params)


@pytest.mark.neo4j
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set")
def test_live_neo4j_transient_failure_mid_batch_is_retried_with_correct_counts() -> None:
    from neo4j.exceptions import ServiceUnavailable
    from test_queries_cypher import fixture_graph

    from kg.export.neo4j_live import Neo4jExecutor, connect
    from kg.export.neo4j_load import counts, load, wipe

    driver = connect(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j"),
                     os.environ.get("NEO4J_PASSWORD", ""))
    try:
        live = Neo4jExecutor(driver, os.environ.get("NEO4J_DATABASE"))
        wipe(live)
        before = counts(live)
        graph = fixture_graph()
        flaky = Flaky(live, fail_on=3, error=ServiceUnavailable("connection reset by peer"))
        report = load(graph, flaky, batch_size=6, backoff=0)
        assert report.retries == 1
        assert counts(live) == (before[0] + graph.number_of_nodes(), before[1] + graph.number_of_edges())
        wipe(live)
    finally:
        driver.close()
