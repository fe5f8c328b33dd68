"""Score geoparsing (`find_places`) against GeoWebNews.

    python -m eval.score_geo [--limit N]

Gold toponyms are the GeoWebNews toponyms that have coordinates, less the adjectival ones
("Syrian", "European": demonyms and modifiers, which `find_places` leaves to the link stage by
design). A prediction that lands on such an adjectival gold span is neither right nor wrong.

Detection: a predicted span matches a gold toponym when they overlap (also reported: exact
spans). Resolution, over matched toponyms: accuracy at 161 km (100 miles, the usual figure,
as mordecai reports it), at 1 km ("exact"), and mean / median error in km. A matched
prediction without coordinates counts as a miss at the maximum distance.
"""

from __future__ import annotations

import argparse
import math
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from eval.common import PRF, dataset

EARTH_RADIUS_KM = 6371.0
MAX_ERROR_KM = 20_037.5  # half the circumference: a miss as bad as it gets


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    kind: str  # GeoWebNews type: Literal, Metonymic, Embedded_Non_Lit, ...
    lat: float | None
    lon: float | None
    scored: bool  # has coordinates and is not adjectival
    neutral: bool  # adjectival or a demonym: predictions here are neither right nor wrong


@dataclass(frozen=True)
class GoldArticle:
    key: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def load_geowebnews(limit: int | None = None) -> list[GoldArticle]:
    """The GeoWebNews articles with their gold toponyms, in file order."""
    root = ET.parse(dataset("geowebnews") / "GWN.xml").getroot()
    articles = [_read_article(node) for node in root.iter("article")]
    return articles[:limit] if limit else articles


def _read_article(node) -> GoldArticle:
    toponyms = tuple(_read_toponym(t) for t in node.iter("toponym"))
    return GoldArticle(node.get("file", ""), node.findtext("text") or "", toponyms)


def _read_toponym(node) -> GoldToponym:
    lat, lon = node.findtext("latitude"), node.findtext("longitude")
    adjectival = (node.findtext("modifierType") or "") == "Adjective"
    has_point = bool(lat and lon)
    return GoldToponym(
        start=int(node.findtext("start")),
        end=int(node.findtext("end")),
        text=node.findtext("extractedName") or "",
        kind=node.findtext("type") or "",
        lat=float(lat) if has_point else None,
        lon=float(lon) if has_point else None,
        scored=has_point and not adjectival,
        neutral=adjectival or node.findtext("type") == "Demonym",
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class GeoTally:
    """Running counts over articles."""

    overlap: PRF
    exact: PRF
    errors_km: list[float]
    recall_by_kind: Counter
    gold_by_kind: Counter

    @classmethod
    def empty(cls) -> GeoTally:
        return cls(PRF(), PRF(), [], Counter(), Counter())


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def tally_article(gold: GoldArticle, predicted: list, tally: GeoTally) -> None:
    """Add one article's predictions (PlaceMention-like objects) to the tally."""
    scored = [t for t in gold.toponyms if t.scored]
    neutral = [t for t in gold.toponyms if t.neutral]
    counted = [p for p in predicted if not _only_neutral(p, scored, neutral)]
    tally.overlap.predicted += len(counted)
    tally.exact.predicted += len(counted)
    tally.overlap.gold += len(scored)
    tally.exact.gold += len(scored)
    used: set[int] = set()
    for toponym in scored:
        tally.gold_by_kind[toponym.kind] += 1
        match = _best_match(toponym, counted, used)
        if match is None:
            continue
        used.add(id(match))
        tally.recall_by_kind[toponym.kind] += 1
        tally.overlap.true_positives += 1
        if (match.start, match.end) == (toponym.start, toponym.end):
            tally.exact.true_positives += 1
        tally.errors_km.append(_error_km(match, toponym))


def _only_neutral(prediction, scored: list[GoldToponym], neutral: list[GoldToponym]) -> bool:
    """A prediction on an adjectival gold span (and no scored one) does not count."""
    return _hits(prediction, neutral) and not _hits(prediction, scored)


def _hits(prediction, pool: list[GoldToponym]) -> bool:
    return any(_overlaps(prediction.start, prediction.end, t.start, t.end) for t in pool)


def _best_match(toponym: GoldToponym, predicted: list, used: set[int]):
    options = [p for p in predicted if id(p) not in used
               and _overlaps(p.start, p.end, toponym.start, toponym.end)]
    if not options:
        return None
    return max(options, key=lambda p: min(p.end, toponym.end) - max(p.start, toponym.start))


def _error_km(prediction, toponym: GoldToponym) -> float:
    if prediction.lat is None or prediction.lon is None:
        return MAX_ERROR_KM
    return distance_km(prediction.lat, prediction.lon, toponym.lat, toponym.lon)


def summarise(tally: GeoTally) -> dict[str, float]:
    errors = tally.errors_km
    within = lambda km: sum(e <= km for e in errors) / len(errors) if errors else 0.0  # noqa: E731
    return {
        "precision": tally.overlap.precision,
        "recall": tally.overlap.recall,
        "f1": tally.overlap.f1,
        "exact_span_f1": tally.exact.f1,
        "acc161": within(161.0),
        "acc1": within(1.0),
        "mean_error_km": statistics.fmean(errors) if errors else 0.0,
        "median_error_km": statistics.median(errors) if errors else 0.0,
        "matched": float(len(errors)),
        "gold": float(tally.overlap.gold),
        "predicted": float(tally.overlap.predicted),
    }


def score(limit: int | None = None, batch_size: int = 16) -> tuple[dict[str, float], GeoTally]:
    """Run the real pipeline over GeoWebNews; returns the figures and the raw tally."""
    from manysides.annotate.nlp import load_nlp
    from manysides.annotate.places import find_places

    articles = load_geowebnews(limit)
    nlp = load_nlp()
    tally = GeoTally.empty()
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        tally_article(article, find_places(doc, article.key), tally)
    return summarise(tally), tally


def _print_table(figures: dict[str, float], tally: GeoTally) -> None:
    print(f"{'metric':<18}{'value':>10}")
    for name, value in figures.items():
        print(f"{name:<18}{value:>10.3f}")
    print(f"\n{'gold type':<22}{'gold':>6}{'found':>7}{'recall':>8}")
    for kind, count in tally.gold_by_kind.most_common():
        found = tally.recall_by_kind[kind]
        print(f"{kind:<22}{count:>6}{found:>7}{found / count:>8.3f}")


def main() -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles")
    options = parser.parse_args()
    figures, tally = score(options.limit)
    _print_table(figures, tally)
    return figures


if __name__ == "__main__":
    main()
