"""`kg serve`: the explorer at / and a read-only SPARQL 1.1 endpoint at /sparql."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main


@main.command()
@click.argument("outdir", type=click.Path(exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0: every interface).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port; 0 picks a free one.")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-results", type=int, default=10_000, show_default=True, help="Rows or triples per answer.")
@click.option("--max-request-bytes", type=int, default=1 << 20, show_default=True, help="Largest request.")
@click.option("--max-concurrent", type=int, default=8, show_default=True, help="Queries running at once.")
@click.option("--cors", metavar="ORIGIN", help="Send Access-Control-Allow-Origin: ORIGIN (e.g. '*').")
@click.option("--base", default="https://kg.example.org/", show_default=True, help="Base IRI of the nodes.")
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the SPARQL store on disk in DIR, reused while the build is unchanged "
    "(default: OUTDIR/.sparql-store when graph.json is over 256 MB, else in memory).",
    metavar="DIR",
)
@click.option("--in-memory", is_flag=True, help="Load the SPARQL store in memory whatever the graph's size.")
def serve(
    outdir: Path,
    host: str,
    port: int,
    timeout: float,
    max_results: int,
    max_request_bytes: int,
    max_concurrent: int,
    cors: str | None,
    base: str,
    store_dir: Path | None,
    in_memory: bool,
) -> None:
    """Serve the graph in OUTDIR: the explorer at / and SPARQL at /sparql.

    \b
    Examples:
      kg serve out --port 8000
      kg serve out --store /var/cache/kg-store     # on disk, reused by the next start
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:8000/sparql
    """
    from kg.export.rdf import normalise_base
    from kg.serve.app import serve as run
    from kg.serve.sparql import Limits
    from kg.serve.store import open_store

    try:
        base = normalise_base(base)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--base") from err
    if store_dir and in_memory:
        raise click.UsageError("--store and --in-memory exclude each other")
    limits = Limits(timeout, max_results, max_request_bytes, max_concurrent, cors)
    run(outdir, host, port, limits, base, open_store(outdir, base, store_dir, in_memory))
