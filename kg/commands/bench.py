"""`kg bench`: run the benchmark suite (``bench/`` in a source checkout) with the same options."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import main

CHECKOUT = Path(__file__).resolve().parents[2]


@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(args: tuple[str, ...]) -> None:
    """Benchmarks: extract+link rate on 1 and 2 workers, ratio to en_core_web_sm, peak RSS,
    export rates and query latency, as one table (same options as ``python -m bench``).

    \b
    Example:
      kg bench --quick
      kg bench --sizes 10000,100000 --work /tmp/kg-bench
      kg bench --help
    """
    if not (CHECKOUT / "bench" / "__main__.py").is_file():
        raise click.ClickException("kg bench needs a source checkout of kg (the bench/ directory is not installed)")
    sys.path.insert(0, str(CHECKOUT))
    from bench.__main__ import main as run

    run(list(args))
