"""`kg export html`: the explorer as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import export


@export.command("html")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write [default: OUTDIR/explorer.html].")
def html(outdir: Path, output: Path | None) -> None:
    """Write the explorer of the graph in OUTDIR as one HTML file (data, script and style inline).

    The file opens from disk (file://) with no server and no network.

    \b
    Example:
      kg export html out -o out/explorer.html
    """
    from kg.export.html import write_html
    from kg.graph.io import read_graph

    output = output or outdir / "explorer.html"
    graph = read_graph(outdir)
    write_html(graph, output)
    size = output.stat().st_size / 1e6
    click.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} links -> {output} ({size:.1f} MB)")
