"""Test support for the explorer: a hand-made graph following docs/schema.md and a WSGI server.

ImageNet, ResNet and its variant ResNet-50, a task, a metric, three papers with evidence
spans (two with titles that try to inject markup) and one Result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import networkx as nx
from http_support import running

from kg.graph.io import write_graph

XSS_SCRIPT = "<script>alert(1)</script> Scaling ResNet-50 to </script> ImageNet"
XSS_IMG = "<img src=x onerror=alert(1)> Robust training"

PAPERS = {
    "paper:arxiv:1512.03385": {
        "title": "Deep Residual Learning for Image Recognition",
        "abstract": "We present ResNet, a residual learning framework. On the ImageNet dataset we evaluate "
        "residual nets with a depth of up to 152 layers. ResNet-50 reaches 76.1% top-1 accuracy.",
        "date": "2015-12-10",
        "arxiv_id": "1512.03385",
    },
    "paper:0a1b2c3d4e5f": {
        "title": XSS_SCRIPT,
        "abstract": "We train ResNet-50 on ILSVRC with larger batches and keep the accuracy.",
        "date": "2017-06-08",
        "url": "javascript:alert(1)",
    },
    "paper:9f8e7d6c5b4a": {
        "title": XSS_IMG,
        "abstract": "A robust training recipe evaluated on ImageNet for image classification.",
    },
}

ENTITIES = {
    "dataset:imagenet": {
        "type": "Dataset", "name": "ImageNet", "aliases": ["ILSVRC", "ImageNet", "ImageNet-1k"],
        "alias_reasons": ["kb", "kb", "kb"], "wikidata": "Q24901201", "pwc": "imagenet",
        "hf": "ILSVRC/imagenet-1k", "description": "A large visual database.",
    },
    "method:resnet": {
        "type": "Method", "name": "ResNet", "aliases": ["ResNet", "residual network"],
        "alias_reasons": ["kb", "kb"], "pwc": "resnet",
    },
    "method:resnet-50": {"type": "Method", "name": "ResNet-50", "aliases": ["ResNet-50"],
                         "alias_reasons": ["kb"], "parent": "ResNet"},
    "task:image-classification": {"type": "Task", "name": "Image Classification",
                                  "aliases": ["image classification"], "alias_reasons": ["kb"]},
    "metric:top-1-accuracy": {"type": "Metric", "name": "top-1 accuracy", "aliases": ["top-1 accuracy"],
                              "alias_reasons": ["kb"]},
}

# (paper, entity, relation, surfaces in the abstract)
MENTIONS = [
    ("paper:arxiv:1512.03385", "method:resnet", "PROPOSES", ["ResNet"]),
    ("paper:arxiv:1512.03385", "dataset:imagenet", "EVALUATES_ON", ["ImageNet"]),
    ("paper:arxiv:1512.03385", "method:resnet-50", "PROPOSES", ["ResNet-50"]),
    ("paper:arxiv:1512.03385", "metric:top-1-accuracy", "MEASURED_WITH", ["top-1 accuracy"]),
    ("paper:0a1b2c3d4e5f", "method:resnet-50", "USES", ["ResNet-50"]),
    ("paper:0a1b2c3d4e5f", "dataset:imagenet", "EVALUATES_ON", ["ILSVRC"]),
    ("paper:9f8e7d6c5b4a", "dataset:imagenet", "EVALUATES_ON", ["ImageNet"]),
    ("paper:9f8e7d6c5b4a", "task:image-classification", "ADDRESSES", ["image classification"]),
]


def _sentence(text: str, start: int) -> str:
    """The sentence of ``text`` around ``start`` (split on '. ')."""
    lo = text.rfind(". ", 0, start)
    lo = 0 if lo < 0 else lo + 2
    hi = text.find(". ", start)
    return text[lo:] if hi < 0 else text[lo:hi + 1]


def fixture_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for pid, attrs in PAPERS.items():
        g.add_node(pid, type="Paper", name=attrs["title"], sources=["fixture.jsonl:1"], **attrs)
    for eid, attrs in ENTITIES.items():
        count = sum(1 for _, e, _, _ in MENTIONS if e == eid)
        g.add_node(eid, paper_count=count, **attrs)
    for pid, eid, rel, surfaces in MENTIONS:
        abstract = PAPERS[pid]["abstract"]
        starts = [abstract.index(s) for s in surfaces]
        g.add_edge(pid, eid, key=rel, relation=rel, surface=surfaces, field=["abstract"] * len(surfaces),
                   start=starts, end=[s + len(x) for s, x in zip(starts, surfaces, strict=True)],
                   sentence=[_sentence(abstract, s) for s in starts], reason=["kb"] * len(surfaces))
    g.add_edge("method:resnet-50", "method:resnet", key="VARIANT_OF", relation="VARIANT_OF")
    g.add_edge("method:resnet", "dataset:imagenet", key="EVALUATED_ON", relation="EVALUATED_ON",
               papers=["paper:arxiv:1512.03385"], weight=1)
    g.add_node("result:abc123def456", type="Result", name="76.1% top-1 accuracy", value="76.1%",
               metric="top-1 accuracy", method="ResNet-50", dataset="ImageNet",
               evidence="ResNet-50 reaches 76.1% top-1 accuracy.")
    g.add_edge("paper:arxiv:1512.03385", "result:abc123def456", key="REPORTS", relation="REPORTS")
    for target, rel in [("method:resnet-50", "FOR_METHOD"), ("dataset:imagenet", "ON_DATASET"),
                        ("metric:top-1-accuracy", "WITH_METRIC")]:
        g.add_edge("result:abc123def456", target, key=rel, relation=rel)
    return g


def write_fixture(outdir: Path) -> Path:
    """Write the fixture graph as ``outdir/graph.json``; returns ``outdir``."""
    write_graph(fixture_graph(), Path(outdir) / "graph.json")
    return Path(outdir)


@contextmanager
def serve(app: Callable) -> Iterator[str]:
    """Serve a WSGI ``app`` on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    with running(make_server("127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_QuietHandler)) as root:
        yield root + "/"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
