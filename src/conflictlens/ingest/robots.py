"""robots.txt rules as RFC 9309 reads them, by ``protego`` (Scrapy's maintained parser): the
group naming our product token applies, else the ``*`` group; ``*`` and ``$`` wildcards; the
longest matching rule decides, ``Allow`` winning a tie; no matching rule allows."""
from __future__ import annotations

import re
from dataclasses import dataclass

from protego import Protego


@dataclass(frozen=True)
class RobotsRules:
    """The parsed robots.txt of one site, read for one User-Agent."""

    parsed: Protego
    token: str  # our product token, e.g. "conflictlens"

    def allows(self, url: str) -> bool:
        return bool(self.parsed.can_fetch(url, self.token))


def product_token(user_agent: str) -> str:
    """"conflictlens" of "conflictlens/0.2 (+url)"."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0] or "*"


def parse_robots(text: str, user_agent: str) -> RobotsRules:
    """The rules of ``text`` that apply to ``user_agent`` (its product token)."""
    return RobotsRules(Protego.parse(text), product_token(user_agent))
