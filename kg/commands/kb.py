"""`kg kb`: the knowledge base — import a Papers with Code archive, counts, and one entry."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli import main


@main.group()
def kb() -> None:
    """The knowledge base of canonical methods, datasets, metrics and tasks."""


@kb.command("import-pwc")
@click.argument("archive", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of the KB cache (default $KG_CACHE_DIR/kb or ~/.cache/kg/kb).",
)
def import_pwc_cmd(archive: Path, cache_dir: Path | None) -> None:
    """Import the Papers with Code archive ARCHIVE into the local KB cache (never the repository).

    \b
    Example:
      kg kb import-pwc ../shared/kb/pwc-archive
    """
    from kg.kb.load import KBError, load_kb, pwc_cache_path
    from kg.kb.pwc import import_pwc

    try:
        curated = load_kb(use_cache=False)
    except KBError as exc:
        raise click.ClickException(f"the curated KB is invalid:\n{exc}") from exc
    report = import_pwc(archive, pwc_cache_path(cache_dir), curated)
    for line in report.lines():
        click.echo(line)


@kb.command("stats")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), help="KB cache directory.")
def stats_cmd(cache_dir: Path | None) -> None:
    """Count curated and cached entries by type.

    \b
    Example:
      kg kb stats
    """
    from kg.kb.load import load_kb, pwc_cache_path
    from kg.model import ENTITY_TYPES

    counts = _load(load_kb, pwc_cache_path(cache_dir)).counts()
    sources = sorted({s for s, _ in counts}, key=lambda s: (s != "curated", s))
    click.echo(f"{'':8s}" + "".join(f"{s:>10s}" for s in sources) + f"{'total':>10s}")
    for t in ENTITY_TYPES:
        row = [counts[s, t] for s in sources]
        click.echo(f"{t:8s}" + "".join(f"{n:10d}" for n in row) + f"{sum(row):10d}")


@kb.command("show")
@click.argument("name")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), help="KB cache directory.")
def show_cmd(name: str, cache_dir: Path | None) -> None:
    """Print the entries NAME (a canonical name or an alias) may refer to, as JSON, with their children.

    \b
    Example:
      kg kb show "MS COCO"
    """
    from kg.kb.load import load_kb, pwc_cache_path

    knowledge = _load(load_kb, pwc_cache_path(cache_dir))
    found = knowledge.lookup(name)
    if not found:
        raise click.ClickException(f"no KB entry for {name!r}")
    for e in found:
        obj = {"id": e.id, **e.to_json()}
        children = sorted(c.name for c in knowledge.children(e.name) if c.type == e.type)
        if children:
            obj["children"] = children
        click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _load(load_kb, cache: Path):
    from kg.kb.load import KBError

    try:
        return load_kb(cache=cache)
    except KBError as exc:
        raise click.ClickException(str(exc)) from exc
