"""The coding rules as data: trigger words, blocking cues, victim classes, number words.

Loaded once from ``data/coding/*.toml`` (versioned) into one frozen ``CodingRules`` with
compiled patterns.  Users can point ``options.coding_dir`` at a folder with
their own copies of these files.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "coding"


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    priority: int
    pattern: re.Pattern
    # the sentence must also say this (``requires`` in triggers.toml): "signed an agreement" is an
    # event only between armed or political sides, "withdrew from" only when forces withdrew
    requires: re.Pattern | None = None


@dataclass(frozen=True)
class CodingRules:
    version: str
    triggers: tuple[Trigger, ...]
    trigger_any: re.Pattern  # one pattern for all triggers: a quick test for candidate sentences
    negation: re.Pattern
    modality: re.Pattern
    statistics: re.Pattern
    intervention: re.Pattern
    excessive: re.Pattern
    violent: re.Pattern
    armed_victim: re.Pattern
    civilian_victim: re.Pattern
    number_words: dict
    vague_numbers: dict
    other_people: re.Pattern | None = None  # [victims] other_people: people a count names (suspects, gunmen)
    background: re.Pattern | None = None  # a long-past time ("a year ago", "in the 1980s"): history, not news
    # (sentence pattern, sub-event types it takes away): [blocked_kinds] of cues.toml -- ordinary crime
    # takes away arrests, a storm or blaze property destruction
    kind_blockers: tuple[tuple[re.Pattern, frozenset[str]], ...] = ()
    typing: dict | None = None  # [typing] word lists: grievance, armed_side, unarmed_side, state_side, nonstate_side,
    # armed_actor, protester (compiled), civilian_places (source)


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _words(patterns: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + _alt(patterns) + r")\b", re.I)


def _typing_cues(table: dict) -> dict:
    out = {k: _words(table[k]) for k in ("grievance", "armed_side", "unarmed_side", "state_side", "nonstate_side",
                                               "armed_actor", "protester", "crowd_control", "arsonist", "remnant")
           if table.get(k)}
    if table.get("civilian_places"):
        out["civilian_places"] = _alt(table["civilian_places"])
    return out


def _requires(requires: list[str] | None, unless: list[str] | None) -> re.Pattern | None:
    """One sentence test for a trigger: some ``requires`` word is in the sentence and no ``unless`` word
    ("attack" in a football report is no event: ``unless`` names the match, the striker, the goal)."""
    if not requires and not unless:
        return None
    need = f"(?=[\\s\\S]*?(?:{_alt(requires)}))" if requires else ""
    veto = f"(?![\\s\\S]*?(?:{_alt(unless)}))" if unless else ""
    return re.compile("^" + veto + need, re.I)


def _read(name: str, folder: str | None) -> dict:
    try:
        if folder and (Path(folder) / name).is_file():
            return tomllib.loads((Path(folder) / name).read_text(encoding="utf-8"))
        return tomllib.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"coding file {name}: {exc}") from exc


@lru_cache(maxsize=4)
def load_rules(folder: str | None = None) -> CodingRules:
    trig = _read("triggers.toml", folder)
    cues = _read("cues.toml", folder)
    nums = _read("numbers.toml", folder)
    triggers = []
    all_patterns = []
    for t in trig.get("trigger", []):
        try:
            rx = re.compile(r"(?<![\w-])(?:" + _alt(t["patterns"]) + r")(?![\w-])",
                            re.I if t["sub_event_type"] not in () else 0)
        except re.error as exc:
            raise ConfigError(f"triggers.toml: {t.get('sub_event_type')}: {exc}") from exc
        try:
            req = _requires(t.get("requires"), t.get("unless"))
        except re.error as exc:
            raise ConfigError(f"triggers.toml: {t.get('sub_event_type')} requires/unless: {exc}") from exc
        triggers.append(Trigger(t["event_type"], t["sub_event_type"], int(t["priority"]), rx, req))
        all_patterns += t["patterns"]
    b = cues["blockers"]
    return CodingRules(
        version=f"triggers {trig.get('version')}, cues {cues.get('version')}, numbers {nums.get('version')}",
        triggers=tuple(triggers),
        trigger_any=re.compile(r"(?<![\w-])(?:" + _alt(all_patterns) + r")(?![\w-])", re.I),
        negation=re.compile(_alt(b["negation"]), re.I),
        modality=re.compile(_alt(b["modality"]), re.I),
        statistics=re.compile(_alt(b["statistics"]), re.I),
        intervention=_words(cues["intervention"]["patterns"]),
        excessive=_words(cues["intervention"]["excessive"]),
        violent=_words(cues["intervention"]["violent"]),
        armed_victim=_words(cues["victims"]["armed"]),
        civilian_victim=_words(cues["victims"]["civilian"]),
        other_people=_words(cues["victims"]["other_people"]) if cues["victims"].get("other_people") else None,
        number_words={k.lower(): int(v) for k, v in nums["words"].items()},
        vague_numbers={k.lower(): int(v) for k, v in nums["vague"].items()},
        background=re.compile(_alt(b["background"]), re.I) if b.get("background") else None,
        kind_blockers=tuple((re.compile(_alt(b[name]), re.I), frozenset(kinds))
                            for name, kinds in cues.get("blocked_kinds", {}).items() if b.get(name)),
        # word lists of typing decisions: cues.toml [typing], with triggers.toml [typing] (the sides that
        # take territory, protesters as victims) for the lists cues.toml lacks
        typing=_typing_cues({**trig.get("typing", {}), **cues.get("typing", {})}),
    )
