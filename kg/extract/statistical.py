"""The optional statistical NER component, ``kg_ner``: a trained spaCy NER pipeline's
entities as extractor candidates.

The trained pipeline (``kg train``, :mod:`kg.train`) is loaded from a path or package name
and run on the Doc's text with its own tokenizer, so it sees exactly what it was trained on
whatever tokenizer the host pipeline uses. Each entity whose label is an entity type becomes
a ``Candidate(reason="ner")``; ``kg_entities`` then weighs it against the rule-based ones
(:func:`kg.extract.candidates.resolve`). With ``gaps_only`` (the default) a statistical span
is kept only where no other source proposed anything, so the model adds recall without
overriding the KB and the rules: on the dev gold this lost less precision than letting its
(often longer) spans compete, see docs/guide/train.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import Candidate
from kg.extract.components import CANDS, doc_text
from kg.extract.lexicon import node_name
from kg.model import ENTITY_TYPES


@Language.factory("kg_ner", default_config={"model": "", "gaps_only": True, "batch_size": 64})
def make_ner(nlp: Language, name: str, model: str, gaps_only: bool, batch_size: int) -> NERComponent:
    return NERComponent(spacy.load(model), gaps_only, batch_size)


class NERComponent:
    def __init__(self, ner: Language, gaps_only: bool = True, batch_size: int = 64) -> None:
        self.ner, self.gaps_only, self.batch_size = ner, gaps_only, batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, batch_size or self.batch_size)):
            for doc, ner_doc in zip(batch, self.ner.pipe(doc_text(d) for d in batch), strict=True):
                self.add(doc, ner_doc)
                yield doc

    def add(self, doc: Doc, ner_doc: Doc) -> None:
        cands: list[Candidate] = doc.user_data.setdefault(CANDS, [])
        occupied = bytearray(len(ner_doc.text) + 1)
        if self.gaps_only:
            for c in cands:
                occupied[c.start : c.end] = b"\x01" * c.length
        for ent in ner_doc.ents:
            if ent.label_ in ENTITY_TYPES and not any(occupied[ent.start_char : ent.end_char]):
                cands.append(Candidate(ent.start_char, ent.end_char, ent.label_, ner_name(ent.text), "ner"))


def ner_name(surface: str) -> str:
    """A proper name (every word capitalised: "Zorblax", "Penn Treebank") as written, else the
    node name of a generic phrase (:func:`kg.extract.lexicon.node_name`)."""
    words = surface.split()
    return " ".join(words) if all(w[0].isupper() for w in words) else node_name(surface)


def model_fingerprint(model: str) -> str:
    """sha1 over a trained pipeline's files (its name when it is an installed package)."""
    path = Path(model)
    h = hashlib.sha1(model.encode())
    if path.is_dir():
        for f in sorted(p for p in path.rglob("*") if p.is_file()):
            h.update(str(f.relative_to(path)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()
