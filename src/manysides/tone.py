"""Sentence tone from a small polarity lexicon of our own, with negation.

    sentence_tone(text, weights=None) -> float in (-1, 1)

Tone here is how favourably the words of a sentence cast what it talks about, as war reporting
uses them: "killed", "bombed", "condemned" pull down, "peace", "agreed", "helped" pull up. It is
deliberately plain (no model download, runs anywhere); the loaded-term lexicon in framing.py
adds the outlet-specific colour on top.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

# Strength 1 = mildly, 2 = clearly, 3 = strongly evaluative.
_NEGATIVE = {
    3: "atrocity barbaric bloodthirsty brutal butcher catastrophe catastrophic coward cowardly "
    "criminal crime evil genocide horrific horror massacre murder murderous slaughter terror "
    "terrorism torture tyranny tyrant vicious war-crime",
    2: "abuse accuse aggression annihilate assault attack ban betray betrayal blame blockade "
    "bomb bombard bombing burn chaos condemn corrupt corruption crisis danger dangerous dead "
    "deadly death deny deplore destroy destruction devastate devastation die disaster enemy "
    "execute exploit explosion fail failure false fear flee fraud grief harm hostile illegal "
    "illegitimate injure injured kill lie loot menace misery occupy oppress outrage panic "
    "propaganda rape reckless refuse reject ruin sabotage shell siege slander smuggle starve "
    "suffer suffering threat threaten tragedy tragic victim violate violation violence "
    "violent wound wreck",
    1: "against alarm allege anger angry arrest blow cancel clash collapse combat concern "
    "conflict cut damage deteriorate difficult displace doubt escalate fight fighting force "
    "hardship hide hunger insist lack lose loss missing neglect poor pressure problem "
    "protest raid retaliate risk scarce shortage struggle tension unrest urgent warn weapon "
    "worry worse",
}
_POSITIVE = {
    3: "heroic hero liberate liberation noble peace peaceful triumph",
    2: "agree agreement aid assist brave ceasefire commit commitment constructive cooperate "
    "cooperation courage dialogue dignity free freedom friendly generous good great help hope "
    "humanitarian justice legitimate patriotic protect reconcile relief rescue respect "
    "restore safe safety save secure success support thank truce trust welcome",
    1: "achieve allow calm care clear confirm deliver donate ensure fair improve negotiate "
    "offer open praise progress promise provide rebuild recover reform return stable "
    "stability steady talk",
}
NEGATORS = frozenset(
    {"not", "no", "never", "without", "nor", "neither", "nobody", "nothing", "none", "cannot",
     "n't", "hardly", "barely", "denied", "deny", "denies", "false"}
)  # fmt: skip
NEGATION_REACH = 3  # a negator flips the evaluative words within this many tokens after it
NEGATED_FACTOR = -0.6  # "not peaceful" is less negative than "violent" is
SATURATION = 6.0  # how fast the summed polarity approaches +-1
_TOKEN = re.compile(r"[a-z]+(?:[-'’][a-z]+)*")
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s", "d", "ly", "ers", "er")


def _build_lexicon() -> dict[str, float]:
    lexicon: dict[str, float] = {}
    for sign, table in ((-1.0, _NEGATIVE), (1.0, _POSITIVE)):
        for strength, words in table.items():
            for word in words.split():
                lexicon[word] = sign * strength
    return lexicon


LEXICON = _build_lexicon()


def word_polarity(token: str) -> float:
    """The polarity of one lower-case token, trying its inflected forms' stems."""
    if token in LEXICON:
        return LEXICON[token]
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            stem = token[: -len(suffix)]
            for candidate in (stem, stem + "e", stem + "y", stem[:-1]):
                if candidate in LEXICON:
                    return LEXICON[candidate]
    return 0.0


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("n't", " n't"))


def raw_polarity(words: Sequence[str], weights: Sequence[float] | None = None) -> float:
    """Sum of word polarities, negated words flipped and damped; `weights` scale each word."""
    total, since_negator = 0.0, NEGATION_REACH + 1
    for index, word in enumerate(words):
        if word in NEGATORS or word == "n't":
            since_negator = 0
            continue
        since_negator += 1
        polarity = word_polarity(word)
        if not polarity:
            continue
        if since_negator <= NEGATION_REACH:
            polarity *= NEGATED_FACTOR
        total += polarity * (weights[index] if weights else 1.0)
    return total


def squash(total: float) -> float:
    """Map an unbounded sum into (-1, 1), the way the sum grows with more evaluative words."""
    return total / math.sqrt(total * total + SATURATION)


def sentence_tone(text: str) -> float:
    """Tone of one sentence in (-1, 1): negative words pull down, positive ones up."""
    return squash(raw_polarity(tokens(text)))
