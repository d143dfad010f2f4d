"""`kg eval`: score a built graph against gold annotations, and list the errors per paper."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.cli import main
from kg.eval import Evaluation, GraphIndex, Linked, evaluate, read_gold


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _surfaces(items: list[str] | set[str]) -> str:
    return "{" + " | ".join(sorted(items)) + "}"


def _gold(g: dict[str, Any]) -> str:
    flag = " proposed" if g.get("proposed") else ""
    return f'{g["type"]} "{g["name"]}" {_surfaces(g.get("surface", []))}{flag}'


def _node(s: Linked) -> str:
    return f'{s.type} "{s.name}" [{s.id}] {_surfaces(s.surface)} {",".join(sorted(s.relations))}'


def table_lines(ev: Evaluation) -> list[str]:
    lines = [f"{'':9s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}"]
    rows = [*ev.types.items(), ("typed", ev.typed), ("untyped", ev.untyped), ("PROPOSES", ev.proposes)]
    for label, c in rows:
        d = c.prf()
        lines.append(f"{label:9s} {d['p']:6.3f} {d['r']:6.3f} {d['f1']:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}")
    lines.append(f"papers {ev.papers} (missing from graph: {ev.papers_missing})")
    lines.append(
        f"fragmentation {_fmt(ev.fragmentation)} ({len(ev.fragmented)} gold entities in 2+ papers)  "
        f"conflation {_fmt(ev.conflation)} ({len(ev.node_to_gold)} matched nodes)"
    )
    frag = ev.fragmentation
    lines.append(
        f"typed_f1={ev.typed.prf()['f1']:.3f} untyped_f1={ev.untyped.prf()['f1']:.3f} "
        f"proposes_f1={ev.proposes.prf()['f1']:.3f} fragmentation={frag if frag is None else round(frag, 3)}"
    )
    return lines


def _linking_errors(ev: Evaluation) -> tuple[list[Any], list[Any]]:
    """Gold entities matched to 2+ nodes, and nodes matched to 2+ gold entities, sorted."""
    fragmented = [(k, sorted(v)) for k, v in sorted(ev.fragmented.items()) if len(v) > 1]
    conflated = [(k, sorted(v)) for k, v in sorted(ev.node_to_gold.items()) if len(v) > 1]
    return fragmented, conflated


def error_lines(ev: Evaluation) -> list[str]:
    lines = []
    for err in ev.errors:
        lines.append(f"== {err.title} [{err.paper_id or 'NOT IN GRAPH'}]")
        lines += [f"  FN        {_gold(g)}" for g in err.missed]
        lines += [f"  FP        {_node(s)}" for s in err.spurious]
        lines += [f"  TYPE      {_gold(g)}  ->  {_node(s)}" for g, s in err.mistyped]
        lines += [f"  PROPOSES  {_gold(g)}  ->  {_node(s)}" for g, s in err.proposes]
    fragmented, conflated = _linking_errors(ev)
    if fragmented:
        lines.append("== fragmented: one gold entity, several nodes")
        lines += [f'  {t} "{n}" -> {", ".join(nodes)}' for (t, n), nodes in fragmented]
    if conflated:
        lines.append("== conflated: one node, several gold entities")
        lines += [f"  {k} -> {'; '.join(f'{t} {n!r}' for t, n in gold)}" for k, gold in conflated]
    return lines


def errors_dict(ev: Evaluation) -> dict[str, Any]:
    fragmented, conflated = _linking_errors(ev)
    return {
        "errors": [e.as_dict() for e in ev.errors],
        "fragmented": [{"type": t, "name": n, "nodes": nodes} for (t, n), nodes in fragmented],
        "conflated": [{"node": k, "gold": [{"type": t, "name": n} for t, n in g]} for k, g in conflated],
    }


@main.command("eval")
@click.argument("graph_json", type=click.Path(exists=True, path_type=Path))
@click.argument("gold_jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (the shared scorer's keys).")
@click.option("--errors", is_flag=True, help="Also list, per paper, false negatives and positives, "
              "type and PROPOSES mismatches, then fragmented and conflated entities.")
def eval_command(graph_json: Path, gold_jsonl: Path, as_json: bool, errors: bool) -> None:
    """Score GRAPH_JSON (graph.json or a build directory) against GOLD_JSONL.

    Per type P/R/F1, typed, untyped, PROPOSES, fragmentation and conflation, as
    ../shared/eval/score_graph.py computes them (docs: ../shared/CONTRACT.md).

    \b
    Example:
      kg build ../shared/gold/dev.input.jsonl -o out/dev
      kg eval out/dev ../shared/gold/dev.gold.jsonl --errors
    """
    ev = evaluate(GraphIndex.load(graph_json), read_gold(gold_jsonl))
    if as_json:
        out = ev.as_dict() | (errors_dict(ev) if errors else {})
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    if errors:
        for line in error_lines(ev):
            click.echo(line)
        click.echo("")
    for line in table_lines(ev):
        click.echo(line)
