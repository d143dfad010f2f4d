"""Map one raw input record (a dict of the input's fields) to a :class:`Paper` or a :class:`Reject`.

Every reader ends here, so field mapping, cleaning and validation are the same for all
formats. ``fields`` maps our field names (:data:`FIELDS`) to the input's; without it each
of our fields is looked up under the reader's default names, exact name first, then
ignoring case. arXiv identifiers follow arXiv's scheme (https://info.arxiv.org/help/arxiv_identifier.html):
``YYMM.NNNNN`` or ``archive/YYMMNNN``, stored without the ``vN`` version suffix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kg.ingest.clean import clean_text
from kg.model import Paper, Reject, Source

FIELDS = ("title", "abstract", "id", "url", "authors", "date", "arxiv_id")
# Default input field names of our fields, tried in order (JSON Lines, JSON, CSV/TSV).
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "abstract": ("abstract", "summary"),
    "id": ("id", "paper_id"),
    "url": ("url", "link"),
    "authors": ("authors", "author"),
    "date": ("date", "published"),
    "arxiv_id": ("arxiv_id", "arxiv"),
}
MAX_TITLE_CHARS = 1_000
MAX_ABSTRACT_CHARS = 100_000
MAX_RECORD_CHARS = 1_000_000  # a longer line or record is rejected before parsing
PREVIEW_CHARS = 500

_ARXIV_ID = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:|^)\s*(\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)


def check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    """``fields`` as a dict, or ValueError naming the keys that are not ours."""
    unknown = sorted(set(fields or {}) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field {', '.join(unknown)} (known: {', '.join(FIELDS)})")
    return dict(fields or {})


def field_names(
    fields: Mapping[str, str], defaults: Mapping[str, tuple[str, ...]] = DEFAULT_NAMES
) -> dict[str, tuple[str, ...]]:
    """For each of our fields, the input names to try: the user's choice, else the defaults."""
    return {f: (fields[f],) if f in fields else defaults.get(f, ()) for f in FIELDS}


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """``text`` cut to ``limit`` characters for the rejects report, saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit} more characters]"


def normalise_arxiv_id(value: str | None) -> str | None:
    """``2103.00020`` from ``arXiv:2103.00020v2``, ``http://arxiv.org/abs/2103.00020v1``, ...; else None."""
    m = _ARXIV_ID.search(value.strip()) if value else None
    return m.group(1).lower() if m else None


def _field_values(record: Mapping[str, object], names: Mapping[str, Sequence[str]]) -> dict[str, object]:
    """Each field's value: under the first of its names the record has, else under one of them in
    another case (the record's keys case-folded once, only when a field needs it)."""
    values: dict[str, object] = {}
    folded: dict[str, object] | None = None
    for f in FIELDS:
        options = names.get(f, ())
        hit = next((n for n in options if n in record), None)
        if hit is not None:
            values[f] = record[hit]
            continue
        if folded is None:
            folded = {str(k).casefold(): v for k, v in record.items()}
        values[f] = next((folded[n.casefold()] for n in options if n.casefold() in folded), None)
    return values


def _text(value: object) -> str:
    if value is None or isinstance(value, dict | list | bool):
        return ""
    return clean_text(str(value))


def _authors(value: object) -> list[str]:
    """A list of names from a list (of names or of ``{"name": ...}``) or a ``;``/``,``-separated string."""
    if isinstance(value, str):
        value = value.split(";") if ";" in value else value.split(",")
    if not isinstance(value, list):
        return []
    names = (v.get("name") if isinstance(v, dict) else v for v in value)
    return [t for t in (_text(n) for n in names) if t]


def _date(value: object) -> str | None:
    text = _text(value)
    return text[:10] if re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", text) else (text or None)


def to_paper(
    record: Mapping[str, object], source: Source, raw: str, names: Mapping[str, tuple[str, ...]]
) -> Paper | Reject:
    """A Paper from ``record`` (cleaned), or a Reject saying which required field is missing or wrong."""
    values = _field_values(record, names)
    title, abstract = _text(values["title"]), _text(values["abstract"])
    problem = None
    for field, text, limit in (("title", title, MAX_TITLE_CHARS), ("abstract", abstract, MAX_ABSTRACT_CHARS)):
        if not text:
            looked = " or ".join(repr(n) for n in names.get(field, ())) or "none"
            problem = problem or f"no {field} (field {looked} missing or empty)"
        elif len(text) > limit:
            problem = problem or f"{field} too long ({len(text):,} characters; at most {limit:,})"
    if problem:
        return Reject(source, problem, preview(raw))
    url = _text(values["url"]) or None
    arxiv_id = normalise_arxiv_id(_text(values["arxiv_id"])) or normalise_arxiv_id(url)
    return Paper(
        title=title,
        abstract=abstract,
        source=source,
        id=_text(values["id"]) or None,
        url=url,
        arxiv_id=arxiv_id,
        authors=_authors(values["authors"]),
        date=_date(values["date"]),
    )
