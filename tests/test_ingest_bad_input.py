"""Bad input never crashes and loses nothing: each problem is one Reject with a clear reason."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kg.ingest import read_bytes, read_inputs
from kg.model import Paper, Reject, Source

ABSTRACT = "We propose FooNet, a network for image classification, and evaluate it on ImageNet."
GOOD = json.dumps({"title": "FooNet", "abstract": ABSTRACT})


def read(data: bytes, name: str) -> list[Paper | Reject]:
    return list(read_bytes(data, name))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\n\t\n", "empty file (whitespace only)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file, not text (NUL or control bytes)"),
        (bytes(range(1, 9)) * 100, "binary file, not text (NUL or control bytes)"),
        (b"\x1f\x8b\x08\x00garbage", "corrupt gzip file"),
    ],
)
def test_unreadable_file_is_one_reject_at_line_0(data: bytes, reason: str) -> None:
    [reject] = read(data, "bad.jsonl")
    assert isinstance(reject, Reject)
    assert reject.source == Source("bad.jsonl", 0) and reject.reason.startswith(reason)


def test_non_utf8_text_is_decoded_with_a_warning_naming_the_file(caplog: pytest.LogCaptureFixture) -> None:
    data = json.dumps({"title": "Caf\u00e9Net \u2013 fast", "abstract": ABSTRACT}, ensure_ascii=False)
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        [paper] = read(data.encode("cp1252"), "latin.jsonl")
    assert paper.title == "Caf\u00e9Net \u2013 fast"
    assert "latin.jsonl: not valid UTF-8 (byte 0xe9 at offset 14); decoded as Windows-1252" in caplog.text


def test_utf16_with_bom_and_crlf_line_ends() -> None:
    [paper] = read(("\r\n" + GOOD + "\r\n").encode("utf-16"), "excel.jsonl")
    assert paper.title == "FooNet" and paper.source.line == 2


def test_invalid_and_truncated_json_lines_do_not_stop_the_file() -> None:
    lines = [GOOD, '{"title": "Cut", "abstr', "not json at all", "[1, 2]", "[" * 100_000, GOOD]
    records = read("\n".join(lines).encode(), "in.jsonl")
    assert [type(r).__name__ for r in records] == ["Paper", "Reject", "Reject", "Reject", "Reject", "Paper"]
    assert [r.reason for r in records if isinstance(r, Reject)] == [
        "invalid JSON: Unterminated string starting at: column 18",
        "invalid JSON: Expecting value: column 1",
        "not a JSON object (a JSON list)",
        "invalid JSON: nested too deeply",
    ]
    assert records[1].source == Source("in.jsonl", 2) and records[1].record == lines[1]


def test_broken_json_array_keeps_the_items_before_the_error() -> None:
    text = json.dumps([{"title": "A", "abstract": ABSTRACT}, {"title": "B", "abstract": ABSTRACT}], indent=1)
    records = read(text[:-30].encode(), "cut.json")
    assert isinstance(records[0], Paper) and isinstance(records[1], Reject)
    assert records[1].source.line == 6  # where the broken item starts; the message says where it breaks
    assert records[1].reason.startswith("invalid JSON: Unterminated string starting at: line 8 column 15;")
    [unclosed] = [r for r in read(b'[{"title": "A", "abstract": "x"}', "open.json") if isinstance(r, Reject)]
    assert unclosed.reason == "truncated JSON: the array is not closed by ']'"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"abstract": ABSTRACT}, "no title (field 'title' missing or empty)"),
        ({"title": "  ", "abstract": ABSTRACT}, "no title (field 'title' missing or empty)"),
        ({"title": "<b></b>", "abstract": ABSTRACT}, "no title (field 'title' missing or empty)"),
        ({"title": "FooNet"}, "no abstract (field 'abstract' or 'summary' missing or empty)"),
        (
            {"title": "FooNet", "abstract": ["a", "list"]},
            "no abstract (field 'abstract' or 'summary' missing or empty)",
        ),
        ({"title": "x" * 5000, "abstract": ABSTRACT}, "title too long (5,000 characters; at most 1,000)"),
    ],
)
def test_record_without_title_or_abstract(record: dict[str, object], reason: str) -> None:
    [reject] = read(json.dumps(record).encode(), "in.jsonl")
    assert isinstance(reject, Reject) and reject.reason == reason


def test_ten_megabyte_line_is_rejected_and_its_record_truncated() -> None:
    huge = json.dumps({"title": "Huge", "abstract": "word " * 2_100_000})
    records = read(f"{GOOD}\n{huge}\n{GOOD}\n".encode(), "big.jsonl")
    assert [type(r).__name__ for r in records] == ["Paper", "Reject", "Paper"]
    reject = records[1]
    assert reject.reason == f"line too long ({len(huge):,} characters; at most 1,000,000)"
    assert len(reject.record) < 600 and reject.record.endswith("more characters]")


def test_ten_megabyte_abstract_in_a_page_dump_is_rejected() -> None:
    records = read(f"A Title\n{'word ' * 2_100_000}\nNext Title\n{ABSTRACT * 3}\n".encode(), "big.txt")
    assert [type(r).__name__ for r in records] == ["Reject", "Paper"]
    assert records[0].reason == "abstract too long (10,499,999 characters; at most 100,000)"


def test_csv_field_over_the_csv_limit_and_extra_columns() -> None:
    text = f'title,abstract\nBig,{"x" * 200_000}\nExtra,"{ABSTRACT}",surplus\nFooNet,"{ABSTRACT}"\n'
    records = read(text.encode(), "in.csv")
    assert [(type(r).__name__, r.source.line) for r in records] == [("Reject", 2), ("Reject", 3), ("Paper", 4)]
    assert records[0].reason == "CSV error: field larger than field limit (131072)"
    assert records[1].reason == "row has 3 fields but the header has 2"


def test_html_markup_in_a_title_is_cleaned_not_rejected() -> None:
    rec = {"title": "<i>FooNet</i>: Fast &amp; Accurate<br>Segmentation", "abstract": f"<p>{ABSTRACT}</p>"}
    [paper] = read(json.dumps(rec).encode(), "in.jsonl")
    assert (paper.title, paper.abstract) == ("FooNet: Fast & Accurate Segmentation", ABSTRACT)


def test_missing_input_path_is_a_reject(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.jsonl")
    assert list(read_inputs([missing])) == [Reject(Source(missing, 0), "no such file or directory")]


def test_unreadable_file_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "locked.jsonl"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        records = list(read_inputs([str(path)]))
    finally:
        path.chmod(0o644)
    if isinstance(records[0], Paper):
        pytest.skip("running as root: permissions are not enforced")
    assert records[0].reason == "cannot read: Permission denied"
