"""The DuckDB store: one file holds articles, annotations, entities, places and failures.

Writes are atomic per batch (one transaction), so an interrupted run leaves every batch
either fully stored or absent, and a re-run skips the articles already stored. Each article
carries the stamp of the annotator that made its annotations (`annotator`), so a run of another
version can tell which stored annotations to make again, and replace them batch by batch.

When annotation runs on Dask workers, each worker writes a batch's annotations as a `Shard`: one
Parquet file per per-article table, in this store's own table layout (written by the same code,
into an in-memory store), which the store then loads with DuckDB's `read_parquet`.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from manysides.errors import StoreError
from manysides.records import (
    Annotation,
    Article,
    BlameCue,
    Entity,
    EntityMention,
    EventMention,
    Failure,
    Label,
    Magnitude,
    Mention,
    Place,
    PlaceMention,
    Quote,
    Timex,
)

SCHEMA_VERSION = "1"

_SQL_TYPES = {int: "BIGINT", float: "DOUBLE", str: "VARCHAR", bool: "BOOLEAN"}

# The articles column beyond the Article fields: the stamp of the annotator that made the
# article's annotations (NULL when unknown, as in a store made before the column existed).
ANNOTATOR_COLUMN = "annotator"
_ARTICLE_COLUMNS = ", ".join(f'"{f.name}"' for f in fields(Article))

# Tables that hold one row per record of a dataclass, in field order.
_RECORD_TABLES = {
    "articles": Article,
    "mentions": Mention,
    "place_mentions": PlaceMention,
    "timexes": Timex,
    "quotes": Quote,
}

# Corpus-level results, recomputed over the whole store on each run and kept in their JSON form
# (the shapes of analysis.json), with the columns worth querying beside the record.
CORPUS_TABLES = {
    "events": ("type", "date", "independent_sources"),
    "stories": ("title",),
    "claims": ("story", "independent_sources"),
    "disagreements": ("story", "kind"),
    "outlets": ("name",),
}

_EXTRA_DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS sentences (article VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER);
CREATE TABLE IF NOT EXISTS failures (
    source VARCHAR PRIMARY KEY, cause VARCHAR, failed_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS entities (
    id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, aliases VARCHAR,
    country VARCHAR, kb_id VARCHAR);
CREATE TABLE IF NOT EXISTS entity_mentions (
    entity VARCHAR, article VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS places (
    id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE,
    geonameid BIGINT, feature VARCHAR);
CREATE TABLE IF NOT EXISTS place_links (
    place VARCHAR, article VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS event_mentions (
    article VARCHAR, sentence_start INTEGER, trigger_start INTEGER, type VARCHAR, record VARCHAR);
CREATE TABLE IF NOT EXISTS labels (
    article VARCHAR, start INTEGER, relation VARCHAR, phrase VARCHAR, record VARCHAR);
CREATE TABLE IF NOT EXISTS blame_cues (
    article VARCHAR, start INTEGER, lemma VARCHAR, record VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    started TIMESTAMP, finished TIMESTAMP, inputs VARCHAR, added INTEGER, failed INTEGER);
"""


@dataclass(frozen=True)
class Shard:
    """What annotation made of a batch of articles, written by a worker as Parquet: a folder
    with one file per per-article table (`mentions.parquet`, `sentences.parquet`, ...) in the
    store's table layout. `articles` are the ids of the articles it annotates."""

    folder: str
    articles: tuple[str, ...]

    def tables(self) -> dict[str, Path]:
        return {table: Path(self.folder) / f"{table}.parquet" for table in _annotation_rows(())}

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def write_shard(annotations: Sequence[Annotation], folder: Path | str) -> Shard:
    """Write annotations as a shard inside folder, atomically: into a hidden folder first, then
    renamed, so a shard is either whole or absent. Its rows are the ones add_batch would insert,
    made by the same code into an in-memory store of the same schema."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    partial, final = folder / f".partial-{name}", folder / name
    partial.mkdir()
    try:
        with Store(":memory:") as staging:
            for table, rows in _annotation_rows(annotations).items():
                staging._insert(table, rows)
                target = _sql_string(partial / f"{table}.parquet")
                staging.db.execute(f"COPY {table} TO {target} (FORMAT parquet)")
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Shard(str(final), tuple(a.article for a in annotations))


def _sql_string(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _column_type(annotation: str) -> str:
    for python_type, sql_type in _SQL_TYPES.items():
        if python_type.__name__ in annotation:
            return sql_type
    return "VARCHAR"


def _ddl(table: str, record_type: type) -> str:
    columns = [f'"{f.name}" {_column_type(str(f.type))}' for f in fields(record_type)]
    if table == "articles":
        columns[0] += " PRIMARY KEY"
        columns.append(f"{ANNOTATOR_COLUMN} VARCHAR")
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(columns)});"


class Store:
    """A manysides DuckDB file. Use as a context manager, or call close().

    read_only: open an existing store for reading only (as `manysides serve` does): nothing is
    created or changed, and writers are kept out only while it is open.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False):
        """Open (or create) the store at path; ":memory:" makes one that lives in memory."""
        self.path = Path(path)
        if read_only:
            self.db = _connect_read_only(self.path)
            self._check_schema()
            return
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = _connect(self.path, read_only=False, wait=WRITE_LOCK_WAIT)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        self._create_schema()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _create_schema(self) -> None:
        for table, record_type in _RECORD_TABLES.items():
            self.db.execute(_ddl(table, record_type))
        for table, columns in CORPUS_TABLES.items():
            extra = "".join(f", {c} VARCHAR" for c in columns)
            self.db.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (position INTEGER, id VARCHAR{extra}, "
                "record VARCHAR)"
            )
        self.db.execute(_EXTRA_DDL)
        self._add_annotator_column()
        found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None:
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])
        else:
            self._check_version(found[0])

    def _check_schema(self) -> None:
        """A store opened for reading must be a whole one, of this schema."""
        try:
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            missing = _READ_TABLES - {row[0] for row in self.db.execute("SHOW TABLES").fetchall()}
        except duckdb.Error:
            found, missing = None, _READ_TABLES
        if found is None or missing:
            self.db.close()
            raise StoreError(f"{self.path}: not a complete manysides store; run "
                             "`manysides analyze` into this folder to make or finish it")
        self._check_version(found[0])

    def _check_version(self, version: str) -> None:
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {version} is not {SCHEMA_VERSION}; "
                "analyse into a new output folder"
            )

    def _add_annotator_column(self) -> None:
        """A store made before articles carried their annotator's stamp gets the column, empty:
        its articles count as made by another annotator. Adding a column keeps every row."""
        columns = {row[0] for row in self.db.execute("DESCRIBE articles").fetchall()}
        if ANNOTATOR_COLUMN not in columns:
            self.db.execute(f"ALTER TABLE articles ADD COLUMN {ANNOTATOR_COLUMN} VARCHAR")

    # -- writing -------------------------------------------------------------------------

    def known_article_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles").fetchall()}

    def add_batch(
        self,
        articles: Sequence[Article],
        annotations: Sequence[Annotation] | Shard,
        *,
        annotator: str | None = None,
    ) -> None:
        """Store articles with their annotations (records, or a shard a worker wrote) in one
        transaction: all or nothing. annotator is the stamp of what made the annotations (None:
        unknown, so made again next run)."""
        self._transaction(lambda: self._insert_batch(articles, annotations, annotator))

    def _insert_batch(self, articles, annotations, annotator) -> None:
        self._drop_earlier_readings(articles)
        self._insert("articles", [(*astuple(a), annotator) for a in articles])
        for table, rows in _table_rows(annotations).items():
            self._insert(table, rows)
        sources = [(a.path,) for a in articles if a.path]
        if sources:
            self.db.executemany("DELETE FROM failures WHERE source = ?", sources)

    def _drop_earlier_readings(self, articles: Sequence[Article]) -> None:
        """A file or page read again with other words (edited, or cleaned by a newer version)
        replaces its earlier reading instead of sitting beside it as a second article."""
        ids = sorted(self.earlier_readings(articles))
        if not ids:
            return
        self._delete_annotation_rows(ids)
        self.db.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])

    def earlier_readings(self, articles: Sequence[Article]) -> set[str]:
        """The stored articles that storing these articles would replace: the earlier readings
        of the same files or pages."""
        sources = [(a.path or a.url, a.id) for a in articles if a.path or a.url]
        if not sources:
            return set()
        stale = self.db.execute(
            "SELECT DISTINCT s.id FROM articles s JOIN (SELECT unnest(?) AS source, "
            "unnest(?) AS id) n ON (s.path = n.source OR s.url = n.source) AND s.id <> n.id",
            [[s for s, _ in sources], [i for _, i in sources]],
        ).fetchall()
        return {row[0] for row in stale}

    def _delete_annotation_rows(self, ids: list[str]) -> None:
        for table in _annotation_rows(()):
            self.db.execute(f"DELETE FROM {table} WHERE article IN (SELECT unnest(?))", [ids])

    def articles_annotated_otherwise(self, annotator: str) -> list[Article]:
        """The stored articles whose annotations another annotator made (or an unknown one),
        in the order of articles()."""
        rows = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {ANNOTATOR_COLUMN} IS DISTINCT FROM ? "
            "ORDER BY published NULLS LAST, id",
            [annotator],
        )
        return [Article(*row) for row in rows.fetchall()]

    def annotators(self) -> dict[str, str | None]:
        """Each stored article's annotator stamp."""
        query = f"SELECT id, {ANNOTATOR_COLUMN} FROM articles"
        return dict(self.db.execute(query).fetchall())

    def replace_annotations(
        self, annotations: Sequence[Annotation] | Shard, annotator: str
    ) -> None:
        """Replace the annotations of stored articles with these (records, or a shard a worker
        wrote), made by annotator, in one transaction: an interrupted replacement leaves every
        article with its old annotations and stamp, or its new ones. Annotations of an article
        no longer stored are dropped."""
        self._transaction(lambda: self._write_replacements(annotations, annotator))

    def _write_replacements(self, annotations, annotator) -> None:
        wanted = _annotated_ids(annotations)
        if not wanted:
            return
        query = "SELECT id FROM articles WHERE id IN (SELECT unnest(?))"
        stored = {row[0] for row in self.db.execute(query, [wanted]).fetchall()}
        ids = sorted(stored)
        self._delete_annotation_rows(ids)
        for table, rows in _table_rows(annotations).items():
            self._insert(table, rows, only_articles=stored)
        self.db.execute(
            f"UPDATE articles SET {ANNOTATOR_COLUMN} = ? WHERE id IN (SELECT unnest(?))",
            [annotator, ids],
        )
        self.db.execute(  # as add_batch does: an article annotated is no longer a failure
            "DELETE FROM failures WHERE source IN (SELECT unnest(?)) OR source IN "
            "(SELECT path FROM articles WHERE id IN (SELECT unnest(?)))",
            [ids, ids],
        )

    def add_failures(self, failures: Iterable[Failure]) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = [(f.source, f.cause, now) for f in failures]
        if rows:
            self._transaction(
                lambda: self.db.executemany(
                    "INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", rows
                )
            )

    def set_copies(self, copies: dict[str, str]) -> None:
        rows = [(original, copy) for copy, original in copies.items()]
        if rows:
            self._transaction(
                lambda: self.db.executemany("UPDATE articles SET copy_of = ? WHERE id = ?", rows)
            )

    def replace_entities(self, entities: Sequence[Entity], places: Sequence[Place]) -> None:
        """Linking is corpus-wide, so each run replaces the previous entities and places."""
        self._transaction(lambda: self._write_entities(entities, places))

    def _write_entities(self, entities, places) -> None:
        self._replace_rows(
            "entities",
            [(e.id, e.name, e.type, json.dumps(e.aliases), e.country, e.kb_id) for e in entities],
        )
        self._replace_rows(
            "entity_mentions",
            [(e.id, m.article, m.start, m.end, m.text) for e in entities for m in e.mentions],
        )
        self._replace_rows(
            "places",
            [(p.id, p.name, p.country, p.lat, p.lon, p.geonameid, p.feature) for p in places],
        )
        self._replace_rows(
            "place_links",
            [(p.id, m.article, m.start, m.end, m.text) for p in places for m in p.mentions],
        )

    def replace_results(self, results: dict[str, Sequence[dict]]) -> None:
        """Replace corpus-level results (events, stories, ...) in one transaction."""
        self._transaction(lambda: self._write_results(results))

    def _write_results(self, results: dict[str, Sequence[dict]]) -> None:
        for table, records in results.items():
            columns = CORPUS_TABLES[table]
            rows = [
                (i, r.get("id", r.get("name")), *(_text(r.get(c)) for c in columns), json.dumps(r))
                for i, r in enumerate(records)
            ]
            self._replace_rows(table, rows)

    def results(self, table: str) -> list[dict]:
        """The stored JSON records of one corpus-level table, in the order they were written."""
        query = f"SELECT record FROM {table} ORDER BY position"
        return [json.loads(row[0]) for row in self.db.execute(query).fetchall()]

    def events(self) -> list[dict]:
        return self.results("events")

    def record_run(self, started: datetime, inputs: Sequence[str], added: int, failed: int):
        finished = datetime.now(UTC).replace(tzinfo=None)
        self.db.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
            [started, finished, json.dumps(list(inputs)), added, failed],
        )

    def _replace_rows(self, table: str, rows: list[tuple]) -> None:
        self.db.execute(f"DELETE FROM {table}")
        self._insert(table, rows)

    def _insert(
        self, table: str, rows: list[tuple] | Path, only_articles: set[str] | None = None
    ) -> None:
        """Bulk insert rows through a JSON-lines file (far faster than one statement per row),
        or a shard's Parquet file of the table's rows; only_articles keeps only the rows of
        those articles (an annotation table's first column is the article)."""
        if isinstance(rows, Path):
            keep = "" if only_articles is None else " WHERE article IN (SELECT unnest(?))"
            self.db.execute(f"INSERT INTO {table} BY NAME SELECT * FROM "
                            f"read_parquet({_sql_string(rows)}){keep}",
                            [] if only_articles is None else [sorted(only_articles)])
            return
        if only_articles is not None:
            rows = [row for row in rows if row[0] in only_articles]
        if not rows:
            return
        columns = self._columns(table)
        with tempfile.NamedTemporaryFile(
            "w", suffix=".jsonl", encoding="utf-8", delete=False
        ) as handle:
            for row in rows:
                handle.write(json.dumps(dict(zip(columns, row, strict=True))) + "\n")
        try:
            self.db.execute(f"COPY {table} FROM '{handle.name}' (FORMAT json)")
        finally:
            os.unlink(handle.name)

    @functools.cache  # noqa: B019 -- one store per run; the schema does not change under it
    def _columns(self, table: str) -> list[str]:
        return [row[0] for row in self.db.execute(f"DESCRIBE {table}").fetchall()]

    def _transaction(self, write) -> None:
        self.db.execute("BEGIN TRANSACTION")
        try:
            write()
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        query = f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY published NULLS LAST, id"
        rows = self.db.execute(query)
        return [Article(*row) for row in rows.fetchall()]

    def article(self, article_id: str) -> Article | None:
        """One stored article, with its text; None when the store has no such article."""
        query = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?"
        row = self.db.execute(query, [article_id]).fetchone()
        return Article(*row) if row else None

    def annotations(self, article_ids: Iterable[str] | None = None) -> Iterator[Annotation]:
        """Annotations grouped per article, in article order (only those of article_ids, when
        given)."""
        by_article: dict[str, Annotation] = {}
        wanted = None if article_ids is None else sorted(set(article_ids))
        where, values = ("", []) if wanted is None else (_WANTED_ARTICLES, [wanted])

        def rows(query: str) -> list[tuple]:
            return self.db.execute(query.format(where=where), values).fetchall()

        def annotation(article: str) -> Annotation:
            return by_article.setdefault(article, Annotation(article))

        for table, record_type, attr in (
            ("mentions", Mention, "mentions"),
            ("place_mentions", PlaceMention, "places"),
            ("timexes", Timex, "timexes"),
            ("quotes", Quote, "quotes"),
        ):
            for row in rows(f"SELECT * FROM {table} {{where}} ORDER BY article, start"):
                record = record_type(*row)
                getattr(annotation(record.article), attr).append(record)
        query = 'SELECT article, start, "end" FROM sentences {where} ORDER BY article, idx'
        for article, start, end in rows(query):
            annotation(article).sentences.append((start, end))
        query = "SELECT article, record FROM event_mentions {where} ORDER BY article, trigger_start"
        for article, record in rows(query):
            annotation(article).events.append(_event_mention(json.loads(record)))
        for table, record_type, attr in (("labels", Label, "labels"),
                                         ("blame_cues", BlameCue, "blame_cues")):
            for article, record in rows(f"SELECT article, record FROM {table} {{where}} "
                                        "ORDER BY article, rowid"):
                getattr(annotation(article), attr).append(record_type(**json.loads(record)))
        yield from by_article.values()

    def failures(self) -> list[Failure]:
        rows = self.db.execute("SELECT source, cause FROM failures ORDER BY source").fetchall()
        return [Failure(*row) for row in rows]

    def entities(self) -> list[Entity]:
        mentions = self._grouped_mentions("entity_mentions", "entity")
        rows = self.db.execute("SELECT * FROM entities ORDER BY id").fetchall()
        return [
            Entity(id=i, name=n, type=t, aliases=json.loads(a), mentions=mentions.get(i, []),
                   country=c, kb_id=k)
            for i, n, t, a, c, k in rows
        ]

    def places(self) -> list[Place]:
        mentions = self._grouped_mentions("place_links", "place")
        rows = self.db.execute("SELECT * FROM places ORDER BY id").fetchall()
        return [Place(*row[:6], feature=row[6], mentions=mentions.get(row[0], [])) for row in rows]

    def _grouped_mentions(self, table: str, key: str) -> dict[str, list[EntityMention]]:
        grouped: dict[str, list[EntityMention]] = {}
        query = f'SELECT {key}, article, start, "end", text FROM {table} ORDER BY article, start'
        for owner, *rest in self.db.execute(query).fetchall():
            grouped.setdefault(owner, []).append(EntityMention(*rest))
        return grouped


_WANTED_ARTICLES = "WHERE article IN (SELECT unnest(?))"

# What a reader needs: every table the store's first run creates.
_READ_TABLES = frozenset({*_RECORD_TABLES, *CORPUS_TABLES, "meta", "sentences", "failures",
                          "entities", "entity_mentions", "places", "place_links",
                          "event_mentions", "labels", "blame_cues"})


# DuckDB lets one process write a file, and none while another reads it. `manysides serve`
# holds its read lock only while it reads, so a run that starts then waits for it; a reader
# meeting a long run gives up soon, and the server answers from what it last read.
WRITE_LOCK_WAIT = 30.0
READ_LOCK_WAIT = 1.0


def _connect(path: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def _connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise StoreError(f"{path}: no store here; make one with "
                         "`manysides analyze INPUT -o FOLDER`")
    try:
        return _connect(path, read_only=True, wait=READ_LOCK_WAIT)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the store is being written by another run; try again "
                             "when it has finished") from exc
        raise StoreError(f"{path}: cannot read the store ({_first_line(exc)})") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{path}: cannot read the store ({_first_line(exc)})") from exc


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _annotation_rows(annotations: Iterable[Annotation]) -> dict[str, list[tuple]]:
    """The rows of every per-article table, gathered so each table takes one insert."""
    rows: dict[str, list[tuple]] = {
        "mentions": [], "place_mentions": [], "timexes": [], "quotes": [], "sentences": [],
        "event_mentions": [], "labels": [], "blame_cues": [],
    }  # fmt: skip
    for a in annotations:
        rows["mentions"] += [astuple(m) for m in a.mentions]
        rows["place_mentions"] += [astuple(p) for p in a.places]
        rows["timexes"] += [astuple(t) for t in a.timexes]
        rows["quotes"] += [astuple(q) for q in a.quotes]
        rows["sentences"] += [(a.article, i, s, e) for i, (s, e) in enumerate(a.sentences)]
        rows["event_mentions"] += [
            (e.article, e.sentence_start, e.trigger_start, e.type, json.dumps(asdict(e)))
            for e in a.events
        ]
        rows["labels"] += [(x.article, x.start, x.relation, x.phrase, json.dumps(asdict(x)))
                           for x in a.labels]  # fmt: skip
        rows["blame_cues"] += [(c.article, c.start, c.lemma, json.dumps(asdict(c)))
                               for c in a.blame_cues]  # fmt: skip
    return rows


def _table_rows(annotations: Sequence[Annotation] | Shard) -> dict[str, list[tuple] | Path]:
    """Each annotation table's rows: made from the records, or the shard's file of them."""
    return annotations.tables() if isinstance(annotations, Shard) else _annotation_rows(annotations)


def _annotated_ids(annotations: Sequence[Annotation] | Shard) -> list[str]:
    if isinstance(annotations, Shard):
        return list(annotations.articles)
    return [a.article for a in annotations]


def _text(value) -> str | None:
    return None if value is None else str(value)


def _spans(rows) -> tuple[tuple[int, int, str], ...]:
    return tuple(tuple(row) for row in rows)


def _event_mention(data: dict) -> EventMention:
    """Rebuild an EventMention from its JSON form (lists back into tuples)."""
    claimed = data["claimed_by"]
    return EventMention(**{
        **data,
        "actors": _spans(data["actors"]),
        "targets": _spans(data["targets"]),
        "claimed_by": tuple(claimed) if claimed else None,
        "magnitudes": tuple(Magnitude(**m) for m in data["magnitudes"]),
        "location_spans": _spans(data["location_spans"]),
        "time_spans": _spans(data["time_spans"]),
    })
