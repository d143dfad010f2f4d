"""`kg aliases`: review merges. Suggest fuzzy candidates, accept or reject them, show a node's aliases."""

from __future__ import annotations

import json
import os
import shlex
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli import main
from kg.model import ENTITY_TYPES

if TYPE_CHECKING:
    import networkx as nx

    from kg.link.registry import Registry

REGISTRY_HELP = "Registry file (default: OUTDIR/aliases.tsv)."


@main.group()
def aliases() -> None:
    """Review merges: rank fuzzy candidates, accept or reject them into the registry that the
    next build applies, and show a node with its aliases and their reasons."""


def open_registry(registry: Path | None, outdir: Path) -> Registry:
    from kg.link.registry import FILENAME, Registry

    return Registry.load(registry or outdir / FILENAME)


def nodes_named(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Entity nodes whose canonical name or an alias has the same key as ``name``, sorted."""
    from kg.link.normalize import key

    k = key(name)
    return sorted(
        n for n, d in graph.nodes(data=True)
        if d.get("type") in ENTITY_TYPES and k in {key(x) for x in [d["name"], *(d.get("aliases") or [])]}
    )


@aliases.command("suggest")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=int, default=50, show_default=True, help="At most N suggestions (0: all).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
              help="Lowest cosine similarity of character 3-gram tf-idf  [default: 0.8].")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help=REGISTRY_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions as JSON.")
def suggest_command(outdir: Path, limit: int, threshold: float | None, registry: Path | None,
                    as_json: bool) -> None:
    """Rank candidate merges among the entity nodes of OUTDIR, with evidence.

    Pairs of one type whose names are string-similar, never across numbers, versions or sizes
    (ResNet-50 / ResNet-101), skipping pairs already accepted or rejected.

    \b
    Example:
      kg aliases suggest out --limit 20
    """
    from kg.graph.io import read_graph
    from kg.link.suggest import DEFAULT_THRESHOLD, suggest

    reg = open_registry(registry, outdir)
    found = suggest(read_graph(outdir), reg, threshold or DEFAULT_THRESHOLD, limit or None)
    if as_json:
        click.echo(json.dumps([s.as_dict() for s in found], indent=2, ensure_ascii=False))
        return
    where = f"--registry {shlex.quote(str(registry))}" if registry else f"-o {shlex.quote(str(outdir))}"
    for rank, s in enumerate(found, 1):
        click.echo(f'{rank:3d}. {s.score:.3f}  {s.type}  "{s.keep.name}" ({s.keep.paper_count} papers)  <-  '
                   f'"{s.merge.name}" ({s.merge.paper_count} papers)')
        if s.matched != (s.keep.name, s.merge.name):
            click.echo(f'       matched "{s.matched[0]}" ~ "{s.matched[1]}"')
        for side in (s.keep, s.merge):
            for ctx in side.contexts:
                click.echo(f"       {side.name}: {ctx}")
        names = f"{shlex.quote(s.keep.name)} {shlex.quote(s.merge.name)} --type {s.type} {where}"
        click.echo(f"       kg aliases accept {names}   (or: reject)")
    if not found:
        click.echo("no suggestions", err=True)


def decide(verdict: str, a: str, b: str, type_: str | None, registry: Path | None, outdir: Path,
           who: str, note: str) -> None:
    reg = open_registry(registry, outdir)
    if type_ is None:
        type_ = infer_type(a, b, outdir)
    try:
        record = reg.accept if verdict == "accept" else reg.reject
        d = record(type_, a, b, who=who, when=date.today().isoformat(), note=note)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    path = reg.save()
    what = f'"{d.other}" is an alias of "{d.name}"' if verdict == "accept" else f'"{d.name}" ≠ "{d.other}"'
    click.echo(f"{verdict}ed ({d.type}): {what} -> {path}; the next build applies it", err=True)


def infer_type(a: str, b: str, outdir: Path) -> str:
    """The one type under which both names are nodes of the graph in OUTDIR."""
    from kg.graph.io import read_graph

    if not (outdir / "graph.json").is_file():
        raise click.UsageError(f"no graph in {outdir} to find the type in: give --type")
    graph = read_graph(outdir)
    types = {name: {graph.nodes[n]["type"] for n in nodes_named(graph, name)} for name in (a, b)}
    common = sorted(types[a] & types[b])
    if len(common) != 1:
        found = ", ".join(f"{name!r}: {'/'.join(sorted(t)) or 'no node'}" for name, t in types.items())
        raise click.UsageError(f"cannot tell the type ({found}): give --type")
    return common[0]


def decision_options(f: click.decorators.FC) -> click.decorators.FC:
    for option in reversed([
        click.argument("a"),
        click.argument("b"),
        click.option("--type", "type_", type=click.Choice(ENTITY_TYPES),
                     help="Entity type (default: the type both names have in OUTDIR's graph)."),
        click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help=REGISTRY_HELP),
        click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default="out",
                     show_default=True, help="Build directory."),
        click.option("--by", "who", default=lambda: os.environ.get("USER", ""), help="Who decided."),
        click.option("--note", default="", help="Why (kept in the registry)."),
    ]):
        f = option(f)
    return f


@aliases.command("accept")
@decision_options
def accept_command(a: str, b: str, type_: str | None, registry: Path | None, outdir: Path, who: str,
                   note: str) -> None:
    """Merge B into A (A stays the canonical name) on the next build.

    \b
    Example:
      kg aliases accept "Vision Transformer" "vision transformers" -o out
    """
    decide("accept", a, b, type_, registry, outdir, who, note)


@aliases.command("reject")
@decision_options
def reject_command(a: str, b: str, type_: str | None, registry: Path | None, outdir: Path, who: str,
                   note: str) -> None:
    """Keep A and B apart: the pair is never suggested again.

    \b
    Example:
      kg aliases reject "SAM" "SAM 2" --type Method -o out --note "different models"
    """
    decide("reject", a, b, type_, registry, outdir, who, note)


@aliases.command("show")
@click.argument("name")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path), default="out")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help=REGISTRY_HELP)
def show_command(name: str, outdir: Path, registry: Path | None) -> None:
    """Print the node(s) NAME resolves to: aliases with their reasons, decisions, and papers.

    \b
    Example:
      kg aliases show ViT out
    """
    from rapidfuzz import process

    from kg.graph.io import read_graph
    from kg.link.normalize import key
    from kg.link.suggest import papers_of

    graph = read_graph(outdir)
    nodes = nodes_named(graph, name)
    if not nodes:
        names = sorted({d["name"] for _, d in graph.nodes(data=True) if d.get("type") in ENTITY_TYPES})
        close = [m for m, _, _ in process.extract(name, names, limit=5, score_cutoff=60)]
        click.echo(f"no node named {name!r}" + (f"; close: {', '.join(close)}" if close else ""), err=True)
        sys.exit(1)
    reg = open_registry(registry, outdir)
    for node in nodes:
        d = graph.nodes[node]
        click.echo(f'{node}  {d["type"]}  "{d["name"]}"  papers: {d.get("paper_count", "?")}')
        extra = ("parent", "wikidata", "pwc", "hf", "first_seen", "last_seen", "description")
        for prop in (p for p in extra if d.get(p)):
            click.echo(f"  {prop}: {d[prop]}")
        alias_list = d.get("aliases") or []
        reasons = d.get("alias_reasons") or ["?"] * len(alias_list)
        click.echo(f"  aliases ({len(alias_list)}):")
        for alias, reason in zip(alias_list, reasons, strict=False):
            click.echo(f"    {alias:40s} {reason}")
        keys = {key(x) for x in [d["name"], *alias_list]}
        for dec in reg:
            if dec.type == d["type"] and keys & {key(dec.name), key(dec.other)}:
                line = f'  registry: {dec.decision} "{dec.name}" <- "{dec.other}" {dec.who} {dec.when} {dec.note}'
                click.echo(line.rstrip())
        papers = papers_of(graph, node)
        click.echo(f"  papers ({len(papers)}):")
        for pid, link in papers:
            surfaces = " | ".join(sorted(set(link.get("surface") or [])))
            click.echo(f'    {pid}  {link.get("relation", "")}  {graph.nodes[pid]["name"]}  {{{surfaces}}}')
