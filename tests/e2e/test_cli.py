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


def test_running_again_adds_nothing_twice(demo_run):
    _, out_dir = demo_run
    before = load_analysis(out_dir)
    again = run_cli("analyze", "--demo", "-o", str(out_dir))
    assert again.returncode == 0, again.stderr
    after = load_analysis(out_dir)
    assert len(after["articles"]) == len(before["articles"])
    assert len(after["timexes"]) == len(before["timexes"])
    assert {e["id"] for e in after["entities"]} == {e["id"] for e in before["entities"]}
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
