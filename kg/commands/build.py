"""`kg build`: build a graph from input files into an output directory."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import main
from kg.ingest import FORMATS
from kg.ingest.record import FIELDS


def parse_fields(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``title=headline`` pairs -> {"title": "headline"}, our field names checked."""
    fields: dict[str, str] = {}
    for value in values:
        ours, sep, theirs = value.partition("=")
        if not sep or ours.strip() not in FIELDS or not theirs.strip():
            raise click.BadParameter(f"{value!r}: expected OURS=THEIRS with OURS one of {', '.join(FIELDS)}")
        fields[ours.strip()] = theirs.strip()
    return fields


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default="out",
              show_default=True, help="Output directory.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Input format (default: detected per file).")
@click.option("--field", "fields", multiple=True, callback=parse_fields, metavar="OURS=THEIRS",
              help=f"Read our field OURS ({', '.join(FIELDS)}) from the input's field THEIRS, "
              "e.g. --field title=headline. Repeatable.")
@click.option("--strict", is_flag=True, help="Exit with code 2 if any record is rejected.")
@click.pass_context
def build(ctx: click.Context, inputs: tuple[str, ...], outdir: Path, fmt: str | None,
          fields: dict[str, str], strict: bool) -> None:
    """Build the graph from INPUTS (files, directories, or - for stdin) into OUTDIR.

    \b
    Example:
      kg build ../shared/corpus/hf-trending -o out
      cat papers.jsonl | kg build - --format jsonl -o out
      kg build news.csv --field title=headline --field abstract=body -o out
    """
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build

    quiet = ctx.obj.get("quiet", False)
    options = BuildOptions(fmt=fmt, fields=fields, strict=strict, progress=not quiet and sys.stderr.isatty())
    report = run_build(list(inputs), outdir, options)
    if not quiet:
        click.echo(
            f"read {report.read}, kept {report.kept}, duplicates {report.duplicates}, "
            f"rejected {report.rejected} -> {outdir / 'graph.json'}",
            err=True,
        )
        if report.rejected:
            click.echo(f"rejects: {outdir / 'rejects.jsonl'}", err=True)
    if strict and report.rejected:
        sys.exit(2)
