"""Indonesian geography: regions, postal codes, time zones, points and address resolution."""

from functools import cache

from jalin.geo.atlas import Area, Atlas, Level, Point, get_atlas, normalize_code
from jalin.geo.resolve import AddressResolver, PlaceRef, QueryError, Resolution
from jalin.geo.zones import Zone, zone_of


@cache
def get_resolver() -> AddressResolver:
    """The process-wide resolver over the process-wide atlas."""
    return AddressResolver(get_atlas())


__all__ = [
    "AddressResolver",
    "Area",
    "Atlas",
    "Level",
    "PlaceRef",
    "Point",
    "QueryError",
    "Resolution",
    "Zone",
    "get_atlas",
    "get_resolver",
    "normalize_code",
    "zone_of",
]
