"""The `kg` command line (click).

Command groups are defined here; each command lives in its own module under
``kg/commands/`` and registers itself on these groups when imported. Heavy libraries
(spaCy, rdflib, the drivers) are imported inside the commands, so ``kg --help`` stays fast.
An operating-system error (a full disk, a missing or unwritable file) ends any command with
one line naming the file and exit code 1, not a traceback (``-vv`` logs the traceback).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil

import click

from kg import __version__

log = logging.getLogger("kg")


class Main(click.Group):
    """The ``kg`` group: an OSError from a command becomes a one-line error naming the file."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as err:
            log.debug("command failed", exc_info=True)
            where = f"{err.filename}: " if err.filename else ""
            raise click.ClickException(f"{where}{err.strerror or err}") from err


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bar.")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Build a knowledge graph of ML methods, datasets, metrics and tasks from paper abstracts.

    \b
    Example:
      kg build examples/ -o out && kg stats out
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet


@main.group()
def export() -> None:
    """Write a built graph to Neo4j, RDF, HTML, GraphML or GEXF."""


for _mod in pkgutil.iter_modules(importlib.import_module("kg.commands").__path__):
    importlib.import_module(f"kg.commands.{_mod.name}")
