"""`manysides serve` in a real headless Chromium: the pages draw, and a citation leads from a
story's brief to the article it cites, its spans marked."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_report_browser import _png_pixels_summary, _run_chromium
from tests.serving import analyse_demo, running_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-browser")
    out_dir = analyse_demo(folder / "out")
    with running_server(out_dir) as address:
        yield folder, address


def dom(site, path: str) -> str:
    """The page's DOM as the browser built it, with its console log checked."""
    folder, address = site
    opened = _run_chromium(folder, "--enable-logging=stderr", "--v=0",
                           "--virtual-time-budget=3000", "--dump-dom", address + path)
    assert "Content Security Policy" not in opened.stderr
    return opened.stdout


@pytest.fixture(scope="module")
def index(site) -> str:
    return dom(site, "/")


@pytest.fixture(scope="module")
def story_path(index) -> str:
    stories = re.findall(r'href="(/stories/[^"]+)"', index)
    assert stories, "the overview lists no story"
    return stories[0]


@pytest.fixture(scope="module")
def story_page(site, story_path) -> str:
    return dom(site, story_path)


def section(page: str, ident: str) -> str:
    start = page.index(f'id="{ident}"')
    return page[start: page.index("</section>", start)]


def test_overview_shows_the_stories_timeline_and_map(index):
    assert "A ceasefire, a new name, and a town that still has no bridge" in index
    assert index.count("<svg") >= 2
    assert 'aria-label="Timeline' in index or "Dates the articles mention" in index
    assert "Artillery shells struck" in index  # the first line of the story's brief


def test_story_page_has_the_brief_matrix_and_contested_points(story_page):
    brief = section(story_page, "brief")
    assert brief.count("<li>") >= 3
    assert re.search(r'<sup><a href="/articles/[0-9a-f]+"', brief)
    assert "Who carries which claim" in story_page
    assert "Contested" in story_page and 'class="position"' in story_page


def test_a_citation_leads_to_the_article_with_its_spans_marked(site, story_page):
    brief = section(story_page, "brief")
    cited = re.search(r'<sup><a href="(/articles/[0-9a-f]+)"', brief).group(1)
    article = dom(site, cited)
    text = article[article.index('id="article-text"'):]
    for kind in ("entity", "place", "time", "event", "trigger"):
        assert f"hl-{kind}" in text, kind
    assert re.search(r'<a [^>]*class="hl [^"]*hl-entity[^"]*" href="/actors/', text)
    assert "Events it reports" in article


def test_story_page_screenshot_is_drawn(site, story_path):
    folder, address = site
    shot = folder / "story.png"
    _run_chromium(folder, f"--screenshot={shot}", "--window-size=1280,2000",
                  "--virtual-time-budget=3000", address + story_path)
    width, height, busy = _png_pixels_summary(shot.read_bytes())
    assert (width, height) == (1280, 2000) and busy > 0.01
