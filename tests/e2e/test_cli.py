"""The `manysides` command as a user runs it: real processes, real files, a real server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

STORY = """Ceasefire talks resume in Geneva

GENEVA, March 6, 2024 (Meridian Wire) — Diplomats from Russia and the United States met
in Geneva on Wednesday to revive a ceasefire for Aleppo, officials said. "We are
not giving up on diplomacy," the Russian foreign minister told reporters after the talks.
The United Nations said aid convoys would reach the city within days.
"""


def run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "manysides", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=900)


def load_analysis(out_dir) -> dict:
    return json.loads((out_dir / "analysis.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("demo") / "out"
    return run_cli("analyze", "--demo", "-o", str(out_dir)), out_dir


def test_demo_writes_the_three_outputs_and_a_summary(demo_run):
    finished, out_dir = demo_run
    assert finished.returncode == 0, finished.stderr
    analysis = load_analysis(out_dir)
    assert analysis["schema"] == "manysides/1"
    for key in ("articles", "entities", "places", "timexes"):
        assert analysis[key], f"no {key} in the demo analysis"
    assert len(analysis["articles"]) >= 10
    assert len({a["outlet"] for a in analysis["articles"]}) >= 5
    assert "<svg" in (out_dir / "report.html").read_text(encoding="utf-8")
    with duckdb.connect(str(out_dir / "manysides.duckdb"), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(
            analysis["articles"]
        )
    for heading in ("Articles by outlet and date", "Leading actors", "Places", "Dated mentions"):
        assert heading in finished.stdout


def test_demo_events_are_exported_in_three_formats(demo_run):
    import csv
    import io

    _, out_dir = demo_run
    events = load_analysis(out_dir)["events"]
    assert events
    for field in ("id", "type", "mode", "actor", "target", "place", "date", "negated",
                  "hypothetical", "articles", "evidence"):
        assert field in events[0]
    corroborated = [e for e in events if e["independent_sources"] >= 2]
    assert any(e["type"] == "ASSAULT" and e["place_name"] == "Ilave" for e in corroborated)

    plover = run_cli("export", str(out_dir / "manysides.duckdb"), "--format", "plover")
    records = [json.loads(line) for line in plover.stdout.splitlines()]
    assert plover.returncode == 0 and len(records) == len(events)
    assert {r["event_type"] for r in records} <= {e["type"] for e in events}

    acled = run_cli("export", str(out_dir), "--format", "acled")
    rows = list(csv.DictReader(io.StringIO(acled.stdout)))
    assert acled.returncode == 0 and rows
    assert all(r["event_date"][:4].isdigit() and r["fatalities"].isdigit() for r in rows)

    gdelt = run_cli("export", str(out_dir), "--format", "gdelt")
    header, *lines = gdelt.stdout.splitlines()
    assert gdelt.returncode == 0 and "EventRootCode" in header.split("\t") and lines


def test_running_again_adds_nothing_twice(demo_run):
    _, out_dir = demo_run
    before = load_analysis(out_dir)
    again = run_cli("analyze", "--demo", "-o", str(out_dir))
    assert again.returncode == 0, again.stderr
    after = load_analysis(out_dir)
    assert len(after["articles"]) == len(before["articles"])
    assert len(after["timexes"]) == len(before["timexes"])
    assert {e["id"] for e in after["entities"]} == {e["id"] for e in before["entities"]}
    assert {e["id"] for e in after["events"]} == {e["id"] for e in before["events"]}
    assert "0 new" in again.stdout


def test_bad_inputs_fail_one_by_one_and_the_rest_goes_on(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(STORY, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "scan.html").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    broken = tmp_path / "records.jsonl"
    record = {"id": "r1", "text": STORY.replace("Geneva", "Vienna")}
    broken.write_text(json.dumps(record) + '\n{"id": ', encoding="utf-8")
    out_dir = tmp_path / "out"
    finished = run_cli("analyze", str(inputs), str(broken), "-o", str(out_dir))
    assert finished.returncode == 3, finished.stderr
    assert "Traceback" not in finished.stderr
    for name in ("empty.txt", "scan.html", "records.jsonl"):
        assert name in finished.stderr
    analysis = load_analysis(out_dir)
    assert len(analysis["articles"]) == 2
    assert {f["source"].split("/")[-1].split("#")[0] for f in analysis["failures"]} >= {
        "empty.txt", "scan.html", "records.jsonl"}

    more = tmp_path / "more.txt"
    more.write_text(STORY.replace("Wednesday", "Thursday").replace("Geneva", "Vienna"))
    second = run_cli("analyze", str(more), "-o", str(out_dir))
    assert second.returncode == 0, second.stderr
    assert len(load_analysis(out_dir)["articles"]) == 3


def test_a_broken_store_is_a_one_line_error(tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "manysides.duckdb").write_text("not a database")
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    finished = run_cli("analyze", str(story), "-o", str(out_dir))
    assert finished.returncode == 1
    assert "manysides.duckdb" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_no_input_is_a_usage_error():
    finished = run_cli("analyze")
    assert finished.returncode == 2
    assert "give at least one input" in finished.stderr


@pytest.fixture()
def web_server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    body = "".join(f"<p>{line}</p>" for line in STORY.split("\n\n")[1].split("\n"))
    (site / "story.html").write_text(
        "<html><head><title>Ceasefire talks resume in Geneva</title>"
        '<meta property="og:site_name" content="Meridian Wire"></head>'
        f"<body><article><h1>Ceasefire talks resume in Geneva</h1>{body}</article></body></html>",
        encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_url_is_fetched_from_a_real_server(web_server, tmp_path):
    out_dir = tmp_path / "out"
    finished = run_cli("analyze", f"{web_server}/story.html", f"{web_server}/missing.html",
                       "-o", str(out_dir))
    assert finished.returncode == 3, finished.stderr
    analysis = load_analysis(out_dir)
    (article,) = analysis["articles"]
    assert article["url"] == f"{web_server}/story.html"
    assert article["title"] == "Ceasefire talks resume in Geneva"
    assert "404" in analysis["failures"][0]["cause"]


def _many_articles(path, count: int) -> None:
    towns = ["Geneva", "Vienna", "Oslo", "Lisbon", "Madrid", "Prague", "Warsaw", "Dublin"]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            town = towns[n % len(towns)]
            text = (f"Report {n}: diplomats met in {town} on Wednesday for round {n} of talks. "
                    + STORY.replace("Geneva", town) + f" Officials counted {n * 7 + 3} delegates.")
            out.write(json.dumps({"id": f"r{n}", "text": text, "outlet": "Wire",
                                  "published": "2024-03-06"}) + "\n")


ARTICLES = 40


def _interrupt_midway(corpus, out_dir, signal_name: str, *options: str,
                      children: list | None = None) -> str:
    """Start analyze, and interrupt it as soon as it reports a few stored batches; children
    gets the processes it had started by then."""
    import os
    import signal

    import psutil

    command = [sys.executable, "-m", "manysides", "analyze", str(corpus), "-o", str(out_dir),
               "--batch-size", "2", *options]
    # A shell running us in the background ignores Ctrl-C for its children; a user's does not.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for line in process.stdout:
        if line.startswith("Annotating:") and int(line.split()[1].split("/")[0]) >= 4:
            if children is not None:
                children += psutil.Process(process.pid).children(recursive=True)
            process.send_signal(getattr(signal, signal_name))
            break
    else:
        pytest.fail(f"analyze ended before storing a batch: {process.stderr.read()}")
    _, stderr = process.communicate(timeout=120)
    return stderr


def _stored(out_dir) -> int:
    with duckdb.connect(str(out_dir / "manysides.duckdb"), read_only=True) as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGKILL"])
def test_an_interrupted_run_leaves_a_consistent_store_and_resumes(tmp_path, signal_name):
    corpus = tmp_path / "many.jsonl"
    _many_articles(corpus, ARTICLES)
    out_dir = tmp_path / "out"
    stderr = _interrupt_midway(corpus, out_dir, signal_name)
    assert "Traceback" not in stderr
    assert 0 < _stored(out_dir) < ARTICLES
    if signal_name == "SIGINT":
        assert "run the same command again to resume" in stderr
    with duckdb.connect(str(out_dir / "manysides.duckdb"), read_only=True) as db:
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        unannotated = db.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article FROM sentences)"
        ).fetchone()[0]
    assert stored % 2 == 0 and unannotated == 0
    resumed = run_cli("analyze", str(corpus), "-o", str(out_dir), "-q")
    assert resumed.returncode == 0, resumed.stderr
    analysis = load_analysis(out_dir)
    assert sorted(a["source_id"] for a in analysis["articles"]) == sorted(
        f"r{n}" for n in range(ARTICLES))


def test_ctrl_c_stops_the_workers_and_leaves_a_consistent_store(tmp_path):
    import psutil

    corpus = tmp_path / "many.jsonl"
    _many_articles(corpus, ARTICLES)
    out_dir = tmp_path / "out"
    children: list = []
    stderr = _interrupt_midway(corpus, out_dir, "SIGINT", "--workers", "2", children=children)
    assert "Traceback" not in stderr
    assert "run the same command again to resume" in stderr
    assert children, "the workers should have been running"
    _, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, "worker processes outlived the run"
    # progress counts finished batches; the store takes them in order, so it may lag behind
    assert _stored(out_dir) < ARTICLES
    assert not (out_dir / "shards").exists()
    with duckdb.connect(str(out_dir / "manysides.duckdb"), read_only=True) as db:
        unannotated = db.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article FROM sentences)"
        ).fetchone()[0]
    assert unannotated == 0  # and a re-run resumes as after any interruption (above)


def test_the_demo_on_two_workers_gives_the_same_analysis(demo_run, tmp_path):
    _, in_process = demo_run
    out_dir = tmp_path / "out"
    finished = run_cli("analyze", "--demo", "-o", str(out_dir), "--workers", "2")
    assert finished.returncode == 0, finished.stderr
    assert "Traceback" not in finished.stderr
    written, expected = load_analysis(out_dir), load_analysis(in_process)
    for document in written, expected:
        document.pop("generated")
    assert written == expected
    assert not (out_dir / "shards").exists()


def test_workers_and_a_scheduler_address_do_not_go_together():
    finished = run_cli("analyze", "--demo", "--workers", "2", "--dask", "tcp://127.0.0.1:8786")
    assert finished.returncode == 2
    assert "not both" in finished.stderr


def test_demo_stories_disagreements_and_brief(demo_run):
    _, out_dir = demo_run
    analysis = load_analysis(out_dir)
    stories = analysis["stories"]
    by_path = {a["id"]: a["path"].rsplit("/", 1)[-1] for a in analysis["articles"]}
    crisis = stories[0]
    assert len(crisis["articles"]) == 10
    assert any(len(s["articles"]) == 1 and by_path[s["articles"][0]].startswith("11_")
               for s in stories)
    kinds = {d["kind"] for d in analysis["disagreements"]}
    assert kinds == {"number", "blame", "characterisation", "fact"}
    numbers = " ".join(p["position"] for d in analysis["disagreements"] if d["kind"] == "number"
                       for p in d["positions"])
    for figure in ("23", "31", "37", "15,000", "40,000"):
        assert figure in numbers
    assert crisis["summary"] and crisis["brief_support"] >= 0.9
    assert all(sentence["sources"] for sentence in crisis["summary"])
    corroborated = [s["text"] for s in crisis["summary"] if s["kind"] == "corroborated"]
    assert not any("called off" in text or "cancelled" in text for text in corroborated), (
        "one side of the disputed meeting is presented as corroborated")
    outlets = {o["name"]: o for o in analysis["outlets"]}
    terms = {t["term"] for t in outlets["Radio Televisión Altaverana"]["framing_terms"]}
    assert any(term.startswith("terrorist") for term in terms)

    brief = run_cli("brief", str(out_dir), "--format", "md")
    assert brief.returncode == 0, brief.stderr
    assert "## Sources" in brief.stdout and "Meridian Wire" in brief.stdout
    listed = run_cli("brief", str(out_dir), "--list")
    assert crisis["id"] in listed.stdout
    missing = run_cli("brief", str(out_dir), "--story", "no-such-story")
    assert missing.returncode == 1 and "not found" in missing.stderr


def test_the_demo_brief_leads_with_the_best_corroborated_facts(demo_run):
    """The answer key's ceasefire (4 independent outlets) and market shelling (5) lead the brief,
    each citing the outlets that report it, whatever words they use."""
    _, out_dir = demo_run
    analysis = load_analysis(out_dir)
    outlet_of = {a["id"]: a["republished_from"] or a["outlet"] for a in analysis["articles"]}
    facts = [s for s in analysis["stories"][0]["summary"] if s["kind"] == "corroborated"]
    ceasefire = [s for s in facts if "ceasefire" in s["text"] and "La Paz" in s["text"]]
    market = [s for s in facts if "market" in s["text"] and "Ilave" in s["text"]]
    assert ceasefire and market, [s["text"] for s in facts]
    assert len({outlet_of[a] for a in ceasefire[0]["sources"]}) >= 4
    assert len({outlet_of[a] for a in market[0]["sources"]}) >= 4
