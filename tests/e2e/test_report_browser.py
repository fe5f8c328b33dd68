"""The report in a real headless Chromium: its script runs, its filter works, it draws something."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from manysides.report.html import write_html
from tests.test_report_html import sample_analysis, tiny_world

pytestmark = pytest.mark.browser

SECTIONS = ("articles", "actors", "map", "timeline", "failures")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium)")


def _run_chromium(folder: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--hide-scrollbars", f"--user-data-dir={folder / 'profile'}",
        *arguments,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    path = folder / "report.html"
    write_html(sample_analysis(), path, world_path=tiny_world(folder))
    return path


def _open(page: Path, query: str = "") -> subprocess.CompletedProcess:
    """The page's DOM after its scripts ran (stdout), with the browser's console log (stderr)."""
    return _run_chromium(page.parent, "--enable-logging=stderr", "--v=0",
                         "--virtual-time-budget=3000", "--dump-dom", page.as_uri() + query)


@pytest.fixture(scope="module")
def opened(report: Path) -> subprocess.CompletedProcess:
    return _open(report, "?actor=kerry")  # a filter asked for in the address


@pytest.fixture(scope="module")
def dom(opened) -> str:
    return opened.stdout


def test_page_loads_nothing_and_breaks_no_policy(opened):
    assert "Content Security Policy" not in opened.stderr
    assert "net::ERR" not in opened.stderr


def test_policy_would_stop_a_script_smuggled_into_the_page(report):
    page = report.read_text(encoding="utf-8")
    smuggled = '<script>document.documentElement.setAttribute("data-pwned", "yes")</script>'
    tampered = report.parent / "tampered.html"
    tampered.write_text(page.replace("<main>", "<main>" + smuggled, 1), encoding="utf-8")
    result = _open(tampered)
    assert 'data-report-ready="yes"' in result.stdout  # our own script still runs
    assert 'data-pwned="yes"' not in result.stdout


def test_script_ran_under_the_page_policy(dom):
    # The attribute is set at the end of our script: present only if the CSP let it run.
    assert 'data-report-ready="yes"' in dom
    assert 'id="actor-filter"' in dom
    for section in SECTIONS:
        assert f'<section id="{section}">' in dom


def test_actor_filter_from_the_address_hides_the_others(dom):
    table = dom[dom.index('id="actor-table"'): dom.index("</table>", dom.index('id="actor-table"'))]
    rows = table.split("<tr")[2:]  # skip the header row
    shown = [row for row in rows if " hidden" not in row.split(">")[0]]
    assert len(rows) == 5 and len(shown) == 1
    assert "John Kerry" in shown[0]
    assert "showing 1 of 5" in dom


def test_untrusted_title_stays_text_in_the_browser(dom):
    assert dom.count("<script") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def _png_pixels_summary(png: bytes) -> tuple[int, int, float]:
    """(width, height, share of non-zero bytes in the filtered image data)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", png[16:24])
    data, offset = b"", 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset: offset + 8])
        if kind == b"IDAT":
            data += png[offset + 8: offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    return width, height, sum(1 for byte in raw if byte) / len(raw)


def test_screenshot_is_drawn(report):
    shot = report.parent / "shot.png"
    _run_chromium(report.parent, f"--screenshot={shot}", "--window-size=1280,2400",
                  "--virtual-time-budget=3000", report.as_uri())
    png = shot.read_bytes()
    width, height, busy = _png_pixels_summary(png)
    assert (width, height) == (1280, 2400)
    assert len(png) > 30_000, "the screenshot is almost empty"
    assert busy > 0.01, "the screenshot is blank"
