"""Events: spans resolved to entities, places and dates; reports merged across outlets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from manysides.annotate.annotator import annotate_articles
from manysides.events import build_events, event_to_json
from manysides.ingest import find_copies, iter_articles
from manysides.link import link_entities
from manysides.records import Article, Failure

DEMO = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "demo"
CONTRACT = ("id", "type", "mode", "actor", "target", "place", "date", "negated",
            "hypothetical", "articles", "evidence")  # fmt: skip


def _article(key: str, outlet: str, published: str, text: str, **extra) -> Article:
    return Article(id=key, text=text, outlet=outlet, published=published,
                   url=f"https://example.org/{key}", **extra)  # fmt: skip


ARTICLES = [
    _article("a1", "Wire One", "2016-09-28",
             "Russian warplanes bombed the main hospital in Aleppo on Wednesday, killing at "
             "least 20 people. Syrian troops shelled the town of Homs on Monday."),
    _article("a2", "Daily Two", "2016-09-29",
             "On September 28, Russian jets bombed the main hospital in Aleppo. "
             "The United States did not bomb Raqqa on Tuesday."),
    _article("a3", "Copy Times", "2016-09-28",
             "Russian warplanes bombed the main hospital in Aleppo on Wednesday, killing at "
             "least 20 people. Residents fled.", copy_of="a1"),
    _article("a4", "Gazette", "2016-09-28",
             "The Syrian government said that rebels bombed the main hospital in Aleppo on "
             "Wednesday. John Kerry accused Russia of bombing an aid convoy on Monday."),
]  # fmt: skip


def _pipeline(articles):
    annotations = [a for a in annotate_articles(articles) if not isinstance(a, Failure)]
    entities, places = link_entities(articles, annotations)
    return articles, annotations, entities, places


@pytest.fixture(scope="module")
def small():
    return _pipeline(ARTICLES)


@pytest.fixture(scope="module")
def events(small):
    return build_events(*small)


def _find(events, kind, **where):
    return [e for e in events if e.type == kind
            and all(getattr(e, k) == v for k, v in where.items())]  # fmt: skip


def test_two_outlets_reporting_one_airstrike_make_one_event(events):
    strike = _find(events, "ASSAULT", status="asserted", place_name="Aleppo")
    assert len(strike) == 1
    assert {"a1", "a2"} <= set(strike[0].articles)
    assert strike[0].actor == ["country-ru"]
    assert strike[0].date == "2016-09-28" and strike[0].date_granularity == "day"


def test_a_copy_adds_its_article_but_not_a_source(events):
    strike = _find(events, "ASSAULT", status="asserted", place_name="Aleppo")[0]
    assert "a3" in strike.articles
    assert strike.independent_sources == 2
    assert {e["article"] for e in strike.evidence} == {"a1", "a2", "a3"}


def test_the_date_is_the_sentences_not_the_publication_date(events):
    homs = _find(events, "ASSAULT", place_name="Homs")
    assert len(homs) == 1
    assert homs[0].date == "2016-09-26"  # "on Monday" in a Wednesday 2016-09-28 article
    assert homs[0].actor == ["country-sy"]


def test_a_claim_naming_the_same_doer_joins_the_plain_report(events):
    """The accusation's deed (Russia bombing) is the same deed others state as fact."""
    convoy = [e for e in events if e.type == "ASSAULT" and "a4" in e.articles
              and e.actor == ["country-ru"]]  # fmt: skip
    assert len(convoy) == 1 and convoy[0].claimed_by == ["john-kerry"]


def test_a_claimed_deed_stays_apart_from_the_fact(events):
    claimed = [e for e in events if "a4" in e.articles and e.type == "ASSAULT"
               and e.target_text == ["the main hospital"]]  # fmt: skip
    assert len(claimed) == 1
    assert claimed[0].status == "claimed" and claimed[0].articles == ["a4"]


def test_a_denied_strike_is_negated_and_separate(events):
    denied = _find(events, "ASSAULT", negated=True)
    assert len(denied) == 1
    assert denied[0].actor == ["country-us"] and denied[0].articles == ["a2"]
    assert denied[0].date == "2016-09-27"


def test_actor_and_target_are_linked_entity_ids(events):
    accuse = _find(events, "ACCUSE")
    assert [(e.actor, e.target) for e in accuse] == [(["john-kerry"], ["country-ru"])]
    assert accuse[0].date_granularity == "published"  # no date of its own in the sentence


def test_ids_are_stable_across_runs(small, events):
    again = build_events(*reversed_inputs(small))
    assert sorted(e.id for e in again) == sorted(e.id for e in events)
    assert len({e.id for e in events}) == len(events)


def reversed_inputs(small):
    articles, annotations, entities, places = small
    return articles[::-1], annotations[::-1], entities, places


def test_event_json_has_the_contract_fields(small, events):
    names = {e.id: e.name for e in small[2]}
    strike = _find(events, "ASSAULT", status="asserted", place_name="Aleppo")[0]
    document = event_to_json(strike, names)
    assert all(field in document for field in CONTRACT)
    assert document["actor_names"] == ["Russia"]
    assert document["magnitudes"] == [{"kind": "killed", "text": "at least 20", "value": 20}]
    assert document["evidence"][0]["text"].startswith("Russian warplanes bombed")


# ---------------------------------------------------------------- one deed in other words


def _merged(*articles: Article):
    return build_events(*_pipeline(list(articles)))


def _single(events, kind: str):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.actor, e.actor_text, e.articles) for e in events]
    return found[0]


def test_a_leader_and_the_country_he_leads_are_one_side():
    """One outlet names Assad, the other Syria: Assad acts for Syria, so they agree."""
    events = _merged(
        _article("h1", "Wire One", "2016-10-12",
                 "Russia and President Bashar al-Assad imposed a siege on Homs on Tuesday."),
        _article("h2", "Daily Two", "2016-10-13", "Syria imposed a siege on Homs on Tuesday."),
    )  # fmt: skip
    siege = _single(events, "COERCE")
    assert siege.articles == ["h1", "h2"]
    assert {"bashar-al-assad", "country-sy"} <= set(siege.actor)


def test_different_leaders_of_the_same_countries_stay_apart():
    """Kerry and Obama both act for the US, yet their meetings are two meetings."""
    events = _merged(
        _article("k1", "Wire One", "2016-10-12",
                 "John Kerry met Sergei Lavrov in Geneva on Tuesday."),
        _article("k2", "Daily Two", "2016-10-13",
                 "Barack Obama met Vladimir Putin in Geneva on Tuesday."),
    )  # fmt: skip
    assert sorted(e.articles for e in events if e.type == "CONSULT") == [["k1"], ["k2"]]


def test_the_same_unnamed_doer_links_two_reports():
    events = _merged(
        _article("u1", "Wire One", "2016-10-12",
                 "Tribal militiamen stormed a police post near the border."),
        _article("u2", "Daily Two", "2016-10-13",
                 "Witnesses said the militiamen stormed the barracks of the border guards."),
    )  # fmt: skip
    assert _single(events, "ASSAULT").articles == ["u1", "u2"]


def test_their_offensive_is_the_offensive_of_the_clause_subject():
    """ "which the insurgents seized in their offensive": the insurgents are the doers, and so
    the undated report of the insurgents seizing a highway is the same deed."""
    events = _merged(
        _article("o1", "Wire One", "2016-10-12", "The army wants to retake the highway, which "
                 "the insurgents seized in their offensive in early August."),
        _article("o2", "Daily Two", None,
                 "Last summer the insurgents had seized a highway to the coast."),
    )  # fmt: skip
    seized = _single(events, "COERCE")
    assert seized.articles == ["o1", "o2"] and seized.date == "2016-08"


def test_a_gerund_after_an_adjective_is_done_by_the_subject():
    events = _merged(
        _article("q1", "Wire One", "2016-10-12", "Qatar has never tired of funding the militias."),
        _article("q2", "Daily Two", None, "Qatar funds the militias in Libya, officials said."),
    )  # fmt: skip
    funding = _single(events, "AID")
    assert funding.actor == ["country-qa"] and funding.articles == ["q1", "q2"]


def test_a_backer_named_in_the_doer_phrase_is_not_the_doer():
    events = _merged(_article("f1", "Wire One", "2016-10-12",
                              "The Saudi-funded militias shelled the port of Hodeidah on Monday."))
    shelling = _single(events, "ASSAULT")
    assert shelling.actor == [] and shelling.actor_text == ["militias"]
    assert _single(events, "AID").actor == ["country-sa"]  # the funding is an event of its own


@pytest.fixture(scope="module")
def demo_events():
    articles = [a for a in iter_articles([str(DEMO)]) if isinstance(a, Article)]
    copies = find_copies(articles)
    articles = [a if a.id not in copies else _with_copy(a, copies[a.id]) for a in articles]
    inputs = _pipeline(articles)
    files = {a.id: Path(a.path or "").name[:2] for a in articles}
    return build_events(*inputs), files


def _with_copy(article: Article, original: str) -> Article:
    from dataclasses import replace

    return replace(article, copy_of=original)


@pytest.mark.parametrize(("kind", "date", "place"), [
    ("ASSAULT", "2024-10-05", "Ilave"),  # the bridge over the Ilave River blown up
    ("AGREE", "2024-10-08", "La Paz"),  # the ceasefire signed in La Paz
    ("ASSAULT", "2024-10-03", "Ilave"),  # the market of Ilave shelled
])  # fmt: skip
def test_demo_corroborated_facts_have_two_independent_outlets(demo_events, kind, date, place):
    events, _files = demo_events
    found = [e for e in events if e.type == kind and e.date == date and e.place_name == place
             and e.status == "asserted" and not e.negated]  # fmt: skip
    assert found and max(e.independent_sources for e in found) >= 2


def test_demo_ceasefire_is_one_event_and_the_republished_blog_does_not_count_twice(demo_events):
    events, files = demo_events
    signed = [e for e in events if e.type == "AGREE" and e.date == "2024-10-08"
              and e.place_name == "La Paz"]  # fmt: skip
    (ceasefire,) = [e for e in signed if "06" in {files[a] for a in e.articles}]
    # "the government and the SLF signed", "Lazcano and Huanca signed": one signing
    assert {"05", "06", "07", "08", "09", "10"} <= {files[a] for a in ceasefire.articles}
    assert ceasefire.independent_sources == 4  # 07 republishes 06: Altiplano Notes counts once


def test_aleppo_blame_and_threat_are_found(aleppo_dir):
    articles = [a for a in iter_articles([str(aleppo_dir)]) if isinstance(a, Article)]
    articles, annotations, entities, places = _pipeline(articles)
    events = build_events(articles, annotations, entities, places)
    us_side = {e.id for e in entities if e.country == "US"}
    assert any(e.type == "ACCUSE" and "country-ru" in e.target and us_side & set(e.actor)
               for e in events)  # fmt: skip
    assert any(e.type == "THREATEN" and "john-kerry" in e.actor for e in events)


def test_merging_scales_linearly(small):
    articles, annotations, entities, places = small
    copies = 500  # 2,000 articles' mentions: the same four stories on many days
    many_articles, many_annotations = [], []
    for n in range(copies):
        for article, annotation in zip(articles, annotations, strict=True):
            key = f"{article.id}-{n}"
            day = f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}"
            many_articles.append(Article(id=key, text=article.text, outlet=f"{article.outlet}{n}",
                                         published=day))  # fmt: skip
            many_annotations.append(_renamed(annotation, key))
    started = time.perf_counter()
    built = build_events(many_articles, many_annotations, entities, places)
    assert time.perf_counter() - started < 20
    days = {a.published for a in many_articles}
    assert len(built) >= len(days)  # reports weeks apart are never merged into one event


def _renamed(annotation, key):
    from dataclasses import replace

    return replace(annotation, article=key,
                   events=[replace(m, article=key) for m in annotation.events],
                   timexes=[])  # fmt: skip  # dates then come from the varied publication days


def test_an_accusation_is_not_merged_with_one_made_against_its_maker():
    articles = [
        _article("r1", "Wire One", "2016-09-28",
                 "Russia accused the United States of sabotaging the ceasefire on Tuesday."),
        _article("r2", "Daily Two", "2016-09-28",
                 "The United States and Russia accused each other on Tuesday of sabotaging "
                 "the ceasefire."),
    ]  # fmt: skip
    events = build_events(*_pipeline(articles))
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert len(accusations) >= 2
    assert not any(set(e.actor) & set(e.target) for e in accusations)


def test_a_report_resting_on_another_outlet_counts_for_that_outlet():
    articles = [
        _article("c1", "Wire One", "2016-09-28",
                 "Russian warplanes bombed the main hospital in Aleppo on Wednesday."),
        _article("c2", "Daily Two", "2016-09-28",
                 "Russian warplanes bombed the main hospital in Aleppo on Wednesday, "
                 "according to Wire One."),
        _article("c3", "Gazette", "2016-09-28",
                 "Russian warplanes bombed the main hospital in Aleppo on Wednesday, "
                 "Reuters reported."),
    ]  # fmt: skip
    events = build_events(*_pipeline(articles))
    (strike,) = [e for e in events if e.type == "ASSAULT" and not e.negated]
    assert set(strike.articles) == {"c1", "c2", "c3"}
    assert strike.independent_sources == 2  # Wire One (twice) and Reuters


def test_an_event_that_names_nobody_and_counts_nothing_is_not_kept():
    articles = [
        _article("n1", "Wire One", "2016-09-28",
                 "It was not immediately clear who fired the shells. She declined to comment. "
                 "Russian jets bombed a hospital in Aleppo on Wednesday."),
    ]  # fmt: skip
    events = build_events(*_pipeline(articles))
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].actor == ["country-ru"]


def test_an_undated_report_joins_the_event_it_fits_not_an_older_one_of_its_article():
    articles = [
        _article("u1", "Wire One", "2016-09-05",
                 "Over the weekend, Russia stepped up intensive airstrikes on rebels in Aleppo."),
        _article("u2", "Review", "",
                 "In February of 2016, Russia continued air strikes despite ceasefire "
                 "agreements. This month Russia launched air strikes on rebels in Aleppo."),
    ]  # fmt: skip
    events = build_events(*_pipeline(articles))
    strikes = sorted((e for e in events if e.type == "ASSAULT"), key=lambda e: e.date or "")
    february, weekend = strikes[0], strikes[-1]
    assert february.date == "2016-02" and weekend.date.startswith("2016-W35")
    assert set(weekend.articles) == {"u1", "u2"} and february.articles == ["u2"]


def test_more_than_a_week_ago_reaches_back_past_the_counted_day():
    from datetime import date

    from manysides.events import approximate

    day = (date(2016, 9, 21), date(2016, 9, 21))
    assert approximate("more than a week ago", day) == (date(2016, 9, 7), date(2016, 9, 21))
    assert approximate("two weeks ago", day) == (date(2016, 9, 18), date(2016, 9, 24))
    assert approximate("on Wednesday", day) == day


def test_verbal_and_material_backing_of_one_side_are_one_event():
    articles = [
        _article("b1", "Wire One", "2016-09-28", "Russia has supported Assad's forces."),
        _article("b2", "Daily Two", "2016-09-28", "Russia has propped up Assad's forces."),
    ]  # fmt: skip
    events = build_events(*_pipeline(articles))
    (backing,) = [e for e in events if e.type in ("AID", "SUPPORT")]
    assert set(backing.articles) == {"b1", "b2"}


def test_a_list_of_backers_does_not_chain_every_backing_into_one_event():
    articles = [
        _article("l1", "Wire One", "2016-09-28", "Russia has supported Assad's forces."),
        _article("l2", "Daily Two", "2016-09-28", "The United States has backed the rebels."),
        _article("l3", "Review", "2016-09-28",
                 "The factions have their sponsors (Russia, Iran, Turkey and the United States)."),
    ]  # fmt: skip
    events = build_events(*_pipeline(articles))
    backing = [e for e in events if e.type in ("AID", "SUPPORT")]
    assert not any({"l1", "l2"} <= set(e.articles) for e in backing)
    assert not any(len(e.articles) > 1 and "l3" in e.articles for e in backing)


def test_us_backed_fighters_are_backed_by_the_us_not_the_us_itself():
    articles = [_article("g1", "Wire One", "2016-09-28",
                         "Russia bombed hundreds of US-backed extremists near Aleppo.")]
    events = build_events(*_pipeline(articles))
    (backing,) = [e for e in events if e.type == "SUPPORT"]
    assert backing.actor == ["country-us"] and backing.target == []
    assert backing.target_text == ["extremists"]


def test_a_year_opening_the_sentence_dates_every_clause():
    """ "In 2014, as protests began, the ambassador predicted ...": the year dates the protests
    too, not the publication day."""
    events = _merged(_article("y1", "Wire One", "2016-10-12",
                              "In 2014, as street protests in Ukraine began, the ambassador "
                              "predicted a long war."))  # fmt: skip
    protests = _single(events, "PROTEST")
    assert (protests.date, protests.date_granularity) == ("2014", "year")


def test_at_that_time_takes_the_date_of_the_sentence_before():
    events = _merged(_article("w1", "Wire One", "2016-10-12",
                              "Lavrov met Kerry in Geneva last week. At that time, Lavrov called "
                              "on Washington to rein in the rebels."))  # fmt: skip
    call = _single(events, "REQUEST")
    assert (call.date, call.date_granularity) == ("2016-W40", "week")


def test_he_added_goes_on_in_the_time_of_the_statement_before():
    text = ("The minister said on Monday that talks would go on. He added, "
            "\"Ankara will have to answer for its shelling of the border.\"")
    events = _merged(_article("w2", "Wire One", "2016-10-12", text))
    dated = [e for e in events if e.type in ("THREATEN", "ASSAULT", "ACCUSE")]
    assert dated and all(e.date == "2016-10-10" for e in dated), [
        (e.type, e.date) for e in events]


def test_a_place_fused_into_a_modifier_is_not_where_it_happened():
    events = _merged(_article("m1", "Wire One", "2016-10-12",
                              "Near Idlib, government troops shelled the positions of "
                              "US-trained rebels."))  # fmt: skip
    shelling = _single(events, "ASSAULT")
    assert shelling.place_name != "United States"


def test_a_capital_one_shares_with_is_a_party_and_the_place_follows_in():
    events = _merged(_article("c1", "Wire One", "2016-10-12",
                              "The French army agreed to share intelligence with Moscow on "
                              "militant targets in Libya."))  # fmt: skip
    sharing = _single(events, "COOPERATE")
    assert sharing.place_name == "Libya"


def test_a_town_of_the_country_in_the_sentence_says_more_precisely_where():
    events = _merged(_article("r1", "Wire One", "2016-10-12",
                              "Mosul, the last city the militants hold in Iraq, is under daily "
                              "airstrikes by coalition jets."))  # fmt: skip
    assert _single(events, "ASSAULT").place_name == "Mosul"


def test_a_promise_to_meet_and_a_deal_are_two_agreements():
    """ "will meet again on Monday" is coded as a promise to meet; an undated "negotiated a
    deal" names the same two men but joins the deal, not the promise."""
    events = _merged(
        _article("p1", "Wire One", "2016-09-04",
                 "John Kerry and Sergei Lavrov will meet again on Monday."),
        _article("p2", "Review", "", "John Kerry negotiated a deal with Sergei Lavrov to reduce "
                 "violence in Syria."),
        _article("p3", "Daily Two", "2016-09-28", "Russia was blamed for the collapse of a "
                 "ceasefire negotiated more than a week ago by John Kerry and Sergei Lavrov."),
    )  # fmt: skip
    agreements = sorted(sorted(e.articles) for e in events if e.type == "AGREE")
    assert agreements == [["p1"], ["p2", "p3"]]


def test_more_than_a_week_ago_is_shown_as_the_month_it_falls_in():
    events = _merged(_article("w1", "Wire One", "2016-09-28", "Russia was blamed for the "
                              "collapse of a ceasefire negotiated more than a week ago by John "
                              "Kerry and Sergei Lavrov."))
    deal = _single(events, "AGREE")
    assert (deal.date, deal.date_granularity) == ("2016-09", "month")


def test_of_two_events_that_fit_equally_a_report_joins_the_one_of_its_own_doers():
    """The undated rebels' breakthrough fits the rebels' August offensive and an event where
    the rebels' capture lies beside Russia's bombing equally well; it joins the former."""
    events = _merged(
        _article("r1", "Wire One", "2016-09-05", "Over the weekend, Russia bombed areas captured "
                 "by rebels southwest of Aleppo. Enabled by the strikes, the Syrian army retook "
                 "an air force college near Aleppo on Sunday."),
        _article("r2", "Wire One", "2016-09-05", "Russia wants to close the corridor, which "
                 "rebels opened in their offensive in early August."),
        _article("r3", "Review", "", "Led by Jabhat Fateh al-Sham, the rebels had punched "
                 "through a corridor to besieged parts of the city."),
    )  # fmt: skip
    (breakthrough,) = [e for e in events if "r3" in e.articles]
    assert sorted(breakthrough.articles) == ["r2", "r3"] and breakthrough.date == "2016-08"
