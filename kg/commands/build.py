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


def update_inputs(inputs: tuple[str, ...], outdir: Path | None, update: Path | None) -> tuple[list[str], Path]:
    """(all inputs, output directory): with --update, the earlier build's inputs come first."""
    from kg.pipeline import previous_inputs

    if update is None:
        if not inputs:
            raise click.UsageError("Missing argument 'INPUTS...' (or --update OUTDIR).")
        return list(inputs), outdir or Path("out")
    if outdir is not None and outdir.resolve() != update.resolve():
        raise click.UsageError("--update OUTDIR writes to OUTDIR: leave -o out or give the same directory.")
    try:
        old = previous_inputs(update)
    except FileNotFoundError as e:
        raise click.UsageError(str(e)) from e
    if "-" in old:
        raise click.UsageError(f"{update} was built from stdin, which cannot be read again: rebuild it instead.")
    missing = [i for i in old if not Path(i).exists()]
    if missing:
        raise click.UsageError(f"inputs of {update} not found from here: {', '.join(missing)} "
                               "(run --update from the directory of the first build, or build with absolute paths)")
    return old + [i for i in inputs if i not in old], update


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory.  [default: out]")
@click.option("--update", type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="OUTDIR",
              help="Add INPUTS to the build in OUTDIR: re-read its inputs plus INPUTS, extract only new papers.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction processes on this machine.")
@click.option("--dask", metavar="ADDRESS", help="Extract on the Dask cluster at ADDRESS (tcp://host:8786), "
              "or 'local' for a LocalCluster of --workers processes.")
@click.option("--no-cache", is_flag=True, help="Neither reuse nor keep Extractions in OUTDIR/.cache.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Input format (default: detected per file).")
@click.option("--field", "fields", multiple=True, callback=parse_fields, metavar="OURS=THEIRS",
              help=f"Read our field OURS ({', '.join(FIELDS)}) from the input's field THEIRS, "
              "e.g. --field title=headline. Repeatable.")
@click.option("--strict", is_flag=True, help="Exit with code 2 if any record is rejected.")
@click.option("--ner", metavar="MODEL_DIR", help="Add the entities of a trained NER pipeline (kg train); "
              "'' turns off the one in config/extract.toml.")
@click.pass_context
def build(ctx: click.Context, inputs: tuple[str, ...], outdir: Path | None, update: Path | None, workers: int,
          dask: str | None, no_cache: bool, fmt: str | None, fields: dict[str, str], strict: bool,
          ner: str | None) -> None:
    """Build the graph from INPUTS (files, directories, or - for stdin) into OUTDIR.

    \b
    Example:
      kg build ../shared/corpus/hf-trending -o out
      cat papers.jsonl | kg build - --format jsonl -o out
      kg build news.csv --field title=headline --field abstract=body -o out
      kg build corpus/ -o out --workers 2
      kg build --update out new-papers.jsonl
      kg build corpus/ -o out --dask tcp://scheduler:8786
    """
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build

    quiet = ctx.obj.get("quiet", False)
    all_inputs, outdir = update_inputs(inputs, outdir, update)
    options = BuildOptions(fmt=fmt, fields=fields, strict=strict, progress=not quiet and sys.stderr.isatty(),
                           workers=workers, dask=dask, cache=not no_cache, ner=ner)
    report = run_build(all_inputs, outdir, options)
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
