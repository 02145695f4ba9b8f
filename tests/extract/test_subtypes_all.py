"""Every one of ACLED's 25 sub-event types is reachable (issue 10, class 12): for each, short
news snippets in three styles -- a wire agency's dateline, a local outlet's report and an ACLED
note ("On 5 March 2021, ...") -- are coded as one event of that type; and words that look like
a trigger of the hard types in other senses (a company's agreement, a treaty one withdraws from,
a base of supporters, a sports attack, control of a situation) code no event of it.

Hand-written sentences; the places are the fake geocoder's (conftest).  Articles are published
on Wednesday 10 March 2021, so "on Monday" is 8 March.
"""
import pytest

B, E, V, P, R, S = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                    "Strategic developments")

CASES = {
    # --- Battles ---------------------------------------------------------------------------
    (B, "Armed clash"): [
        "On 5 March 2021, Islamic State fighters clashed with Iraqi army troops near Mosul, leaving two soldiers dead.",
        "MAIDUGURI, Nigeria (Reuters) - Boko Haram insurgents ambushed an army patrol outside Maiduguri on Monday, "
        "killing three soldiers, military sources said.",
        "Gunmen on a motorbike shot dead a police officer at a checkpoint in Gao on Tuesday evening, a local official "
        "told our correspondent.",
    ],
    (B, "Government regains territory"): [
        "On 5 March 2021, Iraqi army troops recaptured areas near Mosul from Islamic State militants.",
        "KHARKIV, Ukraine (AP) - Ukrainian forces have retaken several villages north of Kharkiv from Russian troops, "
        "the general staff said on Tuesday.",
        "Malian soldiers regained control of Gao on Monday after jihadists had held parts of the town for two days, "
        "the army said.",
        "Syrian government forces seized control of Kafr Sousa from rebel factions on Monday, state media reported.",
        "The Nigerian army said its troops drove Boko Haram fighters out of the outskirts of Maiduguri on Sunday.",
        "Ukrainian troops pushed Russian forces out of villages near Kharkiv on Monday, the defence ministry said.",
        "On 5 March 2021, the Malian army announced the liberation of Gao after a two-day operation against jihadists.",
    ],
    (B, "Non-state actor overtakes territory"): [
        "On 5 March 2021, al-Qaeda militants seized control of military positions near Marib from government troops.",
        "GAO, Mali (AFP) - Jihadist fighters overran an army post outside Gao on Sunday, security sources said.",
        "Islamic State militants captured the district of Mosul's old city on Tuesday, residents said by telephone.",
        "Rebels of the Kurdish-led SDF took control of Tal Abyad on Monday after pushing Islamic State out of the town.",
        "On 5 March 2021, rebels captured Kafr Sousa from government forces after heavy fighting.",
        "The town of Gao fell to jihadist fighters on Sunday, a local official told AFP.",
        "TAL ABYAD, Syria (Reuters) - Islamic State militants seized Tal Abyad on Monday, residents said.",
    ],
    # --- Explosions/Remote violence --------------------------------------------------------
    (E, "Air/drone strike"): [
        "On 5 March 2021, Israeli warplanes struck positions near Kafr Sousa, according to local sources.",
        "An unidentified drone targeted a car on the road outside Tal Abyad on Tuesday, killing two people.",
        "BAGHDAD (Reuters) - Coalition aircraft bombed Islamic State hideouts near Mosul overnight, the Iraqi military said.",
    ],
    (E, "Shelling/artillery/missile attack"): [
        "On 5 March 2021, Russian forces shelled residential areas of Kharkiv, wounding four civilians.",
        "Houthi rebels fired a ballistic missile at Marib city on Monday, killing a child, local officials said.",
        "Mortar rounds fell on a market in Gao on Sunday, residents said.",
    ],
    (E, "Remote explosive/landmine/IED"): [
        "On 5 March 2021, a roadside bomb hit a military convoy near Gao, killing two soldiers.",
        "MOSUL, Iraq (Reuters) - A car bomb exploded near a checkpoint in Mosul on Tuesday, police said.",
        "Two farmers were killed when their tractor struck a landmine outside Marib, local sources said.",
    ],
    (E, "Suicide bomb"): [
        "On 5 March 2021, a suicide bomber blew himself up at a market in Maiduguri, killing five people.",
        "A female suicide bomber detonated her explosive vest near a mosque in Maiduguri on Monday.",
        "BAGHDAD (AP) - A suicide car bomb struck an army base near Mosul on Sunday, killing four soldiers.",
    ],
    (E, "Grenade"): [
        "On 5 March 2021, an unknown person threw a hand grenade at a shop in Kharkiv, injuring two people.",
        "Assailants lobbed a grenade into a cafe in Gao on Tuesday night, police said.",
        "A grenade attack on a police post in Maiduguri wounded three officers on Monday.",
    ],
    (E, "Chemical weapon"): [
        "On 5 March 2021, residents of Kafr Sousa reported a chlorine gas attack that left dozens struggling to breathe.",
        "Government helicopters dropped barrels of poison gas on Kafr Sousa on Monday, rescuers said.",
        "Activists said a nerve agent was used in the shelling of Kafr Sousa on Tuesday.",
    ],
    # --- Violence against civilians --------------------------------------------------------
    (V, "Attack"): [
        "On 5 March 2021, gunmen shot dead a teacher in front of his home in Gao.",
        "Unknown attackers stabbed a journalist to death in Kharkiv on Monday, his newspaper said.",
        "Bandits killed six villagers near Maiduguri overnight, residents told reporters.",
    ],
    (V, "Abduction/forced disappearance"): [
        "On 5 March 2021, gunmen kidnapped three aid workers on the road near Maiduguri.",
        "Armed men abducted a local councillor from his home in Gao on Tuesday, his family said.",
        "A businessman was taken hostage by militants near Mosul on Sunday, a relative said.",
    ],
    (V, "Sexual violence"): [
        "On 5 March 2021, soldiers raped two women in a village near Gao.",
        "A girl was sexually assaulted by armed men in Maiduguri on Monday, a rights group said.",
        "Militiamen gang-raped a woman near Marib on Sunday, local sources reported.",
    ],
    # --- Protests --------------------------------------------------------------------------
    (P, "Peaceful protest"): [
        "On 5 March 2021, teachers protested in Haifa, demanding higher salaries.",
        "Hundreds of residents marched through Kharkiv on Sunday to demand the reopening of the hospital.",
        "Farmers staged a sit-in outside the governor's office in Marib on Tuesday over water shortages.",
    ],
    (P, "Protest with intervention"): [
        "On 5 March 2021, police used tear gas to disperse students demonstrating in Maiduguri.",
        "Security forces broke up a rally of opposition supporters in Gao on Monday and arrested 12 people.",
        "HAIFA (Reuters) - Police fired water cannon at demonstrators in Haifa on Saturday, witnesses said.",
    ],
    (P, "Excessive force against protesters"): [
        "On 5 March 2021, security forces opened fire on peaceful protesters in Maiduguri, killing two.",
        "Soldiers fired live ammunition at demonstrators in Gao on Monday, killing three people, witnesses said.",
        "Police shot dead a protester during a peaceful march in Kharkiv on Sunday, his family said.",
        "Troops killed four people when they fired on a crowd of demonstrators demanding jobs in Marib on Tuesday.",
        "Two protesters were shot dead by soldiers in Gao on Monday as troops fired on a march against the junta.",
        "On 5 March 2021, police killed a demonstrator with live rounds at a peaceful sit-in in Maiduguri.",
    ],
    # --- Riots -----------------------------------------------------------------------------
    (R, "Violent demonstration"): [
        "On 5 March 2021, protesters threw stones at police and torched a police car in Maiduguri during a "
        "demonstration against fuel prices.",
        "Angry youths burned tyres and blocked roads in Gao on Monday to protest power cuts.",
        "Demonstrators clashed with police in Haifa on Saturday, smashing shop windows.",
    ],
    (R, "Mob violence"): [
        "On 5 March 2021, a mob lynched a man accused of theft in Maiduguri.",
        "Villagers beat a suspected thief to death near Gao on Tuesday, police said.",
        "Supporters of two rival politicians fought with sticks and machetes in Marib on Sunday.",
    ],
    # --- Strategic developments ------------------------------------------------------------
    (S, "Arrests"): [
        "On 5 March 2021, police arrested four members of an Islamic State cell in Mosul.",
        "Security forces detained a journalist in Gao on Monday, his employer said.",
        "Israeli police took three activists into custody in Haifa on Saturday.",
    ],
    (S, "Disrupted weapons use"): [
        "On 5 March 2021, army engineers defused a roadside bomb planted near Gao.",
        "KHARKIV, Ukraine (Reuters) - Ukrainian air defences shot down two drones over Kharkiv overnight, the "
        "regional governor said.",
        "Iraqi forces found a cache of weapons and explosives in an abandoned house near Mosul on Monday.",
        "Saudi-led coalition forces intercepted a ballistic missile fired by the Houthis at Marib on Sunday.",
        "Bomb disposal experts safely detonated an explosive device found on the roadside near Gao on Monday.",
        "On 5 March 2021, Iron Dome intercepted a rocket fired towards Haifa.",
        "Security forces in Mosul seized a car packed with explosives on Tuesday, foiling a bombing, police said.",
        "Two drones launched at Marib were downed by coalition air defences on Sunday, the coalition said.",
    ],
    (S, "Looting/property destruction"): [
        "On 5 March 2021, gunmen looted shops and burned houses in a village near Maiduguri.",
        "Armed men stole livestock from herders near Gao on Monday, local sources said.",
        "Israeli forces demolished a Palestinian family's home near Haifa on Tuesday.",
        "Militants destroyed a telecommunications mast outside Mosul on Sunday, cutting the network.",
        "Gunmen set fire to twenty houses in a village near Maiduguri on Monday, residents said.",
        "On 5 March 2021, Houthi fighters plundered the hospital in Marib and burned its ambulances.",
    ],
    (S, "Headquarters or base established"): [
        "On 5 March 2021, Turkish forces established a new military base near Tal Abyad.",
        "Russian troops set up a headquarters in a school outside Kharkiv, residents said.",
        "Foreign fighters turned the airport of Gao into a military base on Monday, local sources said.",
        "ISWAP fighters have established a camp in a forest near Maiduguri, security sources said on Tuesday.",
        "Turkish forces erected a new military post near Tal Abyad on Tuesday, a war monitor said.",
        "On 5 March 2021, Islamic State militants set up a new command centre in a village near Mosul.",
    ],
    (S, "Non-violent transfer of territory"): [
        "On 5 March 2021, French troops withdrew from their base in Gao and handed it over to the Malian army.",
        "Russian forces pulled out of villages near Kharkiv on Tuesday without a fight, the governor said.",
        "The SDF handed over control of Tal Abyad to Syrian government forces on Monday under a Russian-brokered deal.",
        "Houthi fighters entered Marib's northern district without resistance on Monday after government troops left.",
        "Government troops abandoned their positions in Gao on Monday and jihadists moved in, residents said.",
        "On 5 March 2021, Russian forces left the village near Kharkiv and Ukrainian units moved in.",
    ],
    (S, "Agreement"): [
        "On 5 March 2021, the government and rebel groups signed a ceasefire agreement in Gao.",
        "KHARKIV, Ukraine (AP) - Russia and Ukraine exchanged 50 prisoners of war near Kharkiv on Sunday.",
        "Tribal leaders and Houthi commanders agreed on a truce in Marib on Monday to end the fighting.",
        "The army and the militia reached a deal in Tal Abyad on Tuesday to reopen the road, a negotiator said.",
        "Warring factions in Tal Abyad agreed to a ceasefire on Monday after two days of fighting.",
        "On 5 March 2021, the Houthis and government forces swapped the bodies of fallen fighters near Marib.",
        "MALI (AFP) - A local truce between the army and armed groups took effect in Gao on Monday.",
    ],
    (S, "Change to group/activity"): [
        "On 5 March 2021, the army deployed reinforcements to Gao after attacks in the region.",
        "Authorities imposed a dusk-to-dawn curfew in Maiduguri on Monday.",
        "Dozens of militiamen defected to the government side in Marib on Sunday, a military source said.",
        "Turkish forces conducted joint military exercises near Tal Abyad on Tuesday.",
        "The army sent troops and armoured vehicles to Tal Abyad on Monday, a war monitor said.",
        "On 5 March 2021, two armed groups in Gao announced that they had merged into a single movement.",
        "Houthi forces mobilised hundreds of fighters around Marib on Monday, tribal sources said.",
    ],
    (S, "Other"): [
        "On 5 March 2021, 20 Boko Haram fighters surrendered to the army in Maiduguri.",
        "Thousands of residents fled their homes in Tal Abyad on Monday, local officials said.",
        "The Houthis released 14 detained soldiers in Marib on Sunday, a Houthi official said.",
        "Unidentified aircraft were spotted flying over Mosul on Tuesday evening.",
        "On 5 March 2021, hundreds of families were displaced from Tal Abyad by the advance of Turkish forces.",
        "Rebels freed three captured soldiers in Gao on Monday as a goodwill gesture, a spokesman said.",
    ],
}

POSITIVE = [pytest.param(text, ev, sub, id=f"{sub}-{i}") for (ev, sub), texts in CASES.items()
            for i, text in enumerate(texts, 1)]


def coded(extractor, make_article, text):
    return [(e.event_type, e.sub_event_type) for e in extractor.extract(make_article(text))]


def test_every_sub_event_type_has_three_snippets():
    assert len(CASES) == 25
    assert all(len(texts) >= 3 for texts in CASES.values())


@pytest.mark.parametrize("text, event_type, sub_event_type", POSITIVE)
def test_a_snippet_is_one_event_of_its_sub_type(extractor, make_article, text, event_type, sub_event_type):
    assert coded(extractor, make_article, text) == [(event_type, sub_event_type)]


# words of a hard type in another sense: no event of that type (most code no event at all)
NEGATIVE = [
    ("The company signed an agreement with a Haifa port operator on Monday to expand its shipping business.", "Agreement"),
    ("Neighbours reached an agreement with the landlord in Haifa on Tuesday over the rent.", "Agreement"),
    ("The country withdrew from the treaty on Monday, the foreign minister told reporters in Kharkiv.", "Non-violent transfer of territory"),
    ("The candidate withdrew from the race in Haifa on Tuesday, citing health reasons.", "Non-violent transfer of territory"),
    ("The party's base of supporters gathered in Mosul on Sunday to celebrate its election win.", "Headquarters or base established"),
    ("The bank opened a new headquarters in Haifa on Monday.", "Headquarters or base established"),
    ("Aid agencies set up a base for displaced families near Marib on Monday.", "Headquarters or base established"),
    ("The striker led a late attack as Gao FC beat Marib United 2-1 on Sunday.", "Attack"),
    ("Kharkiv's forwards kept up the attack in the second half of the match on Saturday.", "Attack"),
    ("The army took control of the situation in Mosul after the floods, the governor said.", "Non-state actor overtakes territory"),
    ("Prices fell to a record low in Kharkiv on Monday, traders said.", "Non-state actor overtakes territory"),
    ("The company deployed a new software update for its customers in Haifa on Monday.", "Change to group/activity"),
    ("Workers discovered an old bomb shelter under a school in Kharkiv on Tuesday.", "Disrupted weapons use"),
    ("Police fired tear gas at protesters in Haifa on Saturday; no one was hurt.", "Excessive force against protesters"),
    ("Police fired tear gas at protesters in Haifa on Saturday; no one was hurt.", "Attack"),
    ("Protesters in Gao shot dead a police officer on Monday during a riot over fuel prices.", "Excessive force against protesters"),
    ("The home side's defence held firm against a late attack in the match in Gao on Sunday.", "Armed clash"),
    ("Gao fell to third place in the league table on Sunday.", "Non-state actor overtakes territory"),
    ("The government and the unions reached an agreement on wages in Haifa on Monday.", "Agreement"),
    ("Firefighters took control of the blaze at a warehouse in Haifa on Monday.", "Non-state actor overtakes territory"),
    ("Police in Haifa recovered a stolen car on Monday.", "Looting/property destruction"),
]


@pytest.mark.parametrize("text, not_sub", [pytest.param(t, s, id=f"not-{s}-{i}") for i, (t, s) in enumerate(NEGATIVE)])
def test_other_senses_of_a_hard_type_code_no_event_of_it(extractor, make_article, text, not_sub):
    assert not_sub not in [sub for _, sub in coded(extractor, make_article, text)]


@pytest.mark.parametrize("text", [
    "The company signed an agreement with a Haifa port operator on Monday to expand its shipping business.",
    "The country withdrew from the treaty on Monday, the foreign minister told reporters in Kharkiv.",
    "The striker led a late attack as Gao FC beat Marib United 2-1 on Sunday.",
    "The army took control of the situation in Mosul after the floods, the governor said.",
    "The bank opened a new headquarters in Haifa on Monday.",
    "Prices fell to a record low in Kharkiv on Monday, traders said.",
])
def test_other_senses_code_no_event_at_all(extractor, make_article, text):
    assert coded(extractor, make_article, text) == []
