"""Who did it, to whom, and under what modality: arguments and flags read off the parse."""

from __future__ import annotations

from spacy.tokens import Token

from manysides.annotate.event_lexicon import Lexicon
from manysides.annotate.event_spans import conjuncts, is_pronoun

MODALS = frozenset(
    {"would", "could", "may", "might", "should", "must", "can", "shall", "will", "'d", "'ll",
     "ought", "wo", "ca"}
)  # fmt: skip
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATING_ADVERBS = frozenset({"never", "not", "n't", "no", "nowhere", "hardly"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
WH_WORDS = frozenset({"how", "whether", "what", "when", "where", "why", "which", "who", "if"})
# Verbs that accuse someone of an event named in their "of"/"for" phrase.
ACCUSING_FRAMES = frozenset(
    {"accuse", "blame", "charge", "condemn", "criticize", "criticise", "denounce", "fault",
     "suspect", "convict", "indict", "sue", "hold", "punish", "sanction", "attack"}
)  # fmt: skip
# Nouns naming a proposal, a policy or a relation, whose real participant sits inside them.
ABSTRACT_NOUNS = frozenset(
    {"proposal", "offer", "demand", "call", "appeal", "plan", "request", "policy", "statement",
     "resolution", "decision", "talk", "tie", "relation", "aid", "support", "effort", "presence",
     "role", "action", "move", "program", "programme", "right", "removal", "release",
     "resignation", "withdrawal", "claim", "report", "initiative", "idea", "bid", "position",
     "view", "stance", "suggestion", "invitation", "commitment", "promise", "pledge",
     "assistance", "cooperation", "negotiation", "dialogue", "contact", "agreement", "deal",
     "government", "regime", "administration", "leadership", "behaviour", "behavior",
     "conduct", "involvement", "interference", "failure", "refusal", "rights", "member"}
)  # fmt: skip
OBJECT_CONTROL_HINTS = frozenset({"urge", "ask", "call", "press", "pressure", "force", "order",
                                  "tell", "persuade", "encourage", "invite", "beg", "allow",
                                  "permit", "help", "warn", "remind", "push", "convince",
                                  "compel", "oblige", "instruct", "authorize", "authorise",
                                  "enable", "get", "lead", "prompt", "require", "request",
                                  "advise", "implore", "direct", "command"})  # fmt: skip


def children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def has_to(verb: Token) -> bool:
    """Whether the verb is a to-infinitive ("to send", "to fight")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def prep_objects(token: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the given prepositions attached to the token ("on Aleppo" -> Aleppo)."""
    found: list[Token] = []
    for prep in children(token, "prep", "agent"):
        if prep.lower_ in preps:
            found.extend(children(prep, "pobj", "pcomp"))
    return found


def is_question_clause(clause: Token) -> bool:
    """ "if there are new things", "what the US will do", "how to help": an indirect question."""
    if any(m.lower_ in ("if", "whether") for m in children(clause, "mark")):
        return True
    first = clause.doc[clause.left_edge.i]
    return first.lower_ in WH_WORDS and first.dep_ in ("advmod", "nsubj", "dobj", "attr", "mark")


# Harm done to a bare count is passive even when the parser misses it: "400,000 killed,
# countless thousands detained and tortured".
HARM_TRANSITIVE = frozenset(
    {"kill", "detain", "torture", "arrest", "injure", "wound", "jail", "imprison", "execute",
     "abduct", "kidnap", "displace", "massacre", "slaughter", "murder", "maim", "behead"}
)  # fmt: skip
COUNT_WORDS = frozenset({"thousand", "hundred", "million", "dozen", "score"})


def _counted_patient(verb: Token) -> bool:
    if verb.lemma_.lower() not in HARM_TRANSITIVE or children(verb, "aux", "dobj"):
        return False
    return any(s.pos_ == "NUM" or s.lemma_.lower() in COUNT_WORDS
               for s in children(verb, "nsubj"))  # fmt: skip


# "were engaged in fighting", "was involved in the raid", "is committed to opening up": the
# subject is a doer, not a patient.
STATE_PARTICIPLES = {"engage": "in", "involve": "in", "commit": "to"}


def is_passive(verb: Token) -> bool:
    prep = STATE_PARTICIPLES.get(verb.lemma_.lower())
    if prep is not None and any(p.lower_ == prep and p.dep_ == "prep" for p in verb.children):
        return False
    if children(verb, "nsubjpass", "auxpass"):
        return True
    if verb.tag_ in ("VBN", "VBD") and _counted_patient(verb):
        return True
    participle = verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("acl", "amod")
    return participle and not children(verb, "nsubj", "aux")


COMPASS_POINTS = frozenset(
    {f"{a}{b}" for a in ("north", "south", "") for b in ("east", "west", "")} - {""}
    | {"north-east", "north-west", "south-east", "south-west"}
)  # fmt: skip


def located_party(token: Token) -> Token:
    """ "captured by rebels southwest of Aleppo": the parser may take the compass point for the
    noun and the party for its modifier; the party is the noun, the direction only places it."""
    if token.lower_ not in COMPASS_POINTS or not prep_objects(token, {"of"}):
        return token
    modifiers = [c for c in token.lefts if c.dep_ in ("compound", "nmod", "amod")]
    return modifiers[-1] if modifiers and modifiers[-1].pos_ in ("NOUN", "PROPN") else token


def agents(verb: Token) -> list[Token]:
    """The doers of a passive verb: "by" phrases (the parser calls some of them prep)."""
    found = [obj for agent in children(verb, "agent") for obj in children(agent, "pobj")]
    if not found:
        found = [obj for prep in children(verb, "prep") if prep.lower_ == "by"
                 for obj in children(prep, "pobj") if obj.ent_type_ not in ("DATE", "TIME")]
    return [located_party(obj) for obj in found]


# Nouns that count or spread out the deeds their "of" phrase names: "launched a wave of
# airstrikes", "held a new round of talks", "began three days of war games".
SERIES_NOUNS = frozenset(
    {"wave", "series", "round", "spate", "barrage", "volley", "salvo", "flurry", "string",
     "day", "week", "month", "hour", "night"}
)  # fmt: skip


def _up_to_count(verb: Token) -> list[Token]:
    """ "kidnapped up to 16 advisers": the parser reads "up" as a particle and "to 16
    advisers" as a prepositional phrase, where the count is the object."""
    for up in (c for c in verb.children if c.lower_ == "up" and c.dep_ in ("prt", "advmod")):
        for to in (c for c in [*up.children, *verb.children] if c.lower_ == "to"):
            counted = [o for o in children(to, "pobj") if any(
                n.dep_ == "nummod" for n in o.children)]  # fmt: skip
            if counted and to.i == up.i + 1:
                return counted
    return []


def through_series(token: Token) -> Token:
    """The deed a series noun counts ("a wave of airstrikes" -> airstrikes), else the token."""
    if token.lemma_.lower() in SERIES_NOUNS:
        inner = prep_objects(token, {"of"})
        if inner and inner[0].pos_ == "NOUN":
            return inner[0]
    return token


def direct_object(verb: Token) -> Token | None:
    found = children(verb, "dobj") or _up_to_count(verb)
    if found:
        return through_series(found[0])
    if is_passive(verb):
        patients = children(verb, "nsubjpass") or children(verb, "nsubj")
        if patients:
            return patients[0]
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a ceasefire negotiated by Kerry"
    return None


def accusing_frame(token: Token) -> Token | None:
    """The accusing verb when the token names what someone is accused of."""
    prep = token.head
    if token.dep_ in ("pcomp", "pobj") and prep.dep_ == "prep" and prep.lower_ in (
        "of", "for", "over", "with"
    ):
        verb = prep.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in ACCUSING_FRAMES:
            return verb
    return None


def _controller(verb: Token) -> list[Token]:
    """Who does an infinitive: the object for "urged X to", else the governing subject."""
    head = verb.head
    objects = children(head, "dobj")
    if objects and head.lemma_.lower() in OBJECT_CONTROL_HINTS:
        return conjuncts(objects[0])
    return subjects(head)


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The doers of a verb: its subject, the passive agent, or one inherited from the clause."""
    if depth > 6:
        return []
    if is_passive(verb):
        doers = agents(verb) or [c for c in children(verb, "npadvmod") if is_entity(c)]
        return [t for agent in doers for t in conjuncts(agent)]  # "US-backed rebels": the US
    found = [located_party(s) for s in children(verb, "nsubj", "csubj", "expl", "nsubjpass")
             if not is_dateline_or_time(s)]  # fmt: skip
    prefix = _split_prefix(verb)
    if not found and prefix is not None:
        return subjects(prefix, depth + 1)  # "re-imposed": the parser hangs the clause on "re"
    if found:
        subject = found[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return conjuncts(verb.head)
        return [t for t in conjuncts(subject) if t.dep_ != "expl"]
    return _inherited_subjects(verb, depth)


HYPHEN_PREFIXES = frozenset({"re", "co", "pre", "counter"})


def _split_prefix(verb: Token) -> Token | None:
    """The "re" of "re-imposed", which the tokenizer splits off and the parser makes the verb."""
    doc, i = verb.doc, verb.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in HYPHEN_PREFIXES:
        return doc[i - 2]
    return None


def _inherited_subjects(verb: Token, depth: int) -> list[Token]:
    head, dep = verb.head, verb.dep_
    if head == verb:
        return []
    frame = accusing_frame(verb)
    if frame is not None:
        accused = direct_object(frame)
        return conjuncts(accused) if accused is not None else []
    if dep == "xcomp" or (dep == "advcl" and verb.tag_ in ("VB", "VBG")):
        return _controller(verb) if dep == "xcomp" else subjects(head, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
        return subjects(head, depth + 1)
    if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        return [] if has_to(verb) else conjuncts(head)  # "a plan to send troops": not the plan
    if dep in ("acomp", "oprd") or head.pos_ == "ADJ":
        return subjects(head, depth + 1)
    if dep == "pcomp" and head.lower_ in SHARED_SUBJECT_PREPS and head.head.pos_ == "VERB":
        return subjects(head.head, depth + 1)  # "made clear after meeting O'Brien"
    if dep == "pcomp" and head.head.pos_ == "ADJ":
        return subjects(head.head, depth + 1)  # "Iran never tires of supporting Assad"
    if dep == "pcomp" and _spent_amount(head.head):
        return subjects(head.head.head, depth + 1)  # "Iran spent $100 billion in backing Assad"
    if dep == "pcomp" and head.lower_ == "as" and is_passive(head.head):
        # "it is widely seen as bolstering Assad": the one seen so does it
        return [t for s in children(head.head, "nsubjpass") for t in conjuncts(s)]
    return []


def _spent_amount(token: Token) -> bool:
    """An amount a verb's subject puts into the deed ("spent $100 billion in", "lost 500 men
    in"): the parser hangs the deed on the amount, but the subject does it."""
    counted = token.pos_ == "NUM" or token.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")
    return counted and token.dep_ == "dobj" and token.head.pos_ == "VERB"


# "made clear after meeting O'Brien", "before leaving Kabul": the clause's subject did it.
SHARED_SUBJECT_PREPS = frozenset({"after", "before", "while", "since", "upon", "on", "by", "in"})


TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "dawn",
     "dusk", "weekend", "week", "month", "year", "day", "hour"}
)  # fmt: skip
DASHES = frozenset({"—", "–", "--", "-"})


def _paragraph_start(token: Token) -> bool:
    return token.i == 0 or "\n" in token.doc[token.i - 1].text_with_ws


def _capitals_run(token: Token) -> tuple[int, int] | None:
    """Token bounds of the all-capitals words around the token ("LA PAZ"), if it is one."""
    doc = token.doc

    def capital(t: Token) -> bool:
        return t.is_alpha and t.is_upper and len(t.text) > 1

    if not capital(token):
        return None
    left, right = token.i, token.i
    while left > 0 and capital(doc[left - 1]) and not _paragraph_start(doc[left]):
        left -= 1
    while right + 1 < len(doc) and capital(doc[right + 1]):
        right += 1
    return left, right


def is_dateline(token: Token) -> bool:
    """ "PUNO, 12 October (AP) —": a place in capitals opening a paragraph, then a date or dash.

    The parser often makes that place the subject of the first sentence's verb."""
    run = _capitals_run(token)
    if run is None or not _paragraph_start(token.doc[run[0]]):
        return False
    following = token.doc[run[1] + 1 : run[1] + 12]
    if not len(following) or following[0].text not in {",", *DASHES}:
        return False
    dated = any(t.ent_type_ in ("DATE", "TIME") for t in following[:4])
    return dated or any(t.text in DASHES for t in following)


def is_time(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in TIME_WORDS


def is_dateline_or_time(token: Token) -> bool:
    return is_time(token) or is_dateline(token)


# Things that do the hitting but are not who hit: the actor of "shells struck" is unknown.
INSTRUMENT_NOUNS = frozenset(
    {"shell", "rocket", "missile", "bomb", "mortar", "drone", "artillery", "fire", "gunfire",
     "shrapnel", "bullet", "grenade", "explosive", "weapon", "munition", "projectile", "mine",
     "barrel", "shot", "round", "salvo", "barrage", "volley", "blast", "explosion", "ied",
     "landmine", "gas", "airstrike", "strike", "raid", "attack", "fighting", "violence",
     "clash", "shelling", "bombing", "bombardment", "crossfire"}
)  # fmt: skip
NON_ACTOR_ENTITY_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY", "CARDINAL", "LOC"}
)  # fmt: skip


def can_act(token: Token) -> bool:
    """Whether a token may stand for an actor: not a weapon, a date, a dateline or a place."""
    if token.lemma_.lower() in INSTRUMENT_NOUNS or token.lower_ in INSTRUMENT_NOUNS:
        return token.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")  # not "Artillery"
    if token.ent_type_ in NON_ACTOR_ENTITY_LABELS and token.pos_ != "PRON":
        return token.ent_type_ == "CARDINAL" and token.pos_ == "NOUN"  # "dozens of rebels"
    return not is_dateline_or_time(token)


ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
POSSESSIVES = frozenset({"its", "their", "his", "her"})
INNER_PREPS = frozenset({"with", "to", "of", "from", "by", "for", "between", "against", "on"})


def is_entity(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ENTITY_LABELS


def inner_entity(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "poss" and not is_pronoun(child) and child.lower_ not in POSSESSIVES:
            return child
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and is_entity(child):
            return child
    for obj in prep_objects(token, INNER_PREPS):
        if is_entity(obj):
            return obj
    return None


def participant(token: Token, lex: Lexicon) -> Token | None:
    """The actor inside an abstract object: "a US offer" -> US, "talks with Russia" -> Russia.

    Things and abstractions with an actor inside give that actor ("an admission by Moscow");
    an event noun with nobody inside ("agreed a ceasefire") is no participant at all.
    """
    lemma = token.lemma_.lower()
    if is_entity(token) or lemma in lex.person_nouns or lemma in lex.hostile_targets:
        return token
    abstract = lemma in ABSTRACT_NOUNS or lemma in lex.nouns
    inner = inner_entity(token) if abstract or token.pos_ == "NOUN" else None
    if inner is not None:
        return inner
    for obj in prep_objects(token, {"with", "to", "of", "from", "by", "for", "between"}):
        if obj.pos_ in ("NOUN", "PRON") and lemma in ABSTRACT_NOUNS:
            return participant(obj, lex) if obj.lemma_.lower() in ABSTRACT_NOUNS else obj
    event_noun = lemma in lex.nouns and lex.nouns[lemma].needs is None
    return None if event_noun else token


def in_condition(verb: Token) -> bool:
    """Whether the verb heads an "if"/"unless" clause or sits inside one."""
    current = verb
    for _ in range(6):
        if any(m.lower_ in CONDITIONAL_MARKS for m in children(current, "mark")):
            return True
        if current.head == current or current.dep_ not in ("conj", "xcomp", "ccomp", "advcl"):
            return False
        current = current.head
    return False


NOBODY = frozenset({"nothing", "nobody", "none", "no-one"})


def _no_participant(verb: Token) -> bool:
    """ "No counselling was offered", "no one was hurt", "signed nothing": negated participant."""
    participants = children(verb, "nsubj", "nsubjpass", "dobj")
    return any(arg.lower_ in NOBODY for arg in participants) or any(
        det.dep_ == "det" and det.lower_ == "no" for arg in participants for det in arg.children
    )


def negated(trigger: Token, anchor: Token, lex: Lexicon) -> bool:
    """Negation on the trigger or its clause: "not", "never", "no airstrikes", "failed to"."""
    if anchor.pos_ == "VERB" and _no_participant(anchor):
        return True
    for token in {trigger, anchor}:
        for child in token.children:
            if child.dep_ == "neg" or (
                child.dep_ in ("advmod", "det") and child.lower_ in NEGATING_ADVERBS
            ):
                return True
        if token.dep_ == "xcomp" and (
            token.head.lemma_.lower() in lex.failing_verbs or refusing_head(token.head, lex)
        ):
            return True
    return False


# Words whose complement someone will not do: "proved unwilling to maintain the ceasefire".
REFUSING_WORDS = frozenset({"unwilling", "reluctant", "loath", "loth"})


def refusing_head(head: Token, lex: Lexicon) -> bool:
    """ "unwilling to", "not going to", "has no intention to": the complement is refused."""
    if head.lemma_.lower() in REFUSING_WORDS or head.lower_ in REFUSING_WORDS:
        return True
    intent = head.lemma_.lower() in lex.intent_verbs or head.lemma_.lower() == "go"
    return intent and any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)


def _has_modal(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.head.children)
    return False


def conditional_clause(verb: Token) -> Token | None:
    """The "if"/"unless" clause attached to the verb, if any."""
    for child in children(verb, "advcl"):
        if any(m.lower_ in CONDITIONAL_MARKS for m in children(child, "mark")):
            return child
    return None


def _infinitive(verb: Token) -> bool:
    return verb.dep_ in ("xcomp", "advcl") and has_to(verb)


def _gerund_of(verb: Token) -> Token | None:
    """The verb a gerund completes through a preposition ("join Russia in fighting")."""
    prep = verb.head
    if verb.dep_ == "pcomp" and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX"):
        return prep.head
    return None


def _governed_by_intent(verb: Token, lex: Lexicon) -> bool:
    """ "commits both sides to halt hostilities, to let convoys reach the town": every act in
    the chain of complements under an intent verb is only intended."""
    current = verb
    for _ in range(4):
        if _gerund_of(current) is not None:
            current = _gerund_of(current)  # "will join Russia in fighting": as "join" is
            if _has_modal(current):
                return True
        head = current.head
        if head == current or current.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
            return False
        if current.dep_ in ("xcomp", "ccomp") and (
            head.lemma_.lower() in lex.intent_verbs or head.lemma_.lower() == "go"
        ):
            return True
        if _infinitive(current) and (_has_modal(head) or conditional_clause(head)):
            return True  # "would have worked together to target extremists"
        current = head
    return False


# Nouns whose "of" phrase is only possible, not said to happen: "hope of an agreement".
POSSIBILITY_NOUNS = frozenset(
    {"hope", "prospect", "possibility", "chance", "likelihood", "risk", "danger", "threat",
     "option", "idea", "fear"}
)  # fmt: skip


def _only_possible(token: Token) -> bool:
    """ "the latest casualty is hope of a US-Russia agreement", "the possibility of expanded
    sanctions", "the risk of a military confrontation": hoped for, feared, not happened."""
    prep = token.head
    return (token.dep_ in ("pobj", "pcomp") and prep.lower_ == "of"
            and prep.head.lemma_.lower() in POSSIBILITY_NOUNS)  # fmt: skip


def hypothetical(anchor: Token, event_type: str, lex: Lexicon) -> bool:
    """Modal, future, planned, demanded or conditional: the event is not said to have happened."""
    if any(_only_possible(t) for t in (anchor, *anchor.ancestors)):
        return True  # "the prospect of any initiative to get the Russians to back off"
    verb = clause_verb(anchor)
    if verb is None:
        return False
    if _has_modal(verb) or _governed_by_intent(verb, lex):
        return True
    if any(m.lower_ in CONDITIONAL_MARKS for m in children(verb, "mark")):
        return True
    speech_act = event_type in ("THREATEN", "REQUEST", "ACCUSE", "REJECT")
    return not speech_act and conditional_clause(verb) is not None


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause a token belongs to (itself when it is a verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or (current.pos_ == "ADJ" and current.dep_ == "ROOT"):
            return current
        if current.head == current:
            return None
        current = current.head
    return None


def claimant(anchor: Token, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """(who claims it, the reporting verb) when the event sits in someone's report or charge."""
    frame = accusing_frame(anchor)
    if frame is not None:
        return _first(subjects(frame)), frame
    verb = clause_verb(anchor)
    for _ in range(6):
        if verb is None or verb.head == verb:
            break
        according = _according_to(verb)
        if according is not None:
            return according, None
        if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in lex.reporting_verbs:
            return _first(subjects(verb.head)), verb.head
        if verb.dep_ not in ("conj", "xcomp", "advcl", "acomp"):
            break
        verb = verb.head
    return (_according_to(verb), None) if verb is not None else (None, None)


def _according_to(verb: Token) -> Token | None:
    for prep in children(verb, "prep"):
        if prep.lower_ == "according":
            for obj in (g for c in prep.children for g in [c, *c.children] if g.dep_ == "pobj"):
                return obj
    return None


def _first(tokens: list[Token]) -> Token | None:
    return tokens[0] if tokens else None


# ---------------------------------------------------------------- commentary, not events

# Verbs of wanting: what one does not want done ("does not want them to supply") is no event.
DESIRE_VERBS = frozenset({"want", "wish", "intend", "plan", "mean", "hope", "expect", "need"})
# "no point in continuing to talk", "no intention of complying": nothing happens in there.
EMPTY_FRAME_NOUNS = frozenset(
    {"point", "indication", "sign", "evidence", "need", "sense", "reason", "use", "intention",
     "plan", "way", "desire", "interest", "chance", "question", "doubt", "consensus",
     "decision"}
)  # fmt: skip
# "there is discussion about lifting opposition to allies sending arms": a topic, not an act.
TOPIC_NOUNS = frozenset(
    {"discussion", "debate", "deliberation", "consideration", "speculation", "talk", "idea"}
)  # fmt: skip
# What is feared or risked has not happened: "the risk that such weapons could be used to shoot
# down airliners", "officials feared that the rebels would...".
APPREHENSION_WORDS = frozenset(
    {"risk", "fear", "danger", "possibility", "prospect", "chance", "concern", "worry",
     "likelihood", "hope", "worried", "afraid", "imagine", "suppose", "wonder"}
)  # fmt: skip
HABITUAL_NOUNS = frozenset({"time", "occasion"})
HABITUAL_WORDS = frozenset({"whenever", "every", "each"})


def commentary_reason(anchor: Token) -> str | None:
    """Why the clause of an event trigger tells no event, or None when it may tell one:
    "condition" ("if they attack ..."), "generic" (a gerund subject: "attacking the army will
    make..."; "every time they go on a raid"), "question" ("how to help"), "unwanted" ("does
    not want them to supply"), "empty frame" ("no point in continuing to talk")."""
    below: Token | None = None
    for current in [anchor, *anchor.ancestors]:
        reason = _clause_reason(current, below)
        if reason is not None:
            return reason
        below = current
    return None


def _clause_reason(current: Token, below: Token | None) -> str | None:
    if current.dep_ in ("csubj", "csubjpass") or (
        current.dep_ == "nsubj" and current.tag_ == "VBG" and current.pos_ == "VERB"
    ):
        return "generic"
    if current.pos_ in ("VERB", "AUX") and _marked(current, CONDITIONAL_MARKS):
        return "condition"
    if _habitual(current):
        return "generic"
    if current.pos_ == "VERB" and _wh_infinitive(current):
        return "question"
    if current.dep_ in ("xcomp", "ccomp") and _negated_desire(current.head):
        return "unwanted"
    if current.dep_ in ("acl", "ccomp") and _apprehended(current):
        return "feared"
    if below is not None and below.dep_ in ("acl", "relcl", "prep", "ccomp") and _empty_frame(
        current
    ):
        return "empty frame"
    if below is not None and below.dep_ == "prep" and _topic(current, below):
        return "topic"
    return None


def _topic(noun: Token, prep: Token) -> bool:
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in TOPIC_NOUNS:
        return False
    return prep.lower_ in ("about", "on", "over", "of", "regarding")


def _apprehended(clause: Token) -> bool:
    """ "the risk that weapons could fall...", "feared that ... would": a that-clause of fear."""
    head = clause.head.lemma_.lower()
    if clause.head.pos_ == "VERB" and head == "fear":
        return True
    return head in APPREHENSION_WORDS and _marked(clause, frozenset({"that"}))


def _marked(verb: Token, marks: frozenset[str]) -> bool:
    return any(m.lower_ in marks for m in children(verb, "mark"))


def _habitual(token: Token) -> bool:
    """ "every time they go on a raid", "whenever they strike": what keeps happening."""
    if token.lemma_.lower() in HABITUAL_NOUNS and token.dep_ in ("npadvmod", "advmod", "pobj"):
        return any(d.dep_ == "det" and d.lower_ in HABITUAL_WORDS for d in token.children)
    return any(c.dep_ in ("advmod", "mark") and c.lower_ == "whenever" for c in token.children)


def _wh_infinitive(verb: Token) -> bool:
    """ "on how to help the opposition", "whether to strike": a question, not an act."""
    if not has_to(verb):
        return False
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in WH_WORDS for c in verb.children)


def _negated_desire(verb: Token) -> bool:
    if verb.lemma_.lower() not in DESIRE_VERBS:
        return False
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in verb.children)


def _empty_frame(noun: Token) -> bool:
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in EMPTY_FRAME_NOUNS:
        return False
    return any(d.dep_ == "det" and d.lower_ == "no" for d in noun.children)
