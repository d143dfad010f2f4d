"""RDF export and SHACL validation: formats agree, IRIs are valid, shapes catch broken graphs."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import DCTERMS, PROV, RDF, SDO, SKOS

from kg.cli import main
from kg.export.rdf import KG, Iris
from kg.export.rdf_io import FORMATS, SUFFIXES, mapper
from kg.export.rdf_validate import data_graph, ontology_path, validate
from kg.graph.io import write_graph

BASE = "https://kg.example.org/"
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "xml": "xml"}


def small_graph() -> nx.MultiDiGraph:
    """A hand-made graph following docs/schema.md, with awkward names."""
    g = nx.MultiDiGraph()
    title, abstract = "ResNet: deep residual learning", 'We propose ResNet-50 and evaluate on "ImageNet" <v2>.'
    g.add_node(
        "paper:arxiv:1512.03385",
        type="Paper",
        name=title,
        title=title,
        abstract=abstract,
        sources=["corpus/a b.jsonl:3"],
        authors=["K. He", "X. Zhang"],
        date="2015-12-10",
    )
    g.add_node(
        "method:resnet-50",
        type="Method",
        name="ResNet-50",
        aliases=["ResNet 50", "ResNet-50"],
        alias_reasons=["normalisation", "kb"],
        paper_count=1,
        wikidata="Q123",
        pwc="resnet",
    )
    g.add_node("method:resnet", type="Method", name="ResNet", aliases=[], alias_reasons=[], paper_count=1)
    weird = 'dataset:image net <v2> "x"\nnew line é'
    g.add_node(weird, type="Dataset", name='ImageNet <v2> "x"', aliases=[], alias_reasons=[], paper_count=1)
    g.add_node("task:image-classification", type="Task", name="image classification", paper_count=1)
    g.add_node("metric:top-1-accuracy", type="Metric", name="top-1 accuracy", paper_count=1)
    g.add_node("result:abc", type="Result", name="76.1% top-1 accuracy", value="76.1%", metric="top-1 accuracy")
    start = abstract.index("ResNet-50")
    g.add_edge(
        "paper:arxiv:1512.03385",
        "method:resnet-50",
        key="PROPOSES",
        relation="PROPOSES",
        surface=["ResNet-50", "ResNet"],
        field=["abstract", "title"],
        start=[start, 0],
        end=[start + 9, 6],
        sentence=[abstract, title],
        reason="kb",
    )
    i = abstract.index('"ImageNet" <v2>')
    g.add_edge(
        "paper:arxiv:1512.03385",
        weird,
        key="EVALUATES_ON",
        relation="EVALUATES_ON",
        surface=['"ImageNet" <v2>'],
        field=["abstract"],
        start=[i],
        end=[i + 15],
        sentence=[abstract],
        reason="kb",
    )
    g.add_edge("method:resnet-50", "method:resnet", key="VARIANT_OF", relation="VARIANT_OF")
    g.add_edge(
        "method:resnet-50",
        "task:image-classification",
        key="ADDRESSES",
        relation="ADDRESSES",
        papers=["paper:arxiv:1512.03385"],
        weight=1,
    )
    g.add_edge("paper:arxiv:1512.03385", "result:abc", key="REPORTS", relation="REPORTS")
    g.add_edge("result:abc", "metric:top-1-accuracy", key="WITH_METRIC", relation="WITH_METRIC")
    return g


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    write_graph(small_graph(), tmp_path / "graph.json")
    return tmp_path


def export(outdir: Path, fmt: str, *args: str) -> Path:
    out = outdir / f"graph{SUFFIXES[fmt]}"
    result = CliRunner().invoke(main, ["export", "rdf", str(outdir), "-o", str(out), "-f", fmt, *args])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_to_the_same_triples(small_dir: Path, fmt: str) -> None:
    expected = data_graph(small_dir)
    parsed = rdflib.Dataset() if fmt == "nq" else rdflib.Graph()
    parsed.parse(export(small_dir, fmt), format=RDFLIB_FORMATS[fmt])
    triples = parsed.graph(Iris(BASE).dataset) if fmt == "nq" else parsed
    assert set(triples) == set(expected)


def test_nt_is_valid_for_a_strict_parser_with_unsafe_ids(small_dir: Path) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(export(small_dir, "nt")), format=pyoxigraph.RdfFormat.N_TRIPLES)
    ids = {
        str(t.object.value) for t in store.quads_for_pattern(None, pyoxigraph.NamedNode(str(DCTERMS.identifier)), None)
    }
    assert 'dataset:image net <v2> "x"\nnew line é' in ids
    iri = Iris(BASE).node('dataset:image net <v2> "x"\nnew line é')
    assert str(iri) == "https://kg.example.org/dataset/image%20net%20%3Cv2%3E%20%22x%22%0Anew%20line%20%C3%A9"


def test_mapping_uses_standard_vocabularies(small_dir: Path) -> None:
    g = data_graph(small_dir)
    paper, resnet50 = Iris(BASE).node("paper:arxiv:1512.03385"), Iris(BASE).node("method:resnet-50")
    assert (paper, RDF.type, SDO.ScholarlyArticle) in g
    assert str(g.value(paper, DCTERMS.title)) == "ResNet: deep residual learning"
    assert (resnet50, RDF.type, SKOS.Concept) in g and (resnet50, RDF.type, KG.Method) in g
    assert str(g.value(resnet50, SKOS.prefLabel)) == "ResNet-50"
    assert {str(o) for o in g.objects(resnet50, SKOS.altLabel)} == {"ResNet 50"}
    assert (resnet50, SKOS.broader, Iris(BASE).node("method:resnet")) in g
    xl = rdflib.Namespace("http://www.w3.org/2008/05/skos-xl#")
    reasons = {
        str(g.value(label, xl.literalForm)): str(g.value(label, KG.aliasReason))
        for label in g.objects(resnet50, xl.altLabel)
    }
    assert reasons == {"ResNet 50": "normalisation"}
    matches = set(g.objects(resnet50, SKOS.exactMatch))
    assert matches == {
        rdflib.URIRef("http://www.wikidata.org/entity/Q123"),
        rdflib.URIRef("https://paperswithcode.com/method/resnet"),
    }
    assert (paper, KG.proposes, resnet50) in g
    surfaces = {str(g.value(m, KG.surface)) for m in g.subjects(KG.mentionOf, resnet50)}
    assert surfaces == {"ResNet-50", "ResNet"}
    build = g.value(paper, PROV.wasGeneratedBy)
    assert (build, RDF.type, PROV.Activity) in g and g.value(build, PROV.endedAtTime) is not None
    assert g.value(g.value(build, PROV.wasAssociatedWith), SDO.softwareVersion) is not None


def test_base_is_configurable(small_dir: Path) -> None:
    text = export(small_dir, "nt", "--base", "https://example.org/kg").read_text(encoding="utf-8")
    assert "<https://example.org/kg/method/resnet-50>" in text and "kg.example.org/method" not in text
    bad = CliRunner().invoke(main, ["export", "rdf", str(small_dir), "--base", "not an iri"])
    assert bad.exit_code == 2 and "--base" in bad.output


def test_every_kg_term_used_is_declared_in_the_ontology(small_dir: Path) -> None:
    ontology = rdflib.Graph().parse(ontology_path())
    used = {t for triple in mapper(small_dir, BASE).triples() for t in triple[1:] if str(t).startswith(str(KG))}
    undeclared = {t for t in used if (t, RDF.type, None) not in ontology}
    assert not undeclared


def test_small_graph_conforms(small_dir: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(small_dir)])
    assert result.exit_code == 0, result.output


def test_broken_graph_reports_one_line_per_violation(small_dir: Path) -> None:
    g = small_graph()
    del g.nodes["paper:arxiv:1512.03385"]["title"]  # no title
    g.add_edge("paper:arxiv:1512.03385", "task:image-classification", key="USES", relation="USES")  # USES a Task
    edge = g.edges["paper:arxiv:1512.03385", "method:resnet-50", "PROPOSES"]
    edge["start"] = [edge["start"][0] + 1, 6]  # abstract span shifted; title span empty
    write_graph(g, small_dir / "graph.json")
    result = CliRunner().invoke(main, ["validate", str(small_dir)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4, lines
    assert any("paper/arxiv:1512.03385> dcterms:title: a paper has exactly one non-empty title" in x for x in lines)
    assert any("kg:uses: kg:uses must point to a kg:Method" in x for x in lines)
    assert any("kg:surface: kg:surface ResNet-50 is not the text" in x for x in lines)
    assert any("kg:start: kg:start is one integer >= 0, less than kg:end" in x for x in lines)


@pytest.mark.slow
def test_seed_graph_conforms(seed_graph_dir: Path) -> None:
    assert validate(data_graph(seed_graph_dir)) == []
