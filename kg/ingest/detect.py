"""Pick the reader of an input: ``--format`` if given, else the file extension, else the content.

Extensions (after an optional ``.gz``): ``.jsonl``/``.ndjson`` JSON Lines, ``.json`` JSON
(Papers with Code when its first record has ``paper_url``/``url_abs``), ``.csv``,
``.tsv``/``.tab``, ``.xml``/``.atom`` arXiv Atom, ``.txt`` Hugging Face page dump. Anything
else (and stdin) is sniffed: ``<`` starts XML, ``[`` JSON, ``{`` JSON Lines, a first line
with tabs or commas and a ``title`` column a table; otherwise a page dump.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from kg.ingest.arxiv import read_arxiv
from kg.ingest.hf_dump import read_hf_dump
from kg.ingest.jsonl import read_json, read_jsonl
from kg.ingest.pwc import PWC_KEYS, read_pwc
from kg.ingest.table import read_csv, read_tsv
from kg.model import Paper, Reject

Reader = Callable[[str, str, Mapping[str, str]], Iterator[Paper | Reject]]

READERS: dict[str, Reader] = {
    "hf-dump": read_hf_dump,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "tsv": read_tsv,
    "arxiv": read_arxiv,
    "pwc": read_pwc,
}
EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xml": "arxiv",
    ".atom": "arxiv",
    ".txt": "hf-dump",
}
SNIFF_CHARS = 4000
_PWC_KEY = re.compile("|".join(f'"{k}"\\s*:' for k in PWC_KEYS))


def format_of_name(name: str) -> str | None:
    """The format an input's file name says, if it says one."""
    lower = name.lower().removesuffix(".gz")
    return next((fmt for ext, fmt in EXTENSIONS.items() if lower.endswith(ext)), None)


def sniff(text: str) -> str:
    """The format of ``text`` judged from its start."""
    head = text.lstrip("\ufeff \t\n")[:SNIFF_CHARS]
    if head.startswith("<"):
        return "arxiv"
    if head.startswith("["):
        return "pwc" if _PWC_KEY.search(head) else "json"
    if head.startswith("{"):
        return "jsonl"
    first = head.split("\n", 1)[0].lower()
    if "title" in first and len(first) < 500:
        return "tsv" if "\t" in first else "csv" if "," in first else "hf-dump"
    return "hf-dump"


def detect(name: str, text: str, fmt: str | None = None) -> str:
    """``fmt`` if given; else by ``name``'s extension, refined by content for JSON; else sniffed."""
    if fmt:
        return fmt
    by_name = format_of_name(name)
    if by_name == "json":
        return "pwc" if sniff(text) == "pwc" else "json"
    return by_name or sniff(text)
