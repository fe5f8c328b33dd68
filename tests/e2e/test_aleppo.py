"""The reference case: the five real Aleppo articles, analysed as a user would."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def aleppo(aleppo_dir, tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("aleppo")
    finished = subprocess.run(
        [sys.executable, "-m", "manysides", "analyze", str(aleppo_dir), "-o", str(out_dir)],
        capture_output=True, text=True, timeout=900,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads((out_dir / "analysis.json").read_text(encoding="utf-8"))


def _entity(analysis: dict, alias: str) -> dict:
    found = [e for e in analysis["entities"] if alias in e["aliases"] or e["name"] == alias]
    assert len(found) == 1, f"{alias!r} is in {len(found)} entities: {[e['name'] for e in found]}"
    return found[0]


def test_outlets_dates_and_republication(aleppo):
    by_file = {a["path"].rsplit("/", 1)[-1][:3]: a for a in aleppo["articles"]}
    assert by_file["000"]["outlet"] == "CNN"
    assert by_file["000"]["published"] == "2016-09-28"
    assert by_file["000"]["published_from"] == "text"
    assert by_file["001"]["republished_from"] == "CounterPunch"


def test_one_entity_per_actor_across_spellings(aleppo):
    lavrov = _entity(aleppo, "Sergey Lavrov")
    assert {"Sergei Lavrov", "Lavrov"} <= set(lavrov["aliases"]) | {lavrov["name"]}
    assert lavrov["type"] == "PERSON"
    assert len({m["article"] for m in lavrov["mentions"]}) >= 3
    kerry = _entity(aleppo, "John Kerry")
    assert kerry["type"] == "PERSON"
    assert len({m["article"] for m in kerry["mentions"]}) >= 4
    assert _entity(aleppo, "Russia")["type"] == "COUNTRY"


def test_aleppo_is_a_place_in_syria(aleppo):
    (place,) = [p for p in aleppo["places"] if p["name"] == "Aleppo"]
    assert place["country"] == "SY"
    assert abs(place["lat"] - 36.2) < 0.5 and abs(place["lon"] - 37.15) < 0.5
    assert len({m["article"] for m in place["mentions"]}) == 5
    assert not [e for e in aleppo["entities"] if e["name"] == "Aleppo" and e["type"] != "PLACE"]


def test_relative_dates_resolve_against_publication(aleppo):
    cnn = next(a for a in aleppo["articles"] if a["path"].endswith("000_4e3e28d109bf06f6.txt"))
    wednesday = [t for t in aleppo["timexes"]
                 if t["article"] == cnn["id"] and t["text"] == "Wednesday"]
    assert wednesday and all(t["value"] == "2016-09-28" for t in wednesday)


def test_events_stories_and_disagreements(aleppo):
    events = aleppo["events"]
    threats = [e for e in events if e["type"] == "THREATEN" and "john-kerry" in e["actor"]]
    assert threats, "Kerry's threat to suspend engagement with Russia is not coded"
    assert any(e["type"] == "ACCUSE" and "country-ru" in e["target"] for e in events)
    assert len(aleppo["stories"]) == 1
    kinds = {d["kind"] for d in aleppo["disagreements"]}
    assert {"number", "blame"} <= kinds
    tolls = [p["position"] for d in aleppo["disagreements"] if d["kind"] == "number"
             for p in d["positions"]]
    assert any("400,000" in t for t in tolls) and any("430,000" in t for t in tolls)
    brief = aleppo["stories"][0]["summary"]
    assert brief and all(s["sources"] for s in brief)
