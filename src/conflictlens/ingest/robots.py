"""robots.txt rules as RFC 9309 reads them (the standard library's parser ignores the ``*`` and
``$`` wildcards): the group naming our product token applies, else the ``*`` group; the
longest matching rule decides, ``Allow`` winning a tie; no matching rule allows."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class RobotsRules:
    rules: tuple[tuple[bool, str, re.Pattern], ...]  # (allow, path pattern as written, compiled)

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best: tuple[int, bool] | None = None
        for allow, written, rx in self.rules:
            if rx.match(path):
                rank = (len(written), allow)  # longer rule wins; Allow wins a tie
                if best is None or rank > best:
                    best = rank
        return True if best is None else best[1]


def _pattern(path: str) -> re.Pattern:
    anchored = path.endswith("$")
    body = re.escape(unquote(path[:-1] if anchored else path)).replace(r"\*", ".*")
    return re.compile(body + ("$" if anchored else ""))


def parse_robots(text: str, user_agent: str) -> RobotsRules:
    """The rules of ``text`` that apply to ``user_agent`` (its product token, e.g. "conflictlens"
    of "conflictlens/0.2 (+url)")."""
    token = re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0].lower()
    groups: list[tuple[list[str], list[tuple[bool, str]]]] = []
    agents: list[str] = []
    rules: list[tuple[bool, str]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (x.strip() for x in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if rules:  # a new group starts
                groups.append((agents, rules))
                agents, rules = [], []
            agents.append(value.lower())
        elif key in ("allow", "disallow") and agents:
            if value:  # an empty Disallow allows everything: no rule
                rules.append((key == "allow", value))
    if agents:
        groups.append((agents, rules))
    mine = [r for a, r in groups if token in a]
    chosen = [rule for r in mine for rule in r] if mine else [rule for a, r in groups if "*" in a for rule in r]
    return RobotsRules(tuple((allow, path, _pattern(path)) for allow, path in chosen))
