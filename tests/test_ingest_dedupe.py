"""Deduplication: by arXiv id when known, else by normalised title; every source is kept."""

from __future__ import annotations

from kg.ingest.dedupe import Deduplicator
from kg.model import Paper, Source


def paper(title: str, file: str, line: int = 1, **kw: object) -> Paper:
    return Paper(title=title, abstract="An abstract.", source=Source(file, line), **kw)  # type: ignore[arg-type]


def test_same_arxiv_id_merges_despite_different_titles() -> None:
    d = Deduplicator()
    assert d.add(paper("FooNet: A Network", "a.jsonl", arxiv_id="2401.00001"))
    assert not d.add(paper("FooNet - a network (v2)", "b.xml", 7, arxiv_id="2401.00001", url="u"))
    [kept] = d.papers
    assert kept.title == "FooNet: A Network" and kept.url == "u"
    assert kept.sources == [Source("a.jsonl", 1), Source("b.xml", 7)]
    assert d.duplicates == 1


def test_same_title_ignoring_case_and_punctuation_merges_and_fills_missing_fields() -> None:
    d = Deduplicator()
    d.add(paper("Skim & Scan: Long-Document QA", "a.jsonl"))
    d.add(paper("skim and scan -- long document qa", "b.csv", 3))  # "and" is a word: not the same title
    d.add(paper("SKIM & SCAN: long-document QA.", "c.json", 9, arxiv_id="2401.00002", authors=["Ann"]))
    assert len(d.papers) == 2
    kept = d.papers[0]
    assert kept.sources == [Source("a.jsonl", 1), Source("c.json", 9)]
    assert (kept.arxiv_id, kept.authors) == ("2401.00002", ["Ann"])


def test_arxiv_id_learnt_from_a_later_record_matches_a_third_record() -> None:
    d = Deduplicator()
    d.add(paper("FooNet", "a.jsonl"))
    d.add(paper("FooNet", "b.xml", arxiv_id="2401.00003"))
    d.add(paper("FooNet: extended version", "c.json", arxiv_id="2401.00003"))
    [kept] = d.papers
    assert [s.file for s in kept.sources] == ["a.jsonl", "b.xml", "c.json"]
    assert d.duplicates == 2


def test_different_arxiv_ids_are_different_papers_even_with_one_title() -> None:
    d = Deduplicator()
    d.add(paper("Introduction", "a.jsonl", arxiv_id="2401.00004"))
    d.add(paper("Introduction", "a.jsonl", 2, arxiv_id="2401.00005"))
    assert [p.arxiv_id for p in d.papers] == ["2401.00004", "2401.00005"]
    assert d.duplicates == 0


def test_the_same_record_read_twice_is_counted_but_its_source_not_repeated() -> None:
    d = Deduplicator()
    d.add(paper("FooNet", "a.jsonl"))
    d.add(paper("FooNet", "a.jsonl"))
    assert d.papers[0].sources == [Source("a.jsonl", 1)] and d.duplicates == 1
