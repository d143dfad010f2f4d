"""`kg export rdf`: the built graph as RDF (Turtle, N-Triples, N-Quads, JSON-LD, RDF/XML)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from kg.cli import export

FORMAT_NAMES = ("turtle", "nt", "nq", "jsonld", "xml")


@export.command("rdf")
@click.argument("outdir", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="turtle",
    show_default=True,
    help="RDF serialisation; nt and nq are streamed (for large graphs).",
)
@click.option(
    "--base",
    default="https://kg.example.org/",
    show_default=True,
    help="Base IRI of the nodes: <BASE><type>/<id>.",
)
def rdf(outdir: Path, output: Path | None, fmt: str, base: str) -> None:
    """Write the graph in OUTDIR as RDF (ontology: config/ontology.ttl).

    \b
    Examples:
      kg export rdf out -o out/graph.ttl
      kg export rdf out -o out/graph.nt --format nt --base https://example.org/kg/
    """
    from kg.export.rdf import normalise_base
    from kg.export.rdf_io import SUFFIXES, write_rdf

    try:
        base = normalise_base(base)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--base") from err
    output = output or outdir / f"graph{SUFFIXES[fmt]}"
    start = time.perf_counter()
    count = write_rdf(outdir, output, fmt, base)
    seconds = time.perf_counter() - start
    click.echo(f"{count} triples -> {output} ({fmt}, {seconds:.1f}s)")
