"""Transliteration-insensitive keys for place names (rules in ``data/gazetteer/translit.json``).

``name_key`` maps the many spellings of one name to one key: "Azaz", "A'zaz" and
"أعزاز" -> "azaz"; "Deir ez-Zor", "Dayr az Zawr" and "دير الزور" -> "dirzur";
"al-Bab", "Al Bab", "El Bab" -> "bab".  Steps: Arabic script transliterated,
diacritics and apostrophe/ayn/hamza marks dropped, article tokens (al-, el-, ad-,
ash- ...) dropped, word-final -ah/-eh -> -a, vowel and consonant variants folded
(e/i, o/u, ou/u, q/k, dh/z, ay/ei/i ...), doubled letters collapsed, spaces and
hyphens removed.  ``skeleton_key`` keeps consonants only: a looser second index
used for unvowelled Arabic script and spelling variants the first key misses.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Iterator

DATA_DIR = resources.files("conflictlens") / "data" / "gazetteer"
_RULES = json.loads((DATA_DIR / "translit.json").read_text("utf-8"))
ARTICLES = frozenset(_RULES["articles"])
PARTICLES = frozenset(_RULES["particles"])
_APOS = _RULES["apostrophes"]
_APOS_RE = re.compile("[" + re.escape(_APOS) + "]")
_WORD_FINAL = [(a, b) for a, b in _RULES["word_final"]]
_SUBS = [(a, b) for a, b in _RULES["substitutions"]]
_AR_MAP = {ord(k): v for k, v in _RULES["arabic_letters"].items()}
_AR_ARTICLE = _RULES["arabic_article"]
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_AR_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel
_SPLIT_RE = re.compile(r"[^a-z0-9]+")
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_VOWELS_RE = re.compile(r"[aiu]")


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


def arabic_to_latin(text: str) -> str:
    """Letter-by-letter romanisation of Arabic script (no short vowels), articles split off."""
    text = _AR_MARKS_RE.sub("", text)
    words = []
    for word in text.split():
        if word.startswith(_AR_ARTICLE) and len(word) > 3:
            word = word[2:]
            words.append("al")
        words.append(word.translate(_AR_MAP))
    return " ".join(words)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_tokens(name: str) -> list[str]:
    """Lower-case ASCII tokens of a name, marks removed, articles kept."""
    if has_arabic(name):
        name = arabic_to_latin(name)
    text = strip_diacritics(name).lower().replace("ı", "i").replace("ø", "o").replace("ß", "ss")
    text = _APOS_RE.sub("", text)
    return [t for t in _SPLIT_RE.split(text) if t]


@lru_cache(maxsize=500_000)
def _fold_token(token: str) -> str:
    for end, repl in _WORD_FINAL:
        if len(token) > len(end) + 2 and token.endswith(end):
            token = token[: -len(end)] + repl
            break
    for old, new in _SUBS:
        token = token.replace(old, new)
    return _DOUBLE_RE.sub(r"\1", token)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The transliteration-insensitive key of a place name ("" when nothing is left)."""
    tokens = name_tokens(name)
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in ARTICLES]
        if kept and kept[0] == "the" and len(kept) > 1:
            kept = kept[1:]
        tokens = kept or tokens
    return "".join(_fold_token(t) for t in tokens)


def skeleton_key(key: str) -> str:
    """Consonant skeleton of a ``name_key`` ("azaz" -> "zz"); "" when shorter than 3."""
    skel = _DOUBLE_RE.sub(r"\1", _VOWELS_RE.sub("", key))
    return skel if len(skel) >= 3 else ""


def simple_fold(name: str) -> str:
    """Case, diacritics, apostrophe marks, hyphens and a leading "the" ignored: "A`zaz" == "Azaz"."""
    text = _APOS_RE.sub("", strip_diacritics(name).lower())
    text = " ".join(re.split(r"[\s\-_.]+", text)).strip()
    return text[4:] if text.startswith("the ") else text


def name_variants(name: str) -> Iterator[str]:
    """Spelling variants of a name: as written, without articles, with al-/el- forms."""
    seen: set[str] = set()
    base = " ".join(name_tokens(name))
    core = " ".join(t for t in base.split() if t not in ARTICLES) or base
    for v in (name, strip_diacritics(name), base, core, "al " + core, "el " + core, core.replace(" ", "-")):
        if v and v not in seen:
            seen.add(v)
            yield v
