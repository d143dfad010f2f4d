"""Write the RDF of a built graph: N-Triples / N-Quads streamed line by line, other formats via rdflib.

N-Triples and N-Quads (W3C RDF 1.1 N-Triples / N-Quads) are written as the triples are
generated, so memory stays flat however large the graph; Turtle, JSON-LD and RDF/XML need
the whole graph for prefixes and nesting, so they go through an ``rdflib.Graph``. Every
file is written atomically (:func:`kg.graph.io.atomic_write_chunks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.export.rdf import PREFIXES, BuildInfo, RdfMapper, Triple
from kg.graph.io import atomic_write_chunks, read_graph

# --format name -> rdflib serializer name (None: streamed by this module).
FORMATS: dict[str, str | None] = {"turtle": "turtle", "nt": None, "nq": None, "jsonld": "json-ld", "xml": "xml"}
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "nq": ".nq", "jsonld": ".jsonld", "xml": ".rdf"}
# N-Triples STRING_LITERAL_QUOTE: escape quote, backslash, CR, LF; other controls as \\u escapes.
_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _ESCAPES})


def nt_term(term: URIRef | Literal) -> str:
    """One term in N-Triples syntax (IRIs are minted already percent-encoded)."""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{term}>"


def nt_lines(triples: Iterable[Triple], graph_name: URIRef | None = None) -> Iterator[str]:
    """N-Triples lines, or N-Quads lines in ``graph_name``."""
    end = f" {nt_term(graph_name)} .\n" if graph_name is not None else " .\n"
    for s, p, o in triples:
        yield f"<{s}> <{p}> {nt_term(o)}{end}"


def rdflib_graph(triples: Iterable[Triple]) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    for triple in triples:
        graph.add(triple)
    return graph


def mapper(outdir: Path, base: str) -> RdfMapper:
    """The mapper over the graph built in ``outdir`` (a build directory or a graph.json)."""
    return RdfMapper(read_graph(outdir), BuildInfo.of(outdir), base)


def serialise(triples: Iterable[Triple], fmt: str, graph_name: URIRef) -> Iterator[str]:
    """The text of ``triples`` in ``fmt`` (a key of :data:`FORMATS`), in chunks.

    ``graph_name`` names the graph of N-Quads output.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt in ("nt", "nq"):
        return nt_lines(triples, graph_name if fmt == "nq" else None)
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    options = {"context": context, "auto_compact": True} if fmt == "jsonld" else {}
    return iter([rdflib_graph(triples).serialize(format=FORMATS[fmt], **options)])


def write_rdf(outdir: Path, path: Path, fmt: str, base: str) -> int:
    """Export the graph built in ``outdir`` to ``path``; return the number of triples written."""
    rdf = mapper(outdir, base)
    count = 0

    def counted() -> Iterator[Triple]:
        nonlocal count
        for triple in rdf.triples():
            count += 1
            yield triple

    atomic_write_chunks(path, serialise(counted(), fmt, rdf.iris.dataset))
    return count
