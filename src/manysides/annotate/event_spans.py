"""Spans around an event trigger: entity-sized noun phrases, places and times in its clause."""

from __future__ import annotations

from spacy.tokens import Span, Token

SpanTuple = tuple[int, int, str]

# Left dependents that belong to an entity-sized phrase ("the Russian warplanes").
PHRASE_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case", "npadvmod",
     "predet", "punct"}
)  # fmt: skip
# Heads too vague to stand alone: keep their "of" phrase ("leaders of the opposition").
OF_HEADS = frozenset(
    {"leader", "member", "head", "chief", "group", "thousand", "hundred", "dozen", "ten",
     "million", "score", "number", "government", "president", "minister", "part", "army",
     "force", "troop", "official", "representative", "delegation", "spokesman",
     "spokeswoman", "ministry", "secretary", "people", "supporter", "faction", "wing",
     "unit", "council", "militia", "some", "many", "most", "all", "one", "two", "dozens",
     "ambassador", "envoy", "commander", "coalition", "alliance"}
)  # fmt: skip
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "him", "her", "us", "i"})


def is_pronoun(token: Token) -> bool:
    """A personal pronoun; "US" in capitals is the country, not "us"."""
    return is_pronoun_word(token.text)


def is_pronoun_word(word: str, pronouns: frozenset[str] = PRONOUNS) -> bool:
    """The word is one of `pronouns`, unless written in capitals ("US" is the country)."""
    return word.lower() in pronouns and not (word.isupper() and len(word) > 1)


PLACE_PREPS = frozenset(
    {"in", "near", "outside", "around", "across", "inside", "at", "throughout", "into",
     "from", "along", "over", "within", "towards", "toward", "north", "south", "east", "west"}
)  # fmt: skip
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})


def span_tuple(doc, start_token: int, end_token: int) -> SpanTuple:
    """(start, end, text) in characters for tokens start_token..end_token inclusive."""
    span = doc[start_token : end_token + 1]  # Doc.text would join the whole document each time
    return (span.start_char, span.end_char, span.text)


def entity_bounds(token: Token) -> tuple[int, int]:
    """Token bounds of the named entity the token is in (walking IOB tags, no Doc.ents)."""
    if not token.ent_type_:
        return token.i, token.i
    doc, left, right = token.doc, token.i, token.i
    while doc[left].ent_iob_ == "I" and left > 0:
        left -= 1
    while right + 1 < len(doc) and doc[right + 1].ent_iob_ == "I":
        right += 1
    return left, right


def _left_edge(token: Token) -> int:
    left = token.i
    for child in token.lefts:
        if child.dep_ in PHRASE_LEFT_DEPS and child.dep_ != "punct":
            left = min(left, child.left_edge.i)
    return left


def _of_object(token: Token) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Token bounds of the entity-sized phrase headed by `token` (no clauses, no conjuncts)."""
    left, right = _left_edge(token), token.i
    ent_left, ent_right = entity_bounds(token)
    left, right = min(left, ent_left), max(right, ent_right)
    if token.lemma_.lower() in OF_HEADS or token.like_num:
        inner = _of_object(token)
        if inner is not None:
            right = max(right, phrase_bounds(inner)[1])
    while right > left and token.doc[right].is_punct:
        right -= 1
    for index in range(token.i - 1, left - 1, -1):  # a headline line above is another text
        if "\n" in token.doc[index].text_with_ws:
            return index + 1, right
    return left, right


def phrase_span(token: Token) -> SpanTuple:
    left, right = phrase_bounds(token)
    return span_tuple(token.doc, left, right)


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia and Syria")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
            found.extend(conjuncts(child))
    return found


def clause_children(trigger: Token) -> list[Token]:
    """Prepositions and modifiers attached to the trigger or to its direct object."""
    found = list(trigger.children)
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj") and child.pos_ in ("NOUN", "PROPN"):
            found.extend(grand for grand in child.children if grand.dep_ == "prep")
    return found


def _is_place(token: Token) -> bool:
    return token.ent_type_ in PLACE_LABELS or (
        token.pos_ == "PROPN" and token.ent_type_ in ("", "NORP", "ORG")
    )


def _place_object(prep: Token) -> Token | None:
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        if _is_place(obj):
            return obj
        inner = _of_object(obj)  # "the northern city of Kirkuk"
        if inner is not None and _is_place(inner):
            return obj
    return None


def location_spans(trigger: Token) -> list[SpanTuple]:
    """Prepositional phrases naming a place: "in Aleppo", "near the town of Samarra"."""
    found: list[SpanTuple] = []
    for prep in clause_children(trigger):
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        obj = _place_object(prep)
        if obj is not None:
            found.append(span_tuple(trigger.doc, prep.i, phrase_bounds(obj)[1]))
    return found


def _time_entity(token: Token, sentence: Span) -> tuple[int, int] | None:
    if token.ent_type_ in TIME_LABELS:
        return entity_bounds(token)
    return None


def time_spans(trigger: Token, sentence: Span) -> list[SpanTuple]:
    """Dates and times attached to the trigger: "on Wednesday", "last week"."""
    found: list[SpanTuple] = []
    for child in trigger.children:
        if child.dep_ == "prep":
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                bounds = _time_entity(obj, sentence)
                if bounds:
                    found.append(span_tuple(trigger.doc, child.i, bounds[1]))
        elif child.dep_ in ("npadvmod", "tmod", "advmod", "nmod"):
            bounds = _time_entity(child, sentence)
            if bounds:
                found.append(span_tuple(trigger.doc, *bounds))
    return found
