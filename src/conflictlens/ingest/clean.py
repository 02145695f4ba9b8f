"""Remove page furniture from plain text saved from web pages, keeping every article sentence.

The rules are data (``data/furniture.txt``): whole-line menu items, trailing tag or
comment blocks after a heading such as "Helpful keywords", disclaimer and share
sentences, plus the title when the page repeats it.  Prose lines are never dropped
unless a rule matches them from their start; within a paragraph only the matching
sentences go.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..textnorm import normalise_space

_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"'(])")
_PROSE = re.compile(r"[a-z].*[.!?:;\u201d\"]\s*$|\w+\s+\w+\s+\w+\s+\w+\s+\w+\s+\w+\s+\w+")


@dataclass(frozen=True)
class FurnitureRules:
    lines: frozenset[str]
    tails: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    version: str


@lru_cache(maxsize=4)
def load_rules(extra_text: str = "") -> FurnitureRules:
    """Parse the bundled rules (plus optional extra rule text in the same format)."""
    text = resources.files("conflictlens.data").joinpath("furniture.txt").read_text(encoding="utf-8")
    lines, tails, patterns, version = set(), set(), [], "0"
    for raw in (text + "\n" + extra_text).splitlines():
        raw = raw.strip()
        if raw.startswith("# version:"):
            version = raw.split(":", 1)[1].strip()
        if not raw or raw.startswith("#") or ":" not in raw:
            continue
        kind, pattern = raw.split(":", 1)
        pattern = pattern.strip()
        if kind == "line":
            lines.add(_line_key(pattern))
        elif kind == "tail":
            tails.add(_line_key(pattern))
        elif kind == "regex":
            patterns.append(re.compile(pattern, re.IGNORECASE))
    return FurnitureRules(frozenset(lines), frozenset(tails), tuple(patterns), version)


def _line_key(line: str) -> str:
    return normalise_space(line).lower().strip(" \t|•·>»-–—")


def _is_prose(line: str) -> bool:
    return bool(_PROSE.search(line.strip()))


@lru_cache(maxsize=8)
def _any_pattern(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """The furniture regexes as one alternation (one match call a sentence instead of one a rule);
    None when they cannot be joined safely (back-references, inline flags)."""
    if not patterns or any(re.search(r"\\\d|\(\?P=|\(\?[aiLmsux]+\)", p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None


def _clean_paragraph(para: str, rules: FurnitureRules) -> str:
    """Drop the sentences of a paragraph that a furniture regex matches from their start."""
    sentences = _SENTENCE_END.split(para.strip())
    joined = _any_pattern(rules.patterns)
    if joined is not None:
        kept = [s for s in sentences if not joined.match(s.strip())]
    else:
        kept = [s for s in sentences if not any(p.match(s.strip()) for p in rules.patterns)]
    return para if len(kept) == len(sentences) else " ".join(kept)


_HEADING_WORDS = 30  # a heading is a short line ...
_SENTENCE_LAST = re.compile(r"[.!?;,:]\s*$")  # ... that does not end like a sentence
_TOP_LINES = 12  # the title and its repeat are among the page's first lines (furniture left out)


def _is_heading(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= _HEADING_WORDS and not _SENTENCE_LAST.search(line) and any(c.isalpha() for c in line)


def heading_title(text: str, rules: FurnitureRules | None = None) -> str | None:
    """The title of plain text saved from a web page: a heading among its first lines that the
    page repeats there (the page title, then the article's own heading), furniture lines aside.
    None when no first line repeats (a single heading could be a dateline or a section name)."""
    rules = rules or load_rules()
    seen: dict[str, str] = {}
    looked = 0
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalise_space(raw_line)
        key = _line_key(line)
        if not key or key in rules.lines:
            continue
        if key in rules.tails or looked >= _TOP_LINES:
            break
        looked += 1
        if key in seen:
            return seen[key]
        if _is_heading(line):
            seen[key] = line
    return None


def clean_text(text: str, title: str | None = None, rules: FurnitureRules | None = None) -> str:
    """Return the article text without page furniture; paragraphs separated by blank lines."""
    rules = rules or load_rules()
    title_key = _line_key(title) if title else None
    out: list[str] = []
    in_tail = False
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.strip()
        key = _line_key(line)
        if not key:
            if out and out[-1] != "":
                out.append("")
            continue
        if in_tail:
            if _is_prose(line) and len(line) > 80:
                in_tail = False
            else:
                continue
        if key in rules.tails:
            in_tail = True
            continue
        if key in rules.lines or (title_key and key == title_key):
            continue
        cleaned = _clean_paragraph(line, rules)
        if cleaned.strip():
            out.append(normalise_space(cleaned))
    paragraphs = "\n".join(out).strip()
    return re.sub(r"\n{2,}", "\n\n", re.sub(r"\n(?!\n)", "\n\n", paragraphs)).strip()
