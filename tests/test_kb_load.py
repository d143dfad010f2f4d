"""The curated knowledge base loads cleanly, has the expected shape, and bad files are rejected clearly."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from kg.kb.load import KBError, clash_key, load_kb, normalise

MINIMUM = {"Method": 500, "Dataset": 300, "Metric": 80, "Task": 200}


@pytest.fixture(scope="module")
def kb():
    return load_kb(use_cache=False)


def test_curated_kb_loads_with_expected_sizes(kb):
    counts = {t: n for (source, t), n in kb.counts().items() if source == "curated"}
    for type_, minimum in MINIMUM.items():
        assert counts[type_] >= minimum, (type_, counts)


def test_every_parent_is_an_entry_of_the_same_type(kb):
    for e in kb.entries:
        if e.parent:
            parent = kb.get(e.parent, e.type)
            assert parent is not None and parent.name != e.name, e


def test_training_stages_are_methods(kb):
    """The guidelines type a training procedure as a Method ("self-supervised pretraining"):
    no curated entry named for a training stage is a Task ("image-text pretraining")."""
    stages = ("pretraining", "pre-training", "fine-tuning", "finetuning", "training")
    wrong = [e.name for e in kb.entries
             if e.source == "curated" and e.name.lower().endswith(stages) and e.type != "Method"]
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("ResNet50", "ResNet-50"),
        ("resnet-101", "ResNet-101"),
        ("CIFAR10", "CIFAR-10"),
        ("CIFAR-100", "CIFAR-100"),
        ("SQuAD 2.0", "SQuAD v2.0"),
        ("MS COCO", "COCO"),
        ("LLMs", "large language model"),
        ("ConvNet", "convolutional neural network"),
        ("Llama 3 8B", "Llama-3-8B"),
        ("ViT-L/14", "ViT-L/14"),
        ("feature learning", "representation learning"),
        ("running time", "runtime"),
        ("LLM alignment", "AI alignment"),
        ("face alignment", "face alignment"),
        ("mean corruption error", "mCE"),
        ("Pascal", "Pascal VOC"),
        ("PASCAL", "Pascal VOC"),
        ("paraphrasing", "paraphrase generation"),
        ("text categorization", "text classification"),
        ("linear evaluation", "linear probing"),
        ("EMA", "exponential moving average"),
        ("continuous normalizing flows", "continuous normalizing flow"),
    ],
)
def test_surfaces_resolve_to_one_entry(kb, surface, name):
    assert [e.name for e in kb.lookup(surface)] == [name]


def test_variants_keep_their_numbers_distinct(kb):
    for e in kb.entries:
        for child in kb.children(e.name):
            if child.type != e.type:
                continue
            assert [c.name for c in kb.lookup(child.name)] == [child.name], child
            assert normalise(child.name) not in {normalise(a) for a in e.aliases}, (e.name, child.name)
    assert kb.get("GPT-4o", "Method").parent == "GPT-4"
    assert kb.get("ImageNet-1K", "Dataset").parent == "ImageNet"
    assert {c.name for c in kb.children("ResNet")} >= {"ResNet-18", "ResNet-50", "ResNet-152"}


def test_ambiguous_short_forms_list_every_meaning(kb):
    options = kb.lookup("SAM")
    assert {e.name for e in options} == {"Segment Anything Model", "sharpness-aware minimization"}
    assert all("SAM" in e.ambiguous_aliases and "SAM" not in e.aliases for e in options)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("image retrieval", "image retrieval"),
        ("CBIR", "image retrieval"),
        ("cross-modal retrieval", "cross-modal retrieval"),
        ("lip reading", "lip reading"),
        ("object counting", "object counting"),
        ("dense video captioning", "dense video captioning"),
        ("speaker recognition", "speaker recognition"),
        ("MACs", "MACs"),
        ("chrF++", "chrF++"),
        ("GPT-3.5 Turbo", "GPT-3.5 Turbo"),
        ("Gemini 2.0", "Gemini 2.0"),
        ("double Q-learning", "double Q-learning"),
        ("skip connection", "skip connection"),
        ("ETTm1", "ETTm1"),
        ("RefCOCO+", "RefCOCO+"),
        ("SMAC", "SMAC"),
        ("Gymnasium", "Gymnasium"),
        ("document retrieval", "document retrieval"),
    ],
)
def test_related_concepts_are_not_aliases_of_each_other(kb, surface, name):
    """A broader, narrower or sibling concept, a version or a subset is its own entry, not an alias."""
    assert [e.name for e in kb.lookup(surface)] == [name]


@pytest.mark.parametrize(
    ("surface", "names"),
    [
        ("PLMs", {"pretrained language model", "protein language model"}),
        ("BNN", {"Bayesian neural network", "binary neural network"}),
        ("IR", {"information retrieval", "image restoration"}),
    ],
)
def test_acronyms_with_several_common_meanings_are_ambiguous(kb, surface, names):
    options = kb.lookup(surface)
    assert {e.name for e in options} == names
    assert all(surface in e.ambiguous_aliases for e in options)


GENERIC_WORDS = ("task", "problem", "dataset", "benchmark", "corpus", "metric", "score", "model", "method")


def _without_generic_word(name: str) -> str:
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].casefold() in GENERIC_WORDS else name


def test_no_alias_is_another_entry_but_for_a_generic_word(kb):
    """An alias of one entry that is another entry's name once "task", "dataset", ... is dropped
    ("image retrieval" beside an entry "image retrieval task") names that entry's concept."""
    names = defaultdict(set)
    for e in kb.entries:
        names[e.type, clash_key(_without_generic_word(e.name))].add(e.name)
    clashes = [
        (e.name, alias, sorted(names[e.type, clash_key(_without_generic_word(alias))] - {e.name}))
        for e in kb.entries
        for alias in e.aliases
        if names[e.type, clash_key(_without_generic_word(alias))] - {e.name}
    ]
    assert clashes == []


def test_no_entry_is_a_bare_common_word(kb):
    for word in ("It", "Attention", "Show", "Model", "Data", "alignment"):  # "Hessian alignment" is no AI alignment
        assert kb.lookup(word) == [], word


def test_no_alias_is_a_bare_setting_adjective(kb):
    """"zero-shot performance", "in the few-shot setting": the adjective names a setting, no task."""
    bare = [(e.name, a) for e in kb.entries for a in (e.name, *e.aliases)
            if a.lower().replace(" ", "-") in ("zero-shot", "one-shot", "few-shot", "many-shot")]
    assert bare == []


def _write(tmp_path: Path, *objs: dict | str) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text("".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs))
    return path


@pytest.mark.parametrize(
    ("lines", "line_no", "message"),
    [
        ([{"name": "Foo", "type": "Gadget"}], 1, "unknown type 'Gadget'"),
        ([{"type": "Method", "aliases": ["x"]}], 1, "missing name"),
        ([{"name": "Foo", "type": "Method"}, {"name": "Foo", "type": "Method"}], 2, "duplicate canonical name"),
        ([{"name": "Foo-7B", "type": "Method", "parent": "Foo"}], 1, "parent 'Foo'"),
        ([{"name": "Foo", "type": "Method"}, {"name": "Bar", "type": "Dataset", "parent": "Foo"}], 2, "parent 'Foo'"),
        (
            [
                {"name": "Foo Net", "type": "Method", "aliases": ["FN"]},
                {"name": "Foo Norm", "type": "Method", "aliases": ["FN"]},
            ],
            1,
            "alias shared by several entries",
        ),
        ([{"name": "Foo", "type": "Method", "colour": "red"}], 1, "unknown field 'colour'"),
        ([{"name": "Foo", "type": "Method", "wikidata": "42"}], 1, "not a QID"),
        (['{"name": "Foo", '], 1, "invalid JSON"),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, lines, line_no, message):
    path = _write(tmp_path, *lines)
    with pytest.raises(KBError) as err:
        load_kb([path], use_cache=False)
    assert any(p.startswith(f"{path}:{line_no}:") and message in p for p in err.value.problems), err.value.problems


def test_shared_alias_marked_ambiguous_is_accepted(tmp_path):
    path = _write(
        tmp_path,
        {"name": "Foo Net", "type": "Method", "ambiguous_aliases": ["FN"]},
        {"name": "false negative rate", "type": "Metric", "ambiguous_aliases": ["FN"]},
    )
    kb = load_kb([path], use_cache=False)
    assert {e.name for e in kb.lookup("FN")} == {"Foo Net", "false negative rate"}


def test_cache_adds_to_curated_entries_without_overriding(tmp_path):
    curated = _write(tmp_path, {"name": "Foo Net", "type": "Method", "aliases": ["FNet"]})
    cache = tmp_path / "pwc.jsonl"
    cache.write_text(
        "\n".join(
            json.dumps(o)
            for o in [
                {"name": "foo-net", "type": "Method", "aliases": ["Foo Network"], "pwc": "foo-net", "source": "pwc"},
                {"name": "FNet", "type": "Task", "source": "pwc"},
                {"name": "Bar Baz", "type": "Task", "aliases": ["Foo Network"], "parent": "bar", "source": "pwc"},
                {"name": "Bar", "type": "Task", "source": "pwc"},
            ]
        )
    )
    kb = load_kb([curated], cache=cache)
    foo = kb.get("Foo Net")
    assert (foo.source, foo.aliases, foo.pwc) == ("curated", ("FNet", "Foo Network"), "foo-net")
    assert [e.name for e in kb.lookup("FNet")] == ["Foo Net"]  # the Task of the same name is skipped
    baz = kb.get("Bar Baz", "Task")
    assert (baz.source, baz.aliases, baz.parent) == ("pwc", (), "Bar")
    assert load_kb([curated], cache=cache, use_cache=False).get("Bar Baz") is None
