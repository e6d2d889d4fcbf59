"""Public tracking: no key, no personal data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from jalin.api.shipment_models import TrackOut
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, EngineDep
from jalin.services.shipments import reading

router = APIRouter(prefix="/v1/track", tags=["tracking"])


@router.get("/{number}", response_model=TrackOut)
def track(
    number: Annotated[str, Path(min_length=1, max_length=40)], _: Public, engine: EngineDep, atlas: AtlasDep
) -> dict[str, Any]:
    """Status, places (district, regency, province), planned delivery, ETA and the timeline.

    No names, phones or street addresses. A number with a wrong check digit is 422 `invalid_number`.
    """
    return reading.track(engine, atlas, number)
