"""Stories: articles about the same real-world story are grouped; others stand apart."""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path

import pytest

from manysides.events import date_interval
from manysides.ingest import iter_articles
from manysides.pipeline import run_stages
from manysides.records import Article
from manysides.stories import group_stories, story_id_for, story_records, time_discount

DEMO = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "demo"


def _stages(articles: list[Article]):
    stages = run_stages(articles)
    return stages.articles, stages.annotations, stages.entities, stages.events


def _read(folder: Path) -> list[Article]:
    return [a for a in iter_articles([str(folder)]) if isinstance(a, Article)]


def _by_file(articles: list[Article]) -> dict[str, str]:
    """Two-digit file prefix -> article id."""
    return {Path(a.path or "").name[:2]: a.id for a in articles}


@pytest.fixture(scope="module")
def demo():
    return _stages(_read(DEMO))


@pytest.fixture(scope="module")
def demo_assignment(demo):
    return group_stories(*demo)


def test_the_ten_crisis_articles_are_one_story_and_the_fair_another(demo, demo_assignment):
    files = _by_file(demo[0])
    crisis = {demo_assignment[files[f"{n:02d}"]] for n in range(1, 11)}
    assert len(crisis) == 1
    assert demo_assignment[files["11"]] not in crisis
    assert len(set(demo_assignment.values())) == 2


def test_story_records_have_the_contract_fields_and_a_dated_timeline(demo, demo_assignment):
    articles, _, _, events = demo
    records = story_records(demo_assignment, articles, events)
    crisis, fair = records
    assert set(crisis) >= {"id", "title", "articles", "summary", "timeline"}
    assert len(crisis["articles"]) == 10 and len(fair["articles"]) == 1
    assert crisis["summary"] == [] and crisis["title"]
    assert "fibre" in fair["title"].lower() or "alpaca" in fair["title"].lower()
    starts = {e["id"]: date_interval(e["date"] or "")[0] if e["date"] else date.max
              for e in events}  # fmt: skip
    assert crisis["timeline"]
    assert [starts[e] for e in crisis["timeline"]] == sorted(starts[e] for e in crisis["timeline"])
    # Every event lands in exactly one story.
    assert len(crisis["timeline"]) + len(fair["timeline"]) == len(events)


def test_a_second_batch_joins_the_first_batchs_story_and_ids_stay(demo, demo_assignment):
    articles = demo[0]
    files = _by_file(articles)
    # The first batch must be one story on its own: the partisan 02 and 03 share few words with
    # the wire reports until the story has gathered more articles.
    first_ids = {files[f] for f in ("01", "04", "05", "06", "07")}
    first = [a for a in articles if a.id in first_ids]
    first_batch = group_stories(first, *_only(demo, first_ids))
    assert len(set(first_batch.values())) == 1
    both = group_stories(*demo, previous=first_batch)
    assert {both[key] for key in first_ids} == set(first_batch.values())
    second = ("02", "03", "08", "09", "10")
    assert {both[files[f]] for f in second} == set(first_batch.values())
    assert both[files["11"]] == story_id_for(files["11"])


def _only(demo, keep: set[str]):
    _, annotations, entities, events = demo
    mine = [a for a in annotations if a.article in keep]
    return mine, entities, [e for e in events if set(e["articles"]) & keep]


def test_the_story_id_comes_from_the_first_article_whatever_the_input_order(demo):
    one = group_stories(*demo)
    reverse = group_stories(demo[0][::-1], demo[1][::-1], demo[2], demo[3])
    assert one == reverse
    articles = sorted(demo[0], key=lambda a: a.published or "")
    assert one[articles[0].id] == story_id_for(articles[0].id)


def test_the_aleppo_corpus_is_one_story(aleppo_dir):
    stages = _stages(_read(aleppo_dir))
    assert len(stages[0]) >= 5
    assert len(set(group_stories(*stages).values())) == 1


def _article(key: str, published: str, text: str) -> Article:
    return Article(id=key, text=text, published=published, outlet="Wire")


def test_the_same_actors_years_apart_make_two_stories():
    text = ("Floods in the Ravenna valley forced thousands of families from their homes, and the "
            "regional governor Marta Bellini asked for army help with the evacuation.")  # fmt: skip
    articles = [_article("a", "2014-03-01", text), _article("b", "2014-03-02", text + " Rain."),
                _article("c", "2019-11-20", text + " Again.")]  # fmt: skip
    assignment = group_stories(articles, [], [], [])
    assert assignment["a"] == assignment["b"] != assignment["c"]
    assert time_discount(None, []) == 1.0


def test_an_inferred_date_is_only_a_lower_bound():
    story = [date(2016, 9, 28), date(2016, 9, 29)]
    # "The latest date the text mentions" may be weeks before the article appeared ...
    assert time_discount(date(2016, 9, 4), story, at_least=True) == 1.0
    assert time_discount(date(2016, 9, 4), story) < 0.6
    # ... but an article cannot appear before a date it mentions.
    assert time_discount(date(2017, 3, 1), story, at_least=True) < 0.1


def _letters(number: int) -> str:
    """0 -> "a", 27 -> "bb": the tokeniser keeps letters only."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += chr(ord("a") + digit)
        if not number:
            return letters


def _synthetic(count: int, stories: int, seed: int = 7) -> tuple[list[Article], dict[str, int]]:
    """Short articles: words of their own story mixed with words every story uses."""
    rng = random.Random(seed)
    common = [f"common{_letters(n)}" for n in range(300)]
    vocab = [[f"story{_letters(s)}word{_letters(n)}" for n in range(25)] for s in range(stories)]
    articles, gold = [], {}
    for number in range(count):
        story = number % stories
        words = rng.sample(vocab[story], 12) + rng.sample(common, 30)
        rng.shuffle(words)
        key = f"doc{number:05d}"
        articles.append(_article(key, f"2024-01-{1 + story % 28:02d}", " ".join(words)))
        gold[key] = story
    return articles, gold


def test_five_thousand_short_articles_group_in_seconds():
    articles, gold = _synthetic(5000, 250)
    started = time.perf_counter()
    assignment = group_stories(articles, [], [], [])
    elapsed = time.perf_counter() - started
    assert elapsed < 6, f"{elapsed:.1f} s"  # measured 1.1 s
    stories_of = {}
    for key, story in assignment.items():
        stories_of.setdefault(gold[key], set()).add(story)
    kept_whole = sum(1 for found in stories_of.values() if len(found) == 1)
    assert kept_whole >= 0.95 * 250
    assert len(set(assignment.values())) <= 260


def test_a_week_sorts_by_its_monday_and_undated_events_come_last():
    articles = [_article("a", "2016-09-28", "Aleppo hospital bombed, witnesses say.")]
    events = [{"id": "undated", "date": None, "articles": ["a"]},
              {"id": "october", "date": "2016-10-03", "articles": ["a"]},
              {"id": "week-39", "date": "2016-W39", "articles": ["a"]},
              {"id": "sept-30", "date": "2016-09-30", "articles": ["a"]}]  # fmt: skip
    [record] = story_records({"a": "story-a"}, articles, events)
    assert record["timeline"] == ["week-39", "sept-30", "october", "undated"]
    assert record["title"] == "Aleppo hospital bombed, witnesses say."


def test_a_story_is_titled_by_a_headline_not_by_an_untitled_articles_opening():
    from manysides.stories import story_title

    body = "Russian and Syrian jets bombed eastern Aleppo again, rescue workers said. " * 3
    untitled = Article(id="u1", text="Despite the question asked on television, " + body)
    titled = Article(id="t1", text=body, title="Jets pound eastern Aleppo as truce collapses")
    assert story_title([untitled, titled]) == "Jets pound eastern Aleppo as truce collapses"
    assert story_title([untitled]).startswith("Despite the question")
