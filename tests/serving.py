"""A real store of the demo corpus and a real server over it, for the web tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from manysides.pipeline import analyze
from manysides.web import create_app
from manysides.web.server import bind

DEMO = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "demo"


def analyse_demo(out_dir: Path) -> Path:
    """Analyse the bundled demo corpus into out_dir, as `manysides analyze --demo` does."""
    result = analyze([str(DEMO)], out_dir)
    assert not result.failures, result.failures
    return out_dir


@contextmanager
def running_server(path: Path) -> Iterator[str]:
    """The web app over the store at path, listening on a free loopback port in a background
    thread; yields its address ("http://127.0.0.1:PORT") and stops it afterwards."""
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(path), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
