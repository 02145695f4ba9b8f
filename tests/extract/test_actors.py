"""Tests of the actor table: aliases, acronyms, possessives, dates, generic actors, user files."""
from __future__ import annotations

from datetime import date

import pytest

from conflictlens.errors import ConfigError
from conflictlens.extract.actors import ActorMatch, ActorTable
from conflictlens.options import Options


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable.load()


def names(table: ActorTable, text: str, country: str | None = None, when: date | None = None) -> list[str]:
    """Names of the named actors found (generic words like "fighters" left out)."""
    return [m.actor.name for m in table.find(text, country, when) if m.kind == "named"]


def test_aliases_resolve_to_one_canonical_actor(table):
    for alias in ("ISIS", "ISIL", "Daesh", "the caliphate", "Islamic State organization"):
        assert table.resolve(alias).name == "Islamic State", alias
    assert table.resolve("Kurdish-led forces").name == "QSD: Syrian Democratic Forces"
    assert table.resolve("Jabhat al-Nusra").name.startswith("HTS")
    assert table.resolve("Turkish-backed factions").name == "Syrian National Army"
    assert table.resolve("unknown aircraft").name == "Unidentified Military Forces"
    assert table.resolve("no such group anywhere") is None


def test_transliteration_and_hyphen_variants(table):
    for variant in ("al-Shabaab", "Al Shabaab", "al-Shabab", "Shabaab", "ash-Shabaab"):
        assert names(table, f"Fighters of {variant} attacked a base.") == ["Al Shabaab"], variant
    assert table.resolve("Hay'at Tahrir ash-Sham").name.startswith("HTS")
    assert table.resolve("Hayat Tahrir al Sham").name.startswith("HTS")


def test_acronyms_are_case_sensitive(table):
    assert names(table, "SDF units advanced") == ["QSD: Syrian Democratic Forces"]
    assert names(table, "the sdf units advanced") == []
    assert names(table, "He said hts was a word") == []


def test_is_only_when_it_names_the_group(table):
    assert names(table, "IS fighters attacked the checkpoint.") == ["Islamic State"]
    assert names(table, "The attack was claimed by IS on Monday.") == ["Islamic State"]
    assert "Islamic State" not in names(table, "It is what it is.")
    assert "Islamic State" not in names(table, "THIS IS THE END")
    assert "Islamic State" not in names(table, "Is it over?")


def test_possessives(table):
    found = table.find("ISIS's fighters and Daesh's cells")
    assert [m.actor.name for m in found] == ["Islamic State", "Islamic State"]
    only = table.find("ISIS's attack")[0]
    assert only.text == "ISIS" and isinstance(only, ActorMatch)


def test_spans_quote_the_text(table):
    text = "Yesterday, al-Shabaab militants ambushed Kenyan troops near Mandera."
    for m in table.find(text, "Kenya"):
        assert text[m.start:m.end] == m.text


def test_longest_match_wins(table):
    assert names(table, "Islamic State West Africa Province fighters") == ["Islamic State (West Africa)"]


def test_validity_dates(table):
    before = table.resolve("government forces", when=date(2019, 5, 1), country="Syria")
    after = table.resolve("government forces", when=date(2025, 3, 1), country="Syria")
    assert before.name.startswith("Military Forces of Syria") and before.valid_until == date(2024, 12, 7)
    assert after.name.startswith("Military Forces of Syria") and after.valid_from == date(2024, 12, 8)
    assert table.resolve("Taliban", when=date(2019, 1, 1)).name == "Taliban"
    assert table.resolve("Taliban", when=date(2022, 1, 1), country="Afghanistan").name.startswith("Military Forces of Afghanistan")
    assert table.resolve("GNA", when=date(2019, 6, 1)).name.endswith("Government of National Accord")
    assert table.resolve("GNA", when=date(2023, 6, 1)) is None


def test_country_bound_aliases(table):
    assert table.resolve("National Army", country="Yemen").name == "Military Forces of Yemen (2012-)"
    assert table.resolve("National Army", country="Syria").name == "Syrian National Army"
    assert table.resolve("ISIS", country="Nigeria").name == "Islamic State (West Africa)"
    assert table.resolve("ISIS", country="Iraq").name == "Islamic State"
    assert table.resolve("SNA", country="Somalia").name == "Military Forces of Somalia"


@pytest.mark.parametrize(
    "kind,country,expected,inter",
    [
        ("civilians", "Nigeria", "Civilians (Nigeria)", 7),
        ("protesters", "Israel", "Protesters (Israel)", 6),
        ("rioters", "Kenya", "Rioters (Kenya)", 5),
        ("unidentified_armed_group", "Mexico", "Unidentified Armed Group (Mexico)", 3),
        ("gang", "Mexico", "Unidentified Gang (Mexico)", 3),
        ("police", "India", "Police Forces of India", 1),
        ("government", "Kenya", "Government of Kenya", 1),
        ("military", "Philippines", "Military Forces of the Philippines", 1),
        ("unidentified_military", None, "Unidentified Military Forces", 8),
    ],
)
def test_generic_actors(table, kind, expected, country, inter):
    actor = table.generic(kind, country)
    assert actor.name == expected and actor.inter == inter


def test_generic_unknown_kind(table):
    with pytest.raises(ValueError):
        table.generic("aliens", "Chad")


def test_generic_uses_dated_state_forces(table):
    assert table.generic("military", "Nigeria", date(2020, 5, 1)).name == "Military Forces of Nigeria (2015-2023)"
    assert table.generic("military", "Nigerian", date(2024, 5, 1)).name == "Military Forces of Nigeria (2023-)"


@pytest.mark.parametrize(
    "text,expected,kind",
    [
        ("Malian soldiers were ambushed", "Military Forces of Mali", "military"),
        ("the Russian military shelled the town", "Military Forces of Russia", "military"),
        ("Indian police arrested two men", "Police Forces of India", "police"),
        ("police in Kenya dispersed a crowd", "Police Forces of Kenya", "police"),
        ("the army of Burkina Faso said", "Military Forces of Burkina Faso", "military"),
        ("Filipino troops clashed", "Military Forces of the Philippines", "military"),
        ("the Colombian navy seized", "Military Forces of Colombia", "military"),
    ],
)
def test_country_adjectives(table, text, expected, kind):
    found = [m for m in table.find(text) if m.kind in ("military", "police", "government", "named")]
    assert found and found[0].actor.name == expected
    assert table.country_forces(text).name == expected


def test_bare_forces_use_the_country_in_focus(table):
    found = table.find("Soldiers repelled the attack; police arrested a suspect.", country="Niger")
    assert [(m.actor.name, m.kind) for m in found if m.kind in ("military", "police")] == [
        ("Military Forces of Niger", "military"), ("Police Forces of Niger", "police")]
    unresolved = [m for m in table.find("Soldiers repelled the attack.") if m.kind == "military"]
    assert unresolved[0].actor.country is None


def test_generic_words(table):
    found = {m.text: (m.actor.name, m.kind) for m in table.find("Unknown gunmen shot two civilians.", "Mali")}
    assert found["Unknown gunmen"] == ("Unidentified Armed Group (Mali)", "generic")
    assert found["civilians"] == ("Civilians (Mali)", "generic")
    found = {m.text: m.actor.name for m in table.find("Students protested; journalists were beaten.", "Kenya")}
    assert found["Students"] == "Protesters (Kenya)" and found["journalists"] == "Civilians (Kenya)"


def test_resolve_acled_style_names(table):
    assert table.resolve("Military Forces of India (2014-)").name == "Military Forces of India"
    assert table.resolve("Protesters (Israel)").name == "Protesters (Israel)"
    assert table.resolve("Unidentified Armed Group (Mexico)").country == "Mexico"


def test_user_file_adds_actors(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "# version: test\nname,actor_type,inter,country,aliases,valid_from,valid_until\n"
        "Brigade of the Green Hills,rebel_group,,Atlantis,Green Hills Brigade|=BGH,2020-01-01,\n",
        encoding="utf-8")
    table = ActorTable.load(Options(actor_files=(str(path),)))
    found = table.find("BGH fighters and the Green Hills Brigade clashed", when=date(2021, 1, 1))
    assert [m.actor.name for m in found if m.kind == "named"] == ["Brigade of the Green Hills"] * 2
    assert found[0].actor.inter == 2
    assert table.find("bgh") == []
    assert table.resolve("Green Hills Brigade", when=date(2019, 1, 1)) is None
    assert ActorTable.load().resolve("Green Hills Brigade") is None  # the bundled table is unchanged


@pytest.mark.parametrize(
    "row,message",
    [
        ("Bad Actor,warlords,,X,alias,,", "unknown actor_type"),
        ("Bad Actor,rebel_group,9,X,alias,,", "inter must be 1..8"),
        ("Bad Actor,rebel_group,,X,alias,2020-13-01,", "bad valid_from"),
        ("Bad Actor,rebel_group,,X,alias,,,extra", "fields"),
    ],
)
def test_bad_user_file_names_file_and_line(tmp_path, row, message):
    path = tmp_path / "bad.csv"
    path.write_text("# a comment\nname,actor_type,inter,country,aliases,valid_from,valid_until\n"
                    "Good Actor,rebel_group,,X,good,,\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        ActorTable.load(extra_files=[str(path)])
    assert f"{path}:4" in str(err.value) and message in str(err.value)


def test_missing_user_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        ActorTable.load(extra_files=[str(tmp_path / "nope.csv")])


def test_load_is_cached():
    assert ActorTable.load() is ActorTable.load()


def test_identity_militias_from_group_names(table):
    found = {m.text: m.actor for m in table.find("Tiv youths attacked a village; Rizeigat militiamen fled.", "Nigeria")
             if m.kind == "identity"}
    assert found["Tiv youths"].name == "Tiv Ethnic Militia (Nigeria)" and found["Tiv youths"].inter == 4
    assert "Rizeigat militiamen" in found
    clan = [m.actor.name for m in table.find("the Qoryoley clan militia attacked", "Somalia") if m.kind == "identity"]
    assert clan == ["Qoryoley Clan Militia (Somalia)"]
    assert [m for m in table.find("the clan militia attacked", "Somalia") if m.kind == "identity"] == []


def test_unknown_perpetrators_depend_on_the_country(table):
    assert table.generic("perpetrator", "Mexico").name == "Unidentified Gang (Mexico)"
    assert table.generic("perpetrator", "Mali").name == "Unidentified Armed Group (Mali)"
    found = [m.actor.name for m in table.find("A man was found dead in a ravine.", "Honduras") if m.kind == "implied"]
    assert found == ["Unidentified Gang (Honduras)"]


def test_title_case_isis_and_forces_loyal_to_a_leader(table):
    assert "Islamic State" in names(table, "Isis fighters attacked the village on Monday.")
    assert "Islamic State" not in names(table, "A statue of the goddess isis was unveiled.")
    assert "Military Forces of Syria (2000-2024)" in names(
        table, "Forces loyal to Bashar al-Assad entered the town.", "Syria", date(2018, 2, 20))
