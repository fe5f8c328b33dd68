"""The neutral brief: order of kinds, citations, the checker, neutral wording, rendering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eval.score_brief import DEMO, run_stages
from manysides.records import Article
from manysides.summarize import (
    brief_support_rate,
    check_brief,
    draft_brief,
    render_brief_markdown,
    write_brief,
)

WIRE = Article(id="aaaa1111", outlet="Wire One", published="2024-10-08", url="https://w.example/1",
               title="Ceasefire signed", text=(
    "Both sides signed a ceasefire agreement in La Paz on Tuesday. "
    "At least 23 civilians were killed in the shelling of the Ilave market. "
    "The Westbrook Herald blames the Condor Brigades for the breach."))  # fmt: skip
STATE = Article(id="bbbb2222", outlet="State Radio", published="2024-10-08",
                title="Peace in La Paz", text=(
    "The government and the terrorists signed a ceasefire agreement in La Paz on Tuesday. "
    "Four terrorists were killed in the operation at the Ilave market. "
    "The terrorists of Fuerza Wayra broke the ceasefire. "
    "The regime's critics met in exile."))  # fmt: skip
BLOG = Article(id="cccc3333", outlet="Hill Blog", published="2024-10-09", title="A letter",
               text="Yesterday in La Paz the two sides signed a ceasefire agreement. "
                    "A convoy of 14 trucks reached Ilave on Friday.")  # fmt: skip
ARTICLES = [WIRE, STATE, BLOG]
STORY = {"id": "s1", "title": "Altavera ceasefire", "articles": [a.id for a in ARTICLES]}
CLAIMS = [
    {"id": "c1", "story": "s1", "text": "Both sides signed a ceasefire agreement in La Paz.",
     "supported_by": ["aaaa1111", "bbbb2222", "cccc3333"], "independent_sources": 3,
     "contradicted_by": []},
    {"id": "c2", "story": "s1", "text": "A convoy of 14 trucks reached Ilave.",
     "supported_by": ["cccc3333"], "independent_sources": 1, "contradicted_by": []},
]  # fmt: skip
DISAGREEMENTS = [
    {"id": "d1", "story": "s1", "topic": "the death toll in the Ilave market shelling",
     "kind": "number", "positions": [
         {"articles": ["aaaa1111"], "position": "at least 23", "evidence": "At least 23"},
         {"articles": ["bbbb2222"], "position": "4", "evidence": "Four terrorists"}]},
    {"id": "d2", "story": "s1", "topic": "who broke the truce", "kind": "blame", "positions": [
        {"articles": ["aaaa1111"], "position": "the Condor Brigades", "evidence": ""},
        {"articles": ["bbbb2222"], "position": "Fuerza Wayra", "evidence": ""}]},
]  # fmt: skip
CITATION = re.compile(r" \[[0-9a-f]{6,}(?:, [0-9a-f]{6,})*\]$")


@pytest.fixture(scope="module")
def brief():
    return write_brief(STORY, CLAIMS, DISAGREEMENTS, [], ARTICLES)


def test_the_brief_runs_corroborated_then_contested_then_single_source(brief):
    kinds = [s["kind"] for s in brief]
    assert kinds == sorted(kinds, key=["corroborated", "contested", "single-source"].index)
    assert {"corroborated", "contested", "single-source"} <= set(kinds)
    assert "reported only by Hill Blog" in next(
        s["text"] for s in brief if s["kind"] == "single-source")


def test_every_sentence_has_sources_and_ends_with_its_citation(brief):
    for sentence in brief:
        assert sentence["sources"] and sentence["supported"]
        assert CITATION.search(sentence["text"]), sentence["text"]
        shown = CITATION.search(sentence["text"]).group().strip(" []").split(", ")
        assert shown == [s[:6] for s in sentence["sources"]]


def test_a_contested_number_names_each_outlet_and_its_figure(brief):
    toll = next(s for s in brief if "death toll" in s["text"])
    assert "Wire One reports at least 23" in toll["text"]
    assert "State Radio reports 4" in toll["text"]
    assert "range from 4 to 23" in toll["text"]
    blame = next(s for s in brief if "truce" in s["text"])
    assert "disputed" in blame["text"] and "Fuerza Wayra" in blame["text"]


def test_a_number_the_sources_do_not_give_is_caught_and_cut():
    invented = {"text": "Both sides signed a ceasefire agreement in La Paz, leaving 57 dead.",
                "sources": ["aaaa1111", "cccc3333"], "kind": "corroborated"}  # fmt: skip
    marked = check_brief([invented], ARTICLES, drop=False)[0]
    assert "57" not in marked["text"] and marked.get("fixed")
    alone = {"text": "57 people died in La Paz.", "sources": ["aaaa1111"], "kind": "corroborated"}
    assert check_brief([alone], ARTICLES) == []
    assert brief_support_rate(check_brief([alone], ARTICLES, drop=False)) == 0.0


def test_a_side_its_article_does_not_hold_is_removed():
    sentence = next(s for s in draft_brief(STORY, [], DISAGREEMENTS, [], ARTICLES).contested
                    if s["basis"]["kind"] == "number")  # fmt: skip
    sentence["positions"].append({"articles": ["cccc3333"], "position": "90",
                                  "fragment": "Hill Blog reports 90", "holders": ["Hill Blog"]})
    checked = check_brief([sentence], ARTICLES)[0]
    assert "90" not in checked["text"] and "Hill Blog" not in checked["text"]


def test_loaded_terms_never_appear_in_our_own_voice(brief):
    claims = CLAIMS + [{"id": "c3", "story": "s1", "supported_by": ["bbbb2222"],
                        "text": "The terrorists of Fuerza Wayra broke the ceasefire.",
                        "independent_sources": 1, "contradicted_by": []}]  # fmt: skip
    for sentence in write_brief(STORY, claims, DISAGREEMENTS, [], ARTICLES):
        unquoted = re.sub(r"[\"“][^\"”]*[\"”]", "", sentence["text"]).lower()
        assert not re.search(r"\b(regime|terrorists?)\b", unquoted), sentence["text"]


def test_markdown_lists_title_sentences_and_numbered_sources(brief):
    markdown = render_brief_markdown(STORY, brief, ARTICLES)
    assert markdown.startswith("# Altavera ceasefire")
    assert "## Sources" in markdown
    assert "1. `[aaaa11]` Wire One, *Ceasefire signed*, 2024-10-08, <https://w.example/1>" in (
        markdown)  # fmt: skip
    assert "Hill Blog, *A letter*, 2024-10-09" in markdown
    assert all(s["text"] in markdown for s in brief)


@pytest.fixture(scope="module")
def demo():
    return run_stages(DEMO)


def test_the_brief_over_real_demo_events_is_supported_by_the_checker(demo):
    articles = demo["articles"]
    story = {"id": "all", "title": None, "articles": [a.id for a in articles]}
    draft = draft_brief(story, [], [], demo["events"], articles)
    candidates = draft.facts + draft.contested + draft.singles + draft.context
    assert len(candidates) >= 5
    assert brief_support_rate(check_brief(candidates, articles, drop=False)) >= 0.9
    brief = write_brief(story, [], [], demo["events"], articles)
    assert 3 <= len(brief) <= 10 and brief[0]["kind"] == "corroborated"
    assert all(s["sources"] and CITATION.search(s["text"]) for s in brief)


def test_a_fact_dispute_is_checked_against_its_evidence_not_our_wording(demo):
    """ "says it took place" / "say it did not take place" are our words; the check is that each
    side's evidence sentence is really in the article it cites."""
    from manysides.summarize_check import check_brief as check

    articles = demo["articles"]
    by_file = {Path(a.path or "").name[:2]: a for a in articles}
    met = "Foreign Minister Héctor Lazcano met yesterday in Puno"
    off = "was cancelled hours before it was due to begin"

    def side(file: str, words: str, position: str) -> dict:
        text = by_file[file].text
        start = text.index(words)
        return {"articles": [by_file[file].id], "position": position, "fragment": position,
                "holders": [file], "evidence": [{"article": by_file[file].id,
                                                 "text": text[start:start + len(words)]}]}

    sentence = {"text": "", "kind": "contested", "lead": "Accounts of the meeting differ",
                "basis": {"kind": "fact"}, "sources": [],
                "positions": [side("09", met, "took place"),
                              side("08", off, "did not take place")]}  # fmt: skip
    (checked,) = check([sentence], articles, drop=False)
    assert checked["supported"] and len(checked["positions"]) == 2
    forged = dict(sentence, positions=[side("09", met, "took place"),
                                       {**side("08", off, "did not take place"),
                                        "evidence": [{"article": by_file["08"].id,
                                                      "text": "The meeting never happened."}]}])
    (refused,) = check([forged], articles, drop=False)
    assert not refused["supported"]


def test_a_paraphrase_is_cited_only_when_it_shares_enough_of_the_sentence():
    from manysides.summarize_check import check_brief as check

    def article(key: str, outlet: str, text: str) -> Article:
        return Article(id=key, text=text, outlet=outlet, published="2016-09-05")

    sentence_text = ("Enabled by the strikes, the Syrian military and Hezbollah retook an air "
                     "force college and a large artillery base near Aleppo.")
    close = "Syrian troops and Hezbollah fighters retook the artillery base and the college."
    loose = "The Syrian and Russian air forces have intensified their bombing campaign."
    articles = [article("s1", "Wire", sentence_text), article("s2", "Daily", close),
                article("s3", "Blog", loose)]
    sentence = {"text": sentence_text, "kind": "corroborated", "sources": ["s1", "s2", "s3"],
                "evidence": [{"article": "s2", "text": close}, {"article": "s3", "text": loose}]}
    (checked,) = check([sentence], articles, drop=False)
    assert checked["sources"] == ["s1", "s2"]  # "air force" alone does not restate it


def test_two_wordings_of_one_fact_from_the_same_articles_are_one_fact():
    from manysides.summarize_draft import same_fact

    kerry = {"text": "Kerry negotiated a deal with Russia to reduce violence in Syria.",
             "sources": ["a1", "a2"]}
    months = {"text": "Kerry and Lavrov have been working for months to negotiate a deal.",
              "sources": ["a2", "a1"]}
    elsewhere = dict(months, sources=["a2", "a3"])
    assert same_fact(kerry, months)
    assert not same_fact(kerry, elsewhere)


def test_one_outlets_credit_for_a_fact_is_not_carried_into_our_voice():
    from manysides.summarize_wording import compress

    said = ("Thanks to the security guarantees provided by the Armed Forces, a convoy of 14 "
            "trucks reached Ilave on 11 October 2024.")  # fmt: skip
    assert compress(said) == "A convoy of 14 trucks reached Ilave on 11 October 2024."
    assert compress("Due to heavy rain, the convoy was delayed.").startswith("Due to heavy rain")


def test_a_brief_sentence_does_not_open_on_a_connective_or_lack_its_subject():
    from manysides.summarize_wording import compress, subjectless

    assert compress("Unfortunately, the deal quickly collapsed.") == "The deal quickly collapsed."
    assert compress("As it turned out, Russia proved unwilling.") == "Russia proved unwilling."
    assert subjectless("But ultimately were hampered by gaps of trust.")
    assert not subjectless("Sofia was calm.")


def test_this_month_in_a_source_is_left_out_of_our_voice():
    from manysides.summarize_wording import compress

    said = "Earlier this month, Kerry negotiated a deal with Russia."
    assert compress(said, published="2016-09-28") == "Kerry negotiated a deal with Russia."
    assert compress("It grew worse in the last week.", published="2016-09-28") == (
        "It grew worse in the last week.")


def test_an_unnamed_outlets_id_is_no_number_to_check_and_a_fix_leaves_a_sentence():
    unnamed = Article(id="4a797deb4b7d", published="2024-10-09", url="https://u.example/1",
                      text="Over the weekend, government jets struck rebel areas near Ilave.")
    said = {"text": "Over the weekend, government jets struck rebel areas near Ilave "
                    "(reported only by article 4a797d).", "sources": [unnamed.id],
            "kind": "single-source"}  # fmt: skip
    (checked,) = check_brief([said], [unnamed], drop=False)
    assert checked["supported"], checked
    invented = {"text": "Over the weekend, 57 people died.", "sources": [unnamed.id],
                "kind": "single-source"}  # fmt: skip
    assert check_brief([invented], [unnamed]) == []


def test_a_claim_is_worded_by_the_clause_the_other_outlets_state_too():
    from manysides.summarize_draft import _claim_text

    claim = {"text": "x", "evidence": [
        {"article": "a1", "text": "Carter opposed the ceasefire deal and in doing so signed the "
                                  "death warrant for hundreds of fighters."},
        {"article": "a2", "text": "Carter and officials at the Pentagon opposed the deal."}]}
    text, article = _claim_text(claim, ["a1", "a2"])
    assert article in ("a1", "a2") and "death warrant" not in text


def test_one_outlets_sentence_already_told_by_a_merged_event_is_not_repeated():
    from manysides.summarize_draft import restates

    signing = "Yesterday in La Paz, Lazcano and Huanca signed a document to silence the guns."
    event = {"text": "The government and the SLF signed a ceasefire in La Paz.",
             "sources": ["a1", "a2", "a3"],
             "evidence": [{"article": "a1", "text": "The government and the SLF signed it."},
                          {"article": "a2", "text": signing + " It takes effect at midnight."}]}
    claim = {"text": "In La Paz, Lazcano and Huanca signed a document to silence the guns.",
             "sources": ["a2"], "evidence": [{"article": "a2", "text": signing}]}
    assert restates(claim, event)
    assert not restates(dict(claim, sources=["a2", "a4"]), event)
    other = dict(claim, evidence=[{"article": "a2", "text": "A convoy reached Ilave."}])
    assert not restates(other, event)


def test_truces_of_different_lengths_are_contested_without_a_range_of_figures():
    from manysides.summarize_draft import _lead_words

    lengths = [{"position": "a 48-hour ceasefire"}, {"position": "a 7-day ceasefire"}]
    assert _lead_words("number", "the length of the ceasefire", lengths) == (
        "Outlets disagree on the length of the ceasefire")
    tolls = [{"position": "400,000 killed"}, {"position": "430,000 killed"}]
    assert "range from 400,000 to 430,000" in _lead_words("number", "the number killed", tolls)


def test_a_dispute_between_two_voices_of_one_outlet_is_shown_in_their_words():
    said = Article(id="dddd4444", outlet="Wire One", published="2016-09-28", text=(
        "Russia has claimed that the bombing of Aleppo is aimed at the Nusra Front. "
        "\u201cThey are using Nusra as an excuse,\u201d a US official said."))  # fmt: skip
    claim = "Russia has claimed that the bombing of Aleppo is aimed at the Nusra Front."
    answer = "\u201cThey are using Nusra as an excuse,\u201d a US official said."
    dispute = {"id": "d9", "story": "s9", "kind": "fact",
               "topic": "Russia's claim about Nusra", "claimant": "Russia", "positions": [
                   {"articles": [said.id], "voice": "Russia",
                    "position": "the bombing of Aleppo is aimed at the Nusra Front",
                    "evidence": [{"article": said.id, "text": claim}]},
                   {"articles": [said.id], "voice": "a US official",
                    "position": "They are using Nusra as an excuse,",
                    "evidence": [{"article": said.id, "text": answer}]}]}  # fmt: skip
    story = {"id": "s9", "title": "Aleppo", "articles": [said.id]}
    (sentence,) = write_brief(story, [], [dispute], [], [said])
    assert sentence["kind"] == "contested" and sentence["supported"], sentence
    assert sentence["text"].startswith("Russia's claim about Nusra is disputed: ")
    assert "Russia, as Wire One reports, says \u201cthe bombing of Aleppo" in sentence["text"]
    rebuttal = ("a US official, as Wire One reports, says "
                "\u201cThey are using Nusra as an excuse\u201d")
    assert rebuttal in sentence["text"]
