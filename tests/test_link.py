"""Cross-document linking: one entity per real actor, whatever the articles call it."""

from __future__ import annotations

import pytest

from manysides.annotate.nlp import load_nlp
from manysides.link import find_role_mentions, link_entities
from manysides.records import Annotation, Article, Mention


def annotate(texts: list[str], published: str | None = "2016-09-28"):
    """Articles and their Annotations from the real spaCy pipeline (entities only)."""
    nlp = load_nlp()
    articles, annotations = [], []
    for number, text in enumerate(texts):
        article = Article(id=f"a{number}", text=text, published=published)
        doc = nlp(text)
        mentions = [Mention(article.id, e.start_char, e.end_char, e.text, e.label_)
                    for e in doc.ents]
        articles.append(article)
        annotations.append(Annotation(article.id, mentions))
    return articles, annotations


def hand_made(text: str, spans: list[tuple[str, str]], article_id: str = "h0",
              published: str | None = "2016-09-28"):
    """An article with mentions we place ourselves: (surface text, spaCy label) in order."""
    mentions, cursor = [], 0
    for surface, label in spans:
        start = text.index(surface, cursor)
        mentions.append(Mention(article_id, start, start + len(surface), surface, label))
        cursor = start + len(surface)
    return Article(id=article_id, text=text, published=published), Annotation(article_id, mentions)


def entity_of(entities, article: str, surface: str):
    found = [e for e in entities
             if any(m.article == article and m.text == surface for m in e.mentions)]
    assert found, f"no entity has the mention {surface!r} in {article}"
    return found[0]


def test_spellings_surnames_and_office_of_one_person_make_one_entity():
    articles, annotations = annotate([
        "Russian Foreign Minister Sergei Lavrov met reporters. Lavrov said the talks failed.",
        "Sergey Lavrov spoke on Monday. Later the Russian foreign minister left Geneva.",
    ])
    entities, _ = link_entities(articles, annotations)
    lavrov = [e for e in entities if e.kb_id == "sergey-lavrov"]
    assert len(lavrov) == 1
    assert lavrov[0].type == "PERSON"
    assert {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"} <= set(lavrov[0].aliases)
    assert any("foreign minister" in m.text.lower() for m in lavrov[0].mentions)
    assert {m.article for m in lavrov[0].mentions} == {"a0", "a1"}


def test_renamed_armed_group_is_one_entity():
    articles, annotations = zip(
        hand_made("The Nusra Front attacked the town.", [("Nusra Front", "ORG")], "n0"),
        hand_made("Fighters of al-Nusra withdrew.", [("al-Nusra", "ORG")], "n1"),
        hand_made("Jabhat Fateh al-Sham denied it.", [("Jabhat Fateh al-Sham", "ORG")], "n2"),
        strict=True,
    )
    entities, _ = link_entities(articles, annotations)
    group = entity_of(entities, "n0", "Nusra Front")
    assert group.type == "ARMED_GROUP"
    assert {m.article for m in group.mentions} == {"n0", "n1", "n2"}


def test_a_group_renamed_in_the_text_is_one_entity_but_not_its_parent_organisation():
    text = ("The Condor Front, now rebranded as Puma Rising, shelled the town. Led by the former "
            "Ember League affiliate, now rebranded as the Harbor Brigade, rebels advanced.")
    articles, annotations = zip(hand_made(text, [
        ("Condor Front", "ORG"), ("Puma Rising", "ORG"), ("Ember League", "ORG"),
        ("Harbor Brigade", "ORG")], "r0"), strict=True)  # fmt: skip
    entities, _ = link_entities(articles, annotations)
    assert entity_of(entities, "r0", "Condor Front") is entity_of(entities, "r0", "Puma Rising")
    harbor = entity_of(entities, "r0", "Harbor Brigade")
    assert entity_of(entities, "r0", "Ember League") is not harbor


def test_capital_as_actor_is_the_country_and_as_location_a_place():
    articles, annotations = annotate([
        "Washington said on Tuesday that it would not send troops.",
        "The envoys met in Washington on Tuesday.",
    ])
    entities, _ = link_entities(articles, annotations)
    actor = entity_of(entities, "a0", "Washington")
    place = entity_of(entities, "a1", "Washington")
    assert (actor.type, actor.country) == ("COUNTRY", "US")
    assert place.type == "PLACE"


def test_demonym_points_to_the_country():
    articles, annotations = annotate(["Russian airstrikes hit the city again, Russia said."])
    entities, _ = link_entities(articles, annotations)
    russia = entity_of(entities, "a0", "Russian")
    assert (russia.type, russia.country, russia.name) == ("COUNTRY", "RU", "Russia")
    assert "Russia" in russia.aliases


@pytest.mark.parametrize(("published", "holder"), [
    ("2016-09-28", "john-kerry"),
    ("2019-05-02", "mike-pompeo"),
])
def test_office_is_resolved_by_publication_date(published, holder):
    text = "The Secretary of State said the ceasefire had collapsed."
    article, annotation = hand_made(text, [], "d0", published)
    entities, _ = link_entities([article], [annotation])
    person = entity_of(entities, "d0", "Secretary of State")
    assert person.kb_id == holder


def test_office_of_a_former_holder_is_not_resolved():
    roles = find_role_mentions("The former Secretary of State said nothing.")
    assert roles == []


def test_surname_alone_is_the_curated_leader():
    articles, annotations = annotate(["Assad has refused to step down."])
    entities, _ = link_entities(articles, annotations)
    assert entity_of(entities, "a0", "Assad").kb_id == "bashar-al-assad"


def test_people_sharing_a_surname_in_different_articles_stay_apart():
    first = hand_made("Jane Smithson arrived. Smithson spoke first.",
                      [("Jane Smithson", "PERSON"), ("Smithson", "PERSON")], "s0")
    second = hand_made("Robert Smithson left. Smithson declined to comment.",
                       [("Robert Smithson", "PERSON"), ("Smithson", "PERSON")], "s1")
    articles, annotations = zip(first, second, strict=True)
    entities, _ = link_entities(articles, annotations)
    jane = entity_of(entities, "s0", "Jane Smithson")
    robert = entity_of(entities, "s1", "Robert Smithson")
    assert jane.id != robert.id
    assert {m.text for m in jane.mentions} == {"Jane Smithson", "Smithson"}
    assert {m.article for m in robert.mentions} == {"s1"}


def test_acronym_defined_in_parentheses_joins_its_expansion():
    text = "The Aleppo Medical Council (AMC) reported damage. AMC staff left."
    article, annotation = hand_made(
        text, [("Aleppo Medical Council", "ORG"), ("AMC", "ORG")], "c0")
    entities, _ = link_entities([article], [annotation])
    council = entity_of(entities, "c0", "Aleppo Medical Council")
    assert "AMC" in council.aliases


def test_ids_are_stable_between_runs():
    texts = ["John Kerry met Sergei Lavrov in Geneva.", "Aimen Dean said Dean would go."]
    first, _ = link_entities(*annotate(texts))
    second, _ = link_entities(*annotate(texts))
    assert [e.id for e in first] == [e.id for e in second]
    assert "john-kerry" in {e.id for e in first}


def test_aleppo_corpus_actors_are_single_entities(aleppo_dir):
    texts = [path.read_text(encoding="utf-8") for path in sorted(aleppo_dir.glob("*.txt"))]
    entities, _ = link_entities(*annotate(texts))
    by_kb = {e.kb_id: e for e in entities if e.kb_id}
    by_id = {e.id: e for e in entities}
    for kb_id in ("john-kerry", "sergey-lavrov", "bashar-al-assad", "hayat-tahrir-al-sham"):
        assert kb_id in by_kb, kb_id
        assert sum(1 for e in entities if e.kb_id == kb_id) == 1
    assert {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"} <= set(by_kb["sergey-lavrov"].aliases)
    assert {"Nusra Front", "Jabhat Fateh al-Sham"} <= set(by_kb["hayat-tahrir-al-sham"].aliases)
    assert {"Bashar al-Assad", "Assad"} <= set(by_kb["bashar-al-assad"].aliases)
    assert {"Russia", "Russian", "Moscow"} <= set(by_id["country-ru"].aliases)
    assert {"United States", "US", "White House", "Washington"} <= set(by_id["country-us"].aliases)
    assert {"Syria", "Syrian"} <= set(by_id["country-sy"].aliases)
    names = [e.name for e in entities]
    assert names.count("Syria") == 1 and names.count("Russia") == 1


def test_a_lone_word_tagged_as_a_person_joins_the_place_it_names_elsewhere():
    tagged_place, place_annotation = hand_made(
        "Fighting spread to Altavera and its towns.", [("Altavera", "GPE")], "p1")
    tagged_person, person_annotation = hand_made(
        "Altavera said the truce would hold. Altavera has no army.",
        [("Altavera", "PERSON"), ("Altavera", "PERSON")], "p2")
    entities, _ = link_entities([tagged_place, tagged_person],
                                [place_annotation, person_annotation])
    place = entity_of(entities, "p2", "Altavera")
    assert place.type == "PLACE"
    assert {m.article for m in place.mentions} == {"p1", "p2"}
    assert len(place.mentions) == 3


def test_a_group_and_the_new_name_it_announces_are_one_entity():
    renaming, renaming_annotation = hand_made(
        "The Southern Front said on Wednesday it would now be known as Fuerza Wayra. "
        "The Condor Brigades did not comment.",
        [("Southern Front", "ORG"), ("Fuerza Wayra", "ORG"), ("Condor Brigades", "ORG")], "r1")
    later, later_annotation = hand_made(
        "Fuerza Wayra fighters attacked a checkpoint.", [("Fuerza Wayra", "ORG")], "r2")
    entities, _ = link_entities([renaming, later], [renaming_annotation, later_annotation])
    group = entity_of(entities, "r2", "Fuerza Wayra")
    assert {"Southern Front", "Fuerza Wayra"} <= set(group.aliases)
    assert {m.article for m in group.mentions} == {"r1", "r2"}
    assert entity_of(entities, "r1", "Condor Brigades").id != group.id
