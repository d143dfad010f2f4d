"""`kg build` end to end: CLI (CliRunner and real subprocesses), counts, rejects, strictness,
determinism, atomic writes, and graph.json against ../shared/CONTRACT.md."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graph.io import atomic_write_chunks

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_graph.py"
GOLD = SHARED / "gold" / "dev.gold.jsonl"
ABSTRACT = "We propose FooNet, a network for image classification, and evaluate it on ImageNet."


def kg(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg`` as a real process from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=ROOT,
        input=stdin and stdin.decode(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def load(out: Path) -> tuple[dict, dict, list[dict]]:
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    return graph, report, rejects


def papers_in(graph: dict) -> list[dict]:
    return [n for n in graph["nodes"] if n["type"] == "Paper"]


def assert_counts_add_up(out: Path) -> dict:
    """Papers in the graph + duplicates + rejects = records read."""
    graph, report, rejects = load(out)
    assert len(papers_in(graph)) == report["kept"]
    assert len(rejects) == report["rejected"]
    assert report["kept"] + report["duplicates"] + report["rejected"] == report["read"]
    return report


def test_cli_builds_the_examples_with_dedupe_and_provenance(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"read 33, kept 27, duplicates 6, rejected 0 -> {tmp_path / 'graph.json'}" in result.stderr
    assert_counts_add_up(tmp_path)
    graph, _, _ = load(tmp_path)
    by_title = {n["title"]: n for n in papers_in(graph)}
    glossformer = by_title["GlossFormer: Aligning Subword Glosses for Neural Machine Translation"]
    assert glossformer["id"] == "paper:arxiv:2499.00006"
    assert [s.split("examples/")[1] for s in glossformer["sources"]] == [
        "abstracts.jsonl:6",
        "formats/arxiv-feed.xml:10",
        "formats/pwc-papers.json:2",
    ]
    skim = by_title["Skim & Scan: Efficient Long-Document Question Answering"]  # &amp; in the JSONL title
    assert len(skim["sources"]) == 3 and "arxiv_id" not in skim


def test_field_option(tmp_path: Path) -> None:
    (tmp_path / "news.csv").write_text(f'headline,body\nFooNet,"{ABSTRACT}"\n')
    args = [
        "build",
        str(tmp_path / "news.csv"),
        "-o",
        str(tmp_path / "out"),
        "--field",
        "title=headline",
        "--field",
        "abstract=body",
    ]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert [p["title"] for p in papers_in(load(tmp_path / "out")[0])] == ["FooNet"]
    bad = CliRunner().invoke(main, [*args[:4], "--field", "titel=headline"])
    assert bad.exit_code == 2 and "expected OURS=THEIRS" in bad.output


def test_python_dash_m_kg_and_the_kg_script() -> None:
    assert kg("--version").stdout.strip() == "kg, version 0.1.0"
    script = shutil.which("kg", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("no kg script beside this Python")
    done = subprocess.run([script, "build", "--help"], capture_output=True, text=True, check=True)
    assert "--field OURS=THEIRS" in done.stdout


def test_stdin_input(tmp_path: Path) -> None:
    line = json.dumps({"title": "FooNet", "abstract": ABSTRACT}) + "\n"
    done = kg("build", "-", "-o", str(tmp_path), stdin=line.encode())
    assert done.returncode == 0, done.stderr
    [paper] = papers_in(load(tmp_path)[0])
    assert paper["sources"] == ["-:1"]


HUGE_LINE = json.dumps({"title": "Huge", "abstract": "x" * 10_500_000})


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    """A directory with one file per kind of bad input, and one good record."""
    d = tmp_path / "broken"
    d.mkdir()
    good = json.dumps({"title": "FooNet", "abstract": ABSTRACT})
    (d / "a_empty.jsonl").write_bytes(b"")
    (d / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (d / "c_latin1.jsonl").write_bytes(
        json.dumps({"title": "Caf\u00e9Net", "abstract": ABSTRACT}, ensure_ascii=False).encode("latin-1")
    )
    (d / "d_lines.jsonl").write_text(
        "\n".join([good, '{"title": "Cut', json.dumps({"abstract": ABSTRACT}), json.dumps({"title": "No abstract"})])
        + "\n"
    )
    (d / "e_huge.jsonl").write_text(HUGE_LINE + "\n")
    (d / "f_html.jsonl").write_text(json.dumps({"title": "<b>Bar</b>&amp;Net", "abstract": ABSTRACT}) + "\n")
    return d


EXPECTED_REJECTS = [
    ("a_empty.jsonl", 0, "empty file"),
    ("b_binary.txt", 0, "binary file, not text (NUL or control bytes)"),
    ("d_lines.jsonl", 2, "invalid JSON: Unterminated string starting at: column 11"),
    ("d_lines.jsonl", 3, "no title (field 'title' missing or empty)"),
    ("d_lines.jsonl", 4, "no abstract (field 'abstract' or 'summary' missing or empty)"),
    ("e_huge.jsonl", 1, f"line too long ({len(HUGE_LINE):,} characters; at most 1,000,000)"),
]


def test_directory_of_broken_files_reports_everything_and_exits_0(broken_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = kg("build", str(broken_dir), "-o", str(out))
    assert done.returncode == 0, done.stderr
    for file, line, reason in EXPECTED_REJECTS:
        assert f"{broken_dir / file}:{line}: {reason}" in done.stderr
    assert f"{broken_dir / 'c_latin1.jsonl'}: not valid UTF-8" in done.stderr
    assert "read 9, kept 3, duplicates 0, rejected 6" in done.stderr
    assert f"rejects: {out / 'rejects.jsonl'}" in done.stderr
    graph, _, rejects = load(out)
    assert [(Path(r["file"]).name, r["line"], r["reason"]) for r in rejects] == EXPECTED_REJECTS
    assert all(set(r) == {"file", "line", "reason", "record"} for r in rejects)
    assert len(rejects[-1]["record"]) < 600
    assert sorted(p["title"] for p in papers_in(graph)) == ["Bar&Net", "CaféNet", "FooNet"]
    assert_counts_add_up(out)


def test_strict_exits_2_when_anything_is_rejected(broken_dir: Path, tmp_path: Path) -> None:
    assert kg("build", str(broken_dir), "-o", str(tmp_path / "a"), "--strict").returncode == 2
    assert kg("build", str(ROOT / "examples"), "-o", str(tmp_path / "b"), "--strict").returncode == 0
    assert kg("-q", "build", str(broken_dir), "-o", str(tmp_path / "c"), "--strict").stderr == ""


def test_real_corpus_497_read_452_kept(shared_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = kg("build", str(shared_corpus), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "read 497, kept 452, duplicates 45, rejected 0" in done.stderr
    report = assert_counts_add_up(out)
    assert (report["read"], report["kept"], report["duplicates"], report["rejected"]) == (497, 452, 45, 0)
    sources = [s for p in papers_in(load(out)[0]) for s in p["sources"]]
    assert len(sources) == 497 and all(re.fullmatch(r".+/\d{3}_[0-9a-f]{16}\.txt:\d+", s) for s in sources)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert CliRunner().invoke(main, ["build", str(ROOT / "examples"), "-o", str(tmp_path / name)]).exit_code == 0
    for file in ("graph.json", "report.json", "rejects.jsonl"):
        assert (tmp_path / "one" / file).read_bytes() == (tmp_path / "two" / file).read_bytes()


def test_interrupted_write_leaves_the_previous_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    target.write_text('{"old": true}\n')

    def chunks():
        yield '{"new": '
        raise RuntimeError("serializer failed midway")

    with pytest.raises(RuntimeError):
        atomic_write_chunks(target, chunks())
    assert target.read_text() == '{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


WRITER = """
import sys, time
from pathlib import Path
from kg.graph.io import atomic_write_chunks
def chunks():
    for i in range(10_000):
        yield "x" * 1000
        if i == 10:
            print("writing", flush=True)
        time.sleep(0.01)
atomic_write_chunks(Path(sys.argv[1]), chunks())
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_writer_leaves_the_previous_file(tmp_path: Path, sig: signal.Signals) -> None:
    target = tmp_path / "graph.json"
    target.write_text('{"old": true}\n')
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(sig)
    assert proc.wait(timeout=30) != 0
    assert target.read_text() == '{"old": true}\n'
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "graph.json")
    if sig == signal.SIGINT:  # Python unwinds and removes its temp file
        assert leftovers == []
    else:  # SIGKILL cannot be caught: only a hidden temp file can remain, never a partial graph.json
        assert all(re.fullmatch(r"\.graph\.json\..+\.tmp", name) for name in leftovers)
        atomic_write_chunks(target, ['{"new": true}\n'])  # the next write clears what was left
        assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]
        assert target.read_text() == '{"new": true}\n'


def check_contract(graph: dict) -> None:
    """What ../shared/CONTRACT.md fixes: node id/type/name, Paper title, link relation and surface."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert len(nodes) == len(graph["nodes"])
    for node in graph["nodes"]:
        assert isinstance(node["id"], str) and node["id"]
        assert isinstance(node["type"], str) and isinstance(node["name"], str) and node["name"]
        if node["type"] == "Paper":
            assert isinstance(node["title"], str) and node["title"]
    for link in graph["links"]:
        assert link["source"] in nodes and link["target"] in nodes
        assert re.fullmatch(r"[A-Z_]+", link["relation"])
        ends = {nodes[link["source"]]["type"], nodes[link["target"]]["type"]}
        if "Paper" in ends and ends & {"Method", "Dataset", "Metric", "Task"}:
            paper = nodes[link["source"]] if nodes[link["source"]]["type"] == "Paper" else nodes[link["target"]]
            assert link["surface"] and all(isinstance(s, str) for s in link["surface"])
            for surface in link["surface"]:
                assert surface in paper["title"] or surface in paper["abstract"], (paper["id"], surface)


def test_examples_graph_follows_the_contract(examples_graph_dir: Path) -> None:
    check_contract(load(examples_graph_dir)[0])


def test_seed_graph_follows_the_contract(seed_graph_dir: Path) -> None:
    check_contract(load(seed_graph_dir)[0])


def test_shared_scorer_reads_the_graph(seed_graph_dir: Path) -> None:
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score_graph.py is not there")
    done = subprocess.run(
        [sys.executable, str(SCORER), str(seed_graph_dir / "graph.json"), str(GOLD)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"papers \d+ \(missing from graph: 0\)", done.stdout)
