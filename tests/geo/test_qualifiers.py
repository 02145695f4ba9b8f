import pytest

from conflictlens.geo.qualifiers import parse_qualified, qualifier_after, qualifier_before


@pytest.mark.parametrize("text,core,qualifier,direction", [
    ("rural eastern Aleppo", "Aleppo", "rural", "east"),
    ("northern rural Hama", "Hama", "rural", "north"),
    ("the eastern countryside of Deir ez-Zor", "Deir ez-Zor", "countryside", "east"),
    ("Idlib's southern countryside", "Idlib", "countryside", "south"),
    ("Aleppo countryside", "Aleppo", "countryside", ""),
    ("east of Azaz", "Azaz", "direction", "east"),
    ("10 km north-west of al-Bab", "al-Bab", "direction", "northwest"),
    ("near the village of al-Numan", "al-Numan", "near", ""),
    ("the outskirts of Raqqa", "Raqqa", "outskirts", ""),
    ("rural Azaz", "Azaz", "rural", ""),
    ("Deir ez-Zor Governorate", "Deir ez-Zor", "region", ""),
    ("Aleppo province", "Aleppo", "region", ""),
    ("Orange County", "Orange", "district", ""),
    ("al-Bab", "al-Bab", "", ""),
    ("Ras al-Ain", "Ras al-Ain", "", ""),
])
def test_parse_qualified(text, core, qualifier, direction):
    q = parse_qualified(text)
    assert (q.core, q.qualifier, q.direction) == (core, qualifier, direction)


def test_qualifier_around_a_name_in_running_text():
    assert qualifier_before("clashes erupted on the outskirts of ")[0] == "outskirts"
    assert qualifier_before("a shell landed in ")[0] == ""
    assert qualifier_after("'s western countryside on Friday")[:2] == ("countryside", "west")
    assert qualifier_after(" on Friday")[0] == ""
