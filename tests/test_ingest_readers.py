"""Every reader: what a user gets out of each supported input format."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.ingest import read_bytes, read_inputs
from kg.ingest.clean import clean_text
from kg.ingest.detect import detect
from kg.ingest.record import normalise_arxiv_id
from kg.model import Paper, Reject, Source

ABSTRACT = "We propose FooNet, a convolutional network for image classification. It works well."


def read(text: str | bytes, name: str, fmt: str | None = None, **fields: str) -> list[Paper | Reject]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(read_bytes(data, name, fmt, fields))


def test_jsonl_keeps_every_field_and_the_line() -> None:
    line = {
        "title": "FooNet",
        "abstract": ABSTRACT,
        "id": "p1",
        "url": "https://arxiv.org/abs/2301.00001v3",
        "authors": ["A. One", "B. Two"],
        "date": "2023-01-02T10:00:00Z",
    }
    [paper] = read("\n" + json.dumps(line) + "\n", "in.jsonl")
    assert paper == Paper(
        title="FooNet",
        abstract=ABSTRACT,
        source=Source("in.jsonl", 2),
        id="p1",
        url="https://arxiv.org/abs/2301.00001v3",
        arxiv_id="2301.00001",
        authors=["A. One", "B. Two"],
        date="2023-01-02",
    )


def test_json_array_records_keep_the_line_they_start_on() -> None:
    text = json.dumps([{"title": "A", "abstract": ABSTRACT}, {"title": "B", "abstract": ABSTRACT}], indent=1)
    papers = read(text, "in.json")
    assert [(p.title, p.source.line) for p in papers] == [("A", 2), ("B", 6)]


def test_json_single_object_is_one_record() -> None:
    [paper] = read(json.dumps({"title": "A", "abstract": ABSTRACT}, indent=2), "one.json")
    assert paper.title == "A" and paper.source == Source("one.json", 1)


def test_csv_with_quoted_multiline_field_and_author_list() -> None:
    text = 'title,abstract,authors\nFooNet,"First line\nsecond line.","Ann Lee; Bo Chan"\nBarNet,Short.,X\n'
    foo, bar = read(text, "in.csv")
    assert (foo.title, foo.abstract, foo.authors, foo.source.line) == (
        "FooNet",
        "First line second line.",
        ["Ann Lee", "Bo Chan"],
        2,
    )
    assert bar.source.line == 4


def test_tsv() -> None:
    [paper] = read("Title\tAbstract\nFooNet\t" + ABSTRACT + "\n", "in.tsv")
    assert paper.title == "FooNet" and paper.abstract == ABSTRACT


def test_field_mapping_reads_other_column_names() -> None:
    text = f'headline,body\nFooNet,"{ABSTRACT}"\n'
    [reject] = read(text, "news.csv")
    assert isinstance(reject, Reject) and "no title" in reject.reason
    [paper] = read(text, "news.csv", title="headline", abstract="body")
    assert paper.title == "FooNet"


def test_field_names_match_in_any_case() -> None:
    line = {"Title": "FooNet", "ABSTRACT": ABSTRACT, "Url": "http://arxiv.org/abs/2301.00001v2", "title ": "x"}
    [paper] = read(json.dumps(line) + "\n", "in.jsonl")
    assert (paper.title, paper.abstract, paper.url, paper.arxiv_id) == (
        "FooNet", ABSTRACT, "http://arxiv.org/abs/2301.00001v2", "2301.00001")


def test_unknown_field_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown field titel"):
        list(read_inputs(["x.jsonl"], fields={"titel": "t"}))


ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>ArXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2401.01234v2</id>
    <published>2024-01-03T18:00:00Z</published>
    <title>FooNet:
      A Network</title>
    <summary>  We propose FooNet.
    It classifies images.</summary>
    <author><name>Ann Lee</name></author>
    <author><name>Bo Chan</name></author>
    <link href="http://arxiv.org/abs/2401.01234v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2401.01234v2" rel="related"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v1</id>
    <title>Old Style</title>
    <summary>An abstract.</summary>
  </entry>
</feed>
"""


def test_arxiv_atom_entries() -> None:
    foo, old = read(ATOM, "feed.xml")
    assert (foo.title, foo.abstract, foo.arxiv_id, foo.date, foo.authors, foo.url, foo.source.line) == (
        "FooNet: A Network",
        "We propose FooNet. It classifies images.",
        "2401.01234",
        "2024-01-03",
        ["Ann Lee", "Bo Chan"],
        "http://arxiv.org/abs/2401.01234v2",
        4,
    )
    assert old.arxiv_id == "hep-th/9901001"


def test_truncated_atom_feed_keeps_entries_before_the_error() -> None:
    cut = ATOM[: ATOM.index("<title>Old Style")]
    paper, error = read(cut, "feed.xml")
    assert paper.arxiv_id == "2401.01234"
    assert isinstance(error, Reject) and error.reason.startswith("invalid XML") and error.source.line > 10


PWC = [
    {
        "paper_url": "https://paperswithcode.com/paper/foonet",
        "arxiv_id": "2401.01234",
        "title": "FooNet",
        "abstract": ABSTRACT,
        "url_abs": "https://arxiv.org/abs/2401.01234v1",
        "url_pdf": None,
        "authors": ["Ann Lee"],
        "date": "2024-01-03",
        "tasks": ["Image Classification"],
    }
]


def test_pwc_dump_plain_and_gzipped() -> None:
    text = json.dumps(PWC)
    for data in (text.encode(), gzip.compress(text.encode())):
        [paper] = read(data, "papers-with-abstracts.json.gz")
        assert (paper.id, paper.url, paper.arxiv_id, paper.authors) == (
            "https://paperswithcode.com/paper/foonet",
            "https://arxiv.org/abs/2401.01234v1",
            "2401.01234",
            ["Ann Lee"],
        )


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.jsonl", "{}", "jsonl"),
        ("a.ndjson", "{}", "jsonl"),
        ("a.json", "[]", "json"),
        ("a.json", json.dumps(PWC), "pwc"),
        ("a.csv", "", "csv"),
        ("a.TSV", "", "tsv"),
        ("a.xml", "", "arxiv"),
        ("a.txt", "", "hf-dump"),
        ("a.json.gz", "[]", "json"),
        ("-", ATOM, "arxiv"),
        ("-", json.dumps(PWC), "pwc"),
        ("-", "[{}]", "json"),
        ("-", "{}\n{}", "jsonl"),
        ("-", "title,abstract\n", "csv"),
        ("-", "title\tabstract\n", "tsv"),
        ("-", "new\n\nSubscribe\n", "hf-dump"),
    ],
)
def test_format_detection(name: str, text: str, fmt: str) -> None:
    assert detect(name, text) == fmt


def test_format_option_overrides_detection() -> None:
    assert detect("papers.txt", "{}", "jsonl") == "jsonl"
    [paper] = read(json.dumps({"title": "A", "abstract": ABSTRACT}), "papers.txt", "jsonl")
    assert paper.title == "A"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ATOM.encode())))
    papers = list(read_inputs(["-"]))
    assert [p.source for p in papers] == [Source("-", 4), Source("-", 16)]


def test_directory_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    line = json.dumps({"title": "T", "abstract": ABSTRACT}) + "\n"
    for rel in ("b.jsonl", "a/z.jsonl", "a.jsonl", ".hidden.jsonl", ".git/x.jsonl", "notes.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(line)
    files = [Path(r.source.file).relative_to(tmp_path).as_posix() for r in read_inputs([str(tmp_path)])]
    assert files == ["a/z.jsonl", "a.jsonl", "b.jsonl"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<i>In vivo</i> &amp; R&D", "In vivo & R&D"),
        ("How the <SEG> Token Works", "How the <SEG> Token Works"),
        ("PA&DA: Jointly  Sampling\n PAth", "PA&DA: Jointly Sampling PAth"),
        ("H&lt;sub&gt;2&lt;/sub&gt;O &eacute;t&#233; &#x3b2;", "H2O été β"),
        ("a<br/>b<!-- note -->c", "a bc"),
        ("zero\u200bwidth\u00a0space", "zerowidth space"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("value", "arxiv_id"),
    [
        ("2103.00020", "2103.00020"),
        ("arXiv:2103.00020v2", "2103.00020"),
        ("https://arxiv.org/pdf/2103.00020v1.pdf", "2103.00020"),
        ("http://arxiv.org/abs/cs/0112017v1", "cs/0112017"),
        ("https://example.org/2103.00020", None),
        ("", None),
    ],
)
def test_arxiv_ids_lose_their_version(value: str, arxiv_id: str | None) -> None:
    assert normalise_arxiv_id(value) == arxiv_id
