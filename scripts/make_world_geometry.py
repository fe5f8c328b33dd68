"""Write src/manysides/data/world.json, the country outlines the HTML report draws.

Provenance: Natural Earth 1:110m "admin 0 countries" (public domain, naturalearthdata.com), in
the low-resolution copy that the `pyogrio` wheel ships as a test fixture
(pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp).

Run by hand, once, when the geometry should change; never at install time:

    pip install pyogrio pyshp        # one-off tools, not manysides dependencies
    python scripts/make_world_geometry.py

Coordinates are rounded to 0.1 degree and consecutive duplicate points dropped, which keeps
the file small enough to bundle and plenty for a world map.
"""

from __future__ import annotations

import json
from pathlib import Path

SOURCE = "Natural Earth 1:110m admin 0 (public domain)"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "manysides" / "data" / "world.json"
PRECISION = 1  # decimals of a degree
# This Natural Earth release leaves some codes as "-99"; these have well-known ones.
ISO_A3_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}


def shapefile_path() -> Path:
    import pyogrio

    fixtures = Path(pyogrio.__file__).parent / "tests" / "fixtures"
    return fixtures / "naturalearth_lowres" / "naturalearth_lowres.shp"


def rounded_ring(points: list) -> list[list[float]]:
    """The ring at 0.1 degree, without repeated consecutive points."""
    ring: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, PRECISION), round(lat, PRECISION)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def rings_of(shape) -> list[list[list[float]]]:
    bounds = [*shape.parts, len(shape.points)]
    rings = (rounded_ring(shape.points[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
    return [ring for ring in rings if len(ring) >= 4]  # a closed ring needs 3 corners + 1


def read_countries(path: Path) -> list[dict]:
    import shapefile

    with shapefile.Reader(str(path)) as reader:
        names = [field[0] for field in reader.fields[1:]]
        countries = []
        for shape_record in reader.iterShapeRecords():
            record = dict(zip(names, shape_record.record, strict=True))
            rings = rings_of(shape_record.shape)
            if rings:
                code = ISO_A3_FIXES.get(record["name"], record["iso_a3"])
                countries.append({"iso_a3": code, "name": record["name"], "rings": rings})
    return countries


def main() -> None:
    countries = read_countries(shapefile_path())
    payload = {"source": SOURCE, "countries": countries}
    OUTPUT.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(countries)} countries, {OUTPUT.stat().st_size // 1024} KB to {OUTPUT.name}")


if __name__ == "__main__":
    main()
