"""The extractor's spaCy components, registered as factories so ``nlp.add_pipe("kg_...")``
works in anyone's pipeline.

Each component adds to ``doc.user_data``; the last one fixes the result:

* ``kg_kb_matcher``  – KB candidates (:mod:`kg.extract.kb_matcher`), and its matcher for the
  components after it;
* ``kg_abbreviations`` – Schwartz & Hearst definitions and every later use of the short form
  (:mod:`kg.extract.abbreviations`);
* ``kg_rules`` – name-shaped words and typed noun phrases (:mod:`kg.extract.rules`);
* ``kg_entities`` – disambiguation, overlap resolution, the proposed flag; writes the spans
  group ``doc.spans["kg_entities"]`` (label = type) and ``doc.user_data["kg_entities"]``;
* ``kg_results`` – metric values (:mod:`kg.extract.results`) in ``doc.user_data["kg_results"]``.

The title and abstract are one text, ``title + "\\n" + abstract``; ``doc.user_data["kg_title_end"]``
holds the title's length when known (set by :class:`kg.extract.Extractor`, which also sets
``doc.user_data["kg_no_spans"]``: it reads the entities from ``user_data`` and needs no spans group).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from itertools import chain, pairwise

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.abbreviations import (
    Abbreviation,
    acronym_capitals,
    find_abbreviations,
    initials_of,
    spelled_by_capitals,
)
from kg.extract.candidates import Candidate, resolve, sentence_bounds
from kg.extract.conjoined import conjoined_members
from kg.extract.kb_matcher import KBMatcher
from kg.extract.lexicon import WORD_SPLIT, Lexicon, default_lexicon, node_name, singular
from kg.extract.proposals import is_title_case, mark_proposed
from kg.extract.results import find_results
from kg.extract.rules import (
    ADJECTIVE_MAKERS,
    ADJECTIVE_SUFFIXES,
    MEANS_SUFFIXES,
    RETYPED_HEADS,
    KBNames,
    head_candidates,
    is_name_shaped,
    listed_capitals,
    listed_names,
    name_candidates,
    retyped_head,
    suffix_type,
    words_of,
)
from kg.extract.urls import outside_urls, repository_candidates, url_spans
from kg.kb.filters import ENGLISH
from kg.kb.load import KBEntry, load_kb
from kg.model import EntityType

CANDS, ABBR, ENTS, RESULTS, SENTS, TITLE_END, TEXT = (
    "kg_candidates", "kg_abbreviations", "kg_entities", "kg_results", "kg_sentences", "kg_title_end", "kg_text",
)
# The KBMatcher that ran on the Doc, for the components after it: asking the pipeline
# (``nlp.pipe_names``, ``nlp.get_pipe``) builds its lists of names again per Doc, ~3% of the extractor's time.
MATCHER = "kg_kb_matcher"
# Set by the Extractor, which reads ``user_data`` only: no spans group (``Doc.char_span`` per entity
# is some 3% of the pipeline's time).
NO_SPANS = "kg_no_spans"


def doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token each time it is read: read it once per Doc."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def _title_end(doc: Doc, text: str) -> int:
    """The title's length: set by the Extractor, else the text up to its first line break."""
    return doc.user_data.get(TITLE_END, text.find("\n") if "\n" in text else 0)


def _cands(doc: Doc) -> list[Candidate]:
    return doc.user_data.setdefault(CANDS, [])


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if SENTS not in doc.user_data:
        doc.user_data[SENTS] = sentence_bounds(doc_text(doc))
    return doc.user_data[SENTS]


@Language.factory("kg_kb_matcher", default_config={"kb_paths": [], "use_cache": True})
def make_kb_matcher(nlp: Language, name: str, kb_paths: list[str], use_cache: bool) -> KBMatcherComponent:
    return KBMatcherComponent(nlp, kb_paths, use_cache)


class KBMatcherComponent:
    def __init__(self, nlp: Language, kb_paths: list[str], use_cache: bool) -> None:
        self.kb = load_kb([*kb_paths] or None, use_cache=use_cache)
        self.matcher = KBMatcher(nlp, self.kb.entries)

    def __call__(self, doc: Doc) -> Doc:
        found = self.matcher(doc)
        text = doc_text(doc)
        if any(text[c.start : c.end].isupper() for c in found):
            found = shouted_names(found, text, _title_end(doc, text), self.matcher.entries)
        _cands(doc).extend(found)
        doc.user_data[MATCHER] = self.matcher
        return doc


def shouted_names(found: list[Candidate], text: str, title_end: int, entries: Mapping[str, KBEntry]) -> list[Candidate]:
    """A word in capitals that the KB entry never writes so is a name of its own, not that entry
    ("we propose RECALL, a rehearsal-free approach" is no recall; "TPR" is), unless the whole title
    is in capitals (phrases in capitals are the usual spelling of some names: "PASCAL VOC")."""
    shouted = text[:title_end].isupper()
    return [c for c in found if not text[c.start : c.end].isupper() or " " in text[c.start : c.end]
            or c.kb_id is None or entries[c.kb_id].spells_with_capitals(text[c.start : c.end])
            or (shouted and c.end <= title_end)]


def _acronym_name(short: str, long: str) -> str:
    core = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    words = [w for w in WORD_SPLIT.split(long) if w]
    title_case = sum(w[0].isupper() for w in words) * 2 > len(words)
    if any(c.islower() for c in core) or title_case or spelled_by_capitals(core, long):
        return core
    return node_name(long)


_DESCRIPTION = re.compile(r"\)\s*,\s*(?:a|an|the)\s+((?:[\w\-]+\s+){0,4}[\w\-]+)", re.I)
_CALLED_AFTER = re.compile(r"\)\s+([a-z]+)\b")  # "(GOTU) setting"
_DESCRIPTION_ENDS = frozenset(("for", "of", "that", "which", "to", "with", "in", "on", "and", "or"))


def _described_as(text: str, ab: Abbreviation, lex: Lexicon) -> EntityType | None:
    """The type of the head noun of an apposition after a definition, where the long form's
    own head has none: "FOCUS (Familiar Objects in Common and Uncommon Settings), a dataset
    for ..." is a dataset (the appositive "X, a ..." of Hearst 1992); or of the noun that the
    definition modifies when it calls it a task or a dataset: "the generalization on the unseen
    (GOTU) setting" is a task."""
    close = text.find(")", max(ab.long_end, ab.short_start))
    called = _CALLED_AFTER.match(text, close)
    if called is not None and singular(called.group(1)) == called.group(1):  # not "(ANN) benchmarks": of ANN
        for type_ in ("Task", "Dataset"):
            if called.group(1) in lex.context[type_]:
                return type_
    m = _DESCRIPTION.match(text, close)
    if m is None:
        return None
    type_ = None  # of the last typed head noun before a preposition or a relative pronoun
    for word in m.group(1).lower().split():
        if word in _DESCRIPTION_ENDS:
            break
        type_ = lex.heads.get(singular(word), type_)
    return type_


def _names_another(kb_name: str, short: str, long_form: str) -> bool:
    """Whether a KB name read into a short form is not what the abstract defines it as: neither
    the short form itself (DCGAN) nor a name whose first word begins the long form's or is begun
    by it (CNN for "convolutional networks"; SSL's "self-supervised learning" is no "self-similarity
    driven ... learning")."""
    first = kb_name.lower().split(maxsplit=1)[0].replace("-", "")
    opening = long_form.split(maxsplit=1)[0].replace("-", "")  # "differentially private" is differential privacy
    return (kb_name.lower() not in (short.lower(), short.lower().rstrip("s"))
            and not (opening.startswith(first) or first.startswith(opening)))


def _short_uses(text: str, core: str) -> Iterator[tuple[int, int]]:
    r"""Every use of a short form (and its plural) as a word of its own: no word character or hyphen
    on either side. The spans of ``(?<![\w\-])CORE s?(?![\w\-])``, found with str.find: a pattern
    per short form costs more to compile than it saves."""
    i = text.find(core)
    while i >= 0:
        end = i + len(core)
        if i == 0 or not _in_word(text[i - 1]):
            if text.startswith("s", end):
                end += 1  # the plural; a word that goes on after the "s" is no use of the singular either
            if end == len(text) or not _in_word(text[end]):
                yield i, end
                i = text.find(core, end)
                continue
        i = text.find(core, i + 1)


def _in_word(char: str) -> bool:
    r"""Whether ``char`` joins a word: a word character of re (``\w``) or a hyphen."""
    return char.isalnum() or char in "_-"


def _long_uses(text: str, folded: str | None, long_form: str, defined_at: int) -> Iterator[tuple[int, int]]:
    """Every place a long form is written out, in any case, spacing or hyphenation. ``folded``: the
    text lower-cased when it is ASCII (as re.I folds it), else None; with it, a long form whose first
    word the text holds only where it is defined (``defined_at``) is written nowhere else, and its
    pattern is neither compiled nor run (most long forms are new to the build)."""
    if folded is not None:
        first = next(w for w in WORD_SPLIT.split(long_form) if w).lower()
        at = folded.find(first)
        if at < 0 or (at == defined_at and folded.find(first, at + 1) < 0):
            return iter(())
    return (m.span() for m in _long_use_pattern(long_form).finditer(text))


@lru_cache(maxsize=1 << 14)
def _long_use_pattern(long_form: str) -> re.Pattern[str]:
    """Every place a long form is written out, in any case, spacing or hyphenation."""
    return re.compile(rf"(?<![\w\-]){_spelled_out(long_form)}(?![\w\-])", re.I)


def _spelled_out(long_form: str) -> str:
    """A pattern for the long form written with any spacing, hyphenation and plural ending."""
    words = [re.escape(w) for w in WORD_SPLIT.split(long_form) if w]
    return r"[\s\-]+".join(words) + "s?"


@Language.factory("kg_abbreviations", default_config={"lexicon": ""})
def make_abbreviations(nlp: Language, name: str, lexicon: str) -> AbbreviationComponent:
    return AbbreviationComponent(default_lexicon(lexicon or None))


class AbbreviationComponent:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def _disowns(self, c: Candidate, long_form: str, imported: frozenset[str]) -> bool:
        """Whether a definition overrules an imported KB reading of its short form: the long form's
        head is no head of the entry's type ("maximum mean discrepancy (MMD)" is not the Papers
        with Code dataset MMD; "ROad event Awareness Dataset (ROAD)" is the dataset ROAD). A
        curated entry is trusted: its short forms were chosen for the field's usage."""
        if c.kb_id not in imported:
            return False
        head = singular(WORD_SPLIT.split(long_form.lower())[-1])
        return head not in self.lex.head_lists.get(c.type, frozenset())

    def __call__(self, doc: Doc) -> Doc:
        text, cands = doc_text(doc), _cands(doc)
        definitions: dict[str, str] = {}
        defined: dict[tuple[int, int], str] = {}  # span of a use of a short form -> its long form
        entities: dict[str, tuple[EntityType, str, str | None]] = {}  # short form -> its first definition's entity
        matcher: KBMatcher | None = doc.user_data.get(MATCHER)
        imported = matcher.imported if matcher is not None else frozenset()
        disowned: set[str] = set()  # imported KB ids a definition overrules
        folded = text.lower() if text.isascii() else None  # for _long_uses
        for ab in find_abbreviations(text):
            if ab.long.lower() in self.lex.stop_modifiers:
                continue  # "state-of-the-art (SOTA)": an evaluative word, whatever its short form
            core = ab.short[:-1] if ab.short.endswith("s") and ab.short[:-1].isupper() else ab.short
            kb = next((c for c in cands if c.reason == "kb" and c.start == ab.long_start
                       and c.end == ab.long_end), None)
            # "Pointer Net (Ptr-Net)": a KB short form that the long form agrees with
            shorts = [] if kb is not None else [c for c in cands if c.reason == "kb" and c.start == ab.short_start]
            if imported:
                disowned.update(c.kb_id for c in shorts if self._disowns(c, ab.long, imported))  # type: ignore[misc]
            short_kb = next((c for c in shorts if not c.ambiguous and c.kb_id not in disowned
                             and not _names_another(c.name, ab.short, ab.long.lower())), None)
            if kb is not None:
                type_, name, kb_id = kb.type, kb.name, kb.kb_id
            else:
                if short_kb is not None:
                    type_, name, kb_id = short_kb.type, short_kb.name, short_kb.kb_id
                elif core in entities:  # defined again, spelled another way: "mask image modeling (MIM)"
                    type_, name, kb_id = entities[core]
                else:
                    *modifiers, last = ab.long.lower().split()
                    head = singular(last.split("-")[-1])
                    type_ = self.lex.heads.get(head) or _described_as(text, ab, self.lex) or "Method"
                    if head in RETYPED_HEADS and ab.long[1:].islower():  # "maximum inner product search
                        type_ = retyped_head(head, type_, modifiers, self.lex)  # (MIPS)" is a task; not a name
                    name, kb_id = _acronym_name(ab.short, ab.long), None
                cands.append(Candidate(ab.long_start, ab.long_end, type_, name, "acronym", kb_id=kb_id,
                                       long_form=ab.long))
            entities.setdefault(core, (type_, name, kb_id))
            definitions[core] = ab.long
            # every use of the short form, and of the long form elsewhere (a title that spells it out)
            for start, end in chain(_short_uses(text, core), _long_uses(text, folded, ab.long, ab.long_start)):
                if start != ab.long_start:
                    cands.append(Candidate(start, end, type_, name, "acronym", kb_id=kb_id, long_form=ab.long))
                    defined[(start, end)] = ab.long.lower()
        # the abstract's own definition outranks a KB reading of the short form that names another
        # thing ("binary neural networks (BNNs)": BNN is not the KB's Bayesian neural network)
        cands[:] = [c for c in cands if not (c.reason == "kb" and (c.start, c.end) in defined
                                              and (c.kb_id in disowned
                                                   or _names_another(c.name, text[c.start : c.end],
                                                                     defined[(c.start, c.end)])))]
        doc.user_data[ABBR] = definitions
        return doc


@Language.factory("kg_rules", default_config={"lexicon": ""})
def make_rules(nlp: Language, name: str, lexicon: str) -> RulesComponent:
    return RulesComponent(default_lexicon(lexicon or None))


class RulesComponent:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        text, cands = doc_text(doc), _cands(doc)
        kb_names: dict[int, Candidate] | None = None
        kb = KBNames(cands)
        title_end = _title_end(doc, text)
        shouted = text[:title_end].isupper()
        for s, e in _sentences(doc):
            words = words_of(text, s, e)
            names = name_candidates(text, words, text[s:e], self.lex, kb)
            capitals = listed_capitals(words)
            if capitals:  # a list of names may hold plain capitalised words
                if kb_names is None:
                    kb_names = _one_word_names(cands, text)
                listed = kb_names | _one_word_names(names, text)
                names += listed_names(text, words, capitals, listed, self.lex)
            if shouted and s < title_end:
                names = written_as_names(names, text, title_end)
            cands.extend(names)
            cands.extend(head_candidates(text, words, self.lex))
        if "hallenge" in text:  # most abstracts name no challenge: no scan of the candidates
            named_challenges(cands, text, self.lex.context["named_dataset_heads"])
        if "earning" in text and "epresentation" in text:
            cands.extend(representation_learning(text, self.lex))
        return doc


# "learning effective visual representations", "Learning of structured representations": the gerund,
# an article, then up to three modifiers of the representations
_LEARNING_REPRESENTATIONS = re.compile(
    r"\b[Ll]earning(?:\s+of)?(?:\s+(?:an?|the))?(?P<mods>(?:\s+[A-Za-z][\w\-]*){1,3}?)\s+[Rr]epresentations?\b")


def representation_learning(text: str, lex: Lexicon) -> list[Candidate]:
    """A representation learning task written as the activity: "learning effective visual
    representations" is visual representation learning, "Learning image representations" image
    representation learning; the words that say what the representations are name the task, the
    evaluative ones do not (`[modifiers] stop`: "effective", "useful"). With no such word it is no
    task of its own ("learning representations", "learning such representations")."""
    out = []
    for m in _LEARNING_REPRESENTATIONS.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()].split()
        if before and before[-1][-1].isalpha() and not ENGLISH.is_stop(before[-1].lower()):
            continue  # the head of a name before it: "Contrastive Learning of Medical Visual Representations"
        words = [w.lower() for w in m.group("mods").split()]
        if any(ENGLISH.is_stop(w) or w in lex.plain_verbs or w in lex.heads or w.endswith("ing")
               or not w.replace("-", "").isalpha() for w in words):
            continue  # no modifiers: "learning framework for visual representations", "combining clustering and ..."
        kept = [w for w in words if w not in lex.stop_modifiers]
        if kept:
            out.append(Candidate(m.start(), m.end(), "Task", " ".join(kept) + " representation learning", "activity"))
    return out


_CAPITALISED_NEXT = re.compile(r" ([A-Z][a-z]+)\b(?!-)")


def named_challenges(cands: list[Candidate], text: str, heads: frozenset[str]) -> None:
    """A dataset the rules name before a capitalised head of `[context] named_dataset_heads` takes
    the head into its name, as challenges are named ("the Visual Decathlon Challenge", "the 2022
    DIGIX Global AI Challenge"), unless the name holds a KB entry: "the ImageNet Challenge 2014" is
    ImageNet, "the VQA Challenge" the task and data of VQA."""
    kb = [c for c in cands if c.reason == "kb"]
    for c in cands:
        if c.reason != "np_head" or c.type != "Dataset" or any(c.start <= k.start < c.end for k in kb):
            continue
        m = _CAPITALISED_NEXT.match(text, c.end)
        if m and m.group(1).lower() in heads:
            c.end = m.end()
            c.name = " ".join(text[c.start : c.end].split())


def written_as_names(names: list[Candidate], text: str, title_end: int) -> list[Candidate]:
    """The names of a title written in capitals ("TYING WORD VECTORS AND WORD CLASSIFIERS: A LOSS
    FRAMEWORK FOR ...", as some venues print titles) that the abstract writes the same way: there
    every word has a name's shape, so only the abstract can tell "GMAN" from "WITH" or "LOSS"."""
    abstract = text[title_end:]
    return [c for c in names if re.search(rf"(?<![\w\-]){re.escape(text[c.start : c.end])}", abstract)]


def _one_word_names(cands: list[Candidate], text: str) -> dict[int, Candidate]:
    """Method and Dataset candidates written with a capital, by start offset (list members)."""
    return {c.start: c for c in cands if c.type in ("Method", "Dataset") and not text[c.start].islower()}


@Language.factory("kg_entities", default_config={"lexicon": ""})
def make_entities(nlp: Language, name: str, lexicon: str) -> EntitiesComponent:
    return EntitiesComponent(default_lexicon(lexicon or None))


class EntitiesComponent:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cands = _cands(doc)
        title_end = _title_end(doc, text)
        urls = url_spans(text)
        if urls:  # an address is no prose; its repository names the paper's code
            cands[:] = outside_urls(cands, urls)
            cands.extend(repository_candidates(text, title_end, urls, cands))
        matcher: KBMatcher | None = doc.user_data.get(MATCHER)
        definitions = doc.user_data.get(ABBR, {})
        if matcher is not None:
            for c in cands:
                if c.ambiguous:  # the test disambiguate starts with, without a call per candidate
                    matcher.disambiguate(c, text, definitions)
            own_short_forms(cands, text, definitions, matcher.entries)
        phrases_keep_kb_names(cands, text)
        kb_by_end = _longest_kb_by_end(cands)  # the same for both: the first drops rule phrases only
        cands[:] = without_trained_states(cands, text, kb_by_end, self.lex)
        inherit_kb_type(cands, text, kb_by_end)
        names_stand_alone(cands, text, self.lex.weak_heads)
        for c in cands:
            if c.name.replace("-", "") in self.lex.generic_names:
                c.weak = True
        based_on_names(cands, text)
        chosen = resolve(cands, text)
        imported = matcher.imported if matcher is not None else frozenset()
        extra = mark_proposed(chosen, text, title_end, self.lex, imported)
        if extra:  # a proposal named in the title takes its words from the candidates inside it
            chosen = resolve(chosen + extra, text)
        dropped = [c for c in chosen if c.weak and not c.proposed]
        if dropped:  # give the words of a dropped generic phrase back to the other candidates
            ids = {id(c) for c in dropped}
            chosen = resolve([c for c in cands if id(c) not in ids and not (c.weak and not c.proposed)]
                             + [c for c in chosen if c.reason == "proposal"], text)
        areas = self.lex.areas  # by name, and an acronym by its long form too: "out-of-distribution (OoD)"
        chosen = sorted((c for c in chosen if not self.lex.is_area(c.name) and (c.long_form or "").lower() not in areas
                         and not (c.reason == "np_head" and not c.proposed and _ends_in_area(c.name, areas))),
                        key=lambda c: c.start)
        chosen = without_plural_classes(chosen, cands, text, title_end)
        merge_modified_phrases(chosen)
        names_with_generic_heads(chosen, self.lex.context["name_heads"])
        if "D " in text or "D-" in text:  # "3D CNNs", "2D-ResNet": a number of dimensions written before a name
            dimensional_variants(chosen, text)
        shortened_title_tasks(chosen, title_end)
        chosen = without_inspirations(chosen, text, self.lex)
        chosen = without_noun_modifiers(chosen, text, self.lex)
        chosen = without_non_measures(chosen, text, self.lex)
        chosen = without_kinds_of_methods(chosen, text, self.lex)
        chosen = without_task_families(chosen, text, title_end, self.lex)
        listed_examples(chosen, text, self.lex)
        datasets_before_tasks(chosen, text)
        called_tasks(chosen, text, self.lex)
        means_are_methods(chosen, text, self.lex)
        title_purposes_are_tasks(chosen, text, title_end, self.lex)
        proposals_are_methods(chosen, text, self.lex)
        short_forms_by_initials(chosen, text, definitions)
        title_names_of_acronyms(chosen, text, title_end)
        if matcher is not None and (" and " in text or " or " in text):
            members = conjoined_members(chosen, text, self.lex, matcher.lookup)
            if members:  # "image and video classification": image classification too
                chosen = sorted(chosen + members, key=lambda c: c.start)
        doc.user_data[ENTS] = chosen
        if not doc.user_data.get(NO_SPANS):
            spans = [doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand") for c in chosen]
            doc.spans[ENTS] = [s for s in spans if s is not None]
        return doc


_SHORT_FORM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][A-Za-z0-9\-]{1,7}$")
_RUN_GAP = r"(?:[\s\-]+(?:(?:of|for|and|the|to|in|with|on|from)\s+)?)"


@lru_cache(maxsize=4096)
def _spelled_out_as(letters: str) -> re.Pattern[str]:
    """A Title-Case run whose words and hyphen parts open with ``letters``, small words allowed
    between ("Mixture of Hidden-Dimensions" for MHD), matched where a capitalised word starts."""
    return re.compile(_RUN_GAP.join(rf"{re.escape(ch)}\w*" for ch in letters) + r"(?![\w\-])")


_WORD_CAPITAL = re.compile(r"(?<![\w\-])[A-Z]")
_TITLE_WORD_BEFORE = re.compile(r"[A-Z][\w]*[\s\-]$")
_TITLE_WORD_AFTER = re.compile(r"[\s\-][A-Z]")


def _whole_runs(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[str]:
    """The matches of ``pattern`` at ``starts`` (where capitalised words of the right letter
    begin) that are whole Title-Case runs of two or more words: no capitalised word joins them
    before or after ("Actor-Critic" inside "Asynchronous Advantage Actor-Critic" is none, nor is
    one hyphenated word)."""
    for start in starts:
        m = pattern.match(text, start)
        if (m is not None and " " in m.group() and not _TITLE_WORD_BEFORE.search(text, max(0, start - 30), start)
                and not _TITLE_WORD_AFTER.match(text, m.end())):
            yield m.group()


def own_short_forms(cands: list[Candidate], text: str, definitions: dict[str, str],
                    entries: Mapping[str, KBEntry]) -> None:
    """A KB short form the abstract does not define but spells out as a Title-Case name that is
    none of the entry's names is that name's short form, not the KB entry: in "DiT:
    Self-supervised Pre-training for Document Image Transformer" DiT is no Diffusion
    Transformer. The name's initials must be the short form's capitals, or all its letters
    (DiT: D-I-T), and its first word must open none of the entry's names; a short form that is
    the entry's own name (BERT, A3C) is not tried. The mention becomes
    an acronym of that long form (the linker then keeps it apart from the KB entry)."""
    shorts = [c for c in cands if c.reason == "kb" and c.kb_id is not None and c.name != text[c.start : c.end]
              and _SHORT_FORM.match(text[c.start : c.end]) and text[c.start : c.end] not in definitions]
    if not shorts:
        return
    capitals: dict[str, list[int]] = {}  # where capitalised words start, by their first letter
    for m in _WORD_CAPITAL.finditer(text):
        capitals.setdefault(m.group(), []).append(m.start())
    for c in shorts:
        surface = text[c.start : c.end]
        letters = {acronym_capitals(surface), "".join(ch for ch in surface if ch.isalpha()).upper()}
        run = next((r for ls in sorted(letters) if len(ls) >= 2 and ls[0] in capitals
                    for r in _whole_runs(_spelled_out_as(ls), text, capitals[ls[0]])), None)
        entry = entries.get(c.kb_id)  # type: ignore[arg-type]
        if run is None or entry is None or surface in run:
            continue
        first = WORD_SPLIT.split(run.lower())[0]
        if any(WORD_SPLIT.split(a.lower())[0] == first for a in (entry.name, *entry.aliases)):
            continue  # the entry's own name, spelled another way ("Pointer Net" for pointer network)
        c.reason, c.kb_id, c.ambiguous, c.name, c.long_form = "acronym", None, (), surface, run


# the end of an adjective made of a name, and the space after it: "-level ", "-like "
# ("-based" phrases are :func:`based_on_names`'s: kept whole when proposed)
_ADJECTIVE_OF_NAME = re.compile(rf"-(?:{'|'.join(s for s in ADJECTIVE_SUFFIXES if s != 'based')}) +", re.I)


def names_stand_alone(cands: list[Candidate], text: str, weak_heads: frozenset[str]) -> None:
    """A KB dataset that opens a rule phrase of another type is an entity of its own, as the
    annotation guidelines say of "ImageNet classification": "Pubmed citation network" is the
    dataset Pubmed and the phrase after it, "ImageNet pre-trained models" ImageNet and the models;
    so is any KB name made an adjective that opens a rule phrase ("CLIP-level visual recognition
    accuracy", "ResNet-like convolutional networks": CLIP and ResNet, and the phrase after the
    adjective)."""
    names = {c.start: c for c in cands if c.reason == "kb"}
    if not names:
        return
    for c in cands:
        d = names.get(c.start) if c.reason == "np_head" else None
        if d is None or d.end >= c.end:
            continue
        if d.type == "Dataset" and c.type != "Dataset" and text[d.end] == " ":
            c.start = d.end + 1
        elif (text[d.end] == "-" and (m := _ADJECTIVE_OF_NAME.match(text, d.end)) and m.end() < c.end
              and singular(text[m.end() : c.end].lower()) not in weak_heads):
            c.start = m.end()  # not before a generic head alone: "a Transformer-based framework" is the phrase
        else:
            continue
        c.name = node_name(text[c.start : c.end])
        c.weak = c.weak or " " not in c.name


def _longest_kb_by_end(cands: list[Candidate]) -> dict[int, Candidate]:
    """The longest KB candidate ending at each offset."""
    kb_by_end: dict[int, Candidate] = {}
    for c in cands:
        if c.reason == "kb" and (c.end not in kb_by_end or c.length > kb_by_end[c.end].length):
            kb_by_end[c.end] = c
    return kb_by_end


def without_trained_states(cands: list[Candidate], text: str, kb_by_end: dict[int, Candidate],
                           lex: Lexicon) -> list[Candidate]:
    """A rule phrase that only puts a training state before a KB name ("pretrained transformer",
    `[context] trained_states`) gives way to the KB name: the model is the same entity. Written
    in lower case: "Pre-trained Distillation" mid-sentence is a name of its own. ``kb_by_end``:
    :func:`_longest_kb_by_end` of ``cands``."""
    states = lex.context["trained_states"]

    def states_before(c: Candidate, kb: Candidate) -> bool:
        return kb.start > c.start and all(w in states for w in text[c.start : kb.start].split())

    # the tests of the comprehension first: most candidates are no rule phrase ending where a KB name does
    return [c for c in cands
            if c.reason != "np_head" or (kb := kb_by_end.get(c.end)) is None or not states_before(c, kb)]


_JOINED = re.compile(r",| and | or ")


def phrases_keep_kb_names(cands: list[Candidate], text: str) -> None:
    """A rule phrase that opens inside a KB name, its first words dropped as modifiers the phrase
    does not take ("Large" of "Large Language Model Pretraining"), opens where the name does: the
    name is a part of it, as a name before a head is ("BERT pretraining"); not where a conjunction
    stopped the phrase ("Wide and Deep Neural Networks" holds the KB's Wide & Deep)."""
    inner: dict[int, Candidate] = {}  # the start of each word of a KB name but its first
    for c in cands:
        if c.reason == "kb":
            at = text.find(" ", c.start, c.end)
            while at >= 0:
                inner[at + 1] = c
                at = text.find(" ", at + 1, c.end)
    if not inner:
        return
    for c in cands:
        kb = inner.get(c.start) if c.reason == "np_head" else None
        if kb is not None and kb.end < c.end and not _JOINED.search(text, kb.start, c.start):
            surface = text[kb.start : c.end]
            c.start, c.name = kb.start, node_name(surface, not is_title_case(surface))


def inherit_kb_type(cands: list[Candidate], text: str, kb_by_end: dict[int, Candidate]) -> None:
    """A phrase ending in a KB name has the KB entry's type: "no-reference image quality
    assessment" is a Task because "image quality assessment" is one; a Task phrase that only
    adds its means ("gradient-based ...") or a name before it ("FLAN instruction tuning") gives way to
    the KB task. ``kb_by_end``:
    :func:`_longest_kb_by_end` of ``cands``."""
    retyped: dict[str, str] = {}
    for c in cands:
        kb = kb_by_end.get(c.end)
        if c.reason in ("np_head", "acronym") and c.kb_id is None and kb is not None and kb.start > c.start:
            c.type = kb.type
            if kb.type == "Task" and c.name.split(" ", 1)[0].endswith(MEANS_SUFFIXES) and c.name[0].islower():
                c.weak = True  # "gradient-based hyperparameter optimization": the KB task, with its means
            elif (kb.type == "Task" and c.reason == "np_head"
                  and all(map(is_name_shaped, text[c.start : kb.start].split()))):
                c.weak = True  # "FLAN instruction tuning": the name and the KB task, as "ImageNet classification"
            if c.reason == "acronym":
                retyped[c.name] = kb.type
    for c in cands:  # the short forms of a retyped long form follow it
        if c.reason == "acronym" and c.name in retyped:
            c.type = retyped[c.name]  # type: ignore[assignment]


_EXAMPLES_OF_DATASETS = re.compile(
    r"\b(?:datasets|benchmarks|corpora)\b[^.;:()]{0,50}?(?:\b(?P<noun>\w+))?,?\s+\(?"
    r"(?:such as|including|e\.g\.,?|like)\s+")
# "synthetic tasks like ListOps", "tasks such as SQuAD": a benchmark named for its task
_EXAMPLES_OF_TASKS = re.compile(r"\btasks,?\s+\(?(?:such as|including|e\.g\.,?|like)\s+")
_CITATION = re.compile(r"\([^()]*\)")


def _examples_of_datasets(text: str, lex: Lexicon) -> Iterator[int]:
    """Where each list of examples of datasets starts (see :func:`listed_examples`)."""
    for m in _EXAMPLES_OF_DATASETS.finditer(text):
        noun = (m.group("noun") or "").lower()
        if noun in lex.context["Task"] or (noun.endswith("s") and noun in lex.head_forms
                                           and lex.head_forms[noun][0] != "Dataset"):
            continue  # "unsupervised methods like SkipThought": examples of methods
        yield m.end()
    if "tasks" in text:
        yield from (m.end() for m in _EXAMPLES_OF_TASKS.finditer(text))


def listed_examples(chosen: list[Candidate], text: str, lex: Lexicon) -> None:
    """Names listed as examples of datasets are datasets, a lexico-syntactic pattern of Hearst
    (1992), "NP such as NP, NP and NP": "diagnostic datasets ..., such as SCAN (Lake and Baroni,
    2018) and COGS", "large datasets (e.g., Pile, MassiveText)". Only name-shaped words take the
    type (the KB knows its names' types); bracketed citations between the members are skipped. The
    examples are of the plural right before the cue when it names methods or tasks ("datasets can
    outperform unsupervised methods like SkipThought"). A name the KB does not know listed as an
    example of tasks is a benchmark named for its task ("synthetic tasks like ListOps"; a KB task stays
    one: "tasks such as OCR"). ``chosen`` is sorted by start."""
    if "datasets" not in text and "benchmarks" not in text and "corpora" not in text and "tasks" not in text:
        return  # a substring test in C spares the pattern's scan for most abstracts
    for pos in _examples_of_datasets(text, lex):
        for c in chosen:
            if c.start < pos:
                continue
            if _CITATION.sub("", text[pos : c.start]).strip(" ,") not in ("", "and", "or"):
                break
            if c.reason == "name_shape":
                c.type = "Dataset"
            pos = c.end


def _ends_in_area(name: str, areas: frozenset[str]) -> bool:
    """Whether a phrase is the field itself with a modifier ("supervised deep learning", "trustworthy
    machine learning"): the field under another word is no method of one paper either."""
    words = name.lower().split()
    return len(words) > 2 and (" ".join(words[-2:]) in areas or " ".join(words[-3:]) in areas)


def based_on_names(cands: list[Candidate], text: str) -> None:
    """A rule-made phrase opening with a KB name written as a name and "-based" ("MAE-based
    pre-training", "a ResNet-based detector") says what it is built on: it is kept only when the
    paper proposes it ("we propose a GAN-based algorithm"); else the KB name is the mention."""
    if "-based " not in text:
        return  # most abstracts: no scan of the candidates
    names = {k.start: k.end for k in cands if k.reason == "kb" and not text[k.start : k.end].islower()}
    for c in cands:
        end = names.get(c.start) if c.reason == "np_head" else None
        if end is not None and text.startswith("-based ", end):
            c.weak = True


def datasets_before_tasks(chosen: list[Candidate], text: str) -> None:
    """A name the rules made a Method for want of other evidence, written right before a KB task,
    is a dataset, as the KB names written there are ("ImageNet classification", "COCO object
    detection", "ADE20K semantic segmentation": 35 of the 38 KB names before a KB task in the seed
    and SciREX abstracts are datasets): "Places205 classification", "IJB-A face recognition". Not a
    name whose suffix makes it a method (…Net), nor a proposed one. ``chosen`` is sorted by start."""
    for c, nxt in pairwise(chosen):
        if (c.reason == "name_shape" and c.type == "Method" and nxt.reason == "kb" and nxt.type == "Task"
                and nxt.start == c.end + 1 and text[c.end] == " " and not c.proposed and suffix_type(c.name) is None):
            c.type = "Dataset"


def without_plural_classes(chosen: list[Candidate], cands: list[Candidate], text: str,
                           title_end: int) -> list[Candidate]:
    """A phrase of the rules whose head is a plural names a class of things, not one entity. A Task
    phrase names what a model outputs or undergoes, not a problem: "intermediate layer predictions",
    "dynamic representational shifts", "human translations" (a task is named by a singular or mass
    noun: "prediction", "machine translation"); the phrase still claims its words ("inference
    speedup selections" is no "inference speedup"). A Method phrase names the prior work a paper
    sets itself against, not a technique it uses ("pre-trained classifiers", "visual backbones",
    "controllable image generators", the vague phrases of the annotation guidelines; in the title it
    may be what the paper is for: "... for Training Visual Backbones"); it stays when
    the abstract also names it in the singular ("a closed-form predictor ... closed-form
    predictors"), and so does a family of a KB method that ends it ("deep convolutional neural networks",
    "stacked U-Nets"; not "pre-training objectives") or the kinds of a named one ("VGG nets", "CosFace
    losses"; ``cands``: all candidates, before resolution), and so does a name written in Title Case
    ("Non-Autoregressive Models"). A KB name or a proposed one stays, and so does the KB method or
    dataset a dropped Task phrase opens with ("explain deep neural network model predictions")."""
    # (start, end, whether written as a proper name) of the KB methods
    kb_methods = [(k.start, k.end, not text[k.start : k.end].islower()) for k in cands
                  if k.reason == "kb" and k.type == "Method"]

    def plural_class(c: Candidate) -> bool:
        surface = text[c.start : c.end]
        if c.reason != "np_head" or c.proposed or not _plural_head(surface):
            return False
        if c.type == "Task":
            return True
        return (c.type == "Method" and c.start >= title_end and not is_title_case(surface)
                and not any(e == c.end and c.start <= s or s == c.start and e <= c.end and proper
                            for s, e, proper in kb_methods))

    singular_methods = {c.name for c in chosen if c.type == "Method" and not plural_class(c)}
    kept = [c for c in chosen if not plural_class(c) or (c.type == "Method" and c.name in singular_methods)]
    if len(kept) == len(chosen):
        return kept
    for c in chosen:  # the KB method or dataset that a dropped Task phrase opens is named there:
        if c.type == "Task" and plural_class(c):  # "explain deep neural network model predictions"
            inside = [k for k in cands if k.reason == "kb" and k.type in ("Method", "Dataset") and not k.weak
                      and k.start == c.start and k.end < c.end]
            if inside:
                kept.append(max(inside, key=lambda k: k.end))
    return sorted(kept, key=lambda c: c.start)


def _plural_head(surface: str) -> bool:
    """Whether a phrase's last word, or its hyphen part, is a plural."""
    head = surface[max(surface.rfind(" "), surface.rfind("-")) + 1 :]
    return singular(head) != head


_CLAUSE_END = re.compile(r"[,.;:]\s")


def without_inspirations(chosen: list[Candidate], text: str, lex: Lexicon) -> list[Candidate]:
    """Tasks named only as the work's inspiration are left out, as the annotation guidelines
    say: "Inspired by recent work in machine translation and object detection, we ...", the
    clause from the cue (`[context] inspiration`) to the next punctuation. A task the abstract
    also names outside such a clause stays."""
    low = text.lower()
    clauses = []
    for cue in lex.context["inspiration"]:
        start = low.find(cue)
        while start >= 0:
            end = _CLAUSE_END.search(text, start)
            clauses.append((start, end.start() if end else len(text)))
            start = low.find(cue, start + 1)
    if not clauses:
        return chosen
    inside = {id(c) for c in chosen if c.type == "Task" and any(s <= c.start and c.end <= e for s, e in clauses)}
    named_elsewhere = {c.name.lower() for c in chosen if id(c) not in inside}
    return [c for c in chosen if id(c) not in inside or c.proposed or c.name.lower() in named_elsewhere]


_NEXT_WORD = re.compile(r" ([a-z][a-z\-]*[a-z])\b")
_PROCEDURE_PARTS = frozenset(("step", "stage", "phase"))  # the parts of a method a task word names
# the noun after a second conjunct: "reasoning and generalization capabilities"
_NEXT_CONJUNCT_NOUN = re.compile(r" (?:and|or) [a-z][a-z\-]*[a-z] ([a-z]+)\b")
_HYPHEN_PART = re.compile(r"-([A-Za-z]+)\b")  # "reasoning-induced"


def without_noun_modifiers(chosen: list[Candidate], text: str, lex: Lexicon) -> list[Candidate]:
    """A one-word task, a task phrase of the rules or a measure phrase written right before a
    lower-case noun modifies it and names no task or metric of the paper: "in each denoising step",
    "the localization step", "the classification confidence", "a high-quality segmentation mask", "a speedup analysis",
    "memory usage redundancy" (as a hyphenated compound before a noun does). Not before a stop
    word, a word the text calls tasks or metrics with ("recognition tasks", "a distance metric"), a
    head noun ("a translation decoder": the phrase is its own entity; a generic one:
    :func:`without_kinds_of_methods`), a noun of the field's study of the task ("explainability
    research", `[context] task_areas`), a verb-like word (in -s; a modal is a stop word:
    "segmentation remains", "translation should") or an adverb ("retrieval respectively"); not an
    -ing task word, which may be a verb taking an object ("clustering unlabeled images"); and not
    before an -ing or -ed word, a verb or participle ("complexity growing", "accuracy measured
    on", "retrieval compared to"). A task of any length before a noun of capability (`[context]
    capabilities`) is what a model can do, not a problem the paper addresses: "the semantic
    matching capabilities of neural retrieval", also as the first of two conjuncts ("reasoning and
    generalization capabilities"); and so is none the first part of a compound adjective
    ("reasoning-induced", "recognition-based": :data:`rules.ADJECTIVE_MAKERS`)."""
    keep = (lex.stop_modifiers, lex.context["Task"], lex.context["Metric"], lex.context["task_areas"],
            lex.head_forms)
    capabilities = lex.context["capabilities"]

    def next_noun(c: Candidate) -> str | None:
        m = _NEXT_WORD.match(text, c.end)
        if m is None:
            return None
        nxt = m.group(1)
        if nxt in _PROCEDURE_PARTS:
            return nxt  # a stop word elsewhere ("in each step"), a noun here: "the localization step"
        verb_like = singular(nxt) != nxt or nxt.endswith("ly")  # "remains", "respectively"; not "analysis"
        return None if verb_like or any(nxt in words for words in keep) else nxt

    def one_word(c: Candidate) -> bool:
        word = text[c.start : c.end]
        return _one_word(word) and not word.endswith("ing")

    def capability(c: Candidate) -> bool:
        # the second pattern is tried only when the first finds none (a tuple of both would match both)
        m = _NEXT_WORD.match(text, c.end)
        if m is not None and m.group(1) in capabilities:
            return True
        m = _NEXT_CONJUNCT_NOUN.match(text, c.end)
        return m is not None and m.group(1) in capabilities

    def adjective_part(c: Candidate) -> bool:
        m = _HYPHEN_PART.match(text, c.end)
        return m is not None and m.group(1).lower() in ADJECTIVE_MAKERS

    def modifier(c: Candidate) -> bool:
        if c.proposed:
            return False
        if c.type == "Task":
            if capability(c) or adjective_part(c):
                return True
            if not (one_word(c) or (c.reason == "np_head" and " " in text[c.start : c.end])):
                return False
        elif c.type != "Metric" or c.reason != "np_head":  # a KB metric is a name: "a 2% WER improvement"
            return False
        nxt = next_noun(c)
        return nxt is not None and not nxt.endswith(("ing", "ed"))
    return [c for c in chosen if not modifier(c)]


_WORDS_AFTER = re.compile(r" ([a-z]+(?: [a-z]+)?)")
_DIGIT = re.compile(r"\d")


def _reported(c: Candidate, text: str, lex: Lexicon) -> bool:
    """Whether a measure is reported: a number or a word of comparison (`[context] comparisons`)
    among the five words on either side in its sentence ("a 10x improvement in label efficiency",
    "superior data efficiency", "reducing the number of parameters by a factor of 20")."""
    before = text[max(0, c.start - 60) : c.start]
    after = text[c.end : c.end + 60]
    near = before[before.rfind(". ") + 1 :].split()[-5:] + after.split(". ", 1)[0].split()[:5]
    return any(_DIGIT.search(w) or w.lower().strip(".,;:()") in lex.context["comparisons"] for w in near)


def _names_no_measure(c: Candidate, text: str, lex: Lexicon) -> bool:
    """Whether a Metric mention names a moment, a quality or count not reported, or a quantity
    about particular things rather than an evaluation measure (see :func:`without_non_measures`)."""
    surface = text[c.start : c.end].lower()
    if surface.endswith(" time"):
        before = _WORD_BEFORE.search(text, max(0, c.start - 12), c.start)
        if before is not None and before.group(1) in lex.context["moments"]:
            return True
    if any(map(surface.startswith, lex.context["counts"])):
        return not _reported(c, text, lex)
    if c.reason != "np_head":
        # a KB measure of one word before its argument: "sensitivity to noise" is no recall
        return " " not in surface and _argument_follows(c, text, lex.measure_arguments.get(surface))
    last = surface.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
    head = singular(last)
    if head in lex.context["qualities"] or (last != head and head in lex.context["burdens"]):
        return not _reported(c, text, lex)
    return _argument_follows(c, text, lex.measure_arguments.get(head))


def _argument_follows(c: Candidate, text: str, arguments: frozenset[str] | None) -> bool:
    """Whether the next word or two after ``c`` open one of its head's ``arguments``."""
    after = _WORDS_AFTER.match(text, c.end) if arguments else None
    return after is not None and (after.group(1) in arguments or after.group(1).split(" ", 1)[0] in arguments)


def without_non_measures(chosen: list[Candidate], text: str, lex: Lexicon) -> list[Candidate]:
    """Metric mentions that name no evaluation measure are left out: a time after "at" is a
    moment of a model's life ("guidance at inference time", `[context] moments`; "15 times less
    inference time" is a measure); a phrase of the rules that names a quality (`[context]
    qualities`: "training efficiency") and a count written out (`[context] counts`: "the number
    of parameters") are measures only when reported, with a number or a word of comparison among
    the five words on either side ("a 10x improvement in label efficiency", "reducing the number of
    parameters by a factor of 20"); a phrase of the rules followed by the argument of its head
    (`[measure_arguments]`) names a quantity about particular things: a relation the method computes
    or closes ("the nearest neighbor distance between test samples and ...", "the transfer gap
    between MIM and ..."), a description of a measure ("a more intrinsic metric for the so-called
    feature complexity") or a model's output per item ("quality scores for each image")."""
    return [c for c in chosen if c.type != "Metric" or c.proposed or not _names_no_measure(c, text, lex)]


def without_kinds_of_methods(chosen: list[Candidate], text: str, lex: Lexicon) -> list[Candidate]:
    """A one-word task or a task phrase of the rules right before a generic head (`[heads] weak`:
    method, model, framework, system, ...) names a kind of method, not a problem the paper
    addresses: "a recent quality regression method", "other clustering methods", "neural
    translation systems", "a simplified detection framework". It stays when the abstract names the
    task elsewhere ("recognition methods use pixels" in a paper on recognition tasks); a KB name of
    several words is the field's task ("keyword spotting systems"). So does a measure phrase of the
    rules before one: "black-box neural similarity models" compute no evaluation measure."""
    def kind(c: Candidate) -> bool:
        if c.proposed or not (c.type == "Task" and (c.reason == "np_head" or _one_word(text[c.start : c.end]))
                              or c.type == "Metric" and c.reason == "np_head"):
            return False
        m = _NEXT_WORD.match(text, c.end)
        return m is not None and singular(m.group(1)) in lex.weak_heads

    return _unless_named_elsewhere(chosen, kind)


@lru_cache(maxsize=4)
def _family_patterns(quantifiers: frozenset[str], nouns: frozenset[str],
                     subjects: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What :func:`without_task_families` reads: a quantifier and up to four words before a task,
    the family noun after it (past one conjunct: "many text-generation and sequence-labeling
    tasks"), and a word of the paper's own work."""
    quantifier = "|".join(sorted((re.escape(q) for q in quantifiers), key=len, reverse=True))
    before = re.compile(rf"\b(?:{quantifier})\s+(?:[\w\-]+\s+){{0,4}}$", re.I)
    after = re.compile(rf"(?:\s+(?:and|or)\s+[\w\-]+(?:\s+[\w\-]+)?)?\s+(?:{'|'.join(sorted(nouns))})\b")
    own = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in (*subjects, 'our', 'us'))})\b", re.I)
    return before, after, own


def without_task_families(chosen: list[Candidate], text: str, title_end: int, lex: Lexicon) -> list[Candidate]:
    """A task the abstract writes as a family of tasks after a quantifier (`[context]
    family_quantifiers`, `family_nouns`: "achieved good performance on several natural language
    processing tasks", "proven effective for many text-generation and sequence-labeling tasks") in
    a sentence that does not speak of the paper's own work ("we", "our", "this paper") is the
    field's background, not a problem the paper addresses. It stays when the abstract names it
    elsewhere, and so does a family the paper evaluates on ("We show improvements on several image
    classification and object detection tasks")."""
    before, after, own = _family_patterns(lex.context["family_quantifiers"], lex.context["family_nouns"],
                                          lex.proposal_subjects)

    def family(c: Candidate) -> bool:
        if c.type != "Task" or c.proposed or c.start < title_end or not after.match(text, c.end):
            return False
        start = max(title_end, text.rfind(". ", 0, c.start) + 1)
        if not before.search(text, max(start, c.start - 80), c.start):
            return False
        end = text.find(". ", c.end)
        return own.search(text, start, end if end >= 0 else len(text)) is None

    return _unless_named_elsewhere(chosen, family)


def _unless_named_elsewhere(chosen: list[Candidate], drop: Callable[[Candidate], bool]) -> list[Candidate]:
    """``chosen`` without the Task mentions ``drop`` picks, but for a task the abstract also names
    in another mention, which keeps all of them."""
    dropped = {id(c) for c in chosen if drop(c)}
    if not dropped:
        return chosen
    named = {c.name for c in chosen if c.type == "Task" and id(c) not in dropped}
    return [c for c in chosen if id(c) not in dropped or c.name in named]


def _one_word(surface: str) -> bool:
    return " " not in surface and "-" not in surface


def _called_a_task(c: Candidate, text: str, lex: Lexicon) -> bool:
    """Whether the word after ``c`` calls it a task ("the X problem", "X tasks")."""
    after = text[c.end : c.end + 12].split(maxsplit=1)
    return bool(after) and after[0].rstrip(".,;:)").lower() in lex.context["Task"]


_PROBLEM_OF = re.compile(r"\b(?:problem|task) of $", re.I)


def called_tasks(chosen: list[Candidate], text: str, lex: Lexicon) -> None:
    """A phrase that the text calls a task or problem is a Task: "a novel Open-Set
    Self-Supervised Learning problem" (its head "learning" alone would make it a Method); not
    one word, which names the technique the task is about ("the pretraining task"). So is a name
    the text gives as the problem or task of the sentence, in every mention: "The problem of
    Novel Class Discovery (NCD) consists in ..." (a KB method keeps its type)."""
    named = set()
    for c in chosen:
        if c.kb_id is not None:
            continue
        if c.reason in ("np_head", "proposal") and " " in c.name and _called_a_task(c, text, lex):
            c.type = "Task"
        elif c.type == "Method" and _PROBLEM_OF.search(text, max(0, c.start - 12), c.start):
            named.add(c.name)
    for c in chosen:
        if c.name in named and c.kb_id is None and c.type == "Method":
            c.type = "Task"


_WORD_BEFORE = re.compile(r"([a-z]+) $")


def means_are_methods(chosen: list[Candidate], text: str, lex: Lexicon) -> None:
    """A Task phrase of the rules written right after "using" or "via" (`[context] means`) is the
    means of something, a Method, and so is every mention of its name in the abstract:
    "Benchmarking Robustness via Attribute Editing", "a subset of features using sequential
    forward selection". A task the KB knows keeps its type ("using machine translation output")."""
    means = lex.context["means"]
    names = set()
    for c in chosen:
        if c.type == "Task" and c.kb_id is None and c.start > 1:
            m = _WORD_BEFORE.search(text, max(0, c.start - 8), c.start)
            if m is not None and m.group(1) in means:
                names.add(c.name)
    for c in chosen:
        if c.name in names and c.type == "Task" and c.kb_id is None:
            c.type = "Method"


_FOR_BEFORE = re.compile(r"\bfor $", re.I)


def title_purposes_are_tasks(chosen: list[Candidate], text: str, title_end: int, lex: Lexicon) -> None:
    """A Method phrase of the rules that ends the title after "for", whose head names an activity,
    is the problem the paper addresses, a Task, in every mention of the abstract: "Coreset Sampling
    for Fine-Grained Self-Supervised Learning", "A Criterion for Deep Neural Network Pruning" (a
    KB method keeps its type; "... for Deep Neural Networks" names the models a method is for).
    One that opens with a gerund names the activity on its object, a Task of its own words: "...
    for Training Visual Backbones" is the task "training visual backbone", whatever the abstract
    says of visual backbones."""
    purposes = [c for c in chosen
                if c.end <= title_end and not text[c.end : title_end].strip(" ?.") and c.type == "Method"
                and c.reason == "np_head" and c.kb_id is None and not c.proposed
                and _FOR_BEFORE.search(text, max(0, c.start - 4), c.start)]
    for c in purposes:
        surface = text[c.start : c.end]
        first = surface.split(" ", 1)[0]
        if " " in surface and first.endswith("ing") and first[0].isupper():
            c.name, c.type = node_name(surface), "Task"
    names = {c.name for c in purposes if c.type == "Method" and lex.names_an_activity(c.name)}
    for c in chosen:
        if c.name in names and c.type == "Method" and c.kb_id is None and not c.proposed:
            c.type = "Task"


def proposals_are_methods(chosen: list[Candidate], text: str, lex: Lexicon) -> None:
    """A new name the paper proposes is its method even when its head reads as a task:
    "Matryoshka Representation Learning (MRL)", "replaced token detection". Papers introduce
    methods far more often than tasks (57 of the 61 proposed entities of the shared dev
    annotations are methods); a task the KB knows, or one the text calls a task, stays a Task."""
    proposed = {c.name for c in chosen if c.proposed and c.type == "Task" and c.kb_id is None}
    if not proposed:
        return  # most abstracts: the test of every Task's next word below is not needed
    names = proposed - {c.name for c in chosen if c.type == "Task" and _called_a_task(c, text, lex)}
    for c in chosen:
        if c.name in names and c.kb_id is None:
            c.type = "Method"


def short_forms_by_initials(chosen: list[Candidate], text: str, definitions: dict[str, str]) -> None:
    """An acronym the abstract uses without defining it, whose capitals are the initials of a
    new Title-Case name of the same abstract, is that name's short form: "IFM" after "an
    algorithm named Iterative Feature Merging", "MONet" in a paper titled "Multilinear Operator
    Networks" (:func:`kg.extract.abbreviations.initials_of`; a phrase's node name is lower case,
    so its surface is read)."""
    names: dict[str, Candidate] = {}
    for c in chosen:
        if c.kb_id is None and c.reason in ("proposal", "np_head") and text[c.start].isupper():
            surface = text[c.start : c.end]
            if is_title_case(surface):
                names.setdefault(initials_of(surface), c)
    if not names:
        return
    for c in chosen:
        if c.reason != "name_shape" or c.kb_id is not None:
            continue
        caps = acronym_capitals(c.name)
        target = names.get(caps)
        if target is not None and len(caps) >= 2 and len(c.name) <= len(caps) + 2 and c.name not in definitions:
            if c.proposed:  # the paper's own name ("CyCADA: Cycle-Consistent Adversarial Domain Adaptation")
                target.type, target.proposed = c.type, True  # is a method, whatever its long form ends in
            c.name, c.type, c.proposed = target.name, target.type, target.proposed
            c.reason, c.long_form = "acronym", target.name


# the Title-Case words (and small words between) that run up to a title phrase
_TITLE_RUN_BEFORE = re.compile(r"(?:^|(?<=[\s:]))(?:[A-Z][\w\-]*\s+(?:(?:of|for|and|the|to|in|with|on)\s+)?)+$")


def title_names_of_acronyms(chosen: list[Candidate], text: str, title_end: int) -> None:
    """A proposed Title-Case name of the title whose first words spell a proposed acronym the
    abstract defines names that acronym's entity: "Ultra-High Dimensional Sparse Representations"
    is the "ultra-high dimensional (UHD) representation scheme" of the abstract."""
    acronyms = {initials: c for c in chosen
                if c.reason == "acronym" and c.proposed and c.start >= title_end
                and len(initials := initials_of(c.long_form or c.name)) >= 2}
    for c in chosen:  # a proposed short form of the abstract: "MoHD" for "Mixture of Hidden-Dimensions"
        caps = acronym_capitals(c.name) if c.reason == "name_shape" and c.proposed and c.kb_id is None else ""
        if len(caps) >= 2 and len(c.name) <= len(caps) + 2 and c.start >= title_end:
            acronyms.setdefault(caps, c)
    if not acronyms:
        return
    for c in chosen:
        if c.end > title_end or not c.proposed or c.reason not in ("np_head", "proposal") or c.kb_id is not None:
            continue
        lead = _TITLE_RUN_BEFORE.search(text, 0, c.start)  # "Mixture of" before "Hidden-Dimensions Transformer"
        before = lead.group(0).split() if lead else []
        words = text[c.start : c.end].split()
        for k in range(len(words) - 1, 0, -1):
            target = acronyms.get(initials_of(" ".join(words[:k]))) or (
                acronyms.get(initials_of(" ".join(before + words[:k]))) if before else None)
            if target is not None:
                c.name, c.type, c.long_form, c.reason = target.name, target.type, target.long_form, "acronym"
                break


def merge_modified_phrases(chosen: list[Candidate]) -> None:
    """A phrase that adds modifiers to another phrase of the same abstract names the same
    entity: "total sample complexity" is the "sample complexity" the abstract speaks of.
    The strict-head-match sieve of Raghunathan et al. (2010), with the shorter phrase's words
    a suffix of the longer one's; only between rule phrases and acronym long forms of two or
    more words ("translation pair bitext retrieval (BR)" is the abstract's "bitext retrieval"), so
    a KB name or a bare head never absorbs a longer, more specific name."""
    phrases = {c.name.lower(): c for c in chosen if c.reason in ("np_head", "acronym") and " " in c.name}
    for c in chosen:
        if c.reason != "np_head":
            continue
        words = c.name.lower().split()
        for i in range(1, len(words) - 1):
            shorter = phrases.get(" ".join(words[i:]))
            # a proposed phrase is named, not modified ("Document Image Transformer"), unless what it
            # adds to is proposed too: the title's "Attention-based Dynamic Subspace Learners" is the
            # abstract's "This work, Dynamic Subspace Learners, ..."
            if shorter is not None and shorter.type == c.type and (not c.proposed or shorter.proposed):
                c.name = shorter.name
                break


def names_with_generic_heads(chosen: list[Candidate], heads: frozenset[str]) -> None:
    """A rule phrase of a one-word name the abstract gives and a generic head (`[context]
    name_heads`) names that name: "the Kanana model", "Yi models" are the paper's Kanana and Yi
    (the same sieve as :func:`merge_modified_phrases`, the name being the phrase's head word)."""
    names = {c.name: c for c in chosen if c.reason in ("name_shape", "proposal", "acronym") and " " not in c.name}
    if not names:
        return
    for c in chosen:
        if c.reason == "np_head":
            first, _, head = c.name.partition(" ")
            name = names.get(first)
            if name is not None and name.type == c.type and singular(head.lower()) in heads:
                c.name = name.name


_DIMENSION = re.compile(r"(?<![\w\-])([1-4]D)[ \-]$")


def dimensional_variants(chosen: list[Candidate], text: str) -> None:
    """A KB method written after a number of dimensions is a variant of its own ("3D CNNs", "a 3D
    U-Net", "1D convolutions"), as ResNet-50 is of ResNet: the node keeps the prefix and is no longer
    the KB entry. A KB name that holds the prefix ("3D Gaussian Splatting") matched as a whole."""
    for c in chosen:
        m = _DIMENSION.search(text, c.start - 3, c.start) if c.type == "Method" and c.reason == "kb" else None
        if m:
            c.start = m.start()
            c.name = f"{m.group(1)} {node_name(text[m.end() : c.end])}"
            c.kb_id, c.reason = None, "variant"


def shortened_title_tasks(chosen: list[Candidate], title_end: int) -> None:
    """A task phrase of the rules in the title whose words end the name of one KB task of the
    abstract, and that the abstract never writes alone, is that task, shortened as titles do:
    "Latency Adjustable Transformer Encoder for Language Understanding" is the abstract's "natural
    language understanding"."""
    kb_tasks = [c for c in chosen if c.reason == "kb" and c.type == "Task" and c.start >= title_end]
    if not kb_tasks:
        return
    written = {c.name.lower() for c in chosen if c.start >= title_end}
    for c in chosen:
        if c.end > title_end or c.reason != "np_head" or c.type != "Task" or c.proposed or c.name.lower() in written:
            continue
        suffix = " " + c.name.lower()
        longer = {k.kb_id: k for k in kb_tasks if k.name.lower().endswith(suffix)}
        if len(longer) == 1:
            kb = next(iter(longer.values()))
            c.name, c.kb_id = kb.name, kb.kb_id


@Language.factory("kg_results")
def make_results(nlp: Language, name: str) -> ResultsComponent:
    return ResultsComponent()


class ResultsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[RESULTS] = find_results(doc.user_data.get(ENTS, []), doc_text(doc), _sentences(doc))
        return doc
