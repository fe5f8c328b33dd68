"""How well the neutral brief rests on its sources, on the demo corpus and the Aleppo corpus.

Runs the real stages (ingest -> annotate -> link -> events, then stories and compare when they
are importable), writes one brief per story and reports:
  - the checker's support rate on the draft (every candidate sentence, before any is dropped)
    and on the final brief, and the number of final sentences per kind;
  - an independent check that does not use the checker's code: the share of final sentences
    whose every number (digits) and every capitalised name appears in the cited articles.

    python -m eval.score_brief
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from eval.common import REPO, shared_dir
from manysides import pipeline
from manysides.ingest import iter_articles
from manysides.records import Article
from manysides.summarize import brief_support_rate, check_brief, draft_brief, write_brief

DEMO = REPO / "src" / "manysides" / "data" / "demo"
MONTHS_AND_DAYS = set(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def run_stages(folder: Path) -> dict:
    """Articles, annotations, entities and event dicts of a folder, as the pipeline makes them."""
    stages = pipeline.run_stages([a for a in iter_articles([str(folder)])
                                  if isinstance(a, Article)])  # fmt: skip
    return {"articles": stages.articles, "annotations": stages.annotations,
            "entities": stages.entities, "events": stages.events}  # fmt: skip


def stories_and_sides(stage: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """(stories, claims, disagreements) from stories.py and compare.py, or one story, none."""
    articles = stage["articles"]
    try:
        from manysides.stories import group_stories

        story_of = group_stories(articles, stage["annotations"], stage["entities"],
                                 stage["events"])  # fmt: skip
    except ImportError:
        story_of = {a.id: "story-all" for a in articles}
    stories = _story_dicts(articles, story_of)
    try:
        from manysides.compare import find_claims, find_disagreements

        args = (articles, stage["annotations"], stage["entities"], stage["events"])
        claims = find_claims(*args, story_of)
        disagreements = find_disagreements(*args, claims, story_of)
    except ImportError:
        claims, disagreements = [], []
    return stories, claims, disagreements


def _story_dicts(articles: Sequence[Article], story_of: dict[str, str]) -> list[dict]:
    members: dict[str, list[str]] = {}
    for article in articles:
        members.setdefault(story_of.get(article.id, "story-all"), []).append(article.id)
    return [{"id": story, "title": None, "articles": ids} for story, ids in members.items()]


def independently_grounded(sentence: dict, articles: Sequence[Article]) -> bool:
    """Every digit group and capitalised name of the sentence occurs in a cited article."""
    cited = [a for a in articles if a.id in set(sentence["sources"])]
    corpus = " ".join(f"{a.outlet or ''} {a.title or ''} {a.text}" for a in cited)
    plain = _plain(corpus)
    body = re.sub(r"\s*\[[^\]]*\]\s*$", "", sentence["text"])
    body = re.sub(r"\barticle [0-9a-f]{6,}", "", body)  # our name for an outlet-less source
    numbers = {n.replace(",", "") for n in re.findall(r"\d[\d,]*", body)}
    corpus_numbers = {n.replace(",", "") for n in re.findall(r"\d[\d,]*", corpus)}
    if not numbers <= corpus_numbers:
        return False
    names = re.findall(r"(?<=[a-z,;] )[A-Z][\w'’-]+", body)
    names = [re.sub(r"['’]s$", "", n) for n in names if n.lower() not in MONTHS_AND_DAYS]
    return all(_plain(n) in plain for n in names)


def _plain(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text).lower()


def score_corpus(folder: Path) -> dict:
    stage = run_stages(folder)
    stories, claims, disagreements = stories_and_sides(stage)
    articles = stage["articles"]
    drafts, final = [], []
    for story in stories:
        draft = draft_brief(story, claims, disagreements, stage["events"], articles)
        candidates = draft.facts + draft.contested + draft.singles + draft.context
        drafts += check_brief(candidates, articles, drop=False)
        final += write_brief(story, claims, disagreements, stage["events"], articles)
    grounded = [independently_grounded(s, articles) for s in final]
    return {
        "stories": len(stories), "draft_sentences": len(drafts),
        "draft_support_rate": round(brief_support_rate(drafts), 3),
        "brief_sentences": len(final), "brief_support_rate": round(brief_support_rate(final), 3),
        "kinds": dict(Counter(s["kind"] for s in final)),
        "independently_grounded": round(sum(grounded) / len(grounded), 3) if grounded else 1.0,
        "every_sentence_cited": all(s["sources"] for s in final),
    }  # fmt: skip


def main() -> int:
    report = {"demo": score_corpus(DEMO)}
    aleppo = shared_dir() / "corpora" / "aleppo-2016"
    if aleppo.exists():
        report["aleppo-2016"] = score_corpus(aleppo)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
