"""The knowledge base of canonical ML entities: curated files plus an optional Papers with Code cache.

``config/kb/*.jsonl`` holds the curated entries (one JSON object a line); ``kg kb import-pwc``
writes a cache of entries imported from a Papers with Code archive outside the repository.
:func:`kg.kb.load.load_kb` reads, validates and merges both.
"""

from kg.kb.load import KBEntry, KBError, KnowledgeBase, load_kb

__all__ = ["KBEntry", "KBError", "KnowledgeBase", "load_kb"]
