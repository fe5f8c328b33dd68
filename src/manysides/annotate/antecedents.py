"""Who a pronoun standing for an event's doer refers to, from the parse alone.

"Though Russia has said its aim is to fight terror groups, it is widely seen as bolstering
Assad": the doer is Russia. A pronoun is read as the nearest earlier subject in its sentence
that is a name of the right kind (a person for "he"/"she", a state or group for "it"), else as
the main subject of the sentence before. "They" and "their" are read only within their sentence,
as the nearest earlier subject naming many ("rebels opened the corridor in their offensive"):
across sentences "they" may be anyone. Nothing is guessed beyond that: an unresolved pronoun
stays a pronoun, which the event stage treats as naming nobody.
"""

from __future__ import annotations

from spacy.tokens import Token

PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
BODY_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "their"})
PERSON_LABELS = frozenset({"PERSON"})
BODY_LABELS = frozenset({"ORG", "GPE", "NORP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def resolvable(token: Token) -> bool:
    return token.lower_ in PERSON_PRONOUNS | BODY_PRONOUNS | PLURAL_PRONOUNS


def antecedent(pronoun: Token) -> Token | None:
    """The named subject the pronoun stands for, or None when the parse does not say."""
    if pronoun.lower_ in PLURAL_PRONOUNS:
        return _plural_subject(pronoun)
    labels = PERSON_LABELS if pronoun.lower_ in PERSON_PRONOUNS else BODY_LABELS
    sentence = pronoun.sent
    earlier = [t for t in sentence if t.i < pronoun.i and _named_subject(t, labels)]
    if earlier:
        return earlier[-1]
    if sentence.start == 0:
        return None
    previous = pronoun.doc[sentence.start - 1].sent
    main = [t for t in previous.root.children if _named_subject(t, labels)]
    return main[0] if main else None


def _plural_subject(pronoun: Token) -> Token | None:
    earlier = [t for t in pronoun.sent if t.i < pronoun.i and t.dep_ in SUBJECT_DEPS
               and not resolvable(t) and _names_many(t)]  # fmt: skip
    return earlier[-1] if earlier else None


def _names_many(token: Token) -> bool:
    """ "rebels", "the Americans", "Russia and Iran"."""
    return token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)


def _named_subject(token: Token, labels: frozenset[str]) -> bool:
    if token.dep_ not in SUBJECT_DEPS or token.lower_ in PERSON_PRONOUNS | BODY_PRONOUNS:
        return False
    if token.ent_type_ in labels:
        return True
    # "the United States" parses with "States" as the head; "President Obama" with "Obama"
    return any(c.ent_type_ in labels and c.dep_ == "compound" for c in token.lefts)
