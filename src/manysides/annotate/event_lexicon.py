"""The PLOVER lexicon (data/plover_lexicon.yaml) as lookup tables for the event coder."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from manysides.errors import ConfigError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
COOPERATIVE_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)
LEXICON_FILE = "plover_lexicon.yaml"


@dataclass(frozen=True)
class Reading:
    """What a word means as an event: a PLOVER type and, when the word says it, a mode."""

    type: str
    mode: str | None = None


@dataclass(frozen=True)
class LexEntry:
    """One lexicon word: its default reading and what its object or modifiers change."""

    reading: Reading
    objects: dict[str, Reading | None] = field(default_factory=dict)
    modifiers: dict[str, Reading] = field(default_factory=dict)
    needs: str | None = None
    only_objects: bool = False
    # {subject lemma: reading}: what arrives says what happened ("a convoy reached the town").
    subjects: dict[str, Reading | None] = field(default_factory=dict)
    subject_is_target: bool = False  # "Russia will have to account for ...": Russia is warned
    # Prepositions whose object this word aims at besides its type's: "offered troops to X".
    target_preps: frozenset[str] = frozenset()
    # The reading when the one let or made to act is a named person or a political party:
    # "allowed opposition leader X to hold a rally" eases a restriction on political freedom.
    persons: Reading | None = None
    # {complement verb lemma: reading}: "ordered the paper to suspend publication" coerces it.
    complements: dict[str, Reading | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, LexEntry]
    nouns: dict[str, LexEntry]
    type_targets: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    accusing_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    failing_verbs: frozenset[str]
    weapons: frozenset[str]
    hostile_targets: frozenset[str]
    person_nouns: frozenset[str]
    not_actors: frozenset[str]
    political_persons: frozenset[str]
    magnitude_cues: dict[str, str]  # lemma -> kind


def parse_reading(value: str, where: str) -> Reading:
    """ "ASSAULT/airstrike" -> Reading("ASSAULT", "airstrike")."""
    kind, _, mode = str(value).partition("/")
    if kind not in PLOVER_TYPES:
        raise ConfigError(f"{LEXICON_FILE}: {where}: unknown PLOVER type {kind!r}")
    return Reading(kind, mode or None)


def _optional_readings(table: dict[str, Any] | None, where: str) -> dict[str, Reading | None]:
    table = table or {}
    return {
        str(word): None if value is None else parse_reading(value, f"{where}/{word}")
        for word, value in table.items()
    }


def parse_entry(value: Any, where: str) -> LexEntry:
    if not isinstance(value, dict):
        return LexEntry(parse_reading(value, where))
    reading = Reading(parse_reading(value["type"], where).type, value.get("mode"))
    modifiers = {k: v for k, v in _optional_readings(value.get("modifiers"), where).items() if v}
    return LexEntry(
        reading=reading,
        objects=_optional_readings(value.get("objects"), where),
        modifiers=modifiers,
        needs=value.get("needs"),
        only_objects=bool(value.get("only_objects")),
        subjects=_optional_readings(value.get("subjects"), where),
        subject_is_target=bool(value.get("subject_is_target")),
        target_preps=frozenset(str(p) for p in value.get("target_preps") or ()),
        persons=parse_reading(value["persons"], f"{where}/persons") if "persons" in value else None,
        complements=_optional_readings(value.get("complements"), where),
    )


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word) for word in raw.get(key) or ())


def _magnitude_cues(raw: dict[str, Any]) -> dict[str, str]:
    return {
        str(word): kind for kind, words in (raw.get("magnitude_cues") or {}).items()
        for word in words
    }  # fmt: skip


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    """The lookup tables from the parsed YAML document."""
    return Lexicon(
        verbs={k: parse_entry(v, f"verbs/{k}") for k, v in raw["verbs"].items()},
        nouns={k: parse_entry(v, f"nouns/{k}") for k, v in raw["nouns"].items()},
        type_targets={k: frozenset(v) for k, v in raw["type_targets"].items()},
        light_verbs=_words(raw, "light_verbs"),
        reporting_verbs=_words(raw, "reporting_verbs"),
        accusing_verbs=_words(raw, "accusing_verbs"),
        intent_verbs=_words(raw, "intent_verbs"),
        failing_verbs=_words(raw, "failing_verbs"),
        weapons=_words(raw, "weapons"),
        hostile_targets=_words(raw, "hostile_targets"),
        person_nouns=_words(raw, "person_nouns"),
        not_actors=_words(raw, "not_actors"),
        political_persons=_words(raw, "political_persons"),
        magnitude_cues=_magnitude_cues(raw),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, parsed once per process."""
    source = resources.files("manysides.data").joinpath(LEXICON_FILE)
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        return build_lexicon(raw)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"{LEXICON_FILE}: cannot be read as the PLOVER lexicon ({exc})") from exc
