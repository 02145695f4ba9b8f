"""Text normalisation shared by search, keywords and matching.

``fold`` makes Arabic place and actor names in Latin transliteration comparable
for full-text search: case and diacritics dropped, apostrophes and ayn/hamza
marks removed, Arabic article prefixes (al-, el-, ad-, ash- ...) dropped, and
doubled letters collapsed.  "Al Bab", "al-Bab" and "El-Bab" all fold to "bab";
"A'zaz" and "Azaz" to "azaz".
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'\u2019\u2018\u02bc\u02bf\u02be`\u00b4\u02bb"
_APOS_RE = re.compile(f"(?<=\\w)[{_APOSTROPHES}](?=\\w)|^[{_APOSTROPHES}]|(?<=\\s)[{_APOSTROPHES}]")
ARTICLE_PREFIXES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ad", "ed", "es", "et", "ez", "en", "ul")
_ARTICLE_RE = re.compile(r"\b(?:" + "|".join(sorted(set(ARTICLE_PREFIXES), key=len, reverse=True)) + r")[\s\-](?=\w{2})")
_DOUBLE_RE = re.compile(r"([a-z])\1+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _strip_run(run: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", run) if not unicodedata.combining(ch))


def strip_diacritics(text: str) -> str:
    """Drop combining marks (é -> e); only the non-ASCII stretches of the text are touched."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda m: _strip_run(m.group()), text)


def normalise_space(text: str) -> str:
    """Runs of white space as one space, none at the ends (str.split's white space is re's \\s)."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """Fold text for transliteration-insensitive search (see module doc)."""
    text = strip_diacritics(text).lower()
    text = _APOS_RE.sub("", text)
    text = _ARTICLE_RE.sub("", text)
    text = _DOUBLE_RE.sub(r"\1", text)
    return text


def fold_key(text: str) -> str:
    """A compact comparison key: folded, only letters and digits."""
    return re.sub(r"[^0-9a-z\u0600-\u06ff]+", "", fold(text))


def content_hash(text: str) -> str:
    """Hash of the normalised text: same article content, same hash."""
    norm = normalise_space(strip_diacritics(text).lower())
    norm = re.sub(r"[^\w ]+", "", norm)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
