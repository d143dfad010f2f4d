"""What builds the extraction pipeline, in a form worker processes can receive.

An :class:`ExtractorSpec` is small and picklable: a process pool or a Dask worker receives it
with its chunk of papers and builds (once per process) the same pipeline as the build's own
process. Its ``fingerprint`` hashes everything an Extraction depends on besides the paper's
text (extractor code, word lists, knowledge base, tokenizer model, versions), so that cached
Extractions are reused only when re-extracting would give the same result, and so that a
process (or a long-lived Dask worker) never reuses a pipeline built from an older KB.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.model import Extraction, Paper

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class ExtractorSpec:
    model: str | None = None  # spaCy pipeline for the tokenizer (default: config/extract.toml)
    kb_paths: tuple[str, ...] = ()  # absolute paths of curated KB files (default: config/kb/*.jsonl)
    use_kb_cache: bool = True
    fingerprint: str = ""
    ner: str | None = None  # trained NER pipeline for kg_ner ("" off; default: config/extract.toml)

    @classmethod
    def of(cls, model: str | None, kb_paths: Iterable[Path], use_kb_cache: bool,
           ner: str | None = None) -> ExtractorSpec:
        spec = cls(model, tuple(str(Path(p).resolve()) for p in kb_paths), use_kb_cache, ner=ner)
        return replace(spec, fingerprint=spec.digest())

    def pipeline(self) -> Language:
        """This process's pipeline for the spec, built on first use."""
        return _pipeline(self)

    def digest(self) -> str:
        """sha1 over the extractor's sources, its word lists, the loaded KB and the versions."""
        import spacy

        from kg import extract
        from kg.extract.lexicon import CONFIG_DIR, default_lexicon
        from kg.extract.statistical import model_fingerprint
        from kg.kb.load import load_kb

        h = hashlib.sha1()
        for part in (__version__, spacy.__version__, self.model or "", str(self.use_kb_cache)):
            h.update(part.encode() + b"\0")
        for path in (*sorted(Path(extract.__file__).parent.glob("*.py")), CONFIG_DIR / "extract.toml"):
            h.update(path.read_bytes() + b"\0")
        kb = load_kb([Path(p) for p in self.kb_paths] or None, use_cache=self.use_kb_cache)
        h.update(json.dumps([e.to_json() for e in kb.entries], sort_keys=True).encode())
        ner = default_lexicon().statistical if self.ner is None else self.ner
        h.update(model_fingerprint(ner).encode() if ner else b"")
        return h.hexdigest()


@lru_cache(maxsize=2)
def _pipeline(spec: ExtractorSpec) -> Language:
    from kg.extract import make_pipeline

    return make_pipeline(spec.model, [Path(p) for p in spec.kb_paths], spec.use_kb_cache, ner=spec.ner)


def extract_chunk(spec: ExtractorSpec, papers: list[Paper]) -> list[Extraction]:
    """The task a pool or Dask worker runs: one chunk of papers -> their Extractions, in order."""
    from kg.extract import Extractor

    return list(Extractor(spec.pipeline()).extract(papers))
