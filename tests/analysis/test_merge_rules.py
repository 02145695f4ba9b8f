"""Cross-article merging (issue 12): the match score, its never-merge rules and the toll rule (pure)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from conflictlens.analysis.match import MergeSettings, Report, mentions, score, window
from conflictlens.analysis.toll import conservative_toll

from analysis_helpers import event, place

S = MergeSettings()
AZAZ = place("Azaz", 36.5866, 37.0463)
# a village the gazetteer does not know, coded to the town's point (as extract/locate.py does)
VILLAGE_A = place("Kafr Sousa", 36.5866, 37.0463, precision=2, matched_name="I'zaz",
                  reason="Kafr Sousa not located; coded to Azaz: exact match")
VILLAGE_B = place("Tal Qamar", 36.5866, 37.0463, precision=2, matched_name="I'zaz",
                  reason="Tal Qamar not located; coded to Azaz: exact match")
BAB = place("al-Bab", 36.3705, 37.5157)


def rep(day="2021-04-10", published=None, **kw) -> Report:
    return Report(event(day, **kw), published=date.fromisoformat(published) if published else None)


def test_spellings_of_one_place_and_one_day_merge():
    a = rep(where=AZAZ, quote="A truck bomb exploded in the market of Azaz, killing 12 people.")
    b = rep(where=replace(AZAZ, name="A'zaz"), quote="Twelve died when a lorry bomb went off in A'zaz market.")
    m = score(a, b, S)
    assert m.merges(S.threshold), m
    assert any("same place" in r for r in m.reasons) and any("same day" in r for r in m.reasons)


def test_two_named_villages_never_merge_even_at_one_point():
    # the seed-like case: an assassination in one village, a killing in another a day later, same town's point
    a = rep("2021-04-10", where=VILLAGE_A, etype="Violence against civilians", sub="Attack",
            quote="IS gunmen assassinated a commander in Kafr Sousa.")
    b = rep("2021-04-11", where=VILLAGE_B, etype="Violence against civilians", sub="Attack",
            quote="IS gunmen killed a man in Tal Qamar.")
    m = score(a, b, S)
    assert m.veto and "two named places" in m.veto
    assert not m.merges(-100)


def test_a_village_and_the_town_it_is_coded_to_are_compatible():
    a = rep(where=VILLAGE_A, quote="IS killed a commander in Kafr Sousa near Azaz.")
    b = rep(where=replace(AZAZ, precision=2), quote="IS said it killed a commander near Azaz.")
    m = score(a, b, S)
    assert m.veto is None and any("coded to" in r for r in m.reasons)


def test_places_tens_of_km_apart_dates_beyond_the_window_and_other_types_never_merge():
    base = dict(quote="A car bomb killed four fighters at a checkpoint.")
    assert "two places" in score(rep(where=AZAZ, **base), rep(where=BAB, **base), S).veto
    assert "dates apart" in score(rep("2021-04-10", where=AZAZ, **base), rep("2021-04-12", where=AZAZ, **base), S).veto
    protest = rep(where=AZAZ, etype="Protests", sub="Peaceful protest", quote="Residents protested in Azaz.")
    assert "incompatible types" in score(rep(where=AZAZ, **base), protest, S).veto


def test_usual_type_confusion_and_actor_aliases_qualifiers():
    a = rep(where=AZAZ, etype="Battles", actor1="Islamic State (Syria)", quote="IS fighters attacked an army post in Azaz.")
    b = rep(where=AZAZ, etype="Violence against civilians", sub="Attack", actor1="Islamic State",
            quote="IS fighters stormed an army post in Azaz.")
    m = score(a, b, S)
    assert m.veto is None and any("often reported either way" in r for r in m.reasons)
    assert any(r.startswith("both name ") for r in m.reasons)
    other = replace(b.event, actor1="Syrian Democratic Forces", actor2="Turkish Army")
    assert score(a, Report(other), S).score < m.score - 1.5, "naming only other actors costs"


def test_undated_report_is_bounded_by_its_publication_date():
    undated = Report(replace(event("2021-04-10", where=AZAZ), event_date=None), published=date(2021, 4, 12))
    assert window(undated, S) == (date(2021, 4, 5), date(2021, 4, 12))
    dated = rep("2021-04-11", where=AZAZ)
    assert score(undated, dated, S).veto is None
    assert "dates apart" in score(undated, rep("2021-04-20", where=AZAZ), S).veto
    assert window(Report(replace(undated.event, event_date=None)), S) is None


def test_unlocated_report_scores_the_place_its_sentence_names():
    a = rep(where=None, quote="Eleven died when jets bombed the market of Maarat al-Noman.")
    b = rep(where=place("Maarat al-Numan", 35.648, 36.677, admin1="Idlib"), quote="Jets hit Maarat al-Numan.")
    assert any("names Maarat al-Numan" in r for r in score(a, b, S).reasons)
    assert mentions("in the town of Maarat Al-Nouman", "Maarat al-Numan")
    assert not mentions("in Saraqib", "Maarat al-Numan")


def test_conservative_toll_never_a_lone_outlier():
    assert conservative_toll([1, 22, 25, 46]).value == 22, "a misread 1 is not the toll"
    assert conservative_toll([22, 46]).value == 22
    assert conservative_toll([3, 9, 30]).value == 9, "no two agree: the lower median"
    assert conservative_toll([46]).value == 46
    assert conservative_toll([]).value == 0
    assert "supported by 25" in conservative_toll([22, 25, 46]).rule
