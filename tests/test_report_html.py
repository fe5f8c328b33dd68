"""The HTML report: what a reader sees in the page, and that data can never act as markup."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from manysides.errors import ConfigError, InputError
from manysides.report.html import render_html, safe_url, write_html
from manysides.report.map import Projection, fit_view, load_world
from manysides.report.svg import ticks, time_scale
from manysides.report.timeline import parse_period

EVIL_TITLE = "Truce <script>alert(1)</script> collapses"
SVG = "{http://www.w3.org/2000/svg}"


def _mention(article: str, start: int, text: str) -> dict:
    return {"article": article, "start": start, "end": start + len(text), "text": text}


def _article(n: int, outlet: str, title: str, published: str | None, **extra) -> dict:
    record = {
        "id": f"a{n}", "source_id": None, "path": f"corpus/{n}.txt",
        "url": f"https://{outlet.lower().replace(' ', '')}.example/story/{n}", "outlet": outlet,
        "title": title, "author": None, "published": published, "published_from": "metadata",
        "language": "en", "copy_of": None, "republished_from": None, "words": 400 + 37 * n,
    }  # fmt: skip
    record.update(extra)
    return record


def sample_analysis() -> dict:
    """A small corpus about one story: five articles from four outlets, one of them a copy."""
    articles = [
        _article(1, "CNN", "Aleppo teeters but no sign of US action", "2016-09-28T16:34"),
        _article(2, "Reuters", "Russia rejects US call to halt Aleppo strikes", "2016-09-29"),
        _article(3, "Reuters", EVIL_TITLE, "2016-09-30", published_from="text"),
        _article(4, "Al Jazeera", "Hospitals hit as Aleppo siege tightens", "2016-09-30"),
        _article(5, "Yahoo News", "Russia rejects US call to halt Aleppo strikes", "2016-09-29",
                 copy_of="a2", republished_from="Reuters", url="javascript:alert(2)"),
    ]
    entities = [
        {"id": "e1", "name": "Bashar al-Assad", "type": "PERSON", "aliases": ["Assad"],
         "mentions": [_mention(a, 10 * i, "Assad") for i, a in enumerate(["a1", "a2", "a4"])]},
        {"id": "e2", "name": "Russia", "type": "COUNTRY", "aliases": ["Moscow", "Russian"],
         "mentions": [_mention(a, 5, "Russia") for a in ["a1", "a2", "a2", "a3", "a4", "a5"]]},
        {"id": "e3", "name": "John Kerry", "type": "PERSON", "aliases": ["Kerry"],
         "mentions": [_mention("a1", 40, "Kerry"), _mention("a2", 3, "John Kerry")]},
        {"id": "e4", "name": "Jabhat Fateh al-Sham", "type": "ARMED_GROUP", "aliases": [],
         "mentions": [_mention("a4", 70, "Jabhat Fateh al-Sham")]},
        {"id": "e5", "name": "<b>Fake & Co</b>", "type": "ORG", "aliases": [],
         "mentions": [_mention("a3", 1, "Fake")]},
    ]
    places = [
        {"id": "p1", "name": "Aleppo", "country": "SY", "lat": 36.2021, "lon": 37.1343,
         "geonameid": 170063, "mentions": [_mention(a, 0, "Aleppo") for a in ["a1", "a2", "a4"]]},
        {"id": "p2", "name": "Damascus", "country": "SY", "lat": 33.5102, "lon": 36.2913,
         "geonameid": 170654, "mentions": [_mention("a4", 9, "Damascus")]},
        {"id": "p3", "name": "Moscow", "country": "RU", "lat": 55.7522, "lon": 37.6156,
         "geonameid": 524901, "mentions": [_mention("a2", 12, "Moscow")]},
        {"id": "p4", "name": "Nowhere", "country": None, "lat": None, "lon": None,
         "geonameid": None, "mentions": [_mention("a3", 2, "Nowhere")]},
    ]
    timexes = [
        {"article": "a1", "start": 1, "end": 10, "text": "Wednesday", "value": "2016-09-28",
         "granularity": "day"},
        {"article": "a2", "start": 1, "end": 10, "text": "Wednesday", "value": "2016-09-28",
         "granularity": "day"},
        {"article": "a4", "start": 5, "end": 13, "text": "Thursday", "value": "2016-09-29",
         "granularity": "day"},
        {"article": "a2", "start": 20, "end": 29, "text": "last week", "value": "2016-W38",
         "granularity": "week"},
        {"article": "a1", "start": 30, "end": 44, "text": "September 2016", "value": "2016-09",
         "granularity": "month"},
        {"article": "a1", "start": 50, "end": 60, "text": "five years", "value": "P5Y",
         "granularity": "duration"},
        {"article": "a3", "start": 0, "end": 3, "text": "now", "value": "PRESENT_REF",
         "granularity": "ref"},
    ]
    return {
        "schema": "manysides/1", "generated": "2016-10-01T09:00:00Z",
        "inputs": ["corpora/aleppo-2016"], "articles": articles, "entities": entities,
        "places": places, "timexes": timexes,
        "failures": [{"source": "corpora/aleppo-2016/bad.html", "cause": "empty after cleaning"}],
    }  # fmt: skip


def tiny_world(folder: Path) -> Path:
    """Three boxy 'countries' where Syria, Turkey and Russia are, enough to check the tinting."""

    def box(west: float, south: float, east: float, north: float) -> list:
        return [[[west, south], [east, south], [east, north], [west, north], [west, south]]]

    countries = [
        {"iso_a3": "SYR", "name": "Syria", "rings": box(35.7, 32.3, 42.4, 37.3)},
        {"iso_a3": "TUR", "name": "Turkey", "rings": box(26.0, 37.3, 44.8, 42.1)},
        {"iso_a3": "RUS", "name": "Russia", "rings": box(27.0, 45.0, 60.0, 70.0)},
        {"iso_a3": "BRA", "name": "Brazil", "rings": box(-74.0, -33.7, -34.8, 5.3)},
    ]
    path = folder / "world.json"
    path.write_text(json.dumps({"source": "test", "countries": countries}), encoding="utf-8")
    return path


@pytest.fixture()
def page(tmp_path: Path) -> str:
    return render_html(sample_analysis(), world_path=tiny_world(tmp_path))


class _Collector(HTMLParser):
    """Start tags with their attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def _svg(page: str, css_class: str) -> ET.Element:
    match = re.search(rf'<svg[^>]*class="{css_class}".*?</svg>', page, re.S)
    assert match, f"no <svg class={css_class}> in the page"
    return ET.fromstring(match.group(0))


def test_every_title_outlet_and_actor_is_shown(page):
    text = "".join(_parse(page).text)
    for article in sample_analysis()["articles"]:
        assert article["title"] in text
        assert article["outlet"] in text
    for entity in sample_analysis()["entities"]:
        assert entity["name"] in text
    assert "Damascus" in text and "Syria" in text  # place table, country spelled out


def test_header_summarises_the_corpus(page):
    header = page[page.index("<header"): page.index("</header>")]
    assert "5</span><span class=\"label\">articles" in header
    assert "4</span><span class=\"label\">outlets" in header
    assert "28 Sep 2016 – 30 Sep 2016" in header
    assert "1</span><span class=\"label\">failed inputs" in header


def test_text_from_the_data_cannot_become_markup(page):
    tags = _parse(page).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert len(scripts) == 1  # only ours
    assert "alert(1)" not in page.split("<script>")[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not any(tag == "b" for tag, _ in tags)  # the entity called "<b>Fake & Co</b>"
    hrefs = [attrs.get("href") or "" for _, attrs in tags]
    assert not any(href.startswith("javascript:") for href in hrefs)


def test_nothing_is_fetched_from_the_network(page):
    for tag, attrs in _parse(page).tags:
        for name in ("src", "srcset", "data", "poster"):
            assert not attrs.get(name), f"<{tag} {name}=...> loads a resource"
        if tag == "link":
            pytest.fail(f"<link {attrs}> would load a stylesheet or font")
    assert "@import" not in page and "url(" not in page
    links = [attrs["href"] for tag, attrs in _parse(page).tags if tag == "a"]
    external = [href for href in links if not href.startswith("#")]
    assert external and all(href.startswith("https://") for href in external)  # article links
    policy = [a for tag, a in _parse(page).tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy[0]["content"]  # the browser refuses any other fetch


def test_article_links_and_copy_notes(page):
    assert 'href="https://cnn.example/story/1"' in page
    row = re.search(r'<tr id="article-5">.*?</tr>', page, re.S).group(0)
    assert "copy of" in row and 'href="#article-2"' in row
    assert "republished from Reuters" in row
    assert "javascript:" not in row
    assert 'title="date taken from the text"' in page


def test_place_circle_sits_at_its_projected_position(page):
    svg = _svg(page, "map")
    parallel = float(svg.get("data-parallel"))
    circles = {c.get("data-place"): c for c in svg.iter(f"{SVG}circle")}
    assert set(circles) == {"p1", "p2", "p3"}  # Nowhere has no coordinates
    aleppo = circles["p1"]
    expected_x = (37.1343 + 180) * math.cos(math.radians(parallel))
    assert float(aleppo.get("cx")) == pytest.approx(expected_x, abs=0.01)
    assert float(aleppo.get("cy")) == pytest.approx(90 - 36.2021, abs=0.01)
    assert float(aleppo.get("r")) > float(circles["p2"].get("r"))  # 3 mentions vs 1
    assert "Aleppo, Syria" in aleppo.find(f"{SVG}title").text
    x, y, width, height = map(float, svg.get("viewBox").split())
    for circle in circles.values():
        assert x < float(circle.get("cx")) < x + width and y < float(circle.get("cy")) < y + height


def test_countries_with_places_are_tinted(page):
    svg = _svg(page, "map")
    paths = [p for p in svg.iter(f"{SVG}path") if p.get("data-iso")]
    classes = {p.get("data-iso"): p.get("class") for p in paths}
    assert classes["SYR"] == "land mentioned" and classes["RUS"] == "land mentioned"
    assert classes["TUR"] == "land"
    assert "BRA" not in classes  # far outside the view: not drawn at all


def test_view_zooms_on_a_single_place_but_not_closer_than_a_region():
    projection, view = fit_view([(37.13, 36.2)])
    x, y = projection.xy(37.13, 36.2)
    assert view.x < x < view.x + view.width and view.y < y < view.y + view.height
    assert 15 < view.width < 40  # a region around Aleppo, not the world nor a street
    _, world = fit_view([(-120.0, 40.0), (150.0, -30.0)])
    assert world.width > 250


def test_timeline_has_one_mark_per_date_and_skips_durations(page):
    svg = _svg(page, "timeline")
    days = {r.get("data-date"): r for r in svg.iter(f"{SVG}rect") if r.get("data-date")}
    assert set(days) == {"2016-09-28", "2016-09-29"}
    assert float(days["2016-09-28"].get("height")) > float(days["2016-09-29"].get("height"))
    assert float(days["2016-09-28"].get("x")) < float(days["2016-09-29"].get("x"))
    tip = days["2016-09-28"].find(f"{SVG}title").text
    assert "2 mentions" in tip and "“Wednesday” — CNN" in tip
    spans = {r.get("data-period") for r in svg.iter(f"{SVG}rect") if r.get("data-period")}
    assert spans == {"2016-09-19", "2016-09-01"}  # the week and the month
    table = page[page.index('id="date-table"'):]
    assert "five years" not in table and "“now”" not in table
    assert "week 38 (19 Sep – 25 Sep 2016)" in table and "Sep 2016" in table


def test_a_far_outlying_date_is_counted_not_drawn(tmp_path):
    analysis = sample_analysis()
    analysis["timexes"].append({"article": "a1", "start": 0, "end": 10, "text": "March 2011",
                                "value": "2011-03", "granularity": "month"})
    svg = _svg(render_html(analysis, world_path=tiny_world(tmp_path)), "timeline")
    ticks = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert all("2011" not in tick for tick in ticks)  # the axis still spans September 2016
    assert "◀ 1 earlier (listed below)" in [t.text for t in svg.iter(f"{SVG}text")]


def test_timex_values_become_calendar_periods():
    assert parse_period("2016-09-28", "day").start.isoformat() == "2016-09-28"
    week = parse_period("2016-W39", "week")
    assert (week.start.isoformat(), week.end.isoformat()) == ("2016-09-26", "2016-10-03")
    assert parse_period("2016-12", "month").end.isoformat() == "2017-01-01"
    assert parse_period("P5Y", "duration") is None
    assert parse_period("2016", "year") is None
    assert parse_period("2016-02-30", "day") is None


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (datetime(2016, 9, 28, 8), datetime(2016, 9, 28, 17), ["28 Sep 2016 09:00", "12:00"]),
        (datetime(2016, 9, 28), datetime(2016, 9, 30), ["28 Sep", "29 Sep", "30 Sep"]),
        (datetime(2016, 12, 20), datetime(2017, 1, 10), ["26 Dec", "2 Jan 2017"]),
        (datetime(2016, 1, 1), datetime(2017, 6, 1), ["Jan 2017", "Apr 2017"]),
        (datetime(1990, 1, 1), datetime(2016, 6, 1), ["1990", "2000", "2015"]),
    ],
)
def test_axis_ticks_suit_the_range(first, last, expected):
    labels = [label for _, label in ticks(time_scale([first, last], 0, 900))]
    assert 2 <= len(labels) <= 8
    assert set(expected) <= set(labels)


def test_article_chart_draws_every_dated_article_with_copies_hollow(page):
    svg = _svg(page, "strip")
    dots = {c.get("data-article"): c.get("class") for c in svg.iter(f"{SVG}circle")}
    assert set(dots) == {"a1", "a2", "a3", "a4", "a5"}
    assert dots["a5"] == "dot copy" and dots["a1"] == "dot"
    labels = {t.text for t in svg.iter(f"{SVG}text")}
    assert {"CNN", "Reuters", "Al Jazeera", "Yahoo News"} <= labels


def test_actors_ranked_by_mentions_with_chart(page):
    start = page.index('id="actor-table"')
    table = page[start: page.index("</table>", start)]
    order = [name for name in ("Russia", "Bashar al-Assad", "John Kerry") if name in table]
    assert sorted(order, key=table.index) == ["Russia", "Bashar al-Assad", "John Kerry"]
    assert 'data-search="bashar al-assad person assad"' in table
    bars = _svg(page, "bars")
    values = [t.text for t in bars.iter(f"{SVG}text") if t.get("class") == "bar-value"]
    assert values[:3] == ["6", "3", "2"]


def test_later_stages_are_absent_until_present(page):
    for section in ("events", "stories", "claims", "disagreements", "outlets"):
        assert f'<section id="{section}">' not in page
    assert '<section id="failures">' in page and "empty after cleaning" in page
    nav = page[page.index("<nav"): page.index("</nav>")]
    assert "#map" in nav and "#events" not in nav


def test_later_stages_render_when_present(tmp_path):
    analysis = sample_analysis()
    analysis["events"] = [{"id": "v1", "type": "ASSAULT", "mode": "airstrike", "actor": "e2",
                           "target": "e4", "place": "p1", "date": "2016-09-29", "negated": False,
                           "hypothetical": False, "articles": ["a2", "a4"],
                           "evidence": [{"article": "a2", "text": "Russian jets struck"}]}]
    analysis["stories"] = [{"id": "s1", "title": "Siege of Aleppo", "articles": ["a1", "a2"],
                            "summary": [{"text": "Strikes hit eastern Aleppo.", "sources": ["a2"]}],
                            "timeline": ["v1"]}]
    analysis["disagreements"] = [{"id": "d1", "story": "s1", "topic": "Who hit the convoy",
                                  "kind": "blame", "positions": [
                                      {"articles": ["a1"], "position": "Russia", "evidence": "x"},
                                      {"articles": ["a4"], "position": "Rebels", "evidence": "y"}]},
                                 {"id": "d2", "story": "s1", "topic": "Russia's claim",
                                  "kind": "fact", "positions": [
                                      {"articles": ["a1"], "position": "it hits terrorists",
                                       "voice": "Russia", "evidence": "x"},
                                      {"articles": ["a1"], "position": "Nusra is an excuse",
                                       "voice": "a US official", "evidence": "y"}]}]
    page = render_html(analysis, world_path=tiny_world(tmp_path))
    events = page[page.index('<section id="events">'):]
    assert "ASSAULT" in events and "airstrike" in events and "Jabhat Fateh al-Sham" in events
    assert len(list(_svg(page, "timeline").iter(f"{SVG}polygon"))) == 1  # the event's diamond
    assert "Siege of Aleppo" in page and "Strikes hit eastern Aleppo." in page
    story = page[page.index('<section id="stories">'):]
    story = story[:story.index("</section>")]
    assert story.count('class="position"') == 4  # each story shows its contested points
    assert '<p class="voice">a US official says</p>' in story  # one outlet, two voices
    assert '<section id="disagreements">' not in page  # no disagreement is left without a story


def _story_matrix(page: str) -> dict[str, dict[str, str]]:
    """claim -> {outlet column: what its cell says}, from the story's claims × outlets table."""
    story = page[page.index('<section id="stories">'):page.index("How each outlet frames it")]
    table = story[story.index("Who carries which claim"):]
    table = table[table.index("<table"):table.index("</table>") + 8]
    root = ET.fromstring(table)
    columns = [th.text for th in root.iter("th")]
    matrix = {}
    for row in root.find("tbody"):
        cells = ["".join(td.itertext()).strip() for td in row]
        matrix[cells[0]] = dict(zip(columns[1:], cells[1:], strict=True))
    return matrix


def test_each_story_shows_which_outlets_carry_each_claim_and_how(tmp_path):
    analysis = sample_analysis()
    analysis["stories"] = [{"id": "s1", "title": "Siege of Aleppo", "articles": ["a1", "a2", "a4"],
                            "summary": []}]
    analysis["claims"] = [
        {"id": "c1", "story": "s1", "text": "Russian jets struck the convoy.",
         "supported_by": ["a1", "a2"], "attributed_by": [{"article": "a2", "source": "officials"}],
         "hedged_by": [], "contradicted_by": ["a4"], "independent_sources": 2},
        {"id": "c2", "story": "s1", "text": "The convoy carried food.", "supported_by": ["a1"],
         "attributed_by": [], "hedged_by": ["a1"], "contradicted_by": [],
         "independent_sources": 1}]  # fmt: skip
    analysis["outlets"] = [{"name": name, "articles": [], "framing_terms": [], "quoted": []}
                           for name in ("CNN", "Reuters", "RT")]
    analysis["articles"].append({**analysis["articles"][3], "id": "b6", "outlet": None,
                                 "url": None})  # fmt: skip
    analysis["articles"].append({**analysis["articles"][3], "id": "b7", "outlet": None,
                                 "url": None})  # fmt: skip
    analysis["stories"][0]["articles"] += ["b6", "b7"]
    analysis["claims"][1]["supported_by"] += ["b6"]
    matrix = _story_matrix(render_html(analysis, world_path=tiny_world(tmp_path)))
    assert list(matrix) == ["Russian jets struck the convoy.", "The convoy carried food."]
    outlets = {a["id"]: a["outlet"] for a in analysis["articles"]}
    assert matrix["Russian jets struck the convoy."] == {
        outlets["a1"]: "states", outlets["a2"]: "quotes", outlets["a4"]: "disputes",
        "article b6": "", "article b7": ""}  # two unnamed outlets are not one
    assert matrix["The convoy carried food."]["article b6"] == "states"
    assert matrix["The convoy carried food."][outlets["a1"]] == "hedges"
    assert matrix["The convoy carried food."][outlets["a2"]] == ""


def test_missing_world_outlines_still_map_the_places(tmp_path):
    with pytest.raises(ConfigError, match="world.json"):
        load_world(tmp_path / "world.json")
    with pytest.raises(ConfigError, match="world.json"):
        render_html(sample_analysis(), world_path=tmp_path / "world.json")


def test_world_loader_reads_the_rings(tmp_path):
    countries = {c.iso_a3: c for c in load_world(tiny_world(tmp_path))}
    assert countries["SYR"].bbox == (35.7, 32.3, 42.4, 37.3)
    assert Projection(0).xy(0, 0) == (180.0, 90.0)


def test_packaged_world_outlines_fit_the_map():
    from manysides.report.map import default_world_path

    if not default_world_path().exists():
        pytest.skip("the packaged world.json (Natural Earth outlines) is not built yet")
    countries = {c.iso_a3: c for c in load_world()}
    assert len(countries) > 150
    west, south, east, north = countries["SYR"].bbox
    assert west < 37.13 < east and south < 36.2 < north  # Aleppo lies inside Syria's box


def test_bad_documents_are_refused_with_a_reason():
    with pytest.raises(InputError, match="manysides/9"):
        render_html({"schema": "manysides/9", "articles": []})
    with pytest.raises(InputError, match="JSON object"):
        render_html([])  # type: ignore[arg-type]


def test_an_empty_analysis_still_renders(tmp_path):
    page = render_html({"schema": "manysides/1", "articles": []}, world_path=tiny_world(tmp_path))
    assert "No articles were read." in page and '<section id="map">' not in page


def test_a_sparse_document_with_gaps_still_renders(tmp_path):
    analysis = {
        "schema": "manysides/1",
        "articles": [{"id": "x1"}, {"id": "x2", "outlet": "BBC", "published": "someday"}, None],
        "entities": [{"id": "e1", "name": "Nobody", "type": "WEIRD", "mentions": None}],
        "places": [{"id": "p1", "name": "Halfway", "lat": 10.0, "lon": None, "mentions": []}],
        "timexes": [{"article": "x1", "text": "Friday"}, {"value": "2016-09-30T10:00Z",
                                                           "granularity": "time", "text": "10am"}],
        "failures": None,
    }
    page = render_html(analysis, world_path=tiny_world(tmp_path))
    text = "".join(_parse(page).text)
    assert "(unknown outlet)" in text and "someday" in text and "Nobody" in text
    map_section = page.split('<section id="map">')[1].split("</section>")[0]
    assert "Halfway" in map_section and "<svg" not in map_section  # no coordinates, no map
    assert "30 Sep 2016" in text  # the time of day still lands on its day


def test_write_html_creates_the_file(tmp_path):
    target = tmp_path / "out" / "report.html"
    write_html(sample_analysis(), target, world_path=tiny_world(tmp_path))
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_only_web_links_are_linked():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "//x", None):
        assert safe_url(bad) is None


def test_a_brief_sentence_is_cited_once_by_links_not_also_by_its_plain_id_list(tmp_path):
    analysis = sample_analysis()
    analysis["stories"] = [{"id": "s1", "title": "Siege of Aleppo", "articles": ["a1", "a2"],
                            "summary": [{"text": "Strikes hit eastern Aleppo. [a2]",
                                         "sources": ["a2"]},
                                        {"text": "Aid arrived [see annex]", "sources": ["a1"]}],
                            "timeline": []}]  # fmt: skip
    page = render_html(analysis, world_path=tiny_world(tmp_path))
    story = page[page.index('<section id="stories">'):]
    assert "<li>Strikes hit eastern Aleppo.<sup><a " in story
    assert "[a2]" not in story
    assert "Aid arrived [see annex]<sup>" in story  # brackets that are no citation stay
