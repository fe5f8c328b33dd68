"""The curated actor list: who the news talks about, under every name, with their offices.

`load_actors()` reads `data/actors.yaml` once per process into an `ActorBase` that the link
stage queries by normalised name (`name_key`), by office and date (`holders`), and for
countries, demonyms and government metonyms ("Moscow", "the Kremlin"). `entity_ruler_patterns()`
turns the same list into spaCy EntityRuler patterns so the statistical NER sees "Lavrov" as a
person and "Jabhat Fateh al-Sham" as an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from anyascii import anyascii

from manysides.errors import ConfigError

ACTOR_TYPES = ("PERSON", "ORG", "ARMED_GROUP", "OTHER")
RULER_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "ARMED_GROUP": "ORG", "OTHER": "ORG"}

# Arabic article forms that writers attach, detach or drop at will ("al-Assad", "Assad").
_PARTICLE_PREFIX = re.compile(r"\b(?:al|el|ad|adh|an|ar|as|ash|at|ath|az|ud|ul|ur|us)-", re.I)
_PARTICLES = {"al", "el"}
# Spelling variants that should not split one actor in two.
_TOKEN_VARIANTS = {
    "defence": "defense", "programme": "program", "organisation": "organization",
    "centre": "center", "mohammed": "muhammad", "mohammad": "muhammad", "mohamed": "muhammad",
    "muhammed": "muhammad", "mohamad": "muhammad", "qaida": "qaeda", "hussain": "hussein",
    "husayn": "hussein", "abdallah": "abdullah", "usama": "osama", "yousef": "yusuf",
    "youssef": "yusuf", "sergey": "sergei", "dmitri": "dmitry", "dmitriy": "dmitry",
}
# Words that open a name in running text without being part of it ("President Assad").
_LEADING_TITLES = {
    "president", "mr", "mrs", "ms", "dr", "gen", "general", "sheikh", "shaikh", "sen", "senator",
    "rep", "minister", "secretary", "prime", "premier", "chancellor", "ayatollah", "colonel",
    "col", "lt", "maj", "major", "adm", "admiral", "king", "queen", "prince", "emir", "sir",
    "pope", "former", "late", "chairman", "commander", "spokesman", "spokeswoman",
}
_OFFICE_WORDS = _LEADING_TITLES | {
    "foreign", "defense", "state", "envoy", "ambassador", "leader", "spokesperson", "chief",
    "minister", "un", "us", "head", "official", "deputy", "vice",
}
# Short aliases that are ordinary English words in capitals are kept out of the ruler.
_RULER_STOPWORDS = {"WHO", "IS", "AP", "AU", "RIA", "RT", "Ban", "Xi", "Amnesty", "Hillary",
                    "Congress", "Wagner", "Anadolu", "Sputnik", "Saddam", "Nusra", "Qaeda"}


@dataclass(frozen=True)
class Role:
    """An office an actor held: `country` is an ISO2 code or an organisation ("UN", "NATO")."""

    title: str
    country: str
    start: str  # ISO date
    end: str | None = None  # None while in office

    def held_on(self, day: str) -> bool:
        return self.start <= day[:10] and (self.end is None or day[:10] < self.end)


@dataclass(frozen=True)
class Actor:
    """One entry of the curated list."""

    id: str
    name: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    metonyms: tuple[str, ...] = ()  # stand for this actor only when used as an actor
    seats: tuple[str, ...] = ()  # always stand for this actor


@dataclass(frozen=True)
class CountryForms:
    """How news names a country and its government, beyond the country's own name."""

    code: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Title:
    """An office and the phrases that name it; `default` is whose office it is by default."""

    name: str
    phrases: tuple[str, ...]
    default: str | None = None


@dataclass(eq=False)  # hashed by identity, so lookups on it can be cached
class ActorBase:
    """The curated list, indexed for lookups by normalised name."""

    actors: dict[str, Actor]
    titles: dict[str, Title]
    countries: dict[str, CountryForms]
    _by_key: dict[str, str] = field(default_factory=dict)
    _by_exact: dict[str, str] = field(default_factory=dict)  # case-sensitive short acronyms
    _country_keys: dict[str, str] = field(default_factory=dict)
    _demonym_keys: set[str] = field(default_factory=set)
    _metonyms: dict[str, str] = field(default_factory=dict)  # key -> actor id or "country:XX"
    _seats: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for actor in self.actors.values():
            self._index_actor(actor)
        for forms in self.countries.values():
            self._index_country(forms)

    def _index_actor(self, actor: Actor) -> None:
        for alias in (actor.name, *actor.aliases):
            if _is_short_acronym(alias):
                self._by_exact.setdefault(alias, actor.id)
            else:
                self._by_key.setdefault(name_key(alias), actor.id)
        for metonym in actor.metonyms:
            self._metonyms.setdefault(name_key(metonym), actor.id)
        for seat in actor.seats:
            self._seats.setdefault(name_key(seat), actor.id)

    def _index_country(self, forms: CountryForms) -> None:
        target = f"country:{forms.code}"
        for name in forms.names:
            self._country_keys.setdefault(name_key(name), forms.code)
        for demonym in forms.demonyms:
            self._country_keys.setdefault(name_key(demonym), forms.code)
            self._demonym_keys.add(name_key(demonym))
        for metonym in forms.metonyms:
            self._metonyms.setdefault(name_key(metonym), target)
        for seat in forms.seats:
            self._seats.setdefault(name_key(seat), target)

    # -- lookups -------------------------------------------------------------------------
    def match(self, text: str) -> Actor | None:
        """The curated actor this surface form names, if any."""
        stripped = _strip_article(text.strip())
        actor_id = self._by_exact.get(stripped) or self._by_key.get(name_key(stripped))
        if actor_id is None and not _is_short_acronym(stripped):
            actor_id = self._by_key.get(name_key(stripped, drop_titles=True))
        if actor_id is None:
            actor_id = self._person_after_office(name_key(stripped))
        return self.actors.get(actor_id) if actor_id else None

    def _person_after_office(self, key: str) -> str | None:
        """"Russian Foreign Minister Sergei Lavrov" tagged as one name: the person at its end."""
        tokens = key.split()
        for first in range(1, len(tokens) - 1):
            if not set(tokens[:first]) & _OFFICE_WORDS:
                continue
            actor_id = self._by_key.get(" ".join(tokens[first:]))
            if actor_id and self.actors[actor_id].type == "PERSON":
                return actor_id
        return None

    def country_code(self, text: str) -> str | None:
        """ISO2 code of a country name, short form or demonym ("Russian" -> "RU")."""
        return _cached_country_code(self, text)

    def _country_code(self, text: str) -> str | None:
        key = name_key(text)
        if not key:
            return None
        code = _gazetteer_country(text)
        return code or self._country_keys.get(key)

    def is_demonym(self, text: str) -> bool:
        key = name_key(text)
        if key in self._demonym_keys:
            return True
        gaz = _gazetteer()
        return bool(gaz and gaz.is_demonym(text))

    def metonym(self, text: str) -> str | None:
        """Actor id or "country:XX" a capital stands for when used as an actor ("Moscow")."""
        key = name_key(text)
        target = self._metonyms.get(key)
        if target is None and key not in self._country_keys:
            gaz = _gazetteer()
            info = gaz.country_by_capital(text) if gaz else None
            target = f"country:{info.iso2}" if info else None
        return target

    def seat(self, text: str) -> str | None:
        """Actor id or "country:XX" a seat of government always stands for ("the Kremlin")."""
        return self._seats.get(name_key(text))

    def holders(self, title: str, qualifier: str | None, day: str | None) -> list[Actor]:
        """Actors holding `title` for `qualifier` (ISO2 or organisation) on `day`."""
        found = []
        for actor in self.actors.values():
            for role in actor.roles:
                if role.title != title or (qualifier and role.country != qualifier):
                    continue
                if day is None or role.held_on(day):
                    found.append(actor)
                    break
        return found

    def country_name(self, code: str) -> str:
        gaz = _gazetteer()
        info = gaz.country(code) if gaz else None
        if info:
            return info.name
        forms = self.countries.get(code)
        return forms.names[0] if forms and forms.names else code


@lru_cache(maxsize=1 << 18)  # names repeat across a corpus; the key is pure and costs regexes
def name_key(text: str, drop_titles: bool = False) -> str:
    """A comparison key for a name: ASCII, lowercase, no punctuation, no 'the', no 'al-'.

    "Bashar al-Assad", "Bashar al Assad" and "BASHAR AL-ASSAD" share one key; so do
    "Ashton B. Carter" and "Ashton Carter", and "Russia's Defence Ministry" and
    "Russia Defense Ministry".
    """
    plain = anyascii(text).replace("\u2019", "'")
    plain = re.sub(r"\b([OoDd])'\s*(?=[A-Z])", r"\1", plain)  # "O' Hanlon" = "O'Hanlon"
    plain = re.sub(r"'s\b|'(?=\s|$)", "", plain)
    plain = _PARTICLE_PREFIX.sub("", plain)
    plain = re.sub(r"[.'`]", "", plain.lower())
    tokens = [t for t in re.split(r"[^a-z0-9&]+", plain) if t]
    tokens = [_TOKEN_VARIANTS.get(t, t) for t in tokens if t not in _PARTICLES]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    if drop_titles:
        while len(tokens) > 1 and tokens[0] in _LEADING_TITLES:
            tokens = tokens[1:]
    if len(tokens) > 2:  # middle initials: "George W. Bush"
        tokens = [tokens[0], *[t for t in tokens[1:-1] if len(t) > 1], tokens[-1]]
    return " ".join(tokens)


@lru_cache(maxsize=1 << 16)
def _cached_country_code(base: ActorBase, text: str) -> str | None:
    return base._country_code(text)


def _strip_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _is_short_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3


# -- the gazetteer of the annotate stage, when present ---------------------------------------
def _gazetteer():
    try:
        from manysides.annotate.gazetteer import gazetteer
    except ImportError:  # the link stage still works with the curated country forms
        return None
    try:
        return gazetteer()
    except Exception:  # noqa: BLE001 - a broken optional resource must not stop linking
        return None


def _gazetteer_country(text: str) -> str | None:
    gaz = _gazetteer()
    if gaz is None:
        return None
    info = gaz.country_by_name(text)
    return info.iso2 if info else None


# -- loading ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_actors() -> ActorBase:
    """The curated actor list (read once per process)."""
    source = resources.files("manysides") / "data" / "actors.yaml"
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"data/actors.yaml: cannot read the actor list ({exc})") from exc
    try:
        return _build_base(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"data/actors.yaml: malformed entry ({exc})") from exc


def _build_base(raw: dict) -> ActorBase:
    actors = [_parse_actor(entry) for entry in raw["actors"]]
    titles = {name: _parse_title(name, spec) for name, spec in raw["titles"].items()}
    countries = {
        str(code): _parse_country(str(code), spec) for code, spec in raw["countries"].items()
    }
    return ActorBase({a.id: a for a in actors}, titles, countries)


def _parse_actor(entry: dict) -> Actor:
    if entry["type"] not in ACTOR_TYPES:
        raise ValueError(f"{entry['id']}: type {entry['type']!r} is not one of {ACTOR_TYPES}")
    roles = tuple(
        Role(r["title"], str(r["country"]), str(r["start"]), _optional_date(r.get("end")))
        for r in entry.get("roles") or ()
    )
    return Actor(
        id=entry["id"],
        name=entry["name"],
        type=entry["type"],
        country=entry.get("country"),
        aliases=_strings(entry.get("aliases")),
        roles=roles,
        metonyms=_strings(entry.get("metonyms")),
        seats=_strings(entry.get("seats")),
    )


def _parse_title(name: str, spec: dict) -> Title:
    return Title(name, _strings(spec["phrases"]), spec.get("default"))


def _parse_country(code: str, spec: dict) -> CountryForms:
    return CountryForms(
        code,
        _strings(spec.get("names")),
        _strings(spec.get("demonyms")),
        _strings(spec.get("metonyms")),
        _strings(spec.get("seats")),
    )


def _strings(values) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def _optional_date(value) -> str | None:
    return str(value) if value is not None else None


# -- spaCy patterns ---------------------------------------------------------------------------
def entity_ruler_patterns() -> list[dict]:
    """EntityRuler patterns (exact case) for the curated names, labelled as spaCy's NER would."""
    base = load_actors()
    patterns: dict[tuple[str, str], dict] = {}
    for actor in base.actors.values():
        label = RULER_LABELS[actor.type]
        for alias in (actor.name, *actor.aliases):
            if _safe_for_ruler(alias):
                patterns.setdefault((alias, label), {"label": label, "pattern": alias,
                                                     "id": actor.id})
    return list(patterns.values())


def _safe_for_ruler(alias: str) -> bool:
    """Ambiguous short forms are left to the statistical NER and the link stage."""
    if alias in _RULER_STOPWORDS or alias.lower().startswith("the "):
        return False
    letters = alias.replace(".", "")
    if len(letters) <= 2:
        return alias in {"UN", "EU", "U.N.", "E.U."}
    return alias[0].isupper() or alias[:3].lower() in {"al-", "al ", "de "}
