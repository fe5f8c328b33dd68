"""Who says what on the Aleppo corpus, against the hand-made gold in eval/gold/aleppo_sides.yaml.

Runs the whole pipeline (`manysides.pipeline.analyze`) on the five Aleppo articles into a
temporary folder and scores what analysis.json says:
  - disagreement recall: share of gold disagreements some emitted disagreement of the same kind
    finds, i.e. two of its positions each carry evidence overlapping the snippets of a different
    gold position, in the articles the gold names, under a label sharing a content word with
    that gold position (so a sentence that merely happens to contain a snippet does not count);
  - disagreement precision: share of emitted disagreements that find some gold disagreement;
  - corroborated-fact recall: share of gold facts for which one claim, or one brief sentence of
    kind "corroborated" whose own text states the fact, cites at least two of the fact's
    articles with evidence overlapping their snippets;
  - brief support: the share of brief sentences the checker marks `supported` (a cross-check),
    and how many "corroborated" sentences state a gold fact (the rest are listed);
  - the same recalls judged by articles alone (no snippet check), to tell a wrong side from
    weak evidence.
Articles are told apart by the three-digit prefix of their file name (000..004).

    python -m eval.score_aleppo_sides
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path

import yaml
from anyascii import anyascii

from eval.common import REPO, shared_dir
from manysides.pipeline import analyze

GOLD = REPO / "eval" / "gold" / "aleppo_sides.yaml"
# A snippet that is not contained word for word still counts when most of its word pairs are:
# ingest may drop or re-space a character (a caption, a soft hyphen) inside it.
BIGRAM_COVER = 0.75
# Labels name the same side in different words: "United States" / "the US" / "Washington".
COUNTRY_ALIASES = {
    "united states": "us", "u s": "us", "america": "us", "american": "us", "washington": "us",
    "russian": "russia", "moscow": "russia", "kremlin": "russia",
}  # fmt: skip
NUMBER_WORDS = {
    word: value for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split())
}  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
STOPWORDS = set(
    "a an the of in on at to for by with from and or but as is are was were be been it its this "
    "that these those their his her he she they them who which what over some many much".split()
)


def aleppo_corpus() -> Path:
    return shared_dir() / "corpora" / "aleppo-2016"


def load_gold(path: Path = GOLD) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def run_pipeline(corpus: Path) -> dict:
    """analysis.json of a fresh pipeline run over the corpus folder."""
    with tempfile.TemporaryDirectory(prefix="manysides-aleppo-") as out_dir:
        analyze([str(corpus)], Path(out_dir))
        return json.loads((Path(out_dir) / "analysis.json").read_text(encoding="utf-8"))


def article_prefixes(analysis: dict) -> dict[str, str]:
    """Article id -> the file-name prefix ("000") the gold uses for it."""
    prefixes = {}
    for article in analysis["articles"]:
        name = Path((article.get("path") or "").split("#")[0]).name
        if re.match(r"\d{3}", name):
            prefixes[article["id"]] = name[:3]
    return prefixes


def words(text: str) -> list[str]:
    """Lower-case ASCII words: curly quotes, dashes and spacing no longer matter."""
    return re.findall(r"[a-z0-9]+", anyascii(text).lower())


def overlaps(evidence: str, snippet: str) -> bool:
    """The evidence text contains the snippet, or nearly all of its word pairs."""
    snippet_words, evidence_words = words(snippet), words(evidence)
    if not snippet_words:
        return False
    if f" {' '.join(snippet_words)} " in f" {' '.join(evidence_words)} ":
        return True
    pairs = list(zip(snippet_words, snippet_words[1:], strict=False))
    if len(pairs) < 2:
        return False
    evidence_pairs = set(zip(evidence_words, evidence_words[1:], strict=False))
    return sum(pair in evidence_pairs for pair in pairs) / len(pairs) >= BIGRAM_COVER


def snippets(reports: dict, prefix: str) -> list[str]:
    """The gold snippets of one article (a string or a list in the YAML)."""
    for key, value in reports.items():
        if str(key).zfill(3) == prefix:
            return [value] if isinstance(value, str) else list(value)
    return []


def covered_articles(evidence: Iterable[dict], reports: dict, prefixes: dict) -> set[str]:
    """The gold articles (prefixes) whose snippets some evidence item of theirs overlaps."""
    covered = set()
    for item in evidence:
        prefix = prefixes.get(item.get("article", ""))
        text = item.get("text") or ""
        if prefix and any(overlaps(text, snippet) for snippet in snippets(reports, prefix)):
            covered.add(prefix)
    return covered


def canonical_numbers(text: str) -> str:
    """Counts written as digits: "7 million", "ten million" and "7,000,000" all read 7000000."""

    def value(match: re.Match) -> str:
        written = match[1].lower()
        count = NUMBER_WORDS.get(written)
        if count is None:
            count = float(written.replace(",", ""))
        return str(round(count * SCALES.get((match[2] or "").lower(), 1)))

    number = "|".join(NUMBER_WORDS)
    pattern = rf"\b(\d[\d,]*(?:\.\d+)?|{number})(?:\s+(thousand|million|billion))?\b"
    return re.sub(pattern, value, text, flags=re.IGNORECASE)


def label_words(text: str) -> set[str]:
    """Content words of a position label or gold position, one name per country, no plurals."""
    plain = " ".join(words(canonical_numbers(text)))
    for alias, name in COUNTRY_ALIASES.items():
        plain = re.sub(rf"\b{alias}\b", name, plain)
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w
            for w in plain.split() if w not in STOPWORDS}  # fmt: skip


def names_position(emitted: dict, gold_position: dict) -> bool:
    """The emitted label shares a content word with the gold position or its snippets."""
    reports = gold_position["reports"].values()
    gold_text = " ".join(
        [gold_position["position"]]
        + [s for value in reports for s in ([value] if isinstance(value, str) else value)]
    )
    return bool(label_words(emitted.get("position") or "") & label_words(gold_text))


def position_holds(emitted: dict, gold_position: dict, prefixes: dict, by_evidence: bool) -> bool:
    """The emitted position stands for the gold one: its label names the gold position and its
    evidence overlaps the gold snippets; or, judged by articles alone, it shares an article."""
    if by_evidence:
        return names_position(emitted, gold_position) and bool(
            covered_articles(emitted.get("evidence", []), gold_position["reports"], prefixes)
        )
    gold_articles = {str(key).zfill(3) for key in gold_position["reports"]}
    return bool({prefixes.get(a) for a in emitted.get("articles", [])} & gold_articles)


def finds(emitted: dict, gold: dict, prefixes: dict, by_evidence: bool = True) -> bool:
    """Two different emitted positions stand for two different gold positions, same kind."""
    if emitted.get("kind") != gold["kind"]:
        return False
    positions = emitted.get("positions", [])
    holds = [[position_holds(e, g, prefixes, by_evidence) for g in gold["positions"]]
             for e in positions]  # fmt: skip
    pairs = permutations(range(len(gold["positions"])), 2)
    return any(
        holds[first][gold_a] and holds[second][gold_b]
        for gold_a, gold_b in pairs
        for first, second in permutations(range(len(positions)), 2)
    )


@dataclass(frozen=True)
class FactSource:
    """What may corroborate a fact: the articles it cites, its evidence and, for a brief
    sentence, its own text (which must itself state the fact, not just rest on evidence that
    does)."""

    cited: frozenset[str]
    evidence: tuple[dict, ...]
    text: str | None = None


def fact_sources(analysis: dict) -> list[FactSource]:
    """Every claim and every corroborated brief sentence."""
    claims = [
        FactSource(frozenset(c.get("supported_by", [])), tuple(c.get("evidence", [])))
        for c in analysis.get("claims", [])
    ]
    return claims + [source for _, source in corroborated_sentences(analysis)]


def corroborated_sentences(analysis: dict) -> list[tuple[str, FactSource]]:
    """(text, source) of every brief sentence of kind corroborated."""
    records = {r["id"]: r for r in analysis.get("events", []) + analysis.get("claims", [])}
    return [
        (sentence.get("text", ""), _brief_sentence_source(sentence, records))
        for story in analysis.get("stories", [])
        for sentence in story.get("summary", [])
        if sentence.get("kind") == "corroborated"
    ]


def _brief_sentence_source(sentence: dict, records: dict) -> FactSource:
    cited = frozenset(sentence.get("sources", []))
    basis = sentence.get("basis") or {}
    record = records.get(basis.get("event") or basis.get("claim") or "", {})
    text = re.sub(r"\s*\[[^\]]*\]\s*$", "", sentence.get("text", ""))
    # The sentence is one cited article's words; which one the brief does not say.
    evidence = [*record.get("evidence", []), *({"article": a, "text": text} for a in cited)]
    return FactSource(cited, tuple(evidence), text)


def fact_found(
    fact: dict, sources: list[FactSource], prefixes: dict, by_evidence: bool = True
) -> bool:
    """Some claim or brief sentence cites two of the fact's articles, with matching evidence."""
    gold_articles = {str(key).zfill(3) for key in fact["reports"]}
    all_snippets = [s for prefix in gold_articles for s in snippets(fact["reports"], prefix)]
    for source in sources:
        if by_evidence and source.text is not None:
            if not any(overlaps(source.text, snippet) for snippet in all_snippets):
                continue
        cited_evidence = [item for item in source.evidence if item.get("article") in source.cited]
        if by_evidence:
            hits = covered_articles(cited_evidence, fact["reports"], prefixes)
        else:
            hits = {prefixes.get(a) for a in source.cited} & gold_articles
        if len(hits) >= 2:
            return True
    return False


def brief_support(analysis: dict) -> tuple[float, int]:
    """(share of brief sentences marked supported, number of brief sentences)."""
    sentences = [s for story in analysis.get("stories", []) for s in story.get("summary", [])]
    if not sentences:
        return 0.0, 0
    return sum(bool(s.get("supported")) for s in sentences) / len(sentences), len(sentences)


def score(analysis: dict, gold: dict) -> dict:
    """Every figure of this scorer, with what was missed and what matched nothing."""
    prefixes = article_prefixes(analysis)
    return (
        _disagreement_figures(analysis.get("disagreements", []), gold["disagreements"], prefixes)
        | _fact_figures(analysis, gold["corroborated"], prefixes)
        | _brief_figures(analysis, gold["corroborated"], prefixes)
    )


def _disagreement_figures(emitted: list[dict], gold_sides: list[dict], prefixes: dict) -> dict:
    found = [g["id"] for g in gold_sides if any(finds(e, g, prefixes) for e in emitted)]
    loose = [g["id"] for g in gold_sides
             if any(finds(e, g, prefixes, by_evidence=False) for e in emitted)]  # fmt: skip
    matching = [any(finds(e, g, prefixes) for g in gold_sides) for e in emitted]
    return {
        "disagreement_recall": _share(len(found), len(gold_sides)),
        "disagreement_precision": _share(sum(matching), len(emitted)),
        "disagreement_recall_by_articles": _share(len(loose), len(gold_sides)),
        "emitted_disagreements": len(emitted), "gold_disagreements": len(gold_sides),
        "missed_disagreements": [g["id"] for g in gold_sides if g["id"] not in found],
        "unmatched_disagreements": [_describe(e, prefixes)
                                    for e, hit in zip(emitted, matching, strict=True) if not hit],
    }  # fmt: skip


def _fact_figures(analysis: dict, gold_facts: list[dict], prefixes: dict) -> dict:
    sources = fact_sources(analysis)
    facts = [f["id"] for f in gold_facts if fact_found(f, sources, prefixes)]
    loose = [f["id"] for f in gold_facts
             if fact_found(f, sources, prefixes, by_evidence=False)]  # fmt: skip
    return {
        "fact_recall": _share(len(facts), len(gold_facts)),
        "fact_recall_by_articles": _share(len(loose), len(gold_facts)),
        "gold_facts": len(gold_facts),
        "missed_facts": [f["id"] for f in gold_facts if f["id"] not in facts],
    }


def _brief_figures(analysis: dict, gold_facts: list[dict], prefixes: dict) -> dict:
    """The checker's support rate, and how many "corroborated" sentences are a gold fact: the
    gold lists the main facts only, so an unmatched sentence is a lead, not proof of an error."""
    support, count = brief_support(analysis)
    sentences = corroborated_sentences(analysis)
    unmatched = [text for text, source in sentences
                 if not any(fact_found(f, [source], prefixes) for f in gold_facts)]  # fmt: skip
    return {
        "brief_support": round(support, 3), "brief_sentences": count,
        "corroborated_sentences": len(sentences),
        "corroborated_sentences_matching_gold": len(sentences) - len(unmatched),
        "corroborated_sentences_unmatched": unmatched,
    }  # fmt: skip


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _describe(disagreement: dict, prefixes: dict) -> dict:
    positions = [
        f"{p.get('position')} ({', '.join(sorted(prefixes.get(a, a) for a in p['articles']))})"
        for p in disagreement.get("positions", [])
    ]
    return {"kind": disagreement.get("kind"), "topic": disagreement.get("topic"),
            "positions": positions}  # fmt: skip


def main() -> int:
    corpus = aleppo_corpus()
    if not corpus.exists():
        print(f"the Aleppo corpus is missing: {corpus} (set MANYSIDES_SHARED)", file=sys.stderr)
        return 1
    print(json.dumps(score(run_pipeline(corpus), load_gold()), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
