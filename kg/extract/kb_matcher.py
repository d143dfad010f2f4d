"""Knowledge-base matching with spaCy's PhraseMatcher, tolerant of case, plurals, hyphens and spaces.

Every name and alias of every KB entry is expanded into surface variants (hyphen ↔ space,
spaces dropped: "MS COCO" also matches "MSCOCO"; a hyphen before a number dropped:
"ResNet-50" matches "ResNet50"; a number that ends a word written as a subscript: "AP50" matches
"AP_50"; regular plural) and added to a
case-insensitive ``PhraseMatcher(attr="LOWER")``;
aliases that spell English words in another case (SAM, CLIP, QuALITY) go to a case-sensitive
``attr="ORTH"`` matcher instead, so that "sam" or "quality" in running text never match.
An alias shared by several entries (an ambiguous acronym) yields one candidate that lists all
their ids; the abstract's own definition, then the words of its context, decide between them
(:func:`disambiguate`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.candidates import Candidate
from kg.extract.lexicon import british_spelling
from kg.kb.filters import ENGLISH, GENERIC, EnglishLexicon
from kg.kb.load import KBEntry
from kg.model import EntityType

_CONTENT_WORD = re.compile(r"[a-z]{4,}")  # the words of a name that the context is searched for
_SUBSCRIPT = re.compile(r"(?<=[A-Za-z])(?=\d+\b)")  # before a number that ends a word
# A paradigm of supervision named "<kind> learning" ("self-supervised learning")
_SUPERVISION_PARADIGM = re.compile(r"^(?P<kind>(?:[a-z]+[- ])?(?:un|semi-|self-)?supervised) learning$")
_PARADIGM_HEADS = ("method", "model", "technique", "approach", "algorithm")
# A way of training named by an adjective ("adversarial training", "contrastive learning")
_TRAINING_ADJECTIVE = re.compile(r"^(?P<adjective>[a-z]+(?:al|ive)) (?:training|learning)$")
_TRAINED_HEADS = ("model", "network", "classifier", "encoder")


def derived_aliases(name: str) -> list[str]:
    """The phrases a KB name of a way of learning is also written as: a paradigm of supervision
    as its kind before a generic head or "training" ("self-supervised methods", "semi-supervised
    approaches", "self-supervised training" are self-supervised and semi-supervised learning; not
    plain "supervised models" or "unsupervised methods", which say only whether labels were used,
    the way papers speak of all prior work), and
    a way of training named by an adjective as the models it trains ("adversarially trained models"
    are adversarial training, "contrastively trained encoders" contrastive learning)."""
    if (m := _SUPERVISION_PARADIGM.match(name)) and m.group("kind") not in ("supervised", "unsupervised"):
        return [f"{m.group('kind')} {head}" for head in _PARADIGM_HEADS] + [f"{m.group('kind')} training"]
    if m := _TRAINING_ADJECTIVE.match(name):
        return [f"{m.group('adjective')}ly trained {head}" for head in _TRAINED_HEADS]
    return []


def surface_variants(alias: str) -> set[str]:
    """Spellings of one alias the matcher should accept."""
    base = {alias, alias.replace("-", " "), alias.replace(" ", "-"), alias.replace(" ", "")}
    if re.search(r"[A-Za-z]-\d|\d-[A-Za-z]", alias):
        base.add(alias.replace("-", ""))
    if _SUBSCRIPT.search(alias):  # a number written as a subscript: "AP50" is "AP_50"
        base.add(_SUBSCRIPT.sub("_", alias))
    if british_spelling(alias) is not None:  # "domain generalisation", "batch normalisation"
        base |= {british_spelling(v) or v for v in base}
    out = set(base)
    for v in base:
        if v[-1:].isalpha():
            if v.endswith("y") and not v[-2:-1].upper() == v[-2:-1] and len(v) > 3:
                out.add(v[:-1] + "ies")
            elif not v.endswith("s"):
                out.add(v + ("es" if v.endswith(("ch", "sh", "x")) else "s"))
    return {v for v in out if v.strip()}


def _case_sensitive(alias: str, english: EnglishLexicon, curated: bool, type_: EntityType) -> bool:
    """Aliases that would match ordinary English in another case are matched as written:
    all-capital words (SAM, CLIP, ADVANCE), names styled with inner capitals that spell a word
    (QuALITY, ReCoRD) and imported Title-Case names made of dictionary words and generic nouns
    (Experimental Results, Real-world Datasets), and curated Title-Case names of English words
    joined by "and" (Wide & Deep, Listen Attend and Spell: "wide and deep networks" are no model). Names
    with digits (ADE20K, T5) or that are no English word (BERT, ImageNet) match in any case.
    An imported name's styling is its identity: a word with inner capitals, or a stop word in
    capitals beside others, is matched as written ("IntrA" is no "intra", "FOR-instance" no
    "For instance"), and so is an imported dataset or model name of one capitalised word ("Bio"
    is no "bio entities"; task and metric names are Title-Cased by Papers with Code, "Colorization"
    is written "colorization"); curated names were written for matching in any case."""
    if any(c.isdigit() for c in alias) or not any(c.isupper() for c in alias):
        return False
    words = [w for w in re.split(r"[\s\-]+", alias) if w]
    if not curated and (any(_styled(w, english, len(words) > 1) for w in words)
                        or len(words) == 1 and type_ in ("Dataset", "Method")):
        return True
    if len(words) == 1:
        word = words[0]
        if word.isupper():
            return True
        return any(c.isupper() for c in word[1:]) and english.is_word(word)  # "Transformer" is not
    if curated and ("and" in words or "&" in words) and all(w in ("and", "&") or english.is_word(w) for w in words):
        return True  # English words joined by "and" in Title Case: "Wide & Deep" is no "wide and deep networks"
    # Curated multi-word names were written for matching; imported ones may be plain phrases.
    return not curated and sum(w[0].isupper() for w in words) >= 2 and all(
        english.is_word(w) or w.lower() in GENERIC for w in words)  # "Real-world Datasets" too


def _styled(word: str, english: EnglishLexicon, in_phrase: bool) -> bool:
    """Inner capitals in a word that is not all capitals ("IntrA", "ReQA"), or, in a phrase, a
    stop word in capitals ("FOR" of "FOR-instance"; not "GA" of "GA reader")."""
    if word.isupper():
        return in_phrase and english.is_stop(word)
    return any(c.isupper() for c in word[1:])


class KBMatcher:
    """Finds KB entries in a Doc; ``entries`` come from :func:`kg.kb.load.load_kb`."""

    def __init__(self, nlp: Language, entries: Iterable[KBEntry]) -> None:
        self.entries: dict[str, KBEntry] = {}
        imported = set()  # ids of entries not curated (the Papers with Code import)
        keys: dict[str, set[str]] = defaultdict(set)  # matcher key -> entry ids
        lower, exact = defaultdict(set), defaultdict(set)
        for e in entries:
            self.entries[e.id] = e
            if e.source != "curated":
                imported.add(e.id)
            for alias in {e.name, *e.aliases, *e.ambiguous_aliases, *derived_aliases(e.name)}:
                sensitive = _case_sensitive(alias, ENGLISH, e.source == "curated", e.type)
                for v in surface_variants(alias):
                    (exact if sensitive else lower)[v if sensitive else v.lower()].add(e.id)
        self.imported = frozenset(imported)
        self._exact_names, self._lower_names = dict(exact), dict(lower)  # for :meth:`lookup`
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for table, matcher, tag in ((lower, self.lower, "L"), (exact, self.exact, "E")):
            texts = sorted(table)
            for text, doc in zip(texts, nlp.tokenizer.pipe(texts), strict=True):
                key = f"{tag}:{'|'.join(sorted(table[text]))}"
                keys[key] = table[text]
                matcher.add(key, [doc])
        self.hyphen = nlp.vocab.strings.add("-")  # compared with a token's orth: its text would be a new str
        # per matcher key, what each of its matches becomes: the first entry's type, name and id, the other ids
        self.readings: dict[int, tuple[EntityType, str, str, tuple[str, ...]]] = {}
        for key, entry_ids in keys.items():
            first, *others = sorted(entry_ids)
            e = self.entries[first]
            self.readings[nlp.vocab.strings[key]] = (e.type, e.name, e.id, tuple(others))

    def __call__(self, doc: Doc) -> list[Candidate]:
        out = []
        # the case-sensitive matches first: where both matchers find one span, the entry that writes
        # it in this case wins the tie in overlap resolution ("FID" is the metric FID, not "FiD",
        # Fusion-in-Decoder)
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                if start >= 2 and doc[start - 1].orth == self.hyphen and not doc[start - 2].whitespace_:
                    continue  # the end of a hyphenated word: "mini-ImageNet" is not ImageNet
                type_, name, kb_id, others = self.readings[match_id]
                last = doc[end - 1]  # Tokens, not a Span: doc[start:end] costs more than the match
                out.append(Candidate(doc[start].idx, last.idx + len(last), type_, name, "kb", kb_id=kb_id,
                                     ambiguous=others))
        return out

    def lookup(self, phrase: str) -> KBEntry | None:
        """The entry a phrase written out names, as the matchers would read it (the first of
        several, as in :attr:`readings`)."""
        ids = self._exact_names.get(phrase) or self._lower_names.get(phrase.lower())
        return self.entries[min(ids)] if ids else None

    def disambiguate(self, cand: Candidate, text: str, definitions: dict[str, str]) -> None:
        """Choose among the entries an ambiguous surface may mean, in place."""
        if not cand.ambiguous or cand.kb_id is None:
            return
        options = [self.entries[i] for i in (cand.kb_id, *cand.ambiguous)]
        surface = text[cand.start : cand.end]
        long_form = definitions.get(surface) or definitions.get(surface.rstrip("s"))
        low = text.lower()

        def score(e: KBEntry) -> tuple[int, int]:
            defined = bool(long_form) and long_form.lower() in {a.lower() for a in (e.name, *e.aliases)}
            context = sum(low.count(w) for w in set(_CONTENT_WORD.findall(e.name.lower())))
            return (int(defined), context)

        best = max(options, key=score)
        cand.kb_id, cand.type, cand.name = best.id, best.type, best.name
        cand.ambiguous = tuple(e.id for e in options if e.id != best.id)
