"""Papers with Code's ``papers-with-abstracts.json`` (https://github.com/paperswithcode/paperswithcode-data).

A JSON array of objects with ``paper_url``, ``arxiv_id``, ``title``, ``abstract``,
``url_abs``, ``url_pdf``, ``authors`` (a list), ``date``, ... (also gzipped, as published).
Read by the JSON reader with these field names as defaults.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kg.ingest.jsonl import read_json
from kg.ingest.record import field_names
from kg.model import Paper, Reject

PWC_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "abstract": ("abstract",),
    "id": ("paper_url",),
    "url": ("url_abs", "paper_url"),
    "authors": ("authors",),
    "date": ("date",),
    "arxiv_id": ("arxiv_id",),
}
# Keys only a Papers with Code dump has; their presence in the first record marks the format.
PWC_KEYS = ("paper_url", "url_abs")


def read_pwc(text: str, name: str, fields: Mapping[str, str]) -> Iterator[Paper | Reject]:
    return read_json(text, name, fields, field_names(fields, PWC_NAMES))
