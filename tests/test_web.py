"""`manysides serve` as an analyst uses it: a real server over a real analysis of the demo corpus,
asked with real HTTP requests."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys

import httpx
import pytest
from click.testing import CliRunner

from manysides.cli import main
from manysides.store import Store
from tests.serving import analyse_demo, running_server


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return analyse_demo(tmp_path_factory.mktemp("serve") / "out")


@pytest.fixture(scope="module")
def analysis(out_dir) -> dict:
    return json.loads((out_dir / "analysis.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client(out_dir):
    with running_server(out_dir) as address, httpx.Client(base_url=address, timeout=30) as http:
        yield http


def get_json(client, path: str, status: int = 200, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def compared_story(analysis: dict) -> dict:
    """The demo story that several outlets report, so it has a brief."""
    return max(analysis["stories"], key=lambda story: len(story["articles"]))


# --- stories, claims, disagreements --------------------------------------------------------


def test_story_gives_its_brief_sentences_with_their_cited_articles(client, analysis):
    story = compared_story(analysis)
    found = get_json(client, f"/api/stories/{story['id']}")
    brief = found["story"]["summary"]
    assert brief and brief == story["summary"]
    articles = {a["id"] for a in found["articles"]}
    assert articles == set(story["articles"])
    for sentence in brief:
        assert sentence["text"] and sentence["sources"]
        assert set(sentence["sources"]) <= articles
    cited = brief[0]["sources"][0]
    assert get_json(client, f"/api/articles/{cited}")["article"]["id"] == cited


def test_story_claims_and_disagreements_carry_their_evidence(client, analysis):
    story = compared_story(analysis)
    found = get_json(client, f"/api/stories/{story['id']}")
    assert found["claims"] == [c for c in analysis["claims"] if c["story"] == story["id"]]
    corroborated = [c for c in found["claims"] if c["independent_sources"] >= 2]
    assert corroborated and all(len(c["supported_by"]) >= 2 for c in corroborated)
    assert found["disagreements"]
    for disagreement in found["disagreements"]:
        assert len(disagreement["positions"]) >= 2
        assert all(p["articles"] and p["evidence"] for p in disagreement["positions"])
    assert [e["id"] for e in found["events"]] == story["timeline"]


def test_lists_are_the_records_of_analysis_json(client, analysis):
    assert get_json(client, "/api/stories")["stories"] == analysis["stories"]
    claims = get_json(client, "/api/claims", limit=1000)
    assert claims["total"] == len(analysis["claims"]) and claims["claims"] == analysis["claims"]
    story = compared_story(analysis)
    kinds = {d["kind"] for d in analysis["disagreements"]}
    for kind in kinds:
        found = get_json(client, "/api/disagreements", story=story["id"], kind=kind)
        assert found["disagreements"] and {d["kind"] for d in found["disagreements"]} == {kind}
    claim = analysis["claims"][0]
    assert get_json(client, f"/api/claims/{claim['id']}")["claim"] == claim


# --- events --------------------------------------------------------------------------------


def test_event_filters_return_only_the_matching_events(client, analysis):
    events = analysis["events"]
    found = get_json(client, "/api/events", type="assault", limit=1000)
    assert found["total"] == sum(1 for e in events if e["type"] == "ASSAULT") > 0
    assert {e["type"] for e in found["events"]} == {"ASSAULT"}

    actor = next(e["actor"][0] for e in events if e["actor"])
    found = get_json(client, "/api/events", actor=actor, limit=1000)
    assert found["events"] == [e for e in events if actor in e["actor"]]

    place = next(e for e in events if e["place_name"])
    found = get_json(client, "/api/events", place=place["place_name"].upper(), limit=1000)
    assert found["events"] and all(e["place"] == place["place"] for e in found["events"])

    found = get_json(client, "/api/events", **{"from": "2024-10-05", "to": "2024-10-06"})
    assert found["events"]
    assert all(e["date"] and "2024-10-05" <= e["date"][:10] <= "2024-10-06"
               for e in found["events"] if len(e["date"]) == 10)  # fmt: skip


def test_event_filters_combine_and_page(client, analysis):
    story = compared_story(analysis)
    every = get_json(client, "/api/events", story=story["id"], limit=1000)
    assert [e["id"] for e in every["events"]] == [
        e["id"] for e in analysis["events"] if e["id"] in set(story["timeline"])]
    second = get_json(client, "/api/events", story=story["id"], limit=5, offset=5)
    assert second["total"] == every["total"] and second["events"] == every["events"][5:10]
    both = get_json(client, "/api/events", story=story["id"], type="ACCUSE", limit=1000)
    assert both["events"] == [e for e in every["events"] if e["type"] == "ACCUSE"]


@pytest.mark.parametrize("params", [
    {"type": "BOMBING"}, {"actor": "ent-nobody"}, {"place": "Atlantis"}, {"from": "yesterday"},
    {"from": "2024-10-09", "to": "2024-10-01"}, {"limit": "many"}, {"limit": "0"},
    {"story": "story-none"},
])  # fmt: skip
def test_a_bad_event_filter_is_a_400_that_says_why(client, params):
    found = get_json(client, "/api/events", status=400, **params)
    assert set(found) == {"error"} and found["error"]


@pytest.mark.parametrize("path", [
    "/api/stories/story-none", "/api/events/ev-none", "/api/articles/0000", "/api/entities/x",
    "/api/claims/cl-none", "/api/disagreements/dis-none", "/api/no-such-thing",
])  # fmt: skip
def test_an_unknown_id_is_a_404(client, path):
    assert "error" in get_json(client, path, status=404)


def test_one_event_is_the_record_of_analysis_json(client, analysis):
    event = analysis["events"][0]
    assert get_json(client, f"/api/events/{event['id']}")["event"] == event


# --- actors and articles -------------------------------------------------------------------


def test_actors_come_with_their_aliases_and_mention_counts(client, analysis):
    found = get_json(client, "/api/entities", limit=1000)
    assert found["total"] == len(analysis["entities"])
    by_id = {e["id"]: e for e in analysis["entities"]}
    for entity in found["entities"]:
        assert entity["mention_count"] == len(by_id[entity["id"]]["mentions"])
        assert entity["aliases"] == by_id[entity["id"]]["aliases"]
    counts = [e["mention_count"] for e in found["entities"]]
    assert counts == sorted(counts, reverse=True)
    top = found["entities"][0]
    detail = get_json(client, f"/api/entities/{top['id']}")
    assert detail["entity"] == by_id[top["id"]]
    assert all(top["id"] in e["actor"] for e in detail["events_as_actor"])
    assert all(top["id"] in e["target"] for e in detail["events_as_target"])


def test_an_article_comes_with_its_text_and_spans_at_their_offsets(client, analysis):
    record = analysis["articles"][0]
    found = get_json(client, f"/api/articles/{record['id']}")
    article, notes = found["article"], found["annotations"]
    assert {k: article[k] for k in record} == record
    text = article["text"]
    assert notes["entities"] and notes["places"] and notes["timexes"] and notes["events"]
    for kind in ("entities", "places", "timexes", "quotes"):
        for span in notes[kind]:
            assert text[span["start"]: span["end"]] == span["text"], (kind, span)
    events = {e["id"] for e in found["events"]}
    for mention in notes["events"]:
        assert mention["sentence_start"] <= mention["trigger_start"] < mention["sentence_end"]
        assert mention["event"] is None or mention["event"] in events
    assert events == {e["id"] for e in analysis["events"] if record["id"] in e["articles"]}


def test_articles_narrow_to_an_outlet(client, analysis):
    outlet = analysis["articles"][0]["outlet"]
    found = get_json(client, "/api/articles", outlet=outlet)
    assert found["articles"] == [a for a in analysis["articles"] if a["outlet"] == outlet]


# --- exports -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["plover", "gdelt", "acled"])
def test_export_gives_the_bytes_of_manysides_export(client, out_dir, tmp_path, fmt):
    written = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(main, ["export", str(out_dir), "--format", fmt, "-o", str(written)])
    assert result.exit_code == 0, result.output
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert response.content == written.read_bytes() and response.content


def test_export_of_an_unknown_format_is_a_400(client):
    assert "error" in get_json(client, "/api/export", status=400, format="xlsx")


# --- pages ---------------------------------------------------------------------------------


def test_pages_answer_in_html_and_errors_are_pages_too(client, analysis):
    story = compared_story(analysis)
    for path in ("/", f"/stories/{story['id']}", "/events?type=ASSAULT", "/actors",
                 f"/actors/{analysis['entities'][0]['id']}", "/articles",
                 f"/articles/{story['articles'][0]}"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in response.headers["content-security-policy"]
    assert client.get("/stories/story-none").status_code == 404
    bad = client.get("/events", params={"type": "BOMBING"})
    assert bad.status_code == 400 and "unknown event type" in bad.text
    assert '<form class="filters"' in bad.text  # the form stays, to put the filter right


def test_event_page_shows_only_the_filtered_events(client, analysis):
    page = client.get("/events", params={"type": "AGREE"}).text
    wanted = sum(1 for e in analysis["events"] if e["type"] == "AGREE")
    assert f"{wanted} event" in page
    table = page[page.index('id="event-table"'):]
    assert "ASSAULT" not in table and "AGREE" in table


# --- the store stays the writers' ----------------------------------------------------------


def test_serving_neither_changes_nor_holds_the_store(client, out_dir):
    store = out_dir / "manysides.duckdb"
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    for path in ("/api/stories", "/api/articles", "/", "/api/export"):
        assert client.get(path).status_code == 200
    article = client.get("/api/articles").json()["articles"][0]["id"]
    assert client.get(f"/api/articles/{article}").status_code == 200
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    with Store(store) as writer:  # a run could write now: the server holds no lock
        assert writer.article(article) is not None
    assert client.get(f"/api/articles/{article}").status_code == 200


def test_what_a_later_run_writes_shows_without_a_restart(out_dir, tmp_path):
    folder = tmp_path / "out"
    shutil.copytree(out_dir, folder)
    with running_server(folder) as address:
        stories = httpx.get(f"{address}/api/stories", timeout=30).json()["stories"]
        with Store(folder / "manysides.duckdb") as writer:
            writer.replace_results({"stories": [{**stories[0], "title": "Renamed"}]})
        after = httpx.get(f"{address}/api/stories", timeout=30).json()["stories"]
    assert [s["title"] for s in after] == ["Renamed"]


# --- the command ---------------------------------------------------------------------------


def run_serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "manysides", "serve", *args],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_serve_without_a_store_is_a_one_line_error(tmp_path):
    finished = run_serve(str(tmp_path))
    assert finished.returncode == 1
    assert "no store here" in finished.stderr and "Traceback" not in finished.stderr
    broken = tmp_path / "manysides.duckdb"
    broken.write_bytes(b"DUCK" * 1000)  # a file cut short, or not a store at all
    finished = run_serve(str(broken))
    assert finished.returncode == 1 and "cannot read the store" in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1
    assert "Traceback" not in finished.stderr


def test_serve_runs_until_ctrl_c_and_stops_cleanly(out_dir):
    server = subprocess.Popen(
        [sys.executable, "-m", "manysides", "serve", str(out_dir), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = server.stdout.readline()
        assert "Serving" in line, line + server.stderr.read()
        address = line.split(" at ", 1)[1].split()[0]
        assert httpx.get(address + "api", timeout=30).json()["schema"] == "manysides/1"
    finally:
        os.kill(server.pid, signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err
