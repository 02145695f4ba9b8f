"""robots.txt rules read as RFC 9309 says: wildcards, end anchors, longest match, our own group."""
import pytest

from conflictlens.ingest.robots import parse_robots

UA = "conflictlens/0.2 (+https://example.test/bot)"
TEXT = """# comments are ignored
User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Disallow: /search*q=

User-agent: otherbot
Disallow: /
"""


@pytest.mark.parametrize("path, allowed", [
    ("/news/1", True),
    ("/private/x", False),
    ("/private/open/x", True),      # the longer Allow wins
    ("/files/report.pdf", False),   # * inside, $ at the end
    ("/files/report.pdf?page=2", True),
    ("/search?lang=en&q=azaz", False),
])
def test_the_star_group_applies_with_wildcards_and_longest_match(path, allowed):
    assert parse_robots(TEXT, UA).allows("https://site.test" + path) is allowed


def test_a_group_naming_our_token_replaces_the_star_group():
    text = TEXT + "\nUser-agent: conflictlens\nDisallow: /no-bots/\n"
    rules = parse_robots(text, UA)
    assert rules.allows("https://site.test/private/x")  # the * group no longer applies
    assert not rules.allows("https://site.test/no-bots/y")


def test_allow_wins_a_tie_and_an_empty_disallow_allows_everything():
    assert parse_robots("User-agent: *\nDisallow: /a\nAllow: /a\n", UA).allows("https://s.test/a")
    assert parse_robots("User-agent: *\nDisallow:\n", UA).allows("https://s.test/anything")
    assert parse_robots("", UA).allows("https://s.test/anything")


def test_groups_naming_our_token_merge_and_match_in_any_case():
    # RFC 9309 2.2.1: agent names are case-insensitive, and groups for the same agent are combined
    text = ("User-agent: ConflictLens\nDisallow: /a/\n\nUser-agent: *\nDisallow: /\n\n"
            "user-agent: conflictlens\ndisallow: /b/\n")
    rules = parse_robots(text, UA)
    assert not rules.allows("https://s.test/a/1")
    assert not rules.allows("https://s.test/b/1")
    assert rules.allows("https://s.test/c")


def test_several_agents_share_one_group():
    rules = parse_robots("User-agent: otherbot\nUser-agent: conflictlens\nDisallow: /x\n", UA)
    assert not rules.allows("https://s.test/x/1")
    assert rules.allows("https://s.test/y")


def test_percent_encoded_rules_match_the_url_in_either_form():
    rules = parse_robots("User-agent: *\nDisallow: /caf%C3%A9\n", UA)
    assert not rules.allows("https://s.test/caf%C3%A9/menu")
    assert not rules.allows("https://s.test/café/menu")
    assert rules.allows("https://s.test/cafe/menu")
