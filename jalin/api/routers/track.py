"""Public tracking: no key, no personal data."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse

from jalin.api.shipment_models import TrackOut
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, EngineDep
from jalin.services.shipments import reading

router = APIRouter(prefix="/v1/track", tags=["tracking"])


def _wants_a_page(request: Request) -> bool:
    """A browser (a phone that scanned the label's QR code) asks for HTML and not for JSON."""
    accept = request.headers.get("accept", "").lower()
    return "text/html" in accept and "application/json" not in accept


@router.get(
    "/{number}",
    response_model=TrackOut,
    responses={303: {"description": "A browser asking for HTML is sent to the page /lacak/{number}"}},
)
def track(
    number: Annotated[str, Path(min_length=1, max_length=40)],
    _: Public,
    engine: EngineDep,
    atlas: AtlasDep,
    request: Request,
) -> dict[str, Any] | RedirectResponse:
    """Status, places (district, regency, province), planned delivery, ETA and the timeline.

    No names, phones or street addresses. A number with a wrong check digit is 422 `invalid_number`.
    This is also the URL in the label's QR code: a browser that opens it (asking for HTML) is
    redirected to the tracking page `/lacak/{number}`, which shows the same view in Indonesian.
    """
    if _wants_a_page(request):
        return RedirectResponse(f"/lacak/{quote(number.strip(), safe='')}", status_code=303)
    return reading.track(engine, atlas, number)
