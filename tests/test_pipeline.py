"""`analyze` into a folder it analysed before: what a re-run keeps and what it makes again.

Real inputs, the real spaCy pipeline and real DuckDB files; a store is aged by editing it with
duckdb the way an earlier version of manysides would have left it.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from rich.console import Console

from manysides.annotate.stamp import annotation_digest, annotator_stamp
from manysides.pipeline import STORE_NAME, analyze
from manysides.report.terminal import print_summary
from manysides.store import Store

ARTICLES = {
    "raqqa.txt": """Airstrikes hit Raqqa

BEIRUT, March 6, 2017 (Meridian Wire) — Coalition aircraft bombed Raqqa on Monday, killing at
least 12 civilians, activists said. Kurdish fighters advanced toward the city from the north.
""",
    "geneva.txt": """Talks resume in Geneva

GENEVA, March 7, 2017 (Harbour Post) — Diplomats from Russia and the United States met in Geneva
on Tuesday to discuss a ceasefire for Aleppo, officials said. "We are not giving up," the Russian
foreign minister told reporters.
""",
}

# Every table that holds what annotation made of one article.
ANNOTATION_TABLES = ("mentions", "place_mentions", "timexes", "quotes", "sentences",
                     "event_mentions", "labels", "blame_cues")  # fmt: skip

OLD_STAMP = "0.0.9+0123456789abcdef"


def _annotation_rows(out_dir: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(out_dir / STORE_NAME), read_only=True) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ANNOTATION_TABLES}  # fmt: skip


def _stamps(out_dir: Path) -> list[str | None]:
    with Store(out_dir / STORE_NAME) as store:
        return sorted(store.annotators().values(), key=str)


def _edit(out_dir: Path, *statements: str) -> None:
    with duckdb.connect(str(out_dir / STORE_NAME)) as db:
        for statement in statements:
            db.execute(statement)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """One fresh analysis (two articles and an empty file) that each test copies and ages."""
    folder = tmp_path_factory.mktemp("fresh")
    inputs = folder / "in"
    inputs.mkdir()
    for name, text in ARTICLES.items():
        (inputs / name).write_text(text, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    result = analyze([str(inputs)], folder / "out")
    assert result.added == 2 and [f.cause for f in result.failures] == ["empty file"]
    rows = _annotation_rows(folder / "out")
    assert ("Aleppo",) in {(r[4],) for r in rows["place_mentions"]}
    assert rows["event_mentions"], "the fixture articles should code events"
    return SimpleNamespace(inputs=inputs, out=folder / "out", rows=rows)


def _copy(fresh, tmp_path) -> Path:
    out_dir = tmp_path / "out"
    shutil.copytree(fresh.out, out_dir)
    return out_dir


def _place_names(out_dir: Path) -> set[str]:
    with duckdb.connect(str(out_dir / STORE_NAME), read_only=True) as db:
        return {row[0] for row in db.execute("SELECT name FROM place_mentions").fetchall()}


def test_a_fresh_run_stamps_each_article_with_this_annotator(fresh):
    assert _stamps(fresh.out) == [annotator_stamp(), annotator_stamp()]


def test_articles_an_earlier_version_annotated_are_annotated_again(fresh, tmp_path):
    out_dir = _copy(fresh, tmp_path)
    _edit(out_dir, f"UPDATE articles SET annotator = '{OLD_STAMP}'",
          "UPDATE place_mentions SET name = 'Halab' WHERE name = 'Aleppo'",
          "DELETE FROM event_mentions")  # fmt: skip
    seen = []
    result = analyze([str(fresh.inputs)], out_dir, progress=lambda *step: seen.append(step))
    assert (result.added, result.already_stored, result.reannotated) == (0, 2, 2)
    assert ("Annotating", 2, 2) in seen
    assert _annotation_rows(out_dir) == fresh.rows
    assert _stamps(out_dir) == [annotator_stamp(), annotator_stamp()]
    places = {p["name"] for p in result.analysis["places"]}
    assert "Aleppo" in places and "Halab" not in places
    console = Console(file=io.StringIO(), width=200)
    print_summary(console, result)
    assert "(0 new, 2 already stored, 2 re-annotated from an earlier version)" in (
        console.file.getvalue())


def test_articles_this_version_annotated_are_not_annotated_again(fresh, tmp_path):
    out_dir = _copy(fresh, tmp_path)
    _edit(out_dir, "UPDATE place_mentions SET name = 'Halab' WHERE name = 'Aleppo'")
    result = analyze([str(fresh.inputs)], out_dir)
    assert (result.added, result.already_stored, result.reannotated) == (0, 2, 0)
    assert "Halab" in _place_names(out_dir) and "Aleppo" not in _place_names(out_dir)


def test_only_the_articles_of_another_annotator_are_annotated_again(fresh, tmp_path):
    out_dir = _copy(fresh, tmp_path)
    _edit(out_dir, "UPDATE place_mentions SET name = 'Halab' WHERE name = 'Aleppo'",
          f"UPDATE articles SET annotator = '{OLD_STAMP}' WHERE title LIKE 'Airstrikes%'")
    result = analyze([str(fresh.inputs / "raqqa.txt")], out_dir)
    assert (result.added, result.already_stored, result.reannotated) == (0, 1, 1)
    assert "Halab" in _place_names(out_dir)  # the Geneva article kept what it had


def test_a_store_made_before_the_stamp_is_migrated_and_annotated_again(fresh, tmp_path):
    out_dir = _copy(fresh, tmp_path)
    _edit(out_dir, "ALTER TABLE articles DROP COLUMN annotator",
          "UPDATE place_mentions SET name = 'Halab' WHERE name = 'Aleppo'")
    with Store(out_dir / STORE_NAME) as store:  # opening it adds the column, empty
        assert [f.cause for f in store.failures()] == ["empty file"]
        ids = {a.id for a in store.articles()}
        assert len(ids) == 2 and set(store.annotators().values()) == {None}
    result = analyze([str(fresh.inputs / name) for name in ARTICLES], out_dir)
    assert (result.added, result.already_stored, result.reannotated) == (0, 2, 2)
    assert not result.failures
    assert _annotation_rows(out_dir) == fresh.rows
    with Store(out_dir / STORE_NAME) as store:
        assert {a.id for a in store.articles()} == ids
        assert [f.cause for f in store.failures()] == ["empty file"]
        assert set(store.annotators().values()) == {annotator_stamp()}


def test_the_stamp_follows_what_annotation_depends_on_and_nothing_else(tmp_path):
    import manysides

    root = tmp_path / "manysides"
    shutil.copytree(Path(manysides.__file__).parent, root,
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    versions = {"spacy": "3.8.0"}
    stamp = annotation_digest(root, versions)

    def changes(relative: str) -> bool:
        path = root / relative
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        try:
            return annotation_digest(root, versions) != stamp
        finally:
            path.write_bytes(original)

    for used in ("data/plover_lexicon.yaml", "data/actors.yaml", "data/countries.csv",
                 "annotate/places.py", "records.py", "actors.py", "numbers.py"):
        assert changes(used), used
    for unused in ("data/world.json", "data/framing_terms.yaml", "report/terminal.py",
                   "events.py", "pipeline.py"):
        assert not changes(unused), unused
    assert annotation_digest(root, {"spacy": "3.8.1"}) != stamp
