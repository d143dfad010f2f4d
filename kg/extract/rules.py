"""Rules for names the knowledge base does not know.

* ``name_shape``: a word shaped like a name: CamelCase or inner capitals (FreeDoM, mIoU),
  letters with digits and versions (ResNet-50, GPT-4o, Llama-3-8B, ViT-B/16), all-caps
  acronyms of three or more letters; not a quantity ("600MB", "8xV100", "1.5B-parameter"), a formula
  or identifier with an underscore ("AP_r", "CO_2"), a dictionary word with an acronym's letters in
  capitals ("FUNGI, Features from UNsupervised GradIents"), nor a licence ("the MIT license").
  Typed by its suffix (…Bench, …QA → Dataset; …Net, …Former, …GAN → Method) and its context
  ("the X dataset", "on X" in a sentence of evaluation, scores or performance).
* ``np_head``: a noun phrase ending in a head noun typed in config/extract.toml
  ("contrastive loss" → Method, "zero-shot image classification" → Task, "attack success
  rate" → Metric), grown leftwards over modifier-like words and stopped by the stop list,
  punctuation, adverbs and verb-like words: a tagger-free approximation of a base noun
  phrase chunker (Ramshaw & Marcus 1995 define the chunks; here the head lexicon types them).

Words are whitespace-separated tokens with their surrounding punctuation peeled off, which
keeps "ResNet-50" or "VisualQuality-R1" whole where spaCy's tokenizer splits on hyphens (a dash
typed as hyphens separates words: "ImageNet---achieved"); a model's special token in square
brackets ("[MASK]") is no name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, islice
from operator import attrgetter

from kg.extract.candidates import Candidate
from kg.extract.lexicon import Lexicon, node_name, singular
from kg.kb.filters import ENGLISH, NOT_NAMES
from kg.model import EntityType

# Punctuation peeled off a whitespace-separated word: opening, then closing and a possessive.
_LEAD_CHARS = "([{\"'“‘"
_TRAIL_CHARS = ".,;:!?)]}\"'”’"
_LEAD, _TRAIL = frozenset(_LEAD_CHARS), frozenset(_TRAIL_CHARS)
_POSSESSIVE = ("'s", "’s")
_SPECIAL_TOKEN = re.compile(r"\[[A-Z]+\]")  # a model's special token: "[MASK]", "[CLS]"
# A dash typed as two or three hyphens between words ("ImageNet---achieved"): read as a comma and spaces of the same
# length, so that the words' offsets stay those of the text.
_DASH_RUN = re.compile(r"(?<=[^\s-])-{2,}(?=[^\s-])")
_WORDLIKE = re.compile(r"[A-Za-zΑ-Ωα-ω][\w\-/.+]*[\w+]|[A-Za-z]")
_HAS_INNER_CAP = re.compile(r".[A-Z]")
_HAS_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"^[\d.,%x×+\-]+$")
_PREFIXES = frozenset("sub non pre re co multi semi self inter intra meta post anti de un over under super".split())
_PRONOUNS = frozenset(("we", "they", "i", "it", "he", "she"))
# words after which a noun that is also a verb is a noun: "the benchmark X", "on benchmarks X"
_NOUN_OPENERS = frozenset(("the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "on", "upon",
                           "by", "of", "in", "from", "with", "at", "for", "than"))
_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")

_DATASET_SUFFIX = re.compile(r"(Bench|bench|QA|Eval|Set|set|Arena|Corpus|Data|DB|Hub|-\d+[Kk])$")
_METHOD_SUFFIX = re.compile(r"(Net|Former|former|GAN|BERT|GPT|LM|VAE|Diffusion|Flow|Mamba|NeRF)$")
_EVAL_STEMS = ("evaluat", "experiment", "benchmark", "dataset", "outperform", "achiev", "result", "test", "accura",
               "improvement", "score", "perform")
_EVAL_WORDS = re.compile(rf"\b({'|'.join(_EVAL_STEMS)})", re.I)


class Word:
    """A whitespace-separated word with its surrounding punctuation peeled off. One object per
    distinct spelling, shared by all its occurrences (:func:`_peeled` is memoised), so it holds no
    offset: :class:`Words` keeps where each occurrence starts. (A slotted class: Python 3.11 reads
    its attributes faster than a NamedTuple's.)"""

    __slots__ = ("text", "lower", "offset", "lead", "trail", "shaped", "capital", "compound", "suffix_type",
                 "members", "name", "modifier", "lower_initial", "spelled")

    def __init__(self, text: str, offset: int, lead: bool, trail: bool, token: bool = False) -> None:
        self.text, self.lower = text, text.lower()
        self.offset = offset  # where ``text`` starts in the whitespace-separated chunk
        self.lead = lead  # punctuation was peeled off before it
        self.trail = trail  # ... or after it
        self.shaped = not token and is_name_shaped(text)  # ``token``: a model's special token ("[MASK]")
        # one capital, then lower-case letters ("Fishr"): a name only in a list of names
        self.capital = len(text) >= 3 and text[0].isupper() and text[1:].islower() and text.isalpha() and not lead
        # "dual-encoder": ("dual", "encoder"); None without a hyphen, or after a prefix ("sub-network")
        self.compound = _compound(self.lower)
        # what name_candidates asks of a name-shaped word at each occurrence, found once per spelling
        self.suffix_type: EntityType | None = suffix_type(text) if self.shaped else None
        self.members = tuple(compressed_members(text)) if self.shaped else ()
        self.spelled = _spelled_capitals(text) if self.shaped else ""
        self.name = text[:-1] if text.endswith("s") and text[:-1].isupper() else text  # "LLMs": LLM
        self.modifier = _modifier_kind(self)
        self.lower_initial = text[:1].islower()


_SHAPED, _LOWER_INITIAL, _CAPITAL = attrgetter("shaped"), attrgetter("lower_initial"), attrgetter("capital")


class Words:
    """The words of one sentence, ``words[i]`` starting at ``starts[i]`` in the text."""

    __slots__ = ("words", "starts")

    def __init__(self, words: list[Word], starts: list[int]) -> None:
        self.words, self.starts = words, starts

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.words[i].text)


@lru_cache(maxsize=1 << 16)
def _peeled(raw: str) -> Word | None:
    """One whitespace-separated word without its punctuation (None when nothing is left);
    memoised: abstracts repeat most of their words."""
    core, offset, lead, trail = raw, 0, False, False
    if core[0] in _LEAD:
        core = core.lstrip(_LEAD_CHARS)
        offset, lead = len(raw) - len(core), True
    if core and (core[-1] in _TRAIL or core.endswith(_POSSESSIVE)):
        peeled = core.rstrip(_TRAIL_CHARS)
        if peeled.endswith(_POSSESSIVE):
            peeled = peeled[:-2]
        core, trail = peeled, peeled != core
    if "(" in core[1:]:  # "ImageNet-E(diting)": the name before the bracket
        core, trail = core[: core.index("(", 1)], True
    if not core:
        return None
    return Word(core, offset, lead, trail, raw[0] == "[" and _SPECIAL_TOKEN.match(raw) is not None)


def _compound(lower: str) -> tuple[str, str] | None:
    """A hyphenated word's modifier and last part, where the last part may be a head noun."""
    if "-" not in lower or "/" in lower:
        return None
    prefix, last = lower.rsplit("-", 1)
    return None if prefix in _PREFIXES else (prefix, last)


def _as_comma(dash: re.Match[str]) -> str:
    return "," + " " * (len(dash.group()) - 1)


def words_of(text: str, start: int = 0, end: int | None = None) -> Words:
    """The words of text[start:end]: str.split, offsets by str.find, punctuation peeled by
    :func:`_peeled` (2.4x a regex with groups; this is the extractor's hottest loop); a dash typed
    as hyphens between two words ends the first ("ImageNet---achieved")."""
    words, starts = [], []
    segment = text[start:end]
    if "--" in segment:
        segment = _DASH_RUN.sub(_as_comma, segment)
    pos = 0
    for raw in segment.split():
        s = segment.find(raw, pos)
        pos = s + len(raw)
        w = _peeled(raw)
        if w is not None:
            words.append(w)
            starts.append(start + s + w.offset)
    return Words(words, starts)


# "performance.The", "(MLP).It": two sentences without a space; "ImageNet-scale", "CLIP-based": an adjective
# made of a name; "L_infty=8/255": a formula.
_RUN_ON = re.compile(r"(?:[a-z]{2}|\))\.[A-Z]")
# LaTeX and brackets run into a word: "mathcal{O}", "Evo\textbf{Lved", "BGRU),thus", "MASK]tokens".
_MARKUP = re.compile(r"[{}\\\[]|[)\]]\S")
# A number with a unit or a multiplier is a quantity: "600MB", "160GB", "0.15dB", "8xV100" (eight V100s), and so is a
# count before a hyphen ("1.5B-parameter", "4K-resolution").
_QUANTITY = re.compile(
    r"\d[\d.,]*(?:[x×]|[kKMGTP]i?B|[kKMGT]?Hz|dB|px|ms|fps|FPS|[KMGT]?FLOPs?|[KMG]?MACs|[kKMBT](?=-))(?![a-z])")
_CITATION_KEY = re.compile(r":(?:19|20)\d\d\b")  # a BibTeX key with a year after a colon: "wang-xue:2017:EMNLP2017"
_INDEFINITE = frozenset(("a", "an"))
_PREPOSITIONS = frozenset(("on", "upon", "by", "of", "in", "from", "with", "to", "at"))
# The second parts of compound adjectives ("translation based", "reasoning-induced")
ADJECTIVE_MAKERS = frozenset(("based", "driven", "guided", "inspired", "oriented", "aware", "free", "focused",
                              "centric", "agnostic", "specific", "induced"))
ADJECTIVE_SUFFIXES = (
    "scale", "pretrained", "pre-trained", "trained", "based", "like", "style", "level", "sized", "free", "aware",
    "specific", "agnostic", "driven", "guided", "conditioned", "centric", "only", "wise", "oriented", "inspired",
    "compatible", "friendly", "generated", "induced", "powered", "enhanced")
_ADJECTIVE_SUFFIX = re.compile(rf"-(?:{'|'.join(ADJECTIVE_SUFFIXES)})$", re.I)


@lru_cache(maxsize=1 << 16)
def is_name_shaped(word: str) -> bool:
    if word.islower() or len(word) < 2:
        return False  # tested first: most words of a text (every test below is a reason for False, in any order)
    if "://" in word or word.startswith("www.") or "@" in word:
        return False  # links and addresses
    if "_" in word or "=" in word:
        return False  # formulas and identifiers: "L_infty=8/255", subscripts ("AP_r", "CO_2"), "CVPR_2016_413_abs"
    if word[:1].isdigit() and _QUANTITY.match(word):
        return False  # "600MB", "8xV100"
    if _RUN_ON.search(word) or _ADJECTIVE_SUFFIX.search(word) or _MARKUP.search(word):
        return False
    if "," in word and not compressed_members(word) or _CITATION_KEY.search(word):
        return False  # citation keys and words run together ("bordes2014semantic,RetrievalQA", "wang-xue:2017:EMNLP")
    if word in NOT_NAMES or _NUMBER.match(word) or _ROMAN.match(word):
        return False
    if not word[0].isalnum() or not any(c.isalpha() for c in word):
        return False
    letters = [c for c in word if c.isalpha()]
    if all(c.isupper() for c in letters):
        return len(letters) >= 3 or (len(letters) >= 2 and _HAS_DIGIT.search(word) is not None)
    if _HAS_INNER_CAP.search(word.split("-")[0]) or any(_HAS_INNER_CAP.search(p) for p in word.split("-")):
        return True
    return word[0].isupper() and _HAS_DIGIT.search(word) is not None


def _spelled_capitals(word: str) -> str:
    """The capitals of a dictionary word written in mixed case ("UNsupervised": "UN", "GradIents":
    "GI"), which may spell an acronym's letters; "" for any other word (and for a plural acronym, "MRIs")."""
    if not word.isalpha() or word.rstrip("s").isupper() or not ENGLISH.is_word(word):
        return ""
    return "".join(c for c in word if c.isupper())


def suffix_type(word: str) -> EntityType | None:
    """The type a name's ending gives it (…Bench, …QA: Dataset; …Net, …GAN: Method)."""
    if _DATASET_SUFFIX.search(word):
        return "Dataset"
    return "Method" if _METHOD_SUFFIX.search(word) else None


@lru_cache(maxsize=1)  # asked again for each name of the sentence after "on", "in", ...
def _reports_evaluation(sentence: str) -> bool:
    """Whether a word of the sentence opens with a stem of evaluation: :data:`_EVAL_WORDS`, read with
    str.find in an ASCII sentence lower-cased (as re.I folds it; half the time of the pattern's scan)."""
    if not sentence.isascii():
        return _EVAL_WORDS.search(sentence) is not None
    low = sentence.lower()
    return any(next(word_starts(low, stem), None) is not None for stem in _EVAL_STEMS)


def word_starts(text: str, stem: str) -> Iterator[int]:
    r"""Where ``stem`` is written at the start of a word of ``text`` (an ASCII text: ``\b`` before
    it), in order, found with str.find: cheaper than a pattern's scan that stops at every letter."""
    i = text.find(stem)
    while i >= 0:
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            yield i
        i = text.find(stem, i + 1)


def type_of_name(prev: Word | None, nxt: Word | None, w: Word, sentence: str, lex: Lexicon,
                 prev2: Word | None = None) -> EntityType:
    """The type of a name-shaped word the KB does not know, from its suffix and the words around it
    (``prev2``: the word before ``prev``)."""
    after = nxt.lower if nxt is not None and not w.trail else ""
    if after in lex.context["Dataset"] or w.suffix_type == "Dataset":
        return "Dataset"
    if after in lex.context["Metric"]:
        return "Metric"
    before = prev.lower if prev is not None and not prev.trail else ""
    if before in lex.context["Dataset_before"] and (singular(before) not in lex.stop_modifiers or (
            prev2 is not None and prev2.lower in _NOUN_OPENERS)):
        # "the video dataset FaceForensics", "on benchmarks MPII"; a noun that is also a verb after a
        # determiner or preposition only: not "we benchmark FooNet", "this paper benchmarks FooNet"
        return "Dataset"
    if w.suffix_type == "Method":
        return "Method"
    if before in lex.context["Dataset_prepositions"] and _reports_evaluation(sentence):
        return "Dataset"
    return "Method"


DATASET_WORD = r"\b(?:benchmark|dataset|corpus|suite)s?\b"
# a name described as a dataset in apposition: "DIMSUM+, a high-quality dataset with 3.4M summaries" (not
# "FooNet, a model trained on the COCO dataset": the description ends at a preposition or a participle)
DESCRIBED_DATASET = re.compile(
    rf",\s+(?:a|an|the)\s+(?:(?!(?:on|of|for|with|from|in|to|by|that|which|trained|pretrained|pre-trained)\b)"
    rf"[\w\-]+\s+){{0,5}}{DATASET_WORD}", re.I)


# KB types a list of names shares ("on MSR-VTT, LSMDC and TGIF", "FID and sFID")
LIST_TYPES = frozenset(("Method", "Dataset", "Metric"))


class KBNames:
    """The KB names of one text that may be list members (:data:`LIST_TYPES`): by end offset the
    longest one's start and type, by start offset the longest one's end and type."""

    __slots__ = ("ends", "starts")

    def __init__(self, cands: list[Candidate]) -> None:
        self.ends: dict[int, tuple[int, EntityType]] = {}
        self.starts: dict[int, tuple[int, EntityType]] = {}
        for c in cands:
            if c.reason == "kb" and c.type in LIST_TYPES:
                if c.end not in self.ends or c.start < self.ends[c.end][0]:
                    self.ends[c.end] = (c.start, c.type)
                if c.start not in self.starts or c.end > self.starts[c.start][0]:
                    self.starts[c.start] = (c.end, c.type)


def name_candidates(text: str, sent: Words, sentence: str, lex: Lexicon,
                    kb_names: KBNames | None = None) -> list[Candidate]:
    """Name-shaped words of one sentence, typed by suffix and context; a word that a KB name ends
    has the KB's type, and so has the list it is in ("on MSR-VTT, LSMDC and TGIF": the KB knows
    MSR-VTT as a dataset; "YFCC, Conceptual Captions, WIT" and "Places205 and Pascal VOC": a KB
    name of several words is a member too)."""
    out: list[Candidate] = []
    words = sent.words
    last = len(words) - 1
    ends, kb_starts = (kb_names.ends, kb_names.starts) if kb_names is not None else ({}, {})
    paired = -1  # the second word of two acronyms that are one name
    for i in compress(range(len(words)), map(_SHAPED, words)):
        if i == paired:
            continue
        w = words[i]
        if w.spelled and any(w.spelled in x.text for x in words if x.shaped and x.text != w.text):
            continue  # "FUNGI, Features from UNsupervised GradIents": the letters of an acronym, no name
        nxt = words[i + 1] if i < last else None
        if nxt is not None and (_one_name(w, nxt, lex) or _sized_name(w, nxt)) and (
                sent.starts[i + 1] not in kb_starts or _two_datasets_one_name(sent, i, kb_starts, ends)):
            paired = i + 1  # "on TREC CAR", "UL2 20B": one name; the word after it is its context
            nxt = words[i + 2] if i + 1 < last else None
        if nxt is not None and not w.trail and nxt.lower in lex.context["licences"]:
            continue  # "under the MIT license": a licence
        t = type_of_name(words[i - 1] if i else None, nxt, w, sentence, lex, words[i - 2] if i > 1 else None)
        start, end = sent.starts[i], sent.end(i)
        kb = ends.get(end)
        known = kb[1] if kb is not None and kb[0] <= start else None
        # the KB name's first word: "Pascal" of "Pascal VOC"
        first = bisect_right(sent.starts, kb[0]) - 1 if kb is not None and known is not None and kb[0] < start else i
        before = _listed_end(sent, first, i) if out or ends else None  # where a name listed before ends
        listed = bool(out) and out[-1].end == before
        if known is None and t == "Method" and w.trail and DESCRIBED_DATASET.match(text, end):
            t = "Dataset"  # "we obtain DIMSUM+, a high-quality dataset with ..."
        if known is not None:
            t = known
            if listed and out[-1].type != t:
                _retype_list(out, sent, t)
        elif listed:
            if nxt is not None and not w.trail and nxt.lower in lex.context["Dataset"]:
                _retype_list(out, sent, "Dataset")  # "the T-LESS and LineMOD datasets": the noun types the list
            t = out[-1].type  # "on CelebA-HQ and UTKFace": the members of a list share a type
        elif before is not None and before in ends:
            t = ends[before][1]  # "Conceptual Captions, WIT": after a KB name
        members = w.members
        if members:  # "ImageNet-1K/22K": one entity per member; a member not written out keeps the whole
            first_member = members[0]
            out.append(Candidate(start, start + len(first_member), t, first_member, "name_shape", member=True))
            out.extend(Candidate(start, end, t, m, "name_shape", member=True) for m in members[1:])
        elif paired == i + 1:
            end = sent.end(paired)
            out.append(Candidate(start, end, t, text[start:end], "name_shape"))
        else:
            out.append(Candidate(start, end, t, w.name, "name_shape"))
            if i + 2 <= last:
                out.extend(_conjoined_size(sent, i, t, lex))
        if known is None and kb_starts:
            after = _kb_listed_after(sent, i, kb_starts)
            if after is not None and after != t:
                _retype_list(out, sent, after)  # "WIT, RedCaps and Conceptual Captions"
    return out


def _one_name(w: Word, nxt: Word, lex: Lexicon) -> bool:
    """Two acronyms in capitals written side by side are one name ("TREC CAR", "WIDER FACE", "QMUL
    GRID"; "PASCAL VOC" of the KB too), not a name and hardware or a company ("K2 GPU"); the caller
    also keeps a KB name second apart ("CNN LSTM models")."""
    return (not w.trail and not nxt.lead and nxt.shaped and w.text.isupper() and nxt.text.isupper()
            and w.text.isalpha() and nxt.text.isalpha()
            and w.lower not in lex.areas and nxt.lower not in lex.areas)


def _two_datasets_one_name(sent: Words, i: int, kb_starts: dict[int, tuple[int, EntityType]],
                           ends: dict[int, tuple[int, EntityType]]) -> bool:
    """Two acronyms side by side that the KB knows as two datasets are one name ("TREC CAR" when an
    import knows TREC and CAR): a list of datasets is written with commas ("CNN LSTM models" are two
    methods)."""
    second, first = kb_starts.get(sent.starts[i + 1]), ends.get(sent.end(i))
    return (second is not None and second[1] == "Dataset" and second[0] == sent.end(i + 1)
            and first is not None and first[1] == "Dataset" and first[0] == sent.starts[i])


_MODEL_SIZE = re.compile(r"^(?:\d+(?:\.\d+)?[BMKT]|X{1,3}L)$")


def _sized_name(w: Word, nxt: Word) -> bool:
    """A name and a size written after it are one name, the variant of that size ("UL2 20B",
    "FLAN-PaLM 62B", "GPT-3 XL", "MovieLens 1M")."""
    return not w.trail and not nxt.lead and _MODEL_SIZE.match(nxt.text) is not None


def _kb_listed_after(sent: Words, i: int, kb_starts: dict[int, tuple[int, EntityType]]) -> EntityType | None:
    """The type of a KB name listed right after words[i] ("A, B", "A and B"), if any."""
    words = sent.words
    k = i + 1
    if k < len(words) and words[k].lower in _AND_OR:
        k += 1
    elif not words[i].trail:
        return None
    kb = kb_starts.get(sent.starts[k]) if k < len(words) else None
    if kb is None:
        return None
    return kb[1] if _listed_end(sent, k, bisect_right(sent.starts, kb[0] - 1) - 1) == sent.end(i) else None


_AND_OR = frozenset(("and", "or"))
_LIST_SEPARATORS = frozenset((", ", " and ", " or ", ", and ", ", or "))
_EXAMPLE_CUE = re.compile(r"(?:\blike|such as|including|e\.g\.,?|namely)\s+$")


def listed_capitals(sent: Words) -> list[int]:
    """The indices of capitalised words after the sentence's first word with a list separator
    (a comma, "and", "or") beside them (see :func:`listed_names`)."""
    words = sent.words
    last = len(words) - 1
    return [i for i in compress(range(1, len(words)), map(_CAPITAL, islice(words, 1, None)))
            if words[i].trail or words[i - 1].trail or words[i - 1].lower in _AND_OR
            or (i < last and words[i + 1].lower in _AND_OR)]


def listed_names(text: str, sent: Words, capitals: list[int], names: dict[int, Candidate],
                 lex: Lexicon) -> list[Candidate]:
    """Capitalised words listed among names are names too: "regularizers like CORAL, IRM,
    V-REx, Fish, IGA, and Fishr", "models like ViT and Mixer" (one capital alone is no name
    shape; in a list of names it is one). A list is names joined by ", ", "and", "or"; it needs
    two names of one word that are no plain capitalised words, or one after an example cue
    ("like", "such as", "including", "e.g."). A capitalised word ending the list must be
    followed by punctuation or a stop word ("Fishr as they ...", not "IRM and Gaussian
    processes"). Members take the type of the first name; tasks and metrics make no lists.
    ``names`` maps start offsets to the sentence's one-word Method and Dataset names."""
    out: list[Candidate] = []
    done: set[int] = set()
    is_capital = set(capitals)

    def listed(k: int | None) -> bool:
        return k is not None and (k in is_capital or _name_at(sent, k, names))

    words, last = sent.words, len(sent.words) - 1
    for i in capitals:
        if i in done:
            continue
        chain = [i]
        while listed(k := _listed_next(text, sent, chain[0], -1)):
            chain.insert(0, k)  # type: ignore[arg-type]
        while listed(k := _listed_next(text, sent, chain[-1], 1)):
            chain.append(k)  # type: ignore[arg-type]
        done.update(chain)
        members = [names[sent.starts[k]] for k in chain if k not in is_capital]
        if not members or (len(members) < 2 and not _EXAMPLE_CUE.search(
                text, max(0, sent.starts[chain[0]] - 12), sent.starts[chain[0]])):
            continue
        found = [k for k in chain if k in is_capital]
        end = chain[-1]
        if found[-1] == end and not words[end].trail and end < last and words[end + 1].lower not in lex.stop_modifiers:
            found.pop()  # "... and Gaussian processes": it modifies the next word
        out.extend(Candidate(sent.starts[k], sent.end(k), members[0].type, words[k].text, "name_shape")
                   for k in found)
    return out


def _name_at(sent: Words, k: int, names: dict[int, Candidate]) -> bool:
    c = names.get(sent.starts[k])
    return c is not None and c.end == sent.end(k)


def _listed_next(text: str, sent: Words, i: int, step: int) -> int | None:
    """The word listed next to words[i] in direction ``step`` ("A, B", "A and B", "A, or B")."""
    k = i + step
    if 0 <= k < len(sent.words) and sent.words[k].lower in _AND_OR:
        k += step
    if not 0 <= k < len(sent.words):
        return None
    a, b = (k, i) if step < 0 else (i, k)
    return k if text[sent.end(a) : sent.starts[b]] in _LIST_SEPARATORS else None


def _retype_list(out: list[Candidate], sent: Words, type_: EntityType) -> None:
    """Give ``type_`` to the last candidate of ``out`` and the names listed before it."""
    by_end = {sent.end(k): k for k in range(len(sent.words))}
    k = len(out) - 1
    while k >= 0:
        out[k].type = type_
        i = by_end.get(out[k].end)
        if k == 0 or i is None or out[k - 1].end != _listed_end(sent, i, i):
            break
        k -= 1


def _listed_end(sent: Words, first: int, last: int) -> int | None:
    """Where a name listed right before the member ``words[first : last + 1]`` would end ("A, B",
    "A and B", "A, B, or C"). Joined by a comma alone, the member must not run on into a lower-case
    word other than "and" / "or": in "After fine-tuning on ImageNet, NFNets match ..." the comma ends
    a clause."""
    words = sent.words
    j = first - 1
    if j >= 0 and words[j].lower in _AND_OR:
        j -= 1
    if j < 0 or not (j == first - 2 or words[j].trail):
        return None
    if (j == first - 1 and last + 1 < len(words) and not words[last].trail and words[last + 1].lower_initial
            and words[last + 1].lower not in _AND_OR):
        return None  # a lower-case word goes on: not "IJB-A, YouTube Face, ..."
    return sent.end(j)


_SIZED = re.compile(r"^(?P<base>.+[-_])(?P<size>\d+[A-Za-z]?)$")
_SIZE = re.compile(r"^\d+[A-Za-z]?$")


def _conjoined_size(sent: Words, i: int, t: EntityType, lex: Lexicon) -> list[Candidate]:
    """A size written alone after a sized name and "and" / "or" is that name at the size
    ("ImageNet-1K and 4K" → ImageNet-4K, "ResNet-50 or 101." → ResNet-101): the same unit letter,
    or bare numbers that end the phrase or come before a dataset noun, so that a count ("CIFAR-10
    and 100 images") or a score after a comma is not read as one."""
    w, conj, bare = sent.words[i], sent.words[i + 1], sent.words[i + 2]
    if w.trail or conj.lower not in _AND_OR or conj.trail or bare.lead:
        return []  # before the patterns: most names are followed by no "and" / "or"
    m = _SIZED.match(w.name)
    if m is None or not _SIZE.match(bare.text):
        return []
    size, unit = m.group("size"), bare.text[-1]
    if unit.isalpha():
        if not size[-1].isalpha() or size[-1].lower() != unit.lower():
            return []
    elif size[-1].isalpha() or not (bare.trail or i + 2 == len(sent.words) - 1
                                    or sent.words[i + 3].lower in lex.context["Dataset"]):
        return []
    start = sent.starts[i + 2]
    return [Candidate(start, start + len(bare.text), t, m.group("base") + bare.text, "name_shape", member=True)]


_LISTED = re.compile(r"^(?P<base>.+[-_])(?P<member>[A-Za-z0-9]{1,4})$")
_MEMBER = re.compile(r"^[A-Za-z0-9]{1,4}$")


def compressed_members(word: str) -> list[str]:
    """The members of a compressed mention ("ImageNet-1K/22K" → ImageNet-1K, ImageNet-22K;
    "ImageNet-C,R,S,A" → ImageNet-C, ImageNet-R, ImageNet-S, ImageNet-A; names joined by a slash,
    "ResNet-18/ResNet-50"); [] for a name whose slash belongs to it (ViT-B/16)."""
    for sep, first, member in (("/", _SIZED, _SIZE), (",", _LISTED, _MEMBER)):
        parts = word.split(sep)
        m = first.match(parts[0]) if len(parts) > 1 else None
        if m is not None and all(member.match(p) for p in parts[1:]):
            return [parts[0], *(m.group("base") + p for p in parts[1:])]
    names = word.split("/")  # "ResNet-18/ResNet-50", "BERT/RoBERTa": whole names (not "ViT-B/16")
    if len(names) > 1 and all(len(n) > 2 and is_name_shaped(n) for n in names):
        return names
    return []


# A name and a participle of training: the data a model was trained on ("ImageNet-trained")
_TRAINED_ON = ("-trained", "-pretrained", "-pre-trained", "-finetuned", "-fine-tuned")
_TRAINING_PREFIXES = ("pre-", "self-", "co-", "re-", "jointly-")  # "Pre-trained" opening a sentence
# Nouns in -ize ("batch size", "prize"): every other word in -ize or -ify is a verb
_IZE_NOUNS = ("size", "prize", "maize")
_ING_NOUNS = ("string", "thing", "spring", "ceiling", "handwriting", "clothing")  # no gerunds: "docstring completion"


def _modifier_kind(w: Word) -> str:
    """What :func:`_modifier_ok` asks of a word's spelling, worked out once per Word: "none" (no
    modifier: punctuation after it, or not word-like), "adverb", "gerund", "plural" or ""."""
    low = w.lower
    if w.trail or not _WORDLIKE.fullmatch(w.text):
        return "none"
    if w.text[-1] == "s" and w.text[:-1].isupper() and len(w.text) > 2:
        return "none"  # a plural acronym heads its own phrase: "Multimodal LLMs Steering alignment"
    if low.endswith(_TRAINED_ON) and not w.text[:1].islower() and not low.startswith(_TRAINING_PREFIXES):
        return "none"  # where a model was trained: "an ImageNet-trained convolutional network", "JFT-pretrained"
    if low.startswith("well-") or low.endswith(("-performing", "-efficient")) and low != "parameter-efficient":
        # evaluative compounds: "a well-designed fusion", "high-performing face recognition", "Compute-efficient
        # Bilingual Language Models" (not the field's "parameter-efficient fine-tuning")
        return "none"
    if low.endswith("ly") and len(low) > 4:
        return "adverb"
    if low.endswith(("ify", "ize")) and not low.endswith(_IZE_NOUNS) and w.text[1:].islower():
        return "none"  # a verb taking the phrase as object: "Robustify Pre-trained Models", "categorize networks"
    if low.endswith("ing") and "-" not in low and not low.endswith(_ING_NOUNS):
        return "gerund"
    # Verb-like: a lower-case word ending in s (plural nouns rarely modify a head).
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and singular(low) != low and not w.text[0].isupper():
        return "plural"
    return ""


def _modifier_ok(w: Word, lex: Lexicon, right: Word | None = None, generic_head: bool = False) -> bool:
    """Whether ``w`` may modify the phrase that starts with ``right``; ``generic_head``: ``right``
    is the phrase's head and a weak one ("method")."""
    kind = w.modifier
    if kind == "none":
        return False
    low = w.lower
    if low in lex.stop_modifiers and low not in lex.keep_before_head:
        return False  # also a sentence adverb before a participle: "a recently proposed method"
    if low in lex.plain_verbs and w.text[1:].islower():
        return False  # a verb takes the phrase as object: "eliminate representation learning"
    if kind == "adverb":
        # an adverb only inside a compound modifier: "fully connected", "weakly supervised"
        return right is not None and right.lower.endswith("ed") and not right.lead
    if kind == "gerund":
        # a gerund opens a verb phrase ("incentivizing reasoning"), unless a head noun or right before
        # a generic head, which it names ("a bucketing method": such phrases count only when proposed)
        return low in lex.heads or generic_head
    return kind != "plural"


def _noun_follows(words: list[Word], i: int, lex: Lexicon) -> bool:
    """Whether ``words[i]`` runs on into a lower-case noun ("graph-matching formulation"): no
    punctuation after it, and the next word no stop word nor a verb-like word in -s."""
    if i + 1 >= len(words) or words[i].trail:
        return False
    nxt = words[i + 1]
    return (nxt.text.isalpha() and nxt.text.islower() and nxt.lower not in lex.stop_modifiers
            and not nxt.lower.endswith("s"))


def _named_generic(words: list[Word], j: int, i: int) -> bool:
    """Whether the phrase ``words[j : i + 1]`` is one capitalised word mid-sentence and a singular
    lower-case generic head: a proper noun naming a model ("the Thurstone model", "the Bonsai
    algorithm"); not a plural ("Vision models": a class of models) nor an adjective made of a name
    ("a Bayesian model", "Euclidean")."""
    name = words[j]
    return (j == i - 1 and j > 0 and name.capital and words[i].lower_initial and not words[i].lower.endswith("s")
            and not name.lower.endswith(("ian", "ean")))


# compounds that say how a problem is approached: no part of the task's name
MEANS_SUFFIXES = ("-based", "-induced")

_DETERMINERS = frozenset(("the", "a", "an", "its", "their", "how", "whether"))


def _verb_after_subject(words: list[Word], i: int, head: str, lex: Lexicon) -> bool:
    """Whether the plural head ``words[i]`` is the verb of the generic noun before it, taking an
    object that a determiner opens: "our approach measures the disagreement rate" (a plural noun
    is seldom followed by a determiner: "model predictions are", "training costs of")."""
    return (0 < i < len(words) - 1 and words[i].lower != head and not words[i].trail
            and words[i - 1].lower in lex.weak_heads and not words[i - 1].trail
            and words[i + 1].lower in _DETERMINERS)


def _after_for(words: list[Word], j: int, lex: Lexicon) -> bool:
    """Whether the phrase starting at ``words[j]`` follows "for", with stop words between ("for
    the efficient ...")."""
    k = j - 1
    while k >= 0 and k >= j - 3 and words[k].lower != "for" and words[k].lower in lex.stop_modifiers \
            and not words[k].trail:
        k -= 1
    return k >= 0 and words[k].lower == "for" and not words[k].trail


def _ends_idiom(words: list[Word], k: int, lex: Lexicon) -> bool:
    """Whether ``words[k]`` ends an idiom of `[modifiers] idioms` written as separate words ("state
    of the art"), with no punctuation inside."""
    for lead in lex.idiom_ends[words[k].lower]:
        first = k - len(lead)
        if first >= 0 and all(words[first + n].lower == w and not words[first + n].trail for n, w in enumerate(lead)):
            return True
    return False


_OPENS_ADJECTIVES = frozenset(("a", "an", "the", "of", "our", "its", "their"))


def _coordinate_adjective(text: str, sent: Words, j: int, lex: Lexicon) -> bool:
    """Whether ``words[j - 1]`` is an adjective a comma joins to the modifiers of the phrase that
    starts at ``words[j]``, after an article or "of": "a proxyless, resource-aware loss", "a class of
    deep, directed generative models" (not a member of a list: "of images, text models" has a plural,
    "on detection, segmentation models" a head noun)."""
    words = sent.words
    if j < 2 or words[j - 2].lower not in _OPENS_ADJECTIVES or text[sent.end(j - 1) : sent.end(j - 1) + 1] != ",":
        return False
    bare = _peeled(words[j - 1].text)
    return (bare is not None and bare.text.isalpha() and bare.text.islower() and bare.lower not in lex.head_forms
            and bare.modifier == "" and _modifier_ok(bare, lex, words[j]))


RETYPED_HEADS = frozenset(("inference", "search"))


def retyped_head(head: str, type_: EntityType, modifiers: list[str], lex: Lexicon) -> EntityType:
    """The type the modifiers of a head of both lists give its phrase: "online inference" and
    "logical inference" are tasks, "approximate Bayesian inference" a method of probabilistic
    modelling (`[context] inference_methods`); "multi-vector similarity search" is a retrieval
    problem (`[context] search_tasks`), "beam search" an algorithm."""
    if type_ != "Method" or not modifiers:
        return type_
    if head == "inference" and not any(x in lex.context["inference_methods"] for x in modifiers):
        return "Task"
    if head == "search" and any(x in lex.context["search_tasks"] for x in modifiers):
        return "Task"
    return type_


def head_candidates(text: str, sent: Words, lex: Lexicon, max_modifiers: int = 4) -> list[Candidate]:
    """Noun phrases of one sentence ending in a head noun of the lexicon."""
    out: list[Candidate] = []
    forms = lex.head_forms
    words = sent.words
    for i, w in enumerate(words):
        hit = forms.get(w.lower)
        compound = hit is None
        if compound:  # "dual-encoder", "data-augmentation": the last part is the head, the rest modifies it
            if w.compound is None:
                continue
            prefix, last = w.compound
            # "high-fidelity": after a stop word the word is no name
            hit = forms.get(last) if prefix not in lex.stop_modifiers else None
            if hit is None:
                continue
            if _noun_follows(words, i, lex):
                continue  # a compound before a noun modifies it: "a graph-matching formulation" (not "retrieves")
        if w.lead and i > 0:
            continue
        if w.text.isupper() and len(w.text) > 3 and any(x.text.islower() for x in words[max(0, i - 1) : i + 2]):
            continue  # a word in capitals amid lower-case words is a name, no head noun: "the approach RECALL"
        if (not w.trail and i + 2 < len(words) and words[i + 1].lower in ADJECTIVE_MAKERS
                and not words[i + 1].trail and words[i + 2].lower not in _PREPOSITIONS):
            continue  # "translation based bridge tasks": the "-based" compound written apart (not "X based on")
        type_, head = hit
        if (type_ != "Dataset" and not w.trail and i + 1 < len(words) and w.text[0].isupper()
                and words[i + 1].text[0].isupper() and forms.get(words[i + 1].lower, ("",))[0] == "Dataset"):
            continue  # a capitalised head before a dataset noun names it: "the ... Image Similarity Challenge"
        if head == "score" and i > 0 and forms.get(words[i - 1].lower, ("",))[0] == "Method":
            continue  # a score a model computes, no measure: "attention scores", "sampling scores"
        if _verb_after_subject(words, i, head, lex):
            continue  # "our approach measures the disagreement rate"
        if w.lower in lex.context["grasp_heads"] and i + 1 < len(words) and words[i + 1].lower in ("of", "about"):
            continue  # "a mechanistic understanding of how ...": a grasp of something, not a task
        # A name before a task or metric is its own entity: "ImageNet classification" is the
        # dataset ImageNet and the task "classification" (annotation guidelines).
        names_stop = type_ in ("Task", "Metric")
        j = i
        weak = head in lex.weak_heads
        # a gerund may name a generic head it ends a phrase with: singular, itself no gerund, no noun after it
        gerund_ok = weak and w.lower == head and not head.endswith("ing") and not _noun_follows(words, i, lex)
        while (j > 0 and i - j < max_modifiers and not words[j - 1].lead
               and _modifier_ok(words[j - 1], lex, words[j], gerund_ok and j == i)):
            if names_stop and words[j - 1].shaped:
                break
            if (words[j - 1].lower.endswith("ing") and words[j - 1].text[0].isupper()
                    and (j == 1 or text[sent.end(j - 2) : sent.end(j - 2) + 1] == ":")):
                break  # a sentence or subtitle that opens with a gerund opens with a verb: "Scaling Sparse
                # Attention", "PELA: Learning Parameter-Efficient Models"
            if j >= 2 and (words[j - 2].lower in _PRONOUNS or words[j - 2].lower in lex.modals):
                break  # the word after "we" or a modal is a verb: "we add pooling attention", "can gain accuracy"
            left = words[j - 1]
            left_head = forms.get(left.lower)
            if left_head is not None and left_head[1] in lex.weak_heads and left_head[1] != left.lower:
                break  # a generic plural is the subject, no modifier: "Self-Supervised Models Transfer"
            if left.lower in lex.idiom_ends and _ends_idiom(words, j - 1, lex):
                break  # "state of the art accuracy": an idiom written apart is no modifier
            if type_ == "Metric" and left.lower in lex.settings:
                break  # where a measure was taken is no part of its name: "up to 14x real-world speed-ups"
            if type_ == "Task" and left.text.endswith(MEANS_SUFFIXES):
                break  # the means, not the problem: "gradient-based hyperparameter optimization"
            if ((j < i or words[j].text[0].isupper()) and left.text.endswith("ing") and type_ != "Metric"
                    and (left.text[0].islower() or words[j].shaped) and left.lower in lex.heads):
                # a gerund before a phrase or a name takes it as object: "training neural networks"; before
                # a measure it says what is measured: "pre-training FLOPs", "sampling time complexity"
                break
            j -= 1
        if (j > 0 and i - j < max_modifiers and words[j - 1].lead and _modifier_ok(words[j - 1], lex, words[j])
                and not (names_stop and words[j - 1].shaped)):
            j -= 1  # "(self-supervised learning": the opening word may carry the bracket
        coordinate = type_ == "Method" and j < i and _coordinate_adjective(text, sent, j, lex)
        if coordinate:
            j -= 1  # "a proxyless, resource-aware loss": adjectives that a comma joins modify one head
        if j == i and not compound and (head in lex.needs_modifier or w.lower in lex.needs_modifier):
            continue
        if head == "attention" and any(x.lower in lex.context["attention_verbs"] for x in words[max(0, j - 3) : j]):
            continue  # "has attracted much research attention": interest, not the mechanism
        if (head in lex.task_after_for and type_ == "Method" and _after_for(words, j, lex)
                and not (i + 1 < len(words) and not w.trail and words[i + 1].lower in forms)):
            type_ = "Task"  # "for efficient dynamic inference" (not "for ... Inference Models"): what a method is for
        if head in RETYPED_HEADS and j < i:
            type_ = retyped_head(head, type_, [x.lower for x in words[j:i]], lex)
        start, end = sent.starts[j], sent.end(i)
        surface = text[start:end]
        if type_ == "Dataset":
            # Only named ones ("the Stanford Natural Language Inference dataset", without the head):
            # generic data descriptions ("a large pre-training dataset") are not entities.
            named = words[j:i]
            # "Balanced Training on Heavily Imbalanced Datasets": capitals alone before a plural head
            # are a title's case, not a name (a name-shaped word makes one: "the UCR Time Series datasets")
            # (a name typed by its suffix among other names is one of several: "the RobustBench AutoAttack
            # suite"; not "the MICCAI iSEG-2017 challenge")
            shaped = sum(map(_SHAPED, named))
            if j < i and all(x.shaped or x.text[0].isupper() for x in named) and (head == w.lower or shaped) and (
                    shaped < 2 or not any(x.suffix_type for x in named)) and not (
                    not shaped and i - j == 1 and _INDEFINITE & {x.lower for x in words[max(0, j - 2) : j]}):
                # (one capitalised word after an indefinite article describes the data: "Construction of a
                # Large-scale Image Dataset", "A Video Dataset for ...")
                end = sent.end(i - 1)
                out.append(Candidate(start, end, "Dataset", " ".join(text[start:end].split()), "np_head"))
            continue
        if (weak and w.lower != head and j > 0 and words[j - 1].lower == "and" and out
                and (out[-1].start, out[-1].end, out[-1].type) == (sent.starts[j], sent.end(i - 1), type_)
                and not out[-1].weak):
            continue  # a generic plural head shared by named conjuncts: "channel scaling and group fusion mechanisms"
        if (w.text in lex.context["name_wrappers"] and i - j >= 2
                and all(x.text[0].isupper() for x in words[j:i])):
            # a Title-Case name before a generic head is the name: "a Memory-Sharing Backpropagation strategy"
            end = sent.end(i - 1)
            out.append(Candidate(start, end, type_, " ".join(text[start:end].split()), "np_head"))
            continue
        # mid-sentence capitals in a phrase that is not a Title-Case run are proper nouns
        proper = j > 0 and any(map(_LOWER_INITIAL, words[j : i + 1]))
        if weak and _named_generic(words, j, i):
            weak = False  # a proper noun before a generic head names it: "the Thurstone model"
        elif (j == i - 1 and type_ == "Method" and words[j].lower in lex.generic_modifiers
              and head not in lex.head_lists["Task"]):
            weak = True  # the model's or the data's something: "model initialization", "data sampling"
        out.append(Candidate(start, end, type_, node_name(surface.replace(",", "") if coordinate else surface, proper),
                             "np_head", weak=weak))
    return out
