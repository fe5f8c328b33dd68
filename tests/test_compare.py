"""Compare: claims corroborated across outlets and the disagreements planted in the demo corpus."""

from __future__ import annotations

import re
from itertools import permutations
from pathlib import Path

import pytest

from manysides.compare import find_claims, find_disagreements
from manysides.compare_numbers import count_facts, length_facts, length_text
from manysides.compare_text import Unit
from manysides.ingest import iter_articles
from manysides.pipeline import run_stages
from manysides.records import Failure

DEMO = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "demo"


def _run(folder: Path, story_of_file):
    stages = run_stages([a for a in iter_articles([str(folder)]) if not isinstance(a, Failure)])
    articles, annotations = stages.articles, stages.annotations
    entities, events = stages.entities, stages.events
    files = {a.id: Path(a.path or "").name[:3] for a in articles}
    story_of = {a.id: story_of_file(files[a.id]) for a in articles}
    claims = find_claims(articles, annotations, entities, events, story_of)
    found = find_disagreements(articles, annotations, entities, events, claims, story_of)
    return files, claims, found


@pytest.fixture(scope="module")
def demo():
    return _run(DEMO, lambda name: "fair" if name.startswith("11") else "altavera")


def _files(files, articles) -> set[str]:
    return {files[a][:2] for a in articles}


def _positions(files, record) -> dict[str, set[str]]:
    return {p["position"]: _files(files, p["articles"]) for p in record["positions"]}


def _of_kind(found, kind, topic_word):
    return [d for d in found if d["kind"] == kind and topic_word in d["topic"]]


def test_market_death_toll_is_a_number_disagreement(demo):
    files, _, found = demo
    sides = [_positions(files, d) for d in _of_kind(found, "number", "killed")]
    market = [s for s in sides if "37 killed" in s]
    assert market, sides
    assert market[0]["23 killed"] >= {"01", "10"}
    assert market[0]["4 killed"] >= {"02"}
    assert market[0]["31 killed"] == {"04"} and market[0]["37 killed"] == {"03"}


def test_displaced_figures_disagree_and_the_breach_toll_is_not_a_contradiction(demo):
    files, _, found = demo
    displaced = _of_kind(found, "number", "displaced")
    assert len(displaced) == 1
    sides = _positions(files, displaced[0])
    assert sides["15,000 displaced"] >= {"05", "06", "08"} and sides["40,000 displaced"] >= {"04",
                                                                                            "10"}
    # 5 dead on 10 October, 2 of them soldiers: the three reports agree.
    assert not [d for d in found if d["kind"] == "number" and "2024-10-10" in d["topic"]]


def test_blame_for_the_ceasefire_breach_and_the_bridge(demo):
    files, _, found = demo
    breach = _positions(files, _of_kind(found, "blame", "ceasefire")[0])
    assert {"09"} in breach.values() and {"10"} in breach.values()
    assert any("Condor" in side for side, where in breach.items() if where == {"10"})
    bridge = _positions(files, _of_kind(found, "blame", "bridge")[0])
    assert {"03"} in bridge.values() and {"09"} in bridge.values()
    # blame for a ceasefire is blame for breaking it, not for making it
    topics = {d["topic"] for d in found if d["kind"] == "blame"}
    assert {"who broke the ceasefire", "who destroyed the bridge"} <= topics


def test_the_rebels_are_terrorists_to_the_state_broadcaster(demo):
    files, _, found = demo
    record = next(d for d in found if d["kind"] == "characterisation"
                  and "Southern Liberation Front" in d["topic"])  # fmt: skip
    sides = _positions(files, record)
    assert "02" in sides["terrorist"] and "01" in sides["rebel"]
    assert sides["freedom fighter"] == {"03"} and "04" in sides["non-state armed group"]
    assert all(p["evidence"] and p["evidence"][0]["text"] for p in record["positions"])


def _characterisations(files, found) -> dict[str, dict[str, set[str]]]:
    return {d["topic"]: _positions(files, d) for d in found if d["kind"] == "characterisation"}


def test_characterisations_set_stances_not_jobs_against_each_other(demo):
    files, _, found = demo
    records = _characterisations(files, found)
    huanca = next(sides for topic, sides in records.items() if "Huanca" in topic)
    assert set(huanca) == {"terrorist ringleader", "insurgent commander"}  # not "commander"
    # "a former army engineer" is a biography and "the government of President Mamani" is the
    # state's: neither characterises the president
    assert not [topic for topic in records if "Mamani" in topic]


def test_a_term_inside_a_longer_one_is_no_second_position_of_the_same_outlet(demo):
    files, _, found = demo
    for topic, sides in _characterisations(files, found).items():
        for longer, shorter in permutations(sides, 2):
            if shorter in longer:
                assert not sides[longer] & sides[shorter], (topic, longer, shorter)
    rebels = next(s for t, s in _characterisations(files, found).items() if "Southern" in t)
    assert "10" in rebels["rebel"] and "rebel group" not in rebels


def _counted(text: str) -> list[tuple[str, int]]:
    unit = Unit("a", 0, len(text), text, 0)
    return [(fact.kind, fact.value) for fact in count_facts(unit, None)]


@pytest.mark.parametrize(
    "text",
    ['said Teodoro Calsín, a secondary-school teacher who lost two of his pupils on Thursday. '
     '"They want us to die in silence."',
     "Two of them were killed in the shelling.",
     "Her three sons were killed in the shelling.",
     "Twelve children were among the dead.",
     "Among the dead were 12 children."],
)  # fmt: skip
def test_a_part_or_one_family_loss_is_not_a_death_toll(text):
    assert [value for kind, value in _counted(text) if kind == "killed"] == []


def test_a_toll_keeps_its_total_beside_its_parts():
    text = "At least 31 people were killed, including 12 children, and 58 injured."
    assert _counted(text) == [("killed", 31), ("injured", 58)]
    assert _counted("Three civilians and two soldiers were killed.") == [("killed", 5)]


def test_the_cancelled_meeting_is_a_fact_disagreement(demo):
    files, _, found = demo
    record = _of_kind(found, "fact", "meeting")[0]
    sides = _positions(files, record)
    assert sides["took place"] == {"09"}
    assert sides["did not take place (called off)"] == {"08", "10"}


def test_the_unrelated_story_has_no_disagreements(demo):
    _, _, found = demo
    assert {d["story"] for d in found} == {"altavera"}


def test_corroborated_facts_count_the_republication_once(demo):
    files, claims, _ = demo
    for claim in claims:
        where = _files(files, claim["supported_by"])
        outlets_counted = len(where - {"07"}) if "06" in where else len(where)
        assert claim["independent_sources"] <= outlets_counted
    strong = [c for c in claims if c["independent_sources"] >= 3]
    assert strong and all(c["text"] and c["evidence"] for c in strong)


@pytest.mark.parametrize(
    ("text", "hours", "shown"),
    [("Kerry and Lavrov came together to demand a seven day ceasefire across Syria.", 168,
      "a 7-day ceasefire"),
     ("Russia pulled back from the plan, for 48-hour ceasefires to allow aid in.", 48,
      "a 48-hour ceasefire"),
     ("The sides agreed a truce of 72 hours.", 72, "a 72-hour ceasefire"),
     ("A humanitarian pause lasting two weeks began on Monday.", 336, "a 2-week ceasefire"),
     ("An 18-hour lull in the fighting held.", 18, "an 18-hour ceasefire")],
)  # fmt: skip
def test_the_stated_length_of_a_truce_is_read_in_hours(text, hours, shown):
    facts = length_facts(Unit("a", 0, len(text), text, 0))
    assert [(f.kind, f.value) for f in facts] == [("ceasefire length", hours)]
    assert length_text(facts[0]) == shown


@pytest.mark.parametrize("text", ["The ceasefire collapsed after seven days.",
                                  "Three days of talks ended without a truce."])
def test_a_truce_and_a_number_of_days_apart_are_no_length(text):
    assert length_facts(Unit("a", 0, len(text), text, 0)) == []


@pytest.fixture(scope="module")
def aleppo(aleppo_dir):
    return _run(Path(aleppo_dir), lambda name: "aleppo")


def test_aleppo_death_toll_displaced_and_ceasefire_blame(aleppo):
    _, _, found = aleppo
    killed = _of_kind(found, "number", "killed")
    assert any({"400,000 killed", "430,000 killed"} <= {p["position"] for p in d["positions"]}
               for d in killed)  # fmt: skip
    displaced = _of_kind(found, "number", "displaced")
    assert any(len(d["positions"]) >= 2 for d in displaced)
    length = _of_kind(found, "number", "length of the ceasefire")
    assert {p["position"] for p in length[0]["positions"]} == {"a 7-day ceasefire",
                                                                "a 48-hour ceasefire"}
    blame = _of_kind(found, "blame", "ceasefire")[0]
    assert {"Russia", "United States"} <= {p["position"] for p in blame["positions"]}


def test_aleppo_regime_is_the_syrian_state_not_the_us_administration(aleppo):
    _, _, found = aleppo
    described = {d["topic"]: {p["position"] for p in d["positions"]} for d in found
                 if d["kind"] == "characterisation"}  # fmt: skip
    assert "regime" in described.get("how Syria is described", set()), described
    assert not [t for t, positions in described.items()
                if "United States" in t and "regime" in positions]  # fmt: skip


def test_reports_resting_on_one_cited_outlet_count_as_one_source():
    from manysides.records import Article

    statement = "Shelling killed 14 people at the central market in Ilave on Tuesday"
    texts = {
        "Wire A": f"{statement}, according to Reuters. Aid groups asked for calm.",
        "Paper B": f"{statement}, Reuters reported. The government has not commented.",
        "Blog C": f"{statement}. I saw the market from my window.",
    }
    articles = [Article(id=f"c{n}", text=text, outlet=outlet, published="2024-10-09",
                        words=len(text.split()))
                for n, (outlet, text) in enumerate(texts.items())]
    stages = run_stages(articles)
    story_of = {a.id: "s1" for a in stages.articles}
    claims = find_claims(stages.articles, stages.annotations, stages.entities, stages.events,
                         story_of)
    (claim,) = [c for c in claims if "14" in c["text"]]
    assert len(claim["supported_by"]) == 3
    assert claim["independent_sources"] == 2  # Reuters (cited twice) and the blog
    assert {c["outlet"] for c in claim["cited_outlets"]} == {"Reuters"}


# ---------------------------------------------------------------- claims across outlets

KEY = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "demo_key.md"


def _key_facts() -> dict[str, dict[str, str]]:
    """fact -> {file: evidence snippet}, from the key's "Corroborated facts" table."""
    section = KEY.read_text(encoding="utf-8").split("## Corroborated facts")[1].split("\n## ")[0]
    facts: dict[str, dict[str, str]] = {}
    for row in re.finditer(r"^\| ([a-z-]+) \|[^|]*\|[^|]*\| (\d\d) \| `([^`]+)` \|", section,
                           re.MULTILINE):  # fmt: skip
        facts.setdefault(row[1], {})[row[2]] = row[3]
    return facts


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _files_stating(files, claim, snippets: dict[str, str]) -> set[str]:
    """Files whose evidence in the claim contains the key's snippet for that file."""
    return {files[e["article"]][:2] for e in claim["evidence"]
            if files[e["article"]][:2] in snippets
            and _plain(snippets[files[e["article"]][:2]]) in _plain(e["text"])}  # fmt: skip


@pytest.mark.parametrize(("fact", "least_files"), [
    ("ceasefire-signed", {"05", "06", "07", "08", "09", "10"}),
    ("bridge-destroyed", {"03", "04", "05", "08", "09", "10"}),
    ("convoy-reached-ilave", {"08", "09", "10"}),
    ("market-shelled", {"01", "04", "05", "06"}),
])  # fmt: skip
def test_a_fact_worded_differently_by_several_outlets_is_one_claim(demo, fact, least_files):
    files, claims, _ = demo
    snippets = _key_facts()[fact]
    best = max(claims, key=lambda c: len(_files_stating(files, c, snippets)))
    assert _files_stating(files, best, snippets) >= least_files, best["evidence"]
    outlets = {"01": "MW", "03": "AL", "04": "ARA", "05": "MW", "06": "AN", "07": "AN",
               "08": "MW", "09": "RTA", "10": "WH"}  # fmt: skip
    assert best["independent_sources"] >= len({outlets[f] for f in least_files})


def test_a_claim_does_not_chain_separate_facts(demo):
    files, claims, _ = demo
    facts = _key_facts()
    for claim in claims:
        stated = [f for f, snippets in facts.items() if _files_stating(files, claim, snippets)]
        # a clause may carry two facts ("the convoy reached Ilave, the first since the bridge
        # was destroyed"), but no claim gathers the evidence of three
        assert len(stated) <= 2, (stated, claim["text"])


def test_the_republication_joins_its_originals_claims_without_counting_twice(demo):
    files, claims, _ = demo
    snippets = _key_facts()["ceasefire-signed"]
    signed = max(claims, key=lambda c: len(_files_stating(files, c, snippets)))
    assert {"06", "07"} <= _files(files, signed["supported_by"])
    assert signed["independent_sources"] == 4  # Meridian Wire, Altiplano Notes, RTA, Westbrook


def test_names_alone_do_not_make_two_statements_one_claim():
    from manysides.records import Article

    texts = {
        "Wire A": "Secretary of State John Kerry and Foreign Minister Sergei Lavrov will meet "
                  "again on Monday in Geneva. Talks on the truce resume next week.",
        "Paper B": "Secretary of State John Kerry and Foreign Minister Sergei Lavrov negotiated "
                   "a ceasefire deal for Aleppo over three months. Aid groups welcomed it.",
        "Blog C": "Kerry and Lavrov spent three months negotiating the Aleppo ceasefire deal. "
                  "Nobody believes it will hold.",
    }
    articles = [Article(id=f"k{n}", text=text, outlet=outlet, published="2016-09-10",
                        words=len(text.split()))
                for n, (outlet, text) in enumerate(texts.items())]  # fmt: skip
    stages = run_stages(articles)
    story_of = {a.id: "s1" for a in stages.articles}
    claims = find_claims(stages.articles, stages.annotations, stages.entities, stages.events,
                         story_of)  # fmt: skip
    deal = [c for c in claims if "negotiat" in c["text"]]
    assert any({"k1", "k2"} <= set(c["supported_by"]) for c in deal), claims
    assert not any("k0" in c["supported_by"] for c in deal)


def test_one_deed_told_in_other_words_by_two_outlets_is_one_claim_through_its_event():
    from manysides.records import Article

    texts = {
        "Wire A": "The Syrian opposition met in Geneva. Defense Secretary Ash Carter opposed "
                  "the ceasefire deal with Russia.",
        "Paper B": "Opposition fighters held the city. Ash Carter and other officials at the "
                   "Pentagon asserted their opposition to the plan, citing doubts about Russia.",
    }
    articles = [Article(id=f"p{n}", text=text, outlet=outlet, published="2016-09-20",
                        words=len(text.split()))
                for n, (outlet, text) in enumerate(texts.items())]  # fmt: skip
    stages = run_stages(articles)
    claims = find_claims(stages.articles, stages.annotations, stages.entities, stages.events,
                         {a.id: "s1" for a in stages.articles})  # fmt: skip
    (opposed,) = [c for c in claims if "Carter" in c["text"]]
    assert set(opposed["supported_by"]) == {"p0", "p1"}


# ---------------------------------------------------------------- disagreements (later additions)

def _disagreements_of(texts: dict[str, str]) -> tuple[dict[str, str], list[dict]]:
    from manysides.records import Article

    articles = [Article(id=f"u{n}", text=text, outlet=outlet, published="2016-09-20",
                        words=len(text.split()))
                for n, (outlet, text) in enumerate(texts.items())]  # fmt: skip
    stages = run_stages(articles)
    story_of = {a.id: "s1" for a in stages.articles}
    found = find_disagreements(stages.articles, stages.annotations, stages.entities,
                               stages.events, [], story_of)  # fmt: skip
    return {a.id: a.outlet for a in stages.articles}, found


def test_unnamed_rebels_are_one_actor_whose_names_the_outlets_dispute():
    outlets, found = _disagreements_of({
        "Wire A": "Government warplanes bombed the rebels in Idlib on Monday. The moderate "
                  "opposition said it would not retreat.",
        "Paper B": "Syrian jets pounded the US-backed jihadists in Idlib on Monday. ISIS fighters "
                   "attacked a checkpoint near Raqqa.",
        "Blog C": "Their opposition to the plan grew. Terrorists attacked a checkpoint near "
                  "Raqqa on Monday.",
    })
    (record,) = [d for d in found if d["kind"] == "characterisation"]
    where = {p["position"]: {outlets[a] for a in p["articles"]} for p in record["positions"]}
    assert where.get("US-backed jihadist") == {"Paper B"}, where
    speaking = set().union(*where.values())
    assert {"rebel", "moderate opposition"} & set(where) and "Wire A" in speaking
    # a named group's fighters, the stance "opposition to", and a bare "terrorists" stay out
    assert "Blog C" not in speaking
    forms = {form for p in record["positions"] for form in p["forms"]}
    assert not [form for form in forms if "fighter" in form or "terrorist" in form]


def _aleppo_positions(files, record) -> dict[str, set[str]]:
    return {p["position"]: {files[a] for a in p["articles"]} for p in record["positions"]}


def test_aleppo_rebels_nusra_and_carter_are_described_in_opposed_terms(aleppo):
    files, _, found = aleppo
    described = {d["topic"]: _aleppo_positions(files, d) for d in found
                 if d["kind"] == "characterisation"}  # fmt: skip
    rebels = next(sides for topic, sides in described.items() if "opposition" in topic)
    assert "001" in rebels["US-backed jihadist"] and "003" in rebels["rebel"]
    assert {"000", "002"} <= rebels["moderate opposition"]
    nusra = next(sides for topic, sides in described.items() if "Nusra" in topic)
    assert nusra["jihadist group"] == {"002"}
    assert nusra["former al Qaeda affiliate"] >= {"000", "004"}  # as the outlets write it
    carter = next(sides for topic, sides in described.items() if "Carter" in topic)
    assert carter == {"warlord": {"001"}, "secretary of defense": {"002"}}
    # the Pentagon is no warlord: the epithet is Carter's
    assert not [topic for topic in described if "Defense" in topic or "Pentagon" in topic]


def test_aleppo_destruction_is_blamed_on_the_jihadists_or_on_all_sides(aleppo):
    files, _, found = aleppo
    (record,) = _of_kind(found, "blame", "destruction")
    sides = _aleppo_positions(files, record)
    assert sides["all sides"] == {"002"}
    jihadists = [side for side, where in sides.items() if where == {"001"}]
    assert jihadists and "jihadists" in jihadists[0] and "United States" not in jihadists[0]


def test_a_fact_told_with_a_contested_label_is_not_contradicted_by_the_label(aleppo):
    _, claims, found = aleppo
    assert _of_kind(found, "characterisation", "unnamed opposition")
    carter = [c for c in claims if any("Carter opposed the ceasefire deal" in e["text"]
                                       for e in c["evidence"])]  # fmt: skip
    assert carter and len(carter[0]["supported_by"]) >= 2
    assert carter[0]["contradicted_by"] == []


def _one_article_story(tmp_path, text):
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    return _run(tmp_path, lambda name: "s")


def test_a_claim_and_another_voices_rebuttal_are_a_fact_dispute_in_one_article(tmp_path):
    _, _, found = _one_article_story(tmp_path, (
        "Aleppo under fire\n\n"
        "Russia has claimed that the bombing campaign against Aleppo is an attempt to go after "
        "the Nusra Front, a group it calls terrorist.\n\n"
        "\u201cThey are trying to take Aleppo,\u201d a US official said. \u201cThey are using "
        "Nusra as an excuse, but nobody thinks this is about Nusra.\u201d\n"))  # fmt: skip
    disputes = _of_kind(found, "fact", "claim about")
    assert disputes, found
    voices = {p["voice"]: p["position"] for p in disputes[0]["positions"]}
    assert set(voices) == {"Russia", "a US official"}
    assert voices["Russia"].startswith("the bombing campaign against Aleppo")
    assert "excuse" in voices["a US official"]


def test_a_rebuttal_sharing_only_a_place_with_a_claim_is_no_dispute(tmp_path):
    _, _, found = _one_article_story(tmp_path, (
        "Market shelled in Syria\n\n"
        "Health officials said that 23 civilians were killed in Aleppo on Thursday.\n\n"
        "An army spokesman denied that troops had fired on Aleppo.\n"))  # fmt: skip
    assert not _of_kind(found, "fact", "claim about")


def test_a_groups_change_of_name_told_in_other_words_is_one_corroborated_claim(demo):
    files, claims, _ = demo
    renamed = [c for c in claims if any("Fuerza Wayra" in e["text"] and (
        "call itself" in e["text"] or "known as" in e["text"]) for e in c["evidence"])]
    assert renamed
    # "will call itself", "would now be known as", "changed its name", "known until this week as"
    assert _files(files, renamed[0]["supported_by"]) >= {"06", "08", "09", "10"}
    assert renamed[0]["independent_sources"] == 4  # 07 republishes 06


@pytest.mark.parametrize(
    ("speaker", "text", "shown"),
    [("Health officials", "Health officials said so. Local health officials agreed.",
      "health officials"),
     ("An army spokesman", "An army spokesman said it was an accident.", "an army spokesman"),
     ("US officials", "US officials said so. They were US officials.", "US officials"),
     ("Colonel Sanca", "Colonel Sanca said so. Later Colonel Sanca left.", "Colonel Sanca")],
)  # fmt: skip
def test_a_voice_keeps_only_the_capitals_that_are_not_a_sentences_opening(speaker, text, shown):
    from manysides.compare_rebuttals import voice_name

    assert voice_name(speaker, text) == shown
