import pytest
from hypothesis import given, strategies as st

from conflictlens.errors import QuerySyntaxError
from conflictlens.store.query import matches, parse_query, to_fts


@pytest.mark.parametrize("bad", ['', '   ', '"unclosed', 'a AND', 'OR b', 'a (b', 'a )', '()', 'NOT a', 'ab*c', '***', '""'])
def test_syntax_errors_are_clear(bad):
    with pytest.raises(QuerySyntaxError) as info:
        to_fts(parse_query(bad))
    assert str(info.value)


def test_rendering_quotes_every_term():
    fts = to_fts(parse_query('al-Bab OR "Kafr Ghan" NOT raqqa*'))
    assert '"al Bab"' in fts and '"Kafr Ghan"' in fts and '"raqqa"*' in fts
    assert '"bab"' in fts and '"raqa"*' in fts  # folded alternatives (Al Bab, El-Bab; Raqqa, Raqa)
    assert to_fts(parse_query("Kafr")) == '"Kafr"'  # no alternative when folding changes nothing


@given(st.text(max_size=40))
def test_parser_never_crashes_with_anything_but_query_errors(text):
    try:
        to_fts(parse_query(text))
    except QuerySyntaxError:
        pass


def test_in_memory_matching():
    node = parse_query("al-Bab AND NOT Raqqa")
    assert matches(node, "Fighting in Al Bab today")
    assert not matches(node, "Fighting in Al Bab and Raqqa")
    assert matches(parse_query("A'zaz"), "the town of Azaz")
    assert matches(parse_query("assassin*"), "the assassination of a commander")
