"""Date mentions and their resolution (GUIDE.md: relative dates against the publication date).

``find_dates(text)`` finds explicit dates ("9 May 2020", "Jun. 20, 2020", "May 9"), weekdays
("on Tuesday evening"), and relative words ("yesterday", "last week").  ``estimate_anchor``
gives the date relative expressions are resolved against: the publication date, or when the
article has none, the latest explicit date moved forward to a later weekday of a report
("announced on Tuesday").  ``resolve`` turns one mention into a date and a precision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DMY = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s*{_YEAR})?\b", re.I)
_MDY = re.compile(rf"\b{_MON}\s+{_DAY}\b(?:,?\s*{_YEAR})?", re.I)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")
_YEAR_ONLY = re.compile(r"\b(?:in|during|since|by|until|of|from)\s+(?:early\s+|late\s+|mid-?)?(?P<year>(?:19|20)\d\d)\b(?![-/]\d)", re.I)
_WEEKDAY = re.compile(r"\b(?P<last>last\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|last night|this morning|this afternoon|this evening|earlier today|"
    r"(?:earlier |late |)(?:this|last) (?:week|month)|the (?:previous|past) (?:week|month)|"
    r"(?:in )?recent (?:days|weeks)|over the weekend|last weekend|the day before|the previous day|the same day|"
    r"the (?:following|next) day|(?:two|three|2|3) days (?:ago|earlier|before|later)|(?:a|one|two|three|four|2|3|4) weeks? ago|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|\d{1,2}) (?:years?|months?) (?:ago|earlier|before))\b", re.I)
_MONTH_ONLY = re.compile(rf"\b(?P<qual>early|mid|late|end of|beginning of|in)[- ]{_MON}(?:\s+{_YEAR})?\b", re.I)
_MONTH_POSSESSIVE = re.compile(rf"\b{_MON}['\u2019]s\b", re.I)  # "April's attack" (not "May's": a name)
_AROUND = re.compile(r"\b(?:around|circa|about|approximately|as reported|reported on|as of|week of|between|during the week|from)\b[^.;]{0,25}$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:\(as reported\)|\(from|\(between|and\s+\d|-\s*\d|to\s+\d)", re.I)
_REPORT_VERB = re.compile(r"\b(?:announc\w*|said|says|claim\w*|report\w*|stat(?:ed|ement)|publish\w*|told|confirm\w*|mourn\w*)\b", re.I)

_NUMWORD = {"two": 2, "three": 3, "2": 2, "3": 3}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # explicit | weekday | relative | month
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    relative: str = ""
    vague: bool = False  # "around 9 May", "as reported on ...", a range: week precision


@dataclass(frozen=True)
class ResolvedDate:
    value: date | None
    precision: str  # day | week | month
    mention: DateMention | None = None
    note: str = ""


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """All date mentions in ``text``, in order, without overlaps."""
    found: list[DateMention] = []

    def vague_at(start: int, end: int) -> bool:
        return bool(_AROUND.search(text[max(0, start - 40):start]) or _RANGE_AFTER.match(text[end:end + 12]))

    for rx in (_ISO, _DMY, _MDY):
        for m in rx.finditer(text):
            mon = m.group("mon").lower().rstrip(".")
            month = int(mon) if mon.isdigit() else MONTHS.get(mon[:4] if mon.startswith("sept") else mon[:3])
            day = int(m.group("day"))
            if not month or not 1 <= day <= 31:
                continue
            year = int(m.group("year")) if m.group("year") else None
            if rx is _MDY and not year and re.match(r"\d", text[m.end():m.end() + 2].strip() or "x"):
                continue
            found.append(DateMention(m.start(), m.end(), m.group(0), "explicit", day, month, year,
                                     vague=vague_at(m.start(), m.end())))
    for m in _MONTH_ONLY.finditer(text):
        mon = m.group("mon").lower().rstrip(".")
        if m.group("qual").lower() == "in" and mon == "may" and not m.group("year"):
            continue  # "in may" is usually the verb
        month = MONTHS.get(mon[:4] if mon.startswith("sept") else mon[:3])
        year = int(m.group("year")) if m.group("year") else None
        found.append(DateMention(m.start(), m.end(), m.group(0), "month", None, month, year))
    for m in _MONTH_POSSESSIVE.finditer(text):
        mon = m.group("mon").lower().rstrip(".")
        if mon != "may":
            found.append(DateMention(m.start(), m.end(), m.group(0), "month", None,
                                     MONTHS.get(mon[:4] if mon.startswith("sept") else mon[:3])))
    for m in _YEAR_ONLY.finditer(text):
        found.append(DateMention(m.start(), m.end(), m.group(0), "year", year=int(m.group("year"))))
    for m in _WEEKDAY.finditer(text):
        found.append(DateMention(m.start(), m.end(), m.group(0), "weekday", weekday=WEEKDAYS[m.group("wd").lower()],
                                 relative="last" if m.group("last") else ""))
    for m in _RELATIVE.finditer(text):
        found.append(DateMention(m.start(), m.end(), m.group(0), "relative", relative=m.group("rel").lower()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMention] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def _explicit_date(m: DateMention, anchor: date | None) -> date | None:
    if m.year:
        return _valid(m.year, m.month, m.day)
    if anchor is None:
        return None
    d = _valid(anchor.year, m.month, m.day)
    if d and d > anchor + timedelta(days=31):
        d = _valid(anchor.year - 1, m.month, m.day)
    return d


# A photo caption or credit line: its date is when the picture was taken (often a file photo
# years old), not a date of the report (issue 10, class 10).
_CAPTION = re.compile(
    r"^(?:photo|picture|image|file photo|file picture|caption|pictured)\b|\b(?:photo|picture|image)\s*(?:credit)?\s*:|"
    r"\((?:photo|picture|file photo|image)\b[^)]*\)|\b(?:REUTERS|AFP|AP|EPA|Getty Images|Anadolu)\s*/|/\s*(?:REUTERS|AFP|AP|EPA|Getty Images)\b|"
    r"\bvia Getty Images\b|\bAP Photo\b|\bfile photo\b|\bphotographed\b|\(?\bcredit:", re.I)


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``text`` that are photo captions or credits."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if len(line) < 400 and _CAPTION.search(line.strip()):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def estimate_anchor(text: str, published: date | None, mentions: list[DateMention] | None = None) -> tuple[date | None, str]:
    """The date relative expressions resolve against, and how it was found (dates in photo
    captions do not count: a file photo's date is not the report's)."""
    if published:
        return published, "publication date"
    mentions = find_dates(text) if mentions is None else mentions
    captions = caption_spans(text)
    if captions:
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in captions)]
    explicit = [d for d in (_explicit_date(m, None) for m in mentions if m.kind == "explicit") if d]
    if not explicit:
        return None, "no date"
    latest = max(explicit)
    anchor, how = latest, f"latest explicit date {latest.isoformat()}"
    for m in mentions:
        if m.kind != "weekday" or m.relative:
            continue
        window = text[max(0, m.start - 80):m.end + 80]
        if not _REPORT_VERB.search(window):
            continue
        ahead = (m.weekday - latest.weekday()) % 7
        if ahead and latest + timedelta(days=ahead) > anchor:
            anchor = latest + timedelta(days=ahead)
            how = f"report on {m.text.strip()} after {latest.isoformat()}"
    return anchor, how


def resolve(m: DateMention, anchor: date | None, previous: date | None = None) -> ResolvedDate:
    """One mention as a date and precision against the anchor (``previous``: the date in context)."""
    if m.kind == "explicit":
        d = _explicit_date(m, anchor)
        return ResolvedDate(d, "week" if m.vague else "day", m, "explicit date" + (" (approximate)" if m.vague else ""))
    if m.kind == "year":
        if anchor and m.year == anchor.year:
            return ResolvedDate(None, "month", m, "this year: no day")
        return ResolvedDate(date(m.year, 7, 1), "month", m, "year only")
    if m.kind == "month":
        year = m.year or (anchor.year if anchor else None)
        if not year or not m.month:
            return ResolvedDate(None, "month", m)
        if anchor and not m.year and m.month > anchor.month + 1:
            year -= 1
        day = {"early": 5, "beginning of": 3, "mid": 15, "late": 25, "end of": 28}.get(m.text.split()[0].lower().rstrip("-"), 15)
        return ResolvedDate(_valid(year, m.month, day), "month", m, "month only")
    if anchor is None:
        return ResolvedDate(None, "day", m, "no anchor")
    if m.kind == "weekday":
        back = (anchor.weekday() - m.weekday) % 7
        if m.relative == "last" and back == 0:
            back = 7
        return ResolvedDate(anchor - timedelta(days=back), "day", m, f"most recent {m.text.strip()} on or before {anchor}")
    rel = m.relative
    base = previous or anchor
    if rel in ("yesterday", "last night"):
        return ResolvedDate(anchor - timedelta(days=1), "day", m, f"day before {anchor}")
    if rel in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"):
        return ResolvedDate(anchor, "day", m, "publication day")
    if rel in ("the day before", "the previous day"):
        return ResolvedDate(base - timedelta(days=1), "day", m, "day before")
    if rel == "the same day":
        return ResolvedDate(base, "day", m, "same day")
    if rel in ("the following day", "the next day"):
        return ResolvedDate(base + timedelta(days=1), "day", m, "next day")
    num = re.match(r"(two|three|2|3) days (ago|earlier|before|later)", rel)
    if num:
        n = _NUMWORD[num.group(1)]
        if num.group(2) == "later":
            return ResolvedDate(base + timedelta(days=n), "day", m)
        return ResolvedDate((anchor if num.group(2) == "ago" else base) - timedelta(days=n), "day", m)
    weeks = re.match(r"(a|one|two|three|four|2|3|4) weeks? ago", rel)
    if weeks:
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(weeks.group(1)) or int(weeks.group(1))
        return ResolvedDate(anchor - timedelta(days=7 * n), "week", m, f"{n} week(s) before {anchor}")
    back = re.match(r"(\w+) (years?|months?) (?:ago|earlier|before)", rel)
    if back:
        # "two years ago", "six months earlier": background; month precision around that time
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "several": 3}.get(back.group(1).lower()) or int(back.group(1))
        days = n * (365 if back.group(2).startswith("year") else 30)
        return ResolvedDate(anchor - timedelta(days=days), "month", m, f"{m.text.strip()} before {anchor}")
    if "weekend" in rel:
        back = (anchor.weekday() - 5) % 7 or 7
        return ResolvedDate(anchor - timedelta(days=back), "week", m, "weekend")
    if "month" in rel:
        if rel.startswith("last") or "previous" in rel or "past" in rel:
            return ResolvedDate(anchor - timedelta(days=30), "month", m)
        return ResolvedDate(anchor, "month", m)
    if rel.startswith("last") or "previous" in rel or "past" in rel:
        return ResolvedDate(anchor - timedelta(days=7), "week", m, "last week")
    return ResolvedDate(anchor, "week", m, rel)
