"""The build: ingest → deduplicate → extract → link → graph → write.

Each stage is a function of the stage before, so the data flow reads straight through
:func:`build`. Outputs in the build directory, each written atomically:
``graph.json`` (the CONTRACT), ``report.json`` (counts) and ``rejects.jsonl`` (every record
that did not become a paper, with file, line and reason).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg import __version__
from kg.graph.build import build_graph
from kg.graph.io import atomic_write_chunks, atomic_write_text, dumps, write_graph
from kg.ingest import read_inputs
from kg.ingest.dedupe import Deduplicator
from kg.model import Paper, Reject

log = logging.getLogger("kg.build")


@dataclass
class BuildOptions:
    fmt: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # our field name -> the input's field name
    strict: bool = False
    progress: bool = False


@dataclass
class BuildReport:
    read: int = 0
    kept: int = 0
    duplicates: int = 0
    rejected: int = 0
    nodes: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    version: str = __version__

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ingest(inputs: Sequence[str], options: BuildOptions) -> tuple[list[Paper], list[Reject], BuildReport]:
    """Read and deduplicate every input; count what was read, kept, duplicated and rejected."""
    report = BuildReport(inputs=list(inputs))
    dedupe = Deduplicator()
    rejects: list[Reject] = []
    for record in read_inputs(inputs, options.fmt, options.fields):
        report.read += 1
        if isinstance(record, Reject):
            log.warning("%s", record)
            rejects.append(record)
        else:
            dedupe.add(record)
    papers = dedupe.papers
    report.kept, report.duplicates, report.rejected = len(papers), dedupe.duplicates, len(rejects)
    return papers, rejects, report


def count_graph(graph: nx.MultiDiGraph, report: BuildReport) -> None:
    report.nodes = dict(sorted(Counter(t for _, t in graph.nodes(data="type")).items()))
    report.links = dict(sorted(Counter(r for _, _, r in graph.edges(data="relation")).items()))


def reject_lines(rejects: Iterable[Reject]) -> Iterable[str]:
    for r in rejects:
        yield dumps({"file": r.source.file, "line": r.source.line, "reason": r.reason, "record": r.record})[
            :-1
        ].replace("\n", "") + "\n"


def write_outputs(outdir: Path, graph: nx.MultiDiGraph, rejects: list[Reject], report: BuildReport) -> None:
    """Write rejects, report, then graph.json: each replaced atomically."""
    outdir.mkdir(parents=True, exist_ok=True)
    atomic_write_chunks(outdir / "rejects.jsonl", reject_lines(rejects))
    atomic_write_text(outdir / "report.json", dumps(report.as_dict()))
    write_graph(graph, outdir / "graph.json")


def build(inputs: Sequence[str], outdir: Path, options: BuildOptions | None = None) -> BuildReport:
    options = options or BuildOptions()
    papers, rejects, report = ingest(inputs, options)
    graph = build_graph(papers)
    count_graph(graph, report)
    write_outputs(Path(outdir), graph, rejects, report)
    return report
