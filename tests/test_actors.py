"""The curated actor list: lookups by any spelling, offices by date, spaCy patterns."""

from __future__ import annotations

from manysides.actors import entity_ruler_patterns, load_actors, name_key
from manysides.annotate.nlp import load_nlp


def test_spelling_variants_share_one_key():
    assert name_key("Bashar al-Assad") == name_key("Bashar al Assad") == name_key("Bashar Assad")
    assert name_key("Sergei Lavrov") == name_key("Sergey Lavrov")
    assert name_key("Ashton B. Carter") == name_key("Ashton Carter")
    assert name_key("Russia's Defence Ministry") == name_key("Russia Defense Ministry")
    assert name_key("Recep Tayyip Erdoğan") == name_key("Recep Tayyip Erdogan")


def test_match_finds_actors_by_alias_and_former_name():
    base = load_actors()
    assert base.match("Jabhat Fateh al-Sham").id == "hayat-tahrir-al-sham"
    assert base.match("the Pentagon").id == "us-department-of-defense"
    assert base.match("President Assad").id == "bashar-al-assad"
    assert base.match("Russian Foreign Minister Sergei Lavrov").id == "sergey-lavrov"
    assert base.match("Daesh").type == "ARMED_GROUP"
    assert base.match("Somebody Unknown") is None


def test_short_acronyms_match_only_in_capitals():
    base = load_actors()
    assert base.match("IS").id == "islamic-state"
    assert base.match("is") is None and base.match("Is") is None


def test_office_holders_depend_on_the_date():
    base = load_actors()
    assert [a.id for a in base.holders("secretary of state", "US", "2016-09-28")] == ["john-kerry"]
    assert [a.id for a in base.holders("secretary of state", "US", "2019-01-01")] == ["mike-pompeo"]
    envoy = base.holders("special envoy for syria", "UN", "2016-09-28")
    assert [a.id for a in envoy] == ["staffan-de-mistura"]


def test_countries_demonyms_and_seats_of_government():
    base = load_actors()
    assert base.country_code("Russian") == "RU"
    assert base.country_code("U.S.") == "US"
    assert base.seat("the Kremlin") == "country:RU"
    assert base.metonym("Damascus") == "country:SY"


def test_every_actor_is_well_formed():
    base = load_actors()
    for actor in base.actors.values():
        assert actor.type in {"PERSON", "ORG", "ARMED_GROUP", "OTHER"}, actor.id
        assert actor.aliases, actor.id
        for role in actor.roles:
            assert role.title in base.titles, (actor.id, role.title)
            assert role.end is None or role.start < role.end, actor.id


def test_patterns_are_safe_and_fix_the_models_labels():
    patterns = entity_ruler_patterns()
    texts = {p["pattern"] for p in patterns}
    assert "Lavrov" in texts and "Jabhat Fateh al-Sham" in texts
    assert "IS" not in texts and "WHO" not in texts
    doc = load_nlp()("Lavrov and Jabhat Fateh al-Sham were mentioned.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("Lavrov") == "PERSON"
    assert labels.get("Jabhat Fateh al-Sham") == "ORG"
