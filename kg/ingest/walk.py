"""Expand input paths into files: directories are walked recursively in sorted order.

Hidden files and directories (name starting with ``.``) are skipped. In a directory, only
files whose extension names a format are read (so a README next to the data is not taken
for a page dump) unless a format is forced; files named on the command line are always read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from kg.ingest.detect import format_of_name

log = logging.getLogger("kg.ingest")


def walk(root: Path, forced_format: bool = False) -> Iterator[Path]:
    """Files under ``root``, sorted by their path relative to it."""
    for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).parts):
        rel = path.relative_to(root).parts
        if any(part.startswith(".") for part in rel) or not path.is_file():
            continue
        if forced_format or format_of_name(path.name):
            yield path
        else:
            log.warning("%s: skipped (extension of no known format; name the file or give --format)", path)
