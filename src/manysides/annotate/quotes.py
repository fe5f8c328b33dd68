"""Quotations and their speakers: direct quotes, "X said that ...", and "according to X"."""

from __future__ import annotations

import re

from manysides.records import Quote

SPEECH_LEMMAS = frozenset(
    """say tell claim add state deny insist warn accuse argue note explain announce admit
    allege assert confirm declare write report reply respond suggest acknowledge charge blame
    stress emphasize emphasise urge vow threaten predict concede maintain contend""".split()
)

# Straight and curly double quotes; single quotes are too often apostrophes.
_QUOTE_PATTERN = re.compile(r"[\"“]([^\"“”]{12,1500}?)[\"”]")
_MIN_QUOTE_WORDS = 3


def find_quotes(doc, article: str = "") -> list[Quote]:
    """Every quotation in a spaCy Doc with the speaker when one can be found."""
    quotes = _direct_quotes(doc, article)
    quoted_spans = [(q.start, q.end) for q in quotes]
    for quote in _reported_speech(doc, article):
        if not any(s <= quote.start < e or quote.start <= s < quote.end for s, e in quoted_spans):
            quotes.append(quote)
    return sorted(quotes, key=lambda q: q.start)


def _direct_quotes(doc, article: str) -> list[Quote]:
    quotes = []
    for match in _QUOTE_PATTERN.finditer(doc.text):
        inner = match.group(1)
        if len(inner.split()) < _MIN_QUOTE_WORDS:
            continue  # scare quotes around a term, not a quotation
        start, end = match.span(1)
        speaker, verb = _speaker_near(doc, match.start(), match.end())
        quotes.append(_quote(article, start, end, inner, speaker, verb))
    return quotes


def _reported_speech(doc, article: str) -> list[Quote]:
    """'Kerry said that Russia ...' and 'according to the State Department'."""
    quotes = []
    for sent in doc.sents:
        for token in sent:
            if token.lemma_ in SPEECH_LEMMAS and token.pos_ == "VERB":
                clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
                subject = _subject(token)
                if clause is not None and subject is not None:
                    span = doc[clause.left_edge.i : clause.right_edge.i + 1]
                    quotes.append(_quote(article, span.start_char, span.end_char, span.text,
                                         subject, token.text))
            elif _is_according_to(token):
                source = _object_of(token.nbor(1))
                if source is not None:
                    quotes.append(_quote(article, sent.start_char, sent.end_char,
                                         sent.text, source, "according to"))
    return quotes


def _is_according_to(token) -> bool:
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and (
        token.nbor(1).lower_ == "to"
    )


def _speaker_near(doc, quote_start: int, quote_end: int):
    """The subject of a speech verb in the sentences around a direct quote."""
    span = doc.char_span(quote_start, quote_end, alignment_mode="expand")
    if span is None:
        return None, None
    first_sentence, last_sentence = span[0].sent, span[-1].sent
    window = list(first_sentence) + [t for t in last_sentence if t.i > first_sentence.end - 1]
    after = doc[last_sentence.end : min(len(doc), last_sentence.end + 1)]
    for token in window + list(after):
        inside = quote_start <= token.idx < quote_end
        if not inside and token.lemma_ in SPEECH_LEMMAS and token.pos_ == "VERB":
            subject = _subject(token)
            if subject is not None:
                return subject, token.text
    return None, None


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _noun_phrase(child)
    return None


def _object_of(preposition):
    for child in preposition.children:
        if child.dep_ == "pobj":
            return _noun_phrase(child)
    return None


def _noun_phrase(head):
    """The named entity the head belongs to, else its compact noun phrase."""
    if head.ent_type_:
        for ent in head.doc.ents:
            if ent.start <= head.i < ent.end:
                return ent
    tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "punct", "appos")]
    start = min(t.i for t in tokens) if tokens else head.i
    return head.doc[start : head.i + 1]


def _quote(article, start, end, text, speaker, verb) -> Quote:
    return Quote(
        article=article,
        start=start,
        end=end,
        text=text,
        speaker=speaker.text if speaker is not None else None,
        speaker_start=speaker.start_char if speaker is not None else None,
        speaker_end=speaker.end_char if speaker is not None else None,
        verb=verb,
    )
