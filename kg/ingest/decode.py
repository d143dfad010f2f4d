"""Turn an input file's bytes into text, or say why it is not text.

* gzip (magic ``1f 8b``, RFC 1952) is decompressed first, so ``papers-with-abstracts.json.gz``
  reads as is;
* a byte-order mark picks UTF-8 or UTF-16 (Unicode §23.8);
* binary files are told apart the way Git does (``buffer_is_binary``: a NUL byte in the
  first 8000 bytes) plus Perl's ``-B`` test (more than 30 % control characters);
* text is decoded as UTF-8; failing that as Windows-1252, then Latin-1 (which decodes any
  byte), with a warning naming the file and the first bad byte;
* line ends are unified to ``\\n`` (CRLF and lone CR), so line numbers match an editor's.
"""

from __future__ import annotations

import codecs
import gzip
import logging
import zlib
from dataclasses import dataclass

log = logging.getLogger("kg.ingest")

SNIFF_BYTES = 8000
MAX_CONTROL_RATIO = 0.30
_CONTROL = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class NotText:
    """Why a file could not be read as text, with a short preview of its bytes."""

    reason: str
    preview: str = ""


def is_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    return bool(head) and sum(b in _CONTROL for b in head) / len(head) > MAX_CONTROL_RATIO


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = f"byte 0x{data[err.start]:02x} at offset {err.start}"
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    log.warning("%s: not valid UTF-8 (%s); decoded as %s", name, bad, encoding)
    return text


def decode(data: bytes, name: str) -> str | NotText:
    """The text of ``data`` (read from ``name``) with ``\\n`` line ends, or why it is not text."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            return NotText(f"corrupt gzip file ({err})", data[:32].hex(" "))
    if not data.strip():
        return NotText("empty file" if not data else "empty file (whitespace only)")
    if is_binary(data) and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return NotText("binary file, not text (NUL or control bytes)", data[:32].hex(" "))
    return _decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
