"""Load, validate and merge the knowledge base: curated ``config/kb/*.jsonl`` plus the PwC cache.

Each line of a KB file is one JSON object::

    {"name": "ResNet-50", "type": "Method", "aliases": ["ResNet50"], "parent": "ResNet",
     "ambiguous_aliases": [], "wikidata": "Q...", "pwc": "resnet", "hf": "microsoft/resnet-50"}

Curated files are validated strictly and every problem is reported with its ``file:line``:
unknown field or type, missing name, duplicate canonical name within a type, a parent that is
not an entry of the same type, and a surface (name or alias) held by two entries without being
listed in ``ambiguous_aliases`` of each (short forms with several meanings, e.g. "SAM", are left
to the linker, which decides by context). Surfaces are compared after :func:`normalise`.

The Papers with Code cache (written by ``kg kb import-pwc``) is merged leniently: a cached entry
never overrides a curated one; when its name is already a surface of a curated entry of the same
type it only adds its new aliases and its slug, otherwise (another type) it is skipped; cached
aliases already taken are dropped, and parents that do not resolve are cleared.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.graph.ids import entity_id
from kg.model import ENTITY_TYPES, EntityType

FIELDS = ("name", "type", "aliases", "ambiguous_aliases", "parent", "wikidata", "pwc", "hf", "source")
_LIST_FIELDS = ("aliases", "ambiguous_aliases")
_STR_FIELDS = ("name", "type", "parent", "wikidata", "pwc", "hf", "source")
_QID = re.compile(r"^Q[1-9]\d*$")


def config_dir() -> Path:
    """The configuration directory: ``$KG_CONFIG`` or the repository's ``config/``."""
    env = os.environ.get("KG_CONFIG")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "config"


def curated_paths() -> list[Path]:
    return sorted((config_dir() / "kb").glob("*.jsonl"))


def cache_dir() -> Path:
    """Where imported KB data lives: ``$KG_CACHE_DIR/kb`` or ``~/.cache/kg/kb`` (never the repo)."""
    env = os.environ.get("KG_CACHE_DIR")
    return (Path(env) if env else Path.home() / ".cache" / "kg") / "kb"


def pwc_cache_path(directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / "pwc.jsonl"


def normalise(text: str, *, keep_case: bool = False) -> str:
    """The lookup key of a surface: NFKC, case-folded, without spaces, hyphens and underscores."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-_\u2010-\u2014]+", "", text if keep_case else text.casefold())


def clash_key(surface: str) -> str:
    """The key two surfaces must not share: :func:`normalise`, keeping case for acronym-like forms.

    Forms with two or more capitals ("FID" / "FiD", "VITS" / "ViTs") are told apart by case,
    as the extractor matches them case-sensitively.
    """
    return normalise(surface, keep_case=sum(c.isupper() for c in surface) >= 2)


class KBError(ValueError):
    """One or more problems in KB files; ``problems`` lists them, each starting with ``file:line``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class KBEntry:
    """One canonical entity of the knowledge base."""

    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()  # short forms shared with other entries
    parent: str | None = None  # canonical name of the family / parent task (same type)
    wikidata: str | None = None
    pwc: str | None = None
    hf: str | None = None
    source: str = "curated"

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.ambiguous_aliases)

    def spells_with_capitals(self, spelling: str) -> bool:
        """Whether one of the entry's names is ``spelling`` and has capitals, case, spaces, hyphens,
        underscores and a plural s aside ("TPR"; "MSCOCO" for "MS COCO", "BRATS" for "BraTS", "FLOP"
        for "FLOPs", "AP_50" for "AP50"): a word in capitals that the entry only writes in lower case
        names something else ("RECALL", a method, is no recall)."""
        def squeezed(x: str) -> str:
            return x.lower().replace(" ", "").replace("-", "").replace("_", "").removesuffix("s")
        target = squeezed(spelling)
        return any(squeezed(s) == target and not s.islower() for s in self.surfaces)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"name": self.name, "type": self.type}
        for key in ("aliases", "ambiguous_aliases"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        for key in ("parent", "wikidata", "pwc", "hf"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["source"] = self.source
        return out


def parse_entry(obj: object, where: str, default_source: str = "curated") -> KBEntry:
    """One JSON object → :class:`KBEntry`; raises :class:`KBError` naming ``where``."""
    if not isinstance(obj, dict):
        raise KBError([f"{where}: not a JSON object"])
    problems = [f"{where}: unknown field {k!r}" for k in obj if k not in FIELDS]
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}: missing name")
    if obj.get("type") not in ENTITY_TYPES:
        problems.append(f"{where}: unknown type {obj.get('type')!r} (expected one of {', '.join(ENTITY_TYPES)})")
    for key in _LIST_FIELDS:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
            problems.append(f"{where}: {key} must be a list of non-empty strings")
    for key in _STR_FIELDS[2:]:
        if key in obj and not (isinstance(obj[key], str) and obj[key].strip()):
            problems.append(f"{where}: {key} must be a non-empty string")
    if isinstance(obj.get("wikidata"), str) and not _QID.match(obj["wikidata"]):
        problems.append(f"{where}: wikidata {obj['wikidata']!r} is not a QID like Q123")
    if problems:
        raise KBError(problems)
    name = name.strip()
    # drop repeats and surfaces equal to the name in any case; spellings that differ only in spaces or
    # hyphens stay: the matcher does not derive "MobileNet V2" or "UNet" from "MobileNetV2" or "U-Net"
    own = {name.casefold()}
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_FIELDS:
        kept = []
        for alias in (a.strip() for a in obj.get(key, [])):
            if alias.casefold() not in own:
                own.add(alias.casefold())
                kept.append(alias)
        lists[key] = tuple(kept)
    return KBEntry(
        id=entity_id(obj["type"], name),
        type=obj["type"],
        name=name,
        aliases=lists["aliases"],
        ambiguous_aliases=lists["ambiguous_aliases"],
        parent=obj.get("parent"),
        wikidata=obj.get("wikidata"),
        pwc=obj.get("pwc"),
        hf=obj.get("hf"),
        source=obj.get("source", default_source),
    )


def read_entries(path: Path, default_source: str = "curated") -> tuple[list[tuple[str, KBEntry]], list[str]]:
    """The entries of one JSONL file with their ``file:line``, and the problems found."""
    entries, problems = [], []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                entries.append((where, parse_entry(json.loads(line), where, default_source)))
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: invalid JSON ({exc.msg})")
            except KBError as exc:
                problems.extend(exc.problems)
    return entries, problems


def validate(located: list[tuple[str, KBEntry]]) -> list[str]:
    """Cross-entry problems of curated entries (duplicates, parents, shared aliases)."""
    problems = []
    names: dict[tuple[str, str], str] = {}
    for where, e in located:
        if (e.type, e.name) in names:
            first = names[e.type, e.name]
            problems.append(f"{where}: duplicate canonical name {e.name!r} ({e.type}, first at {first})")
        else:
            names[e.type, e.name] = where
    for where, e in located:
        if e.parent is not None and ((e.type, e.parent) not in names or e.parent == e.name):
            problems.append(f"{where}: parent {e.parent!r} of {e.name!r} is not another {e.type} entry")
    holders: dict[str, list[tuple[str, KBEntry, str]]] = defaultdict(list)
    for where, e in located:
        holders[clash_key(e.name)].append((where, e, "name"))
        for alias in e.aliases:
            holders[clash_key(alias)].append((where, e, "alias"))
        for alias in e.ambiguous_aliases:
            holders[clash_key(alias)].append((where, e, "ambiguous"))
    for held in holders.values():
        if len({id(e) for _, e, _ in held}) < 2:
            continue
        others = ", ".join(sorted({f"{e.type} {e.name!r}" for _, e, _ in held}))
        for where, _, kind in held:
            if kind == "alias":
                problems.append(
                    f"{where}: alias shared by several entries ({others}) must be in ambiguous_aliases of each"
                )
        named = [(where, e) for where, e, kind in held if kind == "name"]
        for where, e in named[1:]:
            if (e.type, e.name) != (named[0][1].type, named[0][1].name):
                problems.append(f"{where}: name {e.name!r} clashes with the name of another entry ({others})")
    return problems


class KnowledgeBase:
    """The merged entries, with lookup by surface and by family."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self.entries: list[KBEntry] = list(entries)
        self.by_id = {e.id: e for e in self.entries}
        self._exact: dict[str, list[KBEntry]] = defaultdict(list)
        self._norm: dict[str, list[KBEntry]] = defaultdict(list)
        self._children: dict[str, list[KBEntry]] = defaultdict(list)
        for e in self.entries:
            for surface in e.surfaces:
                self._exact[surface].append(e)
                if e not in self._norm[normalise(surface)]:
                    self._norm[normalise(surface)].append(e)
            if e.parent:
                self._children[e.parent].append(e)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, surface: str) -> list[KBEntry]:
        """Entries a surface may name: exact matches first, else matches after :func:`normalise`."""
        return list(self._exact.get(surface) or self._norm.get(normalise(surface), []))

    def get(self, name: str, type_: str | None = None) -> KBEntry | None:
        """The entry with this canonical name (and type), if any."""
        return next((e for e in self._exact.get(name, []) if e.name == name and type_ in (None, e.type)), None)

    def children(self, name: str) -> list[KBEntry]:
        """Entries whose parent is ``name`` (variants of a family, subtasks of a task)."""
        return list(self._children.get(name, []))

    def counts(self) -> Counter[tuple[str, str]]:
        """Number of entries by (source, type)."""
        return Counter((e.source, e.type) for e in self.entries)


def merge_cache(curated: list[KBEntry], cached: Iterable[KBEntry]) -> list[KBEntry]:
    """Curated entries, enriched by and followed by the cached entries that do not clash with them."""
    merged = list(curated)
    taken: dict[str, int] = {}  # normalised surface -> index in merged
    for i, e in enumerate(merged):
        for surface in e.surfaces:
            taken.setdefault(normalise(surface), i)
    for c in cached:
        hit = taken.get(normalise(c.name))
        new_aliases = tuple(a for a in c.aliases if normalise(a) not in taken)
        if hit is None:
            merged.append(replace(c, aliases=new_aliases, ambiguous_aliases=()))
            hit = len(merged) - 1
        elif merged[hit].type == c.type:
            old = merged[hit]
            merged[hit] = replace(old, aliases=old.aliases + new_aliases, pwc=old.pwc or c.pwc)
        else:
            continue
        for surface in (c.name, *new_aliases):
            taken.setdefault(normalise(surface), hit)
    names = {(e.type, normalise(e.name)): e.name for e in merged}
    surfaces = {(merged[i].type, s): merged[i].name for s, i in taken.items()}
    out = []
    for e in merged:
        if e.source != "curated" and e.parent:
            key = (e.type, normalise(e.parent))
            parent = names.get(key) or surfaces.get(key)
            e = replace(e, parent=parent if parent != e.name else None)
        out.append(e)
    return out


def load_kb(
    paths: list[Path] | None = None, *, cache: Path | None = None, use_cache: bool = True
) -> KnowledgeBase:
    """Read and validate the curated KB files (default ``config/kb/*.jsonl``), then merge the PwC cache.

    ``cache`` is the cache file (default :func:`pwc_cache_path`); it is skipped when absent or
    when ``use_cache`` is false. Raises :class:`KBError` listing every problem of the curated files.
    A build asks three times (the extractor's fingerprint, its KB matcher, the linker; ~0.15 CPU s
    each for the curated files alone): the same files with the same bytes give the same
    KnowledgeBase, read once (no caller changes it).
    """
    files = tuple(Path(p) for p in (curated_paths() if paths is None else paths))
    cache = cache or pwc_cache_path()
    merged = cache if use_cache and cache.is_file() else None
    return _read_kb(files, merged, _contents_digest((*files, *([merged] if merged else []))))


def _contents_digest(paths: Iterable[Path]) -> str:
    """sha1 over the files' bytes (a missing file raises as reading it would)."""
    h = hashlib.sha1()
    for path in paths:
        data = path.read_bytes()
        h.update(f"{len(data)}\0".encode() + data)
    return h.hexdigest()


@lru_cache(maxsize=8)
def _read_kb(files: tuple[Path, ...], merged: Path | None, digest: str) -> KnowledgeBase:
    """The KnowledgeBase of curated ``files`` and the PwC cache ``merged`` (if any); ``digest`` of
    their contents is part of the key only."""
    located, problems = [], []
    for path in files:
        entries, found = read_entries(path)
        located.extend(entries)
        problems.extend(found)
    problems.extend(validate(located))
    if problems:
        raise KBError(problems)
    curated = [e for _, e in located]
    if merged is not None:
        cached, _ = read_entries(merged, default_source="pwc")
        return KnowledgeBase(merge_cache(curated, (e for _, e in cached)))
    return KnowledgeBase(curated)
