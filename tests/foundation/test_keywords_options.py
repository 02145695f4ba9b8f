import pytest

from conflictlens.errors import ConfigError
from conflictlens.keywords import Keyphrase, helpful_keywords, merge_keywords
from conflictlens.options import load_options

ARTICLE = """The Northern Brigade said its fighters repelled an attack by the Valley Front near Stonebridge on Monday.
The Valley Front has attacked Stonebridge three times this month, the Northern Brigade said.
Residents of Stonebridge said the Valley Front cell fled toward the hills after the clashes.
Local officials in Stonebridge asked for more protection from the Northern Brigade."""


def test_keywords_count_and_dedup():
    kws = helpful_keywords(ARTICLE, "Valley Front attack repelled near Stonebridge")
    assert 5 <= len(kws) <= 12 or len(kws) >= 3
    lowered = [k.lower() for k in kws]
    assert "stonebridge" in lowered and "valley front" in lowered
    assert "valley front cell" not in lowered  # contains a kept keyword
    assert len(set(lowered)) == len(lowered)


def test_entities_first_and_alias_merge():
    phrases = [Keyphrase("ISIS", 3), Keyphrase("isis cell", 2), Keyphrase("rural Aleppo", 1.5), Keyphrase("Azaz", 1)]
    same_as = {"isis": "Islamic State", "islamic state": "Islamic State"}.get
    kws = merge_keywords(["Islamic State", "Aleppo"], phrases, min_n=1, same_as=lambda s: same_as(s.lower()))
    assert kws == ("Islamic State", "Aleppo", "Azaz")


def test_options_precedence(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('db = "from-file.db"\nfetch_timeout = 3\n')
    opts = load_options(cfg, env={"CONFLICTLENS_FETCH_TIMEOUT": "7"})
    assert opts.db == "from-file.db" and opts.fetch_timeout == 7.0
    assert load_options(cfg, env={}, db="flag.db").db == "flag.db"
    assert load_options(cfg, env={}, db=None).db == "from-file.db"
    with pytest.raises(ConfigError):
        load_options(env={"CONFLICTLENS_FETCH_TIMEOUT": "soon"})
    bad = tmp_path / "bad.toml"
    bad.write_text("nonsense = 1\n")
    with pytest.raises(ConfigError, match="unknown option"):
        load_options(bad, env={})


def test_fetch_options_are_fields_loaded_like_the_others(tmp_path):
    defaults = load_options(env={})
    assert (defaults.max_redirects, defaults.fetch_deadline, defaults.feed_min_content_chars) == (5, 0.0, 1200)
    assert defaults.fetch_trust_env is True
    cfg = tmp_path / "f.toml"
    cfg.write_text("[conflictlens]\nmax_redirects = 2\nfeed_min_content_chars = 300\n")
    opts = load_options(cfg, env={"CONFLICTLENS_FETCH_DEADLINE": "45", "CONFLICTLENS_FETCH_TRUST_ENV": "no"},
                        max_redirects=3)
    assert (opts.max_redirects, opts.fetch_deadline, opts.feed_min_content_chars) == (3, 45.0, 300)
    assert opts.fetch_trust_env is False and "max_redirects" not in opts.extras
    assert defaults.respect_robots is True
    assert load_options(env={"CONFLICTLENS_RESPECT_ROBOTS": "false"}).respect_robots is False


def test_yake_method_gives_merged_keywords_too():
    kws = helpful_keywords(ARTICLE, "Valley Front attack repelled near Stonebridge", method="yake")
    lowered = [k.lower() for k in kws]
    assert 1 <= len(kws) <= 12 and len(set(lowered)) == len(lowered)
    assert any("stonebridge" in k for k in lowered)
