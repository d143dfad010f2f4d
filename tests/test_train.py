"""`kg train` and the kg_ner component: gold → character spans, a tiny real training run on
crafted papers, the trained pipeline inside the extractor and the build, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from kg.cli import main
from kg.extract import Extractor, make_pipeline
from kg.extract.components import CANDS
from kg.model import Paper, Source
from kg.train.convert import convert

METHODS = ["Zorblax", "Quintor", "Flemnet", "Grobify", "Taskel", "Vorpal"]
DATASETS = ["Quuxset", "Blorpbench", "Snarkdata"]


def crafted_gold() -> list[dict]:
    """Six papers "M: fast learning / We train M on D ..." with made-up names no KB holds."""
    lines = []
    for i, m in enumerate(METHODS):
        d = DATASETS[i % 3]
        lines.append({"title": f"{m}: fast learning",
                      "abstract": f"We train {m} on {d} and report gains. {m} beats baselines on {d}.",
                      "entities": [{"type": "Method", "name": m, "surface": [m]},
                                   {"type": "Dataset", "name": d, "surface": [d]}]})
    return lines


def write_jsonl(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pipeline trained through the CLI on the crafted papers (abstracts given by --input)."""
    tmp = tmp_path_factory.mktemp("train")
    lines = crafted_gold()
    gold = write_jsonl(tmp / "gold.jsonl", [{k: v for k, v in g.items() if k != "abstract"} for g in lines])
    inputs = write_jsonl(tmp / "input.jsonl", [{"title": g["title"], "abstract": g["abstract"]} for g in lines])
    out = tmp / "model"
    result = CliRunner().invoke(main, ["-q", "train", str(gold), "--input", str(inputs), "-o", str(out),
                                       "--epochs", "20"])
    assert result.exit_code == 0, result.output
    return out


def test_surfaces_become_character_spans_every_occurrence_whole_words_missing_reported() -> None:
    gold = {"title": "BERT for QA",
            "abstract": "We fine-tune BERT and RoBERTa on SQuAD. BERT wins.",
            "entities": [{"type": "Method", "name": "BERT", "surface": ["BERT"]},
                         {"type": "Dataset", "name": "SQuAD", "surface": ["SQuAD"]},
                         {"type": "Method", "name": "GPT-4", "surface": ["GPT-4"]}]}
    conv = convert(spacy.blank("en"), [gold])
    text = "BERT for QA\nWe fine-tune BERT and RoBERTa on SQuAD. BERT wins."
    (doc,) = conv.docs
    assert doc.text == text
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert spans == [(0, 4, "Method"), (25, 29, "Method"), (45, 50, "Dataset"), (52, 56, "Method")]
    assert [text[s:e] for s, e, _ in spans] == ["BERT", "BERT", "SQuAD", "BERT"]  # not inside "RoBERTa"
    assert [(p.line, p.surface, p.reason) for p in conv.problems] == [(1, "GPT-4", "missing")]
    assert conv.summary() == {"docs": 1, "spans": 4, "problems": {"missing": 1}}


def test_abstract_from_inputs_by_title_and_overlaps_keep_the_longest() -> None:
    gold = [{"title": "T", "entities": [{"type": "Task", "name": "image classification",
                                          "surface": ["image classification"]},
                                         {"type": "Method", "name": "image", "surface": ["image"]}]},
            {"title": "Unknown", "entities": []}]
    conv = convert(spacy.blank("en"), gold, [{"title": "T", "abstract": "Robust image classification."}])
    assert [(e.text, e.label_) for e in conv.docs[0].ents] == [("image classification", "Task")]
    assert [(p.title, p.reason) for p in conv.problems] == [("Unknown", "no abstract")]


def test_train_cli_writes_a_loadable_pipeline_and_report(model_dir: Path) -> None:
    nlp = spacy.load(model_dir)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"Method", "Dataset"}
    report = json.loads((model_dir / "kg-train.json").read_text(encoding="utf-8"))
    assert report["conversion"] == {"docs": 6, "spans": 30, "problems": {}}  # 3 methods + 2 datasets each
    assert report["train_docs"] == 6 and report["epochs"] == 20


def test_make_pipeline_adds_kg_ner_before_kg_entities_and_yields_ner_candidates(model_dir: Path) -> None:
    assert "kg_ner" not in make_pipeline(use_cache=False).pipe_names  # default: off
    nlp = make_pipeline(use_cache=False, ner=str(model_dir))
    names = nlp.pipe_names
    assert names.index("kg_rules") < names.index("kg_ner") < names.index("kg_entities")
    text = "Zorblax: fast learning\nWe train Zorblax on Quuxset and report gains."
    doc = nlp(text)
    ner = {(text[c.start : c.end], c.type, c.name) for c in doc.user_data[CANDS] if c.reason == "ner"}
    assert {("Zorblax", "Method", "Zorblax"), ("Quuxset", "Dataset", "Quuxset")} <= ner
    paper = Paper(title="Zorblax: fast learning", abstract="We train Zorblax on Quuxset and report gains.",
                  source=Source("t", 1))
    (extraction,) = Extractor(nlp).extract([paper])
    assert {(m.surface, m.type) for m in extraction.mentions} >= {("Zorblax", "Method"), ("Quuxset", "Dataset")}


def test_build_with_ner_option_adds_what_the_rules_miss(model_dir: Path, tmp_path: Path) -> None:
    papers = write_jsonl(tmp_path / "papers.jsonl", [{"title": "Grobify: fast learning",
                                                      "abstract": "We train Grobify on Snarkdata and report gains."}])

    def links(*options: str) -> dict[str, str]:
        out = tmp_path / f"out{len(options)}"
        result = CliRunner().invoke(main, ["-q", "build", str(papers), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        return {link["target"]: link["reason"] for link in graph["links"] if "reason" in link}

    assert "dataset:snarkdata" not in links()
    assert links("--ner", str(model_dir))["dataset:snarkdata"] == "ner"


def test_gaps_only_keeps_statistical_spans_only_where_no_other_source_found_anything(model_dir: Path) -> None:
    from kg.extract.candidates import Candidate
    from kg.extract.statistical import NERComponent

    text = "Zorblax: fast learning\nWe train Zorblax on Quuxset and report gains."
    ner = spacy.load(model_dir)
    for gaps_only, expected in ((False, {"Zorblax", "Quuxset"}), (True, {"Quuxset"})):
        doc = spacy.blank("en")(text)
        doc.user_data[CANDS] = [Candidate(text.index("Zorblax"), text.index(":"), "Method", "Zorblax", "kb"),
                                Candidate(text.index("We train Z"), text.index(" on"), "Method", "x", "np_head")]
        NERComponent(ner, gaps_only=gaps_only)(doc)
        assert {text[c.start : c.end] for c in doc.user_data[CANDS] if c.reason == "ner"} == expected


def test_the_trained_model_is_part_of_the_extraction_cache_key(model_dir: Path) -> None:
    from kg.scale import ExtractorSpec

    without, with_ner = (ExtractorSpec.of(None, [], False, ner=n).fingerprint for n in ("", str(model_dir)))
    assert without != with_ner


def test_statistical_config_value_adds_kg_ner(model_dir: Path, tmp_path: Path) -> None:
    from kg.extract.lexicon import CONFIG_DIR

    config = (CONFIG_DIR / "extract.toml").read_text(encoding="utf-8")
    assert 'statistical = ""' in config
    lexicon = tmp_path / "extract.toml"
    lexicon.write_text(config.replace('statistical = ""', f'statistical = "{model_dir}"'), encoding="utf-8")
    assert "kg_ner" in make_pipeline(use_cache=False, lexicon=lexicon).pipe_names
    assert "kg_ner" not in make_pipeline(use_cache=False, lexicon=lexicon, ner="").pipe_names
