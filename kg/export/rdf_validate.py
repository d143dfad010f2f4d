"""Check the RDF of a built graph against the SHACL shapes of ``config/shapes.ttl`` (W3C SHACL, pyshacl).

Each violation comes back as one :class:`Violation` (focus node, path, message), read from
pyshacl's ``sh:ValidationReport`` graph, so ``kg validate`` can print one line per problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Node, URIRef
from rdflib.namespace import SH

from kg.export.rdf import DEFAULT_BASE, PREFIXES
from kg.export.rdf_io import mapper, rdflib_graph
from kg.kb.load import config_dir


def shapes_path() -> Path:
    return config_dir() / "shapes.ttl"


def ontology_path() -> Path:
    return config_dir() / "ontology.ttl"


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        line = f"{self.severity}: {self.focus} {self.path}: {self.message}"
        return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def data_graph(source: Path, base: str = DEFAULT_BASE) -> Graph:
    """The RDF to check: a build directory / graph.json is exported on the fly; an RDF file is parsed."""
    source = Path(source)
    if source.is_dir() or source.suffix == ".json":
        return rdflib_graph(mapper(source, base).triples())
    graph = Graph()
    graph.parse(source)
    return graph


def _short(graph: Graph, node: Node | None) -> str:
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        return node.n3(graph.namespace_manager)
    path = graph.value(node, SH.inversePath)
    return f"^{_short(graph, path)}" if path is not None else str(node)


def validate(data: Graph, shapes: Path | None = None) -> list[Violation]:
    """Every SHACL result of ``data`` against ``shapes`` (default config/shapes.ttl), sorted."""
    from pyshacl import validate as shacl_validate

    shapes_graph = Graph().parse(shapes or shapes_path())
    _, report, _ = shacl_validate(data, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True)
    for prefix, namespace in PREFIXES.items():
        report.bind(prefix, namespace, replace=True)
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=_short(report, report.value(result, SH.focusNode)),
                path=_short(report, report.value(result, SH.resultPath)),
                message=str(report.value(result, SH.resultMessage) or ""),
                severity=str(severity).rpartition("#")[2],
            )
        )
    return sorted(violations)
