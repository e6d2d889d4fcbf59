"""A small hand-written valid feed, and helpers to break it one way at a time."""

from __future__ import annotations

from pathlib import Path

VALID_FEED: dict[str, str] = {
    "feed.json": (
        '{"carrier_id": "TESTX", "carrier_name": "Uji Kurir", "feed_version": "2026.11.1",\n'
        ' "valid_from": "2026-01-01", "valid_until": "2027-12-31", "currency": "IDR"}\n'
    ),
    "services.csv": (
        "service_id,name,max_weight_kg,volumetric_divisor,cod\nREG,Reguler,30,6000,1\nEXP,Kilat,20.5,5000,0\n"
    ),
    "facilities.csv": (
        "facility_id,name,kind,area_code,lat,lon,handover\n"
        "JKT,Hub Jakarta,hub,31.71.06,-6.19,106.83,1\n"
        "KDI,Hub Kendari,hub,74.71.01,-3.97,122.59,1\n"
        "LKR,Loker Menteng,locker,31.71.06,,,0\n"
    ),
    "runs.csv": (
        "run_id,service_id,origin,destination,days,departs_at,cutoff_minutes,duration_minutes,base_price,price_per_kg\n"
        "P1,REG,area:31.71,JKT,1111100,15:00,60,120,5000,0\n"
        "L1,REG,JKT,KDI,1111111,22:00,60,300,10000,2000\n"
        "D1,REG,KDI,area:74.71,1111110,08:00,30,240,4000,0\n"
        "P2,EXP,area:31,JKT,1111111,12:00,30,90,8000,0\n"
        "L2,EXP,JKT,KDI,1111111,20:00,60,240,15000,3000\n"
        "D2,EXP,KDI,area:74.71.01,1111111,07:00,30,180,6000,0\n"
        "P3,REG,area:31.71.06,LKR,1111111,09:00,0,30,0,0\n"
        "L3,REG,LKR,JKT,1111111,10:00,0,45,0,0\n"
    ),
    "calendar_dates.csv": "service_id,date,exception_type\nREG,20261225,2\nEXP,2026-12-27,1\n",
}


def write(files: dict[str, str | bytes], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def replace_in(name: str, old: str, new: str) -> dict[str, str]:
    """The valid feed with one substitution in one file (the substitution must apply)."""
    assert old in VALID_FEED[name], (name, old)
    return {**VALID_FEED, name: VALID_FEED[name].replace(old, new, 1)}


def publish(engine, path: Path, atlas, **kwargs):  # type: ignore[no-untyped-def]
    """Publish the feed at `path` as the CLI admin, in one unit of work (as `jalin feed publish`)."""
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.publishing import publish_path
    from jalin.storage.uow import unit_of_work

    with unit_of_work(engine) as uow:
        return publish_path(uow, CLI_ADMIN, path, atlas, **kwargs)


def activate(engine, carrier_id: str, feed_version: str):  # type: ignore[no-untyped-def]
    """Activate a stored version as the CLI admin, in one unit of work."""
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.publishing import activate as activate_version
    from jalin.storage.uow import unit_of_work

    with unit_of_work(engine) as uow:
        return activate_version(uow, CLI_ADMIN, carrier_id, feed_version)
