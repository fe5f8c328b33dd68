"""The frame every page shares: the report's styles, a navigation bar, no scripts."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from manysides.report.html import STYLE
from manysides.report.svg import esc

# Pages load nothing but themselves: styles inline, charts inline SVG, no scripts at all.
POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
          "base-uri 'none'; frame-ancestors 'none'")

NAV = (("/", "Overview"), ("/events", "Events"), ("/actors", "Actors"),
       ("/articles", "Articles"), ("/api", "JSON API"))  # fmt: skip

_HERE = ' class="here" aria-current="page"'

WEB_STYLE = """
nav a.here { text-decoration:underline; }
a.stat { color:inherit; text-decoration:none; } a.stat:hover { border-color:var(--accent); }
.lead { font-size:16px; }
.story-list li { margin:0 0 12px; }
form.filters { display:flex; flex-wrap:wrap; gap:10px 16px; align-items:flex-end;
  background:var(--soft); border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted);
  text-transform:uppercase; letter-spacing:.04em; gap:3px; }
form.filters select, form.filters input { font:inherit; font-size:14px; padding:4px 6px;
  border:1px solid #cbd2d9; border-radius:5px; max-width:260px; }
form.filters button { font:inherit; padding:5px 14px; border-radius:5px; border:1px solid
  var(--accent); background:var(--accent); color:#fff; cursor:pointer; }
.pager { display:flex; gap:16px; align-items:center; margin:8px 0; }
.error { border-left:4px solid #b9736a; background:#fbeeec; padding:10px 14px; }
.article-text { white-space:pre-wrap; font-size:16px; line-height:1.7; max-width:78ch;
  font-family:Georgia,"Times New Roman",serif; }
.hl { background:none; color:inherit; padding:0; }
a.hl { text-decoration:none; }
.hl-event { background:#fbf3d5; }
.hl-trigger { font-weight:700; background:#f3dfa2; }
.hl-entity { border-bottom:2px solid #6b93b8; }
.hl-place { border-bottom:2px solid #5f9c98; background:#e3f1ef; }
.hl-time { border-bottom:2px dotted #8d78ad; background:#efe9f6; }
.legend span { margin-right:14px; font-size:13px; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 14px; margin:8px 0 16px; }
dl.facts dt { color:var(--muted); font-size:13px; } dl.facts dd { margin:0; }
"""


def page(title: str, body: str, here: str = "") -> str:
    """A whole page: title, navigation (with `here` marked), and the body markup."""
    nav = "".join(f'<a href="{href}"{_HERE if href == here else ""}>{esc(name)}</a>'
                  for href, name in NAV)  # fmt: skip
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · manysides</title><style>{STYLE}{WEB_STYLE}</style></head><body>"
        f'<nav aria-label="Pages">{nav}</nav><main>{body}</main>'
        "<footer>Made by manysides. Places: GeoNames. Country outlines: Natural Earth.</footer>"
        "</body></html>\n"
    )


def path_of(kind: str, record_id: str) -> str:
    """The page of a record: /stories/ID, /articles/ID, /actors/ID."""
    return f"/{kind}/{quote(record_id, safe='')}"


def with_query(path: str, params: dict[str, object]) -> str:
    shown = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{path}?{urlencode(shown)}" if shown else path
