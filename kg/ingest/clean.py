"""Clean titles and abstracts: drop HTML markup, decode entities, normalise whitespace.

Scraped and exported metadata often carries HTML (``<i>in vivo</i>``, ``&amp;``,
``&lt;sub&gt;``). Only tags of the HTML element set (WHATWG HTML Living Standard §4 and
MathML's ``math``) are removed, so literal angle-bracket tokens that papers use as words,
such as ``<SEG>``, ``<s>`` or ``<CLS>``, stay. Entities are decoded only in their complete
form ``&name;`` / ``&#N;`` / ``&#xN;`` (WHATWG §13.2.5.72 character references), so that
``PA&DA`` or ``R&D`` are left alone. The result is Unicode NFC with control and zero-width
characters removed and every run of whitespace collapsed to one space. A lone surrogate (which a
JSON ``\\ud800`` escape can produce, but UTF-8 cannot encode) becomes U+FFFD, as a UTF-8 decoder
does with a bad byte.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Elements that show up in paper metadata; <s> is left out on purpose (a common token name).
HTML_ELEMENTS = frozenset(
    """a abbr b bdi bdo big blockquote body br center cite code dd del dfn div dl dt em font
    h1 h2 h3 h4 h5 h6 head hr html i img ins kbd li mark math mi mn mo mrow msub msup ol p
    pre q small span strike strong sub sup table tbody td th thead tr tt u ul var wbr""".split()
)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BLOCK_TAGS = frozenset({"br", "p", "div", "li", "tr", "hr"})


def _drop_tag(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    if name not in HTML_ELEMENTS:
        return match.group(0)
    return " " if name in _BLOCK_TAGS else ""


def strip_markup(text: str) -> str:
    """Remove HTML comments and tags of known HTML elements; keep any other ``<...>``."""
    if "<" not in text:  # most titles and abstracts: a substring test in C spares both scans
        return text
    return _TAG.sub(_drop_tag, _COMMENT.sub("", text))


def decode_entities(text: str) -> str:
    """Decode complete character references only (``&amp;`` yes, ``R&D`` untouched)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """Markup stripped, entities decoded (then markup they encoded stripped too), NFC, one-line."""
    text = strip_markup(decode_entities(strip_markup(text)))
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return normalise_space(text)
