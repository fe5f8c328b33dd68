"""The PLOVER event coder on sentences an analyst would write about the Aleppo story."""

from __future__ import annotations

import pytest

from manysides.annotate.event_coder import code_events, code_sentence
from manysides.annotate.event_magnitude import parse_count
from manysides.annotate.nlp import load_nlp
from manysides.records import EventMention


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def code(nlp, text: str) -> list[EventMention]:
    return code_events(nlp(text), article="a1")


def only(mentions: list[EventMention], kind: str) -> EventMention:
    found = [m for m in mentions if m.type == kind]
    assert len(found) == 1, f"expected one {kind}, got {[(m.type, m.trigger) for m in mentions]}"
    return found[0]


def texts(spans) -> list[str]:
    return [span[2] for span in spans]


def test_airstrike_with_actor_target_place_time_and_death_toll(nlp):
    text = "Russian warplanes bombed a hospital in Aleppo on Wednesday, killing at least 23 people."
    mentions = code(nlp, text)
    assault = only(mentions, "ASSAULT")
    assert assault.mode == "airstrike"
    assert texts(assault.actors) == ["Russian warplanes"]
    assert texts(assault.targets) == ["a hospital"]
    assert any("Aleppo" in place for place in texts(assault.location_spans))
    assert any("Wednesday" in when for when in texts(assault.time_spans))
    (killed,) = assault.magnitudes
    assert (killed.kind, killed.value, killed.text) == ("killed", 23, "at least 23")
    assert text[killed.start : killed.end] == "at least 23"
    assert not assault.negated and not assault.hypothetical
    assert assault.article == "a1" and text[assault.trigger_start : assault.trigger_end] == "bombed"


def test_threat_to_suspend_talks_is_a_threat_and_the_suspension_hypothetical(nlp):
    mentions = code(nlp, "Kerry threatened to suspend talks with Russia unless the bombing stops.")
    threat = only(mentions, "THREATEN")
    assert texts(threat.actors) == ["Kerry"]
    assert texts(threat.targets) == ["Russia"]
    suspension = only(mentions, "SANCTION")
    assert suspension.hypothetical
    assert texts(suspension.actors) == ["Kerry"]
    assert max(mentions, key=lambda m: m.confidence).type == "THREATEN"


def test_blame_is_an_accusation_of_the_blamed(nlp):
    mentions = code(nlp, "The administration has blamed Russia for the collapse of the ceasefire.")
    accusation = only(mentions, "ACCUSE")
    assert texts(accusation.actors) == ["The administration"]
    assert texts(accusation.targets) == ["Russia"]


def test_claimed_bombing_is_coded_with_its_claimant_and_as_an_accusation(nlp):
    mentions = code(nlp, "Russia has claimed that the US-led coalition bombed Syrian troops.")
    accusation = only(mentions, "ACCUSE")
    assert texts(accusation.actors) == ["Russia"]
    bombing = only(mentions, "ASSAULT")
    assert bombing.claimed_by is not None and bombing.claimed_by[2] == "Russia"
    assert texts(bombing.actors) == ["the US-led coalition"]
    assert texts(bombing.targets) == ["Syrian troops"]


def test_accused_of_shelling_gives_the_accused_as_the_shelling_actor(nlp):
    mentions = code(nlp, "The rebels accused government forces of shelling the town.")
    shelling = only(mentions, "ASSAULT")
    assert shelling.mode == "shelling"
    assert texts(shelling.actors) == ["government forces"]
    assert shelling.claimed_by[2] == "The rebels"


def test_attack_that_did_not_happen_is_negated(nlp):
    attack = only(code(nlp, "The convoy was not attacked."), "ASSAULT")
    assert attack.negated
    assert texts(attack.targets) == ["The convoy"]


def test_two_actors_agree_a_ceasefire(nlp):
    agreement = only(code(nlp, "Kerry and Lavrov agreed a ceasefire."), "AGREE")
    assert texts(agreement.actors) == ["Kerry", "Lavrov"]
    assert agreement.mode == "ceasefire deal"


def test_phone_call_is_a_consultation_by_phone(nlp):
    consult = only(code(nlp, "Lavrov held a phone call with Kerry."), "CONSULT")
    assert consult.mode == "phone call"
    assert texts(consult.actors) == ["Lavrov"]
    assert texts(consult.targets) == ["Kerry"]


def test_displaced_count_is_read_as_a_lower_bound(nlp):
    mentions = code(nlp, "Tens of thousands were displaced by the shelling of eastern Aleppo.")
    shelling = only(mentions, "ASSAULT")
    (displaced,) = shelling.magnitudes
    assert (displaced.kind, displaced.value) == ("displaced", 20000)
    assert displaced.text.lower() == "tens of thousands"


def test_coordinated_subjects_are_two_actors(nlp):
    assault = only(code(nlp, "Russia and Syria bombed rebel-held districts of Aleppo."), "ASSAULT")
    assert texts(assault.actors) == ["Russia", "Syria"]


def test_passive_voice_puts_the_agent_as_actor(nlp):
    assault = only(code(nlp, "The aid convoy was attacked by government helicopters."), "ASSAULT")
    assert texts(assault.actors) == ["government helicopters"]
    assert texts(assault.targets) == ["The aid convoy"]


def test_demand_and_rejection(nlp):
    request = only(code(nlp, "The UN urged Russia to halt the airstrikes on Aleppo."), "REQUEST")
    assert texts(request.actors) == ["The UN"] and texts(request.targets) == ["Russia"]
    rejection = only(code(nlp, "Moscow rejected the American proposal."), "REJECT")
    assert texts(rejection.actors) == ["Moscow"]
    assert texts(rejection.targets) == ["American"]


def test_nominal_event_with_demonym_actor(nlp):
    mentions = code(nlp, "Dozens died in Russian airstrikes on Idlib.")
    assault = only(mentions, "ASSAULT")
    assert texts(assault.actors) == ["Russian"]
    assert texts(assault.targets) == ["Idlib"]
    assert assault.magnitudes[0].kind == "killed" and assault.magnitudes[0].value == 24


def test_refusal_to_meet_is_a_rejection_and_the_meeting_negated(nlp):
    mentions = code(nlp, "Assad refused to meet the UN envoy.")
    assert only(mentions, "REJECT").actors[0][2] == "Assad"
    assert only(mentions, "CONSULT").negated


def test_plan_to_attack_is_hypothetical_threat(nlp):
    mentions = code(nlp, "The army plans to storm the eastern districts next week.")
    assert only(mentions, "ASSAULT").hypothetical
    assert only(mentions, "THREATEN").actors[0][2] == "The army"


def test_backer_of_a_proxy_is_the_supporter(nlp):
    support = only(code(nlp, "Iranian-backed militias entered the city."), "SUPPORT")
    assert texts(support.actors) == ["Iranian"]


def test_a_question_asserts_nothing(nlp):
    assault = only(code(nlp, "Did Russian jets bomb the convoy?"), "ASSAULT")
    assert assault.hypothetical


def test_demand_reported_with_must(nlp):
    mentions = code(nlp, "The minister said that Russia must stop bombing civilians.")
    request = only(mentions, "REQUEST")
    assert texts(request.actors) == ["The minister"] and texts(request.targets) == ["Russia"]


def test_no_event_in_a_plain_sentence(nlp):
    assert code(nlp, "Aleppo is the largest city in Syria.") == []


def test_code_sentence_offsets_point_into_the_whole_document(nlp):
    doc = nlp("The weather was mild. Rebels shelled the western districts on Sunday.")
    sentence = list(doc.sents)[1]
    (mention,) = code_sentence(sentence, article="x")
    assert doc.text[mention.sentence_start : mention.sentence_end] == sentence.text
    assert doc.text[mention.trigger_start : mention.trigger_end] == "shelled"
    assert mention.type == "ASSAULT" and mention.mode == "shelling"


@pytest.mark.parametrize(
    ("text", "value"),
    [("at least 23", 23), ("tens of thousands", 20000), ("1,200", 1200), ("dozens", 24),
     ("two hundred", 200), ("hundreds of thousands", 200000), ("several", None),
     ("more than 1.5 million", 1500000)],
)  # fmt: skip
def test_counts_parse_to_their_lower_bound(text, value):
    assert parse_count(text) == value


def test_a_lexicon_entry_with_an_unknown_type_is_a_config_error():
    from manysides.annotate.event_lexicon import build_lexicon
    from manysides.errors import ConfigError

    with pytest.raises(ConfigError, match="ATTACK"):
        build_lexicon({"verbs": {"bomb": "ATTACK/airstrike"}, "nouns": {}, "type_targets": {}})


def test_dateline_in_capitals_is_not_the_actor(nlp):
    text = "PUNO, 12 October (RTA) — The Armed Forces shelled rebel positions near Ilave."
    assault = only(code(nlp, text), "ASSAULT")
    assert texts(assault.actors) == ["The Armed Forces"]


def test_weapon_subject_leaves_the_actor_unknown(nlp):
    assault = only(code(nlp, "Artillery shells struck the crowded central market."), "ASSAULT")
    assert assault.actors == ()
    assert texts(assault.targets) == ["the crowded central market"]


def test_weapon_with_a_national_modifier_gives_that_nation(nlp):
    assault = only(code(nlp, "Israeli rockets struck the market on Friday."), "ASSAULT")
    assert texts(assault.actors) == ["Israeli"]


def test_date_is_not_the_actor(nlp):
    assault = only(code(nlp, "Thursday saw heavy shelling of the town."), "ASSAULT")
    assert assault.actors == ()


def test_convoy_reaching_a_town_is_aid_from_its_sender(nlp):
    aid = only(code(nlp, "A UN convoy of 14 trucks reached Ilave on Friday."), "AID")
    assert aid.mode == "aid convoy"
    assert texts(aid.actors) == ["UN"]
    assert any("Ilave" in place for place in texts(aid.location_spans))


def test_reaching_a_deal_is_still_an_agreement(nlp):
    agree = only(code(nlp, "The two sides reached a deal on Monday."), "AGREE")
    assert texts(agree.actors) == ["The two sides"]


def test_agreement_signed_as_a_participle_is_an_agreement(nlp):
    mentions = code(nlp, "Officials praised the agreement signed in La Paz on Tuesday.")
    agree = only(mentions, "AGREE")
    assert agree.trigger == "agreement"
    assert any("La Paz" in place for place in texts(agree.location_spans))
    assert any("Tuesday" in when for when in texts(agree.time_spans))


# ---------------------------------------------------------------- lexicon gaps


def test_stepping_back_from_a_deal_is_a_rejection(nlp):
    mentions = code(nlp, "Moscow has stepped back from a truce arrangement for the northern city.")
    rejection = only(mentions, "REJECT")
    assert texts(rejection.actors) == ["Moscow"]
    assert not [m for m in mentions if m.type in ("RETREAT", "AGREE")]


def test_pulling_back_troops_from_a_town_is_still_a_retreat(nlp):
    retreat = only(code(nlp, "The militia pulled back from the town on Monday."), "RETREAT")
    assert texts(retreat.actors) == ["The militia"]


def test_driving_a_group_from_villages_is_an_assault(nlp):
    assault = only(code(nlp, "Kurdish fighters have driven the militants from a dozen villages."),
                   "ASSAULT")  # fmt: skip
    assert texts(assault.actors) == ["Kurdish fighters"]
    assert texts(assault.targets) == ["the militants"]


def test_proposing_that_something_be_done_is_a_request(nlp):
    mentions = code(nlp, "Turkey has proposed that refugees be returned only through Kilis.")
    assert texts(only(mentions, "REQUEST").actors) == ["Turkey"]


def test_having_to_account_for_actions_threatens_the_subject(nlp):
    threat = only(code(nlp, "Iran will have to account for its actions."), "THREATEN")
    assert threat.actors == () and texts(threat.targets) == ["Iran"]


def test_using_a_group_as_an_excuse_is_an_accusation(nlp):
    accusation = only(code(nlp, "They are using the militants as a pretext."), "ACCUSE")
    assert texts(accusation.actors) == ["They"]


def test_a_tirade_by_a_diplomat_is_an_accusation_with_its_speaker(nlp):
    mentions = code(nlp, "The vote was followed by an angry tirade by the Syrian ambassador.")
    assert texts(only(mentions, "ACCUSE").actors) == ["the Syrian ambassador"]


def test_differences_with_a_country_are_a_disagreement(nlp):
    accusation = only(code(nlp, "The minister said Ankara had serious differences with Moscow."),
                      "ACCUSE")  # fmt: skip
    assert texts(accusation.targets) == ["Moscow"]


def test_approving_a_plan_backs_it_and_a_parliament_approving_a_law_agrees(nlp):
    assert only(code(nlp, "The president finally approved the proposal."), "SUPPORT")
    assert only(code(nlp, "Parliament approved the law on Tuesday."), "AGREE")


def test_claiming_the_other_side_failed_to_keep_a_deal_accuses_it(nlp):
    mentions = code(nlp, "Each government claims that the other failed to honour the accord.")
    assert texts(only(mentions, "ACCUSE").actors) == ["Each government"]


def test_severed_supply_lines_are_a_blockade(nlp):
    blockade = only(code(nlp, "Their supply lines have been severed by the army."), "COERCE")
    assert blockade.mode == "blockade"


def test_irregular_past_tense_is_read_as_its_verb(nlp):
    mentions = code(nlp, "Government troops retook an air base on Sunday.")
    assert only(mentions, "ASSAULT").mode == "ground assault"


def test_a_question_is_not_a_request(nlp):
    assert not [m for m in code(nlp, "When asked if the talks would resume, he smiled.")
                if m.type == "REQUEST"]  # fmt: skip
    assert only(code(nlp, "Jordan asked Israel to reopen the crossing."), "REQUEST")


# ---------------------------------------------------------------- refusals and accusations


def test_unwilling_to_keep_a_truce_is_a_rejection_of_it(nlp):
    mentions = code(nlp, "The rebels proved unwilling to observe the truce.")
    assert texts(only(mentions, "REJECT").actors) == ["The rebels"]
    assert not [m for m in mentions if m.type == "AGREE"]


def test_not_going_to_withdraw_is_a_rejection(nlp):
    mentions = code(nlp, "The government is not going to withdraw its troops.")
    assert texts(only(mentions, "REJECT").actors) == ["The government"]
    assert not [m for m in mentions if m.type == "AGREE"]


def test_a_deal_not_reached_is_negated_but_nobody_rejected_it(nlp):
    mentions = code(nlp, "Despite long talks, no agreement has been reached.")
    assert only(mentions, "AGREE").negated
    assert not [m for m in mentions if m.type == "REJECT"]


# ---------------------------------------------------------------- commentary is not an event


@pytest.mark.parametrize(
    ("text", "kind"),
    [("If the army storms the town, the rebels will lose their last stronghold.", "ASSAULT"),
     ("Bombing the bridges would make the city easy to defend.", "ASSAULT"),
     ("The ministry complains every time the rebels shell the town.", "ASSAULT"),
     ("Washington does not want them to supply heavy weapons.", "AID"),
     ("The vote was a demonstration that the party is united.", "PROTEST"),
     ("There is no consensus on how to help the refugees.", "AID"),
     ("Kerry said there was no point in continuing the negotiations.", "CONSULT"),
     ("Officials fear the risk that the missiles could be used to shoot down airliners.",
      "ASSAULT"),
     ("How are they going to help their allies on the ground?", "AID"),
     ("There is discussion about allowing allies to send more weapons.", "AID"),
     ("The attacks were followed by a long silence.", "ASSAULT"),
     ("More than 300,000 people have been killed and millions displaced.", "ASSAULT"),
     ("The opposition called for a ceasefire.", "AGREE"),
     ("Russia has stepped up bombing to help the recovery of the army's position.", "AID")],
)  # fmt: skip
def test_commentary_is_not_coded_as_an_event(nlp, text, kind):
    assert not [m for m in code(nlp, text) if m.type == kind], text


def test_a_dated_death_toll_is_still_an_event(nlp):
    mentions = code(nlp, "At least 23 people were killed in Idlib on Tuesday.")
    assert only(mentions, "ASSAULT").magnitudes[0].value == 23


def test_the_source_of_a_report_is_not_the_actor(nlp):
    mentions = code(nlp, "According to the Times, rebels shelled the airport.")
    assert texts(only(mentions, "ASSAULT").actors) == ["rebels"]


def test_meeting_after_a_clause_has_the_clause_subject_as_actor(nlp):
    mentions = code(nlp, "The envoy left Damascus after meeting President Assad.")
    assert texts(only(mentions, "CONSULT").actors) == ["The envoy"]


def test_death_from_torture_makes_the_dead_the_target(nlp):
    mentions = code(nlp, "A detainee died as a result of torture in a military prison.")
    assert texts(only(mentions, "ASSAULT").targets) == ["A detainee"]


def test_a_demonstration_in_the_streets_is_still_a_protest(nlp):
    protest = only(code(nlp, "Students held a demonstration in Tahrir Square on Friday."),
                   "PROTEST")  # fmt: skip
    assert texts(protest.actors) == ["Students"]


def test_a_purpose_under_a_counterfactual_is_hypothetical(nlp):
    text = ("If the truce had held, Washington and Moscow would have worked together to strike "
            "the militants.")
    strike = only(code(nlp, text), "ASSAULT")
    assert strike.hypothetical
    assert not only(code(nlp, "Moscow sent jets to strike the militants on Monday."),
                    "ASSAULT").hypothetical


def test_the_instrument_says_how_an_attack_was_made(nlp):
    assert only(code(nlp, "Artillery shells struck the crowded market on Thursday."),
                "ASSAULT").mode == "shelling"
    mortar = only(code(nlp, "Mortar rounds hit the checkpoint at dawn."), "ASSAULT")
    assert mortar.mode == "shelling"
    assert only(code(nlp, "Russian warplanes bombed a hospital in Aleppo."),
                "ASSAULT").mode == "airstrike"


def test_a_pronoun_doer_is_read_as_the_subject_it_stands_for(nlp):
    mentions = code(nlp, "Though Russia has said that its aim in Syria is to fight terror groups, "
                         "it is widely seen as bolstering Assad.")  # fmt: skip
    backing = only(mentions, "SUPPORT")
    assert texts(backing.actors) == ["Russia"] and texts(backing.targets) == ["Assad"]
    previous = code(nlp, "The US has built a coalition against ISIS. But it has sided with the "
                         "moderate opposition.")  # fmt: skip
    assert texts(only(previous, "SUPPORT").actors) == ["The US"]


def test_aid_offered_goes_to_whom_it_is_offered(nlp):
    aid = only(code(nlp, "The United States has offered aid to opposition fighters."), "AID")
    assert texts(aid.actors) == ["The United States"]
    assert texts(aid.targets) == ["opposition fighters"]


def test_the_doer_of_a_gerund_after_in_is_the_clauses_subject(nlp):
    backing = only(code(nlp, "Iran has spent nearly $100 billion in supporting Assad."), "SUPPORT")
    assert texts(backing.actors) == ["Iran"]


def test_their_opposition_is_the_subjects_and_the_campaign_is_waged_by_the_subject(nlp):
    rejection = only(code(nlp, "Top officials at the Pentagon asserted their opposition to the "
                               "plan."), "REJECT")  # fmt: skip
    assert texts(rejection.actors) == ["Top officials"]
    assert texts(rejection.targets) == ["the plan"]
    strike = only(code(nlp, "The Syrian and Russian air forces have intensified their bombing "
                            "campaign reducing the city to rubble and killing scores of "
                            "civilians."), "ASSAULT")  # fmt: skip
    assert texts(strike.actors) == ["The Syrian and Russian air forces"]


def test_a_backer_named_in_apposition_backs_the_one_it_is_the_backer_of(nlp):
    backing = only(code(nlp, "The envoy is visiting President Assad's other major backer, Iran."),
                   "SUPPORT")  # fmt: skip
    assert texts(backing.actors) == ["Iran"] and texts(backing.targets) == ["President Assad"]
    assert not [m for m in code(nlp, "The financial backers of the film were happy.")
                if m.type == "SUPPORT"]  # fmt: skip


def test_a_hyphenated_re_verb_keeps_its_subject(nlp):
    siege = only(code(nlp, "Russia and the Assad regime effectively re-imposed the siege on "
                           "Aleppo."), "COERCE")  # fmt: skip
    assert texts(siege.actors) == ["Russia", "the Assad regime"]


def top(mentions: list[EventMention]) -> EventMention:
    return max(mentions, key=lambda m: m.confidence)


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("Police imposed a curfew in Homs after the riots.", "COERCE", "Homs"),
        ("The army lifted the curfew in the town of Douma on Sunday.", "CONCEDE", "Douma"),
        ("Thousands of workers demonstrated in Turkey on Monday.", "PROTEST", "Turkey"),
        ("The Syrian foreign minister arrived in Tehran on Friday.", "CONSULT", "Tehran"),
    ],
)
def test_a_deed_with_no_party_named_is_aimed_at_the_place_it_is_done_in(nlp, text, kind, target):
    event = only(code(nlp, text), kind)
    assert texts(event.targets) == [target]
    assert event.location_spans  # and it is still where the deed was done


def test_where_talks_are_held_is_their_venue_not_their_target(nlp):
    talks = only(code(nlp, "Kerry met Lavrov in Geneva on Friday."), "CONSULT")
    assert texts(talks.targets) == ["Lavrov"]


def test_a_threatened_deed_in_a_place_is_aimed_at_the_place(nlp):
    threat = top(code(nlp, "The governor threatened to impose a curfew in Damascus."))
    assert threat.type == "THREATEN"
    assert texts(threat.targets) == ["Damascus"]


def test_a_threat_is_aimed_at_whoever_must_meet_its_condition(nlp):
    threat = top(code(nlp, "The union threatened to strike unless the government raised wages."))
    assert threat.type == "THREATEN"
    assert texts(threat.targets) == ["the government"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Hundreds of students began a hunger strike to protest Sweden's decision to deport "
         "them.", "Sweden"),
        ("Prisoners staged a hunger strike in protest against the policies of the Syrian "
         "government.", "the Syrian government"),
        ("Thousands marched in Kirkuk on Sunday, calling for independence from Iraq.", "Iraq"),
    ],
)  # fmt: skip
def test_a_protest_is_aimed_at_the_party_its_stated_aim_names(nlp, text, target):
    protest = top(code(nlp, text))
    assert protest.type == "PROTEST"
    assert texts(protest.targets)[:1] == [target]


def test_us_in_capitals_is_the_country_asked_not_a_pronoun(nlp):
    demand = only(code(nlp, "China demanded that the US cancel the arms sale."), "REQUEST")
    assert texts(demand.targets) == ["the US"]


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("Turkey apologized to Russia for the downing of the jet.", "SUPPORT", "Russia"),
        ("Iran offered its troops to Syria.", "AGREE", "Syria"),
    ],
)
def test_some_verbs_aim_at_the_object_of_to(nlp, text, kind, target):
    event = only(code(nlp, text), kind)
    assert texts(event.targets) == [target]


@pytest.mark.parametrize(("text", "kind", "doer"), [
    # the parser hangs "in funding" on the amount; the one who spent it funds
    ("Qatar has spent an estimated $3 billion in funding the rebels.", "AID", "Qatar"),
    ("The Iranian people never get tired of supporting the resistance.", "SUPPORT",
     "The Iranian people"),
])  # fmt: skip
def test_a_gerund_under_an_amount_or_an_adjective_is_the_subjects_deed(nlp, text, kind, doer):
    assert texts(only(code(nlp, text), kind).actors) == [doer]


def test_their_names_the_nearest_plural_subject_of_the_sentence(nlp):
    mentions = code(nlp, "The army wants to retake the road, which rebels opened in their "
                    "offensive in early August.")  # fmt: skip
    offensive = [m for m in mentions if m.trigger == "offensive"]
    assert offensive and texts(offensive[0].actors) == ["rebels"]


def test_they_in_a_new_sentence_stays_unresolved(nlp):
    """Across sentences "they" may be anyone: it names nobody."""
    mentions = code(nlp, "Rebels left the town. They shelled the airport on Monday.")
    shelled = only(mentions, "ASSAULT")
    assert texts(shelled.actors) == ["They"]


def test_a_demand_voiced_again_outranks_what_it_asks_for(nlp):
    text = "The union reiterated its demand that the government free the strikers."
    demand = top(code(nlp, text))
    assert demand.type == "REQUEST"
    assert texts(demand.actors) == ["The union"] and texts(demand.targets) == ["the government"]
    insisted = top(code(nlp, "The rebels insisted on their demand that the army withdraw."))
    assert insisted.type == "REQUEST" and "The rebels" in texts(insisted.actors)


def test_what_a_refuser_adds_while_refusing_does_not_outrank_the_refusal(nlp):
    text = "The king refused to meet him, saying he would only welcome him in Cairo."
    mentions = code(nlp, text)
    refusal, aside = only(mentions, "REJECT"), only(mentions, "AGREE")
    assert aside.confidence < refusal.confidence - 0.05  # a clause level below, not a near tie


def test_a_vow_to_fight_is_a_threat_even_when_parsed_as_a_purpose_clause(nlp):
    text = "The militias have sworn to fight until they gain control of the valley, officials said."
    threat = top(code(nlp, text))
    assert threat.type == "THREATEN" and texts(threat.actors) == ["The militias"]
    trip = code(nlp, "The volunteers went to Syria to fight.")
    assert "THREATEN" not in [m.type for m in trip]


def test_stopping_a_rally_is_coercion_of_it(nlp):
    assert top(code(nlp, "Police prevented a rally by opposition supporters.")).type == "COERCE"


def test_troops_kept_on_alert_are_mobilised(nlp):
    alert = top(code(nlp, "Soldiers remained on alert along the northern border."))
    assert alert.type == "MOBILIZE"


def test_those_engaged_in_ethnic_cleansing_do_it(nlp):
    cleansing = top(code(nlp, "Militias were engaged in ethnic cleansing in the region."))
    assert (cleansing.type, cleansing.mode) == ("ASSAULT", "ethnic cleansing")
    assert texts(cleansing.actors) == ["Militias"] and not cleansing.targets


def test_letting_a_politician_act_eases_restrictions_letting_aid_in_gives_access(nlp):
    text = "The court allowed opposition leader Juan Perez to contest the election."
    concession = top(code(nlp, text))
    assert concession.type == "CONCEDE"
    assert any("Juan Perez" in t for t in texts(concession.targets))
    access = top(code(nlp, "The army allowed aid convoys to enter the town."))
    assert access.type == "RETREAT"


def test_stopping_work_and_an_open_ended_strike_are_labour_protests(nlp):
    assert top(code(nlp, "Thousands of dockworkers stopped work on Monday.")).type == "PROTEST"
    strike = only(code(nlp, "The unions called an open-ended strike."), "PROTEST")
    assert strike.mode == "strike"


def test_a_warm_welcome_is_hosting_the_one_welcomed(nlp):
    welcome = top(code(nlp, "The president gave a warm welcome to the visiting Chinese premier."))
    assert welcome.type == "CONSULT"
    assert texts(welcome.targets) == ["Chinese"]  # coded, as event data is, by country


def test_shortening_a_curfew_and_lifting_a_state_of_emergency_are_concessions(nlp):
    assert top(code(nlp, "The government shortened the curfew.")).type == "CONCEDE"
    lifted = top(code(nlp, "The junta lifted the state of emergency in the north."))
    assert lifted.type == "CONCEDE"


def test_a_measure_named_as_the_object_says_whom_it_concerns(nlp):
    sanction = top(code(nlp, "The European Union imposed sanctions on the junta."))
    assert sanction.type == "SANCTION" and texts(sanction.targets) == ["the junta"]
    lifted = top(code(nlp, "Israel lifted its blockade on Palestinian fishing boats."))
    assert any("Palestinian" in t for t in texts(lifted.targets))
    ultimatum = top(code(nlp, "Kenya issued an ultimatum to the rebels."))
    assert ultimatum.type == "THREATEN" and texts(ultimatum.targets) == ["the rebels"]


def test_a_demand_for_a_withdrawal_is_aimed_at_those_who_must_withdraw(nlp):
    text = "The ministers demanded the withdrawal of Russian forces from Georgia."
    demand = top(code(nlp, text))
    assert demand.type == "REQUEST"
    assert any("Russian" in t for t in texts(demand.targets))


def test_a_complaint_accuses_whoever_did_what_it_is_about_not_its_addressee(nlp):
    text = "Jordan complained to the Security Council over Israeli raids on its border villages."
    complaint = only(code(nlp, text), "ACCUSE")
    assert texts(complaint.actors) == ["Jordan"]
    assert any("Israeli" in t for t in texts(complaint.targets))
    assert not any("Security Council" in t for t in texts(complaint.targets))


def test_shelled_positions_are_aimed_at_whoever_holds_them(nlp):
    text = "Government artillery shelled positions of the Free Syrian Army near the town."
    shelling = only(code(nlp, text), "ASSAULT")
    assert any("Free Syrian Army" in t for t in texts(shelling.targets))


def test_violating_a_ban_defies_it_violating_a_truce_is_violence(nlp):
    assert top(code(nlp, "The newspaper violated a ban on reporting the trial.")).type == "REJECT"
    assert top(code(nlp, "Rebels violated the ceasefire near Hama.")).type == "ASSAULT"


def test_setting_fire_to_offices_is_destroying_property(nlp):
    arson = top(code(nlp, "Settlers set fire to the offices of a Palestinian charity."))
    assert (arson.type, arson.mode) == ("COERCE", "destroy")


def test_readying_a_renewed_attack_is_mobilisation(nlp):
    text = "The army prepared to resume shelling the rebel villages."
    assert top(code(nlp, text)).type == "MOBILIZE"


def test_widening_freedoms_is_a_concession_and_a_petition_a_protest(nlp):
    text = "The government took steps to expand press freedoms."
    assert top(code(nlp, text)).type == "CONCEDE"
    text = "The opposition began collecting signatures for a referendum."
    assert top(code(nlp, text)).type == "PROTEST"


def test_a_body_of_people_is_read_by_whom_it_is_made_of(nlp):
    text = "The president received a team of inspectors from the agency."
    assert top(code(nlp, text)).type == "RETREAT"
    text = "A contingent of peacekeeping troops arrived in Mali on Monday."
    assert top(code(nlp, text)).type == "AID"


def test_being_committed_to_doing_is_a_promise_continuing_is_not(nlp):
    promise = top(code(nlp, "Iran is committed to expanding trade with Iraq."))
    assert promise.type == "AGREE" and texts(promise.actors) == ["Iran"]
    ongoing = code(nlp, "Washington will continue to support the rebels.")
    assert [m.type for m in ongoing] == ["SUPPORT"]


def test_a_wave_or_round_of_deeds_is_those_deeds_done_by_who_launched_them(nlp):
    wave = only(code(nlp, "Russia launched a wave of airstrikes on Idlib."), "ASSAULT")
    assert wave.mode == "airstrike"
    assert texts(wave.actors) == ["Russia"] and texts(wave.targets) == ["Idlib"]
    talks = only(code(nlp, "The two sides held a new round of talks in Geneva."), "CONSULT")
    assert texts(talks.actors) == ["The two sides"]


def test_war_games_held_together_are_cooperation_held_alone_a_show_of_force(nlp):
    joint = top(code(nlp, "Russian and Chinese warships began three days of naval drills."))
    assert joint.type == "COOPERATE"
    solo = top(code(nlp, "North Korea held live-fire military drills near the border."))
    assert (solo.type, texts(solo.actors)) == ("MOBILIZE", ["North Korea"])


def test_pushing_for_someone_to_act_asks_it_of_them(nlp):
    push = top(code(nlp, "Activists pushed for the government to release the prisoners."))
    assert push.type == "REQUEST" and "the government" in texts(push.targets)


def test_ordering_a_paper_to_close_coerces_it_ordering_troops_forward_does_not(nlp):
    text = "The government ordered the opposition newspaper to suspend publication."
    order = top(code(nlp, text))
    assert order.type == "COERCE" and texts(order.targets) == ["the opposition newspaper"]
    assert not [m for m in code(nlp, "The general ordered his troops to advance.")
                if m.type == "COERCE"]  # fmt: skip


def test_driving_out_villagers_is_deportation_expelling_diplomats_a_sanction(nlp):
    villagers = top(code(nlp, "The army forced out hundreds of villagers from their homes."))
    assert (villagers.type, villagers.mode) == ("COERCE", "deport")
    diplomats = top(code(nlp, "The foreign ministry expelled three Russian diplomats."))
    assert (diplomats.type, diplomats.mode) == ("SANCTION", "expel")


def test_whoever_is_convinced_not_to_act_is_the_one_who_would_have_acted(nlp):
    text = "Washington convinced its allies not to send heavy weapons to the rebels."
    aid = only(code(nlp, text), "AID")
    assert texts(aid.actors) == ["its allies"] and aid.negated


def test_rallying_lobbies_for_a_cause_is_support_mobilising_reservists_is_not(nlp):
    text = "Qatar mobilized pressure groups in Europe to help defend the rights of the Kurds."
    rally = top(code(nlp, text))
    assert (rally.type, rally.mode) == ("SUPPORT", "rally")
    assert texts(rally.targets) == ["the Kurds"]
    assert top(code(nlp, "Russia mobilized 300,000 reservists.")).type == "MOBILIZE"


def test_saying_a_blockade_will_be_tightened_threatens_the_blockaded(nlp):
    text = "NATO said it would tighten the naval blockade of Serbia."
    threat = top(code(nlp, text))
    assert threat.type == "THREATEN" and texts(threat.targets) == ["Serbia"]


def test_what_a_speaker_calls_out_of_the_question_the_speaker_rejects(nlp):
    text = "Officials said that lifting the embargo on Cuba is out of the question."
    rejection = top(code(nlp, text))
    assert rejection.type == "REJECT" and texts(rejection.actors) == ["Officials"]
    assert texts(rejection.targets) == ["Cuba"]
    off = top(code(nlp, "The minister said a ceasefire was off the table."))
    assert off.type == "REJECT" and texts(off.actors) == ["The minister"]


def test_blowing_up_power_lines_destroys_property_blowing_up_a_bus_is_an_attack(nlp):
    lines = top(code(nlp, "Guerrillas blew up two power lines outside the capital."))
    assert (lines.type, lines.mode) == ("COERCE", "destroy")
    assert top(code(nlp, "Militants blew up a bus in the city.")).type == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("Hamas called for sanctions against Israel.", "REQUEST", "Israel"),
        ("Britain mobilized reservists for a war against Iraq.", "MOBILIZE", "Iraq"),
        ("The Kurds demanded autonomy from Baghdad.", "REQUEST", "Baghdad"),
        ("Police opened fire to disperse the protesters.", "ASSAULT", "the protesters"),
        ("Tanks fired shells at targets in Homs.", "ASSAULT", "Homs"),
        ("Settlers set fire to the offices of a Palestinian charity.", "COERCE", "Palestinian"),
        ("Police prevented a march organised by students.", "COERCE", "students"),
        ("Turkey closed its border with Syria.", "COERCE", "Syria"),
        ("The court ordered the newspaper Al Masry to close.", "COERCE", "Al Masry"),
        ("The junta declared a state of emergency in Mali.", "COERCE", "Mali"),
        ("Hackers tried to hack into the networks of Estonian banks.", "COERCE", "Estonian"),
        ("Rebels kidnapped up to 20 foreign workers.", "ASSAULT", "foreign workers"),
        ("Troops launched artillery and rocket fire against rebel camps.", "ASSAULT", "rebel"),
        ("The president agreed to UN mediation.", "AGREE", "UN"),
    ],
)
def test_whom_a_deed_is_aimed_at(nlp, text, kind, target):
    event = top(code(nlp, text))
    assert event.type == kind, (text, event.type)
    assert any(target in t for t in texts(event.targets)), (text, texts(event.targets))


@pytest.mark.parametrize(("text", "kind"), [
    ("The latest casualty is hope of a US-Russia agreement on a truce.", "AGREE"),
    ("The White House is working on the possibility of sanctions against Syria.", "SANCTION"),
])  # fmt: skip
def test_what_a_hope_or_a_possibility_is_of_has_not_happened(nlp, text, kind):
    assert only(code(nlp, text), kind).hypothetical


def test_an_agreement_reached_is_not_hypothetical(nlp):
    assert not only(code(nlp, "The US and Russia reached an agreement on a truce."),
                    "AGREE").hypothetical


@pytest.mark.parametrize(("text", "hypothetical"), [
    ("The United States will join Russia in fighting terrorists in Syria.", True),
    ("I don't believe the US will be ready to join Russia in fighting terrorists.", True),
    ("The United States joined Russia in fighting terrorists in Syria.", False),
])  # fmt: skip
def test_a_gerund_after_a_preposition_shares_the_mood_of_its_verb(nlp, text, hypothetical):
    assert only(code(nlp, text), "ASSAULT").hypothetical is hypothetical


def test_a_compass_point_after_the_doer_places_it_and_is_not_part_of_it(nlp):
    """ "captured by rebels southwest of Aleppo": the parser makes "southwest" the noun."""
    mentions = code(nlp, "Russia stepped up airstrikes on areas captured by rebels southwest "
                    "of Aleppo in an offensive earlier this month.")  # fmt: skip
    captured = [m for m in mentions if m.trigger == "captured"]
    assert captured and texts(captured[0].actors) == ["rebels"]


def test_backing_off_is_yielding_not_backing(nlp):
    mentions = code(nlp, "Russian troops backed off from the border on Tuesday.")
    assert [m.type for m in mentions] == ["RETREAT"]


def test_what_lies_anywhere_inside_a_prospect_has_not_happened(nlp):
    mentions = code(nlp, "The State Department was gloomy about the prospect of any diplomatic "
                    "initiative to get the Russians to back off Aleppo.")  # fmt: skip
    assert only(mentions, "RETREAT").hypothetical


def test_those_killed_fighting_for_a_side_are_not_a_blow_against_that_side(nlp):
    text = "Hundreds of Iranian militia have been killed fighting for the regime."
    killed = top(code(nlp, text))
    assert killed.type == "ASSAULT" and not any("regime" in t for t in texts(killed.targets))
    aid = top(code(nlp, "The UN gave food aid for the refugees."))
    assert any("refugees" in t for t in texts(aid.targets))


def test_breaking_a_truce_is_violence_breaking_a_promise_defiance(nlp):
    text = "The militia broke the ceasefire with an attack on an army checkpoint."
    breach = top(code(nlp, text))
    assert (breach.type, breach.mode) == ("ASSAULT", "ceasefire violation")
    assert top(code(nlp, "Russia broke its promise to hold fire.")).type == "REJECT"


def test_a_relative_in_which_is_no_particle_of_the_verb(nlp):
    text = "Rebels attacked the checkpoint, in which two soldiers gave their lives."
    assert "CONCEDE" not in [m.type for m in code(nlp, text)]


def test_a_deployed_medical_team_is_aid_deployed_troops_a_mobilisation(nlp):
    team = top(code(nlp, "The UN deployed a medical team to the camp."))
    assert (team.type, texts(team.targets)) == ("AID", ["the camp"])
    assert top(code(nlp, "Russia deployed troops to the border.")).type == "MOBILIZE"
