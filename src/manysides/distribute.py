"""Annotating batches of articles: in this process, or on the workers of a Dask cluster.

The per-article stage is the only one that is embarrassingly parallel. By default it runs here,
batch after batch. With a cluster (`--workers N` starts a LocalCluster of N single-threaded
worker processes, `--dask ADDRESS` joins a running scheduler) each batch goes to a worker, which
loads the spaCy pipeline once per process, annotates the batch and writes what it made as a
Parquet shard into the output folder's `shards/` (see `store.Shard`); this process loads the
shards into the store in batch order, so the store ends up with the same rows as a run here.

Whatever goes wrong with one article or one worker becomes a one-line Failure, as for any input:
- an article annotation cannot take fails alone, and the rest of its batch goes on;
- a batch whose worker died (or that failed on the way) is sent again article by article, so
  that only an article that fails on its own is reported.
Dask is imported only when a cluster is asked for.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path

from manysides.annotate.annotator import annotate_articles
from manysides.annotate.stamp import annotator_stamp
from manysides.errors import ConfigError, ManysidesError
from manysides.records import Annotation, Article, Failure
from manysides.store import Shard, write_shard

SHARDS_FOLDER = "shards"

# Batches a cluster works on ahead of the one the store waits for, per worker thread.
AHEAD_PER_THREAD = 4


@dataclass(frozen=True)
class Job:
    """Articles to annotate together; replace: they are stored already, with annotations
    another annotator made, which theirs replace."""

    articles: list[Article]
    replace: bool = False


@dataclass
class Made:
    """What annotating a batch made: the annotated articles' ids, their annotations (records,
    or the shard a worker wrote them to), the articles that failed, and the annotator's stamp."""

    articles: list[str]
    annotations: list[Annotation] | Shard
    failures: list[Failure] = field(default_factory=list)
    annotator: str = ""

    def discard(self) -> None:
        """Let go of what is stored now: a worker's shard is removed."""
        if isinstance(self.annotations, Shard):
            self.annotations.remove()


def annotate_batch(articles: Sequence[Article]) -> Made:
    """Annotate a batch; an article that cannot be annotated becomes a Failure and the others
    go on (after an error mid-batch, each article is annotated alone to tell which failed)."""
    try:
        items = list(annotate_articles(articles))
    except ManysidesError:  # not the article's fault: a missing model, say
        raise
    except Exception:
        items = [item for article in articles for item in _annotate_alone(article)]
    annotations = [item for item in items if isinstance(item, Annotation)]
    failures = [item for item in items if isinstance(item, Failure)]
    return Made([a.article for a in annotations], annotations, failures, annotator_stamp())


def _annotate_alone(article: Article) -> list[Annotation | Failure]:
    try:
        return list(annotate_articles([article]))
    except ManysidesError:
        raise
    except Exception as exc:
        return [Failure(_source(article), f"cannot be annotated: {one_line(exc)}")]


def annotate_to_shard(articles: Sequence[Article], folder: str) -> Made:
    """A worker's task: annotate a batch and write its annotations as a shard inside folder."""
    made = annotate_batch(articles)
    made.annotations = write_shard(made.annotations, folder)
    return made


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its type, and the first line of its message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__


def _source(article: Article) -> str:
    return article.path or article.id


# -- running the jobs ----------------------------------------------------------------------

# What the pipeline reports progress to: (stage, done, total or None).
ProgressCallback = Callable[[str, int, int | None], None]


def run_in_process(jobs: Sequence[Job], progress: ProgressCallback) -> Iterator[tuple[Job, Made]]:
    """Annotate the jobs here, one after the other; progress after each is stored."""
    total, done = sum(len(job.articles) for job in jobs), 0
    for job in jobs:
        yield job, annotate_batch(job.articles)
        done += len(job.articles)
        progress("Annotating", done, total)


class Cluster:
    """A Dask client and the folder its workers write shards to."""

    def __init__(self, client, shards: Path):
        self.client = client
        self.shards = Path(shards).resolve()

    @property
    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def batch_size(self, articles: int, largest: int) -> int:
        """Batches small enough that every worker gets several, and no larger than largest."""
        return max(1, min(largest, ceil(articles / (AHEAD_PER_THREAD * self.threads))))

    def run(self, jobs: Sequence[Job], progress: ProgressCallback) -> Iterator[tuple[Job, Made]]:
        """Send the jobs to the workers and yield what each made, in the order of the jobs (so
        the store gets its rows in the order a run in one process gives them); progress as
        each batch finishes. A batch that failed as a whole is sent again article by article;
        an article that fails alone too becomes a Failure."""
        yield from _Dispatch(self, jobs, progress).results()

    def clear_shards(self) -> None:
        """Remove shards no run will load: those an interrupted run left behind (their articles
        are not stored, so this run annotates them again)."""
        shutil.rmtree(self.shards, ignore_errors=True)


class _Dispatch:
    """One run's jobs on a cluster: a window of jobs in flight, results handed out in order."""

    def __init__(self, cluster: Cluster, jobs: Sequence[Job], progress: ProgressCallback):
        from dask.distributed import as_completed

        self.cluster, self.jobs, self.progress = cluster, list(jobs), progress
        self.total = sum(len(job.articles) for job in jobs)
        self.finished = 0
        # per job: its pieces (the whole batch, or its articles one by one after a failure)
        self.pieces: list[list[_Piece]] = [[] for _ in self.jobs]
        self.owner: dict[str, tuple[int, _Piece]] = {}
        self.completed = as_completed(loop=cluster.client.loop)
        self.submitted = 0
        self.handed_out = 0

    def results(self) -> Iterator[tuple[Job, Made]]:
        try:
            self._top_up()
            for future in self.completed:
                self._settle(future)
                yield from self._ready()
                self._top_up()
            yield from self._ready()
        finally:
            futures = [piece.future for pieces in self.pieces for piece in pieces]
            self.cluster.client.cancel([f for f in futures if f is not None and not f.done()])

    def _top_up(self) -> None:
        window = AHEAD_PER_THREAD * self.cluster.threads
        while self.submitted < len(self.jobs) and self.submitted - self.handed_out < window:
            index = self.submitted
            self._submit(index, self.jobs[index].articles)
            self.submitted += 1

    def _submit(self, index: int, articles: list[Article]) -> None:
        future = self.cluster.client.submit(
            annotate_to_shard, articles, str(self.cluster.shards), pure=False)
        piece = _Piece(articles, future)
        self.pieces[index].append(piece)
        self.owner[future.key] = (index, piece)
        self.completed.add(future)

    def _settle(self, future) -> None:
        index, piece = self.owner.pop(future.key)
        try:
            piece.made = future.result()
        except ManysidesError:  # the worker's own trouble, and every worker's: a missing model
            raise
        except Exception as exc:  # a cancelled future raises an Exception too
            self._check_client(exc)
            if len(piece.articles) > 1:  # send its articles again, one by one
                self.pieces[index].remove(piece)
                for article in piece.articles:
                    self._submit(index, [article])
                return
            piece.made = _lost(piece.articles, exc)
        piece.future = None
        self.finished += len(piece.articles)
        self.progress("Annotating", self.finished, self.total)

    def _check_client(self, exc: BaseException) -> None:
        if self.cluster.client.status != "running":
            raise ConfigError(f"lost the Dask scheduler ({one_line(exc)}); every finished batch "
                              "is stored: run the same command again to resume") from exc

    def _ready(self) -> Iterator[tuple[Job, Made]]:
        while self.handed_out < self.submitted:
            pieces = self.pieces[self.handed_out]
            if any(piece.made is None for piece in pieces):
                return
            job = self.jobs[self.handed_out]
            for piece in pieces:
                yield Job(piece.articles, job.replace), piece.made
            self.pieces[self.handed_out] = []
            self.handed_out += 1


@dataclass
class _Piece:
    articles: list[Article]
    future: object | None
    made: Made | None = None


def _lost(articles: list[Article], exc: BaseException) -> Made:
    """An article whose worker died under it, or whose task failed: a Failure, one line."""
    from dask.distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        cause = "a Dask worker died while annotating it"
    else:
        cause = f"annotation on a Dask worker failed: {one_line(exc)}"
    return Made([], [], [Failure(_source(a), cause) for a in articles])


@contextmanager
def open_cluster(out_dir: Path, *, workers: int | None = None,
                 address: str | None = None) -> Iterator[Cluster | None]:
    """A cluster for the run: a LocalCluster of `workers` processes (one thread each: spaCy is
    not thread-friendly), or the scheduler at `address`; None for neither. Closed on the way
    out, whatever happens (Ctrl-C included), and the shards not loaded are removed."""
    if workers is not None and address is not None:
        raise ConfigError("give --workers or --dask, not both")
    if workers is None and address is None:
        yield None
        return
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be 1 or more, not {workers}")
    shards = Path(out_dir) / SHARDS_FOLDER
    try:
        with _client(workers, address) as client:
            cluster = Cluster(client, shards)
            cluster.clear_shards()
            yield cluster
    finally:  # once the workers are stopped (a LocalCluster's) or told to stop (the tasks)
        shutil.rmtree(shards, ignore_errors=True)


@contextmanager
def _client(workers: int | None, address: str | None):
    import logging

    import dask
    from dask.distributed import Client, LocalCluster

    if address is not None:
        try:
            client = Client(address, timeout=10, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: "
                              f"{one_line(exc)}") from exc
        with client:
            try:
                client.wait_for_workers(1, timeout=60)
            except TimeoutError as exc:
                raise ConfigError(f"the Dask scheduler at {address} has no workers") from exc
            yield client
        return
    # a batch is tried on two workers before it is sent again article by article
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local, Client(local, set_as_default=False) as client:
        yield client
