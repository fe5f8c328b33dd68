"""The JSON API under /api: the records of analysis.json, filtered and paged, and the exports."""

from __future__ import annotations

import io
import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from manysides.web import queries
from manysides.web.corpus import CorpusReader, Snapshot

# format -> (media type, file name) of `manysides export --format FORMAT`
EXPORTS = {
    "plover": ("application/x-ndjson; charset=utf-8", "events.plover.jsonl"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "events.gdelt.tsv"),
    "acled": ("text/csv; charset=utf-8", "events.acled.csv"),
    "json": ("application/json; charset=utf-8", "analysis.json"),
}

ENDPOINTS = {
    "/api/stories": "stories, each with its brief (summary) and timeline",
    "/api/stories/{id}": "a story with its articles, claims, disagreements and events",
    "/api/events": "events; filters: type, actor, target, place, story, from, to; limit, offset",
    "/api/events/{id}": "one event",
    "/api/entities": "actors with their aliases and mention counts; filters: type, q",
    "/api/entities/{id}": "an actor, the events by and against it, each outlet's framing of it",
    "/api/articles": "articles; filters: outlet, story; limit, offset",
    "/api/articles/{id}": "an article with its text, its spans and the events it reports",
    "/api/claims": "claims; filter: story",
    "/api/claims/{id}": "one claim",
    "/api/disagreements": "disagreements; filters: story, kind",
    "/api/disagreements/{id}": "one disagreement",
    "/api/places": "places with coordinates and mentions",
    "/api/outlets": "outlets with their framing",
    "/api/export?format=plover|gdelt|acled|json": "the events as `manysides export` writes them",
}


def _reader(request: Request) -> CorpusReader:
    return request.app.state.reader


def _snapshot(request: Request) -> Snapshot:
    return _reader(request).snapshot()


def _paged(request: Request, key: str, records: list[dict]) -> JSONResponse:
    return JSONResponse(queries.Page.of(request.query_params).of_list(key, records))


def overview(request: Request) -> JSONResponse:
    document = _snapshot(request).document
    counts = {key: len(value) for key, value in document.items() if isinstance(value, list)}
    return JSONResponse({"schema": document["schema"], "counts": counts,
                         "endpoints": ENDPOINTS})  # fmt: skip


def stories(request: Request) -> JSONResponse:
    return JSONResponse({"stories": _snapshot(request).records("stories")})


def story(request: Request) -> JSONResponse:
    return JSONResponse(queries.story_detail(_snapshot(request), request.path_params["id"]))


def events(request: Request) -> JSONResponse:
    snapshot = _snapshot(request)
    page = queries.Page.of(request.query_params)  # before the filters: a bad limit is a bad request
    found = queries.find_events(snapshot, queries.EventFilter.of(request.query_params, snapshot))
    return JSONResponse(page.of_list("events", found))


def entities(request: Request) -> JSONResponse:
    found = queries.find_entities(_snapshot(request), request.query_params)
    return _paged(request, "entities", found)


def entity(request: Request) -> JSONResponse:
    return JSONResponse(queries.actor_detail(_snapshot(request), request.path_params["id"]))


def articles(request: Request) -> JSONResponse:
    found = queries.find_articles(_snapshot(request), request.query_params)
    return _paged(request, "articles", found)


def article(request: Request) -> JSONResponse:
    detail = queries.read_article(_reader(request), _snapshot(request), request.path_params["id"])
    return JSONResponse(detail)


def claims(request: Request) -> JSONResponse:
    story_id = request.query_params.get("story") or None
    found = queries.in_story(_snapshot(request), "claims", story_id)
    return _paged(request, "claims", found)


def disagreements(request: Request) -> JSONResponse:
    story_id = request.query_params.get("story") or None
    found = queries.in_story(_snapshot(request), "disagreements", story_id)
    kind = request.query_params.get("kind")
    found = [d for d in found if not kind or d["kind"] == kind]
    return _paged(request, "disagreements", found)


def places(request: Request) -> JSONResponse:
    found = _snapshot(request).records("places")
    return _paged(request, "places", found)


def outlets(request: Request) -> JSONResponse:
    return JSONResponse({"outlets": _snapshot(request).records("outlets")})


def one(kind: str, key: str):
    """The endpoint of one record of a kind, under the name `key`."""

    def endpoint(request: Request) -> JSONResponse:
        record = queries.lookup(_snapshot(request), kind, request.path_params["id"])
        return JSONResponse({key: record})

    return endpoint


def export(request: Request) -> Response:
    """The bytes `manysides export --format FORMAT` writes, as a download."""
    fmt = request.query_params.get("format", "plover")
    if fmt not in EXPORTS:
        raise queries.BadRequest(f"unknown format {fmt!r}; one of {', '.join(EXPORTS)}")
    document = _snapshot(request).document
    out = io.StringIO()
    if fmt == "json":
        json.dump(document, out, ensure_ascii=False, indent=1)
    else:
        from manysides.event_formats import write_events  # slow to import: only when asked

        write_events(document["events"], document, fmt, out)
    media_type, name = EXPORTS[fmt]
    return Response(out.getvalue().encode("utf-8"), media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


routes = [
    Route("/api", overview),
    Route("/api/stories", stories),
    Route("/api/stories/{id}", story),
    Route("/api/events", events),
    Route("/api/events/{id}", one("events", "event")),
    Route("/api/entities", entities),
    Route("/api/entities/{id}", entity),
    Route("/api/articles", articles),
    Route("/api/articles/{id}", article),
    Route("/api/claims", claims),
    Route("/api/claims/{id}", one("claims", "claim")),
    Route("/api/disagreements", disagreements),
    Route("/api/disagreements/{id}", one("disagreements", "disagreement")),
    Route("/api/places", places),
    Route("/api/outlets", outlets),
    Route("/api/export", export),
]
