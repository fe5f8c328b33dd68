"""Labels on names and cues of blame, read off the real spaCy parse of sentences we wrote."""

from __future__ import annotations

import pytest

from manysides.annotate.labels import find_blame_cues, find_labels
from manysides.annotate.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _labels(nlp, text: str) -> list[tuple[str, str, str]]:
    """(relation, phrase, the name word it labels) for each label found."""
    return [(lab.relation, lab.phrase, text[lab.entity_start : lab.entity_end])
            for lab in find_labels(nlp(text), "a1")]  # fmt: skip


def test_an_apposition_labels_the_name_it_follows(nlp):
    text = "Jabhat al-Nusra, a terrorist group, shelled the market on Monday."
    (label,) = find_labels(nlp(text), "a1")
    assert (label.relation, label.phrase, label.text) == ("apposition", "terrorist group",
                                                          "terrorist group")  # fmt: skip
    assert text[label.head_start : label.head_end] == "group"
    assert "Jabhat al-Nusra".find(text[label.entity_start : label.entity_end]) >= 0
    assert label.article == "a1"


def test_a_word_before_the_name_and_an_of_phrase_both_label_it(nlp):
    found = _labels(nlp, "Rebel fighters of the jihadist Ahrar al-Sham took the town.")
    assert {(relation, phrase) for relation, phrase, _ in found} == {
        ("premodifier", "jihadist"), ("of", "rebel fighter")}
    assert all(name in "Ahrar al-Sham" for _, _, name in found)


@pytest.mark.parametrize(("text", "relation", "phrase", "name"), [
    ("The state broadcaster called the Free Syrian Army terrorists.", "compound", "terrorist",
     "Free Syrian Army"),
    ("Officials described Jaish al-Islam as extremists.", "described_as", "extremist",
     "Jaish al-Islam"),
    ("The Free Syrian Army is a rebel coalition.", "predicate", "rebel coalition",
     "Free Syrian Army"),
])  # fmt: skip
def test_relations_give_the_label_in_its_normal_form(nlp, text, relation, phrase, name):
    found = _labels(nlp, text)
    assert found and all(r == relation and p == phrase for r, p, _ in found), found
    assert all(word in name for _, _, word in found)


def test_a_sentence_without_labels_or_blame_gives_none(nlp):
    doc = nlp("The delegates met in Geneva on Friday.")
    assert find_labels(doc, "a1") == [] and find_blame_cues(doc, "a1") == []


def test_the_subject_of_a_harmful_verb_is_blamed_and_a_said_clause_is_reported(nlp):
    text = "Russian warplanes destroyed the bridge, the ministry said."
    (cue,) = find_blame_cues(nlp(text), "a1")
    assert (cue.text, cue.lemma, cue.blamed_text, cue.blamed_head) == (
        "destroyed", "destroy", "Russian warplanes", "warplanes")
    assert text[cue.blamed_start : cue.blamed_end] == "Russian warplanes"
    assert "bridge" in cue.scope and cue.reported


def test_the_by_agent_of_a_passive_is_blamed_in_the_outlets_own_voice(nlp):
    (cue,) = find_blame_cues(nlp("The convoy was destroyed by government forces."), "a1")
    assert cue.blamed_text == "government forces" and "convoy" in cue.scope
    assert not cue.reported


def test_the_object_of_blaming_is_blamed_as_someones_account(nlp):
    text = "Moscow blamed Washington for the collapse of the ceasefire."
    (cue,) = find_blame_cues(nlp(text), "a1")
    assert (cue.lemma, cue.blamed_text, cue.reported) == ("blame", "Washington", True)


def test_a_relative_clause_is_cut_from_the_one_blamed(nlp):
    text = "Kerry said the rebels who hold the city broke the ceasefire."
    cues = {c.lemma: c for c in find_blame_cues(nlp(text), "a1")}
    blamed = text[cues["break"].blamed_start : cues["break"].blamed_end]
    assert blamed.startswith("the rebels") and "city" not in blamed
    assert cues["break"].blamed_head == "rebels" and cues["break"].reported


def test_an_office_and_an_epithet_before_a_persons_name_label_that_person(nlp):
    office = _labels(nlp, "Secretary of Defense, Ashton B. Carter and other top officials "
                          "at the Pentagon asserted their opposition to the plan.")
    assert ("apposition_to", "secretary of defense", "Ashton") in office
    epithet = _labels(nlp, "This is the option Pentagon warlord, Ash Carter chose when he "
                           "decided to sabotage the agreement.")
    assert ("apposition_to", "warlord", "Ash") in epithet


def test_a_groups_tie_keeps_its_parent_and_goes_to_the_group_it_describes(nlp):
    text = ("Moscow wants to go after one-time al Qaeda affiliate Jabhat Fateh Al-Sham, "
            "previously known as al Nusra Front.")
    found = _labels(nlp, text)
    assert ("apposition_to", "former al qaeda affiliate", "Sham") in found
    assert not [name for _, phrase, name in found if "affiliate" in phrase and name == "Qaeda"]
    renamed = _labels(nlp, "To the west, the army wiped out the gains. Led by the former al "
                           "Qaeda affiliate, now rebranded as Jabhat Fateh al-Sham, the rebels "
                           "had punched through a corridor.")
    assert ("apposition_to", "former al qaeda affiliate", "Sham") in renamed


def test_an_apposition_to_the_noun_a_name_qualifies_labels_the_name(nlp):
    text = ("The war involves four factions: the government; extremist ISIS fighters; and the "
            "Nusra front, a jihadist group affiliated with al-Qaeda.")
    assert ("apposition", "jihadist group", "Nusra") in _labels(nlp, text)


def test_war_crimes_committed_by_all_sides_name_the_crimes_in_the_scope(nlp):
    text = "The war has been marked by heinous war crimes committed by all sides."
    cues = [c for c in find_blame_cues(nlp(text), "a1") if c.lemma == "commit"]
    assert cues and cues[0].blamed_text == "all sides" and "war crimes" in cues[0].scope
