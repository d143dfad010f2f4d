"""`kg train`: train the optional statistical NER component on gold-format JSONL."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main

_FILE = click.Path(dir_okay=False, exists=True, path_type=Path)


@main.command()
@click.argument("gold", type=_FILE, metavar="GOLD_JSONL")
@click.option("--input", "inputs", type=_FILE, multiple=True,
              help="Input JSONL ({title, abstract}) for gold lines without an abstract, matched by title. Repeatable.")
@click.option("-o", "--out", "outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory for the trained spaCy pipeline.")
@click.option("--dev", type=_FILE, help="Gold JSONL to pick the best checkpoint on (default: every 10th paper).")
@click.option("--epochs", type=click.IntRange(min=1), default=10, show_default=True, help="Passes over the data.")
@click.pass_context
def train(ctx: click.Context, gold: Path, inputs: tuple[Path, ...], outdir: Path, dev: Path | None,
          epochs: int) -> None:
    """Train a small CPU NER pipeline (tok2vec + ner, no pretrained vectors) on GOLD_JSONL.

    Every surface of every gold entity is located in the title and abstract and labelled with
    the entity's type; surfaces not found are counted and listed in OUTDIR/kg-train.json.
    Use the result with `kg build --ner OUTDIR` or `statistical = "OUTDIR"` in config/extract.toml.

    \b
    Example:
      kg train gold.jsonl --input papers.jsonl -o models/ner --epochs 20
      kg build corpus/ -o out --ner models/ner
    """
    from kg.train.loop import REPORT, train_ner

    quiet = ctx.obj.get("quiet", False)
    report = train_ner(gold, outdir, list(inputs), dev, epochs, quiet=quiet)
    if not quiet:
        conv, scores = report["conversion"], report["scores"]
        problems = ", ".join(f"{n} {r}" for r, n in conv["problems"].items()) or "none"
        click.echo(f"trained on {report['train_docs']} papers ({conv['spans']} spans; problems: {problems}), "
                   f"dev {report['dev_docs']}: ents_f {scores.get('ents_f', 0):.3f} -> {outdir} "
                   f"(report: {outdir / REPORT})", err=True)
