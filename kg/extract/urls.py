"""Web addresses in an abstract: their text is no running text, except the code repository's name.

A URL is not prose: a KB name or a phrase found inside one ("Federated-Learning" in
``github.com/huawei-noah/Federated-Learning/tree/main/HessianAlignment``) is no mention. What a
URL does name is the paper's code: the repository of a ``host/owner/repository`` address on a
code host ("Our code is available at https://github.com/facebookresearch/DeeperCluster") is
named after what the paper releases, so a repository name shaped like a name (CamelCase, inner
capitals, letters with digits: DeeperCluster, iTPN; not "easyrobust" or "wide-residual-networks",
which read as words) is a mention of a proposed method, the way PapersWithCode tied a paper to
its repository.
"""

from __future__ import annotations

import re

from kg.extract.candidates import Candidate
from kg.extract.rules import is_name_shaped

_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:github|gitlab|bitbucket)\.(?:com|org)/\S+", re.I)
_REPOSITORY = re.compile(
    r"(?:github|gitlab|bitbucket)\.(?:com|org)/[\w.\-]+/(?P<repo>[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9])(?![\w\-])", re.I
)
_CAMEL_WORD = re.compile(r"[A-Z]?[a-z]{2,}")
_SEPARATORS = re.compile(r"[\s\-_]+")


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web address in ``text``."""
    if "://" not in text and "www." not in text and ".com/" not in text and ".org/" not in text:
        return []  # most abstracts hold none: skip the scan
    return [m.span() for m in _URL.finditer(text)]


def outside_urls(cands: list[Candidate], spans: list[tuple[int, int]]) -> list[Candidate]:
    """The candidates that do not lie inside a web address."""
    return [c for c in cands if not any(s <= c.start < e for s, e in spans)]


def repository_candidates(text: str, title_end: int, spans: list[tuple[int, int]],
                          cands: list[Candidate]) -> list[Candidate]:
    """The repository names of code-host addresses (``cands`` are those :func:`outside_urls`
    kept): a candidate of the abstract written the same way (ImageNet-21K for "ImageNet21K",
    MRL) is proposed unless the KB knows it; a repository named like a new name is a proposed
    Method of its own."""
    out = []
    title_words = set(_CAMEL_WORD.findall(text[:title_end].lower()))
    for s, e in spans:
        m = _REPOSITORY.search(text, s, e)
        if m is None:
            continue
        repo = m.group("repo")
        squashed = _squashed(repo)
        same = [c for c in cands if _squashed(c.name) == squashed]  # cands lie outside the addresses
        for c in same:
            c.proposed = c.proposed or c.reason != "kb"
        if not same and _named_like_a_release(repo, title_words):
            start, end = m.span("repo")
            out.append(Candidate(start, end, "Method", repo, "repository", proposed=True))
    return out


def _squashed(name: str) -> str:
    return _SEPARATORS.sub("", name.lower())


def _named_like_a_release(repo: str, title_words: set[str]) -> bool:
    """DeeperCluster, PixPro, FUNIT; not the title run together (TransformersCanDoBayesianInference,
    OverlookedFactors) nor words joined by hyphens (Self-Training-DPR, ISC-Track2-Submission)."""
    if not is_name_shaped(repo) or not all(p.isupper() or p.isdigit() for p in repo.split("-")[1:]):
        return False
    words = [w.lower() for w in _CAMEL_WORD.findall(repo)]
    return len(words) <= 2 and not (words and all(w in title_words for w in words))
