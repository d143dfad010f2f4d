"""`kg export neo4j`, `kg export neo4j-csv`, `kg export cypher`: the three ways into Neo4j."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import export

OUTDIR = click.argument("outdir", type=click.Path(exists=True, path_type=Path))


@export.command("neo4j")
@OUTDIR
@click.option(
    "--uri",
    envvar="NEO4J_URI",
    default="bolt://localhost:7687",
    show_default=True,
    show_envvar=True,
    help="Bolt URI of the server.",
)
@click.option("--user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True, show_envvar=True)
@click.option(
    "--password",
    envvar="NEO4J_PASSWORD",
    show_envvar=True,
    help="Password (prefer the environment variable; it is never printed).",
)
@click.option("--database", envvar="NEO4J_DATABASE", show_envvar=True, help="Database (default: the server's).")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True, help="Rows per transaction.")
@click.option(
    "--retries", type=click.IntRange(0), default=5, show_default=True, help="Retries of a batch on transient errors."
)
@click.option("--wipe", is_flag=True, help="First delete every node an earlier kg load wrote.")
@click.pass_context
def neo4j(
    ctx: click.Context,
    outdir: Path,
    uri: str,
    user: str,
    password: str | None,
    database: str | None,
    batch_size: int,
    retries: int,
    wipe: bool,
) -> None:
    """Load the graph in OUTDIR into a running Neo4j (idempotent: MERGE on ids).

    \b
    Example:
      NEO4J_PASSWORD=secret kg export neo4j out --uri bolt://localhost:7687 --wipe
    """
    from neo4j.exceptions import DriverError, Neo4jError

    from kg.export.neo4j_live import Neo4jExecutor, connect
    from kg.export.neo4j_load import counts, load
    from kg.graph.io import read_graph

    if not password:
        raise click.UsageError("no password: set NEO4J_PASSWORD or pass --password")
    graph = read_graph(outdir)
    try:
        driver = connect(uri, user, password)
    except (Neo4jError, DriverError, ValueError) as error:
        raise click.ClickException(f"cannot connect to {uri} as {user}: {error}") from error
    try:
        executor = Neo4jExecutor(driver, database)
        report = load(graph, executor, batch_size=batch_size, retries=retries, clear=wipe)
        nodes, links = counts(executor)
    except (Neo4jError, DriverError) as error:
        raise click.ClickException(f"load into {uri} failed: {error}") from error
    finally:
        driver.close()
    if not ctx.obj.get("quiet"):
        if wipe:
            click.echo(f"wiped {report.wiped} nodes of an earlier load", err=True)
        click.echo(
            f"wrote {report.nodes} nodes and {report.links} relationships in {report.batches} batches "
            f"({report.retries} retries, {report.seconds:.1f}s, {report.rows_per_second:.0f} rows/s); "
            f"database {database or 'default'} now has {nodes} nodes, {links} relationships",
            err=True,
        )


@export.command("neo4j-csv")
@OUTDIR
@click.option(
    "-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Directory for the CSV files."
)
@click.option("--database", default="neo4j", show_default=True, help="Database named in the printed command.")
def neo4j_csv(outdir: Path, out: Path, database: str) -> None:
    """Write CSV files for `neo4j-admin database import full` and print the command.

    \b
    Example:
      kg export neo4j-csv out -o out/neo4j-import
    """
    from kg.export.neo4j_csv import write_csv
    from kg.graph.io import read_graph

    export_ = write_csv(read_graph(outdir), out)
    for name, rows in {**export_.nodes, **export_.links}.items():
        click.echo(f"{rows:8d}  {out / name}", err=True)
    click.echo(export_.command(database))


@export.command("cypher")
@OUTDIR
@click.option(
    "-o", "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .cypher file to write."
)
@click.option("--batch-size", type=click.IntRange(1), default=500, show_default=True, help="Rows per UNWIND statement.")
def cypher_script(outdir: Path, out: Path, batch_size: int) -> None:
    """Write a Cypher script (constraints, then batched MERGE statements) for cypher-shell.

    \b
    Example:
      kg export cypher out -o out/graph.cypher
      cypher-shell -u neo4j -p "$NEO4J_PASSWORD" -f out/graph.cypher
    """
    from kg.export.cypher_script import write_script
    from kg.graph.io import read_graph

    write_script(read_graph(outdir), out, batch_size)
    click.echo(f"wrote {out}", err=True)
