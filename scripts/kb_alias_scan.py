"""List curated KB aliases worth a second look: they may not be exact synonyms of their entry.

Usage: ``python scripts/kb_alias_scan.py [config/kb/tasks.jsonl ...]`` (default: all curated files).

Flags, one line per alias (judge each by hand; most flagged aliases are fine):

- ``words``    the alias shares few content words with the name and is not its acronym;
- ``other``    the alias is (after normalisation) a word-subset or superset of another entry's
               name or alias of the same type: a broader, narrower or sibling concept;
- ``number``   the alias and the name carry different numbers or versions (a variant);
- ``short``    a short all-caps alias listed as plain (not ambiguous): check its other meanings;
- ``suffix``   the canonical name ends in a generic word (task, problem, method, model, dataset).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

STOP = {"a", "an", "the", "of", "for", "and", "in", "on", "to", "with", "by", "via", "from", "at", "as"}
SUFFIXES = ("task", "problem", "method", "approach", "dataset", "benchmark", "model", "algorithm")


def words(text: str) -> set[str]:
    toks = re.findall(r"[A-Za-z]+|\d+(?:\.\d+)?", text.casefold())
    return {t.rstrip("s") if len(t) > 3 else t for t in toks if t not in STOP}


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def is_acronym(alias: str, name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias).casefold().rstrip("s")
    if not letters or len(letters) > 8:
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name)).casefold()
    pos = 0
    for ch in letters:  # letters in order among the name's letters, first one an initial
        pos = name.casefold().find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return letters[0] == (initials[:1] or "?")


def scan(paths: list[Path]) -> list[str]:
    entries = [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    surfaces: dict[str, list[tuple[str, str]]] = {}  # type -> [(surface, entry name)]
    for e in entries:
        for s in (e["name"], *e.get("aliases", []), *e.get("ambiguous_aliases", [])):
            surfaces.setdefault(e["type"], []).append((s, e["name"]))
    out = []
    for e in entries:
        name = e["name"]
        if name.split()[-1].casefold() in SUFFIXES and len(name.split()) > 1:
            out.append(f"{e['type']}\t{name}\t-\tsuffix")
        nw = words(name)
        for alias in e.get("aliases", []):
            flags = []
            aw = words(alias)
            if not is_acronym(alias, name) and len(nw & aw) < min(len(nw), len(aw)):
                flags.append("words")
            if numbers(alias) != numbers(name):
                flags.append("number")
            if re.fullmatch(r"[A-Z][A-Z0-9\-]{1,4}s?", alias):
                flags.append("short")
            others = sorted(
                {
                    other
                    for s, other in surfaces[e["type"]]
                    if other != name and (sw := words(s)) and aw and (sw < aw or aw < sw or sw == aw)
                }
            )
            if others:
                flags.append("other=" + "|".join(others[:4]))
            if flags:
                out.append(f"{e['type']}\t{name}\t{alias}\t{' '.join(flags)}")
    return out


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(Path("config/kb").glob("*.jsonl"))
    for line in scan(paths):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
