"""`kg cypher`: run a Cypher query on a built graph with the embedded engine (no Neo4j server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.cli import main


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\n", "\\n")
    return json.dumps(value, ensure_ascii=False)


def format_table(columns: list[str], rows: list[list[Any]]) -> str:
    """Columns padded to their widest cell, a rule under the header."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


@main.command()
@click.argument("outdir", type=click.Path(exists=True, path_type=Path))
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "file_",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a file (e.g. queries/leaderboard.cypher).",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable); overrides the file's default.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as a JSON list of objects.")
@click.pass_context
def cypher(
    ctx: click.Context, outdir: Path, query: str | None, file_: Path | None, params: tuple[str, ...], as_json: bool
) -> None:
    """Run a Cypher QUERY (or -f FILE) on the graph in OUTDIR with the embedded FalkorDB.

    \b
    Example:
      kg cypher out "MATCH (d:Dataset) RETURN d.name AS dataset, d.paper_count AS papers ORDER BY papers DESC LIMIT 5"
      kg cypher out -f queries/leaderboard.cypher -p dataset=ImageNet --json
    """
    from redis.exceptions import ResponseError

    from kg.cypher.engine import embedded
    from kg.cypher.queryfile import bind, parse_query, read_query
    from kg.cypher.server import EngineError
    from kg.graph.io import read_graph

    if (query is None) == (file_ is None):
        raise click.UsageError("give either a QUERY or -f FILE")
    parsed = read_query(file_) if file_ else parse_query(query or "")
    try:
        bound = bind(parsed, list(params))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="-p") from error
    try:
        with embedded(read_graph(outdir)) as engine:
            columns, rows = engine.read(parsed.text, bound)
    except ResponseError as error:
        raise click.ClickException(f"query failed: {error}") from error
    except EngineError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=1))
    else:
        click.echo(format_table(columns, rows))
        if not ctx.obj.get("quiet"):
            click.echo(f"({len(rows)} rows)", err=True)
