from conflictlens.extract.coding import load_rules
from conflictlens.extract.counts import acled_note_count, conservative, find_counts

R = load_rules()


def values(text, kind="fatalities"):
    return sorted(c.value for c in find_counts(text, R, kind))


def test_numbers_and_number_words():
    assert values("Gunmen killed 4 farmers in the village.") == [4]
    assert values("Five soldiers were killed in the ambush.") == [5]
    assert values("The blast injured twelve people.", "injured") == [12]
    assert values("a man was shot dead at a checkpoint") == [1]


def test_vague_quantities_follow_the_guide():
    assert values("several civilians were killed") == [10]
    assert values("dozens of people were killed") == [12]
    assert values("a few fighters died") == [3]


def test_units_and_negations_are_not_counts():
    assert values("Fighting lasted 3 hours and nobody was killed.") == []
    assert values("No one was killed in the attack.") == []


def test_most_conservative_figure():
    found = find_counts("at least 3 people were killed", R, "fatalities") + \
        find_counts("up to 5 people were killed", R, "fatalities")
    assert conservative(found).value == 3


def test_acled_count_notes():
    assert acled_note_count("2 fatalities.", R).value == 2
    assert acled_note_count("Unknown number of fatalities coded as 10.", R).value == 10
    assert acled_note_count("30 fatalities split between 3 events.", R).value == 10
    assert acled_note_count("Nothing to count here.", R) is None


def test_a_whole_toll_is_not_undercut_by_a_group_among_its_dead():
    counts = [c for t in ("The bombing killed three Canadians.", "As many as 11 people were killed in the attack.",
                          "Two soldiers were killed.") for c in find_counts(t, R, "fatalities")]
    assert conservative(counts).value == 11
    rivals = [c for t in ("At least 9 people were killed.", "Medics said 14 people died.") for c in find_counts(t, R, "fatalities")]
    assert conservative(rivals).value == 9
    bigger_group = [c for t in ("Five people were killed.", "Seven villagers were killed.") for c in find_counts(t, R, "fatalities")]
    assert conservative(bigger_group).value == 5


def test_rival_tolls_in_one_sentence_give_the_smallest():
    from conflictlens.extract.counts import sentence_count

    rivals = "Rescuers said 40 people were killed on Monday, while a monitor said 75 people had died."
    assert sentence_count(find_counts(rivals, R, "fatalities"), rivals).value == 40
    parts = "The blast killed 6 people, including 2 children."
    assert sentence_count(find_counts(parts, R, "fatalities"), parts).value == 6


def test_attackers_and_other_clauses_are_not_the_dead():
    assert values("A farmer was shot to death by four masked men riding two motorbikes.") == [1]
    assert values("Seven soldiers were killed and another three soldiers were injured.") == [7]
    assert values("Crowds protested, demanding an inquiry into the killing of 2 traders last month.") == []


def test_one_victim_in_the_singular():
    from conflictlens.extract.counts import named_victim

    assert named_victim("The leader of the local farmers' union was shot dead by gunmen.").value == 1
    assert named_victim("Snipers opened fire on a shepherd, killing him.").value == 1
    assert named_victim("No one was killed in the blast.") is None


def test_years_names_and_mourned_deaths_are_not_counts():
    assert values("On 5 May 2020, gunmen killed the district chief.") == []
    assert values("Villagers opposed the burial of COVID-19 victims who died in hospital.") == []
    assert values("A crowd held a demonstration over the death of a teenager.") == []
    assert values("Two protesters died when police fired on the crowd.") == [2]


def test_a_number_before_an_active_killing_is_the_killer_not_the_dead():
    rules = load_rules()
    assert find_counts("Witnesses say one of the guards is killing detainees, the lawyer said.", rules, "fatalities") == []
    assert [c.value for c in find_counts("Two gunmen were killing villagers when police arrived.", rules, "fatalities")] == []
    assert [c.value for c in find_counts("Three people were killed in the raid.", rules, "fatalities")] == [3]
