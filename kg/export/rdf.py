"""Map a built graph (docs/schema.md) onto RDF triples in the vocabulary of ``config/ontology.ttl``.

The mapping reuses standard vocabularies wherever one fits:

* papers are ``schema:ScholarlyArticle`` (and ``kg:Paper``) with DCMI ``dcterms:title``,
  ``dcterms:abstract``, ``dcterms:issued`` and ``dc:creator``;
* methods, datasets, metrics and tasks are ``skos:Concept`` (and ``kg:Method`` ...) with
  ``skos:prefLabel`` / ``skos:altLabel``; each alias is also a SKOS-XL label resource that
  says why it resolves here (``kg:aliasReason``); VARIANT_OF and SUBTASK_OF also assert ``skos:broader``;
  Wikidata and Papers with Code ids become ``skos:exactMatch`` links (not ``owl:sameAs``,
  whose OWL semantics would merge our concept with the external item and make every
  statement about one a statement about the other);
* provenance is PROV-O: one ``prov:Activity`` per build, associated with the ``kg`` version
  (a ``prov:SoftwareAgent``) that used the input files (``prov:Entity``); papers are
  ``prov:wasDerivedFrom`` their input files and every node ``prov:wasGeneratedBy`` the build;
* the evidence of a Paper → entity link (surface, field, character span, sentence) becomes
  one ``kg:Mention`` node per mention, tied to the paper and the entity: plain RDF 1.1 that
  every store, serialisation and SHACL validator handles, unlike RDF-star annotations;
* links that carry their own properties (``papers``, ``weight`` of Method → Task/Dataset)
  are also described by an ``rdf:Statement`` (RDF reification), whose supporting papers are
  ``prov:wasDerivedFrom`` links.

IRIs are ``<base><type>/<rest of the node id>``: ``method:resnet-50`` under the default base
is ``https://kg.example.org/method/resnet-50``. Everything outside the RFC 3986 unreserved
characters (and ``:``, ``+``) is percent-encoded, so any id yields a valid, stable IRI.
Triples are generated lazily, so writers can stream them (:mod:`kg.export.rdf_io`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg import __version__

DEFAULT_BASE = "https://kg.example.org/"
KG = Namespace("https://kg.example.org/ontology#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")
PWC = "https://paperswithcode.com/"
PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "schema": SDO,
    "dcterms": DCTERMS,
    "dc": DC,
    "skos": SKOS,
    "skosxl": SKOSXL,
    "prov": PROV,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WIKIDATA,
}

ENTITY_TYPES = ("Method", "Dataset", "Metric", "Task")
# Papers with Code has a page per method, dataset and task (not per metric).
PWC_PAGES = {"Method": "method", "Dataset": "dataset", "Task": "task"}
EVIDENCE_KEYS = ("surface", "field", "start", "end", "sentence")
LINK_KEYS = {"source", "target", "key", "relation", "reason", *EVIDENCE_KEYS}
# Node properties with a standard or a dedicated predicate; the rest fall back to kg:<camelCase>.
PROPERTY_PREDICATES: dict[str, URIRef] = {
    "title": DCTERMS.title,
    "abstract": DCTERMS.abstract,
    "authors": DC.creator,
    "url": SDO.url,
    "description": SKOS.definition,
}
SKIPPED_PROPERTIES = {"id", "type", "name", "aliases", "alias_reasons", "parent", "wikidata", "pwc", "date"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
QID = re.compile(r"Q[1-9]\d*")
IRI_SAFE = "-._~:+"

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def camel(name: str) -> str:
    """``EVALUATES_ON`` / ``paper_count`` -> ``evaluatesOn`` / ``paperCount``."""
    head, *rest = [w for w in re.split(r"[^A-Za-z0-9]+", name) if w] or ["x"]
    return head.lower() + "".join(w.capitalize() for w in rest)


def predicate(relation: str) -> URIRef:
    """The kg: property of a relation name (``USES`` -> ``kg:uses``)."""
    return KG[camel(relation)]


def normalise_base(base: str) -> str:
    """The base IRI, ending in ``/`` or ``#``; raises ValueError unless it is an absolute http(s) IRI."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", base):
        raise ValueError(f"not an absolute http(s) IRI: {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Iris:
    """Mints the IRIs of one export under ``base``."""

    base: str = DEFAULT_BASE

    def node(self, node_id: str) -> URIRef:
        kind, sep, rest = node_id.partition(":")
        if not sep or not kind:
            kind, rest = "node", node_id
        return URIRef(f"{self.base}{quote(kind, safe='')}/{quote(rest, safe=IRI_SAFE)}")

    def mention(self, source: str, target: str, index: int) -> URIRef:
        return URIRef(f"{self.base}mention/{_digest(source, target, str(index))}")

    def label(self, node_id: str, alias: str) -> URIRef:
        return URIRef(f"{self.base}label/{_digest(node_id, alias)}")

    def statement(self, source: str, relation: str, target: str) -> URIRef:
        return URIRef(f"{self.base}statement/{_digest(source, relation, target)}")

    def source_file(self, path: str) -> URIRef:
        return URIRef(f"{self.base}source/{quote(path, safe=IRI_SAFE + '/')}")

    @property
    def dataset(self) -> URIRef:
        """The graph as a whole (the named graph of N-Quads output)."""
        return URIRef(f"{self.base}graph")


@dataclass(frozen=True)
class BuildInfo:
    """What PROV-O says about the build: when, which kg version, from which files."""

    time: datetime
    version: str

    @classmethod
    def of(cls, outdir: Path) -> BuildInfo:
        """Read from ``report.json`` when it says, else the time ``graph.json`` was written."""
        outdir = Path(outdir)
        graph_file = outdir / "graph.json" if outdir.is_dir() else outdir
        report_file = graph_file.parent / "report.json"
        report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.is_file() else {}
        stamp = report.get("built_at")
        time = (
            datetime.fromisoformat(stamp) if stamp else datetime.fromtimestamp(int(graph_file.stat().st_mtime), tz=UTC)
        )
        return cls(time=time, version=str(report.get("extractor_version", report.get("version", __version__))))

    def activity(self, iris: Iris) -> URIRef:
        return URIRef(f"{iris.base}build/{self.time.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}")

    def agent(self, iris: Iris) -> URIRef:
        return URIRef(f"{iris.base}agent/kg/{quote(self.version, safe=IRI_SAFE)}")


def literal(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value)  # xsd:integer
    if isinstance(value, float):
        return Literal(value, datatype=XSD.decimal)
    return Literal(str(value))


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


class RdfMapper:
    """Turns a networkx graph into triples; see the module docstring for the mapping."""

    def __init__(self, graph: nx.MultiDiGraph, build: BuildInfo, base: str = DEFAULT_BASE) -> None:
        self.graph = graph
        self.build = build
        self.iris = Iris(normalise_base(base))
        self.activity = build.activity(self.iris)

    def triples(self) -> Iterator[Triple]:
        yield from self.provenance()
        for node_id, data in sorted(self.graph.nodes(data=True)):
            yield from self.node(node_id, data)
        for source, target, data in sorted(
            self.graph.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))
        ):
            yield from self.link(source, target, data)

    def provenance(self) -> Iterator[Triple]:
        agent = self.build.agent(self.iris)
        yield self.iris.dataset, RDF.type, PROV.Entity
        yield self.iris.dataset, PROV.wasGeneratedBy, self.activity
        yield self.activity, RDF.type, PROV.Activity
        yield self.activity, PROV.endedAtTime, Literal(self.build.time.isoformat(), datatype=XSD.dateTime)
        yield self.activity, PROV.wasAssociatedWith, agent
        yield agent, RDF.type, PROV.SoftwareAgent
        yield agent, RDFS.label, Literal(f"kg {self.build.version}")
        yield agent, SDO.softwareVersion, Literal(self.build.version)
        files = sorted({s.rpartition(":")[0] for _, ss in self.graph.nodes(data="sources") for s in ss or []})
        for path in files:
            entity = self.iris.source_file(path)
            yield self.activity, PROV.used, entity
            yield entity, RDF.type, PROV.Entity
            yield entity, PROV.atLocation, Literal(path)

    def node(self, node_id: str, data: dict[str, Any]) -> Iterator[Triple]:
        iri = self.iris.node(node_id)
        kind = data.get("type", "Node")
        yield iri, RDF.type, KG[kind]
        yield iri, DCTERMS.identifier, Literal(node_id)
        yield iri, PROV.wasGeneratedBy, self.activity
        if kind == "Paper":
            yield iri, RDF.type, SDO.ScholarlyArticle
        if kind in ENTITY_TYPES:
            yield from self.concept(node_id, iri, kind, data)
        elif "name" in data:
            yield iri, RDFS.label, Literal(data["name"])
        if "date" in data:
            date = str(data["date"])
            yield iri, DCTERMS.issued, Literal(date, datatype=XSD.date) if ISO_DATE.fullmatch(date) else Literal(date)
        for key in sorted(data.keys() - SKIPPED_PROPERTIES):
            if key == "sources":
                yield from self.sources(iri, data[key])
                continue
            pred = PROPERTY_PREDICATES.get(key, KG[camel(key)])
            for value in _values(data[key]):
                yield iri, pred, literal(value)

    def concept(self, node_id: str, iri: URIRef, kind: str, data: dict[str, Any]) -> Iterator[Triple]:
        name = data.get("name", "")
        yield iri, RDF.type, SKOS.Concept
        yield iri, SKOS.prefLabel, Literal(name)
        for alias in sorted(set(_values(data.get("aliases", []))) - {name}):
            yield iri, SKOS.altLabel, Literal(alias)
        reasons = _values(data.get("alias_reasons", []))
        for i, alias in enumerate(_values(data.get("aliases", []))):
            label = self.iris.label(node_id, alias)
            yield iri, SKOSXL.prefLabel if alias == name else SKOSXL.altLabel, label
            yield label, RDF.type, SKOSXL.Label
            yield label, SKOSXL.literalForm, Literal(alias)
            if i < len(reasons) and reasons[i]:
                yield label, KG.aliasReason, Literal(reasons[i])
        qid = str(data.get("wikidata", "")).strip()
        if QID.fullmatch(qid):
            yield iri, SKOS.exactMatch, WIKIDATA[qid]
        pwc = str(data.get("pwc", "")).strip()
        if pwc:
            yield iri, KG.pwcId, Literal(pwc)
            if kind in PWC_PAGES:
                yield iri, SKOS.exactMatch, URIRef(f"{PWC}{PWC_PAGES[kind]}/{quote(pwc, safe=IRI_SAFE)}")

    def sources(self, iri: URIRef, sources: list[str]) -> Iterator[Triple]:
        for source in _values(sources):
            yield iri, KG.sourceLine, Literal(source)
            yield iri, PROV.wasDerivedFrom, self.iris.source_file(source.rpartition(":")[0])

    def link(self, source: str, target: str, data: dict[str, Any]) -> Iterator[Triple]:
        relation = data.get("relation") or data.get("key") or "RELATED_TO"
        s, o, p = self.iris.node(source), self.iris.node(target), predicate(relation)
        yield s, p, o
        if relation in ("VARIANT_OF", "SUBTASK_OF"):
            yield s, SKOS.broader, o
        if "surface" in data:
            yield from self.mentions(source, target, data)
        extra = sorted(data.keys() - LINK_KEYS)
        if extra:
            stmt = self.iris.statement(source, relation, target)
            yield stmt, RDF.type, RDF.Statement
            yield stmt, RDF.subject, s
            yield stmt, RDF.predicate, p
            yield stmt, RDF.object, o
            for key in extra:
                for value in _values(data[key]):
                    if key == "papers":
                        yield stmt, PROV.wasDerivedFrom, self.iris.node(value)
                    else:
                        yield stmt, KG[camel(key)], literal(value)

    def mentions(self, source: str, target: str, data: dict[str, Any]) -> Iterator[Triple]:
        columns = {key: _values(data.get(key, [])) for key in EVIDENCE_KEYS}
        reasons = _values(data.get("reason", []))
        paper, entity = self.iris.node(source), self.iris.node(target)
        for i, surface in enumerate(columns["surface"]):
            m = self.iris.mention(source, target, i)
            yield m, RDF.type, KG.Mention
            yield m, KG.mentionIn, paper
            yield m, KG.mentionOf, entity
            yield m, KG.surface, Literal(surface)
            for key in ("field", "start", "end", "sentence"):
                if i < len(columns[key]):
                    yield m, KG[key], literal(columns[key][i])
            reason = reasons[i] if len(reasons) > 1 else (reasons[0] if reasons else None)
            if reason:
                yield m, KG.reason, Literal(reason)
