"""The proposed flag: which entities the paper itself introduces.

Cue phrases in the spirit of argumentative zoning (Teufel & Moens 2002): a sentence whose
subject is the paper ("we", "this paper", "this work") and whose verb (after it, or coordinated
after a first clause: "we tackle this challenge and propose") announces a contribution
(propose, introduce, present, release, ...; config/extract.toml) proposes the first non-KB
Method or Dataset after the verb, and any name it defines in apposition ("X, a ..." / "X
(ACRONYM)"); "called / named / dubbed X", "that we call X" and "our X" propose X; so does a
Title-Case long form the abstract defines with an acronym ("Iterative Feature Merging (IFM)", also
before a generic head: "Interactive Similarity Aggregation module (ISA)") that the
knowledge base does not know, unless it comes before the abstract first speaks of its own work (the
background); a title of the form "X: ..." proposes the entity named X (a KB
entry too when its name is a proper name, "DINOv2: ...", not a concept, "Knowledge distillation: ...") when X
is name-like (else the method the subtitle opens with), so does a title's subject that the
title says something of ("Masking as an Efficient Alternative to Fine-tuning"), a title that is
only a KB name ("Neural Ordinary Differential Equations"), and so does a
Title-Case method or dataset name in the title that the knowledge base does not know, unless
the title gives it as the purpose ("A Criterion for Deep Neural Network Pruning") or it follows a
modal or copula ("Transformers Can Do Bayesian Inference"). A name in quotes after a naming verb
('we call the results "model soups."'), a short title the abstract presents ("We present
hyper-connections, a ...") and a one-word KB proper name right after the verb ("We present
PubLayNet, a ...") are proposals too; an acronym the work extends, improves on or is evaluated on
is not. Names of the Papers with Code import do not count as known: it lists papers' own models.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterator
from functools import lru_cache

from kg.extract.candidates import Candidate
from kg.extract.lexicon import WORD_SPLIT, Lexicon, node_name
from kg.extract.rules import DATASET_WORD, DESCRIBED_DATASET, word_starts

_NAMING_WORDS = ("called", "named", "dubbed", "termed", "coined", "call")
_NAMING_VERBS = f"(?:{'|'.join(_NAMING_WORDS)})"
_CALLED = re.compile(rf"\b{_NAMING_VERBS}\s+(?:as\s+)?$", re.I)
# "an efficient algorithm named Iterative Feature Merging": a Title-Case run after the verb, or one
# word of Title-Case parts ("a curriculum learning algorithm called Degree-Curriculum")
_CALLED_NAME = re.compile(
    rf"(?=[cndt])\b{_NAMING_VERBS}\s+"
    r"(?P<name>[A-Z][\w\-]*(?:\s+(?:(?:of|for|and|the|to|in|with)\s+)?[A-Z][\w\-]*)+|[A-Z][a-z]+(?:-[A-Z]\w*)+\b)"
)
# A title that says by what means it reaches its end names its method with a gerund phrase that ends
# it: "Unsupervised Representation Learning by Predicting Image Rotations", "... Feature Learning by
# Learning to Spot Artifacts"
_TITLE_MEANS = re.compile(
    r"\sby\s+(?P<name>[A-Z][a-z]+ing(?:\s+(?:(?:to|the|a|an|of|in|from|with)\s+){0,2}[A-Z][\w\-]*)+)\s*$")
# a name the paper gives in quotes: 'we call the results "model soups."', 'a novel method, called
# "observable propagation"' (not 'linear features (also called "feature vectors")': a synonym)
_QUOTED_NAME = re.compile(
    rf"(?:\bwe\s+{_NAMING_VERBS}\s+(?:(?:the|our|this|these|it|them)\s+)?(?:[a-z]+\s+)?|,\s+{_NAMING_VERBS}\s+)"
    r"[\"“](?P<name>[^\"”.,]{2,50})[.,]?[\"”]", re.I)
_APPOSITION = re.compile(r"^\s*(?:,\s*(?:a|an|the)?\s*|\(|,?\s*(?:or|i\.e\.,?)\s+)$", re.I)
# "we design activation scaling and group fusion mechanisms": a second contribution of the clause
_COORDINATED = re.compile(r"^\)?,?\s+and\s+(?:an?\s+|the\s+)?$")
# "X: ..." titles; "The Reactor: ..." names Reactor (an article before a one-word name is no part of it)
_TITLE_PREFIX = re.compile(r"^\s*(?:(?:The|A|An)\s+(?=\S+\s*:))?([^:]{1,40}?)\s*:\s+\S")
_FINDINGS = (r"(?:results?|experiments?|analys[ie]s|evidence|findings|insights?|study|studies|survey|overview|"
             r"discussion|comparison|evaluation|observations?|proofs?|bounds?|theory|guarantees?|perspectives?|views?)\b")
_NOT_A_CONTRIBUTION = re.compile(
    r"\s+(?:(?:a|an|the|our|some|new|several|extensive|empirical|theoretical|comprehensive|detailed)\s+)*"
    # "an evaluation framework, DiffROAR": a finding's noun before the head of a contribution is its modifier;
    # "state-of-the-art adaptation results on CIFAR10-C": up to two words before the finding's noun
    rf"(?:(?:[\w\-]+\s+){{0,2}}{_FINDINGS}(?!\s+(?:framework|benchmark|suite|protocol|toolkit|platform|pipeline|dataset|metric|method)s?\b)"
    # "a new state of the art on X" (the noun, not "a state-of-the-art language model")
    r"|(?:state[- ]of[- ]the[- ]art|sota)(?=\s+(?:on|in|for|across|among|with)\b|\s*[.,;]))",
    re.I,
)
# "(GCL) has emerged as", "(VQ) is an": the defined name is the subject of a description
_DESCRIBED = re.compile(r"\s*\([^()]{1,15}\)\s+(?:is|are|has|have|was|were|remains?|refers?|plays?|provides?|"
                        r"offers?|shows?|achieves?|enables?|allows?|aims?)\b")
# "We present Hydra, a universal ... framework": one capitalised word the verb introduces and a
# description or acronym follows is a new name (a word alone is a name only in lists elsewhere)
_INTRODUCED_WORD = re.compile(
    # ("Robust Inference by Crop Selection: a simple method": a preposition may join its words)
    r"\s+(?P<name>[A-Z][a-z]{2,}(?:(?:\s+(?:of|for|by|with|via|from|in|on|to))?[\s\-][A-Z][\w\-]*){0,4})"
    r"(?=[,:]\s+(?:a|an|the)\s|\s+\()"
    # or a Title-Case run of two or more words after an article, that ends the object: "we introduce a
    # Multi-scale Exemplar Branch to guide ..."
    r"|\s+(?:a|an|the)\s+(?P<run>[A-Z][a-z][\w\-]*(?:\s[A-Z][\w\-]*){1,4})"
    r"(?=\s*[,.;:(]|\s+(?:to|for|that|which|with|and|as)\s)")
# a dataset word in the description itself, not in a clause or phrase after its head ("a framework that
# distills a task-specific dataset")
_DATASET_NOUN = re.compile(rf"(?:(?!\b(?:that|which|for|to)\b)[^.;(]){{0,60}}?{DATASET_WORD}", re.I)
# the passive announcement: "a soft neighborhood-based contrastive network is proposed", "the
# concept of Continual Inference Networks (CINs) is proposed"; not "... is proposed by Smith".
# The participles are found with str.find (a regex scan of every abstract costs ~15 us), then
# the words before and after them are read.
_PASSIVE_VERBS = (" proposed", " introduced", " presented", " developed")
_PASSIVE_BE = re.compile(r"\b(?:is|are)\s+(?:also\s+|then\s+|first\s+|further\s+)?$")
_PASSIVE_AGENT = re.compile(r"\w|\s+(?:by|in)\b")
_PASSIVE_SUBJECT_GAP = re.compile(r"\s*(?:\([^()]{1,15}\)\s*)?")
# "Also proposed is X"
_ALSO_PROPOSED = re.compile(r"[Aa]lso\s+(?:propos|introduc)ed\s+(?:is|are)\s+(?:an?\s+|the\s+)?")
# "We use these insights to propose four new closed-form predictor variants": the subject's
# contribution in an infinitive after a clause of its own (the "to" found with str.find)
_INFINITIVE_VERBS = (" to propose", " to introduce", " to present", " to develop", " to devise")
_INFINITIVE_SUBJECT = re.compile(r"\bwe\s+(?:[a-z][\w\-]*\s+){2,4}$", re.I)
_AFTER_SENTENCE_END = re.compile(r"[.!?]\s+$")
_SUBORDINATE = re.compile(r"\s(?:to|that|which|who|whose)\s")
# "a novel method for increasing the efficiency of pre-trained models", "a pipeline based on a
# teacher/student paradigm": a phrase after a preposition ("of" aside: "a family of ... models")
# is what the contribution is for or works with, not its object
_PREPOSITION = re.compile(r"\s(?:for|on|in|with|between|from|across|over)\s(?!the\s+first\s+time)")
# "we propose a simple method to improve the training of DMs on practical datasets by adding condition
# embedding perturbations (CEP)", "an effective approach to reduce the storage requirement by training a
# compression layer": a method the sentence does not name, its purpose, then its means, what the paper
# adds or trains, which is the proposal (not after a named one: "a teacher-student scheme to learn ... by
# training a convolutional net")
_BY_MEANS = re.compile(
    r"\s*(?P<unnamed>(?:an?\s+)(?:[\w-]+\s+){0,3}(?:method|approach|technique|way|strategy|scheme|framework))\s+to\s"
    r"[^.;:]*?\bby\s+[a-z]+ing\s+(?:(?:a|an|the)\s+)?", re.I)
# the paper's own work named in apposition: "This work, Dynamic Subspace Learners, proposes to ..."
_THIS_WORK_NAMED = re.compile(r"\b(?:[Tt]his|[Oo]ur)\s+(?:work|paper|method|approach|framework|model|system),\s+$")
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s")
# "we develop a unified signal propagation theory": the phrase names what a theory or study is of
_FINDING_AFTER = re.compile(rf" {_FINDINGS}", re.I)
_COPULAS = frozenset(("is", "are"))
_TITLE_COPULA = re.compile(r"\s+(?:as|is|are)\s", re.I)
_DETERMINER = re.compile(r"\b(?:the|a|an|our|this|these|its|their)\s+\w+$", re.I)
# "... for Deep Neural Network Pruning"; capitalised words between "for" or "in" and the phrase do not hide
# it: "Learning for Very Deep Networks" (but "Towards Improved Input Masking" is the paper's improvement)
_PURPOSE = re.compile(r"\b(?:(?i:towards?)|(?i:for|in)\s+(?:[A-Z][a-z]+\s+){0,2})\s*$")
# what a title studies: "Analysis of Linear Mode Connectivity", "Statistical Foundations of Prior-Data Fitted
# Networks", "... Have an Outsized Effect on Neural Network Optimization" (a noun of inquiry before "of" / "on")
_STUDIED = re.compile(r"\b(?i:analysis|foundations?|role|effectiveness|importance|mystery|advantages?|effects?|"
                      r"impacts?|benefits?)\s+(?i:of|on)\s+$")
# the means of a title's contribution: "N2N Learning: Network to Network Compression via Policy Gradient ..."
_MEANS = re.compile(r"\b(?:via|using)\s+$", re.I)
_DATASET_TITLE = re.compile(DATASET_WORD, re.I)
_DATASET_BEFORE = re.compile(rf"{DATASET_WORD}\s+$", re.I)  # "an unlabelled dataset PASS"
# "our self-supervised prototypical transfer learning approach ProtoTransfer": "our", then lower-case words
_OUR = re.compile(r"\b[Oo]ur\s+((?:[a-z][\w\-]*\s+){0,5}(?:[a-z][\w\-]*,\s+)?)$")  # "Our approach, BigBiGAN"


def _name_descriptions(chain: list[Candidate], unnamed: bool = False) -> list[Candidate]:
    """Generic phrases that describe a named proposal in apposition ("SortedNet, a generalized
    solution"; "a pipeline, named STABLE") are mentions of that name, as a curated node would
    list them: they take its name; ``unnamed``: so do those that describe an unnamed proposal, the
    first phrase ("a novel progressive shrinking algorithm, a generalized pruning method"), which
    stay as generic as it is. Returns the phrases whose name this changed."""
    names = [c for c in chain if c.reason != "np_head"]
    renamed = []
    if len(names) == 1:
        for c in chain:
            if c.reason == "np_head":
                if c.name != names[0].name:
                    renamed.append(c)
                c.name, c.type, c.weak = names[0].name, names[0].type, False
                if names[0].reason == "acronym":  # the name's own long form decides its node, not a KB look-alike
                    c.reason, c.long_form = "acronym", names[0].long_form
    elif not names and unnamed:
        for c in chain[1:]:
            if c.name != chain[0].name:
                renamed.append(c)
            c.name, c.type = chain[0].name, chain[0].type
    return renamed


def _same_descriptions(cands: list[Candidate], text: str, renamed: list[Candidate]) -> None:
    """Other mentions of a phrase that describes a name, written the same but for case, take the
    name too: the title's "Representation Calibration Method" once the abstract says "a
    representation calibration method RCAL" (not "attribution methods" for "Integrated Gradients,
    an attribution method"); ``renamed``: the descriptions :func:`_name_descriptions` named."""
    if not renamed:
        return
    ids = {id(c) for c in renamed}
    named = {text[c.start : c.end].lower(): c for c in cands if id(c) in ids}
    for c in cands:
        d = named.get(text[c.start : c.end].lower())
        if d is not None and c.reason == "np_head" and id(c) not in ids:
            c.name, c.type, c.weak, c.reason, c.long_form = d.name, d.type, d.weak, d.reason, d.long_form


# prepositions of four or more letters and "then", written in lower case in Title Case as the short
# ones are ("Reinforcement Learning with Evolving Rubrics", "Adapt then Unlearn")
_MINOR_WORDS = frozenset("with from into onto upon over under than then through without within between across "
                               "about toward towards".split())


def _long_words(phrase: str) -> list[str]:
    """The words of more than three letters, split at spaces and hyphens, but minor words ("of", "and",
    "with", "then" do not count: "Reinforcement Learning with Evolving Rubrics")."""
    return [w for w in WORD_SPLIT.split(phrase) if len(w) > 3 and w not in _MINOR_WORDS]


# Words of a catch phrase, not of a name: "Less is More", "Beyond Scaling Laws", "Quality Not
# Quantity", "EBMs vs. CL", "Transformers Get Stable", "Training the Untrainable", "Propagate Yourself"
_CATCH_PHRASE_WORDS = frozenset(
    "is are not no vs vs. versus beyond more less than get gets the yourself ourselves".split())


def _purpose(before: str, named_title: bool) -> bool:
    """Whether the title words ``before`` a method give it as the purpose or setting ("for", "in"), as
    what the paper studies ("The Role of ..."), or, in a title that names its contribution before the
    colon, as its means ("via", "using")."""
    return bool(_PURPOSE.search(before) or _STUDIED.search(before) or (named_title and _MEANS.search(before)))


def _after_title_verb(text: str, c: Candidate, lex: Lexicon) -> bool:
    """Whether the title word right before ``c`` is a verb of study or improvement (`[context]
    title_objects`: "Revisiting Backpropagation Saliency Methods") or a gerund that is a head noun of
    training (`[heads]`: "DreamTeacher: Pretraining Image Backbones with ..."; not "Exploring
    Generalized Curriculum Learning", "... Using Deep Convolutional Networks"), or a modal verb or a
    copula comes before it: what the paper studies or trains, or what the subject can do or is, no
    name of the paper's own ("Transformers Can Do Bayesian Inference", "Big Self-Supervised Models
    are Strong Semi-Supervised Learners")."""
    words = text[: c.start].split()
    last = words[-1].lower() if words and text[c.start - 1 : c.start] == " " else ""
    return (last in lex.context["title_objects"]
            or (last.endswith("ing") and words[-1][0].isupper() and last in lex.heads)
            or any(w.lower() in lex.modals or w.lower() in _COPULAS for w in words))


def _name_like(phrase: str) -> bool:
    """A name: one name-shaped word, or Title Case words ("Pruning by Explaining", "N2N Learning"),
    not a catch phrase."""
    words = phrase.split()
    if len(words) > 1 and any(w.lower().strip(",") in _CATCH_PHRASE_WORDS for w in words):
        return False
    return len(words) == 1 or all(w[0].isupper() for w in _long_words(phrase))


def is_title_case(phrase: str) -> bool:
    if phrase.islower():
        return False  # no word of it starts upper-case: most node names, told without the split
    words = _long_words(phrase)
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _unwrapped(phrase: str, wrappers: Collection[str]) -> str:
    """The phrase without a generic head it ends with ("Interactive Similarity Aggregation module"
    is the name "Interactive Similarity Aggregation")."""
    rest, _, last = phrase.rpartition(" ")
    return rest if rest and last in wrappers else phrase


@lru_cache(maxsize=8)
def _proposal_pattern(subjects: tuple[str, ...], verbs: frozenset[str] | None, folded: bool = False) -> re.Pattern[str]:
    """The "we propose" cue; ``folded``: the same in lower case without ``re.I``, for a lower-cased
    text (some 30% faster to scan: re.I folds the case of every character it reads); ``verbs``
    None: the subject alone."""
    if folded:
        subjects = tuple(s.lower() for s in subjects)
    by_length = sorted(subjects, key=len, reverse=True)
    if folded and all(re.fullmatch(r"\w[^\n]*", s) for s in subjects):
        # Each subject tests the word boundary before it after its letters (a subject opens with a
        # word character), so that the pattern opens with literals, whose first characters re looks
        # for in C: another 25-35% off the scan. re.I reads no literal prefix; for it, the form below.
        subj = "|".join(rf"{re.escape(s)}(?<!\w.{{{len(s)}}})" for s in by_length)
        opening = ""
    else:
        subj = "|".join(re.escape(s) for s in by_length)
        # the lookahead on the subjects' first letters turns most positions down before the
        # alternation is tried (a third of the scan's time; the same matches)
        opening = rf"(?=[{re.escape(''.join(sorted({s[0].lower() for s in subjects})))}])\b"
    if verbs is None:
        return re.compile(rf"{opening}(?:{subj})\b", 0 if folded else re.I)
    verb = "|".join(sorted((v.lower() for v in verbs) if folded else verbs, key=len, reverse=True))
    return re.compile(rf"{opening}(?:{subj})\b,?\s+(?:[a-z]+\s+){{0,2}}?(?:{verb})(?:d|ed|s)?\b",
                      0 if folded else re.I)


def _after_ours(ours: list[int], start: int) -> bool:
    """Whether an "our" ends within the 80 characters before ``start`` (``ours`` is sorted)."""
    k = bisect_right(ours, start)
    return k > 0 and start - ours[k - 1] <= 80


# how a paper ranks its own models among themselves: "our best performing dataset DFN-5B", "our largest model"
_RANKING = frozenset(("best", "performing", "largest", "biggest", "strongest"))


def _ours(c: Candidate, text: str, lex: Lexicon) -> bool:
    """Whether the paper calls the name its own: "our Approx-BP", "Our proposed TrGCN", "our
    self-supervised prototypical transfer learning approach ProtoTransfer" (the words between
    describe the name: participles, head nouns, hyphenated or content words, a ranking among the
    paper's own ("our best performing dataset DFN-5B"); not "our model outperforms RoBERTa", "our
    method can prune CNN")."""
    m = _OUR.search(text, max(0, c.start - 80), c.start)
    if m is None:
        return False
    for w in m.group(1).replace(",", " ").split():
        if w.endswith("s") and not w.endswith("ss"):
            return False  # a verb ("outperforms") or a plural noun that heads its own phrase
        if w in lex.stop_modifiers and not (w.endswith("ed") or w in lex.heads or "-" in w or w in _RANKING):
            return False
    return True


_NOT_PARTICIPLES = frozenset(("offer", "contribute", "call", "dub", "term", "name"))


@lru_cache(maxsize=4)
def _coordinated_verb(verbs: frozenset[str], folded: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A second contribution verb of the same subject: "we propose to divide ..., and introduce X",
    or its participle after a comma: "we analyze ..., proposing an objective measure" (not "we
    propose a model, building upon ..."); ``folded`` as for :func:`_proposal_pattern` (each pattern
    opening with a literal, "and" or ",", which re finds in C)."""
    verbs = frozenset(v.lower() for v in verbs) if folded else verbs
    verb = "|".join(sorted(verbs, key=len, reverse=True))
    rest = rf"\s+(?:also\s+|further\s+|then\s+)?(?:{verb})(?:d|ed|s)?\b"
    # the -ing forms of the verbs' base forms that make something ("propose" -> "proposing"; not
    # "offering strong performance", "calling for")
    ing = "|".join(sorted({(v[:-1] if v.endswith("e") else v) + "ing" for v in verbs
                           if v.isalpha() and not v.endswith("s") and v not in _NOT_PARTICIPLES},
                          key=len, reverse=True))
    participle = re.compile(rf",\s+(?:thereby\s+)?(?:{ing})\b(?!\s+(?:on|upon|in|into|from|to)\b)",
                            0 if folded else re.I)
    if folded:
        return re.compile(rf"and(?<!\wand){rest}"), participle
    return re.compile(rf"\band{rest}", re.I), participle


def _contribution_ends(text: str, scanned: str, pattern: re.Pattern[str], subject: re.Pattern[str],
                       coordinated: tuple[re.Pattern[str], re.Pattern[str]]) -> list[int]:
    """Where each contribution verb ends: after its subject ("we propose"), or coordinated after
    the subject in the same sentence ("we propose to divide ..., and introduce", "we tackle this
    challenge and propose", "we analyze ..., proposing"); not "we present results" or "we test the proposed method".
    ``pattern``, ``subject`` and ``coordinated`` are matched against ``scanned``, the text or its
    lower-cased form (same offsets)."""
    ends = {m.end() for m in pattern.finditer(scanned) if not _DETERMINER.search(text, m.start(), m.end())}
    for verbs in coordinated:
        for k in verbs.finditer(scanned):
            if subject.search(scanned, scanned.rfind(". ", 0, k.start()) + 1, k.start()):
                ends.add(k.end())
    for verb in _INFINITIVE_VERBS:
        i = scanned.find(verb)
        while i >= 0:
            end = i + len(verb)
            if not scanned[end : end + 1].isalpha() and _INFINITIVE_SUBJECT.search(text, max(0, i - 50), i + 1):
                ends.add(end)
            i = scanned.find(verb, end)
    # "we present results / an analysis of ..."
    return sorted(end for end in ends if not _NOT_A_CONTRIBUTION.match(text, end))


def _introduced_word(text: str, end: int, cands: list[Candidate], stops: frozenset[str]) -> list[Candidate]:
    """The capitalised word or Title-Case run a contribution verb ending at ``end`` introduces with a
    description ("We present Hydra, a universal contrastive learning framework", "we propose Binary
    Paragraph Vector: a neural network model"), or a Title-Case run after an article that ends the
    object ("we introduce a Multi-scale Exemplar Branch to guide ..."; not one that opens with a stop
    word, ``stops``: "a Novel Approach", nor one the rules read already: "the Polar Vision Challenge"),
    when no candidate holds it or runs past it (a KB name inside it is a part of the new name): a
    Dataset when the description says so, else a Method; the introduced mention first, then every
    other place the abstract writes it so."""
    m = _INTRODUCED_WORD.match(text, end)
    if m is None:
        return []
    group = "name" if m.group("name") else "run"
    name = m.group(group)
    if group == "run" and name.split(maxsplit=1)[0].lower() in stops:
        return []  # "a Novel Approach": an evaluative word in capitals, no name
    type_ = "Dataset" if _DATASET_NOUN.match(text, m.end()) else "Method"
    def free(start: int, stop: int) -> bool:
        """Whether no candidate overlaps the span but a part of a name of several words: any inside
        a run introduced with a description ("Binary Paragraph Vector: a ..."), a KB name inside a
        run after an article."""
        return not any(c.start < stop and start < c.end and not (
            " " in name and start <= c.start and c.end <= stop and (c.start, c.end) != (start, stop)
            and (group == "name" or c.reason == "kb")) for c in cands)

    spans = [(s, s + len(name)) for s in _whole_word_starts(text, name, m.start(group))]
    if not free(*spans[0]):
        return []
    return [Candidate(s, e, type_, name, "proposal", proposed=True) for s, e in spans if free(s, e)]


def _whole_word_starts(text: str, word: str, first: int) -> list[int]:
    """Where ``word`` is written as a word of its own (the boundaries of the other whole-word
    searches here: no word character or hyphen on either side): ``first``, then its other places."""
    return [first, *(m.start() for m in re.finditer(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])", text)
                     if m.start() != first)]


# what follows a name that is the object itself ("We present PubLayNet, a ..."), not a modifier of a noun
# ("We also present ImageNet samples")
_NAME_ENDS = re.compile(r"\s*(?:[,.;:(]|$)|\s+(?:a|an|as|which|that|for|to|in|on|with|and)\b")


def _proper_name(name: str) -> bool:
    """Whether a KB name is a proper name (a capital or digit after its first letter: "PubLayNet",
    "GPT-4"), not a generic technique ("self-distillation", "Transformer")."""
    return any(ch.isdigit() or ch.isupper() for ch in name[1:])


def _title_named(text: str, end: int, title_end: int, cands: list[Candidate]) -> list[Candidate]:
    """A title of a few words that a contribution verb ending at ``end`` repeats as its object, before
    a description or an acronym, is the contribution's name ("Hyper-Connections" ... "We present
    hyper-connections, a simple yet effective method"), in both places: the abstract's mention, then
    the title's; none when a candidate holds either."""
    title = text[:title_end].strip()
    if not 0 < len(title.split()) <= 4 or not title[0].isalnum() or not title[-1].isalnum():
        return []
    start = _ARTICLE_ONLY.match(text, end).end()
    stop = start + len(title)
    if text[start:stop].lower() != title.lower() or text[stop : stop + 1] not in (",", "("):
        return []
    opening = text.index(title)
    spans = [(start, stop), (opening, opening + len(title))]
    if any(c.start < e and s < c.end for c in cands for s, e in spans):
        return []
    return [Candidate(s, e, "Method", text[s:e], "proposal", proposed=True) for s, e in spans]


def _passive_ends(scanned: str) -> Iterator[tuple[int, int]]:
    """Where each passive announcement ("is proposed", "are also introduced") starts and ends."""
    for verb in _PASSIVE_VERBS:
        i = scanned.find(verb)
        while i >= 0:
            end = i + len(verb)
            be = _PASSIVE_BE.search(scanned, max(0, i - 20), i + 1)
            if be is not None and not _PASSIVE_AGENT.match(scanned, end):
                yield be.start(), end
            i = scanned.find(verb, end)


def _passive_proposals(cands: list[Candidate], scanned: str) -> None:
    """Set ``proposed`` on the new Method or Dataset a passive sentence announces: the subject
    right before "is proposed / introduced / presented / developed" (its acronym may follow it),
    or the phrase after "Also proposed is". ``scanned`` is the text or its lower-cased form."""
    fresh = [c for c in cands if c.reason != "kb" and c.type in ("Method", "Dataset")]
    for start, _ in _passive_ends(scanned):
        for c in fresh:
            if c.end <= start and _PASSIVE_SUBJECT_GAP.fullmatch(scanned, c.end, start):
                c.proposed = True
    for also in ("lso proposed", "lso introduced"):
        i = scanned.find(also)
        m = _ALSO_PROPOSED.match(scanned, i - 1) if i > 0 else None
        first = next((c for c in fresh if c.start >= m.end()), None) if m else None
        if first is not None and first.start == m.end():
            first.proposed = True


def _asked(text: str, c: Candidate, title_end: int) -> bool:
    """Whether ``c`` is in a question of the title, which studies it: "How Useful is Self-Supervised
    Pretraining for Visual Tasks?", "Can Pre-trained Networks Detect ...?" (a "?" after it, no
    colon between)."""
    q = text.find("?", c.end, title_end)
    return q >= 0 and text.find(":", c.end, q) < 0


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` is the first word of a sentence (or of the title or abstract)."""
    before = text[max(0, start - 3) : start]
    return start == 0 or before.endswith("\n") or bool(_AFTER_SENTENCE_END.search(before))


def _our_ends(text: str) -> list[int]:
    r"""Where each "our" or "Our" that is a word of its own ends with the whitespace after it, sorted
    (the matches of ``[Oo](?<!\w[Oo])ur\s``), found with str.find: a scan for the pattern stops at
    every "o" of the text."""
    return sorted(i + 4 for our in ("our", "Our") for i in word_starts(text, our) if text[i + 3 : i + 4].isspace())


def _own_work_start(scanned: str, subject: re.Pattern[str], ours: list[int], title_end: int) -> int:
    """Where the sentence of the abstract's first reference to the paper's own work ("we", "this
    paper", "our"; ``ours``: where each "our" ends, sorted) starts: the sentences before it are the
    background (argumentative zoning); ``title_end`` when the abstract has no such reference."""
    m = subject.search(scanned, title_end)
    k = bisect_right(ours, title_end)
    found = [m.start()] if m else []
    found += ours[k : k + 1]
    if not found:
        return title_end
    return max(title_end, scanned.rfind(". ", title_end, min(found)) + 2)


def _background_names(cands: list[Candidate], own_start: int, title_end: int) -> set[str]:
    """The names of the acronyms the abstract uses before ``own_start``, in its background."""
    return {c.name for c in cands if c.reason == "acronym" and title_end < c.start < own_start}


# "... and 76.3% on the 19 task Visual Task Adaptation Benchmark (VTAB)": a score on it, no release
_SCORED_ON = re.compile(r"\d%?\s+(?:\w+\s+){0,2}on\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
# the words before a definition of earlier work the proposal starts from ("This work extends Explicit
# Semantic Analysis (ESA) with ...") or of what the work is evaluated on ("We obtain encouraging results
# on Word Embedding Association Tests (WEAT)")
_NOT_INTRODUCED = re.compile(
    r"\b(?:extends?|extending|builds?\s+(?:up)?on|building\s+(?:up)?on|generali[sz]es|generali[sz]ing|"
    r"improves?\s+(?:up)?on|improving\s+(?:up)?on|(?:results?|performance|experiments?|evaluat(?:e|ed|ion|ions)|"
    r"tested|tests?)\s+(?:\w+\s+)?on)\s+(?:the\s+)?$"
    # or of something the sentence gives as an example of a known kind ("measurable properties such as
    # the pointwise Local Intrinsic Dimensionality (LID)"): an example is known, not introduced
    r"|\b(?:such\s+as|like|including|e\.g\.,?)\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+)?$", re.I)
# what may stand between a contribution verb and its object, and what follows a title's opening method
_ARTICLE_ONLY = re.compile(r"\s*(?:(?:a|an|the)\s+)?", re.I)
_FOR = re.compile(r"\s+for\s", re.I)


# a clause after a comma that opens with a verb: "..., design experiments, and systematically analyze"
_CLAUSE_VERB = re.compile(r",\s+(?:and\s+)?(?:[a-z]+ly\s+)?([a-z]+)\b")


def _another_verb(between: str, lex: Lexicon) -> bool:
    """Whether the words between a contribution verb and a candidate hold another verb of the
    same subject, after a comma: the candidate is that verb's object, no contribution."""
    return any(m.group(1) in lex.verbs or m.group(1) in lex.proposal_verbs for m in _CLAUSE_VERB.finditer(between))


def _scored_on(c: Candidate, text: str) -> bool:
    """Whether a dataset defined with an acronym is where a number was scored, not a release."""
    return c.type == "Dataset" and _SCORED_ON.search(text, max(0, c.start - 60), c.start) is not None


def _not_introduced(c: Candidate, text: str) -> bool:
    """Whether a name defined with an acronym is earlier work the paper extends or improves on, or
    what it is evaluated on: no contribution of its own."""
    return _NOT_INTRODUCED.search(text, max(0, c.start - 40), c.start) is not None


def _title_means(text: str, title_end: int, named_title: bool, cands: list[Candidate]) -> list[Candidate]:
    """The gerund phrase that ends a title after "by" (:data:`_TITLE_MEANS`) as the paper's own
    method, when the paper gives it no name (neither before a colon, nor an acronym or a name it
    proposes, nor a repository): "... by Predicting Image Rotations". A phrase after a colon is a
    subtitle's, and a KB name in it the field's ("by Fine-Tuning BERT"): neither is read."""
    m = _TITLE_MEANS.search(text, 0, title_end)
    if m is None or named_title or ":" in text[: m.start()] or any(
            c.proposed and c.reason in ("acronym", "name_shape", "proposal", "repository") for c in cands):
        return []
    s, e = m.span("name")
    if any(c.reason == "kb" and s <= c.start and c.end <= e for c in cands):
        return []
    return [Candidate(s, e, "Method", node_name(m.group("name")), "proposal", proposed=True)]


def mark_proposed(cands: list[Candidate], text: str, title_end: int, lex: Lexicon,
                  imported: frozenset[str] = frozenset()) -> list[Candidate]:
    """Set ``proposed`` on candidates (in place); returns extra candidates for title names.
    ``imported``: the ids of KB entries not curated (the Papers with Code import), which list
    papers' own names after their release, so they do not make a name known."""
    # An ASCII text lower-cased keeps its offsets and folds case as re.I does (not so "İ" or "ſ"):
    # the cue patterns are matched against it case-sensitively, and substring tests can stand in for them.
    folded = text.lower() if text.isascii() else None
    scanned = text if folded is None else folded
    pattern = _proposal_pattern(lex.proposal_subjects, lex.proposal_verbs, folded is not None)
    subject = _proposal_pattern(lex.proposal_subjects, None, folded is not None)
    coordinated = _coordinated_verb(lex.proposal_verbs, folded is not None)
    extra: list[Candidate] = []
    renamed: list[Candidate] = []  # the descriptions named below, for their other mentions
    # a KB method the title opens with, before what it is for: "Self-Distillation for Further Pre-training"
    title_opening = {c.name for c in cands if c.start == 0 and c.reason == "kb" and _FOR.match(text, c.end)}
    for end in _contribution_ends(text, scanned, pattern, subject, coordinated):
        stop = text.find(". ", end)
        stop = len(text) if stop < 0 else stop
        after = [c for c in cands if end <= c.start < stop and c.type in ("Method", "Dataset")]
        words = _introduced_word(text, end, cands, lex.stop_modifiers)
        if words:
            extra += words
            after.insert(0, words[0])
        elif titled := _title_named(text, end, title_end, cands):
            extra += titled
            after.insert(0, titled[0])
        if after and after[0].reason == "kb" and _ARTICLE_ONLY.fullmatch(text, end, after[0].start) and (
                after[0].name in title_opening
                or (_proper_name(after[0].name) and " " not in after[0].name and _NAME_ENDS.match(text, after[0].end))):
            # "Self-Distillation for ...": "we propose self-distillation as a ..."; a one-word proper
            # name the KB knows is the paper's own right after the verb ("We present PubLayNet, a ...")
            after[0].proposed = True
            continue
        fresh = [c for c in after if c.reason != "kb"]
        if not fresh:
            continue
        means = _BY_MEANS.match(text, end, stop)
        if means and fresh[0].start >= means.end("unnamed") and (
                made := [c for c in fresh if c.start == means.end()]):
            made[0].proposed, made[0].weak = True, False
            continue
        first = fresh[0]
        if _another_verb(text[end : first.start], lex) or _FINDING_AFTER.match(text, first.end):
            continue  # "we build benchmark datasets, design experiments, and analyze several ranking models"
        if _SUBORDINATE.search(text, end, first.start) or (
                first.reason == "np_head" and _PREPOSITION.search(text, end, first.start)):
            # "a framework to integrate lexical and deep retrieval models", "a method for pruning
            # pre-trained models": what the contribution works with or is for is no proposal, but
            # a phrase the sentence names (kept although generic); a name after a preposition
            # still is one ("a novel dataset for continual learning ... (HOWS-CL-25)")
            first.weak = False
            continue
        first.proposed = True
        if first.reason in ("name_shape", "acronym") and (
                first.type == "Dataset" or DESCRIBED_DATASET.match(text, first.end)
                or _DATASET_BEFORE.search(text, end, first.start)):
            for c in cands:  # "we introduce BlockMNIST, an MNIST-based semi-real dataset", "we propose an
                if c.name == first.name:  # unlabelled dataset PASS": every bare PASS of the abstract too
                    c.type = "Dataset"
        chain = [first]
        for nxt in after[after.index(first) + 1 :]:
            between = text[first.end : nxt.start]
            named = between == " " and first.weak and nxt.reason in ("name_shape", "acronym")  # "a ... method RCAL"
            if nxt.reason == "kb" or not (named or _APPOSITION.match(between) or _COORDINATED.match(between)):
                break
            nxt.proposed = True
            if _COORDINATED.match(between):  # another entity: the descriptions so far are the first's
                renamed += _name_descriptions(chain)
                chain = []
            chain.append(nxt)
            first = nxt
        renamed += _name_descriptions(chain, unnamed=True)
    _passive_proposals(cands, scanned)
    known = {c.name for c in cands if c.reason == "kb" and c.kb_id not in imported}
    background = {c.name for c in cands if c.reason == "acronym" and _opens_sentence(text, c.start)
                  and _DESCRIBED.match(text, c.end)}
    ours = _our_ends(text)
    zone: set[str] | None = None  # found when a definition needs it: most abstracts define no new Title-Case name
    # most abstracts name nothing ("called X"): a substring test spares a search before every
    # candidate and a scan of the text
    naming = folded is None or any(v in folded for v in _NAMING_WORDS)
    for c in cands:
        if (c.type in ("Method", "Dataset") and text.startswith(",", c.end)
                and _THIS_WORK_NAMED.search(text, max(0, c.start - 20), c.start)):
            c.proposed = True  # "This work, Dynamic Subspace Learners, proposes to ..."
        if naming and _CALLED.search(text[max(0, c.start - 15) : c.start]):
            c.proposed = True
            # "an unsupervised pipeline, named STABLE": the description names the same entity
            described = [d for d in cands if d.reason == "np_head" and c.start - 40 <= d.end <= c.start - 6
                         and not _SENTENCE_BREAK.search(text, d.end, c.start)]
            renamed += _name_descriptions([*described[-1:], c])
        # A Title-Case name the abstract defines with an acronym and the KB does not know (neither
        # the long form nor the short: "Contrastive Language and Image Pairing (CLIP)" is CLIP's):
        # "Iterative Feature Merging (IFM)" is named here because it is new here, and so is a
        # Title-Case name before a generic head ("an Interactive Similarity Aggregation module (ISA)").
        # Not when it opens a sentence that describes it: "Graph Contrastive Learning (GCL) has
        # emerged as ...", "Vector Quantization (VQ) is an appealing ..." are the background, and so
        # is a name defined before the abstract first speaks of its own work ("Vector search systems
        # often rely on the Hierarchical Navigable Small Worlds (HNSW) algorithm. ... Our investigation").
        if (c.reason == "acronym" and (c.kb_id is None or c.kb_id in imported) and c.name not in known
                and c.name not in background
                and c.long_form == text[c.start : c.end]
                and is_title_case(_unwrapped(c.long_form, lex.context["name_wrappers"]))):
            if zone is None:
                zone = _background_names(cands, _own_work_start(scanned, subject, ours, title_end), title_end)
            if c.name not in zone and not (_scored_on(c, text) or _not_introduced(c, text)):
                c.proposed = True
    # a title that names its contribution before the colon gives what follows "via" as the means
    prefix = _TITLE_PREFIX.match(text[:title_end])
    named_title = prefix is not None and _name_like(prefix.group(1))  # "N2N Learning: ..."
    for c in cands:
        if (ours and c.reason not in ("kb", "np_head") and c.type in ("Method", "Dataset")
                and _after_ours(ours, c.start) and _ours(c, text, lex)):
            c.proposed = True
        # A Title-Case method or dataset in the title that the KB does not know is the paper's own,
        # unless the title names it as the purpose ("... for Deep Neural Network Pruning") or the
        # setting ("Addressing Representation Collapse in Vector Quantized Models"), or asks about it;
        # after a named contribution, not its means ("N2N Learning: ... via Policy Gradient ...");
        # nor an activity the title applies to something ("Unsupervised Pre-Training of Image
        # Features ...": what the paper does, not what it makes), nor what a title verb studies or
        # improves ("Revisiting Backpropagation Saliency Methods").
        if (c.end <= title_end and c.reason != "kb" and c.name not in known and c.type in ("Method", "Dataset")
                and not _purpose(text[max(0, c.start - 30) : c.start], named_title) and not _asked(text, c, title_end)
                and not (text.startswith(" of ", c.end) and lex.names_an_activity(c.name))
                and not _after_title_verb(text, c, lex)):
            words = text[c.start : c.end].split()
            if len(words) >= (3 if c.weak else 2) and all(w[0].isupper() for w in words if len(w) > 3):
                c.proposed = True  # a generic head needs a longer name: not "Vision Models", "Pretrained Models"
        # The subject of a title that says what it is: "Masking as an Efficient Alternative to ...",
        # "Pretrained Encoders are All You Need".
        if (c.start == 0 and c.reason != "kb" and not c.weak and c.type in ("Method", "Dataset")
                and _TITLE_COPULA.match(text, c.end)):
            c.proposed = True
        # A title that is only a KB name names the paper's contribution ("Neural Ordinary Differential
        # Equations", "Sigmoid Loss for Language Image Pre-Training" is SigLIP); the rules' phrases are
        # read by the Title-Case test above ("Sparse layers" is a topic).
        if c.start == 0 and c.end == title_end and c.reason == "kb" and c.type in ("Method", "Dataset"):
            c.proposed = True
    spans = {(c.start, c.end) for c in cands}
    for m in _CALLED_NAME.finditer(text) if naming else ():
        if m.span("name") not in spans:
            extra.append(Candidate(*m.span("name"), "Method", m.group("name"), "proposal", proposed=True))
    quoted = naming and ('"' in text or "“" in text)  # the pattern's scan for a name in quotes needs a quote
    for m in _QUOTED_NAME.finditer(text) if quoted else ():
        s, e = m.span("name")
        inside = [c for c in cands if s <= c.start and c.end <= e]
        if any((c.start, c.end) == (s, e) for c in inside):
            for c in inside:
                c.proposed = c.proposed or (c.start, c.end) == (s, e)
        elif not any(c.start < e and s < c.end for c in cands if c not in inside):
            type_ = "Dataset" if _DATASET_NOUN.match(text, e) else "Method"
            name = node_name(m.group("name"), proper_nouns=True)
            extra.append(Candidate(s, e, type_, name, "proposal", proposed=True))
    # a name is short, but a list of verbs may name a model of four or five ("Show, Attend and Tell: ...")
    if prefix and len(prefix.group(1).split()) <= (5 if "," in prefix.group(1) else 3):
        s, e = prefix.span(1)
        hits = [c for c in cands if c.start == s and c.end == e]
        if hits:
            for c in hits:  # a KB name too when it is a proper name: "DINOv2: Learning Robust ..."
                c.proposed = c.proposed or c.reason != "kb" or _proper_name(c.name)
        elif not _name_like(prefix.group(1)):
            # a catch phrase before the colon ("Ensemble everything everywhere: Multi-scale
            # aggregation for ..."): the method is the one the subtitle opens with
            opening = next((c for c in cands if c.start >= prefix.end(1) and c.end <= title_end), None)
            if opening is not None and opening.reason != "kb" and opening.type == "Method":
                opening.proposed = True
        elif all(s <= c.start and c.end <= e for c in cands if c.start < e and s < c.end):
            # a new name, even when it holds other names ("Pruning by Explaining: ...")
            type_ = "Dataset" if _DATASET_TITLE.search(text[:title_end]) else "Method"
            extra.append(Candidate(s, e, type_, prefix.group(1), "proposal", proposed=True))
    extra += _title_means(text, title_end, named_title, cands + extra)
    repositories = [c for c in cands if c.reason == "repository"]
    if repositories and any(c.proposed and c.reason in ("acronym", "name_shape") for c in cands):
        # the code's name beside names the abstract proposes ("Approx-BP" ... github.com/.../LowMemoryBP;
        # an umbrella repository, SimXNS for MASTER) is no entity of its own
        for c in repositories:
            c.proposed, c.weak = False, True
        repositories = []
    generic = [c for c in cands if c.weak and c.proposed and c.reason == "np_head"]
    if len(repositories) == 1 and len(generic) == 1:
        # "we propose a new unsupervised approach ... github.com/facebookresearch/DeeperCluster": the
        # one generic phrase the paper proposes describes the one name its code goes by (of two,
        # one may be a part: "a novel image clustering pipeline ... a self-labeling algorithm")
        renamed += _name_descriptions([*repositories, *generic])
    _same_descriptions(cands, text, renamed)
    if generic and any(c.proposed and c.reason in ("acronym", "name_shape", "proposal") for c in cands + extra):
        for c in generic:  # "we propose two novel neural models ... Binary Paragraph Vector ...": the names
            if c.proposed and text[c.start : c.end].endswith("s"):  # are the contributions, not the class
                c.proposed = False
    if any(c.proposed for c in cands + extra):
        names = {c.name for c in cands + extra if c.proposed}
        for c in cands:
            if c.name in names or (c.reason == "name_shape" and _variant_of(c.name, names)):
                c.proposed = True  # a size or version of the paper's own model is its own too ("UL2 20B")
    return extra


_VARIANT_SUFFIX = re.compile(r"(?:[\s\-]+(?:v?\d[\w.]*|[A-Z]{1,2}L?|(?i:base|large|small|tiny|huge))|\+{1,2})$")


def _variant_of(name: str, proposed: set[str]) -> bool:
    """Whether ``name`` is one of ``proposed`` with a size, version or "+" after it ("UL2 20B",
    "DDNM+", "Flan-UL2 20B" is not: its words before the size are another name)."""
    if name.isalnum():
        return False  # no space, hyphen or "+" for a suffix to follow: no search of every position
    m = _VARIANT_SUFFIX.search(name)
    return m is not None and m.start() > 0 and name[: m.start()] in proposed
