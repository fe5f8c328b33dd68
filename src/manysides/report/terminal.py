"""The terminal side: a progress display while analysing, and a summary when done."""

from __future__ import annotations

from collections import Counter, defaultdict

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

TOP_ACTORS = 12
TOP_PLACES = 10
TOP_DATES = 12
TOP_EVENTS = 15
TOP_DISAGREEMENTS = 10
DATED_GRANULARITIES = ("day", "week", "month")


class ProgressDisplay:
    """One rich progress bar per pipeline stage, fed by the pipeline's progress callback.

    Where the output is not a terminal (a log file, a cron job) bars cannot redraw, so each
    stored batch and each finished stage is written as a plain line instead.
    """

    def __init__(self, console: Console, enabled: bool = True):
        self.console = console
        self.plain = enabled and not console.is_terminal
        self.progress = Progress(
            TextColumn("[bold]{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=console, disable=not enabled or self.plain,
            transient=False,
        )
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> ProgressDisplay:
        self.progress.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.progress.stop()

    def update(self, stage: str, done: int, total: int | None) -> None:
        if self.plain:
            if total is not None and (done or not total):
                self.console.out(f"{stage}: {done}/{total}", highlight=False)
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)


def print_summary(console: Console, result) -> None:
    """What a user wants to see first: the articles, the actors, the places, the dates."""
    analysis = result.analysis
    titles = {a["id"]: a for a in analysis["articles"]}
    console.print(_headline(analysis, result))
    console.print(_outlets_table(analysis["articles"]))
    console.print(_actors_table(analysis["entities"]))
    console.print(_places_table(analysis["places"]))
    console.print(_dates_table(analysis["timexes"], titles))
    if analysis.get("events"):
        console.print(_events_table(analysis["events"]))
    if analysis.get("stories"):
        console.print(_stories_table(analysis["stories"], titles))
    if analysis.get("disagreements"):
        console.print(_disagreements_table(analysis["disagreements"]))
    if analysis.get("stories") and analysis["stories"][0]["summary"]:
        _print_brief(console, analysis["stories"][0])
    console.print(
        f"Wrote [bold]{result.json_path}[/], [bold]{result.report_path}[/] and "
        f"[bold]{result.store_path}[/]", highlight=False,
    )


def _add_row(table: Table, *cells: str) -> None:
    """Cells hold text from the articles: shown as written, never read as rich markup."""
    table.add_row(*(Text(cell) for cell in cells))


def _headline(analysis: dict, result) -> str:
    articles = analysis["articles"]
    dates = sorted(a["published"][:10] for a in articles if a["published"])
    outlets = {a["outlet"] for a in articles if a["outlet"]}
    span = f", {dates[0]} to {dates[-1]}" if dates else ""
    seen = result.added + result.already_stored
    counts = f"{result.added} new, {result.already_stored} already stored" if seen else ""
    if result.reannotated:  # stored articles whose annotations an earlier version made
        again = f"{result.reannotated} re-annotated from an earlier version"
        counts = f"{counts}, {again}" if counts else again
    counts = f" ({counts})" if counts else ""
    failed = len(analysis.get("failures", []))
    failures = f", [yellow]{failed} inputs failed[/]" if failed else ""
    return (f"\n[bold]{len(articles)} articles{counts} from {len(outlets)} outlets{span}"
            f"{failures}[/]")


def _outlets_table(articles: list[dict]) -> Table:
    table = Table(title="Articles by outlet and date", title_justify="left")
    for column in ("Outlet", "Articles", "Dates", "Copies"):
        table.add_column(column)
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for article in articles:
        by_outlet[article["outlet"] or "(unknown)"].append(article)
    for outlet, items in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        dates = sorted({a["published"][:10] for a in items if a["published"]})
        copies = sum(1 for a in items if a["copy_of"] or a["republished_from"])
        _add_row(table, outlet, str(len(items)), _date_span(dates), str(copies or ""))
    return table


def _date_span(dates: list[str]) -> str:
    if not dates:
        return "unknown"
    return dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}"


def _actors_table(entities: list[dict]) -> Table:
    table = Table(title="Leading actors", title_justify="left")
    for column in ("Actor", "Type", "Mentions", "Articles", "Also called"):
        table.add_column(column, overflow="fold")
    actors = [e for e in entities if e["type"] != "PLACE"]
    for entity in sorted(actors, key=lambda e: -len(e["mentions"]))[:TOP_ACTORS]:
        aliases = [a for a in entity["aliases"] if a != entity["name"]]
        articles = {m["article"] for m in entity["mentions"]}
        _add_row(table, entity["name"], entity["type"], str(len(entity["mentions"])),
                      str(len(articles)), ", ".join(aliases[:6]))
    return table


def _places_table(places: list[dict]) -> Table:
    table = Table(title="Places", title_justify="left")
    for column in ("Place", "Country", "Lat, lon", "Mentions"):
        table.add_column(column)
    for place in sorted(places, key=lambda p: -len(p["mentions"]))[:TOP_PLACES]:
        where = f"{place['lat']:.2f}, {place['lon']:.2f}" if place["lat"] is not None else ""
        _add_row(table, place["name"], place["country"] or "", where, str(len(place["mentions"])))
    return table


def _dates_table(timexes: list[dict], articles: dict[str, dict]) -> Table:
    table = Table(title="Dated mentions", title_justify="left")
    for column in ("Date", "Mentions", "As written", "Outlets"):
        table.add_column(column, overflow="fold")
    by_value: dict[str, list[dict]] = defaultdict(list)
    for timex in timexes:
        if timex["granularity"] in DATED_GRANULARITIES:
            by_value[timex["value"]].append(timex)
    busiest = sorted(by_value.items(), key=lambda kv: -len(kv[1]))[:TOP_DATES]
    for value, items in sorted(busiest):
        written = Counter(t["text"] for t in items).most_common(4)
        outlets = {(articles.get(t["article"]) or {}).get("outlet") or "?" for t in items}
        _add_row(table, value, str(len(items)), ", ".join(f'"{w}"' for w, _ in written),
                      ", ".join(sorted(outlets)))
    return table


def _events_table(events: list[dict]) -> Table:
    """The best-corroborated events in date order: what happened, by several accounts."""
    table = Table(title="Events (best corroborated; * claimed, ? hypothetical)",
                  title_justify="left")
    table.add_column("Date", no_wrap=True, min_width=10)
    table.add_column("Type", no_wrap=True, min_width=9)
    for column in ("Who", "Whom", "Where"):
        table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=24)
    table.add_column("Sources", justify="right", min_width=7)
    asserted = [e for e in events if not e["negated"]]
    leading = sorted(asserted, key=_corroboration)
    for event in sorted(leading[:TOP_EVENTS], key=lambda e: (not e["date"], e["date"] or "")):
        who = ", ".join(event["actor_names"] or event["actor_text"]) or "?"
        whom = ", ".join(event["target_names"] or event["target_text"])
        _add_row(table, event["date"] or "", event["type"] + _event_flags(event), who, whom,
                      event["place_name"] or "", str(event["independent_sources"]))
    return table


def _corroboration(event: dict) -> tuple:
    """Most outlets first; among equals, deeds that happened and whose doer is known."""
    known_doer = bool(event["actor_names"] or event["actor_text"])
    return (-event["independent_sources"], event["hypothetical"], event["status"] == "claimed",
            not known_doer, -event["confidence"])


def _event_flags(event: dict) -> str:
    claimed = "*" if event["status"] == "claimed" else ""
    return claimed + ("?" if event["hypothetical"] else "")


def _stories_table(stories: list[dict], articles: dict[str, dict]) -> Table:
    table = Table(title="Stories", title_justify="left")
    for column in ("Story", "Title", "Articles", "Outlets", "Brief supported"):
        table.add_column(column, overflow="fold")
    for story in stories:
        outlets = {(articles.get(a) or {}).get("outlet") or "?" for a in story["articles"]}
        support = story.get("brief_support")
        _add_row(table, story["id"], story["title"], str(len(story["articles"])),
                      str(len(outlets)), "" if support is None else f"{support:.0%}")
    return table


def _held(position: dict) -> str:
    """ "400,000 killed (CNN)"; a quoted voice's side: "a US official: ... (CNN)"."""
    voice = f"{position['voice']}: " if position.get("voice") else ""
    return f"{voice}{position['position']} ({', '.join(position.get('outlets') or [])})"


def _disagreements_table(disagreements: list[dict]) -> Table:
    table = Table(title="Where outlets disagree", title_justify="left")
    table.add_column("Kind", no_wrap=True)
    table.add_column("About", overflow="fold")
    table.add_column("Positions (outlets)", overflow="fold")
    for item in disagreements[:TOP_DISAGREEMENTS]:
        positions = "; ".join(
            _held(p) for p in item["positions"][:5])
        _add_row(table, item["kind"], item["topic"], positions)
    return table


def _print_brief(console: Console, story: dict) -> None:
    console.print(Text(f"\nBrief: {story['title']}", style="bold"),
                  "(every sentence cites article ids)")
    for sentence in story["summary"]:
        console.print(Text(f"  • {sentence['text']}"))
    console.print(f"  [dim]manysides brief OUT --story {story['id']} --format md[/]")
