"""`kg stats`: counts of a built graph, and its top entities by paper count."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from kg.cli import main


@main.command()
@click.argument("outdir", type=click.Path(exists=True, path_type=Path))
@click.option("--top", type=int, default=0, help="Also list the N entities found in the most papers.")
@click.option("--type", "type_", help="Restrict --top to one type (Method, Dataset, Metric, Task).")
def stats(outdir: Path, top: int, type_: str | None) -> None:
    """Print node and link counts of the graph in OUTDIR.

    \b
    Example:
      kg stats out --top 50
    """
    from kg.graph.io import read_graph

    graph = read_graph(outdir)
    for kind, count in sorted(Counter(t for _, t in graph.nodes(data="type")).items()):
        click.echo(f"{kind:10s} {count:8d}")
    for rel, count in sorted(Counter(r for _, _, r in graph.edges(data="relation")).items()):
        click.echo(f"{rel:14s} {count:6d}")
    if top:
        ents = [
            (d.get("paper_count", 0), d["name"], d["type"])
            for _, d in graph.nodes(data=True)
            if d.get("type") not in ("Paper", "Result") and (not type_ or d.get("type") == type_)
        ]
        click.echo(f"\ntop {top} entities by paper count:")
        for rank, (n, name, t) in enumerate(sorted(ents, key=lambda e: (-e[0], e[1]))[:top], 1):
            click.echo(f"{rank:3d}. {name} ({t}) {n}")
