"""Sentence-level PLOVER event coding over a spaCy parse.

    code_events(doc, article)  -> EventMention for every sentence of the Doc
    code_sentence(span, article) -> EventMention for one sentence

Lookups only, no model of its own: a trigger (verb or event noun) found in the lexicon
(data/plover_lexicon.yaml) gives the type and mode; the dependency parse gives the actors
(subject, passive agent, possessor, "Russian" in "Russian airstrikes"), the targets (object and
the prepositions each type takes), negation, modality and who claims it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from manysides.annotate import antecedents
from manysides.annotate import event_args as args
from manysides.annotate.event_lexicon import (
    COOPERATIVE_TYPES,
    HOSTILE_TYPES,
    LexEntry,
    Lexicon,
    Reading,
    load_lexicon,
)
from manysides.annotate.event_magnitude import find_magnitudes, parse_count
from manysides.annotate.event_spans import (
    SpanTuple,
    clause_children,
    conjuncts,
    is_pronoun,
    location_spans,
    phrase_span,
    time_spans,
)
from manysides.records import EventMention, Magnitude

EVENT_SERIES = frozenset(
    {"campaign", "wave", "spree", "operation", "mission", "effort", "series", "spate", "run",
     "sortie", "round"}
)  # fmt: skip
GOVERNING_TYPES = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT", "SUPPORT", "CONCEDE"})
ANY_TARGET_PREPS = frozenset({"to", "for", "with", "on", "against", "from", "at", "into"})
PATIENT_OBJECT_TYPES = frozenset({"ASSAULT", "COERCE"})
NOT_ACTOR_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
ACTOR_MODIFIER_LABELS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
ACTOR_MODIFIER_WORDS = frozenset(
    {"government", "army", "rebel", "regime", "coalition", "police", "military", "opposition",
     "troop", "force", "militant", "insurgent", "jihadist", "israeli", "palestinian", "security",
     "enemy", "allied", "ally", "state", "federal", "air"}
)  # fmt: skip
PARTY_NOUNS = ACTOR_MODIFIER_WORDS | frozenset(
    {"opposition", "group", "faction", "ally", "country", "nation", "population", "community",
     "family", "victim", "city", "town", "village", "region", "side", "party", "neighbour",
     "neighbor", "partner", "government", "people", "them", "us", "him", "her", "me",
     "organization", "organisation", "movement", "union", "association", "authority",
     "agency", "administration", "institution"}
)  # fmt: skip
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT"})
OF_IS_ACTOR_TYPES = frozenset({"RETREAT", "MOBILIZE", "CONCEDE", "PROTEST", "CONSULT", "AID"})
PATIENT_MODES = frozenset(
    {"assassinate", "arrest", "release", "abduct", "deport", "resign", "backing"}
)  # fmt: skip
# Nouns naming a role one party plays for another: "Assad's main backer, Iran".
ROLE_MODES = frozenset({"backing"})
CAPTURE_VERBS = frozenset({"capture", "seize", "recapture", "take", "retake"})
NON_TARGET_LEMMAS = frozenset({"weapon", "rocket", "missile", "shell", "bomb", "mortar"})
# What is given, not who is given it ("provided weapons to the rebels").
CARGO_LEMMAS = frozenset(
    {"aid", "assistance", "help", "support", "weapon", "arm", "training", "funding", "fund",
     "loan", "food", "medicine", "supply", "shelter", "money", "ammunition", "equipment",
     "asylum", "refuge", "team", "doctor", "medic", "peacekeeper", "worker"}
)  # fmt: skip
# What one withdraws or deploys is one's own: "withdraw its troops" has no target in it.
OWN_FORCES = frozenset(
    {"troop", "force", "soldier", "unit", "army", "personnel", "ship", "warship", "jet",
     "plane", "tank", "police", "policeman", "reinforcement", "militia", "contingent",
     "peacekeeper", "battalion", "brigade", "division", "aircraft", "fighter", "missile",
     "reservist", "conscript", "recruit"}
)  # fmt: skip
OWN_FORCES_TYPES = frozenset({"RETREAT", "MOBILIZE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "camp", "area", "district", "region", "province", "border",
     "crossing", "neighbourhood", "neighborhood", "port", "airport", "valley", "enclave"}
)  # fmt: skip


@dataclass
class Draft:
    """An event under construction; becomes an EventMention at the end."""

    trigger: Token
    anchor: Token  # the verb whose clause carries subject and flags (the trigger for verbs)
    type: str
    mode: str | None
    is_noun: bool = False
    actors: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    claimant: Token | None = None
    reporter: Token | None = None
    derived: bool = False
    magnitudes: list[Magnitude] = field(default_factory=list)
    cargo: bool = False  # the subject is what arrived ("a convoy reached..."), not who sent it
    subject_is_target: bool = False  # "Russia will have to account for it": Russia is warned
    places: list[Token] = field(default_factory=list)
    thing_subject: bool = False  # "Facts denied": the verb's only subject cannot act
    superseded: bool = False  # a derived event tells it better ("unwilling to" -> REJECT)


# ---------------------------------------------------------------- trigger lookup


def _mod_key(token: Token) -> list[str]:
    lemma = token.lemma_.lower()
    keys = [f"{m.lemma_.lower()} {lemma}" for m in token.lefts if m.dep_ in ("compound", "amod")]
    return keys + [lemma]


# Irregular past forms the lemmatizer leaves alone when the tagger calls them base forms.
IRREGULAR_PAST = {
    "took": "take", "taken": "take", "fought": "fight", "shot": "shoot", "struck": "strike",
    "held": "hold", "met": "meet", "sought": "seek", "sent": "send", "gave": "give",
    "given": "give", "drove": "drive", "driven": "drive", "overran": "overrun",
    "withdrew": "withdraw", "withdrawn": "withdraw", "froze": "freeze", "frozen": "freeze",
    "broke": "break", "broken": "break", "threw": "throw", "forbade": "forbid",
    "beat": "beat", "beaten": "beat", "stole": "steal", "bore": "bear", "led": "lead",
    "brought": "bring", "slew": "slay", "slain": "slay", "spoke": "speak", "rose": "rise",
}  # fmt: skip


def _spelling_lemmas(word: str) -> list[str]:
    """Lemmas guessed from an inflected spelling, for when the lemmatizer errs ("staged")."""
    if word in IRREGULAR_PAST:
        return [IRREGULAR_PAST[word]]
    if word.startswith("re") and word[2:] in IRREGULAR_PAST:  # "retook", "resent"
        return ["re" + IRREGULAR_PAST[word[2:]]]
    if word.endswith("ed"):
        return [word[:-1], word[:-2], word[:-3]]
    if word.endswith("ing"):
        return [word[:-3] + "e", word[:-3], word[:-4]]
    return [word[:-1]] if word.endswith("s") else []


def verb_lemma(verb: Token, lex: Lexicon) -> str:
    lemma = verb.lemma_.lower()
    if lemma in lex.verbs or lemma in lex.light_verbs:
        return lemma
    known = [w for w in _spelling_lemmas(verb.lower_) if w in lex.verbs or w in lex.light_verbs]
    return known[0] if known else lemma


# Adverbs the parser often attaches as advmod where they work as particles ("stepped back from").
PARTICLE_ADVERBS = frozenset({"back", "away", "out", "off", "down", "up", "over", "in"})


def _particles(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS)]  # fmt: skip


def verb_preps(verb: Token) -> list[Token]:
    """The verb's prepositions, with those the parser hung on its particle ("back from") or
    took for a clause's mark ("pushing for the US to back the plan")."""
    found = [c for c in verb.children if c.dep_ == "prep"]
    found += [m for c in args.children(verb, "advcl") for m in args.children(c, "mark")
              if m.lower_ == "for" and _adjacent(verb, m)]
    return found + [c for p in _particles(verb) for c in p.children if c.dep_ == "prep"]


def _adjacent(verb: Token, word: Token) -> bool:
    """Nothing but adverbs between the verb and the word ("pushing hard for")."""
    between = verb.doc[verb.i + 1 : word.i]
    return word.i > verb.i and all(t.pos_ in ("ADV", "PART") for t in between)


def verb_keys(verb: Token, lex: Lexicon) -> list[str]:
    """Lexicon keys to try for a verb, most specific first: "pull out of", "go on strike"."""
    lemma = verb_lemma(verb, lex)
    particles = [c.lower_ for c in _particles(verb)]
    preps = [q for q in verb_preps(verb) if q.i > verb.i]  # not "in which ... gave"
    objects = args.children(verb, "dobj")
    keys = [f"{lemma} {p} {q.lower_}" for p in particles for q in preps]
    keys += [f"{lemma} {p}" for p in particles]
    keys += [
        f"{lemma} {q.lower_} {o.lemma_.lower()}" for q in preps for o in args.children(q, "pobj")
    ]
    keys += [f"{lemma} {o.lemma_.lower()}" for o in objects]
    keys += [f"{lemma} {q.lower_}" for q in preps]
    keys.append(lemma)
    if lemma.startswith("re") and len(lemma) > 5:  # "reimpose", "reopen", "redeploy"
        keys.append(lemma[2:].lstrip("-"))
    return keys


def _lookup(table: dict[str, LexEntry], keys: Iterable[str]) -> tuple[str, LexEntry] | None:
    for key in keys:
        if key in table:
            return key, table[key]
    return None


# Nouns for a body of people, whose "of" phrase says who they are: "a mission of observers".
COLLECTIVE_NOUNS = frozenset(
    {"mission", "team", "group", "delegation", "contingent", "batch", "unit", "party", "body",
     "deployment", "patch", "detachment", "dozen", "score", "hundred", "thousand", "number"}
)  # fmt: skip


def _object_keys(obj: Token) -> list[str]:
    members = args.prep_objects(obj, {"of"}) if obj.lemma_.lower() in COLLECTIVE_NOUNS else []
    return [k for m in members for k in _mod_key(m)] + _mod_key(obj) + [obj.lower_]


def _verb_object(verb: Token, key: str) -> Token | None:
    obj = args.direct_object(verb)
    if obj is None and len(key.split()) > 1:  # "take to the streets": the object of the prep
        for prep in verb_preps(verb):
            if prep.lower_ in key.split()[1:]:
                found = args.children(prep, "pobj")
                return found[0] if found else None
    return obj


def _needs_met(needs: str | None, verb: Token, obj: Token | None, lex: Lexicon) -> bool:
    if needs is None:
        return True
    complement = bool(args.children(verb, "xcomp", "ccomp"))
    if needs == "object":
        return obj is not None
    if needs == "complement":
        return complement
    if needs == "object_or_complement":
        return obj is not None or complement
    if needs == "conflict_object":
        return _is_conflict_object(verb, obj, lex)
    if needs == "entity_object":  # "worked with Russia", not "the folks I worked with"
        return obj is not None and args.is_entity(obj)
    if needs == "clause":  # "proposed that aid be allowed", not "proposed talks"
        return bool(args.children(verb, "ccomp"))
    if needs == "not_question":  # "asked Russia to halt", not "asked if there are new things"
        return _asks_for_something(verb, obj)
    if needs == "party_object":  # "help the rebels", not "help the recovery of its position"
        return obj is not None and _a_party(obj, lex)
    return True


def _a_party(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if lemma == "state" and args.prep_objects(token, {"of"}) and not args.is_entity(token):
        return False  # "a state of siege", "the state of emergency"
    return args.is_entity(token) or lemma in lex.person_nouns or lemma in PARTY_NOUNS


def _asks_for_something(verb: Token, obj: Token | None) -> bool:
    clauses = args.children(verb, "xcomp", "ccomp")
    if any(args.is_question_clause(c) for c in clauses):
        return False
    return bool(clauses) or (obj is not None and obj.lower_ not in args.WH_WORDS)


def _is_conflict_object(verb: Token, obj: Token | None, lex: Lexicon) -> bool:
    aimed = args.prep_objects(verb, {"on", "at", "into", "against", "upon"})
    if any(t.ent_type_ not in ("DATE", "TIME") for t in aimed):
        return True
    if obj is None:
        return False
    lemma = obj.lemma_.lower()
    return lemma in lex.weapons or lemma in lex.hostile_targets or obj.ent_type_ in (
        "GPE", "LOC", "FAC", "NORP"
    )  # fmt: skip


def read_verb(verb: Token, lex: Lexicon) -> tuple[Reading | None, bool]:
    """(the verb's event reading, whether it is a light verb passing on its object's event)."""
    keys = verb_keys(verb, lex)
    found = _lookup(lex.verbs, keys)
    light = any(k in lex.light_verbs for k in keys)
    if found is None:
        return None, light
    key, entry = found
    obj = _verb_object(verb, key)
    if obj is not None:
        for obj_key in _object_keys(obj):
            if obj_key in entry.objects:
                return entry.objects[obj_key], False
    cargo = subject_reading(verb, entry)
    if cargo is not None:
        return cargo, False
    if entry.persons is not None and any(_political_person(p, lex) for p in _let_act(verb, obj)):
        return entry.persons, False
    for clause in args.children(verb, "xcomp", "ccomp") if entry.complements else []:
        if entry.complements.get(clause.lemma_.lower()) is not None:
            return entry.complements[clause.lemma_.lower()], False
    if entry.only_objects or not _needs_met(entry.needs, verb, obj, lex):
        return None, light
    if light and obj is not None and read_noun(obj, lex) is not None:
        return None, True
    if entry.reading.type == "PROTEST" and args.children(verb, "ccomp"):
        return Reading("ACCUSE", "allege"), light  # "a rights group protested that..."
    return _person_capture(verb, obj, entry.reading, lex), light


def _let_act(verb: Token, obj: Token | None) -> list[Token]:
    """Whom "allowed X to ..." lets act: its object, or the subject the parser gives the
    complement ("allowed Ouattara to participate")."""
    found = [obj] if obj is not None else []
    return found + [s for c in args.children(verb, "ccomp", "xcomp") for s in args.children(
        c, "nsubj")]  # fmt: skip


def _political_person(token: Token, lex: Lexicon) -> bool:
    words = {token.lemma_.lower(), *(c.lemma_.lower() for c in token.lefts)}
    named = token.ent_type_ == "PERSON" and token.pos_ == "PROPN"
    return named or bool(words & lex.political_persons)


def _subject_keys(verb: Token) -> list[str]:
    return [key for subject in args.children(verb, "nsubj") for key in _object_keys(subject)]


def subject_reading(verb: Token, entry: LexEntry) -> Reading | None:
    """The reading the subject gives: "a UN convoy reached the town" is aid arriving."""
    for key in _subject_keys(verb) if entry.subjects else []:
        if entry.subjects.get(key) is not None:
            return entry.subjects[key]
    return None


def _person_capture(verb: Token, obj: Token | None, reading: Reading, lex: Lexicon) -> Reading:
    if obj is not None and verb.lemma_.lower() in CAPTURE_VERBS and (
        obj.lemma_.lower() in lex.person_nouns or obj.ent_type_ == "PERSON"
    ):
        return Reading("COERCE", "arrest")
    return reading


def _noun_modifiers(noun: Token) -> list[str]:
    words = []
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            words += [child.lemma_.lower(), child.lower_]
            if child.i > child.left_edge.i:  # "open-ended", split by the tokenizer
                words.append(noun.doc[child.left_edge.i : child.i + 1].text.lower())
    return words


def read_noun(noun: Token, lex: Lexicon) -> Reading | None:
    """The event reading of a noun, with its modifiers ("hunger strike", "aid convoy")."""
    if noun.pos_ != "NOUN":
        return None
    found = _lookup(lex.nouns, _mod_key(noun))
    if found is None:
        return None
    key, entry = found
    modifiers = [entry.modifiers[w] for w in _noun_modifiers(noun) if w in entry.modifiers]
    modifier = modifiers[0] if modifiers else None
    if not _noun_needs_met(entry.needs, noun, modifier is not None or " " in key):
        return None
    return modifier or entry.reading


def _noun_needs_met(needs: str | None, noun: Token, has_modifier: bool) -> bool:
    if needs is None:
        return True
    has_args = any(c.dep_ in ("prep", "poss") for c in noun.children) or any(
        c.ent_type_ in ACTOR_MODIFIER_LABELS for c in noun.lefts
    )
    return {
        "modifier": has_modifier,
        "plural": noun.tag_ == "NNS",
        "target": has_args,
        "target_or_modifier": has_args or has_modifier,
        "actor_or_target": has_args,
        "modifier_or_actor": has_args or has_modifier,
        "with_party": bool(args.prep_objects(noun, {"with", "between"})),
        "to_party": bool(args.prep_objects(noun, {"to"})),
    }.get(needs, True)


# ---------------------------------------------------------------- candidates


def _light_verb_of(noun: Token, lex: Lexicon) -> Token | None:
    if noun.dep_ == "compound":  # "launched a mediation effort"
        noun = noun.head
    if noun.dep_ == "pobj" and args.through_series(noun.head.head) == noun:
        noun = noun.head.head  # "launched a wave of airstrikes"
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return head if read_verb(head, lex)[1] else None
    if noun.dep_ == "pobj" and head.head.pos_ == "VERB":
        verb = head.head  # "took part in the protests", "insisted on its demands"
        lemma = verb_lemma(verb, lex)
        joining = lemma in ("take", "join") or f"{lemma} {head.lower_}" in lex.light_verbs
        return verb if joining else None
    return None


def find_drafts(sentence: Span, lex: Lexicon) -> list[Draft]:
    """Every trigger in the sentence, verbs first so nouns they govern can defer to them."""
    drafts: list[Draft] = []
    verb_events: dict[int, str] = {}
    for token in sentence:
        if token.pos_ == "VERB":
            reading, _light = read_verb(token, lex)
            if token.dep_ == "amod" and not args.subjects(token):
                continue  # "shoulder-fired missiles" describes, "US-backed rebels" tells who
            if token.dep_ == "compound":
                continue  # "aid supplies": a mistagged noun modifier, not a clause
            if reading is not None:
                draft = Draft(token, token, reading.type, reading.mode)
                draft.cargo = _is_cargo_reading(token, lex)
                draft.subject_is_target = _subject_is_target(token, lex)
                drafts.append(draft)
                verb_events[token.i] = reading.type
    for token in sentence:
        reading = read_noun(token, lex) if token.pos_ == "NOUN" else None
        if reading is not None and reading.mode in ROLE_MODES:
            if not _role_holders(token):
                continue  # "the film's backers": a role nobody named plays
        elif reading is None or _governed_by_event(token, verb_events, lex):
            continue
        anchor = _light_verb_of(token, lex) or _light_participle(token, lex) or token
        drafts.append(Draft(token, anchor, reading.type, reading.mode, is_noun=True))
    return drafts


# Verbal acts whose prepositional object says what they are about ("called for a ceasefire",
# "opposition to the sharing", "threatened with sanctions"): that object is no event of its own.
CONTENT_TYPES = frozenset({"REQUEST", "REJECT", "THREATEN"})
CONTENT_PREPS = frozenset({"for", "to", "from", "of", "with", "against"})


def _content_of_speech_act(noun: Token, verb_events: dict[int, str], lex: Lexicon) -> bool:
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in CONTENT_PREPS:
        return False  # "In a phone call with Lavrov, Kerry threatened": the call is its own
    holder = noun.head.head
    if holder.dep_ in ("prt", "advmod") and holder.head.pos_ == "VERB":
        holder = holder.head  # "backed away from the deal"
    kind = verb_events.get(holder.i)
    if kind is None and holder.pos_ == "NOUN" and holder != noun:
        reading = read_noun(holder, lex)
        kind = reading.type if reading is not None else None
    return kind in CONTENT_TYPES


def _is_cargo_reading(verb: Token, lex: Lexicon) -> bool:
    found = _lookup(lex.verbs, verb_keys(verb, lex))
    return found is not None and subject_reading(verb, found[1]) is not None


def _subject_is_target(verb: Token, lex: Lexicon) -> bool:
    found = _lookup(lex.verbs, verb_keys(verb, lex))
    return found is not None and found[1].subject_is_target


def _light_participle(noun: Token, lex: Lexicon) -> Token | None:
    """ "the agreement signed in La Paz": the passive participle that enacts the noun."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and read_verb(child, lex)[1]:
            return child
    return None


def _governed_by_event(noun: Token, verb_events: dict[int, str], lex: Lexicon) -> bool:
    if _content_of_speech_act(noun, verb_events, lex):
        return True
    if noun.dep_ in ARGUMENT_DEPS and noun.head.i in verb_events:
        if _light_participle(noun, lex) is not None:
            return False  # "praised the agreement signed on Tuesday": the signing is an event
        return True
    if any(c.dep_ in ("acl", "relcl") and c.i in verb_events and args.is_passive(c)
           for c in noun.children):  # fmt: skip
        return True  # "a ceasefire negotiated by Kerry" is the negotiating event
    if noun.dep_ == "compound" and read_noun(noun.head, lex) is not None:
        return True  # "ceasefire talks": the head noun is the event
    if noun.dep_ == "compound" and noun.head.lemma_.lower() not in EVENT_SERIES:
        return True  # "attack helicopter", "shooting stance" name things, not events
    return False


# ---------------------------------------------------------------- arguments


# "In a phone call with Lavrov, Kerry threatened", "made clear after meeting O'Brien": the
# clause's subject is the one who called or met.
SHARED_SUBJECT_PREPS = frozenset({"in", "during", "after", "before", "following"})
# Verbs of dying and injury: the cause named in their phrase hit their subject.
HARM_VERBS = frozenset({"die", "perish", "succumb", "injure", "wound", "hurt", "kill", "maim"})


def _harmed(noun: Token) -> list[Token]:
    """ "A prisoner died as a result of torture": the one who died is who was tortured."""
    current = noun
    for _ in range(4):
        if current.dep_ not in ("pobj", "prep") or current.head == current:
            return []
        current = current.head
        if current.pos_ == "VERB" and current.lemma_.lower() in HARM_VERBS:
            patients = args.children(current, "nsubjpass")
            if current.lemma_.lower() not in ("kill", "injure", "wound", "hurt", "maim"):
                patients += args.children(current, "nsubj")
            return patients
    return []


def _noun_actors(draft: Draft) -> list[Token]:
    noun = draft.trigger
    patient_noun = draft.mode in PATIENT_MODES
    found = [c for c in noun.children if c.dep_ == "poss" and not patient_noun]
    subjects = args.subjects(draft.anchor) if draft.anchor != noun else []
    # "North Korea held military drills": the doer is North Korea, "military" only says how
    found += [m for m in _actor_modifiers(noun) if not subjects or args.is_entity(m)]
    found += args.prep_objects(noun, {"by"})
    if draft.type in OF_IS_ACTOR_TYPES:
        found += args.prep_objects(noun, {"of"})
    if draft.mode in ROLE_MODES:
        found += _role_holders(noun)
    if draft.anchor != noun:
        found += subjects
    elif not found:
        found += args.subjects(noun) if args.accusing_frame(noun) is not None else []
    if not found and noun.dep_ == "pobj" and noun.head.lower_ in SHARED_SUBJECT_PREPS:
        if noun.head.head.pos_ == "VERB":  # "In a phone call with Lavrov, Kerry threatened..."
            found += args.subjects(noun.head.head)
    return [t for token in found for t in conjuncts(token)]


def _role_holders(noun: Token) -> list[Token]:
    """Who plays the role: "Assad's backer, Iran", "Iran, Assad's backer", "Iran is a backer"."""
    found = args.children(noun, "appos")
    if noun.dep_ == "appos":
        found.append(noun.head)
    if noun.dep_ == "attr":
        found += args.children(noun.head, "nsubj")
    return found


def _actor_modifiers(noun: Token) -> list[Token]:
    """ "Russian airstrikes", "government forces' offensive": modifiers naming the doer."""
    found = []
    for child in noun.lefts:
        if child.dep_ not in ("amod", "compound", "nmod", "npadvmod"):
            continue
        if child.ent_type_ in ACTOR_MODIFIER_LABELS or child.lemma_.lower() in ACTOR_MODIFIER_WORDS:
            if child.lemma_.lower() != "air":
                found.append(child)
    return found[-1:]  # the modifier nearest the noun heads the actor phrase


def _noun_targets(draft: Draft, lex: Lexicon) -> list[Token]:
    noun = draft.trigger
    preps = set(lex.type_targets.get(draft.type, ())) - {"by"}
    if draft.type not in OF_IS_ACTOR_TYPES:
        preps.add("of")
    found = args.prep_objects(noun, preps) + _stranded_targets(noun, preps)
    if draft.mode in PATIENT_MODES:
        found += [c for c in noun.children if c.dep_ == "poss"]
    if not found and draft.type in ("ASSAULT", "COERCE"):
        found += _harmed(noun)
    if draft.anchor != noun:
        found += _verb_targets(draft.anchor, draft.type, lex, skip=noun)
    return found


def _stranded_targets(noun: Token, preps: set[str]) -> list[Token]:
    """ "died in airstrikes on Idlib": the parser hangs "on Idlib" on the verb, not the noun."""
    if noun.dep_ != "pobj" or noun.head.head.pos_ != "VERB":
        return []
    next_index = noun.right_edge.i + 1
    return [obj for prep in noun.head.head.children
            if prep.i == next_index and prep.dep_ == "prep" and prep.lower_ in preps
            for obj in args.children(prep, "pobj")]  # fmt: skip


def _verb_targets(verb: Token, kind: str, lex: Lexicon, skip: Token | None = None) -> list[Token]:
    found: list[Token] = []
    obj = args.direct_object(verb)
    measure = obj if obj is not None and obj != skip else None  # not the noun event itself
    if obj is not None and kind in OWN_FORCES_TYPES and obj.lemma_.lower() in OWN_FORCES:
        skip = obj
    if obj is not None and f"{verb.lemma_.lower()} {obj.lemma_.lower()}" in lex.verbs:
        obj = None  # "open fire": the object is part of the phrase
    if obj is not None and kind == "AID" and obj.lemma_.lower() in CARGO_LEMMAS:
        skip = obj  # "offered aid to opposition fighters": the fighters get the aid
    parties = _measure_parties(measure, kind, lex) if measure is not None else []
    about_a_deed = bool(parties) and kind in ABOUT_A_DEED_TYPES  # its doer, not the deed
    weapon = obj is not None and obj.lemma_.lower() in lex.weapons
    if obj is not None and obj != skip and obj.lemma_.lower() not in NON_TARGET_LEMMAS:
        found += [] if about_a_deed or weapon else [obj]
    found += parties
    found += [t for d in args.children(verb, "dative") for t in ([d] if d.pos_ != "ADP" else
                                                                 args.children(d, "pobj"))]
    # "called for sanctions against Nigeria", "mobilized reservists for a war against Iraq"
    purposes = args.prep_objects(verb, {"for"}) + (args.prep_objects(obj, {"for"}) if obj else [])
    found += [t for d in purposes for t in args.prep_objects(d, {"against", "on", "upon"})]
    if obj is not None and kind == "REQUEST" and not _a_party(obj, lex) and not parties:
        found += args.prep_objects(obj, {"from"})  # "demanded autonomy from the authorities"
    if found and kind in PATIENT_OBJECT_TYPES and not _only_things(found, lex):
        return found  # "attacked the camp at the corner": the object is the one hit
    preps = lex.type_targets.get(kind, ANY_TARGET_PREPS) | _own_target_preps(verb, lex)
    found += args.prep_objects(verb, preps)
    if obj is not None and (obj == skip or weapon):
        # "fired rockets at Israel", "launched artillery, mortar and rocket fire against camps"
        found += [t for o in conjuncts(obj) for t in args.prep_objects(o, preps)]
    return found


# Prepositions by which a measure or deed named as a verb's object says whom it concerns.
MEASURE_PREPS = frozenset({"on", "against", "to", "from", "with", "upon"})
# ... and for help, whom it is for ("aid for the refugees"); for a blow, "for" gives its reason.
BENEFIT_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE", "AGREE"})
# Acts about another's deed, where the deed's own doer is the one concerned: "demanded the
# withdrawal of Serbian forces", "denounced Serbia's suppression of the unrest".
ABOUT_A_DEED_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT"})


# Frontiers, whose "with" phrase names the neighbour: "closed its borders with Iran".
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "crossing"})


def _only_things(found: list[Token], lex: Lexicon) -> bool:
    """ "prohibited all aid to the rebels": what was stopped is no party, whom it was for is."""
    return all(t.lemma_.lower() in CARGO_LEMMAS and not _a_party(t, lex) for t in found)


def _measure_parties(obj: Token, kind: str, lex: Lexicon) -> list[Token]:
    """ "imposed sanctions on the Taliban", "granted asylum to five officers", "lifted a
    blockade on Palestinian lorries": the parties the object's own phrase names."""
    lemma = obj.lemma_.lower()
    if lemma in BORDER_NOUNS:
        return args.prep_objects(obj, {"with", "between"})
    protest = lemma in lex.nouns and lex.nouns[lemma].reading.type == "PROTEST"
    if protest and kind in PATIENT_OBJECT_TYPES:
        return _protesters(obj)  # "prevented the demonstration staged by students"
    if read_noun(obj, lex) is None and lemma not in CARGO_LEMMAS:
        return []
    if kind in ABOUT_A_DEED_TYPES:
        doers = args.children(obj, "poss") + _actor_modifiers(obj) + args.prep_objects(obj, {"of"})
        if doers:
            return doers
    return args.prep_objects(obj, MEASURE_PREPS | ({"for"} if kind in BENEFIT_TYPES else set()))


def _protesters(protest: Token) -> list[Token]:
    found = args.children(protest, "poss") + args.prep_objects(protest, {"by"})
    return found + [a for c in args.children(protest, "acl") for a in args.agents(c)]


def _own_target_preps(verb: Token, lex: Lexicon) -> frozenset[str]:
    """The prepositions the verb's lexicon entry aims at ("offered troops to X")."""
    found = _lookup(lex.verbs, verb_keys(verb, lex))
    return found[1].target_preps if found is not None else frozenset()


def _object_mode(verb: Token, lex: Lexicon) -> str | None:
    """ "agreed a ceasefire": the event noun in the object says how."""
    obj = args.direct_object(verb)
    reading = read_noun(obj, lex) if obj is not None else None
    return reading.mode if reading is not None else None


def _rallied_for(verb: Token, lex: Lexicon) -> list[Token]:
    """ "mobilized pressure groups to help support the rights of Palestinians": whom the
    rallying is for is what its purpose clause, however deep, is aimed at."""
    for clause in args.children(verb, "advcl", "xcomp"):
        found = _verb_targets(clause, "SUPPORT", lex) or _rallied_for(clause, lex)
        parties = [p for p in (_party_within(t, lex) for t in found) if p is not None]
        if parties:
            return parties
    return []


def _content_targets(draft: Draft, lex: Lexicon) -> list[Token]:
    """Whom a demand or promise concerns, from the clause saying what it is: "demanded that
    the US cancel ...", "its demands that the government grant ...", "reiterated its demand
    that Israel ease ..."."""
    if not draft.is_noun:
        return _complement_target(draft.trigger, lex)
    clauses = args.children(draft.trigger, "acl", "ccomp") if _content_clause(draft.trigger) else []
    if draft.anchor != draft.trigger:
        clauses += args.children(draft.anchor, "ccomp")
    return [s for clause in clauses for s in _named_subjects(clause)]


def _named_subjects(clause: Token) -> list[Token]:
    return [s for s in args.subjects(clause) if not is_pronoun(s)]


def _complement_target(verb: Token, lex: Lexicon) -> list[Token]:
    """ "demanded that the US cancel...": the one asked is the complement's subject;
    "agreed to provide aid for Romania": the one the complement is aimed at."""
    found: list[Token] = []
    for deed in args.prep_objects(verb, {"to"}):  # "agreed to US mediation"
        if read_noun(deed, lex) is not None:
            found += args.children(deed, "poss") + _actor_modifiers(deed)
    asked = [c for c in args.children(verb, "advcl") if any(
        m.lower_ == "for" for m in args.children(c, "mark"))]  # "pushed for the US to act"
    for comp in args.children(verb, "ccomp", "xcomp") + asked:
        if comp.dep_ != "xcomp":
            found += _named_subjects(comp)
        found += _verb_targets(comp, "ANY", lex)
    return found


# What did the hitting says how: "artillery shells struck the market" is shelling, whatever
# the verb's own default ("strike" alone reads as an airstrike).
INSTRUMENT_MODES = {
    "shell": "shelling", "artillery": "shelling", "mortar": "shelling", "howitzer": "shelling",
    "rocket": "heavy weapons", "missile": "heavy weapons", "bomb": "explosives",
    "explosive": "explosives", "ied": "explosives", "mine": "explosives",
    "warplane": "airstrike", "jet": "airstrike", "drone": "airstrike", "aircraft": "airstrike",
    "helicopter": "airstrike", "airstrike": "airstrike", "gunfire": "firearms",
    "bullet": "firearms", "sniper": "firearms",
}  # fmt: skip


def _instrument_mode(subjects: list[Token]) -> str | None:
    for token in subjects:
        for word in (token.lemma_.lower(), *(c.lemma_.lower() for c in token.lefts
                                              if c.dep_ == "compound")):  # fmt: skip
            if word in INSTRUMENT_MODES:
                return INSTRUMENT_MODES[word]
    return None


def fill_arguments(draft: Draft, lex: Lexicon) -> None:
    if draft.is_noun:
        draft.actors = _noun_actors(draft)
        targets = _noun_targets(draft, lex)
    else:
        draft.actors = args.subjects(draft.trigger)
        targets = _verb_targets(draft.trigger, draft.type, lex)
        draft.mode = draft.mode or _object_mode(draft.trigger, lex)
    if draft.cargo:
        _cargo_arguments(draft)
    if draft.subject_is_target:
        targets, draft.actors = draft.actors, []
    if draft.mode == "rally":
        targets = _rallied_for(draft.trigger, lex) or targets
    if draft.type == "ASSAULT":
        draft.mode = _instrument_mode(draft.actors) or draft.mode
    subjects = [t for token in draft.actors for t in _doer_behind(token, lex)]
    draft.actors = _real_actors(subjects, lex)
    draft.thing_subject = bool(subjects) and all(_a_thing(t, lex) for t in subjects)
    draft.targets = _resolve_targets(draft, targets, lex)
    if not draft.targets and draft.type in GOVERNING_TYPES:
        draft.targets = _resolve_targets(draft, _content_targets(draft, lex), lex)
    if draft.mode == "exercise" and len(_actor_heads(draft.actors)) > 1:
        draft.type = "COOPERATE"  # "French and Egyptian warships launched war games"
    if not any(_names_a_party(t, lex) for t in draft.targets):
        # the party a convention names stands for the things that were hit ("measures")
        draft.targets = _admissible_targets(draft, _conventional_targets(draft, lex)) or (
            draft.targets)


def _actor_heads(actors: list[Token]) -> set[str]:
    """The distinct parties among the actors: "French and Egyptian warships" are two."""
    found = set()
    for actor in actors:
        if actor.ent_type_ in ACTOR_MODIFIER_LABELS:
            found.add(actor.lower_)  # "North Korea": one party, whatever its name's parts
            continue
        named = [m for m in actor.lefts if m.ent_type_ in ACTOR_MODIFIER_LABELS]
        found |= {t.lower_ for m in named for t in (m, *m.conjuncts)}
    return found


TARGET_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ"})


def _resolve_targets(draft: Draft, targets: list[Token], lex: Lexicon) -> list[Token]:
    """The parties behind the target words ("a US offer" -> US), with whoever holds a place
    that was hit ("shelled positions of the Palestinian security forces")."""
    resolved = [t for t in (args.participant(_named(target), lex) for target in targets) if t]
    resolved += [o for t in resolved if _a_facility(t, lex) for o in _holders(t, lex)]
    return _admissible_targets(draft, resolved)


def _named(token: Token) -> Token:
    """ "the opposition newspaper La Prensa", "the group, Jabhat Fateh al-Sham": the name."""
    names = [a for a in args.children(token, "appos") if args.is_entity(a)
             and token.doc[a.i - 1].text != "("]  # "(MASSOB)" abbreviates, and may misattach
    return names[0] if names and not args.is_entity(token) else token


def _a_facility(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    return lemma in lex.hostile_targets and token.pos_ == "NOUN" and not _a_party(token, lex)


# Places that say nothing of their own, so the town they are in says where the blow fell.
GENERIC_PLACES = frozenset({"target", "position", "site", "location", "area"})


def _holders(place: Token, lex: Lexicon) -> list[Token]:
    """ "guerrilla camps", "the offices of the administrators", "a camp for Congolese refugees":
    who holds or uses the place."""
    inner = args.children(place, "poss") + _actor_modifiers(place)
    inner += args.prep_objects(place, PARTY_PREPS | {"for"})
    found = [p for p in (_party_within(t, lex) for t in inner) if p is not None]
    if not found and place.lemma_.lower() in GENERIC_PLACES:  # "fired at targets in Jericho"
        found = [t for t in args.prep_objects(place, {"in", "near"}) if args.is_entity(t)]
    return found[:1]  # not the town it is in: "the main hospital in Aleppo" was hit, not Aleppo


def _admissible_targets(draft: Draft, targets: list[Token]) -> list[Token]:
    """The targets and their conjuncts, leaving out the doers, dates and the trigger."""
    actor_ids = {t.i for t in draft.actors}
    return _prefer_entities(
        [t for target in targets for t in conjuncts(target) if t.i not in actor_ids
         and t != draft.trigger and t.pos_ in TARGET_POS and t.ent_type_ not in NOT_ACTOR_LABELS]
    )  # fmt: skip


def _conventional_targets(draft: Draft, lex: Lexicon) -> list[Token]:
    """Whom an event that names no party of its own is aimed at, by the coding conventions:
    a protest at whom its stated aim names, a complaint at whoever did what it is about, a
    threat at whoever must meet its condition, and a deed done somewhere at that place."""
    if draft.type == "PROTEST":
        aim = _protest_aim(draft, lex)
        if aim:
            return aim
    if draft.type in PATIENT_OBJECT_TYPES:
        aimed = _purpose_targets(draft, lex)  # "opened fire to disperse the demonstrators"
        if aimed:
            return aimed
    if draft.type == "ACCUSE":
        deeds = args.prep_objects(draft.trigger, COMPLAINT_PREPS)
        parties = [p for p in (_party_within(d, lex) for d in deeds) if p is not None]
        if parties:
            return parties[:1]
    if draft.type == "THREATEN":
        condition = _condition_subjects(draft)
        if condition:
            return condition
    return _affected_place(draft, lex)


# A deed done in a place with no party named is coded against the place, that is its people
# (the PLOVER convention): "lifted a curfew in Montenegro", "demonstrated in Serbia", "bombed a
# town in Idlib"; a visit is aimed at the place visited ("arrived in Amman"). Talks, deals and
# statements are not: where they are held is only their venue, unless what they promise,
# threaten or refuse is such a deed ("threatened to impose a curfew in Algiers").
PLACE_TARGET_TYPES = MATERIAL_TYPES | {"SANCTION", "CONCEDE"}
PLACE_TARGET_MODES = frozenset({"visit"})
AFFECTED_PLACE_PREPS = frozenset({"in", "inside", "within", "throughout", "across"})
AFFECTED_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _place_can_be_target(draft: Draft) -> bool:
    return draft.type in PLACE_TARGET_TYPES or draft.mode in PLACE_TARGET_MODES


def _deed_clauses(draft: Draft, lex: Lexicon) -> list[Token]:
    """The clauses whose place a deed hits: the event's own, or the deed it governs."""
    if _place_can_be_target(draft):
        return list(dict.fromkeys([draft.trigger, draft.anchor]))
    if draft.is_noun or draft.type not in GOVERNING_TYPES:
        return []
    complements = args.children(draft.trigger, "xcomp", "ccomp")
    return [c for c in complements if _deed_type(c, lex) in PLACE_TARGET_TYPES]


def _deed_type(verb: Token, lex: Lexicon) -> str | None:
    """The event type of a clause, by its verb or its object ("institute a curfew")."""
    reading = read_verb(verb, lex)[0]
    obj = args.direct_object(verb)
    if reading is None and obj is not None:
        reading = read_noun(obj, lex)
    return reading.type if reading is not None else None


def _names_a_party(token: Token, lex: Lexicon) -> bool:
    """Whether a target says who or what was hit, unlike "emergency measures" or "a town";
    a group its modifier names is a party ("the Protestant extremist organization")."""
    lemma = token.lemma_.lower()
    if lemma in PLACE_NOUNS:
        return False
    return _a_party(token, lex) or lemma in lex.hostile_targets or _named_group(token)


def _named_group(token: Token) -> bool:
    """A noun a name or nationality qualifies: "Russian Jewish immigrants"."""
    return any(c.ent_type_ in ACTOR_MODIFIER_LABELS for c in token.lefts
               if c.dep_ in ("amod", "compound", "nmod"))  # fmt: skip


def _affected_place(draft: Draft, lex: Lexicon) -> list[Token]:
    """The named place the deed is done in: "in Montenegro", "in the town of Cizre" (Cizre)."""
    for clause in _deed_clauses(draft, lex):
        for prep in clause_children(clause):
            if prep.dep_ != "prep" or prep.lower_ not in AFFECTED_PLACE_PREPS:
                continue
            for obj in args.children(prep, "pobj"):
                place = _named_place(obj)
                if place is not None:
                    return conjuncts(place)
    return []


# What a protest is staged for names whom it is aimed at: "a hunger strike to protest
# President Assad's failure", "to demand the resignation of X", "in protest against violations
# by Algerian security forces", "demonstrated, calling for independence from Iraq".
AIM_NOUNS = frozenset({"protest", "defiance"})
# "complained over two Israeli air raids": what a complaint is about names whom it accuses.
COMPLAINT_PREPS = frozenset({"over", "about", "at"})
AIM_PREPS = frozenset({"against", "for", "from", "of", "at", "over", "on", "with"})
PARTY_PREPS = frozenset({"of", "by", "from", "against"})


def _purpose_targets(draft: Draft, lex: Lexicon) -> list[Token]:
    for clause in args.children(draft.anchor, "advcl", "xcomp"):
        if args.has_to(clause):
            found = [p for p in (_party_within(o, lex) for o in args.children(clause, "dobj"))
                     if p is not None]  # fmt: skip
            if found:
                return found
    return []


def _protest_aim(draft: Draft, lex: Lexicon) -> list[Token]:
    """The first party named in what the protest is for."""
    for clause in _aim_clauses(draft, lex):
        objects = args.children(clause, "dobj") + args.prep_objects(clause, AIM_PREPS)
        parties = [p for p in (_party_within(o, lex) for o in objects) if p is not None]
        if parties:
            return parties[:1]
    return []


def _aim_clauses(draft: Draft, lex: Lexicon) -> list[Token]:
    """ "to protest ...", "calling for ...", "in protest against ...", "in defiance of ..."."""
    found = []
    for token in dict.fromkeys([draft.trigger, draft.anchor]):
        for child in args.children(token, "advcl", "xcomp"):
            if _purpose_clause(child, lex):
                found.append(child)
        found += [n for n in args.prep_objects(token, {"in"}) if n.lemma_.lower() in AIM_NOUNS]
    return found


AIM_TYPES = frozenset({"PROTEST", "REQUEST", "ACCUSE", "REJECT"})


def _purpose_clause(verb: Token, lex: Lexicon) -> bool:
    """ "to demand ...", or a demand or protest in -ing ("calling for ..."), not "joining ..."."""
    if args.has_to(verb):
        return True
    reading = read_verb(verb, lex)[0] if verb.tag_ == "VBG" else None
    return reading is not None and reading.type in AIM_TYPES


def _party_within(token: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """The first party a phrase names: its head, its possessor or one in its "of", "by",
    "from" phrases ("Sweden's decision", "the resignation of President Ben Bella")."""
    if token.ent_type_ in NOT_ACTOR_LABELS or is_pronoun(token):
        return None
    if _a_party(token, lex) or _named_group(token):
        return token
    if depth >= 3:
        return None
    inner = args.children(token, "poss") + args.prep_objects(token, PARTY_PREPS)
    for child in inner + _actor_modifiers(token):  # "Israeli settlements"
        found = _party_within(child, lex, depth + 1)
        if found is not None:
            return found
    return None


def _condition_subjects(draft: Draft) -> list[Token]:
    """ "threatened to strike unless Israel rescinded ...": Israel must meet the condition."""
    clauses = [draft.trigger, *args.children(draft.trigger, "xcomp", "ccomp")]
    for clause in clauses:
        condition = args.conditional_clause(clause)
        if condition is not None:
            return [s for s in args.children(condition, "nsubj") if not is_pronoun(s)]
    return []


def _named_place(token: Token) -> Token | None:
    """The token when it names a place, or the name a place noun gives ("the town of Cizre")."""
    if token.ent_type_ in AFFECTED_PLACE_LABELS:
        return token
    if token.lemma_.lower() in PLACE_NOUNS:
        names = args.prep_objects(token, {"of"})
        return next((o for o in names if o.ent_type_ in AFFECTED_PLACE_LABELS), None)
    return None


POSSESSIVE_PRONOUNS = frozenset({"their", "its", "his", "her", "our"})


def _doer_behind(token: Token, lex: Lexicon) -> list[Token]:
    """ "the air forces intensified their bombing campaign, killing scores": the forces kill,
    not the campaign; "officials asserted their opposition": the officials oppose."""
    noun = token.head if token.lower_ in POSSESSIVE_PRONOUNS and token.dep_ == "poss" else token
    if noun is not token or noun.lemma_.lower() in EVENT_SERIES or (
            noun.pos_ == "NOUN" and read_noun(noun, lex) is not None):
        verb = noun.head
        if noun.dep_ == "dobj" and verb.pos_ == "VERB":
            return args.subjects(verb) or [token]
        if noun.dep_ == "nsubj" and verb.dep_ == "advcl" and verb.tag_ == "VBG":
            return args.subjects(verb.head) or [token]  # a misparse of the same frame
    return [token]


def _real_actors(actors: list[Token], lex: Lexicon) -> list[Token]:
    """Drop datelines, dates, places and weapons; "Israeli rockets" still tell who fired."""
    found = []
    for token in actors:
        if _a_thing(token, lex) or any(a.lower_ == "according" for a in token.ancestors):
            continue  # "according to the New York Times": a source, not a doer
        if args.can_act(token) and token.lemma_.lower() not in lex.weapons:
            found.append(token)
        elif not args.is_dateline_or_time(token):
            inner = args.inner_entity(token)
            found += [inner] if inner is not None and args.can_act(inner) else []
    return found


def _a_thing(token: Token, lex: Lexicon) -> bool:
    """ "14 trucks", "the video", "Facts": a subject that cannot act (names excepted)."""
    if args.is_entity(token) or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    return token.lemma_.lower() in lex.not_actors or token.lower_ in lex.not_actors


def _cargo_arguments(draft: Draft) -> None:
    """ "A UN convoy reached Ilave": the UN sent it, and Ilave is where it arrived."""
    senders = [args.inner_entity(t) for t in draft.actors]
    draft.actors = [t for t in senders if t is not None]
    destination = args.direct_object(draft.trigger)
    if destination is not None and destination.ent_type_ in PLACE_LABELS | {""}:
        if args.is_entity(destination) or destination.lemma_.lower() in PLACE_NOUNS:
            draft.places.append(destination)


def _prefer_entities(targets: list[Token]) -> list[Token]:
    """Named actors over things: "aerial photographs ... to Macedonia" targets Macedonia."""
    named = [t for t in targets if args.is_entity(t)]
    return named or targets


def fill_flags(draft: Draft, lex: Lexicon, question: bool = False) -> None:
    draft.negated = args.negated(draft.trigger, draft.anchor, lex)
    draft.hypothetical = question or args.hypothetical(draft.anchor, draft.type, lex)
    draft.claimant, draft.reporter = args.claimant(draft.anchor, lex)
    if draft.claimant is not None and draft.reporter is None:  # "according to the Times"
        source = {t.i for t in draft.claimant.subtree}
        draft.actors = [t for t in draft.actors if t.i not in source]
    if draft.claimant is not None and draft.reporter is not None:
        draft.actors = [
            draft.claimant if is_pronoun(t) and t.dep_ == "nsubj" else t
            for t in draft.actors
        ]
    draft.actors = [_named_doer(t) for t in draft.actors]


def _named_doer(token: Token) -> Token:
    if not antecedents.resolvable(token):
        return token
    return antecedents.antecedent(token) or token


# ---------------------------------------------------------------- derived events


# Verbs announcing one's own future act: a hostile act so announced is a threat, a
# cooperative one an agreement (PLOVER codes intentions, not only deeds).
INTENT_VERBS = frozenset(
    {"plan", "intend", "prepare", "ready", "prepared", "vow", "pledge", "promise", "swear",
     "want", "aim", "consider", "mean", "determine", "set", "go", "willing", "offer", "commit",
     "undertake", "agree", "threaten", "seek", "hope", "expect"}
)  # fmt: skip
PROMISE_VERBS = frozenset({"promise", "pledge", "vow", "offer", "commit", "undertake", "swear"})
RESOLVING_VERBS = PROMISE_VERBS | {"threaten", "plan", "intend", "prepare", "decide", "resolve"}
ASPECTUAL_VERBS = frozenset({"resume", "continue", "start", "begin", "keep", "renew"})
# Readying an attack puts forces on a war footing (MOBILIZE); announcing one threatens it.
READYING_VERBS = frozenset({"prepare", "ready", "prepared", "poise", "gear", "mass"})
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
OBLIGATION_MODALS = frozenset({"must", "should"})
# Speech verbs whose "X must/should" complement is a demand (not "believe", "feel", "think").
DEMANDING = frozenset(
    {"say", "tell", "state", "add", "declare", "announce", "insist", "demand", "urge", "remind",
     "stress", "reiterate", "warn", "conclude", "write", "emphasise", "emphasize", "repeat"}
)  # fmt: skip
THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})


def _derive(drafts: list[Draft], sentence: Span, lex: Lexicon) -> list[Draft]:
    """Events a sentence implies beyond its triggers: intents, refusals, demands, accusations."""
    derived: list[Draft] = []
    triggers = {d.trigger.i for d in drafts}
    for draft in drafts:
        for make in (_intent_event, _accusation_event):
            extra = make(draft, triggers, lex)
            if extra is not None:
                derived.append(extra)
                triggers.add(extra.trigger.i)
                break
        else:
            refusal = _refusal_event(draft, lex)
            if refusal is not None:
                derived.append(refusal)
                draft.superseded = True  # the rejection names what was refused
    derived += _obligations(sentence, triggers, lex) + _bare_promises(sentence, triggers, lex)
    return derived + _failure_claims(sentence, triggers, lex) + _ruled_out(sentence, lex)


# "removing the sanctions is out of the question", "a ceasefire is off the table"
RULED_OUT = {("out", "question"), ("off", "table")}


def _ruled_out(sentence: Span, lex: Lexicon) -> list[Draft]:
    """What a speaker says is out of the question is what the speaker rejects."""
    found = []
    for prep in sentence:
        inner = [g for c in args.children(prep, "prep") for g in args.children(c, "pobj")]
        inner += args.children(prep, "pobj")
        if prep.dep_ != "prep" or not any((prep.lower_, g.lower_) in RULED_OUT for g in inner):
            continue
        copula = prep.head
        ruled = args.children(copula, "csubj", "nsubj")
        claimant, reporter = args.claimant(copula, lex)
        if not ruled or claimant is None:
            continue
        rejection = Draft(prep, copula, "REJECT", None, derived=True)
        rejection.actors = [claimant]
        rejection.targets = _resolve_targets(rejection, [t for r in ruled for t in (
            _verb_targets(r, "ANY", lex) if r.pos_ == "VERB" else [r])], lex)  # fmt: skip
        rejection.claimant, rejection.reporter = claimant, reporter
        found.append(rejection)
    return found


def _failure_claims(sentence: Span, triggers: set[int], lex: Lexicon) -> list[Draft]:
    """ "Both sides claim that the other failed to uphold the deal": each accuses the other."""
    found = []
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.i in triggers:
            continue
        if verb.lemma_.lower() not in lex.accusing_verbs:
            continue
        for failure in args.children(verb, "ccomp"):
            if failure.lemma_.lower() in lex.failing_verbs:
                accusation = Draft(verb, verb, "ACCUSE", "allege", derived=True)
                accusation.actors = args.subjects(verb)
                accusation.targets = args.subjects(failure)
                triggers.add(verb.i)
                found.append(accusation)
                break
    return found


def _copy(draft: Draft, trigger: Token, kind: str, mode: str | None) -> Draft:
    return Draft(
        trigger=trigger, anchor=trigger, type=kind, mode=mode, actors=list(draft.actors),
        targets=list(draft.targets), claimant=draft.claimant, reporter=draft.reporter,
        derived=True, hypothetical=args.conditional_clause(trigger) is not None,
    )  # fmt: skip


def _modal(verb: Token, modals: frozenset[str]) -> bool:
    heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "aux" and c.lower_ in modals for h in heads for c in h.children)


def _intent_event(draft: Draft, triggers: set[int], lex: Lexicon) -> Draft | None:
    """ "plans to impose restrictions" is a threat; "will provide aid" is an agreement."""
    verb = draft.anchor
    if draft.negated or (draft.is_noun and verb == draft.trigger):
        return None
    verb = _past_aspect(verb)
    head = verb.head
    governed = _infinitive_complement(verb) and head.lemma_.lower() in INTENT_VERBS
    if governed and head.i in triggers:
        return None  # "threatened to", "agreed to": the governing verb is already coded
    intent = head if governed else (verb if _modal(verb, FUTURE_MODALS) else None)
    if intent is not None and args.in_condition(intent):
        return None  # "if someone wants to donate a kidney": no one has promised anything
    condition = args.conditional_clause(verb)
    if condition is not None and (intent is not None or _modal(verb, args.MODALS)):
        unless = any(m.lower_ == "unless" for m in args.children(condition, "mark"))
        if unless or draft.type in THREAT_TYPES:  # "will boycott ... unless", "may halt ... if"
            return _copy(draft, intent or verb, "THREATEN", draft.mode)
    if intent is None:
        return None
    if draft.type in COOPERATIVE_TYPES - {"AGREE"}:
        return _copy(draft, intent, "AGREE", draft.type.lower())
    if draft.type == "ASSAULT" and intent.lemma_.lower() in READYING_VERBS:
        return _copy(draft, intent, "MOBILIZE", draft.mode)  # forces readied for an attack
    hostile = draft.type in THREAT_TYPES or draft.mode in ("boycott", "obstruct")
    return _copy(draft, intent, "THREATEN", draft.mode) if hostile else None


def _past_aspect(verb: Token) -> Token:
    """ "prepared to resume shelling": the shelling is what was prepared; "will continue to
    support" promises nothing new, so there the verb stays as it is."""
    up = verb
    while up.dep_ == "xcomp" and up.head.lemma_.lower() in ASPECTUAL_VERBS:
        up = up.head
    intended = _infinitive_complement(up) and up.head.lemma_.lower() in INTENT_VERBS
    return up if intended else verb


def _infinitive_complement(verb: Token) -> bool:
    """ "vowed to fight": the parser sometimes hangs the infinitive as a purpose clause (not
    so "went to Aleppo to fight", where it is one)."""
    if verb.dep_ == "xcomp":
        return True
    resolving = verb.head.lemma_.lower() in RESOLVING_VERBS
    return verb.dep_ == "advcl" and args.has_to(verb) and resolving and verb.i > verb.head.i


def _obligations(sentence: Span, triggers: set[int], lex: Lexicon) -> list[Draft]:
    """ "X said that Libya must hand over the suspects" is X demanding it of Libya."""
    found = []
    for verb in sentence:
        if verb.pos_ not in ("VERB", "AUX") or not _modal(verb, OBLIGATION_MODALS):
            continue
        head = verb.head
        if verb.dep_ not in ("ccomp", "acl") or head.i in triggers:
            continue
        if head.pos_ == "VERB" and head.lemma_.lower() not in DEMANDING:
            continue  # "many feel the US should intervene" is an opinion, not a demand
        speaker = head if head.pos_ == "VERB" else head.head  # "issued a reminder that..."
        if speaker.pos_ != "VERB" or (head.pos_ == "VERB" and verb.dep_ != "ccomp"):
            continue
        demand = Draft(head, head, "REQUEST", None, derived=True)
        demand.actors = args.subjects(speaker)
        demand.targets = [t for t in args.subjects(verb) if not is_pronoun(t)]
        demand.targets = demand.targets or args.prep_objects(head, {"to"}) or (
            args.prep_objects(speaker, {"to"}))  # "issued a stern reminder to Iraq that ..."
        demand.claimant, demand.reporter = args.claimant(speaker, lex)
        triggers.add(head.i)
        found.append(demand)
    return found


def _bare_promises(sentence: Span, triggers: set[int], lex: Lexicon) -> list[Draft]:
    """ "promised to democratize Serbia": a promise is an agreement whatever is promised."""
    found = []
    for token in sentence:
        promising = token.lemma_.lower() in PROMISE_VERBS and token.pos_ == "VERB"
        if promising and token.i not in triggers:
            if args.children(token, "xcomp", "ccomp") or _committed_to_doing(token):
                promise = Draft(token, token, "AGREE", None, derived=True)
                promise.actors = args.subjects(token)
                promise.targets = args.children(token, "dative")
                found.append(promise)
    return found


def _committed_to_doing(verb: Token) -> bool:
    """ "is committed to opening up the economy": a promise made with a gerund."""
    return any(c.tag_ == "VBG" for p in args.children(verb, "prep") if p.lower_ == "to"
               for c in args.children(p, "pcomp"))  # fmt: skip


def _refusal_event(draft: Draft, lex: Lexicon) -> Draft | None:
    """ "will not accept refugees", "proved unwilling to maintain the ceasefire", "are not
    going to pull back": someone's negated cooperative act is a rejection; "no deal has been
    reached" (nobody refusing) and "failed to reach a deal" are not."""
    if not draft.negated or draft.type not in COOPERATIVE_TYPES or not draft.actors:
        return None
    anchor = draft.anchor
    if anchor.dep_ == "xcomp":
        refused = args.refusing_head(anchor.head, lex)
        return _copy(draft, anchor.head, "REJECT", draft.type.lower()) if refused else None
    if draft.is_noun:
        return None
    return _copy(draft, draft.trigger, "REJECT", draft.type.lower())


def _accusation_event(draft: Draft, triggers: set[int], lex: Lexicon) -> Draft | None:
    """ "Russia claimed that the coalition bombed Syrian troops" is also Russia accusing."""
    reporter = draft.reporter
    if reporter is None or draft.claimant is None or draft.type not in HOSTILE_TYPES:
        return None
    if reporter.i in triggers or reporter.lemma_.lower() not in lex.accusing_verbs:
        return None
    accusation = Draft(reporter, reporter, "ACCUSE", "allege")
    accusation.actors = [draft.claimant]
    accusation.targets = list(draft.actors)
    return accusation


# ---------------------------------------------------------------- merging and output


def _linked(parent: Draft, child: Draft) -> bool:
    """The child restates the parent: "bombed ..., killing 23", "killed in an airstrike"."""
    token = child.trigger
    if token.head == parent.trigger and token.dep_ in ("advcl", "xcomp", "conj", "nsubj",
                                                        "dobj", "attr"):  # fmt: skip
        return token.dep_ != "conj" or token.tag_ == "VBG"
    if token.tag_ == "VBG" and token.dep_ in ("acl", "advcl") and token.head.head == parent.trigger:
        return True  # "targeted an outpost, killing 62": the parser hangs it on the object
    return token.dep_ == "pobj" and token.head.head == parent.trigger


def _counted(token: Token) -> bool:
    return any(c.dep_ == "nummod" or c.like_num for c in token.children)


def merge_restatements(drafts: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    absorbed: set[int] = set()
    for parent in drafts:
        for child in drafts:
            if child is parent or id(child) in absorbed or child.type != parent.type:
                continue
            if id(parent) not in absorbed and _linked(parent, child):
                parent.mode = parent.mode or child.mode
                parent.actors = parent.actors or child.actors
                # "civilians were killed when shells hit the market": both are hit; but
                # "bombed a hospital, killing 23 people": the dead are a toll, not a target
                parent.targets = parent.targets + [
                    t for t in child.targets if t not in parent.targets and not _counted(t)
                ] if parent.targets else child.targets
                absorbed.add(id(child))
    kept = [d for d in drafts if id(d) not in absorbed]
    return kept


def _worth_keeping(draft: Draft) -> bool:
    """An event noun with nobody, no place and no time in it ("the collapse of the ceasefire",
    "the attacks were followed by...", "a broad area of unrest") names an event told elsewhere
    or none at all; a verbal act whose subject is a thing ("Facts denied", "the massacre ended
    all talk") is no act: things do not deny, end talks or agree."""
    if draft.thing_subject and draft.type not in MATERIAL_TYPES:
        return False
    if draft.is_noun and _content_clause(draft.trigger) and draft.type in MATERIAL_TYPES:
        return False  # "a demonstration that this is not true" is a proof, not a protest
    if not draft.is_noun:
        return not _background_tally(draft)
    return bool(draft.actors or draft.targets) or _situated(draft)


def _situated(draft: Draft) -> bool:
    """Whether a place or a time is attached to the event, or to the clause it is the subject
    or object of ("a humanitarian convoy reached Ilave yesterday")."""
    tokens = {draft.trigger, draft.anchor}
    tokens.update(args.children(draft.trigger, "acl", "relcl"))  # "a convoy ... reached Ilave"
    if draft.trigger.dep_ in ("nsubj", "nsubjpass", "dobj") and draft.trigger.head.pos_ == "VERB":
        clause = draft.trigger.head
        tokens.add(clause)
        if any(o.ent_type_ in PLACE_LABELS for o in args.children(clause, "dobj")):
            return True
    return bool(draft.places) or any(
        location_spans(t) or time_spans(t, t.sent) for t in tokens
    )


def _content_clause(noun: Token) -> bool:
    """ "a demonstration that this is not true": a that-clause saying what the noun shows,
    not a relative clause about it ("the attack that killed 20")."""
    for clause in args.children(noun, "acl", "relcl", "ccomp"):
        marked = any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        if marked and args.children(clause, "nsubj", "nsubjpass", "expl"):
            return True
    return False


def _background_tally(draft: Draft) -> bool:
    """ "400,000 have been killed", "ten million have been driven from their homes": a war's
    running total, with no doer, place or time, is background, not an event."""
    if draft.actors or _situated(draft):
        return False
    verb = draft.trigger
    verb = verb.head if verb.dep_ == "conj" and not args.children(verb, "nsubj") else verb
    patients = args.children(verb, "nsubjpass", "nsubj")
    return any(_large_count(p) for p in patients)


def _large_count(token: Token) -> bool:
    count = parse_count(token.doc[token.left_edge.i : token.i + 1].text)
    return count is not None and count >= 1000


def _commentary(draft: Draft) -> bool:
    """Opinion, conditions, generic statements: "If they attack ...", "every time they go on a
    raid", "Attacking the army will make ...", "we will now have a demonstration that ..."."""
    return args.commentary_reason(draft.anchor) is not None


def attach_magnitudes(drafts: list[Draft], found: list[tuple[Token, Magnitude]]) -> None:
    preferred = {"killed": "ASSAULT", "injured": "ASSAULT", "arrested": "COERCE"}
    for cue, magnitude in found:
        by_trigger = {d.trigger.i: d for d in drafts if not d.derived}
        owner = next((by_trigger[a.i] for a in [cue, *cue.ancestors] if a.i in by_trigger), None)
        kind = preferred.get(magnitude.kind)
        owner = owner or next((d for d in drafts if d.type == kind), None)
        owner = owner or next((d for d in drafts if not d.derived), None)
        if owner is not None:
            owner.magnitudes.append(magnitude)


def clause_depth(token: Token, lex: Lexicon) -> int:
    """How many event-bearing clauses and phrases sit above the token (reporting verbs free)."""
    depth, below = 0, token
    for ancestor in token.ancestors:
        if ancestor.pos_ == "VERB" and not _frames_main_clause(ancestor, below, lex):
            depth += 1
        elif ancestor.dep_ == "prep" and ancestor.head.pos_ == "VERB" and token.pos_ == "NOUN":
            depth += 1
        elif ancestor.pos_ == "NOUN" and below.dep_ in ("acl", "relcl", "ccomp"):
            depth += 1  # a clause inside a noun phrase: "its demand that Israel ease..."
        below = ancestor
    return depth


def _frames_main_clause(verb: Token, clause: Token, lex: Lexicon) -> bool:
    """ "X said that ..." frames the clause it reports; "refused to meet him, saying he would
    only welcome him in Jerusalem" tells what was said beside a deed of its own, and
    "reiterated its demand that Israel ease ..." only what was asked."""
    if verb.lemma_.lower() not in lex.reporting_verbs:
        return False
    if clause.dep_ == "ccomp" and _speech_act_object(verb, lex) is not None:
        return False
    return not (verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"))


def _speech_act_object(verb: Token, lex: Lexicon) -> Token | None:
    """The demand, threat or refusal a verb voices: "reiterated its demand"."""
    obj = args.direct_object(verb)
    reading = read_noun(obj, lex) if obj is not None else None
    return obj if reading is not None and reading.type in CONTENT_TYPES else None


def confidence(draft: Draft, lex: Lexicon) -> float:
    """A ranking score: main-clause verbal events with actors first, reported or embedded last."""
    verbal = not draft.is_noun or draft.anchor != draft.trigger
    score = 0.5 + (0.15 if verbal else 0.0)
    score += 0.15 if draft.actors else 0.0
    score += 0.05 if draft.targets else 0.0
    score -= 0.08 * min(clause_depth(draft.anchor, lex), 4)
    score -= 0.05 if draft.claimant is not None and draft.reporter is not None else 0.0
    score -= 0.1 if draft.negated else 0.0
    score -= 0.2 if draft.trigger.dep_ in ("amod", "compound") else 0.0  # "US-backed rebels"
    score += 0.1 if draft.derived else 0.0
    return round(min(0.95, max(0.05, score)), 3)


def _spans(tokens: list[Token]) -> tuple[SpanTuple, ...]:
    seen: dict[tuple[int, int], SpanTuple] = {}
    for token in tokens:
        span = phrase_span(token)
        seen.setdefault(span[:2], span)
    return tuple(seen.values())


def to_mention(draft: Draft, sentence: Span, article: str, lex: Lexicon) -> EventMention:
    trigger = draft.trigger
    claimant = phrase_span(draft.claimant) if draft.claimant is not None else None
    return EventMention(
        article=article, sentence_start=sentence.start_char, sentence_end=sentence.end_char,
        trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger), trigger=trigger.text,
        type=draft.type, mode=draft.mode, actors=_spans(draft.actors),
        targets=_spans(draft.targets), negated=draft.negated, hypothetical=draft.hypothetical,
        claimed_by=claimant, magnitudes=tuple(draft.magnitudes),
        location_spans=tuple(dict.fromkeys(list(_spans(draft.places)) + location_spans(
            draft.anchor) + (
            location_spans(trigger) if trigger != draft.anchor else []))),
        time_spans=tuple(dict.fromkeys(time_spans(draft.anchor, sentence))),
        confidence=confidence(draft, lex),
    )  # fmt: skip


def code_sentence(
    span: Span, article: str = "", lexicon: Lexicon | None = None
) -> list[EventMention]:
    """The PLOVER event mentions of one parsed sentence, in trigger order."""
    lex = lexicon or load_lexicon()
    drafts = find_drafts(span, lex)
    question = span.text.rstrip().endswith("?")
    for draft in drafts:
        fill_arguments(draft, lex)
        fill_flags(draft, lex, question)
    drafts = [d for d in merge_restatements(drafts) if _worth_keeping(d) and not _commentary(d)]
    if question:  # "How are they going to assist ...?" asks about what may never happen
        drafts = [d for d in drafts if not args.hypothetical(d.anchor, d.type, lex)]
    # "How are they going to assist ...?" intends, refuses or demands nothing
    derived = [] if question else _derive(drafts, span, lex)
    drafts = [d for d in drafts if not d.superseded] + derived
    attach_magnitudes(drafts, find_magnitudes(span, lex.magnitude_cues))
    drafts.sort(key=lambda d: (d.trigger.i, d.derived))
    return [to_mention(d, span, article, lex) for d in drafts]


def code_events(doc: Doc, article: str = "") -> list[EventMention]:
    """The PLOVER event mentions of every sentence of a parsed document."""
    lex = load_lexicon()
    return [m for sentence in doc.sents for m in code_sentence(sentence, article, lex)]
