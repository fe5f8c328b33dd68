"""`manysides serve`: a read-only web app and JSON API over a store.

    corpus.py     reads the store (read-only, briefly) into a snapshot of analysis.json's records
    queries.py    filters, paging and per-record details over a snapshot: the API's JSON
    api.py        the JSON endpoints under /api
    pages.py      the HTML pages, drawn with the static report's pieces
    highlight.py  an article's text with its spans marked
    layout.py     the frame every page shares
    app.py        the Starlette app: routes, errors, headers
    server.py     uvicorn, until Ctrl-C
"""

from manysides.web.app import create_app
from manysides.web.server import serve

__all__ = ["create_app", "serve"]
