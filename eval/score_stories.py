"""Score story grouping (`group_stories`) with B-cubed against ECB+ and WikiRef220.

    python -m eval.score_stories [--text-only] [--limit-topics N]

ECB+ (`doc_clusters.tsv`): each sub-topic (e.g. `1_ecb`, `1_ecbplus`) is one story; also scored
against the 35 coarser topics. Documents are token XML: the text is rebuilt by joining tokens with
spaces, one sentence a line. ECB+ documents carry no publication date, so the time discount
plays no part here.

WikiRef220 (`gold_labels.tsv`): 5 topics plus noise. The gold keeps every noise document in a
cluster of its own (the noise topics are too small to count as stories, per the dataset's
readme). The first line of each file is taken as its title.

By default the real annotate and link stages run on the texts and the events are built, as in
`manysides analyze`; `--text-only` scores the words alone (much faster).
"""

from __future__ import annotations

import argparse
import csv
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eval.common import Scores, dataset
from manysides.records import Article


def load_ecbplus(topics: Sequence[str] | None = None) -> tuple[list[Article], dict, dict]:
    """Articles, and gold article id -> sub-topic and -> topic (optionally only some topics)."""
    root = dataset("ecbplus")
    articles, subtopics, topics_of = [], {}, {}
    with open(root / "doc_clusters.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if topics is not None and row["topic"] not in topics:
                continue
            key = row["file"]
            articles.append(Article(id=key, text=_ecb_text(root / "ECB+" / key)))
            subtopics[key], topics_of[key] = row["subtopic"], row["topic"]
    return articles, subtopics, topics_of


def _ecb_text(path) -> str:
    sentences: dict[str, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[token.get("sentence", "0")].append(token.text or "")
    return "\n".join(" ".join(sentences[key]) for key in sorted(sentences, key=int))


def load_wikiref() -> tuple[list[Article], dict[str, str]]:
    """Articles, and gold article id -> topic (a noise document is a topic of its own)."""
    root = dataset("wikiref220")
    articles, gold = [], {}
    with open(root / "gold_labels.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            raw = (root / "WikiRef220" / row["file"]).read_text(encoding="utf-8", errors="replace")
            title, _, body = raw.strip().partition("\n")
            articles.append(Article(id=row["file"], text=body.strip(), title=title.strip()))
            noise = row["is_noise"].strip() == "1"
            gold[row["file"]] = f"noise:{row['file']}" if noise else row["topic"]
    return articles, gold


@dataclass
class BCubed(Scores):
    """B-cubed precision and recall: per-item ratios averaged over the gold items."""

    precision: float
    recall: float


def b_cubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed over the items of `gold`; an item the prediction lacks is a cluster of its own."""
    predicted_members, gold_members = _members(predicted), _members(gold)
    scored = set(gold)
    precision = recall = 0.0
    for item, gold_cluster in gold.items():
        mine = predicted_members.get(predicted.get(item, ""), set()) & scored or {item}
        theirs = gold_members[gold_cluster]
        shared = len(mine & theirs)
        precision += shared / len(mine)
        recall += shared / len(theirs)
    items = len(gold) or 1
    return BCubed(precision / items, recall / items)


def _members(assignment: Mapping[str, str]) -> dict[str, set[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for item, cluster in assignment.items():
        members[cluster].add(item)
    return members


def run_stages(articles: list[Article], text_only: bool = False):
    """annotations, entities, events for the articles, as `manysides analyze` makes them."""
    if text_only:
        return [], [], []
    from manysides.annotate.annotator import annotate_articles
    from manysides.events import build_events, event_to_json
    from manysides.link import link_entities
    from manysides.records import Failure

    annotations = [a for a in annotate_articles(articles) if not isinstance(a, Failure)]
    entities, places = link_entities(articles, annotations)
    names = {entity.id: entity.name for entity in entities}
    events = build_events(articles, annotations, entities, places)
    return annotations, entities, [event_to_json(event, names) for event in events]


def group(articles: list[Article], text_only: bool = False) -> dict[str, str]:
    from manysides.stories import group_stories

    annotations, entities, events = run_stages(articles, text_only)
    return group_stories(articles, annotations, entities, events)


def score_ecbplus(topics: Sequence[str] | None = None, text_only: bool = False) -> dict:
    articles, subtopics, topics_of = load_ecbplus(topics)
    predicted = group(articles, text_only)
    return {"subtopic": b_cubed(predicted, subtopics).as_dict(),
            "topic": b_cubed(predicted, topics_of).as_dict(),
            "documents": len(articles), "stories": len(set(predicted.values()))}  # fmt: skip


def score_wikiref(text_only: bool = False) -> dict:
    articles, gold = load_wikiref()
    predicted = group(articles, text_only)
    return {"topic": b_cubed(predicted, gold).as_dict(), "documents": len(articles),
            "stories": len(set(predicted.values()))}  # fmt: skip


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text-only", action="store_true", help="skip annotate and link")
    parser.add_argument("--limit-topics", type=int, help="only the first N ECB+ topics")
    options = parser.parse_args()
    topics = [str(t) for t in range(1, options.limit_topics + 1)] if options.limit_topics else None
    started = time.perf_counter()
    figures = {"ecbplus": score_ecbplus(topics, options.text_only),
               "wikiref220": score_wikiref(options.text_only)}  # fmt: skip
    for corpus, result in figures.items():
        for level in ("subtopic", "topic"):
            if level in result:
                r = result[level]
                print(f"{corpus:<11} {level:<9} B3 P {r['precision']:.3f} R {r['recall']:.3f} "
                      f"F1 {r['f1']:.3f}  ({result['documents']} docs, "
                      f"{result['stories']} stories)")  # fmt: skip
    print(f"{time.perf_counter() - started:.0f} s")
    return figures


if __name__ == "__main__":
    main()
