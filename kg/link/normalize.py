"""Name normalisation for linking, with guards that keep distinct entities apart.

``key`` maps spellings of one name to one string: Unicode NFKC, case folding, hyphens,
underscores, slashes and spaces unified, a possessive and a leading "the" dropped, each
word singular (the scorer's crude rule: a final s off words longer than three letters),
then the words joined ("ResNet 50" = "ResNet-50" = "ResNet50", "pre-training" = "pretraining").
Numbers, versions and sizes are never dropped, so ResNet-50 ≠ ResNet-101, GPT-3 ≠ GPT-4,
Llama-3-8B ≠ Llama-3-70B, ImageNet-1K ≠ ImageNet-21K and CIFAR-10 ≠ CIFAR-100 by construction;
:func:`numbers_agree` states the guard explicitly for fuzzy matching.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEP = re.compile(r"[\s\-_/–—]+")
_ELL = re.compile(r"\bell (?=\d)")
_NUMBERISH = re.compile(r"\d+(?:\.\d+)*[a-z]?")


def _singular_word(w: str) -> str:
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w


@lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    return "".join(_key_words(name))


def _key_words(name: str) -> list[str]:
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = _SEP.sub(" ", s)
    s = _ELL.sub("l ", s)  # "ell_2 distance": LaTeX's \ell stripped of its backslash is L2
    s = re.sub(r"[^\w. +]", "", s).strip(" .")
    return [_singular_word(w) for w in s.split()]


# Words naming the task or the thing a measure is taken on: "top-1 classification accuracy" is top-1
# accuracy measured on classification, as "classification accuracy" is accuracy and "model accuracy" the
# accuracy of a model.
_TASK_WORDS = re.compile(r"\b(?:classification|recognition|detection|segmentation|retrieval|model)\s+(?=\S)", re.I)


def without_task_words(metric: str) -> str:
    """A metric's name without the task it is measured on ("top-1 classification accuracy" → "top-1 accuracy")."""
    return _TASK_WORDS.sub("", metric)


def numbers(name: str) -> tuple[str, ...]:
    """The numbers, versions and sizes in a name, in order ("Llama-3-8B" → ("3", "8b"))."""
    return tuple(_NUMBERISH.findall(" ".join(_key_words(name))))


def numbers_agree(a: str, b: str) -> bool:
    """Guard: two names may only merge when they carry the same numbers/versions/sizes."""
    return numbers(a) == numbers(b)


# One step up a model or dataset family, tried in order: GPT-4o → GPT-4, Llama-3-8B → Llama-3,
# ImageNet-21K → ImageNet, ViT-B/16 → ViT, SQuAD v2.0 → SQuAD, ResNet-50 → ResNet, T5-Large → T5.
_VARIANT_STEPS = [
    re.compile(r"^(?P<base>.*\d)o$"),
    re.compile(r"^(?P<base>.+?)[\s\-_]\d+(?:\.\d+)?[kKMBT]$"),
    re.compile(r"^(?P<base>.+?)[\s\-_][A-Z]/\d+$"),
    re.compile(r"^(?P<base>.+?)[\s\-_]?v?\d+(?:\.\d+)*$"),
    re.compile(r"^(?P<base>.+?)[\s\-_](?:Large|Base|Small|Tiny|XL|XXL|Huge|Mini|Medium|Pro|Plus|Turbo|Lite"
               r"|Ultra|Instruct|Chat|[SMLBH])$"),
]


def family_candidates(name: str) -> list[str]:
    """Names this one may be a variant of, nearest first ("Llama-3-8B" → "Llama-3", "Llama")."""
    out, current = [], name
    while True:
        for step in _VARIANT_STEPS:
            m = step.match(current)
            if m and len(m.group("base").strip(" -_")) >= 2:
                current = m.group("base").strip(" -_")
                out.append(current)
                break
        else:
            return out
