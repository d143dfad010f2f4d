"""CSV and TSV with a header row (RFC 4180; TSV as written by spreadsheets: tab-separated, quoted
like CSV). Column names are our field names unless mapped with ``fields``. Quoted fields may
span lines; each row keeps the line it starts on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping

from kg.ingest.record import field_names, preview, to_paper
from kg.model import Paper, Reject, Source


def read_table(text: str, name: str, fields: Mapping[str, str], delimiter: str = ",") -> Iterator[Paper | Reject]:
    names = field_names(fields)
    lines = text.split("\n")
    reader = csv.reader((line + "\n" for line in lines), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    done = 0  # lines consumed so far
    while True:
        start = done + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            done = reader.line_num
            yield Reject(Source(name, start), f"CSV error: {err}", preview("\n".join(lines[start - 1 : done])))
            continue
        done = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            continue
        raw = "\n".join(lines[start - 1 : done])
        if len(row) > len(header):
            yield Reject(
                Source(name, start), f"row has {len(row)} fields but the header has {len(header)}", preview(raw)
            )
            continue
        yield to_paper(dict(zip(header, row, strict=False)), Source(name, start), raw, names)


def read_csv(text: str, name: str, fields: Mapping[str, str]) -> Iterator[Paper | Reject]:
    return read_table(text, name, fields, ",")


def read_tsv(text: str, name: str, fields: Mapping[str, str]) -> Iterator[Paper | Reject]:
    return read_table(text, name, fields, "\t")
