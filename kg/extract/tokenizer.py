"""A fast tokenizer for the extractor's pipeline: spaCy's ``Tokenizer`` with minimal rules.

spaCy's English rules (hundreds of special cases, URL matching, language-specific affixes)
tokenize about 600 abstracts/s on one core here, a third of the extractor's speed budget.
The extractor only needs tokens for phrase matching, where every pattern goes through the
same tokenizer, so the segmentation can be simple: split on whitespace, then split every
non-word character off as a token of its own (prefix, suffix and infix rules that each match
one such character). "ResNet-50" is "ResNet", "-", "50" in the text and in the pattern
alike. A word of word characters only is one token whatever the rules say, so ``token_match``
takes it whole before the affix and infix searches run (most words of an abstract, and spaCy's
cache keeps only words of its vocabulary). The Cython tokenizer with these rules and its cache
runs at 3,500–7,000 abstracts/s.

spaCy's tokenizer caches at most ``max_cache_size`` whitespace-separated chunks (10,000 by
default) and never evicts one; the KB matcher's patterns alone fill that before the first
abstract, so every word of every abstract went through the affix and infix searches again.
:data:`CACHE_CHUNKS` lets it keep the words of about a million abstracts (a chunk costs some
60 bytes, beside the lexeme spaCy keeps for each new word anyway).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry
from spacy.vocab import Vocab

_PUNCT = re.compile(r"[^\w\s]")  # .match: a prefix, the same as searching with ^ but without the search
_PUNCT_END = re.compile(r"[^\w\s]$")
_WORD = re.compile(r"\w+")
CACHE_CHUNKS = 1 << 20  # distinct whitespace-separated chunks the tokenizer remembers
FAST_TOKENIZER = "kg.FastTokenizer.v1"  # its name in spaCy's registry, for configs


def fast_tokenizer(vocab: Vocab) -> Tokenizer:
    return Tokenizer(
        vocab,
        rules={},
        prefix_search=_PUNCT.match,
        suffix_search=_PUNCT_END.search,
        infix_finditer=_PUNCT.finditer,
        token_match=_WORD.fullmatch,
        max_cache_size=CACHE_CHUNKS,
    )


@registry.tokenizers(FAST_TOKENIZER)
def create_fast_tokenizer() -> Callable[[Language], Tokenizer]:
    """For spaCy configs: ``[nlp.tokenizer] @tokenizers = "kg.FastTokenizer.v1"``."""

    def make(nlp: Language) -> Tokenizer:
        return fast_tokenizer(nlp.vocab)

    return make
