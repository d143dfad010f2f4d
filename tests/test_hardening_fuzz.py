"""Property tests (hypothesis) on every reader and on the extractor: bad input never raises.

Readers get random bytes, random Unicode, mixed encodings, truncated files, huge lines and
deeply nested JSON in every format; the build must account for every record (in the graph,
the duplicates or ``rejects.jsonl``). The extractor gets random Unicode titles and abstracts
mixed with names it knows; every mention's surface must be the text at its offsets.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.extract import Extractor, make_pipeline
from kg.ingest import read_inputs
from kg.model import ENTITY_TYPES, Paper, Reject, Source
from kg.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = (".jsonl", ".json", ".csv", ".tsv", ".txt", ".xml", ".atom", ".json.gz", ".dat", "")
# Characters that have broken text handling somewhere: NUL and controls, a lone surrogate
# (only reachable through a JSON escape), BOM, bidi overrides, line/paragraph separators,
# combining marks, astral characters, and markup.
NASTY_CHARS = ["\x00", "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\ufeff", "\u202e", "\u200f", "\u2028",
               "\u2029", "\u0301", "\U0001f600", "\U000e0001", "<", ">", "&", "&#0;", "&#xD800;", '"', "\\",
               "\t", "\r", "\n"]
WORDS = ["ResNet-50", "ImageNet", "BERT", "top-1 accuracy", "76.1%", "(ViT)", "Vision Transformer", "CIFAR-10",
         "we propose", "FooNet", "image classification", "<i>x</i>", "&amp;", "F1", ".", ",", " "]
text_with_nasties = st.lists(
    st.one_of(st.text(max_size=20), st.sampled_from(NASTY_CHARS), st.sampled_from(WORDS)), max_size=25
).map("".join)
EXTRACTOR_TEXT = st.lists(
    st.one_of(st.text(max_size=15), st.sampled_from([c for c in NASTY_CHARS if not 0xD800 <= ord(c[0]) <= 0xDFFF]),
              st.sampled_from(WORDS)),
    max_size=30,
).map("".join)


@contextmanager
def written(files: dict[str, bytes]) -> Iterator[Path]:
    """A fresh directory holding ``files`` (hypothesis runs many examples per test function)."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for name, data in files.items():
            (directory / name).write_bytes(data)
        yield directory


def check_record(record: Paper | Reject) -> None:
    """What every record must look like whatever the input was."""
    assert isinstance(record, Paper | Reject)
    if isinstance(record, Reject):
        assert record.reason and record.source.line >= 0
        json.dumps(record.record, ensure_ascii=False).encode("utf-8")  # rejects.jsonl can hold it
        return
    for text in (record.title, record.abstract):
        assert text and text == text.strip() and "  " not in text
        assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in text), repr(text)
        text.encode("utf-8")


def read_all(path: Path) -> list[Paper | Reject]:
    records = list(read_inputs([str(path)]))
    for record in records:
        check_record(record)
    return records


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
@example(data=b"\x1f\x8b\x08\x00garbage", suffix=".json.gz")
@example(data=b"\xff\xfe\x00\xd8x\x00", suffix=".jsonl")  # UTF-16 BOM then a lone surrogate
@example(data=b"[" * 100_000, suffix=".json")
@example(data=b"{" * 100_000, suffix=".jsonl")
@example(data=b'[{"paper_url": 1, "title": ' + b"[" * 100_000, suffix=".json")
@example(data=b"<?xml version='1.0'?><!DOCTYPE f [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><feed>&b;</feed>",
         suffix=".xml")
def test_random_bytes_in_any_format_give_papers_or_rejects(data: bytes, suffix: str) -> None:
    with written({f"input{suffix}": data}) as directory:
        records = read_all(directory / f"input{suffix}")
    assert records  # a file with nothing in it is still one reject at line 0


@FUZZ
@given(text=text_with_nasties, suffix=st.sampled_from(SUFFIXES), encoding=st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "mixed"]))
def test_random_unicode_in_any_encoding_gives_papers_or_rejects(text: str, suffix: str, encoding: str) -> None:
    if encoding == "mixed":  # UTF-8 and Windows-1252 halves in one file
        half = len(text) // 2
        data = text[:half].encode("utf-8", "surrogatepass") + text[half:].encode("cp1252", "replace")
    else:
        data = text.encode(encoding, "replace" if encoding not in ("utf-8", "utf-8-sig") else "surrogatepass")
    if suffix.endswith(".gz"):
        data = gzip.compress(data)
    with written({f"input{suffix}": data}) as directory:
        assert read_all(directory / f"input{suffix}")


def json_values(depth: int = 4) -> st.SearchStrategy[object]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text_with_nasties)
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["title", "abstract", "Title", "x"]), inner,
                                                     max_size=3)), max_leaves=8)


record_lines = st.one_of(
    st.fixed_dictionaries({"title": text_with_nasties, "abstract": text_with_nasties},
                          optional={"url": text_with_nasties, "authors": json_values(), "date": json_values(),
                                    "arxiv_id": st.sampled_from(["2103.00020", "arXiv:2103.00020v2", "x", ""])}),
    json_values(),
).map(lambda value: json.dumps(value, ensure_ascii=True))  # escapes: NUL, surrogates, line separators
# Not NUL or other controls: those make the whole file binary, one reject at line 0 (tested above).
garbage_lines = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1).filter(str.strip)


def accounted_for(out: Path, lines: int) -> None:
    """read = kept + duplicates + rejected, and every input line is a paper's source or a reject."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    papers = [n for n in graph["nodes"] if n["type"] == "Paper"]
    assert report["read"] == lines
    assert report["kept"] + report["duplicates"] + report["rejected"] == report["read"]
    assert len(papers) == report["kept"] and len(rejects) == report["rejected"]
    sourced = [int(s.rsplit(":", 1)[1]) for p in papers for s in p["sources"]]
    rejected = [r["line"] for r in rejects]
    assert sorted(sourced + rejected) == list(range(1, lines + 1))


@FUZZ
@given(lines=st.lists(st.one_of(record_lines, garbage_lines, st.just('{"title": "Same", "abstract": "Twice."}')),
                      min_size=1, max_size=12))
@example(lines=['{"title": "A \\ud800 title", "abstract": "Lone \\udfff surrogates from JSON escapes."}'])
def test_every_json_line_is_a_paper_a_duplicate_or_a_reject(lines: list[str]) -> None:
    with written({"input.jsonl": "\n".join(lines).encode("utf-8")}) as directory:
        build([str(directory / "input.jsonl")], directory / "out", BuildOptions(extract=False, cache=False))
        accounted_for(directory / "out", len(lines))


@settings(max_examples=12, deadline=None)
@given(lines=st.lists(record_lines, min_size=1, max_size=6))
def test_the_full_build_with_extraction_accounts_for_every_line(lines: list[str]) -> None:
    with written({"input.jsonl": "\n".join(lines).encode("utf-8")}) as directory:
        build([str(directory / "input.jsonl")], directory / "out", BuildOptions(cache=False))
        accounted_for(directory / "out", len(lines))


@pytest.mark.parametrize("path", sorted(p for p in EXAMPLES.rglob("*") if p.is_file()), ids=lambda p: p.name)
@FUZZ
@given(cut=st.floats(0, 1))
def test_truncated_example_files_give_papers_or_rejects(path: Path, cut: float) -> None:
    data = path.read_bytes()
    with written({path.name: data[: int(len(data) * cut)]}) as directory:
        assert read_all(directory / path.name)


def test_huge_lines_and_deep_nesting_are_rejects_not_crashes(tmp_path: Path) -> None:
    good = json.dumps({"title": "Kept", "abstract": "A paper after the bad lines."})
    lines = ["x" * 3_000_000, "[" * 200_000 + "]" * 200_000, '{"title": ' + "[" * 200_000, good]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines), encoding="utf-8")
    records = read_all(tmp_path / "bad.jsonl")
    assert [type(r).__name__ for r in records] == ["Reject", "Reject", "Reject", "Paper"]
    assert "line too long" in records[0].reason
    (tmp_path / "deep.json").write_text(f"[{good}, " + "[" * 200_000, encoding="utf-8")
    records = read_all(tmp_path / "deep.json")
    assert isinstance(records[0], Paper) and isinstance(records[-1], Reject)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(make_pipeline())


@settings(max_examples=100, deadline=None)
@given(title=EXTRACTOR_TEXT, abstract=EXTRACTOR_TEXT)
@example(title="ResNet-50 (ResNet)", abstract="We propose FooNet (Foo Network) and reach 76.1% top-1 accuracy on "
         "ImageNet \u202eevil\u202c and CIFAR-10; FooNet beats BERT.")
@example(title="", abstract="")
@example(title="\u2028\u2029", abstract="(((((((((((ViT" * 50)
def test_extractor_mentions_are_the_text_at_their_offsets(extractor: Extractor, title: str, abstract: str) -> None:
    paper = Paper(title, abstract, Source("fuzz", 1))
    (extraction,) = extractor.extract([paper])
    for m in extraction.mentions:
        text = title if m.field == "title" else abstract
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.surface, m
        assert m.type in ENTITY_TYPES and m.name.strip()
        assert m.surface in m.sentence or not m.sentence, m


def test_xml_entity_attacks_are_neither_expanded_nor_resolved(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    (tmp_path / "laughs.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "{"a" * 60}">{laughs}]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&i;</title><summary>x</summary></entry></feed>')
    (record,) = read_all(tmp_path / "laughs.xml")  # a billion laughs: expat's amplification limit
    assert isinstance(record, Reject) and "amplification" in record.reason
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    (tmp_path / "xxe.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T &x; title</title>'
        "<summary>We propose a method that works well on many data sets today.</summary></entry></feed>")
    records = read_all(tmp_path / "xxe.xml")
    assert all("SECRET" not in (r.title if isinstance(r, Paper) else r.record) for r in records)
