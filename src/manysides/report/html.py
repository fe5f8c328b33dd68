"""The static HTML report: one self-contained file that works offline.

Everything the page needs (styles, the small filter script, the SVG charts and the map) is inline,
and a Content-Security-Policy stops the browser from fetching anything else. Article text is
untrusted, so every string from the analysis is escaped, and links are made only for http(s) URLs.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from manysides.errors import ConfigError, InputError
from manysides.records import publisher_name
from manysides.report.map import country_name, load_world, mappable, render_map
from manysides.report.svg import day_label, element, esc, svg_root, tooltip, truncate
from manysides.report.timeline import (
    DatedEvent,
    group_timexes,
    parse_moment,
    parse_period,
    render_article_strip,
    render_timeline,
)

SCHEMA = "manysides/1"
TOP_ACTORS = 30
CHART_ACTORS = 15
DATE_EXAMPLES = 12  # expressions listed under one date; the rest are counted
MAX_ROWS = 1000  # tables longer than this show their head and say how many were left out
TALL_TABLE = 25  # rows beyond which a table scrolls in its own frame (on screen, not in print)
UNKNOWN_OUTLET = "(unknown outlet)"
ENTITY_TYPES = ("PERSON", "ORG", "COUNTRY", "ARMED_GROUP", "PLACE", "OTHER")


def render_html(analysis: dict, world_path: Path | None = None) -> str:
    """The report page for an `analysis.json` document (schema manysides/1), as one string.

    `world_path` points at another world.json of country outlines (default: the packaged one);
    without outlines the map still shows the places, over a plain grid.
    """
    corpus = Corpus.of(_checked(analysis))
    sections = [
        ("articles", "Articles", _articles_section(corpus)),
        ("actors", "Actors", _actors_section(corpus)),
        ("map", "Map", _map_section(corpus, world_path)),
        ("timeline", "Timeline", timeline_section(corpus)),
        ("events", "Events", _events_section(corpus)),
        ("stories", "Stories", _stories_section(corpus)),
        ("claims", "Claims", _claims_section(corpus)),
        ("disagreements", "Disagreements", _disagreements_section(corpus)),
        ("outlets", "Outlets", _outlets_section(corpus)),
        ("failures", "Failures", _failures_section(corpus)),
    ]
    shown = [(anchor, name, body) for anchor, name, body in sections if body]
    return _page(corpus, shown)


def write_html(analysis: dict, path: Path, world_path: Path | None = None) -> None:
    """Write the report page to `path` (UTF-8), creating its folder."""
    page = render_html(analysis, world_path)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the report ({exc.strerror})") from exc


def _checked(analysis: object) -> dict:
    if not isinstance(analysis, dict):
        raise InputError("analysis", f"expected a JSON object, got {type(analysis).__name__}")
    schema = analysis.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise InputError("analysis", f"schema {schema!r} is not {SCHEMA}; upgrade manysides")
    return analysis


def _items(analysis: dict, key: str) -> list[dict]:
    """A list section of the document, keeping only the records (junk entries are skipped)."""
    value = analysis.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@dataclass
class Corpus:
    """The analysis document with the look-ups every section needs."""

    doc: dict
    articles: list[dict]
    anchors: dict[str, str]  # article id -> anchor of its row in the articles table
    by_id: dict[str, dict]
    entity_names: dict[str, str]
    place_names: dict[str, str]
    # Where links lead: the report links an article to its row in the articles table and names
    # actors without links; a web app passes its own (article id / entity id -> address).
    article_href: Callable[[str], str] | None = None
    actor_href: Callable[[str], str] | None = None

    @classmethod
    def of(cls, doc: dict, article_href: Callable[[str], str] | None = None,
           actor_href: Callable[[str], str] | None = None) -> Corpus:
        articles = _items(doc, "articles")
        ids = [str(a.get("id")) for a in articles]
        return cls(
            doc=doc,
            articles=articles,
            anchors={article_id: f"article-{i + 1}" for i, article_id in enumerate(ids)},
            by_id=dict(zip(ids, articles, strict=True)),
            entity_names={str(e.get("id")): str(e.get("name")) for e in _items(doc, "entities")},
            place_names={str(p.get("id")): str(p.get("name")) for p in _items(doc, "places")},
            article_href=article_href,
            actor_href=actor_href,
        )

    def items(self, key: str) -> list[dict]:
        return _items(self.doc, key)

    def outlet(self, article: dict) -> str:
        return str(article.get("outlet") or UNKNOWN_OUTLET)

    def describe(self, article_id: object) -> str:
        """ "CNN: Aleppo teeters…" — plain text, for tooltips."""
        article = self.by_id.get(str(article_id))
        if article is None:
            return str(article_id)
        return f"{self.outlet(article)}: {truncate(headline(article), 80)}"

    def href(self, article_id: object) -> str | None:
        """Where a link to the article leads; None for an article not in the corpus."""
        anchor = self.anchors.get(str(article_id))
        if anchor is None:
            return None
        return self.article_href(str(article_id)) if self.article_href else f"#{anchor}"

    def cite(self, article_id: object) -> str:
        """A link to the article (markup)."""
        href = self.href(article_id)
        text = esc(self.describe(article_id))
        return f'<a class="cite" href="{esc(href)}">{text}</a>' if href else text

    def actor(self, entity_id: object) -> str:
        """The display name of an entity id, or of each id in a list (events have lists)."""
        if isinstance(entity_id, list):
            return ", ".join(self.actor(one) for one in entity_id)
        return self.entity_names.get(str(entity_id), "" if entity_id is None else str(entity_id))

    def actor_link(self, entity_id: object) -> str:
        """The actor's name as markup, a link when the corpus has an address for actors."""
        if isinstance(entity_id, list):
            return ", ".join(self.actor_link(one) for one in entity_id)
        name = esc(self.actor(entity_id))
        if self.actor_href is None or str(entity_id) not in self.entity_names:
            return name
        return f'<a href="{esc(self.actor_href(str(entity_id)))}">{name}</a>'


# --- page shell ----------------------------------------------------------------------------------


def _page(corpus: Corpus, sections: list[tuple[str, str, str]]) -> str:
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
              f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'")
    nav = "".join(f'<a href="#{anchor}">{esc(name)}</a>' for anchor, name, _ in sections)
    body = "".join(f'<section id="{anchor}">{html}</section>' for anchor, _, html in sections)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(_title(corpus))}</title><style>{STYLE}</style></head><body>"
        f'<header id="top">{_header(corpus)}</header>'
        f'<nav aria-label="Sections">{nav}</nav><main>{body}</main>'
        '<footer>Made by manysides. Places: GeoNames. Country outlines: Natural Earth.</footer>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def _title(corpus: Corpus) -> str:
    count = len(corpus.articles)
    return f"manysides report: {count} article{'s' if count != 1 else ''}"


def date_range(articles: list[dict]) -> str:
    moments = [m for a in articles if (m := parse_moment(a.get("published"))) is not None]
    if not moments:
        return "no dates"
    first, last = min(moments).date(), max(moments).date()
    return day_label(first) if first == last else f"{day_label(first)} – {day_label(last)}"


def _header(corpus: Corpus) -> str:
    articles = corpus.articles
    outlets = {corpus.outlet(a) for a in articles}
    failures = corpus.items("failures")
    stats = [
        (str(len(articles)), "articles"),
        (str(len(outlets)), "outlets"),
        (date_range(articles), "published"),
        (str(len(failures)), "failed inputs"),
    ]
    cards = "".join(
        f'<div class="stat"><span class="value">{esc(v)}</span>'
        f'<span class="label">{esc(label)}</span></div>' for v, label in stats
    )
    return f"<h1>{esc(_title(corpus))}</h1>{_provenance(corpus)}<div class=\"stats\">{cards}</div>"


def _provenance(corpus: Corpus) -> str:
    inputs = corpus.doc.get("inputs")
    inputs = [str(i) for i in inputs] if isinstance(inputs, list) else []
    parts = []
    if inputs:
        shown = ", ".join(esc(truncate(i, 80)) for i in inputs[:5])
        more = f" and {len(inputs) - 5} more" if len(inputs) > 5 else ""
        parts.append(f"Inputs: {shown}{more}.")
    if corpus.doc.get("generated"):
        parts.append(f"Generated {esc(corpus.doc['generated'])}.")
    return f'<p class="muted">{" ".join(parts)}</p>' if parts else ""


def headline(article: dict) -> str:
    """The title, else the file name (the folder is noise here), else the id."""
    if article.get("title"):
        return str(article["title"])
    path = str(article.get("path") or "").rstrip("/")
    return path.rsplit("/", 1)[-1] or str(article.get("id") or "(untitled)")


def data_table(headers: list[str], rows: list[str], table_id: str | None = None) -> str:
    head = "".join(f"<th scope=\"col\">{esc(h)}</th>" for h in headers)
    more = ""
    if len(rows) > MAX_ROWS:
        more = f'<p class="muted">Showing the first {MAX_ROWS} of {len(rows)} rows.</p>'
        rows = rows[:MAX_ROWS]
    ident = f' id="{table_id}"' if table_id else ""
    frame = "scroll tall" if len(rows) > TALL_TABLE else "scroll"  # long tables scroll in place
    return (f'<div class="{frame}"><table{ident}><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>{more}")


def table_row(cells: list[str], **attributes: str) -> str:
    """A table row from cells already escaped."""
    extra = "".join(f' {key.replace("_", "-")}="{esc(value)}"' for key, value in attributes.items())
    return f"<tr{extra}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>" if svg else ""


def safe_url(url: object) -> str | None:
    """The URL if it is a web link; anything else (javascript:, data:, file:) is never linked."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


# --- articles ------------------------------------------------------------------------------------


def _articles_section(corpus: Corpus) -> str:
    if not corpus.articles:
        return "<h2>Articles</h2><p>No articles were read.</p>"
    ordered = sorted(corpus.articles, key=lambda a: (corpus.outlet(a).casefold(),
                                                     str(a.get("published") or "")))
    rows = [_article_row(corpus, article) for article in ordered]
    headers = ["Outlet", "Title", "Published", "Words", "Notes"]
    chart = render_article_strip(corpus.articles, corpus.outlet)
    caption = "Each dot is an article; hollow dots are copies or republications."
    undated = sum(1 for a in corpus.articles if parse_moment(a.get("published")) is None)
    if undated:
        caption += f" Not drawn: {plural(undated, 'article')} without a publication date."
    summary = _outlet_summary(corpus)
    listing = data_table(headers, rows, "article-table")
    if summary:
        summary, listing = f"<h3>Outlets</h3>{summary}", f"<h3>Every article</h3>{listing}"
    return f"<h2>Articles by outlet and date</h2>{figure(chart, caption)}{summary}{listing}"


def _outlet_summary(corpus: Corpus) -> str:
    """Per outlet: how many articles, how many of them copies, and the dates they span."""
    by_outlet: dict[str, list[dict]] = {}
    for article in corpus.articles:
        by_outlet.setdefault(corpus.outlet(article), []).append(article)
    if len(by_outlet) < 2:
        return ""
    rows = []
    for outlet, articles in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        copies = sum(1 for a in articles if a.get("copy_of") or a.get("republished_from"))
        rows.append(table_row([f"<strong>{esc(outlet)}</strong>", str(len(articles)),
                              str(copies or ""), esc(date_range(articles))]))
    headers = ["Outlet", "Articles", "Copies", "Published"]
    return data_table(headers, rows, "outlet-summary")


def _article_row(corpus: Corpus, article: dict) -> str:
    title = esc(headline(article))
    url = safe_url(article.get("url"))
    if url:
        title = f'<a href="{esc(url)}" rel="noopener noreferrer">{title}</a>'
    author = f'<div class="muted">{esc(article["author"])}</div>' if article.get("author") else ""
    cells = [esc(corpus.outlet(article)), title + author, published_label(article),
             esc(article.get("words") or ""), _article_notes(corpus, article)]
    return table_row(cells, id=corpus.anchors[str(article.get("id"))])


def published_label(article: dict) -> str:
    published = article.get("published")
    if not published:
        return '<span class="muted">unknown</span>'
    try:  # the date as the outlet wrote it, not shifted to UTC
        shown = esc(day_label(datetime.fromisoformat(str(published).strip()).date()))
    except ValueError:
        shown = esc(published)
    source = article.get("published_from")
    if source:
        hint = esc(f"date taken from the {source}")
        shown += f' <span class="badge from" title="{hint}">{esc(source)}</span>'
    return shown


def _article_notes(corpus: Corpus, article: dict) -> str:
    notes = []
    if article.get("copy_of"):
        notes.append(f"copy of {corpus.cite(article['copy_of'])}")
    if article.get("republished_from"):
        notes.append(f"republished from {esc(article['republished_from'])}")
    if article.get("language") and article.get("language") != "en":
        notes.append(f"language: {esc(article['language'])}")
    return "<br>".join(notes)


# --- actors --------------------------------------------------------------------------------------


def type_badge(kind: object) -> str:
    known = str(kind) if kind in ENTITY_TYPES else "OTHER"
    text = str(kind or "OTHER").replace("_", " ").lower()
    return f'<span class="badge type-{known.lower()}">{esc(text)}</span>'


def _ranked_entities(corpus: Corpus) -> list[tuple[dict, int, int]]:
    """(entity, mentions, articles), most mentioned first."""
    ranked = []
    for entity in corpus.items("entities"):
        mentions = [m for m in entity.get("mentions") or [] if isinstance(m, dict)]
        articles = {str(m.get("article")) for m in mentions}
        ranked.append((entity, len(mentions), len(articles)))
    ranked.sort(key=lambda item: (-item[1], -item[2], str(item[0].get("name")).casefold()))
    return ranked


def _actors_section(corpus: Corpus) -> str:
    ranked = _ranked_entities(corpus)
    if not ranked:
        return ""
    rows = []
    for entity, mentions, articles in ranked[:TOP_ACTORS]:
        aliases = [str(a) for a in entity.get("aliases") or [] if a != entity.get("name")]
        search = " ".join([str(entity.get("name")), str(entity.get("type")), *aliases]).lower()
        alias_text = f'<div class="muted">{esc(", ".join(aliases))}</div>' if aliases else ""
        cells = [f"<strong>{esc(entity.get('name'))}</strong>{alias_text}",
                 type_badge(entity.get("type")), str(articles), str(mentions)]
        rows.append(table_row(cells, data_search=search))
    intro = (f'<p class="muted">The {min(TOP_ACTORS, len(ranked))} most mentioned of '
             f"{plural(len(ranked), 'actor')}.</p>")
    chart = figure(_actor_chart(ranked[:CHART_ACTORS]), "Mentions of the most mentioned actors.")
    table = data_table(["Actor", "Type", "Articles", "Mentions"], rows, "actor-table")
    return f'<h2>Actors</h2>{intro}{chart}<div id="actor-filter-slot"></div>{table}'


def _actor_chart(ranked: list[tuple[dict, int, int]]) -> str:
    if not ranked:
        return ""
    label_width, right, bar_height = 230.0, 900.0, 22.0
    most = max(count for _, count, _ in ranked) or 1
    parts = []
    for index, (entity, mentions, articles) in enumerate(ranked):
        y = 10 + index * (bar_height + 6)
        width = max(2.0, (right - label_width) * mentions / most)
        kind = str(entity.get("type")) if entity.get("type") in ENTITY_TYPES else "OTHER"
        name = str(entity.get("name"))
        tip = tooltip([name, f"{plural(mentions, 'mention')} in {plural(articles, 'article')}"])
        parts.append(element("text", esc(truncate(name, 32)), x=label_width - 10,
                             y=y + bar_height * 0.7, class_="bar-label"))
        parts.append(element("rect", tip, x=label_width, y=y, width=width, height=bar_height,
                             rx=3.0, class_=f"bar type-{kind.lower()}"))
        parts.append(element("text", str(mentions), x=label_width + width + 6,
                             y=y + bar_height * 0.7, class_="bar-value"))
    height = 20 + len(ranked) * (bar_height + 6)
    return svg_root("".join(parts), 960.0, height, "Most mentioned actors", class_="bars")


# --- map -----------------------------------------------------------------------------------------


def _map_section(corpus: Corpus, world_path: Path | None) -> str:
    places = corpus.items("places")
    if not places:
        return ""
    return f"<h2>Map</h2>{map_figure(corpus, world_path)}{_places_table(places)}"


def map_figure(corpus: Corpus, world_path: Path | None = None) -> str:
    """The map of the places mentioned (with a note when country outlines are missing)."""
    places = corpus.items("places")
    note = ""
    try:
        countries = load_world(world_path)
    except ConfigError as exc:
        if world_path is not None:
            raise
        countries = None  # the places still show, over a plain grid
        note = f'<p class="muted">No country outlines: {esc(str(exc).rsplit("/", 1)[-1])}</p>'
    drawn = figure(render_map(places, countries),
                   "Circles are sized by mentions; countries with mentioned places are tinted.")
    return f"{note}{drawn}"


def _places_table(places: list[dict]) -> str:
    ranked = sorted(places, key=lambda p: (-len(p.get("mentions") or []), str(p.get("name"))))
    rows = []
    for place in ranked:
        mentions = place.get("mentions") or []
        articles = {str(m.get("article")) for m in mentions if isinstance(m, dict)}
        located = mappable([place])
        where = f"{located[0].lat:.3f}, {located[0].lon:.3f}" if located else "—"
        rows.append(table_row([f"<strong>{esc(place.get('name'))}</strong>",
                              esc(country_name(place.get("country"))), where,
                              str(len(articles)), str(len(mentions))]))
    return data_table(["Place", "Country", "Lat, lon", "Articles", "Mentions"], rows, "place-table")


# --- timeline ------------------------------------------------------------------------------------


def timeline_section(corpus: Corpus) -> str:
    groups = group_timexes(corpus.items("timexes"))
    chart = timeline_figure(corpus, groups)
    if not chart:
        return ""
    rows = []
    for group in groups:
        said = "".join(f"<li>“{esc(t.get('text'))}” — {corpus.cite(t.get('article'))}</li>"
                       for t in group.timexes[:DATE_EXAMPLES])
        if len(group.timexes) > DATE_EXAMPLES:
            said += f'<li class="muted">… and {len(group.timexes) - DATE_EXAMPLES} more</li>'
        rows.append(table_row([f"<strong>{esc(group.period.label)}</strong>",
                              str(len(group.timexes)), f'<ul class="plain">{said}</ul>']))
    headers = ["Date", "Mentions", "As written, where"]
    table = data_table(headers, rows, "date-table") if rows else ""
    return f"<h2>Timeline</h2>{chart}{table}"


def timeline_figure(corpus: Corpus, groups: list | None = None) -> str:
    """The timeline chart of the dates the articles mention and of the dated events."""
    groups = group_timexes(corpus.items("timexes")) if groups is None else groups
    events = _dated_events(corpus)
    if not groups and not events:
        return ""

    def describe(timex: dict) -> str:
        return f"“{timex.get('text')}” — {corpus.describe(timex.get('article'))}"

    return figure(render_timeline(groups, events, describe),
                  "Dates the articles mention: a bar per day, as tall as its mentions; weeks and "
                  "months as spans" + (", diamonds are events." if events else "."))


def _dated_events(corpus: Corpus) -> list[DatedEvent]:
    dated = []
    for event in corpus.items("events"):
        period = parse_period(event.get("date"))
        if period is not None:
            dated.append(DatedEvent(period, [_event_line(corpus, event), str(event.get("date"))]))
    return dated


def _event_line(corpus: Corpus, event: dict) -> str:
    who = corpus.actor(event.get("actor")) or "?"
    whom = corpus.actor(event.get("target"))
    kind = str(event.get("type") or "EVENT")
    mode = f" ({event['mode']})" if event.get("mode") else ""
    return f"{kind}{mode}: {who}" + (f" → {whom}" if whom else "")


# --- later stages: shown only when the analysis has them -----------------------------------------


def cites(corpus: Corpus, ids: object) -> str:
    ids = ids if isinstance(ids, list) else []
    return "; ".join(corpus.cite(i) for i in ids)


def _events_section(corpus: Corpus) -> str:
    events = corpus.items("events")
    if not events:
        return ""
    events.sort(key=lambda e: str(e.get("date") or "~"))
    return f"<h2>Events</h2>{events_table(corpus, events)}"


def events_table(corpus: Corpus, events: list[dict]) -> str:
    """The events, a row each, in the order given."""
    rows = []
    for event in events:
        flags = [flag for flag in ("negated", "hypothetical") if event.get(flag)]
        place = corpus.place_names.get(str(event.get("place")), event.get("place") or "")
        kind = esc(event.get("type")) + (f'<div class="muted">{esc(event["mode"])}</div>'
                                         if event.get("mode") else "")
        period = parse_period(event.get("date"))
        when = esc(period.label if period else event.get("date") or "")
        rows.append(table_row([f'<span class="nowrap">{when}</span>', kind,
                              corpus.actor_link(event.get("actor")),
                              corpus.actor_link(event.get("target")), esc(place),
                              esc(", ".join(flags)), cites(corpus, event.get("articles"))]))
    headers = ["Date", "Event", "Actor", "Target", "Place", "Flags", "Reported by"]
    return data_table(headers, rows, "event-table")


def _stories_section(corpus: Corpus) -> str:
    stories = corpus.items("stories")
    if not stories:
        return ""
    return "<h2>Stories</h2>" + "".join(_story(corpus, story) for story in stories)


def _story(corpus: Corpus, story: dict) -> str:
    return (f'<article class="card"><h3>{esc(story.get("title") or story.get("id"))}</h3>'
            f'{story_brief(corpus, story)}{claims_matrix(corpus, story)}'
            f'{story_disagreements(corpus, story)}{story_framing(corpus, story)}</article>')


def story_brief(corpus: Corpus, story: dict) -> str:
    """The story's summary, each sentence marked [n] with the numbers of its sources below."""
    summary = [s for s in story.get("summary") or [] if isinstance(s, dict)]
    numbers: dict[str, int] = {}
    for source in _id_list(story.get("articles")) + [
        i for s in summary for i in _id_list(s.get("sources"))
    ]:
        numbers.setdefault(source, len(numbers) + 1)
    sentences = []
    for sentence in summary:
        marks = "".join(f'<a href="{esc(corpus.href(i) or "#")}" title="{esc(corpus.describe(i))}"'
                        f">[{numbers[i]}]</a>" for i in _id_list(sentence.get("sources")))
        text = _without_id_list(str(sentence.get("text") or ""), _id_list(sentence.get("sources")))
        sentences.append(f"<li>{esc(text)}<sup>{marks}</sup></li>")
    listed = "".join(f'<li value="{n}">{corpus.cite(i)}</li>' for i, n in numbers.items())
    return (f'<ul>{"".join(sentences)}</ul><p class="muted">Sources</p>'
            f'<ol class="sources muted">{listed}</ol>')


TRAILING_IDS = re.compile(r"\s*\[([0-9a-f]+(?:,\s*[0-9a-f]+)*)\]\s*$")


def _without_id_list(text: str, sources: list[str]) -> str:
    """The sentence without the "[aaaa73, 8e91d5]" it ends with in plain text, when the page
    links those same sources: one set of citations, not two."""
    found = TRAILING_IDS.search(text)
    if found is None:
        return text
    listed = [i.strip() for i in found.group(1).split(",")]
    linked = all(any(source.startswith(i) for source in sources) for i in listed)
    return text[: found.start()] if linked else text


MATRIX_CLAIMS = 15
# How an outlet's articles carry a claim, strongest first: the cell shows the first that holds.
CARRIES = (("contradicted_by", "disputes"), ("hedged_by", "hedges"),
           ("attributed_by", "quotes"), ("supported_by", "states"))


def _story_outlets(corpus: Corpus, story: dict) -> dict[str, list[str]]:
    """The story's outlets, most articles first, each with its article ids; two unnamed outlets
    are two, named as the brief names them ("article 4a797d")."""
    by_outlet: dict[str, list[str]] = {}
    for article_id in _id_list(story.get("articles")):
        article = corpus.by_id.get(article_id)
        if article is not None:
            name = publisher_name(article.get("outlet"), safe_url(article.get("url")), article_id)
            by_outlet.setdefault(name, []).append(article_id)
    return dict(sorted(by_outlet.items(), key=lambda item: -len(item[1])))


def claims_matrix(corpus: Corpus, story: dict) -> str:
    """Claims × outlets: which outlets state, quote, hedge or dispute each checkable statement,
    the claims most outlets carry first."""
    claims = [c for c in corpus.items("claims") if c.get("story") == story.get("id")]
    claims.sort(key=lambda c: (-_number(c.get("independent_sources")),
                               -len(_id_list(c.get("supported_by")))))  # fmt: skip
    outlets = _story_outlets(corpus, story)
    if not claims or len(outlets) < 2:
        return ""
    rows = []
    for claim in claims[:MATRIX_CLAIMS]:
        cells = [_carried(claim, ids) for ids in outlets.values()]
        text = str(claim.get("text") or "")
        shown = f'<span title="{esc(text)}">{esc(truncate(text, 140))}</span>'
        rows.append(table_row([shown, *cells]))
    more = len(claims) - MATRIX_CLAIMS
    note = f'<p class="muted">{plural(more, "more claim")} in the Claims table.</p>' if (
        more > 0) else ""  # fmt: skip
    return ("<h4>Who carries which claim</h4>"
            + data_table(["Claim", *outlets], rows, None) + note)


def _carried(claim: dict, article_ids: list[str]) -> str:
    for field, verb in CARRIES:
        holders = claim.get(field) or []
        ids = {str(h.get("article")) if isinstance(h, dict) else str(h) for h in holders}
        if ids & set(article_ids):
            return f'<span class="carry {verb}">{verb}</span>'
    return ""


def story_disagreements(corpus: Corpus, story: dict) -> str:
    found = [d for d in corpus.items("disagreements") if d.get("story") == story.get("id")]
    if not found:
        return ""
    return "<h4>Contested</h4>" + "".join(_disagreement_card(corpus, d) for d in found)


def story_framing(corpus: Corpus, story: dict) -> str:
    """Each of the story's outlets: its loaded terms and whom it quotes, as measured over its
    articles in this corpus."""
    names = set(_story_outlets(corpus, story))
    outlets = [o for o in corpus.items("outlets") if o.get("name") in names]
    if len(outlets) < 2:
        return ""
    rows = [table_row([f"<strong>{esc(o.get('name'))}</strong>", framing_terms(corpus, o),
                      esc(", ".join(corpus.actor(q) for q in o.get("quoted") or []))])
            for o in outlets]  # fmt: skip
    return ("<h4>How each outlet frames it</h4><p class=\"muted\">Over each outlet's articles "
            "in this corpus.</p>" + data_table(["Outlet", "Loaded terms", "Voices quoted"], rows))


def _id_list(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


MAX_EVIDENCE = 2


def _evidence(evidence: object) -> str:
    """Quoted evidence: a text, or a list of {article, text} records (first few, no repeats)."""
    if isinstance(evidence, str):
        texts = [evidence]
    elif isinstance(evidence, list):
        texts = list(dict.fromkeys(e.get("text", "") if isinstance(e, dict) else str(e)
                                   for e in evidence))
    else:
        texts = []
    return "".join(f"<blockquote>{esc(t)}</blockquote>" for t in texts[:MAX_EVIDENCE] if t)


def _claims_section(corpus: Corpus) -> str:
    claims = corpus.items("claims")
    if not claims:
        return ""
    return f"<h2>Claims</h2>{claims_table(corpus, claims)}"


def claims_table(corpus: Corpus, claims: list[dict]) -> str:
    """The claims, those the most independent sources carry first, with who carries and who
    contradicts each."""
    claims = sorted(claims, key=lambda c: -_number(c.get("independent_sources")))
    rows = [table_row([esc(c.get("text")), esc(c.get("independent_sources", "")),
                      cites(corpus, c.get("supported_by")),
                      cites(corpus, c.get("contradicted_by"))])
            for c in claims]
    headers = ["Claim", "Independent sources", "Supported by", "Contradicted by"]
    return data_table(headers, rows, "claim-table")


def _disagreements_section(corpus: Corpus) -> str:
    """The disagreements no story shows (each story shows its own, beside its brief)."""
    stories = {story.get("id") for story in corpus.items("stories")}
    disagreements = [d for d in corpus.items("disagreements") if d.get("story") not in stories]
    if not disagreements:
        return ""
    return f"<h2>Disagreements</h2>{''.join(_disagreement_card(corpus, d) for d in disagreements)}"


def _disagreement_card(corpus: Corpus, item: dict) -> str:
    """The positions side by side, each with its evidence and the articles holding it."""
    positions = [p for p in item.get("positions") or [] if isinstance(p, dict)]
    cards = "".join(
        f'<div class="position">{_voice(p)}<p><strong>{esc(p.get("position"))}</strong></p>'
        + _evidence(p.get("evidence"))
        + f'<p class="muted">{cites(corpus, p.get("articles"))}</p></div>'
        for p in positions
    )
    kind = f'<span class="badge">{esc(item.get("kind"))}</span>' if item.get("kind") else ""
    return (f'<article class="card disagreement"><h3>{esc(item.get("topic") or item.get("id"))} '
            f'{kind}</h3><div class="positions">{cards}</div></article>')


def _voice(position: dict) -> str:
    """Who holds a side an outlet quotes ("a US official"): two voices may share one outlet."""
    voice = position.get("voice")
    return f'<p class="voice">{esc(voice)} says</p>' if voice else ""


def _outlets_section(corpus: Corpus) -> str:
    outlets = corpus.items("outlets")
    if not outlets:
        return ""
    rows = []
    for outlet in outlets:
        articles = outlet.get("articles") if isinstance(outlet.get("articles"), list) else []
        rows.append(table_row([f"<strong>{esc(outlet.get('name'))}</strong>", str(len(articles)),
                              framing_terms(corpus, outlet), _tones(corpus, outlet),
                              esc(", ".join(corpus.actor(q) for q in outlet.get("quoted") or []))]))
    headers = ["Outlet", "Articles", "Loaded terms", "Tone by actor", "Voices quoted"]
    return f"<h2>Outlets</h2>{data_table(headers, rows, 'outlet-table')}"


def framing_terms(corpus: Corpus, outlet: dict) -> str:
    terms = [t for t in outlet.get("framing_terms") or [] if isinstance(t, dict)]
    terms.sort(key=lambda t: -_number(t.get("count")))
    shown = []
    for term in terms[:10]:
        about = corpus.actor(term.get("refers_to"))
        shown.append(f"“{esc(term.get('term'))}”" + (f" → {esc(about)}" if about else "")
                     + f" ×{esc(term.get('count'))}")
    return "<br>".join(shown)


def _tones(corpus: Corpus, outlet: dict) -> str:
    tones = outlet.get("tone_by_actor")
    if not isinstance(tones, dict):
        return ""
    ranked = sorted(tones.items(), key=lambda item: -abs(_number(item[1])))[:8]
    return "<br>".join(f"{esc(corpus.actor(k))}: {_number(v):+.2f}" for k, v in ranked)


def _number(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return 0.0


# --- failures ------------------------------------------------------------------------------------


def _failures_section(corpus: Corpus) -> str:
    failures = corpus.items("failures")
    if not failures:
        return "<h2>Failures</h2><p>Every input was read.</p>"
    causes = Counter(str(f.get("cause")) for f in failures)
    common = ", ".join(f"{cause} ({n})" for cause, n in causes.most_common(3) if n > 1)
    summary = f'<p class="muted">Most common: {esc(common)}.</p>' if common else ""
    rows = [table_row([f"<code>{esc(f.get('source'))}</code>", esc(f.get("cause"))])
            for f in failures]
    intro = f"<p>{plural(len(failures), 'input')} could not be read.</p>"
    return f"<h2>Failures</h2>{intro}{summary}{data_table(['Input', 'Why'], rows, 'failure-table')}"


# --- style and script ----------------------------------------------------------------------------

STYLE = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --soft:#f5f7fa; --accent:#3e6a8a;
  --tint:#d9c48f; --land:#dfe3e8; --sea:#f4f7fa; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:#fff; line-height:1.45;
  font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
header, main, footer { max-width:1120px; margin:0 auto; padding:0 24px; }
header { padding-top:28px; }
h1 { font-size:26px; margin:0 0 4px; font-weight:650; }
h2 { font-size:20px; margin:0 0 12px; padding-bottom:6px; border-bottom:2px solid var(--line); }
h3 { font-size:16px; margin:18px 0 6px; }
.card h3 { margin-top:0; }
a { color:var(--accent); }
nav { position:sticky; top:0; z-index:2; background:rgba(255,255,255,.96);
  border-bottom:1px solid var(--line); padding:8px 24px; text-align:center; }
nav a { display:inline-block; margin:2px 10px; text-decoration:none; font-weight:600;
  font-size:14px; }
nav a:hover { text-decoration:underline; }
section { padding:26px 0 8px; scroll-margin-top:48px; }
.muted { color:var(--muted); font-size:13px; }
.stats { display:grid; grid-template-columns:repeat(auto-fit,minmax(170px,1fr)); gap:12px;
  margin:16px 0 18px; }
.stat { background:var(--soft); border:1px solid var(--line); border-radius:8px;
  padding:12px 14px; }
.stat .value { display:block; font-size:22px; font-weight:650; }
.stat .label { color:var(--muted); font-size:13px; text-transform:uppercase; letter-spacing:.04em; }
.scroll { overflow-x:auto; }
.scroll.tall { max-height:640px; overflow-y:auto; border-bottom:1px solid var(--line); }
.scroll.tall th { position:sticky; top:0; background:#fff; z-index:1; }
table { border-collapse:collapse; width:100%; font-size:14px; margin:8px 0 12px; }
th { text-align:left; font-size:12px; text-transform:uppercase; letter-spacing:.04em;
  color:var(--muted); border-bottom:2px solid var(--line); padding:6px 8px; }
td { border-bottom:1px solid var(--line); padding:6px 8px; vertical-align:top; }
tbody tr:hover { background:var(--soft); }
tr:target { background:#fff6d8; }
.badge { display:inline-block; font-size:11px; line-height:1.2; padding:2px 6px; border-radius:9px;
  background:#e8ebef; color:#3e4c59; white-space:nowrap; vertical-align:1px; }
.badge.from { background:#eef2f6; color:var(--muted); }
.type-person { background:#dbe7f3; fill:#6b93b8; } .type-org { background:#e6def0; fill:#8d78ad; }
.type-country { background:#dcebdf; fill:#6f9e78; }
.type-armed_group { background:#f2dcd8; fill:#b9736a; }
.type-place { background:#d9eceb; fill:#5f9c98; } .type-other { background:#e8ebef; fill:#8a96a3; }
figure { margin:8px 0 16px; }
figcaption { color:var(--muted); font-size:13px; margin-top:4px; }
svg { display:block; width:100%; height:auto; font-family:inherit; }
svg text { fill:var(--ink); font-size:12px; }
.axis { stroke:#9aa5b1; stroke-width:1; } .grid { stroke:#eef0f3; stroke-width:1; }
.lane { stroke:#e4e7eb; stroke-width:1; stroke-dasharray:2 3; }
.tick { text-anchor:middle; fill:var(--muted); font-size:11px; }
.lane-label, .bar-label { text-anchor:end; font-size:12.5px; }
.bar-value, .note { fill:var(--muted); font-size:12px; }
.dot { fill:var(--accent); stroke:#fff; stroke-width:1.5; }
.dot.copy { fill:#fff; stroke:var(--accent); stroke-width:2; }
.copy + .dot-count { fill:var(--accent); }
.dot-count { fill:#fff; font-size:10px; font-weight:700; text-anchor:middle; pointer-events:none; }
.tick-day { fill:var(--accent); fill-opacity:.85; }
.tick-day:hover, .tick-period:hover { fill-opacity:1; }
.count { fill:var(--muted); font-size:10.5px; text-anchor:middle; }
.tick-period { fill:#b5a36b; fill-opacity:.55; stroke:#8c7b45; stroke-width:.8; }
.tick-event { fill:#b9736a; stroke:#fff; stroke-width:1; }
.map { border:1px solid var(--line); border-radius:6px; background:var(--sea); }
.sea { fill:var(--sea); }
.graticule { fill:none; stroke:#e3e8ee; stroke-width:.6; vector-effect:non-scaling-stroke; }
.land { fill:var(--land); stroke:#fff; stroke-width:.7; vector-effect:non-scaling-stroke; }
.land.mentioned { fill:var(--tint); }
.place { fill:#a4493d; fill-opacity:.72; stroke:#fff; stroke-width:1;
  vector-effect:non-scaling-stroke; }
.place:hover { fill-opacity:1; }
.place-label { fill:#1f2933; stroke:#fff; paint-order:stroke; stroke-linejoin:round;
  font-weight:600; }
#actor-filter-slot { margin:6px 0; }
#actor-filter { font:inherit; padding:6px 10px; width:min(360px,100%); border:1px solid #cbd2d9;
  border-radius:6px; }
#actor-filter-status { margin-left:10px; }
ul.plain { list-style:none; margin:0; padding:0; }
.nowrap { white-space:nowrap; }
ol.sources { margin:0; padding-left:22px; }
.card { border:1px solid var(--line); border-radius:8px; padding:14px 16px; margin:0 0 14px; }
.positions { display:grid; grid-template-columns:repeat(auto-fit,minmax(240px,1fr)); gap:12px; }
.position { background:var(--soft); border-radius:6px; padding:10px 12px; }
.voice { margin:0 0 4px; font-size:13px; font-weight:600; color:var(--muted); }
.carry { font-size:12px; padding:1px 6px; border-radius:8px; white-space:nowrap; }
.carry.states { background:#dcebdc; } .carry.quotes { background:#e3e8f2; }
.carry.hedges { background:#f4ecd6; } .carry.disputes { background:#f3d9d6; }
h4 { font-size:14px; margin:16px 0 6px; }
blockquote { margin:6px 0; padding-left:10px; border-left:3px solid var(--line); color:#3e4c59; }
code { font-size:13px; word-break:break-all; }
footer { color:var(--muted); font-size:12px; padding:24px; border-top:1px solid var(--line);
  margin-top:24px; }
@media print {
  nav, #actor-filter-slot { display:none; }
  .scroll.tall { max-height:none; overflow:visible; }
  body { font-size:11pt; }
  section { break-inside:auto; padding-top:12px; }
  figure, tr { break-inside:avoid; }
  a { color:inherit; text-decoration:none; }
}
"""

# Progressive enhancement: without scripts (or in print) the full table still shows.
SCRIPT = """
(function () {
  var slot = document.getElementById("actor-filter-slot");
  var table = document.getElementById("actor-table");
  if (slot && table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var box = document.createElement("input");
    box.type = "search";
    box.id = "actor-filter";
    box.placeholder = "Filter actors by name, alias or type";
    box.setAttribute("aria-label", "Filter actors");
    var status = document.createElement("span");
    status.id = "actor-filter-status";
    status.className = "muted";
    slot.appendChild(box);
    slot.appendChild(status);
    var apply = function () {
      var wanted = box.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = !wanted || row.getAttribute("data-search").indexOf(wanted) !== -1;
        row.hidden = !hit;
        if (hit) { shown += 1; }
      });
      status.textContent = "showing " + shown + " of " + rows.length;
    };
    box.addEventListener("input", apply);
    var asked = new URLSearchParams(window.location.search).get("actor");
    if (asked) { box.value = asked; }
    apply();
  }
  document.documentElement.setAttribute("data-report-ready", "yes");
})();
"""
