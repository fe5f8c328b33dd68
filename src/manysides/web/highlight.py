"""An article's text with its spans marked: actors, places, dates, event sentences and triggers.

Spans overlap (an actor inside an event sentence, "Washington" both a place and an actor), so the
text is cut at every span edge and each piece is marked with all the spans that cover it.
"""

from __future__ import annotations

from dataclasses import dataclass

from manysides.report.svg import esc

KINDS = ("event", "trigger", "entity", "place", "time")  # how the legend lists them


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # one of KINDS
    label: str  # what the reader sees on hover
    href: str | None = None  # where the piece links (an actor's page)
    ref: str | None = None  # the id of what the span stands for


def article_spans(detail: dict, actor_href) -> list[Span]:
    """The spans of an article's detail (queries.article_detail) worth marking."""
    notes = detail["annotations"]
    spans = [Span(m["start"], m["end"], "entity", f"actor: {m['name']}",
                  actor_href(m["entity"]), m["entity"]) for m in notes["entities"]]
    spans += [Span(m["start"], m["end"], "place", f"place: {m['name']}", None, m["place"])
              for m in notes["places"]]  # fmt: skip
    spans += [Span(t["start"], t["end"], "time", f"date: {t['value']}")
              for t in notes["timexes"]]  # fmt: skip
    for event in notes["events"]:
        kind = event["type"] + (f" ({event['mode']})" if event.get("mode") else "")
        spans.append(Span(event["sentence_start"], event["sentence_end"], "event",
                          f"event: {kind}", None, event["event"]))
        spans.append(Span(event["trigger_start"], event["trigger_end"], "trigger",
                          f"trigger: {event['trigger']}"))
    return spans


def highlight(text: str, spans: list[Span]) -> str:
    """The text as markup, each piece inside its spans marked with their kinds; an event
    sentence's first piece carries the anchor s-START for links to it."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    edges = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    anchors = {s.start for s in spans if s.kind == "event"}
    pieces = []
    for start, end in zip(edges, edges[1:], strict=False):
        covering = [s for s in spans if s.start <= start and end <= s.end]
        pieces.append(_piece(text[start:end], covering, start if start in anchors else None))
    return "".join(pieces)


def _piece(text: str, covering: list[Span], anchor: int | None) -> str:
    ident = f' id="s-{anchor}"' if anchor is not None else ""
    if not covering:
        return f"<span{ident}>{esc(text)}</span>" if ident else esc(text)
    kinds = sorted({s.kind for s in covering}, key=KINDS.index)
    title = "; ".join(dict.fromkeys(s.label for s in covering))
    refs = {}  # kind -> the first id of that kind covering the piece
    for span in covering:
        if span.ref and span.kind in ("entity", "place", "event"):
            refs.setdefault(span.kind, span.ref)
    data = "".join(f' data-{kind}="{esc(ref)}"' for kind, ref in refs.items())
    linked = next((s.href for s in covering if s.href), None)
    classes = " ".join(f"hl-{kind}" for kind in kinds)
    if linked:
        return (f'<a{ident} class="hl {classes}" href="{esc(linked)}" title="{esc(title)}"'
                f"{data}>{esc(text)}</a>")
    return f'<mark{ident} class="hl {classes}" title="{esc(title)}"{data}>{esc(text)}</mark>'
