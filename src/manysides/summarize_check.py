"""The brief's checker: does every sentence say only what the articles it cites say?

A sentence passes when every number it states appears in a cited article (digits or words),
every date it states is written in a cited article or is the weekday/"yesterday" a cited article
names near its publication, every proper noun appears in a cited article (or is a known alias,
or the cited outlet's own name), and its content words overlap a cited sentence enough. A
contested sentence also needs each side's position in that side's articles. What fails is
fixed where it can be (citations that support nothing are dropped, clauses carrying an
unsupported number or name are cut, unsupported sides are removed) and dropped otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from manysides.events import source_origins
from manysides.records import UNNAMED_OUTLET, Article
from manysides.summarize_draft import flag_single
from manysides.summarize_text import (
    MONTHS,
    WEEKDAYS,
    citation,
    content_stems,
    dates_in,
    fold,
    numbers_in,
    outlet_name,
    proper_nouns,
    sentence_numbers,
    short_ids,
    split_sentences,
    without_citation,
    words,
)
from manysides.summarize_wording import drop_clauses_with

OVERLAP_THRESHOLD = 0.5  # share of the sentence's content words found in one cited sentence
# A cited article must state the sentence: one of its sentences holds this share of the
# sentence's content words, and of the words that are not names (what is said of the names).
CITATION_THRESHOLD = 0.5
RESTATED_WORDS = 2  # words a paraphrase found by the claim matcher must share with the sentence
RESTATED_SHARE = 0.3  # ...and this share of them: two shared words of eleven say little
# Words our templates add around the sources' own words; they are ours, not the sources'.
TEMPLATE_WORDS = content_stems(
    "outlets disagree figures range reports report attributes attribute disputed responsibility "
    "accounts differ describe describes calls call differently only reported alone who broke "
    "number people killed injured displaced arrested holds holding"
)
RELATIVE_WORDS = ("yesterday", "today", "this morning", "this afternoon", "last week")


@dataclass
class _Source:
    """One cited article, with what the checks look up in it."""

    article: Article

    @cached_property
    def folded(self) -> str:
        return fold(" ".join(filter(None, [self.article.title, self.article.text])))

    @cached_property
    def numbers(self) -> set[float]:
        return numbers_in(" ".join(filter(None, [self.article.title, self.article.text])))

    @cached_property
    def sentence_stems(self) -> list[set[str]]:
        return [content_stems(s) for s in split_sentences(self.article.text)]

    @cached_property
    def word_set(self) -> set[str]:
        return set(words(self.folded))

    def overlap(self, stems: set[str]) -> float:
        if not stems:
            return 1.0
        return max((len(stems & s) / len(stems) for s in self.sentence_stems), default=0.0)


class _Checker:
    def __init__(self, articles: Sequence[Article], aliases: Mapping[str, Iterable[str]]):
        self.sources = {a.id: _Source(a) for a in articles}
        self.by_id = {a.id: a for a in articles}
        self.shorts = short_ids(a.id for a in articles)
        self.origins = source_origins(articles)
        self.aliases = {fold(k): [fold(v) for v in vs] for k, vs in aliases.items()}

    def cited(self, ids: Iterable[str]) -> list[_Source]:
        return [self.sources[i] for i in ids if i in self.sources]

    # ------------------------------------------------------------ single checks

    def missing_numbers(self, text: str, cited: list[_Source]) -> list[float]:
        known = set().union(*(s.numbers for s in cited)) if cited else set()
        return sorted(n for n in sentence_numbers(text) if n not in known)

    def missing_names(self, text: str, cited: list[_Source]) -> list[str]:
        outlets = {fold(outlet_name(s.article)) for s in self.sources.values()}
        return [n for n in proper_nouns(text) if not self._name_known(n, cited, outlets)]

    def _name_known(self, name: str, cited: list[_Source], outlets: set[str]) -> bool:
        folded = fold(name)
        if any(folded in o for o in outlets):
            return True  # an outlet's own name is what the citation itself says
        forms = [folded, *self.aliases.get(folded, [])]
        if any(form in s.folded for s in cited for form in forms):
            return True
        prefix = folded[:5]  # "Bolivian" is supported by "Bolivia"
        return len(folded) > 5 and any(w.startswith(prefix) for s in cited for w in s.word_set)

    def missing_dates(self, text: str, cited: list[_Source]) -> list[tuple]:
        return [d for d in dates_in(text) if not any(_date_supported(d, s) for s in cited)]

    def overlap(self, text: str, cited: list[_Source]) -> float:
        stems = self.claim_stems(text)
        return max((s.overlap(stems) for s in cited), default=0.0)

    def claim_stems(self, text: str) -> set[str]:
        outlet_words = set().union(*(content_stems(outlet_name(s.article))
                                     for s in self.sources.values()))  # fmt: skip
        return content_stems(text) - TEMPLATE_WORDS - outlet_words


def _date_supported(day_month_year: tuple, source: _Source) -> bool:
    day, month, year = day_month_year
    published = _published(source.article)
    if year and published and abs(published.year - year) > 1:
        return False
    month_name = date(2000, month, 1).strftime("%B").lower()
    text = source.folded
    if f"{day} {month_name}" in text or f"{month_name} {day}" in text:
        return True
    return _relative_day_supported(day, month, year, published, text)


def _relative_day_supported(day, month, year, published: date | None, text: str) -> bool:
    if published is None:
        return False
    try:
        target = date(year or published.year, month, day)
    except ValueError:
        return False
    if not timedelta(0) <= published - target <= timedelta(days=7):
        return False
    named = WEEKDAYS[target.weekday()] in text
    return named or any(word in text for word in RELATIVE_WORDS)


def _published(article: Article) -> date | None:
    try:
        return date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- public


def check_brief(
    sentences: list[dict],
    articles: Sequence[Article],
    *,
    aliases: Mapping[str, Iterable[str]] | None = None,
    drop: bool = True,
) -> list[dict]:
    """Each sentence checked against the articles it cites: `supported`, `support` (0..1).

    Sentences the sources do not support are fixed where possible (marked `fixed`) and else
    dropped; with `drop=False` they are kept, marked `supported: False`, for measuring.
    """
    checker = _Checker(articles, aliases or {})
    checked = [_check_one(dict(s), checker) for s in sentences]
    return [s for s in checked if s["supported"] or not drop]


def brief_support_rate(sentences: Sequence[dict]) -> float:
    """The share of sentences the checker marked supported (1.0 for an empty brief)."""
    if not sentences:
        return 1.0
    return sum(1 for s in sentences if s.get("supported")) / len(sentences)


MIN_FIXED_WORDS = 6  # a fix that leaves less ("Over the weekend.") states nothing


def _check_one(sentence: dict, checker: _Checker) -> dict:
    if sentence.get("positions"):
        return _check_contested(sentence, checker)
    body = without_citation(sentence["text"])
    sources = _pruned_sources(body, sentence.get("sources", []), checker,
                              _evidence_by_article(sentence))  # fmt: skip
    score, problems = _score(body, checker.cited(sources), checker)
    if problems:
        fixed = drop_clauses_with(body, problems)
        fixed_score, fixed_problems = _score(fixed, checker.cited(sources), checker)
        if not fixed_problems and fixed != body and len(fixed.split()) >= MIN_FIXED_WORDS:
            body, score, problems = fixed, fixed_score, []
            sentence["fixed"] = True
    return _finish(sentence, body, sources, score, not problems, checker)


def _score(body: str, cited: list[_Source], checker: _Checker) -> tuple[float, list]:
    """(support 0..1, the fragments that fail: numbers, names, dates, or the whole sentence)."""
    body = UNNAMED_OUTLET.sub("", body)  # "reported only by article 4a797d": no number 797
    numbers = checker.missing_numbers(body, cited)
    names = checker.missing_names(body, cited)
    dates = checker.missing_dates(body, cited)
    overlap = checker.overlap(body, cited)
    counts = [len(sentence_numbers(body)), len(proper_nouns(body)), len(dates_in(body))]
    missing = (numbers, names, dates)
    shares = [1 - len(m) / n if n else 1.0 for m, n in zip(missing, counts, strict=True)]
    support = (sum(shares) + min(1.0, overlap / OVERLAP_THRESHOLD)) / 4
    problems = [_number_text(n) for n in numbers] + names + [f"{d[0]} " for d in dates]
    if overlap < OVERLAP_THRESHOLD or not cited:
        problems.append("")  # no clause to cut: the sentence as a whole is unsupported
    return round(support, 3), problems


def _number_text(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else str(value)


def _pruned_sources(body: str, sources: list[str], checker: _Checker,
                    evidence: Mapping[str, list[str]] | None = None) -> list[str]:
    """Cited articles that state the sentence, in its words or, for a claim, in the clause the
    claim found in them; the best one is always kept (the other checks then judge it)."""
    stems = checker.claim_stems(body)
    said = _said_of_names(body, stems)
    evidence = evidence or {}
    scored = [(max(_stated(checker.sources[s], stems, said),
                   _restated(checker.sources[s], evidence.get(s), said)), s)
              for s in sources if s in checker.sources]  # fmt: skip
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [s for score, s in scored if score >= CITATION_THRESHOLD or score == best]


def _evidence_by_article(sentence: dict) -> dict[str, list[str]]:
    """The clauses a claim or a merged event found in each article for the brief's sentence."""
    found: dict[str, list[str]] = {}
    for item in sentence.get("evidence") or []:
        if isinstance(item, dict):
            found.setdefault(str(item.get("article")), []).append(str(item.get("text", "")))
    return found


def _restated(source: _Source, clauses: list[str] | None, said: set[str]) -> float:
    """An article the claim matcher (or the event merge) found saying the same thing in other
    words passes when one such clause is really in it and shares enough of the words said of
    the names: RESTATED_WORDS of them, and RESTATED_SHARE."""
    needed = max(min(RESTATED_WORDS, len(said)), RESTATED_SHARE * len(said))
    for clause in clauses or ():
        if clause and fold(clause) in source.folded and len(said & content_stems(clause)) >= needed:
            return CITATION_THRESHOLD
    return 0.0


def _said_of_names(body: str, stems: set[str]) -> set[str]:
    """The content words that are not part of a name: "Kerry and Lavrov will meet again" is
    not stated by a sentence that merely names Kerry and Lavrov."""
    names = set().union(*(content_stems(n) for n in proper_nouns(body))) if body else set()
    calendar = content_stems(" ".join(MONTHS + WEEKDAYS))  # dates are checked on their own
    return stems - names - calendar


def _stated(source: _Source, stems: set[str], said: set[str]) -> float:
    """How fully one sentence of the source states the sentence (0..1)."""
    if len(said) < 2:
        return source.overlap(stems)
    return max((min(len(stems & s) / len(stems), len(said & s) / len(said))
                for s in source.sentence_stems if stems), default=0.0)


def _finish(sentence, body, sources, support, supported, checker: _Checker) -> dict:
    if sentence.get("kind") == "corroborated" and len({checker.origins[s] for s in sources}) < 2:
        sentence["kind"] = "single-source"  # pruning left one outlet: no longer corroborated
        if sources:
            body = flag_single(body, sources[0], checker.by_id, checker.origins)
    sentence["sources"] = list(sources)
    sentence["text"] = f"{body} {citation(sources, checker.shorts)}"
    sentence["support"] = support if supported else min(support, 0.99)
    sentence["supported"] = supported
    return sentence


def _check_contested(sentence: dict, checker: _Checker) -> dict:
    positions = sentence["positions"]
    kind = (sentence.get("basis") or {}).get("kind")
    kept = [p for p in positions if _position_supported(p, checker, kind)]
    if len(kept) < len(positions):
        sentence["fixed"] = True
    sources = list(dict.fromkeys(a for p in kept for a in p["articles"]))
    body = sentence["lead"] + ": " + "; ".join(p["fragment"] for p in kept) + "."
    names = checker.missing_names(sentence["lead"], checker.cited(sources))
    sentence["positions"] = kept
    supported = len(kept) >= 2 and not names
    support = len(kept) / len(positions) if positions else 0.0
    return _finish(sentence, body, sources, round(support, 3), supported, checker)


def _position_supported(position: dict, checker: _Checker, kind: str | None = None) -> bool:
    cited = checker.cited(position["articles"])
    claim = position["position"]
    if not cited or checker.missing_numbers(claim, cited) or checker.missing_names(claim, cited):
        return False
    if kind == "fact":  # "took place" / "was called off" is our wording of the evidence
        return _evidence_in_articles(position, checker)
    stems = checker.claim_stems(claim)
    return not stems or checker.overlap(claim, cited) >= OVERLAP_THRESHOLD


def _evidence_in_articles(position: dict, checker: _Checker) -> bool:
    """Every evidence sentence of the position is really in the article it is said to be in."""
    evidence = [e for e in position.get("evidence") or [] if isinstance(e, dict)]
    return bool(evidence) and all(
        e.get("article") in checker.sources
        and fold(str(e.get("text", ""))) in checker.sources[e["article"]].folded
        for e in evidence
    )
