"""Bad inputs: each yields exactly one Failure naming the input and the cause, and the rest of
the batch still comes out."""

from __future__ import annotations

import json
import random
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from manysides.errors import InputError
from manysides.ingest import detect_language, iter_articles
from manysides.records import Article, Failure

GOOD_ONE = (
    "A new high-speed rail line linking the two largest cities of the region opened to "
    "passengers on Monday, cutting the journey time from three hours to just over one. Ticket "
    "prices will be held at the level of the old service for the first year, the operator said."
)
GOOD_TWO = (
    "Voters in the northern province went to the polls on Sunday in an election that observers "
    "described as calm and orderly, with turnout higher than in previous years. Results are "
    "due later this week, the electoral commission said in a statement on its website."
)
FRENCH = (
    "Le conseil municipal a voté mardi un budget de quatre millions d'euros pour construire de "
    "nouvelles digues le long de la rivière, après deux hivers de dégâts dans les maisons et "
    "les commerces de la vieille ville. Le maire a promis que les travaux seraient terminés."
)
SMALL_LIMIT = 1_000  # the good articles are smaller than this


class Site:
    """A real HTTP server on 127.0.0.1 with a page, a 404, a non-feed and a feed."""

    def __init__(self) -> None:
        routes = self.routes = {
            "/page": ("text/html", f"<html><body><article><p>{GOOD_ONE}</p></article>"
                                   "</body></html>"),
            "/not-a-feed.xml": ("application/xml", "<?xml version='1.0'?><catalog><book id='1'>"
                                                   "<title>Atlas</title></book></catalog>"),
        }

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 -- the name http.server calls
                if self.path not in routes:
                    self.send_error(404)
                    return
                content_type, body = routes[self.path]
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        items = "".join(f"<item><title>{n}</title><link>{self.base}{path}</link></item>"
                        for n, path in enumerate(["/page", "/gone"]))
        routes["/feed"] = ("application/rss+xml", "<?xml version='1.0'?><rss version='2.0'>"
                                                  f"<channel><title>F</title>{items}</channel></rss>")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def site():
    server = Site()
    yield server
    server.close()


def dead_port_url() -> str:
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"


@dataclass
class Case:
    """A bad input, the source its Failure must name, its cause, and articles it still gives."""

    input: str
    source: str
    cause: str
    articles: int = 0


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def jsonl(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def record(text: str, **extra: str) -> str:
    return json.dumps({"text": text, **extra})


def undecodable_bytes() -> bytes:
    generator = random.Random(7)
    return bytes(generator.randrange(128, 256) for _ in range(900))


def same(path: str, cause: str, articles: int = 0) -> Case:
    return Case(path, path, cause, articles)


CASES: dict[str, Callable[[Path, Site], Case]] = {
    "empty file": lambda tmp, site: same(write(tmp / "empty.txt", ""), "empty file"),
    "blank file": lambda tmp, site: same(write(tmp / "blank.html", " \n\t\n"), "empty file"),
    "undecodable": lambda tmp, site: same(
        write(tmp / "odd.txt", undecodable_bytes()), "not UTF-8 and no encoding could be detected"),
    "pdf": lambda tmp, site: same(
        write(tmp / "report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        "binary file (looks like PDF)"),
    "png": lambda tmp, site: same(
        write(tmp / "chart.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "binary file (looks like PNG)"),
    "nul bytes": lambda tmp, site: same(
        write(tmp / "dump.txt", b"abc\x00\x01\x02def" * 50), "binary file (contains NUL bytes)"),
    "too large": lambda tmp, site: same(
        write(tmp / "big.txt", GOOD_ONE * 10),
        f"larger than {SMALL_LIMIT} bytes (set --max-bytes)"),
    "one record too large": lambda tmp, site: same(
        write(tmp / "mixed.jsonl", jsonl(record(GOOD_ONE), record(GOOD_ONE * 5), record(GOOD_TWO))),
        f"record 2: larger than {SMALL_LIMIT} bytes (set --max-bytes)", articles=2),
    "malformed jsonl line": lambda tmp, site: same(
        write(tmp / "batch.jsonl", jsonl(record(GOOD_ONE), record(GOOD_TWO), '{"text": oops}',
                                         record(GOOD_ONE + " More."))),
        "malformed JSON on line 3:", articles=3),
    "half-written jsonl": lambda tmp, site: same(
        write(tmp / "partial.jsonl", jsonl(record(GOOD_ONE)) + '{"text": "Voters in the nor'),
        "malformed JSON on line 2: Unterminated string", articles=1),
    "csv without text": lambda tmp, site: same(
        write(tmp / "batch.csv", f'id,body_html\n1,"{GOOD_ONE}"\n'),
        "CSV has no 'text' column (columns: id, body_html)"),
    "empty record": lambda tmp, site: same(
        write(tmp / "records.jsonl", jsonl(record(GOOD_ONE), record(GOOD_TWO),
                                           record(GOOD_ONE + " Again."), record("   "))),
        "record 4: empty text", articles=3),
    "record without text": lambda tmp, site: same(
        write(tmp / "notext.json", json.dumps([{"title": "x"}, {"text": GOOD_TWO}])),
        "record 1: no 'text' field", articles=1),
    "malformed json": lambda tmp, site: same(
        write(tmp / "broken.json", '[{"text": "a"},\n{"text": }]'), "malformed JSON on line 2:"),
    "json not records": lambda tmp, site: same(
        write(tmp / "config.json", '{"name": "x"}'), "JSON holds no list of article records"),
    "not english": lambda tmp, site: same(
        write(tmp / "digues.txt", FRENCH), "not English (detected 'fr')"),
    "no html text": lambda tmp, site: same(
        write(tmp / "shell.html", "<html><head><script>var a=1;</script></head><body>"
                                  "<nav><a href='/'>Home</a></nav></body></html>"),
        "no article text could be extracted from the HTML"),
    "missing file": lambda tmp, site: same(str(tmp / "nowhere.txt"), "no such file or folder"),
    "feed file that is not a feed": lambda tmp, site: same(
        write(tmp / "news.rss", "<html><body>Not a feed at all</body></html>"),
        "not an RSS or Atom feed"),
    "connection refused": lambda tmp, site: same(dead_port_url(),
                                                 "could not fetch: connection refused"),
    "http 404": lambda tmp, site: same(site.base + "/missing", "HTTP 404"),
    "url that is not a feed": lambda tmp, site: same(site.base + "/not-a-feed.xml",
                                                     "not an RSS or Atom feed"),
    "feed item gone": lambda tmp, site: Case(site.base + "/feed", site.base + "/gone",
                                             "HTTP 404", articles=1),
    "unsupported file in a folder": lambda tmp, site: Case(
        _folder_with(tmp, "notes.docx", b"PK\x03\x04rest"), str(tmp / "in" / "notes.docx"),
        "unsupported file type '.docx'", articles=1),
    "manifest without path column": lambda tmp, site: Case(
        _folder_with(tmp, "manifest.csv", b"file,outlet\na.txt,X\n"),
        str(tmp / "in" / "manifest.csv"), "manifest has no 'path' column", articles=1),
    "manifest row naming a missing file": lambda tmp, site: Case(
        _folder_with(tmp, "manifest.csv", b"path,outlet\nstory.txt,Herald\ngone.txt,X\n"),
        str(tmp / "in" / "manifest.csv"), "row 2: no such file 'gone.txt'", articles=1),
}


def _folder_with(tmp: Path, name: str, content: bytes) -> str:
    folder = tmp / "in"
    folder.mkdir()
    write(folder / "story.txt", GOOD_TWO + " Also in the folder.")
    write(folder / name, content)
    return str(folder)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_yields_one_failure_and_the_batch_goes_on(name, tmp_path, site):
    case = CASES[name](tmp_path, site)
    good_one = write(tmp_path / "good_one.txt", GOOD_ONE)
    good_two = write(tmp_path / "good_two.txt", GOOD_TWO)

    results = list(iter_articles([good_one, case.input, good_two], max_bytes=SMALL_LIMIT,
                                 fetch_timeout=5.0))

    failures = [result for result in results if isinstance(result, Failure)]
    articles = [result for result in results if isinstance(result, Article)]
    assert len(failures) == 1, failures
    assert failures[0].source == case.source
    assert failures[0].cause.startswith(case.cause), failures[0].cause
    assert "\n" not in failures[0].cause
    assert str(failures[0]) == f"{case.source}: {failures[0].cause}"
    assert len(articles) == 2 + case.articles
    assert articles[0].path == good_one and articles[-1].path == good_two


def test_failure_for_a_bad_record_names_the_file_and_the_record(tmp_path):
    path = write(tmp_path / "mixed.jsonl", jsonl(record(GOOD_ONE), record(FRENCH, id="fr-1")))

    article, failure = list(iter_articles([path]))

    assert article.path == f"{path}#1"
    assert failure == Failure(path, "record 2: not English (detected 'fr')")


def test_record_files_bigger_than_the_limit_stream_record_by_record(tmp_path):
    lines = [record(f"{GOOD_ONE} Item {number}.") for number in range(20)]
    path = write(tmp_path / "many.jsonl", jsonl(*lines))
    csv_path = write(tmp_path / "many.csv",
                     "text\n" + "".join(f'"{GOOD_TWO} Row {n}."\n' for n in range(20)))
    assert Path(path).stat().st_size > SMALL_LIMIT < Path(csv_path).stat().st_size

    results = list(iter_articles([path, csv_path], max_bytes=SMALL_LIMIT))

    assert [type(result) for result in results] == [Article] * 40
    assert results[19].path == f"{path}#20" and results[39].path == f"{csv_path}#20"


def test_latin_1_file_is_decoded(tmp_path):
    text = GOOD_ONE.replace("operator said", "café operator said") + " Its naïve façade stays."
    path = write(tmp_path / "latin.txt", text.encode("cp1252"))

    [article] = list(iter_articles([path]))

    assert "café operator" in article.text and "naïve façade" in article.text


def test_utf8_with_bom_and_utf16_files_are_decoded(tmp_path):
    with_bom = write(tmp_path / "bom.txt", GOOD_ONE.encode("utf-8-sig"))
    utf16 = write(tmp_path / "wide.txt", GOOD_TWO.encode("utf-16"))

    first, second = list(iter_articles([with_bom, utf16]))

    assert first.text == GOOD_ONE
    assert second.text == GOOD_TWO


# Plain news prose in languages that share words with English ("in", "is", "was", "a"): the
# quick English check must leave them all to the language detector, which refuses them.
FOREIGN_NEWS = {
    "de": (
        "Die Regierung hat am Dienstag ein neues Paket zur Unterstützung der Landwirte "
        "vorgestellt, die unter der Dürre leiden. Nach Angaben des Ministers sollen die Hilfen "
        "noch in diesem Monat ausgezahlt werden, doch die Verbände halten sie für zu gering. In "
        "mehreren Regionen im Süden ist die Ernte um die Hälfte eingebrochen."
    ),
    "nl": (
        "De regering heeft dinsdag een pakket maatregelen gepresenteerd om boeren te steunen die "
        "door de droogte zijn getroffen. Volgens de minister wordt het geld nog deze maand "
        "uitbetaald, maar de boerenorganisaties vinden het bedrag te laag. In het zuiden is de "
        "oogst met de helft gedaald. Het was een zware zomer, zei een boer in Limburg."
    ),
    "es": (
        "El gobierno anunció el martes un paquete de medidas para apoyar a los agricultores "
        "afectados por la sequía. Según el ministro, las ayudas se pagarán antes de fin de mes, "
        "pero los sindicatos consideran que no bastarán para compensar las pérdidas del verano. "
        "En varias provincias del sur la cosecha ha caído a la mitad."
    ),
    "da": (
        "Regeringen fremlagde tirsdag en række tiltag for at hjælpe de landmænd, der er ramt af "
        "tørken. Ifølge ministeren vil pengene blive udbetalt inden udgangen af måneden, men "
        "landbrugets organisationer mener, at det er for lidt. I flere egne af landet er høsten "
        "faldet til det halve. Det har været en hård sommer, siger en landmand."
    ),
}
ENGLISH_QUOTE = (
    ' "The water came in faster than anyone had expected, and the houses on the river were '
    'the first to go," the mayor said.'
)


@pytest.mark.parametrize("language", list(FOREIGN_NEWS))
def test_news_in_another_language_is_refused_naming_the_language(language):
    with pytest.raises(InputError, match=f"^digues.txt: not English \\(detected '{language}'\\)"):
        detect_language(FOREIGN_NEWS[language], "digues.txt")


def test_a_quoted_english_sentence_does_not_make_a_foreign_article_english():
    with pytest.raises(InputError, match="not English \\(detected 'nl'\\)"):
        detect_language(FOREIGN_NEWS["nl"] + ENGLISH_QUOTE, "digues.txt")


def test_plain_english_news_is_english():
    assert detect_language(f"{GOOD_ONE} {GOOD_TWO}{ENGLISH_QUOTE}", "rail.txt") == "en"
