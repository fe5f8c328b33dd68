"""Event exports: PLOVER JSON lines, GDELT-like TSV, ACLED CSV, read back as their users would."""

from __future__ import annotations

import csv
import io
import json

import pytest

from manysides.errors import ConfigError
from manysides.event_formats import write_events

ANALYSIS = {
    "articles": [
        {"id": "a1", "url": "https://wire.example/a1", "outlet": "Wire One"},
        {"id": "a2", "url": "https://daily.example/a2", "outlet": "Daily Two"},
    ],
    "entities": [
        {"id": "country-ru", "name": "Russia", "type": "COUNTRY", "country": "RU"},
        {"id": "john-kerry", "name": "John Kerry", "type": "PERSON", "country": "US"},
    ],
    "places": [{"id": "place-170063", "name": "Aleppo", "country": "SY"}],
}
STRIKE = {
    "id": "ev-1", "type": "ASSAULT", "mode": "airstrike", "actor": ["country-ru"], "target": [],
    "actor_text": [], "target_text": ["the main hospital"], "place": "place-170063",
    "place_name": "Aleppo", "place_precision": "city", "place_country": "SY", "lat": 36.20124,
    "lon": 37.16117, "geonameid": 170063, "date": "2016-09-28", "date_granularity": "day",
    "negated": False, "hypothetical": False, "status": "asserted", "claimed_by": [],
    "magnitudes": [{"kind": "killed", "text": "at least 20", "value": 20},
                   {"kind": "killed", "text": "27", "value": 27}],
    "articles": ["a1", "a2"], "outlets": ["Wire One", "Daily Two"], "independent_sources": 2,
    "evidence": [{"article": "a1", "start": 0, "end": 60, "text": "Russian warplanes bombed."}],
    "confidence": 0.9,
}  # fmt: skip
ACCUSE = {
    **STRIKE, "id": "ev-2", "type": "ACCUSE", "mode": "allege", "actor": ["john-kerry"],
    "target": ["country-ru"], "target_text": [], "place": None, "place_name": None,
    "place_precision": None, "place_country": None, "lat": None, "lon": None,
    "geonameid": None, "date": "2016-W39", "date_granularity": "week", "magnitudes": [],
    "articles": ["a2"], "outlets": ["Daily Two"], "independent_sources": 1,
}  # fmt: skip


def _write(fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    rows = write_events([STRIKE, ACCUSE], ANALYSIS, fmt, out)
    return rows, out.getvalue()


def test_plover_lines_are_json_with_actors_place_and_sources():
    rows, text = _write("plover")
    records = [json.loads(line) for line in text.splitlines()]
    assert rows == len(records) == 2
    strike = records[0]
    assert strike["event_type"] == "ASSAULT" and strike["mode"] == "airstrike"
    assert strike["source"] == {"name": "Russia", "id": "country-ru", "country": "RUS"}
    assert strike["location"]["country"] == "SYR" and strike["location"]["geonameid"] == 170063
    assert strike["num_sources"] == 2
    assert [a["url"] for a in strike["source_articles"]] == [
        "https://wire.example/a1", "https://daily.example/a2"]
    assert records[1]["target"]["country"] == "RUS"


def test_gdelt_rows_carry_cameo_roots_and_iso3_codes():
    rows, text = _write("gdelt")
    table = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    assert rows == len(table) == 2
    strike, accuse = table
    assert strike["Day"] == "20160928" and strike["Actor1CountryCode"] == "RUS"
    assert strike["EventRootCode"] == "19" and strike["QuadClass"] == "4"
    assert float(strike["GoldsteinScale"]) == -10.0
    assert strike["ActionGeo_CountryCode"] == "SYR" and strike["ActionGeo_FeatureID"] == "170063"
    assert abs(float(strike["ActionGeo_Lat"]) - 36.2012) < 1e-3
    assert strike["NumSources"] == "2" and strike["SOURCEURL"] == "https://wire.example/a1"
    assert accuse["EventRootCode"] == "11" and accuse["QuadClass"] == "3"
    assert accuse["Day"] == "20160926"  # week 39 of 2016 starts on Monday 26 September
    assert accuse["Actor1CountryCode"] == "USA" and accuse["Actor2CountryCode"] == "RUS"


def test_acled_rows_have_types_dates_and_fatalities():
    rows, text = _write("acled")
    table = list(csv.DictReader(io.StringIO(text)))
    assert rows == len(table) == 1  # an accusation is not an ACLED event
    row = table[0]
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Air/drone strike"
    assert row["event_date"] == "2016-09-28" and row["time_precision"] == "1"
    assert row["fatalities"] == "20"  # the lowest count the sources give
    assert row["country"] == "Syria" and row["event_id_cnty"].startswith("SYR")
    assert row["actor1"] == "Russia" and row["actor2"] == "the main hospital"
    assert row["geo_precision"] == "1" and row["source"] == "Wire One; Daily Two"


def test_acled_leaves_out_negated_events_and_counts_zero_dead():
    ground = {**STRIKE, "id": "ev-3", "mode": "ground assault", "magnitudes": [],
              "target_text": ["rebel positions"]}  # fmt: skip
    denied = {**STRIKE, "id": "ev-4", "negated": True}
    out = io.StringIO()
    assert write_events([ground, denied], ANALYSIS, "acled", out) == 1
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert row["fatalities"] == "0"


def test_unknown_format_names_the_valid_ones():
    with pytest.raises(ConfigError, match="plover, gdelt, acled"):
        write_events([STRIKE], ANALYSIS, "cameo", io.StringIO())
