"""Every Paper → entity link of graph.json carries its mentions as parallel lists that point at the text."""

from __future__ import annotations

import json
from pathlib import Path

from kg.pipeline import BuildOptions, build

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "abstracts.jsonl"


def test_link_evidence_lists_are_parallel_ordered_and_quote_the_text(tmp_path: Path) -> None:
    build([str(EXAMPLES)], tmp_path, BuildOptions(cache=False))
    graph = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    papers = {n["id"]: n for n in graph["nodes"] if n["type"] == "Paper"}
    links = [link for link in graph["links"] if link["source"] in papers and "surface" in link]
    assert links and any(len(link["surface"]) > 1 for link in links)
    for link in links:
        paper = papers[link["source"]]
        columns = [link[k] for k in ("surface", "field", "start", "end", "sentence")]
        assert all(isinstance(c, list) and len(c) == len(link["surface"]) for c in columns)
        for surface, field, start, end, sentence in zip(*columns, strict=True):
            assert paper[field][start:end] == surface and surface in sentence
        order = [(f != "title", s) for f, s in zip(link["field"], link["start"], strict=True)]
        assert order == sorted(order) and "evidence" not in link
