"""`analyze`: sources -> ingest -> annotate -> store -> link -> events -> stories -> compare
-> summarize -> analysis.json, report.html and the terminal summary.

The stages run in the order of DESIGN.md; this module only wires them together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from manysides.annotate.annotator import annotate_articles
from manysides.annotate.stamp import annotator_stamp
from manysides.compare import find_claims, find_disagreements
from manysides.distribute import Job, ProgressCallback, open_cluster, run_in_process
from manysides.events import build_events, event_to_json
from manysides.export import analysis_document, write_json
from manysides.framing import outlet_framing
from manysides.ingest import find_copies, iter_articles
from manysides.link import link_entities
from manysides.records import Annotation, Article, Entity, Event, Failure, Place
from manysides.report.html import write_html
from manysides.store import Store
from manysides.stories import group_stories, story_records
from manysides.summarize import brief_support_rate, write_brief

STORE_NAME = "manysides.duckdb"


@dataclass
class RunResult:
    """What one `analyze` run did."""

    out_dir: Path
    added: int = 0
    already_stored: int = 0
    # stored articles annotated again: another version of manysides had made their annotations
    reannotated: int = 0
    failures: list[Failure] = field(default_factory=list)
    analysis: dict = field(default_factory=dict)

    @property
    def json_path(self) -> Path:
        return self.out_dir / "analysis.json"

    @property
    def report_path(self) -> Path:
        return self.out_dir / "report.html"

    @property
    def store_path(self) -> Path:
        return self.out_dir / STORE_NAME


def _no_progress(stage: str, done: int, total: int | None) -> None:
    pass


def analyze(
    inputs: Sequence[str],
    out_dir: Path,
    *,
    max_bytes: int = 5_000_000,
    batch_size: int = 64,
    progress: ProgressCallback = _no_progress,
    workers: int | None = None,
    dask: str | None = None,
) -> RunResult:
    """Analyse the inputs into out_dir; articles already stored there are not added twice, and
    their annotations are made again only where another version of manysides made them.

    Annotation runs in this process, or on a Dask cluster: a LocalCluster of `workers`
    processes, or the scheduler at the address `dask` (whose workers must reach out_dir at the
    same path). Either way the store ends up with the same rows."""
    out_dir = Path(out_dir)
    result = RunResult(out_dir=out_dir)
    started = datetime.now(UTC).replace(tzinfo=None)
    with Store(out_dir / STORE_NAME) as store:
        articles = _read_new_articles(inputs, store, result, max_bytes, progress)
        outdated = _outdated_articles(store, articles)
        if articles or outdated:
            with open_cluster(out_dir, workers=workers, address=dask) as cluster:
                _annotate_into(store, articles, outdated, result, batch_size, progress, cluster)
        else:
            progress("Annotating", 0, 0)
        store.add_failures(result.failures)
        _corpus_stages(store, progress)
        result.analysis = analysis_document(store, list(inputs))
        write_json(result.analysis, result.json_path)
        write_html(result.analysis, result.report_path)
        store.record_run(started, inputs, result.added, len(result.failures))
    return result


def rebuild_outputs(out_dir: Path) -> dict:
    """Write analysis.json and report.html again from an existing store."""
    out_dir = Path(out_dir)
    with Store(out_dir / STORE_NAME) as store:
        document = analysis_document(store)
    write_json(document, out_dir / "analysis.json")
    write_html(document, out_dir / "report.html")
    return document


def _read_new_articles(inputs, store, result, max_bytes, progress) -> list[Article]:
    known = store.known_article_ids()
    fresh: dict[str, Article] = {}
    for item in iter_articles(inputs, max_bytes=max_bytes):
        if isinstance(item, Failure):
            result.failures.append(item)
        elif item.id in known or item.id in fresh:
            result.already_stored += 1
        else:
            fresh[item.id] = item
        progress("Reading inputs", len(fresh) + len(result.failures), None)
    copies = find_copies(list(fresh.values()), previous=store.articles())
    return [dataclasses.replace(a, copy_of=copies.get(a.id, a.copy_of)) for a in fresh.values()]


def _outdated_articles(store, new_articles) -> list[Article]:
    """Stored articles whose annotations another annotator made, to be made again; not those
    that a new reading of the same file or page is about to replace."""
    replaced = store.earlier_readings(new_articles)
    return [a for a in store.articles_annotated_otherwise(annotator_stamp())
            if a.id not in replaced]  # fmt: skip


def _annotate_into(store, articles, outdated, result, batch_size, progress, cluster) -> None:
    """Annotate and store the new articles, then annotate the outdated stored ones again and
    replace their annotations: each batch in one transaction, all under one progress bar, here
    or on the cluster's workers. An article that cannot be annotated joins the failures (a
    stored one keeps its old annotations)."""
    progress("Annotating", 0, len(articles) + len(outdated))
    if cluster is not None:
        batch_size = cluster.batch_size(len(articles) + len(outdated), batch_size)
    jobs = [*_jobs(articles, batch_size, replace=False), *_jobs(outdated, batch_size, replace=True)]
    run = run_in_process if cluster is None else cluster.run
    for job, made in run(jobs, progress):
        result.failures += made.failures
        if job.replace:
            store.replace_annotations(made.annotations, made.annotator)
            result.reannotated += len(made.articles)
        else:
            done = set(made.articles)
            store.add_batch([a for a in job.articles if a.id in done], made.annotations,
                            annotator=made.annotator)
            result.added += len(done)
        made.discard()


def _jobs(articles: list[Article], batch_size: int, *, replace: bool) -> list[Job]:
    return [Job(articles[start : start + batch_size], replace)
            for start in range(0, len(articles), batch_size)]  # fmt: skip


def _corpus_stages(store, progress) -> None:
    """The corpus-wide stages, in order: entities, events, stories, comparison, briefs."""
    stages = ("entities", "events", "stories", "claims", "framing", "briefs")
    step = iter(range(1, len(stages) + 1))
    progress("Comparing sources", 0, len(stages))
    articles, annotations = store.articles(), list(store.annotations())
    entities, places = link_entities(articles, annotations)
    store.replace_entities(entities, places)
    progress("Comparing sources", next(step), len(stages))
    merged, events = merge_events(articles, annotations, entities, places)
    progress("Comparing sources", next(step), len(stages))
    stories = _stories(store, articles, annotations, entities, events)
    story_of = {article: story["id"] for story in stories for article in story["articles"]}
    progress("Comparing sources", next(step), len(stages))
    claims = find_claims(articles, annotations, entities, events, story_of)
    disagreements = find_disagreements(articles, annotations, entities, events, claims, story_of)
    progress("Comparing sources", next(step), len(stages))
    outlets = outlet_framing(articles, annotations, entities, merged)
    progress("Comparing sources", next(step), len(stages))
    aliases = {entity.name: entity.aliases for entity in entities}
    for story in stories:
        _add_brief(story, claims, disagreements, events, articles, aliases)
    store.replace_results({"events": events, "stories": stories, "claims": claims,
                           "disagreements": disagreements, "outlets": outlets})
    progress("Comparing sources", next(step), len(stages))


def merge_events(articles, annotations, entities, places) -> tuple[list[Event], list[dict]]:
    """Events merged across articles, in date order, as records and in their JSON form."""
    names = {entity.id: entity.name for entity in entities}
    merged = build_events(articles, annotations, entities, places)
    merged.sort(key=lambda event: (event.date or "", event.id))
    return merged, [event_to_json(event, names) for event in merged]


@dataclass
class Stages:
    """What the per-article and linking stages make of some articles, held in memory."""

    articles: list[Article]
    annotations: list[Annotation]
    entities: list[Entity]
    places: list[Place]
    events: list[dict]


def run_stages(articles: Sequence[Article]) -> Stages:
    """Copies, annotate, link and events in memory, without a store: for scorers and tests."""
    copies = find_copies(articles)
    articles = [dataclasses.replace(a, copy_of=copies.get(a.id, a.copy_of)) for a in articles]
    annotations = [a for a in annotate_articles(articles) if isinstance(a, Annotation)]
    entities, places = link_entities(articles, annotations)
    _, events = merge_events(articles, annotations, entities, places)
    return Stages(articles, annotations, entities, places, events)


def _stories(store, articles, annotations, entities, events) -> list[dict]:
    """Stories grow incrementally: articles already placed keep their story."""
    previous = {article: story["id"] for story in store.results("stories")
                for article in story["articles"]}
    assignment = group_stories(articles, annotations, entities, events, previous)
    return story_records(assignment, articles, events)


def _add_brief(story, claims, disagreements, events, articles, aliases) -> None:
    """The story's brief; a story of one article has nothing to compare, so no brief."""
    in_story = set(story["articles"])
    if len(in_story) < 2:
        story["summary"], story["brief_support"] = [], None
        return
    sentences = write_brief(
        story,
        [c for c in claims if c["story"] == story["id"]],
        [d for d in disagreements if d["story"] == story["id"]],
        [e for e in events if in_story.intersection(e["articles"])],
        [a for a in articles if a.id in in_story],
        aliases=aliases,
    )
    story["summary"] = sentences
    story["brief_support"] = brief_support_rate(sentences) if sentences else None
