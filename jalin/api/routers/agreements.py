"""Cooperation agreements: parties, kind, stage (an enforced state machine), terms, documents."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Response, UploadFile
from pydantic import BaseModel, Field

from jalin.api.downloads import content_disposition
from jalin.api.models import AgreementPage
from jalin.api.types import DEFAULT_PAGE, MAX_RUPIAH, BodyDate, BodyId, BodyInt, Cursor, Id, Limit
from jalin.http.auth import Signed, Staff
from jalin.http.deps import AtlasDep, UowDep
from jalin.registry.records import Agreement, StoredDocument
from jalin.registry.rules import AgreementKind, AgreementStage
from jalin.services import registry as svc

router = APIRouter(prefix="/v1/agreements", tags=["agreements"])


class TermsBody(BaseModel):
    fee_per_parcel: BodyInt = Field(default=0, le=MAX_RUPIAH, description="Rupiah per parcel handed over")
    fee_payer: BodyId | None = Field(default=None, description="Member id of the party that pays the fee")
    valid_from: BodyDate | None = None
    valid_until: BodyDate | None = None
    districts: list[str] = Field(
        default_factory=list, description="Where handover is allowed; empty: anywhere"
    )


class AgreementBody(TermsBody):
    title: str = Field(min_length=2, max_length=200)
    kind: AgreementKind
    parties: list[BodyId] = Field(description="Member ids, at least two", max_length=100)
    province_code: str | None = Field(default=None, description="The DPW that carries the agreement")


class StageBody(BaseModel):
    stage: AgreementStage


@router.get("", response_model=AgreementPage)
def list_agreements(
    who: Signed, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """All (admin), those of the officer's region, or those the member is party to; by id, a page
    at a time."""
    return svc.agreements_page(uow, who, cursor=cursor, limit=limit)


@router.post("", status_code=201)
def create_agreement(body: AgreementBody, who: Staff, uow: UowDep, atlas: AtlasDep) -> Agreement:
    return svc.create_agreement(uow, who, atlas, **body.model_dump())


@router.get("/{agreement_id}")
def get_agreement(agreement_id: Id, who: Signed, uow: UowDep) -> Agreement:
    return svc.get_agreement(uow, who, agreement_id)


@router.post("/{agreement_id}/stage")
def move_agreement(agreement_id: Id, body: StageBody, who: Staff, uow: UowDep) -> Agreement:
    """Move through exploring, negotiating, signed, active (suspended), ended; a 409 lists what is allowed.

    An active interline_handover agreement is what the planner uses, from the next quote on."""
    return svc.move_agreement(uow, who, agreement_id, body.stage)


@router.put("/{agreement_id}/terms")
def set_terms(agreement_id: Id, body: TermsBody, who: Staff, uow: UowDep, atlas: AtlasDep) -> Agreement:
    return svc.set_terms(uow, who, atlas, agreement_id, **body.model_dump())


@router.post("/{agreement_id}/documents", status_code=201)
async def upload_document(
    agreement_id: Id, who: Staff, uow: UowDep, file: Annotated[UploadFile, File()]
) -> StoredDocument:
    """Attach a document (signed PDF, minutes); stored with its sha256; at most 5 MB."""
    content = await file.read(svc.MAX_DOCUMENT_BYTES + 1)
    return svc.add_document(uow, who, agreement_id, file.filename or "document", content)


@router.get(
    "/{agreement_id}/documents/{document_id}",
    response_class=Response,
    responses={
        200: {
            "description": "The document's bytes as uploaded",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def download_document(agreement_id: Id, document_id: Id, who: Signed, uow: UowDep) -> Response:
    """The document as uploaded; its sha256 is in the `ETag` and `X-Content-SHA256` headers."""
    doc = svc.get_document(uow, who, agreement_id, document_id)
    return Response(
        doc["content"],
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": content_disposition(doc["filename"]),
            "ETag": f'"{doc["sha256"]}"',
            "X-Content-SHA256": doc["sha256"],
        },
    )
