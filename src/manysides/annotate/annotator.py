"""Run every per-article component over parsed articles.

The only stage that holds spaCy objects; it hands out plain records with offsets into
the article's clean text. It is also the only stage that is embarrassingly parallel.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from manysides.annotate.event_coder import code_events
from manysides.annotate.labels import find_blame_cues, find_labels
from manysides.annotate.nlp import load_nlp
from manysides.annotate.places import find_places
from manysides.annotate.quotes import find_quotes
from manysides.annotate.timex import find_timexes
from manysides.records import Annotation, Article, Failure, Mention, published_date

# spaCy labels that name actors or places; numbers, dates and money are handled elsewhere.
MENTION_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)


def annotate_articles(
    articles: Iterable[Article], *, batch_size: int = 16
) -> Iterator[Annotation | Failure]:
    """Annotate articles in order; an article spaCy cannot take yields a Failure instead."""
    nlp = load_nlp()
    accepted = _within_model_limit(articles, nlp.max_length)
    for doc, article in nlp.pipe(accepted, as_tuples=True, batch_size=batch_size):
        if isinstance(article, Failure):
            yield article
        else:
            yield annotate_doc(doc, article)


def _within_model_limit(articles: Iterable[Article], max_length: int):
    for article in articles:
        if len(article.text) > max_length:
            cause = f"text of {len(article.text)} characters is over the model's {max_length}"
            yield "", Failure(article.path or article.id, cause)
        else:
            yield article.text, article


def annotate_doc(doc, article: Article) -> Annotation:
    """Everything we extract from one parsed article."""
    sentence_of = _sentence_index(doc)
    mentions = [
        Mention(article.id, ent.start_char, ent.end_char, ent.text, ent.label_,
                sentence_of[ent.start])
        for ent in doc.ents
        if ent.label_ in MENTION_LABELS
    ]
    return Annotation(
        article=article.id,
        mentions=mentions,
        places=find_places(doc, article.id),
        timexes=find_timexes(article.text, published_date(article), article.id),
        quotes=find_quotes(doc, article.id),
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        events=code_events(doc, article.id),
        labels=find_labels(doc, article.id),
        blame_cues=find_blame_cues(doc, article.id),
    )


def _sentence_index(doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            index[i] = number
    return index
