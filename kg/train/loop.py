"""Train a small spaCy NER pipeline on gold-format JSONL, on CPU.

The config is spaCy's own quickstart for ``["ner"]`` optimised for efficiency
(``spacy.cli.init_config``: a hash-embedding CNN ``tok2vec`` — NORM, PREFIX, SUFFIX, SHAPE,
no static vectors — and the transition-based NER parser of Honnibal & Johnson 2015), trained
by ``spacy.training.loop.train`` for a number of epochs. Nothing is downloaded: there are no
pretrained weights. Without a dev file every tenth paper is held out for evaluation, which
runs every 200 steps (or every N steps for N < 200 training papers, so that a small set is
evaluated at least every few epochs).
The best checkpoint is the output; ``kg-train.json`` beside it records the data and scores.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.init_config import init_config
from spacy.tokens import Doc
from spacy.training.initialize import init_nlp
from spacy.training.loop import DIR_MODEL_BEST, DIR_MODEL_LAST
from spacy.training.loop import train as spacy_train
from thinc.api import Config

from kg.train.convert import Conversion, convert, read_jsonl, write_docbin

REPORT = "kg-train.json"
MAX_PROBLEMS = 200  # problems listed in kg-train.json; all are counted


def training_config(train: Path, dev: Path, epochs: int, eval_frequency: int = 200, seed: int = 0) -> Config:
    """spaCy's efficiency quickstart for English NER, run for ``epochs`` epochs."""
    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=False)
    return config.merge({
        "paths": {"train": str(train), "dev": str(dev)},
        "system": {"seed": seed},
        "training": {"max_epochs": epochs, "max_steps": 0, "eval_frequency": eval_frequency,
                     "logger": {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}},
    })


def split_dev(conversion: Conversion) -> tuple[list[Doc], list[Doc]]:
    """(train, dev) docs: every tenth doc is held out (the only doc serves both when alone)."""
    docs = conversion.docs
    if len(docs) < 2:
        return docs, docs
    return [d for i, d in enumerate(docs) if i % 10 != 9], [d for i, d in enumerate(docs) if i % 10 == 9] or docs[-1:]


def train_ner(gold: Path, out_dir: Path, inputs: Sequence[Path] = (), dev: Path | None = None,
              epochs: int = 10, quiet: bool = False) -> dict[str, Any]:
    """Train on ``gold`` (abstracts from the gold lines or ``inputs``), write the pipeline to
    ``out_dir`` and return the report that is also written to ``out_dir/kg-train.json``."""
    nlp = spacy.blank("en")
    input_lines = [line for p in inputs for line in read_jsonl(p)]
    train_conv = convert(nlp, read_jsonl(gold), input_lines)
    if dev is not None:
        dev_conv = convert(nlp, read_jsonl(dev), input_lines)
        train_docs, dev_docs = train_conv.docs, dev_conv.docs
    else:
        dev_conv = None
        train_docs, dev_docs = split_dev(train_conv)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".training-") as tmp:
        work = Path(tmp)
        config = training_config(write_docbin(train_docs, work / "train.spacy"),
                                 write_docbin(dev_docs, work / "dev.spacy"), epochs,
                                 eval_frequency=min(200, len(train_docs)))
        stdout = io.StringIO() if quiet else sys.stderr
        trained = init_nlp(config)
        (work / "output").mkdir()
        spacy_train(trained, work / "output", stdout=stdout, stderr=stdout)
        best = work / "output" / DIR_MODEL_BEST
        shutil.copytree(best if best.is_dir() else work / "output" / DIR_MODEL_LAST, out_dir, dirs_exist_ok=True)
    meta = json.loads((out_dir / "meta.json").read_text(encoding="utf-8"))
    report = {
        "gold": str(gold), "dev": str(dev) if dev else "held out: every 10th paper", "epochs": epochs,
        "train_docs": len(train_docs), "dev_docs": len(dev_docs),
        "conversion": train_conv.summary(), "dev_conversion": dev_conv.summary() if dev_conv else None,
        "problems": [asdict(p) for p in (train_conv.problems + (dev_conv.problems if dev_conv else []))][:MAX_PROBLEMS],
        "scores": meta.get("performance", {}),
    }
    (out_dir / REPORT).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return report
