"""Split a sequence of papers into the partitions that workers extract."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def chunked(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def chunk_size(n: int, workers: int, largest: int = 1000) -> int:
    """About four chunks per worker (so that a slow chunk does not idle the others), at most ``largest``."""
    return max(1, min(largest, -(-n // (4 * workers))))
