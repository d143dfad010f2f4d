"""Records that flow through the pipeline: ingest → extract → link → graph.

Each stage consumes the records of the stage before and adds its own:

* :class:`Paper` and :class:`Reject` come out of ``kg.ingest``;
* :class:`Mention`, :class:`ResultMention` and :class:`Extraction` out of ``kg.extract``;
* :class:`Entity` out of ``kg.link`` (canonical nodes, with the aliases that resolve to them).

``kg.graph`` turns these into the networkx graph whose JSON form is fixed by
``../shared/CONTRACT.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Method", "Dataset", "Metric", "Task"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Method", "Dataset", "Metric", "Task")

Field = Literal["title", "abstract"]

# Relation of a paper to an entity it mentions but does not propose (PROPOSES wins), by type.
ROLE_BY_TYPE: dict[str, str] = {
    "Method": "USES",
    "Dataset": "EVALUATES_ON",
    "Metric": "MEASURED_WITH",
    "Task": "ADDRESSES",
}


@dataclass(frozen=True)
class Source:
    """Where a record was read: a file (or ``-`` for stdin) and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Paper:
    """One paper as read from an input file."""

    title: str
    abstract: str
    source: Source
    id: str | None = None  # the input's own id, if it has one
    url: str | None = None
    arxiv_id: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    sources: list[Source] = field(default_factory=list)  # every place it was read (after dedupe)

    @property
    def text(self) -> str:
        """Title and abstract as one text; abstract offsets start at ``len(title) + 1``."""
        return f"{self.title}\n{self.abstract}"


@dataclass(frozen=True)
class Reject:
    """A record that could not become a paper, with the reason."""

    source: Source
    reason: str
    record: str = ""  # the raw record, truncated for the report

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Mention:
    """One span of a paper's title or abstract that names an entity."""

    surface: str
    field: Field
    start: int  # character offsets into the title or the abstract (not the joined text)
    end: int
    type: EntityType
    name: str  # the name the extractor proposes for the node (KB canonical name or normalised surface)
    reason: str  # why: "kb", "acronym", a rule name, ...
    sentence: str = ""
    kb_id: str | None = None  # id of the KB entry when matched from the KB
    proposed: bool = False
    long_form: str | None = None  # for an acronym: the long form defined in the same abstract


@dataclass(slots=True)
class ResultMention:
    """A number the abstract ties to a metric."""

    metric: str
    value: str
    method: str | None = None
    dataset: str | None = None
    task: str | None = None
    evidence: str = ""


@dataclass
class Extraction:
    """All the extractor found in one paper."""

    paper: Paper
    mentions: list[Mention] = field(default_factory=list)
    results: list[ResultMention] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)  # short form -> long form


@dataclass
class Entity:
    """A canonical node: one real-world method, dataset, metric or task."""

    type: EntityType
    name: str
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> reason it resolves here
    parent: str | None = None  # canonical name of the family (VARIANT_OF) or parent task (SUBTASK_OF)
    external: dict[str, str] = field(default_factory=dict)  # "wikidata", "pwc", "hf" -> id
    description: str | None = None
