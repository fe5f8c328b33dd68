"""The `manysides` command: a thin layer over the library."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from pathlib import Path

import click
from rich.console import Console

from manysides import __version__
from manysides.errors import ManysidesError

# Exit codes a script can act on.
EXIT_ERROR = 1
EXIT_SOME_INPUTS_FAILED = 3
EXIT_INTERRUPTED = 130

console = Console(stderr=False)
errors = Console(stderr=True)


class ManysidesGroup(click.Group):
    """Prints our errors as one line, without a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ManysidesError as exc:
            errors.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            errors.print("interrupted: every finished batch is stored; run the same command "
                         "again to resume", soft_wrap=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=ManysidesGroup)
@click.version_option(__version__, prog_name="manysides")
def main() -> None:
    """Read many news articles about the same events; tell what happened and who says what."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder for the outputs.")
@click.option("--demo", is_flag=True, help="Analyse the demo corpus bundled with manysides.")
@click.option("--max-bytes", default=5_000_000, show_default=True,
              help="Inputs larger than this are refused.")
@click.option("--batch-size", default=64, show_default=True,
              help="Articles stored per transaction (at most, with --workers or --dask).")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Annotate on N worker processes of a local Dask cluster.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Annotate on the workers of a running Dask scheduler, e.g. "
                   "tcp://scheduler:8786 (they must reach the output folder at the same path).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def analyze(inputs, out_dir, demo, max_bytes, batch_size, workers, dask_address, quiet) -> None:
    """Analyse articles from folders, files (.txt .html .jsonl .csv), URLs and feeds.

    Writes OUT/analysis.json, OUT/report.html and OUT/manysides.duckdb, and prints a
    summary. Running it again on the same input adds nothing twice; stored articles that an
    earlier version of manysides annotated are annotated again.

    Annotation (the per-article stage) runs in this process unless --workers or --dask sends
    it to a Dask cluster; the results are the same either way.

    Example: manysides analyze articles/ feed.xml https://example.org/story.html -o out/
    """
    from manysides.pipeline import analyze as run_analysis
    from manysides.report.terminal import ProgressDisplay, print_summary

    if not inputs and not demo:
        raise click.UsageError("give at least one input (folder, file, URL or feed), or --demo")
    if workers is not None and dask_address is not None:
        raise click.UsageError("give --workers or --dask, not both")
    with _demo_inputs(demo) as demo_paths:
        all_inputs = [*inputs, *demo_paths]
        with ProgressDisplay(console, enabled=not quiet) as display:
            result = run_analysis(all_inputs, out_dir, max_bytes=max_bytes,
                                  batch_size=batch_size, progress=display.update,
                                  workers=workers, dask=dask_address)
    for failure in result.failures:
        errors.print(f"[yellow]skipped[/] {failure}", highlight=False, soft_wrap=True)
    if not quiet:
        print_summary(console, result)
    if result.failures:
        sys.exit(EXIT_SOME_INPUTS_FAILED)


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def report(out_dir) -> None:
    """Rebuild analysis.json and report.html from the store in OUT_DIR, and print the summary.

    Example: manysides report out/
    """
    from manysides.pipeline import RunResult, rebuild_outputs
    from manysides.report.terminal import print_summary

    document = rebuild_outputs(out_dir)
    print_summary(console, RunResult(out_dir=out_dir, analysis=document))


@main.command()
@click.argument("store_path", type=click.Path(exists=True, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["plover", "gdelt", "acled", "json"]),
              default="plover", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
def export(store_path, fmt, output) -> None:
    """Export the events of a store (or an output folder) in a format event-data users load.

    plover: one PLOVER JSON record a line; gdelt: GDELT-style tab-separated event rows;
    acled: ACLED-style CSV rows; json: the whole analysis.json document.

    Example: manysides export out/manysides.duckdb --format acled > events.csv
    """
    import json

    from manysides.event_formats import write_events
    from manysides.export import analysis_document
    from manysides.pipeline import STORE_NAME
    from manysides.store import Store

    if store_path.is_dir():
        store_path = store_path / STORE_NAME
    with Store(store_path) as store:
        document = analysis_document(store)
    if fmt == "json":
        json.dump(document, output, ensure_ascii=False, indent=1)
        return
    rows = write_events(document["events"], document, fmt, output)
    errors.print(f"{rows} events written ({fmt})", highlight=False)


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-s", "--story", "story_id", help="Story id (or the start of one); default: the "
              "story with the most articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "md"]), default="text",
              show_default=True, help="Plain text for the terminal, or Markdown.")
@click.option("--list", "list_stories", is_flag=True, help="List the stories and their ids.")
def brief(out_dir, story_id, fmt, list_stories) -> None:
    """Print the neutral brief of a story: every sentence cites the articles it rests on.

    Example: manysides brief out/ --story story-aaaa73 --format md
    """
    from manysides.pipeline import STORE_NAME
    from manysides.store import Store
    from manysides.summarize import render_brief_markdown, render_brief_text

    with Store(out_dir / STORE_NAME) as store:
        stories, articles = store.results("stories"), store.articles()
    if list_stories:
        for story in stories:
            click.echo(f"{story['id']}\t{len(story['articles'])} articles\t{story['title']}")
        return
    story = _pick_story(stories, story_id)
    render = render_brief_markdown if fmt == "md" else render_brief_text
    click.echo(render(story, story["summary"], articles))


@main.command()
@click.argument("store_path", metavar="OUT_DIR_OR_STORE",
                type=click.Path(exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network this machine is on).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free one).")
def serve(store_path, host, port) -> None:
    """Browse a store in the web browser: stories with their briefs, claims and disagreements,
    events with filters, actors, articles with their spans marked, and a JSON API under /api.

    Reads the output folder's store (or the store file given) without changing it; a run of
    `manysides analyze` can add to it meanwhile, and the pages show the new results. Ctrl-C stops.

    Example: manysides serve out/ --port 8000
    """
    from manysides.web import serve as run_server

    def ready(address: str) -> None:
        console.print(f"Serving {store_path} at {address}  (Ctrl-C to stop)", highlight=False,
                      soft_wrap=True)

    try:
        run_server(store_path, host, port, ready=ready)
    except KeyboardInterrupt:
        pass
    console.print("Stopped.", highlight=False)


def _pick_story(stories: list[dict], story_id: str | None) -> dict:
    if not stories:
        raise ManysidesError("no stories in this store: run `manysides analyze` first")
    if story_id is None:
        return stories[0]
    found = [s for s in stories if s["id"] == story_id] or [
        s for s in stories if s["id"].startswith(story_id)]
    if len(found) != 1:
        known = ", ".join(s["id"] for s in stories[:10])
        raise ManysidesError(f"story {story_id!r} {'is ambiguous' if found else 'not found'}; "
                             f"stories: {known}")
    return found[0]


@contextmanager
def _demo_inputs(enabled: bool) -> Iterator[list[str]]:
    """The bundled demo folder as a real path, for as long as the run needs it."""
    if not enabled:
        yield []
        return
    with as_file(files("manysides") / "data" / "demo") as folder:
        yield [str(folder)]


if __name__ == "__main__":
    main()
