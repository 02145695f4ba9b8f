"""Article metadata: publication date, outlet, cited sources, language.

Dates are never invented: a date comes from the input's metadata, the page's meta
tags (filled in by ``ingest.html``) or a dateline at the very start of the text
("BEIRUT, June 23, 2020 (Reuters) -", "Published: 23 June 2020"); otherwise ``None``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH_RE = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+(\d{{4}})\b", re.IGNORECASE)
_MDY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s*(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DATELINE_LEAD = re.compile(
    r"^\s*(?:(?i:published|posted|updated|date)(?:\s+on)?\s*:?\s*|[A-Z][A-Z .'\-]{2,40},\s*(?:[A-Z][a-z]+,\s*)?)",
)

_CITED = [
    re.compile(r"\b(?i:reports?|reported|told|according to)\s+(?:the\s+)?"
               r"((?:[A-Z][\w\-]+)(?:\s+(?:[A-Z][\w\-]+|of|for|the|and|al-[A-Z]\w+)){0,7})(?![\w'’])"),
    re.compile(r"\b((?:[A-Z][\w'’\-]+\s+){0,5}(?:News|Agency|Observatory[\w ]*?Rights|Times|Post|Observer|Reuters|"
               r"AFP|TV|Television|Radio|Network|Press|Monitor|Herald|Tribune|Gazette))\s+(?:reported|said|reports|"
               r"correspondent|quoted|cited)"),
    re.compile(r"\b(a|an)\s+((?:local|security|military|medical|hospital|police|official|government|rebel|"
               r"opposition|activist|tribal|informed|reliable)\s+(?:source|official|activist|medic|spokesman))s?\s+"
               r"(?:told|said|informed)\s+((?:[A-Z][\w'’\-]+)(?:\s+[A-Z][\w'’\-]+){0,4})"),
]
# What every match of _CITED[1] contains: an outlet word, white space, a reporting verb.
_CITED_OUTLET_HINT = re.compile(r"(?:News|Agency|Rights|Times|Post|Observer|Reuters|AFP|TV|Television|Radio|Network|"
                                r"Press|Monitor|Herald|Tribune|Gazette)\s+(?:reported|said|reports|correspondent|"
                                r"quoted|cited)")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS_RUN = re.compile(r"[^\W\d_]+")
_NOT_SOURCE = {"The", "He", "She", "They", "It", "We", "I", "This", "That", "On", "In", "A", "An", "His", "Her"}

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "that", "was", "were", "for", "with", "said", "by", "on", "is"},
    "fr": {"le", "la", "les", "des", "et", "du", "une", "dans", "est", "pour", "qui", "sur", "par", "au"},
    "es": {"el", "la", "los", "las", "del", "y", "en", "que", "por", "una", "con", "para", "fue", "se"},
    "de": {"der", "die", "das", "und", "den", "des", "ist", "mit", "von", "nicht", "ein", "eine", "auf", "wurde"},
    "pt": {"o", "os", "as", "do", "da", "dos", "em", "que", "não", "uma", "com", "para", "foi", "pelo"},
    "it": {"il", "di", "che", "della", "gli", "del", "una", "per", "sono", "con", "non", "alla", "nel", "è"},
    "tr": {"ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "olan", "sonra", "ise"},
}


@dataclass(frozen=True)
class Metadata:
    published: date | None
    published_from: str
    outlet: str | None
    cited_sources: tuple[str, ...]
    language: str | None


def parse_date(value: str | None) -> date | None:
    """Parse a date as inputs give it: ISO 8601, RFC 822, '23 June 2020', 'June 23, 2020'."""
    if not value:
        return None
    value = value.strip()
    m = _ISO.search(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    for rx, order in ((_DMY, "dmy"), (_MDY, "mdy")):
        m = rx.search(value)
        if m:
            try:
                if order == "dmy":
                    return date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
                return date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
            except (ValueError, KeyError):
                return None
    return None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.get(name) or MONTHS[name[:3]]


def dateline_date(text: str) -> date | None:
    """A date in a dateline at the start of the text, or None."""
    head = text[:160]
    lead = _DATELINE_LEAD.match(head)
    if not lead:
        return None
    rest = head[lead.end():]
    for rx in (_ISO, _DMY, _MDY):
        m = rx.match(rest.lstrip())
        if m:
            return parse_date(m.group(0))
    return None


def outlet_from_url(url: str | None) -> str | None:
    if not url or not url.startswith(("http://", "https://")):
        return None
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(www|m|amp|mobile)\.", "", host)
    return host or None


def cited_sources(text: str, outlet: str | None = None) -> tuple[str, ...]:
    """Sources the article cites: "reports Baladi News", "a security source told Enab Baladi"."""
    found: list[str] = []
    low = text.lower()
    has_verb = "report" in low or "told" in low or "accord" in low  # what every match of _CITED[0] contains
    for rx in _CITED:
        if rx is _CITED[0] and not has_verb:
            continue
        if rx is _CITED[1] and not _CITED_OUTLET_HINT.search(text):
            continue  # no outlet word followed by a reporting verb: the costly pattern cannot match
        for m in rx.finditer(text):
            name = m.group(m.lastindex).strip(" ,.’'")
            name = re.sub(r"\s+(?:of|for|the|and)$", "", name)
            if rx is _CITED[2]:
                name = f"{m.group(2)} ({m.group(3)})"
            first = name.split()[0] if name else ""
            if not name or first in _NOT_SOURCE or len(name) < 3:
                continue
            if outlet and name.lower() == outlet.lower():
                continue
            if name not in found:
                found.append(name)
    return tuple(found[:12])


def detect_language(text: str) -> str | None:
    """A cheap language guess: Arabic script, else the language with most stopword hits."""
    sample = text[:4000]
    if not sample.strip():
        return None
    if _ARABIC.search(sample):
        arabic = len(_ARABIC.findall(sample))
        letters = len(_LETTER.findall(sample)) or 1
        if arabic / letters > 0.3:
            return "ar"
    words = _LETTERS_RUN.findall(sample.lower())
    if not words:
        return None
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in stops if w in counts) for lang, stops in _STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= max(2, len(words) // 50) else None


def article_metadata(text: str, *, published: str | None, source: str | None, url: str | None,
                     language: str | None = None, published_from: str = "metadata") -> Metadata:
    day = parse_date(published)
    origin = published_from if day else "none"
    if day is None:
        day = dateline_date(text)
        origin = "dateline" if day else "none"
    outlet = (source or "").strip() or outlet_from_url(url)
    return Metadata(
        published=day,
        published_from=origin,
        outlet=outlet,
        cited_sources=cited_sources(text, outlet),
        language=language or detect_language(text),
    )
