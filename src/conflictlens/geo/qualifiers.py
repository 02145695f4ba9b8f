"""Vague-location phrases: "near X", "east of X", "the outskirts of X", "rural (eastern) X",
"X countryside", "X's eastern countryside", "X province" -> the core name, an ACLED-style
qualifier and a compass direction.  Pure functions over strings."""
from __future__ import annotations

import re
from dataclasses import dataclass

DIRECTIONS = {
    "north": "north", "northern": "north", "south": "south", "southern": "south",
    "east": "east", "eastern": "east", "west": "west", "western": "west",
    "northeast": "northeast", "northeastern": "northeast", "north-east": "northeast", "north-eastern": "northeast",
    "northwest": "northwest", "northwestern": "northwest", "north-west": "northwest", "north-western": "northwest",
    "southeast": "southeast", "southeastern": "southeast", "south-east": "southeast", "south-eastern": "southeast",
    "southwest": "southwest", "southwestern": "southwest", "south-west": "southwest", "south-western": "southwest",
}
_DIR = r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?"
_REGION_WORDS = r"province|governorate|region|prefecture|oblast"
_DISTRICT_WORDS = r"county|district|municipality|subdistrict|sub-district"

# patterns on the words BEFORE a name (matched at the end of the preceding text)
_BEFORE = [
    (re.compile(rf"\b(?:the\s+)?(?:(?P<dir>{_DIR})\s+)?(?:countryside|suburbs|environs)\s+of\s+(?:the\s+)?$", re.I),
     "countryside"),
    (re.compile(rf"\b(?:the\s+)?(?:(?P<dir>{_DIR})\s+)?(?:rural|rif)\s+(?:(?P<dir2>{_DIR})\s+)?$", re.I), "rural"),
    (re.compile(r"\b(?:the\s+)?outskirts\s+of\s+(?:the\s+)?(?:\w+\s+of\s+)?$", re.I), "outskirts"),
    (re.compile(rf"\b(?:kilometers|kilometres|km|miles|mi)?\s*(?P<dir>{_DIR})\s+of\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.I),
     "direction"),
    (re.compile(r"\b(?:near|nearby|close\s+to|outside(?:\s+of)?|around|in\s+the\s+vicinity\s+of|on\s+the\s+edge\s+of|"
                r"at\s+the\s+edge\s+of|not\s+far\s+from)\s+(?:the\s+)?(?:(?:town|village|city|hamlet|area)\s+of\s+)?$", re.I),
     "near"),
    (re.compile(rf"\b(?:the\s+)?(?:{_REGION_WORDS})\s+of\s+$", re.I), "region"),
]
_LISTED = r"(?:(?:al|el|ad|ar|as|ash|at|az|an)[\-\s])?[A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*)?"
# patterns on the words AFTER a name (matched at the start of the following text)
_AFTER = [
    (re.compile(rf"^(?:'s|’s)?\s+(?:(?P<dir>{_DIR})\s+)?(?:countryside|rural\s+areas|suburbs|outskirts|environs)\b", re.I),
     "countryside"),
    (re.compile(rf"^(?:'s|’s)?\s+(?:{_REGION_WORDS})s?\b", re.I), "region"),
    (re.compile(rf"^\s+(?:{_DISTRICT_WORDS})s?\b", re.I), "district"),
    # the first names of a list that one plural region word follows: "Idlib and Hama governorates"
    (re.compile(rf"^(?:\s*,\s*{_LISTED})*,?\s+and\s+{_LISTED}\s+(?:{_REGION_WORDS})s\b"), "region"),
    (re.compile(rf"^(?:\s*,\s*{_LISTED})*,?\s+and\s+{_LISTED}\s+(?:{_DISTRICT_WORDS})s\b"), "district"),
]
_WHOLE = re.compile(r"^(?P<before>.*?)(?P<core>(?:(?<![A-Za-z])(?:al|el|ad|ar|as|ash|at|az|an)[\-\s])?[A-Z\u0600-\u06ff].*?)"
                    r"(?P<after>(?i:(?:'s|’s)?\s+(?:\w+\s+)?(?:countryside|province|governorate|region|district|county|municipality|"
                    r"suburbs|outskirts|environs|rural\s+areas)))?$", re.S)


@dataclass(frozen=True)
class Qualified:
    core: str
    qualifier: str = ""
    direction: str = ""


def qualifier_before(text_before: str) -> tuple[str, str, int]:
    """(qualifier, direction, length of the phrase) for the words just before a name."""
    tail = text_before[-80:]
    for pattern, qual in _BEFORE:
        m = pattern.search(tail)
        if m:
            direction = m.groupdict().get("dir") or m.groupdict().get("dir2") or ""
            return qual, DIRECTIONS.get(direction.lower(), ""), len(m.group(0))
    return "", "", 0


def qualifier_after(text_after: str) -> tuple[str, str, int]:
    """(qualifier, direction, length of the phrase) for the words just after a name."""
    head = text_after[:60]
    for pattern, qual in _AFTER:
        m = pattern.match(head)
        if m:
            direction = m.groupdict().get("dir") or ""
            return qual, DIRECTIONS.get(direction.lower(), ""), len(m.group(0))
    return "", "", 0


def parse_qualified(text: str) -> Qualified:
    """Split a phrase such as "rural eastern Aleppo" or "the eastern countryside of Deir ez-Zor"."""
    text = " ".join(text.split())
    m = _WHOLE.match(text)
    if not m:
        return Qualified(text)
    before, core, after = m.group("before"), m.group("core"), m.group("after") or ""
    qual, direction, _ = qualifier_before(before) if before.strip() else ("", "", 0)
    if after:
        q2, d2, _ = qualifier_after(after)
        qual = qual or q2
        direction = direction or d2
        if not q2:
            core = core + after
    return Qualified(core.strip(" ,.;:"), qual, direction)
