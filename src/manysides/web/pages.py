"""The HTML pages: overview, story, events, actors, articles. Drawn with the report's pieces."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from manysides.annotate.event_lexicon import PLOVER_TYPES
from manysides.report.html import (
    Corpus,
    cites,
    claims_matrix,
    claims_table,
    data_table,
    date_range,
    events_table,
    headline,
    map_figure,
    plural,
    published_label,
    safe_url,
    story_brief,
    story_disagreements,
    story_framing,
    table_row,
    timeline_section,
    type_badge,
)
from manysides.report.svg import esc
from manysides.web.corpus import Snapshot
from manysides.web.highlight import KINDS, article_spans, highlight
from manysides.web.layout import page, path_of, with_query
from manysides.web.queries import (
    BadRequest,
    EventFilter,
    Page,
    actor_detail,
    find_articles,
    find_entities,
    find_events,
    read_article,
    story_detail,
)

EVENTS_PER_PAGE = 50


def _actor_href(entity_id: str) -> str:
    return path_of("actors", entity_id)


def corpus_of(document: dict) -> Corpus:
    """The report's view of a document, linking articles and actors to their pages."""
    return Corpus.of(document, article_href=lambda a: path_of("articles", a),
                     actor_href=_actor_href)  # fmt: skip


def _html(title: str, body: str, here: str = "", status: int = 200) -> HTMLResponse:
    return HTMLResponse(page(title, body, here), status_code=status)


def _snapshot(request: Request) -> Snapshot:
    return request.app.state.reader.snapshot()


# --- overview --------------------------------------------------------------------------------


def index(request: Request) -> HTMLResponse:
    snapshot = _snapshot(request)
    corpus = corpus_of(snapshot.document)
    body = (f"<h1>{esc(plural(len(corpus.articles), 'article'))}</h1>{_stats(snapshot, corpus)}"
            f"<section><h2>Stories</h2>{_story_list(snapshot)}</section>")
    timeline, drawn = timeline_section(corpus), map_figure(corpus)
    if timeline:
        body += f'<section id="timeline">{timeline}</section>'
    if drawn:
        body += f"<section><h2>Map</h2>{drawn}</section>"
    return _html("Overview", body, "/")


def _stats(snapshot: Snapshot, corpus: Corpus) -> str:
    stats = [
        (str(len({corpus.outlet(a) for a in corpus.articles})), "outlets", "/articles"),
        (date_range(corpus.articles), "published", "/articles"),
        (str(len(snapshot.records("events"))), "events", "/events"),
        (str(len(snapshot.records("entities"))), "actors", "/actors"),
        (str(len(snapshot.records("stories"))), "stories", "#stories"),
    ]
    cards = "".join(f'<a class="stat" href="{href}"><span class="value">{esc(value)}</span>'
                    f'<span class="label">{esc(label)}</span></a>' for value, label, href in stats)
    return f'<div class="stats">{cards}</div>'


def _story_list(snapshot: Snapshot) -> str:
    items = []
    for story in snapshot.records("stories"):
        summary = story.get("summary") or []
        lead = (esc(summary[0]["text"]) if summary
                else '<span class="muted">No brief: one article has nothing to compare.</span>')
        items.append(f'<li><a href="{path_of("stories", story["id"])}"><strong>'
                     f'{esc(story["title"] or story["id"])}</strong></a> '
                     f'<span class="muted">{plural(len(story["articles"]), "article")}</span>'
                     f'<br>{lead}</li>')
    return f'<ul class="plain story-list" id="stories">{"".join(items)}</ul>' if items else (
        "<p>No stories.</p>")


# --- story -----------------------------------------------------------------------------------


def story(request: Request) -> HTMLResponse:
    snapshot = _snapshot(request)
    detail = story_detail(snapshot, request.path_params["id"])
    record = detail["story"]
    corpus = corpus_of(snapshot.document)
    events_link = with_query("/events", {"story": record["id"]})
    parts = [
        f"<h1>{esc(record['title'] or record['id'])}</h1>",
        f'<p class="muted">{plural(len(record["articles"]), "article")} · '
        f'<a href="{events_link}">{plural(len(detail["events"]), "event")}</a> · '
        f"{plural(len(detail['claims']), 'claim')} · "
        f"{plural(len(detail['disagreements']), 'disagreement')}</p>",
        "<section id=\"brief\"><h2>Brief</h2>",
        story_brief(corpus, record) if record.get("summary")
        else "<p>No brief: a story of one article has nothing to compare.</p>",
        "</section>",
    ]
    timeline = timeline_section(corpus_of(_story_document(snapshot, detail)))
    if timeline:
        parts.append(f'<section id="timeline">{timeline}</section>')
    compared = (claims_matrix(corpus, record) + story_disagreements(corpus, record)
                + story_framing(corpus, record))  # fmt: skip
    if compared:
        parts.append(f'<section id="sides"><h2>Who says what</h2>{compared}</section>')
    if detail["claims"]:
        parts.append(f'<section id="claims"><h2>Claims</h2>'
                     f'{claims_table(corpus, detail["claims"])}</section>')
    return _html(record["title"] or record["id"], "".join(parts))


def _story_document(snapshot: Snapshot, detail: dict) -> dict:
    """The document narrowed to one story's events and its articles' dates, for its timeline."""
    articles = set(detail["story"]["articles"])
    timexes = [t for t in snapshot.records("timexes") if t["article"] in articles]
    return {**snapshot.document, "events": detail["events"], "timexes": timexes}


# --- events ----------------------------------------------------------------------------------


def events(request: Request) -> HTMLResponse:
    snapshot = _snapshot(request)
    params = request.query_params
    try:
        wanted = EventFilter.of(params, snapshot)
        paging = Page.of(params, EVENTS_PER_PAGE)
    except BadRequest as exc:
        body = f'<h1>Events</h1><p class="error">{esc(exc)}</p>{_event_form(snapshot, params)}'
        return _html("Events", body, "/events", status=400)
    found = find_events(snapshot, wanted)
    shown = found[paging.offset: paging.offset + paging.limit]
    table = events_table(corpus_of(snapshot.document), shown) if shown else (
        "<p>No event matches these filters.</p>")
    pager = _pager("/events", wanted.as_params(), paging, len(found))
    body = (f"<h1>Events</h1>{_event_form(snapshot, params)}"
            f"<p>{plural(len(found), 'event')} found.</p>{pager}{table}{pager}")
    return _html("Events", body, "/events")


def _event_form(snapshot: Snapshot, params) -> str:
    """The filters as a form; the page's own address carries them, so a view can be shared."""
    names = {e["id"]: e["name"] for e in snapshot.records("entities")}
    events = snapshot.records("events")

    def parties(role: str) -> list[tuple[str, str]]:
        ids = {i for e in events for i in e[role]}
        return sorted(((i, names.get(i, i)) for i in ids), key=lambda item: item[1].casefold())

    places = {e["place"]: e["place_name"] or e["place"] for e in events if e.get("place")}
    stories = [(s["id"], s["title"] or s["id"]) for s in snapshot.records("stories")]
    fields = [
        _select("type", "Type", [(t, t) for t in PLOVER_TYPES], params),
        _select("actor", "Actor", parties("actor"), params),
        _select("target", "Target", parties("target"), params),
        _select("place", "Place", sorted(places.items(), key=lambda item: item[1]), params),
        _select("story", "Story", stories, params),
        _text_field("from", "From", params), _text_field("to", "To", params),
    ]
    return (f'<form class="filters" method="get" action="/events">{"".join(fields)}'
            '<button type="submit">Show</button> <a href="/events">clear</a></form>')


def _select(name: str, label: str, options: list[tuple[str, str]], params) -> str:
    chosen = params.get(name, "")
    listed = "".join(f'<option value="{esc(value)}"{" selected" if value == chosen else ""}>'
                     f"{esc(text)}</option>" for value, text in options)
    return (f'<label>{esc(label)}<select name="{name}"><option value="">any</option>{listed}'
            "</select></label>")


def _text_field(name: str, label: str, params) -> str:
    return (f'<label>{esc(label)}<input name="{name}" value="{esc(params.get(name, ""))}" '
            'placeholder="YYYY-MM-DD" size="11"></label>')


def _pager(path: str, params: dict, paging: Page, total: int) -> str:
    if total <= paging.limit:
        return ""
    first, last = paging.offset + 1, min(paging.offset + paging.limit, total)
    links = [f'<span class="muted">{first}–{last} of {total}</span>']
    if paging.offset > 0:
        before = {**params, "offset": max(0, paging.offset - paging.limit)}
        links.insert(0, f'<a href="{esc(with_query(path, before))}" rel="prev">previous</a>')
    if last < total:
        after = {**params, "offset": last}
        links.append(f'<a href="{esc(with_query(path, after))}" rel="next">next</a>')
    return f'<div class="pager">{"".join(links)}</div>'


# --- actors ----------------------------------------------------------------------------------


def actors(request: Request) -> HTMLResponse:
    found = find_entities(_snapshot(request), request.query_params)
    rows = [table_row([f'<a href="{path_of("actors", e["id"])}"><strong>{esc(e["name"])}'
                       f'</strong></a><div class="muted">{esc(", ".join(_aliases(e)))}</div>',
                       type_badge(e["type"]), str(e["article_count"]), str(e["mention_count"])])
            for e in found]  # fmt: skip
    query = esc(request.query_params.get("q", ""))
    form = (f'<form class="filters" method="get" action="/actors"><label>Name or alias'
            f'<input name="q" value="{query}"></label><button type="submit">Find</button></form>')
    table = data_table(["Actor", "Type", "Articles", "Mentions"], rows, "actor-table")
    return _html("Actors", f"<h1>Actors</h1>{form}{table}", "/actors")


def _aliases(entity: dict) -> list[str]:
    return [a for a in entity.get("aliases", []) if a != entity["name"]]


def actor(request: Request) -> HTMLResponse:
    snapshot = _snapshot(request)
    detail = actor_detail(snapshot, request.path_params["id"])
    entity, corpus = detail["entity"], corpus_of(snapshot.document)
    aliases = _aliases(entity)
    parts = [f"<h1>{esc(entity['name'])} {type_badge(entity['type'])}</h1>",
             f'<p class="muted">Also written: {esc(", ".join(aliases))}</p>' if aliases else "",
             f"<p>{plural(len(entity.get('mentions', [])), 'mention')}.</p>"]
    for key, heading, role in (("events_as_actor", "Events by", "actor"),
                               ("events_as_target", "Events against", "target")):  # fmt: skip
        found = detail[key]
        link = with_query("/events", {role: entity["id"]})
        table = events_table(corpus, found) if found else "<p>None.</p>"
        parts.append(f'<section><h2>{heading} {esc(entity["name"])} '
                     f'<a class="muted" href="{esc(link)}">({len(found)})</a></h2>'
                     f"{table}</section>")
    parts.append(f"<section><h2>How each outlet frames {esc(entity['name'])}</h2>"
                 f"{_framing_table(detail['framing'])}</section>")
    return _html(entity["name"], "".join(parts), "/actors")


def _framing_table(framing: list[dict]) -> str:
    if not framing:
        return "<p>No outlet uses loaded terms for it, measures a tone towards it or quotes it.</p>"
    rows = []
    for outlet in framing:
        terms = "<br>".join(f"“{esc(t['term'])}” ×{esc(t.get('count'))}"
                            for t in outlet["framing_terms"])
        tone = "" if outlet["tone"] is None else f"{outlet['tone']:+.2f}"
        rows.append(table_row([f"<strong>{esc(outlet['outlet'])}</strong>", terms, tone,
                               "yes" if outlet["quoted"] else ""]))
    return data_table(["Outlet", "Loaded terms", "Tone", "Quoted"], rows, "framing-table")


# --- articles --------------------------------------------------------------------------------


def articles(request: Request) -> HTMLResponse:
    snapshot = _snapshot(request)
    try:
        found = find_articles(snapshot, request.query_params)
    except BadRequest as exc:
        return _html("Articles", f'<h1>Articles</h1><p class="error">{esc(exc)}</p>',
                     "/articles", status=400)
    corpus = corpus_of(snapshot.document)
    rows = [table_row([esc(corpus.outlet(a)),
                       f'<a href="{path_of("articles", a["id"])}">{esc(headline(a))}</a>',
                       published_label(a), str(a.get("words") or ""), _copy_note(corpus, a)])
            for a in found]  # fmt: skip
    table = data_table(["Outlet", "Title", "Published", "Words", "Notes"], rows, "article-table")
    return _html("Articles", f"<h1>Articles</h1>{table}", "/articles")


def _copy_note(corpus: Corpus, article: dict) -> str:
    return f"copy of {corpus.cite(article['copy_of'])}" if article.get("copy_of") else ""


def article(request: Request) -> HTMLResponse:
    snapshot = _snapshot(request)
    detail = read_article(request.app.state.reader, snapshot, request.path_params["id"])
    record, corpus = detail["article"], corpus_of(snapshot.document)
    story = snapshot.get("stories", record["story"]) if record.get("story") else None
    text = highlight(record["text"], article_spans(detail, _actor_href))
    legend = "".join(f'<span><mark class="hl hl-{kind}">{kind}</mark></span>' for kind in KINDS)
    events = detail["events"]
    body = (f"<h1>{esc(headline(record))}</h1>{_article_facts(corpus, record, story)}"
            f'<p class="legend muted">Marked: {legend}</p>'
            f'<div class="article-text" id="article-text">{text}</div>'
            f"<section><h2>Events it reports</h2>"
            f"{events_table(corpus, events) if events else '<p>None.</p>'}</section>")
    return _html(headline(record), body, "/articles")


def _article_facts(corpus: Corpus, record: dict, story: dict | None) -> str:
    facts = [("Outlet", esc(corpus.outlet(record))), ("Published", published_label(record))]
    if record.get("author"):
        facts.append(("Author", esc(record["author"])))
    url = safe_url(record.get("url"))
    if url:
        facts.append(("Address", f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'))
    if story:
        facts.append(("Story", f'<a href="{path_of("stories", story["id"])}">'
                               f"{esc(story['title'] or story['id'])}</a>"))
    if record.get("copy_of"):
        facts.append(("Copy of", cites(corpus, [record["copy_of"]])))
    if record.get("republished_from"):
        facts.append(("Republished from", esc(record["republished_from"])))
    return '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"


routes = [
    Route("/", index),
    Route("/stories/{id}", story),
    Route("/events", events),
    Route("/actors", actors),
    Route("/actors/{id}", actor),
    Route("/articles", articles),
    Route("/articles/{id}", article),
]
