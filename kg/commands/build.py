"""`kg build`: build a graph from input files into an output directory."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import main

FORMATS = ["hf-dump", "jsonl", "json", "csv", "tsv", "arxiv", "pwc"]


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), default="out",
              show_default=True, help="Output directory.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected per file).")
@click.option("--strict", is_flag=True, help="Exit with code 2 if any record is rejected.")
@click.pass_context
def build(ctx: click.Context, inputs: tuple[str, ...], outdir: Path, fmt: str | None, strict: bool) -> None:
    """Build the graph from INPUTS (files, directories, or - for stdin) into OUTDIR.

    \b
    Example:
      kg build ../shared/corpus/hf-trending -o out
      cat papers.jsonl | kg build - --format jsonl -o out
    """
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build

    quiet = ctx.obj.get("quiet", False)
    options = BuildOptions(fmt=fmt, strict=strict, progress=not quiet and sys.stderr.isatty())
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
