"""A synthetic corpus of any size, recombined from the example abstracts' sentences.

Each abstract is 4 to 8 sentences drawn from ``examples/abstracts.jsonl``; every name-shaped
word in them (CamelCase, words with digits, all-caps acronyms) is replaced by a random name:
a dataset name after "on"/"from", else a method name (CamelCase syllables with digits). Names
are drawn from pools that grow with the corpus (N/4 methods, N/20 datasets) with a skewed
(Zipf-like) frequency, so that nodes recur across papers as in real literature and the graph
grows with N. Each paper proposes a name of its own, which is also in its title, so titles
are unique and no paper is a duplicate. The same ``seed`` gives the same corpus.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "abstracts.jsonl"
NAME = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+[A-Z][\w]*|[A-Z][\w]*\d[\w]*|[A-Z]{2,}s?)(?:[-/][\w.]+)*(?![\w-])")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
SYLLABLES = ("Res", "Net", "Vi", "Former", "Mix", "Glo", "Dif", "Fu", "Sion", "Bert", "Ga", "Lor", "Qua", "Tra",
             "Vox", "Zen", "Pix", "Seg", "Flow", "Graph", "Mamba", "Llama", "Dino", "Clip", "Nova", "Kite")
DATASET_SUFFIXES = ("QA", "Bench", "-1K", "Set", "100", "-Eval", "Corpus", "10", "-XL")


def camel(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def method_name(rng: random.Random) -> str:
    name = camel(rng, rng.randint(2, 3))
    return f"{name}-{rng.randint(1, 200)}" if rng.random() < 0.5 else name


def dataset_name(rng: random.Random) -> str:
    return camel(rng, rng.randint(1, 2)) + rng.choice(DATASET_SUFFIXES)


def skewed(rng: random.Random, pool: list[str]) -> str:
    return pool[int(len(pool) * rng.random() ** 3)]


def example_texts(path: Path = EXAMPLES) -> tuple[list[str], list[str]]:
    """(sentences of every example abstract, the examples' titles)."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s for r in records for s in SENTENCE.split(r["abstract"]) if s]
    return sentences, [r["title"] for r in records]


def generate(n: int, seed: int = 0, path: Path = EXAMPLES) -> Iterator[dict[str, str]]:
    """``n`` records {"id", "title", "abstract"}."""
    rng = random.Random(seed)
    sentences, titles = example_texts(path)
    methods = [method_name(rng) for _ in range(max(50, n // 4))]
    datasets = [dataset_name(rng) for _ in range(max(20, n // 20))]

    def rename(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            before = text[max(0, m.start() - 5) : m.start()]
            return skewed(rng, datasets) if re.search(r"\b(?:on|from) $", before) else skewed(rng, methods)

        return NAME.sub(one, text)

    for i in range(n):
        own = f"{camel(rng, 2)}{i}"
        title = rng.choice(titles)
        title = f"{own}: {rename(title.split(':', 1)[-1].strip())}"
        abstract = " ".join(rename(s) for s in rng.sample(sentences, rng.randint(4, 8)))
        abstract = NAME.sub(own, abstract, count=1)
        yield {"id": f"syn{i:07d}", "title": title, "abstract": abstract}


def write_corpus(path: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` synthetic papers as JSON Lines (once: an existing file of that name is kept)."""
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for record in generate(n, seed):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        tmp.replace(path)
    return path
