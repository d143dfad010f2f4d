"""The linker: normalisation guards, acronyms inside and across abstracts, hierarchy."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.extract import Extractor, make_pipeline
from kg.graph.build import build_graph
from kg.kb.load import load_kb
from kg.link.linker import Linker
from kg.link.normalize import family_candidates, key, numbers_agree, without_task_words
from kg.model import Paper, Source

KB = [
    {"name": "ResNet", "type": "Method"},
    {"name": "convolutional neural network", "type": "Method", "aliases": ["CNN", "ConvNet"]},
    {"name": "GPT-4", "type": "Method"},
    {"name": "ImageNet", "type": "Dataset"},
    {"name": "Segment Anything Model", "type": "Method", "ambiguous_aliases": ["SAM"]},
    {"name": "Sharpness-Aware Minimization", "type": "Method", "ambiguous_aliases": ["SAM"]},
    {"name": "semantic segmentation", "type": "Task"},
    {"name": "image segmentation", "type": "Task", "parent": "semantic segmentation"},
    {"name": "top-1 accuracy", "type": "Metric"},
    {"name": "top-5 accuracy", "type": "Metric"},
    {"name": "recall", "type": "Metric", "aliases": ["true positive rate", "TPR"]},
    {"name": "BraTS", "type": "Dataset"},
]


@pytest.mark.parametrize("a,b", [
    ("ResNet-50", "ResNet-101"), ("GPT-3", "GPT-4"), ("Llama-3-8B", "Llama-3-70B"),
    ("ImageNet-1K", "ImageNet-21K"), ("CIFAR-10", "CIFAR-100"), ("GPT-4", "GPT-4o"),
])
def test_guards_never_merge_numbers_versions_sizes(a: str, b: str) -> None:
    assert key(a) != key(b)
    assert not numbers_agree(a, b)


@pytest.mark.parametrize("a,b", [
    ("ResNet-50", "ResNet50"), ("ResNet 50", "resnet-50"), ("Vision Transformers", "vision transformer"),
    ("the Transformer's", "transformer"), ("pre-training", "pretraining"), ("self_supervised  learning",
                                                                              "Self-Supervised Learning"),
    ("ell_2-distance", "L2 distance"), ("ell_1 norm", "L1 norm"),
])
def test_normalisation_merges_spellings(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_only_a_word_ell_before_a_number_is_read_as_l() -> None:
    assert key("shell 2") != key("L2") and key("ell 2") == key("L2")


@pytest.mark.parametrize("name,core", [
    ("top-1 classification accuracy", "top-1 accuracy"), ("Top-5 Recognition Error", "Top-5 Error"),
    ("detection accuracy", "accuracy"), ("classification", "classification"), ("top-1 accuracy", "top-1 accuracy"),
    ("model accuracy", "accuracy"),
])
def test_metric_without_task_words(name: str, core: str) -> None:
    assert without_task_words(name) == core


def test_family_candidates() -> None:
    assert family_candidates("ResNet-50")[0] == "ResNet"
    assert family_candidates("GPT-4o")[0] == "GPT-4"
    assert family_candidates("ImageNet-1K")[0] == "ImageNet"
    assert family_candidates("SQuAD v2.0")[0] == "SQuAD"
    assert family_candidates("Llama-3-8B")[:2] == ["Llama-3", "Llama"]
    assert family_candidates("BERT") == []


@pytest.fixture(scope="module")
def kb_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in KB) + "\n", encoding="utf-8")
    return path


def link(kb_file: Path, papers: list[tuple[str, str]]):
    nlp = make_pipeline(kb_paths=[kb_file], use_cache=False)
    ps = [Paper(t, a, Source("t", i + 1)) for i, (t, a) in enumerate(papers)]
    extractions = list(Extractor(nlp).extract(ps))
    linked = Linker(load_kb([kb_file], use_cache=False)).link(extractions)
    return linked, build_graph(ps, linked)


def nodes_of(graph, paper_title: str) -> dict[str, str]:
    pid = next(n for n, d in graph.nodes(data=True) if d.get("title") == paper_title)
    return {graph.nodes[t]["name"]: t for _, t in graph.out_edges(pid) if graph.nodes[t]["type"] != "Result"}


def test_cnn_convnet_long_form_are_one_node(kb_file: Path) -> None:
    _, g = link(kb_file, [("A", "We train a CNN."), ("B", "A ConvNet works."),
                          ("C", "Convolutional neural networks are used.")])
    ids = {nodes_of(g, t)["convolutional neural network"] for t in "ABC"}
    assert len(ids) == 1
    node = g.nodes[ids.pop()]
    assert node["paper_count"] == 3
    assert {"CNN", "ConvNet"} <= set(node["aliases"])


def test_acronym_defined_in_one_abstract_resolves_bare_use_in_another(kb_file: Path) -> None:
    _, g = link(kb_file, [("A", "We study gradient noise injectors (GNIs) for training."),
                          ("B", "Our results show that GNIs help.")])
    assert nodes_of(g, "A")["gradient noise injector"] == nodes_of(g, "B")["gradient noise injector"]


def test_ambiguous_acronym_decided_by_definition_then_context(kb_file: Path) -> None:
    linked, g = link(kb_file, [
        ("A", "Segment Anything Model (SAM) gives masks for semantic segmentation."),
        ("B", "Sharpness-Aware Minimization (SAM) finds flat minima of the loss."),
        ("C", "We prompt SAM for image segmentation of cells."),
    ])
    assert "Segment Anything Model" in nodes_of(g, "A")
    assert "Sharpness-Aware Minimization" in nodes_of(g, "B")
    assert "Segment Anything Model" in nodes_of(g, "C")


def test_variant_and_subtask_edges(kb_file: Path) -> None:
    _, g = link(kb_file, [("A", "We compare ResNet-50 with GPT-4o on ImageNet-1K for image segmentation.")])
    rels = {(g.nodes[u]["name"], r, g.nodes[v]["name"]) for u, v, r in g.edges(data="relation")}
    assert ("ResNet-50", "VARIANT_OF", "ResNet") in rels
    assert ("GPT-4o", "VARIANT_OF", "GPT-4") in rels
    assert ("ImageNet-1K", "VARIANT_OF", "ImageNet") in rels
    assert ("image segmentation", "SUBTASK_OF", "semantic segmentation") in rels


def test_aliases_record_their_reasons(kb_file: Path) -> None:
    _, g = link(kb_file, [("A", "Deep residual nets (DRNs) and a CNN.")])
    nodes = {d["name"]: d for _, d in g.nodes(data=True) if d["type"] == "Method"}
    reasons = dict(zip(nodes["convolutional neural network"]["aliases"],
                       nodes["convolutional neural network"]["alias_reasons"], strict=True))
    assert reasons["CNN"] == "kb"
    drn = nodes["deep residual net"]
    assert dict(zip(drn["aliases"], drn["alias_reasons"], strict=True))["DRNs"] == "acronym"


def test_bare_task_takes_the_domain_of_its_paper(kb_file: Path) -> None:
    _, g = link(kb_file, [("A", "We improve classification of images from ImageNet."),
                          ("B", "We study the classification of text in long documents."),
                          ("C", "The classification stays open.")])
    assert "image classification" in nodes_of(g, "A")
    assert "text classification" in nodes_of(g, "B")
    assert not any(g.nodes[t]["type"] == "Task" for t in nodes_of(g, "C").values())  # no domain: no entity


def test_metric_named_with_its_task_is_the_kb_metric(kb_file: Path) -> None:
    _, g = link(kb_file, [("A", "It reaches 80.1% top-1 classification accuracy on ImageNet."),
                          ("B", "We report top-1 accuracy and top-5 classification accuracy on ImageNet.")])
    a, b = nodes_of(g, "A"), nodes_of(g, "B")
    assert "top-1 classification accuracy" not in a
    assert a["top-1 accuracy"] == b["top-1 accuracy"]
    assert b["top-5 accuracy"] != b["top-1 accuracy"]


def test_variant_name_takes_the_type_of_its_kb_family(kb_file: Path) -> None:
    _, g = link(kb_file, [("A", "We release ImageNet-E to test editing robustness.")])
    node = g.nodes[nodes_of(g, "A")["ImageNet-E"]]
    assert node["type"] == "Dataset"


def test_built_graph_is_the_graph_networkx_add_edge_makes(kb_file: Path) -> None:
    """build_graph writes links into networkx's adjacency dicts itself: the graph must be the one
    networkx's own API builds from the same nodes and links, with every view working."""
    _, g = link(kb_file, [("ResNet-50 on ImageNet", "We propose FooNet. ResNet-50 reaches 76.1% top-1 accuracy "
                           "on ImageNet for image classification.")])
    again = nx.MultiDiGraph()
    again.add_nodes_from(g.nodes(data=True))
    again.add_edges_from(g.edges(keys=True, data=True))
    assert g.number_of_edges() == again.number_of_edges() > 5
    assert g._succ == again._succ and g._pred == again._pred
    assert all(g._succ[u][v] is g._pred[v][u] for u, v in g.edges())  # one key dict, as add_edge makes
    assert all(k == d["relation"] for _, _, k, d in g.edges(keys=True, data=True))
    paper = next(n for n, d in g.nodes(data=True) if d["type"] == "Paper")
    assert g.in_degree(paper) == 0 and g.out_degree(paper) == len(list(g.successors(paper)))


def test_a_word_in_capitals_the_kb_writes_in_lower_case_is_a_name_of_its_own(kb_file: Path) -> None:
    _, g = link(kb_file, [("RECALL: Rehearsal-free Continual Learning",
                           "We propose RECALL, a rehearsal-free approach. The approach RECALL raises recall and TPR "
                           "on BRATS.")])
    nodes = nodes_of(g, "RECALL: Rehearsal-free Continual Learning")
    assert g.nodes[nodes["RECALL"]]["type"] == "Method"
    assert g.nodes[nodes["recall"]]["type"] == "Metric" and "RECALL" not in g.nodes[nodes["recall"]]["aliases"]
    assert g.nodes[nodes["BraTS"]]["type"] == "Dataset"  # a conventional spelling of a name with capitals
    assert not any("RECALL" in n for n in nodes if n != "RECALL")


def test_image_retrieval_and_image_text_retrieval_are_different_tasks() -> None:
    """With the curated KB: content-based image retrieval and image-text retrieval are two nodes."""
    nlp = make_pipeline(use_cache=False)
    papers = [
        ("A", "We study content-based image retrieval and report results on image retrieval benchmarks."),
        ("B", "We study image-text retrieval with a dual encoder."),
        ("C", "Our model improves CBIR with learned descriptors."),
    ]
    ps = [Paper(t, a, Source("t", i + 1)) for i, (t, a) in enumerate(papers)]
    g = build_graph(ps, Linker(load_kb(use_cache=False)).link(list(Extractor(nlp).extract(ps))))
    tasks = {t: {n: i for n, i in nodes_of(g, t).items() if g.nodes[i]["type"] == "Task"} for t in "ABC"}
    assert "image retrieval" in tasks["A"] and "image-text retrieval" not in tasks["A"]
    assert "image-text retrieval" in tasks["B"] and "image retrieval" not in tasks["B"]
    assert tasks["A"]["image retrieval"] == tasks["C"]["image retrieval"] != tasks["B"]["image-text retrieval"]


def test_a_name_typed_once_from_evidence_and_once_by_default_takes_the_evidence(kb_file: Path) -> None:
    # a name-shaped word the rules type only from its context is a Method without any: a tie
    # between a context type and Method goes to the context type
    _, g = link(kb_file, [("A", "We report results on the FooSet-X dataset."), ("B", "FooSet-X is hard to fit.")])
    assert g.nodes[nodes_of(g, "B")["FooSet-X"]]["type"] == "Dataset"



def test_one_name_typed_by_its_context_outweighs_several_typed_by_default(kb_file: Path) -> None:
    papers = [("A", "We report results on the FooSet-X dataset."), ("B", "FooSet-X is hard to fit."),
              ("C", "Models trained on FooSet-X overfit."), ("D", "FooSet-X has noisy labels.")]
    _, g = link(kb_file, papers)
    assert {g.nodes[nodes_of(g, t)["FooSet-X"]]["type"] for t in "BCD"} == {"Dataset"}


def test_model_compression_is_a_task_its_methods_address() -> None:
    """As Papers with Code files it: model compression is a problem, pruning and quantization methods for it."""
    nlp = make_pipeline(use_cache=False)
    ps = [Paper("A", "We study model compression of BERT with pruning and quantization.", Source("t", 1))]
    g = build_graph(ps, Linker(load_kb(use_cache=False)).link(list(Extractor(nlp).extract(ps))))
    types = {n: g.nodes[i]["type"] for n, i in nodes_of(g, "A").items()}
    assert types == {"model compression": "Task", "BERT": "Method", "pruning": "Method", "quantization": "Method"}


def test_a_bare_task_word_is_the_abstracts_own_task_of_that_head() -> None:
    """"retrieval" in a paper on text-video retrieval is that task written short, but after a dataset
    ("ImageNet classification") the bare word names the dataset's task of its domain."""
    nlp = make_pipeline(use_cache=False)
    ps = [Paper("Widgets for Text-Video Retrieval", "We study retrieval for each text query with widgets.",
                Source("t", 1)),
          Paper("B", "We study few-shot classification of images and report ImageNet classification.", Source("t", 2))]
    g = build_graph(ps, Linker(load_kb(use_cache=False)).link(list(Extractor(nlp).extract(ps))))
    tasks = {p.title: {n for n, i in nodes_of(g, p.title).items() if g.nodes[i]["type"] == "Task"} for p in ps}
    assert tasks["Widgets for Text-Video Retrieval"] == {"text-video retrieval"}, tasks
    assert tasks["B"] == {"few-shot classification", "image classification"}, tasks
