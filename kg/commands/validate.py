"""`kg validate`: check a built graph's RDF against the SHACL shapes (config/shapes.ttl)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import main


@main.command()
@click.argument("source", metavar="OUTDIR", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--shapes",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="SHACL shapes (Turtle); default config/shapes.ttl.",
)
@click.option("--base", default="https://kg.example.org/", show_default=True, help="Base IRI of the nodes.")
def validate(source: Path, shapes: Path | None, base: str) -> None:
    """Validate the graph in OUTDIR (or an RDF file) against the SHACL shapes.

    Prints one line per violation (severity, focus node, path, message) and exits with 1
    when there is any violation, 0 when the graph conforms.

    \b
    Example:
      kg validate out
    """
    from kg.export.rdf_validate import data_graph
    from kg.export.rdf_validate import validate as shacl_validate

    violations = shacl_validate(data_graph(source, base), shapes)
    for violation in violations:
        click.echo(str(violation))
    errors = sum(v.severity == "Violation" for v in violations)
    click.echo(f"{errors} violations, {len(violations) - errors} warnings/infos", err=True)
    if errors:
        sys.exit(1)
    click.echo("conforms", err=True)
