"""The DuckDB store: real files, real transactions."""

from __future__ import annotations

import duckdb
import pytest

from manysides.errors import StoreError
from manysides.records import (
    Annotation,
    Article,
    Entity,
    EntityMention,
    Failure,
    Mention,
    Place,
    Timex,
)
from manysides.store import Store, write_shard


def _article(n: int, **extra) -> Article:
    text = f"Article number {n} about the ceasefire in Aleppo."
    return Article(id=f"a{n}", text=text, outlet="Wire", published="2016-09-28",
                   path=f"in/{n}.txt", words=len(text.split()), **extra)


def _annotation(article: Article) -> Annotation:
    return Annotation(
        article=article.id,
        mentions=[Mention(article.id, 36, 42, "Aleppo", "GPE", 0)],
        timexes=[Timex(article.id, 0, 4, "2016", "2016", "year")],
        sentences=[(0, len(article.text))],
    )


def test_batch_round_trips_through_a_real_file(tmp_path):
    articles = [_article(1), _article(2)]
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch(articles, [_annotation(a) for a in articles])
    with Store(tmp_path / "s.duckdb") as store:
        assert [a.id for a in store.articles()] == ["a1", "a2"]
        assert store.articles()[0].text == articles[0].text
        annotations = {a.article: a for a in store.annotations()}
        assert annotations["a1"].mentions[0].text == "Aleppo"
        assert annotations["a2"].timexes[0].value == "2016"
        assert annotations["a1"].sentences == [(0, len(articles[0].text))]
        assert store.known_article_ids() == {"a1", "a2"}


def test_a_file_read_again_with_other_words_replaces_its_earlier_reading(tmp_path):
    from dataclasses import replace

    first, other = _article(1), _article(2)
    edited = replace(first, id="a1-edited", text=first.text + " Updated.")
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch([first, other], [_annotation(first), _annotation(other)])
        store.add_batch([edited], [_annotation(edited)])
    with Store(tmp_path / "s.duckdb") as store:
        assert store.known_article_ids() == {"a1-edited", "a2"}
        assert {a.article for a in store.annotations()} == {"a1-edited", "a2"}


def test_a_failing_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch([_article(1)], [_annotation(_article(1))])
        broken = Annotation("a2", mentions=[Mention("a2", "not a number", 3, "x", "GPE")])
        with pytest.raises(duckdb.Error):
            store.add_batch([_article(2)], [broken])
        assert store.known_article_ids() == {"a1"}
        assert len(list(store.annotations())) == 1


def test_failures_are_kept_once_per_source_and_cleared_on_success(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_failures([Failure("in/2.txt", "empty file")])
        store.add_failures([Failure("in/2.txt", "not UTF-8"), Failure("in/3.txt", "HTTP 404")])
        assert [str(f) for f in store.failures()] == ["in/2.txt: not UTF-8", "in/3.txt: HTTP 404"]
        store.add_batch([_article(2)], [_annotation(_article(2))])
        assert [f.source for f in store.failures()] == ["in/3.txt"]


def test_entities_are_replaced_as_a_whole(tmp_path):
    kerry = Entity("john-kerry", "John Kerry", "PERSON", ["Kerry", "John Kerry"],
                   [EntityMention("a1", 0, 5, "Kerry")], country="US", kb_id="john-kerry")
    aleppo = Place("p1", "Aleppo", "SY", 36.2, 37.16, 170063, "city",
                   [EntityMention("a1", 36, 42, "Aleppo")])
    with Store(tmp_path / "s.duckdb") as store:
        store.replace_entities([kerry], [aleppo])
        store.replace_entities([kerry], [aleppo])
        (entity,) = store.entities()
        assert entity.aliases == ["Kerry", "John Kerry"]
        assert entity.mentions == kerry.mentions
        (place,) = store.places()
        assert (place.name, place.geonameid, len(place.mentions)) == ("Aleppo", 170063, 1)


def test_a_store_from_another_schema_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="schema 0"):
        Store(path)


def test_a_file_that_is_not_a_store_is_refused_with_its_name(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database")
    with pytest.raises(StoreError, match="notes.duckdb"):
        Store(path)


def test_event_mentions_round_trip_with_their_spans_and_counts(tmp_path):
    from manysides.records import EventMention, Magnitude

    article = _article(1)
    event = EventMention(
        article="a1", sentence_start=0, sentence_end=48, trigger_start=8, trigger_end=14,
        trigger="bombed", type="ASSAULT", mode="airstrike", actors=((0, 7, "Russian"),),
        targets=((36, 42, "Aleppo"),), negated=False, hypothetical=False,
        claimed_by=(0, 3, "CNN"), magnitudes=(Magnitude("killed", "at least 23", 23, 20, 31),),
        location_spans=((36, 42, "Aleppo"),), confidence=0.8,
    )
    annotation = _annotation(article)
    annotation.events.append(event)
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch([article], [annotation])
        (stored,) = list(store.annotations())
    assert stored.events == [event]


def test_labels_and_blame_cues_round_trip_in_their_order(tmp_path):
    from manysides.records import BlameCue, Label

    article = _article(1)  # "Article number 1 about the ceasefire in Aleppo."
    labels = [
        Label("a1", 15, 22, "rebel", "rebel", 15, 22, 36, 42, "premodifier"),
        Label("a1", 0, 7, "Article", "article", 0, 7, 36, 42, "apposition"),
    ]
    cue = BlameCue("a1", 8, 14, "number", "number", 36, 42, "Aleppo", "Aleppo",
                   "the ceasefire", True)
    annotation = _annotation(article)
    annotation.labels.extend(labels)
    annotation.blame_cues.append(cue)
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch([article, _article(2)], [annotation, _annotation(_article(2))])
        stored = {a.article: a for a in store.annotations()}
        only_a2 = list(store.annotations(["a2"]))
    assert stored["a1"].labels == labels and stored["a1"].blame_cues == [cue]
    assert stored["a2"].labels == [] and only_a2[0].blame_cues == []


def test_corpus_results_are_replaced_and_read_back_in_order(tmp_path):
    first = [{"id": "ev-2", "type": "ASSAULT", "date": "2016-09-28", "independent_sources": 2},
             {"id": "ev-1", "type": "AGREE", "date": None, "independent_sources": 1}]
    with Store(tmp_path / "s.duckdb") as store:
        store.replace_results({"events": first, "outlets": [{"name": "CNN", "articles": ["a"]}]})
        assert store.events() == first
        store.replace_results({"events": first[:1]})
        assert store.events() == first[:1]
        assert store.results("outlets") == [{"name": "CNN", "articles": ["a"]}]
        kinds = store.db.execute("SELECT type FROM events").fetchall()
        assert kinds == [("ASSAULT",)]


def test_each_article_keeps_the_stamp_of_its_annotator(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch([_article(1)], [_annotation(_article(1))], annotator="v1")
        store.add_batch([_article(2)], [_annotation(_article(2))], annotator="v2")
        store.add_batch([_article(3)], [_annotation(_article(3))])  # made by who knows
        assert store.annotators() == {"a1": "v1", "a2": "v2", "a3": None}
        assert [a.id for a in store.articles_annotated_otherwise("v2")] == ["a1", "a3"]
        assert store.articles_annotated_otherwise("v2")[0] == _article(1)


def test_replacing_annotations_swaps_rows_and_stamp_and_keeps_the_article(tmp_path):
    articles = [_article(1), _article(2)]
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch(articles, [_annotation(a) for a in articles], annotator="v1")
        store.add_failures([Failure("in/1.txt", "text over the model's limit")])
        again = Annotation("a1", mentions=[Mention("a1", 0, 7, "Article", "ORG", 0)],
                           sentences=[(0, 20), (21, 48)])
        store.replace_annotations([again, Annotation("gone")], "v2")
        annotations = {a.article: a for a in store.annotations()}
        assert annotations["a1"].mentions == again.mentions and not annotations["a1"].timexes
        assert annotations["a1"].sentences == [(0, 20), (21, 48)]
        assert annotations["a2"] == _annotation(articles[1])
        assert store.annotators() == {"a1": "v2", "a2": "v1"}
        assert store.articles() == articles and store.failures() == []


def test_a_failing_replacement_leaves_the_old_annotations_and_stamp(tmp_path):
    article = _article(1)
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch([article], [_annotation(article)], annotator="v1")
        broken = Annotation("a1", mentions=[Mention("a1", "not a number", 3, "x", "GPE")])
        with pytest.raises(duckdb.Error):
            store.replace_annotations([broken], "v2")
        assert list(store.annotations()) == [_annotation(article)]
        assert store.annotators() == {"a1": "v1"}


def test_a_store_without_the_annotator_column_gets_it_and_keeps_its_rows(tmp_path):
    path = tmp_path / "s.duckdb"
    articles = [_article(1), _article(2)]
    with Store(path) as store:
        store.add_batch(articles, [_annotation(a) for a in articles], annotator="v1")
        store.add_failures([Failure("in/3.txt", "empty file")])
    with duckdb.connect(str(path)) as db:
        db.execute("ALTER TABLE articles DROP COLUMN annotator")
    with Store(path) as store:
        assert store.articles() == articles
        assert len(list(store.annotations())) == 2
        assert [f.source for f in store.failures()] == ["in/3.txt"]
        assert store.annotators() == {"a1": None, "a2": None}
        assert [a.id for a in store.articles_annotated_otherwise("v1")] == ["a1", "a2"]
        store.add_batch([_article(3)], [_annotation(_article(3))], annotator="v1")
        assert store.annotators()["a3"] == "v1"


def test_a_run_waits_for_a_reader_that_holds_the_store_for_a_moment(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "manysides.duckdb"
    Store(path).close()
    reader = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time\n"
         f"db = duckdb.connect({str(path)!r}, read_only=True)\n"
         "print('open', flush=True)\ntime.sleep(2)\ndb.close()"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert reader.stdout.readline().strip() == "open"
    with Store(path) as store:  # DuckDB refuses a writer while the reader holds the file
        assert store.articles() == []
    assert reader.wait(timeout=30) == 0


def _all_rows(path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as db:
        tables = [row[0] for row in db.execute("SHOW TABLES").fetchall()]
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def test_a_shard_stores_the_rows_its_annotations_would(tmp_path):
    articles = [_article(1), _article(2)]
    annotations = [_annotation(a) for a in articles]
    with Store(tmp_path / "records.duckdb") as store:
        store.add_batch(articles, annotations, annotator="v1")
    shard = write_shard(annotations, tmp_path / "shards")
    assert shard.articles == ("a1", "a2")
    assert not [p for p in (tmp_path / "shards").iterdir() if p.name.startswith(".")]
    with Store(tmp_path / "shard.duckdb") as store:
        store.add_batch(articles, shard, annotator="v1")
    assert _all_rows(tmp_path / "shard.duckdb") == _all_rows(tmp_path / "records.duckdb")


def test_a_shard_replaces_annotations_of_stored_articles_only(tmp_path):
    articles = [_article(1), _article(2)]
    with Store(tmp_path / "s.duckdb") as store:
        store.add_batch(articles, [_annotation(a) for a in articles], annotator="v1")
        again = Annotation("a1", mentions=[Mention("a1", 0, 7, "Article", "ORG", 0)],
                           sentences=[(0, 20)])
        gone = Annotation("gone", sentences=[(0, 5)])
        store.replace_annotations(write_shard([again, gone], tmp_path / "shards"), "v2")
        annotations = {a.article: a for a in store.annotations()}
        assert set(annotations) == {"a1", "a2"}
        assert annotations["a1"].mentions == again.mentions and not annotations["a1"].timexes
        assert store.annotators() == {"a1": "v2", "a2": "v1"}
