"""The neutral brief of a story: corroborated facts, contested points, single-source points.

    write_brief(story, claims, disagreements, events, articles) -> [{text, sources, kind,
                                                                    supported, support}]
    check_brief(sentences, articles) -> the sentences checked, fixed or dropped
    render_brief_markdown(story, sentences, articles) / render_brief_text(...) -> str

Every sentence is built from templates over the structured claims, events and disagreements
and from the sources' own sentences, compressed (no attribution, hedges, loaded labels), so the
brief is deterministic. Every sentence ends with its citation: the article ids it rests on,
shortened to their first six characters (longer when two articles share a prefix), in
brackets, e.g. "[e8319c, b0b9d2]"; `sources` holds the full ids. Kinds: "corroborated" (two or
more independent outlets), "contested" (outlets disagree; each side named), "single-source"
(one outlet, flagged in the text), "context" (background when nothing else is known).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from manysides.events import source_origins
from manysides.records import Article
from manysides.summarize_check import brief_support_rate, check_brief
from manysides.summarize_draft import Draft, draft_brief, restates, same_fact
from manysides.summarize_text import outlet_name, short_ids

__all__ = [
    "brief_support_rate", "check_brief", "draft_brief", "render_brief_markdown",
    "render_brief_text", "write_brief",
]  # fmt: skip

MAX_SINGLE_SOURCE = 2
KIND_ORDER = ("corroborated", "contested", "single-source", "context")
KIND_HEADINGS = {"corroborated": "Corroborated", "contested": "Contested",
                 "single-source": "Single source", "context": "Context"}  # fmt: skip


def write_brief(
    story: dict,
    claims: list[dict],
    disagreements: list[dict],
    events: list[dict],
    articles: Sequence[Article],
    *,
    max_sentences: int = 10,
    aliases: Mapping[str, Iterable[str]] | None = None,
) -> list[dict]:
    """A short neutral summary of the story whose every sentence the checker found supported.

    `aliases` (a name -> its other names) lets the checker accept a name its sources spell
    differently; without it surface forms and accent folding are used.
    """
    draft = draft_brief(story, claims, disagreements, events, articles)
    checked = check_brief(_flat(draft), articles, aliases=aliases)
    return _select(_most_backed_first(checked, articles), max_sentences)


def _most_backed_first(sentences: list[dict], articles: Sequence[Article]) -> list[dict]:
    """Corroborated facts ordered by the outlets still cited once the checker has dropped the
    citations that do not state them (the draft ranked them by the claims' outlets), and the
    contested points by what the checker left of their sides."""
    origins = source_origins(articles)

    def outlets(sentence: dict) -> int:
        return len({origins.get(s, s) for s in sentence.get("sources", [])})

    facts: list[dict] = []
    for fact in sorted((s for s in sentences if s["kind"] == "corroborated"),
                       key=lambda s: -outlets(s)):  # fmt: skip
        if not any(same_fact(fact, kept) or restates(fact, kept) for kept in facts):
            facts.append(fact)
    contested = _one_of_each_kind_first([s for s in sentences if s["kind"] == "contested"])
    singles = [s for s in sentences if s["kind"] == "single-source"
               and not any(restates(s, fact) for fact in facts)]  # fmt: skip
    return facts + contested + singles + [s for s in sentences if s["kind"] == "context"]


def _one_of_each_kind_first(sentences: list[dict]) -> list[dict]:
    """A number, a blame, a label and a fact dispute before a second of any kind, so a short
    brief shows every way the outlets disagree; within a kind, the most sides first."""
    ranked = sorted(sentences, key=lambda s: -len(s.get("positions") or []))
    seen: dict[str, int] = {}
    order = []
    for index, sentence in enumerate(ranked):
        kind = (sentence.get("basis") or {}).get("kind", "")
        seen[kind] = seen.get(kind, -1) + 1
        order.append((seen[kind], index))
    return [ranked[index] for _, index in sorted(order)]


def _flat(draft: Draft) -> list[dict]:
    return draft.facts + draft.contested + draft.singles + draft.context


def _select(sentences: list[dict], limit: int) -> list[dict]:
    """Up to `limit` sentences: facts, contested points, then one or two single-source ones."""
    by_kind = {kind: [s for s in sentences if s["kind"] == kind] for kind in KIND_ORDER}
    quota = _quotas({k: len(v) for k, v in by_kind.items()}, limit)
    return [s for kind in KIND_ORDER for s in by_kind[kind][: quota[kind]]]


def _quotas(available: dict[str, int], limit: int) -> dict[str, int]:
    single = min(available["single-source"], MAX_SINGLE_SOURCE if limit >= 6 else limit // 3)
    contested = min(available["contested"], max(1, (limit - single) // 2))
    facts = min(available["corroborated"], limit - single - contested)
    spare = limit - single - contested - facts
    extra_contested = min(spare, available["contested"] - contested)
    spare -= extra_contested
    context = min(available["context"], spare)
    return {"corroborated": facts, "contested": contested + extra_contested,
            "single-source": single, "context": context}  # fmt: skip


# ---------------------------------------------------------------- rendering


def render_brief_markdown(
    story: dict, sentences: Sequence[dict], articles: Sequence[Article]
) -> str:
    """Title, the sentences under their kind with citations, then the numbered sources."""
    lines = [f"# {_title(story, articles)}", "", f"_{_coverage(story, articles)}_", ""]
    for kind in KIND_ORDER:
        chosen = [s for s in sentences if s.get("kind") == kind]
        if chosen:
            lines += [f"**{KIND_HEADINGS[kind]}**", ""] + [f"- {s['text']}" for s in chosen]
            lines.append("")
    lines += ["## Sources", ""]
    for number, (short, article) in enumerate(_cited(sentences, story, articles), start=1):
        lines.append(f"{number}. `[{short}]` {_source_line(article, markdown=True)}")
    return "\n".join(lines).rstrip() + "\n"


def render_brief_text(story: dict, sentences: Sequence[dict], articles: Sequence[Article]) -> str:
    """The same brief as plain text for a terminal."""
    title = _title(story, articles)
    lines = [title, "=" * min(len(title), 78), _coverage(story, articles), ""]
    for kind in KIND_ORDER:
        chosen = [s for s in sentences if s.get("kind") == kind]
        if chosen:
            lines += [f"{KIND_HEADINGS[kind]}:"] + [f"  * {s['text']}" for s in chosen] + [""]
    lines += ["Sources:"]
    for number, (short, article) in enumerate(_cited(sentences, story, articles), start=1):
        lines.append(f"  {number}. [{short}] {_source_line(article, markdown=False)}")
    return "\n".join(lines).rstrip() + "\n"


def _title(story: dict, articles: Sequence[Article]) -> str:
    if story.get("title"):
        return str(story["title"])
    members = _members(story, articles)
    return next((a.title for a in members if a.title), "Brief")


def _members(story: dict, articles: Sequence[Article]) -> list[Article]:
    wanted = set(story.get("articles") or [])
    return [a for a in articles if a.id in wanted] if wanted else list(articles)


def _coverage(story: dict, articles: Sequence[Article]) -> str:
    members = _members(story, articles)
    origins = source_origins(articles)
    outlets = {origins.get(a.id, outlet_name(a)) for a in members}
    days = sorted(a.published[:10] for a in members if a.published)
    span = f", published {days[0]} to {days[-1]}" if days and days[0] != days[-1] else (
        f", published {days[0]}" if days else "")  # fmt: skip
    return (f"Brief of {len(members)} articles from {len(outlets)} independent outlets{span}. "
            "Citations in brackets are article ids, shortened.")  # fmt: skip


def _cited(sentences, story: dict, articles: Sequence[Article]) -> list[tuple[str, Article]]:
    by_id = {a.id: a for a in articles}
    shorts = short_ids(by_id)
    order = list(dict.fromkeys(i for s in sentences for i in s.get("sources", []) if i in by_id))
    if not order:
        order = [a.id for a in _members(story, articles)]
    return [(shorts[i], by_id[i]) for i in order]


def _source_line(article: Article, *, markdown: bool) -> str:
    title = article.title or "(untitled)"
    parts = [outlet_name(article), f"*{title}*" if markdown else f'"{title}"']
    parts.append(article.published[:10] if article.published else "date unknown")
    if article.url:
        parts.append(f"<{article.url}>" if markdown else article.url)
    if article.copy_of or article.republished_from:
        parts.append(f"republished from {article.republished_from or article.copy_of[:6]}")
    return ", ".join(parts)
