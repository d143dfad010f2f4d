"""Hugging Face trending-page dumps: both layouts, odd lines, and the real corpus figures."""

from __future__ import annotations

import re
from pathlib import Path

from kg.graph.ids import normalise_title
from kg.ingest import read_bytes, read_inputs
from kg.model import Paper, Reject, Source

A1 = (
    "Recent work suggests that representations learned by robust networks are aligned with human "
    "perception. We test this with a psychophysics experiment and find that robust representations "
    "capture peripheral computation better than non-robust ones, across every observer we tested."
)
A2 = "We propose GRADSEL, a data selection algorithm for targeted instruction tuning of large language models. " * 3
A3 = "We introduce RankIQA-Z, a ranking-based image quality assessment model trained with RL. " * 3

# Page chrome as a dump carries it (spelt here with the variations the reader tolerates).
PROMPT = "Get trending papers in your e-mail inbox!"
PROMPT_DAILY = "Get trending papers in your e-mail inbox once a day!"
BYLINE = "by AK and the research community"

LAYOUT_A = f"""new

{PROMPT}

Subscribe

{BYLINE}

Mar 12

Robust Features Seen Through Texture Statistics

{A1}

GRADSEL: Gradient-Guided Data Selection for Instruction Tuning

{A2}
"""

LAYOUT_B = f"""{PROMPT_DAILY}
{PROMPT}
SubscribeRankIQA-Z: Ranking-Based Image Quality Assessment
{A3}
Discriminant Embeddings for Hand Gesture Recognition
{A1}"""


def read(text: str, name: str = "dump.txt") -> list[Paper | Reject]:
    return list(read_bytes(text.encode(), name))


def test_layout_a_header_lines_and_blank_line_paragraphs() -> None:
    papers = read(LAYOUT_A)
    assert [(p.title, p.source) for p in papers] == [
        ("Robust Features Seen Through Texture Statistics", Source("dump.txt", 11)),
        ("GRADSEL: Gradient-Guided Data Selection for Instruction Tuning", Source("dump.txt", 15)),
    ]
    assert papers[0].abstract == A1 and papers[1].abstract == A2.strip()


def test_layout_b_subscribe_glued_to_first_title_alternate_lines() -> None:
    papers = read(LAYOUT_B)
    assert [(p.title, p.source.line) for p in papers] == [
        ("RankIQA-Z: Ranking-Based Image Quality Assessment", 3),
        ("Discriminant Embeddings for Hand Gesture Recognition", 5),
    ]
    assert all(isinstance(p, Paper) for p in papers)


def test_title_that_looks_like_a_header_is_kept_when_an_abstract_follows() -> None:
    papers = read(f"new\n\nSubscribe\n\nMar 12\n\nnew\n\n{A1}\n\nSubscribe\n\n{A2}\n")
    assert [(p.title, p.source.line) for p in papers] == [("new", 7), ("Subscribe", 11)]


def test_missing_abstract_stray_line_and_orphan_abstract_cost_one_reject_each() -> None:
    text = "\n".join(
        ["Subscribe", "Title With No Abstract", "Good Title", A1, "42", A2, "Last Title", A3, "Dangling Title At End"]
    )
    records = read(text)
    assert [(type(r).__name__, r.source.line) for r in records] == [
        ("Reject", 2),
        ("Paper", 3),
        ("Reject", 5),
        ("Reject", 6),
        ("Paper", 7),
        ("Reject", 9),
    ]
    reasons = [r.reason for r in records if isinstance(r, Reject)]
    assert reasons == [
        "title with no abstract after it",
        "stray line (neither a title nor an abstract)",
        "abstract with no title before it",
        "title with no abstract after it (end of file)",
    ]
    assert records[0].record == "Title With No Abstract"


def test_short_one_sentence_abstract_still_pairs_with_its_title() -> None:
    [paper] = read("A Short Paper\nWe study a short thing.\n")
    assert (paper.title, paper.abstract) == ("A Short Paper", "We study a short thing.")


def test_real_corpus_497_records_452_unique_titles(shared_corpus: Path) -> None:
    records = list(read_inputs([str(shared_corpus)]))
    assert len(records) == 497
    assert all(isinstance(r, Paper) for r in records)
    assert len({normalise_title(r.title) for r in records}) == 452
    files = sorted({Path(r.source.file).name for r in records})
    assert len(files) == 5
    # The first title of a layout-(b) file has "Subscribe" cut off, and keeps its own line.
    first = next(r for r in records if r.source.file.endswith("002_b9928c91f3cd8835.txt"))
    raw = Path(first.source.file).read_text(encoding="utf-8").split("\n")[first.source.line - 1]
    assert first.source.line == 3 and raw == "Subscribe" + first.title
    assert not any(r.title.startswith("Subscribe") or r.title in ("new", "Mar 11") for r in records)


def test_real_corpus_independent_count(shared_corpus: Path) -> None:
    """A second, naive count: non-blank lines minus header lines, halved."""
    header = re.compile(r"new|subscribe|get trending papers.*|by ?ak and the research community|mar 1[12]", re.I)
    total = 0
    for path in sorted(shared_corpus.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        content = [line for line in lines if not header.fullmatch(line)]
        assert len(content) % 2 == 0
        total += len(content) // 2
    assert total == 497
