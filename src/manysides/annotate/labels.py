"""Labels applied to names and cues of blame, read off the dependency parse once per article.

Compare and framing need to know how an article describes an actor ("the jihadist Nusra
Front", "Nusra, a terrorist group") and whom a clause holds responsible ("Russia broke the
truce"). Both come from the parse, which never leaves annotate, so this component walks it
once and hands out plain records; later stages match them to entities by offsets.
"""

from __future__ import annotations

import re
from functools import cache

from manysides.compare_text import lexicon
from manysides.records import BlameCue, Label

# Dependents that describe a noun ("pro-government", "armed", "so-called").
DESCRIPTIVE_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "punct", "hyph", "advmod"})
NAMING_VERBS = frozenset({"describe", "call", "label", "brand"})
SPEECH_LEMMAS = frozenset({"say", "claim", "tell", "allege", "insist", "state", "announce",
                           "argue"})  # fmt: skip
ARGUMENT_DEPS = ("dobj", "nsubjpass", "prep", "xcomp", "nsubj")
BLAMED_CUT_DEPS = ("relcl", "acl")  # "the rebels who hold the city": the clause is not the actor
_SO_CALLED = re.compile(r"^(?:so-called|so called)\s+")
_FORMER = re.compile(r"\b(?:one-time|onetime|erstwhile|ex-)\s*")
# A group's tie to another: the name before the noun is the parent ("al Qaeda affiliate"), not
# the one the noun describes, and it stays in the phrase.
TIE_NOUNS = frozenset({"affiliate", "offshoot", "franchise", "branch", "wing", "proxy"})
# Offices a proper-noun title names ("Secretary of Defense, Ashton Carter").
OFFICE_TITLES = frozenset({"secretary", "minister", "president", "premier", "chancellor",
                           "ambassador", "senator", "governor", "mayor", "envoy"})
# Verbs of a new name, by their start: the small model lemmatises "rebranded" as "rebrande".
_RENAMING = re.compile(r"re-?(?:brand|name|invent)", re.IGNORECASE)


# ---------------------------------------------------------------- labels

def find_labels(doc, article: str = "") -> list[Label]:
    """Every label noun the parse attaches to a name, in the order of the names."""
    found: list[Label] = []
    for token in doc:
        if _is_name(token):
            found += _labels_of_name(token, article)
    return found


def label_phrase(token) -> str:
    """The descriptive words of a noun and its lemma, names left out ("pro-government militia")
    except the parent of a tie ("former al qaeda affiliate"); an office keeps its "of" phrase
    ("secretary of defense")."""
    keep_names = token.lower_ in TIE_NOUNS or token.lemma_.lower() in TIE_NOUNS
    words = [t.text.lower() for t in _descriptive_words(token)
             if keep_names or not t.ent_type_ or t.ent_type_ in ("NORP", "CARDINAL")]
    head = token.lemma_.lower() if token.tag_ in ("NNS", "NNPS") else token.text.lower()
    phrase = " ".join([*words, head, *_office_complement(token)])
    phrase = phrase.replace(" - ", "-").replace(" -", "-").replace("- ", "-").strip(" ,-")
    return _FORMER.sub("former ", _SO_CALLED.sub("", phrase))


def _descriptive_words(token) -> list:
    found = [t for child in token.lefts if child.dep_ in DESCRIPTIVE_DEPS or _hyphenated(child)
             for t in child.subtree]  # fmt: skip
    return sorted(found, key=lambda t: t.i)


def _hyphenated(token) -> bool:
    """ "one" of "one-time": a number the parse hangs off a hyphenated word."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.dep_ == "nummod" and following is not None and following.text == "-"


def _office_complement(token) -> list[str]:
    if not _is_office(token):
        return []
    of = [c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"]
    objects = [g for g in of[0].children if g.dep_ == "pobj"] if of else []
    return ["of", *(t.text.lower() for t in objects[0].subtree)] if objects else []


def _is_office(token) -> bool:
    return token.pos_ == "PROPN" and not token.ent_type_ and token.lower_ in OFFICE_TITLES


def _is_name(token) -> bool:
    return (bool(token.ent_type_) or token.pos_ == "PROPN") and token.pos_ != "PUNCT"


def _is_label_noun(token) -> bool:
    return token.pos_ == "NOUN" and not token.ent_type_


def _labels_of_name(name, article: str) -> list[Label]:
    """The labels whose anchor is this name word, in a fixed order of relations."""
    pairs = [(c, "apposition") for c in name.children if c.dep_ == "appos" and _is_label_noun(c)]
    pairs += _appositions_of_named_noun(name)
    if name.dep_ == "appos" and (_is_label_noun(name.head) or _is_office(name.head)):
        pairs.append((name.head, "apposition_to"))
    pairs += _renamed_from(name) + _label_before_comma(name)
    if name.dep_ == "compound" and _is_label_noun(name.head) and name.head.i > name.i:
        pairs.append((name.head, "compound"))
    pairs += [(t, "premodifier") for t in name.lefts if _is_premodifier(t)]
    if name.dep_ == "pobj" and name.head.lower_ == "of" and _is_label_noun(name.head.head):
        pairs.append((name.head.head, "of"))
    pairs += _predicate_nominals(name)
    return [_label(article, token, name, relation) for token, relation in pairs
            if not (relation in ("compound", "premodifier") and _is_tie(token))]


def _is_tie(token) -> bool:
    return token.lower_ in TIE_NOUNS or token.lemma_.lower() in TIE_NOUNS


def _appositions_of_named_noun(name) -> list[tuple]:
    """ "the Nusra front, a jihadist group": the apposition hangs on the noun the name
    qualifies right before it."""
    head = name.head
    if name.dep_ != "compound" or head.i != name.i + 1 or not _is_label_noun(head):
        return []
    return [(c, "apposition") for c in head.children
            if (c.dep_ == "appos" or _indefinite_after_comma(c)) and _is_label_noun(c)]


def _indefinite_after_comma(token) -> bool:
    """ "..., and the Nusra front, a jihadist group": in a list the parse makes the apposition a
    conjunct; an indefinite noun phrase right after the comma still describes the noun."""
    first = min(token.subtree, key=lambda t: t.i)
    before = token.doc[first.i - 1] if first.i > 0 else None
    return token.dep_ == "conj" and first.lower_ in ("a", "an") and before is not None \
        and before.text == ","


def _renamed_from(name) -> list[tuple]:
    """ "the former al Qaeda affiliate, now rebranded as Jabhat Fateh al-Sham"."""
    verb = name.head.head if name.dep_ == "pobj" and name.head.lower_ == "as" else None
    if verb is None or not _RENAMING.match(verb.lower_):
        return []
    index = verb.i - 1
    while index > 0 and verb.doc[index].dep_ == "advmod":
        index -= 1
    if index > 0 and verb.doc[index].text == ",":
        index -= 1
    before = verb.doc[index]
    return [(before, "apposition_to")] if index >= 0 and _is_label_noun(before) else []


def _label_before_comma(name) -> list[tuple]:
    """ "Pentagon warlord, Ash Carter chose...", "Secretary of Defense, Ashton Carter and ...":
    an epithet or office of a person the parse left apart (or made a conjunct), read only for
    the words that name a person (warlord, dictator) or an office, and for the first word of a
    person's name right after "label ,"."""
    doc = name.doc
    if name.ent_type_ != "PERSON" or name.ent_iob_ != "B" or name.i < 2:
        return []
    comma, noun = doc[name.i - 1], doc[name.i - 2]
    office = noun.head.head if noun.head.lower_ == "of" else noun
    if comma.text == "," and _is_office(office) and name.head.head == office:
        return [(office, "apposition_to")]
    person_words = {w for w, family in lexicon()["labels"].items() if family == "person"}
    if comma.text != "," or not _is_label_noun(noun) or noun.lemma_.lower() not in person_words:
        return []
    if any(c.dep_ == "appos" for c in noun.children) or noun.head.i >= name.i:
        return []  # the parse already joined the noun to something else after it
    return [(noun, "apposition_to")]


def _is_premodifier(token) -> bool:
    """ "the jihadist Nusra": a common word before the name, not the tail of "pro-government"."""
    if token.dep_ not in ("amod", "compound") or token.pos_ not in ("NOUN", "ADJ"):
        return False
    return not token.ent_type_ and (token.i == 0 or token.doc[token.i - 1].text != "-")


def _predicate_nominals(name) -> list[tuple]:
    head = name.head
    if name.dep_ == "nsubj" and head.lemma_ == "be":
        return [(c, "predicate") for c in head.children
                if c.dep_ == "attr" and _is_label_noun(c)]  # fmt: skip
    if name.dep_ == "dobj" and head.lemma_ in NAMING_VERBS:
        found = [c for c in head.children if c.dep_ == "oprd" and _is_label_noun(c)]
        for prep in (c for c in head.children if c.lower_ == "as"):
            found += [c for c in prep.children if c.dep_ == "pobj" and _is_label_noun(c)]
        return [(c, "described_as") for c in found]
    return []


def _label(article: str, token, name, relation: str) -> Label:
    words = _descriptive_words(token)
    first = words[0] if words and words[0].i < token.i else token
    written = token.doc[first.i : token.i + 1]
    end = token.idx + len(token.text)
    return Label(article, written.start_char, end, written.text, label_phrase(token),
                 token.idx, end, name.idx, name.idx + len(name.text), relation)  # fmt: skip


# ---------------------------------------------------------------- blame cues

@cache
def _cue_lemmas() -> tuple[frozenset[str], frozenset[str]]:
    """(blaming verbs, harmful verbs) from the compare lexicon, so both stages agree on them."""
    words = lexicon()
    return frozenset(words["blaming_verbs"]), frozenset(words["blame_verbs"])


def find_blame_cues(doc, article: str = "") -> list[BlameCue]:
    """Every blaming or harmful word with each phrase it holds responsible, in text order."""
    blaming, harmful = _cue_lemmas()
    found: list[BlameCue] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in blaming:
            blamed = [c for c in token.children if c.dep_ == "dobj"]
        elif lemma in harmful or token.lower_ == "responsible":
            blamed = _responsible(token)
        else:
            continue
        found += [_blame_cue(article, token, lemma, b, lemma in blaming) for b in blamed]
    return found


def _responsible(token) -> list:
    """Who did it: the "by" agent of a passive, else the subject (of the governing verb too)."""
    agents = [c for c in token.children if c.dep_ == "agent"]
    if agents:
        return [g for g in agents[0].children if g.dep_ == "pobj"]
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ in ("xcomp", "acomp") and token.head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    if token.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("who", "which", "that")):
        subjects = [token.head]
    return subjects


def _blame_cue(article: str, token, lemma: str, blamed, blaming: bool) -> BlameCue:
    subtree = list(blamed.subtree)
    start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    cut = [min(x.idx for x in t.subtree) for t in subtree if t.dep_ in BLAMED_CUT_DEPS]
    words = " ".join(t.text for t in subtree if t.dep_ not in BLAMED_CUT_DEPS).strip()[:80]
    scope = " ".join(t.text for c in token.children if c.dep_ in ARGUMENT_DEPS
                     for t in c.subtree)  # fmt: skip
    if token.dep_ == "acl":  # "war crimes committed by ...": the harmed or done thing is the head
        named = [t.text for t in token.head.lefts if t.dep_ == "compound"] + [token.head.text]
        scope = f"{' '.join(named)} {scope}".strip()
    reported = blaming or any(a.lemma_.lower() in SPEECH_LEMMAS for a in token.ancestors)
    return BlameCue(article, token.idx, token.idx + len(token.text), token.text, lemma, start,
                    min([end, *cut]), words, blamed.text, scope, reported)  # fmt: skip
