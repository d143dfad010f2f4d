"""Extraction: a spaCy pipeline that finds methods, datasets, metrics and tasks in abstracts.

:func:`make_pipeline` builds it (the configured model's tokenizer plus the ``kg_*`` components
of :mod:`kg.extract.components`); :class:`Extractor` runs it over papers with ``nlp.pipe`` and
turns each Doc into an :class:`~kg.model.Extraction` with offsets into the title or abstract.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import components, statistical  # noqa: F401 (registers kg_ner)
from kg.extract.lexicon import default_lexicon, model_path
from kg.extract.tokenizer import FAST_TOKENIZER
from kg.model import Extraction, Mention, Paper

PIPES = ("kg_kb_matcher", "kg_abbreviations", "kg_rules", "kg_entities", "kg_results")


def tokenizer_only(model: str, fast: bool = False) -> Language:
    """The tokenizer and vocabulary of a spaCy pipeline (package name or path), no components;
    ``fast``: the fast tokenizer (:mod:`kg.extract.tokenizer`) in place of the model's own, which
    is then neither built nor read (its special cases cost 0.26 CPU s per pipeline)."""
    path = model_path(model)
    config = spacy.util.load_config(path / "config.cfg")
    exclude = list(config["nlp"]["pipeline"])
    if not fast:
        return spacy.load(path, exclude=exclude)
    fast_config = {"nlp": {"tokenizer": {"@tokenizers": FAST_TOKENIZER}}}
    return spacy.load(path, exclude=[*exclude, "tokenizer"], config=fast_config)


def make_pipeline(
    model: str | None = None, kb_paths: Iterable[Path] = (), use_cache: bool = True, lexicon: Path | None = None,
    ner: str | None = None,
) -> Language:
    """The default pipeline: ``model``'s vocabulary with the fast tokenizer (or the model's own
    tokenizer when config/extract.toml says ``tokenizer = "spacy"``), then the kg components;
    ``kg_ner`` too when ``ner`` (default: config ``statistical``) names a trained NER pipeline."""
    lex = default_lexicon(str(lexicon) if lexicon else None)
    nlp = tokenizer_only(model or lex.model, fast=lex.tokenizer == "fast")
    lexcfg = {"lexicon": str(lexicon) if lexicon else ""}
    nlp.add_pipe("kg_kb_matcher", config={"kb_paths": [str(p) for p in kb_paths], "use_cache": use_cache})
    nlp.add_pipe("kg_abbreviations", config=lexcfg)
    nlp.add_pipe("kg_rules", config=lexcfg)
    ner = lex.statistical if ner is None else ner
    if ner:
        nlp.add_pipe("kg_ner", config={"model": ner})
    nlp.add_pipe("kg_entities", config=lexcfg)
    nlp.add_pipe("kg_results")
    return nlp


def _sentence_of(pos: int, sentences: list[tuple[int, int]], starts: list[int], text: str,
                 texts: dict[int, str]) -> str:
    """The sentence holding ``pos`` ("" between sentences): one string per sentence in ``texts``,
    shared by its mentions (a build holds every mention's sentence); the bounds are sorted."""
    i = bisect_right(starts, pos) - 1
    if i < 0 or pos >= sentences[i][1]:
        return ""
    s, e = sentences[i]
    if s not in texts:
        texts[s] = text[s:e]
    return texts[s]


def doc_to_extraction(doc: Doc, paper: Paper) -> Extraction:
    title_end = len(paper.title)
    text = components.doc_text(doc)
    sentences = doc.user_data[components.SENTS]
    starts = [s for s, _ in sentences]
    mentions = []
    texts: dict[int, str] = {}
    for c in doc.user_data[components.ENTS]:
        in_title = c.start < title_end
        offset = 0 if in_title else title_end + 1
        sentence = _sentence_of(c.start, sentences, starts, text, texts)
        mentions.append(
            Mention(
                surface=text[c.start : c.end], field="title" if in_title else "abstract",
                start=c.start - offset, end=c.end - offset, type=c.type, name=c.name, reason=c.reason,
                sentence=sentence, kb_id=c.kb_id, proposed=c.proposed, long_form=c.long_form,
            )
        )
    return Extraction(paper, mentions, doc.user_data.get(components.RESULTS, []),
                      dict(doc.user_data.get(components.ABBR, {})))


class Extractor:
    """Runs the pipeline over papers: ``Extractor().extract(papers)`` yields Extractions."""

    def __init__(self, nlp: Language | None = None, batch_size: int = 256) -> None:
        self.nlp = nlp or make_pipeline()
        self.batch_size = batch_size

    def extract(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        """One process; :mod:`kg.scale` runs extractors in parallel (a process pool or Dask)."""

        def docs() -> Iterator[tuple[Doc, Paper]]:
            for paper in papers:
                doc = self.nlp.make_doc(paper.text)
                doc.user_data[components.TITLE_END] = len(paper.title)
                doc.user_data[components.TEXT] = paper.text
                doc.user_data[components.NO_SPANS] = True
                yield doc, paper

        for doc, paper in self.nlp.pipe(docs(), as_tuples=True, batch_size=self.batch_size):
            yield doc_to_extraction(doc, paper)
