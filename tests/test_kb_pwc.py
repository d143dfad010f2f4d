"""`kg kb import-pwc`: a crafted archive for exact results, and the real archive in ../shared when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from kg.cli import main
from kg.extract.kb_matcher import KBMatcher
from kg.extract.tokenizer import fast_tokenizer
from kg.kb.load import KBEntry, load_kb
from kg.kb.pwc import import_pwc, model_name, split_acronym

ARCHIVE = Path(__file__).resolve().parent.parent.parent / "shared" / "kb" / "pwc-archive"

CURATED = [
    {"name": "question answering", "type": "Task", "aliases": ["QA"]},
    {"name": "SQuAD", "type": "Dataset"},
    {"name": "F1 score", "type": "Metric", "aliases": ["F1"]},
    {"name": "BERT", "type": "Method"},
    {"name": "data augmentation", "type": "Method"},
]
DETAILED = (
    "Task Name,Dataset Count,Common Datasets (Top 10),Benchmarks,SOTA Metrics,Subtasks,Categories\n"
    'Question Answering,5,SQuAD; Satellite; FooQA; SOTA; Social media,FooQA test; FooQA,"F1; Foo Score; Accuracy (%)",'
    "Open-Domain Question Answering,NLP\n"
    "Data Augmentation,1,CIFAR-10,,Foo Score,,Methodology\n"
)
HIERARCHY = (
    "Parent Task,Child Tasks Count,Child Tasks,Task Depth,Categories\n"
    "Object Detection,4,3D Object Detection; Attention; Small Object Detection; Optical Character Recognition (OCR); "
    "Truncated Detect...,1,Computer Vision\n"
    "Multimodal,1,Visual Question Answering,1,Multimodal\n"
)
LEADERBOARD = [
    {
        "task": "Question Answering",
        "synonyms": [],
        "datasets": [
            {
                "dataset": "FooQA",
                "sota": {
                    "metrics": ["F1", "EM", "Zap Index"],
                    "rows": [
                        {"model_name": "BERT (single model)", "metrics": {}},
                        {"model_name": "FooNet-2 (ensemble)", "metrics": {}},
                        {"model_name": "zhangjingyan", "metrics": {}},
                        {"model_name": "Bahuleyan and Vechtomova 2017", "metrics": {}},
                        {"model_name": "BiDAF + Self Attention", "metrics": {}},
                        {"model_name": "Regularization of Neural Networks using DropConnect", "metrics": {}},
                    ],
                },
            }
        ],
        "subtasks": [{"task": "Visual Fooing", "datasets": [], "subtasks": []}],
    }
]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    (root / "leaderboards").mkdir(parents=True)
    (root / "task_hierarchy.csv").write_text(HIERARCHY)
    (root / "nlp_tasks_detailed.csv").write_text(DETAILED)
    (root / "all_tasks.txt").write_text(
        '"Sketch"\n"2k"\n"Visual Fooing"\n"text-guided-image-editing"\n"Deep Hashing"\n"Sentence Embeddings"\n'
        '"Computer Vision"\n')
    (root / "research_areas.csv").write_text("Research Area,Task Count,Example Tasks\nComputer Vision,2,Sketch\n")
    (root / "synonyms.csv").write_text('task,synonym\n"Visual Fooing","Foo Vision"\n')
    (root / "leaderboards" / "foo.json").write_text(json.dumps(LEADERBOARD))
    return root


@pytest.fixture
def curated(tmp_path: Path):
    path = tmp_path / "curated.jsonl"
    path.write_text("".join(json.dumps(o) + "\n" for o in CURATED))
    return load_kb([path], use_cache=False), path


def test_crafted_archive_is_filtered_exactly(archive, curated, tmp_path):
    kb, _ = curated
    cache = tmp_path / "cache" / "pwc.jsonl"
    report = import_pwc(archive, cache, kb)
    rows = [json.loads(line) for line in cache.read_text().splitlines()]
    assert {(r["type"], r["name"]) for r in rows} == {
        ("Task", "Object Detection"),
        ("Task", "3D Object Detection"),
        ("Task", "Small Object Detection"),
        ("Task", "Optical Character Recognition"),
        ("Task", "Open-Domain Question Answering"),
        ("Task", "Visual Fooing"),
        ("Task", "Visual Question Answering"),
        ("Task", "Question Answering"),  # these three only enrich curated entries
        ("Dataset", "FooQA"),
        ("Dataset", "CIFAR-10"),
        ("Dataset", "SQuAD"),
        ("Metric", "Foo Score"),
        ("Metric", "F1"),
        ("Method", "FooNet-2"),
        ("Method", "BERT"),
    }
    by_name = {r["name"]: r for r in rows}
    assert by_name["3D Object Detection"]["parent"] == "Object Detection"
    assert by_name["Optical Character Recognition"]["aliases"] == ["OCR"]
    assert by_name["Open-Domain Question Answering"]["parent"] == "Question Answering"
    assert "parent" not in by_name["Visual Question Answering"]  # "Multimodal" is no task of its own
    assert by_name["Visual Fooing"] == {
        "name": "Visual Fooing", "type": "Task", "aliases": ["Foo Vision"], "parent": "Question Answering",
        "pwc": "visual-fooing", "source": "pwc",
    }
    assert report.dropped == {
        "common-word": 3,  # the tasks Attention and Sketch, the dataset Satellite
        "too-short": 2,  # 2k, EM
        "slug-or-language-pair": 1,  # text-guided-image-editing
        "split-or-setting": 2,  # FooQA test, Accuracy (%)
        "rare-metric": 1,  # Zap Index, seen once
        "not-a-model-name": 1,  # zhangjingyan
        "configuration-or-citation": 3,  # a citation, a combination, a paper title
        "curated-other-type": 1,  # the task Data Augmentation is a curated Method
        "not-a-name": 1,  # the dataset SOTA
        "plain-phrase": 1,  # the dataset Social media ("media": an irregular plural of a dictionary word)
        "adjective": 1,  # the task Multimodal
        "method-head": 2,  # the tasks Deep Hashing and Sentence Embeddings name techniques
        "research-area": 1,  # the task Computer Vision is a field
    }
    assert sum(report.kept.values()) == 11 and sum(report.merged.values()) == 4


def test_import_is_idempotent_and_loader_merges_the_cache(archive, curated, tmp_path):
    kb, path = curated
    cache = tmp_path / "pwc.jsonl"
    import_pwc(archive, cache, kb)
    first = cache.read_bytes()
    import_pwc(archive, cache, kb)
    assert cache.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pwc-")] == []
    merged = load_kb([path], cache=cache)
    qa = merged.get("question answering", "Task")
    assert qa.source == "curated" and qa.pwc == "question-answering"
    children = {c.name for c in merged.children("question answering")}
    assert children == {"Open-Domain Question Answering", "Visual Fooing"}
    assert [e.name for e in merged.lookup("OCR")] == ["Optical Character Recognition"]
    assert merged.lookup("Attention") == [] and merged.lookup("Sketch") == []


@pytest.mark.parametrize(
    ("raw", "name"),
    [("BERT (single model)", "BERT"), ("Hierarchical-Learning-V1 (ensemble)", "Hierarchical-Learning-V1"),
     ("LSTM (2017)", "LSTM"), ("(ensemble)", "")],
)
def test_model_name_drops_trailing_qualifiers(raw, name):
    assert model_name(raw) == name


def test_split_acronym_checks_the_letters():
    assert split_acronym("Optical Character Recognition (OCR)") == ("Optical Character Recognition", ["OCR"])
    assert split_acronym("Electrocardiography (ECG)") == ("Electrocardiography", ["ECG"])
    assert split_acronym("3D Object Detection (RoI)") == ("3D Object Detection (RoI)", [])


def test_cli_import_stats_show(archive, tmp_path):
    runner = CliRunner()
    cache = tmp_path / "kbcache"
    out = runner.invoke(main, ["kb", "import-pwc", str(archive), "--cache", str(cache)])
    assert out.exit_code == 0, out.output
    assert "dropped" in out.output and "common-word" in out.output and (cache / "pwc.jsonl").is_file()
    stats = runner.invoke(main, ["kb", "stats", "--cache", str(cache)])
    assert stats.exit_code == 0 and "curated" in stats.output and "pwc" in stats.output
    task_row = next(line.split() for line in stats.output.splitlines() if line.startswith("Task"))
    assert int(task_row[2]) >= 1  # Visual Fooing at least (the others may be curated already)
    shown = runner.invoke(main, ["kb", "show", "Visual Fooing", "--cache", str(cache)])
    assert shown.exit_code == 0 and '"source": "pwc"' in shown.output
    missing = runner.invoke(main, ["kb", "show", "No Such Thing", "--cache", str(cache)])
    assert missing.exit_code != 0 and "no KB entry" in missing.output


@pytest.fixture(scope="module")
def real_import(tmp_path_factory):
    if not ARCHIVE.is_dir():
        pytest.skip("../shared/kb/pwc-archive is not there")
    cache = tmp_path_factory.mktemp("pwc") / "pwc.jsonl"
    report = import_pwc(ARCHIVE, cache, load_kb(use_cache=False))
    return report, cache


def test_real_archive_import(real_import):
    report, cache = real_import
    assert all(report.kept[t] > 100 for t in ("Task", "Dataset", "Metric", "Method")), report.kept
    assert report.dropped["common-word"] > 0 and report.dropped["rare-metric"] > 0
    kb = load_kb(cache=cache)
    counts = kb.counts()
    assert all(counts["pwc", t] > 100 for t in ("Task", "Dataset", "Metric", "Method"))
    real_time = kb.get("Real-Time Object Detection", "Task")
    assert (real_time.source, real_time.parent) == ("pwc", "object detection")
    assert kb.get("object detection", "Task").source == "curated"
    for word in ("Attention", "Sketch", "Cancer", "Video", "Satellite", "Task 2", "Multimodal", "SOTA", "Social media"):
        assert kb.lookup(word) == [], word
    for e in kb.entries:
        if e.parent:
            assert kb.get(e.parent, e.type) is not None, e
        if e.source == "pwc":
            assert len(e.name) >= 3 and not e.name.isdigit()
            assert " " in e.name or not e.name.islower() or e.type != "Method", e


def test_imported_styled_names_match_only_as_written():
    """Imported names keep their styling: "IntrA" and "FOR-instance" are datasets, "intra" and
    "For instance" English; a Title-Case name of plain words and generic nouns matches only in
    Title Case, a one-word dataset or model name only capitalised (tasks in any case). A curated
    name with the same styling still matches in any case."""
    nlp = spacy.blank("en")
    nlp.tokenizer = fast_tokenizer(nlp.vocab)

    def entry(name: str, type_: str, source: str = "pwc") -> KBEntry:
        return KBEntry(id=f"{type_.lower()}:{name.lower()}", type=type_, name=name, source=source)

    matcher = KBMatcher(nlp, [entry("IntrA", "Dataset"), entry("FOR-instance", "Dataset"),
                              entry("Real-world Datasets", "Dataset"), entry("GA reader", "Method"),
                              entry("Bio", "Dataset"), entry("Colorization", "Task"),
                              entry("DeepLab", "Method", source="curated")])

    def found(text: str) -> list[str]:
        doc = nlp(text)
        return [text[c.start : c.end] for c in matcher(doc)]

    assert found("For instance, intra-class variance on real-world datasets of bio entities is high, as deeplab "
                 "shows for colorization.") == ["deeplab", "colorization"]
    assert sorted(found("We test on IntrA, FOR-instance, Bio and Real-world Datasets with the GA Reader.")) == [
        "Bio", "FOR-instance", "GA Reader", "IntrA", "Real-world Datasets"]
