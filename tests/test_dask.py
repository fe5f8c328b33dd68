"""Annotation on a real Dask cluster: a LocalCluster of two worker processes that the tests start
and reach by its address, as `--dask ADDRESS` does; the real spaCy pipeline, real Parquet shards
and real DuckDB files. `--workers N` (a cluster manysides starts itself) runs in tests/e2e.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from importlib.resources import files
from pathlib import Path

import duckdb
import pytest

from manysides.pipeline import STORE_NAME, analyze

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")

DEMO = str(files("manysides") / "data" / "demo")

# Tables whose rows hold times of the run, not what was analysed.
RUN_TABLES = ("runs", "failures")

# Two demo articles, for runs that need only a few good inputs.
GOOD = ("01_meridian_ilave_shelling.txt", "05_meridian_ceasefire_la_paz.txt")


def _good_inputs(folder: Path) -> Path:
    folder.mkdir()
    for name in GOOD:
        shutil.copy(Path(DEMO) / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster for the module: two worker processes of one thread each."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as local:
        yield local


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("in-process") / "out"
    return analyze([DEMO], out_dir)


@pytest.fixture(scope="module")
def on_cluster(tmp_path_factory, cluster):
    out_dir = tmp_path_factory.mktemp("on-cluster") / "out"
    seen: list[tuple] = []
    result = analyze([DEMO], out_dir, dask=cluster.scheduler_address,
                     progress=lambda *step: seen.append(step))
    return result, seen


def _without_run_times(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "generated"}


def _store_rows(out_dir: Path) -> dict[str, list[tuple]]:
    """Every table's rows in the order they were inserted, but the tables of run times."""
    with duckdb.connect(str(out_dir / STORE_NAME), read_only=True) as db:
        tables = [row[0] for row in db.execute("SHOW TABLES").fetchall()]
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                for t in tables if t not in RUN_TABLES}  # fmt: skip


def test_the_cluster_makes_the_same_analysis_and_store_as_one_process(in_process, on_cluster):
    result, _ = on_cluster
    assert result.added == in_process.added == 11 and not result.failures
    written = json.loads(result.json_path.read_text(encoding="utf-8"))
    expected = json.loads(in_process.json_path.read_text(encoding="utf-8"))
    assert _without_run_times(written) == _without_run_times(expected)
    assert _store_rows(result.out_dir) == _store_rows(in_process.out_dir)


def test_progress_advances_batch_by_batch_and_no_shard_is_left(on_cluster):
    result, seen = on_cluster
    steps = [done for stage, done, total in seen if stage == "Annotating"]
    assert steps[0] == 0 and steps[-1] == 11 and len(steps) > 2
    assert steps == sorted(steps)
    assert not (result.out_dir / "shards").exists()


def test_a_rerun_on_the_cluster_adds_nothing_and_changes_nothing(on_cluster, cluster, tmp_path):
    out_dir = tmp_path / "out"
    shutil.copytree(on_cluster[0].out_dir, out_dir)
    before = _store_rows(out_dir)
    again = analyze([DEMO], out_dir, dask=cluster.scheduler_address)
    assert (again.added, again.already_stored, again.reannotated) == (0, 11, 0)
    assert _store_rows(out_dir) == before


def test_articles_of_an_older_annotator_are_annotated_again_on_the_cluster(
    on_cluster, cluster, tmp_path
):
    out_dir = tmp_path / "out"
    shutil.copytree(on_cluster[0].out_dir, out_dir)
    before = _store_rows(out_dir)
    with duckdb.connect(str(out_dir / STORE_NAME)) as db:
        stamp = db.execute("SELECT any_value(annotator) FROM articles").fetchone()[0]
        db.execute("UPDATE articles SET annotator = '0.0.9+0123456789abcdef'")
        db.execute("UPDATE place_mentions SET name = 'Nowhere'")
        db.execute("DELETE FROM event_mentions")
    again = analyze([DEMO], out_dir, dask=cluster.scheduler_address)
    assert (again.added, again.already_stored, again.reannotated) == (0, 11, 11)
    after = _store_rows(out_dir)  # replaced rows come back, in another order
    assert sorted(after["place_mentions"]) == sorted(before["place_mentions"])
    assert sorted(after["event_mentions"]) == sorted(before["event_mentions"])
    with duckdb.connect(str(out_dir / STORE_NAME), read_only=True) as db:
        assert db.execute("SELECT DISTINCT annotator FROM articles").fetchall() == [(stamp,)]


def test_a_bad_input_fails_alone_and_the_others_are_stored(cluster, tmp_path):
    inputs = _good_inputs(tmp_path / "in")
    (inputs / "empty.txt").write_text("", encoding="utf-8")  # fails on reading
    paragraph = "The council met in Geneva on Tuesday to discuss the ceasefire, officials said. "
    long_text = "Long report\n\n" + "".join(
        (paragraph * 10).replace("Tuesday", f"day {i}") + "\n\n" for i in range(1300))
    (inputs / "long.txt").write_text(long_text, encoding="utf-8")  # fails on a worker
    result = analyze([str(inputs)], tmp_path / "out", dask=cluster.scheduler_address,
                     batch_size=4)
    assert result.added == 2
    causes = {Path(f.source).name: f.cause for f in result.failures}
    assert causes["empty.txt"] == "empty file"
    assert "is over the model's" in causes["long.txt"]
    assert all("\n" not in str(f) for f in result.failures)
    assert sorted(Path(a["path"]).name for a in result.analysis["articles"]) == list(GOOD)
    with duckdb.connect(str(tmp_path / "out" / STORE_NAME), read_only=True) as db:
        stored = dict(db.execute("SELECT source, cause FROM failures").fetchall())
    assert {Path(s).name for s in stored} == {"empty.txt", "long.txt"}


def test_batches_that_fail_on_the_workers_become_failures_and_nothing_is_lost(
    cluster, tmp_path
):
    """Workers that cannot write their shards (here `shards` is a file, not a folder): each
    batch is sent again article by article, each article fails with one line, the run finishes,
    and a second run, with the way clear, stores everything."""
    inputs = _good_inputs(tmp_path / "in")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "shards").write_text("in the way", encoding="utf-8")
    result = analyze([str(inputs)], out_dir, dask=cluster.scheduler_address)
    assert result.added == 0
    assert sorted(Path(f.source).name for f in result.failures) == list(GOOD)
    for failure in result.failures:
        assert failure.cause.startswith("annotation on a Dask worker failed: ")
        assert "\n" not in failure.cause
    (out_dir / "shards").unlink()
    again = analyze([str(inputs)], out_dir, dask=cluster.scheduler_address)
    assert again.added == 2 and not again.failures
    with duckdb.connect(str(out_dir / STORE_NAME), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM failures").fetchone()[0] == 0


def test_a_worker_killed_mid_run_loses_nothing(cluster, in_process, tmp_path):
    """A worker process killed while the run goes on: its batch runs again elsewhere and the
    analysis is the same as in one process."""
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    out_dir = tmp_path / "out"
    outcome: dict = {}

    def run():
        outcome["result"] = analyze([DEMO], out_dir, dask=cluster.scheduler_address,
                                    batch_size=2)

    thread = threading.Thread(target=run)
    thread.start()
    killed = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(client.processing().values()):
            time.sleep(0.05)
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:  # the process of a worker at work, killed as the system would kill it
            pids = client.run(os.getpid, workers=busy[:1])
            killed += pids.values()
            os.kill(killed[0], signal.SIGKILL)
    finally:
        thread.join(timeout=600)
        client.close()
    result = outcome["result"]
    assert killed, "no worker was at work to kill"
    assert result.added == 11 and not result.failures
    written = json.loads(result.json_path.read_text(encoding="utf-8"))
    expected = json.loads(in_process.json_path.read_text(encoding="utf-8"))
    assert _without_run_times(written) == _without_run_times(expected)
    cluster.wait_for_workers(2, timeout=120)


def test_an_unreachable_scheduler_is_one_line_error(tmp_path):
    from manysides.errors import ConfigError

    inputs = _good_inputs(tmp_path / "in")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        analyze([str(inputs)], tmp_path / "out", dask="tcp://127.0.0.1:9")


def test_without_a_cluster_dask_is_not_even_imported():
    code = ("import sys, manysides.cli, manysides.pipeline; "
            "sys.exit('distributed' in sys.modules or 'dask' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], env=os.environ).returncode == 0
