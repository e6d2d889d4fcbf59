"""Keeps the `regions` table in step with the atlas (provinces, regencies, districts)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from jalin.geo.atlas import Atlas, Level
from jalin.storage.tables import regions


def sync_regions(engine: Engine, atlas: Atlas) -> int:
    """Insert the regions the table lacks; return how many were added (0 on a second run)."""
    with engine.begin() as conn:
        present = set(conn.scalars(select(regions.c.code)))
        rows = []
        for level in (Level.PROVINCE, Level.REGENCY, Level.DISTRICT):
            for area in atlas.areas(level):
                if area.code in present:
                    continue
                point = atlas.point(area.code)
                rows.append(
                    {
                        "code": area.code,
                        "name": area.name,
                        "level": int(area.level),
                        "kind": area.kind,
                        "parent_code": area.parent_code,
                        "zone": area.zone.value,
                        "lat": point.lat if point else None,
                        "lon": point.lon if point else None,
                        "approximate": point.approximate if point else True,
                    }
                )
        if rows:
            conn.execute(regions.insert(), rows)
        return len(rows)


def count_regions(engine: Engine) -> dict[int, int]:
    """Rows per level, e.g. {1: 38, 2: 514, 3: 7285}."""
    with engine.connect() as conn:
        return dict(conn.execute(select(regions.c.level, func.count()).group_by(regions.c.level)).all())
