"""`kg export graphml` and `kg export gexf`: the graph for Gephi, yEd and Cytoscape desktop."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import export


def _command(fmt: str, title: str, tools: str) -> None:
    @export.command(fmt)
    @click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help=f"File to write [default: OUTDIR/graph.{fmt}].")
    def command(outdir: Path, output: Path | None) -> None:
        from kg.export.graphml import write_graph_format
        from kg.graph.io import read_graph

        output = output or outdir / f"graph.{fmt}"
        graph = read_graph(outdir)
        write_graph_format(graph, output, fmt)
        click.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} links -> {output}")

    command.help = (
        f"Write the graph in OUTDIR as {title} (for {tools}).\n\n"
        "List properties (aliases, evidence) are written as JSON array text; the evidence offsets "
        "start/end as span_start/span_end.\n\n"
        f"\b\nExample:\n  kg export {fmt} out -o out/graph.{fmt}"
    )


_command("graphml", "GraphML", "yEd, Cytoscape desktop, Gephi")
_command("gexf", "GEXF 1.2", "Gephi")
