"""Ingest as a user meets it: folders, files, records, HTML, URLs and feeds to clean articles."""

from __future__ import annotations

import json
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from manysides.errors import InputError
from manysides.ingest import article_from_text, clean_text, iter_articles
from manysides.records import Article, Failure

FLOOD_STORY = (
    "The city council voted on Tuesday to spend four million dollars on new flood barriers "
    "along the river, after two winters of damage to homes and shops in the old town.\n\n"
    "The mayor said the barriers would be built before the autumn rains. Residents who "
    "attended the meeting welcomed the plan but asked why it had taken so long to approve.\n\n"
    "Engineers expect the work to take about six months and to close one lane of the "
    "riverside road while the foundations are laid."
)
ELECTION_STORY = (
    "Voters in the northern province went to the polls on Sunday in an election that "
    "observers described as calm and orderly, with turnout higher than in previous years.\n\n"
    "The governing party is expected to keep its majority, although two opposition groups "
    "campaigned hard on rising prices and the cost of housing for young families.\n\n"
    "Official results are due later this week, the electoral commission said in a statement."
)
TRAIN_STORY = (
    "A new high-speed rail line linking the two largest cities of the region opened to "
    "passengers on Monday, cutting the journey time from three hours to just over one.\n\n"
    "Ticket prices will be held at the level of the old service for the first year, the "
    "operator said, to draw travellers away from the crowded motorway between the cities."
)


def articles_of(results) -> list[Article]:
    return [result for result in results if isinstance(result, Article)]


def failures_of(results) -> list[Failure]:
    return [result for result in results if isinstance(result, Failure)]


# --- plain text files and folders -------------------------------------------------------------


def test_txt_file_first_line_is_the_title_and_stays_out_of_the_body(tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text("Council approves flood barriers\n\n" + FLOOD_STORY, encoding="utf-8")

    [article] = list(iter_articles([str(path)]))

    assert article.title == "Council approves flood barriers"
    assert article.text.startswith("The city council voted")
    assert "Council approves" not in article.text
    assert article.path == str(path)
    assert article.language == "en"
    assert article.words == len(article.text.split())
    assert article.text.count("\n\n") == 2  # paragraph structure kept


def test_reingesting_the_same_article_gives_the_same_id(tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(FLOOD_STORY, encoding="utf-8")
    second.write_text("  " + FLOOD_STORY.upper().replace(" ", "   ") + "\n\n\n", encoding="utf-8")

    one, two = articles_of(iter_articles([str(first), str(second)]))

    assert one.id == two.id
    assert len(one.id) == 16 and int(one.id, 16) >= 0
    assert one.id != article_from_text(ELECTION_STORY, source="x").id


def test_folder_is_walked_sorted_recursively_with_manifest_metadata(tmp_path):
    (tmp_path / "b.txt").write_text(ELECTION_STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(FLOOD_STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TRAIN_STORY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(TRAIN_STORY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,outlet,url,title,published\n"
        "b.txt,Northern Herald,https://herald.example/vote,Calm vote in the north,2016-09-28\n"
        "sub/a.txt,,https://www.reuters.com/flood,,\n",
        encoding="utf-8",
    )

    results = list(iter_articles([str(tmp_path)]))

    assert failures_of(results) == []
    election, flood = results
    assert election.path == str(tmp_path / "b.txt")
    assert (election.outlet, election.url, election.title) == (
        "Northern Herald", "https://herald.example/vote", "Calm vote in the north")
    assert (election.published, election.published_from) == ("2016-09-28", "metadata")
    assert flood.path == str(tmp_path / "sub" / "a.txt")
    assert flood.outlet == "Reuters"  # from the URL's host when the manifest names no outlet


def test_json_manifest_is_read_too(tmp_path):
    (tmp_path / "x.txt").write_text(FLOOD_STORY, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps([{"path": "x.txt", "outlet": "River Post", "published": "Sept 3, 2016"}]),
        encoding="utf-8",
    )

    [article] = list(iter_articles([str(tmp_path)]))

    assert (article.outlet, article.published) == ("River Post", "2016-09-03")


# --- files of records -------------------------------------------------------------------------


def test_jsonl_records_become_articles_with_record_paths_and_ids(tmp_path):
    path = tmp_path / "batch.jsonl"
    records = [
        {"id": "r-1", "text": FLOOD_STORY, "title": "Flood plan", "outlet": "River Post",
         "published": "2016-09-28T16:34:00Z", "author": "Ann Lee"},
        {"id": 2, "text": ELECTION_STORY, "url": "https://edition.cnn.com/2016/09/28/vote"},
    ]
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")

    flood, election = list(iter_articles([str(path)]))

    assert (flood.path, flood.source_id, flood.title) == (f"{path}#1", "r-1", "Flood plan")
    assert (flood.outlet, flood.author) == ("River Post", "Ann Lee")
    assert (flood.published, flood.published_from) == ("2016-09-28", "metadata")
    assert (election.path, election.source_id, election.outlet) == (f"{path}#2", "2", "CNN")


def test_csv_records(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text(
        'id,title,outlet,text\n'
        f'a1,Flood plan,River Post,"{FLOOD_STORY}"\n'
        f'a2,Rail line opens,Rail Daily,"{TRAIN_STORY}"\n',
        encoding="utf-8",
    )

    flood, train = list(iter_articles([str(path)]))

    assert (flood.path, flood.source_id, flood.outlet) == (f"{path}#1", "a1", "River Post")
    assert (train.path, train.title) == (f"{path}#2", "Rail line opens")
    assert "\n\n" in train.text


def test_json_array_of_records(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": FLOOD_STORY}, {"text": TRAIN_STORY, "id": "t"}]),
                    encoding="utf-8")

    flood, train = list(iter_articles([str(path)]))

    assert (flood.path, flood.source_id) == (f"{path}#1", None)
    assert (train.path, train.source_id) == (f"{path}#2", "t")


# --- HTML ---------------------------------------------------------------------------------------


def page(title: str, story: str, *, site: str | None = None, date: str | None = None,
         author: str | None = None) -> str:
    meta = ""
    if site:
        meta += f'<meta property="og:site_name" content="{site}">'
    if date:
        meta += f'<meta property="article:published_time" content="{date}">'
    if author:
        meta += f'<meta name="author" content="{author}">'
    paragraphs = "".join(f"<p>{part}</p>" for part in story.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Share this: Facebook Twitter Email</footer></body></html>"
    )


def test_html_file_main_text_and_metadata(tmp_path):
    path = tmp_path / "flood.html"
    path.write_text(page("Council approves flood barriers", FLOOD_STORY, site="River Post",
                         date="2016-09-28T10:00:00Z", author="Ann Lee"), encoding="utf-8")

    [article] = list(iter_articles([str(path)]))

    assert article.title == "Council approves flood barriers"
    assert (article.outlet, article.author) == ("River Post", "Ann Lee")
    assert (article.published, article.published_from) == ("2016-09-28", "metadata")
    assert article.text.startswith("The city council voted")
    assert "Home" not in article.text and "Facebook" not in article.text
    assert article.text.count("\n\n") == 2


def test_html_outlet_falls_back_to_the_url_host(tmp_path):
    (tmp_path / "one.html").write_text(page("Flood plan", FLOOD_STORY), encoding="utf-8")
    (tmp_path / "two.html").write_text(page("Rail line", TRAIN_STORY), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,url\none.html,https://www.cnn.com/2016/flood\n"
        "two.html,https://news.smalltownpaper.co.uk/rail\n",
        encoding="utf-8",
    )

    one, two = list(iter_articles([str(tmp_path)]))

    assert one.outlet == "CNN"
    assert two.outlet == "smalltownpaper.co.uk"


# --- URLs and feeds over real HTTP ----------------------------------------------------------------


class Site:
    """A real HTTP server on 127.0.0.1 serving fixed responses."""

    def __init__(self, routes: dict[str, tuple[int, str, bytes]]):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 -- the name http.server calls
                status, content_type, body = routes.get(self.path, (404, "text/plain", b"no"))
                self.send_response(status)
                if status in (301, 302):
                    self.send_header("Location", body.decode())
                    body = b""
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate></item>"
        for title, link, date in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test news</title>'
        f"<link>http://127.0.0.1/</link><description>t</description>{entries}</channel></rss>"
    ).encode()


@pytest.fixture()
def site():
    html = "text/html; charset=utf-8"
    routes: dict[str, tuple[int, str, bytes]] = {}
    server = Site(routes)  # the handler reads `routes`, filled in once the port is known
    routes.update({
        "/flood": (200, html, page("Flood plan", FLOOD_STORY, site="River Post").encode()),
        "/vote": (200, html, page("Calm vote", ELECTION_STORY).encode()),
        "/old-flood": (302, html, b"/flood"),
        "/plain": (200, "text/plain", TRAIN_STORY.encode()),
        "/feed": (200, "application/rss+xml", rss([
            ("Flood plan", server.url("/flood"), "Wed, 28 Sep 2016 16:34:00 GMT"),
            ("Calm vote", server.url("/vote"), "Thu, 29 Sep 2016 08:00:00 GMT"),
        ])),
    })
    yield server
    server.close()


def test_article_url_is_fetched_and_extracted(site):
    [article] = list(iter_articles([site.url("/flood")]))

    assert (article.path, article.url) == (site.url("/flood"), site.url("/flood"))
    assert (article.title, article.outlet) == ("Flood plan", "River Post")
    assert article.text.startswith("The city council voted")


def test_redirects_are_followed_and_plain_text_pages_read(site):
    moved, plain = list(iter_articles([site.url("/old-flood"), site.url("/plain")]))

    assert moved.url == site.url("/flood")
    assert moved.title == "Flood plan"
    assert plain.text.startswith("A new high-speed rail line")


def test_feed_url_fetches_every_item_page(site):
    flood, vote = list(iter_articles([site.url("/feed")]))

    assert (flood.path, flood.title, flood.outlet) == (site.url("/flood"), "Flood plan",
                                                       "River Post")
    assert (flood.published, flood.published_from) == ("2016-09-28", "metadata")
    assert (vote.path, vote.published) == (site.url("/vote"), "2016-09-29")
    assert vote.text.startswith("Voters in the northern province")


def test_feed_saved_on_disk(site, tmp_path):
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Saved</title><id>urn:x</id><updated>2016-09-30T00:00:00Z</updated>"
        f'<entry><title>Calm vote</title><link href="{site.url("/vote")}"/><id>urn:1</id>'
        "<updated>2016-09-30T12:00:00Z</updated></entry></feed>"
    )
    path = tmp_path / "saved.atom"
    path.write_text(atom, encoding="utf-8")

    [vote] = list(iter_articles([str(path)]))

    assert (vote.title, vote.published, vote.url) == ("Calm vote", "2016-09-30", site.url("/vote"))


# --- cleaning and what the text says about itself ----------------------------------------------


FIRST, SECOND = FLOOD_STORY.split("\n\n")[:2]
CLUTTERED = f"""Council approves flood barriers

By Ann Lee
Updated 4:34 PM EDT, Wed September 28, 2016

Story highlights

The council will spend four million dollars

Work starts before the autumn rains

(River Post) —

Photo: The river in flood last winter (Jan Smit/River Post)

{FIRST} (Photo: council chamber)

RELATED: Last winter's floods in pictures

Share this:
Facebook Twitter Email

{SECOND}

READ MORE: How the river rose

Sign up for our newsletter to get the day's news.

Leave a comment

Copyright © 2016 River Post. All rights reserved.

Disclaimer: The contents of this article are of sole responsibility of the author(s).

The views expressed in this article are the author's own.
"""


def test_clean_text_removes_page_furniture_and_keeps_the_story():
    body = clean_text(CLUTTERED)

    assert body.split("\n\n")[1:] == [
        "The city council voted on Tuesday to spend four million dollars on new flood barriers "
        "along the river, after two winters of damage to homes and shops in the old town.",
        "The mayor said the barriers would be built before the autumn rains. Residents who "
        "attended the meeting welcomed the plan but asked why it had taken so long to approve.",
    ]
    for furniture in ("By Ann Lee", "Updated", "highlights", "Photo", "RELATED", "Share",
                      "READ MORE", "newsletter", "comment", "Copyright", "Disclaimer", "views"):
        assert furniture not in body


def test_article_from_text_reads_title_byline_date_and_dateline_outlet():
    article = article_from_text(CLUTTERED, source="cluttered.txt")

    assert article.title == "Council approves flood barriers"
    assert article.author == "Ann Lee"
    assert (article.published, article.published_from) == ("2016-09-28", "text")
    assert article.outlet == "River Post"
    assert article.text.startswith("The city council voted")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Posted on September 28, 2016", "2016-09-28"),
        ("28 September 2016", "2016-09-28"),
        ("Global Research, Sept. 3, 2016", "2016-09-03"),
        ("Published: 2016-09-27", "2016-09-27"),
    ],
)
def test_date_lines_at_the_top_are_the_publication_date(header, expected):
    article = article_from_text(f"{header}\n\n{FLOOD_STORY}", source="x.txt")

    assert (article.published, article.published_from) == (expected, "text")
    assert header.split()[0] not in article.text


def test_date_is_inferred_from_the_latest_date_in_the_text():
    text = FLOOD_STORY + (
        "\n\nThe plan was first drafted on March 3, 2015, and revised on 14 June 2016 after "
        "a public consultation; a final vote was held on July 20."
    )

    article = article_from_text(text, source="x.txt")

    assert (article.published, article.published_from) == ("2016-07-20", "inferred")


def test_no_date_anywhere_means_no_date():
    article = article_from_text(FLOOD_STORY, source="x.txt")

    assert (article.published, article.published_from) == (None, None)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("LONDON (Reuters) - " + FLOOD_STORY, "Reuters"),
        ("(AP) — " + FLOOD_STORY, "AP"),
        ("CNN —\n\n" + FLOOD_STORY, "CNN"),
        (FLOOD_STORY + "\n\n© Reuters 2016", "Reuters"),
        (FLOOD_STORY + "\n\nCopyright © 2016 Cable News Network, Inc.", "CNN"),
        (FLOOD_STORY + "\n\nThis article originally appeared on TomDispatch.com.",
         "TomDispatch.com"),
        ("BEIRUT —\n\n" + FLOOD_STORY, None),  # a place dateline names no outlet
    ],
)
def test_outlet_from_the_text_when_nothing_else_names_one(text, outlet):
    assert article_from_text(text, source="x.txt").outlet == outlet


@pytest.mark.parametrize(
    ("notice", "source"),
    [
        ("The original source of this article is CounterPunch", "CounterPunch"),
        ("This article was originally published by The Conversation.", "The Conversation"),
        ("This article was originally published on September 27, 2016 by Truthout.", "Truthout"),
        ("Originally published at https://example.org/story/1.", "https://example.org/story/1"),
        ("Republished from Common Dreams under a Creative Commons licence.", "Common Dreams"),
        ("This story first appeared in Mother Jones.", "Mother Jones"),
    ],
)
def test_republication_notices_are_recorded_and_removed(notice, source):
    article = article_from_text(f"{FLOOD_STORY}\n\n{notice}\n\nBecome a Member of City Wire",
                                source="x.txt", outlet="Some Site")

    assert article.republished_from == source
    assert article.outlet == "Some Site"
    assert notice[:20] not in article.text


def test_republished_outlet_is_not_taken_as_the_publisher():
    text = ("Global Research, September 28, 2016\n\nCounterPunch 27 September 2016\n\n"
            f"{FLOOD_STORY}\n\nThe original source of this article is CounterPunch\n"
            "Copyright © Ann Lee, CounterPunch, 2016")

    article = article_from_text(text, source="x.txt")

    assert (article.outlet, article.republished_from) == ("Global Research", "CounterPunch")
    assert article.published == "2016-09-28"


def test_story_sentences_that_resemble_furniture_are_kept():
    text = (
        "By the end of the year, rents will rise\n\n"
        f"{FIRST}\n\n"
        "The minister, pictured here at the opening of the bridge, said work would start soon.\n\n"
        "The flood study, first published in Nature, warned of worse winters to come.\n\n"
        "Share prices of the builders rose on the news."
    )

    article = article_from_text(text, source="x.txt")

    assert (article.author, article.republished_from) == (None, None)
    for sentence in ("pictured here", "first published in Nature", "Share prices"):
        assert sentence in article.text


def test_wire_byline_names_the_outlet_not_an_author():
    article = article_from_text(f"By The Associated Press\n\n{FLOOD_STORY}", source="x.txt")

    assert (article.author, article.outlet) == (None, "AP")


def test_hard_wrapped_text_is_rejoined_into_paragraphs():
    wrapped = "\n".join(textwrap.wrap(FIRST, width=60))

    article = article_from_text(f"{wrapped}\n\n{SECOND}", source="x.txt")

    assert article.title is None
    assert article.text.split("\n\n")[0].split() == FIRST.split()
    assert "\n" not in article.text.split("\n\n")[0]


def test_given_title_repeated_as_first_line_is_dropped():
    article = article_from_text("Flood plan\n\n" + FLOOD_STORY, source="x", title="Flood plan")

    assert article.text.startswith("The city council voted")


def test_a_caption_first_line_is_not_a_title():
    text = "Flood barriers on the river pictured in 2015.\n\n" + FLOOD_STORY

    article = article_from_text(text, source="x.txt")

    assert article.title is None
    assert "pictured" not in article.text


def test_empty_text_raises_input_error_naming_the_source():
    with pytest.raises(InputError, match=r"^rec\.txt: empty text$"):
        article_from_text("  \n ", source="rec.txt")


# --- the reference corpus ------------------------------------------------------------------------

# What a careful reader finds in each article of the Aleppo corpus, keyed by the outlet's
# position in the sorted folder (file names are not part of the rules).
ALEPPO_EXPECTED = [
    # outlet, published, published_from, republished_from, first words of the body
    ("CNN", "2016-09-28", "text", None, "As Aleppo teeters on the brink"),
    ("Global Research", "2016-09-28", "text", "CounterPunch", "Syria is the summation"),
    (None, None, None, None, "Despite presidential candidate Gary Johnson"),
    (None, "2016-09-04", "inferred", None, "Russia has stepped back"),
    ("CNN", None, None, None, "The kaleidoscope of Syria"),
]
ALEPPO_FURNITURE = [
    "Story highlights", "Updated ", "RELATED:", "(CNN) —", "CNN —", "Source: CNN", "By Mike",
    "Region:", "Theme:", "In-depth Report", "original source", "Copyright", "Disclaimer",
    "Become a Member", "Facebook page", "fair use", "media inquiries", "Articles by",
    "pictured in 2014", "Image source", "Disqus", "PHOTO:", "See Syria Daily", "can be reached",
]


def test_aleppo_corpus_outlets_dates_republication_and_clean_bodies(aleppo_dir: Path):
    results = list(iter_articles([str(aleppo_dir)]))

    assert failures_of(results) == []
    assert len(results) == len(ALEPPO_EXPECTED)
    for article, expected in zip(results, ALEPPO_EXPECTED, strict=True):
        outlet, published, published_from, republished_from, opening = expected
        found = (article.outlet, article.published, article.published_from,
                 article.republished_from)
        assert found == (outlet, published, published_from, republished_from), article.path
        assert article.text.startswith(opening), article.path
        assert article.language == "en"
        for furniture in ALEPPO_FURNITURE:
            assert furniture not in article.text, (article.path, furniture)
        assert "\n\n\n" not in article.text and article.text == article.text.strip()
    assert results[0].title == "Aleppo teeters but no sign of US action"
    assert results[1].author == "Mike Whitney"
    assert results[2].title is None  # the first lines are photo captions, not a headline


DEMO = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "demo"
DEMO_AUTHORS = ("Daniela Orcoapaza", "Sam Whitcombe", "Rosa Cutipa", "Claire Ashdown",
                "Lucía Benavente", "Peter Varga")  # fmt: skip


def test_wire_credit_lines_and_author_notes_are_not_story_text():
    raw = (f"Council approves flood barriers\n\nBy Ann Lee\n\n{FLOOD_STORY}\n\n"
           "(Reporting by Ann Lee in Leeds; additional reporting by Tom Perry; Editing by "
           "Peter Varga)\n\nAnn Lee is a correspondent based in Leeds.")  # fmt: skip
    article = article_from_text(raw, source="wire.txt")

    assert article.text.endswith("while the foundations are laid.")
    for name in ("Reporting", "Tom Perry", "Peter Varga", "Ann Lee"):
        assert name not in article.text
    assert article.author == "Ann Lee"


def test_a_run_on_credit_is_dropped_and_a_sentence_about_reporting_is_kept():
    body = clean_text(
        f"{FLOOD_STORY} (Writing by Laila Bassam; Editing by Peter Graff)\n\n"
        "Reporting by phone from the valley was impossible during the floods, the mayor said."
    )
    assert "Bassam" not in body and "Graff" not in body
    assert body.endswith("Reporting by phone from the valley was impossible during the floods, "
                         "the mayor said.")  # fmt: skip


def test_the_reporter_of_a_credit_line_is_the_author_when_no_byline_names_one():
    raw = f"{FLOOD_STORY}\n\nReporting by Tom Perry in Beirut; Editing by Peter Graff"
    article = article_from_text(raw, source="wire.txt")
    assert article.author == "Tom Perry" and "Perry" not in article.text


@pytest.mark.parametrize("path", sorted(DEMO.glob("*.txt")), ids=lambda path: path.name[:2])
def test_demo_bylines_and_credits_leave_no_names_to_take_for_actors(path: Path):
    raw = path.read_text(encoding="utf-8")
    article = article_from_text(raw, source=path.name)
    assert [name for name in DEMO_AUTHORS if name in article.text] == []
    # the id comes from the clean text: the same file gives the same id wherever it lies
    assert article_from_text(raw, source=f"elsewhere/{path.name}").id == article.id
